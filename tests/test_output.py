"""write_site: atomic replacement, untouched unchanged files, refusals, lock, permissions, crash safety."""
from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.core.errors import BuildError, RefusalError
from generator.write.output import (MARKER, Output, TreeState, build_lock, check_target, clean_leftovers, mirror_live,
                                    read_tree, spare_of, stat_tree, write_site)


def output(files: dict[str, str]) -> Output:
    out = Output()
    out.add_all(files.items())
    return out


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_writes_files_with_marker_and_normal_permissions(tmp_path: Path) -> None:
    old_umask = os.umask(0o077)
    try:
        write_site(output({"index.html": "home", "a/b/index.html": "b"}), tmp_path / "site")
    finally:
        os.umask(old_umask)
    site = tmp_path / "site"
    assert tree(site) == {MARKER: tree(site)[MARKER], "a/b/index.html": b"b", "index.html": b"home"}
    assert stat.S_IMODE((site / "a/b/index.html").stat().st_mode) == 0o644
    assert stat.S_IMODE((site / "a").stat().st_mode) == 0o755
    assert stat.S_IMODE(site.stat().st_mode) == 0o755
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "no temporary folder is left behind"


def test_rebuild_replaces_stale_files_and_keeps_unchanged_ones_untouched(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(output({"same.html": "same", "changed.html": "v1", "gone.html": "x"}), site)
    past = time.time() - 3600
    for name in ("same.html", "changed.html"):
        os.utime(site / name, (past, past))
    written = write_site(output({"same.html": "same", "changed.html": "v2", "new.html": "n"}), site)
    assert written.written == 2
    assert sorted(tree(site)) == [MARKER, "changed.html", "new.html", "same.html"]
    assert sorted(tree(tmp_path / ".site.prev")) == [MARKER, "changed.html", "gone.html", "same.html"], \
        "the previous site is kept as the spare tree for the next build"
    assert (site / "same.html").stat().st_mtime == past, "unchanged bytes keep their mtime"
    assert (site / "changed.html").stat().st_mtime > past


def test_output_refuses_the_same_path_twice() -> None:
    out = output({"a.html": "1"})
    out.add("a.html", "2")
    with pytest.raises(BuildError, match="two pages or files want this output path"):
        out.files


@pytest.mark.parametrize("choose, message", [
    (lambda p: Path("/"), "refusing to build into /: it is the file system root"),
    (lambda p: Path.home(), "it is the home folder"),
    (lambda p: p, "it holds the project itself"),
    (lambda p: p.parent, "it holds the project itself"),
    (lambda p: p / "content", "it overlaps"),
    (lambda p: p / "content" / "out", "it overlaps"),
])
def test_dangerous_output_folders_are_refused(tmp_path: Path, choose, message: str) -> None:
    project = tmp_path / "proj"
    (project / "content").mkdir(parents=True)
    with pytest.raises(RefusalError, match=message):
        check_target(choose(project), project, [project / "content"])


@pytest.mark.parametrize("name, message", [
    (".site.prev", r"digest keeps the spare copy and temporary files of an output folder under such names "
                   r"\(.site.prev is site/'s\)"),
    (".site.old", "under such names"), (".berita.tmp", "under such names"),
    ("site/inner", r"it is inside .*/site, a site digest built, which the next build there replaces whole"),
])
def test_an_output_the_next_build_of_another_would_replace_is_refused(tmp_path: Path, name: str, message: str) -> None:
    """A maintainer's report: '--output .site.prev' was built, and the next plain build took it for site/'s spare
    and replaced it without a word; '--output site/inner' was removed by the next build as a stray folder."""
    project = tmp_path / "proj"
    (project / "content").mkdir(parents=True)
    (project / "site").mkdir()
    (project / "site" / MARKER).write_text("done\n")
    with pytest.raises(RefusalError, match=message):
        check_target(project / name, project, [project / "content"])
    check_target(project / "site", project, [project / "content"])  # the site itself, and one beside it, are fine
    check_target(project / "site-staging", project, [project / "content"])


def test_non_empty_folder_without_marker_is_refused_and_untouched(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "thesis.tex").write_text("precious")
    with pytest.raises(RefusalError, match=r"it is not empty and was not made by digest \(no .news-digest file"):
        check_target(tmp_path / "docs", tmp_path / "proj", [])
    assert (tmp_path / "docs" / "thesis.tex").read_text() == "precious"


def test_symlinked_output_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with pytest.raises(RefusalError, match="it is a symbolic link"):
        check_target(tmp_path / "link", tmp_path / "proj", [])


def test_marker_folder_and_empty_folder_are_accepted(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    check_target(tmp_path / "empty", tmp_path / "proj", [])
    write_site(output({"index.html": "x"}), tmp_path / "site")
    check_target(tmp_path / "site", tmp_path / "proj", [])


def test_deleting_the_old_site_never_follows_symlinks(tmp_path: Path) -> None:
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "precious.txt").write_text("mine")
    site = tmp_path / "site"
    write_site(output({"index.html": "x"}), site)
    (site / "escape").symlink_to(keep)
    write_site(output({"index.html": "y"}), site)
    assert (keep / "precious.txt").read_text() == "mine"
    assert not (site / "escape").exists()


def test_second_build_of_the_same_output_is_refused_while_locked(tmp_path: Path) -> None:
    with build_lock(tmp_path / "site"):
        with pytest.raises(RefusalError, match="another digest build is writing"):
            with build_lock(tmp_path / "site"):
                pass
    with build_lock(tmp_path / "site"):
        pass


def test_a_lock_taken_on_a_folder_removed_meanwhile_is_taken_again_on_the_one_there_now(tmp_path: Path) -> None:
    """The lock is the folder that holds the output. A build that opened it just before the build that made it
    removed it (a failed build leaves no folder it made) then locked a folder that was gone, while a third build
    locked the new one at that path: two builds at once. The lock is taken again until it is the folder there."""
    parent = tmp_path / "x"
    script = f"""
import fcntl, os, sys
from pathlib import Path
from generator.write.output import build_lock
parent = {str(parent)!r}
moved = []
def hook(event, args):  # just before the first flock: the folder opened goes, and another is made in its place
    if event == "fcntl.flock" and not moved:
        moved.append(1)
        os.rename(parent, parent + ".gone")
        os.mkdir(parent)
sys.addaudithook(hook)
with build_lock(Path(parent) / "site"):
    fd = os.open(parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        print("the folder there is not locked")
    except BlockingIOError:
        print("locked")
"""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1]), "PYTHONDONTWRITEBYTECODE": "1"}
    ran = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert (ran.stdout, ran.stderr) == ("locked\n", "")


