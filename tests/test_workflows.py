"""The CI files this repository has and `digest init` writes: valid, safe, pinned, and reproducible.

Two tests replay the build steps (parsed from the files: the same commands and environment variables) in a
fresh clone: the GitHub workflow's, comparing what upload-pages-artifact would upload, and the GitLab `pages`
job's, comparing its `public/` artifact, each with a local build of the same commit, byte for byte.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

import generator
from generator.commands.linkcheck import read_site
from generator.commands.scaffold import init_project

REPO = Path(__file__).resolve().parent.parent
SCAFFOLD = REPO / "generator" / "scaffold"
BIN = Path(sys.executable).parent
GITHUB = {"repo": REPO / ".github/workflows/deploy.yml", "scaffold": SCAFFOLD / "github/workflows/deploy.yml"}
GITLAB = {"repo": REPO / ".gitlab-ci.yml", "scaffold": SCAFFOLD / "gitlab-ci.yml"}
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with a schema shipped inside the package: no network."""
    return subprocess.run([BIN / "check-jsonschema", "--builtin-schema", schema, str(path)],
                          capture_output=True, text=True)


@pytest.mark.parametrize("which", ["repo", "scaffold"])
def test_github_workflow_matches_its_schema(which: str) -> None:
    run = jsonschema("vendor.github-workflows", GITHUB[which])
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("which", ["repo", "scaffold"])
def test_gitlab_ci_matches_its_schema(which: str) -> None:
    run = jsonschema("vendor.gitlab-ci", GITLAB[which])
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_schema_check_can_fail(tmp_path: Path) -> None:
    """A misspelt key must be caught, or the two tests above prove nothing."""
    bad = tmp_path / "deploy.yml"
    bad.write_text(GITHUB["scaffold"].read_text().replace("runs-on:", "runs_on:", 1))
    assert jsonschema("vendor.github-workflows", bad).returncode == 1
    bad.write_text(GITLAB["scaffold"].read_text().replace("- if: $CI_COMMIT_BRANCH", "- iff: $CI_COMMIT_BRANCH"))
    assert jsonschema("vendor.gitlab-ci", bad).returncode == 1


def zizmor(path: Path) -> list[tuple[str, str]]:
    """zizmor's medium and high findings, offline: (audit, severity)."""
    run = subprocess.run([BIN / "zizmor", "--offline", "--format", "json", "--min-severity", "medium", str(path)],
                         capture_output=True, text=True)
    return [(f["ident"], f["determinations"]["severity"]) for f in json.loads(run.stdout)]


@pytest.mark.parametrize("which", ["repo", "scaffold"])
def test_zizmor_finds_nothing_medium_or_high(which: str) -> None:
    assert zizmor(GITHUB[which]) == []


def test_zizmor_would_see_an_injection_and_an_unpinned_action(tmp_path: Path) -> None:
    bad = tmp_path / "deploy.yml"
    text = GITHUB["scaffold"].read_text()
    text = re.sub(r"actions/checkout@[0-9a-f]{40}", "actions/checkout@v7", text)
    text = text.replace('run: digest check --strict', 'run: echo "${{ github.event.pull_request.title }}"')
    bad.write_text(text)
    assert {"template-injection", "unpinned-uses"} <= {ident for ident, _ in zizmor(bad)}


def workflow(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text())


