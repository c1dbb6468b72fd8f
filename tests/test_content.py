"""parse_article: one file's bytes → Article, or exact messages pointing at the right line."""
from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from hypothesis import given, settings as hypothesis_settings, strategies as st
from markupsafe import Markup

from conftest import article, build_project, make_project, write_files
from generator.core.errors import Problem
from generator.load.content import (NOT_ARTICLES, NOTES_DIR, ArticleSettings, is_utf8, _resolve_links, count_words,
                                     markdown_misnamed,
                                       find_articles, parse_article)
from generator.load.registry import load_registry
from generator.core.models import Article

REGISTRY_YAML = """\
meta:
  name: Meta
  aliases: [Facebook, Meta Platforms]
on-semi:
  name: "ON"
  aliases: [onsemi]
"""


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> ArticleSettings:
    path = tmp_path_factory.mktemp("reg") / "companies.yaml"
    path.write_text(REGISTRY_YAML)
    return ArticleSettings("Asia/Jakarta", load_registry(path, "content/companies.yaml"), "content")


def messages(data: bytes, settings: ArticleSettings) -> list[str]:
    return [str(p) for p in parse_article("content/a.md", data, settings)[1]]


UNKNOWN_GOOGLE_OPENAI = [  # said with a slip above them, as the file is read as if the slip were fixed
    f"content/a.md:{line}: field 'companies': warning: '{name}' is not in content/companies.yaml; add it there to give "
    "its page a name, link and description" for line, name in ((5, "Google"), (6, "OpenAI"))]
DATE_FIX = ("write YYYY-MM-DD or an ISO 8601 date-time such as 2025-06-13T09:00:00+07:00, or the date as the news "
            "page prints it: 13 Juni 2025 09.00 WIB")
CASES = {
    "no front matter": (b"title: x\n", [
        "content/a.md:1: no front matter: start the file with a line '---', then the fields (title: ..., date: ...), then another line '---'"]),
    "never closed": (b"---\ntitle: x\n", [
        "content/a.md:1: the front matter opened on line 1 is never closed; add a line '---' after the last field"]),
    "title is a comment": (b"---\ntitle: #1\ndate: 2025-01-01\n---\nx\n", [
        "content/a.md:2: field 'title': '#' starts a YAML comment, so the value is empty; put it in quotes: title: \"#1\""]),
    "title is a number": (b"---\ntitle: 2026\ndate: 2025-01-01\n---\nx\n", [
        "content/a.md:2: field 'title': must be text; YAML read '2026' as a number; put it in quotes: title: \"2026\""]),
    "title is YAML's infinity": (b"---\ntitle: .inf\ndate: 2025-01-01\n---\nx\n", [
        "content/a.md:2: field 'title': must be text; YAML read '.inf' as a number; put it in quotes: title: \".inf\""]),
    "impossible date": (b"---\ntitle: x\ndate: 2026-02-30\n---\nx\n", [
        f"content/a.md:3: field 'date': '2026-02-30' is not a valid date (day is out of range for month); {DATE_FIX}"]),
    "date is a year": (b"---\ntitle: x\ndate: 2025\n---\nx\n", [
        f"content/a.md:3: field 'date': '2025' is not a valid date; {DATE_FIX}"]),
    # shown as written, not as Python prints what YAML read ('True', '16', "{'y': 2025}")
    "date is true": (b"---\ntitle: x\ndate: true\n---\nx\n", [
        f"content/a.md:3: field 'date': 'true' is not a valid date; {DATE_FIX}"]),
    "date is hexadecimal": (b"---\ntitle: x\ndate: 0x10\n---\nx\n", [
        f"content/a.md:3: field 'date': '0x10' is not a valid date; {DATE_FIX}"]),
    "date is a mapping": (b"---\ntitle: x\ndate:\n  y: 2025\n---\nx\n", [
        f"content/a.md:3: field 'date': a mapping or list on the lines below is not a valid date; {DATE_FIX}"]),
    "tags as text": (b"---\ntitle: x\ndate: 2025-01-01\ntags: a, b\n---\nx\n", [
        "content/a.md:4: field 'tags': must be a list; write tags: [a, b] or one '- item' line per tag"]),
    "companies as text": (b"---\ntitle: x\ndate: 2025-01-01\ncompanies: Meta\n---\nx\n", [
        "content/a.md:4: field 'companies': must be a list; write companies: [Meta] or one '- item' line per "
        "company"]),
    "nested tags": (b"---\ntitle: x\ndate: 2025-01-01\ntags:\n  - a\n  - [b, c]\n---\nx\n", [
        "content/a.md:6: field 'tags': must be a flat list of names; this item is a nested list or mapping"]),
    "duplicate key": (b"---\ntitle: x\ndate: 2025-01-01\ntitle: y\n---\nx\n", [
        "content/a.md:4: field 'title': is defined twice (first on line 2); keep one"]),
    "duplicate key and another problem, with the nested field's name": (
        b"---\ntitle: x\ndate: 2025-13-01\nsource:\n  name: A\n  name: B\n  url: https://a.example/x\n---\nx\n", [
        f"content/a.md:3: field 'date': '2025-13-01' is not a valid date (month must be in 1..12); {DATE_FIX}",
        "content/a.md:6: field 'source.name': is defined twice (first on line 5); keep one"]),
    "yaml syntax": (b"---\ntitle: x\ndate: 2025-01-01\ntags:\n  - [a\n---\nx\n", [
        "content/a.md:5: field 'tags': starts a list with '[' that is never closed; write the name alone: - a"]),
    "quotes in quotes": (b"---\ntitle: \"Meta \"besar\" beli\"\ndate: 2025-01-01\n---\nx\n", [
        "content/a.md:2: field 'title': has double quotes inside double quotes; write it as title: "
        "'Meta \"besar\" beli'"]),
    # a line YAML reads on its own, quotes escaped ('\\"') or doubled (''), was blamed for the slip on the next line,
    # and the advice, followed, published the backslashes ('Meta \\"all in\\"') or both quotes ('McDonald''s')
    "escaped quotes in quotes, then a slip": (
        b"---\ntitle: \"Meta \\\"all in\\\" on AI\"\nsummary: Meta: akuisisi besar\ndate: 2025-06-03\n---\nx\n", [
        "content/a.md:3: field 'summary': has ': ' in it, which YAML reads as the start of another key; put the whole "
        "value in double quotes: summary: \"Meta: akuisisi besar\""]),
    "a doubled quote in single quotes, then a slip": (
        b"---\ntitle: 'McDonald''s'\nsummary: @mcd resmi\ndate: 2025-06-03\n---\nx\n", [
        "content/a.md:3: field 'summary': '@' cannot start a value in YAML; put the whole value in double quotes: "
        "summary: \"@mcd resmi\""]),
    "a bracket first": (b"---\ntitle: [Rilis] Model baru\ndate: 2025-01-01\n---\nx\n", [
        "content/a.md:2: field 'title': starts with '[', which YAML reads as a list; put the whole value in double "
        "quotes: title: \"[Rilis] Model baru\""]),
    "a tab for indentation": (b"---\ntitle: x\ndate: 2025-01-01\nsource:\n\tname: Kontan\n---\nx\n", [
        "content/a.md:4: field 'source.url': is required: the link to the original article",
        "content/a.md:5: field 'source.name': is indented with a tab, which YAML does not take; indent it with 2 "
        "spaces: name: Kontan"]),
    # each tabbed line was said in a run of its own, and the date and slug only in the run after them
    "tabs for indentation under a mapping, with other problems": (
        b"---\ntitle: x\ndate: 2025-13-03\nsource:\n\tname: Reuters\n\turl: https://reuters.com/x\ntags: [data]\n"
        b"slug: Bad_Slug\n---\nx\n", [
        f"content/a.md:3: field 'date': '2025-13-03' is not a valid date (month must be in 1..12); {DATE_FIX}",
        "content/a.md:5: field 'source.name': is indented with a tab, which YAML does not take; indent it with 2 "
        "spaces: name: Reuters",
        "content/a.md:6: field 'source.url': is indented with a tab, which YAML does not take; indent it with 2 "
        "spaces, as the line above: url: https://reuters.com/x",
        "content/a.md:8: field 'slug': 'Bad_Slug' is not a valid slug; use lowercase letters, digits and single "
        "hyphens, like 'meta-scale-ai'"]),
    "a tab under a mapping indented with spaces": (
        b"---\ntitle: x\ndate: 2025-01-01\nsource:\n  name: Reuters\n\turl: https://reuters.com/x\n---\nx\n", [
        "content/a.md:6: field 'source.url': is indented with a tab, which YAML does not take; indent it with 2 "
        "spaces, as the line above: url: https://reuters.com/x"]),
    "tabs before list items": (b"---\ntitle: x\ndate: 2025-01-01\ntags:\n\t- a\n\t- b\nslug: Bad_Slug\n---\nx\n", [
        "content/a.md:5: field 'tags': is indented with a tab, which YAML does not take; indent it with 2 spaces: - a",
        "content/a.md:6: field 'tags': is indented with a tab, which YAML does not take; indent it with 2 spaces, as "
        "the line above: - b",
        "content/a.md:7: field 'slug': 'Bad_Slug' is not a valid slug; use lowercase letters, digits and single "
        "hyphens, like 'meta-scale-ai'"]),
    # told to remove the tab, the line written so was a list still never closed
    "a tab before a list never closed": (b"---\ntitle: x\ndate: 2025-01-01\nsummary: x\n\ttags: [investasi, data\n---\nx\n", [
        "content/a.md:5: field 'tags': is indented with a tab, and the line above opens no list or mapping; remove "
        "the tab; and it starts a list with '[' that is never closed; write tags: [investasi, data]"]),
    # a top-level key: indented with spaces, it was told "the line above opens no list or mapping"
    "a tab before a key under a value": (b"---\ntitle: x\ndate: 2025-01-01\nsummary: x\n\ttags: [a]\n---\nx\n", [
        "content/a.md:5: field 'tags': is indented with a tab, and the line above opens no list or mapping; remove "
        "the tab: tags: [a]"]),
    "a tab before the first key": (b"---\n\ttitle: x\ndate: 2025-01-01\ntags: [a, 7]\n---\nx\n", [
        "content/a.md:2: field 'title': is indented with a tab, and the line above opens no list or mapping; remove "
        "the tab: title: x",
        "content/a.md:4: field 'tags': item 2 is 7; every item must be text (put numbers and yes/no in quotes)"]),
    # the parser's "did not find expected key", no field, the slug unsaid; its advice ("[data]]") looped back
    "a list with its ']' doubled": (b"---\ntitle: x\ndate: 2025-01-01\ntags: [data]]\nslug: Bad_Slug\n---\nx\n", [
        "content/a.md:4: field 'tags': has one ']' too many; write tags: [data]",
        "content/a.md:5: field 'slug': 'Bad_Slug' is not a valid slug; use lowercase letters, digits and single "
        "hyphens, like 'meta-scale-ai'"]),
    # said a line low, in the parser's words
    "a list with its '[' doubled": (b"---\ntitle: x\ndate: 2025-01-01\ntags: [[data]\nslug: Bad_Slug\n---\nx\n", [
        "content/a.md:4: field 'tags': has one '[' too many; write tags: [data]",
        "content/a.md:5: field 'slug': 'Bad_Slug' is not a valid slug; use lowercase letters, digits and single "
        "hyphens, like 'meta-scale-ai'"]),
    # the parser's "found unexpected end of stream" at the closing '---': the other quote mark hid the item's slip
    "an item's quote never closed, the other quote mark in it": (
        b"---\ntitle: x\ndate: 2025-01-01\ntags:\n  - \"O'Reilly\n  - data\nslug: Bad_Slug\n---\nx\n", [
        "content/a.md:5: field 'tags': the double quote before 'O'Reilly' is never closed; write - \"O'Reilly\"",
        "content/a.md:7: field 'slug': 'Bad_Slug' is not a valid slug; use lowercase letters, digits and single "
        "hyphens, like 'meta-scale-ai'"]),
    # the line below was dropped ('AI: generatif' read as a key), and items that need quotes were advised without
    # them, which then failed
    "a list never closed, items below with ': ' and '@'": (
        b"---\ntitle: x\ndate: 2025-01-01\ntags: [investasi, data,\n  AI: generatif, @openai\nslug: Bad_Slug\n---\nx\n", [
        "content/a.md:4: field 'tags': starts a list with '[' that is never closed; write it on one line, in place of "
        "lines 4 to 5: tags: [investasi, data, \"AI: generatif\", \"@openai\"]",
        "content/a.md:6: field 'slug': 'Bad_Slug' is not a valid slug; use lowercase letters, digits and single "
        "hyphens, like 'meta-scale-ai'"]),
    "a list never closed, an item with ': '": (
        b"---\ntitle: x\ndate: 2025-01-01\ntags: [investasi, AI: generatif,\nslug: Bad_Slug\n---\nx\n", [
        "content/a.md:4: field 'tags': starts a list with '[' that is never closed; write tags: [investasi, "
        "\"AI: generatif\"]",
        "content/a.md:5: field 'slug': 'Bad_Slug' is not a valid slug; use lowercase letters, digits and single "
        "hyphens, like 'meta-scale-ai'"]),
    "a list never closed, an item starting with '@'": (
        b"---\ntitle: x\ndate: 2025-01-01\ntags: [investasi, @openai\nslug: Bad_Slug\n---\nx\n", [
        "content/a.md:4: field 'tags': starts a list with '[' that is never closed; write tags: [investasi, "
        "\"@openai\"]",
        "content/a.md:5: field 'slug': 'Bad_Slug' is not a valid slug; use lowercase letters, digits and single "
        "hyphens, like 'meta-scale-ai'"]),
    "a list never closed": (b"---\ntitle: x\ndate: 2025-01-01\ntags: [AI, data\n---\nx\n", [
        "content/a.md:4: field 'tags': starts a list with '[' that is never closed; write tags: [AI, data]"]),
    "a list never closed, the error found lines below": (
        b"---\ntitle: x\ntags: [AI, data,\ndate: 2025-01-01\nsection: Aceh\n---\nx\n", [
        "content/a.md:3: field 'tags': starts a list with '[' that is never closed; write tags: [AI, data]"]),
    # an editor's report: "put the whole value in double quotes: tags: \"[telekomunikasi\"", then "must be a list"
    "a one-item list never closed": (b"---\ntitle: x\ndate: 2025-01-01\ntags: [telekomunikasi\n---\nx\n", [
        "content/a.md:4: field 'tags': starts a list with '[' that is never closed; write tags: [telekomunikasi]"]),
    # the fix, followed, must read: not 'tags: ["AI]' (a quote still open) nor a ']' inside a comment
    # the items on the lines below were dropped ('write tags: [investasi, kecerdasan buatan]'), and the advice,
    # followed, was a syntax error on the next line; the lines after keep their numbers ('slug' on line 10)
    "a list over lines never closed": (
        b"---\ntitle: x\ndate: 2025-01-01\ntags: [investasi, kecerdasan buatan,\n  data, startup\ncompanies: [Meta,\n"
        b"    # nanti\n    onsemi\nsummary: \"Ringkasan\"\nslug: Meta_Scale\n---\nx\n", [
        "content/a.md:10: field 'slug': 'Meta_Scale' is not a valid slug; use lowercase letters, digits and single "
        "hyphens, like 'meta-scale-ai'",
        "content/a.md:4: field 'tags': starts a list with '[' that is never closed; write it on one line, in place of "
        "lines 4 to 5: tags: [investasi, kecerdasan buatan, data, startup]",
        "content/a.md:6: field 'companies': starts a list with '[' that is never closed; write it on one line, in "
        "place of lines 6 to 8: companies: [Meta, onsemi]"]),
    # ('write tags: [investasi, kecerdasan buatan,]': the ']' added after the key line's items, dropping the rest)
    "a list over lines without its colon, never closed": (
        b"---\ntitle: x\ndate: 2025-01-01\ntags [investasi, kecerdasan buatan,\n  data, startup\nslug: A_B\n---\nx\n", [
        "content/a.md:4: field 'tags': has no ':' after the key, and its list is never closed; write it on one line, in "
        "place of lines 4 to 5: tags: [investasi, kecerdasan buatan, data, startup]",
        "content/a.md:6: field 'slug': 'A_B' is not a valid slug; use lowercase letters, digits and single hyphens, "
        "like 'meta-scale-ai'"]),
    # pasted bullets were kept in the names ('tags: [investasi, - data, - startup]', a syntax error; '• data' a
    # tag), and a line of items at the beginning of the line was dropped ('write tags: [investasi]', then "has no ':'")
    "a list never closed over lines with dashes": (
        b"---\ntitle: x\ndate: 2025-01-01\ntags: [investasi,\n  - data\n  - startup\nslug: A_B\n---\nx\n", [
        "content/a.md:4: field 'tags': starts a list with '[' that is never closed; write it on one line, in place of "
        "lines 4 to 6: tags: [investasi, data, startup]",
        "content/a.md:7: field 'slug': 'A_B' is not a valid slug; use lowercase letters, digits and single hyphens, "
        "like 'meta-scale-ai'"]),
    "a list never closed over lines with bullets": (
        "---\ntitle: x\ndate: 2025-01-01\ntags: [investasi,\n  \u2022 data\n  \u2022 startup\n---\nx\n".encode(), [
        "content/a.md:4: field 'tags': starts a list with '[' that is never closed; write it on one line, in place of "
        "lines 4 to 6: tags: [investasi, data, startup]"]),
    "a list never closed, its items at the beginning of the line below": (
        b"---\ntitle: x\ndate: 2025-01-01\ntags: [investasi,\ndata, startup\nslug: A_B\n---\nx\n", [
        "content/a.md:4: field 'tags': starts a list with '[' that is never closed; write it on one line, in place of "
        "lines 4 to 5: tags: [investasi, data, startup]",
        "content/a.md:6: field 'slug': 'A_B' is not a valid slug; use lowercase letters, digits and single hyphens, "
        "like 'meta-scale-ai'"]),
    # a note after '# ' was told to be a tag in quotes ('tags: [investasi, "# penting"]'), dropping the items below
    "a list never closed with a note, its items below": (
        b"---\ntitle: x\ndate: 2025-01-01\ntags: [investasi, # penting\n  data, startup\nslug: A_B\n---\nx\n", [
        "content/a.md:4: field 'tags': starts a list with '[' that is never closed; write it on one line, in place of "
        "lines 4 to 5: tags: [investasi, data, startup]",
        "content/a.md:6: field 'slug': 'A_B' is not a valid slug; use lowercase letters, digits and single hyphens, "
        "like 'meta-scale-ai'"]),
    # ('write companies: [Meta, Scale AI}]': the wrong bracket kept, and a name 'Scale AI}'); a '(' and ')' in a name stay
    "a list closed with the wrong bracket": (
        b"---\ntitle: x\ndate: 2025-01-01\ncompanies: [Meta, Scale AI}\ntags: [Meta (FB)\n---\nx\n", [
        "content/a.md:4: field 'companies': starts a list with '[' that is never closed ('}' is not its closing "
        "bracket); write companies: [Meta, Scale AI]",
        "content/a.md:4: field 'companies': warning: 'Scale AI' is not in content/companies.yaml; add it there to give "
        "its page a name, link and description",
        "content/a.md:5: field 'tags': starts a list with '[' that is never closed; write tags: [Meta (FB)]"]),
    # said in the parser's words at the closing '---' ('found unexpected end of stream'), hiding the bad slug; a
    # quote closed by the next item's ('["investasi, "kecerdasan buatan"') was 'did not find expected ','...'
    "a quote never closed in a list item": (
        b"---\ntitle: x\ndate: 2025-01-01\ncompanies:\n  - \"Meta\n  - Google\nslug: A_B\n---\nx\n", [
        "content/a.md:5: field 'companies': the double quote before 'Meta' is never closed; write - \"Meta\"",
        "content/a.md:6: field 'companies': warning: 'Google' is not in content/companies.yaml; add it there to give "
        "its page a name, link and description",
        "content/a.md:7: field 'slug': 'A_B' is not a valid slug; use lowercase letters, digits and single hyphens, "
        "like 'meta-scale-ai'"]),
    "a quote never closed before another quoted item": (
        b"---\ntitle: x\ndate: 2025-01-01\ntags: [\"investasi, \"kecerdasan buatan\", data]\nslug: A_B\n---\nx\n", [
        "content/a.md:4: field 'tags': the double quote before 'investasi' is never closed; write tags: "
        "[\"investasi\", \"kecerdasan buatan\", data]",
        "content/a.md:5: field 'slug': 'A_B' is not a valid slug; use lowercase letters, digits and single hyphens, "
        "like 'meta-scale-ai'"]),
    # an item's quote never closed was said at the line where YAML gave up, in its words ('did not find expected ','
    # or ']'' on the line of the next quote, 'found unexpected end of stream' below the list)
    "a quote never closed in a list, fields below": (
        b"---\ntitle: x\ndate: 2025-01-01\ntags: [investasi, \"kecerdasan buatan, data]\nsummary: \"Ringkasan\"\n"
        b"section: Redaksi\nslug: Meta_Scale\n---\nx\n", [
        "content/a.md:4: field 'tags': the double quote before 'kecerdasan buatan' is never closed; write tags: "
        "[investasi, \"kecerdasan buatan\", data]",
        "content/a.md:7: field 'slug': 'Meta_Scale' is not a valid slug; use lowercase letters, digits and single "
        "hyphens, like 'meta-scale-ai'"]),
    "a quote never closed in a list, the last field": (
        b"---\ntitle: x\ndate: 2025-01-01\nsummary: \"Ringkasan\"\ntags: [investasi, 'kecerdasan buatan, data\n---\nx\n", [
        "content/a.md:5: field 'tags': the single quote before 'kecerdasan buatan' is never closed, nor the list; "
        "write tags: "
        "[investasi, 'kecerdasan buatan', data]"]),
    "a list never closed, with a quote open": (b"---\ntitle: x\ndate: 2025-01-01\ntags: [\"AI\n---\nx\n", [
        "content/a.md:4: field 'tags': the double quote before 'AI' is never closed, nor the list; write tags: "
        "[\"AI\"]"]),
    "a list never closed before a comment": (b"---\ntitle: x\ndate: 2025-01-01\ncompanies: [Google # mesin\n---\nx\n", [
        "content/a.md:4: field 'companies': starts a list with '[' that is never closed; write companies: [Google]",
        "content/a.md:4: field 'companies': warning: 'Google' is not in content/companies.yaml; add it there to give "
        "its page a name, link and description"]),
    "text starting with '[' never closed": (b"---\ntitle: [Rilis, Model baru\ndate: 2025-01-01\n---\nx\n", [
        "content/a.md:2: field 'title': starts a list with '[' that is never closed; write title: [Rilis, Model baru] "
        "for a list, or put text in double quotes: title: \"[Rilis, Model baru\""]),
    "an empty line before the front matter": (b"\n---\ntitle: x\ndate: 2025-01-01\n---\nx\n", [
        "content/a.md:1: the front matter's '---' must be the file's first line; delete the empty line above it"]),
    "a quote never closed": (b"---\ntitle: x\ndate: 2025-01-01\nsummary: \"Ringkasan tanpa tutup\ntags: [a]\n---\nx\n", [
        "content/a.md:4: field 'summary': the double quote that starts the value is never closed, so YAML reads on "
        "past this line; end the value with \": summary: \"Ringkasan tanpa tutup\""]),
    "a quote never closed, closed by a later field's": (
        b"---\ntitle: \"Judul tanpa tutup\ndate: 2025-01-01\nsummary: \"Ringkasan\"\n---\nx\n", [
        "content/a.md:2: field 'title': the double quote that starts the value is never closed, so YAML reads on "
        "past this line; end the value with \": title: \"Judul tanpa tutup\""]),
    "a quoted value over two lines, the error in another field": (
        b"---\ntitle: x\ndate: 2025-01-01\nsummary: \"Baris satu\n  baris dua\"\nsource:\n  name: X\n   url: https://e.com/a\n"
        b"---\nx\n", [
        "content/a.md:8: field 'source.url': 'url: https://e.com/a' is indented more than the line above, which "
        "opens no list or mapping; indent it with 2 spaces, as the line above: url: https://e.com/a"]),
    "a quote inside block text, the error in another field": (
        b"---\ntitle: x\ndate: 2025-01-01\nsummary: >\n  Catatan: \"kami akan\n  datang\nsource:\n  name: X\n"
        b"   url: https://e.com/a\n---\nx\n", [
        "content/a.md:9: field 'source.url': 'url: https://e.com/a' is indented more than the line above, which "
        "opens no list or mapping; indent it with 2 spaces, as the line above: url: https://e.com/a"]),
    # PyYAML notices a missing ':' on the next line (here the closing '---'); the line without it is named
    "a line without its colon": (b"---\ntitle: x\ndate: 2025-01-01\nsummary Ringkasan\n---\nx\n", [
        "content/a.md:4: field 'summary': has no ':' after the key; write summary: Ringkasan"]),
    # the next line's comment was taken into its value, and the advice was no YAML: url: 'https://...x"  # see: here'
    "a line without its colon, the next one's comment with ': '": (
        b"---\ntitle: x\ndate: 2025-01-01\nsource:\n  name news-digest  # the name\n"
        b"  url: \"https://www.example.com/x\"  # see: here\n---\nx\n", [
        "content/a.md:5: field 'source.name': has no ':' after the key; write name: news-digest; or, if it is the text "
        "of 'source:', put that text in double quotes on its line"]),
    # it was tags: "[panduan, ai]", which is "must be a list"
    "a list without its colon": (b"---\ntitle: x\ndate: 2025-01-01\ntags [panduan, ai]\n---\nx\n", [
        "content/a.md:4: field 'tags': has no ':' after the key; write tags: [panduan, ai]"]),
    "a first line without its colon": (b"---\nhello\ntitle: x\ndate: 2025-01-01\n---\nx\n", [
        "content/a.md:2: 'hello' has no ':', so YAML cannot read it as a field; write it as 'key: value', or delete "
        "the line"]),
    "a list item without its dash": (b"---\ntitle: x\ndate: 2025-01-01\ntags:\n  - a\n  b\n---\nx\n", [
        "content/a.md:6: 'b' has no '-' before it to be an item of the list above: write '  - b'"]),
    # each slip was said in a run of its own: the editor fixed one and ran again to learn of the next
    "two lines without their colon": (b"---\ntitle Foo\ndate: 2025-01-01\ntags: [a]\nsummary Bar\n---\nx\n", [
        "content/a.md:2: field 'title': has no ':' after the key; write title: Foo",
        "content/a.md:5: field 'summary': has no ':' after the key; write summary: Bar"]),
    "a quote never closed and a line indented for no reason": (
        b"---\ntitle: \"Foo\ndate: 2025-01-01\n  tags: [a, b]\nsummary: Meta: akuisisi\n---\nx\n", [
        "content/a.md:2: field 'title': the double quote that starts the value is never closed, so YAML reads on "
        "past this line; end the value with \": title: \"Foo\"",
        "content/a.md:4: 'tags: [a, b]' is indented, but the line above opens no list or mapping; start it at the "
        "beginning of the line",
        "content/a.md:5: field 'summary': has ': ' in it, which YAML reads as the start of another key; put the whole "
        "value in double quotes: summary: \"Meta: akuisisi\""]),
    # what follows a list never closed may have been its items: no guess about them, nor about a line after a tab
    # ('write tags: [AI, data]' dropped 'ml', and, followed, was a syntax error that hid 'summary Bar')
    "a list never closed, then a line without its colon": (
        b"---\ntags: [AI, data,\n  ml\ntitle: x\ndate: 2025-01-01\nsummary Bar\n---\nx\n", [
        "content/a.md:2: field 'tags': starts a list with '[' that is never closed; write it on one line, in place of "
        "lines 2 to 3: tags: [AI, data, ml]",
        "content/a.md:6: field 'summary': has no ':' after the key; write summary: Bar"]),
    # a list over two lines, closed, was "never closed; write tags: [AI]" (dropping 'data'), hiding the real slip;
    # a value's text on an indented line was "indented, but the line above opens no list or mapping"
    "a list over two lines, then a line without its colon": (
        b"---\ntitle: x\ntags: [AI,\n  data]\nsummary Ringkasan panjang\ndate: 2025-01-01\n---\nx\n", [
        "content/a.md:5: field 'summary': has no ':' after the key; write summary: Ringkasan panjang"]),
    "a value over two lines, then a slip": (
        b"---\ntitle: x\nsummary: Panjang\n  lanjut:lagi\ndate: @x\n---\nx\n", [
        "content/a.md:5: field 'date': '@' cannot start a value in YAML, and '@x' is not a valid date; write YYYY-MM-DD or an ISO 8601 date-time such as "
        "2025-06-13T09:00:00+07:00, or the date as the news page prints it: 13 Juni 2025 09.00 WIB"]),
    # a list over two lines, valid, was "never closed; write companies: [Google]" (dropping OpenAI) when YAML
    # stopped at its line for a slip above it, which was not said
    "a list over two lines without the space after its colon, then a list over two lines": (
        b"---\ntitle: x\ntags:[panduan,\n  baru]\ncompanies: [Google,\n  OpenAI]\ndate: 2025-01-01\n---\nx\n", [
        "content/a.md:3: field 'tags': needs a space after the colon: tags: [panduan,",
        *UNKNOWN_GOOGLE_OPENAI]),
    "a list over two lines without its colon, then a list over two lines": (
        b"---\ntitle: x\ntags [panduan,\n  baru]\ncompanies: [Google,\n  OpenAI]\ndate: 2025-01-01\n---\nx\n", [
        "content/a.md:3: field 'tags': has no ':' after the key; write tags: [panduan,",
        *UNKNOWN_GOOGLE_OPENAI]),
    # a line of a mapping over three lines was judged alone: "url: '...sumber\"}'" (its '}' is the mapping's)
    "a mapping over three lines, then a slip": (
        b'---\ntitle: x\nsource: {\n  name: "news-digest",\n  url: "https://www.example.com/berita/contoh-artikel-'
        b'sumber"}\nsection: Redaksi: Utama\ndate: 2025-01-01\n---\nx\n', [
        "content/a.md:6: field 'section': has ': ' in it, which YAML reads as the start of another key; put the whole "
        "value in double quotes: section: \"Redaksi: Utama\""]),
    # a '#' name in a list over lines was read as a comment, the list closed below: built, the tag left out
    "a '#' name in a list over two lines": (
        b"---\ntitle: x\ndate: 2025-01-01\ntags: [panduan, #Pilkada2026,\n  pemilu]\n---\nx\n", [
        "content/a.md:4: field 'tags': '#Pilkada2026' starts a YAML comment, so it is left out of the list with the "
        "rest of its line; put a name that starts with '#' in double quotes: tags: [panduan, \"#Pilkada2026\","]),
    # one on the list's last line took its ']' into the comment: "never closed; write tags: [panduan]" dropped two tags
    "a '#' name on the last line of a list over lines": (
        b"---\ntitle: x\ndate: 2025-01-01\ntags: [panduan,\n  #Pilkada2026, pemilu]\n---\nx\n", [
        "content/a.md:5: field 'tags': '#Pilkada2026' starts a YAML comment, so it is left out of the list with the "
        "rest of its line; put a name that starts with '#' in double quotes: \"#Pilkada2026\", pemilu]"]),
    "a merge key with no anchor, another merge key and an unknown field": (
        b'---\ntitle: x\ndate: 2025-01-01\nsource: {<<: *s, url: "https://x.com/a"}\n<<: *b\nfoo: bar\n---\nx\n', [
        "content/a.md:4: field 'source': '<<' (YAML's merge key, with an alias such as *base) is not read here; write "
        "the fields out in full",
        "content/a.md:5: '<<' (YAML's merge key, with an alias such as *base) is not read here; write the fields out "
        "in full",
        "content/a.md:6: field 'foo': warning: unknown field, ignored; known fields: title, date, summary, source, "
        "tags, companies, section, author, image, image_alt, image_caption, image_credit, slug, updated, draft, "
        "redirects, toc, lang"]),
    # a tab was shown as '\t', which typed is two characters: '[Meta,\t"#Meta",'
    "a '#' name after a tab in a list over lines": (
        b"---\ntitle: x\ndate: 2025-01-01\ncompanies: [Meta,\t#Meta,\n  onsemi]\n---\nx\n", [
        "content/a.md:4: field 'companies': '#Meta' starts a YAML comment, so it is left out of the list with the "
        "rest of its line; put a name that starts with '#' in double quotes: companies: [Meta, \"#Meta\","]),
    "a list never closed, a tab after a comma": (b"---\ntitle: x\ndate: 2025-01-01\ntags: [AI,\tdata\n---\nx\n", [
        "content/a.md:4: field 'tags': starts a list with '[' that is never closed; write tags: [AI, data]"]),
    # PyYAML finds the list never closed first: 'summary Bar' above it was said only in the run after
    "two lines without their colon, then a list never closed": (
        b"---\ntitle Foo\ndate: 2024-05-01\nsummary Bar\ntags: [a, b\n---\nx\n", [
        "content/a.md:2: field 'title': has no ':' after the key; write title: Foo",
        "content/a.md:4: field 'summary': has no ':' after the key; write summary: Bar",
        "content/a.md:5: field 'tags': starts a list with '[' that is never closed; write tags: [a, b]"]),
    "a '#' name on its own line of a list": (
        b'---\ntitle: x\ndate: 2025-01-01\ncompanies: ["C#",\n  #Meta, Google\n  ]\n---\nx\n', [
        "content/a.md:4: field 'companies': warning: 'C#' is not in content/companies.yaml; add it there to give its "
        "page a name, link and description",
        "content/a.md:5: field 'companies': '#Meta' starts a YAML comment, so it is left out of the list with the "
        "rest of its line; put a name that starts with '#' in double quotes: \"#Meta\", Google"]),
    "a tab, then a line without its colon": (b"---\ntitle: x\nsource:\n\tname: A\ndate: 2025-01-01\nsummary Bar\n---\nx\n", [
        "content/a.md:3: field 'source.url': is required: the link to the original article",
        "content/a.md:4: field 'source.name': is indented with a tab, which YAML does not take; indent it with 2 "
        "spaces: name: A",
        "content/a.md:6: field 'summary': has no ':' after the key; write summary: Bar"]),
    "a list item without its space": (b"---\ntitle: x\ndate: 2025-01-01\ntags:\n  - a\n  -b\n---\nx\n", [
        "content/a.md:6: '-b' needs a space after '-' to be an item of the list above: write '  - b'"]),
    "that list quoted": (b"---\ntitle: x\ndate: 2025-01-01\ntags: \"[AI, data\"\n---\nx\n", [
        "content/a.md:4: field 'tags': must be a list; write tags: [AI, data] or one '- item' line per tag"]),
    "an at sign first": (b"---\ntitle: @OpenAI rilis model\ndate: 2025-01-01\n---\nx\n", [
        "content/a.md:2: field 'title': '@' cannot start a value in YAML; put the whole value in double quotes: "
        "title: \"@OpenAI rilis model\""]),
    "no space after the colon": (b"---\ntitle:Meta\ndate: 2025-01-01\n---\nx\n", [
        "content/a.md:2: field 'title': needs a space after the colon: title: Meta"]),
    "an indented key": (b"---\ntitle: Meta\n  date: 2025-01-01\n---\nx\n", [
        "content/a.md:3: 'date: 2025-01-01' is indented, but the line above opens no list or mapping; start it at the "
        "beginning of the line"]),
    "a colon in a nested value": (b"---\ntitle: x\ndate: 2025-01-01\nsource:\n  name: Reuters: Tech\n"
                                  b"  url: https://www.reuters.com/x\n---\nx\n", [
        "content/a.md:5: field 'source.name': has ': ' in it, which YAML reads as the start of another key; put the "
        "whole value in double quotes: name: \"Reuters: Tech\""]),
    "a slip after block text": (b"---\ntitle: x\ndate: 2025-01-01\nsummary: >\n  Catatan: penting: sekali\n"
                                b"author: @redaksi\n---\nx\n", [
        "content/a.md:6: field 'author': '@' cannot start a value in YAML; put the whole value in double quotes: "
        "author: \"@redaksi\""]),
    "a colon in a value": (b"---\ntitle: x\ndate: 2025-01-01\nsummary: Meta: 49% saham Scale AI\n---\nx\n", [
        "content/a.md:4: field 'summary': has ': ' in it, which YAML reads as the start of another key; put the whole "
        "value in double quotes: summary: \"Meta: 49% saham Scale AI\""]),
    "javascript source": (b"---\ntitle: x\ndate: 2025-01-01\nsource:\n  name: X\n  url: javascript:alert(1)\n---\nx\n", [
        "content/a.md:6: field 'source.url': 'javascript:alert(1)' is not an http(s) link; write the full address, starting with https://"]),
    "source url with a space": (b"---\ntitle: x\ndate: 2025-01-01\nsource: https://www.reuters.com/tech/meta "
                                b"scale\n---\nx\n", [
        "content/a.md:4: field 'source.url': 'https://www.reuters.com/tech/meta scale' has a space or a line break in "
        "it, which a link cannot hold; copy the address again from the browser, or write a space as %20"]),
    "source url without a host": (b"---\ntitle: x\ndate: 2025-01-01\nsource:\n  url: https:///berita/x\n---\nx\n", [
        "content/a.md:5: field 'source.url': 'https:///berita/x' has no host after '//'; write the whole address, such "
        "as https://www.example.com/berita/judul"]),
    "source url with a port beyond 65535": (b"---\ntitle: x\ndate: 2025-01-01\nsource: https://example.com:99999/b/1\n"
                                            b"---\nx\n", [
        "content/a.md:4: field 'source.url': 'https://example.com:99999/b/1' has a port that is not a number from 0 to "
        "65535 (after the ':' in the host); remove it, or copy the address again from the browser"]),
    "source url with a port that is no number": (b"---\ntitle: x\ndate: 2025-01-01\nsource: https://example.com:abc/\n"
                                                 b"---\nx\n", [
        "content/a.md:4: field 'source.url': 'https://example.com:abc/' has a port that is not a number from 0 to "
        "65535 (after the ':' in the host); remove it, or copy the address again from the browser"]),
    "a C1 control character from mis-decoded text": ("---\ntitle: Uji\ndate: 2025-06-10\n\n\nsummary: \u00e2\u20ac"
                                                      "\u0153Scale\u00e2\u20ac\u009d kata jubir\n---\nx\n".encode(), [
        "content/a.md:6: field 'summary': has the control character U+009D, which YAML does not allow; delete it (text "
        "copied from a page read in the wrong encoding often brings one: copy the text again, or retype it)"]),
    # messages in YAML's words: "None is not a valid slug", "item 1 is True" were Python's
    "an empty slug, true and null in lists": (b"---\ntitle: x\ndate: 2025-01-01\nslug:\ntags: [true]\n"
                                              b"companies: [~]\n---\nx\n", [
        "content/a.md:4: field 'slug': is empty; write one, like slug: meta-scale-ai, or remove the line to take it "
        "from the file's name",
        "content/a.md:5: field 'tags': item 1 is true; every item must be text (put numbers and yes/no in quotes)",
        "content/a.md:6: field 'companies': item 1 is empty; every item must be text (put numbers and yes/no in "
        "quotes)"]),
    # an item YAML reads as a number is quoted as written: "item 1 is 31" for 0x1F; in a list PyYAML reads
    # (block items, an escape) and in one the simple reader reads
    "numbers in lists, as written": (b'---\ntitle: x\ndate: 2025-01-01\ntags: [0x1F, 1e3, True]\ncompanies:\n'
                                     b'  - 007\n  - "Meta\\x21"\n  - .inf\n---\nx\n', [
        "content/a.md:4: field 'tags': item 1 is 0x1F; every item must be text (put numbers and yes/no in quotes)",
        "content/a.md:4: field 'tags': item 2 is 1e3; every item must be text (put numbers and yes/no in quotes)",
        "content/a.md:4: field 'tags': item 3 is True; every item must be text (put numbers and yes/no in quotes)",
        "content/a.md:6: field 'companies': item 1 is 007; every item must be text (put numbers and yes/no in quotes)",
        "content/a.md:8: field 'companies': item 3 is .inf; every item must be text (put numbers and yes/no in "
        "quotes)"]),
    "numbers in lists the simple reader reads, as written": (b"---\ntitle: x\ndate: 2025-01-01\ntags: [0x1F]\n"
                                                             b"companies:\n  - 007\n---\nx\n", [
        "content/a.md:4: field 'tags': item 1 is 0x1F; every item must be text (put numbers and yes/no in quotes)",
        "content/a.md:6: field 'companies': item 1 is 007; every item must be text (put numbers and yes/no in "
        "quotes)"]),
    # a list or mapping holding numbers, in a field of one value, was shown as Python read it ("['Pekan', 31]"), and
    # the fix offered was that reading in quotes: summary: "['Pekan', 31]"
    "lists and mappings holding numbers, as written": (b"---\ntitle: [Pekan, 0x1F]\ndate: 2025-01-01\nsummary:\n"
                                                       b"  - Pekan\n  - 1e3\ndraft: [0x1F, TRUE]\nslug: 0x1F\n"
                                                       b"source:\n  url: {a: 0o17}\n---\nx\n", [
        "content/a.md:10: field 'source.url': must be the link to the original article, but YAML read {a: 0o17} as a "
        "list or mapping; write the full address, like url: https://example.com/article",
        "content/a.md:2: field 'title': must be text; YAML read '[Pekan, 0x1F]' as a list or mapping; put it in quotes: "
        "title: \"[Pekan, 0x1F]\"",
        "content/a.md:4: field 'summary': must be text; YAML read '[Pekan, 1e3]' as a list or mapping; put it in quotes: "
        "summary: \"[Pekan, 1e3]\"",
        "content/a.md:7: field 'draft': must be true or false, got [0x1F, TRUE]; write draft: true or draft: false",
        "content/a.md:8: field 'slug': 0x1F is not a valid slug; use lowercase letters, digits and single hyphens, like "
        "'meta-scale-ai'"]),
    # U+0085 ('…' in Windows-1252 read as Latin-1) is a line break to YAML: the title was cut without a word
    "a NEL control character in a title": ("---\ntitle: \"Harga naik\u0085 lagi\"\ndate: 2025-06-10\n---\nx\n".encode(), [
        "content/a.md:2: field 'title': has the control character U+0085, which YAML does not allow; delete it (text "
        "copied from a page read in the wrong encoding often brings one: copy the text again, or retype it)"]),
    "source url with a port and no host": (b"---\ntitle: x\ndate: 2025-01-01\nsource: https://:80/a\n---\nx\n", [
        "content/a.md:4: field 'source.url': 'https://:80/a' has no host name before its port or path; write the "
        "whole address, such as https://www.example.com/a"]),
    "source url whose host is a dot": (b"---\ntitle: x\ndate: 2025-01-01\nsource: https://./x\n---\nx\n", [
        "content/a.md:4: field 'source.url': 'https://./x' has no host name before its port or path; write the "
        "whole address, such as https://www.example.com/a"]),
    "source url with a stray bracket": (b"---\ntitle: x\ndate: 2025-01-01\nsource: https://[::1/x\n---\nx\n", [
        "content/a.md:4: field 'source.url': 'https://[::1/x' has '[' or ']' in its host, which only an IPv6 address in "
        "brackets may have; copy the address again from the browser"]),
    "title of invisible characters": ("---\ntitle: \"\u200b\"\ndate: 2025-01-01\nsummary: \"\u200b \u2060\"\n---\nx\n"
                                      .encode(), [
        "content/a.md:2: field 'title': has only characters that cannot be seen (U+200B ZERO WIDTH SPACE); write the "
        "title itself",
        "content/a.md:4: field 'summary': warning: has only characters that cannot be seen (U+200B ZERO WIDTH SPACE, "
        "U+2060 WORD JOINER); write the summary itself, or remove the line; it is ignored"]),
    "an HTML comment never closed": (b"---\ntitle: x\ndate: 2025-01-01\n---\nSatu.\n\n<!-- catatan: rahasia\n"
                                     b"Dua.\n\nTiga.\n", [
        "content/a.md:7: this HTML comment (<!--) is never closed, so it would hide the rest of the article; write "
        "--> where the note ends"]),
    "an HTML comment ended by --!> with no --> after it": (b"---\ntitle: x\ndate: 2025-01-01\n---\nSatu.\n\n"
                                                           b"<!-- catatan --!>\n\n## Judul\n\nDua **tebal**.\n", [
        "content/a.md:7: this HTML comment ends at its --!>, as browsers end one, but Markdown reads all after it as "
        "HTML, so readers see the rest of the article as written, Markdown and all (## Judul); end the comment with "
        "-->"]),
    "merge conflict in the front matter": (b"---\ntitle: x\ndate: 2025-01-01\n<<<<<<< HEAD\nsummary: A\n=======\n"
                                           b"summary: B\n>>>>>>> feature\n---\nx\n", [
        "content/a.md:4: holds a merge conflict that git could not resolve (lines 4 to 8): keep the version you want, "
        "delete the lines <<<<<<<, ======= and >>>>>>>, and save"]),
    "merge conflict in the body": (b"---\ntitle: x\ndate: 2025-01-01\n---\n```\n<<<<<<< shown\n=======\n>>>>>>> x\n"
                                   b"```\n\n<<<<<<<\nMeta 49%.\n||||||| base\n=======\nMeta 49 persen.\n>>>>>>>\n", [
        "content/a.md:11: holds a merge conflict that git could not resolve (lines 11 to 16): keep the version you "
        "want, delete the lines <<<<<<<, ======= and >>>>>>>, and save"]),
    "true in quotes": (b"---\ntitle: x\ndate: 2025-01-01\ndraft: \"true\"\n---\nx\n", [
        "content/a.md:4: field 'draft': 'true' in quotes is text, not true or false; write it without quotes: "
        "draft: true"]),
    "required missing": (b"---\nsummary: x\n---\nx\n", [
        "content/a.md:1: field 'date': is required; add a line 'date: YYYY-MM-DD' (or an ISO 8601 date-time) to the front matter",
        "content/a.md:1: field 'title': is required; add a line 'title: ...' to the front matter"]),
    "utf-16": ("---\ntitle: x\n".encode("utf-16"), ["content/a.md:1: is UTF-16 text; save it as UTF-8"]),
    "utf-16 without its mark": ("---\ntitle: x\n".encode("utf-16-be"), ["content/a.md:1: is UTF-16 text; save it as UTF-8"]),
    "utf-32": ("---\ntitle: x\n".encode("utf-32"), ["content/a.md:1: is UTF-32 text; save it as UTF-8"]),
    "utf-32 without its mark": ("---\ntitle: x\n".encode("utf-32-le"), ["content/a.md:1: is UTF-32 text; save it as UTF-8"]),
    "invalid utf-8": (b"---\ntitle: x\ndate: 2025-01-01\n---\nok\n\xff\n", [
        "content/a.md:6: is not valid UTF-8 (byte 0xff); save the file as UTF-8"]),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00", [
        "content/a.md:3: contains a NUL byte: this looks like a binary file, not Markdown; remove it from content/ or save it as UTF-8 text"]),
    "python tag": (b"---\ntitle: !!python/object/apply:os.system ['echo hi']\ndate: 2025-01-01\n---\nx\n", [
        "content/a.md:2: field 'title': the YAML tag '!!python/object/apply:os.system' is not allowed; remove it and write a plain value"]),
    "tags a mapping": (b"---\ntitle: x\ndate: 2025-01-01\ntags: {ai: data}\ncompanies:\n  meta: x\n---\nx\n", [
        "content/a.md:4: field 'tags': must be a list, but YAML read '{ai: data}' as a mapping (name: value); "
        "write the names in brackets: tags: [ai, data]",
        "content/a.md:5: field 'companies': must be a list, but YAML read the indented lines under it as a mapping "
        "(name: value); write the names in brackets: companies: [meta, x]"]),
    "tags a number": (b"---\ntitle: x\ndate: 2025-01-01\ntags: 1e3 # year\ncompanies: true\n---\nx\n", [
        "content/a.md:4: field 'tags': must be a list, but YAML read '1e3' as a number; write it as a name in quotes, "
        "in brackets: tags: [\"1e3\"]",
        "content/a.md:5: field 'companies': must be a list, but YAML read 'true' as true/false; write it as a name in "
        "quotes, in brackets: companies: [\"true\"]"]),
    "alias": (b"---\ntitle: &t x\ndate: 2025-01-01\nsummary: *t\n---\nx\n", [
        "content/a.md:4: field 'summary': YAML anchors and aliases (&name, *name) are not allowed; write the value out"]),
    "alias in a list": (b"---\ntitle: x\ndate: 2025-01-01\ncompanies: &c [Meta]\ntags:\n  - ai\n  - *c\n---\nx\n", [
        "content/a.md:5: field 'tags': YAML anchors and aliases (&name, *name) are not allowed; write the value out"]),
    # (read past as the anchor's text: what the value written out is told, in the same run)
    "alias nested": (b"---\ntitle: &t x\ndate: 2025-01-01\nsource:\n  name: X\n  url: *t\n---\nx\n", [
        "content/a.md:6: field 'source': YAML anchors and aliases (&name, *name) are not allowed; write the value out",
        "content/a.md:6: field 'source.url': 'x' is not an http(s) link; write the full address, starting with "
        "https://"]),
    "draft not boolean": (b"---\ntitle: x\ndate: 2025-01-01\ndraft: maybe\n---\nx\n", [
        "content/a.md:4: field 'draft': must be true or false, got 'maybe'; write draft: true or draft: false"]),
    "bad slug": (b"---\ntitle: x\ndate: 2025-01-01\nslug: Hello_World\n---\nx\n", [
        "content/a.md:4: field 'slug': 'Hello_World' is not a valid slug; use lowercase letters, digits and single hyphens, like 'meta-scale-ai'"]),
    "reserved slug": (b"---\ntitle: x\ndate: 2025-01-01\nslug: tags\n---\nx\n", [
        "content/a.md:4: field 'slug': 'tags' is reserved for the site's own pages; rename the file or set another 'slug:'"]),
    "updated before date": (b"---\ntitle: x\ndate: 2025-01-02\nupdated: 2025-01-01\n---\nx\n", [
        "content/a.md:4: field 'updated': is before 'date'; an update cannot come before publication"]),
}


