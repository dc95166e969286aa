"""The input-boundary cleaning policy (rasad.textclean)."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rasad.textclean import REPLACEMENT, clean_optional, clean_text, needs_cleaning


def test_lone_surrogate_becomes_replacement_character():
    assert clean_text("قتل \ud800 جندي") == f"قتل {REPLACEMENT} جندي"
    assert clean_text("\udfff") == REPLACEMENT


def test_nul_and_c0_controls_become_spaces_but_tab_newline_cr_stay():
    assert clean_text("a\x00b\x07c\x1fd") == "a b c d"
    assert clean_text("a\tb\nc\rd") == "a\tb\nc\rd"
    assert clean_text("\x0b\x0c") == "  "


def test_other_characters_are_kept():
    s = "abc \x7f \x85 \u200f مرحبا 😀"
    assert clean_text(s) == s
    assert clean_text(s) is s
    assert not needs_cleaning(s)


def test_optional_field():
    assert clean_optional(None) is None
    assert clean_optional("x\x00") == "x "


HOSTILE = st.one_of(
    st.characters(),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, categories=["Cs"]),
    st.characters(max_codepoint=0x1F),
)


@given(st.text(alphabet=HOSTILE))
def test_length_kept_and_result_encodable_and_idempotent(s):
    out = clean_text(s)
    assert len(out) == len(s)
    out.encode("utf-8")
    assert "\x00" not in out
    assert clean_text(out) == out
    assert needs_cleaning(s) == (out != s)
    for a, b in zip(s, out):
        assert a == b or b in (" ", REPLACEMENT)
