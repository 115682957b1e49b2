"""Stalwart's inbound SMTP replies beyond what is carried and MailCleaner's Exim stage-1 ACL
texts, from their source code, twenty-seventh batch (issue #14, judge66), each wrapped in the
notice the side that writes it would send.

Composed and scored before any rule was written for them. Every name and text was grepped in
``bounce_parser/data/phrases/`` and ``tests/bounce_parser/composed/*.py`` first and dropped
where it was already carried: Stalwart's "Mailbox does not exist", "Relay not allowed", "Unable
to verify address at this time", "Rate limit exceeded, try again later", "Greylisted, please
try again in a few moments", "Too many recipients", "Too many RCPT errors" (published14,
published16, opensource_servers.toml), "Email rejected per DMARC policy" (published17), "ARC
validation failed" (published7) and "Mail system full" (en_generic.toml); MailCleaner's "No
such user" and "User unknown" (generic texts carried many times over). What is left:

- Stalwart (stalwartlabs/mail-server in the code index): ``crates/smtp/src/inbound/mail.rs``
  "550 5.7.25 Reverse DNS validation failed." and "451 4.7.25 Temporary error validating
  reverse DNS." (iprev in strict mode, at MAIL), "451 4.7.24 Temporary SPF validation error."
  (handle_spf, strict, a temperror), "501 5.5.4 DSN extension has been disabled." (our MAIL's
  ENVID without the DSN extension), "552 5.3.4 Message too big for system." (our SIZE= above
  its max_message_size); ``crates/smtp/src/inbound/data.rs`` "550 5.7.7 Failed to parse
  message.", "450 4.4.6 Too many Received headers. Possible loop detected.", "550 5.7.20 No
  passing DKIM signatures found." (DKIM strict), "451 4.3.5 Unable to accept message at this
  time." (queueing failed);
- MailCleaner (MailCleaner/MailCleaner ``etc/exim/exim_stage1.conf_template_4.96``, the RCPT
  ACL; Exim writes an ACL deny as 550 and a defer as 451, no enhanced code): "blacklisted
  sender: $sender_address", "blacklisted recipient: $local_part@$domain", "This domain does not
  accept mail from itself (spoofing)", "Reverse DNS lookup failed for $sender_host_address",
  "Blacklisted in ${perl{hideToken}{$dnslist_domain}}: $dnslist_text", "$sender_host_address is
  not allowed to send mail from <domain> (SPF failure)", the greylistd defer
  "$sender_host_address is not yet authorized to deliver mail from <$sender_address> to
  <$local_part@$domain>. Please try later.", "Encryption is required from you".

The notices: our Postfix's bounce(8) notices and delay warnings (``postfix-dsn``), its final
notice for a deferral that lasted until the queue lifetime ended, Exim's plain notice and delay
warning, Sendmail's notice quoting the remote reply. Addresses, hosts, IPs and the DNSBL's TXT
text are composed.

The labelling rule, written before the first score:

- the label is the source's meaning of the words (the check that writes them, as its source
  and its configuration's comments say), then RFC 3463 and RFC 5321, never what the parser
  says;
- a dead address (suppress) only where the words say the mailbox does not exist at the
  destination; none of these texts does. MailCleaner's "blacklisted recipient" is the
  destination administrator's list of refused recipients: the recipient's, not suppressed
  (recipient|undetermined);
- a refusal of OUR side is the sender's and never suppresses: our IP's reverse DNS (Stalwart's
  iprev, MailCleaner's REJECTBADRDNS), our IP on a DNSBL, our sender address on the
  destination's blacklist, our SPF failing, our sender domain equal to the recipient's from a
  host it does not authorize (spoofing), our message it could not parse or whose DKIM did not
  pass, our MAIL parameters (DSN, SIZE above its limit), our session without TLS;
- a destination's own failure (queueing failed) is transient: a delay while retried, at the end
  of the queue lifetime transient|undetermined; a temporary reverse-DNS or SPF check failure is
  transient or ours (a delay while retried);
- greylisting (MailCleaner's greylistd defer) is never suppressed, a delay while retried, at
  the end transient|undetermined;
- Stalwart's "Too many Received headers. Possible loop detected." is a 450: a loop between the
  destination's hosts or forwarding, never suppressed, a delay while retried;
- the status is the one the notice states (Postfix and Sendmail: the reply's enhanced code, or
  5.0.0 / 4.0.0 for a bare one; Exim's plain notices state none, so those stay unlabelled).

Searched and left out (not reached in the time there was, or no source found in the index):
Hermes SEG, EFA Project, Scrollout F1, Xeams, MailChannels' documented codes, the inbound MX
refusals of Mailgun, SendGrid and Postmark, Cloudflare Email Routing's documented texts (the
docs corpus gave only third-party guides), ImprovMX and ForwardEmail's SMTP replies;
MailCleaner's "550 Callout verification failed: <message>" (its text is the external
callout's), "backscatterer blacklisted" (a null sender's, never our relay's mail) and
"unauthenticated session on submission port" (our relay does not submit on 587); Stalwart's
"503 5.5.1 Polite people say EHLO first." and "You must authenticate first." (our relay always
sends EHLO; submission only).
``build.py`` writes them into ``manifest_published27.json``;
``test_published27_notices.py`` checks them.
"""