def test_the_items_of_one_line_are_told_in_their_order(settings: ArticleSettings) -> None:
    """'item 10' came before 'item 2': the messages of one line were sorted as text."""
    from generator.core.errors import sort_problems
    _, problems = parse_article("content/a.md", b"---\ntitle: x\ndate: 2025-01-01\ntags: [1, 2, 3, 4, 5, 6, 7, 8, 9, "
                                                b"10]\n---\nx\n", settings)
    assert [p.message.split(" is ")[0] for p in sort_problems(problems)] == [f"item {i}" for i in range(1, 11)]


@pytest.mark.parametrize("quote", ["", '"'])
def test_a_number_of_5000_digits_is_a_message_not_a_traceback(settings: ArticleSettings, quote: str) -> None:
    """Python refuses to read more than 4,300 digits as a number: YAML's reading of the date, and the sorting of
    messages by their numbers, were a traceback."""
    from generator.core.errors import sort_problems
    digits = "1" * 5000
    _, problems = parse_article("content/a.md", f"---\ntitle: x\ndate: {quote}{digits}{quote}\n---\nx\n".encode(),
                                settings)
    assert [(p.line, p.field, p.message[:30] if quote else p.message) for p in sort_problems(problems)] == [
        (3, "date", f"'{digits[:29]}" if quote else "is a number of 5000 characters, longer than any field takes; "
                                                    "write the number meant, or put the value in double quotes if it "
                                                    "is text")]


def test_a_hash_name_on_the_last_line_of_a_list_written_as_said_keeps_every_tag(settings: ArticleSettings) -> None:
    """The advice was 'tags: [panduan]', which dropped '#Pilkada2026' and 'pemilu' in silence."""
    article = parse_article("content/a.md", b"---\ntitle: x\ndate: 2025-01-01\ntags: [panduan,\n"
                                            b"  \"#Pilkada2026\", pemilu]\n---\nx\n", settings)[0]
    assert article is not None and article.tags == ("panduan", "#Pilkada2026", "pemilu")


def test_a_yaml_slip_hides_none_of_the_other_fields_problems(settings: ArticleSettings) -> None:
    """The slip was the one message of the run; the date, tags and slug were said only once it was fixed."""
    data = (b"---\ntitle: Meta beli Scale\ndate: 2025-06-31\nsummary: Meta: investasi terbesar tahun ini\n"
            b"tags: investasi, data\nslug: Meta_Scale\n---\nIsi.\n")
    article, problems = parse_article("content/a.md", data, settings)
    assert article is None
    assert [str(p) for p in sorted(problems, key=lambda p: p.line)] == [
        f"content/a.md:3: field 'date': '2025-06-31' is not a valid date (day is out of range for month); {DATE_FIX}",
        "content/a.md:4: field 'summary': has ': ' in it, which YAML reads as the start of another key; put the whole "
        "value in double quotes: summary: \"Meta: investasi terbesar tahun ini\"",
        "content/a.md:5: field 'tags': must be a list; write tags: [investasi, data] or one '- item' line per tag",
        "content/a.md:6: field 'slug': 'Meta_Scale' is not a valid slug; use lowercase letters, digits and single "
        "hyphens, like 'meta-scale-ai'"]


def test_an_alias_below_a_yaml_slip_hides_none_of_the_other_problems(settings: ArticleSettings) -> None:
    """'companies: [*Google]' below 'title: Judul: dua' made the title's slip the one message of the run: the tags and
    slug were said only once both were fixed."""
    data = (b"---\ntitle: Judul: dua\ndate: 2025-07-01\ntags: [AI, 5]\nslug: Bad Slug\ncompanies: [*Google]\n"
            b"summary: Ini: itu\n---\nIsi.\n")
    article, problems = parse_article("content/a.md", data, settings)
    assert [str(p) for p in sorted(problems, key=lambda p: p.line)] == [
        "content/a.md:2: field 'title': has ': ' in it, which YAML reads as the start of another key; put the whole "
        "value in double quotes: title: \"Judul: dua\"",
        "content/a.md:4: field 'tags': item 2 is 5; every item must be text (put numbers and yes/no in quotes)",
        "content/a.md:5: field 'slug': 'Bad Slug' is not a valid slug; use lowercase letters, digits and single "
        "hyphens, like 'meta-scale-ai'",
        "content/a.md:6: field 'companies': '*Google' is a YAML alias, of an anchor '&Google' that is not above it; "
        "aliases are not allowed: write the names out, like companies: [a, b]; a name that starts with '*' goes in "
        "double quotes: companies: [\"*Google\"]",
        "content/a.md:7: field 'summary': has ': ' in it, which YAML reads as the start of another key; put the whole "
        "value in double quotes: summary: \"Ini: itu\""]
    fixed = (data.replace(b"Judul: dua", b'"Judul: dua"').replace(b"[AI, 5]", b"[AI]").replace(b"Bad Slug", b"bad-slug")
             .replace(b"[*Google]", b'["*Google"]').replace(b"Ini: itu", b'"Ini: itu"'))
    article, problems = parse_article("content/a.md", fixed, settings)
    assert article is not None and article.title == "Judul: dua" and article.summary == "Ini: itu"


HASH_KEPT = "put the whole value in double quotes: "


@pytest.mark.parametrize("written, said, right", [
    ("title: Pasar AI: naik #1", "field 'title': has ': ' in it, which YAML reads as the start of another key; "
     f"{HASH_KEPT}title: \"Pasar AI: naik #1\"", 'title: "Pasar AI: naik #1"'),
    ("title: [Analisis] Pasar AI naik #1", "field 'title': starts with '[', which YAML reads as a list; "
     f"{HASH_KEPT}title: \"[Analisis] Pasar AI naik #1\"", 'title: "[Analisis] Pasar AI naik #1"'),
    ("title: {Analisis} Pasar #1 naik", "field 'title': starts with '{', which YAML reads as a mapping; "
     f"{HASH_KEPT}title: \"{{Analisis}} Pasar #1 naik\"", 'title: "{Analisis} Pasar #1 naik"'),
    ("title: [Analisis] Pasar #1: naik  # cek", "field 'title': starts with '[', which YAML reads as a list; "
     f"{HASH_KEPT}title: \"[Analisis] Pasar #1: naik\"  # cek", 'title: "[Analisis] Pasar #1: naik"  # cek'),
    ("title: @redaksi naik #1", "field 'title': '@' cannot start a value in YAML; "
     f"{HASH_KEPT}title: \"@redaksi naik #1\"", 'title: "@redaksi naik #1"'),
    ("title Pasar naik #1", "field 'title': has no ':' after the key; write title: \"Pasar naik #1\"",
     'title: "Pasar naik #1"'),
    ("title: Kami: redaksi #1\n  dan tim #2  # c", "field 'title': has ': ' in it, which YAML reads as the start of "
     "another key; put the whole value in double quotes, on one line, in place of lines 2 to 3: "
     "title: \"Kami: redaksi #1 dan tim #2\"", 'title: "Kami: redaksi #1 dan tim #2"\n'),
])
def test_slip_advice_keeps_a_hash_the_editor_meant(written: str, said: str, right: str,
                                                    settings: ArticleSettings) -> None:
    """'title: Pasar AI: naik #1' was advised 'title: "Pasar AI: naik"': followed, it built without '#1' and without
    a word. A ' #' with no space after it is text, as ``cut_by_comment`` reads it; a note ('# cek') is left out."""
    data = f"---\n{written}\ndate: 2025-01-01\n---\nx\n".encode()
    assert messages(data, settings) == [f"content/a.md:2: {said}"]
    article, problems = parse_article("content/a.md", data.replace(written.encode(), right.encode()), settings)
    assert problems == () and article is not None and "#1" in article.title


@pytest.mark.parametrize("rel, written, field, heading", [
    ("content/2025/06/a.md", "title: @lama # cek", "title", "2025/06/judul/index.html"),
    ("content/companies.yaml", "  name: @lama # cek", "meta.name", "companies/meta/index.html"),
])
def test_a_note_after_a_slipped_value_stays_in_the_line_to_write(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                rel: str, written: str, field: str,
                                                                heading: str) -> None:
    """'title: @lama # cek' was told to write 'title: "@lama"', its note gone, while ``cut_by_comment`` keeps a note
    after the quotes: two rules. The note stays after the quotes, in articles and registries alike, and the line,
    written as said, builds with the value meant, the note still in the file."""
    from generator.commands.cli import main
    make_project(tmp_path, {"2025/06/a.md": article(slug="judul", companies="[Meta]")},
                 companies="meta:\n  name: Meta\n")
    path = tmp_path / rel
    key, _, _ = written.strip().partition(":")
    path.write_text(path.read_text().replace(f"{key}: {'Judul' if key == 'title' else 'Meta'}", written.strip(), 1))
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 1
    right = f'{key}: "@lama" # cek'
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{rel}:2: field '{field}': '@' cannot start a value in YAML; put the whole value in double quotes: {right}")
    path.write_text(path.read_text().replace(written.strip(), right))
    if key == "name":  # the article names the company as it is now called
        (tmp_path / "content/2025/06/a.md").write_text(article(slug="judul", companies='["@lama"]'))
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 0
    assert "# cek" in path.read_text()
    page = lxml.html.parse(str(tmp_path / "site" / heading)).getroot()
    assert "@lama" in page.xpath("string(//h1)")


@pytest.mark.parametrize("written, said, right", [
    ("  - @lama #1", "field 'tags': '@lama #1' starts with '@', which cannot start a name in YAML; put it in double "
     "quotes: - \"@lama #1\"", '  - "@lama #1"'),
    ("  @lama #1  # c", "'@lama #1  # c' has no '-' before it to be an item of the list above: write "
     "'  - \"@lama #1\"  # c'", '  - "@lama #1"  # c'),
    ("  -@lama #1", "'-@lama #1' needs a space after '-' to be an item of the list above: write '  - \"@lama #1\"'",
     '  - "@lama #1"'),
])
def test_list_item_advice_keeps_a_hash_the_editor_meant(written: str, said: str, right: str,
                                                        settings: ArticleSettings) -> None:
    """'- @lama #1' was advised '- "@lama"', its '#1' dropped."""
    data = f"---\ntitle: x\ndate: 2025-01-01\ntags:\n  - data\n{written}\n---\nx\n".encode()
    assert messages(data, settings) == [f"content/a.md:6: {said}"]
    article, problems = parse_article("content/a.md", data.replace(written.encode(), right.encode()), settings)
    assert problems == () and article is not None and article.tags == ("data", "@lama #1")


@pytest.mark.parametrize("below, said, right", [
    ("  name: CNBC: Asia", "field 'source.name': has ': ' in it, which YAML reads as the start of another key; put the "
     "whole value in double quotes: name: \"CNBC: Asia\"", '  name: "CNBC: Asia"'),
    ("\tname: CNBC Asia", "field 'source.name': is indented with a tab, which YAML does not take; indent it with 2 "
     "spaces: name: CNBC Asia", "  name: CNBC Asia"),
])
def test_a_comment_after_a_parent_key_leaves_the_slip_below_it_advised_right(
        below: str, said: str, right: str, settings: ArticleSettings) -> None:
    """'source:  # penerbit' over '  name: CNBC: Asia' was told "is indented, but the line above opens no list or
    mapping; start it at the beginning of the line", which, followed, was a new slip, and the slug was said only in a
    third run. The line above opens a mapping, its comment aside; the slug is said in the same run."""
    data = (f"---\ntitle: x\ndate: 2025-01-01\nsource:  # penerbit\n{below}\n  url: https://cnbc.com/x\n"
            "slug: Bad_Slug\n---\nx\n").encode()
    assert messages(data, settings) == [
        f"content/a.md:5: {said}",
        "content/a.md:7: field 'slug': 'Bad_Slug' is not a valid slug; use lowercase letters, digits and single "
        "hyphens, like 'meta-scale-ai'"]
    article, problems = parse_article("content/a.md", data.replace(below.encode(), right.encode()).replace(
        b"Bad_Slug", b"bad-slug"), settings)
    assert problems == () and article is not None and article.source is not None
    assert article.source.name == right.split(": ", 1)[1].strip('"')


SLUG_SAID = ("field 'slug': 'Bad_Slug' is not a valid slug; use lowercase letters, digits and single hyphens, like "
             "'meta-scale-ai'")


@pytest.mark.parametrize("written, said, right", [
    ("tags:\n  - %AI", ["5: field 'tags': '%AI' starts with '%', which cannot start a name in YAML; put it in double "
                        "quotes: - \"%AI\""], 'tags:\n  - "%AI"'),
    ("tags:\n  - data\n  - |AI\n  - >AI  # c", [
        "6: field 'tags': '|AI' starts with '|', which cannot start a name in YAML; put it in double quotes: - \"|AI\"",
        "7: field 'tags': '>AI' starts with '>', which cannot start a name in YAML; put it in double quotes: - \">AI\"  # c"],
     'tags:\n  - data\n  - "|AI"\n  - ">AI"  # c'),
    ("tags:\n  - data\n  %AI", ["6: '%AI' has no '-' before it to be an item of the list above: write '  - \"%AI\"'"],
     'tags:\n  - data\n  - "%AI"'),
    ("tags: [data, %AI, |AI]", ["4: field 'tags': '%AI' and '|AI' start with '%' and '|', which cannot start a name in "
                               "YAML; put them in double quotes: tags: [data, \"%AI\", \"|AI\"]"],
     'tags: [data, "%AI", "|AI"]'),
    # under a '- |' item whose text is on the lines below it, it got the parser's words
    ("tags:\n  - |\n    teks\n  - >AI", ["7: field 'tags': '>AI' starts with '>', which cannot start a name in YAML; put "
                                         "it in double quotes: - \">AI\""], 'tags:\n  - |\n    teks\n  - ">AI"'),
    ("redirects:\n  - `lama/\n  - %E5%8C%97/", [
        "5: field 'redirects': '`lama/' starts with '`', which cannot start a name in YAML, and '`lama/' is not a "
        "usable path; use letters of any script, digits, '-', '_', '.', '~', '@' and '/', such as 2025/06/old-slug/",
        "6: field 'redirects': '%E5%8C%97/' starts with '%', which cannot start a name in YAML; put it in double "
        "quotes: - \"%E5%8C%97/\""], "redirects:\n  - lama/\n  - \"%E5%8C%97/\""),
])
def test_a_list_item_starting_with_a_yaml_indicator_is_advised_with_the_other_problems(
        written: str, said: list[str], right: str, settings: ArticleSettings) -> None:
    """'- %AI', '- |AI' and '- >AI' got the parser's words ('found character that cannot start any token'), and the
    slug's problem was said only in the run after; '- %E5%8C%97/' under '- `lama/' was said only in a second run,
    the slug in a third. Each is advised as '- @openai' is, with the file's other problems, in one run."""
    data = f"---\ntitle: x\ndate: 2025-01-01\n{written}\nslug: Bad_Slug\n---\nx\n".encode()
    slug = written.count("\n") + 5
    assert messages(data, settings) == [f"content/a.md:{said_}" for said_ in said] + [f"content/a.md:{slug}: {SLUG_SAID}"]
    article, problems = parse_article("content/a.md", data.replace(written.encode(), right.encode()).replace(
        b"Bad_Slug", b"bad-slug"), settings)
    assert problems == () and article is not None


@pytest.mark.parametrize("written, said, meant", [
    ("draft: ya: tidak", "content/a.md:4: field 'draft': has ': ' in it, which YAML reads as the start of another key, "
     "and must be true or false, got 'ya: tidak'; write draft: true or draft: false", "draft: true"),
    ("draft: [", "content/a.md:4: field 'draft': starts with '[', which YAML reads as a list, and must be true or "
     "false, got '['; write draft: true or draft: false", "draft: false"),
    ("slug: tentang: kami", "content/a.md:4: field 'slug': has ': ' in it, which YAML reads as the start of another "
     "key, and 'tentang: kami' is not a valid slug; use lowercase letters, digits and single hyphens, like "
     "'meta-scale-ai'", "slug: tentang-kami"),
])
def test_a_slip_in_a_field_that_takes_no_such_text_is_one_message(
        written: str, said: str, meant: str, settings: ArticleSettings) -> None:
    """'draft: ya: tidak' was told to write 'draft: "ya: tidak"' and that draft must be true or false, and 'slug:
    tentang: kami' to quote it and that it is no slug: two messages, the first advice wrong. config.yaml said one."""
    data = f"---\ntitle: x\ndate: 2025-01-01\n{written}\n---\nx\n".encode()
    assert messages(data, settings) == [said]
    article, problems = parse_article("content/a.md", data.replace(written.encode(), meant.encode()), settings)
    assert problems == () and article is not None


@pytest.mark.parametrize("item, said", [
    ("[AI", "starts a list with '[' that is never closed; write the name alone: - AI"),
    ("{AI", "starts with '{', which YAML reads as a mapping, never closed; write the name alone: - AI"),
])
def test_a_list_item_that_opens_brackets_never_closed_is_said_at_its_line(
        item: str, said: str, settings: ArticleSettings) -> None:
    """'  - [AI' under 'tags:' got the parser's words ('did not find expected ',' or ']'') at the line below it."""
    data = f"---\ntitle: x\ndate: 2025-01-01\ntags:\n  - data\n  - {item}\nsummary: x\nslug: A B\n---\nx\n".encode()
    slug = ("content/a.md:8: field 'slug': 'A B' is not a valid slug; use lowercase letters, digits and single "
            "hyphens, like 'meta-scale-ai'")
    assert messages(data, settings) == [f"content/a.md:6: field 'tags': {said}", slug]
    assert messages(data.replace(f"  - {item}".encode(), b"  - AI"), settings) == [slug]  # written as said
    article, problems = parse_article("content/a.md", data.replace(f"  - {item}".encode(), b"  - AI")
                                      .replace(b"A B", b"a-b"), settings)
    assert article is not None and article.tags == ("data", "AI")


def test_a_yaml_slip_hides_none_of_its_own_fields_problems(settings: ArticleSettings) -> None:
    """An '@' item's slip was the one message of its list: 'ai: x', an item YAML reads as a mapping, was said only in
    the next run; written as the slip says, the list is told that and nothing else."""
    data = b"---\ntitle: x\ndate: 2025-01-01\ntags:\n  - @openai\n  - ai: x\n---\nx\n"
    nested = "content/a.md:6: field 'tags': must be a flat list of names; this item is a nested list or mapping"
    assert messages(data, settings) == [
        "content/a.md:5: field 'tags': '@openai' starts with '@', which cannot start a name in YAML; put it in double "
        "quotes: - \"@openai\"", nested]
    assert messages(data.replace(b"- @openai", b'- "@openai"'), settings) == [nested]


@pytest.mark.parametrize("written, said, right, tags", [
    ("tags: [@a, @b]", "'@a' and '@b' start with '@', which cannot start a name in YAML; put them in double quotes: "
     "tags: [\"@a\", \"@b\"]", 'tags: ["@a", "@b"]', ("@a", "@b")),
    ("tags: [data, @a, %b, `c]", "'@a', '%b' and '`c' start with '@', '%' and '`', which cannot start a name in YAML; "
     "put them in double quotes: tags: [data, \"@a\", \"%b\", \"`c\"]", 'tags: [data, "@a", "%b", "`c"]',
     ("data", "@a", "%b", "`c")),
])
def test_every_name_in_brackets_that_yaml_cannot_start_is_named_in_one_message(
        written: str, said: str, right: str, tags: tuple[str, ...], settings: ArticleSettings) -> None:
    """'tags: [@a, @b]' named '@a' alone, though its line to write quotes both: the editor looked for one slip."""
    data = f"---\ntitle: x\ndate: 2025-01-01\n{written}\n---\nx\n".encode()
    assert messages(data, settings) == [f"content/a.md:4: field 'tags': {said}"]
    article, problems = parse_article("content/a.md", data.replace(written.encode(), right.encode()), settings)
    assert problems == () and article is not None and article.tags == tags


def test_several_old_addresses_that_yaml_cannot_start_keep_their_quoting_advice(settings: ArticleSettings) -> None:
    """With several such names on a line, the slip is not merged into one path's error, which would drop the quotes
    the other names need ('@d/' is a usable path once quoted): the slip, then each path's own error."""
    data = b"---\ntitle: x\ndate: 2025-01-01\nredirects: [`b/, @d/]\n---\nx\n"
    assert messages(data, settings) == [
        "content/a.md:4: field 'redirects': '`b/' and '@d/' start with '`' and '@', which cannot start a name in YAML; "
        "put them in double quotes: redirects: [\"`b/\", \"@d/\"]",
        "content/a.md:4: field 'redirects': '`b/' is not a usable path; use letters of any script, digits, '-', '_', '.', '~', '@' and '/', "
        "such as 2025/06/old-slug/"]
    article, problems = parse_article("content/a.md", data.replace(b"[`b/, @d/]", b'["b/", "@d/"]'), settings)
    assert problems == () and article is not None and [r.path for r in article.redirects] == ["b/", "@d/"]


