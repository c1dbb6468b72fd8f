"""Every `digest` command the README shows works as written on a fresh `digest init` project.

The README is the manual a new user copies from, so its ```sh blocks are run, in order, each
in a new temporary folder. Lines that need the network, a long-running server or this
repository's Makefile (make, pip, rsync, aws, digest serve) are left out, and so are blocks that
convert a site the reader already has (`digest import`, tested on its own fixtures in
test_import.py); what is left is checked for exit status 0 and no traceback.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
RUN = re.compile(r"^(digest|cd|export) ")
"""Only these are run: every other command (make, pip, rsync, aws, ...) needs this repository, the
network or a deploy account."""
SKIPPED = re.compile(r"digest serve|/path/to/")
"""A server that runs until Ctrl-C, and placeholders for the reader's own paths."""
NEEDS_AN_OLD_SITE = re.compile(r"^digest import ")
"""A block with such a command needs the reader's Pelican, Hugo or Jekyll site, which a test does not have."""
EPOCH = "1749780000"  # 2025-06-13 09:00 Jakarta, so `digest new` writes the same file every run


def shell_blocks(text: str) -> list[tuple[int, list[str]]]:
    """(line, commands) of each ```sh block: continuations joined, comments and skipped lines dropped."""
    blocks = []
    for match in re.finditer(r"^```sh\n(.*?)^```", text, re.MULTILINE | re.DOTALL):
        joined = match.group(1).replace("\\\n", " ")
        commands = []
        for line in joined.splitlines():
            line = re.sub(r"\s+#\s.*$", "", line).strip()
            line = line.replace("~/.venvs/digest/bin/digest", "digest")
            if line and all(RUN.match(part.strip()) for part in line.split("&&")) and not SKIPPED.search(line):
                commands.append(line)
        if commands and not any(NEEDS_AN_OLD_SITE.search(c) for c in commands):
            blocks.append((text.count("\n", 0, match.start()) + 1, commands))
    return blocks


BLOCKS = shell_blocks(README.read_text(encoding="utf-8"))


def test_the_readme_has_examples_to_run() -> None:
    assert len(BLOCKS) >= 4 and any(c.startswith("digest new") for _, block in BLOCKS for c in block)


@pytest.mark.parametrize("line, commands", BLOCKS, ids=[f"README.md:{line}" for line, _ in BLOCKS])
def test_readme_example_runs_on_a_fresh_project(line: int, commands: list[str], tmp_path: Path) -> None:
    if not commands[0].startswith("digest init"):
        commands = ["digest init project", "cd project", *commands]
    script = "set -e\n" + "\n".join(commands) + "\n"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "SOURCE_DATE_EPOCH": EPOCH,
           "BASE_URL": "https://example.org/"}  # what a CI recipe's Pages step provides
    result = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, env=env,
                            timeout=300)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, f"README.md:{line}: {script}\n{result.stdout}\n{result.stderr}"


MANUAL = [README, README.parent / "bench" / "README.md", *sorted((README.parent / "docs").glob("*.md"))]
"""The manual: the README, the bench's README and docs/, which link to each other."""


def _anchors(text: str) -> set[str]:
    """Each heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as '-'."""
    return {re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
            for heading in re.findall(r"^#+ (.+)$", text, re.MULTILINE)}


def _links(text: str) -> list[tuple[int, str]]:
    """(line, target) of each Markdown link outside code blocks and code spans."""
    prose = re.sub(r"^```.*?^```", lambda m: "\n" * m.group().count("\n"), text, flags=re.MULTILINE | re.DOTALL)
    prose = re.sub(r"`[^`\n]*`", "``", prose)
    return [(prose.count("\n", 0, m.start()) + 1, m.group(1)) for m in re.finditer(r"\]\(([^)\s]+)\)", prose)]


@pytest.mark.parametrize("page", MANUAL, ids=lambda p: p.relative_to(README.parent).as_posix())
def test_every_relative_link_in_the_manual_finds_its_file_and_heading(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    broken = []
    for line, link in _links(text):
        if re.match(r"[a-z]+:", link):  # https:, mailto:
            continue
        target, _, anchor = link.partition("#")
        path = (page.parent / target).resolve() if target else page
        if not path.exists():
            broken.append(f"{page.name}:{line}: {link}: no such file")
        elif anchor and path.suffix == ".md" and anchor not in _anchors(path.read_text(encoding="utf-8")):
            broken.append(f"{page.name}:{line}: {link}: no such heading")
    assert not broken, "\n".join(broken)


def _recipe(heading: str) -> str:
    """The first ```sh block under a README heading."""
    text = README.read_text(encoding="utf-8")
    return re.search(r"^```sh\n(.*?)^```", text[text.index(f"\n{heading}\n"):], re.MULTILINE | re.DOTALL).group(1)


@pytest.mark.parametrize("branch", ["main", "preview"])
def test_the_cloudflare_recipe_crawls_the_address_it_built_for(branch: str, tmp_path: Path) -> None:
    """The recipe built a preview branch for $CF_PAGES_URL but crawled it for config.yaml's base_url: with a sub-path
    there (https://example.org/digest/), every link of the preview was 'broken' and no preview was ever published."""
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "pip").write_text("#!/bin/sh\nexit 0\n")  # the generator is installed already
    (tools / "pip").chmod(0o755)
    env = {**os.environ, "PATH": f"{tools}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "CF_PAGES_BRANCH": branch, "CF_PAGES_URL": "https://abc123.news.pages.dev"}
    env.pop("SOURCE_DATE_EPOCH", None)
    setup = ("set -e; digest init -q project; cd project; "
             "sed -i 's|^base_url:.*|base_url: https://example.org/digest/|' config.yaml; "
             "git init -q; git add -A; git -c user.name=a -c user.email=a@b.c commit -qm init")
    result = subprocess.run(["bash", "-c", f"{setup}\n{_recipe('### Cloudflare Pages')}"], cwd=tmp_path,
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert "crawled " in result.stdout and ": 0 broken links" in result.stdout
    home = (tmp_path / "project/site/index.html").read_text()
    assert ('href="/digest/' if branch == "main" else 'href="/style') in home


def test_the_crawls_summary_is_shown_as_the_crawl_prints_it(tmp_path: Path) -> None:
    """An attacker's report: 'crawled 124 files in 0.23 s: 0 broken links' (for the example site, which has 571
    now) drifted with every page kind; the manual shows the line's form, N files in T seconds, not a count."""
    shown = re.search(r"a summary[ ,(]+`(crawled [^`]*)`", README.read_text(encoding="utf-8"))
    assert shown, "the manual no longer shows the crawl's summary line"
    form = re.escape(shown.group(1)).replace("N", r"\d+").replace("T", r"\d+\.\d\d")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run("digest init p -q && cd p && digest build -q && digest check --links site", shell=True,
                         cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert re.fullmatch(form + "\n", run.stdout), (shown.group(1), run.stdout)
