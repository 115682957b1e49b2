"""Operators' CUSTOMIZED notice templates, written by REAL writers (judge88, issue #14): an
operator who replaces every word of the notice's prose leaves only what the writer adds
around it, and the parser must find each failed recipient and its reason from that, and never
read a delay warning in custom words as a failure. The machinery is the many-recipients bed's
(receivers_bed_many.py: its scripted destinations, their replies, its DNS and tuning), on
receivers_bed_writer.py's ``Bed`` and ``Glue``; only the writers' template settings and the
messages are this bed's own:

- ``postfix``: Debian's Postfix 3.7 with ``bounce_template_file`` (bounce(5)) set to
  notice_templates/postfix_bounce.cf, a failure and a delay template COMPOSED here as an
  operator's, in plain English that uses none of the default wording (no "Undelivered Mail
  Returned to Sender", no "This is the mail system", no "Delayed Mail"), and only variables
  bounce(5) documents ($myhostname, $mydomain, $delay_warning_time_minutes,
  $maximal_queue_lifetime_days); its headers only those bounce(5) allows (Charset, From,
  Subject, Postmaster-Subject). ``postconf -b`` expands it without an error.
- ``exim``: the unpacked Exim 4.96 with ``bounce_message_file`` and ``warn_message_file``
  set to the example files of the Exim specification's chapter "Customizing bounce and
  warning messages" (50.1 and 50.2 in 4.96's spec.txt: the files "equivalent to" the default
  state, their lines the specification splits to fit the page joined again):
  notice_templates/exim_spec_bounce.txt and exim_spec_warn.txt.
- ``exim_terse``: the same Exim with a terse pair COMPOSED here as an operator's,
  notice_templates/exim_terse_bounce.txt and exim_terse_warn.txt: no word of the defaults
  ("Not handed over", "Post room at ...", "Still in our queue", "We keep trying").

The destinations and their replies are receivers_bed_many's, each from its source named
there: ``nosuch@many.test`` Postfix's "550 5.1.1 <a>: Recipient address rejected: User
unknown in virtual mailbox table" (smtpd_check.c); ``full@many.test`` Dovecot's quota "552
5.2.2 <a> Quota exceeded (mailbox for user is full)"; ``gina@blocklist.test`` Postfix's
reject_rbl_client refusal naming OUR sending host ("554 5.7.1 Service unavailable; Client
host [192.0.2.10] blocked using zen.spamhaus.org; ..."); ``kim@nx-many.test`` a domain in no
record of the bed's DNS (NXDOMAIN); ``ivan@`` and ``judy@greylist.test`` postgrey's "450
4.2.0 ... Greylisted, see ..." every time; ``support@`` and ``alice@many.test`` accepted.

The messages (scenarios), one notice each:

- ``tpl_unknown`` to ``nosuch@``; ``tpl_full`` to ``full@``; ``tpl_blocked`` to ``gina@``;
  ``tpl_no_domain`` to ``kim@``;
- ``tpl_mixed`` to ``support@``, ``nosuch@``, ``full@``, ``gina@``, ``kim@``, ``alice@``
  (two delivered, four failed at once);
- ``tpl_until_expiry`` to ``ivan@``: deferred (450) until the queue lifetime ends;
- ``tpl_delay_warning`` to ``judy@`` with NOTIFY=DELAY only (RFC 3461 section 4.1), the
  writers' delay warning set to 2 s: the warning is the message's one notice.

The rule, written before the first score (the many-recipients bed's rules, which this bed's
replies share):

1. A template changes the prose, never the outcome: each failed recipient is labelled by the
   reply its own destination gave it, whatever the notice's words around it say.
2. An unknown user (550 5.1.1 "User unknown") is the recipient's: permanent, suppressed,
   ``user_unknown``.
3. A full mailbox (552 5.2.2) is the recipient's and a soft bounce (the SPEC: never
   suppressed, not permanent), ``mailbox_full``.
4. The block-list refusal naming our sending host is the sender's: permanent, never
   suppressed, ``blocked`` (``bad_reputation`` accepted).
5. A domain that does not exist (NXDOMAIN) is the recipient's: permanent, suppressed,
   ``host_unknown`` (``not_accept`` accepted).
6. Greylisting retried until the queue lifetime ends is transient: not permanent, never
   suppressed, ``expired``.
7. A delivered recipient (``support@``, ``alice@``; the bed checks they arrived) and any
   address of the prose or the returned header is no failed recipient.
8. A delay warning (``tpl_delay_warning``) reports no failed recipient: the relay ignores it
   whole; none of its recipients is read as failed, permanent or suppressed.
9. Status and reply code as each writer states them: the quoted reply's enhanced code and
   code where the notice quotes one; where it quotes none, what the writer's notice states,
   as the many-recipients bed found the same writers state for the same destinations
   (receivers_bed_many.AS_STATED: Exim's NXDOMAIN "5.0.0", no reply code). A template
   cannot change these (the writers build the per-address lines and the RFC 3464 part
   themselves), so the rule takes them from that bed, not from this bed's runs.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from tests.support import receivers_bed
from tests.support import receivers_bed_many as many
from tests.support import receivers_bed_writer as writer_bed
from tests.support.bed import submit
from tests.support.receivers_bed import Expected, Scenario

WRITERS = ("postfix", "exim", "exim_terse")

TEMPLATES = Path(__file__).parent / "notice_templates"
POSTFIX_TEMPLATE = TEMPLATES / "postfix_bounce.cf"
EXIM_TEMPLATES = {
    "exim": (TEMPLATES / "exim_spec_bounce.txt", TEMPLATES / "exim_spec_warn.txt"),
    "exim_terse": (TEMPLATES / "exim_terse_bounce.txt", TEMPLATES / "exim_terse_warn.txt"),
}

UNKNOWN_ADDRESS = f"nosuch@{many.MANY}"
FULL_ADDRESS = f"full@{many.MANY}"
BLOCKED_ADDRESS = f"gina@{many.BLOCKLIST}"
NO_DOMAIN_ADDRESS = f"kim@{many.NXDOMAIN}"
DEFERRED_ADDRESS = f"ivan@{many.GREYLIST}"
WARNED_ADDRESS = f"judy@{many.GREYLIST}"
ALICE = f"alice@{many.MANY}"

UNKNOWN = "tpl_unknown"
FULL = "tpl_full"
BLOCKED = "tpl_blocked"
NO_DOMAIN = "tpl_no_domain"
MIXED = "tpl_mixed"
UNTIL_EXPIRY = "tpl_until_expiry"
WARNING = "tpl_delay_warning"  # sent with NOTIFY=DELAY only

# the recipients that must arrive (rule 7)
DELIVERED = {MIXED: {many.SUPPORT, ALICE}}


def _labels() -> dict[str, Expected]:
    """Each failed address's label by rules 2 to 6 (many's ``_e``: the suppress bit from
    permanence and whose fault)."""
    e = many._e
    return {
        UNKNOWN_ADDRESS: e(UNKNOWN_ADDRESS, many.UNKNOWN, "recipient", "5.1.1", "550"),
        FULL_ADDRESS: e(FULL_ADDRESS, many.FULL, "recipient", "5.2.2", "552", permanent=False),
        BLOCKED_ADDRESS: e(BLOCKED_ADDRESS, many.BLOCKED, "sender", "5.7.1", "554"),
        NO_DOMAIN_ADDRESS: e(NO_DOMAIN_ADDRESS, many.NO_MAIL_SERVER, "recipient", "5.4.4", ""),
        DEFERRED_ADDRESS: e(
            DEFERRED_ADDRESS, many.GREYLISTED, "transient", "4.2.0", "450", permanent=False
        ),
    }


def scenarios() -> tuple[Scenario, ...]:
    label = _labels()
    at_once = (UNKNOWN_ADDRESS, FULL_ADDRESS, BLOCKED_ADDRESS, NO_DOMAIN_ADDRESS)
    return (
        Scenario(UNKNOWN, (UNKNOWN_ADDRESS,), (label[UNKNOWN_ADDRESS],)),
        Scenario(FULL, (FULL_ADDRESS,), (label[FULL_ADDRESS],)),
        Scenario(BLOCKED, (BLOCKED_ADDRESS,), (label[BLOCKED_ADDRESS],)),
        Scenario(NO_DOMAIN, (NO_DOMAIN_ADDRESS,), (label[NO_DOMAIN_ADDRESS],)),
        Scenario(
            MIXED,
            (many.SUPPORT, *at_once, ALICE),
            tuple(label[a] for a in at_once),
        ),
        Scenario(UNTIL_EXPIRY, (DEFERRED_ADDRESS,), (label[DEFERRED_ADDRESS],)),
        Scenario(WARNING, (WARNED_ADDRESS,), ()),  # rule 8: no failed recipient
    )


# the default suite's run: the messages whose refusals are final at once
QUICK_SCENARIOS = (UNKNOWN, FULL, BLOCKED, NO_DOMAIN, MIXED)


def sent(quick: bool = False, writer: str = "postfix") -> tuple[Scenario, ...]:
    return tuple(s for s in scenarios() if not quick or s.name in QUICK_SCENARIOS)


def _base(writer: str) -> str:
    """The server a writer name runs (``exim_terse``: Exim with the other templates)."""
    return "exim" if writer.startswith("exim") else writer


def missing(writer: str = "postfix") -> str | None:
    return writer_bed.missing(_base(writer))


def check(
    chosen: tuple[Scenario, ...], _quiet: tuple[Scenario, ...], served: dict[str, Any]
) -> str | None:
    """Rule 7: the mixed message's delivered recipients arrived at their destination."""
    arrived = {a for d in served.values() for t in d.arrivals for a in t}
    for scenario in chosen:
        lost = DELIVERED.get(scenario.name, set()) - arrived
        if lost:
            return f"{scenario.name}: {sorted(lost)} not delivered ({sorted(arrived)})"
    return None