@pytest.mark.parametrize("written, said", [
    ("tags: [a?b, @c]", "content/a.md:4: field 'tags': '@c' starts with '@', which cannot start a name in YAML; put it "
                        "in double quotes: tags: [a?b, \"@c\"]"),
    ("redirects: [lama?x, `2025/05/lama/]",
     "content/a.md:4: field 'redirects': '`2025/05/lama/' starts with '`', which cannot start a name in YAML, and "
     "'`2025/05/lama/' is not a usable path; use letters of any script, digits, '-', '_', '.', '~', '@' and '/', such as 2025/06/old-slug/"),
])
def test_an_at_item_after_one_with_a_question_mark_gets_the_quoting_advice(
        written: str, said: str, settings: ArticleSettings) -> None:
    """'tags: [a?b, @c]' got the parser's "found character that cannot start any token": the advice's line was read
    back by the pure-Python parser, which ends a plain value in brackets at a '?', not by the build's, which reads
    '[a?b, "@c"]' as two names. Written as said, the article builds."""
    data = f"---\ntitle: x\ndate: 2025-01-01\n{written}\n---\nx\n".encode()
    assert messages(data, settings)[0] == said
    if "tags" in written:
        line = said.partition("put it in double quotes: ")[2]
        article, problems = parse_article("content/a.md", data.replace(written.encode(), line.encode()), settings)
        assert problems == () and article is not None and article.tags == ("a?b", "@c")


@pytest.mark.parametrize("parser", ["build's", "pure Python"])
def test_a_question_mark_in_a_name_in_brackets_reads_alike_without_libyaml(
        parser: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Where PyYAML is built without libyaml (no ``yaml.CSafeLoader``), 'tags: [a?b, "c"]' failed with the parser's
    "expected ',' or ']', but got '?'" and '[a?b, @c]' got no advice: PyYAML's own scanner ends a plain value in
    brackets at a '?'. Read as libyaml reads it, both builds say the same."""
    from generator.commands.cli import main
    from generator.load import frontmatter
    if parser == "pure Python":
        monkeypatch.setattr(frontmatter, "_Loader", frontmatter._loader_of(frontmatter._PureParser))
        monkeypatch.setattr(frontmatter, "_SafeLoader", frontmatter._ScanLoader)
    make_project(tmp_path, {"2025/06/a.md": article(tags='[a?b, "c"]'), "2025/06/b.md": article(title="B", tags="[a?b, @d]")})
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/2025/06/b.md:4: field 'tags': '@d' starts with '@', which cannot start a name in YAML; put it in "
        "double quotes: tags: [a?b, \"@d\"]", "error: 1 problem found; nothing was written"]
    write_files(tmp_path, {"content/2025/06/b.md": article(title="B", tags='[a?b, "@d"]')})
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 0
    page = lxml.html.parse(str(tmp_path / "site/2025/06/a/index.html")).getroot()
    assert {"a?b · 2", "c · 1"} <= {link.text_content().strip() for link in page.xpath("//a[contains(@href, '/tags/')]")}


@pytest.mark.parametrize("written, said, meant", [
    ("tags {a: 1,\n  b: c", "content/a.md:4: field 'tags': has no ':' after the key, and it starts with '{', which YAML "
                           "reads as a mapping; write it on one line in brackets, in place of lines 4 to "
                           "5: tags: [\"a: 1\", \"b: c\"]", ("tags", ("a: 1", "b: c"))),
    ("source {name: Kompas,\n  url: https://kompas.com/", "content/a.md:4: field 'source': has no ':' after the key, "
     "and its mapping is never closed; write it on one line, in place of lines 4 to 5: source: {name: Kompas, url: "
     "https://kompas.com/}", ("source", ("Kompas", "https://kompas.com/"))),
])
def test_a_mapping_opened_after_a_key_without_its_colon_keeps_the_lines_under_it(
        written: str, said: str, meant: tuple[str, Any], settings: ArticleSettings) -> None:
    """'tags {a: 1,' above '  b: c' was told that the line above 'b: c' opens no list or mapping, and to start it at
    the beginning of the line: an unknown field 'b'."""
    data = f"---\ntitle: x\ndate: 2025-01-01\n{written}\n---\nx\n".encode()
    assert messages(data, settings) == [said]
    line = said.partition("in place of lines 4 to 5: ")[2]  # written as said
    article, problems = parse_article("content/a.md", data.replace(written.encode(), line.encode()), settings)
    assert problems == () and article is not None
    value = getattr(article, meant[0])
    assert (value if meant[0] == "tags" else (value.name, value.url)) == meant[1]


def test_an_alias_in_a_list_is_said_once(settings: ArticleSettings) -> None:
    """The alias YAML read past was said, and at its line the list's 'item 1 is empty' too."""
    data = (b"---\ntitle: x\ndate: 2025-01-01\ntags: [*b, data]\ncompanies:\n  - Meta\n  - *c\nredirects: [*d, lama/]\n"
            b"---\nx\n")
    assert messages(data, settings) == [
        "content/a.md:4: field 'tags': '*b' is a YAML alias, of an anchor '&b' that is not above it; aliases are not "
        "allowed: write the names out, like tags: [a, b]; a name that starts with '*' goes in double quotes: "
        "tags: [\"*b\", data]",
        "content/a.md:7: field 'companies': '*c' is a YAML alias, of an anchor '&c' that is not above it; aliases are "
        "not allowed: write the names out, like companies: [a, b]; a name that starts with '*' goes in double quotes: "
        "- \"*c\"",
        "content/a.md:8: field 'redirects': '*d' is a YAML alias, of an anchor '&d' that is not above it; aliases are "
        "not allowed: write the names out, like redirects: [a, b]; a name that starts with '*' goes in double quotes: "
        "redirects: [\"*d\", lama/]"]
    article, problems = parse_article("content/a.md", data.replace(b"[*b,", b'["*b",').replace(b"- *c", b'- "*c"')
                                      .replace(b"[*d, lama/]", b"[lama/]"), settings)
    assert article is not None and article.tags == ("*b", "data")


def test_what_a_yaml_slip_is_about_is_said_once(settings: ArticleSettings) -> None:
    """Read past its slip, a field is the slip's to tell: its '#' name is not said again by the list's own check."""
    data = b"---\ntitle: x\ndate: 2025-01-01\ntags: [panduan,\n  #Pilkada2026, pemilu]\nslug: A_B\n---\nx\n"
    assert sorted(messages(data, settings)) == [
        "content/a.md:5: field 'tags': '#Pilkada2026' starts a YAML comment, so it is left out of the list with the "
        "rest of its line; put a name that starts with '#' in double quotes: \"#Pilkada2026\", pemilu]",
        "content/a.md:6: field 'slug': 'A_B' is not a valid slug; use lowercase letters, digits and single hyphens, "
        "like 'meta-scale-ai'"]


@pytest.mark.parametrize("data, expected", CASES.values(), ids=CASES.keys())
def test_bad_input_gets_exact_messages(data: bytes, expected: list[str], settings: ArticleSettings) -> None:
    article, problems = parse_article("content/a.md", data, settings)
    assert article is None
    assert sorted(str(p) for p in problems) == expected


def test_an_html_comment_ended_by_its_bang_last_in_the_body_hides_nothing(settings: ArticleSettings) -> None:
    """`<!-- catatan --!>` at the end of the body: browsers and nh3 end the comment at '--!>', and nothing follows it,
    so the page loses nothing; it was the error 'never closed, so it would hide the rest of the article'."""
    article, problems = parse_article("content/a.md", b"---\ntitle: x\ndate: 2025-01-01\n---\nSatu.\n\n"
                                      b"<!-- catatan --!>\n", settings)
    assert [str(p) for p in problems] == []
    assert article is not None and article.body_html == "<p>Satu.</p>\n"


@pytest.mark.parametrize("body, said, shown", [
    # in an HTML block, with a '-->' after it: the words between are shown
    (b"<div>\n<!-- catatan --!> jangan terbitkan -->\nIsi.\n</div>\n",
     ["content/a.md:6: warning: this HTML comment ends at its --!>, as browsers end one, so readers see 'jangan "
      "terbitkan -->' after it; write --> only where the note ends"], "jangan terbitkan --&gt;"),
    # in a quote: Markdown's block ends with the quote, and so does what is shown as written
    (b"> <!-- catatan --!>\n>\n> **Kutipan** penting.\n\n## Judul\n",
     ["content/a.md:5: this HTML comment ends at its --!>, as browsers end one, but Markdown reads all after it as "
      "HTML, so readers see the rest of the quote as written, Markdown and all (**Kutipan** penting.); end the "
      "comment with -->"], None),
    # what follows is HTML blocks, which Markdown shows the same: nothing to say
    (b"<!-- catatan --!>\n\n<p>Isi biasa.</p>\n", [], "<p>Isi biasa.</p>"),
    # a comment after it never ended hides the rest
    (b"<!-- c --!><!--<b>tebal\n\nLagi.\n",
     ["content/a.md:5: this HTML comment (<!--) is never closed, so it would hide the rest of the article; write --> "
      "where the note ends"], None),
])
def test_an_html_comment_ended_by_its_bang_is_told_as_readers_see_it(settings: ArticleSettings, body: bytes,
                                                                      said: list[str], shown: str | None) -> None:
    """'--!>' ends a comment in browsers and nh3 (found by an attacker): in an HTML block with a '-->' after it, the
    words between were shown without a word; in a quote the error said the rest of the ARTICLE is shown as written;
    '<p>Isi biasa.</p>' after it, which the page shows the same, was an error; and a second comment never ended
    after it was said to be shown as written, though it hides the rest."""
    article, problems = parse_article("content/a.md", b"---\ntitle: x\ndate: 2025-01-01\n---\n" + body, settings)
    assert [str(p) for p in problems] == said
    if shown is not None:
        assert article is not None and shown in article.body_html


@pytest.mark.parametrize("fields, title, said", [
    # pasted from a web page: published as written in the page, its title, the JSON-LD, the feeds and the email
    ('title: "Aceh Uji 5G &nbsp;di Banda Aceh &#8211; Operator"\ndate: 2025-07-01\n'
     'summary: "Uji coba <b>5G</b> di Aceh&nbsp;digelar."\nauthor: AT&T < Redaksi >\n',
     "Aceh Uji 5G &nbsp;di Banda Aceh &#8211; Operator",
     ["content/a.md:2: field 'title': warning: holds the HTML entities &nbsp;, &#8211;, which pages and feeds show "
      "as written (a field is plain text); write it as text: title: \"Aceh Uji 5G di Banda Aceh – Operator\"",
      "content/a.md:4: field 'summary': warning: holds the HTML entity &nbsp; and the HTML tags <b>, </b>, which "
      "pages and feeds show as written (a field is plain text); write it as text: summary: \"Uji coba 5G di Aceh digelar.\""]),
    # a headline about HTML: was told to "write it as text: Panduan: kapan memakai tag dan di HTML5", unquoted
    ('title: "Panduan: kapan memakai tag <section> dan <article> di HTML5"\ndate: 2025-07-01\n'
     'summary: "Tag <section> membungkus <b>tebal</b> di \\"HTML\\""\n',
     "Panduan: kapan memakai tag <section> dan <article> di HTML5",
     ["content/a.md:4: field 'summary': warning: holds the HTML tags <b>, </b>, which pages and feeds show as "
      "written (a field is plain text); write it as text: summary: \"Tag <section> membungkus tebal di \\\"HTML\\\"\""]),
    # a line break or a paragraph between two words was dropped with them glued: "Gemini 2.0Model tercepatnya"
    ('title: "Gemini 2.0<br>Model tercepatnya"\ndate: 2025-07-01\nsummary: "Ringkasan<p>Paragraf kedua</p>"\n',
     "Gemini 2.0<br>Model tercepatnya",
     ["content/a.md:2: field 'title': warning: holds the HTML tag <br>, which pages and feeds show as written (a field "
      "is plain text); write it as text: title: \"Gemini 2.0 Model tercepatnya\"",
      "content/a.md:4: field 'summary': warning: holds the HTML tags <p>, </p>, which pages and feeds show as written "
      "(a field is plain text); write it as text: summary: \"Ringkasan Paragraf kedua\""]),
    # the word a headline is about, before a hyphen: was told "HTML: -tag untuk tata letak"
    ('title: "HTML: <div>-tag untuk tata letak"\ndate: 2025-07-01\nsummary: "Huruf <b>te</b>bal"\n',
     "HTML: <div>-tag untuk tata letak",
     ["content/a.md:4: field 'summary': warning: holds the HTML tags <b>, </b>, which pages and feeds show as "
      "written (a field is plain text); write it as text: summary: \"Huruf tebal\""]),
    # over several lines: the line to write replaces them all (pasted over line 4 alone, it was a YAML error)
    ('title: "Uji"\ndate: 2025-07-01\nsummary: |\n  Satu<br>\n\n  dua\n',
     "Uji",
     ["content/a.md:4: field 'summary': warning: holds the HTML tag <br>, which pages and feeds show as written (a "
      "field is plain text); write it as text, on one line in place of lines 4 to 7: summary: \"Satu dua\""]),
    # the entities said, and only those: unescape read '&region' as '®region' and '&#0;' as U+FFFD
    ('title: "Tips &amp; trik: ?lang=id&region=ID&copy=0 &#0;"\ndate: 2025-07-01\n',
     "Tips &amp; trik: ?lang=id&region=ID&copy=0 &#0;",
     ["content/a.md:2: field 'title': warning: holds the HTML entities &amp;, &#0;, which pages and feeds show as "
      "written (a field is plain text); write it as text: title: \"Tips & trik: ?lang=id&region=ID&copy=0\""]),
], ids=["entities and tags", "a tag named as a word", "a break between words", "a tag named before a hyphen",
        "a value over several lines", "text that only looks like an entity"])
def test_html_copied_into_a_text_field_is_a_warning_with_the_line_to_write(settings: ArticleSettings, fields: str,
                                                                          title: str, said: list[str]) -> None:
    """An editor's report: a title with '&nbsp;' and '&#8211;' and a summary with '<b>' were published as written,
    with no word. 'AT&T' and 'a < b' are text, and so is a tag named as a word and never closed ('memakai tag
    <section> di HTML5'): the advice dropped such words ('memakai tag dan di HTML5') and was unquoted, so YAML then
    read 'Panduan: kapan …' as a mapping. It is a line to paste, in double quotes, with every word."""
    article, problems = parse_article("content/a.md", f"---\n{fields}---\nx\n".encode(), settings)
    assert article is not None and article.title == title
    assert [str(p) for p in problems] == said


def test_the_line_to_write_for_html_over_several_lines_is_one_to_paste(settings: ArticleSettings) -> None:
    """'summary: |' with 'Satu<br>' and 'dua' below it was told 'write it as text: summary: "Satu dua"', and pasted
    over line 4 alone the file no longer parsed: the advice names lines 4 to 6, and pasted there it is clean."""
    lines = ["---", 'title: "Uji"', "date: 2025-07-01", "summary: |", "  Satu<br>", "  dua", "---", "x", ""]
    problems = parse_article("content/a.md", "\n".join(lines).encode(), settings)[1]
    said = str(problems[0])
    assert len(problems) == 1 and "on one line in place of lines 4 to 6: " in said
    lines[3:6] = [said.rsplit("in place of lines 4 to 6: ", 1)[1]]
    article, problems = parse_article("content/a.md", "\n".join(lines).encode(), settings)
    assert article is not None and article.summary == "Satu dua" and problems == ()


@pytest.mark.parametrize("title", ["Ponsel <Rp2 juta terlaris, harga turun >10%", "Skor <AI> naik", "a<b, c>d",
                                   "Laba <Rp1 T> dan <US$5 juta>"])
def test_text_between_angle_brackets_that_is_no_html_tag_is_not_a_warning(title: str, settings: ArticleSettings) -> None:
    """"Ponsel <Rp2 juta terlaris, harga turun >10%" was taken for the tag '<Rp2 juta terlaris, harga turun >', failed
    --strict, and the warning said to write the title as "Ponsel 10%"."""
    article, problems = parse_article("content/a.md", f'---\ntitle: "{title}"\ndate: 2025-07-01\n---\nx\n'.encode(),
                                      settings)
    assert article is not None and article.title == title and problems == ()


def test_an_invisible_character_in_a_name_is_left_out_with_a_warning(settings: ArticleSettings) -> None:
    """'section: "Ke\u200bpri"' (pasted from a web page) made a second "Kepri" in the section bar, at
    /sections/ke-pri/, with no word; a soft hyphen in a tag, a second tag page."""
    article, problems = parse_article("content/a.md", "---\ntitle: x\ndate: 2025-01-01\nsection: \"Ke\u200bpri\"\n"
                                      "tags: [\"A\u00adI\", data, \"\u200b\"]\ncompanies:\n  - \"\u2066Meta\u2069\"\n---\nx\n".encode(),
                                      settings)
    assert article is not None and (article.section, article.tags) == ("Kepri", ("AI", "data"))
    assert [c.id for c in article.companies] == ["meta"]
    assert [str(p) for p in problems] == [
        "content/a.md:4: field 'section': warning: has an invisible character (U+200B ZERO WIDTH SPACE) in 'Kepri', "
        "which would make a second page for it; it is left out: delete it from the file",
        "content/a.md:5: field 'tags': warning: has an invisible character (U+00AD SOFT HYPHEN) in 'AI', which would "
        "make a second page for it; it is left out: delete it from the file",
        "content/a.md:5: field 'tags': warning: has a name of invisible characters only (U+200B ZERO WIDTH SPACE); it "
        "is left out: delete it",
        "content/a.md:7: field 'companies': warning: has an invisible character (U+2066 LEFT-TO-RIGHT ISOLATE, U+2069 "
        "POP DIRECTIONAL ISOLATE) in 'Meta', which would make a second page for it; it is left out: delete it from "
        "the file"]


def test_a_value_cut_at_a_comment_is_a_warning(settings: ArticleSettings) -> None:
    """'title: Meta #1 di pasar AI' is 'Meta' to YAML; the rest vanished without a word."""
    article, problems = parse_article("content/a.md", b"---\ntitle: Meta #1 di pasar AI\ndate: 2025-01-01\n"
                                      b"summary: \"Kuartal #2\"\n---\nx\n", settings)
    assert article is not None and (article.title, article.summary) == ("Meta", "Kuartal #2")
    assert [str(p) for p in problems] == [
        "content/a.md:2: field 'title': warning: '#1 di pasar AI' after it is a YAML comment, so it is not part of "
        "the title; if it is, put the whole value in double quotes: title: \"Meta #1 di pasar AI\""]


def test_a_note_after_a_value_cut_at_a_comment_stays_a_note_in_the_advice(settings: ArticleSettings) -> None:
    """'title: Meta #1 di pasar iklan  # catatan: cek lagi' was advised title: "Meta #1 di pasar iklan  # catatan:
    cek lagi", putting the editor's note into the title; a later ' # ' is the editor's note, kept after the quotes."""
    article, problems = parse_article("content/a.md", b"---\ntitle: Meta #1 di pasar iklan  # catatan: cek lagi\n"
                                      b"date: 2025-01-01\n---\nx\n", settings)
    assert article is not None and article.title == "Meta"
    assert [str(p) for p in problems] == [
        "content/a.md:2: field 'title': warning: '#1 di pasar iklan' after it is a YAML comment, so it is not part of "
        "the title; if it is, put the whole value in double quotes: title: \"Meta #1 di pasar iklan\"  # catatan: cek "
        "lagi"]


def test_warnings_do_not_stop_the_article(settings: ArticleSettings) -> None:
    data = b"---\ntitle: x\ndate: 2025-01-01\nsumary: y\ncompanies: [Facebok]\n---\n"
    article, problems = parse_article("content/a.md", data, settings)
    assert article is not None
    assert [str(p) for p in problems] == [
        "content/a.md:4: field 'sumary': warning: unknown field, ignored; did you mean 'summary'?",
        "content/a.md:5: field 'companies': warning: 'Facebok' is not in content/companies.yaml; did you mean 'Meta'? "
        "add it there to give its page a name, link and description",
        "content/a.md:7: warning: the body is empty; write the digest text below the closing '---'",
    ]
    assert article.companies[0].id == "facebok" and not article.companies[0].known


def test_a_company_with_no_letters_is_an_error_at_its_item(settings: ArticleSettings) -> None:
    """'!!!' was only "not in companies.yaml", and got a page at /companies/company/, a URL nobody wrote (a second
    article's '???' then clashed with it, naming that URL); a tag or section with no letters was already an error."""
    data = "---\ntitle: x\ndate: 2025-01-01\ncompanies:\n  - Meta\n  - '!!!'\n  - 🎉\n---\nIsi.\n".encode()
    article, problems = parse_article("content/a.md", data, settings)
    assert [str(p) for p in problems] == [
        f"content/a.md:{line}: field 'companies': {name} has no letters or digits to make a URL from; spell it out, "
        "or add it to content/companies.yaml under an id" for line, name in ((6, "'!!!'"), (7, "'🎉'"))]


@pytest.mark.parametrize("fields, said", [
    # a number for the alt text was "is empty; describe what the image shows" as well as "must be text"
    ("image: https://example.com/a.jpg\nimage_alt: 5\n",
     ["content/a.md:4: field 'image_alt': must be text; YAML read '5' as a number; put it in quotes: image_alt: \"5\""]),
    # with nothing after the colon it is still said (the first fix of the above published the image with no alt)
    ("image: https://example.com/a.jpg\nimage_alt:\n",
     ["content/a.md:4: field 'image_alt': is empty; describe what the image shows"]),
    # a number for the link was "is required", though it was there
    ("source:\n  name: Kompas\n  url: 5\n",
     ["content/a.md:5: field 'source.url': must be the link to the original article, but YAML read 5 as a number; "
      "write the full address, like url: https://example.com/article"]),
    # markup and no text: "write it as text: " and nothing after it
    ("author: \"<img src=x onerror=alert(1)>\"\n",
     ["content/a.md:3: field 'author': warning: holds the HTML tag <img src=x onerror=alert(1)> and no text, which "
      "pages and feeds show as written (a field is plain text); write plain text instead"]),
    # the body's first paragraph read as a field, the closing '---' missing above it
    ("\nParagraf satu: isi.\n\n",
     ["content/a.md:4: field 'Paragraf satu': warning: unknown field, ignored; if this line is the article's text, "
      "the front matter above it has no closing '---': add one after its last field"]),
])
def test_a_wrong_field_is_said_once_with_what_to_write(settings: ArticleSettings, fields: str, said: list[str]) -> None:
    _, problems = parse_article("content/a.md", f"---\ntitle: x\n{fields}date: 2025-01-01\n---\nIsi.\n".encode(),
                                settings)
    assert [str(p) for p in problems] == said


def test_an_embed_the_sanitiser_removes_is_a_warning_at_its_line(settings: ArticleSettings) -> None:
    """Each at its own line, as the README says: they were all told at the first one's line (found by an attacker)."""
    data = (b"---\ntitle: x\ndate: 2025-01-01\n---\nLihat:\n\n`<script>` as code stays.\n\n"
            b"<iframe src=\"https://maps.example/x\"></iframe>\n\n<SCRIPT>alert(1)</SCRIPT> <b>ok</b>\n\n"
            b"<div>\n<p>Teks</p>\n<style>p {}</style><script>x</script>\n</div>\n\nTeks\n<style>b {}</style>.\n")
    article, problems = parse_article("content/a.md", data, settings)
    assert article is not None and "iframe" not in article.body_html and "alert" not in article.body_html
    assert "&lt;script&gt;" in article.body_html and "<b>ok</b>" in article.body_html
    said = ("removed with everything inside: a digest's pages and feeds keep no embeds, scripts, styles, form fields "
            "or inline SVG; link to what it shows instead")
    assert [str(p) for p in problems] == [f"content/a.md:{line}: warning: {tags} {said}" for line, tags in (
        (9, "<iframe>"), (11, "<script>"), (15, "<style>, <script>"), (19, "<style>"))]
    clean, problems = parse_article("content/a.md", b"---\ntitle: x\ndate: 2025-01-01\n---\n<b>ok</b> `<iframe>`\n",
                                    settings)
    assert clean is not None and problems == ()


def test_a_body_that_trips_markdown_it_pys_linkify_bug_builds_with_a_warning(settings: ArticleSettings) -> None:
    # found by fuzzing: markdown-it-py 4 raises RuntimeError("inline rule didn't increment state.pos") on it
    body = ("[r]\\n  code\\n</small>*# | a | b |\\n|---|---|\\n<=!.>## \\n\\nEXAMPLE.org[example.org"
            "https://ftp:// x[^1]>  ### &amp;\n")
    data = f"---\ntitle: x\ndate: 2025-01-01\n---\n{body}".encode()
    article, problems = parse_article("content/a.md", data, settings)
    assert article is not None and "EXAMPLE.org" in article.body_html
    assert [str(p) for p in problems] == [
        "content/a.md:5: warning: markdown-it-py could not link the bare URLs of this body (one of them trips a bug "
        "in it), so they stay plain text; write links as <https://…> or [text](https://…)"]


def test_bom_crlf_and_yaml_1_1_words_stay_text(settings: ArticleSettings) -> None:
    data = b"\xef\xbb\xbf---\r\ntitle: ON\r\ndate: 2025-01-01\r\ntags: [no, on, yes]\r\ncompanies: [on]\r\n---\r\nBody\r\n"
    article, problems = parse_article("content/a.md", data, settings)
    assert problems == ()
    assert article is not None
    assert (article.title, article.tags, [c.id for c in article.companies]) == ("ON", ("no", "on", "yes"), ["on-semi"])
    assert article.body_html == "<p>Body</p>\n"


def test_companies_resolve_by_alias_in_any_case(settings: ArticleSettings) -> None:
    data = b"---\ntitle: x\ndate: 2025-01-01\ncompanies: [FACEBOOK, meta platforms, Meta]\n---\nx\n"
    article, _ = parse_article("content/a.md", data, settings)
    assert article is not None and [(c.id, c.name) for c in article.companies] == [("meta", "Meta")]


@pytest.mark.parametrize("raw, expected", [
    ("2025-06-13", "2025-06-13T00:00:00+07:00"),                 # date only: midnight in the site's zone
    ("2025-06-13T09:00:00", "2025-06-13T09:00:00+07:00"),        # naive: the site's zone
    ("2025-06-13 09:00", "2025-06-13T09:00:00+07:00"),
    ("2025-06-13T02:00:00Z", "2025-06-13T09:00:00+07:00"),       # aware: same instant, shown in site zone
    ("2025-06-12T23:30:00-05:00", "2025-06-13T11:30:00+07:00"),
    # as a news page prints it, copied with the article: month and day names, WIB, WITA, WIT
    ("13 Juni 2025", "2025-06-13T00:00:00+07:00"),
    ("Jumat, 13 Juni 2025 09.00 WIB", "2025-06-13T09:00:00+07:00"),
    ("13 Jun 2025 pukul 10.30 WITA", "2025-06-13T09:30:00+07:00"),
    ("Jum’at, 13 Juni 2025 16:20 WIB", "2025-06-13T16:20:00+07:00"),  # the apostrophe a news page prints
    ("June 13, 2025 9:05 PM", "2025-06-13T21:05:00+07:00"),  # a 12-hour clock, as English pages print it
    ("13 June 2025 12:30 a.m.", "2025-06-13T00:30:00+07:00"),
    ("Friday, June 13, 2025 12:05 pm WIB", "2025-06-13T12:05:00+07:00"),
    ("13/06/2025 9:05 PM", "2025-06-13T21:05:00+07:00"),
    ("Rabu, 2 Desember 2026 pkl. 07.00 WIT", "2026-12-02T05:00:00+07:00"),  # 'pkl.', as bylines cut 'pukul'
    ("Sen, 2 Des 2024 08:15 WIT", "2024-12-02T06:15:00+07:00"),
    ("2025-06-13 09:00 WIB", "2025-06-13T09:00:00+07:00"),
    ("June 13, 2025 9:05", "2025-06-13T09:05:00+07:00"),
    ("June 13th, 2025 9:05", "2025-06-13T09:05:00+07:00"),  # as English news pages print it
    ("Thu, 5 Dec 2024 10:00:00 GMT", "2024-12-05T17:00:00+07:00"),
    # an editor's report: newsroom forms that were refused
    ("2025-06-16 08.15", "2025-06-16T08:15:00+07:00"),
    ("13/06/2025 10:00", "2025-06-13T10:00:00+07:00"),
    ("14/06/2025, 08:15 WIB", "2025-06-14T08:15:00+07:00"),     # Kompas.com's byline
    ("Sabtu, 14 Juni 2025 - 08:15 WIB", "2025-06-14T08:15:00+07:00"),
    ("13 Juni 2025 | 17:30 WITA", "2025-06-13T16:30:00+07:00"),
    ("2025/06/13", "2025-06-13T00:00:00+07:00"),
])
def test_dates_are_read_in_the_site_zone(raw: str, expected: str, settings: ArticleSettings) -> None:
    article, _ = parse_article("content/a.md", f"---\ntitle: x\ndate: {raw}\n---\nx\n".encode(), settings)
    assert article is not None and article.date.isoformat() == expected


@pytest.mark.parametrize("raw, why", [
    ("Senin, 13 Juni 2025", "says Senin, but 13 Juni 2025 is a Jumat (Friday); check the date"),
    ("13 Juni 2025 WIB", "has a time zone but no time; write the time before it, such as 13 Juni 2025 09:00 WIB"),
    ("31 Februari 2025", "is not a valid date (day is out of range for month)"),
    ("13 Junii 2025", "is not a valid date"),
    ("13 Juni", "has no year"),
    ("Jumat, 13 Juni", "has no year"),
    ("2 jam lalu", "is a date relative to the day it was written, which the site cannot know"),
    ("Kemarin, 17:30", "is a date relative to the day it was written, which the site cannot know"),
    ("3 hours ago", "is a date relative to the day it was written, which the site cannot know"),
    ("13/06/2025 WIB", "has a time zone but no time; write the time before it, such as 13/06/2025 09:00 WIB"),
    ("2/3/2025 10:00", "is ambiguous: day 2 of month 3, or month 2 day 3? Write the year first"),
    ("2025/06-13", "is not a valid date"),
])
def test_a_written_date_that_cannot_be_is_an_error_that_says_why(raw: str, why: str, settings: ArticleSettings) -> None:
    _, problems = parse_article("content/a.md", f"---\ntitle: x\ndate: {raw}\n---\nx\n".encode(), settings)
    assert [str(p) for p in problems] == [
        f"content/a.md:3: field 'date': {raw!r} {why}; {DATE_FIX}"]


def test_date_only_ignores_machine_tz(settings: ArticleSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    import time
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    try:
        article, _ = parse_article("content/a.md", b"---\ntitle: x\ndate: 2025-06-13\n---\nx\n", settings)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert article is not None and article.date == datetime.fromisoformat("2025-06-13T00:00:00+07:00")


def test_body_html_drops_scripts_and_unsafe_images(settings: ArticleSettings) -> None:
    data = (b"---\ntitle: '<script>x</script>'\ndate: 2025-01-01\n---\n"
            b"<script>alert(1)</script>\n\n[a](javascript:alert(1)) <img src=x onerror=alert(1)> {{ 7*7 }}\n")
    article, _ = parse_article("content/a.md", data, settings)
    assert article is not None
    assert article.body_html == "\n<p>a  {{ 7*7 }}</p>\n"  # raw HTML sanitised, not escaped; the link its text


def test_conflict_markers_shown_in_fenced_code_are_content(settings: ArticleSettings) -> None:
    """An article about git may show a conflict; only markers outside fenced code are the file's own conflict."""
    data = b"---\ntitle: x\ndate: 2025-01-01\n---\n~~~text\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> fix\n~~~\n"
    article, problems = parse_article("content/a.md", data, settings)
    assert problems == () and article is not None and "&lt;&lt;&lt;&lt;&lt;&lt;&lt; HEAD" in article.body_html


@pytest.mark.parametrize("typed, shown, warning", [
    ("2025-03-30 02:30", "2025-03-30T03:30:00+02:00",
     "2025-03-30 02:30 does not exist in Europe/Berlin: the clocks jump over it, so it is read as 03:30 CEST; write "
     "the time you mean, or add its offset"),
    ("2025-10-26 02:30", "2025-10-26T02:30:00+02:00",
     "2025-10-26 02:30 happens twice in Europe/Berlin, as the clocks go back, so it is read as the first (+02:00); "
     "for the second, write the offset: 2025-10-26T02:30+01:00"),
    ("2025-10-26T02:30+01:00", "2025-10-26T02:30:00+01:00", None),  # the offset says which
    ("2025-10-26 03:30", "2025-10-26T03:30:00+01:00", None),
    ("2025-03-30", "2025-03-30T00:00:00+01:00", None),
])
def test_a_wall_clock_time_that_summer_time_skips_or_repeats_is_a_warning(settings: ArticleSettings, typed: str,
                                                                          shown: str, warning: str | None) -> None:
    """In a zone with summer time, 02:30 on the spring change day was shown as 03:30 without a word."""
    berlin = replace(settings, timezone="Europe/Berlin")
    article, problems = parse_article("content/a.md", f"---\ntitle: x\ndate: {typed}\n---\nx\n".encode(), berlin)
    assert article is not None and article.date.isoformat() == shown
    assert [str(p) for p in problems] == ([f"content/a.md:3: field 'date': warning: {warning}"] if warning else [])


@pytest.mark.parametrize("zone, typed, shown, printed", [
    ("America/Santiago", "2025-09-07", "2025-09-07T00:00:00-04:00", "7 September 2025"),  # 00:00 becomes 01:00
    ("America/Havana", "2025-03-09", "2025-03-09T00:00:00-05:00", "9 Maret 2025"),
    ("Asia/Beirut", "2025-03-30", "2025-03-30T00:00:00+02:00", "30 Maret 2025"),
    ("America/Havana", "2025-11-02", "2025-11-02T00:00:00-04:00", "2 November 2025"),  # 00:00-01:00 comes twice
])
def test_a_date_alone_on_a_day_whose_midnight_the_clocks_skip_is_that_day_without_a_time(
        settings: ArticleSettings, tmp_path: Path, zone: str, typed: str, shown: str, printed: str) -> None:
    """'date: 2025-09-07' in America/Santiago, whose clocks jump from 00:00 to 01:00 that day, warned that '2025-09-07
    00:00 does not exist' (a time nobody gave) and was published as '7 September 2025, 01:00 -03', counted in hours
    by reltime.js; it is the date alone, at the day's first moment, also read back from the cache."""
    import re

    from conftest import build_project
    from generator.core import codec
    text = f"---\ntitle: x\ndate: {typed}\n---\nx\n"
    article, problems = parse_article("content/a.md", text.encode(), replace(settings, timezone=zone))
    assert problems == () and article is not None and article.date.isoformat() == shown
    assert codec.loads(codec.dumps(article.date), datetime).isoformat() == shown
    write_files(tmp_path, {"config.yaml": f"title: T\nbase_url: https://example.org/\ntimezone: {zone}\n"
                                          "search: false\n", "content/a.md": text})
    result = build_project(tmp_path)
    page = result.output.files[f"{typed[:4]}/{typed[5:7]}/a/index.html"].decode()
    assert re.search(r'<time datetime="[^"]*" data-rel="day"[^>]*>[^<]*</time>', page)[0] == \
        f'<time datetime="{shown}" data-rel="day" data-tz="{zone}">{printed}</time>'
    assert result.warnings == ()


@pytest.mark.parametrize("typed, shown, warning", [
    ("2011-12-30", "2011-12-30T00:00:00-10:00",
     "2011-12-30 is a day Pacific/Apia skipped: its clocks went from 2011-12-29 straight to 2011-12-31, so the "
     "page shows a date that never was there; write the day you mean: 2011-12-29 or 2011-12-31"),
    ("2011-12-30 10:00", "2011-12-31T10:00:00+14:00",
     "2011-12-30 is a day Pacific/Apia skipped: its clocks went from 2011-12-29 straight to 2011-12-31, so "
     "2011-12-30 10:00 is read as 2011-12-31 10:00 +14; write the day you mean: 2011-12-29 or 2011-12-31, or add "
     "the time's offset"),
    ("2011-12-29 23:30", "2011-12-29T23:30:00-10:00", None),
    ("2011-12-31", "2011-12-31T00:00:00+14:00", None),
    ("2011-12-30T10:00-10:00", "2011-12-31T10:00:00+14:00", None),  # the offset says which moment
])
def test_a_day_the_zone_skipped_whole_is_a_warning(settings: ArticleSettings, typed: str, shown: str,
                                                   warning: str | None) -> None:
    """'date: 2011-12-30' in Pacific/Apia (Samoa went from 29 to 31 December 2011) was published as 30 December
    without a word; '2011-12-30 10:00' was said to be read as '10:00 +14', on the 31st, which it did not say."""
    apia = replace(settings, timezone="Pacific/Apia")
    article, problems = parse_article("content/a.md", f"---\ntitle: x\ndate: {typed}\n---\nx\n".encode(), apia)
    assert article is not None and article.date.isoformat() == shown
    assert [str(p) for p in problems] == ([f"content/a.md:3: field 'date': warning: {warning}"] if warning else [])


@pytest.mark.parametrize("lines", [["tags: [a, b", "  #c]"], ["tags: [a,", "  b", "  #c]"],
                                   ["tags: [a, b  # the rest below", "  #c]"]])
def test_a_hash_name_after_a_line_without_its_comma_gets_advice_that_keeps_every_name(
        settings: ArticleSettings, lines: list[str]) -> None:
    """'tags: [a, b' then '  #c]': "never closed; write tags: [a, b]" dropped '#c', and '"#c"]' alone on its line
    would have made 'b "#c"' one tag; the advice, followed as written, gives a, b and #c."""
    def parsed(front: list[str]) -> tuple[Article | None, tuple[Problem, ...]]:
        return parse_article("content/a.md", ("---\ntitle: x\ndate: 2025-01-01\n" + "\n".join(front)
                                              + "\n---\nx\n").encode(), settings)

    _, problems = parsed(lines)
    at = len(lines) + 3
    assert [str(p) for p in problems] == [
        f"content/a.md:{at}: field 'tags': '#c' starts a YAML comment, so it is left out of the list with the rest "
        "of its line, and no comma follows 'b' above it; put a name that starts with '#' in double quotes, and a "
        "comma after 'b': \"#c\"]"]
    article, problems = parsed([*lines[:-2], lines[-2].replace("b", "b,", 1), '  "#c"]'])  # as the message says
    assert problems == () and article is not None and article.tags == ("a", "b", "#c")


def test_slug_comes_from_the_file_name(settings: ArticleSettings) -> None:
    article, _ = parse_article("content/2025/06/Meta Ambil Saham.md", b"---\ntitle: x\ndate: 2025-06-01\n---\nx\n", settings)
    assert article is not None and (article.slug, article.path) == ("meta-ambil-saham", "2025/06/meta-ambil-saham/")


def test_discover_is_sorted_and_skips_dot_files(tmp_path: Path) -> None:
    write_files(tmp_path, {"content/b.md": "x", "content/a/z.md": "x", "content/.hidden.md": "x",
                           "content/.git/x.md": "x", "content/notes.txt": "x", "content/a/b.md": "x"})
    assert [rel for rel, _ in find_articles(tmp_path, "content")[0]] == ["content/a/b.md", "content/a/z.md", "content/b.md"]


def walked_articles(root: Path, content_dir: str) -> tuple[tuple[tuple[str, str], ...], tuple[Problem, ...]]:
    """``find_articles`` as it was written with ``os.walk`` (an lstat per file and folder): the reference the
    faster walk, which takes each entry's kind from its DirEntry, must agree with."""
    base, prefix = root / content_dir, len(str(root)) + 1
    found, links, problems = [], [], []  # (the tree below has no unreadable folder: test_bad_input.py has one)
    for folder, dirs, files in os.walk(base):
        for name in sorted(dirs):
            if not name.startswith(".") and os.path.islink(os.path.join(folder, name)):
                rel = os.path.join(folder, name)[prefix:].replace(os.sep, "/")
                problems.append(Problem(rel, 0, "", "is a symbolic link to a folder and is not followed; "
                                                    "move the folder into content/ instead", "warning"))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not (folder == str(base) and d in (NOTES_DIR, *NOT_ARTICLES)))
        for name in sorted(files):
            if name.startswith(".") or not name.endswith(".md"):
                if not name.startswith(".") and markdown_misnamed(name):
                    rel = os.path.join(folder, name)[prefix:].replace(os.sep, "/")
                    problems.append(Problem(rel, 0, "", markdown_misnamed(name), "warning"))
                continue
            full = os.path.join(folder, name)
            rel = full[prefix:].replace(os.sep, "/")
            if not is_utf8(rel):
                problems.append(Problem(rel, 0, "", "the file name is not valid UTF-8, so it cannot become a URL; "
                                                    "rename the file"))
                continue
            (links if os.path.islink(full) else found).append((rel, full))
    if links:
        problems += _resolve_links(base, found, links)
    return tuple(sorted(found)), tuple(problems)


def test_finding_articles_agrees_with_os_walk_on_a_hostile_tree(tmp_path: Path) -> None:
    write_files(tmp_path, {f"content/{rel}": "x" for rel in [
        "b.md", "a/z.md", "a/b.md", "a/.hidden.md", ".git/x.md", "notes.txt", "pages/about.md", "weekly/2025-W01.md",
        "z/pages/kept.md", "z/weekly/kept.md", "deep/1/2/3/4/5/six.md", "B/upper.md", "a b/space.md", "é/accent.md",
        "x/y.MD", "x/.md", "dir.md/inside.md"]})
    content = tmp_path / "content"
    os.symlink(content / "a", content / "linked-folder")  # a link to a folder: warned about, not entered
    os.symlink(content / "a" / "b.md", content / "twice.md")  # a link to a file read anyway: left out
    os.symlink(content / "b.md", content / "x" / "again.md")
    os.symlink(content / "notes.txt", content / "x" / "note-link.md")  # a link to a file not read: read once
    os.symlink(content / "missing.md", content / "broken.md")
    os.symlink(tmp_path, content / "a" / "escape")  # a way out of content/
    os.symlink(content / "pages", content / "x" / ".dotlink")
    os.symlink(content / "weekly", content / "weekly-link")
    os.mkfifo(content / "x" / "fifo.md")
    os.mkdir(content / "empty")
    odd = os.fsencode(content / "x") + b"/bad-\xff.md"
    with open(odd, "w") as f:
        f.write("x")
    new = find_articles(tmp_path, "content")
    assert new == walked_articles(tmp_path, "content")
    assert [rel for rel, _ in new[0]][:3] == ["content/B/upper.md", "content/a b/space.md", "content/a/b.md"]
    assert {p.path for p in new[1]} >= {"content/linked-folder", "content/weekly-link"}


@pytest.mark.parametrize("raw, kept", [
    ("https://example.org/a|b.jpg", "https://example.org/a%7Cb.jpg"),
    ("/images/batam.jpg", "images/batam.jpg"),
    ("images/batam.jpg", "images/batam.jpg"),
    ("./images/batam.jpg", "images/batam.jpg"),
    ("images/Foto Batam.jpg", "images/Foto%20Batam.jpg"),  # a camera's or a download's name, as it is on disk
    ("images/kafé.jpg", "images/kaf%C3%A9.jpg"),
    ("images/Foto%20Batam.jpg", "images/Foto%20Batam.jpg"),  # written as its address: the same file
    ("images/100%.png", "images/100%25.png"),  # a '%' that starts no escape is the character
    ("images/Foto #1.jpg", "images/Foto%20%231.jpg"),  # '#', '?' and ':' are part of a file's name here
    ("images/apa?.png", "images/apa%3F.png"), ("images/10:30.png", "images/10%3A30.png"),
    ("Rapat:Juni.jpg", "Rapat%3AJuni.jpg"),  # a ':' in a name at static/'s root is no scheme
    ("images/Screenshot 2025-06-13 at 10.30.00\u202fAM.png", "images/Screenshot%202025-06-13%20at%2010.30.00%E2%80%AFAM.png"),
    ("images/Foto  Batam.jpg", "images/Foto%20%20Batam.jpg"),  # two spaces stay two: the file has them
    ("images/R&D <draft>.jpg", "images/R&D%20%3Cdraft%3E.jpg"),  # not read as markup
])
def test_image_is_an_http_url_or_a_site_path(raw: str, kept: str, settings: ArticleSettings) -> None:
    article, problems = parse_article("content/a.md", f"---\ntitle: x\ndate: 2025-01-01\nimage: \"{raw}\"\n"
                                      "image_alt: Foto\n---\nx\n".encode(), settings)
    assert problems == () and article is not None and article.image == kept


@pytest.mark.parametrize("base_path, raw, kept", [
    ("/digest/", "/digest/images/batam.jpg", "images/batam.jpg"),  # the address from the host's root, as on the page
    ("/digest/", "digest/images/batam.jpg", "digest/images/batam.jpg"),  # without '/': static/digest/...
    ("/", "/digest/images/batam.jpg", "digest/images/batam.jpg"),
    ("/kaf%C3%A9/", "/kafé/images/batam.jpg", "images/batam.jpg"),  # the base path as typed, or as its address
    ("/kaf%C3%A9/", "/kaf%C3%A9/images/batam.jpg", "images/batam.jpg"),
])
def test_an_image_written_with_the_sites_base_path_names_the_same_file(base_path: str, raw: str, kept: str,
                                                                         settings: ArticleSettings) -> None:
    """Under base_url https://example.org/digest/, 'image: /digest/images/c.gif' (copied from the page's HTML)
    was told "put the file at static/digest/images/c.gif", and its feed items pointed at /digest/digest/..."""
    article, problems = parse_article("content/a.md", f"---\ntitle: x\ndate: 2025-01-01\nimage: {raw}\n"
                                      "image_alt: Foto\n---\nx\n".encode(), replace(settings, base_path=base_path))
    assert problems == () and article is not None and article.image == kept


@pytest.mark.parametrize("raw, fix", [("../images/c.gif", "images/c.gif"), ("images/../../c.gif", "c.gif"),
                                      ("..", "images/photo.jpg")])
def test_an_image_that_goes_up_a_folder_is_dropped_with_the_path_to_write(raw: str, fix: str,
                                                                          settings: ArticleSettings) -> None:
    """'image: ../images/c.gif' (a path from the article's file, as an editor's Markdown preview reads it) kept its
    '../' in the page's and the feeds' addresses, outside the site."""
    article, problems = parse_article("content/a.md", f"---\ntitle: x\ndate: 2025-01-01\nimage: {raw}\n"
                                      "image_alt: Foto\n---\nx\n".encode(), settings)
    assert article is not None and article.image == ""
    assert [str(p) for p in problems] == [
        f"content/a.md:4: field 'image': warning: {raw!r} goes up a folder with '..', but the image is a file in "
        f"static/, named from there, so it is ignored; write image: {fix}"]


@pytest.mark.parametrize("base_path, raw", [("/", "/"), ("/", "./"), ("/digest/", "/digest/"), ("/", "images/")])
def test_an_image_naming_a_folder_is_dropped_with_a_warning(base_path: str, raw: str,
                                                             settings: ArticleSettings) -> None:
    """'image: "/"' was taken silently: the page's og:image and the feed items pointed at the home page."""
    article, problems = parse_article("content/a.md", f"---\ntitle: x\ndate: 2025-01-01\nimage: \"{raw}\"\n"
                                      "image_alt: Foto\n---\nx\n".encode(), replace(settings, base_path=base_path))
    assert article is not None and article.image == ""
    assert [str(p) for p in problems] == [
        f"content/a.md:4: field 'image': warning: {raw!r} names a folder, not a picture, so it is ignored; write the "
        "picture's file in static/, such as image: images/photo.jpg"]


@pytest.mark.parametrize("raw", ["javascript:alert(1)", "data:text/html,x", "//evil.example/x.jpg", "ftp://x/y.jpg"])
def test_any_other_image_is_dropped_with_a_warning(raw: str, settings: ArticleSettings) -> None:
    article, problems = parse_article("content/a.md", f"---\ntitle: x\ndate: 2025-01-01\nimage: \"{raw}\"\n---\nx\n".encode(),
                                      settings)
    assert article is not None and article.image == ""
    assert [str(p) for p in problems] == [
        f"content/a.md:4: field 'image': warning: {raw!r} is neither an http(s) URL nor a path on this site, so it is "
        "ignored; write https://... or a path such as images/photo.jpg"]


@pytest.mark.parametrize("raw, message", [
    ("C:\\Users\\rina\\Foto Batam.jpg", "'C:\\Users\\rina\\Foto Batam.jpg' is a path on your computer, which readers "
                                         "cannot open, so it is ignored; copy the file into static/images/ and write "
                                         "image: images/Foto Batam.jpg"),
    ("c:/photos/x.jpg", "'c:/photos/x.jpg' is a path on your computer, which readers cannot open, so it is ignored; "
                        "copy the file into static/images/ and write image: images/x.jpg"),
    ("https:/example.org/x.jpg", "'https:/example.org/x.jpg' is a web address missing a '/' after the colon, so it "
                                 "is ignored; write https://..."),
])
def test_an_image_path_from_the_computer_or_a_mistyped_address_is_told_what_to_write(
        raw: str, message: str, settings: ArticleSettings) -> None:
    """'c:/photos/x.jpg' was advised "put the file at static/c:/photos/x.jpg", and 'https:/example.org/x.jpg' "put
    the file at static/https:/example.org/x.jpg"."""
    article, problems = parse_article("content/a.md", f"---\ntitle: x\ndate: 2025-01-01\nimage: '{raw}'\n"
                                      "image_alt: Foto\n---\nx\n".encode(), settings)
    assert article is not None and article.image == ""
    assert [str(p) for p in problems] == [f"content/a.md:4: field 'image': warning: {message}"]


def test_without_a_summary_the_first_paragraph_is_used(settings: ArticleSettings) -> None:
    body = "## Judul\n\nMeta **membeli** 49% saham & lainnya.\n\nParagraf kedua.\n"
    article, _ = parse_article("content/a.md", ("---\ntitle: x\ndate: 2025-01-01\n---\n" + body).encode(), settings)
    assert article is not None
    assert (article.summary, article.summary_from_body) == ("Meta membeli 49% saham & lainnya.", True)
    long_body = "kata " * 100
    article, _ = parse_article("content/a.md", ("---\ntitle: x\ndate: 2025-01-01\n---\n" + long_body).encode(), settings)
    assert article is not None and len(article.summary) <= 201 and article.summary.endswith("kata…")


@pytest.mark.parametrize("opening", ["![Menara BTS di Nabire](/images/foto.jpg)",
                                     "[![Menara](/images/foto.jpg)](https://example.org/foto)",
                                     "![Menara](/images/a.jpg)\n![Kabel](/images/b.jpg)",
                                     "![Menara](/images/a.jpg)\n*Foto: Reuters*",  # its credit is no summary
                                     "![Menara](/images/a.jpg)\n\n<!--more-->",  # nothing but it before the mark
                                     '<video src="/media/a.mp4" poster="/media/p.jpg">Browser Anda tidak mendukung '
                                     'pemutar video.</video>',  # its fallback text is no summary
                                     '<audio controls src="/media/a.mp3">Dengarkan <a href="/media/a.mp3">di sini'
                                     '</a>.</audio>',
                                     '<picture><source srcset="/images/a.webp"><img src="/images/a.jpg" alt="Menara">'
                                     '</picture>',
                                     # its fallback written as a paragraph inside it
                                     '<video controls src="/media/v.mp4">\n\nBrowser Anda tidak mendukung pemutar '
                                     'video.\n\n</video>',
                                     '<video src="/media/v.mp4">\n<p>Browser Anda tidak mendukung pemutar video.</p>'
                                     '\n</video>',
                                     '<audio controls src="/media/a.mp3">\n<p>Dengarkan di <a href="/media/a.mp3">sini'
                                     '</a>.</p>\n</audio>'])
def test_a_body_that_opens_with_a_picture_is_summarised_from_its_first_text(settings: ArticleSettings,
                                                                          opening: str) -> None:
    """An item opening with a photo had no summary anywhere: the feeds' description was the headline again, the
    page's meta description the site's, the lists showed no line (the picture's paragraph has no text). An
    attacker's report: one opening with a video had its player's fallback text as its description, 'Browser Anda
    tidak mendukung pemutar video.'; a player's paragraph is passed over as a picture's is, and so is a paragraph
    inside a player (its fallback written on lines of its own)."""
    body = f"{opening}\n\nOperator memulihkan 90 persen BTS di Nabire.\n"
    article, _ = parse_article("content/a.md", ("---\ntitle: x\ndate: 2025-01-01\n---\n" + body).encode(), settings)
    assert article is not None
    assert (article.summary, article.summary_from_body) == ("Operator memulihkan 90 persen BTS di Nabire.", True)


def test_more_marker_ends_the_summary_unless_the_front_matter_has_one(settings: ArticleSettings) -> None:
    body = b"Paragraf *pertama*.\n\nKedua.\n\n<!--more-->\n\nSisanya.\n"
    article, _ = parse_article("content/a.md", b"---\ntitle: x\ndate: 2025-01-01\n---\n" + body, settings)
    assert article is not None and (article.summary, article.summary_from_body) == ("Paragraf pertama. Kedua.", True)
    assert "more" not in article.body_html
    article, _ = parse_article("content/a.md", b"---\ntitle: x\ndate: 2025-01-01\nsummary: Ditulis.\n---\n" + body,
                               settings)
    assert article is not None and (article.summary, article.summary_from_body) == ("Ditulis.", False)


@pytest.mark.parametrize("toc, has_toc", [("", False), ("toc: true\n", True), ("toc: false\n", False)])
def test_toc_in_front_matter_overrides_the_site_setting(settings: ArticleSettings, toc: str, has_toc: bool) -> None:
    data = f"---\ntitle: x\ndate: 2025-01-01\n{toc}---\n## A\n\n## B\n".encode()
    article, problems = parse_article("content/a.md", data, settings)
    assert problems == () and article is not None and ('<nav class="toc"' in article.body_html) == has_toc


def test_toc_must_be_true_or_false(settings: ArticleSettings) -> None:
    assert messages(b"---\ntitle: x\ndate: 2025-01-01\ntoc: ya\n---\nx\n", settings) == [
        "content/a.md:4: field 'toc': must be true or false, got 'ya'; write toc: true or toc: false"]


@hypothesis_settings(max_examples=3000, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(["<", ">", "<!--", "-->", "<p>", "</p>", "<a href=\"x>y\">", "&amp;", "&eacute;",
                                 "&nbsp;", "&#233;", "kata", " ", "\n", "é", "_", "1", "<br/>", "&lt;b&gt;", "€", "—",
                                 "\u0301", "\u00a0", "٣", "日本", "ß", "&#8364;", "\t"]),
                max_size=30).map("".join))
