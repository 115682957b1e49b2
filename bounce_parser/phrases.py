"""What a phrase regex cannot match without (a literal, or one of a few words): a cheap test."""

from __future__ import annotations

from collections.abc import Iterator

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


def required_choices(phrase: str) -> tuple[str, ...]:
    """Strings one of which every match of ``phrase`` contains; ``()`` when none is known.

    The longest required literal, or the words of a top-level ``(?:a|b|c)`` group of plain
    words, whichever is more selective (its shortest member is longer); a top-level
    alternative needs one of its branches' choices.
    """
    branches = _split_alternatives(phrase)
    if len(branches) > 1:
        parts = [required_choices(branch) for branch in branches]
        return () if not all(parts) else tuple(c for part in parts for c in part)
    literal = required_literal(phrase)
    candidates: list[tuple[str, ...]] = [(literal,)] if literal.strip() else []
    for group in _top_level_groups(phrase):
        words = _split_alternatives(group)
        if all(words) and not any(_SPECIAL & set(word) for word in words):
            candidates.append(tuple(words))
    if not candidates:
        return ()
    best = max(candidates, key=lambda c: (_weakest(c), -len(c)))
    return best if _weakest(best) >= 3 else ()


def _weakest(words: tuple[str, ...]) -> int:
    # Bytes, not characters: two CJK characters are as telling as six ASCII letters.
    return min(len(word.encode()) for word in words)


def _structure(phrase: str) -> Iterator[tuple[int, str]]:
    """Each character of ``phrase`` that gives it structure, with its index: escapes (``\\x``)
    and character classes (``[...]``) are stepped over whole."""
    index = 0
    while index < len(phrase):
        char = phrase[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = phrase.index("]", index + 2) + 1
            continue
        yield index, char
        index += 1


def _split_alternatives(phrase: str) -> list[str]:
    """``phrase`` cut at its top-level ``|`` (not inside groups or classes)."""
    parts, start, depth = [], 0, 0
    for index, char in _structure(phrase):
        depth += (char == "(") - (char == ")")
        if char == "|" and depth == 0:
            parts.append(phrase[start:index])
            start = index + 1
    parts.append(phrase[start:])
    return parts


def _top_level_groups(phrase: str) -> list[str]:
    """The insides of the top-level ``(?:...)`` groups that a match cannot skip."""
    groups, depth, opened = [], 0, 0
    for index, char in _structure(phrase):
        if char == "(":
            depth += 1
            opened = index if depth == 1 else opened
        elif char == ")":
            depth -= 1
            optional = phrase[index + 1 : index + 2] in ("?", "*", "{")
            if depth == 0 and phrase.startswith("(?:", opened) and not optional:
                groups.append(phrase[opened + 3 : index])
    return groups