from __future__ import annotations

from build import Case
from build import case as _case
from build import delayed as _delay
from build import rcpt as r

# --- sources ---------------------------------------------------------------------------------

STALWART_MAIL = (
    "stalwartlabs/mail-server crates/smtp/src/inbound/mail.rs: '550 5.7.25 Reverse DNS"
    " validation failed.' / '451 4.7.25 Temporary error validating reverse DNS.' (iprev strict),"
    " '451 4.7.24 Temporary SPF validation error.' (handle_spf, strict temperror), '501 5.5.4 DSN"
    " extension has been disabled.', '552 5.3.4 Message too big for system.' (SIZE above"
    " max_message_size)"
)
STALWART_DATA = (
    "stalwartlabs/mail-server crates/smtp/src/inbound/data.rs: '550 5.7.7 Failed to parse"
    " message.', '450 4.4.6 Too many Received headers. Possible loop detected.', '550 5.7.20 No"
    " passing DKIM signatures found.' (DKIM strict), '451 4.3.5 Unable to accept message at this"
    " time.' (queueing failed)"
)
MAILCLEANER = (
    "MailCleaner/MailCleaner etc/exim/exim_stage1.conf_template_4.96 (RCPT ACL: 'message ="
    " blacklisted sender: $sender_address', 'blacklisted recipient: $local_part@$domain', 'This"
    " domain does not accept mail from itself (spoofing)', 'Reverse DNS lookup failed for"
    " $sender_host_address', 'Blacklisted in ${perl{hideToken}{$dnslist_domain}}:"
    " $dnslist_text', '$sender_host_address is not allowed to send mail from ... (SPF"
    " failure)', 'Encryption is required from you'); Exim writes an ACL deny as 550"
)
MAILCLEANER_GREY = (
    "MailCleaner/MailCleaner etc/exim/exim_stage1.conf_template_4.96 (defer, greylistd: 'message"
    " = $sender_host_address is not yet authorized to deliver mail from <$sender_address> to"
    " <$local_part@$domain>. Please try later.'); Exim writes an ACL defer as 451"
)

