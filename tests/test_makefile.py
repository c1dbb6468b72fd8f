"""`make clean` removes what the tool makes, and names nothing it never makes."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import need

MAKEFILE = Path(__file__).parent.parent / "Makefile"


def test_make_clean_removes_the_site_its_spare_and_the_cache(tmp_path: Path) -> None:
    need(shutil.which("make") is not None, "make is not installed")
    shutil.copy(MAKEFILE, tmp_path / "Makefile")
    for folder in ("site", ".site.prev", ".site.old", ".site.tmp", ".cache", ".venv", "content"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x").write_text("x")
    subprocess.run(["make", "-s", "clean"], cwd=tmp_path, check=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Makefile", "content"]
    assert ".site.new" not in MAKEFILE.read_text(), "the tool never makes .site.new"


def test_ci_installs_every_debian_package_through_sudo_when_not_root() -> None:
    """`.ci/run` installed Chromium with a bare apt-get, which fails on a runner that is not root."""
    script = (MAKEFILE.parent / ".ci/run").read_text().splitlines()
    bare = [line for line in script if "apt-get" in line and "$SUDO" not in line and not line.lstrip().startswith("#")]
    assert bare == []


def test_a_bare_make_lists_the_targets_and_makes_nothing(tmp_path: Path) -> None:
    """A newcomer's report: a bare `make` made .venv and stopped without a word about `make site` or `make test`."""
    need(shutil.which("make") is not None, "make is not installed")
    shutil.copy(MAKEFILE, tmp_path / "Makefile")
    out = subprocess.run(["make", "-s"], cwd=tmp_path, check=True, capture_output=True, text=True).stdout
    assert out.startswith("make site ") and "make test " in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Makefile"]
