"""Notices for what a real RECEIVING server refuses in its own words: a real Postfix 3.7 (the
sender, "tx") delivers to a second real Postfix ("rx", its own configuration and spool on
127.0.0.1) whose restrictions refuse by construction, with a real postgrey as its greylisting
policy server, to Debian's Exim 4.96 and to OpenSMTPD 6.8 (each set up below); every notice tx
writes goes back to the scenario's envelope sender (``bounces+<scenario>@sender.test``) at a
capture server on 127.0.0.1, filed under it. The labels come from how rx is set up (its tables,
restrictions, limits), never from the notices.

rx refuses with the texts of Postfix's own source (smtpd_check.c, smtpd.c) and postconf(5)'s
default reply codes:
  ``local.test`` (mydestination) knows only ``fine``: any other user is "User unknown in local
  recipient table" (unknown_local_recipient_reject_code 550); ``virtual.test`` (a virtual
  mailbox domain) the same from its table; ``verify.test`` (a relay domain whose next hop is
  local(8), where only system users exist) is checked with ``reject_unverified_recipient``
  (unverified_recipient_reject_code set to 550, the documented choice; the default 450 is
  the same refusal deferred); ``elsewhere.test`` is in no address class: "Relay access denied"
  (reject_unauth_destination, relay_domains_reject_code 554).
  The other domains choose a restriction class for the whole transaction (smtpd_delay_reject:
  client and sender checks are made at RCPT): ``dnsbl.test`` ``reject_rbl_client bl.test``
  (the bed's DNS server lists 127.0.0.1 there, maps_rbl_reject_code 554), ``sender-access.test``
  ``check_sender_access`` with a plain REJECT for sender.test and ``client-access.test``
  ``check_client_access`` with a plain REJECT for 127.0.0.1 (access_map_reject_code 554),
  ``sender-domain.test`` ``reject_unknown_sender_domain`` (sender.test does not exist in the
  bed's DNS; unknown_address_reject_code 450, so a deferral until tx's queue lifetime ends),
  ``client-name.test`` ``reject_unknown_client_hostname`` (127.0.0.1 has no name in the bed:
  no PTR, and /etc/hosts without it in the bed's namespace; unknown_client_reject_code 450),
  ``grey.test`` ``check_policy_service`` to postgrey (Debian: postgrey), whose delay is far
  longer than tx's queue lifetime, ``nx-rcpt.test`` (relayed) ``reject_unknown_recipient_domain``
  (450), ``helo.test`` ``reject_unknown_helo_hostname`` (tx's HELO name does not resolve; 450),
  ``verify-sender.test`` ``reject_unverified_sender`` (unverified_sender_reject_code set to 550
  as for recipients); a header_checks REJECT for one Subject, and ``size.test`` under rx's
  ``message_size_limit``.
A full mailbox is not refused at SMTP time by Postfix (virtual(8) and local(8) check a size
limit at delivery and rx would write the notice itself), so the bed has none.

``generate(out)`` runs it all in a private network and mount namespace (``unshare --net
--mount``, root only): its own loopback, a DNS server on port 53, a resolv.conf and an
/etc/hosts of its own, none of which touches the machine.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol

import aiosmtplib

from tests.support import exim, haraka, opensmtpd, postfix, sendmail, unpacked
from tests.support.bed import (
    Expected,
    bed_entry,
    bed_message,
    generate_logged,
    label,
    main_in_namespaces,
    namespace_tools_missing,
    stderr_tail,
    stop_group,
    submit,
    wait_for_notices,
    write_notices,
)
from tests.support.dns_server import DnsServer
from tests.support.process import free_port
from tests.support.real_mta import _add_users, _opensmtpd_directories
from tests.support.scripted_mx import ScriptedMx

POSTGREY = Path("/usr/sbin/postgrey")
SENDER_DOMAIN = "sender.test"
BLOCK_LIST = "bl.test"
BLOCK_LIST_TEXT = "Listed by the test bed's block list"
QUEUE_LIFETIME = 8  # seconds until a message that is only ever deferred is returned
SIZE_LIMIT = 20000  # rx's message_size_limit; the size scenario's message is twice that
DEADLINE = 90.0  # seconds to wait for every notice (the wait ends when the last arrives)
NUDGE = 15.0  # then every so often the sending Postfix's queue is flushed
GRACE = 1.0  # seconds more, to see a notice that should not come
START_TIMEOUT = 10.0

# The restriction class each of those recipient domains selects on rx.
CLASSES = {
    "dnsbl.test": f"reject_rbl_client {BLOCK_LIST}",
    "sender-access.test": "check_sender_access inline:{ " + SENDER_DOMAIN + "=REJECT }",
    "client-access.test": "check_client_access inline:{ 127.0.0.1=REJECT }",
    "sender-domain.test": "reject_unknown_sender_domain",
    "client-name.test": "reject_unknown_client_hostname",
    "grey.test": "check_policy_service inet:127.0.0.1:{greylist}",
    "verify.test": "reject_unverified_recipient",
    "nx-rcpt.test": "reject_unknown_recipient_domain",
    "helo.test": "reject_unknown_helo_hostname",
    "verify-sender.test": "reject_unverified_sender",
}
# rx relays for these (it is not their final destination); the rest of CLASSES' are its own.
RELAY_DOMAINS = ("verify.test", "nx-rcpt.test")
LOCAL_DOMAINS = (
    "local.test",
    *(d for d in CLASSES if d not in RELAY_DOMAINS),
    "size.test",
    "callout.test",  # Exim's callout asks rx, which knows only fine@
)
HEADER_REJECTED = "header_rejected"  # rx's header_checks REJECT this scenario's Subject
CALLOUT_DOMAIN = "callout.test"
# The Exim receiver's domains (every one local but the one it does not relay for).
EXIM_DOMAINS = (
    "exim.test",
    "exim-sender.test",
    "exim-host.test",
    "exim-dnsbl.test",
    "exim-policy.test",
    "exim-size.test",  # tx sends to it with HELO (HELO_DOMAINS)
    "exim-verify.test",
)
EXIM_RELAY_DOMAINS = (
    "exim-nx-relay.test",  # relayed by its MX in DNS: it has none
    CALLOUT_DOMAIN,  # relayed to rx, which Exim asks first (a callout)
)
EXIM_ELSEWHERE = "exim-elsewhere.test"
# Sent to with HELO, so with no SIZE (RFC 1870): Postfix never sends a message larger than the
# SIZE a server announces (it writes its own 5.3.4 "message size ... exceeds size limit of
# server", smtp_proto.c, and whether it did so or sent MAIL FROM varied between runs here);
# without EHLO it sends the message and the receiver's own refusal after DATA comes back.
HELO_DOMAINS = ("size.test", "exim-size.test", "osmtpd.test", "haraka-rx.test")
# The texts: Debian's exim4-config (conf.d/acl/30_exim4-config_check_rcpt: "relay not
# permitted", the local sender and host blacklists' messages), the Exim specification's
# example DNSBL message (chapter "Access control lists", "dnslists"), Exim's own default for a
# deny with no message ("Administrative prohibition", acl.c), for an address no router
# accepts ("Unrouteable address", verify.c) and for message_size_limit ("Message size exceeds
# maximum permitted", smtp_in.c).
DEBIAN_SENDER_BLACKLISTED = (
    "sender envelope address $sender_address is locally blacklisted here. "
    "If you think this is wrong, get in touch with postmaster"
)
DEBIAN_HOST_BLACKLISTED = (
    "sender IP address $sender_host_address is locally blacklisted here. "
    "If you think this is wrong, get in touch with postmaster"
)
EXIM_CONFIG = """\
primary_hostname = exim-rx.test
qualify_domain = exim-rx.test
exim_path = {binary}
keep_environment = LD_LIBRARY_PATH
spool_directory = {root}/spool
log_file_path = {root}/log/%slog
pid_file_path = {root}/exim.pid
local_interfaces = <; 127.0.0.1.{port}
domainlist local_domains = {domains}
domainlist relay_to_domains = {relay_domains}
message_size_limit = {size}
acl_smtp_rcpt = acl_check_rcpt

