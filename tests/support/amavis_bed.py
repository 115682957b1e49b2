"""amavisd-new 2.13 with SpamAssassin 4.0 (Debian: amavisd-new, spamassassin) as a real
CONTENT FILTER at the destination (judge23): a receiving Postfix 3.7 ("rx") on 127.0.0.1 hands
mail to amavisd in its two modes, and the notices come back to the scenario's envelope sender
(``bounces+<scenario>@sender.test``) at a capture server on 127.0.0.1. Labels come from how the
bed is set up (the message's content, rx's tables), never from the notices.

- ``amavis-pre.test``: rx's smtpd hands the session to amavisd as a before-queue proxy
  (``smtpd_proxy_filter``, amavisd's policy bank PREQ: final_{spam,banned,bad_header}_destiny
  D_REJECT); amavisd's verdict at the end of DATA becomes rx's reply, and the SENDING MTA (a
  real Postfix 3.7, or Debian's Exim 4.96 unpacked as in receivers_bed.py, or Sendmail 8.17 or
  Courier 1.0.16 unpacked by sendmail.py and courier.py, judge26) writes the notice.
- ``amavis-post.test``: rx queues the mail and its ``content_filter`` gives it to amavisd after
  the queue (final_*_destiny D_BOUNCE): amavisd ITSELF writes the notice (its own DSN template)
  and sends it through rx's reinjection smtpd to our envelope sender.
The content: SpamAssassin's GTUBE string (Debian's rules as shipped; no sa-update, no network
tests: ``$sa_local_tests_only``), an attachment ``setup.exe`` (``$banned_filename_re``) and a
header section with a duplicated Subject (amavisd's header checks, "multiple"). For contrast at
the same destination: an unknown user (rx's virtual mailbox table, refused at RCPT before
amavisd sees anything), a full mailbox (rx's virtual(8) over ``virtual_mailbox_limit``: rx
writes the notice after amavisd passed the message) and a message to two recipients of which
one is unknown and the other refused as spam. Everything runs in judge16's private network and
mount namespace (receivers_bed.namespace_etc: loopback only, an /etc/hosts naming nothing).
"""

from __future__ import annotations

import asyncio
import email.policy
import os
import pwd
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiosmtplib

from tests.support import courier, postfix, receivers_bed
from tests.support.bed import (
    bed_message,
    stop_group,
    wait_for_notices,
)
from tests.support.dns_server import DnsServer
from tests.support.process import free_port
from tests.support.receivers_bed import (
    EXPIRED,
    QUEUE_LIFETIME,
    SENDER_DOMAIN,
    UNKNOWN,
    EximSender,
    Expected,
    SendmailSender,
    sender_of,
)
from tests.support.scripted_mx import ScriptedMx

AMAVISD = Path("/usr/sbin/amavisd")  # Debian: amavisd-new
SPAMASSASSIN_RULES = Path("/usr/share/spamassassin")  # Debian: spamassassin
CLAMSCAN = Path("/usr/bin/clamscan")  # Debian: clamav
USER = "amavis"  # the Debian package's user
MAILBOX_USER = 65534  # rx's virtual(8) writes the mailboxes as nobody:nogroup
DEADLINE = 60.0
NUDGE = 15.0
GRACE = 1.0
START_TIMEOUT = 60.0  # amavisd compiles SpamAssassin's rules before it takes mail
WRITERS = ("postfix", "exim", "sendmail", "courier")