def _notify(scenario: str) -> str:
    return "DELAY" if scenario == WARNING else "FAILURE"


async def send(port: int, scenario: Scenario, writer: str) -> None:
    sender = writer_bed.sender_of(scenario.name)
    options = [f"NOTIFY={_notify(scenario.name)}"]
    await submit(port, writer_bed.message(scenario), sender, scenario.recipients, options)


def tuning(writer: str) -> writer_bed.Tuning:
    """many's tuning (its destinations' addresses, its DNS domains, the 2 s delay warning)
    with the writer's templates."""
    postfix_main = {**many.TUNING.postfix_main, "bounce_template_file": str(POSTFIX_TEMPLATE)}
    bounce, warn = EXIM_TEMPLATES.get(writer, EXIM_TEMPLATES["exim"])
    exim_settings = {
        **many.TUNING.exim_settings,
        "bounce_message_file": str(bounce),
        "warn_message_file": str(warn),
    }
    return replace(many.TUNING, postfix_main=postfix_main, exim_settings=exim_settings)


def bed_of(writer: str) -> writer_bed.Bed:
    return writer_bed.Bed(
        sent=lambda quick, _writer: sent(quick),
        destinations=many.destinations,
        own_address=many.OWN_ADDRESS,
        dns_records=many.dns_records,
        send=send,
        check=check,
        tuning=tuning(writer),
    )


def _as_stated(writer: str, scenario: str, expected: Expected) -> Expected:
    """Rule 9: what the same writer states for the same destination in the many bed."""
    return many._as_stated(_base(writer), scenario, expected)


GLUE = writer_bed.Glue(
    __name__,
    "the notice-templates bed",
    "real-receivers-templates",
    bed_of("postfix"),
    scenarios,
    sent,
    _as_stated,
    bounce=lambda scenario: scenario.name != WARNING,
)
entry, write = GLUE.entry, GLUE.write
ADAPTER = replace(
    GLUE.adapter, own_isolate=lambda etc, writer: writer_bed._isolate(etc, _base(writer))
)
generate = ADAPTER.generate


async def run(writer: str = "postfix") -> Any:
    """writer_bed.run with the server ``writer`` names and its templates."""
    name, quick = receivers_bed.quick_writer(writer)
    return await writer_bed.run(_base(name) + (receivers_bed.QUICK if quick else ""), bed_of(name))


if __name__ == "__main__":  # inside the namespaces made by generate()
    receivers_bed.namespace_main(ADAPTER.isolate, run, write)