@pytest.mark.parametrize("which", ["repo", "scaffold"])
def test_actions_are_pinned_to_full_commits_and_permissions_are_least(which: str) -> None:
    flow = workflow(GITHUB[which])
    uses = [step["uses"] for job in flow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert uses and all(PINNED.match(u) for u in uses), uses
    assert flow["permissions"] == {}
    assert flow["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert flow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert flow["jobs"]["deploy"]["if"] == "github.event_name != 'pull_request'"
    triggers = flow[True]  # YAML 1.1 reads the key 'on' as true
    assert set(triggers) == {"push", "pull_request", "workflow_dispatch", "schedule"}
    assert triggers["push"] == {"branches": ["main"]}


def test_the_starter_requirements_pin_this_version() -> None:
    lines = [line for line in (SCAFFOLD / "requirements.txt").read_text().splitlines() if not line.startswith("#")]
    assert lines == [f"news-digest=={generator.__version__}"]


def test_init_writes_both_ci_files(tmp_path: Path) -> None:
    init_project(tmp_path / "p")
    assert (tmp_path / "p/.github/workflows/deploy.yml").read_bytes() == GITHUB["scaffold"].read_bytes()
    assert (tmp_path / "p/.gitlab-ci.yml").read_bytes() == GITLAB["scaffold"].read_bytes()


# -- the workflow's own build steps, replayed ------------------------------------------------------

REPLAYED = ["Pin the clock and the address", "Check", "Build", "Crawl links"]
"""The build job's shell steps after installing; renaming one must be seen here."""
PAGES_BASE_URL = "https://octocat.github.io/kabar"
"""What actions/configure-pages would answer for a project site."""


def _expand(value: str, context: dict[str, str]) -> str:
    """A step's env value with its ${{ ... }} expressions; an expression we do not know is a failure."""
    def one(match: re.Match[str]) -> str:
        assert match.group(1) in context, f"the replay does not know ${{{{ {match.group(1)} }}}}"
        return context[match.group(1)]
    return re.sub(r"\$\{\{\s*([^}]+?)\s*\}\}", one, value)


def replay(flow: dict[str, Any], clone: Path, tmp: Path, event: str = "push") -> list[str]:
    """Run the build job's `run` steps in ``clone`` the way a GitHub runner does: bash -eo pipefail,
    step env from expressions, and $GITHUB_ENV carried from step to step. Returns the step names."""
    # configure-pages runs on no pull request: its output is empty there
    context = {"github.event_name": event, "steps.pages.outputs.base_url": "" if event == "pull_request" else PAGES_BASE_URL}
    carried: dict[str, str] = {}
    names: list[str] = []
    steps = flow["jobs"]["build"]["steps"]
    start = next(i for i, s in enumerate(steps) if s.get("name") == "Install news-digest") + 1
    for step in steps[start:]:
        if "run" not in step:
            continue
        assert "if" not in step, "a conditional shell step: teach the replay to evaluate it"
        names.append(step["name"])
        env_file = tmp / "github_env"
        env_file.write_text("")
        env = {"PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "HOME": str(tmp), "GITHUB_ENV": str(env_file),
               "LANG": "C.UTF-8", "TZ": "UTC", "CI": "true", **carried}
        env.update({k: _expand(str(v), context) for k, v in step.get("env", {}).items()})
        script = tmp / "step.sh"
        script.write_text(step["run"])
        run = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=clone, env=env,
                             capture_output=True, text=True)
        assert run.returncode == 0, f"step {step['name']!r} failed:\n{run.stdout}{run.stderr}"
        carried.update(line.split("=", 1) for line in env_file.read_text().splitlines() if "=" in line)
    return names


def uploaded(flow: dict[str, Any], clone: Path) -> dict[str, bytes]:
    """What upload-pages-artifact takes from the folder its `path` names: every file but dot-files."""
    upload = next(s for s in flow["jobs"]["build"]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"].get("include-hidden-files", False) is False
    return read_site(clone / upload["with"]["path"])


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


COMMITTED = "2025-06-14T08:00:00+07:00"


def commit_all(project: Path) -> None:
    """A new repository with every file of ``project`` in one commit, made at COMMITTED."""
    env = {**os.environ, "GIT_AUTHOR_DATE": COMMITTED, "GIT_COMMITTER_DATE": COMMITTED, "GIT_AUTHOR_NAME": "Editor",
           "GIT_AUTHOR_EMAIL": "editor@example.org", "GIT_COMMITTER_NAME": "Editor",
           "GIT_COMMITTER_EMAIL": "editor@example.org"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "start"]):
        subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def committed_project(tmp_path: Path, which: str) -> Path:
    """A git repository holding what the workflow checks out: this repository's HEAD, or a new `digest init` project."""
    if which == "repo":
        if not (REPO / ".git").exists():
            pytest.fail("this repository is not a git checkout; the replay needs its history")
        return REPO
    project = tmp_path / "origin"
    init_project(project)
    commit_all(project)
    return project


@pytest.mark.parametrize("which", ["repo", "scaffold"])
def test_the_deployed_artifact_is_a_local_build_of_the_same_commit(tmp_path: Path, which: str) -> None:
    origin = committed_project(tmp_path, which)
    flow = workflow(GITHUB[which])
    runner = tmp_path / "runner"
    git("clone", "-q", str(origin), str(runner), cwd=tmp_path)
    (tmp_path / "home").mkdir()
    assert replay(flow, runner, tmp_path / "home") == REPLAYED
    artifact = uploaded(flow, runner)

    local = tmp_path / "local"
    git("clone", "-q", str(origin), str(local), cwd=tmp_path)
    epoch = git("log", "-1", "--format=%ct", cwd=local).strip()
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "TZ": "America/Los_Angeles", "LANG": "de_DE.UTF-8",
           "PYTHONHASHSEED": "12345"}
    subprocess.run([BIN / "digest", "build", "-q", "--jobs", "1", "--base-url", PAGES_BASE_URL + "/",
                    "--output", str(tmp_path / "out")], cwd=local, env=env, check=True)
    expected = read_site(tmp_path / "out")
    assert sorted(artifact) == sorted(expected)
    assert artifact == expected
    assert f"{PAGES_BASE_URL}/".encode() in artifact["index.html"]
    assert sum(path.count("/") == 3 and path.endswith("/index.html") and path[:4].isdigit() for path in artifact) >= 1


