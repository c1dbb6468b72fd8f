"""Templates compiled in another process while the build loads its articles.

Jinja compiles a template the first time a page asks for it: about 0.3 CPU s for the default theme's
twenty templates, on the build's one busy core in a rebuild, and again in each render worker of a cold
build (they are forked before any template is asked for). ``start`` forks a process, at the start of a
build, that makes the same environment and compiles every template it can see; the build goes on loading
meanwhile. Before rendering, ``install`` takes what it compiled: each template's code, keyed by Jinja's
bytecode-cache key (its name and file) and the hash of its source, reaches this process through
``parallel.Later``'s pipe, as marshal data in JSON. A template whose source is not the one compiled, or
that the other process could not compile (a syntax error, a missing theme), is compiled here as before;
``compile_errors`` tells each that does not compile, before any page is rendered. The code comes only from that forked child of this process, never from
a file or the build cache, which hold data only (docs/cache.md).
"""
from __future__ import annotations

import base64
import marshal
from functools import partial
from pathlib import Path
from typing import Any

import jinja2

from generator.core.errors import Problem
from generator.core.parallel import Later
from generator.load.config import Config

Codes = dict[str, list[str]]
"""Bytecode-cache key → [source checksum, base64 of the marshalled code]."""


def start(config: Config) -> Later[Codes]:
    """Compile every template of ``config``'s site in a forked process; call ``install`` with the result."""
    return Later(partial(_compile_all, config))


def install(env: jinja2.Environment, compiled: Later[Codes] | None) -> None:
    """Load into ``env`` every template it can see, with the code the other process compiled (render workers
    forked after this inherit them); a template it did not compile is compiled here, and one that does not
    compile is told by ``compile_errors``."""
    if compiled is None:
        return
    env.bytecode_cache = _Compiled(compiled())
    _load_all(env)


def _compile_all(config: Config) -> Codes:
    """Run in the forked process: every template the site's environment can load, compiled."""
    from generator.render.theme import find_theme, make_environment  # theme.py imports this module

    recorder = _Recorder()
    try:
        env = make_environment(config, find_theme(config))
    except Exception:  # noqa: BLE001 - the build makes the environment again and reports the problem
        return {}
    env.bytecode_cache = recorder
    _load_all(env)
    return recorder.codes


def compile_errors(env: jinja2.Environment, root: Path) -> list[Problem]:
    """Every template ``env`` can see that does not compile (a syntax error, a filter no one defined), in the words
    a page using it gets (``theme.template_problem``): told in the first run, also when no page uses it yet
    (``templates/page.html`` before the first page), where it waited for the build that first used it. What
    ``install`` or a page loaded comes from the environment's cache; the rest is compiled here, once, for the pages
    too."""
    from generator.render.theme import template_problem

    return [template_problem(e, root) for e in _load_all(env, [n for n in _file_names(env) if _is_template(n, env)])]


def _is_template(name: str, env: jinja2.Environment) -> bool:
    """Whether ``compile_errors`` checks the file ``name``: a theme's template, a project's that overrides one by
    its name (``email.txt``), or a project's ``.html`` (a partial or macro library a template may include). Not a
    note or a README beside them (``notes.txt``, ``README.md``), nor a file ``left_out``: their text may look
    like a template's by chance."""
    if left_out(name):
        return False
    return name.split("/")[0] == "theme" or name.endswith(".html") or _theme_has(env, name)


def left_out(name: str) -> bool:
    """Whether the file ``name`` of a templates folder is one no page can use, which is neither compiled nor read
    (``theme.check_template_files``): an editor's backup, autosave or lock file (``article.html~``,
    ``#article.html#``, ``.#article.html``), any hidden file, or anything in a hidden folder (``.git/``). A ``.``
    part is no hidden name: Jinja skips it (``./_box.html`` is ``_box.html``)."""
    parts = _pieces(name)
    last = parts[-1] if parts else ""
    return any(part.startswith(".") for part in parts) or last.endswith("~") or last.startswith("#")


def visible_name(name: str) -> str:
    """A name for the file ``name`` that ``left_out`` keeps: marks taken off each part, and a hidden file's
    ``.`` made the ``_`` of a partial (``.parts/.box.html~`` → ``parts/_box.html``; ``./.box.html`` →
    ``_box.html``); a part that is only marks (``.~``) becomes ``_``, never empty."""
    parts = _pieces(name)
    kept = [part.lstrip(".#").rstrip("~#") or "_" for part in parts]
    if parts and parts[-1].startswith(".") and kept[-1] != "_":
        kept[-1] = "_" + kept[-1]
    return "/".join(kept)


def _pieces(name: str) -> list[str]:
    """The parts of the template name ``name`` as Jinja reads them (``split_template_path``): an empty or ``.``
    part skipped. (Jinja refuses a ``..`` part as not found, before ``left_out`` is asked.)"""
    return [part for part in name.split("/") if part and part != "."]


def _theme_has(env: jinja2.Environment, name: str) -> bool:
    """Whether the theme has a template named ``name`` (the project's file overrides it)."""
    try:
        env.loader.get_source(env, f"theme/{name}")  # type: ignore[union-attr]
    except Exception:  # noqa: BLE001 - not found, or unreadable: no override to check
        return False
    return True


def _file_names(env: jinja2.Environment) -> list[str]:
    """One name of each template file ``env`` can list: a theme's template by its own name, not again as
    ``theme/<name>`` (compiled under each name, each file would be compiled twice when one job builds)."""
    assert env.loader is not None
    files, names = set(), []
    for name in sorted(_names(env), key=lambda name: name.startswith("theme/")):
        try:
            filename = env.loader.get_source(env, name)[1]
        except Exception:  # noqa: BLE001 - loaded when a page asks for it, which reports the error
            continue
        if filename not in files:
            files.add(filename)
            names.append(name)
    return names


def _names(env: jinja2.Environment) -> list[str]:
    """Every template name ``env`` can list; none when the folders cannot be listed."""
    try:
        return env.list_templates()
    except Exception:  # noqa: BLE001 - each template is loaded when a page asks for it
        return []


def _load_all(env: jinja2.Environment, names: list[str] | None = None) -> list[jinja2.TemplateSyntaxError]:
    """Load every template of ``names`` (by default every one ``env`` can list); the errors of those that do not
    compile. One that does not load for another reason is left for the page that asks for it, which loads it
    again and reports the error."""
    errors = []
    for name in _names(env) if names is None else names:
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as e:
            errors.append(e)
        except Exception:  # noqa: BLE001 - see above
            continue
    return errors


class _Recorder(jinja2.BytecodeCache):
    """Keeps what Jinja compiles, in the forked process."""

    def __init__(self) -> None:
        self.codes: Codes = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        return None

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.codes[bucket.key] = [bucket.checksum, base64.b64encode(marshal.dumps(bucket.code)).decode("ascii")]


class _Compiled(jinja2.BytecodeCache):
    """Gives Jinja the code compiled in the forked process, for a template whose source is the one compiled."""

    def __init__(self, codes: Any) -> None:
        self.codes = codes if isinstance(codes, dict) else {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        found = self.codes.get(bucket.key)
        if isinstance(found, list) and len(found) == 2 and found[0] == bucket.checksum:
            bucket.code = marshal.loads(base64.b64decode(found[1]))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        return None
