"""The Jinja2 environment: where templates are looked up, and the helpers they get.

Lookup order, first match wins:
  1. the site's ``templates/`` folder (config ``templates_dir``);
  2. the theme: ``themes/<theme>/templates/`` in the project, or else the theme of that
     name shipped inside this package.
Every theme template is also reachable as ``theme/<name>``, so a site override can
``{% extends "theme/base.html" %}`` and change one block.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING, Iterable, Iterator, Mapping

if TYPE_CHECKING:  # imported where used: `digest build` with nothing changed never loads Jinja
    import jinja2

    from generator.render.context import SiteEnvironment, SuggestingUndefined

from generator.core.disk import is_utf8
from generator.core.hashing import digest
from generator.load.config import PACKAGE_THEMES, Config, ConfigLines, no_theme, theme_folder
from generator.core.errors import BuildError, Problem, quoted


@dataclass(frozen=True)
class Theme:
    """Where a theme's files are."""

    name: str
    folder: Path

    @property
    def templates(self) -> Path:
        return self.folder / "templates"

    @property
    def static(self) -> Path:
        return self.folder / "static"


def walk_tree(folder: str, follow_links: bool) -> Iterator[tuple[os.DirEntry[str], bool]]:
    """Every entry under ``folder``, each folder's in reverse name order (a stack: the folders come out in name
    order), with whether it is a folder the walk enters. With ``follow_links`` a linked folder is entered too:
    Jinja loads a template through one (partials shared between sites), so listing and hashing templates must see
    it. Each folder is entered once, by its real path: a link back up would never end. A link to a folder that holds
    ``folder`` (``templates/up -> ..``, the project) is not entered: that would take every file of the project, the
    built site and the cache among them, for templates."""
    root = os.path.realpath(folder)
    entered, stack = {root, *(str(p) for p in Path(root).parents)}, [folder]
    while stack:
        try:
            entries = sorted(os.scandir(stack.pop()), key=lambda e: e.name, reverse=True)
        except OSError:
            continue
        for entry in entries:
            into = entry.is_dir(follow_symlinks=False) or follow_links and _linked_folder(entry, entered)
            if into:
                stack.append(entry.path)
            yield entry, into


def _linked_folder(entry: os.DirEntry[str], entered: set[str]) -> bool:
    """Whether ``entry`` is a symbolic link to a folder not in ``entered`` (real paths) yet; if so, it is now."""
    try:
        if not entry.is_symlink() or not entry.is_dir():
            return False
    except OSError:
        return False
    real = os.path.realpath(entry.path)
    if real in entered:
        return False
    entered.add(real)
    return True


def find_theme(config: Config) -> Theme:
    """The project's ``themes/<name>`` if it exists, else the packaged theme of that name."""
    if folder := theme_folder(config.root, config.theme):
        return Theme(config.theme, folder)
    rel, line = ConfigLines(config)("theme")  # gone since the config was read; the environment's file if it names it
    raise BuildError([Problem(rel, line, "theme", no_theme(config.theme))])


def make_environment(config: Config, theme: Theme) -> SiteEnvironment:
    """A strict, autoescaping environment: a template typo is an error, content is always escaped."""
    import jinja2

    from generator.render.context import FollowingLoader, SiteEnvironment, SuggestingUndefined

    check_template_files(config, theme)
    theme_loader = FollowingLoader(str(theme.templates))
    loader = jinja2.ChoiceLoader([
        FollowingLoader(str(config.path(config.templates_dir))),
        jinja2.PrefixLoader({"theme": theme_loader}),
        theme_loader,
    ])
    env = SiteEnvironment(loader=loader, autoescape=True, undefined=SuggestingUndefined,
                          trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                          auto_reload=False)  # one build never sees a template change: no stat per page
    return env