PRE = "amavis-pre.test"
POST = "amavis-post.test"
# rx hands these to an amavisd that is not there (a port nobody listens on), before the queue
# and after it: the filter down, the sender's mail deferred until a queue lifetime ends
DOWN_PRE = "amavis-down-pre.test"
DOWN_POST = "amavis-down-post.test"
LOVER = "lover"  # a recipient in amavisd's @spam_lovers_maps: it takes the spam
# a recipient with its own size limit in amavisd's @message_size_limit_maps (below the 64 KiB
# amavisd raises any limit to unless $enforce_smtpd_message_size_limit_64kb_min is off)
SMALL = "small"
# a recipient rx's smtpd knows but its reinjection smtpd does not (as if the mailbox were
# removed while the message was being scanned): the reinjection refuses it to amavisd, whose
# reply then carries the MTA's ("... from MTA(smtp:[127.0.0.1]:port): 550 5.1.1 ...")
GONE = "gone"
SMALL_LIMIT = 5000
# rx hands this domain to amavisd's policy bank PREQTEMP, whose spam destiny is D_TEMPFAIL:
# amavisd answers a 450 (Amavis.pm: 5xx -> 450 for D_TEMPFAIL) until the sender gives up
TEMPFAIL = "amavis-tempfail.test"
# rx hands this domain to amavisd's policy bank PREQSCANFAIL, whose only virus scanner fails
# (clamscan given a signature database that does not exist): "ALL VIRUS SCANNERS FAILED" (AV.pm)
# and, with $virus_scanners_failure_is_fatal set (2.13 passes the mail UNCHECKED without it),
# "451 4.5.0 Error in processing" (Amavis.pm) until the sender gives up: the destination's
# own trouble
SCANFAIL = "amavis-scanfail.test"
MAILBOX_LIMIT = 40000  # rx's virtual_mailbox_limit (and message_size_limit)
# SpamAssassin's Generic Test for Unsolicited Bulk Email (its rule GTUBE, 20_body_tests.cf)
GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"

# ClamAV's signature database has no virus until freshclam fetches one (no network here): the
# bed writes one signature of its own (ClamAV's .ndb format: name, any file, any offset, the
# bytes in hex), and the "virus" scenarios carry those bytes in an attachment; clamscan reports
# it as "Bed.Test.Signature.UNOFFICIAL FOUND" (an unsigned database's signatures).
SIGNATURE_NAME = "Bed.Test.Signature"
SIGNATURE = "BOUNCE-RELAY-BED-CONTENT-FILTER-TEST-SIGNATURE"

# A content filter refused the message: the sender's side, never the address's.
SPAM = ("spam_detected", "filtered", "content_error", "policy_violation")
BANNED = ("filtered", "virus_detected", "content_error", "policy_violation", "security_error")
VIRUS = ("virus_detected", "filtered", "content_error", "policy_violation", "security_error")
BAD_HEADER = ("not_compliant_rfc", "content_error", "filtered", "policy_violation")
FULL = ("mailbox_full",)
TOO_BIG = ("mesg_too_big",)
# The filter is not there: the receiving site's trouble, deferred until the queue lifetime ends.
FILTER_DOWN = (EXPIRED, "system_error", "network_error")

