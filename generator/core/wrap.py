"""Plain text wrapped by the columns it takes in a fixed-width font: a Chinese or Japanese character (East Asian
Width 'W' or 'F') takes two, a combining mark above or below none, a spacing mark (Devanagari's 'ि') one.
``textwrap`` counts characters and breaks only at spaces, so a Chinese paragraph, which has none, was one line 140
columns wide in the text e-mail. A line never breaks inside what a reader sees as one character (``clusters``): an
emoji with its skin tone or joined to others, a flag, a letter with its combining accent."""
from __future__ import annotations

import re
import unicodedata
from generator.core.patterns import LazyPattern

MAYBE_WIDE = LazyPattern("[\u1100-\u115f\u231a-\u23ff\u25fd\u25fe\u2600-\u27bf\u2b1b-\u2b55\u2e80-\ua4cf"
                         "\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe6f\uff00-\uff60\uffe0-\uffe6"
                         "\U00016fe0-\U0001b2ff\U0001f000-\U0001faff\U00020000-\U0003fffd]")
"""Ranges holding every character of East Asian Width 'W' or 'F' (and others, measured one by one): text with
none of them is one column a character, and may be wrapped as ``textwrap`` does."""
_ASCII_BYTES = bytes(range(128))
"""Deleted from a text's UTF-8 (``bytes.translate``), they leave its non-ASCII characters."""

_NO_LINE_START = frozenset("、。，．：；？！）」』】〕〉》］｝〙〗〟’”ー…‥・々〻ゝゞヽヾ"
                           "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
                           ",.:;?!)]}%")
"""Closing marks and small kana, which may not begin a line (Japanese kinsoku, as Chinese sets it too)."""
_NO_LINE_END = frozenset("（「『【〔〈《［｛〘〖〝‘“([{")
"""Opening marks, which may not end a line."""
_HANGUL = LazyPattern("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\uffa0-\uffdc]")
"""Korean, wide but written with spaces between words: it breaks at them, as other text does."""
_ZWJ = "\u200d"
_FLAG_LETTERS = range(0x1F1E6, 0x1F200)
"""Regional indicators: two of them make a flag ('🇮🇩')."""


_SEGMENT_BREAK = LazyPattern(r"[^\S\n]*\n\s*")
"""A line break in the source with the spaces around it."""


JOINING = LazyPattern(MAYBE_WIDE.pattern[:-1] + "\u20a9\uff61-\uffdc\uffe8-\uffee\u200b]")
"""Ranges holding every character of East Asian Width 'F', 'W' or 'H' and the zero width space: a line break next
to none of them is a space (``joins_without_space``)."""


def visible(text: str) -> bool:
    """Whether ``text`` has a character one can see: not only spaces and invisible ones (a zero-width space,
    U+200B, pasted from a web page, makes a title or a heading that shows as nothing)."""
    return text.isprintable() and bool(text.strip()) or any(
        not c.isspace() and unicodedata.category(c) not in ("Cf", "Cc", "Zl", "Zp", "Co", "Cn") for c in text)


def joins_without_space(before: str, after: str) -> bool:
    """Whether a line break between ``before`` and ``after`` is dropped rather than shown as a space (CSS Text 3,
    segment break transformation): both Chinese or Japanese (East Asian Width 'F', 'W' or 'H', not Korean, which
    puts spaces between words), or either a zero width space."""
    if not before or not after or "\u200b" in (before, after):
        return True
    return (unicodedata.east_asian_width(before) in "FWH" and unicodedata.east_asian_width(after) in "FWH"
            and not _HANGUL.match(before) and not _HANGUL.match(after))


def collapse(text: str) -> str:
    """``text``'s runs of whitespace as one space, as a browser shows them, but a line break between two Chinese or
    Japanese characters dropped: they put no space between words, so '第一行\n第二行' reads '第一行第二行'."""
    if text.isascii() or "\n" not in text:
        return " ".join(text.split())
    return " ".join(_SEGMENT_BREAK.sub(lambda m: "" if joins_without_space(text[m.start() - 1:m.start()],
                                                                          text[m.end():m.end() + 1]) else " ",
                                       text).split())