@pytest.mark.parametrize("when", ["open", "is_dir"])
def test_a_new_folder_removed_before_the_lock_is_taken_is_made_again(tmp_path: Path, when: str) -> None:
    """A build with bad input removes the folders it made for --output ../x/y/site; a good build into the same new
    folder that saw it exist at mkdir, or made it, and found it gone when it opened it stopped with '…/x/y: No such
    file or directory' (FileExistsError from pathlib's mkdir, whose is_dir found nothing; FileNotFoundError from
    the open). It makes the folder again and locks it."""
    parent = tmp_path / "x" / "y"
    parent.mkdir(parents=True)
    script = f"""
import os, pathlib, sys
from pathlib import Path
from generator.write.output import build_lock
parent = {str(parent)!r}
gone = []
def vanish():
    if not gone:
        gone.append(1)
        os.rmdir(parent)
        os.rmdir(os.path.dirname(parent))
def hook(event, args):
    if {when!r} == "open" and event == "open" and args[0] == parent:
        vanish()
sys.addaudithook(hook)
is_dir = pathlib.Path.is_dir
def looked(self):
    if {when!r} == "is_dir" and str(self) == parent:
        vanish()
    return is_dir(self)
pathlib.Path.is_dir = looked
with build_lock(Path(parent) / "site"):
    print(bool(gone), os.path.isdir(parent))
"""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1]), "PYTHONDONTWRITEBYTECODE": "1"}
    ran = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert (ran.stdout, ran.stderr) == ("True True\n", "")