AMAVISD_CONF = """\
use strict;
$MYHOME = '{home}';
$TEMPBASE = "$MYHOME/tmp";
$db_home = "$MYHOME/db";
$helpers_home = "$MYHOME/var";
$pid_file = "$MYHOME/amavisd.pid";
$lock_file = "$MYHOME/amavisd.lock";
$daemon_user = '{user}';
$daemon_group = '{user}';
$mydomain = 'amavis-rx.test';
$myhostname = 'amavis-rx.test';
$max_servers = 2;
$do_syslog = 0;
$LOGFILE = "$MYHOME/amavis.log";
$log_level = 2;
$inet_socket_bind = '127.0.0.1';
$inet_socket_port = [{post}, {pre}, {temp}, {scanfail}];
$interface_policy{{'{pre}'}} = 'PREQ';
$interface_policy{{'{temp}'}} = 'PREQTEMP';
$interface_policy{{'{scanfail}'}} = 'PREQSCANFAIL';
$forward_method = 'smtp:[127.0.0.1]:{reinject}';
$notify_method = 'smtp:[127.0.0.1]:{reinject}';
@local_domains_maps = (1);
@spam_lovers_maps = (['{lover}@{pre_domain}', '{lover}@{post_domain}']);
@message_size_limit_maps = ({{ '{small}@{pre_domain}' => {small_limit},
  '{small}@{post_domain}' => {small_limit} }});
$enforce_smtpd_message_size_limit_64kb_min = 0;
@bypass_virus_checks_maps = (0);
@bypass_spam_checks_maps = (0);
@av_scanners = (
  ['ClamAV-clamscan', '{clamscan}',
    "--stdout --no-summary -r -d {signatures} --tempdir=$TEMPBASE {{}}",
    [0], qr/:.*\\sFOUND$/m, qr/^.*?: (?!Infected Archive)(.*) FOUND$/m ],
);
@av_scanners_backup = ();
@viruses_that_fake_sender_maps = (0);
$sa_local_tests_only = 1;
$sa_tag_level_deflt = -999;
$sa_tag2_level_deflt = 6.31;
$sa_kill_level_deflt = 6.31;
$sa_dsn_cutoff_level = 100000;
$sa_crediblefrom_dsn_cutoff_level = 100000;
$QUARANTINEDIR = undef;
$virus_quarantine_to = undef;
$spam_quarantine_to = undef;
$banned_quarantine_to = undef;
$bad_header_quarantine_to = undef;
$virus_admin = undef;
$spam_admin = undef;
$banned_admin = undef;
$bad_header_admin = undef;
$enable_dkim_verification = 0;
$banned_filename_re = new_RE( qr'.\\.(exe|vbs|pif|scr|bat|cmd|com|cpl)$'i );
$final_virus_destiny = D_BOUNCE;
$final_spam_destiny = D_BOUNCE;
$final_banned_destiny = D_BOUNCE;
$final_bad_header_destiny = D_BOUNCE;
$policy_bank{{'PREQ'}} = {{
  final_virus_destiny => D_REJECT,
  final_spam_destiny => D_REJECT,
  final_banned_destiny => D_REJECT,
  final_bad_header_destiny => D_REJECT,
}};
$policy_bank{{'PREQTEMP'}} = {{ final_spam_destiny => D_TEMPFAIL }};
$policy_bank{{'PREQSCANFAIL'}} = {{
  virus_scanners_failure_is_fatal => 1,
  av_scanners => [
    ['ClamAV-clamscan', '{clamscan}',
      "--stdout --no-summary -r -d {signatures}.missing --tempdir=$TEMPBASE {{}}",
      [0], qr/:.*\\sFOUND$/m, qr/^.*?: (?!Infected Archive)(.*) FOUND$/m ],
  ],
}};
1;
"""


@dataclass
class Amavisd:
    """amavisd in the foreground, listening on ``post`` (policy: D_BOUNCE), ``pre`` (policy
    bank PREQ: D_REJECT), ``temp`` (policy bank PREQTEMP: spam D_TEMPFAIL) and ``scanfail``
    (policy bank PREQSCANFAIL: clamscan given a database that is not there), passing and
    notifying through rx's smtpd on ``reinject``. Its configuration sits in a directory
    amavisd cannot write (it refuses to start otherwise)."""

    post: int
    pre: int
    temp: int
    scanfail: int
    reinject: int
    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="amavis-bed-", dir="/var/tmp"))
    )
    process: subprocess.Popen[bytes] | None = None

    @property
    def home(self) -> Path:
        return self.root / "home"

    def start(self) -> None:
        user = pwd.getpwnam(USER)
        self.root.chmod(0o755)
        for sub in ("", "tmp", "db", "var"):
            (self.home / sub).mkdir(exist_ok=True)
            os.chown(self.home / sub, user.pw_uid, user.pw_gid)
        signatures = self.root / "bed.ndb"
        signatures.write_text(f"{SIGNATURE_NAME}:0:*:{SIGNATURE.encode().hex()}\n")
        signatures.chmod(0o644)
        conf = self.root / "amavisd.conf"
        conf.write_text(
            AMAVISD_CONF.format(
                home=self.home,
                user=USER,
                post=self.post,
                pre=self.pre,
                reinject=self.reinject,
                lover=LOVER,
                small=SMALL,
                small_limit=SMALL_LIMIT,
                temp=self.temp,
                scanfail=self.scanfail,
                clamscan=CLAMSCAN,
                signatures=signatures,
                pre_domain=PRE,
                post_domain=POST,
            ),
            encoding="utf-8",
        )
        conf.chmod(0o644)
        with open(self.root / "stderr.log", "ab") as errors:
            self.process = subprocess.Popen(
                [str(AMAVISD), "-c", str(conf), "foreground"],
                stdin=subprocess.DEVNULL,
                stdout=errors,
                stderr=errors,
                cwd=self.root,
                start_new_session=True,
            )
        self._wait_ready()

    def _wait_ready(self) -> None:
        """amavisd binds its ports before it compiles SpamAssassin's rules: ready once its
        log says its children are started."""
        log = self.home / "amavis.log"
        end = time.monotonic() + START_TIMEOUT
        while time.monotonic() < end:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"amavisd exited: {self.log_tail()}")
            if log.exists() and "ready for work" in log.read_text(errors="replace"):
                return
            time.sleep(0.2)
        raise RuntimeError(f"amavisd is not ready after {START_TIMEOUT} s: {self.log_tail()}")

    def stop(self) -> None:
        stop_group(self.process, self.root)

    def log_tail(self, lines: int = 30) -> str:
        texts = []
        for path in (self.root / "stderr.log", self.home / "amavis.log"):
            if path.exists():
                texts += path.read_text(errors="replace").splitlines()[-lines:]
        return "\n".join(texts) or "(no amavisd log)"