begin acl
acl_check_rcpt:
  require message = relay not permitted
          domains = +local_domains : +relay_to_domains
  require verify = recipient
  deny    domains = exim-sender.test
          senders = *@{sender_domain}
          message = {sender_blacklisted}
  deny    domains = exim-host.test
          hosts = 127.0.0.1
          message = {host_blacklisted}
  deny    domains = exim-dnsbl.test
          dnslists = {block_list}
          message = rejected because $sender_host_address is in a black list at \
                    $dnslist_domain\\n$dnslist_text
  deny    domains = exim-policy.test
  deny    domains = exim-verify.test
          !verify = sender
          message = Sender verification failed
  deny    domains = {callout_domain}
          !verify = recipient/callout
  accept

begin routers
fine:
  driver = accept
  domains = +local_domains
  local_parts = fine
  transport = nowhere
callout:
  driver = manualroute
  domains = {callout_domain}
  route_list = * 127.0.0.1
  self = send
  transport = to_rx
dnslookup:
  driver = dnslookup
  domains = ! +local_domains
  transport = nowhere
  no_more

begin transports
to_rx:
  driver = smtp
  port = {callout_port}
  allow_localhost
nowhere:
  driver = appendfile
  file = /dev/null
  user = {user}
"""


@dataclass
class EximReceiver(exim.Exim):
    """Debian's Exim 4 (unpacked, tests/support/exim.py) receiving on 127.0.0.1 for
    EXIM_DOMAINS, with only ``fine`` as a user; it relays CALLOUT_DOMAIN to rx after asking rx
    whether the recipient exists (a callout)."""

    callout_port: int = 0

    def _text(self) -> str:
        return EXIM_CONFIG.format(
            binary=exim.binary(),
            root=self.root,
            port=self.smtpd_port,
            domains=" : ".join(EXIM_DOMAINS),
            relay_domains=" : ".join(EXIM_RELAY_DOMAINS),
            callout_domain=CALLOUT_DOMAIN,
            callout_port=self.callout_port,
            size=SIZE_LIMIT,
            sender_domain=SENDER_DOMAIN,
            sender_blacklisted=DEBIAN_SENDER_BLACKLISTED,
            host_blacklisted=DEBIAN_HOST_BLACKLISTED,
            block_list=BLOCK_LIST,
            user=exim.USER,
        )


# The OpenSMTPD receiver: its own domain (only fine@ takes mail, relayed on to the capture),
# one whose rule is a "reject", and one no rule matches.
OSMTPD_DOMAIN = "osmtpd.test"
OSMTPD_REJECT = "osmtpd-reject.test"
OSMTPD_ELSEWHERE = "osmtpd-elsewhere.test"


@dataclass
class OpenSmtpdReceiver(opensmtpd.OpenSmtpd):
    """Debian's OpenSMTPD 6.8 (unpacked, tests/support/opensmtpd.py) receiving on 127.0.0.1:
    the replies are smtp_session.c's and lka's own."""

    capture: int = 0

    def write_config(self) -> None:
        lines = [
            f"smtp max-message-size {SIZE_LIMIT}",
            f"listen on 127.0.0.1 port {self.smtpd_port}",
            f'table valid {{ "fine@{OSMTPD_DOMAIN}" }}',
            f'action "capture" relay host smtp://127.0.0.1:{self.capture}',
            f'match from any for domain "{OSMTPD_DOMAIN}" rcpt-to <valid> action "capture"',
            f'match from any for domain "{OSMTPD_REJECT}" reject',
        ]
        self.config.write_text("\n".join(lines) + "\n", encoding="utf-8")


# The Haraka receiver: rcpt_to.in_host_list accepts HARAKA_DOMAIN; any other recipient gets
# connection.js's default, "550 I cannot deliver mail for <a>" (no plugin took it: a domain it
# does not serve); its size limit is connection.ini's [max] bytes ("Message too big!").
HARAKA_DOMAIN = "haraka-rx.test"
HARAKA_ELSEWHERE = "haraka-elsewhere.test"


@dataclass
class HarakaReceiver(haraka.Haraka):
    """Haraka 3.3.4 (tests/support/haraka.py) receiving on 127.0.0.1 with its own plugins."""

    def write_config(self) -> None:
        config = self.root / "config"
        shutil.copytree(haraka.binary().parents[1] / "config", config, dirs_exist_ok=True)
        (self.root / "queue").mkdir(exist_ok=True)
        ini = (config / "connection.ini").read_text(encoding="utf-8")
        ini, count = re.subn(r"(?m)^bytes=\d+$", f"bytes={SIZE_LIMIT}", ini)
        assert count == 1, "Haraka's connection.ini has no [max] bytes line"
        files = {
            "connection.ini": ini,
            "smtp.ini": f"[main]\nlisten=127.0.0.1:{self.port}\nnodes=0\n",
            "me": f"{HARAKA_DOMAIN}\n",
            "plugins": "rcpt_to.in_host_list\n",
            "host_list": f"{HARAKA_DOMAIN}\n",
            "log.ini": "[main]\nlevel=info\ntimestamps=true\n",
        }
        for name, text in files.items():
            (config / name).write_text(text, encoding="utf-8")


VIRTUAL_DOMAIN = "virtual.test"
ELSEWHERE = "elsewhere.test"


def missing(writer: str = "postfix") -> str | None:
    """Why the bed cannot run here with ``writer`` writing the notices, or None."""
    if writer == "sendmail" and sendmail.missing() is not None:
        return sendmail.missing()
    if os.geteuid() != 0:
        return "the receivers' bed runs as root (two Postfix instances, a network namespace)"
    if not postfix.available():
        return "Postfix is not installed (Debian: postfix)"
    why = exim.missing() or opensmtpd.missing() or haraka.missing()
    if why is not None:
        return why
    if not POSTGREY.exists():
        return f"{POSTGREY} is not installed (Debian: postgrey)"
    return namespace_tools_missing()


@dataclass(frozen=True)
class Scenario:
    """One message to ``recipients``; ``failed``: what its notice must list; ``size``: the
    body's size in bytes at least."""

    name: str
    recipients: tuple[str, ...]
    failed: tuple[Expected, ...]
    size: int = 0