def _extends(char: str) -> bool:
    """Whether ``char`` belongs with the character before it: a combining mark (a variation selector too), a zero
    width joiner, an emoji modifier (a skin tone) or a tag (the letters of a subdivision flag)."""
    code = ord(char)
    return (unicodedata.category(char)[0] == "M" or char == _ZWJ or 0x1F3FB <= code <= 0x1F3FF
            or 0xE0020 <= code <= 0xE007F)


def _spacing(char: str) -> bool:
    """Whether ``char`` is a spacing mark (category Mc: Devanagari's 'ा', 'ि', 'ी', 'ो'): it stays with its letter,
    as every mark does, but is drawn beside it and takes a column of its own (as ``wcwidth`` counts it)."""
    return unicodedata.category(char) == "Mc"


def clusters(text: str) -> list[str]:
    """``text`` in what a reader sees as one character each (a small part of Unicode's grapheme clusters, UAX #29):
    a mark, a joiner and what it joins, a skin tone or a flag's second letter stays with what comes before it, so a
    line never starts with half of '👍🏽', 'é' written with a combining accent, '☕️', '👨‍👩‍👧' or '🇮🇩'."""
    if text.isascii():
        return list(text)
    found: list[str] = []
    flag = False  # the last cluster is a flag's first letter
    for char in text:
        if found and (flag and ord(char) in _FLAG_LETTERS or found[-1][-1] == _ZWJ or _extends(char)):
            found[-1] += char
            flag = flag and ord(char) not in _FLAG_LETTERS
        else:
            found.append(char)
            flag = ord(char) in _FLAG_LETTERS
    return found


def _cluster_columns(cluster: str) -> int:
    """Two for a wide character, an emoji shown as one ('☕️', with U+FE0F) or a flag; none for a lone mark above or
    below (Mn, Me); one more for each spacing mark (``_spacing``)."""
    if (unicodedata.east_asian_width(cluster[0]) in "WF" or "\ufe0f" in cluster
            or len(cluster) > 1 and ord(cluster[0]) in _FLAG_LETTERS):
        return 2
    return (not _extends(cluster[0])) + sum(map(_spacing, cluster))