def test_the_workflow_uploads_the_site_it_built_whatever_output_dir_says(tmp_path: Path) -> None:
    """With 'output_dir: public' in config.yaml, the build step wrote public/ while the crawl, the cache and the
    uploads took site/: the deploy failed on a missing site/, or published the cache's stale one."""
    origin = tmp_path / "origin"
    init_project(origin)
    with (origin / "config.yaml").open("a") as f:
        f.write("output_dir: public\n")
    commit_all(origin)
    runner = tmp_path / "runner"
    git("clone", "-q", str(origin), str(runner), cwd=tmp_path)
    (tmp_path / "home").mkdir()
    flow = workflow(GITHUB["scaffold"])
    assert replay(flow, runner, tmp_path / "home") == REPLAYED
    assert "2025/06/selamat-datang/index.html" in uploaded(flow, runner)


@pytest.mark.parametrize("which", ["repo", "scaffold"])
def test_the_build_step_names_the_folder_the_other_steps_use(which: str) -> None:
    steps = {step.get("name"): step for step in workflow(GITHUB[which])["jobs"]["build"]["steps"]}
    assert "--output site " in steps["Build"]["run"]
    assert steps["Upload for Pages"]["with"]["path"] == steps["Upload a preview"]["with"]["path"] == "site"


DUE = "---\ntitle: Kabar yang sudah tiba\ndate: 2025-12-01T08:00:00+07:00\n---\nIsi.\n"
"""Dated after the commit (2025-06-14) and before the test runs: due for a daily run, not for a push."""


@pytest.mark.parametrize(("event", "shown"), [("push", False), ("schedule", True), ("workflow_dispatch", True)])
def test_the_daily_run_publishes_what_has_come_due(tmp_path: Path, event: str, shown: bool) -> None:
    origin = tmp_path / "origin"
    init_project(origin)
    (origin / "content/2025/12").mkdir(parents=True)
    (origin / "content/2025/12/sudah-tiba.md").write_text(DUE)
    commit_all(origin)
    runner = tmp_path / "runner"
    git("clone", "-q", str(origin), str(runner), cwd=tmp_path)
    (tmp_path / "home").mkdir()
    replay(workflow(GITHUB["scaffold"]), runner, tmp_path / "home", event)
    assert ("2025/12/sudah-tiba/index.html" in read_site(runner / "site")) is shown