UNKNOWN = ("user_unknown",)
# Exim answers "Unrouteable address" for any address no router accepts (verify.c): an unknown
# local part of a domain it serves, as here, and a domain that does not resolve alike.
# Nothing in the reply tells the two apart; both are the recipient's and permanent.
UNROUTEABLE = ("user_unknown", "host_unknown")
# A refusal of the sending host or its address, never of the recipient: the sender's side.
RELAY = ("no_relaying",)
LISTED = ("blocked",)
SENDER_REFUSED = ("rejected",)
HOST_REFUSED = ("blocked",)
NO_HOST_NAME = ("require_ptr", "blocked")
TOO_BIG = ("mesg_too_big",)
# The HELO name does not resolve: the sending host refused for its name.
HELO_REFUSED = ("blocked", "require_ptr", "rejected", "policy_violation")
# A header_checks rule refused the message's content (cleanup(8), after DATA).
CONTENT = ("filtered", "content_error", "policy_violation", "spam_detected")
# A deny with no reason given: the receiving site's policy refused this sender.
POLICY = ("policy_violation", "rejected", "blocked")
EXPIRED = "expired"


def _refused(name: str, domain: str, reasons: tuple[str, ...], status: str, code: str) -> Scenario:
    """A permanent refusal of the sender's side for the one recipient fine@``domain``."""
    address = f"fine@{domain}"
    return Scenario(
        name, (address,), (Expected(address, True, False, reasons, "sender", status, code),)
    )