def _maybe_wide(text: str) -> bool:
    """``MAYBE_WIDE.search(text) is not None``, told without the pattern when every character of ``text`` is below
    U+1100 or between its first range (U+1100 to U+115F) and its second (from U+231A): the accents, dashes, quotes,
    '€' and '™' of Latin text, whose text e-mail then never compiles it (40 M instructions, its 45,000 characters
    marked one at a time: 1.2% of a one-edit rebuild). The distinct non-ASCII characters are found as
    ``count_words`` finds them, in a few instructions a byte."""
    if text.isascii():
        return False
    data = text.encode("utf-8", "surrogatepass")
    for char in set(data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")):
        if char >= "\u231a" or "\u1100" <= char <= "\u115f":
            return MAYBE_WIDE.search(text) is not None
    return False


def columns(text: str) -> int:
    """How many columns ``text`` takes."""
    if not _maybe_wide(text):
        return len(text) if text.isascii() else sum(not _extends(c) or _spacing(c) for c in text)
    return _cluster_columns(text) if len(text) == 1 else sum(map(_cluster_columns, clusters(text)))


def by_columns(text: str) -> bool:
    """Whether ``text`` takes other than a column a character: it holds a wide character or a mark (Thai's vowels
    and tones above and below a letter, an accent written apart), so ``wrap``, not ``textwrap``, must fill its
    lines."""
    return not text.isascii() and (_maybe_wide(text) or columns(text) != len(text))


def _breaks_around(cluster: str) -> bool:
    """Whether a line may break before and after ``cluster``: a Chinese or Japanese character, wide punctuation, an
    emoji or a flag."""
    return _cluster_columns(cluster) == 2 and not _HANGUL.match(cluster)


def _pieces(word: str, break_on_hyphens: bool) -> list[str]:
    """``word`` (no whitespace) cut where a line may break: around each Chinese or Japanese character, but never
    before a closing mark or after an opening one, and after a hyphen between letters when ``break_on_hyphens``;
    never inside a cluster (``clusters``)."""
    if not MAYBE_WIDE.search(word) and not (break_on_hyphens and "-" in word):
        return [word]
    pieces: list[str] = []
    last, after = "", False  # the cluster before, and whether a line may break after it
    for cluster in clusters(word):
        char, around = cluster[0], _breaks_around(cluster)
        if pieces and (char not in _NO_LINE_START and last[0] not in _NO_LINE_END
                       and (around or after or break_on_hyphens and last == "-" and pieces[-1][:-1][-1:].isalnum()
                            and char.isalnum())):
            pieces.append(cluster)
        elif pieces:
            pieces[-1] += cluster
        else:
            pieces.append(cluster)
        last, after = cluster, around
    return pieces


_THAI_LEADING = frozenset("เแโใไ")
"""Thai vowels written before the consonant they are said after: a cut after one leaves it without its syllable."""
_THAI_FOLLOWING = frozenset("ะาำๅๆฯ")
"""Thai vowels and signs that end the syllable before them (the repetition mark 'ๆ', the abbreviation 'ฯ'): a cut
before one leaves the syllable without it."""
_THAI_ENDING = frozenset("ะำๆฯ")
"""Thai vowels and signs after which a syllable never goes on; not 'า', which a final consonant may follow ('การ')."""
_THAI_LETTER = LazyPattern("[\u0e01-\u0e4e]")
"""A Thai letter, vowel or sign (not a digit): between two of them, only the rules above prove a syllable's end."""


def cut_point(text: str, at: int, shortest: int = 0) -> int:
    """The last place at or before ``at`` where ``text`` may be cut: never inside what a reader sees as one
    character (``clusters``: a letter and its marks, Thai's vowels above and below and its tone marks, an emoji), nor
    after a Thai vowel written before its consonant ('เ' of 'เพื่อน'), nor before one that ends a syllable ('า'), nor
    inside a run of digits or Latin letters, before a closing mark or after an opening one (``_holds_together``).
    Cut at 200 characters, 'ประเทศเพื่อน' lost its tone mark and read 'ประเทศเพื…'; it reads 'ประเทศ…'.

    Between two Thai letters, only a place a rule proves a syllable's end is taken (``thai_syllables_end``): the
    consonants of 'ใหม่' or 'ไทย' stand alike at a syllable's end and inside one ('รุ่นให…'), so the cut goes back
    to the last proven place after ``shortest``, a shorter summary rather than a wrong word."""
    ends, end = [], 0
    for cluster in clusters(text[:at + 32]):  # a cluster longer than 32 characters is none a reader sees
        end += len(cluster)
        if end > at:
            break
        ends.append(end)
    whole = [n for n in ends if text[n - 1] not in _THAI_LEADING and text[n:n + 1] not in _THAI_FOLLOWING]
    last = 0  # the last place that holds no run together (``_holds_together``), asked from the end: few are
    for n in reversed(whole):
        if _holds_together(text, n):
            continue
        last = last or n
        if n <= shortest:
            break
        if thai_syllables_end(text, n):
            return n
    return last or (whole[-1] if whole else ends[-1] if ends else at)


def _run_letter(char: str) -> bool:
    """Whether ``char`` is a digit (Thai's too) or a Latin letter: a run of them is one word (not a Chinese or Thai
    letter, which a line may follow)."""
    return char.isdigit() or char.isalpha() and char < "\u0250"


def _holds_together(text: str, at: int) -> bool:
    """Whether a cut at ``at`` would split a run of digits or Latin letters written against Thai text ('มูลค่า15000|
    000บาท', 'Goog|le'; a number's ',' or '.' between digits too, '15,|000'), start a line with a closing mark
    ('(OpenAI' and ')' alone on the next line) or end one with an opening mark: the cut goes before or after."""
    after, start = text[at:at + 1], at - 1
    while start > 0 and _extends(text[start]):
        start -= 1
    before = text[start]
    if after in _NO_LINE_START or before in _NO_LINE_END:
        return True
    if _run_letter(before) and _run_letter(after):
        return True
    return (before in ",." and after.isdigit() and text[start - 1:start].isdigit()
            or after in ",." and before.isdigit() and text[at + 1:at + 2].isdigit())


def thai_syllables_end(text: str, at: int) -> bool:
    """Whether a syllable surely ends at ``at``: it is not between two Thai letters, or the next begins with a vowel
    written before its consonant ('เ', 'แ', 'โ', 'ใ', 'ไ'), or the last ends with 'ะ', 'ำ', 'ๆ' or 'ฯ'."""
    before, after = text[at - 1:at], text[at:at + 1]
    return (not (_THAI_LETTER.match(before) and _THAI_LETTER.match(after)) or after in _THAI_LEADING
            or before in _THAI_ENDING)


def _thai_cut(piece: str, room: int) -> int:
    """Where a Thai ``piece`` wider than a line is cut to fill ``room`` columns: at a syllable's proven end in the
    room's second half (``cut_point``), else between two clusters; 0 if not one cluster fits."""
    at, used = 0, 0
    for cluster in clusters(piece):
        used += _cluster_columns(cluster)
        if used > room:
            break
        at += len(cluster)
    return cut_point(piece, at, at // 2) if at else 0


def wrap(text: str, width: int, first: str = "", rest: str = "", break_long_words: bool = False,
         break_on_hyphens: bool = False) -> list[str]:
    """The lines of ``text``, each at most ``width`` columns with its prefix (``first`` on the first line, ``rest``
    on the others), filled with as many pieces as fit; the spaces where a line breaks are dropped. A word wider
    than a line (an address) stands alone on its line, or with ``break_long_words`` is cut to fill it; one with Thai
    letters, which puts no spaces between words, is cut to fill it always (``_thai_cut``). ``[]`` for text of spaces
    alone."""
    lines: list[str] = []
    line, used, empty, room = first, columns(first), True, width - columns(rest)
    for space, word in re.findall(r"(\s*)(\S+)", text):
        for n, piece in enumerate(_pieces(word, break_on_hyphens)):
            gap = space if n == 0 and not empty else ""
            wide = columns(piece)
            if wide > room and _THAI_LETTER.search(piece):
                # Thai has no space between words: a phrase wider than a line fills it and goes on at a syllable's
                # end, or between two clusters (it ran 90 columns wide in the text e-mail)
                while piece and used + columns(gap) + wide > width:
                    cut = _thai_cut(piece, width - used - columns(gap)) or (len(clusters(piece)[0]) if empty else 0)
                    lines.append(line + gap + piece[:cut] if cut else line)
                    line, used, empty, gap, piece = rest, columns(rest), True, "", piece[cut:]
                    wide = columns(piece)
                if not piece:
                    continue
            elif not empty and used + columns(gap) + wide > width:
                lines.append(line)
                line, used, empty, gap = rest, columns(rest), True, ""
            while break_long_words and used + wide > width and len(parts := clusters(piece)) > 1:
                cut = len(parts) - 1
                while cut > 1 and used + columns("".join(parts[:cut])) > width:
                    cut -= 1
                lines.append(line + "".join(parts[:cut]))
                line, used, piece = rest, columns(rest), "".join(parts[cut:])
                wide = columns(piece)
            line, used, empty = line + gap + piece, used + columns(gap) + wide, False
    if not empty:
        lines.append(line)
    return lines