def test_a_site_caught_between_renames_is_put_back(tmp_path: Path) -> None:
    site, old = tmp_path / "site", tmp_path / ".site.old"
    write_site(output({"index.html": "previous"}), old)
    clean_leftovers(site)
    assert tree(site)[("index.html")] == b"previous"
    assert not old.exists()


def test_spare_tree_is_brought_up_to_date_from_known_manifests(tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = write_site(output({"a.html": "1", "b.html": "1"}), site)
    second = write_site(output({"a.html": "2", "b.html": "1"}), site, [first.live])
    assert second.spare == first.live, "the old live folder is the spare now, and still as recorded"
    third = write_site(output({"a.html": "2", "c.html": "3"}), site, [second.live, first.live])
    assert third.written == 1, "only c.html is new: a.html is linked from the live site, b.html removed"
    assert tree(site) == {MARKER: tree(site)[MARKER], "a.html": b"2", "c.html": b"3"}
    assert tree(tmp_path / ".site.prev") == {MARKER: tree(tmp_path / ".site.prev")[MARKER], "a.html": b"2", "b.html": b"1"}


def test_the_recorded_live_state_is_what_a_stat_walk_finds(tmp_path: Path) -> None:
    """A spare brought up to date is re-stat'ed only where it changed; the state recorded must still be
    exactly the walk of the whole folder, whatever moved: files into and out of folders, a file where a
    folder was and the other way round, folders emptied and removed, bytes linked from the live site."""
    site = tmp_path / "site"
    builds = [
        {"index.html": "1", "a/index.html": "a", "a/b/c.html": "c", "x": "file", "d/e/f.html": "f"},
        {"index.html": "2", "a/index.html": "a", "x/index.html": "now a folder", "d/e/f.html": "f", "g.html": "g"},
        {"index.html": "2", "a": "now a file", "x/index.html": "now a folder", "d/e/f.html": "f2"},
        {"index.html": "3", "a/b/c.html": "c", "x": "file again", "g.html": "g"},
        {"index.html": "3", "a/b/c.html": "c", "x": "file again", "g.html": "g"},
        {"only.html": "1"},
        {"index.html": "1", "a/index.html": "a", "a/b/c.html": "c", "x": "file", "d/e/f.html": "f"},
    ]
    known: list = []
    for files in builds * 2:
        written = write_site(output(files), site, known)
        assert written.live.stats == stat_tree(site)
        assert tree(site) == {MARKER: tree(site)[MARKER], **{p: v.encode() for p, v in files.items()}}
        known = [written.live] + ([written.spare] if written.spare else [])


def test_a_walk_in_parts_finds_the_whole_tree_once(tmp_path: Path) -> None:
    """``publish`` walks the output folder in two processes: together their parts must be exactly the
    walk of the whole, with no entry in two parts, and each part must get a share of a big site's pages."""
    site = tmp_path / "site"
    files = ["index.html", "feed.xml", "a/index.html", "a/b/c.html", "a/b/d/e.html", "t/x/index.html",
             "t/y/index.html", "t/z/index.html", "q/index.html"]
    files += [f"2025/{m:02}/story-{n}/index.html" for m in range(1, 13) for n in range(5)]
    for rel in files:
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(rel)
    (site / MARKER).write_text("tree: x\n")
    (site / "empty").mkdir()
    (site / "t" / "link").symlink_to("x")
    whole = stat_tree(site)
    assert MARKER not in whole and whole["t/link"] == "link or special file" and whole["empty"] == "d"
    for parts in (1, 2, 3, 7):
        shares = [stat_tree(site, part, parts) for part in range(parts)]
        assert sum(len(share) for share in shares) == len(whole)
        assert {k: v for share in shares for k, v in share.items()} == whole
    half = stat_tree(site, 1, 2)
    assert sum(rel.startswith("2025/") for rel in half) == 6 * (1 + 5 * 2)  # six months, each with its stories
    assert stat_tree(tmp_path / "gone", 1, 2) == {} and stat_tree(tmp_path / "gone") == {".": "?"}


def test_a_folder_that_is_not_ours_is_never_used_as_the_spare(tmp_path: Path) -> None:
    (tmp_path / ".site.prev").mkdir()
    (tmp_path / ".site.prev" / "notes.txt").write_text("mine")
    with pytest.raises(RefusalError, match="refusing to replace .*\\.site\\.prev: it is not empty"):
        check_target(tmp_path / "site", tmp_path / "proj", [])


KILLED_WRITER = """
import os, sys, time
from pathlib import Path
from generator.write.output import Output, write_site
out = Output()
for i in range(200):
    out.add(f"p{i:03d}/index.html", "new" * 10)
real_fdopen, count = os.fdopen, [0]
def slow_fdopen(*a, **k):
    count[0] += 1
    if count[0] == 50:
        print("half", flush=True)
        time.sleep(60)
    return real_fdopen(*a, **k)
os.fdopen = slow_fdopen
write_site(out, Path(sys.argv[1]))
"""


def test_kill_9_mid_build_leaves_the_previous_site_intact(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(output({"index.html": "previous"}), site)
    before = tree(site)
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(site)], stdout=subprocess.PIPE, text=True,
                            cwd=Path(__file__).parent.parent)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "half"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert tree(site) == before
    assert (tmp_path / ".site.prev" / MARKER).read_text().endswith("tree: updating\n"), "killed while updating the spare"
    write_site(output({"index.html": "next"}), site)
    assert tree(site)[("index.html")] == b"next"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.prev", "site"]