def _deferred(
    name: str, domain: str, reasons: tuple[str, ...], party: str, status: str
) -> Scenario:
    """A 450 until tx's queue lifetime ends: temporary, never suppressed."""
    address = f"fine@{domain}"
    expected = Expected(address, False, False, (*reasons, EXPIRED), party, status, "450")
    return Scenario(name, (address,), (expected,))


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels."""
    return (
        Scenario(
            "local_user_unknown",
            ("nosuchuser@local.test",),
            (Expected("nosuchuser@local.test", True, True, UNKNOWN, "recipient", "5.1.1", "550"),),
        ),
        Scenario(
            "local_mixed",
            ("departed@local.test", "fine@local.test"),
            (Expected("departed@local.test", True, True, UNKNOWN, "recipient", "5.1.1", "550"),),
        ),
        # Several recipients of one message, refused for different reasons in one session:
        # each keeps its own (the issue: one recipient's reason applied to its neighbour).
        Scenario(
            "mixed_refusals",
            ("gone@local.test", "fine@sender-access.test", "fine@dnsbl.test", "fine@local.test"),
            (
                Expected("gone@local.test", True, True, UNKNOWN, "recipient", "5.1.1", "550"),
                Expected(
                    "fine@sender-access.test", True, False, SENDER_REFUSED, "sender", "5.7.1", "554"
                ),
                Expected("fine@dnsbl.test", True, False, LISTED, "sender", "5.7.1", "554"),
            ),
        ),
        Scenario(
            "virtual_user_unknown",
            ("nosuchuser@virtual.test",),
            (
                Expected(
                    "nosuchuser@virtual.test", True, True, UNKNOWN, "recipient", "5.1.1", "550"
                ),
            ),
        ),
        Scenario(
            "unverified_recipient",
            ("nosuchuser@verify.test",),
            (Expected("nosuchuser@verify.test", True, True, UNKNOWN, "recipient", "5.1.1", "550"),),
        ),
        _refused("relay_access_denied", ELSEWHERE, RELAY, "5.7.1", "554"),
        _refused("dnsbl", "dnsbl.test", LISTED, "5.7.1", "554"),
        _refused("sender_access_reject", "sender-access.test", SENDER_REFUSED, "5.7.1", "554"),
        _refused("client_access_reject", "client-access.test", HOST_REFUSED, "5.7.1", "554"),
        _deferred("unknown_sender_domain", "sender-domain.test", SENDER_REFUSED, "sender", "4.1.8"),
        _deferred("unknown_client_hostname", "client-name.test", NO_HOST_NAME, "sender", "4.7.25"),
        _deferred("greylisted", "grey.test", (), "transient", "4.2.0"),
        # NXDOMAIN for the recipient's domain, but unknown_address_reject_code is 450: a
        # temporary refusal until the queue lifetime ends, never suppressed.
        _deferred(
            "unknown_recipient_domain", "nx-rcpt.test", ("host_unknown",), "recipient", "4.1.2"
        ),
        # postfix.test, tx's HELO name, does not resolve in the bed's DNS
        _deferred("unknown_helo_hostname", "helo.test", HELO_REFUSED, "sender", "4.7.1"),
        # rx's probe of our sender finds no sender.test in DNS ("Host or domain name not
        # found", about OUR domain); unverified_sender_reject_code set to 550 as for recipients
        _refused("unverified_sender", "verify-sender.test", SENDER_REFUSED, "5.1.7", "550"),
        Scenario(
            HEADER_REJECTED,
            ("fine@local.test",),
            (Expected("fine@local.test", True, False, CONTENT, "sender", "5.7.1", "550"),),
        ),
        Scenario(
            "message_too_big",
            ("fine@size.test",),
            (Expected("fine@size.test", True, False, TOO_BIG, "sender", "5.3.4", "552"),),
            size=2 * SIZE_LIMIT,
        ),
        *_exim_scenarios(),
        *_opensmtpd_scenarios(),
        _refused("haraka_relay_denied", HARAKA_ELSEWHERE, RELAY, "5.0.0", "550"),
        Scenario(
            "haraka_message_too_big",
            (f"fine@{HARAKA_DOMAIN}",),
            (Expected(f"fine@{HARAKA_DOMAIN}", True, False, TOO_BIG, "sender", "5.0.0", "550"),),
            size=2 * SIZE_LIMIT,
        ),
    )


# Scenarios whose notice quotes the very words of another scenario with the opposite label:
# no reading of the notice can get both right (docs/bounces.md, the receivers' set).
INDISTINGUISHABLE = frozenset({"osmtpd_rejected_by_rule", "osmtpd_relay_denied"})


def _opensmtpd_scenarios() -> tuple[Scenario, ...]:
    """OpenSMTPD 6.8 answers "550 Invalid recipient: <addr>" (smtp_session.c, no enhanced
    code) for every recipient no rule accepts: an unknown user, a recipient a "reject" rule
    refuses, a domain it does not relay for. The labels are what was set up; the last two
    say nothing the notice could show (INDISTINGUISHABLE)."""
    unknown = f"nosuchuser@{OSMTPD_DOMAIN}"
    return (
        Scenario(
            "osmtpd_invalid_recipient",
            (unknown,),
            (Expected(unknown, True, True, UNKNOWN, "recipient", "5.0.0", "550"),),
        ),
        _refused("osmtpd_rejected_by_rule", OSMTPD_REJECT, POLICY, "5.0.0", "550"),
        _refused("osmtpd_relay_denied", OSMTPD_ELSEWHERE, RELAY, "5.0.0", "550"),
        Scenario(
            "osmtpd_message_too_big",
            (f"fine@{OSMTPD_DOMAIN}",),
            (Expected(f"fine@{OSMTPD_DOMAIN}", True, False, TOO_BIG, "sender", "5.3.4", "554"),),
            size=2 * SIZE_LIMIT,
        ),
    )


def _exim_scenarios() -> tuple[Scenario, ...]:
    """Exim's replies carry no enhanced status code; Postfix's notice states the reply's class
    with .0.0 for them (the status its DSN fields give)."""
    return (
        Scenario(
            "exim_unrouteable_address",
            ("nosuchuser@exim.test",),
            (
                Expected(
                    "nosuchuser@exim.test", True, True, UNROUTEABLE, "recipient", "5.0.0", "550"
                ),
            ),
        ),
        Scenario(
            "exim_mixed",
            ("departed@exim.test", "fine@exim.test"),
            (Expected("departed@exim.test", True, True, UNROUTEABLE, "recipient", "5.0.0", "550"),),
        ),
        Scenario(
            "exim_mixed_refusals",
            ("gone@exim.test", "fine@exim-host.test", "fine@exim.test"),
            (
                Expected("gone@exim.test", True, True, UNROUTEABLE, "recipient", "5.0.0", "550"),
                Expected(
                    "fine@exim-host.test", True, False, HOST_REFUSED, "sender", "5.0.0", "550"
                ),
            ),
        ),
        _refused("exim_relay_not_permitted", EXIM_ELSEWHERE, RELAY, "5.0.0", "550"),
        _refused("exim_sender_blacklisted", "exim-sender.test", SENDER_REFUSED, "5.0.0", "550"),
        _refused("exim_host_blacklisted", "exim-host.test", HOST_REFUSED, "5.0.0", "550"),
        _refused("exim_dnsbl", "exim-dnsbl.test", LISTED, "5.0.0", "550"),
        _refused("exim_deny", "exim-policy.test", POLICY, "5.0.0", "550"),
        # Exim quotes rx's answer to its callout: "550-Callout verification failed: 550-550
        # 5.1.1 <a>: Recipient address rejected: ...": the one enhanced code in it is rx's
        Scenario(
            "exim_callout_user_unknown",
            (f"nosuchuser@{CALLOUT_DOMAIN}",),
            (
                Expected(
                    f"nosuchuser@{CALLOUT_DOMAIN}", True, True, UNKNOWN, "recipient", "5.1.1", "550"
                ),
            ),
        ),
        # Debian's CHECK_RCPT_VERIFY_SENDER: our sender's domain does not resolve in the bed
        _refused("exim_sender_verify_failed", "exim-verify.test", SENDER_REFUSED, "5.0.0", "550"),
        Scenario(
            "exim_unrouteable_domain",
            ("fine@exim-nx-relay.test",),
            (
                Expected(
                    "fine@exim-nx-relay.test",
                    True,
                    True,
                    UNROUTEABLE[::-1],
                    "recipient",
                    "5.0.0",
                    "550",
                ),
            ),
        ),
        Scenario(
            "exim_message_too_big",
            ("fine@exim-size.test",),
            (Expected("fine@exim-size.test", True, False, TOO_BIG, "sender", "5.0.0", "552"),),
            size=2 * SIZE_LIMIT,
        ),
    )


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{SENDER_DOMAIN}"


def message(scenario: Scenario) -> EmailMessage:
    body = "A message whose fate the receiving server's set-up decides.\n"
    for n in range(scenario.size // 64):
        body += f"Line {n:05d} of padding, to be larger than the receiver's limit..\n"
    return bed_message(
        SENDER_DOMAIN,
        scenario.recipients,
        f"Receivers bed: {scenario.name}",
        scenario.name,
        "Sun, 06 Dec 2026 12:00:00 +0000",
        body,
    )


def _rx(port: int, greylist: int) -> postfix.Postfix:
    """The receiving Postfix: 127.0.0.1 is not in its mynetworks, so it judges tx as it would
    any server on the Internet."""
    classes = {d: r.replace("{greylist}", str(greylist)) for d, r in CLASSES.items()}
    names = {d: d.replace(".", "_").replace("-", "_") for d in CLASSES}
    choose = ", ".join(f"{d}={names[d]}" for d in CLASSES)
    root = Path(tempfile.mkdtemp(prefix="pf-rx-", dir="/var/tmp"))
    header_checks = root / "header_checks"
    header_checks.write_text(f"/^Subject: Receivers bed: {HEADER_REJECTED}$/ REJECT\n")
    header_checks.chmod(0o644)
    return postfix.Postfix(
        port,
        root=root,
        main={
            "myhostname": "rx.test",
            "mydomain": "rx.test",
            "myorigin": "rx.test",
            "mydestination": ", ".join(LOCAL_DOMAINS),
            "mynetworks": "192.0.2.1/32",
            "local_recipient_maps": "inline:{ fine=fine }",
            "local_transport": "discard:",
            "virtual_mailbox_domains": VIRTUAL_DOMAIN,
            "virtual_mailbox_maps": "inline:{ fine@" + VIRTUAL_DOMAIN + "=fine/ }",
            "virtual_transport": "discard:",
            "relay_domains": ", ".join(RELAY_DOMAINS),
            "transport_maps": "inline:{ verify.test=local: }",
            "header_checks": f"regexp:{header_checks}",
            "unverified_recipient_reject_code": "550",
            "unverified_sender_reject_code": "550",
            "smtpd_relay_restrictions": "permit_mynetworks, reject_unauth_destination",
            "smtpd_restriction_classes": ", ".join(names.values()),
            **{names[d]: r for d, r in classes.items()},
            "smtpd_recipient_restrictions": "check_recipient_access inline:{ " + choose + " }",
            "message_size_limit": str(SIZE_LIMIT),
            "smtp_dns_support_level": "enabled",
        },
    )


def _tx(ports: dict[str, int], capture: int) -> postfix.Postfix:
    """The sending Postfix on ``ports["tx"]``: every domain of the bed to its receiver (the
    other ``ports``), the senders' to the capture."""
    helo = dict.fromkeys(HELO_DOMAINS, "smtphelo")
    return postfix_writer(ports["tx"], _routes(ports, capture), via=helo, services=[HELO_ONLY])