@dataclass(frozen=True)
class Scenario:
    """One message to ``recipients`` with ``content`` (plain, gtube, exe, header);
    ``failed``: what its one notice must list; ``writer``: who writes it (the sending MTA, rx
    or amavisd)."""

    name: str
    recipients: tuple[str, ...]
    failed: tuple[Expected, ...]
    content: str = "plain"
    writer: str = "tx"
    size: int = 0


def _filtered(address: str, reasons: tuple[str, ...]) -> Expected:
    """A recipient whose message amavisd refused for its content, in its own reply (its SMTP
    reply before the queue, its DSN's Diagnostic-Code after it): 554 5.7.0 for a virus, spam
    and banned contents, 554 5.6.0 for a bad header section (Amavis.pm's status per blocking
    category; its table has 554 5.6.3 for the minor category of unencoded 8-bit data, but
    2.13 answered 5.6.0 for that too here, and the label is the status it states)."""
    status = "5.6.0" if reasons == BAD_HEADER else "5.7.0"
    return Expected(address, True, False, reasons, "sender", status, "554")


def _unknown(address: str) -> Expected:
    return Expected(address, True, True, UNKNOWN, "recipient", "5.1.1", "550")


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels."""
    pre, post = f"fine@{PRE}", f"fine@{POST}"
    return (
        Scenario("av_pre_unknown", (f"nosuchuser@{PRE}",), (_unknown(f"nosuchuser@{PRE}"),)),
        Scenario("av_pre_spam", (pre,), (_filtered(pre, SPAM),), "gtube"),
        Scenario("av_pre_banned", (pre,), (_filtered(pre, BANNED),), "exe"),
        Scenario("av_pre_virus", (pre,), (_filtered(pre, VIRUS),), "virus"),
        Scenario("av_pre_bad_header", (pre,), (_filtered(pre, BAD_HEADER),), "header"),
        Scenario("av_pre_8bit_header", (pre,), (_filtered(pre, BAD_HEADER),), "8bit"),
        Scenario(
            "av_pre_mixed",
            (f"departed@{PRE}", pre),
            (_unknown(f"departed@{PRE}"), _filtered(pre, SPAM)),
            "gtube",
        ),
        Scenario(
            "av_post_spam",
            (post, f"fine2@{POST}"),
            (_filtered(post, SPAM), _filtered(f"fine2@{POST}", SPAM)),
            "gtube",
            "amavisd",
        ),
        Scenario("av_post_banned", (post,), (_filtered(post, BANNED),), "exe", "amavisd"),
        Scenario("av_post_virus", (post,), (_filtered(post, VIRUS),), "virus", "amavisd"),
        Scenario(
            "av_post_bad_header",
            (post,),
            (_filtered(post, BAD_HEADER),),
            "header",
            "amavisd",
        ),
        Scenario(
            "av_post_8bit_header",
            (post,),
            (_filtered(post, BAD_HEADER),),
            "8bit",
            "amavisd",
        ),
        Scenario(
            "av_post_full",
            (f"full@{POST}",),
            (Expected(f"full@{POST}", False, False, FULL, "recipient", "5.2.2", ""),),
            writer="rx",
        ),
        # one recipient loves spam: amavisd passes the message to it and refuses the other
        Scenario(
            "av_pre_spam_lover",
            (f"{LOVER}@{PRE}", pre),
            (_filtered(pre, SPAM),),
            "gtube",
            "amavisd",
        ),
        Scenario(
            "av_post_spam_lover",
            (f"{LOVER}@{POST}", post),
            (_filtered(post, SPAM),),
            "gtube",
            "amavisd",
        ),
        # the downstream MTA's unknown user, relayed by amavisd at the end of DATA
        Scenario("av_pre_gone_downstream", (f"{GONE}@{PRE}",), (_unknown(f"{GONE}@{PRE}"),)),
        Scenario(
            "av_post_gone_downstream",
            (f"{GONE}@{POST}",),
            (_unknown(f"{GONE}@{POST}"),),
            writer="rx",
        ),
        Scenario(
            "av_post_gone_mixed",
            (f"{GONE}@{POST}", post),
            (_unknown(f"{GONE}@{POST}"),),
            writer="amavisd",
        ),
        # past the size amavisd takes for this one recipient: it refuses the SIZE declared at
        # MAIL FROM at RCPT TO (In/SMTP.pm), so the MTA that talks to it writes the notice
        Scenario(
            "av_pre_oversized",
            (f"{SMALL}@{PRE}",),
            (Expected(f"{SMALL}@{PRE}", True, False, TOO_BIG, "sender", "5.3.4", "552"),),
            size=2 * SMALL_LIMIT,
        ),
        Scenario(
            "av_post_oversized",
            (f"{SMALL}@{POST}",),
            (Expected(f"{SMALL}@{POST}", True, False, TOO_BIG, "sender", "5.3.4", "552"),),
            writer="rx",
            size=2 * SMALL_LIMIT,
        ),
        # spam refused for now (D_TEMPFAIL), again at every try until the sender gives up:
        # still the content, the sender's side; temporary
        Scenario(
            "av_pre_spam_tempfail",
            (f"fine@{TEMPFAIL}",),
            (
                Expected(
                    f"fine@{TEMPFAIL}", False, False, (*SPAM, EXPIRED), "sender", "4.7.0", "450"
                ),
            ),
            "gtube",
        ),
        # the destination's virus scanner fails on every message: its trouble, until expiry
        Scenario(
            "av_pre_scanner_failed",
            (f"fine@{SCANFAIL}",),
            (Expected(f"fine@{SCANFAIL}", False, False, FILTER_DOWN, "transient", "4.5.0", "451"),),
        ),
        # rx's smtpd cannot reach its before-queue filter: it answers the sender's MTA with a
        # temporary error until that MTA's queue lifetime ends
        Scenario(
            "av_pre_filter_down",
            (f"fine@{DOWN_PRE}",),
            (Expected(f"fine@{DOWN_PRE}", False, False, FILTER_DOWN, "transient", "4.3.0", "451"),),
        ),
        # rx queued the message and cannot hand it to its after-queue filter: rx returns it when
        # its own queue lifetime ends (connection refused, no reply)
        Scenario(
            "av_post_filter_down",
            (f"fine@{DOWN_POST}",),
            (Expected(f"fine@{DOWN_POST}", False, False, FILTER_DOWN, "transient", "4.4.1", ""),),
            writer="rx",
        ),
    )


def message(scenario: Scenario) -> bytes:
    """The scenario's message as sent: plain, with GTUBE in its body, with an .exe
    attachment, or with its Subject twice."""
    body = "A message whose fate the destination's content filter decides.\n"
    if scenario.content == "gtube":
        body += f"\n{GTUBE}\n"
    for n in range(scenario.size // 64):
        body += f"Line {n:05d} of padding, to be larger than the recipient's limit.....\n"
    msg: EmailMessage = bed_message(
        SENDER_DOMAIN,
        scenario.recipients,
        f"Amavis bed: {scenario.name}",
        scenario.name,
        "Sun, 06 Dec 2026 12:00:00 +0000",
        body,
    )
    if scenario.content == "virus":
        msg.add_attachment(f"A report.\n{SIGNATURE}\n", filename="report.txt")
    if scenario.content == "exe":
        msg.add_attachment(
            b"MZ" + bytes(200), maintype="application", subtype="octet-stream", filename="setup.exe"
        )
    raw = msg.as_bytes(policy=email.policy.SMTP)
    if scenario.content == "header":
        raw = raw.replace(b"Subject:", b"Subject: a second Subject\r\nSubject:", 1)
    if scenario.content == "8bit":  # Latin-1 left unencoded in a header field (no RFC 2047):
        # amavisd's "8bit" header test (its "utf8" test of valid UTF-8 is off by default)
        raw = raw.replace(b"From: News", b"From: Nouvelles \xe9t\xe9", 1)
    return raw


def missing(writer: str = "postfix") -> str | None:
    """Why the bed cannot run here with ``writer`` writing the notices, or None."""
    if not AMAVISD.exists():
        return f"{AMAVISD} is not installed (Debian: amavisd-new)"
    if not (SPAMASSASSIN_RULES / "20_body_tests.cf").exists():
        return f"SpamAssassin's rules are not in {SPAMASSASSIN_RULES} (Debian: spamassassin)"
    if not CLAMSCAN.exists():
        return f"{CLAMSCAN} is not installed (Debian: clamav)"
    if writer == "courier":
        return courier.missing() or receivers_bed.missing()
    return receivers_bed.missing(writer)


@dataclass
class Run:
    capture: ScriptedMx
    log: str = ""
    error: str | None = None

    def notices(self, scenario: str) -> list[bytes]:
        return [a.content for a in self.capture.to(sender_of(scenario))]

    def pending(self) -> bool:
        return any(not self.notices(s.name) for s in scenarios())


def _rx(ports: dict[str, int], capture: int) -> postfix.Postfix:
    """The destination's Postfix: ``pre`` hands each session to amavisd (before the queue),
    ``post`` queues and gives every message to amavisd (after the queue), ``reinject`` takes
    back what amavisd passes and the notices it writes; its own mail to sender.test goes to
    the capture. 127.0.0.1 is in no mynetworks but the reinjection's."""
    root = Path(tempfile.mkdtemp(prefix="pf-amavis-rx-", dir="/var/tmp"))
    mail = root / "mail"
    users = ("fine", "fine2", "full", LOVER, SMALL)
    domains = (PRE, POST, DOWN_PRE, DOWN_POST, TEMPFAIL, SCANFAIL)
    boxes = {f"{u}@{d}": f"{d}/{u}" for d in domains for u in users}
    # GONE is in the table of the smtpd that talks to the sender's MTA, not in the
    # reinjection's: the address went between the two lookups
    gone = {f"{GONE}@{d}": f"{d}/{GONE}" for d in (PRE, POST)}
    for domain in domains:
        (mail / domain).mkdir(parents=True)
        os.chown(mail / domain, MAILBOX_USER, MAILBOX_USER)
    os.chown(mail, MAILBOX_USER, MAILBOX_USER)
    full = mail / POST / "full"
    seed = b"From seed@example.test  Sun Dec  6 12:00:00 2026\n"
    full.write_bytes(seed + b"x" * MAILBOX_LIMIT + b"\n")  # past virtual_mailbox_limit
    os.chown(full, MAILBOX_USER, MAILBOX_USER)
    reinject = (
        f"127.0.0.1:{ports['reinject']} inet n - n - - smtpd -o content_filter="
        " -o smtpd_proxy_filter= -o mynetworks=127.0.0.0/8"
        " -o smtpd_relay_restrictions=permit_mynetworks,reject"
        " -o smtpd_recipient_restrictions=permit_mynetworks,reject"
        " -o receive_override_options=no_header_body_checks"
        " -o virtual_mailbox_maps=$reinject_mailbox_maps"
    )
    return postfix.Postfix(
        ports["rx"],
        root=root,
        main={
            "myhostname": "amavis-rx.test",
            "mydomain": "amavis-rx.test",
            "myorigin": "amavis-rx.test",
            "mydestination": "",
            "mynetworks": "192.0.2.1/32",
            "virtual_mailbox_domains": ", ".join(domains),
            "virtual_mailbox_maps": "inline:{ "
            + ", ".join(f"{a}={p}" for a, p in (boxes | gone).items())
            + " }",
            "reinject_mailbox_maps": "inline:{ "
            + ", ".join(f"{a}={p}" for a, p in boxes.items())
            + " }",
            "virtual_mailbox_base": str(mail),
            "virtual_uid_maps": f"static:{MAILBOX_USER}",
            "virtual_gid_maps": f"static:{MAILBOX_USER}",
            "virtual_mailbox_limit": str(MAILBOX_LIMIT),
            "message_size_limit": str(MAILBOX_LIMIT),
            "transport_maps": f"inline:{{ {SENDER_DOMAIN}=smtp:[127.0.0.1]:{capture} }}",
            "smtpd_relay_restrictions": "permit_mynetworks, reject_unauth_destination",
            "maximal_queue_lifetime": f"{QUEUE_LIFETIME}s",
            "bounce_queue_lifetime": f"{QUEUE_LIFETIME}s",
            "queue_run_delay": "1s",
            "minimal_backoff_time": "1s",
            "maximal_backoff_time": "2s",
        },
        services=[
            f"127.0.0.1:{ports['pre']} inet n - n - - smtpd"
            f" -o smtpd_proxy_filter=127.0.0.1:{ports['amavis_pre']}",
            f"127.0.0.1:{ports['post']} inet n - n - - smtpd"
            f" -o content_filter=amavisfeed:[127.0.0.1]:{ports['amavis_post']}",
            f"127.0.0.1:{ports['temp']} inet n - n - - smtpd"
            f" -o smtpd_proxy_filter=127.0.0.1:{ports['amavis_temp']}",
            f"127.0.0.1:{ports['scanfail']} inet n - n - - smtpd"
            f" -o smtpd_proxy_filter=127.0.0.1:{ports['amavis_scanfail']}",
            f"127.0.0.1:{ports['down_pre']} inet n - n - - smtpd"
            f" -o smtpd_proxy_filter=127.0.0.1:{ports['nobody']}",
            f"127.0.0.1:{ports['down_post']} inet n - n - - smtpd"
            f" -o content_filter=amavisfeed:[127.0.0.1]:{ports['nobody']}",
            reinject,
            "amavisfeed unix - - n - 2 smtp -o smtp_data_done_timeout=1200"
            " -o smtp_send_xforward_command=yes",
        ],
    )


