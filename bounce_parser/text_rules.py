"""What a diagnostic text says: the phrase tables of ``data/phrases/*.toml``, compiled once.

Each phrase entry names its group, a regex on the lower-cased text and its source (an RFC
section, a provider's error-code page, a server's source file). ``GROUPS`` below is the order
of precedence between groups: the first group with a matching phrase gives the reason, so the
sender-side groups come before the recipient ones and the narrower before the broader. Every
entry is compiled at import; a group is searched only when one of its entries' required words
is in the text, and an entry only when one of its own is (``phrases.required_choices``). A
match says which entry fired (``TextMatch.rule``, e.g. ``postfix:3``).

A match on an address's letters is not a statement: ``overquota@example.org`` or
``user@spam-filter.example`` say nothing of the delivery (see ``states``); only the entries
whose own pattern holds an ``@`` read addresses.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from bounce_parser.phrases import required_choices, required_literal
from bounce_parser.reason import Reason as R

__all__ = [
    "ENTRIES",
    "FLAGS",
    "GROUPS",
    "OVERRIDING_REASONS",
    "SENDER_STATEMENT_GROUPS",
    "PhraseEntry",
    "TextMatch",
    "match_flag",
    "match_text",
    "required_literal",
    "says_gave_up",
]

# Sender-side evidence in the text outweighs a recipient status: a "5.1.1 ... blocked using
# a DNSBL" reply says nothing reliable about the address.
OVERRIDING_REASONS = frozenset(
    {
        R.BLOCKED,
        R.BAD_REPUTATION,
        R.REQUIRE_PTR,
        R.AUTH_FAILURE,
        R.SPAM_DETECTED,
        R.VIRUS_DETECTED,
        R.SPEEDING,
        R.EXCEED_LIMIT,
        R.TOO_MANY_CONN,
        R.NO_RELAYING,
        R.FILTERED,
    }
)

# Groups whose texts name our envelope sender as the refused address (Postfix's "Sender
# address rejected: ...", Exim's "Sender verify failed"): a sender-side statement like the
# reasons above, though its reason (rejected) is too broad to override on its own.
SENDER_STATEMENT_GROUPS = frozenset({"sender_address"})

# Groups whose texts name the destination's own failure in words a server writes under an
# addressing status it puts on every failure (kopano-dagent's "503 5.1.1 Internal error during
# delivery", spooler/DAgent.cpp): the words say the address was never judged, so they beat a
# status that condemns it (precedence.py, rule 1). Only entries whose source shows the server
# writing that status on its own failures belong here; the broad system_error words do not.
DESTINATION_STATEMENT_GROUPS = frozenset({"destination_failure"})

# Group name -> reason, in order of precedence (first match wins).
GROUPS: tuple[tuple[str, R], ...] = (
    ("no_relaying", R.NO_RELAYING),
    ("auth_failure", R.AUTH_FAILURE),
    ("require_ptr", R.REQUIRE_PTR),
    ("bad_reputation", R.BAD_REPUTATION),
    # A listed address (ours, the sender's) rather than a listed IP: the sender is refused.
    ("listed_sender", R.REJECTED),
    ("listed_content", R.SPAM_DETECTED),
    ("blocked", R.BLOCKED),
    ("virus_detected", R.VIRUS_DETECTED),
    # A rate limit names what the server did; the spam words next to it say why it watches
    # the rate (Google's 421 4.7.28 "an unusual rate of unsolicited mail ... has been
    # temporarily rate limited", support.google.com/a/answer/3726730): read it first.
    ("speeding", R.SPEEDING),
    ("spam_detected", R.SPAM_DETECTED),
    # Our envelope sender refused ("Sender address rejected: Domain not found", "Domain of
    # sender address ... does not exist"): after the named causes (a block list), before the
    # recipient groups, whose words ("domain not found", "does not exist") the same sentence
    # uses about the sender.
    ("sender_address", R.REJECTED),
    # The sender's own quota ("submission quota exceeded"): before the recipient's quota.
    ("sender_quota", R.SPEEDING),
    # The destination's own failure under its catch-all addressing status (above): before the
    # recipient groups, whose words ("user") its sentences may use.
    ("destination_failure", R.SYSTEM_ERROR),
    ("mailbox_full", R.MAILBOX_FULL),
    ("system_full", R.SYSTEM_FULL),
    ("mesg_too_big", R.MESG_TOO_BIG),
    ("exceed_limit", R.EXCEED_LIMIT),
    # A refused or lost connection ("refused to talk to me", "delivery temporarily
    # suspended"): before the account words, so "suspended" is not read as an account's.
    ("connection", R.NETWORK_ERROR),
    ("has_moved", R.HAS_MOVED),
    ("suspend", R.SUSPEND),
    ("not_accept", R.NOT_ACCEPT),
    ("host_unknown", R.HOST_UNKNOWN),
    ("user_unknown", R.USER_UNKNOWN),
    ("rejected", R.REJECTED),
    ("filtered", R.FILTERED),
    ("dns_failure", R.NETWORK_ERROR),
    # A deliberate temporary refusal (greylisting, a lookup failure): the receiving system.
    ("greylisting", R.SYSTEM_ERROR),
    ("expired", R.EXPIRED),
    ("too_many_conn", R.TOO_MANY_CONN),
    ("policy_violation", R.POLICY_VIOLATION),
    ("security_error", R.SECURITY_ERROR),
    ("network_error", R.NETWORK_ERROR),
    ("mailer_error", R.MAILER_ERROR),
    ("syntax_error", R.SYNTAX_ERROR),
    ("not_compliant_rfc", R.NOT_COMPLIANT_RFC),
    ("content_error", R.CONTENT_ERROR),
    ("on_hold", R.ON_HOLD),
    ("system_error", R.SYSTEM_ERROR),
)
# Wordings that qualify a failure rather than name its reason (see precedence.py):
# "temporary": the server says the failure may pass; "no_such_domain": the recipient's domain
# does not exist or publishes no way to receive mail.
FLAGS = ("temporary", "no_such_domain")


# The file of broad generalisations (see its header); its entries are tried last in a group.
_GENERIC = "en_generic:"


@dataclass(frozen=True, slots=True)
class PhraseEntry:
    """One reviewed phrase: where it is from, and which group it belongs to."""

    id: str  # "file:n", the n-th entry of data/phrases/file.toml
    group: str
    pattern: str
    source: str
    lang: str | None
    choices: tuple[str, ...]  # every match contains one of these (() when none is known)
    gave_up: bool = False  # the sending MTA's own words for ending its retries


@dataclass(frozen=True, slots=True)
class _Compiled:
    """One group: its entries' regexes, each tried only when one of its words is present."""

    name: str
    members: tuple[tuple[str, frozenset[str], re.Pattern[str]], ...]  # id, choices, regex
    literals: frozenset[str] | None  # any of them must be present (None: no such test)

    def search(self, low: str, present: frozenset[str]) -> str | None:
        """The first entry stating its words in ``low``, whose words in it are ``present``."""
        if self.literals is not None and self.literals.isdisjoint(present):
            return None
        for entry_id, choices, regex in self.members:
            if (not choices or not choices.isdisjoint(present)) and states(regex, low):
                return entry_id
        return None


