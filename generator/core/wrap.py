"""Plain text wrapped by the columns it takes in a fixed-width font: a Chinese or Japanese character (East Asian
Width 'W' or 'F') takes two, a combining mark none. ``textwrap`` counts characters and breaks only at spaces, so a
Chinese paragraph, which has none, was one line 140 columns wide in the text e-mail."""
from __future__ import annotations

import re
import unicodedata

MAYBE_WIDE = re.compile("[\u1100-\u115f\u231a-\u23ff\u25fd\u25fe\u2600-\u27bf\u2b1b-\u2b55\u2e80-\ua4cf"
                        "\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe6f\uff00-\uff60\uffe0-\uffe6"
                        "\U00016fe0-\U0001b2ff\U0001f000-\U0001faff\U00020000-\U0003fffd]")
"""Ranges holding every character of East Asian Width 'W' or 'F' (and others, measured one by one): text with
none of them is one column a character, and may be wrapped as ``textwrap`` does."""

_NO_LINE_START = frozenset("、。，．：；？！）」』】〕〉》］｝〙〗〟’”ー…‥・々〻ゝゞヽヾ"
                           "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
                           ",.:;?!)]}%")
"""Closing marks and small kana, which may not begin a line (Japanese kinsoku, as Chinese sets it too)."""
_NO_LINE_END = frozenset("（「『【〔〈《［｛〘〖〝‘“([{")
"""Opening marks, which may not end a line."""
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3]")
"""Korean, wide but written with spaces between words: it breaks at them, as other text does."""


def columns(text: str) -> int:
    """How many columns ``text`` takes."""
    if not MAYBE_WIDE.search(text):
        return len(text) if text.isascii() else sum(not unicodedata.combining(c) for c in text)
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _breaks_around(char: str) -> bool:
    """Whether a line may break before and after ``char``: a Chinese or Japanese character, wide punctuation."""
    return unicodedata.east_asian_width(char) in "WF" and not _HANGUL.match(char)


def _pieces(word: str, break_on_hyphens: bool) -> list[str]:
    """``word`` (no whitespace) cut where a line may break: around each Chinese or Japanese character, but never
    before a closing mark or after an opening one, and after a hyphen between letters when ``break_on_hyphens``."""
    if not MAYBE_WIDE.search(word) and not (break_on_hyphens and "-" in word):
        return [word]
    pieces: list[str] = []
    for char in word:
        if pieces:
            last = pieces[-1]
            if (char not in _NO_LINE_START and last[-1] not in _NO_LINE_END and not unicodedata.combining(char)
                    and (_breaks_around(char) or _breaks_around(last[-1])
                         or break_on_hyphens and last[-1] == "-" and last[:-1][-1:].isalnum() and char.isalnum())):
                pieces.append(char)
            else:
                pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def wrap(text: str, width: int, first: str = "", rest: str = "", break_long_words: bool = False,
         break_on_hyphens: bool = False) -> list[str]:
    """The lines of ``text``, each at most ``width`` columns with its prefix (``first`` on the first line, ``rest``
    on the others), filled with as many pieces as fit; the spaces where a line breaks are dropped. A word wider
    than a line (an address) stands alone on its line, or with ``break_long_words`` is cut to fill it. ``[]`` for
    text of spaces alone."""
    lines: list[str] = []
    line, used, empty = first, columns(first), True
    for space, word in re.findall(r"(\s*)(\S+)", text):
        for n, piece in enumerate(_pieces(word, break_on_hyphens)):
            gap = space if n == 0 and not empty else ""
            wide = columns(piece)
            if not empty and used + columns(gap) + wide > width:
                lines.append(line)
                line, used, empty, gap = rest, columns(rest), True, ""
            while break_long_words and used + wide > width and len(piece) > 1:
                cut = len(piece) - 1
                while cut > 1 and used + columns(piece[:cut]) > width:
                    cut -= 1
                lines.append(line + piece[:cut])
                line, used, piece = rest, columns(rest), piece[cut:]
                wide = columns(piece)
            line, used, empty = line + gap + piece, used + columns(gap) + wide, False
    if not empty:
        lines.append(line)
    return lines