def test_the_first_rebuilds_spare_is_the_live_folder_linked_from_its_verified_stats(tmp_path: Path) -> None:
    """``mirror_live`` makes the spare from the live folder's recorded stat map alone (the up-to-date check's
    small cache read has no manifest): every file a hard link, every folder made, an empty one too, and
    what it returns is what a walk of the spare finds, which the writer compares with the verified map."""
    site = tmp_path / "site"
    written = write_site(output({"index.html": "1", "a/index.html": "a", "a/b/c.html": "c", "t/x/index.html": "x"}),
                         site)
    (site / "empty" / "inner").mkdir(parents=True)  # a folder the last build left empty
    live = TreeState(written.live.tree, {}, stat_tree(site))
    made = mirror_live(site, live)
    spare = spare_of(site)
    assert made == live.stats == stat_tree(spare)
    assert (spare / "empty" / "inner").is_dir()
    assert all(os.path.samefile(site / rel, spare / rel) for rel, was in live.stats.items() if was != "d")
    assert read_tree(spare) == "updating", "marked, so that a build killed meanwhile leaves a folder the next deletes"


def test_a_live_file_changed_after_its_walk_does_not_give_a_spare_the_writer_trusts(tmp_path: Path) -> None:
    site = tmp_path / "site"
    written = write_site(output({"index.html": "1", "a/index.html": "a"}), site)
    live = TreeState(written.live.tree, {}, stat_tree(site))
    (site / "a" / "index.html").write_text("edited by hand, after the walk")
    made = mirror_live(site, live)
    assert made is not None and made != live.stats and made == stat_tree(spare_of(site))


def test_a_live_entry_that_is_neither_file_nor_folder_leaves_the_spare_to_the_writer(tmp_path: Path) -> None:
    site = tmp_path / "site"
    written = write_site(output({"index.html": "1"}), site)
    (site / "link").symlink_to("index.html")
    assert mirror_live(site, TreeState(written.live.tree, {}, stat_tree(site))) is None