def check_template_files(config: Config, theme: Theme) -> None:
    """Every template file must be readable UTF-8 text; Jinja would otherwise stop with a traceback
    (UnicodeDecodeError, PermissionError) in the middle of rendering. A file ``precompiled.left_out`` names (a
    ``.git/`` folder, an editor's backup) is no template, and is not read."""
    from generator.render.context import FollowingLoader
    from generator.render.precompiled import left_out

    problems: list[Problem] = []
    for folder in (config.path(config.templates_dir), theme.templates):  # as the loader lists them: links followed
        for path in [folder / name for name in FollowingLoader(str(folder)).list_templates() if not left_out(name)]:
            shown = path.relative_to(config.root).as_posix() if path.is_relative_to(config.root) else path.as_posix()
            try:
                if path.is_file():
                    data = path.read_bytes()
                    data.decode("utf-8")
                elif not path.is_dir():  # Jinja lists it, and then cannot load it: a traceback
                    problems.append(Problem(shown, 0, "", "is not a regular file (a FIFO, socket or device), so it "
                                                          "cannot be a template; remove it"))
            except UnicodeDecodeError as e:
                problems.append(Problem(shown, data[: e.start].count(b"\n") + 1, "",
                                        f"template is not valid UTF-8 (byte 0x{data[e.start]:02x}); save it as UTF-8"))
            except OSError as e:
                problems.append(Problem(shown, 0, "", f"template cannot be read ({e.strerror}); make it readable "
                                                      "or remove it"))
    if problems:
        raise BuildError(problems)


def unknown_blocks(config: Config, env: jinja2.Environment) -> list[Problem]:
    """A warning for each block that one of the site's own templates defines but the template it extends (and
    the ones that one extends) never has: Jinja shows such a block nowhere and says nothing ('{% block mian %}'
    for 'main'). Only the site's ``templates/`` is read, and only templates that extend another by name."""
    import difflib

    from jinja2 import TemplateError, nodes

    folder = config.path(config.templates_dir)
    problems: list[Problem] = []

    def blocks_of(name: str, seen: frozenset[str]) -> set[str] | None:
        """Every block ``name`` and its parents have; None when one of them cannot be read or parsed here."""
        if name in seen:
            return None
        try:
            tree = env.parse(*env.loader.get_source(env, name)[:2])  # type: ignore[union-attr]
        except (TemplateError, OSError):
            return None
        found = {b.name for b in tree.find_all(nodes.Block)}
        parent = next(iter(tree.find_all(nodes.Extends)), None)
        if parent is None:
            return found
        if not isinstance(parent.template, nodes.Const):
            return None
        above = blocks_of(parent.template.value, seen | {name})
        return None if above is None else found | above

    for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        shown = path.relative_to(config.root).as_posix() if path.is_relative_to(config.root) else path.as_posix()
        try:
            tree = env.parse(path.read_text("utf-8"), path.name, str(path))
        except (TemplateError, OSError, UnicodeDecodeError):
            continue  # the build reports these where the template is used
        parent = next(iter(tree.find_all(nodes.Extends)), None)
        if parent is None or not isinstance(parent.template, nodes.Const):
            continue
        known = blocks_of(parent.template.value, frozenset({path.relative_to(folder).as_posix()}))
        if known is None:
            continue
        for block in tree.find_all(nodes.Block):
            if block.name not in known:
                near = difflib.get_close_matches(block.name, sorted(known), n=1)
                problems.append(Problem(shown, block.lineno, "", f"block '{block.name}' is not a block of "
                                        f"{parent.template.value} or of what it extends, so it is shown nowhere; "
                                        + (f"did you mean '{near[0]}'?" if near else
                                           f"its blocks: {', '.join(sorted(known))}"), "warning"))
    return problems


