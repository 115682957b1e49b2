"""Operators' customized notice templates, as real writers use them (tests/support/
receivers_bed_templates.py, judge88): Postfix 3.7 with a bounce_template_file of an operator's
(bounce(5)'s variables, none of the default wording), Exim 4.96 with the Exim specification's
example bounce_message_file and warn_message_file, and Exim with a terse pair of an
operator's, each writing the notices of seven messages (an unknown user, a full mailbox, a
block-list refusal naming our host, a domain that does not exist, a mixed message with
delivered recipients, a greylisting deferral until the queue lifetime ends, and the delay
warning for one). The notices are kept in real_receivers_templates_<writer>/ with the
manifest that labels them by construction (the rule in the bed's docstring); the bed runs
live where every server is present and the test runs as root (a quick run of the messages
refused at once in the default suite, the full runs slow)."""

from __future__ import annotations

import pytest

from bounce_parser import Kind, parse
from tests.bounce_parser.real_notices import (
    WarningBedChecks,
    WriterSets,
    text_alone,
)
from tests.support import receivers_bed_many as many
from tests.support import receivers_bed_templates as bed

SETS = WriterSets("real_receivers_templates")
stored = SETS.stored

# The replies every writer quotes whole, in the words the many bed's sources give them
WORDS = {
    bed.MIXED: (
        many.virtual_unknown(bed.UNKNOWN_ADDRESS).encode(),
        many.quota("552 5.2.2", bed.FULL_ADDRESS).encode(),
        many.BLOCKLISTED.encode(),
    ),
}

# The templates' own words, which must be in the notices (the writer used the template)
TEMPLATE_WORDS = {
    "postfix": (b"Your note could not be handed over", b"the post room at postfix.test"),
    "exim": (b"has not been delivered to all of its recipients after",),
    "exim_terse": (b"Not handed over: ", b"Post room at exim-tx.test"),
}
# ... and the writers' default words, which must not be (the template replaced them)
DEFAULT_WORDS = {
    "postfix": (b"Undelivered Mail Returned to Sender", b"This is the mail system"),
    "exim": (b"has not yet been delivered to one or more of its",),
    "exim_terse": (b"This message was created automatically", b"Mail delivery failed"),
}


class TestSets(WarningBedChecks):
    bed = bed
    sets = SETS
    live_name = "templates"
    words = WORDS


def _raw(writer: str, scenario: str) -> bytes:
    return (stored(writer)[0] / f"{scenario}.eml").read_bytes()


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_notices_are_in_the_templates_words(writer: str) -> None:
    # each writer used its template: the template's words in the failure notice and the
    # warning, the writer's default words in neither
    for scenario in (bed.MIXED, bed.WARNING):
        raw = _raw(writer, scenario)
        for words in DEFAULT_WORDS[writer]:
            assert words not in raw, (scenario, words)
    both = _raw(writer, bed.MIXED) + _raw(writer, bed.WARNING)
    for words in TEMPLATE_WORDS[writer]:
        assert words in both, words


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_mixed_message_reports_its_four_failed_recipients_only(writer: str) -> None:
    # rules 1 and 7: no delivered recipient, each failed one with its own reply's verdict
    found = {b.address: b for b in parse(_raw(writer, bed.MIXED)).recipients}
    assert sorted(found) == sorted(
        (bed.UNKNOWN_ADDRESS, bed.FULL_ADDRESS, bed.BLOCKED_ADDRESS, bed.NO_DOMAIN_ADDRESS)
    )
    assert [a for a in found if found[a].suppresses] == [
        a for a in found if a in (bed.UNKNOWN_ADDRESS, bed.NO_DOMAIN_ADDRESS)
    ]


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_delay_warning_is_never_a_bounce(writer: str) -> None:
    # rule 8: the warning in the template's words lists judy@, deferred, none failed
    report = parse(_raw(writer, bed.WARNING))
    assert report.kind is Kind.DELAYED
    assert [b.address for b in report.recipients] == [bed.WARNED_ADDRESS]
    for got in report.recipients:
        assert (got.action, got.permanent, got.suppresses) == ("delayed", False, False), got


def _warning_alone(writer: str) -> None:
    report = parse(text_alone(_raw(writer, bed.WARNING)))
    assert report.kind is not Kind.FAILED, report
    for got in report.recipients:
        assert (got.action, got.permanent, got.suppresses) == ("delayed", False, False), got


@pytest.mark.parametrize("writer", ["exim", "exim_terse"])
def test_exims_warning_is_a_warning_in_its_words_alone(writer: str) -> None:
    # Exim writes "Delay reason: " before each deferred address's error in a warning and
    # only there (src/deliver.c, print_address_error(addr, f, US"Delay reason: ")), whatever
    # the warn_message_file says around the list; the specification's example file says
    # "has not been delivered to all of its recipients after more than ..." (50.2), not the
    # built-in "has not yet been delivered to one or more of its recipients". Without the
    # report part both warnings were read as failures of judy@
    _warning_alone(writer)


POSTFIX_WARNING_ALONE = (
    "Postfix's delay warning in an operator's words, without its report part: the per-address "
    "line ('<judy@greylist.test>: host ... said: 450 4.2.0 ...') is the failure notice's too "
    "(bounce(8) writes the same line for both), the template's prose is the operator's, and "
    "nothing left says the notice is a warning: read as a failure of judy@ (transient, never "
    "suppressed). Not fixed: no source's words to read; the full notice reads right "
    "(Action: delayed)"
)


@pytest.mark.xfail(strict=True, reason=POSTFIX_WARNING_ALONE)
def test_postfixs_custom_warning_is_a_warning_in_its_words_alone() -> None:
    _warning_alone("postfix")


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_failures_read_the_same_from_the_words_alone(writer: str) -> None:
    # what stays without the report part (Exim's per-address lines, Postfix's "<a>: host
    # ... said:" lines) still gives each failed recipient and its verdict
    for scenario in bed.scenarios():
        if scenario.name == bed.WARNING:
            continue
        raw = _raw(writer, scenario.name)
        full = {b.address: b for b in parse(raw).recipients}
        alone = {b.address: b for b in parse(text_alone(raw)).recipients}
        assert sorted(alone) == sorted(full), scenario.name
        for address, got in alone.items():
            want = full[address]
            assert (got.reason, got.party, got.permanent, got.suppresses) == (
                want.reason,
                want.party,
                want.permanent,
                want.suppresses,
            ), (scenario.name, got)
