"""The literal a phrase regex cannot match without: a cheap test before the regex."""

from __future__ import annotations

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