def missing_macros(config: Config, theme: Theme, env: jinja2.Environment) -> tuple[list[Problem], frozenset[str]]:
    """One error naming every macro the theme's templates call (``m.when``) that the ``_macros.html`` in use does
    not define: the site's own, or a project theme's; and those macros' names, whose calls rendering then leaves
    unsaid. Rendering told one missing macro a template, with a "did you mean" asking to change the theme's correct
    call, and advice for an override a project theme does not have. The packaged theme's own ``_macros.html`` is not
    read: it has every macro its templates call."""
    from jinja2 import TemplateError, TemplateNotFound, nodes

    from generator.render.context import FollowingLoader
    from generator.render.precompiled import left_out

    loader = env.loader
    assert loader is not None
    try:
        source, filename, _ = loader.get_source(env, "_macros.html")
    except (TemplateNotFound, OSError, UnicodeDecodeError):
        return [], frozenset()  # rendering says what is wrong
    macros = Path(filename or "")
    if macros.is_relative_to(PACKAGE_THEMES):
        return [], frozenset()
    try:
        parsed = env.parse(source)
    except TemplateError:
        return [], frozenset()  # its syntax error is told where it is used
    if parsed.find(nodes.Extends) is not None:  # {% extends "theme/_macros.html" %}: the parent's macros are its own
        return [], frozenset()
    defined = _defined_names(parsed)
    site = config.path(config.templates_dir)
    overridden = {name for name in FollowingLoader(str(site)).list_templates() if not left_out(name)} \
        if site.is_dir() else set()
    extended = {name for over in overridden for name in re.findall(r"""["']theme/([^"']+)["']""",
                                                                     _source(site / over))}
    calls: dict[str, str] = {}  # missing macro → the first place that calls it
    for name in FollowingLoader(str(theme.templates)).list_templates():
        if name in overridden and name not in extended:
            continue  # the site's template of that name runs instead
        try:
            tree = env.parse(_source(theme.templates / name))
        except TemplateError:
            continue
        for node in _macro_calls(tree):
            if node.attr not in defined:
                calls.setdefault(node.attr, f"{name}:{node.lineno}")
    if not calls:
        return [], frozenset()
    own = theme.templates / "_macros.html"
    if macros == own:  # a project theme's own file
        fix = "add them (the packaged theme's _macros.html has each)"
    elif own.is_file():
        copy = _shown(config, own) if own.is_relative_to(config.root) else f"the {theme.name} theme's _macros.html"
        fix = f"add them (copy {copy} here and change only the macros you mean to), or remove this file"
    else:
        fix = "add them"
    listed = ", ".join(f"{quoted(name)} ({where})" for name, where in sorted(calls.items()))
    return [Problem(_shown(config, macros), 0, "", f"lacks macros the theme's templates call: {listed}; {fix}")], \
        frozenset(calls)


def _macro_calls(tree: jinja2.nodes.Node, own_from: float = float("inf"), own: bool = False,
                 ) -> Iterator[jinja2.nodes.Getattr]:
    """The ``m.name`` of a template that read the macros, not those where ``m`` is the template's own: in a
    ``{% for m in months %}`` or ``{% with %}`` that binds it, a macro or call block taking it, and after a
    ``{% set m = ... %}`` to the end of its scope (``own_from``, a line). A template that binds its own ``m`` in
    one place still calls the macros everywhere else (term.html's ``m.ld`` above its month loop)."""
    from jinja2 import nodes

    if isinstance(tree, nodes.Getattr) and isinstance(tree.node, nodes.Name) and tree.node.name == "m" \
            and not own and tree.lineno < own_from:
        yield tree
    if isinstance(tree, (nodes.Template, *_scopes())):
        own = own or any(_binds_m(target) for target in _targets(tree))
        own_from = min([own_from, *(n.lineno for n in _scope_sets(tree) if _binds_m(n.target))])
    for child in tree.iter_child_nodes():
        yield from _macro_calls(child, own_from, own)


def _scopes() -> tuple[type[jinja2.nodes.Node], ...]:
    """The tags whose names stay inside them, as Jinja compiles them (an ``{% if %}`` is none)."""
    from jinja2 import nodes

    return nodes.Block, nodes.For, nodes.Macro, nodes.CallBlock, nodes.With, nodes.FilterBlock


def _binds_m(target: jinja2.nodes.Node) -> bool:
    """Whether a tag's target (``m``, ``k, m``, a macro's argument) names ``m``."""
    from jinja2 import nodes

    return any(isinstance(n, nodes.Name) and n.name == "m" for n in (target, *target.find_all(nodes.Name)))


def _targets(scope: jinja2.nodes.Node) -> list[jinja2.nodes.Node]:
    """What a scope's own tag binds: a loop's target, a macro's or call block's arguments, a with's targets."""
    from jinja2 import nodes

    if isinstance(scope, nodes.For):
        return [scope.target]
    if isinstance(scope, (nodes.Macro, nodes.CallBlock)):
        return list(scope.args)
    return list(scope.targets) if isinstance(scope, nodes.With) else []


