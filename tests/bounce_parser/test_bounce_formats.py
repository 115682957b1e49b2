"""Every registered format parser honours the FormatParser protocol and its contract."""

from __future__ import annotations

import inspect
import re

import pytest

from bounce_parser.formats import FORMATS, FormatParser
from bounce_parser.mail import load
from bounce_parser.report import Finding
from bounce_parser.text_rules import ENTRIES, required_literal
from tests.bounce_parser.bounce_samples import ORDINARY, POSTFIX, dsn, failed, plain


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_each_format_implements_the_protocol(fmt: FormatParser) -> None:
    assert isinstance(fmt, FormatParser)
    assert isinstance(fmt.name, str)
    assert fmt.name
    assert isinstance(fmt.structured, bool)
    parameters = list(inspect.signature(fmt.findings).parameters)
    assert parameters == ["mail"]


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_nothing_found_is_an_empty_tuple(fmt: FormatParser) -> None:
    mail = load(plain(ORDINARY, sender="heidi@friends.example", subject="lunch"))
    assert mail is not None
    assert fmt.findings(mail) == ()


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_what_a_format_finds_is_a_tuple_of_findings(fmt: FormatParser) -> None:
    for raw in (plain(POSTFIX), dsn(failed("alice@receiver.example", "5.1.1"))):
        mail = load(raw)
        assert mail is not None
        found = fmt.findings(mail)
        assert isinstance(found, tuple)
        assert all(isinstance(f, Finding) for f in found)


def test_format_names_are_unique_and_structured_ones_come_first() -> None:
    names = [f.name for f in FORMATS]
    assert len(names) == len(set(names))
    flags = [f.structured for f in FORMATS]
    assert flags == sorted(flags, reverse=True)


@pytest.mark.parametrize(
    ("phrase", "literal"),
    [
        ("blocked using", "blocked using"),
        (r"relay(?:ing)? (?:access )?denied", "denied"),
        (r"fails? to pass authentication", " to pass authentication"),
        (r"spams?", "spam"),
        (r"doesn't have a .{1,40} account", "doesn't have a "),
        (r"(?:not permitted|unable) to relay", " to relay"),
        (r"\bdmarc\b", "dmarc"),
        (r"a|b", ""),
    ],
)
def test_required_literal(phrase: str, literal: str) -> None:
    assert required_literal(phrase) == literal


def test_every_phrase_literal_is_necessary() -> None:
    # The literal is tested before the regex: a phrase must never match text without it.
    for entry in ENTRIES:
        source, pattern = entry.pattern, re.compile(entry.pattern)
        literal = required_literal(source)
        assert literal in source.replace("\\b", "") or not literal
        for sample in _samples_for(source):
            if pattern.search(sample):
                assert literal in sample, (source, sample)
                assert not entry.choices or any(c in sample for c in entry.choices), entry


def _samples_for(source: str) -> list[str]:
    # Text a phrase should match: its source with regex syntax collapsed to one choice.
    simple = re.sub(r"\(\?:([^()|]*)(?:\|[^()]*)?\)\??", r"\1", source)
    simple = re.sub(r"\\[bsS]|[\\^$*+?{}\[\]]", " ", simple)
    return [simple, simple.replace("  ", " ")]