@dataclass
class Postgrey:
    """postgrey on 127.0.0.1:``port`` with its database in a directory of its own; its delay
    (300 s, its default) is far past tx's queue lifetime."""

    port: int
    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="postgrey-bed-", dir="/var/tmp"))
    )
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        user = pwd.getpwnam("postgrey")  # the Debian package's user
        self.root.chmod(0o755)
        (self.root / "db").mkdir()
        os.chown(self.root / "db", user.pw_uid, user.pw_gid)
        with open(self.root / "stderr.log", "ab") as errors:
            self.process = subprocess.Popen(
                [
                    str(POSTGREY),
                    f"--inet=127.0.0.1:{self.port}",
                    f"--dbdir={self.root / 'db'}",
                    f"--pidfile={self.root / 'postgrey.pid'}",
                    "--user=postgrey",
                ],
                stdin=subprocess.DEVNULL,
                stdout=errors,
                stderr=errors,
                start_new_session=True,
            )
        _wait_listening(self.port, self.process, self.log_tail)

    def stop(self) -> None:
        stop_group(self.process, self.root)

    def log_tail(self, lines: int = 20) -> str:
        return stderr_tail(self.root, "postgrey", lines)


def _wait_listening(port: int, process: subprocess.Popen[bytes], log: Any) -> None:
    """Until ``process`` listens on ``port``; RuntimeError if it exits or does not."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited {process.returncode}: {log()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"does not listen on {port}: {log()}")


@dataclass
class Run:
    """What one run of the bed produced."""

    capture: ScriptedMx
    log: str = ""
    error: str | None = None

    def notices(self, scenario: str) -> list[bytes]:
        return [a.content for a in self.capture.to(sender_of(scenario))]

    def pending(self) -> bool:
        return any(not self.notices(s.name) for s in scenarios())


@dataclass
class EximSender(exim.Exim):
    """Debian's Exim 4.96 as the WRITER of the notices (tx's part): every domain of the bed
    routed to its receiver, HELO_DOMAINS' with HELO only (the smtp transport's
    ``hosts_avoid_esmtp``), a deferred address returned after QUEUE_LIFETIME (its retry
    rule's cutoff)."""

    def flush(self) -> None:
        """Every queued message tried now, deferred ones too (``exim -qff``)."""
        subprocess.run(
            [str(exim.binary()), "-C", str(self.config), "-qff"],
            env=exim.unpacked.environment(exim.binary()),
            capture_output=True,
            check=False,
            timeout=30,
        )


def _routes(ports: dict[str, int], capture: int) -> dict[str, int]:
    """Every domain of the bed: the port of the receiver that serves it."""
    domains = [*LOCAL_DOMAINS, VIRTUAL_DOMAIN, *RELAY_DOMAINS, ELSEWHERE]
    return {
        SENDER_DOMAIN: capture,
        **dict.fromkeys(domains, ports["postfix"]),
        **dict.fromkeys((*EXIM_DOMAINS, *EXIM_RELAY_DOMAINS, EXIM_ELSEWHERE), ports["exim"]),
        **dict.fromkeys((OSMTPD_DOMAIN, OSMTPD_REJECT, OSMTPD_ELSEWHERE), ports["opensmtpd"]),
        **dict.fromkeys((HARAKA_DOMAIN, HARAKA_ELSEWHERE), ports["haraka"]),
    }


def _exim_tx(ports: dict[str, int], capture: int) -> EximSender:
    helo = dict.fromkeys(HELO_DOMAINS, ("hosts_avoid_esmtp = *",))
    return exim_writer(ports["tx"], _routes(ports, capture), transport_options=helo)


HELO_ONLY = "smtphelo unix - - n - - smtp -o smtp_never_send_ehlo=yes"
"""A sending Postfix's master.cf service that greets with HELO (no SIZE, no enhanced codes
asked for), for the domains routed through ``smtphelo``."""

Sender = postfix.Postfix | EximSender
"""A bed's sending MTA, the writer of its notices."""


def postfix_writer(
    port: int,
    routes: dict[str, int],
    *,
    main: dict[str, str] | None = None,
    via: dict[str, str] | None = None,
    services: list[str] | None = None,
) -> postfix.Postfix:
    """A bed's sending Postfix on ``port``: each domain of ``routes`` to its port on 127.0.0.1
    (through the master.cf service ``via`` names for it, smtp for the rest; ``services`` adds
    those), a deferred message returned after QUEUE_LIFETIME with retries every second or two,
    and 30 deliveries at once to a destination; ``main`` adds or overrides main.cf settings."""
    via = via or {}
    entries = [f"{d}={via.get(d, 'smtp')}:[127.0.0.1]:{to}" for d, to in routes.items()]
    lifetime = f"{QUEUE_LIFETIME}s"
    settings = {
        "transport_maps": "inline:{ " + ", ".join(entries) + " }",
        "maximal_queue_lifetime": lifetime,
        "bounce_queue_lifetime": lifetime,
        "queue_run_delay": "1s",
        "minimal_backoff_time": "1s",
        "maximal_backoff_time": "2s",
        # every receiver is one next hop to it: all the bed's messages go at once
        "initial_destination_concurrency": "30",
        "default_destination_concurrency_limit": "30",
    }
    return postfix.Postfix(port, main={**settings, **(main or {})}, services=services or [])


def exim_writer(
    port: int,
    routes: dict[str, int],
    *,
    settings: dict[str, str] | None = None,
    transport_options: Mapping[str, tuple[str, ...]] | None = None,
) -> EximSender:
    """A bed's sending Exim on ``port``, as postfix_writer: ``routes``, QUEUE_LIFETIME, 30
    deliveries at once; ``settings`` adds or overrides its main settings,
    ``transport_options`` its smtp transport's options for a domain."""
    return EximSender(
        port,
        routes,
        settings={
            "primary_hostname": "exim-tx.test",
            "qualify_domain": "exim-tx.test",
            "tls_advertise_hosts": "",
            "remote_max_parallel": "30",
            **(settings or {}),
        },
        retry=f"F,{QUEUE_LIFETIME}s,1s",
        transport_options=dict(transport_options or {}),
    )


def writer_mta(
    writer: str,
    port: int,
    routes: dict[str, int],
    *,
    main: dict[str, str] | None = None,
    settings: dict[str, str] | None = None,
) -> Sender:
    """``writer``'s sending MTA (postfix_writer or exim_writer) on ``port`` for ``routes``."""
    if writer == "exim":
        return exim_writer(port, routes, settings=settings)
    return postfix_writer(port, routes, main=main)


@dataclass
class QuickRun:
    """What one run of a bed with a quick run (QUICK) produced: the notices that came back for
    each scenario ``sent(quick)`` sent, each to its own ``sender_of(scenario)``."""

    capture: ScriptedMx
    sender_of: Callable[[str], str]
    sent: Callable[[bool], Iterable[Named]]
    quick: bool = False
    log: str = ""
    error: str | None = None

    def notices(self, scenario: str) -> list[bytes]:
        return [a.content for a in self.capture.to(self.sender_of(scenario))]

    def pending(self) -> bool:
        return any(not self.notices(s.name) for s in self.sent(self.quick))


class Named(Protocol):
    @property
    def name(self) -> str: ...


class Phases:
    """When a bed's run reached each phase, for its log: ``phases("started")``, then
    ``str(phases)``."""

    def __init__(self) -> None:
        self._began = time.monotonic()
        self._reached: list[str] = []

    def __call__(self, name: str) -> None:
        self._reached.append(f"{name} {time.monotonic() - self._began:.1f}s")

    def __str__(self) -> str:
        return "phases: " + ", ".join(self._reached)


async def submit_bounded(aws: Iterable[Awaitable[object]], at_once: int = 8) -> None:
    """Await the submissions ``aws``, at most ``at_once`` at a time: a writer answers more
    sessions than its limit with 421 (Exim's smtp_accept_max is 20 by default)."""
    slots = asyncio.Semaphore(at_once)

    async def one(aw: Awaitable[object]) -> None:
        async with slots:
            await aw

    await asyncio.gather(*(one(aw) for aw in aws))


async def start_together(*starts: Awaitable[object]) -> None:
    """Start a bed's servers at once; once every start has settled, the first failure."""
    done = await asyncio.gather(*starts, return_exceptions=True)
    failed = [r for r in done if isinstance(r, BaseException)]
    if failed:
        raise failed[0]


async def start_writer(tx: Sender | SendmailSender) -> None:
    """Start a bed's writer: Exim and Sendmail on the loop, Postfix (blocking) in a thread."""
    if isinstance(tx, postfix.Postfix):
        await asyncio.to_thread(tx.start)
    else:
        await tx.start()


async def stop_writer(tx: Sender | SendmailSender | None) -> None:
    """Stop a bed's writer, if one was made."""
    if isinstance(tx, postfix.Postfix):
        await asyncio.to_thread(tx.stop)
    elif tx is not None:
        await tx.stop()


@dataclass
class SendmailSender(sendmail.Sendmail):
    """Debian's Sendmail 8.17 as the writer, a deferred address returned after QUEUE_LIFETIME
    (Timeout.queuereturn). sendmail.py's one mailer per route would pass Sendmail's limit of
    25 mailers: here there is one per receiver (``receivers``: domain to port, ``routes``
    left empty) with sendmail.py's esmtp flags. HELO_DOMAINS get no HELO-only mailer: without
    its ``a`` flag Sendmail still says EHLO to a greeting that names ESMTP, as every receiver's
    does, and sends SIZE=; each receiver then refuses at MAIL FROM in its own words (Sendmail
    8.17 does not refuse on the announced SIZE itself, as the bed shows)."""

    receivers: dict[str, int] = field(default_factory=dict)

    def _mc(self) -> str:
        text = super()._mc()
        tail = "LOCAL_RULE_0\nMAILER_DEFINITIONS\n"
        assert text.endswith(tail), "sendmail.py's .mc no longer ends in its mailers"
        rules, mailers = [], []
        for n, port in enumerate(sorted(set(self.receivers.values()))):
            mailers.append(
                f"Mrx{n},\tP=[IPC], F=mDFMuXak, S=EnvFromSMTP/HdrFromSMTP, R=EnvToSMTP, "
                f"E=\\r\\n, L=990, T=DNS/RFC822/SMTP, A=TCP $h {port}"
            )
            for domain in (d for d, to in self.receivers.items() if to == port):
                for dot in ("", " ."):
                    rules.append(
                        f"R$+ < @ {domain}{dot} > $*\t$#rx{n} $@ [127.0.0.1] "
                        f"$: $1 < @ {domain} > $2"
                    )
        body = [text[: -len(tail)] + "LOCAL_RULE_0", *rules, "MAILER_DEFINITIONS", *mailers]
        return "\n".join(body) + "\n"

    def flush(self) -> None:
        """Every queued message tried now (``sendmail -q``, in its own UTS namespace)."""
        subprocess.run(
            [*sendmail.UTS, str(sendmail.binary()), "-C", str(self.config), "-q"],
            env=sendmail.unpacked.environment(sendmail.binary()),
            capture_output=True,
            check=False,
            timeout=30,
        )


def _sendmail_tx(ports: dict[str, int], capture: int) -> SendmailSender:
    return SendmailSender(
        ports["tx"], {}, queuereturn=f"{QUEUE_LIFETIME}s", receivers=_routes(ports, capture)
    )


WRITERS = ("postfix", "exim", "sendmail")


async def run(writer: str = "postfix") -> Run:
    """The DNS server, postgrey, rx, tx and the capture; every scenario sent; the notices.
    ``writer``: the MTA that writes them (tx), one of WRITERS."""
    dns = DnsServer()  # every other name: NXDOMAIN (sender.test, 127.0.0.1's PTR)
    reversed_loopback = f"1.0.0.127.{BLOCK_LIST}"
    dns.add(reversed_loopback, "A", "127.0.0.2")
    dns.add(reversed_loopback, "TXT", BLOCK_LIST_TEXT)
    await dns.start(port=53)
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture)
    grey = Postgrey(free_port())
    rx = _rx(free_port(), grey.port)
    exim_rx = EximReceiver(free_port(), {}, callout_port=rx.smtpd_port)
    osmtpd_rx = OpenSmtpdReceiver(free_port(), {}, capture=capture.port)
    haraka_rx = HarakaReceiver(free_port(), {})
    tx: postfix.Postfix | EximSender | SendmailSender | None = None
    try:
        await asyncio.to_thread(grey.start)
        await asyncio.to_thread(rx.start)
        await exim_rx.start()
        await osmtpd_rx.start()
        await haraka_rx.start()
        port = free_port()
        ports = {
            "tx": port,
            "postfix": rx.smtpd_port,
            "exim": exim_rx.smtpd_port,
            "opensmtpd": osmtpd_rx.smtpd_port,
            "haraka": haraka_rx.port,
        }
        if writer == "exim":
            tx = _exim_tx(ports, capture.port)
        elif writer == "sendmail":
            tx = _sendmail_tx(ports, capture.port)
        else:
            tx = _tx(ports, capture.port)
        await start_writer(tx)
        for scenario in scenarios():
            await submit(port, message(scenario), sender_of(scenario.name), scenario.recipients)
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE, tx.flush, NUDGE)
    except (OSError, RuntimeError, KeyError, aiosmtplib.SMTPException) as exc:
        result.error = f"the receivers' bed broke off: {exc}"
    finally:
        result.log = "\n".join(
            [
                tx.log_tail(40) if tx is not None else "",
                rx.log_tail(40),
                exim_rx.log_tail(40),
                osmtpd_rx.log_tail(40),
                haraka_rx.log_tail(40),
                grey.log_tail(),
            ]
        )
        await stop_writer(tx)
        await asyncio.to_thread(rx.stop)
        await exim_rx.stop()
        await osmtpd_rx.stop()
        await haraka_rx.stop()
        await asyncio.to_thread(grey.stop)
        await capture.stop()
        await dns.stop()
    return result