# An address (RFC 5321 section 4.1.2's Mailbox, RFC 5322 section 3.4.1's addr-spec, bare or in
# angle brackets): a dot-atom local part (RFC 6531's UTF-8 letters too) that starts where the
# token does, "@", and a domain of labels or an address literal. The atext "/", "?" and "&"
# are left out: a URL's path and query ("openspf.org/why.html?sender=a@b") are not a local
# part. A local part is at most 64 octets (RFC 5321 section 4.5.3.1.1); up to 256 are taken,
# so a long run costs no more.
_ATEXT = r"\w!#$%'*+=^`{|}~.-"
_ADDRESS = re.compile(
    rf"(?<![{_ATEXT}])[{_ATEXT}]{{1,256}}@(?:[\w-]{{1,63}}(?:\.[\w-]{{1,63}}){{0,127}}"
    r"|\[[^\]\s]{1,64}\])"
)
_LETTER = re.compile(r"\w")


@functools.lru_cache(maxsize=64)
def _unaddressed(low: str) -> str:
    """``low`` with every letter and digit of its addresses made ``x`` (cached like
    ``_present``): the same length, the same punctuation and spacing, none of their words."""
    if "@" not in low:
        return low
    return _ADDRESS.sub(lambda m: _LETTER.sub("x", m.group()), low)