def _postfix_tx(port: int, routes: dict[str, int], capture: int) -> postfix.Postfix:
    entries = [f"{SENDER_DOMAIN}=smtp:[127.0.0.1]:{capture}"]
    entries += [f"{domain}=smtp:[127.0.0.1]:{to}" for domain, to in routes.items()]
    lifetime = f"{QUEUE_LIFETIME}s"
    return postfix.Postfix(
        port,
        main={
            "transport_maps": "inline:{ " + ", ".join(entries) + " }",
            "maximal_queue_lifetime": lifetime,
            "bounce_queue_lifetime": lifetime,
            "queue_run_delay": "1s",
            "minimal_backoff_time": "1s",
            "maximal_backoff_time": "2s",
        },
    )


def _exim_tx(port: int, routes: dict[str, int], capture: int) -> EximSender:
    return EximSender(
        port,
        {SENDER_DOMAIN: capture, **routes},
        settings={
            "primary_hostname": "exim-tx.test",
            "qualify_domain": "exim-tx.test",
            "tls_advertise_hosts": "",
        },
        retry=f"F,{QUEUE_LIFETIME}s,1s",
    )


def _sendmail_tx(port: int, routes: dict[str, int], capture: int) -> SendmailSender:
    """Debian's Sendmail 8.17 as the writer (receivers_bed.SendmailSender): one mailer per
    receiving port, a deferred address returned after QUEUE_LIFETIME."""
    return SendmailSender(
        port,
        {},
        queuereturn=f"{QUEUE_LIFETIME}s",
        receivers={SENDER_DOMAIN: capture, **routes},
    )