PAGES_URL = "https://octocat.gitlab.io/kabar"
"""What GitLab sets as $CI_PAGES_URL for a project site (no final slash)."""


def run_gitlab_job(path: Path, name: str, origin: Path, runner: Path, tmp: Path,
                   source: str = "push") -> tuple[dict[str, Any], subprocess.CompletedProcess[str]]:
    """A job's script in a clone of ``origin``, as GitLab runs it (each line in one shell, stopping at the first
    failure, from the clone's root), after its before_script's install: the job and the run."""
    pipeline = workflow(path)
    job = {**pipeline[".digest"], **pipeline[name]}
    git("clone", "-q", str(origin), str(runner), cwd=tmp)
    variables = {key: value.replace("$CI_PAGES_URL", PAGES_URL) for key, value in job.get("variables", {}).items()}
    env = {"PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "HOME": str(tmp), "LANG": "C.UTF-8", "TZ": "UTC",
           "CI": "true", "CI_PIPELINE_SOURCE": source, "CI_PAGES_URL": PAGES_URL, **variables,
           "CI_COMMIT_TIMESTAMP": git("log", "-1", "--format=%cI", cwd=runner).strip()}
    script = tmp / "job.sh"
    script.write_text("set -e\n" + "\n".join(job["script"]) + "\n")
    return job, subprocess.run(["bash", "--noprofile", "--norc", str(script)], cwd=runner, env=env,
                               capture_output=True, text=True)


@pytest.mark.parametrize("which", ["repo", "scaffold"])
def test_the_gitlab_pages_job_builds_what_a_local_build_of_the_commit_gives(tmp_path: Path, which: str) -> None:
    """The `pages` job's script, as GitLab runs it (each line in one shell, stopping at the first failure, from
    the clone's root), after its before_script's install: `--output public` is a relative folder, which made
    the search index fail every such job (the GitHub replay builds into the default `site/`)."""
    origin = committed_project(tmp_path, which)
    runner = tmp_path / "runner"
    job, run = run_gitlab_job(GITLAB[which], "pages", origin, runner, tmp_path)
    assert run.returncode == 0, f"the pages job failed:\n{run.stdout}{run.stderr}"
    artifact = read_site(runner / job["artifacts"]["paths"][0])

    epoch = git("log", "-1", "--format=%ct", cwd=runner).strip()
    local = tmp_path / "local"
    git("clone", "-q", str(origin), str(local), cwd=tmp_path)
    subprocess.run([BIN / "digest", "build", "-q", "--base-url", PAGES_URL + "/", "--output", str(tmp_path / "out")],
                   cwd=local, env={**os.environ, "SOURCE_DATE_EPOCH": epoch}, check=True)
    assert artifact == read_site(tmp_path / "out")
    assert "pagefind/pagefind-entry.json" in artifact and f"{PAGES_URL}/".encode() in artifact["index.html"]


@pytest.mark.parametrize("requirement, installs", [("news-digest @ git+https://example.org/x/news-digest@abc\n", True),
                                                   ("news-digest==0.1.0\n", False),
                                                   # digest init's own comment names a git URL: no git for it
                                                   ("# or a git URL: news-digest @ git+https://...\n"
                                                    "news-digest==0.1.0\n", False)])