PROTOCOL = ("not_compliant_rfc", "syntax_error", "rejected", "policy_violation", "undefined")
PTR = ("require_ptr", "blocked", "bad_reputation", "rejected", "policy_violation")
PTR_TEMP = ("require_ptr", "system_error", "network_error", "expired", "undefined")
SPF_TEMP = ("auth_failure", "system_error", "network_error", "expired", "undefined")
AUTH = ("auth_failure", "security_error", "policy_violation", "rejected", "blocked")
SPOOF = (*AUTH, "spam_detected")
MESSAGE_FORM = ("not_compliant_rfc", "content_error", "syntax_error", "rejected")
SIZE = ("mesg_too_big", "exceed_limit", "system_full")
LOOP = ("mailer_error", "network_error", "system_error", "content_error", "undefined")
QUEUE = ("system_error", "mailer_error", "system_full", "expired", "undefined")
BLOCK = ("blocked", "bad_reputation", "rejected", "policy_violation", "spam_detected")
RCPT_BLOCK = ("rejected", "blocked", "policy_violation", "not_accept", "undefined")
TLS = ("security_error", "policy_violation", "rejected", "not_compliant_rfc")
GREY = ("expired", "system_error", "blocked", "policy_violation", "rejected", "undefined")

STALWART_MX = "mx.stalwart-kunde.example"
MC_MX = "filter.mailcleaner-client.example"
OUR_IP = "198.51.100.7"
OUR_DOMAIN = "bounces.shop.example"
OUR_SENDER = "bounce+c3f1a9@bounces.shop.example"

RDNS_FAILED = "550 5.7.25 Reverse DNS validation failed."
RDNS_TEMP = "451 4.7.25 Temporary error validating reverse DNS."
SPF_TEMP_TEXT = "451 4.7.24 Temporary SPF validation error."
DSN_OFF = "501 5.5.4 DSN extension has been disabled."
TOO_BIG = "552 5.3.4 Message too big for system."
PARSE = "550 5.7.7 Failed to parse message."
RECEIVED_LOOP = "450 4.4.6 Too many Received headers. Possible loop detected."
DKIM = "550 5.7.20 No passing DKIM signatures found."
QUEUE_FAIL = "451 4.3.5 Unable to accept message at this time."

MC_SENDER = f"550 blacklisted sender: {OUR_SENDER}"
MC_SPOOF = "550 This domain does not accept mail from itself (spoofing)"
MC_RDNS = f"550 Reverse DNS lookup failed for {OUR_IP}"
MC_RBL = f"550 Blacklisted in zen.spamhaus.org: https://www.spamhaus.org/query/ip/{OUR_IP}"
MC_SPF = f"550 {OUR_IP} is not allowed to send mail from {OUR_DOMAIN} (SPF failure)"
MC_TLS = "550 Encryption is required from you"


def _mc_rcpt(address: str) -> str:
    return f"550 blacklisted recipient: {address}"


def _mc_grey(address: str) -> str:
    return (
        f"451 {OUR_IP} is not yet authorized to deliver mail from <{OUR_SENDER}> to"
        f" <{address}>. Please try later."
    )