def test_count_words_is_striptags_then_wordcount(html_text: str) -> None:
    """With each Chinese or Japanese character 2/5 of a word, rounded up."""
    from jinja2.filters import do_wordcount
    text = Markup(html_text).striptags()
    cjk = sum(map(text.count, "日本"))
    assert count_words(html_text) == do_wordcount(text.replace("日", " ").replace("本", " ")) + (2 * cjk + 4) // 5


def test_no_character_below_the_first_of_cjk_is_one() -> None:
    """``count_words`` tells a character below ``_CJK_FIRST`` is not Chinese or Japanese without ``_CJK`` (whose
    compiling a one-edit rebuild of an article without them then never pays)."""
    from generator.load.content import _CJK, _CJK_FIRST
    assert _CJK.match(_CJK_FIRST) and not any(_CJK.match(chr(code)) for code in range(ord(_CJK_FIRST)))


@pytest.mark.parametrize("body, minutes", [
    ("人工智能公司今天宣布了新的模型。" * 100, 3),  # 1,500 Han characters (。 is none): 600 words' worth
    ("米OpenAIは新しいモデルを発表した。" * 101, 4),  # 1,313 characters (525.2 words) and 101 Latin words
    ("kata " * 401, 3)])
def test_reading_time_of_chinese_or_japanese_counts_characters(tmp_path: Path, body: str, minutes: int) -> None:
    """A Chinese or Japanese article, whose words have no spaces between them, was always '1 min read'; 500
    characters are a minute."""
    from conftest import CONFIG, article, build_project, make_project
    make_project(tmp_path, {"2025/07/a.md": article(title="A", date="2025-07-01", body=body)},
                 config=CONFIG + "language: en\n")
    page = build_project(tmp_path).output.files["2025/07/a/index.html"].decode()
    assert f" · {minutes} min read" in page



def test_markdown_files_not_named_md_are_named_in_a_warning(tmp_path: Path) -> None:
    """`nabire.MD` (as Windows saves it), `x.markdown` (Hugo reads it), `y.md.txt` (Notepad's) were left out without a
    word; each is a warning saying what to rename it to, in the articles' folders and in pages/. Other files stay
    quiet."""
    from conftest import CONFIG, article, build_project, make_project
    make_project(tmp_path, {"2025/07/a.md": article(title="A"), "2025/07/nabire.MD": article(title="N"),
                            "2025/07/x.markdown": article(title="X"), "2025/07/y.md.txt": article(title="Y"),
                            "2025/07/foto.jpg": "", "2025/07/catatan.txt": "", "pages/tentang.Md": article(title="T")},
                 config=CONFIG)
    result = build_project(tmp_path)
    assert result.articles == 1
    assert [str(p) for p in result.warnings] == [
        f"content/{rel}: warning: is not read: only files whose names end in '.md' are; rename it to {fixed}"
        for rel, fixed in (("2025/07/nabire.MD", "nabire.md"), ("2025/07/x.markdown", "x.md"),
                           ("2025/07/y.md.txt", "y.md"), ("pages/tentang.Md", "tentang.md"))]


def test_a_misnamed_markdown_file_beside_its_md_twin_is_told_to_merge_not_to_rename(tmp_path: Path) -> None:
    """An attacker's report: `2025-W24.MD` or `x.markdown` beside `2025-W24.md` / `x.md` was told "rename it to
    2025-W24.md", which overwrites the other file when followed; the file it would become is named, to merge into."""
    from conftest import CONFIG, article, build_project, make_project
    note = '---\ntitle: "Pekan AI"\n---\nCatatan.\n'
    make_project(tmp_path, {"2025/06/x.md": article(title="X", date="2025-06-10"),
                            "2025/06/x.markdown": article(title="X2", date="2025-06-10"),
                            "weekly/2025-W24.md": note, "weekly/2025-W24.MD": note, "weekly/2025-W24.markdown": note,
                            "pages/tentang.md": note, "pages/tentang.Md": note},
                 config=CONFIG)
    merge = "is not read: only files whose names end in '.md' are; {} is beside it already: merge the two into it, and delete this file"
    assert [str(p) for p in build_project(tmp_path).warnings] == [
        f"content/{rel}: warning: " + merge.format(twin) for rel, twin in (
            ("2025/06/x.markdown", "x.md"), ("pages/tentang.Md", "tentang.md"), ("weekly/2025-W24.MD", "2025-W24.md"),
            ("weekly/2025-W24.markdown", "2025-W24.md"))]


def test_two_misnamed_markdown_files_of_one_name_are_told_one_rename_and_one_merge(tmp_path: Path) -> None:
    """An attacker's report: `x.MD` and `x.markdown`, with no `x.md`, were each told "rename it to x.md": following
    both, the second rename overwrote the first article. The second is told to merge into the first's new name."""
    from conftest import CONFIG, article, build_project, make_project
    note = '---\ntitle: "Pekan AI"\n---\nCatatan.\n'
    make_project(tmp_path, {"2025/06/a.md": article(title="A", date="2025-06-10"),
                            "2025/06/x.MD": article(title="X", date="2025-06-10"),
                            "2025/06/x.markdown": article(title="X2", date="2025-06-10"),
                            "pages/tentang.Md": note, "pages/tentang.markdown": note}, config=CONFIG)
    said = "content/{}: warning: is not read: only files whose names end in '.md' are; {}"
    merge = "{} (to be renamed {}) is beside it already: merge the two into it, and delete this file"
    assert [str(p) for p in build_project(tmp_path).warnings] == [
        said.format("2025/06/x.MD", "rename it to x.md"),
        said.format("2025/06/x.markdown", merge.format("x.MD", "x.md")),
        said.format("pages/tentang.Md", "rename it to tentang.md"),
        said.format("pages/tentang.markdown", merge.format("tentang.Md", "tentang.md"))]


def test_a_file_saved_in_place_while_it_is_read_is_read_again_whole(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A fault-finder's report (a read held back with strace while an editor saved the file): the page was
    published with the old title and a torn body, the new file's tail after the old one, exit 0. The file's
    size and mtime after the read now decide: changed, it is read again from the start."""
    import os as real_os
    from generator.load import content as content_module
    path = tmp_path / "a.md"
    old, new = "---\ntitle: Lama\n---\n" + "lama " * 200 + "\n", "---\ntitle: Baru lebih panjang\n---\n" + "baru " * 300 + "\n"
    path.write_text(old)
    reads = []
    original = real_os.read

    def read(fd: int, n: int) -> bytes:
        data = original(fd, min(n, 40))  # a short read, then the editor saves in place (same inode)
        if not reads:
            with open(path, "r+") as f:
                f.truncate(0)
                f.write(new)
            real_os.utime(path, ns=(real_os.stat(path).st_atime_ns, real_os.stat(path).st_mtime_ns + 1_000_000))
        reads.append(len(data))
        return data

    monkeypatch.setattr(content_module.os, "read", read)
    assert content_module.read_article("content/a.md", path) == new.encode()


def test_a_file_that_keeps_changing_while_it_is_read_is_an_error(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import os as real_os
    from generator.load import content as content_module
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: A\n---\nIsi.\n")
    original = real_os.read

    def read(fd: int, n: int) -> bytes:
        data = original(fd, n)
        real_os.utime(path, ns=(0, real_os.stat(path).st_mtime_ns + 1_000_000))  # saved again, each time
        return data

    monkeypatch.setattr(content_module.os, "read", read)
    assert str(content_module.read_article("content/a.md", path)) == (
        "content/a.md: changed while it was being read, three times; build again when it is saved")


def test_another_tools_field_name_is_told_ours(settings: ArticleSettings) -> None:
    """An editor from Hugo or Jekyll wrote 'description:' and was asked "did you mean 'section'?"; 'categories' and
    'lastmod' got only the list of every field."""
    data = (b"---\ntitle: x\ndate: 2025-01-01\ndescription: Ringkas\ncategories: [Kepri]\nlastmod: 2025-01-02\n"
            b"Aliases: [lama/]\n---\nIsi.\n")
    article, problems = parse_article("content/a.md", data, settings)
    assert article is not None
    assert [str(p) for p in problems] == [
        "content/a.md:4: field 'description': warning: unknown field, ignored; this site calls it 'summary'",
        "content/a.md:5: field 'categories': warning: unknown field, ignored; this site calls it 'section' (one "
        "section per article)",
        "content/a.md:6: field 'lastmod': warning: unknown field, ignored; this site calls it 'updated'",
        "content/a.md:7: field 'Aliases': warning: unknown field, ignored; this site calls it 'redirects'",
    ]


def test_an_index_file_takes_its_folders_name_as_a_hugo_bundle_does(settings: ArticleSettings) -> None:
    """An editor's report: 'content/2026/12/bts-pesisir-nabire/index.md' (Hugo's page bundle) got the slug 'index',
    and a second bundle that month was 'URL already used'."""
    data = b"---\ntitle: BTS\ndate: 2026-12-01\n---\nIsi.\n"
    bundle, _ = parse_article("content/2026/12/bts-pesisir-nabire/index.md", data, settings)
    top, _ = parse_article("content/index.md", data, settings)
    assert bundle is not None and bundle.slug == "bts-pesisir-nabire"
    assert top is not None and top.slug == "index"  # no folder of its own: the file's name, as before


@pytest.mark.parametrize("tags, message", [
    ("tags: [pemilu, #Pilkada2026]\n",
     "content/a.md:4: field 'tags': '#Pilkada2026' starts a YAML comment, so the list is never closed; put a name "
     "that starts with '#' in double quotes: tags: [pemilu, \"#Pilkada2026\"]"),
    ("tags: #Pilkada2026\n",
     "content/a.md:4: field 'tags': '#Pilkada2026' starts a YAML comment, so tags is empty; put the name in double "
     "quotes, in brackets: tags: [\"#Pilkada2026\"]"),
    ("tags:\n  - pemilu\n  - #Pilkada2026\n",
     "content/a.md:6: field 'tags': item 2 is empty: '#Pilkada2026' after '- ' is a YAML comment; put it in double "
     "quotes: - \"#Pilkada2026\""),
    ("tags: [satelit, #Papua]\nsection: Nabire\nsource:\n  name: X\n  url: https://example.com/a\n",  # fields after
     "content/a.md:4: field 'tags': '#Papua' starts a YAML comment, so the list is never closed; put a name that "
     "starts with '#' in double quotes: tags: [satelit, \"#Papua\"]"),
])
def test_a_hashtag_tag_is_told_to_be_quoted_at_its_line(settings: ArticleSettings, tags: str, message: str) -> None:
    """An editor's report: a hashtag written as a tag was "item 2 is empty" (the name was on the line), or a YAML
    syntax error at the closing '---'; '#' starts a YAML comment."""
    data = ("---\ntitle: Pilkada\ndate: 2025-06-02\n" + tags + "---\nIsi.\n").encode()
    _, problems = parse_article("content/a.md", data, settings)
    assert [str(p) for p in problems] == [message]


def test_an_image_or_link_markdown_did_not_take_is_a_warning_at_its_line(settings: ArticleSettings) -> None:
    """An editor's report: 'image: images/Foto Batam.jpg' works, so the same path went into the body, where readers
    saw '![Hasil uji](/images/Foto Batam.jpg)' as text and neither build nor check said a word."""
    body = ("Isi.\n\n![Hasil uji](/images/Foto Batam.jpg)\n\n[lihat](/arsip/2025 06/ \"Arsip\") dan "
            "`![kode](a b)` tetap.\n\n![Benar](</images/Foto Batam.jpg>)\n")
    data = ("---\ntitle: Foto\ndate: 2025-06-02\n---\n" + body).encode()
    article, problems = parse_article("content/a.md", data, settings)
    assert article is not None and b'src="/images/Foto%20Batam.jpg" alt="Benar"' in article.body
    assert [str(p) for p in problems] == [
        "content/a.md:7: warning: this image is shown as text, '![Hasil uji](/images/Foto Batam.jpg)': Markdown "
        "takes no space in an address; write it in angle brackets, ![Hasil uji](</images/Foto Batam.jpg>), or each "
        "space as %20",
        "content/a.md:9: warning: this link is shown as text, '[lihat](/arsip/2025 06/ \"Arsip\")': Markdown takes "
        "no space in an address; write it in angle brackets, [lihat](</arsip/2025 06/> \"Arsip\"), or each space "
        "as %20"]


def test_text_markdown_did_not_take_is_found_where_it_is_text_not_in_code_or_escaped(settings: ArticleSettings) -> None:
    """A maintainer's report: the warning named the line of an example in a code span, not the broken image below
    it, and warned of a link the writer escaped with '\\' to show it as text."""
    body = ("Jangan tulis: `![foto](/images/my photo.jpg)`.\n\n```\n![foto](/images/my photo.jpg)\n```\n\n"
            "Teks \\[a](b c) di-escape.\n\n![foto](/images/my photo.jpg)\n")
    data = ("---\ntitle: Foto\ndate: 2025-06-02\n---\n" + body).encode()
    _, problems = parse_article("content/a.md", data, settings)
    assert [(p.line, p.message.split(",")[0]) for p in problems] == [
        (13, "this image is shown as text")]


def test_a_hash_word_alone_on_a_line_of_a_list_is_a_warning_and_a_spaced_comment_nothing(
        settings: ArticleSettings) -> None:
    """'#catatan' alone on a line of a list over lines, legal YAML (a comment), stopped the build as a name left out;
    it may be either, so it is a warning with both fixes, and '# catatan', as YAML writes a comment, is nothing."""
    article, problems = parse_article("content/a.md", b"---\ntitle: x\ndate: 2025-01-01\ntags: [panduan,\n"
                                                      b"  #catatan\n  # tambah nanti\n  pemilu]\n---\nx\n", settings)
    assert article is not None and article.tags == ("panduan", "pemilu")
    assert [str(p) for p in problems] == [
        "content/a.md:5: field 'tags': warning: '#catatan' is a YAML comment, so it is not in the tags; if it is a "
        "name, put it in double quotes: \"#catatan\", and if it is a note, write '# catatan'"]


_NBSP_SAID = ("NO-BREAK SPACE {where}, which YAML does not read as a space; delete it and type an ordinary space (text "
              "pasted from Word, Google Docs or a web page brings one)")


def test_a_no_break_space_where_yaml_needs_a_space_is_named_at_its_line(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """U+00A0, pasted from Word or a web page: 'title:' + U+00A0 was "'title: …' has no ':'", and a source indented
    by two of them built with the source silently dropped ("unknown field '  name'" warnings). One in a value's
    text ('Rp' + U+00A0 + '230') is text."""
    from conftest import CONFIG, make_project
    from generator.commands.cli import main
    make_project(tmp_path, {
        "2025/06/a.md": "---\ntitle:\u00a0Judul\ndate: 2025-06-03\n---\nIsi.\n",
        "2025/06/b.md": "---\ntitle: B\ndate: 2025-06-03\nsource:\n\u00a0\u00a0name: CNBC\n\u00a0\u00a0url: https://cnbc.com/x\n"
                        "tags:\n  -\u00a0data\n---\nIsi.\n",
        "2025/06/c.md": "---\ntitle: \"Rp\u00a0230 juta\"\ndate: 2025-06-03\ntags: [Rp\u00a0230]\n---\nIsi.\n"})
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 1
    assert capsys.readouterr().err.splitlines()[:-1] == [
        "content/2025/06/a.md:2: field 'title': has a U+00A0 " + _NBSP_SAID.format(where="after the ':'"),
        "content/2025/06/b.md:5: field 'source.name': has a U+00A0 " + _NBSP_SAID.format(where="in the indent"),
        "content/2025/06/b.md:6: field 'source.url': has a U+00A0 " + _NBSP_SAID.format(where="in the indent"),
        "content/2025/06/b.md:8: field 'tags': has a U+00A0 " + _NBSP_SAID.format(where="after the '-'")]
    for rel in ("2025/06/a.md", "2025/06/b.md"):
        (tmp_path / "content" / rel).unlink()
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 0
    assert "<title>Rp 230 juta" in (tmp_path / "site/2025/06/c/index.html").read_text()
    assert (tmp_path / "site/tags/rp-230/index.html").exists()
    make_project(tmp_path, {}, config=CONFIG + "page_size:\u00a020\n",
                 companies="meta:\n  name: Meta\n  aliases:\n  \u00a0 - Facebook\n")
    (tmp_path / "content/sources.yaml").write_text("kompas:\n\u00a0\u00a0name: Kompas\n\u00a0\u00a0url: https://kompas.com/\n")
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 1
    assert capsys.readouterr().err.splitlines()[:-1] == [
        "config.yaml:3: field 'page_size': has a U+00A0 " + _NBSP_SAID.format(where="after the ':'"),
        "content/companies.yaml:4: field 'meta.aliases': has a U+00A0 " + _NBSP_SAID.format(where="in the indent"),
        "content/sources.yaml:2: field 'kompas.name': has a U+00A0 " + _NBSP_SAID.format(where="in the indent"),
        "content/sources.yaml:3: field 'kompas.url': has a U+00A0 " + _NBSP_SAID.format(where="in the indent")]


def test_a_no_break_space_hides_no_other_problem_of_the_file(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """A U+00A0 where YAML needs a space was the one thing said of its file: a bad date, a bad slug, a page_size
    that is no number, a company's bad url waited for the next run. Each such space is read as a space, so the
    rest is said in the same run; an item's '-' level with its key ('  aliases:' / '  -' + U+00A0) is under it."""
    from conftest import CONFIG, make_project
    from generator.commands.cli import main
    make_project(tmp_path, {"2025/06/a.md": "---\ntitle:\u00a0Uji Meta\ndate: 2025-13-01\nslug: Bad Slug!\n---\nIsi.\n",
                            "2025/06/b.md": "---\ntitle:\u00a0B\ndate: 2025-06-03\ntags: [a,\n---\nIsi.\n"},
                 config=CONFIG + "language:\u00a0id\npage_size: nol\n",
                 companies="meta:\n  name: Meta\n  aliases:\n  -\u00a0Facebook\n  url: 5\n")
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 1
    assert capsys.readouterr().err.splitlines()[:-1] == [
        "config.yaml:3: field 'language': has a U+00A0 " + _NBSP_SAID.format(where="after the ':'"),
        "config.yaml:4: field 'page_size': must be a whole number of at least 1, got 'nol'",
        "content/2025/06/a.md:2: field 'title': has a U+00A0 " + _NBSP_SAID.format(where="after the ':'"),
        "content/2025/06/a.md:3: field 'date': '2025-13-01' is not a valid date (month must be in 1..12); write "
        "YYYY-MM-DD or an ISO 8601 date-time such as 2025-06-13T09:00:00+07:00, or the date as the news page prints "
        "it: 13 Juni 2025 09.00 WIB",
        "content/2025/06/a.md:4: field 'slug': 'Bad Slug!' is not a valid slug; use lowercase letters, digits and "
        "single hyphens, like 'meta-scale-ai'",
        "content/2025/06/b.md:2: field 'title': has a U+00A0 " + _NBSP_SAID.format(where="after the ':'"),
        "content/2025/06/b.md:4: field 'tags': starts a list with '[' that is never closed; write tags: [a]",
        "content/companies.yaml:4: field 'meta.aliases': has a U+00A0 " + _NBSP_SAID.format(where="after the '-'"),
        "content/companies.yaml:5: field 'meta.url': must be an http(s) URL such as https://example.com/"]