def stated_status(writer: str, expected: Expected) -> str:
    """The status ``writer``'s notice states for ``expected``: the receiver's own (Postfix and
    Exim copy it, or state the reply's class with .0.0 where it has none). Sendmail reads an
    enhanced code only from a server that announces ENHANCEDSTATUSCODES (Postfix does; Exim,
    OpenSMTPD's RCPT replies and Haraka's here carry none) and otherwise writes its own
    (usersmtp.c): at MAIL FROM, where the size limits refuse Sendmail's SIZE=, smtpmailfrom()
    552 -> 5.3.4 and any other 5xx -> 5.0.0; at RCPT smtprcpt() 550 -> 5.1.1 (EX_NOUSER)."""
    if writer != "sendmail" or expected.status != "5.0.0":
        return expected.status
    if expected.reasons == TOO_BIG:
        return "5.3.4" if expected.reply_code == "552" else "5.0.0"
    return "5.1.1" if expected.reply_code == "550" else "5.0.0"


def gave_up_status(writer: str, expected: Expected) -> str:
    """The status a writer's notice states for ``expected`` in the beds that have Postfix and
    Exim write: the receiver's enhanced code where its reply has one (both writers quote it),
    else the notice's Status field: Postfix's X.0.0 of the reply's class ("4.0.0" for a bare
    4xx it gives up on), Exim's 5.0.0 for every address it gives up on (deliver.c; real_mta.py's
    EXPIRY_STATUS, the project's convention)."""
    if writer == "exim" and expected.status == "4.0.0":
        return "5.0.0"
    return expected.status


