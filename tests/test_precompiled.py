"""Templates compiled in another process while a build loads (``render/precompiled.py``): the same site and the
same errors as templates compiled where they are used, and a build that works when that process cannot."""
from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import jinja2
import pytest

from conftest import FIXTURE_SITE, build_project, write_files
from generator.core.errors import BuildError
from generator.load.config import load_config
from generator.render import precompiled
from generator.render.theme import find_theme, make_environment


def files(result: object) -> dict[str, bytes]:
    return {path: data for path, data in result.output}  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def one_job() -> dict[str, bytes]:
    return files(build_project(FIXTURE_SITE, workers=1))


def test_two_jobs_use_the_other_process_code_and_give_the_same_site(one_job: dict[str, bytes],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """With two jobs this process compiles no template (the forked one did), and the site is byte for byte the
    one-job site, whose templates are compiled where they are used."""
    compiled: list[str] = []
    me = os.getpid()
    real = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *args: object, **kw: object) -> object:
        if os.getpid() == me:
            compiled.append(str(name))
        return real(self, source, name, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    assert files(build_project(FIXTURE_SITE, workers=2)) == one_job
    assert compiled == [], "every template came compiled from the other process"


@pytest.mark.parametrize("how", ["killed", "refused", "stale"])
def test_without_the_other_process_code_the_templates_are_compiled_here(one_job: dict[str, bytes], how: str,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiling process killed before it answers, a fork refused, or code for sources other than the
    build's: each template is compiled here, and the site is the same."""
    start = precompiled.start

    def failing(config: object) -> object:
        if how == "refused":
            monkeypatch.setattr(os, "fork", lambda: (_ for _ in ()).throw(OSError("EAGAIN")))
            later = start(config)  # type: ignore[arg-type]
            monkeypatch.undo()
            return later
        later = start(config)  # type: ignore[arg-type]
        if how == "killed":
            os.kill(later._pid, signal.SIGKILL)
        else:
            codes = later()  # every template's key given one other template's code, for another source
            other = next(iter(codes.values()))[1]
            later._result = ({key: ["another source", other] for key in codes},)
        return later

    monkeypatch.setattr(precompiled, "start", failing)
    assert files(build_project(FIXTURE_SITE, workers=2)) == one_job


def test_a_template_that_does_not_compile_is_reported_as_before(tmp_path: Path) -> None:
    """The other process skips a template it cannot compile; the page that uses it reports it, as with one job."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, root)
    write_files(root, {"templates/article.html": "{% extends 'theme/article.html' %}\n{% block main %}\n{{ x + }}\n"
                                                 "{% endblock %}\n"})
    reported = []
    for workers in (1, 2):
        with pytest.raises(BuildError) as caught:
            files(build_project(root, workers=workers))
        reported.append([str(p) for p in caught.value.errors])
    assert reported[0] == reported[1] == [
        "templates/article.html:3: template error: unexpected 'end of print statement'; fix the template, "
        "or remove your override of it"]


def test_the_other_process_gives_code_for_every_template_it_can_see() -> None:
    config = load_config(FIXTURE_SITE / "config.yaml")
    codes = precompiled.start(config)()
    env = make_environment(config, find_theme(config))
    assert len(codes) == len({(Path(env.loader.get_source(env, n)[1]).resolve()) for n in env.list_templates()})  # type: ignore[union-attr]
    assert all(len(checksum) == 40 for checksum, _ in codes.values())
