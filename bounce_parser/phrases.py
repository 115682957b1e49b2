"""The phrase machinery of the text rules: a wording, the literal it needs, its reason."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bounce_parser.reason import Reason as R


@dataclass(frozen=True, slots=True)
class Phrase:
    """One wording, and a literal it cannot match without (a cheap test before the regex).

    The regex is compiled the first time its literal is seen: most phrases are never needed by
    a short-lived process such as the command line tool.
    """

    source: str
    literal: str

    @property
    def pattern(self) -> re.Pattern[str]:
        """The compiled phrase."""
        compiled = _COMPILED.get(self.source)
        if compiled is None:
            compiled = _COMPILED[self.source] = re.compile(self.source)
        return compiled

    def search(self, low: str) -> bool:
        """Whether the lower-cased text contains this wording."""
        return self.literal in low and self.pattern.search(low) is not None


_COMPILED: dict[str, re.Pattern[str]] = {}  # a cache of compiled phrases, not state


@dataclass(frozen=True, slots=True)
class TextRule:
    """One reason and the phrases in a diagnostic text that mean it."""

    reason: R
    phrases: tuple[Phrase, ...]

    def matches(self, low: str) -> bool:
        """Whether any phrase occurs in the lower-cased text."""
        return any(phrase.search(low) for phrase in self.phrases)


_SPECIAL = frozenset("\\()[]{}?*+|.^$")


def required_literal(phrase: str) -> str:
    """The longest literal every match of ``phrase`` contains (``""`` when there is none).

    Only text outside groups and classes counts, and a character a quantifier makes optional
    is dropped, so the literal is a necessary condition: testing it first changes no result.
    """
    runs, run, depth, index = [""], "", 0, 0
    while index < len(phrase):
        char = phrase[index]
        if char == "\\" or char in "[(" or depth:
            depth += (char == "(") - (char == ")") if char in "()" else 0
            runs.append(run)
            run = ""
            index += 2 if char == "\\" else 1
            if char == "[":
                index = phrase.index("]", index + 1) + 1
            continue
        if char == "|":
            return ""  # a top-level alternative needs none of the other's text
        if char in _SPECIAL:
            runs.append(run[:-1] if char in "?*{" else run)
            run = ""
            if char == "{":
                index = phrase.index("}", index)
        else:
            run += char
        index += 1
    runs.append(run)
    return max(runs, key=len)


def rule(reason: R, *phrases: str) -> TextRule:
    """A text rule: ``reason`` for any of ``phrases`` (regexes on lower-cased text).

    Every phrase is compiled by the tests (test_bounce_formats), so a typo cannot wait here.
    """
    return TextRule(reason, tuple(Phrase(p, required_literal(p)) for p in phrases))