def writer_entry(
    engine: str,
    writer: str,
    name: str,
    scenario: str,
    failed: Iterable[Expected],
    status: Callable[[str, Expected], str] = gave_up_status,
    bounce: bool = True,
) -> dict[str, Any]:
    """A bed's manifest entry for the notice ``name`` that ``writer`` wrote for ``scenario``
    (engine ``<engine>-<writer>``, score_bounces.py's format): each of the ``failed``
    recipients labelled with ``status(writer, recipient)`` and its ``party``."""
    expected = [label(e, status(writer, e), {"party": e.party}) for e in failed]
    return bed_entry(f"{engine}-{writer}", name, scenario, expected, bounce)


def entry(scenario: Scenario, name: str, writer: str = "postfix") -> dict[str, Any]:
    """The manifest entry of one notice, in score_bounces.py's format (and ``party``)."""
    expected = [label(e, stated_status(writer, e), {"party": e.party}) for e in scenario.failed]
    engine_id = "real-receivers" + ("" if writer == "postfix" else f"-{writer}")
    return bed_entry(engine_id, name, scenario.name, expected)


def namespace_etc(etc: Path) -> None:
    """Inside the new namespaces: loopback up, our resolver, an /etc/hosts that names no
    address of 127.0.0.1 (so the client has no name unless DNS gives one)."""
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    (etc / "resolv.conf").write_text("nameserver 127.0.0.1\noptions attempts:1 timeout:1\n")
    # Not even "::1 localhost": glibc's files backend answers 127.0.0.1's name from that line.
    (etc / "hosts").write_text("# the receivers' bed: no names here\n")
    for name in ("resolv.conf", "hosts"):
        subprocess.run(["mount", "--bind", str(etc / name), f"/etc/{name}"], check=True)


def _isolate(etc: Path, writer: str = "postfix") -> None:
    """namespace_etc, then the unpacked Exim's and OpenSMTPD's set-up."""
    namespace_etc(etc)
    # The unpacked Exim's libraries and its compiled-in user (tests/support/real_mta.py).
    roots = [exim.ROOT, opensmtpd.ROOT, *([sendmail.ROOT] if writer == "sendmail" else [])]
    cache = unpacked.library_cache(etc, roots)
    subprocess.run(["mount", "--bind", str(cache), "/etc/ld.so.cache"], check=True)
    _add_users(etc, [exim.USER, *opensmtpd.USERS])
    # OpenSMTPD's compiled-in spool and chroot: /var by an overlay, /run a tmpfs of its own
    subprocess.run(["mount", "-t", "tmpfs", "tmpfs", "/run"], check=True)
    why = _opensmtpd_directories()
    if why is not None:
        raise RuntimeError(why)