def _scope_sets(scope: jinja2.nodes.Node) -> Iterator[jinja2.nodes.Assign | jinja2.nodes.AssignBlock]:
    """The ``{% set %}`` of ``scope`` itself, not of the scopes inside it."""
    from jinja2 import nodes

    for child in scope.iter_child_nodes():
        if isinstance(child, (nodes.Assign, nodes.AssignBlock)):
            yield child
        if not isinstance(child, _scopes()):
            yield from _scope_sets(child)


def _defined_names(tree: jinja2.nodes.Template) -> set[str]:
    """The names a template module exports: its macros and its top-level {% set %}, {% import %} and
    {% from %} names (not those set inside a macro)."""
    from jinja2 import nodes

    found: set[str] = set()
    todo: list[nodes.Node] = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, nodes.Macro):
            found.add(node.name)
            continue
        if isinstance(node, nodes.Import):
            found.add(node.target)
        elif isinstance(node, (nodes.Assign, nodes.AssignBlock)):  # {% set a, b = ... %} too
            found |= {n.name for n in (node.target, *node.target.find_all(nodes.Name)) if isinstance(n, nodes.Name)}
        elif isinstance(node, nodes.FromImport):
            found |= {n[1] if isinstance(n, tuple) else n for n in node.names}
        todo += node.iter_child_nodes()
    return found


def _source(path: Path) -> str:
    """A template's text, or '' when it cannot be read (``check_template_files`` says why)."""
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def raised_in_template(error: BaseException) -> bool:
    """Whether ``error`` came out of a template's own code (``{{ article.title + 1 }}``, ``{{ 1 / 0 }}``): a frame
    of its traceback is a template's, as Jinja rewrites them. Our own code's errors are not dressed as the
    template's."""
    tb = error.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            return True
        tb = tb.tb_next
    return False


def _macro_reads(template: Path, line: int) -> set[str]:
    """The names the macro holding ``line`` of ``template`` looks up itself, not its arguments: {% set %} in the
    template that calls it does not reach those. Empty when no macro holds the line."""
    import jinja2
    from jinja2 import nodes

    try:
        tree = jinja2.Environment().parse(template.read_text("utf-8"))
    except (jinja2.TemplateError, OSError, UnicodeDecodeError):
        return set()
    for macro in tree.find_all(nodes.Macro):
        if macro.lineno <= line <= max(node.lineno for node in macro.find_all(nodes.Node)):
            return {n.name for n in macro.find_all(nodes.Name) if n.ctx == "load"} - {a.name for a in macro.args}
    return set()


