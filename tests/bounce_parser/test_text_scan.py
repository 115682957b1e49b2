"""The phrase tables' word scan and the whole-host test give the answers of the plain
algorithms they replace (a substring test per word; a regex compiled per host), on every
phrase of the tables and on drawn texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bounce_parser import text_rules
from bounce_parser.notice import _names_host
from bounce_parser.phrases import required_choices
from bounce_parser.text_rules import _Words

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
WORDS = sorted({w for entry in text_rules.ENTRIES for w in required_choices(entry.pattern)})
SCAN = _Words(set(WORDS))


def plain_match(low: str) -> str | None:
    """match_text's answer the way it was computed before the scan: each group, then each of
    its entries, tried when one of the entry's words is a substring of the text."""
    for _reason, group in text_rules._BY_GROUP:
        for entry_id, choices, regex in group.members:
            if (not choices or any(c in low for c in choices)) and text_rules.states(regex, low):
                return entry_id
    return None


def scanned_match(text: str) -> str | None:
    found = text_rules.match_text.__wrapped__(text)
    return None if found is None else found.rule


def test_every_phrase_word_is_found_where_it_stands_and_its_prefixes_with_it() -> None:
    for word in WORDS:
        text = f"x {word} y"
        assert SCAN.present(text) == {w for w in WORDS if w in text}, word


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=6), st.text(max_size=40))
def test_the_scan_finds_exactly_the_words_a_substring_test_finds(
    picked: list[str], noise: str
) -> None:
    text = noise.join(picked) + noise
    assert SCAN.present(text) == {w for w in WORDS if w in text}


@settings(max_examples=200, deadline=None)
@given(st.sets(st.text(alphabet="ab-.", max_size=4), max_size=8), st.text("ab-.x", max_size=30))
def test_overlapping_and_nested_words_are_all_found(words: set[str], text: str) -> None:
    # Words that are prefixes, suffixes and repeats of each other, and the empty word.
    assert _Words(words).present(text) == {w for w in words if w in text}


def test_match_text_names_the_entry_the_plain_search_names_on_every_phrase() -> None:
    for entry in text_rules.ENTRIES:
        for word in required_choices(entry.pattern) or ("",):
            text = f"550 5.0.0 {word} <someone@example.org> {word.upper()}"
            assert scanned_match(text) == plain_match(text.lower()), (entry.id, text)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not next to the project")
def test_match_text_names_the_entry_the_plain_search_names_on_the_shared_corpus_lines() -> None:
    lines = {
        line
        for path in sorted(CORPUS.rglob("*.eml"))
        for line in path.read_bytes().decode("utf-8", "replace").splitlines()
        if any(c.isalpha() for c in line)
    }
    for line in sorted(lines):
        assert scanned_match(line) == plain_match(line.lower()), line


def names_host_by_regex(text: str, host: str) -> bool:
    return re.search(rf"(?<![\w.-]){re.escape(host)}(?![\w-]|\.\w)", text) is not None


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("553 sender.example does not exist", "sender.example"),
        ("553 mx.sender.example does not exist", "sender.example"),
        ("553 sender.example.org does not exist", "sender.example"),
        ("domain sender.example.", "sender.example"),
        ("sender.example-two sender.example", "sender.example"),
        ("x_sender.example", "sender.example"),
        ("sender.exampleé", "sender.example"),
        ("(sender.example)", "sender.example"),
        ("", "sender.example"),
    ],
)
def test_names_host_answers_as_the_regex_did(text: str, host: str) -> None:
    assert _names_host(text, host) is names_host_by_regex(text, host)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab.-_é1 ", max_size=30), st.text(alphabet="ab.-1", min_size=1, max_size=5))
def test_names_host_answers_as_the_regex_on_drawn_texts(text: str, host: str) -> None:
    assert _names_host(text, host) is names_host_by_regex(text, host)