PUBLISHED27_CASES: tuple[Case, ...] = (
    # --- Stalwart mail.rs --------------------------------------------------------------------
    _case(
        "stalwart-reverse-dns-validation-failed",
        "stalwart",
        "en",
        "postfix-dsn",
        STALWART_MAIL,
        r(
            "a.adler@stalwart-kunde.example",
            RDNS_FAILED,
            "5.7.25",
            PTR,
            False,
            "sender",
            remote=STALWART_MX,
            stage="MAIL FROM",
        ),
        r(
            "b.baum@stalwart-kunde.example",
            RDNS_FAILED,
            "5.7.25",
            PTR,
            False,
            "sender",
            remote=STALWART_MX,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "stalwart-reverse-dns-temporary-delay",
        "stalwart",
        "en",
        "postfix-dsn",
        STALWART_MAIL,
        _delay(
            "c.conrad@stalwart-kunde.example",
            RDNS_TEMP,
            "4.7.25",
            PTR_TEMP,
            remote=STALWART_MX,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "stalwart-temporary-spf-error-exim-delay",
        "stalwart",
        "en",
        "exim-delay-text",
        STALWART_MAIL,
        _delay(
            "d.dorn@stalwart-kunde.example",
            SPF_TEMP_TEXT,
            "",
            SPF_TEMP,
            remote=STALWART_MX,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "stalwart-dsn-extension-disabled-sendmail",
        "stalwart",
        "en",
        "sendmail-dsn",
        STALWART_MAIL,
        r(
            "e.eck@stalwart-kunde.example",
            DSN_OFF,
            "5.5.4",
            PROTOCOL,
            False,
            "sender",
            remote=STALWART_MX,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "stalwart-message-too-big-for-system",
        "stalwart",
        "en",
        "postfix-dsn",
        STALWART_MAIL,
        r(
            "f.frank@stalwart-kunde.example",
            TOO_BIG,
            "5.3.4",
            SIZE,
            False,
            "sender",
            remote=STALWART_MX,
            stage="MAIL FROM",
        ),
    ),
    # --- Stalwart data.rs --------------------------------------------------------------------
    _case(
        "stalwart-failed-to-parse-message-exim",
        "stalwart",
        "en",
        "exim-text",
        STALWART_DATA,
        r(
            "g.graf@stalwart-kunde.example",
            PARSE,
            "",
            MESSAGE_FORM,
            False,
            "sender",
            remote=STALWART_MX,
            stage="end of DATA",
        ),
    ),
    _case(
        "stalwart-received-loop-delay",
        "stalwart",
        "en",
        "postfix-dsn",
        STALWART_DATA,
        _delay(
            "h.hahn@stalwart-kunde.example",
            RECEIVED_LOOP,
            "4.4.6",
            LOOP,
            remote=STALWART_MX,
            stage="end of DATA",
        ),
    ),
    _case(
        "stalwart-no-passing-dkim",
        "stalwart",
        "en",
        "postfix-dsn",
        STALWART_DATA,
        r(
            "i.iser@stalwart-kunde.example",
            DKIM,
            "5.7.20",
            AUTH,
            False,
            "sender",
            remote=STALWART_MX,
            stage="end of DATA",
        ),
        r(
            "j.jahn@stalwart-kunde.example",
            DKIM,
            "5.7.20",
            AUTH,
            False,
            "sender",
            remote=STALWART_MX,
            stage="end of DATA",
        ),
    ),
    _case(
        "stalwart-no-passing-dkim-sendmail",
        "stalwart",
        "en",
        "sendmail-dsn",
        STALWART_DATA,
        r(
            "k.kern@stalwart-kunde.example",
            DKIM,
            "5.7.20",
            AUTH,
            False,
            "sender",
            remote=STALWART_MX,
            stage="end of DATA",
        ),
    ),
    _case(
        "stalwart-unable-to-accept-delay",
        "stalwart",
        "en",
        "postfix-dsn",
        STALWART_DATA,
        _delay(
            "l.lang@stalwart-kunde.example",
            QUEUE_FAIL,
            "4.3.5",
            QUEUE,
            remote=STALWART_MX,
            stage="end of DATA",
        ),
    ),
    _case(
        "stalwart-unable-to-accept-expired",
        "stalwart",
        "en",
        "postfix-dsn",
        STALWART_DATA,
        r(
            "m.mohr@stalwart-kunde.example",
            QUEUE_FAIL,
            "4.3.5",
            QUEUE,
            False,
            "transient|undetermined",
            remote=STALWART_MX,
            stage="end of DATA",
        ),
    ),
    # --- MailCleaner stage 1 ------------------------------------------------------------------
    _case(
        "mailcleaner-blacklisted-sender",
        "mailcleaner",
        "en",
        "postfix-dsn",
        MAILCLEANER,
        r(
            "n.nagel@mailcleaner-client.example",
            MC_SENDER,
            "5.0.0",
            BLOCK,
            False,
            "sender",
            remote=MC_MX,
        ),
        r(
            "o.ost@mailcleaner-client.example",
            MC_SENDER,
            "5.0.0",
            BLOCK,
            False,
            "sender",
            remote=MC_MX,
        ),
    ),
    _case(
        "mailcleaner-blacklisted-recipient-sendmail",
        "mailcleaner",
        "en",
        "sendmail-dsn",
        MAILCLEANER,
        r(
            "p.pape@mailcleaner-client.example",
            _mc_rcpt("p.pape@mailcleaner-client.example"),
            "5.0.0",
            RCPT_BLOCK,
            False,
            "recipient|undetermined",
            remote=MC_MX,
        ),
    ),
    _case(
        "mailcleaner-blacklisted-recipient-exim",
        "mailcleaner",
        "en",
        "exim-text",
        MAILCLEANER,
        r(
            "q.quandt@mailcleaner-client.example",
            _mc_rcpt("q.quandt@mailcleaner-client.example"),
            "",
            RCPT_BLOCK,
            False,
            "recipient|undetermined",
            remote=MC_MX,
        ),
    ),
    _case(
        "mailcleaner-spoofing",
        "mailcleaner",
        "en",
        "postfix-dsn",
        MAILCLEANER,
        r(
            "r.rau@mailcleaner-client.example",
            MC_SPOOF,
            "5.0.0",
            SPOOF,
            False,
            "sender",
            remote=MC_MX,
        ),
    ),
    _case(
        "mailcleaner-reverse-dns-failed-exim",
        "mailcleaner",
        "en",
        "exim-text",
        MAILCLEANER,
        r("s.sauer@mailcleaner-client.example", MC_RDNS, "", PTR, False, "sender", remote=MC_MX),
    ),
    _case(
        "mailcleaner-reverse-dns-failed",
        "mailcleaner",
        "en",
        "postfix-dsn",
        MAILCLEANER,
        r(
            "t.thiel@mailcleaner-client.example",
            MC_RDNS,
            "5.0.0",
            PTR,
            False,
            "sender",
            remote=MC_MX,
        ),
    ),
    _case(
        "mailcleaner-blacklisted-in-rbl",
        "mailcleaner",
        "en",
        "postfix-dsn",
        MAILCLEANER,
        r(
            "u.ulrich@mailcleaner-client.example",
            MC_RBL,
            "5.0.0",
            BLOCK,
            False,
            "sender",
            remote=MC_MX,
        ),
    ),
    _case(
        "mailcleaner-spf-failure-sendmail",
        "mailcleaner",
        "en",
        "sendmail-dsn",
        MAILCLEANER,
        r(
            "v.voss@mailcleaner-client.example",
            MC_SPF,
            "5.0.0",
            AUTH,
            False,
            "sender",
            remote=MC_MX,
        ),
    ),
    _case(
        "mailcleaner-greylisted-delay",
        "mailcleaner",
        "en",
        "postfix-dsn",
        MAILCLEANER_GREY,
        _delay(
            "w.wolf@mailcleaner-client.example",
            _mc_grey("w.wolf@mailcleaner-client.example"),
            "4.0.0",
            GREY,
            remote=MC_MX,
        ),
    ),
    _case(
        "mailcleaner-greylisted-exim-delay",
        "mailcleaner",
        "en",
        "exim-delay-text",
        MAILCLEANER_GREY,
        _delay(
            "x.xaver@mailcleaner-client.example",
            _mc_grey("x.xaver@mailcleaner-client.example"),
            "",
            GREY,
            remote=MC_MX,
        ),
    ),
    _case(
        "mailcleaner-greylisted-expired",
        "mailcleaner",
        "en",
        "postfix-dsn",
        MAILCLEANER_GREY,
        r(
            "y.young@mailcleaner-client.example",
            _mc_grey("y.young@mailcleaner-client.example"),
            "4.0.0",
            GREY,
            False,
            "transient|undetermined",
            remote=MC_MX,
        ),
    ),
    _case(
        "mailcleaner-encryption-required",
        "mailcleaner",
        "en",
        "postfix-dsn",
        MAILCLEANER,
        r(
            "z.zeller@mailcleaner-client.example",
            MC_TLS,
            "5.0.0",
            TLS,
            False,
            "sender",
            remote=MC_MX,
        ),
    ),
)