def test_a_build_keeps_the_output_folders_own_mode_and_group(tmp_path: Path) -> None:
    """'chgrp -R www-data site && chmod 2775 site', and the next build's swap left site/ 755 root:root: the web
    server's or the team's access went with the old folder. The new folder now gets the old one's mode and group,
    build after build."""
    import grp

    from conftest import article, make_project
    from generator.commands.cli import main

    root = make_project(tmp_path, {"2025/06/a.md": article()})
    site = root / "site"
    assert main(["build", "-q", "--config", str(root / "config.yaml")]) == 0
    mine = os.lstat(site).st_gid
    others = [g for g in os.getgroups() if g != mine] or (
        [g.gr_gid for g in grp.getgrall() if g.gr_gid != mine] if os.geteuid() == 0 else [])
    gid = others[0] if others else mine  # a user in one group only: the mode alone is seen to be kept
    os.chown(site, -1, gid)
    os.chmod(site, 0o2775)
    for body in ("Isi kedua.\n", "Isi ketiga.\n"):  # the second swap reuses the first one's spare
        (root / "content/2025/06/a.md").write_text(article(body=body))
        assert main(["build", "-q", "--config", str(root / "config.yaml")]) == 0
        assert body.strip().encode() in (site / "2025/06/a/index.html").read_bytes()
        assert (stat.S_IMODE(os.lstat(site).st_mode), os.lstat(site).st_gid) == (0o2775, gid)


def test_an_output_folder_only_its_owner_may_enter_is_kept_and_said(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A site/ restored (or made with mkdir) under 'umask 077' is 0700, and the build kept that mode for good: a web
    server running as another user answered 403 for every page, and nothing said why. The mode is still kept (it may
    be meant), and every build says it while the pages inside are readable by others; 750 (a group) is not said."""
    from conftest import article, make_project
    from generator.commands.cli import main

    root = make_project(tmp_path, {"2025/06/a.md": article()})
    site = root / "site"
    build = ["build", "-q", "--config", str(root / "config.yaml")]
    assert main(build) == 0
    os.chmod(site, 0o700)
    said = (f"{site}: warning: only its owner may enter this folder (mode 0700), though its pages are readable by "
            f"others (0644): a web server that runs as another user answers 403 for every page; digest keeps the "
            f"mode you give it, so run `chmod 755 {site}` (or `chmod 750` and `chgrp` to the server's group), unless "
            f"that is what you want\n")
    capsys.readouterr()
    for body in (None, "Isi kedua.\n"):  # up to date, then a build that swaps
        if body:
            (root / "content/2025/06/a.md").write_text(article(body=body))
        assert main(build) == 0
        assert capsys.readouterr().err == said
        assert stat.S_IMODE(site.stat().st_mode) == 0o700
    os.chmod(site, 0o750)
    assert main(build) == 0
    assert capsys.readouterr().err == ""


def test_a_read_only_output_folder_stays_so_and_every_later_build_still_replaces_it(tmp_path: Path) -> None:
    """'chmod 555 site' by an admin: the swap gave that mode to the spare .site.prev/ too (it was the live folder),
    and the first build that had to make the spare afresh (--no-cache, a cache of another version, a build killed
    midway) stopped with 'Permission denied: digest may not change it in .site.prev/', a folder the user never
    touched. The spare is digest's own: it gets its owner's write access back before it is emptied; site/ keeps 555."""
    from conftest import article, make_project

    root = make_project(tmp_path, {"2025/06/a.md": article()})
    command = as_a_user([sys.executable, "-m", "generator", "build", "-q"])
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1]), "PYTHONDONTWRITEBYTECODE": "1"}
    site = root / "site"
    assert subprocess.run(command, cwd=root, env=env).returncode == 0
    os.chmod(site, 0o555)
    for body, extra in (("Isi kedua.\n", []), ("Isi ketiga.\n", []), ("Isi keempat.\n", ["--no-cache"])):
        (root / "content/2025/06/a.md").write_text(article(body=body))
        built = subprocess.run([*command, *extra], cwd=root, env=env, capture_output=True, text=True)
        assert (built.returncode, built.stderr) == (0, ""), extra
        assert body.strip().encode() in (site / "2025/06/a/index.html").read_bytes()
        assert stat.S_IMODE(os.lstat(site).st_mode) == 0o555


def test_an_unreadable_marker_still_marks_the_folder_as_digests(tmp_path: Path) -> None:
    """'chmod 000 site/.news-digest': the swap took the folder (its marker is there), made it the spare, and every
    build after refused it: 'it was not made by digest (no .news-digest file in it)', which was false. A marker
    that cannot be read still says the folder is digest's, its contents unknown: the spare is made afresh."""
    from conftest import article, make_project

    root = make_project(tmp_path, {"2025/06/a.md": article()})
    command = as_a_user([sys.executable, "-m", "generator", "build", "-q"])
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1]), "PYTHONDONTWRITEBYTECODE": "1"}
    site = root / "site"
    assert subprocess.run(command, cwd=root, env=env).returncode == 0
    os.chmod(site / MARKER, 0)
    for body in ("Isi kedua.\n", "Isi ketiga.\n", "Isi keempat.\n"):
        (root / "content/2025/06/a.md").write_text(article(body=body))
        built = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
        assert (built.returncode, built.stderr) == (0, ""), body
        assert body.strip().encode() in (site / "2025/06/a/index.html").read_bytes()