def test_two_names_made_one_item_are_said_at_the_items_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A flow list over lines with a comma forgotten made the tag 'kecerdasan buatan data', and '- Meta, Scale AI'
    the company 'Meta, Scale AI' told "did you mean 'Scale AI'?" (following it lost Meta), each built without a
    word of the slip. A registered name with a comma, and a decimal comma, are names as written. A semicolon
    ('[Google; Scale AI]', '[Meta, Scale AI; Google]') was not looked for: "did you mean 'Scale AI'?" lost the other;
    then the ';' ending an entity ('R&amp;D') was told to split the tag ('[R&amp, D]')."""
    from conftest import article, make_project
    from generator.commands.cli import main
    make_project(tmp_path, {
        "2025/06/a.md": article(tags="[investasi,\n  kecerdasan buatan\n  data]"),
        "2025/06/b.md": article(companies="\n  - Meta, Scale AI\n  - Google"),
        "2025/06/c.md": article(companies='["Meta, Google", OpenAI]', tags='["Rp 1,5 triliun"]'),
        "2025/06/e.md": article(companies='["Alphabet, Inc."]'),
        "2025/06/f.md": article(companies="[Google; Scale AI]", tags="[AT&T;]"),
        "2025/06/g.md": article(companies="\n  - OpenAI; Scale AI", tags="[investasi;data]"),
        "2025/06/h.md": article(companies="[Meta, Scale AI; Google]"),
        "2025/06/i.md": article(tags='["R&amp;D", "x&#38;y"]')},  # the ';' that ends an entity splits nothing
        companies="google: {name: Google, aliases: ['Alphabet, Inc.']}\nscale-ai: {name: Scale AI}\n"
                  "openai: {name: OpenAI}\nmeta: {name: Meta}\n")
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "content/2025/06/a.md:5: field 'tags': warning: item 2 'kecerdasan buatan data' runs over 2 lines with no comma "
        "between them, which YAML reads as one tag; if they are 2 tags, put a comma at the end of the line: "
        "tags: [investasi, kecerdasan buatan, data]",
        "content/2025/06/b.md:5: field 'companies': warning: 'Meta, Scale AI' is one company: a comma inside an item "
        "does not split it; if they are 2 companies, write '- Meta' and '- Scale AI' on lines of their own; if it is "
        "one company's name, add it to content/companies.yaml",
        "content/2025/06/c.md:4: field 'companies': warning: 'Meta, Google' is one company: a comma inside an item "
        "does not split it; if they are 2 companies, write companies: [Meta, Google, OpenAI]; if it is one company's "
        "name, add it to content/companies.yaml",
        "content/2025/06/f.md:4: field 'companies': warning: 'Google; Scale AI' is one company: a semicolon inside "
        "an item does not split it; if they are 2 companies, write companies: [Google, Scale AI]; if it is one "
        "company's name, add it to content/companies.yaml",
        "content/2025/06/g.md:5: field 'companies': warning: 'OpenAI; Scale AI' is one company: a semicolon inside "
        "an item does not split it; if they are 2 companies, write '- OpenAI' and '- Scale AI' on lines of their own; "
        "if it is one company's name, add it to content/companies.yaml",
        "content/2025/06/g.md:6: field 'tags': warning: 'investasi;data' is one tag: a semicolon inside an item does "
        "not split it; if they are 2 tags, write tags: [investasi, data]",
        "content/2025/06/h.md:4: field 'companies': warning: 'Scale AI; Google' is one company: a semicolon inside an "
        "item does not split it; if they are 2 companies, write companies: [Meta, Scale AI, Google]; if it is one "
        "company's name, add it to content/companies.yaml"]
    assert (tmp_path / "site/tags/kecerdasan-buatan-data/index.html").exists()  # a warning: the name may be one
    assert (tmp_path / "site/tags/rp-1-5-triliun/index.html").exists()
    assert b"/companies/google/" in (tmp_path / "site/2025/06/e/index.html").read_bytes()


@pytest.mark.parametrize("written, said", [
    ("companies: {Meta, Scale AI", "content/a.md:4: field 'companies': starts with '{', which YAML reads as a mapping; "
                                   "write the list in brackets: companies: [Meta, Scale AI]"),
    ("companies: {Meta, Scale AI}", "content/a.md:4: field 'companies': must be a list, but YAML read "
                                    "'{Meta, Scale AI}' as a mapping (name: value); write the names in brackets: "
                                    "companies: [Meta, Scale AI]"),
    ("companies:\n  Meta:\n  Scale AI:", "content/a.md:4: field 'companies': must be a list, but YAML read the indented "
                                         "lines under it as a mapping (name: value); write the names in brackets: "
                                         "companies: [Meta, Scale AI]"),
    ("companies:\n  • Meta\n  • Scale AI", "content/a.md:4: field 'companies': must be a list; write companies: "
                                           "[Meta, Scale AI] or one '- item' line per company"),
    ("tags: kecerdasan buatan,\n  data", "content/a.md:4: field 'tags': must be a list; write tags: "
                                         "[kecerdasan buatan, data] or one '- item' line per tag"),
    ("companies: Meta; Scale AI", "content/a.md:4: field 'companies': must be a list; write companies: "
                                  "[Meta, Scale AI] or one '- item' line per company"),
    ("tags: investasi; data, robotik", "content/a.md:4: field 'tags': must be a list; write tags: "
                                       "[investasi, data, robotik] or one '- item' line per tag"),
])
def test_the_advice_for_a_list_field_gives_the_editors_own_names(written: str, said: str,
                                                                   settings: ArticleSettings) -> None:
    """'companies: [a, b]', followed as written, made companies a and b; '[• Meta • Scale AI]' one company, and
    'companies: Meta; Scale AI' was told companies: [Meta; Scale AI], one company too."""
    said_all = messages(f"---\ntitle: x\ndate: 2025-01-01\n{written}\n---\nx\n".encode(), settings)
    assert [m for m in said_all if "is not in content/companies.yaml" not in m] == [said]  # (Scale AI: a warning)


@pytest.mark.parametrize("written, names, tags", [
    ('tags: "[data]]"', "[data]", ("data",)),  # the brackets at the ends are the list's, however many
    ('tags: "[[data]]"', "[data]", ("data",)),
    ('tags: "[a]], b"', '["a]]", b]', ("a]]", "b")),  # in brackets, a name YAML would not read back is in quotes
    ('tags: "Rp 1,5 triliun; data"', '["Rp 1,5 triliun", data]', ("Rp 1,5 triliun", "data")),  # a decimal comma
])
def test_the_advice_for_a_list_written_as_text_builds_when_followed(written: str, names: str, tags: tuple[str, ...],
                                                                     settings: ArticleSettings) -> None:
    """'tags: "[data]]"' was told 'write tags: [data]]', a list with one ']' too many, which the next run said."""
    text = "---\ntitle: x\ndate: 2025-01-01\n{}\n---\nx\n"
    assert messages(text.format(written).encode(), settings) == [
        f"content/a.md:4: field 'tags': must be a list; write tags: {names} or one '- item' line per tag"]
    article, problems = parse_article("content/a.md", text.format(f"tags: {names}").encode(), settings)
    assert problems == () and article is not None and article.tags == tags


DECIMAL = "YAML splits a list in brackets at every comma, one between two digits too; if it is one tag"


@pytest.mark.parametrize("written, said, fixed, tags", [
    ("tags: [Rp 1,5 triliun]", f"4: field 'tags': warning: 'Rp 1' and '5 triliun' are 2 tags: {DECIMAL} "
                               "('Rp 1,5 triliun'), put it in double quotes: tags: [\"Rp 1,5 triliun\"]",
     'tags: ["Rp 1,5 triliun"]', ("Rp 1,5 triliun",)),
    ("tags: [data, 'AI',\n  Rp 1,5 triliun, 2024]", f"5: field 'tags': warning: 'Rp 1' and '5 triliun' are 2 tags: "
                                                    f"{DECIMAL} ('Rp 1,5 triliun'), put it in double quotes: "
                                                    "tags: [data, AI, \"Rp 1,5 triliun\", 2024]",
     'tags: [data, AI, "Rp 1,5 triliun", 2024]', None),  # the advice is for the comma; the year is told on its own
    ("tags: [inflasi 2,5,7 persen]", f"4: field 'tags': warning: 'inflasi 2', '5' and '7 persen' are 3 tags: "
                                     f"{DECIMAL} ('inflasi 2,5,7 persen'), put it in double quotes: "
                                     "tags: [\"inflasi 2,5,7 persen\"]",
     'tags: ["inflasi 2,5,7 persen"]', ("inflasi 2,5,7 persen",)),
])
def test_a_comma_between_digits_in_brackets_is_said(written: str, said: str, fixed: str, tags: tuple[str, ...] | None,
                                                     settings: ArticleSettings) -> None:
    """YAML splits a list in brackets at a decimal comma: 'tags: [Rp 1,5 triliun]' made two tags, 'Rp 1' and
    '5 triliun', without a word."""
    text = "---\ntitle: x\ndate: 2025-01-01\n{}\n---\nx\n"
    assert f"content/a.md:{said}" in messages(text.format(written).encode(), settings)
    article, problems = parse_article("content/a.md", text.format(fixed).encode(), settings)
    if tags:
        assert problems == () and article is not None and article.tags == tags
    else:
        assert [p.message for p in problems] == ["item 4 is 2024; every item must be text (put numbers and yes/no in "
                                                 "quotes)"]


@pytest.mark.parametrize("written, said, followed, meant", [
    ('title: x\ntags: #a"b', "4: field 'tags': '#a\"b' starts a YAML comment, so tags is empty; put the name in double "
                             "quotes, in brackets: tags: [\"#a\\\"b\"]", 'title: x\ntags: ["#a\\"b"]', ("tags", ('#a"b',))),
    ('title: x\ntags:\n  - a\n  - #Tik"Tok', "6: field 'tags': item 2 is empty: '#Tik\"Tok' after '- ' is a YAML "
                                             "comment; put it in double quotes: - \"#Tik\\\"Tok\"",
     'title: x\ntags:\n  - a\n  - "#Tik\\"Tok"', ("tags", ("a", '#Tik"Tok'))),
    ("title: x\ntags:\n  - a\n  -O'Reilly", "6: \"-O'Reilly\" needs a space after '-' to be an item of the list "
                                           "above: write \"  - O'Reilly\"",
     "title: x\ntags:\n  - a\n  - O'Reilly", ("tags", ("a", "O'Reilly"))),
    ("title: x\ntags:\n  - a\n  -@openai  # akun", "6: '-@openai  # akun' needs a space after '-' to be an item of the "
                                                  "list above: write '  - \"@openai\"  # akun'",
     'title: x\ntags:\n  - a\n  - "@openai"  # akun', ("tags", ("a", "@openai"))),
    ("title: x\ntags:\n  - a\n  O'Reilly", "6: \"O'Reilly\" has no '-' before it to be an item of the list above: "
                                          "write \"  - O'Reilly\"",
     "title: x\ntags:\n  - a\n  - O'Reilly", ("tags", ("a", "O'Reilly"))),
    ('title: #1 "terbaik"', "3: field 'title': '#' starts a YAML comment, so the value is empty; put it in quotes: "
                            "title: \"#1 \\\"terbaik\\\"\"", 'title: "#1 \\"terbaik\\""', ("title", '#1 "terbaik"')),
    ('title: Kabar #1 "terbaik"', "3: field 'title': warning: '#1 \"terbaik\"' after it is a YAML comment, so it is not "
                                  "part of the title; if it is, put the whole value in double quotes: title: "
                                  "\"Kabar #1 \\\"terbaik\\\"\"", 'title: "Kabar #1 \\"terbaik\\""',
     ("title", 'Kabar #1 "terbaik"')),
    ('title: 2026 # "tahun"', "3: field 'title': must be text; YAML read '2026' as a number; put it in quotes: "
                              "title: \"2026\"", 'title: "2026" # "tahun"', ("title", "2026")),
    ("title: x\ntags:\n  - O'Reilly, Media", "5: field 'tags': warning: \"O'Reilly, Media\" is one tag: a comma inside "
                                           "an item does not split it; if they are 2 tags, write \"- O'Reilly\" and "
                                           "'- Media' on lines of their own",
     "title: x\ntags:\n- O'Reilly\n- Media", ("tags", ("O'Reilly", "Media"))),
    ('title: x\ntags: [a,\n  #b"c, d]', "5: field 'tags': '#b\"c' starts a YAML comment, so it is left out of the list "
                                        "with the rest of its line; put a name that starts with '#' in double quotes: "
                                        "\"#b\\\"c\", d]", 'title: x\ntags: [a,\n  "#b\\"c", d]', ("tags", ("a", '#b"c', "d"))),
])
def test_advice_that_quotes_a_name_with_a_quote_in_it_reads_when_followed(
        written: str, said: str, followed: str, meant: tuple[str, Any], settings: ArticleSettings) -> None:
    """A name holding a quote mark was put in quotes as it was ('tags: ["#a"b"]', 'title: "#1 "terbaik""', which
    YAML cannot read), and an item's line to write was shown in single quotes around an apostrophe ('  - O'Reilly')."""
    text = "---\ndate: 2025-01-01\n{}\n---\nx\n"
    assert messages(text.format(written).encode(), settings) == [f"content/a.md:{said}"]
    article, problems = parse_article("content/a.md", text.format(followed).encode(), settings)
    assert problems == () and article is not None and getattr(article, meant[0]) == meant[1]


@pytest.mark.parametrize("written, said, followed, meant", [
    ("title: #AI # cek", "3: field 'title': '#' starts a YAML comment, so the value is empty; put it in quotes: "
                         "title: \"#AI\" # cek", 'title: "#AI" # cek', ("title", "#AI")),
    ("title: x\ntags: #AI # cek", "4: field 'tags': '#AI' starts a YAML comment, so tags is empty; put the name in "
                                 "double quotes, in brackets: tags: [\"#AI\"] # cek",
     'title: x\ntags: ["#AI"] # cek', ("tags", ("#AI",))),
    ("title: x\ntags:\n  - #AI # cek", "5: field 'tags': item 1 is empty: '#AI' after '- ' is a YAML comment; put it "
                                      "in double quotes: - \"#AI\" # cek",
     'title: x\ntags:\n  - "#AI" # cek', ("tags", ("#AI",))),
    ("title: 'it's' # n", "3: field 'title': has a ' inside single quotes; write it as title: \"it's\" # n",
     "title: \"it's\" # n", ("title", "it's")),
    ("title: *x # n", "3: field 'title': '*x' is a YAML alias, of an anchor '&x' that is not above it; aliases are not "
                      "allowed: write the value out, or, if it is text, put it in double quotes: title: \"*x\" # n",
     'title: "*x" # n', ("title", "*x")),
    ("title: *x", "3: field 'title': '*x' is a YAML alias, of an anchor '&x' that is not above it; aliases are not "
                  "allowed: write the value out, or, if it is text, put it in double quotes: title: \"*x\"",
     'title: "*x"', ("title", "*x")),
    ("title: x\ntags:\n  - @openai # cek", "5: field 'tags': '@openai' starts with '@', which cannot start a name in "
                                          "YAML; put it in double quotes: - \"@openai\" # cek",
     'title: x\ntags:\n  - "@openai" # cek', ("tags", ("@openai",))),
    ("title: x\ntags:\n  - >AI # cek", "5: field 'tags': '>AI' starts with '>', which cannot start a name in YAML; put "
                                      "it in double quotes: - \">AI\" # cek",
     'title: x\ntags:\n  - ">AI" # cek', ("tags", (">AI",))),
    ('title: x\ntags:\n  - "a" b # cek', "5: field 'tags': '\"a\" b' has double quotes inside double quotes; write it "
                                        "as - '\"a\" b' # cek",
     "title: x\ntags:\n  - '\"a\" b' # cek", ("tags", ('"a" b',))),
])
@pytest.mark.parametrize("parser", ["build's", "pure Python"])
def test_advice_keeps_the_note_after_a_value_a_note(written: str, said: str, followed: str, meant: tuple[str, Any],
                                                    parser: str, settings: ArticleSettings,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """An attacker followed the advice literally: 'title: #AI # cek' was told 'title: "#AI # cek"' and "title:
    'it's' # n" 'title: "it's' # n"', so the note became part of the title; '- @openai # cek' and '- >AI # cek' lost
    their note; 'title: *x # n' was also told its value was empty, and '- "a" b # cek' got the parser's words, other
    ones without libyaml. The note stays a note after the line to write, and that line reads as meant."""
    from generator.load import frontmatter
    if parser == "pure Python":
        monkeypatch.setattr(frontmatter, "_Loader", frontmatter._loader_of(frontmatter._PureParser))
        monkeypatch.setattr(frontmatter, "_SafeLoader", frontmatter._ScanLoader)
    text = "---\ndate: 2025-01-01\n{}\n---\nx\n"
    assert messages(text.format(written).encode(), settings) == [f"content/a.md:{said}"]
    assert said.endswith(followed.split("\n")[-1].lstrip(" "))  # the line to write, as the message shows it
    article, problems = parse_article("content/a.md", text.format(followed).encode(), settings)
    assert problems == () and article is not None and getattr(article, meant[0]) == meant[1]


@pytest.mark.parametrize("written, said, followed, tags", [
    ('[a, "b, @c]', "the double quote before 'b' is never closed, and '@c' must be in double quotes too; write "
                    'tags: [a, "b", "@c"]', '[a, "b", "@c"]', ("a", "b", "@c")),
    ('["AI, @openai, data]', "the double quote before 'AI' is never closed, and '@openai' must be in double quotes "
                             'too; write tags: ["AI", "@openai", data]', '["AI", "@openai", data]',
     ("AI", "@openai", "data")),
    ('[@a, "b, c]  # n', "the double quote before 'b' is never closed, and '@a' must be in double quotes too; write "
                         'tags: ["@a", "b", c]  # n', '["@a", "b", c]  # n', ("@a", "b", "c")),
    ("[a, 'b, @c]", "the single quote before 'b' is never closed, and '@c' must be in double quotes too; write "
                    "tags: [a, 'b', \"@c\"]", "[a, 'b', \"@c\"]", ("a", "b", "@c")),
])
def test_a_quote_never_closed_in_a_list_is_advised_with_the_names_that_need_quotes(
        written: str, said: str, followed: str, tags: tuple[str, ...], settings: ArticleSettings) -> None:
    """'tags: [a, "b, @c]' was told 'write tags: [a, "b", @c]', which the next run refused again for '@c': the line
    to write quotes every name that needs it, and reads."""
    text = "---\ntitle: x\ndate: 2025-01-01\ntags: {}\n---\nx\n"
    assert messages(text.format(written).encode(), settings) == [f"content/a.md:4: field 'tags': {said}"]
    article, problems = parse_article("content/a.md", text.format(followed).encode(), settings)
    assert problems == () and article is not None and article.tags == tags


@pytest.mark.parametrize("written, fixed, tags", [
    ("tags [a,\n  b: c", 'tags: [a, "b: c"]', ("a", "b: c")),  # was 'write tags: [a,]', and 'b: c' to the left
    ("tags [a, # catatan\n  b, c", "tags: [a, b, c]", ("a", "b", "c")),  # was 'write tags: [a, # catatan, b, c]'
])
def test_a_list_without_its_colon_and_never_closed_keeps_the_lines_below(written: str, fixed: str,
                                                                           tags: tuple[str, ...],
                                                                           settings: ArticleSettings) -> None:
    """'tags [a,' above '  b: c' was told 'write tags: [a,]' and to start 'b: c' at the beginning of the line, which,
    followed, made an unknown field 'b'; a note after the list's first items was kept inside it."""
    text = "---\ntitle: x\ndate: 2025-01-01\n{}\n---\nx\n"
    assert messages(text.format(written).encode(), settings) == [
        "content/a.md:4: field 'tags': has no ':' after the key, and its list is never closed; write it on one line, "
        f"in place of lines 4 to 5: {fixed}"]
    article, problems = parse_article("content/a.md", text.format(fixed + "\n").encode(), settings)
    assert problems == () and article is not None and article.tags == tags


ALIAS = "is a YAML alias, of an anchor '&{}' that is not above it; aliases are not allowed: "


@pytest.mark.parametrize("written, said, followed, meant", [
    ("summary: *a b", "4: field 'summary': '*a' " + ALIAS.format("a") + "write the value out, or, if it is text, put "
                      "it in double quotes: summary: \"*a b\"", 'summary: "*a b"', ("summary", "*a b")),
    ("tags: [*b, data]", "4: field 'tags': '*b' " + ALIAS.format("b") + "write the names out, like tags: [a, b]; a name "
                         "that starts with '*' goes in double quotes: tags: [\"*b\", data]", 'tags: ["*b", data]',
     ("tags", ("*b", "data"))),
    ("tags: [*b, data, *c]", "4: field 'tags': '*c' " + ALIAS.format("c") + "write the names out, like tags: [a, b]; "
                             "a name that starts with '*' goes in double quotes: tags: [\"*b\", data, \"*c\"]",
     'tags: ["*b", data, "*c"]', ("tags", ("*b", "data", "*c"))),  # not '[~, data, "*c"]': the '~' the first was read as
    ("tags:\n  - data\n  - *b", "6: field 'tags': '*b' " + ALIAS.format("b") + "write the names out, like tags: [a, b]; "
                                "a name that starts with '*' goes in double quotes: - \"*b\"",
     'tags:\n  - data\n  - "*b"', ("tags", ("data", "*b"))),
])
def test_an_alias_s_advice_keeps_the_value_it_is_in(written: str, said: str, followed: str, meant: tuple[str, Any],
                                                     settings: ArticleSettings) -> None:
    """'summary: *a b' was told 'summary: "*a"', and 'tags: [*b, data]' 'tags: ["*b"]': followed, the rest of the
    value was gone; '  - *b' was told a line with 'tags:' for it; the second of two aliases on a line was told the
    '~' the first was read as. (An alias in a list is read past as an empty item, which is said too.)"""
    text = "---\ntitle: x\ndate: 2025-01-01\n{}\n---\nx\n"
    assert f"content/a.md:{said}" in messages(text.format(written).encode(), settings)
    article, problems = parse_article("content/a.md", text.format(followed).encode(), settings)
    assert problems == () and article is not None and getattr(article, meant[0]) == meant[1]


def test_an_unknown_company_is_said_at_its_own_items_line(settings: ArticleSettings) -> None:
    """It was said at the line of the item at its place among the names: after a repeated name, the line above."""
    assert messages(b"---\ntitle: x\ndate: 2025-01-01\ncompanies:\n  - Meta\n  - meta\n  - Zzz Corp\n---\nx\n",
                    settings) == [
        "content/a.md:7: field 'companies': warning: 'Zzz Corp' is not in content/companies.yaml; add it there to give "
        "its page a name, link and description"]



def test_an_item_over_lines_gets_no_did_you_mean_one_of_its_names(settings: ArticleSettings) -> None:
    """'[Meta' over '  Facebok]' was told "did you mean 'Meta'?" beside the warning that it runs over 2 lines:
    following the first lost the other name."""
    assert messages(b"---\ntitle: x\ndate: 2025-01-01\ncompanies: [Meta\n  Facebok]\n---\nx\n", settings) == [
        "content/a.md:4: field 'companies': warning: item 1 'Meta Facebok' runs over 2 lines with no comma between "
        "them, which YAML reads as one company; if they are 2 companies, put a comma at the end of the line: "
        "companies: [Meta, Facebok]"]


def test_a_closing_quote_never_opened_in_an_item_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'[investasi, robotik", data]' built /tags/robotik/ titled 'robotik"' without a word. A quote opened and
    closed, or an apostrophe inside a name (Jum'at), is the name as written."""
    from conftest import article, make_project
    from generator.commands.cli import main
    make_project(tmp_path, {
        "2025/06/a.md": article(tags="[investasi, robotik\", data]"),
        "2025/06/b.md": article(tags="\n  - Jum'at\n  - 'kata \"kunci\"'\n  - AI'")})
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "content/2025/06/a.md:4: field 'tags': warning: item 2 'robotik\"' ends with a quote that was never opened, "
        "which makes it part of the tag; write robotik",
        "content/2025/06/b.md:7: field 'tags': warning: item 3 \"AI'\" ends with a quote that was never opened, "
        "which makes it part of the tag; write AI"]
    assert (tmp_path / "site/tags/robotik/index.html").exists()  # a warning: the build goes on


def test_inch_marks_and_a_possessive_apostrophe_are_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'[investasi, Jobs', layar 12", tinggi 5'10", data]' was told three times of a quote never opened, and to
    write 'Jobs' and 'layar 12'. A quote after a digit (inches, feet) and an apostrophe after an s (a possessive)
    are the name; one right after another letter is still said."""
    from conftest import article, make_project
    from generator.commands.cli import main
    make_project(tmp_path, {"2025/06/a.md": article(tags="[investasi, Jobs', layar 12\", tinggi 5'10\", data, "
                                                         "rak 6', robotik\"]")})
    assert main(["check", "--config", str(tmp_path / "config.yaml")]) == 0
    out, err = capsys.readouterr()
    assert [line for line in (out + err).splitlines() if "quote" in line] == [
        "content/2025/06/a.md:4: field 'tags': warning: item 7 'robotik\"' ends with a quote that was never opened, "
        "which makes it part of the tag; write robotik"]


def test_an_alias_alone_on_a_line_of_front_matter_is_said_once(settings: ArticleSettings) -> None:
    """Beside the alias's message, '*a' on the first line was told "'~' has no ':'", a line the editor never wrote."""
    assert messages(b"---\n*a\ntitle: x\ndate: 2025-01-01\n---\nx\n", settings) == [
        "content/a.md:2: '*a' is a YAML alias at the start of its line; aliases are not allowed: write the value out, "
        "with its key, or delete the line"]


@pytest.mark.parametrize("written, said, followed", [
    ("tags {a,\n  b}", "has no ':' after the key, and it starts with '{', which YAML reads as a mapping; write it on one "
                       "line in brackets, in place of lines 4 to 5: tags: [a, b]", "tags: [a, b]\n"),
    ("tags {a, b}", "has no ':' after the key, and it starts with '{', which YAML reads as a mapping; write the list in "
                    "brackets: tags: [a, b]", "tags: [a, b]"),
])
def test_a_list_in_braces_without_its_colon_is_advised_in_brackets(written: str, said: str, followed: str,
                                                                   settings: ArticleSettings) -> None:
    """'tags {a,' above '  b}' was told 'write tags: {a,', and 'tags {a, b}' 'tags: "{a, b}"': followed, each was
    "must be a list"."""
    text = "---\ntitle: x\ndate: 2025-01-01\n{}\n---\nx\n"
    assert messages(text.format(written).encode(), settings) == [f"content/a.md:4: field 'tags': {said}"]
    article, problems = parse_article("content/a.md", text.format(followed).encode(), settings)
    assert problems == () and article is not None and article.tags == ("a", "b")


def test_a_slip_on_an_unknown_field_says_both(settings: ArticleSettings) -> None:
    """'sectoin: [' was told only to quote the '['; followed, the next run said the field is unknown."""
    assert messages(b"---\ntitle: x\ndate: 2025-01-01\nsectoin: [\n---\nx\n", settings) == [
        "content/a.md:4: field 'sectoin': starts with '[', which YAML reads as a list; put the whole value in double "
        "quotes: sectoin: \"[\"",
        "content/a.md:4: field 'sectoin': warning: unknown field, ignored; did you mean 'section'?"]


def test_a_list_opened_alone_above_its_items_and_fields_is_said_at_its_line(settings: ArticleSettings) -> None:
    """'tags: [' above '  a,' '  b' and 'summary: x' was "YAML syntax error: did not find expected ',' or ']'"
    at the summary's line; followed, the advice is the list meant."""
    text = "---\ntitle: x\ndate: 2025-01-01\n{}\nsummary: x\n---\nx\n"
    assert messages(text.format("tags: [\n  a,\n  b").encode(), settings) == [
        "content/a.md:4: field 'tags': starts a list with '[' that is never closed; write it on one line, in place of "
        "lines 4 to 6: tags: [a, b]"]
    article, problems = parse_article("content/a.md", text.format("tags: [a, b]\n\n").encode(), settings)
    assert problems == () and article is not None and article.tags == ("a", "b")


def test_a_summary_of_chinese_or_japanese_text_is_cut_near_the_limit(settings: ArticleSettings) -> None:
    """Text with no spaces between words was cut at its first space: '米OpenAI…', 8 characters of a long
    paragraph. It is cut after the last '。' in the second half of the limit, else at a character."""
    sentence = "同社によると、このモデルは従来のものより高速で、多くの言語に対応している。"  # 37 characters
    body = "米OpenAI は13日、新しい言語モデルを発表した。" + sentence * 8
    article, _ = parse_article("content/a.md", f"---\ntitle: x\ndate: 2025-01-01\n---\n{body}\n".encode(), settings)
    assert article is not None
    assert article.summary == "米OpenAI は13日、新しい言語モデルを発表した。" + sentence * 3 + sentence[:-1] + "…"
    article, _ = parse_article("content/a.md", ("---\ntitle: x\ndate: 2025-01-01\n---\n" + "人工智能" * 60 + "\n").encode(),
                               settings)
    assert article is not None and article.summary == "人工智能" * 50 + "…"


THAI = ("บริษัทเทคโนโลยีรายใหญ่ของประเทศไทยประกาศความร่วมมือกับผู้ให้บริการคลาวด์ระดับโลกเพื่อพัฒนาปัญญาประดิษฐ์ภาษาไทย"
        "สำหรับธุรกิจขนาดกลางและขนาดย่อมโดยคาดว่าจะเริ่มให้บริการภายในปีหน้าและจะขยายไปยังประเทศเพื่อนบ้านในภูมิภาค"
        "เอเชียตะวันออกเฉียงใต้ในอีกสองปีข้างหน้า")
"""A Thai phrase of 256 characters: Thai writes a sentence's words without spaces; its spaces end phrases."""
THAI_NEWS = ("กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคมเปิดเผยว่ารัฐบาลเตรียมออกกฎหมายควบคุมการใช้งานปัญญาประดิษฐ์ในหน่วยงาน"
             "ราชการและภาคเอกชนโดยมีเป้าหมายเพื่อคุ้มครองข้อมูลส่วนบุคคลของประชาชนทั่วประเทศซึ่งจะเริ่ม")
"""An attacker's Thai paragraph up to its 193rd character, where a word begins."""


@pytest.mark.parametrize("body, summary", [
    (THAI + " ผู้บริหารระบุว่าโครงการนี้จะช่วยลดต้นทุน", THAI[:197] + "…"),  # not 'ประเทศเพื…', its tone mark cut off
    ("ข่าว " + THAI, "ข่าว " + THAI[:194] + "…"),  # not 'ข่าว…', the first phrase alone
    (THAI[:120] + " " + THAI[120:], THAI[:120] + "…"),  # at a phrase's end in the limit's second half
    ("ก" * 198 + "เก้า", "ก" * 198 + "…"),  # never 'เ' alone, before its consonant
    ("ก" * 199 + "ขา" + "ก" * 10, "ก" * 199 + "…"),  # never before the vowel that ends a syllable
    # never where no rule proves a syllable's end: not 'รุ่นให…' for 'รุ่นใหม่', 'ในประเท…', 'ในไท…'
    (THAI_NEWS + "รุ่นใหม่ของบริษัท", THAI_NEWS + "รุ่น…"),
    (THAI_NEWS + "ในประเทศไทยในปีนี้", THAI_NEWS + "ในประ…"),
    (THAI_NEWS + "ว่าในไทยและต่างประเทศ", THAI_NEWS + "ว่าใน…"),
])
def test_a_summary_of_thai_text_is_cut_between_syllables_or_at_a_phrase(settings: ArticleSettings, body: str,
                                                                        summary: str) -> None:
    """A reader's report: a Thai article's summary, cut at 200 characters as if Thai were Chinese, ended inside a
    letter, 'ประเทศเพื…' where the text says 'ประเทศเพื่อนบ้าน': the tone mark of 'พื่' was cut off, and the last
    syllable read as another. A Thai summary is cut at a phrase's end (a space) in the limit's second half, else near
    the limit between two syllables' letters: never inside a letter and its marks, after a vowel written before its
    consonant, or before a vowel that ends the syllable. An attacker's report: 'ใหม่' was still cut to 'ให', as its
    'ห' could end a syllable; only a place a rule proves a syllable's end is taken (before 'เ', 'แ', 'โ', 'ใ' or 'ไ',
    after 'ะ', 'ำ' or 'ๆ'), a shorter summary rather than a wrong word."""
    article, _ = parse_article("content/a.md", f"---\ntitle: x\ndate: 2025-01-01\n---\n{body}\n".encode(), settings)
    assert article is not None and article.summary == summary