def states(regex: re.Pattern[str], low: str) -> bool:
    """Whether ``regex`` matches ``low`` in words that are not an address's letters: a match
    that needs them (``over ?quota`` in ``overquota@example.org``, or ``mailbox over ?quota``
    in ``mailbox over-quota@example.org is unavailable``) is no statement, and one that spans
    a whole address (``mailbox [^ ]+ is unavailable``) still matches. A pattern with an ``@``
    of its own reads addresses and is matched on the text as it is."""
    return regex.search(low if "@" in regex.pattern else _unaddressed(low)) is not None


class _Words:
    """Which of many words occur in a text, in one pass of one regex.

    The words form a trie compiled into a regex: its top level consumes a word's first
    character (so the regex engine skips, in C, every position where no word can start) and
    looks ahead for the longest rest of a word from there; the shorter words that start at that
    position are that word's prefixes. One pass replaces a substring test per word and group
    (a quarter of the parser's time once the tables held 600 entries).
    """

    def __init__(self, words: set[str]) -> None:
        scanned = sorted(w for w in words if w)
        self._always = frozenset(w for w in words if not w)  # "" is in every text
        by_first: dict[str, list[str]] = {}
        for word in scanned:
            by_first.setdefault(word[0], []).append(word[1:])
        branches = [f"{re.escape(c)}(?=({_trie(rest)}))" for c, rest in sorted(by_first.items())]
        self._scan = re.compile("|".join(branches)) if branches else None
        self._within = {
            w: frozenset(w[:n] for n in range(1, len(w) + 1) if w[:n] in words) for w in scanned
        }

    def present(self, low: str) -> frozenset[str]:
        """The words that occur in ``low``."""
        if self._scan is None:
            return self._always
        found: set[str] = set(self._always)
        for match in self._scan.finditer(low):
            longest = match.group() + (match.group(match.lastindex or 0) or "")
            if longest in self._within:
                found |= self._within[longest]
        return frozenset(found)


def _trie(words: list[str]) -> str:
    """A regex matching any of ``words``, the longest first along the text's path ("" for
    the empty word)."""
    branches: dict[str, list[str]] = {}
    ends = False
    for word in words:
        if word:
            branches.setdefault(word[0], []).append(word[1:])
        else:
            ends = True
    if not branches:
        return ""
    alternatives = [re.escape(first) + _trie(rest) for first, rest in sorted(branches.items())]
    body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
    return f"(?:{body})?" if ends else body


@dataclass(frozen=True, slots=True)
class TextMatch:
    """The reason a text gives, and the phrase entry that matched."""

    reason: R
    rule: str
    group: str = ""  # the phrase group that matched


def _load() -> tuple[PhraseEntry, ...]:
    folder = resources.files("bounce_parser").joinpath("data/phrases")
    entries: list[PhraseEntry] = []
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if not item.name.endswith(".toml"):
            continue
        stem = item.name.removesuffix(".toml")
        for n, raw in enumerate(tomllib.loads(item.read_text("utf-8"))["phrase"], start=1):
            pattern = str(raw["match"])
            entries.append(
                PhraseEntry(
                    id=f"{stem}:{n}",
                    group=str(raw["group"]),
                    pattern=pattern,
                    source=str(raw["source"]),
                    lang=str(raw["lang"]) if "lang" in raw else None,
                    choices=required_choices(pattern),
                    gave_up=bool(raw.get("gave_up", False)),
                )
            )
    return tuple(entries)