def test_an_output_folder_or_spare_that_cannot_be_read_is_named_with_the_command_that_opens_it(tmp_path: Path) -> None:
    """'chmod 000 .site.prev' (or 444, 111, 333, or on site/): every build said 'cannot build into …/site:
    Permission denied; choose another --output or output_dir', naming neither the folder at fault nor the fix."""
    from conftest import article, make_project

    root = make_project(tmp_path, {"2025/06/a.md": article()})
    command = as_a_user([sys.executable, "-m", "generator", "build", "-q"])
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1]), "PYTHONDONTWRITEBYTECODE": "1"}
    for body in ("Isi kedua.\n", "Isi ketiga.\n"):  # then a spare too
        assert subprocess.run(command, cwd=root, env=env).returncode == 0
        (root / "content/2025/06/a.md").write_text(article(body=body))
    for name in (".site.prev", "site"):
        folder = root / name
        for mode in (0o000, 0o444, 0o111, 0o333):
            os.chmod(folder, mode)
            built = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
            os.chmod(folder, 0o755)
            assert (built.returncode, built.stderr) == (2, (
                f"error: cannot build into {root / 'site'}: {folder} cannot be read (Permission denied), and digest "
                f"looks into it on every build; run `chmod u+rwx {folder}`\n")), (name, oct(mode))
    built = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    assert (built.returncode, built.stderr) == (0, "")
    assert b"Isi ketiga." in (root / "site/2025/06/a/index.html").read_bytes()


def test_modes_changed_inside_the_site_are_not_carried_into_the_next_one(tmp_path: Path) -> None:
    """'chmod 700 site/tags' flipped between 700 and 755 on every other build (the spare kept it, and the swap
    brought it back: a web server's 403 for /tags/ every other deploy), even with --no-cache; 'chmod 600
    site/style.css' stayed for good, as its unchanged bytes were hard-linked into each new site. A build gives what
    a cold build gives: 0644 files, 0755 folders (site/ itself keeps its own mode)."""
    from conftest import article, make_project
    from generator.commands.cli import main

    root = make_project(tmp_path, {"2025/06/a.md": article(tags="[satu]")})
    site = root / "site"

    def modes() -> dict[str, str]:
        return {p.relative_to(site).as_posix(): oct(stat.S_IMODE(os.lstat(p).st_mode)) for p in site.rglob("*")
                if p.name != MARKER and oct(stat.S_IMODE(os.lstat(p).st_mode)) != ("0o755" if p.is_dir() else "0o644")}

    for body in ("Isi kedua.\n", "Isi ketiga.\n"):  # a spare the cache knows
        assert main(["build", "-q", "--config", str(root / "config.yaml")]) == 0
        (root / "content/2025/06/a.md").write_text(article(body=body, tags="[satu]"))
    seen = []
    for body, extra, chmod in (("Isi keempat.\n", [], True), ("Isi kelima.\n", [], False),
                               ("Isi keenam.\n", [], False), ("Isi ketujuh.\n", ["--no-cache"], True)):
        if chmod:
            os.chmod(site / "tags", 0o700)
            os.chmod(site / "style.css", 0o600)
        (root / "content/2025/06/a.md").write_text(article(body=body, tags="[satu]"))
        assert main(["build", "-q", "--config", str(root / "config.yaml"), *extra]) == 0
        assert body.strip().encode() in (site / "2025/06/a/index.html").read_bytes()
        seen.append(modes())
    assert seen == [{}, {}, {}, {}]