def test_reading_time_of_thai_follows_its_words(tmp_path: Path) -> None:
    """Thai puts no spaces between words, but its vowel and tone marks (not letters to ``\\w``) split its runs of
    letters about once a word: a long Thai article, 2,667 words segmented by hand, counts 2,612 and reads 14 minutes,
    as its words do at 200 a minute. Marks counted as letters would make each phrase one word: '2 min read'."""
    from conftest import CONFIG, article, build_project, make_project
    first = THAI + " ผู้บริหารระบุว่าโครงการนี้จะช่วยลดต้นทุนของผู้ประกอบการได้มาก"  # 67 words
    other = ("นักวิเคราะห์มองว่าการลงทุนครั้งนี้สะท้อนความต้องการใช้งานระบบประมวลผลภาษาธรรมชาติที่เพิ่มขึ้นอย่างรวดเร็ว "
             "โดยเฉพาะในภาคการเงิน การค้าปลีก และการท่องเที่ยว ซึ่งต้องรองรับลูกค้าจำนวนมากในเวลาเดียวกัน "
             "ขณะที่หน่วยงานกำกับดูแลกำลังพิจารณาแนวทางคุ้มครองข้อมูลส่วนบุคคลให้สอดคล้องกับเทคโนโลยีใหม่ "
             "รัฐบาลยังตั้งเป้าให้ประเทศไทยเป็นศูนย์กลางดิจิทัลของภูมิภาคภายในปี ๒๕๗๐")  # 65 words
    make_project(tmp_path, {"2025/07/a.md": article(title="A", date="2025-07-01",
                                                    body="\n\n".join([first] + [other] * 40))},
                 config=CONFIG + "language: en\n")
    page = build_project(tmp_path).output.files["2025/07/a/index.html"].decode()
    assert " · 14 min read" in page


def test_date_advice_follows_the_sites_language_and_zone(tmp_path: Path) -> None:
    """On an English site in London the advice said '2025-06-13T09:00:00+07:00 … 13 Juni 2025 09.00 WIB', which,
    followed, is 03:00 there; 'June 13, 2025 9:05 PM', as English pages print a date, was not read."""
    from conftest import CONFIG, article, build_project, make_project
    from generator.core.errors import BuildError
    config = CONFIG + "language: en\ntimezone: Europe/London\n"
    make_project(tmp_path, {"2025/06/a.md": article(title="A", date="June 13, 2025 9:05 PX"),
                            "2025/06/b.md": article(title="B", date="June 13, 2025 9:05 PM"),
                            "2025/06/c.md": article(title="C", date="13 June 2025 12:30 a.m."),
                            "2025/06/d.md": article(title="D", date="June 13, 2025 13:05 PM"),
                            "2025/06/e.md": article(title="E", date="13 June 2025 GMT")}, config=config)
    with pytest.raises(BuildError) as e:
        build_project(tmp_path)
    forms = ("write YYYY-MM-DD or an ISO 8601 date-time such as 2025-06-13T09:00:00+01:00, or the date as the news "
             "page prints it: June 13, 2025 9:00 AM")
    assert [str(p) for p in e.value.problems] == [
        f"content/2025/06/a.md:3: field 'date': 'June 13, 2025 9:05 PX' is not a valid date; {forms}",
        f"content/2025/06/d.md:3: field 'date': 'June 13, 2025 13:05 PM' has the hour 13 PM; an hour before AM or PM "
        f"is 1 to 12; {forms}",
        "content/2025/06/e.md:3: field 'date': '13 June 2025 GMT' has a time zone but no time; write the time before "
        f"it, such as 13 June 2025 09:00 GMT; {forms}"]
    for name in "ade":
        (tmp_path / f"content/2025/06/{name}.md").unlink()
    (tmp_path / "content/2025/06/f.md").write_text(article(title="F", date="June 13, 2025 9:00 AM"))  # as advised
    page = build_project(tmp_path).output.files["2025/06/f/index.html"].decode()
    assert '<time datetime="2025-06-13T09:00:00+01:00"' in page


@pytest.mark.parametrize("after", ["\n第二段。\n", "\n<!--more-->\n\n第二段。\n"])
def test_a_chinese_summary_written_over_lines_has_no_space_where_they_ended(tmp_path: Path, after: str) -> None:
    """An attacker's report: a Chinese article without 'summary:' read '…新的模型， 该模型…' in its meta and
    og:description, the feeds, the lists and the weekly email.txt: each line's end became a space, which Chinese
    and Japanese never put between words. The summary joins lines as ``core.wrap.collapse`` does."""
    lines = "人工智能公司今天发布了新的模型，\n该模型在多项测试中表现出色，\n研究人员表示这是一个重要的进步。\n"
    root = make_project(tmp_path, {"2025/06/zh.md": article(title="中文", body=lines + after)})
    files = {p: d.decode() for p, d in build_project(root).output.files.items()
             if p.endswith((".html", ".json", ".txt"))}
    said = "人工智能公司今天发布了新的模型，该模型在多项测试中表现出色，研究人员表示这是一个重要的进步。"
    page = files["2025/06/zh/index.html"]
    assert f'<meta name="description" content="{said}">' in page
    assert f'<meta property="og:description" content="{said}">' in page
    assert json.loads(files["feed.json"])["items"][0]["summary"] == said
    assert f'<p class="summary" dir="auto">{said}</p>' in files["index.html"]
    email = files["weekly/2025-W24/email.txt"]
    assert "新的模型，该模型" in email and "新的模型， 该模型" not in email


@pytest.mark.parametrize("body", ["Harga<br>baru naik.\n\n<!--more-->\n\nSisanya.\n",
                                  "Harga<br>baru naik.<!--more--> Lagi.\n", "Harga<br/>baru naik.\n\nSisanya.\n"])
def test_a_br_in_the_summary_is_a_space(tmp_path: Path, body: str) -> None:
    """'Harga<br>baru' read 'Hargabaru' in the summary (feeds, lists, og:description), with or without
    ``<!--more-->``: the raw ``<br>`` was dropped with no space, where the page shows a line break. It is a space, as
    in a heading's table-of-contents entry, on both engines."""
    from generator.load.markdown import render_reference
    root = make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    files = build_project(root).output.files
    assert json.loads(files["feed.json"])["items"][0]["summary"] == "Harga baru naik."
    assert '<meta property="og:description" content="Harga baru naik.">' in files["2025/06/a/index.html"].decode()
    assert render_reference(body).summary in (None, "Harga baru naik.")


def test_a_body_that_opens_with_a_video_is_described_by_its_first_text(tmp_path: Path) -> None:
    """The page's meta and og:description and the feed said 'Browser Anda tidak mendukung pemutar video.', the
    text a browser shows only when it cannot play the video; without other text, the summary is empty, not it."""
    video = '<video src="/media/a.mp4" poster="/media/p.jpg">Browser Anda tidak mendukung pemutar video.</video>\n\n'
    root = make_project(tmp_path, {"2025/06/a.md": article(body=video + "Presiden meresmikan pusat data baru.\n"),
                                   "2025/06/b.md": article(title="Lain", body=video)})
    files = {p: d.decode() for p, d in build_project(root).output.files.items() if p.endswith((".html", ".json"))}
    page = files["2025/06/a/index.html"]
    assert '<meta name="description" content="Presiden meresmikan pusat data baru.">' in page
    assert '<meta property="og:description" content="Presiden meresmikan pusat data baru.">' in page
    assert "mendukung" not in files["2025/06/b/index.html"].split("<body")[0]
    assert [item.get("summary") for item in json.loads(files["feed.json"])["items"]] == [
        "Presiden meresmikan pusat data baru.", None]


@pytest.mark.parametrize("body, html, warning", [
    ('Teks <b id="penting">penting. Satu[^1].\n\nParagraf dua.\n\n## Judul\n\n[^1]: Catatan.\n',
     '<p>Teks <b id="penting">penting. Satu<sup class="footnote-ref"><a href="#fn1" id="fnref1" role="doc-noteref" '
     'aria-label="Catatan kaki 1">[1]</a></sup>.</b></p>\n<p>Paragraf dua.</p>', "5: <b> is never closed, so it was "
     "closed where its paragraph ends (left open, it took in the rest of the article); write </b> where it should end"),
    ('Lihat <a href="https://x.org">tautan[^1].\n\nDua.\n\n[^1]: Catatan.\n',
     '<p>Lihat <a href="https://x.org" rel="noopener">tautan</a><sup class="footnote-ref"><a href="#fn1" ',
     "5: <a> is never closed, so it was closed where its paragraph ends"),
    ('Dua\n\n<details><summary>Ringkas</summary>\n\nIsi.\n',
     '<p>Dua</p>\n<details><summary>Ringkas</summary></details>\n<p>Isi.</p>',
     "7: <details> is never closed, so it was closed where its block ends"),
])
def test_a_raw_tag_left_open_is_closed_with_its_paragraph_or_block(tmp_path: Path, body: str, html: str,
                                                                  warning: str) -> None:
    """An unclosed raw <b> made the rest of the article bold (nh3's parser reopens it in every block, its id copied),
    an unclosed <a> took the footnote mark out of its <sup>, an unclosed <details> hid the rest of the article; each
    is closed at the end of its paragraph or block, with a warning at its line."""
    make_project(tmp_path, {"2025/07/a.md": article(title="A", date="2025-07-01", body=body)})
    result = build_project(tmp_path)
    page = result.output.files["2025/07/a/index.html"].decode()
    assert html in page
    assert page.count('id="penting"') <= 1
    said = [f"{w.path}:{w.line}: {w.message}" for w in result.warnings if "never closed" in w.message]
    assert len(said) == 1 and said[0].startswith("content/2025/07/a.md:" + warning), said


def test_a_tag_written_in_a_textarea_or_noscript_is_text_and_no_unclosed_tag(tmp_path: Path) -> None:
    """The content of a <textarea> (RCDATA) or a <noscript> (raw text, as browsers with scripts on and nh3 read it) is
    text to its end tag, and the sanitiser removes it all; but '<i>' in `Isi <textarea><i>miring</textarea> ya.` was
    warned "<i> is never closed", in a paragraph or a block. A tag after the end tag still is one, and nothing inside
    can run: a '</noscript>' in a title ends the element there, as in browsers, and the tag after it loses its
    handler."""
    body = ("Isi <textarea><i>miring</textarea> ya.\n\nLagi <noscript><em>tanpa skrip</noscript> ya.\n\n"
            "<noscript>\nAktifkan <b>JavaScript\n</noscript>\n\n<textarea>\nTulis <b>di sini\n</textarea>\n\n"
            "Akhir <textarea>x</textarea> <b>tebal ya.\n\n"
            '<noscript><p title="</noscript><img src=https://x.org/a.png onerror=alert(1)>">Z</p></noscript>\n\n'
            "Penutup <textarea><div>x</textarea> ya.\n")
    page, said = page_and_warnings(tmp_path, body, "<")
    assert "<p>Isi  ya.</p>\n<p>Lagi  ya.</p>\n" in page and "<p>Akhir  <b>tebal ya.</b></p>" in page
    assert "onerror" not in page and "alert" not in page
    assert [line for line in said if "never closed" in line] == ["content/2025/07/a.md:17: <b> is never closed, so it was closed where its paragraph ends (left "
                    "open, it took in the rest of the article); write </b> where it should end"]


def test_a_heading_or_note_mark_removed_with_a_noscript_is_left_out_of_the_contents_and_notes(tmp_path: Path) -> None:
    """A heading or footnote mark inside a removed <noscript> or <template> stayed in the table of contents and as the
    note's back-link, links to nothing (`digest check --links` reported #yin-cang); they are left out, and the
    removal warning says so."""
    body = ("## Satu\n\n<noscript>\n\n## Yin cang\n\nTeks[^1].\n\n</noscript>\n\n<template>\n\n## Templat\n\n"
            "</template>\n\nLagi[^2].\n\n[^1]: Satu.\n[^2]: Dua.\n")
    make_project(tmp_path, {"2025/07/a.md": article(title="A", date="2025-07-01", body=body, toc="true")})
    result = build_project(tmp_path)
    page = result.output.files["2025/07/a/index.html"].decode()
    assert '<a href="#satu">Satu</a>' in page and "#yin-cang" not in page and "#templat" not in page
    assert 'href="#fnref1"' not in page and '<li id="fn1" class="footnote-item"><p>Satu.</p>' in page
    assert 'href="#fnref2"' in page
    said = [f"{w.path}:{w.line}: {w.message}" for w in result.warnings if "removed with everything" in w.message]
    assert said == ["content/2025/07/a.md:8: <noscript> removed with everything inside (heading 'Yin cang', note 1's "
                    "back-link left out too: it linked into it): a digest's pages and feeds keep no embeds, scripts, "
                    "styles, form fields or inline SVG; link to what it shows instead",
                    "content/2025/07/a.md:16: <template> removed with everything inside (heading 'Templat' left out "
                    "too: it linked into it): a digest's pages and feeds keep no embeds, scripts, styles, form fields "
                    "or inline SVG; link to what it shows instead"]


def test_each_heading_removed_with_a_template_is_told_at_the_line_of_the_element_that_held_it(tmp_path: Path) -> None:
    """Two <template> elements each holding a heading: both headings were named in the warning at the first one's
    line, and the second's warning named none; each is told at the line of the element it was in."""
    body = ("Awal.\n\n<template>\n\n## Judul satu\n\n</template>\n\nTengah.\n\n<template>\n\n## Judul dua\n\n"
            "</template>\n\nAkhir.\n")
    make_project(tmp_path, {"2025/07/a.md": article(title="A", date="2025-07-01", body=body)})
    result = build_project(tmp_path)
    said = [f"{w.path}:{w.line}: {w.message.split(':')[0]}" for w in result.warnings if "removed with" in w.message]
    assert said == ["content/2025/07/a.md:7: <template> removed with everything inside (heading 'Judul satu' left out "
                    "too", "content/2025/07/a.md:15: <template> removed with everything inside (heading 'Judul dua' "
                    "left out too"]


def test_raw_ids_and_player_attributes_with_invalid_values_are_removed_with_a_warning(tmp_path: Path) -> None:
    """A repeated raw id, id="", an id with a space, a video's width="100%", preload="maybe", a source's type="" or
    media="bogus((" and a track's label="" were kept without a word (the Nu checker's errors); a source after a track
    was "not allowed here". Each attribute goes, with a warning at its line; sources come before tracks."""
    body = ('Teks <span id="dup">a</span> dan <b id="dup">b</b>, <i id="">c</i>, <em id="a b">d</em>.\n\n'
            '<video width="100%" preload="maybe">\n<track src="/media/a.vtt" kind="captions" srclang="id" label="">\n'
            '<source src="/media/a.mp4" type="">\n<source src="/media/b.webm" type="video/webm" media="bogus((">\n'
            '</video>\n')
    make_project(tmp_path, {"2025/07/a.md": article(title="A", date="2025-07-01", body=body)})
    result = build_project(tmp_path)
    page = result.output.files["2025/07/a/index.html"].decode()
    assert ('<p>Teks <span id="dup">a</span> dan <b>b</b>, <i>c</i>, <em>d</em>.</p>\n<video controls="">\n'
            '<source src="/media/a.mp4">\n<source src="/media/b.webm" type="video/webm">\n'
            '<track src="/media/a.vtt" kind="captions" srclang="id">\n</video>') in page
    said = [f"{w.path}:{w.line}: {w.message}" for w in result.warnings if " removed: " in w.message]
    assert sorted(said) == sorted([
        'content/2025/07/a.md:5: id="dup" of <b> removed: an element above has this id, and a link to #dup goes '
        "there; give this one another name",
        'content/2025/07/a.md:5: id="a b" of <em> removed: an id has no spaces; write id="a-b"',
        'content/2025/07/a.md:5: id="" of <i> removed: an id names the element for links (#name); give it a name, '
        "or delete it",
        'content/2025/07/a.md:7: preload="maybe" of <video> removed: it takes none, metadata or auto '
        '(preload="metadata")',
        'content/2025/07/a.md:7: width="100%" of <video> removed: it takes a whole number of pixels (width="640"); '
        "the page fits the player to the screen anyway",
        'content/2025/07/a.md:8: label="" of <track> removed: a track\'s label is the name readers choose it by; '
        'write one (label="Bahasa Indonesia") or leave it out',
        'content/2025/07/a.md:9: type="" of <source> removed: it takes a media type such as video/mp4, or leave it out',
        'content/2025/07/a.md:10: media="bogus((" of <source> removed: it takes a media query such as '
        "(min-width: 600px), or leave it out"])


def test_a_heading_split_by_a_removed_noscript_leaves_no_anchor_link_to_nothing(tmp_path: Path) -> None:
    """A setext heading whose first line ends inside a <noscript> (opened in the paragraph before, after a <video> never
    closed) lost its <h2> and id with the noscript, but its '#' link stayed, after the rest of its text: a link to an id
    that is not on the page. The link goes with the heading; the removal warning names the heading."""
    body = '<video src="/media/a.mp4">\n\nTeks <noscript>\n\nSatu\n</noscript> dua\n---\n\n## Tiga\n'
    make_project(tmp_path, {"2025/07/a.md": article(title="A", date="2025-07-01", body=body, toc="true")})
    result = build_project(tmp_path)
    page = result.output.files["2025/07/a/index.html"].decode()
    assert '<p>Teks  dua\n</p><h2 id="tiga">Tiga<a class="anchor" href="#tiga"' in page
    ids = set(re.findall(r' id="([^"]*)"', page))
    assert [link for link in re.findall(r'href="#([^"]*)"', page) if link not in ids] == []
    said = [f"{w.path}:{w.line}: {w.message}" for w in result.warnings if "removed with everything" in w.message]
    assert said == ["content/2025/07/a.md:8: <noscript> removed with everything inside (heading 'Satu dua' left out "
                    "too: it linked into it): a digest's pages and feeds keep no embeds, scripts, styles, form fields "
                    "or inline SVG; link to what it shows instead"]


def test_a_text_tag_closed_in_a_later_html_block_is_closed_in_its_own_with_a_warning(tmp_path: Path) -> None:
    """A <b> opened in an HTML block and closed in a later one held the paragraph between (<p> inside <b>, invalid
    HTML, and the page bold to the </b>), without a word. It is closed where its block ends, as one never closed is,
    and the warning names both lines; the later </b> closes nothing. An <a> around paragraphs (a card linked whole)
    is valid HTML, and stays."""
    body = ("Awal.\n\n<b>\n\nParagraf di tengah.\n\n</b>\n\n<div><i>\n\nLagi.\n\nteks</i> akhir\n\n</div>\n\n"
            '<a href="/x/">\n\nKartu.\n\n</a>\n')
    make_project(tmp_path, {"2025/07/a.md": article(title="A", date="2025-07-01", body=body)})
    result = build_project(tmp_path)
    page = result.output.files["2025/07/a/index.html"].decode()
    assert ('<p>Awal.</p>\n<b></b>\n<p>Paragraf di tengah.</p>\n\n<div><i></i>\n<p>Lagi.</p>\n<p>teks akhir</p>\n'
            '</div>\n<a href="/x/">\n<p>Kartu.</p>\n</a>') in page
    said = [f"{w.path}:{w.line}: {w.message}" for w in result.warnings if "closed" in w.message]
    assert said == [
        "content/2025/07/a.md:7: <b> is closed only at line 11, in a later block, and a paragraph or block inside <b> "
        "is invalid HTML, so it was closed where its own block ends; write </b> there, and a <b> in each paragraph "
        "that needs it",
        "content/2025/07/a.md:13: <i> is closed only at line 17, in a later block, and a paragraph or block inside <i> "
        "is invalid HTML, so it was closed where its own block ends; write </i> there, and a <i> in each paragraph "
        "that needs it"]


def test_a_source_in_a_player_with_its_own_src_is_removed_with_a_warning(tmp_path: Path) -> None:
    """<video src="a.mp4"><source src="b.webm"></video> is invalid HTML (the Nu checker: a media element with a src
    has no <source> children), and a browser plays the src, never the source. The source goes, with a warning at its
    line naming the player's; a player whose src the sanitiser removed keeps its sources."""
    body = ('<video src="/media/a.mp4">\n<source src="/media/b.webm" type="video/webm">\n</video>\n\n'
            'Teks <audio src="/media/c.mp3"><source src="/media/d.ogg"></audio>.\n\n'
            '<video src="javascript:x">\n<source src="/media/e.mp4">\n</video>\n')
    page, said = page_and_warnings(tmp_path, body, "<source")
    assert ('<video src="/media/a.mp4" controls="">\n</video>\n<p>Teks <audio src="/media/c.mp3" controls="">'
            '</audio>.</p>\n<video controls="">\n<source src="/media/e.mp4">\n</video>') in page
    assert said == [
        'content/2025/07/a.md:6: <source src="/media/b.webm"> removed: the <video> at line 5 has its own src, which '
        "browsers play instead, and HTML allows no <source> in it; to offer the sources, delete the player's src",
        'content/2025/07/a.md:9: <source src="/media/d.ogg"> removed: the <audio> at line 9 has its own src, which '
        "browsers play instead, and HTML allows no <source> in it; to offer the sources, delete the player's src"]


def test_a_player_written_on_one_line_keeps_its_fallback_paragraph_inside_it(tmp_path: Path) -> None:
    """An editor's report: `<video controls src="/media/a.mp4"><p>Tonton</p></video>` on one line was a Markdown
    paragraph, which the HTML parser ended at the <p>: '<p><video></video></p><p>Tonton</p><p></p>', an empty player
    and its fallback shown (and indexed) after it. A paragraph that is one such player is its own HTML block now, on
    both engines; one inside a line of text cannot be, and is a warning at its line."""
    from generator.load.markdown import render, render_reference
    body = ('<video controls src="/media/a.mp4"><p>Tonton</p></video>\n\n'
            '- <AUDIO controls src="/media/a.mp3"><div>Dengar</div></AUDIO>\n\n'
            'Lihat <video controls src="/media/a.mp4"><p>Tonton</p></video> ini.\n\n'
            '<video controls src="/media/a.mp4">Tonton</video>\n')
    write_files(tmp_path, {"static/media/a.mp4": "x", "static/media/a.mp3": "x"})
    page, said = page_and_warnings(tmp_path, body, "this <")
    assert ('<video src="/media/a.mp4" controls=""><p>Tonton</p></video>\n<ul>\n<li>\n<audio src="/media/a.mp3" '
            'controls=""><div>Dengar</div></audio>\n</li>\n</ul>\n<p>Lihat <video') in page
    assert '<p><video src="/media/a.mp4" controls="">Tonton</video></p>' in page  # no block in it: as before
    assert said == ["content/2025/07/a.md:9: this <video> holds a paragraph or block (its fallback) but is written in "
                    "a line of text, where a block ends the paragraph: the player shows empty and its fallback after "
                    "it; write the <video> on lines of its own"]
    assert render(body).html == render_reference(body).html


def test_a_stray_bang_or_question_mark_in_a_line_of_text_hides_no_player_from_the_checks(tmp_path: Path) -> None:
    """In a paragraph, `<? lihat`, `<!- x`, `</ ` and a `<!--` with no `-->` after it are text (markdown-it shows them
    as written), but the checks read each as a comment to the next '>' (or the end): the <video> after it, cut from
    its fallback by the paragraph's end, had no warning. A comment markdown-it keeps is still one."""
    write_files(tmp_path, {"static/media/a.mp4": "x"})
    body = "".join(f'Harga {stray} <video src="/media/a.mp4"><p>Tonton</p></video> ya.\n\n' for stray in (
        "naik <? lihat", "turun <!- lihat", "tetap </ 5", "<!-- lihat", "<!-- a --> <? b ?>"))
    body += 'Akhir <!-- <video src="/media/a.mp4"><p>Tonton</p></video> --> ya.\n'
    page, said = page_and_warnings(tmp_path, body, "this <")
    assert "<p>Harga naik &lt;? lihat <video" in page
    assert [line.split(": this <video>")[0] for line in said] == [f"content/2025/07/a.md:{n}" for n in (5, 7, 9, 11,
                                                                                                     13)]


def test_a_source_after_a_track_is_moved_before_it_with_a_warning(tmp_path: Path) -> None:
    """A <source> after a <track> was moved before the first track (HTML allows sources only there) without a word;
    the writer is told which source moved, and before which track."""
    body = ('<video controls>\n<source src="/media/a.mp4">\n<track src="/media/a.vtt" kind="captions" srclang="id">\n'
            '\n<source src="/media/b.webm">\n</video>\n')
    page, said = page_and_warnings(tmp_path, body, "<source")
    assert ('<video controls="">\n<source src="/media/a.mp4">\n<source src="/media/b.webm">\n'
            '<track src="/media/a.vtt" kind="captions" srclang="id">\n</video>') in page
    assert said == ['content/2025/07/a.md:9: <source src="/media/b.webm"> moved before the <track> at line 7: HTML '
                    "allows a player's sources only before its tracks; write it there"]


def page_and_warnings(tmp_path: Path, body: str, start: str) -> tuple[str, list[str]]:
    """The page of an article of ``body`` (its first line is the file's line 5), and each warning of the build that
    begins with ``start``, as 'path:line: message'."""
    make_project(tmp_path, {"2025/07/a.md": article(title="A", date="2025-07-01", body=body)})
    result = build_project(tmp_path)
    return (result.output.files["2025/07/a/index.html"].decode(),
            [f"{w.path}:{w.line}: {w.message}" for w in result.warnings if w.message.startswith(start)])


def test_a_setext_heading_s_id_and_contents_entry_leave_out_a_removed_noscript(tmp_path: Path) -> None:
    """'Sub <noscript>judul\\ndua</noscript>' over '---' shows 'Sub' (the noscript is removed with its text), but its
    id and table-of-contents entry were 'Sub judul dua'. They are made of what the page shows."""
    body = "Sub <noscript>judul\ndua</noscript>\n---\n\nTeks.\n"
    make_project(tmp_path, {"2025/07/a.md": article(title="A", date="2025-07-01", body=body, toc="true")})
    page = build_project(tmp_path).output.files["2025/07/a/index.html"].decode()
    assert '<li><a href="#sub">Sub</a></li>' in page
    assert '<h2 id="sub">Sub <a class="anchor" href="#sub"' in page


def test_raw_tags_after_a_line_break_in_code_or_a_paragraph_are_told_at_their_own_line(tmp_path: Path) -> None:
    """The line of a closing tag after a paragraph's line break, and of a tag after a code span written over two lines,
    was the line the paragraph began on."""
    body = ('<b>\n\nParagraf satu\ndan dua</b> selesai.\n\n'
            'Lihat `kode\npanjang` lalu\n<video controls src="/media/a.mp4"><source src="/media/a.webm"></video>\n\n'
            'Lihat `kode\npanjang` dan <i>miring\nlagi\n')
    page, said = page_and_warnings(tmp_path, body, "<")
    assert said == [
        "content/2025/07/a.md:5: <b> is closed only at line 8, in a later block, and a paragraph or block inside <b> is "
        "invalid HTML, so it was closed where its own block ends; write </b> there, and a <b> in each paragraph "
        "that needs it",
        'content/2025/07/a.md:12: <source src="/media/a.webm"> removed: the <video> at line 12 has its own src, which '
        "browsers play instead, and HTML allows no <source> in it; to offer the sources, delete the player's src",
        "content/2025/07/a.md:15: <i> is never closed, so it was closed where its paragraph ends (left open, it took "
        "in the rest of the article); write </i> where it should end"]


def test_a_text_tag_with_only_html_blocks_before_its_closing_tag_is_not_split(tmp_path: Path) -> None:
    """'<small>', its text, a blank line, '</small>' holds no paragraph (two HTML blocks), yet was told it was closed
    only in a later block, and a '</b>' that closed its own paragraph's '<b>tebal' was taken for the closing tag of an
    earlier block's '<b>' that nothing closes. The first is valid and kept whole; the second is told it is never
    closed, at its line."""
    body = ('<small>\nSumber: Reuters, diolah redaksi.\n\n</small>\n\n'
            '<div class="note"><b>Catatan:\n</div>\n\nParagraf dengan <b>tebal</b> di sini.\n')
    page, said = page_and_warnings(tmp_path, body, "<")
    assert ('<small>\nSumber: Reuters, diolah redaksi.\n</small>\n<div class="note"><b>Catatan:\n</b></div>\n'
            '<p>Paragraf dengan <b>tebal</b> di sini.</p>') in page
    assert said == ["content/2025/07/a.md:10: <b> is never closed, so it was closed where its paragraph ends (left "
                    "open, it took in the rest of the article); write </b> where it should end"]


def test_a_link_card_around_a_heading_and_paragraphs_is_kept_whole(tmp_path: Path) -> None:
    """A card linked whole ('<a href class="card">', a heading, a paragraph, '</a>') came out as an empty <a> and a
    second link on the heading's text only, its description unlinked: the heading's own '#' link, an <a> in an <a>,
    made the HTML parser split the card. A heading in a card has no '#' link (its id stays, for the table of
    contents). A card whose '</a>' ends its paragraph ('Teks.</a>') was told it was never closed, and left its text
    unlinked; it holds the paragraph."""
    body = ('<a href="/tags/panduan/" class="card">\n\n### Panduan menulis\n\nSemua yang perlu diketahui editor '
            'baru.\n\n</a>\n\n<a href="/tags/panduan/" class="card">\n\nTeks kartu panduan.</a>\n\n## Akhir\n')
    page, said = page_and_warnings(tmp_path, body, "<")
    assert ('<a href="/tags/panduan/" class="card">\n<h2 id="panduan-menulis">Panduan menulis</h2>\n'
            '<p>Semua yang perlu diketahui editor baru.</p>\n</a>\n<a href="/tags/panduan/" class="card">\n'
            '<p>Teks kartu panduan.</p>\n</a>\n<h2 id="akhir">Akhir<a class="anchor" href="#akhir"') in page
    assert said == []


def nu_errors(tmp_path: Path, page: str) -> str:
    """What the Nu HTML checker says of ``page`` with --errors-only ('' when it is valid)."""
    import subprocess
    from test_valid_output import vnu_command
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    run = subprocess.run([*vnu_command(), "--errors-only", str(tmp_path / "page.html")], capture_output=True,
                         text=True, timeout=300)
    return run.stdout + run.stderr


def test_a_card_closed_amid_a_paragraph_keeps_its_link_on_the_text_before_the_closing_tag(tmp_path: Path) -> None:
    """A card's '</a>' with more text after it in its paragraph ('Baca selengkapnya</a> · Sumber') emptied the card
    ('<a …></a>'), was told it was never closed, at the card's line, and was dropped, so 'Baca selengkapnya' lost its
    link. The card is closed before that paragraph and reopened at its start, as browsers do, up to a footnote mark (an
    <a> too); a card whose block ends with its opening tag is moved there whole (not left an empty link); a '</a>'
    with nothing before it in its paragraph is left out, and a link after it in that paragraph is kept."""
    body = ('<a href="https://example.com/berita" class="card">\n\nJudul kartu.\n\nBaca *selengkapnya*</a> · '
            'Sumber: Kompas.\n\n<a href="/tags/panduan/">\n\nPanduan.\n\n</a> Lalu [teks](/teks/) biasa.\n\n'
            '<div class="kartu">\n<a href="/x/">\n\nCatatan[^1] di sini</a> saja.\n\n</div>\n\nAkhir.\n\n[^1]: Isi.\n')
    page, said = page_and_warnings(tmp_path, body, "")
    assert ('<a href="https://example.com/berita" class="card" rel="noopener">\n<p>Judul kartu.</p>\n</a>\n'
            '<p><a href="https://example.com/berita" class="card" rel="noopener">Baca <em>selengkapnya</em></a> · '
            'Sumber: Kompas.</p>\n<a href="/tags/panduan/">\n<p>Panduan.</p>\n</a>\n<p>Lalu <a href="/teks/">teks</a> '
            'biasa.</p>\n'
            '<div class="kartu">\n<p><a href="/x/">Catatan</a><sup class="footnote-ref"><a href="#fn1" id="fnref1" '
            'role="doc-noteref" aria-label="Catatan kaki 1">[1]</a></sup> di sini saja.</p>\n</div>\n'
            '<p>Akhir.</p>') in page
    assert said == []
    assert nu_errors(tmp_path, page) == ""


def test_a_markdown_link_inside_a_card_is_shown_as_its_text_with_a_warning(tmp_path: Path) -> None:
    """A Markdown link inside a card linked whole is a link in a link: html5ever split the card into an empty <a> and a
    copy around part of the text, without a word, and in a list the copy was a child of the <ul> (invalid). The link
    is shown as its text, with a warning at its line; a link after the card's '</a>' stays."""
    body = ('<a href="https://example.com/berita" class="card">\n\nTeks dengan [tautan](https://example.com/x)\n'
            'dan <https://example.com/y>.</a> [Sumber](https://example.com/s)\n\n'
            '<a href="/tags/panduan/">\n\n- Butir [panduan](/panduan/) ini\n- dua\n\n</a>\n\n[Luar](/luar/)\n')
    page, said = page_and_warnings(tmp_path, body, "link")
    assert ('<p><a href="https://example.com/berita" class="card" rel="noopener">Teks dengan tautan\ndan '
            'https://example.com/y.</a> <a href="https://example.com/s" rel="noopener">Sumber</a></p>\n'
            '<a href="/tags/panduan/">\n<ul>\n<li>Butir panduan ini</li>\n<li>dua</li>\n</ul>\n</a>\n'
            '<p><a href="/luar/">Luar</a></p>') in page
    moved = ("shown as plain text: it is inside a raw <a> (a card linked whole), and a link inside a link is invalid "
             "HTML (browsers split the card around it); move")
    assert said == [
        f"content/2025/07/a.md:7: link 'tautan' {moved} [tautan](https://example.com/x) out of the card, after its "
        "</a> and a blank line",
        f"content/2025/07/a.md:8: link 'https://example.com/y' {moved} [https://example.com/y](https://example.com/y) "
        "out of the card, after its </a> and a blank line",
        f"content/2025/07/a.md:12: link 'panduan' {moved} [panduan](/panduan/) out of the card, "
        "after its </a> and a blank line"]
    assert nu_errors(tmp_path, page) == ""


CARD_LINK = ("shown as plain text: it is inside a raw <a> (a card linked whole), and a link inside a link is invalid "
             "HTML (browsers split the card around it); move")


