"""The company registry (``content/companies.yaml``): canonical ids, names and aliases."""
from __future__ import annotations

import difflib
import os
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.core.errors import BuildError, Problem, quoted
from generator.load.frontmatter import (KeyProblem, Written, YamlError, cut_by_comment, load_yaml_past_slips,
                                        names_cut_by_comment,
                                        not_a_name, not_text, said_by, yaml_file_text, yaml_problems)
from generator.load.markdown import encode_url
from generator.core.models import Company
from generator.core.urls import http_url, broken_http_url, make_slug
from generator.core.patterns import LazyPattern

_ID = LazyPattern(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_KEYS = ("name", "aliases", "url", "description")
_ALIASES = "[Facebook, Meta Platforms]"
"""A company's ``aliases:`` written right, for the messages."""
_KEY_ADVICE = ("a company id such as 'scale-ai:'", "one of a company's keys, such as 'name:'",
               f"a value, not a mapping: text, or a list like aliases: {_ALIASES}")
"""How the registry's keys are written, for the message about a key that is no name (``load_yaml``)."""
MAX_ALIASES = 100
"""Most aliases a company may have; each one is matched against every article by `digest check`."""


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """The form two spellings are compared in: NFC, case-folded, spaces collapsed.

    Remembered: a build folds the same few thousand tag, section and publisher names about 240,000
    times at 10,000 articles."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


@dataclass(frozen=True)
class Registry:
    """Companies by id, plus every folded name and alias pointing at its id."""

    companies: dict[str, Company]
    """Companies by id, in id order."""
    names: dict[str, str]
    """Folded name or alias → company id, in sorted order."""
    warnings: tuple[Problem, ...] = ()
    """Things fixed on the way in (control characters from YAML escapes), to report with the build's."""

    def lookup(self, name: str) -> Company | None:
        cid = self.names.get(fold(name))
        return self.companies[cid] if cid else None

    def suggest(self, name: str) -> str | None:
        """The closest known company name, for 'did you mean'."""
        hit = difflib.get_close_matches(fold(name), list(self.names), n=1, cutoff=0.6)
        return self.companies[self.names[hit[0]]].name if hit else None


def empty_registry() -> Registry:
    return Registry({}, {})


def load_registry(path: Path, rel: str) -> Registry:
    """Read the registry; a missing file is an empty registry, a bad one an error."""
    if path.is_symlink() and not path.exists():  # a link to nothing: never silently no registry
        prob = Problem(rel, 0, "", f"is a symbolic link to {os.readlink(path)}, which does not exist; link an existing "
                                   "file, or remove the link")
        raise BuildError([prob])
    if not path.exists():
        return empty_registry()
    if not path.is_file():  # a folder or a FIFO: never silently an empty registry, never a hang
        raise BuildError([Problem(rel, 0, "", "is not a regular file; make it a YAML file of companies, or remove it")])
    escaped: list[YamlError] = []
    written: Written = {}
    try:
        text = yaml_file_text(path.read_bytes())
        values, lines, slip = load_yaml_past_slips(text, 1, escaped, _KEY_ADVICE, written)
    except OSError as e:
        raise BuildError([Problem(rel, 0, "", f"cannot be read ({e.strerror}); make it a readable file")]) from None
    except YamlError as e:
        raise BuildError(yaml_problems(rel, e)) from None
    # read as if its slips were written as said: the slips, then the other entries' problems, in the same run
    slipped = yaml_problems(rel, slip) if slip is not None else []
    if values is None and slipped:  # the text so written is empty: the slips are the file's problems
        raise BuildError(slipped)
    if values is None:
        return empty_registry()
    if not isinstance(values, dict):
        raise BuildError([*slipped, Problem(rel, 1, "", "must map company ids to their details, like "
                                                        "'meta: {name: Meta}'")])
    problems = [Problem(rel, e.line, e.field, e.message) for e in escaped if isinstance(e, KeyProblem)]
    escaped = [e for e in escaped if not isinstance(e, KeyProblem)]
    companies: list[Company] = []
    cut_warnings: list[Problem] = []  # a '#word' alone on a line of aliases over lines, a name or description cut at ' #'
    raw = text.split("\n")
    owner: dict[str, tuple[str, int]] = {}
    slug_owner: dict[str, tuple[str, int, str]] = {}  # URL slug → (company id, line, spelling)
    spelled: list[tuple[str, str, str, int]] = []  # (company id, 'name' or 'alias', spelling, line)
    for cid, entry in values.items():  # every problem of every entry in one run: none stops its entry's checks
        line = lines[(cid,)]
        usable = bool(_ID.match(str(cid)))
        if not usable:
            problems.append(Problem(rel, line, str(cid), "company id must be lowercase letters, digits and hyphens, like 'scale-ai'"))
        if not isinstance(entry, dict):
            problems.append(Problem(rel, line, str(cid), "must be a mapping with at least 'name:'"))
            continue
        for key in entry:
            if key not in _KEYS:
                hint = difflib.get_close_matches(str(key), _KEYS, n=1)
                problems.append(Problem(rel, lines[(cid, key)], f"{cid}.{key}",
                                        "unknown key; " + (f"did you mean '{hint[0]}'?" if hint else "use name, aliases, url, description")))
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(Problem(rel, lines.get((cid, "name"), line), f"{cid}.name",
                                    not_text("name", name, written, (cid, "name")) if "name" in entry
                                    else "is required; add name: \"...\""))
            usable, name = False, ""
        elif cut := cut_by_comment(raw, lines[(cid, "name")], "name", name):
            cut_warnings.append(Problem(rel, lines[(cid, "name")], f"{cid}.name", cut, "warning"))
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list):
            problems.append(Problem(rel, lines.get((cid, "aliases"), line), f"{cid}.aliases", f"must be a list of names, like {_ALIASES}"))
            aliases = []
        if (cid, "aliases") in lines and (cut := names_cut_by_comment(text.split("\n"), lines[(cid, "aliases")],
                                                                       "aliases")) is not None:
            (problems if cut[2] else cut_warnings).append(Problem(rel, cut[0], f"{cid}.aliases", cut[1],
                                                                  "error" if cut[2] else "warning"))
        named: list[tuple[int, str]] = []  # the names are still checked: a clash with another company is said too
        for i, alias in enumerate(aliases):
            if isinstance(alias, str) and alias.strip():
                named.append((i, alias))
            else:
                problems.append(Problem(rel, lines.get((cid, "aliases", i), line), f"{cid}.aliases",
                                        not_a_name("aliases", alias, _ALIASES, written, (cid, "aliases", i))))
        if len(aliases) > MAX_ALIASES:
            problems.append(Problem(rel, lines.get((cid, "aliases"), line), f"{cid}.aliases",
                                    f"has {len(aliases):,} aliases, more than the {MAX_ALIASES} a company may have; "
                                    "keep the spellings editors really use"))
            named = []
        url = entry.get("url") or ""
        if not isinstance(url, str) or (url and not http_url(url.strip())):
            why = broken_http_url(url.strip()) if isinstance(url, str) else None
            problems.append(Problem(rel, lines.get((cid, "url"), line), f"{cid}.url",
                                    f"{quoted(url.strip())} {why}" if why else
                                    "must be an http(s) URL such as https://example.com/"))
            url = ""
        description = entry.get("description") or ""
        if not isinstance(description, str):
            problems.append(Problem(rel, lines.get((cid, "description"), line), f"{cid}.description",
                                    not_text("description", description, written, (cid, "description"))))
            description = ""
        elif description and (cut := cut_by_comment(raw, lines[(cid, "description")], "description", description)):
            cut_warnings.append(Problem(rel, lines[(cid, "description")], f"{cid}.description", cut, "warning"))
        spellings = [(name, lines.get((cid, "name"), line))] if name else []
        spellings += [(alias, lines.get((cid, "aliases", i), line)) for i, alias in named]
        spelled += [(str(cid), "name" if n == 0 and name else "alias", s, at) for n, (s, at) in enumerate(spellings)]
        for spelling, spelling_line in spellings:
            key = fold(spelling)
            if key in owner and owner[key][0] != str(cid):
                other, other_line = owner[key]
                problems.append(Problem(rel, spelling_line, f"{cid}", f"name or alias {quoted(spelling)} is also used by "
                                                                      f"'{other}' (line {other_line}); give it to one company"))
            owner.setdefault(key, (str(cid), spelling_line))
            slug = make_slug(spelling)  # two spellings, one /companies/<slug>/: the first company took it
            if slug and slug in slug_owner and slug_owner[slug][0] != str(cid) and fold(slug_owner[slug][2]) != key:
                other, other_line, other_spelling = slug_owner[slug]
                problems.append(Problem(rel, spelling_line, f"{cid}", f"name or alias {quoted(spelling)} makes the "
                                        f"address /companies/{slug}/, as {quoted(other_spelling)} of '{other}' (line "
                                        f"{other_line}) does; give it to one company, or spell them apart"))
            slug_owner.setdefault(slug, (str(cid), spelling_line, spelling))
        if usable:
            # one line, as an article's title: 'name: |' over lines would break <title>, the heading and the feeds
            companies.append(Company(cid, " ".join(name.split()), tuple(" ".join(a.split()) for _, a in named),
                                     encode_url(url.strip()) if url else "", description.strip()))
    problems += _spelled_as_other_id(rel, spelled, {str(cid): lines[(cid,)] for cid in values})
    warnings = tuple(Problem(rel, e.line, e.field, e.message, "warning") for e in escaped) + tuple(cut_warnings)
    if slip is not None:
        problems, warnings = slipped + said_by(rel, problems, slip), tuple(said_by(rel, [*warnings], slip))
    if problems:  # with the warnings: a '"\e"' alias is told '' by the error, and the escape's removal by its warning
        raise BuildError([*problems, *warnings])
    return Registry({c.id: c for c in sorted(companies, key=lambda c: c.id)},
                    {folded: owner[folded][0] for folded in sorted(owner)}, warnings)


def _spelled_as_other_id(rel: str, spelled: list[tuple[str, str, str, int]], ids: dict[str, int]) -> list[Problem]:
    """A name or alias whose URL slug is another company's id: an article's 'Gojek' meant the company of the alias,
    never the entry 'gojek', and that entry's page became a redirect to the other (``lookup`` reads names first)."""
    problems = []
    claims: dict[str, set[str]] = {}
    for cid, _, spelling, _ in spelled:
        claims.setdefault(fold(spelling), set()).add(cid)
    for cid, kind, spelling, line in spelled:
        other = make_slug(spelling)
        if other != cid and other in ids and len(claims[fold(spelling)]) == 1:  # (a clash is said as one)
            problems.append(Problem(rel, line, f"{cid}.{'aliases' if kind == 'alias' else 'name'}",
                                    f"{kind} {quoted(spelling)} is the id of company '{other}' (line {ids[other]}), so an "
                                    f"article's {quoted(spelling)} would mean '{cid}' and /companies/{other}/ would lead "
                                    f"to it; if they are one company, merge the two entries, or else remove the {kind}"
                                    + (" or change it" if kind == "name" else "")))
    return problems
