"""The build cache: a snapshot in, an update out; anything unreadable is an empty cache with a note."""
from __future__ import annotations

from pathlib import Path

from generator.cache import CacheUpdate, digest, load_cache, save_cache


def test_digest_separates_its_parts() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest(b"x") == digest("x")


def test_round_trip(tmp_path: Path) -> None:
    update = CacheUpdate({"k": b"blob"}, {"index.html": ("fp", "h")}, "inputs", 12.5, b"\x80\x04)\x94.", 3)
    save_cache(tmp_path, update, {"tree": {"index.html": "h"}}, "tree")
    snap = load_cache(tmp_path)
    assert (dict(snap.articles), dict(snap.pages), snap.inputs, snap.due, snap.live_tree, snap.articles_built) == (
        {"k": b"blob"}, {"index.html": ("fp", "h")}, "inputs", 12.5, "tree", 3)
    assert (tmp_path / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")


def test_stale_articles_are_dropped_on_save(tmp_path: Path) -> None:
    save_cache(tmp_path, CacheUpdate({"a": b"1", "b": b"2"}, {}, "", 0.0, b"\x80\x04)\x94.", 0), {}, "")
    save_cache(tmp_path, CacheUpdate({"b": b"2"}, {}, "", 0.0, b"\x80\x04)\x94.", 0), {}, "")
    assert dict(load_cache(tmp_path).articles) == {"b": b"2"}


def test_garbage_is_an_empty_cache_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "build.sqlite").write_bytes(b"garbage" * 1000)
    snap = load_cache(tmp_path)
    assert snap.articles == {} and snap.notes == (
        "note: the build cache was unreadable and is rebuilt; nothing else is affected",)
    assert load_cache(tmp_path / "missing").notes == ()