def test_a_footnote_mark_or_raw_link_inside_a_card_is_shown_as_its_text_with_a_warning(tmp_path: Path) -> None:
    """A footnote mark in a card's own paragraphs, and a raw <a> inside a card (in its paragraphs or in an HTML block
    of it), nested a link in the card's link: html5ever split the card, an empty <a> and a copy around part of the
    text, without a word. Each is shown as its text, with a warning at its line; the mark keeps its id, where the
    note's way back leads. A mark after the text a '</a>' amid a paragraph links stays a link, after the card."""
    body = ('<a href="https://example.com/berita" class="card">\n\nJudul[^1] dan^[Sebaris.] <a href="/x/">x</a>.\n\n'
            'Baca <A HREF=\'/y/\'>y</A> lagi[^2]</a> · Sumber.\n\n'
            '<a href="https://example.com/k2" class="card">\n<div>Kartu <a href="/tags/x/"><b>tag</b> &amp; dua</a>'
            '</div>\n</a>\n\n[^1]: Satu.\n[^2]: Dua.\n')
    page, said = page_and_warnings(tmp_path, body, "")
    assert ('<a href="https://example.com/berita" class="card" rel="noopener">\n<p>Judul<sup class="footnote-ref">'
            '<span id="fnref1">[1]</span></sup> dan<sup class="footnote-ref"><span id="fnref2">[2]</span></sup> x.</p>\n'
            '</a>\n<p><a href="https://example.com/berita" class="card" rel="noopener">Baca y lagi</a><sup '
            'class="footnote-ref"><a href="#fn3" id="fnref3" role="doc-noteref" aria-label="Catatan kaki 3">[3]</a>'
            '</sup> · Sumber.</p>\n<a href="https://example.com/k2" class="card" rel="noopener">\n<div>Kartu <b>tag</b> '
            '&amp; dua</div>\n</a>\n<section class="footnotes"') in page
    assert '<a href="#fnref1" class="footnote-backref"' in page and '<a href="#fnref2" class="footnote-backref"' in page
    assert said == [
        f"content/2025/07/a.md:7: footnote mark [^1] {CARD_LINK} [^1] out of the card, after its </a> and a blank line",
        f"content/2025/07/a.md:7: inline footnote ^[…] {CARD_LINK} it out of the card, "
        "after its </a> and a blank line",
        f'content/2025/07/a.md:7: link \'x\' {CARD_LINK} <a href="/x/">x</a> out of the card, '
        "after its </a> and a blank line",
        f"content/2025/07/a.md:9: link 'y' {CARD_LINK} <A HREF='/y/'>y</A> out of the card, "
        "after its </a> and a blank line",
        f'content/2025/07/a.md:12: link \'tag & dua\' {CARD_LINK} <a href="/tags/x/"><b>tag</b> &amp; dua</a> out of '
        "the card, after its </a> and a blank line"]
    assert nu_errors(tmp_path, page) == ""


def test_a_raw_link_left_open_in_a_card_s_block_element_ends_with_it_not_at_the_next_card(tmp_path: Path) -> None:
    """An inner '<a>' never closed in a card's '<div>' took the card's '</a>', so the card stayed open: the next card's
    '<a>' was read as a link inside it, its link and ' dua' were lost and the rest of the article was linked, told at
    the card's line as never closed. The inner '<a>' ends with its '<div>', shown as its text, told at its line."""
    body = ('<a href="https://example.com/k">\n<div><a href="https://b.example/">dalam</div>\n</a>\n\nTengah satu.\n\n'
            '<a href="https://example.com/k2">\n<div><a href="https://c.example/">c</a> dua</div>\n</a>\n\n'
            'Tengah dua.\n\nAkhir.\n')
    page, said = page_and_warnings(tmp_path, body, "")
    assert ('<a href="https://example.com/k" rel="noopener">\n<div>dalam</div>\n</a>\n<p>Tengah satu.</p>\n'
            '<a href="https://example.com/k2" rel="noopener">\n<div>c dua</div>\n</a>\n<p>Tengah dua.</p>\n'
            '<p>Akhir.</p>\n') in page
    assert said == [
        f'content/2025/07/a.md:6: link \'dalam\' {CARD_LINK} <a href="https://b.example/">dalam out of the card, '
        "after its </a> and a blank line, and end it with </a>: it is never closed",
        f'content/2025/07/a.md:12: link \'c\' {CARD_LINK} <a href="https://c.example/">c</a> out of the card, after '
        "its </a> and a blank line"]
    assert nu_errors(tmp_path, page) == ""


def test_a_stray_closing_tag_in_a_later_list_item_keeps_that_item_s_own_link(tmp_path: Path) -> None:
    """'- <a href="/1">satu' then '- <a href="/2">dua</a> x</a>': the stray '</a>' was matched to the first item's
    '<a>', so the second item was linked to /1 ('<a href="/1">dua x</a>'), its own link lost and told as a link in a
    card. The second '<a>' ends the first (as in browsers): /2 stays, the stray '</a>' is dropped, and the first
    '<a>' is told never closed."""
    page, said = page_and_warnings(tmp_path, '- <a href="/1">satu\n- <a href="/2">dua</a> x</a>\n', "")
    assert '<ul>\n<li><a href="/1">satu</a></li>\n<li><a href="/2">dua</a> x</li>\n</ul>' in page
    assert said == ["content/2025/07/a.md:5: <a> is never closed, so it was closed where its paragraph ends (left open, "
                    "it took in the rest of the article); write </a> where it should end"]


def test_a_link_or_footnote_mark_moved_out_of_a_card_as_told_is_a_link_again(tmp_path: Path) -> None:
    """An attacker's report: "move [tautan](…) out of the card, after its </a>", followed literally ('</div></a>
    [tautan](…) [^1]'), put them in the card's HTML block, shown as literal text; the footnote, with no mark left,
    vanished from the page without a word. The advice says a blank line too; a note no mark refers to is told."""
    card = ('<a href="https://example.com/k">\n<div>\n\nBaca [tautan](https://example.com/t) di sini[^1].\n\n'
            '</div></a>\n')
    page, said = page_and_warnings(tmp_path / "card", card + "\n[^1]: Catatan.\n", "")
    assert said == [f"content/2025/07/a.md:8: footnote mark [^1] {CARD_LINK} [^1] out of the card, after its </a> "
                    "and a blank line",
                    f"content/2025/07/a.md:8: link 'tautan' {CARD_LINK} [tautan](https://example.com/t) out of the "
                    "card, after its </a> and a blank line"]
    moved = card.replace(" [tautan](https://example.com/t) di sini[^1]", " di sini")
    same_line = moved.replace("</a>\n", "</a> [tautan](https://example.com/t)[^1]\n")
    page, said = page_and_warnings(tmp_path / "same-line", same_line + "\n[^1]: Catatan.\n", "")
    assert said == ["content/2025/07/a.md:12: footnote [^1] is left out of the page: no mark [^1] in the text refers "
                    "to it; write [^1] where the note belongs (not on a line of raw HTML, where it is plain text), or "
                    "delete the note"]
    page, said = page_and_warnings(tmp_path / "as-told", moved + "\n[tautan](https://example.com/t)[^1]\n\n"
                                   "[^1]: Catatan.\n", "")
    assert said == []
    assert '<p><a href="https://example.com/t" rel="noopener">tautan</a><sup class="footnote-ref">' in page
    assert '<section class="footnotes"' in page


def test_a_footnote_label_with_a_space_is_told_at_its_marks_and_note(tmp_path: Path) -> None:
    """An attacker's report: '[^data bps]' and its note '[^data bps]: …' were shown as text without a word (the
    footnote plugin takes no label with a space), and '[^a b]' with '[^a b]: Spasi.' (one word) was a link to
    'Spasi.', the note a link's reference definition, which check told to "fix the address". Each is a warning at its
    line (build and check), and the mark is shown as written, no link."""
    from generator.build import BuildOptions
    from generator.commands.check import run_check
    body = ("Harga naik[^data bps].\n\nParagraf[^a b].\n\n[^data bps]: Badan Pusat Statistik, 2025.\n\n"
            "[^a b]: Spasi.\n\nKode `[^x y]` tetap.\nBaris\n[^c d]: Catatan di bawah baris.\n")
    page, said = page_and_warnings(tmp_path, body, "footnote")
    assert "<p>Harga naik[^data bps].</p>" in page and "<p>Paragraf[^a b].</p>" in page
    assert "Spasi." not in page
    expected = [
        "content/2025/07/a.md:5: footnote mark [^data bps] shown as plain text: a footnote label cannot hold a space; "
        "write [^data-bps], and its note's label the same",
        "content/2025/07/a.md:7: footnote mark [^a b] shown as plain text: a footnote label cannot hold a space; "
        "write [^a-b], and its note's label the same",
        "content/2025/07/a.md:9: footnote [^data bps] shown as plain text: a footnote label cannot hold a space; "
        "write [^data-bps]:, and its marks the same",
        "content/2025/07/a.md:11: footnote [^a b] left out of the page, read as a link's address 'Spasi.': a footnote "
        "label cannot hold a space; write [^a-b]:, and its marks the same",
        "content/2025/07/a.md:15: footnote [^c d] shown as plain text: a footnote label cannot hold a space; "
        "write [^c-d]:, and its marks the same"]
    assert said == expected
    checked = [f.problem for f in run_check(tmp_path / "config.yaml", BuildOptions()).findings]
    assert [f"{p.path}:{p.line}: {p.message}" for p in checked if p.message.startswith("footnote")] == expected
    assert not [p for p in checked if "address" in p.message and "footnote" not in p.message]


def test_a_footnote_label_broken_over_lines_or_with_a_tab_is_told_at_its_mark(tmp_path: Path) -> None:
    """An attacker's report: a mark wrapped onto the next line ('[^bps\\n2025]') with its note '[^bps 2025]: https://…'
    was a live link to that address, and no warning at the mark; '[^data\\nbps]' stayed text without a warning at its
    line, and '[^c<TAB>d]' had none at all. Each mark is a warning at its line (the label shown on one line), and the
    mark is shown as written, never a link."""
    body = ("Harga naik[^bps\n2025].\n\nData[^data\nbps] juga.\n\nTab[^c\td] di sini.\n\n"
            "[^bps 2025]: https://www.bps.go.id/\n\n[^data bps]: Badan Pusat Statistik.\n\n"
            "[^c d]: Catatan tab, di bawah.\n")
    page, said = page_and_warnings(tmp_path, body, "footnote")
    assert "<p>Harga naik[^bps\n2025].</p>" in page and "<p>Data[^data\nbps] juga.</p>" in page
    assert "bps.go.id" not in page and "<p>Tab[^c\td] di sini.</p>" in page
    fix = "a footnote label cannot hold a space; write [^{}]"
    assert said == [
        f"content/2025/07/a.md:5: footnote mark [^bps 2025] shown as plain text: {fix.format('bps-2025')}, and its "
        "note's label the same",
        f"content/2025/07/a.md:8: footnote mark [^data bps] shown as plain text: {fix.format('data-bps')}, and its "
        "note's label the same",
        f"content/2025/07/a.md:11: footnote mark [^c\td] shown as plain text: {fix.format('c-d')}, and its note's "
        "label the same",
        "content/2025/07/a.md:13: footnote [^bps 2025] left out of the page, read as a link's address "
        f"'https://www.bps.go.id/': {fix.format('bps-2025')}:, and its marks the same",
        f"content/2025/07/a.md:15: footnote [^data bps] shown as plain text: {fix.format('data-bps')}:, and its marks "
        "the same",
        f"content/2025/07/a.md:17: footnote [^c d] shown as plain text: {fix.format('c-d')}:, and its marks the same"]


def test_a_pattern_with_a_space_in_a_sentence_is_no_footnote_label_and_no_warning(tmp_path: Path) -> None:
    """'Pola [^a-z ] menolak huruf kecil' (a regular expression in prose, outside code) was warned 'footnote mark
    [^a-z ] shown as plain text: … write [^a-z]'. A spaced mark is told only when its label is words ('[^kata lain]')
    or a note has it, written with the space or with '-' for it ('[^sumber resmi]' and '[^sumber-resmi]: …'); a
    one-word note whose label ends with a space ('[^x-y ]: Catatan.') is told too (it was a link's address, the mark
    a link to it, without a word)."""
    body = ("Pola [^a-z ] menolak huruf kecil, [^0-9 ] angka, dan [^ ] spasi.\n\nKurung [^x-y ] lagi.\n\n"
            "[^x-y ]: Catatan.\n\nLupa[^kata lain] dan[^sumber resmi].\n\n[^sumber-resmi]: Isi.\n")
    page, said = page_and_warnings(tmp_path, body, "footnote")
    assert "<p>Pola [^a-z ] menolak huruf kecil, [^0-9 ] angka, dan [^ ] spasi.</p>" in page
    assert "<p>Kurung [^x-y ] lagi.</p>" in page
    fix = "a footnote label cannot hold a space; write [^{}]"
    assert said == [
        f"content/2025/07/a.md:7: footnote mark [^x-y ] shown as plain text: {fix.format('x-y')}, and its note's "
        "label the same",
        "content/2025/07/a.md:9: footnote [^x-y ] left out of the page, read as a link's address 'Catatan.': "
        f"{fix.format('x-y')}:, and its marks the same",
        f"content/2025/07/a.md:11: footnote mark [^kata lain] shown as plain text: {fix.format('kata-lain')}, and its "
        "note's label the same",
        f"content/2025/07/a.md:11: footnote mark [^sumber resmi] shown as plain text: {fix.format('sumber-resmi')}, "
        "and its note's label the same",
        "content/2025/07/a.md:13: footnote [^sumber-resmi] is left out of the page: no mark [^sumber-resmi] in the "
        "text refers to it; write [^sumber-resmi] where the note belongs (not on a line of raw HTML, where it is plain "
        "text), or delete the note"]


def test_a_footnote_defined_again_is_told_at_each_later_definition_with_the_one_readers_see(tmp_path: Path) -> None:
    """'[^1]: Pertama.' and later '[^1]: Kedua.': the footnote plugin kept the last and left the first out of the page
    without a word. Each later definition is a warning naming the first one's line and the one readers see."""
    body = "Teks[^1] dan[^2].\n\n[^1]: Pertama.\n\n[^2]: Dua.\n\n[^1]: Kedua.\n"
    page, said = page_and_warnings(tmp_path / "two", body, "footnote")
    assert "Kedua." in page and "Pertama." not in page
    assert said == ["content/2025/07/a.md:11: footnote [^1] is defined again (first on line 7): readers see only this "
                    "one, the last; give one of them a new label, and the marks meant for it"]
    page, said = page_and_warnings(tmp_path / "three", body + "\n[^1]: Ketiga.\n", "footnote")
    assert "Ketiga." in page and "Kedua." not in page
    assert said == ["content/2025/07/a.md:11: footnote [^1] is defined again (first on line 7): readers see only the "
                    "one on line 13, the last; give one of them a new label, and the marks meant for it",
                    "content/2025/07/a.md:13: footnote [^1] is defined again (first on line 7): readers see only this "
                    "one, the last; give one of them a new label, and the marks meant for it"]


def test_a_footnote_mark_the_page_does_not_show_leaves_no_back_link_to_nothing(tmp_path: Path) -> None:
    """A mark in an image's alt text (which shows no mark), in a note left out (no mark refers to it), in the first of
    two notes of one label (readers see the last) or in a one-line player's fallback (raw HTML, plain text) made a
    note whose ↩︎ led to an id not on the page. The way back is left out, with a warning at the mark's line."""
    body = ("Teks[^1] dan ![peta[^2]](https://example.org/peta.png) dan[^5].\n\n"
            '<video src="/media/a.mp4"><p>Cadangan[^7]</p></video>\n\n'
            "[^1]: Satu, dengan[^3].\n\n[^2]: Gambar.\n\n[^lepas]: Lepas,\ndengan[^4].\n\n[^4]: Empat.\n\n[^3]: Tiga.\n\n"
            "[^5]: Lima[^6].\n\n[^6]: Enam.\n\n[^5]: Lima lagi.\n\n[^7]: Tujuh.\n")
    page, said = page_and_warnings(tmp_path, body, "footnote mark")
    tree = lxml.html.fromstring(page)
    ids = set(tree.xpath("//@id"))
    assert [h for h in tree.xpath("//a/@href") if h.startswith("#") and h[1:] not in ids] == []
    assert [li.get("id") for li in tree.xpath("//li[@class='footnote-item']")] == [f"fn{n}" for n in range(1, 8)]
    assert tree.xpath("//a[@class='footnote-backref']/@href") == ["#fnref1", "#fnref3", "#fnref5"]
    kept = "readers never see it, and its note's way back to it (↩︎) is left out"
    assert said == [
        f"content/2025/07/a.md:5: footnote mark [^2] is in the alt text of image 'peta', which shows no mark: {kept}; "
        "write [^2] after the image's ')'",
        f"content/2025/07/a.md:7: footnote mark [^7] is in raw HTML, where it is plain text: {kept}; write [^7] "
        "outside the raw HTML",
        f"content/2025/07/a.md:14: footnote mark [^4] is in note [^lepas], which is left out of the page (no mark "
        f"refers to it): {kept}; write [^lepas] where that note belongs, or [^4] in the text",
        f"content/2025/07/a.md:20: footnote mark [^6] is in an earlier note [^5], which readers do not see (the label "
        f"is defined again, and the page shows the last): {kept}; give one of them a new label, or write [^6] in the "
        "last"]


def test_a_note_whose_only_mark_is_lost_keeps_its_number_so_the_list_matches_the_marks_readers_see(
        tmp_path: Path) -> None:
    """A note whose one mark the page does not show (in an image's alt text, in a note left out) stays in the list at
    its number, without a way back: its words are not lost, and each mark readers see ([2], [3]) leads to the item
    of that number. Leaving it out would make the list 1, 2 under marks [2] and [3], or renumber the marks."""
    body = ("Satu ![peta[^1]](https://example.org/peta.png) dan[^2].\n\nLagi[^3].\n\n[^lepas]: Lepas[^4].\n\n"
            "[^1]: Gambar.\n\n[^2]: Dua.\n\n[^3]: Tiga.\n\n[^4]: Empat.\n")
    page, said = page_and_warnings(tmp_path, body, "footnote mark")
    assert len(said) == 2
    tree = lxml.html.fromstring(page)
    assert tree.xpath("//sup[@class='footnote-ref']/a/text()") == ["[2]", "[3]"]
    assert [(n, li.get("id"), li.text_content().strip()) for n, li in enumerate(
        tree.xpath("//ol[@class='footnotes-list']/li"), 1)] == [
        (1, "fn1", "Gambar."), (2, "fn2", "Dua. ↩︎"), (3, "fn3", "Tiga. ↩︎"), (4, "fn4", "Empat.")]
    assert '<ol class="footnotes-list">\n<li id="fn1" class="footnote-item"><p>Gambar.</p>\n</li>\n' in page


def test_a_footnote_mark_in_a_link_s_text_is_told_with_where_to_move_it(tmp_path: Path) -> None:
    """'[laporan[^1]](…)': markdown-it does not make the link (a link cannot hold the mark's link), so readers saw
    '[laporan[1]](https://…)' as text without a word; '[data^[…]](…)' made a link in a link, invalid HTML that browsers
    split. Each is a warning at the mark's line saying to move it after the link; the inline one is shown as its text
    in the link, its note's way back kept."""
    body = ("Baca [laporan[^1]](https://example.org/laporan) hari ini.\n\n"
            "> Lihat [data\n> ^[Dari BPS.] *terbaru*][bps].\n\n[^1]: Catatan.\n\n[bps]: https://example.org/data\n")
    page, said = page_and_warnings(tmp_path, body, "")
    tree = lxml.html.fromstring(page)
    assert tree.xpath("//a//a") == []
    assert tree.xpath("//a[@href='https://example.org/laporan']/text()") == ["https://example.org/laporan"]
    assert '<a href="https://example.org/data" rel="noopener">data\n<sup class="footnote-ref"><span id="fnref2">[2]' \
           '</span></sup> <em>terbaru</em></a>' in page
    ids = set(tree.xpath("//@id"))
    assert [h for h in tree.xpath("//a/@href") if h.startswith("#") and h[1:] not in ids] == []
    assert said == [
        "content/2025/07/a.md:5: footnote mark [^1] is inside the text of the link 'laporan' "
        "(https://example.org/laporan), and a link cannot hold another (the mark links to its note), so the link is not "
        "made: readers see its brackets and address as text; move the mark after the link: [laporan](…)[^1]",
        "content/2025/07/a.md:8: inline footnote ^[…] is inside the text of the link 'data terbaru' "
        "(https://example.org/data), and a link cannot hold another (the mark links to its note), so the mark is shown "
        "as plain text; move it after the link: [data terbaru](…)^[…]"]


def test_a_footnote_mark_in_a_shortcut_reference_link_s_text_is_told_too(tmp_path: Path) -> None:
    """'[laporan[^1]]' with '[laporan]: https://…' (a shortcut reference link with a mark in its text) was shown as
    '[laporan[1]]' without the mark-in-link warning that '[laporan[^1]](…)' gets. Brackets around a mark whose text
    is no reference's label ('[x[^1]]') are prose, and no warning."""
    body = ("Baca [laporan[^1]] dan [laporan\n[^1] tahunan] hari ini, [x[^1]] juga.\n\n[^1]: Catatan.\n\n"
            "[laporan]: https://example.org/laporan\n[laporan tahunan]: https://example.org/tahunan\n")
    page, said = page_and_warnings(tmp_path, body, "")
    assert "<p>Baca [laporan<sup" in page
    move = ("and a link cannot hold another (the mark links to its note), so the link is not made: readers see its "
            "brackets as text; move the mark after the link")
    assert said == [
        f"content/2025/07/a.md:5: footnote mark [^1] is inside the text of the link 'laporan' "
        f"(https://example.org/laporan), {move}: [laporan][][^1]",
        f"content/2025/07/a.md:6: footnote mark [^1] is inside the text of the link 'laporan tahunan' "
        f"(https://example.org/tahunan), {move}: [laporan tahunan][][^1]"]


def test_a_footnote_mark_in_a_reference_link_s_text_is_told_whatever_follows_its_brackets(tmp_path: Path) -> None:
    """'[laporan[^1]] (2024)', '[laporan[^1]] [lampiran]', '[x[^4]]: …' (a space or a colon after the brackets makes
    no link, and a label holds no brackets) and '[bps ^[catatan]]' showed their brackets with no warning; and
    '[laporan[^2]][ref]' was told to write '[laporan](…)[^2]', where '[laporan][ref][^2]' is the link it was (found
    by an attacker)."""
    body = ("Baca [laporan[^1]] (2024) ini.\n\nBaca [laporan[^1]] [lampiran] ini.\n\nTujuh [x[^4]]: bukan definisi."
            "\n\nLima [bps ^[catatan sebaris]] ini.\n\nDua [laporan[^2]][ref] ini.\n\n[laporan]: https://example.org/l\n"
            "[x]: https://example.org/x\n[bps]: https://bps.go.id/\n[ref]: https://example.org/r\n"
            "[lampiran]: https://example.org/m\n\n[^1]: Satu.\n[^2]: Dua.\n[^4]: Empat.\n")
    page, said = page_and_warnings(tmp_path, body, "")
    assert "<p>Baca [laporan<sup" in page
    move = ("and a link cannot hold another (the mark links to its note), so the link is not made: readers see its "
            "brackets as text; move")
    assert said == [f"content/2025/07/a.md:{line}: {mark} is inside the text of the link '{text}' ({href}), {move} "
                    f"{it} after the link: {advice}" for line, mark, text, href, it, advice in (
                        (5, "footnote mark [^1]", "laporan", "https://example.org/l", "the mark", "[laporan][][^1]"),
                        (7, "footnote mark [^1]", "laporan", "https://example.org/l", "the mark", "[laporan][][^1]"),
                        (9, "footnote mark [^4]", "x", "https://example.org/x", "the mark", "[x][][^4]"),
                        (11, "inline footnote ^[…]", "bps", "https://bps.go.id/", "it", "[bps][]^[…]"),
                        (13, "footnote mark [^2]", "laporan", "https://example.org/r", "the mark",
                         "[laporan][ref][^2]"))]


def test_a_footnote_mark_in_a_raw_link_s_text_is_told_as_a_mark_in_a_link_not_as_a_link_never_closed(
        tmp_path: Path) -> None:
    """'<a href=…>laporan[^1] tahunan</a>' was told '<a> is never closed … write </a>', though it is: the mark's link
    ended the <a>, and 'tahunan' lost its link. The <a> stays whole, the mark in it is shown as its text (its note's
    way back kept), and the warning is the mark-in-link one, saying to move the mark after the </a>."""
    body = ('Baca <a href="https://example.org/laporan">laporan[^1] tahunan</a> hari ini, '
            '<a href="https://example.org/data">data^[Dari BPS.]</a>.\n\n[^1]: Catatan.\n')
    page, said = page_and_warnings(tmp_path, body, "")
    assert ('<a href="https://example.org/laporan" rel="noopener">laporan<sup class="footnote-ref"><span id="fnref1">[1]'
            '</span></sup> tahunan</a> hari ini, <a href="https://example.org/data" rel="noopener">data<sup '
            'class="footnote-ref"><span id="fnref2">[2]</span></sup></a>.') in page
    tree = lxml.html.fromstring(page)
    assert tree.xpath("//a//a") == [] and {"fnref1", "fnref2"} <= set(tree.xpath("//@id"))
    move = "and a link cannot hold another (the mark links to its note), so the mark is shown as plain text; move"
    assert said == [
        "content/2025/07/a.md:5: footnote mark [^1] is inside the text of the link 'laporan tahunan' "
        f"(https://example.org/laporan), {move} the mark after the link: <a href=…>laporan tahunan</a>[^1]",
        "content/2025/07/a.md:5: inline footnote ^[…] is inside the text of the link 'data' "
        f"(https://example.org/data), {move} it after the link: <a href=…>data</a>^[…]"]


def test_a_raw_link_in_a_card_s_paragraph_is_quoted_as_written_without_markers_and_told_when_never_closed(
        tmp_path: Path) -> None:
    """An attacker's report: an inner '<a>' left open in a card's paragraph was quoted '<a href="…"></a>', its text
    'dalam' lost; one over two lines in a block quote was quoted with the '> ' marker inside ('dalam > dua'), and its
    tag over two lines as '<a href="…" title="t"></a>', its text lost. Each is quoted as written, without a
    container's markers, and one never closed is told so."""
    body = ('<a href="https://example.com/k">\n\nKartu <a href="https://example.com/in">dalam\n\n</a>\n\n'
            '> <a href="https://example.com/q">\n>\n> Kartu <a href="https://example.com/in2">dalam\n> dua</a> satu\n'
            '> <a href="https://example.com/in3"\n> title="t">tiga</a>\n>\n> </a>\n')
    page, said = page_and_warnings(tmp_path, body, "link")
    assert said == [
        f'content/2025/07/a.md:7: link \'dalam\' {CARD_LINK} <a href="https://example.com/in">dalam out of the card, '
        "after its </a> and a blank line, and end it with </a>: it is never closed",
        f'content/2025/07/a.md:13: link \'dalam dua\' {CARD_LINK} <a href="https://example.com/in2">dalam dua</a> out '
        "of the card, after its </a> and a blank line",
        f'content/2025/07/a.md:15: link \'tiga\' {CARD_LINK} <a href="https://example.com/in3" title="t">tiga</a> out '
        "of the card, after its </a> and a blank line"]


def test_a_raw_link_inside_a_card_is_told_to_be_moved_as_written(tmp_path: Path) -> None:
    """The advice for a raw <a> inside a card quoted it rebuilt from its href and text: '<a name="x">jangkar</a>' was
    told 'move <a href="">jangkar</a> out of the card', and '<a href="/y/"><b>tebal</b> d</a>' lost its <b> ('move
    <a href="/y/">tebal d</a>'). It is quoted as written, in a card's paragraph and in a card's HTML block."""
    body = ('<a href="https://example.com/k">\n\nJudul <a name="x">jangkar</a> dan <a href="/y/"><b>tebal</b> d</a>.'
            '\n\n</a>\n\n<a href="https://example.com/m">\n<div><a id="z">jangkar2</a> <a href="/w/"><b>tebal</b> '
            '&amp; e</a></div>\n</a>\n')
    page, said = page_and_warnings(tmp_path, body, "link")
    assert ('<a href="https://example.com/k" rel="noopener">\n<p>Judul jangkar dan <b>tebal</b> d.</p>\n</a>\n'
            '<a href="https://example.com/m" rel="noopener">\n<div>jangkar2 <b>tebal</b> &amp; e</div>\n</a>') in page
    assert said == [
        f'content/2025/07/a.md:7: link \'jangkar\' {CARD_LINK} <a name="x">jangkar</a> out of the card, '
        "after its </a> and a blank line",
        f'content/2025/07/a.md:7: link \'tebal d\' {CARD_LINK} <a href="/y/"><b>tebal</b> d</a> out of the card, after '
        "its </a> and a blank line",
        f'content/2025/07/a.md:12: link \'jangkar2\' {CARD_LINK} <a id="z">jangkar2</a> out of the card, after its '
        "</a> and a blank line",
        f'content/2025/07/a.md:12: link \'tebal & e\' {CARD_LINK} <a href="/w/"><b>tebal</b> &amp; e</a> out of the '
        "card, after its </a> and a blank line"]


def test_a_stray_closing_tag_in_a_later_list_item_keeps_that_item_s_own_link_after_a_card(tmp_path: Path) -> None:
    """An attacker's report: a card opened in an HTML block ('- <a href="/1/">' '  <div>satu</div>') then
    '- <a href="/2/">dua</a> x</a>': the stray '</a>' was matched to the card, so the second item was linked to /1/
    ('<a href="/1/">dua x</a>'), its own link told as a link in the card. The second '<a>' ends the card (as in
    browsers, and as for an '<a>' opened in a paragraph): /2/ stays, the stray '</a>' is dropped, and the card is
    told never closed."""
    page, said = page_and_warnings(tmp_path, '- <a href="/1/">\n  <div>satu</div>\n- <a href="/2/">dua</a> x</a>\n', "")
    assert '<li>\n<a href="/1/">\n<div>satu</div></a>\n</li>\n<li><a href="/2/">dua</a> x</li>\n</ul>' in page
    assert said == ["content/2025/07/a.md:5: <a> is never closed, so it was closed where its paragraph ends (left open, "
                    "it took in the rest of the article); write </a> where it should end"]


def test_a_card_closed_in_another_list_item_is_told_once_with_its_closing_line(tmp_path: Path) -> None:
    """A card opened in one list item (or before a list) and closed in a later item was told "<a> is never closed",
    though the editor closed it, and in a loose list html5ever spread the card over the items ('</li><a …></a><li>',
    invalid), or closed it empty before the list. It is closed before the other item, the text before its '</a>'
    linked again as browsers do, and one warning names both lines."""
    body = ('- <a href="https://example.com/k" class="card">Judul kartu\n- Baca selengkapnya</a> · Sumber\n\n'
            'Antara.\n\n- <a href="https://example.com/m">\n\n  Judul [x](/x/) kartu\n\n- Baca [y](/y/) lagi</a>\n\n'
            '<a href="https://example.com/n">\n\nJudul tiga.\n\n- Baca tiga</a> · Sumber\n- Dua\n')
    page, said = page_and_warnings(tmp_path, body, "<a>")
    assert ('<ul>\n<li><a href="https://example.com/k" class="card" rel="noopener">Judul kartu</a></li>\n'
            '<li><a href="https://example.com/k" class="card" rel="noopener">Baca selengkapnya</a> · Sumber</li>\n'
            '</ul>\n<p>Antara.</p>\n<ul>\n<li>\n<a href="https://example.com/m" rel="noopener">\n<p>Judul x kartu</p>\n'
            '</a>\n</li>\n<li>\n<p><a href="https://example.com/m" rel="noopener">Baca y lagi</a></p>\n</li>\n</ul>\n'
            '<a href="https://example.com/n" rel="noopener">\n<p>Judul tiga.</p>\n</a>\n<ul>\n<li><a '
            'href="https://example.com/n" rel="noopener">Baca tiga</a> · Sumber</li>\n<li>Dua</li>\n</ul>') in page
    told = ("in another list item or block quote, which it cannot reach into, so it was closed before it (the text "
            "before that </a> is linked again, as browsers do); write </a> there, and a <a> of its own in the other if "
            "it needs one")
    assert said == [f"content/2025/07/a.md:5: <a> is closed only at line 6, {told}",
                    f"content/2025/07/a.md:10: <a> is closed only at line 14, {told}",
                    f"content/2025/07/a.md:16: <a> is closed only at line 20, {told}"]
    assert nu_errors(tmp_path, page) == ""


def test_a_player_over_two_lines_whose_closing_blocks_hold_its_fallback_stays_whole(tmp_path: Path) -> None:
    """A '<video controls' tag written over two lines is a paragraph; when the HTML blocks that close it held other
    tags (a fallback '<p>'), the player was closed at the paragraph's end, empty, its track lost and its fallback shown
    to every reader, without a word. A paragraph that is the tag alone is written without its <p>, so the player holds
    them; one with text before the tag cannot be, and is told at its line."""
    body = ('<video controls\n  src="/media/a.mp4">\n<track src="/media/a.vtt" kind="captions" srclang="id" label="ID">\n'
            '<p>Browser Anda tidak memutar <b>video</b>.</p>\n</video>\n\nLihat <audio controls\n  src="/media/b.mp3">\n'
            '<p>Tidak diputar.</p>\n</audio>\n\nAkhir.\n')
    make_project(tmp_path, {"2025/07/a.md": article(title="A", date="2025-07-01", body=body)})
    write_files(tmp_path, {"static/media/a.mp4": "", "static/media/a.vtt": "", "static/media/b.mp3": ""})
    result = build_project(tmp_path)
    page = result.output.files["2025/07/a/index.html"].decode()
    assert ('<video src="/media/a.mp4" controls=""><track src="/media/a.vtt" kind="captions" srclang="id" label="ID">\n'
            '<p>Browser Anda tidak memutar <b>video</b>.</p>\n</video>\n<p>Lihat <audio src="/media/b.mp3" controls="">'
            '</audio></p>\n<p>Tidak diputar.</p>\n\n<p>Akhir.</p>') in page
    assert [f"{w.path}:{w.line}: {w.message}" for w in result.warnings] == [
        "content/2025/07/a.md:11: this <audio> holds a paragraph or block (its fallback) but is written in a line of "
        "text, where a block ends the paragraph: the player shows empty and its fallback after it; write the <audio> "
        "on lines of its own"]
    assert nu_errors(tmp_path, page) == ""