def template_problem(error: Exception, root: Path) -> Problem:
    """A template's syntax or runtime error as a Problem naming the template file and line.

    Syntax errors carry their place; for runtime errors (an undefined name, say, or Python's own TypeError in
    an expression) Jinja rewrites the traceback so that template frames point at template lines, and the
    innermost one is where the template went wrong. When that one is the packaged theme's (a partial the editor
    includes, a macro called), the editor's own template and line that reached it are named instead, with the
    packaged template's name and line: the package's file is not the editor's to fix.
    """
    filename: str | None = getattr(error, "filename", None)
    line: int = getattr(error, "lineno", None) or 0
    frames: list[tuple[Path, int]] = []
    scope: Mapping[str, object] = {}  # the innermost template frame's variables
    if filename is None:
        tb = error.__traceback__
        while tb is not None:
            if "__jinja_exception__" in tb.tb_frame.f_globals:
                frames.append((Path(tb.tb_frame.f_code.co_filename), tb.tb_lineno))
                scope = tb.tb_frame.f_locals
            tb = tb.tb_next
        if frames:
            filename, line = str(frames[-1][0]), frames[-1][1]
    message = getattr(error, "message", None) or str(error)
    import jinja2  # loaded already: a template ran or was read
    where = Path(filename) if filename else None
    if not isinstance(error, jinja2.TemplateError):  # Python's own, raised by an expression: say which
        message = _python_message(error, where, line, scope)
    if frames and where is not None and (named := re.search(r"has no '([^']+)'|^'([^']+)' is undefined", message)):
        line = _line_of(where, line, named[1] or named[2])
    own = [(path, n) for path, n in frames if path.is_relative_to(root)]
    inside = where.relative_to(PACKAGE_THEMES).parts if where and where.is_relative_to(PACKAGE_THEMES) else ()
    packaged = "/".join(inside[2:])  # <theme>/templates/<name>
    if packaged and own:
        needed = re.fullmatch(r"'([^']+)' is undefined", message)
        if not needed:
            said = f"stopped: {message}; change what this template gives it, or this template"
        elif where is not None and needed[1] in _macro_reads(where, line):
            said = (f"needs '{needed[1]}' in a macro, which sees its arguments and the site's helpers only "
                    f"({{% set %}} here does not reach inside it): copy {packaged} to your templates/ and change the "
                    f"macro there, to take '{needed[1]}' as an argument or do without it")
        else:
            said = (f"needs '{needed[1]}', which this template does not set; set it before it "
                    f"({{% set {needed[1]} = ... %}}) or change this template")
        return Problem(own[-1][0].relative_to(root).as_posix(), own[-1][1], "",
                       f"template error: the theme's {packaged}:{line}, reached from here, {said}")
    if packaged:  # none of the project's templates led here: named as the theme's, not the installed package's path
        return Problem(f"theme {inside[0]}: templates/{packaged}", line, "",
                       f"template error: {message}; the theme's own template stopped: a template of your "
                       "templates/ that it uses (_macros.html, a partial) lacks what it needs: add it there, or "
                       "remove that override")
    if where is not None and where.is_relative_to(root):
        where = where.relative_to(root)
    path = where.as_posix() if where is not None else "templates"
    own_theme = where is not None and where.parts[:1] == ("themes",)  # no override of the package's to remove
    name = getattr(error, "name", None)
    if (isinstance(error, jinja2.TemplateNotFound) and (where is None or own_theme)
            and any((theme / "templates" / name).is_file() for theme in PACKAGE_THEMES.iterdir())):
        # a template the packaged theme has, gone from the project's theme: a name suggested would mislead
        folder = "/".join(where.parts[:2]) + "/templates/" if where is not None else "the theme's templates/"
        return Problem(path, line, "", f"template error: template {quoted(name)} not found: {folder} has none; "
                                       "put it back (the packaged theme has one to start from)"
                                       + (", or change this template" if where is not None else ""))
    # a project's file named as a template of the packaged theme overrides it, and removing it builds with that
    # one; a partial of its own (templates/_footer_extra.html) overrides nothing, and removing it breaks its includer
    override = (where is not None and not own_theme and len(where.parts) > 1
                and any((theme / "templates" / Path(*where.parts[1:])).is_file() for theme in PACKAGE_THEMES.iterdir()))
    return Problem(path, line, "", f"template error: {message}; fix the template"
                                   + (", or remove your override of it" if override else ""))


def _python_message(error: BaseException, where: Path | None, line: int, scope: Mapping[str, object] = {}) -> str:
    """Python's own error, raised by a template's expression, in the editor's words where what happened is known:
    a typo's value handed to a function (the typo is named), a template that extends itself, a helper given
    none; else Python's words, with the error's name."""
    kind, text = type(error).__name__, str(error)
    if "Undefined" in text:  # 'Object of type SuggestingUndefined is not JSON serializable'
        told = sorted({u._undefined_message for u in _undefined_in_tag(where, line, scope)})
        if len(told) == 1:
            return told[0]
        if told:  # Python's words do not say which of them it refused
            return f"one of these values is undefined: {'; or '.join(told)}"
        plain = text.replace("SuggestingUndefined", "Undefined")
        return (f"a value this tag hands to a function is undefined ({kind}: {plain}); look for a misspelt name or "
                "attribute, or one this page does not have")
    if isinstance(error, RecursionError) and where is not None and (itself := _uses_itself(where, line)):
        return (f"{quoted(itself)} is this template itself, so it uses itself without end; to build on the theme's "
                f"template of that name, write \"theme/{itself}\"")
    if isinstance(error, MemoryError):
        return "MemoryError: the expression makes a value larger than the memory there is; make it smaller"
    helper = _helper_called(error)
    if helper and isinstance(error, (AttributeError, TypeError)):
        given = "none (no value)" if "NoneType" in text else "a value it cannot use"
        return (f"{helper}() was given {given} ({kind}: {text}); give it what it takes, or test the value first "
                "({% if value %})")
    return f"{kind}: {text}" if text else kind