def test_the_gitlab_job_installs_git_when_the_generator_comes_from_git(tmp_path: Path, requirement: str,
                                                                       installs: bool) -> None:
    """python:3.12-slim has no git, so `pip install -r requirements.txt` failed on the git line the README and
    `digest init` tell a maintainer to write (news-digest is not on PyPI)."""
    before = workflow(GITLAB["scaffold"])[".digest"]["before_script"]
    (tmp_path / "requirements.txt").write_text(requirement)
    stubs = tmp_path / "bin"
    stubs.mkdir()
    for name in ("apt-get", "python"):  # each records that it ran
        (stubs / name).write_text(f'#!/bin/sh\necho "{name} $*" >> "{tmp_path}/ran"\n')
        (stubs / name).chmod(0o755)
    script = tmp_path / "before.sh"
    script.write_text("set -e\n" + "\n".join(before) + "\n")
    subprocess.run(["sh", str(script)], cwd=tmp_path, check=True,  # a slim image's /bin/sh (dash)
                   env={"PATH": f"{stubs}{os.pathsep}{os.environ['PATH']}"})
    ran = (tmp_path / "ran").read_text().splitlines()
    assert ran[-1].startswith("python -m pip install") and (
        ran[:-1] == ["apt-get update -qq", "apt-get install -y -qq --no-install-recommends git"] if installs else
        ran[:-1] == [])


ROOTED = "\nSee [the welcome](/2025/06/selamat-datang/).\n"
"""A link from the host's root, which misses a project Pages site's sub-path (/kabar/)."""
FOUND = ("content/2025/06/selamat-datang.md:{line}: the link '/2025/06/selamat-datang/' points at "
         "/2025/06/selamat-datang/, which is not a page or file of the site; fix the address (internal links start "
         "with /kabar/ or are relative to this article)")


def project_with_a_rooted_link(tmp_path: Path) -> tuple[Path, int]:
    origin = tmp_path / "origin"
    init_project(origin)
    article = origin / "content/2025/06/selamat-datang.md"
    article.write_text(article.read_text() + ROOTED)
    commit_all(origin)
    return origin, len(article.read_text().splitlines())


def test_the_github_check_step_finds_a_link_missing_the_pages_sub_path(tmp_path: Path) -> None:
    """An attacker's report: the Check step ran without the Pages --base-url, so a link from the host's root passed
    it, and only the crawl failed, naming the built page and no source line."""
    origin, line = project_with_a_rooted_link(tmp_path)
    runner = tmp_path / "runner"
    git("clone", "-q", str(origin), str(runner), cwd=tmp_path)
    (tmp_path / "home").mkdir()
    with pytest.raises(AssertionError) as failed:
        replay(workflow(GITHUB["scaffold"]), runner, tmp_path / "home")
    said = str(failed.value)  # the replay's message, then pytest's account of its assert
    assert said.startswith("step 'Check' failed:\n") and FOUND.format(line=line) in said


def test_the_gitlab_check_finds_a_link_missing_the_pages_sub_path(tmp_path: Path) -> None:
    origin, line = project_with_a_rooted_link(tmp_path)
    _, run = run_gitlab_job(GITLAB["scaffold"], "pages", origin, tmp_path / "runner", tmp_path)
    assert run.returncode == 1 and run.stdout.startswith(FOUND.format(line=line) + "\n")
    assert not (tmp_path / "runner/public").exists()


PREVIEW = "http://localhost:8000/"
"""Where the README tells a reviewer to look at a preview artifact: its folder served by python3 -m http.server 8000."""


def project_under_a_sub_path(tmp_path: Path) -> Path:
    origin = tmp_path / "origin"
    init_project(origin)
    config = origin / "config.yaml"
    config.write_text(re.sub(r"(?m)^base_url: .*$", "base_url: https://example.org/digest/", config.read_text()))
    commit_all(origin)
    return origin


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def assert_viewable(folder: Path) -> None:
    """The preview as a reviewer opens it: the folder served at its root by http.server (on a free port, not
    8000), the home page, then every file its links and its stylesheet name, each answered 200."""
    files = read_site(folder)
    home = files["index.html"].decode()
    assert f'<link rel="canonical" href="{PREVIEW}">' in home and "example.org" not in home
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        links = set(re.findall(r'(?:href|src)="(?:http://localhost:8000)?(/[^"]*)"', home))
        assert any(link.endswith(".css") for link in links) and any(link[1:5].isdigit() for link in links)
        for link in sorted(links):
            with urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}{link}", timeout=10) as answer:
                assert answer.status == 200, link
    finally:
        server.shutdown()
        server.server_close()