def test_a_player_inside_a_player_is_removed_with_a_warning(tmp_path: Path) -> None:
    """A <video> or <audio> pasted inside another player was kept: invalid HTML (no player in a player), and a browser
    that plays the outer one never shows it, and a <track> after it was "not allowed here". It is removed with what
    it holds, with a warning at its line naming the outer player's (not one for each of its sources)."""
    body = ('<video controls src="/media/a.mp4">\n<audio src="/media/b.mp3"></audio>\n<p>Fallback.</p>\n</video>\n\n'
            'Teks.\n\n<video controls>\n<source src="/media/a.webm">\n<video src="/media/c.mp4"><source '
            'src="/media/d.mp4"></video>\n<track src="/media/a.vtt" kind="captions" srclang="id" label="ID">\n'
            '</video>\n')
    make_project(tmp_path, {"2025/07/a.md": article(title="A", date="2025-07-01", body=body)})
    write_files(tmp_path, {f"static/media/{name}": "" for name in ("a.mp4", "b.mp3", "a.webm", "c.mp4", "d.mp4",
                                                                  "a.vtt")})
    result = build_project(tmp_path)
    page = result.output.files["2025/07/a/index.html"].decode()
    assert ('<video src="/media/a.mp4" controls="">\n<p>Fallback.</p>\n</video>\n<p>Teks.</p>\n<video controls="">\n'
            '<source src="/media/a.webm">\n<track src="/media/a.vtt" kind="captions" srclang="id" label="ID">\n'
            '</video>') in page
    told = "where browsers that play that one never show it (HTML allows no player in a player); write it after the"
    assert [f"{w.path}:{w.line}: {w.message}" for w in result.warnings] == [
        f"content/2025/07/a.md:6: <audio> removed: it is inside the <video> at line 5, {told} </video>",
        f"content/2025/07/a.md:14: <video> removed: it is inside the <video> at line 12, {told} </video>"]
    assert nu_errors(tmp_path, page) == ""


def test_a_text_tag_holding_a_block_in_an_html_block_is_left_out_with_a_warning(tmp_path: Path) -> None:
    """'<b>', a '<div>' line, '</b>' (or a <span> around a <p>) in one HTML block was kept as written: invalid HTML
    (the Nu checker: "div not allowed as child of b"), without a word. The text tag is left out, its text and the
    block kept, with a warning at its line; text tags inside the block stay."""
    body = ('<b>\n<div>Blok dalam b.</div>\n</b>\n\n<span class="x">\n<p>Para <b>tebal</b> <em>dan</em>.</p>\n</span>\n\n'
            '<div><small>Kecil <b>tebal</b></small></div>\n')
    page, said = page_and_warnings(tmp_path, body, "<")
    assert ('<div class="body">\n\n<div>Blok dalam b.</div>\n\n\n<p>Para <b>tebal</b> <em>dan</em>.</p>\n\n'
            '<div><small>Kecil <b>tebal</b></small></div>\n\n</div>') in page
    assert said == [
        "content/2025/07/a.md:5: <b> left out, its text kept: it holds a <div>, a block, and HTML allows no block "
        "inside <b>; put the <b> inside the <div>, around the words it is for",
        "content/2025/07/a.md:9: <span> left out, its text kept: it holds a <p>, a block, and HTML allows no block "
        "inside <span>; put the <span> inside the <p>, around the words it is for"]
    assert nu_errors(tmp_path, page) == ""


def test_a_card_written_on_one_line_stays_whole(tmp_path: Path) -> None:
    """'<a href=…><div>Kartu saja</div></a>' on one line is a paragraph, which the <div> ended: the page had an empty
    link and empty paragraphs ('<p><a …></a></p><div><a …>Kartu saja</a></div><p></p>'), without a word. A paragraph
    that is such a card alone is an HTML block, as a player is; one with text around it is a warning at its line."""
    body = ('<a href="https://example.com/k"><div>Kartu saja</div></a>\n\n'
            'Teks <a href="https://example.com/m"><div>Kartu dua</div></a>\n\n'
            '- <a href="https://example.com/n"><p>Dalam daftar</p></a>\n')
    page, said = page_and_warnings(tmp_path, body, "this <a>")
    assert ('<div class="body">\n<a href="https://example.com/k" rel="noopener"><div>Kartu saja</div></a>\n') in page
    assert ('<ul>\n<li>\n<a href="https://example.com/n" rel="noopener"><p>Dalam daftar</p></a>\n</li>\n</ul>'
            in page)
    assert said == ["content/2025/07/a.md:7: this <a> holds a paragraph or block (a card) but is written in a line of "
                    "text, where a block ends the paragraph: browsers leave an empty link before the block; put a blank "
                    "line between the <a>…</a> and the text around it, so that the card is a block of its own"]
    assert nu_errors(tmp_path, page) == ""


def test_a_card_on_one_line_holding_a_raw_link_stays_whole(tmp_path: Path) -> None:
    """An attacker's report: '<a href=…><div>Kartu <a href=…>dalam</a> satu</div></a>' alone on its line was told
    "written in a line of text … put a blank line" (there is no text), and the page had an empty link and a split
    card: the card was read to the inner link's '</a>'. It stays whole, told as the same card on several lines is."""
    body = ('<a href="https://example.com/1"><div>Kartu <a href="https://example.com/in">dalam</a> satu</div></a>\n\n'
            'Lanjut.\n')
    page, said = page_and_warnings(tmp_path, body, "")
    assert ('<div class="body">\n<a href="https://example.com/1" rel="noopener"><div>Kartu dalam satu</div></a>\n'
            '<p>Lanjut.</p>') in page
    assert said == [f'content/2025/07/a.md:5: link \'dalam\' {CARD_LINK} <a href="https://example.com/in">dalam</a> '
                    "out of the card, after its </a> and a blank line"]
    assert nu_errors(tmp_path, page) == ""


@pytest.mark.parametrize("card, told", [
    ('<div>Kartu <!-- <a href="/lama/"> --> satu</div>', []),
    ('<div title="tag <a> itu">Kartu satu</div>', []),
    ('<div>Kartu <a href="/lama/">dalam satu</div>',
     [f"content/2025/07/a.md:5: link 'dalam satu' {CARD_LINK} <a href=\"/lama/\">dalam satu out of the card, after its "
      "</a> and a blank line, and end it with </a>: it is never closed"]),
], ids=["a tag in a comment", "a tag in a quoted value", "an inner link never closed"])
def test_a_card_on_one_line_with_an_a_that_closes_nothing_stays_whole(tmp_path: Path, card: str, told: list[str]) -> None:
    """A card on one line was split, an empty link and an empty paragraph left, when it held an '<a' in a comment or
    a quoted value (no warning), or a raw <a> never closed: each was counted as a link open in the card, and took its
    '</a>'. Those are text; a raw <a> never closed ends with its block, as in browsers and the card on several lines."""
    page, said = page_and_warnings(tmp_path, f'<a href="/2025/06/x/">{card}</a>\n\nSetelah.\n', "")
    shown = card.replace("<!-- <a href=\"/lama/\"> -->", "").replace("<a> itu", "&lt;a&gt; itu")
    shown = shown.replace('<a href="/lama/">', "")
    assert f'<div class="body">\n<a href="/2025/06/x/">{shown}</a>\n<p>Setelah.</p>' in page
    assert said == told


def test_a_text_tag_around_a_list_table_or_rule_is_told_where_the_words_are(tmp_path: Path) -> None:
    """'<b>' around a '<ul>' was told "put the <b> inside the <ul>", which followed gives '<ul><b><li>' (the Nu
    checker: "b not allowed as child of ul"); '<strong>' around a '<table>' "inside the <table>", '<b>' around an
    '<hr>' "inside the <hr>". Each is told the element that holds the words (each <li>, <td> or <th>, <dt> or <dd>, the
    <p> inside a <div>), or, for an <hr>, to delete the tag; the advice followed is valid HTML."""
    body = ('<b>\n<ul><li>Item</li></ul>\n</b>\n\n<b>\n<hr>\n</b>\n\n<strong>\n<table><tr><td>Sel</td></tr></table>\n'
            '</strong>\n\n<i>\n<div><p>Para</p></div>\n</i>\n\n<em>\n<dl><dt>Ist</dt><dd>Arti</dd></dl>\n</em>\n')
    page, said = page_and_warnings(tmp_path / "before", body, "<")
    assert ('<ul><li>Item</li></ul>\n\n\n<hr>\n\n\n<table tabindex="0"><tbody><tr><td>Sel</td></tr></tbody></table>\n\n\n'
            '<div><p>Para</p></div>\n\n\n<dl><dt>Ist</dt><dd>Arti</dd></dl>') in page
    told = "left out, its text kept: it holds a <%s>, a block, and HTML allows no block inside <%s>; %s"
    assert said == [
        "content/2025/07/a.md:5: <b> " + told % ("ul", "b", "put the <b> inside each <li>, around the words it is for"),
        "content/2025/07/a.md:9: <b> " + told % ("hr", "b", "delete the <b> and its </b>: an <hr> holds no words"),
        "content/2025/07/a.md:13: <strong> " + told % ("table", "strong", "put the <strong> inside each <td> or <th>, "
                                                       "around the words it is for"),
        "content/2025/07/a.md:17: <i> " + told % ("div", "i", "put the <i> inside the <p>, around the words it is for"),
        "content/2025/07/a.md:21: <em> " + told % ("dl", "em", "put the <em> inside each <dt> or <dd>, around the words "
                                                   "it is for")]
    followed = ('<ul><li><b>Item</b></li></ul>\n\n<hr>\n\n<table><tr><td><strong>Sel</strong></td></tr></table>\n\n'
                '<div><p><i>Para</i></p></div>\n\n<dl><dt><em>Ist</em></dt><dd><em>Arti</em></dd></dl>\n')
    page, said = page_and_warnings(tmp_path / "after", followed, "<")
    assert said == [] and "<li><b>Item</b></li>" in page
    assert nu_errors(tmp_path, page) == ""


def test_a_text_tag_never_closed_before_a_block_in_its_html_block_is_left_out_as_a_closed_one(tmp_path: Path) -> None:
    """An attacker's report: '<b>' (or '<span class="x">') then '<p>Tanpa tutup</p>' in one HTML block, the tag never
    closed, was closed at the block's end, around the <p> (the Nu checker: "p not allowed as child of b"), and told
    "closed where its paragraph ends". It is left out as the closed form is, its text kept, with that form's advice."""
    body = '<b>\n<p>Tanpa tutup</p>\n\nLanjut.\n\n<span class="x">\n<p>Juga</p>\n'
    page, said = page_and_warnings(tmp_path, body, "<")
    assert '<div class="body">\n\n<p>Tanpa tutup</p>\n<p>Lanjut.</p>\n\n<p>Juga</p>\n\n</div>' in page
    told = ("left out, its text kept: it holds a <p>, a block, and HTML allows no block inside <%s>; put the <%s> "
            "inside the <p>, around the words it is for")
    assert said == ["content/2025/07/a.md:5: <b> " + told % ("b", "b"),
                    "content/2025/07/a.md:10: <span> " + told % ("span", "span")]
    assert nu_errors(tmp_path, page) == ""


def test_a_text_tag_never_closed_in_a_paragraph_of_an_html_block_is_told_never_closed(tmp_path: Path) -> None:
    """'<p>Harga <b>naik</p>' then '<p>Lain</p>' in a <div> was told "<b> left out … it holds a <p> … put the <b>
    inside the <p>": it is inside its <p>, only its </b> is missing. It ends in its <p>, and is told never closed."""
    page, said = page_and_warnings(tmp_path, "<div>\n<p>Harga <b>naik</p>\n<p>Lain</p>\n</div>\n", "<")
    assert "<p>Harga <b>naik</b></p>" in page
    assert said == ["content/2025/07/a.md:6: <b> is never closed, so it was closed where its paragraph ends (left "
                    "open, it took in the rest of the article); write </b> where it should end"]


def test_a_text_tag_inside_an_html_comment_is_not_told_to_hold_a_block(tmp_path: Path) -> None:
    """'<!-- dulu: <b> -->', a '<p>', '<!-- </b> -->' in one HTML block was told "<b> left out … it holds a <p>", though
    the comments hold no tag (and are removed). Comments are blanked before the block is read for text tags."""
    body = '<div class="kotak">\n<!-- dulu: <b> -->\n<p>Satu</p>\n<!-- </b> -->\n</div>\n'
    page, said = page_and_warnings(tmp_path, body, "")
    assert '<div class="body">\n<div class="kotak">\n\n<p>Satu</p>\n\n</div>\n\n</div>' in page
    assert said == []


def test_a_link_closed_in_a_nested_list_item_or_block_quote_is_told_with_its_closing_line(tmp_path: Path) -> None:
    """A link opened in a list item's (or block quote's) text and closed in a list (a block quote) nested in it was told
    "never closed", and the text before its '</a>' was not linked: only a container left on the way was seen, not a
    deeper one entered. It is told as one closed in another list item, the text before the '</a>' linked again."""
    body = ('- Satu <a href="https://example.com/o">awal\n  - sub dua</a> x\n- tiga\n\nAntara.\n\n'
            '> Satu <a href="https://example.com/q">awal\n>\n> > dalam</a> x\n')
    page, said = page_and_warnings(tmp_path, body, "<a>")
    assert ('<ul>\n<li>Satu <a href="https://example.com/o" rel="noopener">awal</a>\n<ul>\n<li><a '
            'href="https://example.com/o" rel="noopener">sub dua</a> x</li>\n</ul>\n</li>\n<li>tiga</li>\n</ul>\n'
            '<p>Antara.</p>\n<blockquote>\n<p>Satu <a href="https://example.com/q" rel="noopener">awal</a></p>\n'
            '<blockquote>\n<p><a href="https://example.com/q" rel="noopener">dalam</a> x</p>\n</blockquote>\n'
            '</blockquote>') in page
    told = ("in another list item or block quote, which it cannot reach into, so it was closed before it (the text "
            "before that </a> is linked again, as browsers do); write </a> there, and a <a> of its own in the other if "
            "it needs one")
    assert said == [f"content/2025/07/a.md:5: <a> is closed only at line 6, {told}",
                    f"content/2025/07/a.md:11: <a> is closed only at line 13, {told}"]


def test_a_player_whose_track_begins_an_html_block_keeps_it(tmp_path: Path) -> None:
    """A <video controls> tag written over two lines is a paragraph, and a '<track …>' line begins an HTML block
    (CommonMark), so the paragraph ended before it: the HTML parser closed the player at the '</p>', and the track,
    out of it, was removed without a word (the captions gone). The paragraph now ends after the player's closing
    tag, a blank line before it too."""
    body = ('<video controls\n       width="640">\n<source src="/media/a.mp4" type="video/mp4">\n'
            '<track kind="captions" src="/media/a.vtt" srclang="id" label="Indonesia">\n</video>\n\n'
            'Dengar <audio controls\n       preload="none">\n<source src="/media/b.mp3">\n'
            '<track kind="captions" src="/media/b.vtt" srclang="id">\n\n</audio>\n\nSetelah.\n')
    page, said = page_and_warnings(tmp_path, body, "<")
    assert ('<p><video width="640" controls="">\n<source src="/media/a.mp4" type="video/mp4">'
            '<track kind="captions" src="/media/a.vtt" srclang="id" label="Indonesia">\n</video>\n</p>\n'
            '<p>Dengar <audio preload="none" controls="">\n<source src="/media/b.mp3">'
            '<track kind="captions" src="/media/b.vtt" srclang="id">\n</audio>\n</p>\n<p>Setelah.</p>') in page
    assert said == []


def test_an_ins_closed_inside_a_later_paragraph_s_text_does_not_take_in_the_rest(tmp_path: Path) -> None:
    """'<ins>', a blank line, 'Teks baru</ins> dan lama.': html5ever drops an '</ins>' inside a <p>, so the <ins>, if
    left open, takes in the rest of the article. Only a closing tag that ends the paragraph closes it after the
    paragraph (a card); this one is closed at the end of its own block, with the warning of one never closed."""
    page, said = page_and_warnings(tmp_path, "<ins>\n\nTeks baru</ins> dan lama.\n\nLanjut.\n", "<")
    assert "<ins></ins>\n<p>Teks baru dan lama.</p>\n<p>Lanjut.</p>\n\n</div>" in page
    assert said == ["content/2025/07/a.md:5: <ins> is never closed, so it was closed where its paragraph ends (left "
                    "open, it took in the rest of the article); write </ins> where it should end"]


@pytest.mark.parametrize("quote", ['"', "'"])
def test_a_quote_never_closed_in_a_raw_tag_is_a_warning_at_its_line_in_build_and_check(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], quote: str) -> None:
    """'<div title="x>' with no quote after it: browsers read the rest of the article as the value, then drop the tag
    at its end, so the page showed nothing after it, without a word. One in a script's text is none; one that a later
    quote closes (a link's href="…", or an apostrophe, '…') hides only the words up to it, and is not this
    warning."""
    from conftest import article, make_project
    from generator.commands.cli import main
    body = f"Awal.\n\n<div class=\"kotak\" title={quote}Kode x>\nIsi.\n</div>\n\nParagraf lagi.\n"
    later = "\nLihat [ini](https://example.com/), Jum'at.\n"
    script = "<script>\nvar s = '<b title=\"';\n</script>\n\nTeks.\n"  # a script's content is text
    make_project(tmp_path, {"2025/06/a.md": article(body=body), "2025/06/b.md": article(title="B", body=body + later),
                            "2025/06/c.md": article(title="C", body=script)})
    result = build_project(tmp_path)
    said = (f"content/2025/06/a.md:7: warning: this tag's title={quote}… is never closed: the rest of the article is "
            "inside it and readers see none of it; close the quote")
    assert [str(p) for p in result.warnings if "close the quote" in p.message] == [said]
    page = lxml.html.fromstring(result.output.files["2025/06/a/index.html"])
    assert " ".join(page.find_class("body")[0].text_content().split()) == "Awal."
    assert main(["check", "--config", str(tmp_path / "config.yaml")]) == 0
    out, err = capsys.readouterr()
    assert [line for line in (out + err).splitlines() if "close the quote" in line] == [said]


def test_a_heading_with_no_text_is_a_warning_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An attacker's report: a heading of only an image without alt text, or only a footnote, gave an empty link in
    the table of contents (axe 'link-name'), without a word to the editor."""
    from conftest import article, make_project
    from generator.commands.cli import main
    make_project(tmp_path, {"2025/06/a.md": article(body="Teks.\n\n## ![](/images/logo.png)\n\nLagi.\n")})
    assert main(["check", "--config", str(tmp_path / "config.yaml")]) == 0
    out, err = capsys.readouterr()
    assert [line for line in (out + err).splitlines() if "heading" in line] == [
        "content/2025/06/a.md:7: warning: this heading has no text a reader sees (an image without alt text, a "
        "footnote alone, or only invisible characters such as a zero-width space), so its link in the table of "
        "contents has no name for readers and screen readers; write its words, or the image's alt text"]


def test_a_heading_of_invisible_characters_only_is_a_warning_at_its_line(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A heading of only a zero-width space, a word joiner and a soft hyphen, or a byte order mark (pasted from a web
    page): its link in the table of contents had a name no one sees, without a word; it is warned of as an empty one."""
    from conftest import article, make_project
    from generator.commands.cli import main
    make_project(tmp_path, {"2025/06/a.md": article(body="Teks.\n\n## \u200b\n\nSatu.\n\n## \u2060\u00ad\n\nDua.\n\n"
                                                         "## \ufeff\n\nTiga.\n\n## Ada teks\u200b\n\nEmpat.\n")})
    assert main(["check", "--config", str(tmp_path / "config.yaml")]) == 0
    out, err = capsys.readouterr()
    assert [line for line in (out + err).splitlines() if "heading" in line] == [
        f"content/2025/06/a.md:{line}: warning: this heading has no text a reader sees (an image without alt text, a "
        "footnote alone, or only invisible characters such as a zero-width space), so its link in the table of "
        "contents has no name for readers and screen readers; write its words, or the image's alt text"
        for line in (7, 11, 15)]


def test_a_text_tag_written_in_an_attribute_value_is_never_told_unclosed(tmp_path: Path) -> None:
    """'<a title="<b>x">y</a>' in an HTML block was told '<b> is never closed' at its line: the '<b>' in the title was
    read as a tag. It is the title's text, as browsers read it."""
    body = '<div><a title="<b>x">y</a></div>\n\n<p><a title="<b>x">y</a></p>\n\nSetelah.\n'
    page, said = page_and_warnings(tmp_path, body, "")
    assert said == []
    assert '<div><a title="&lt;b&gt;x">y</a></div>\n<p><a title="&lt;b&gt;x">y</a></p>\n<p>Setelah.</p>' in page


@pytest.mark.parametrize("body", [
    '<img src="https://e.example/a.png" alt="<a href=javascript:alert(1)>x</a>">\n',
    'Teks <span title="<a href=\'javascript:x\'>">y</span>.\n',
    '<div title="<video poster=javascript:x>">z</div>\n',
    '<div title="<img width=100%>">z</div>\n',
    '<div title="<b id=main>">z</div>\n',
    '<div>\n<!-- dulu: <a href="javascript:x">, <img width=100%> -->\nz</div>\n',
], ids=["a link in an alt", "a link in a paragraph's title", "a poster in a title", "a width in a title",
        "a theme id in a title", "tags in a comment"])
def test_a_tag_in_an_attribute_value_or_a_comment_is_never_warned_of(tmp_path: Path, body: str) -> None:
    """A refused address ('<a href=javascript:…>', '<video poster=javascript:…>'), a player's width '100%' and an id of
    the theme written in another tag's quoted value, or in a comment, were warned of as raw tags whose attribute the
    sanitiser removed: they are text (a value's, shown as written) or nothing (a comment's)."""
    page, said = page_and_warnings(tmp_path, body + "\nSetelah.\n", "")
    assert said == []
    assert "<p>Setelah.</p>" in page


@pytest.mark.parametrize("body, told, shown", [
    ('<div title="<!--">\n<b>tebal\n</div>\n\nSetelah.\n',
     ["content/2025/07/a.md:6: <b> is never closed, so it was closed where its paragraph ends (left open, it took in the "
      "rest of the article); write </b> where it should end"],
     '<div title="&lt;!--">\n<b>tebal\n</b></div>\n<p>Setelah.</p>'),
    ('<div title="<!--">\n<video src="https://e.example/a.mp4"><source src="https://e.example/b.mp4"></video>\n</div>\n',
     ['content/2025/07/a.md:6: <source src="https://e.example/b.mp4"> removed: the <video> at line 6 has its own src, '
      "which browsers play instead, and HTML allows no <source> in it; to offer the sources, delete the player's src"],
     '<div title="&lt;!--">\n<video src="https://e.example/a.mp4" controls=""></video>\n</div>'),
    ('<div title="<style>">\n<p id="a b">x</p>\n</div><i title="</style>">s</i>\n',
     ['content/2025/07/a.md:6: id="a b" of <p> removed: an id has no spaces; write id="a-b"'],
     '<div title="&lt;style&gt;">\n<p>x</p>\n</div><i title="&lt;/style&gt;">s</i>'),
], ids=["a tag never closed", "a source removed", "an id removed"])
def test_a_comment_or_removed_element_written_in_an_attribute_value_hides_nothing(
        tmp_path: Path, body: str, told: list[str], shown: str) -> None:
    """'<div title="<!--">' hid the rest of its HTML block from the checks of raw HTML, as if a comment began there
    ('<style>' … '</style>' in two values, all between): a '<b>' never closed there was not closed (the article after
    it bold) and not told, a '<source>' or an id the sanitiser removed not told. A value's '<!--' is its text."""
    page, said = page_and_warnings(tmp_path, body, "")
    assert said == told
    assert shown in page


NEVER_CLOSED = ("content/2025/07/a.md:{}: <{}> is never closed, so it was closed where its paragraph ends (left open, it "
                "took in the rest of the article); write </{}> where it should end")
REMOVED = ("content/2025/07/a.md:{}: <{}> removed with everything inside: a digest's pages and feeds keep no embeds, "
           "scripts, styles, form fields or inline SVG; link to what it shows instead")


@pytest.mark.parametrize("opened", ["<!-->", "<!--->", "<!-- dulu --!>"], ids=["<!-->", "<!--->", "--!>"])
def test_a_comment_ended_as_html_ends_it_hides_no_tag_after_it(tmp_path: Path, opened: str) -> None:
    """An attacker's report: '<!-->' and '<!--->' are whole comments in HTML, and '--!>' ends one, but the checks read a
    comment to the next '-->': '<div><!--> catatan <b>penting</div>' was told '<div> is never closed', and its '<b>',
    unseen, made the rest of the article bold (a <p> inside a <b>). The <b> is closed, and told."""
    body = f"<div>{opened} catatan <b>penting</div>\n\nParagraf kedua, tidak tebal.\n"
    page, said = page_and_warnings(tmp_path, body, "<")
    assert said == [NEVER_CLOSED.format(5, "b", "b")]
    assert '<div class="body">\n<div> catatan <b>penting</b></div>\n<p>Paragraf kedua, tidak tebal.</p>\n\n</div>' in page
    assert nu_errors(tmp_path, page) == ""


def test_a_removed_element_never_closed_after_an_empty_comment_is_removed_alone(tmp_path: Path) -> None:
    """'<div><!--> <style>' (no '</style>') after a paragraph: the '<style>' was unseen in the comment read to the end,
    so it was not removed alone, and took the rest of the article (page and feed) with it."""
    body = "Paragraf satu.\n\n<div><!--> <style>\n</div>\n\nParagraf tiga.\n\nParagraf empat.\n"
    page, said = page_and_warnings(tmp_path, body, "<")
    assert said == [REMOVED.format(7, "style")]
    assert ('<div class="body">\n<p>Paragraf satu.</p>\n<div> \n</div>\n<p>Paragraf tiga.</p>\n<p>Paragraf empat.</p>'
            in page)
    feed = build_project(tmp_path).output.files["feed.json"]
    assert "<p>Paragraf empat.</p>" in json.loads(feed)["items"][0]["content_html"]
    assert nu_errors(tmp_path, page) == ""


@pytest.mark.parametrize("body, told, shown", [
    ("<div><style>p::after { content: '<b>'; }</style></div>\n", [REMOVED.format(5, "style")], "<div></div>"),
    ("<div><script>var a = '<div>';</script></div>\n", [REMOVED.format(5, "script")], "<div></div>"),
    ("<div><textarea><b>tebal</textarea></div>\n", [REMOVED.format(5, "textarea")], "<div></div>"),
    ("<div><![CDATA[ <b>tebal ]]></div>\n", [], "<div>tebal ]]&gt;</div>"),
    ("<div><? <b> ?> teks</div>\n", [], "<div> ?&gt; teks</div>"),
    ("<div></ <b> > teks</div>\n", [], "<div> &gt; teks</div>"),
], ids=["in a style", "in a script", "in a textarea", "in CDATA", "in <?", "in </ "])
def test_a_tag_in_raw_text_or_a_bogus_comment_is_never_told_unclosed(
        tmp_path: Path, body: str, told: list[str], shown: str) -> None:
    """A '<b>' or '<div>' in a <style>'s, <script>'s or <textarea>'s text, or in what HTML reads as a comment to the first
    '>' ('<![CDATA[', '<?', '</ '), is no tag, but was told 'is never closed'."""
    page, said = page_and_warnings(tmp_path, body + "\nParagraf.\n", "<")
    assert said == told
    assert f'<div class="body">\n{shown}\n<p>Paragraf.</p>' in page
    assert nu_errors(tmp_path, page) == ""


def words_held(tmp_path: Path, followed: str, *tags: str) -> list[str]:
    """The words each of ``tags`` holds on the page of the body ``followed`` (an advice followed word for word), which
    builds without a warning of a tag and is valid HTML."""
    page, said = page_and_warnings(tmp_path / "after", followed, "<")
    assert said == []
    assert nu_errors(tmp_path, page) == ""
    return [" ".join(b.text_content().split()) for b in lxml.html.fromstring(page).find_class("body")[0].iter(*tags)]


def test_the_advice_for_a_text_tag_around_a_rule_or_a_details_followed_keeps_each_word_in_it(tmp_path: Path) -> None:
    """'<b>Teks <hr> Lagi</b>' was told 'delete the <b> and its </b>: an <hr> holds no words', which followed took the
    bold off 'Teks' and 'Lagi'; '<b>' around a '<details>' 'put the <b> inside the <p>', which followed left its
    <summary>, the words a reader sees, without it. The advice now keeps each word the tag held in it, valid HTML."""
    body = ('<div>\n<b>Teks\n<hr>\nLagi</b>\n</div>\n\n'
            '<b>\n<details><summary>Ringkas</summary>\n<p>Isi</p>\n</details>\n</b>\n')
    page, said = page_and_warnings(tmp_path / "before", body, "<")
    told = "left out, its text kept: it holds a <%s>, a block, and HTML allows no block inside <b>; %s"
    assert said == [
        "content/2025/07/a.md:6: <b> " + told % ("hr", "end the <b> before the <hr> and open another after the <hr>, "
                                                 "so that it holds only words: an <hr> holds none"),
        "content/2025/07/a.md:11: <b> " + told % ("details", "put the <b> inside the <summary> and the <p>, around the "
                                                  "words it is for")]
    followed = ('<div>\n<b>Teks\n</b><hr><b>\nLagi</b>\n</div>\n\n'
                '<details><summary><b>Ringkas</b></summary>\n<p><b>Isi</b></p>\n</details>\n')
    assert words_held(tmp_path, followed, "b") == ["Teks", "Lagi", "Ringkas", "Isi"]


def test_a_comment_opening_in_a_script_hides_nothing_after_the_script(tmp_path: Path) -> None:
    """'if (a <!-- b)' in a <script> (its content is text, as html.parser and browsers read it) was read as a comment
    never closed: the rest of the HTML block was hidden from the checks, its '</script>' too, so the script was closed
    at once and the page showed 'if (a ' and lost the rest of the block, with a false '<div> is never closed', and the
    <img> and the link after it were removed without a word."""
    body = ('<div>\n<script>\nif (a <!-- b) {}\n</script>\n<img src="gambar.jpg" alt="G">\n'
            '<a href="javascript:alert(1)">x</a>\n</div>\n')
    page, said = page_and_warnings(tmp_path, body, "")
    assert said == [
        "content/2025/07/a.md:6: <script> removed with everything inside: a digest's pages and feeds keep no embeds, "
        "scripts, styles, form fields or inline SVG; link to what it shows instead",
        'content/2025/07/a.md:9: <img src="gambar.jpg"> removed: a raw <img> needs an address from the site\'s root or '
        'https://; for static/gambar.jpg write src="/gambar.jpg"',
        'content/2025/07/a.md:10: <a href="javascript:alert(1)"> shown as plain text: it is not an address readers can '
        "follow; write the real https:// address (or a path on the site, mailto:, tel:)"]
    assert '<div class="body">\n<div>\n\n\n<a>x</a>\n</div>\n' in page


def test_the_advice_for_a_text_tag_with_words_between_its_blocks_followed_keeps_each_word_in_it(tmp_path: Path) -> None:
    """'<b>A<hr>B<hr>C</b>' was told 'end the <b> before the <hr> and open another after the <hr>': the words before the
    first block and after the last only, so 'B', followed literally, lost the bold. Words between two blocks are told
    to be held too: the tag ended before each block and opened again after each."""
    body = '<div>\n<b>A\n<hr>\nB\n<hr>\nC</b>\n</div>\n\n<div>\n<i>D\n<p>E</p>\nF\n<hr>\nG</i>\n</div>\n'
    page, said = page_and_warnings(tmp_path / "before", body, "<")
    told = "left out, its text kept: it holds a <%s>, a block, and HTML allows no block inside <%s>; %s"
    assert said == [
        "content/2025/07/a.md:6: <b> " + told % ("hr", "b", "end the <b> before each <hr> and open another after each, "
                                                 "so that it holds only words: an <hr> holds none"),
        "content/2025/07/a.md:14: <i> " + told % ("p", "i", "end the <i> before the <p> and the <hr>, open another after "
                                                  "the </p> and the <hr> and put another inside the <p>, so that it "
                                                  "holds only words")]
    followed = ('<div>\n<b>A\n</b><hr><b>\nB\n</b><hr><b>\nC</b>\n</div>\n\n'
                '<div>\n<i>D\n</i><p><i>E</i></p><i>\nF\n</i><hr><i>\nG</i>\n</div>\n')
    assert words_held(tmp_path, followed, "b", "i") == ["A", "B", "C", "D", "E", "F", "G"]


@pytest.mark.parametrize("body, advice", [
    ("<div>\n<b>Judul\n<p>Isi</p>\n</b>\n</div>\n",
     "end the <b> before the <p> and put another inside the <p>, so that it holds only words"),
    ("<div>\n<b>\n<p>Isi</p>\nAkhir</b>\n</div>\n",
     "put the <b> inside the <p> and open another after the </p>, so that it holds only words"),
    ("<div>\n<b>\n<hr>\nAkhir</b>\n</div>\n",
     "open the <b> after the <hr>, so that it holds only words: an <hr> holds none"),
], ids=["words before a paragraph", "words after a paragraph", "words after a rule"])
def test_a_text_tag_around_a_block_and_words_is_told_to_hold_only_the_words(tmp_path: Path, body: str,
                                                                            advice: str) -> None:
    """A text tag holding words beside its block is told where each of them goes, not only inside the block."""
    page, said = page_and_warnings(tmp_path, body, "<")
    block = "hr" if "<hr>" in body else "p"
    assert said == [f"content/2025/07/a.md:6: <b> left out, its text kept: it holds a <{block}>, a block, and HTML "
                    f"allows no block inside <b>; {advice}"]


@pytest.mark.parametrize("written, said, followed, meant", [
    ('tags: "2025-13-45"', "field 'tags': must be a list; write tags: [\"2025-13-45\"] or one '- item' line per tag",
     'tags: ["2025-13-45"]', ("tags", ("2025-13-45",))),
    ('tags: "2025-07-01T08:00:00+25:00"', "field 'tags': must be a list; write tags: [\"2025-07-01T08:00:00+25:00\"] "
     "or one '- item' line per tag", 'tags: ["2025-07-01T08:00:00+25:00"]', ("tags", ("2025-07-01T08:00:00+25:00",))),
    ('tags: ["2025-13-45, AI"]', "field 'tags': warning: '2025-13-45, AI' is one tag: a comma inside an item does not "
     "split it; if they are 2 tags, write tags: [\"2025-13-45\", AI]", 'tags: ["2025-13-45", AI]',
     ("tags", ("2025-13-45", "AI"))),
    ('section: ["2025-13-45"]', "field 'section': must be text; is a list ([\"2025-13-45\"]); section takes one value: "
     'section: "2025-13-45"', 'section: "2025-13-45"', ("section", "2025-13-45")),
    ("tags: [2024-02-30, @openai]", "field 'tags': '@openai' starts with '@', which cannot start a name in YAML; put it "
     'in double quotes: tags: [2024-02-30, "@openai"]', 'tags: [2024-02-30, "@openai"]', ("tags", ("2024-02-30", "@openai"))),
    ("tags [2024-02-30, ai]", "field 'tags': has no ':' after the key; write tags: [2024-02-30, ai]",
     "tags: [2024-02-30, ai]", ("tags", ("2024-02-30", "ai"))),
    ("tags: [2024-02-30, ai]]", "field 'tags': has one ']' too many; write tags: [2024-02-30, ai]",
     "tags: [2024-02-30, ai]", ("tags", ("2024-02-30", "ai"))),
])
def test_advice_on_a_value_shaped_like_a_date_no_calendar_has(
        written: str, said: str, followed: str, meant: tuple[str, Any], settings: ArticleSettings) -> None:
    """The advice read its line back with PyYAML's timestamps: '2025-13-45', '2024-02-30' or an offset of +25:00
    was a ValueError out of check and build (a traceback), where the build reads such a date as text."""
    text = "---\ntitle: x\ndate: 2025-01-01\n{}\n---\nx\n"
    assert messages(text.format(written).encode(), settings) == [f"content/a.md:4: {said}"]
    article, problems = parse_article("content/a.md", text.format(followed).encode(), settings)
    assert problems == () and article is not None and getattr(article, meant[0]) == meant[1]
