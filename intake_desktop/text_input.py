"""Text typed by people, made safe to compare and to show, without changing what is stored.

Names and notes are stored exactly as typed (after the app's own ``strip``):
they are records about a person and may be shown back to them. Two things are
derived from them instead:

* ``search_key``: a folded form for finding people. Canonically equal
  spellings (NFC "é" and NFD "e" + U+0301), compatibility forms (full-width
  letters, ligatures, Arabic presentation forms), case, and characters that
  cannot be seen (bidi controls, zero-width characters, control characters)
  make no difference.
* ``display_safe``: the text for a Qt label. Bidi embeddings, overrides and
  isolates are removed so typed text cannot reorder the text around it (a
  classic trick: U+202E makes "gpj.exe" look like "exe.jpg"); control
  characters are removed because Qt draws them as boxes or not at all.
  Everything else stays, ZWJ and ZWNJ included (they steer Arabic and
  Persian joining and are part of how a name is written).

Printing has its own cleaner, ``printing.bidi_text.clean_text``.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["BIDI_CONTROLS", "display_safe", "is_blank", "search_key"]

# Explicit embeddings and overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 15):
# characters that render as nothing. It includes the bidi controls and marks,
# the zero-width characters, the soft hyphen and variation selectors, so
# "Mo<soft hyphen>hammed" and "Mohammed" get the same search key.
_IGNORABLE_RANGES = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
_C0_C1 = (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))
# Control characters that separate words; in a search key they are a space,
# so "Ali<TAB>Hassan" is still two words.
_SEPARATING_CONTROLS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85"


def _search_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {code: None for code in _C0_C1}
    for first, last in _IGNORABLE_RANGES:
        table.update(dict.fromkeys(range(first, last + 1)))
    table.update({ord(ch): " " for ch in _SEPARATING_CONTROLS})
    return table


_SEARCH_TABLE = _search_table()
_SURROGATES = re.compile("[\ud800-\udfff]")
_WHITESPACE = re.compile(r"\s+")


def search_key(text: str) -> str:
    """The folded form of ``text`` that searching compares: NFKC, case-folded, invisibles dropped.

    Words are separated by single spaces, without spaces at either end; the
    empty string means "nothing searchable".
    """
    # Invisible characters go before normalising, so one hidden between a
    # letter and its accent cannot stop them composing; and once more after,
    # because NFKC maps a few characters (half-width Hangul filler) to ones
    # that are themselves ignorable.
    text = _SURROGATES.sub("", text.translate(_SEARCH_TABLE))
    # Case folding can undo normalisation ("ǰ" folds to j + combining caron),
    # so normalise again afterwards (Unicode's NFKC_Casefold does the same).
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    text = text.translate(_SEARCH_TABLE)
    return _WHITESPACE.sub(" ", text).strip()


def _display_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {code: None for code in _C0_C1}
    table.update(dict.fromkeys(map(ord, BIDI_CONTROLS)))
    # Line breaks that Qt would not break on, or would show as a box.
    table.update({ord(ch): "\n" for ch in "\r\x0b\x0c\x85"})
    table[ord("\n")] = "\n"
    # A tab in a label is a space in practice.
    table[ord("\t")] = " "
    return table


_DISPLAY_TABLE = _display_table()


def display_safe(text: str) -> str:
    """``text`` for a Qt label or list: unable to reorder its neighbours, otherwise as typed.

    Removed: bidi embeddings, overrides and isolates (U+202A..U+202E,
    U+2066..U+2069), control characters other than the line break, and lone
    surrogates (they cannot be drawn and Qt never produces them). Tab becomes a
    space, CR LF and the other line breaks "\\n". Kept: everything else, ZWJ
    and ZWNJ and the directional marks LRM, RLM and ALM included. A mark only
    affects the neutral characters next to it within its own paragraph or
    isolate, and people who write Arabic with Latin names in it use them to
    get the order right. Not normalised: the stored value is shown as stored.

    A value placed inside a sentence still goes through ``i18n.isolate`` so
    its own direction (an Arabic name in a Dutch sentence) stays inside it.
    """
    text = text.replace("\r\n", "\n").translate(_DISPLAY_TABLE)
    return _SURROGATES.sub("", text)


def is_blank(text: str) -> bool:
    """True when ``text`` shows nothing: only spaces, controls and invisible characters."""
    return not search_key(text)
