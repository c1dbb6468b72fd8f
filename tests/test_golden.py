"""End-to-end: the fixture site builds to exactly the committed output in tests/golden/site/, and the site of
articles in several languages (``lang:``) to tests/golden/languages/.

Regenerate after an intended change with `pytest tests/test_golden.py --update-golden`
(or `make golden`) and review the diff like any other change.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE, LANGUAGES_SITE, build_project

GOLDEN = Path(__file__).parent / "golden" / "site"


@pytest.mark.parametrize(("site", "golden"), [(FIXTURE_SITE, GOLDEN), (LANGUAGES_SITE, GOLDEN.with_name("languages"))],
                         ids=["site", "languages"])
def test_fixture_site_matches_golden_output(update_golden: bool, site: Path, golden: Path) -> None:
    # Pagefind's bundle is its own binary format and changes with its version: tests/test_search.py checks it
    files = {p: d for p, d in build_project(site).output.files.items() if not p.startswith("pagefind/")}
    if update_golden:
        shutil.rmtree(golden, ignore_errors=True)
        for path, data in files.items():
            (golden / path).parent.mkdir(parents=True, exist_ok=True)
            (golden / path).write_bytes(data)
    expected = {p.relative_to(golden).as_posix(): p.read_bytes() for p in sorted(golden.rglob("*")) if p.is_file()}
    assert sorted(files) == sorted(expected), "the set of output files changed; run with --update-golden and review"
    for path, data in files.items():
        if path.endswith((".html", ".xml", ".txt", ".css")):  # text: pytest shows a readable diff
            assert data.decode() == expected[path].decode(), f"{path} differs from tests/golden/{golden.name}/{path}"
        else:
            assert data == expected[path], f"{path} differs from tests/golden/{golden.name}/{path}"


def test_two_builds_are_byte_identical() -> None:
    assert build_project(FIXTURE_SITE).output.files == build_project(FIXTURE_SITE).output.files