def cache_key(flow: dict[str, Any], event: str) -> tuple[str, str]:
    """The build cache's key and restore-keys on ``event``: an ``a == 'b' && 'c' || 'd'`` evaluated, hashFiles
    as HASH (the same inputs), the runner Linux."""
    step = next(s for s in flow["jobs"]["build"]["steps"] if s.get("uses", "").startswith("actions/cache@"))

    def chosen(match: re.Match[str]) -> str:
        return match.group(2) if event == match.group(1) else match.group(3)
    context = {"runner.os": "Linux"}
    key, restore = (_expand(re.sub(r"\$\{\{ hashFiles\([^}]*\) \}\}", "HASH", re.sub(
        r"\$\{\{ github\.event_name == '([^']+)' && '([^']*)' \|\| '([^']*)' \}\}", chosen, step["with"][name])), context)
        for name in ("key", "restore-keys"))
    return key, restore


@pytest.mark.parametrize("which", ["repo", "scaffold"])
def test_a_pull_request_and_the_pages_site_keep_their_own_build_cache(which: str) -> None:
    """After 2cabf9c a pull request builds for http://localhost:8000/, yet restored the cache of the Pages build
    (its restore-keys matched every key), so its build rendered every page and feed again (3,000 articles: 9,528
    rendered, 0 reused). The preview's key and restore-keys match only previews' caches; push, daily and by-hand
    runs share the Pages one."""
    flow = workflow(GITHUB[which])
    pages = {cache_key(flow, event) for event in ("push", "schedule", "workflow_dispatch")}
    assert len(pages) == 1
    (key, restore), = pages
    preview_key, preview_restore = cache_key(flow, "pull_request")
    assert key.startswith(restore) and preview_key.startswith(preview_restore)
    assert not key.startswith(preview_restore) and not preview_key.startswith(restore)


@pytest.mark.parametrize("which", ["repo", "scaffold"])
def test_the_gitlab_pages_and_preview_jobs_keep_their_own_build_cache(which: str) -> None:
    """The same for GitLab, where both jobs shared the key 'digest' and each overwrote the other's cache (when
    the default branch's cache is not kept apart as a protected branch's)."""
    pipeline = workflow(GITLAB[which])
    key = pipeline[".digest"]["cache"]["key"]
    assert all("cache" not in pipeline[job] for job in ("pages", "preview"))  # both take .digest's
    assert "$CI_JOB_NAME" in key["prefix"]  # GitLab expands it per job: digest-pages-…, digest-preview-…


def test_the_github_preview_artifact_can_be_looked_at(tmp_path: Path) -> None:
    """An attacker's report: the pull request's artifact, unzipped and opened as files, sent every link and the
    stylesheet to file:///; with a sub-path base_url not even python -m http.server showed it. It is built for
    http://localhost:8000/, where the README says to serve it."""
    origin = project_under_a_sub_path(tmp_path)
    runner = tmp_path / "runner"
    git("clone", "-q", str(origin), str(runner), cwd=tmp_path)
    (tmp_path / "home").mkdir()
    flow = workflow(GITHUB["scaffold"])
    assert replay(flow, runner, tmp_path / "home", "pull_request") == REPLAYED
    preview = next(s for s in flow["jobs"]["build"]["steps"] if s.get("name") == "Upload a preview")
    assert_viewable(runner / preview["with"]["path"])


def test_the_gitlab_preview_artifact_can_be_looked_at(tmp_path: Path) -> None:
    origin = project_under_a_sub_path(tmp_path)
    runner = tmp_path / "runner"
    job, run = run_gitlab_job(GITLAB["scaffold"], "preview", origin, runner, tmp_path, "merge_request_event")
    assert run.returncode == 0, f"the preview job failed:\n{run.stdout}{run.stderr}"
    assert_viewable(runner / job["artifacts"]["paths"][0])