def test_a_default_acl_above_the_site_gives_its_modes_and_every_build_stays_incremental(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'setfacl -d -m o::- .' (pages that others may not read): new folders are 0750, not the 0755 the writer
    recorded for the folders it made, so the site never matched its record and every build, even with nothing
    changed, rendered every page again. The pages keep the mode the ACL gives them, and builds are incremental."""
    from conftest import article, default_acl, make_project
    from generator.commands.cli import main

    root = make_project(tmp_path / "project", {"2025/06/a.md": article(tags="[satu]"),
                                               "2025/06/b.md": article(title="Dua", date="2025-06-14")})
    default_acl(root, other=0)
    site = root / "site"
    build = ["build", "-v", "--config", str(root / "config.yaml")]
    assert main(build) == 0
    for body in ("Isi kedua.\n", "Isi ketiga.\n"):  # the spare linked from the live site, then one the cache knows
        capsys.readouterr()
        assert main(build) == 0
        assert capsys.readouterr().out.startswith("up to date: 2 articles, nothing changed since the last build")
        (root / "content/2025/06/a.md").write_text(article(body=body, tags="[satu]"))
        assert main(build) == 0
        assert " 0 reused;" not in capsys.readouterr().out
        assert body.strip().encode() in (site / "2025/06/a/index.html").read_bytes()
    modes = {oct(stat.S_IMODE(os.lstat(p).st_mode)) + ("/" if p.is_dir() else "") for p in site.rglob("*")
             if p.name != MARKER}
    assert modes == {"0o640", "0o750/"}


def test_the_spare_linked_from_a_site_under_a_default_acl_is_that_site(tmp_path: Path) -> None:
    """The first rebuild after a cold build links its spare from the live site in another process (``mirror_live``):
    a folder recorded 'd:750' (a default ACL's mode) made it give up, and the writer made the spare itself."""
    from conftest import default_acl

    default_acl(tmp_path, other=0)
    site = tmp_path / "site"
    written = write_site(output({"index.html": "1", "a/b/index.html": "2"}), site)
    assert written.live.stats["a"] == "d:750"
    assert mirror_live(site, written.live) == stat_tree(spare_of(site)) == written.live.stats


def as_a_user(command: list[str]) -> list[str]:
    """``command``, run as root without the capabilities that let root write in any folder (or as it is)."""
    from conftest import need

    if os.geteuid() != 0:
        return command
    need(shutil.which("setpriv") is not None, "setpriv is not installed (util-linux)")
    return ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]


@pytest.mark.parametrize("spare_first", [False, True], ids=["no spare yet", "a spare"])
def test_read_only_folders_inside_the_site_stop_no_later_build(tmp_path: Path, spare_first: bool) -> None:
    """'chmod 555 site/tags' (or a month's folder deep inside): the swap made that folder the spare's, and the next
    build that wrote in it (a tag added, an article added that month) or emptied the spare (--no-cache) stopped
    with 'Permission denied: digest may not change it in .site.prev/ … or delete .site.prev', a deletion that fails
    on the same folder; every later build failed. The spare is digest's own: its folders get their owner's write
    access back, as its top folder does."""
    from conftest import article, make_project

    root = make_project(tmp_path, {"2025/06/a.md": article(tags="[satu]")})
    command = as_a_user([sys.executable, "-m", "generator", "build", "-q"])
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1]), "PYTHONDONTWRITEBYTECODE": "1"}
    site = root / "site"
    for _ in range(2 if spare_first else 1):
        assert subprocess.run(command, cwd=root, env=env).returncode == 0
    for folder in ("tags", "2025/06"):
        os.chmod(site / folder, 0o555)
    steps = [("dua", []), ("tiga", []), ("empat", ["--no-cache"]), ("lima", []), ("enam", ["--no-cache"])]
    for tag, extra in steps:
        (root / f"content/2025/06/berita-{tag}.md").write_text(article(title=f"Berita {tag}", tags=f"[{tag}]"))
        built = subprocess.run([*command, *extra], cwd=root, env=env, capture_output=True, text=True)
        assert (built.returncode, built.stderr) == (0, ""), (tag, extra)
        assert (site / f"tags/{tag}/index.html").is_file() and (site / f"2025/06/berita-{tag}/index.html").is_file()
    for folder in ("tags", "2025/06"):  # once more, then pages go: their folders are removed from the spare's
        os.chmod(site / folder, 0o555)
    (root / "content/2025/06/a.md").write_text(article(body="Isi kedua.\n", tags="[satu]"))
    assert subprocess.run(command, cwd=root, env=env).returncode == 0
    for tag in ("dua", "tiga"):
        (root / f"content/2025/06/berita-{tag}.md").unlink()
    built = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    assert (built.returncode, built.stderr) == (0, "")
    assert not {"tags/dua", "tags/tiga", "2025/06/berita-dua", "2025/06/berita-tiga"} & {
        p.relative_to(site).as_posix() for p in site.rglob("*")}
    assert (site / "tags/empat/index.html").is_file()