def _undefined_in_tag(where: Path | None, line: int, scope: Mapping[str, object]) -> list[SuggestingUndefined]:
    """The undefined values the tag of ``where`` running at ``line`` can have handed to Python: its variables that
    are undefined (``scope``, the template frame's, as Jinja's rewritten traceback gives them), and the undefined
    values made of late and not handled (``context.recent_undefined``) whose attribute or key the tag reads. The
    last undefined value made is not it: '{% set x = article.titel %}', then others, then 'strftime(x)'."""
    from generator.render.context import SuggestingUndefined, recent_undefined

    read = {value.strip("'\"") for _, kind, value in _tag_tokens(where, line) if kind in ("name", "string")} \
        if where is not None else set()
    found = [value for key, value in scope.items() if isinstance(value, SuggestingUndefined) and key in read]
    return found + [u for u in recent_undefined() if u._undefined_name in read]


def _tag_tokens(template: Path, line: int) -> list[tuple[int, str, str]]:
    """The tokens (line, kind, value) of the tag (``{{ }}``, ``{% %}``) of ``template`` that runs at ``line``, from
    that line on: [] when there is none or the template does not read."""
    import jinja2

    try:
        tokens = list(jinja2.Environment().lex(template.read_text("utf-8")))
    except (jinja2.TemplateError, OSError, UnicodeDecodeError):
        return []
    start = None
    for i, (at, kind, value) in enumerate(tokens):
        if kind in ("variable_begin", "block_begin"):
            start = i
        elif kind in ("variable_end", "block_end") and start is not None:
            if tokens[start][0] <= line <= at:
                return [token for token in tokens[start:i] if token[0] >= line]
            start = None
    return []


def _line_of(template: Path, line: int, name: str) -> int:
    """The line of ``name`` in the tag (``{{ }}``, ``{% %}``) of ``template`` that runs at ``line``: Jinja gives
    a runtime error the line where the expression starts, and one written over several lines may hold the
    undefined name lines below it. ``line`` when the name is not found there."""
    return next((n for n, _, v in _tag_tokens(template, line) if name in (v, v[1:-1])), line)


def _uses_itself(template: Path, line: int) -> str | None:
    """The name by which ``template`` extends, includes or imports itself at ``line`` (``templates/base.html``
    holding '{% extends "base.html" %}': the site's templates come first), or None."""
    try:
        source = template.read_text("utf-8").splitlines()[line - 1]
    except (OSError, UnicodeDecodeError, IndexError):
        return None
    parts = template.parts
    for start in range(len(parts) - 1, 0, -1):  # its name below the templates/ folder it is in
        if parts[start - 1] == "templates":
            name = "/".join(parts[start:])
            if re.search(rf"""["']{re.escape(name)}["']""", source):
                return name
    return None


def _helper_called(error: BaseException) -> str | None:
    """The site's helper (``long_date``, ``m.when``...) that the template called and that raised ``error``: the
    first of the package's functions after the template's last frame; None when it was not one of ours."""
    from generator.render import helpers

    package = Path(__file__).parents[1]
    tb, called = error.__traceback__, None
    while tb is not None:
        code = tb.tb_frame.f_code
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            called = None
        elif called is None and Path(code.co_filename).is_relative_to(package):
            called = code.co_name
        tb = tb.tb_next
    if called is None or called.startswith("_"):
        return None
    return f"m.{called}" if called in helpers.NAMES else called


def static_sources(config: Config, theme: Theme) -> dict[str, Path]:
    """Each static file's output path → the file it is copied from: the theme's ``static/`` (without what only the
    search page uses, when search is off), then the site's, whose file wins on a clash. Dot-files, and files in dot-folders, are left out (an editor's .DS_Store, a .git), but for
    ``.well-known/`` (security.txt, a certificate's challenge, app links), which hosts and browsers look for; so
    are symbolic links."""
    files: dict[str, Path] = {}
    for folder in (theme.static, config.path(config.static_dir)):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder)
            if folder == theme.static and not config.search and rel.as_posix() in SEARCH_ONLY:
                continue  # nothing links to it without the search page
            if path.is_file() and not path.is_symlink() and not unpublished(rel.parts):
                files[rel.as_posix()] = path
    return files


SEARCH_ONLY = frozenset({"search.js"})
"""The theme's static files only the search page uses: left out with ``search: false``."""


