"""Read the metadata of another generator's file: Pelican's ``Key: value`` headers, YAML (``---``)
and TOML (``+++``) front matter. Each returns plain values with lower-case keys and the body.

YAML goes through news-digest's own strict loader (dates stay text, no custom tags), so what
is imported is read the way ``digest build`` will read it.
"""
from __future__ import annotations

import json
import re
import tomllib
from typing import Any

from generator.load.frontmatter import SplitError, YamlError, load_yaml, split
from generator.commands.importer.common import ReadError

Meta = dict[str, Any]

_HEADER = re.compile(r"^ {0,3}([A-Za-z0-9_-]+):\s*(.*)$")
_CONTINUED = re.compile(r"^ {4,}(.*)$")


def read_pelican(text: str) -> tuple[Meta, str]:
    """Pelican's Markdown metadata: ``Key: value`` lines up to the first blank line (indented
    lines continue a value). A file that starts with '---' is read as YAML front matter instead."""
    if text.startswith(("---\n", "--- \n")):
        try:
            return read_front_matter(text)
        except ReadError:  # Python-Markdown's meta extension reads 'Key: value' lines there ('Title: A: B')
            end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.MULTILINE)
            if end is None:
                raise
            meta, rest = read_pelican(text[4:4 + end.start()].strip("\n") + "\n\n")
            if rest.strip():
                raise
            return meta, text[4 + end.end():].lstrip("\n")
    lines = text.split("\n")
    meta: Meta = {}
    key = ""
    for i, line in enumerate(lines):
        header = _HEADER.match(line)
        if not line.strip():
            return meta, "\n".join(lines[i + 1:])
        if header:
            key = header.group(1).lower()
            meta[key] = header.group(2).strip()
        elif key and _CONTINUED.match(line):
            meta[key] = (meta[key] + " " + line.strip()).strip()
        else:
            return meta, "\n".join(lines[i:])
    return meta, ""


def read_front_matter(text: str, json_too: bool = False) -> tuple[Meta, str]:
    """YAML between '---' lines or TOML between '+++' lines, and with ``json_too`` (Hugo's) a JSON object that opens
    the file; a file with none has no metadata."""
    if text.startswith("+++"):
        return _read_toml(text)
    if text.startswith("{") and json_too:
        return _read_json(text)
    if text.startswith("{"):
        raise ReadError("has JSON front matter, which is not converted; rewrite it as YAML between '---' lines")
    if not re.match(r"---[ \t]*\n", text):
        return {}, text
    try:
        parts = split(text)
        values, _ = load_yaml(parts.yaml_text, parts.yaml_line)
    except SplitError as e:
        raise ReadError(f"line {e.line}: {e.message}") from None
    except YamlError as e:
        first, *after = [f"line {slip.line}: " + (f"field '{slip.field}': " if slip.field else "") + slip.message
                         for slip in (e, *e.also)]
        raise ReadError(first, tuple(after)) from None
    if values is None:
        values = {}
    if not isinstance(values, dict):
        raise ReadError("front matter is not 'key: value' lines")
    return {str(k).lower(): v for k, v in values.items()}, parts.body


def _read_json(text: str) -> tuple[Meta, str]:
    """Hugo's JSON front matter: the object that opens the file, up to its closing brace; the body after it."""
    try:
        values, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as e:
        raise ReadError(f"line {e.lineno}: JSON front matter: {e.msg} (column {e.colno}); fix it and import "
                        "again") from None
    if not isinstance(values, dict):
        raise ReadError("front matter is not a JSON object")
    return {str(k).lower(): v for k, v in values.items()}, text[end:].lstrip("\n")


def _read_toml(text: str) -> tuple[Meta, str]:
    lines = text.split("\n")
    for i in range(1, len(lines)):
        if lines[i].rstrip() == "+++":
            try:
                values = tomllib.loads("\n".join(lines[1:i]))
            except tomllib.TOMLDecodeError as e:  # its lines count from the one after '+++': make them file lines
                where = re.sub(r"at line (\d+)", lambda m: f"at line {int(m.group(1)) + 1}", str(e))
                raise ReadError(f"TOML front matter: {where}; fix it and import again") from None
            return {k.lower(): v for k, v in values.items()}, "\n".join(lines[i + 1:])
    raise ReadError("the TOML front matter opened on line 1 is never closed; add a line '+++' after it")