def test_a_file_linked_into_a_read_only_folder_of_the_spare_stops_no_build(tmp_path: Path) -> None:
    """'chmod 555 site/images', then a new static/images/b.txt: the swap made that folder the spare's, and the next
    build, linking b.txt's unchanged bytes from the live site into it, stopped with 'site/images/b.txt: Permission
    denied … the project folder must be writable' (it was, and it named the live file): link() names its source in
    the error, so the spare's folder was never given its owner's write access back."""
    from conftest import article, make_project

    root = make_project(tmp_path, {"2025/06/a.md": article(), "../static/images/a.txt": "a\n"})
    command = as_a_user([sys.executable, "-m", "generator", "build", "-q"])
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1]), "PYTHONDONTWRITEBYTECODE": "1"}
    site = root / "site"
    assert subprocess.run(command, cwd=root, env=env).returncode == 0
    os.chmod(site / "images", 0o555)
    (root / "static/images/b.txt").write_text("b\n")
    assert subprocess.run(command, cwd=root, env=env).returncode == 0
    (root / "content/2025/06/a.md").write_text(article(body="Tambahan.\n"))
    built = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    assert (built.returncode, built.stderr) == (0, "")
    assert (site / "images/b.txt").read_bytes() == b"b\n" and b"Tambahan." in (site / "2025/06/a/index.html").read_bytes()


def test_a_page_gone_from_a_read_only_folder_of_the_spare_leaves_no_empty_folder(tmp_path: Path) -> None:
    """The spare's folder 'keep/' read-only (it was the live site's, 'chmod 555'): a page gone from the folder below
    it was unlinked, but the folder it left empty stayed in the published site, as its rmdir failed unseen."""
    script = f"""
import os, sys
sys.path.insert(0, {str(Path(__file__).parents[1])!r})
from pathlib import Path
from generator.write.output import Output, write_site
def out(files):
    o = Output()
    o.add_all(files.items())
    return o
site = Path({str(tmp_path / "site")!r})
first = write_site(out({{"index.html": "1", "keep/one.html": "1", "keep/gone/x.html": "x"}}), site)
os.chmod(site / "keep", 0o555)
second = write_site(out({{"index.html": "2", "keep/one.html": "1", "keep/gone/x.html": "x"}}), site, [first.live])
third = write_site(out({{"index.html": "3", "keep/one.html": "1"}}), site, [s for s in (second.live, second.spare) if s])
print(sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.name != ".news-digest"))
"""
    command = as_a_user([sys.executable, "-c", script])
    ran = subprocess.run(command, capture_output=True, text=True)
    assert (ran.returncode, ran.stderr, ran.stdout) == (0, "", "['index.html', 'keep', 'keep/one.html']\n")