def _unsourced(entry: PhraseEntry) -> bool:
    return entry.source.startswith("unsourced")


def _credit_order(entry: PhraseEntry) -> tuple[bool, bool]:
    return _unsourced(entry), entry.id.startswith(_GENERIC)


# A flag's wordings that also name a group's reason, searched after the group's own entries:
# a statement that the recipient's domain does not exist ("Unrouteable domain", "no MX or A
# record", NXDOMAIN) is RFC 3463's X.1.2 "Bad destination system address" (the host_unknown
# reason) whether or not a host_unknown entry words it too; without this, such a statement
# under a generic status (5.0.0, 5.7.1) named nothing and the dead domain was never suppressed.
_ALSO_NAMED_BY = {"host_unknown": "no_such_domain"}


def _compile(name: str, entries: tuple[PhraseEntry, ...]) -> _Compiled:
    # Sourced entries first, a server's or provider's own before the generic file's: when one
    # of them and a generalisation both match, the match is credited to the document that
    # says it.
    ordered = sorted((e for e in entries if e.group == name), key=_credit_order)
    also = _ALSO_NAMED_BY.get(name)
    ordered += sorted((e for e in entries if e.group == also), key=_credit_order)
    members = tuple((e.id, frozenset(e.choices), re.compile(e.pattern)) for e in ordered)
    every = all(choices for _id, choices, _regex in members)
    literals = frozenset(c for _id, choices, _regex in members for c in choices)
    return _Compiled(name=name, members=members, literals=literals if every else None)


ENTRIES = _load()
_BY_GROUP = tuple((reason, _compile(name, ENTRIES)) for name, reason in GROUPS)
_FLAGS = {name: _compile(name, ENTRIES) for name in FLAGS}
# The sending MTA's own words for ending its retries, marked ``gave_up`` in the data files
# (Exim's retry.c "retry timeout exceeded", OpenSMTPD's queue.c "Envelope expired",
# qmail-send.c, sendmail's queue.c). Other expiry wordings ("connection timed out", "will
# keep trying until") also appear in delay warnings, so they only name a reason.
_GAVE_UP = _compile("expired", tuple(e for e in ENTRIES if e.gave_up))
_WORDS = _Words(
    {
        word
        for group in (*(g for _r, g in _BY_GROUP), *_FLAGS.values(), _GAVE_UP)
        for _id, choices, _regex in group.members
        for word in choices
    }
)


@functools.lru_cache(maxsize=64)
def _present(low: str) -> frozenset[str]:
    """The tables' words in ``low`` (a lower-cased text; cached: the reason, the flags and the
    expiry are asked of the same text)."""
    return _WORDS.present(low)


@functools.lru_cache(maxsize=64)
def match_text(text: str) -> TextMatch | None:
    """The reason of the first group (in ``GROUPS`` order) with a phrase in ``text``."""
    low = text.lower()
    present = _present(low)
    for reason, group in _BY_GROUP:
        found = group.search(low, present)
        if found is not None:
            return TextMatch(reason, found, group.name)
    return None


@functools.lru_cache(maxsize=64)
def says_gave_up(text: str) -> bool:
    """Whether ``text`` says the sending MTA stopped retrying (the queue lifetime ran out)."""
    low = text.lower()
    return _GAVE_UP.search(low, _present(low)) is not None


@functools.lru_cache(maxsize=64)
def match_flag(flag: str, text: str) -> bool:
    """Whether ``text`` carries the qualifying wording ``flag`` (one of ``FLAGS``)."""
    low = text.lower()
    return _FLAGS[flag].search(low, _present(low)) is not None