def writer_namespace(etc: Path, writer: str, also: tuple[Path, ...] = ()) -> None:
    """A bed's ``isolate``: namespace_etc, then the library cache of the unpacked servers it
    runs (``also``) and of an unpacked writer (Exim, with its compiled-in user; Sendmail)."""
    namespace_etc(etc)
    writer_root = {"exim": exim.ROOT, "sendmail": sendmail.ROOT}.get(writer)
    roots = list(dict.fromkeys([*also, *([writer_root] if writer_root else [])]))
    if roots:
        cache = unpacked.library_cache(etc, roots)
        subprocess.run(["mount", "--bind", str(cache), "/etc/ld.so.cache"], check=True)
    if writer == "exim":
        _add_users(etc, [exim.USER])


def write_for_writer(
    out: Path,
    scenarios: list[Scenario],
    result: Any,
    entry: Callable[[Scenario, str, str], dict[str, Any]],
    writer: str,
) -> dict[str, Any]:
    """A bed's ``write``: its run's notices and manifest, each entry labelled for ``writer``."""
    return write_notices(
        out,
        scenarios,
        result.notices,
        lambda scenario, name: entry(scenario, name, writer),
        {"error": result.error},
    )


QUICK = "+quick"
"""A writer's name with this appended, among a bed's namespace arguments: its quick run."""


def quick_writer(writer: str) -> tuple[str, bool]:
    """The writer a bed's namespace argument names, and whether the run is quick (QUICK)."""
    return writer.removesuffix(QUICK), writer.endswith(QUICK)


def write_for_run(
    out: Path,
    sent: Callable[[bool], Iterable[Scenario]],
    result: Any,
    entry: Callable[[Scenario, str, str], dict[str, Any]],
    writer: str,
) -> dict[str, Any]:
    """write_for_writer for a bed with a quick run: the scenarios ``sent(quick)`` sends, for
    the run ``writer`` names (quick_writer)."""
    name, quick = quick_writer(writer)
    return write_for_writer(out, list(sent(quick)), result, entry, name)


def generate_in_namespaces(
    module: str, out: Path, timeout: float, writer: str, what: str, quick: bool = False
) -> dict[str, Any]:
    """A bed ``module`` run in its own namespaces with ``writer`` as tx (bed.run_in_namespaces),
    its quick run if ``quick``: the manifest it wrote to ``out``, with its output as ``log``."""
    return generate_logged(module, out, [writer + (QUICK if quick else "")], timeout, what)


def namespace_main(
    isolate: Callable[[Path, str], None],
    run: Callable[[str], Coroutine[Any, Any, Any]],
    write: Callable[[Path, Any, str], dict[str, Any]],
) -> None:
    """A bed's ``__main__`` inside the namespaces: arguments out directory and writer;
    ``isolate``, ``run`` and ``write``, then the counts and the run's log on stdout."""
    tx_writer = sys.argv[2] if len(sys.argv) > 2 else "postfix"
    main_in_namespaces(
        "receivers-etc-",
        lambda etc: isolate(etc, tx_writer),
        lambda _etc: run(tx_writer),
        lambda out, outcome: write(out, outcome, tx_writer),
    )


@dataclass(frozen=True)
class BedAdapter:
    """A bed module's glue to its tests and to its run in namespaces, once for every bed that
    runs in receivers_bed's namespaces with a writer: at the end of the module

        ADAPTER = receivers_bed.BedAdapter(__name__, "the TLS bed", scenarios, entry, 120.0)
        write, generate = ADAPTER.write, ADAPTER.generate

        if __name__ == "__main__":  # inside the namespaces made by generate()
            ADAPTER.main(run)

    ``scenarios()``: every scenario, and a bed with a quick run (QUICK) its ``sent(quick)``,
    the scenarios a run sends; ``entry(scenario, file name, writer)``: a notice's manifest
    entry; ``timeout``: generate's default; the namespace (``isolate``) is writer_namespace
    with the libraries of the unpacked servers in ``also`` (``exim_receiver``: and the
    unpacked Exim's, with its compiled-in user, for a receiving Exim), or a bed's
    ``own_isolate``; either is given the writer's name without QUICK."""

    module: str
    what: str
    scenarios: Callable[[], Iterable[Scenario]]
    entry: Callable[[Scenario, str, str], dict[str, Any]]
    timeout: float = 90.0
    sent: Callable[[bool], Iterable[Scenario]] | None = None
    also: tuple[Path, ...] = ()
    exim_receiver: bool = False
    own_isolate: Callable[[Path, str], None] | None = None

    def _sent(self, quick: bool) -> Iterable[Scenario]:
        return self.scenarios() if self.sent is None else self.sent(quick)

    def write(self, out: Path, result: Any, writer: str = "postfix") -> dict[str, Any]:
        """The notices of the run ``writer`` names (quick_writer) and their manifest."""
        return write_for_run(out, self._sent, result, self.entry, writer)

    def generate(
        self, out: Path, timeout: float | None = None, writer: str = "postfix", quick: bool = False
    ) -> dict[str, Any]:
        """Run the bed in its own namespaces with ``writer`` as the writer (its quick run if
        ``quick``); the manifest it wrote to ``out``."""
        return generate_in_namespaces(
            self.module, out, self.timeout if timeout is None else timeout, writer, self.what, quick
        )

    def isolate(self, etc: Path, writer: str) -> None:
        name = quick_writer(writer)[0]
        if self.own_isolate is not None:
            self.own_isolate(etc, name)
            return
        writer_namespace(
            etc, name, also=(*self.also, exim.ROOT) if self.exim_receiver else self.also
        )
        if self.exim_receiver:
            _add_users(etc, [exim.USER])

    def main(self, run: Callable[[str], Coroutine[Any, Any, Any]]) -> None:
        """The bed's ``__main__`` inside the namespaces (namespace_main)."""
        namespace_main(self.isolate, run, self.write)


ADAPTER = BedAdapter(__name__, "the receivers' bed", scenarios, entry, own_isolate=_isolate)
write, generate = ADAPTER.write, ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    ADAPTER.main(run)