WELL_KNOWN = ".well-known"
"""The one dot-folder published from ``static/`` (RFC 8615)."""


def unpublished(parts: tuple[str, ...]) -> bool:
    """Whether the file at ``parts`` under a ``static/`` folder is left out of the site: a dot-file, or one in a
    dot-folder, but for ``.well-known/``. Any other name is published as it is (``#Foto 2.png``, ``notes~``)."""
    return any(part.startswith(".") for part in parts[parts[:1] == (WELL_KNOWN,):])


def static_files(config: Config, theme: Theme) -> list[tuple[str, bytes]]:
    """Theme static files, with the site's ``static/`` files replacing same-named ones (``static_sources``).

    A file that cannot be read is an error naming it (before anything is written), not a traceback.
    """
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    for rel, path in static_sources(config, theme).items():
        try:
            files[rel] = path.read_bytes()
        except OSError as e:
            problems.append(Problem(_shown(config, path), 0, "", f"cannot be read ({e.strerror}); make it readable "
                                                                 "(chmod a+r) or remove it"))
    if problems:
        raise BuildError(problems)
    return sorted(files.items())


def static_clashes(config: Config, sources: Mapping[str, Path], made: Iterable[str], folders: Iterable[str] = (),
                   ) -> list[Problem]:
    """The static files (``sources``: ``static_sources``) that would clash with the files the site makes (``made``,
    output paths) or with the folders it fills (``folders``, such as 'pagefind'): one at a path the site makes, a
    file where the site has a folder, or one inside what the site makes as a file. Found before anything renders,
    each named by its own path; the writer would otherwise stop half-way with the file system's error. A file
    whose name is not UTF-8 is one too."""
    made = set(made)
    tops = {rel.partition("/")[0] for rel in sources}  # only folders under these can hold a static file's path
    filled = set(folders) | {rel.rsplit("/", i)[0] for rel in made if rel.partition("/")[0] in tops
                             for i in range(1, rel.count("/") + 1)}
    problems: list[Problem] = []
    for rel, path in sources.items():
        shown = _shown(config, path)
        parents = [rel.rsplit("/", i)[0] for i in range(1, rel.count("/") + 1)]
        if not is_utf8(rel):  # a zip of photos made on Windows: no URL can name it, and no cache can hold it
            problems.append(Problem(shown, 0, "", "the file name is not valid UTF-8, so it cannot become a URL; "
                                                  "rename the file (or its folder)"))
        elif rel in made:
            problems.append(Problem(shown, 0, "", f"the site makes /{rel} itself, and a static file may not replace "
                                                  "it; rename or move this file (to change a page, override its "
                                                  f"template in {config.templates_dir}/)"))
        elif rel in filled:
            problems.append(Problem(shown, 0, "", f"is a file where the site makes the folder /{rel}/; rename or "
                                                  "move it"))
        elif inside := next((parent for parent in parents if parent in made), None):
            problems.append(Problem(shown, 0, "", f"is inside /{inside}/, but the site makes /{inside} as a file; "
                                                  "move it"))
    return problems


def _shown(config: Config, path: Path) -> str:
    """A static file's path as messages give it: relative to the project when it is in it."""
    return path.relative_to(config.root).as_posix() if path.is_relative_to(config.root) else str(path)


def templates_fingerprint(env: jinja2.Environment) -> str:
    """A hash of every template the loader can see, by name and source (not a file ``precompiled.left_out``:
    a ``.git/`` folder's objects, an editor's backup).

    Every page depends on it: a page's other inputs are its context, which the planner
    hashes, so no template needs to be inspected for what it reads.
    """
    import jinja2

    parts: list[str] = []
    assert env.loader is not None
    from generator.render.precompiled import left_out

    for name in sorted(name for name in env.list_templates() if not left_out(name)):
        try:
            parts += [name, env.loader.get_source(env, name)[0]]
        except (OSError, UnicodeDecodeError, jinja2.TemplateNotFound) as e:  # changed or failing since it was checked
            why = e.strerror if isinstance(e, OSError) else "it changed while the site was built"
            raise BuildError([Problem(name, 0, "", f"template cannot be read ({why}); make it readable, or remove it, "
                                                   "and build again")]) from None
    return digest(*parts)