def _courier_tx(routes: dict[str, int], capture: int) -> courier.CourierFront:
    """Debian's Courier 1.0.16 as the writer (tests/support/courier.py): the bed's SMTP front
    hands each message to Courier's sendmail with NOTIFY=FAILURE (aiosmtpd takes no RCPT
    parameters); esmtproutes to each receiver; queuetime QUEUE_LIFETIME."""
    return courier.CourierFront(
        courier.Courier(
            {SENDER_DOMAIN: capture, **routes}, queuetime=f"{QUEUE_LIFETIME}s", warntime="1h"
        )
    )


async def _send(port: int, scenario: Scenario, notify: bool = True) -> None:
    await aiosmtplib.send(
        message(scenario),
        sender=sender_of(scenario.name),
        recipients=list(scenario.recipients),
        hostname="127.0.0.1",
        port=port,
        start_tls=False,
        rcpt_options=["NOTIFY=FAILURE"] if notify else None,
        timeout=30,
    )


async def run(writer: str = "postfix") -> Run:
    """amavisd, rx, the writer and the capture; every scenario sent."""
    # Courier's esmtp resolves through the namespace's resolv.conf (127.0.0.1) and, with no
    # server there, never got to deliver within the bed's minute: a DNS server that answers
    # every name NXDOMAIN (the routes name 127.0.0.1 itself)
    dns = DnsServer() if writer == "courier" else None
    if dns is not None:
        await dns.start(port=53)
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture)
    names = ("rx", "pre", "post", "down_pre", "down_post", "reinject", "amavis_pre")
    names += ("amavis_post", "amavis_temp", "temp", "amavis_scanfail", "scanfail")
    names += ("nobody", "tx")
    ports = {name: free_port() for name in names}
    amavisd = Amavisd(
        ports["amavis_post"],
        ports["amavis_pre"],
        ports["amavis_temp"],
        ports["amavis_scanfail"],
        ports["reinject"],
    )
    rx = _rx(ports, capture.port)
    tx: postfix.Postfix | EximSender | SendmailSender | courier.CourierFront | None = None
    try:
        await asyncio.gather(asyncio.to_thread(amavisd.start), asyncio.to_thread(rx.start))
        routes = {PRE: ports["pre"], POST: ports["post"]}
        routes |= {DOWN_PRE: ports["down_pre"], DOWN_POST: ports["down_post"]}
        routes |= {TEMPFAIL: ports["temp"], SCANFAIL: ports["scanfail"]}
        if writer == "exim":
            tx = _exim_tx(ports["tx"], routes, capture.port)
            await tx.start()
        elif writer == "sendmail":
            tx = _sendmail_tx(ports["tx"], routes, capture.port)
            await tx.start()
        elif writer == "courier":
            tx = _courier_tx(routes, capture.port)
            await tx.start(ports["tx"])
        else:
            tx = _postfix_tx(ports["tx"], routes, capture.port)
            await asyncio.to_thread(tx.start)
        for scenario in scenarios():
            await _send(ports["tx"], scenario, notify=writer != "courier")
        # Courier retries every second by itself (retryalpha): nothing to flush
        flush = None if isinstance(tx, courier.CourierFront) else tx.flush
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE, flush, NUDGE)
    except (OSError, RuntimeError, KeyError, aiosmtplib.SMTPException) as exc:
        result.error = f"the amavis bed broke off: {exc}"
    finally:
        tail = tx.courier.log_tail(40) if isinstance(tx, courier.CourierFront) else None
        if tx is not None and tail is None:
            tail = tx.log_tail(40)
        logs = [tail or "", rx.log_tail(40), amavisd.log_tail()]
        result.log = "\n".join(logs)
        if isinstance(tx, EximSender | SendmailSender | courier.CourierFront):
            await tx.stop()
        elif tx is not None:
            await asyncio.to_thread(tx.stop)
        await asyncio.gather(
            asyncio.to_thread(rx.stop), asyncio.to_thread(amavisd.stop), return_exceptions=True
        )
        await capture.stop()
        if dns is not None:
            await dns.stop()
    return result


def entry(scenario: Scenario, name: str, writer: str = "postfix") -> dict[str, Any]:
    """The manifest entry of one notice (receivers_bed.writer_entry)."""
    return receivers_bed.writer_entry("real-amavis", writer, name, scenario.name, scenario.failed)


ADAPTER = receivers_bed.BedAdapter(__name__, "the amavis bed", scenarios, entry, 120.0)
write, generate = ADAPTER.write, ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    ADAPTER.main(run)
