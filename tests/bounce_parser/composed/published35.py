"""Shared hosting's control panels and the replies their mail servers write, thirty-fifth batch
(issue #14, judge74): HestiaCP's and VestaCP's Exim ACL texts, ISPConfig's Postfix HELO
blacklist, cPanel's Exim connection ACL, its sender-verify callout reply and its suspended
account, Plesk's full mailbox, each wrapped in the notice the sending side would write.

Composed and scored before any rule was written for them. Every text was grepped in
``bounce_parser/data/phrases/`` and ``tests/bounce_parser/composed/*.py`` first and dropped
where it was already carried: cPanel's "JunkMail rejected", "No Such User Here" (also its
"550-Verification failed ... 550-No Such User Here 550 Sender verify failed" form), its
"max emails per hour" and "max defers and failures per hour" limits (published6,
published9, en_generic.toml); HestiaCP's "Rejected because ... is in a black list at" and its
"You have been blacklisted for sending SPAM." (published6), "Restricted characters in address"
and "relay not permitted" (Debian's exim4-config, published24), "Message contains a virus"
(en_generic.toml); Plesk's greylisting "451 4.7.1 Service unavailable - try again later", its
grey handler's "550 5.7.1 Command rejected" and its "this address no longer accepts mail"
(published6), "mailbox is disabled" (commercial_servers.toml). What is left:

- HestiaCP (hestiacp/hestiacp ``install/deb/exim/exim4.conf.template``): the connect ACL's
  "Your host in blacklist on this server." (our IP in its spam-blocks list), the MAIL ACL's
  "Helo name contains an IP address (HELO was $sender_helo_name) and not is valid" (an IP-like
  HELO its PTR does not match) and "Access denied - Invalid HELO name (See RFC2821 4.1.3)" (a
  bare IP as HELO), the RCPT ACL's "smtp auth required" (a sender domain the server hosts,
  unauthenticated), the DATA ACL's "This message scored $spam_score spam points" (above
  SPAM_REJECT_SCORE) and the MIME ACL's "Blacklisted file extension detected";
- VestaCP (outroll/vesta ``install/debian/10/exim/exim4.conf.template``, HestiaCP's parent):
  its own spellings "Helo name contains a ip address (HELO was ...) and not is valid" and
  "smtp auth requried", and the same "Blacklisted file extension detected"; Exim answers a
  deny or a drop with 550 in every ACL these use (``globals.c`` acl_wherecodes) and a defer
  with 451;
- ISPConfig (cyberkathosting/ispconfig3 ``install/tpl/blacklist_helo.master`` under
  ``debian_postfix.conf.master``'s smtpd_helo_restrictions): "HELO hostname is using a top
  level domain that does not exist.  See RFC 2821 section 3.6." (HELO names ending .lan,
  .local, .localdomain, ...), which Postfix writes as "554 5.7.1 <helo>: Helo command rejected:
  <text>" (access_map_reject_code, smtpd_check.c);
- cPanel: its generated exim.conf's connect ACL (pastebin Jp8ai9Eu, with cPanel's
  check_exim_config marker) "Your host is not allowed to connect to this server." (drop, "Host
  is banned") and "The server has reached its limit for processing requests from your host.
  Please try again later." (defer, "Host is ratelimited"); the sender-verify callout reply
  "550-Verification failed for <sender>", "550-The mail server could not deliver mail to
  <sender>. The account or domain may not exist, they may be blacklisted, or missing the proper
  dns entries.", "550 Sender verify failed" (pastebin AYLfwmKD with cPanel's own hint,
  kgBuU3vc, Q8DSDdMx); an account whose incoming mail is suspended (UAPI
  Email::suspend_incoming, "The system will reject incoming email while the account is
  suspended."), "550 Mail to <address> has been suspended" (a hoster's help page quoting the
  bounce);
- Plesk: "5.7.1 Mailbox full", the qmail reply Plesk's MU#27 returned for a full mailbox
  (talk.plesk.com thread 260521, page 2).

The notices: our Postfix's bounce(8) notices (``postfix-dsn``; for a refused greeting
``postfix-refused`` and the delay warning ``postfix-refused-delay``, Postfix's "refused to
talk to me"), Exim's plain notice, Sendmail's notice quoting the remote reply. Addresses,
hosts, our IP (198.51.100.7), our HELO names, the spam score and the reply codes the sources
leave out (Plesk's) are composed.

The labelling rule, written before the first score:

- the label is the source's meaning of the words (the ACL or map that writes them, its
  condition and its comment), then RFC 3463 and RFC 5321, never what the parser says;
- a dead address (suppress) only where the words say the RECIPIENT's mailbox does not exist;
  none of these texts does. cPanel's "The account or domain may not exist" sits inside its
  sender-verify reply: the callout was to OUR return path, so it is the sender's and never
  suppresses;
- a refusal of OUR side is the sender's and never suppresses: our IP on the panel's block list
  (Hestia's "Your host in blacklist", cPanel's "not allowed to connect"), our HELO (an IP-like
  name its PTR does not match, a bare IP, a top-level domain that does not exist), our sender
  domain hosted on that server without authentication ("smtp auth required"), our message
  (spam score, a blacklisted attachment extension), our return path failing its callout;
- cPanel's per-host connection limit (a 451 defer at connect) is our host's rate: a delay while
  retried, at the end of the queue lifetime sender|transient|undetermined, never suppressed;
- the hosting account's own state of the RECIPIENT's mailbox is the recipient's and does not
  suppress: a full mailbox even under Plesk's 5.7.1 (mailbox_full: the words say the mailbox
  is full, RFC 3463 X.2.2); an account whose incoming mail is suspended is a disabled address
  (suspend), which SPEC counts as hard: suppressed (corrected by the lead after the first
  score, which labelled it not suppressed against SPEC's definition; docs/bounces.md gives
  the before numbers under both labels);
- the status is the one the notice states (Postfix and Sendmail: the reply's enhanced code, or
  5.0.0 / 4.0.0 for a bare one; Exim's plain notices state none, so those stay unlabelled).

Searched and left out (no source found in the index): DirectAdmin's exim.conf and
exim.strings.conf texts (only third-party installers and DirectAdmin's change log naming its
keys; its SPF refusal is carried, published6), Virtualmin's own reply texts (it configures
Postfix and postgrey, carried), Plesk's outgoing-limit "Your message could not be sent. The
limit on the number of allowed outgoing messages was exceeded." (a refusal of the panel's OWN
users' submission, never of mail from our relay), cPanel's "Domain ... has an outgoing mail
suspension" (the same: the sending host's), HestiaCP's "Email account ... is sending too many
emails" and "Website of user ... is sending too many emails" (its authenticated and local
senders only), "HELO required before MAIL" (our relay always sends EHLO), "$interface_address is
_my_ address" (our relay never HELOs with the receiver's address), cPanel's BoxTrapper (a
verification request, no failure notice).
``build.py`` writes them into ``manifest_published35.json``;
``test_published35_notices.py`` checks them.
"""

from __future__ import annotations

from build import RETURN_PATH, Case
from build import case as _case
from build import delayed as _delay
from build import rcpt as r

# --- sources ---------------------------------------------------------------------------------

HESTIA_CONNECT = (
    "hestiacp/hestiacp install/deb/exim/exim4.conf.template (acl_check_spammers: 'drop message"
    " = Your host in blacklist on this server.' log 'Host in blacklist', hosts = +spammers from"
    " /etc/exim4/spam-blocks.conf); Exim answers a connect-ACL drop with 550 (globals.c"
    " acl_wherecodes)"
)
HESTIA_HELO = (
    "hestiacp/hestiacp install/deb/exim/exim4.conf.template (acl_check_mail: 'drop message ="
    " Helo name contains an IP address (HELO was $sender_helo_name) and not is valid' when the"
    " HELO looks like an IP and the PTR of our address does not match it; 'drop ... message ="
    " Access denied - Invalid HELO name (See RFC2821 4.1.3)' when the HELO is an IP); Exim"
    " answers a MAIL-ACL drop with 550"
)
VESTA_HELO = (
    "outroll/vesta install/debian/10/exim/exim4.conf.template (acl_check_mail: 'drop message ="
    " Helo name contains a ip address (HELO was $sender_helo_name) and not is valid', the same"
    " check as HestiaCP's); Exim answers a MAIL-ACL drop with 550"
)
HESTIA_AUTH = (
    "hestiacp/hestiacp install/deb/exim/exim4.conf.template (acl_check_rcpt: 'deny message ="
    " smtp auth required', sender_domains = +local_domains, !authenticated = *: a sender domain"
    " the server hosts, from a client that did not authenticate); Exim answers with 550"
)
VESTA_AUTH = (
    "outroll/vesta install/debian/10/exim/exim4.conf.template (acl_check_rcpt: 'deny message ="
    " smtp auth requried', sender_domains = +local_domains, !authenticated = *); Exim answers"
    " with 550"
)
HESTIA_SPAM = (
    "hestiacp/hestiacp install/deb/exim/exim4.conf.template (acl_check_data: 'deny message ="
    " This message scored $spam_score spam points' when SpamAssassin's score is above"
    " SPAM_REJECT_SCORE and the domain rejects spam); Exim answers a DATA-ACL deny with 550"
)
HESTIA_MIME = (
    "hestiacp/hestiacp install/deb/exim/exim4.conf.template and outroll/vesta"
    " install/debian/10/exim/exim4.conf.template (acl_check_mime: 'deny message = Blacklisted"
    " file extension detected' for an attachment named .exe, .js, .bat, ...); Exim answers a"
    " MIME-ACL deny with 550"
)
ISPCONFIG_HELO = (
    "cyberkathosting/ispconfig3 install/tpl/blacklist_helo.master ('/.*\\.lan$/ REJECT HELO"
    " hostname is using a top level domain that does not exist.  See RFC 2821 section 3.6.')"
    " under install/tpl/debian_postfix.conf.master (smtpd_helo_restrictions = ..."
    " check_helo_access regexp:{config_dir}/blacklist_helo); Postfix writes an access-map REJECT"
    " as '554 5.7.1 <helo>: Helo command rejected: <text>' (smtpd_check.c,"
    " access_map_reject_code) and, with smtpd_delay_reject, at RCPT TO"
)
CPANEL_CONNECT = (
    "https://pastebin.com/Jp8ai9Eu (a cPanel server's generated exim.conf, acl_smtp_connect,"
    " with cPanel's '/usr/local/cpanel/bin/check_exim_config' marker: 'drop message = Your host"
    " is not allowed to connect to this server.' log 'Host is banned' for +spammeripblocks);"
    " Exim answers a connect-ACL drop with 550"
)
CPANEL_RATE = (
    "https://pastebin.com/Jp8ai9Eu (a cPanel server's generated exim.conf, acl_smtp_connect:"
    " 'defer message = The server has reached its limit for processing requests from your"
    " host. Please try again later.' log 'Host is ratelimited', ratelimit = 1.2 / 1h / strict /"
    " per_conn); Exim answers a defer with 451"
)
CPANEL_VERIFY = (
    "https://pastebin.com/AYLfwmKD (cPanel's notice hint 'WHM >> Exim Configuration Manager >>"
    " Basic Editor ... Trusted SMTP IP addresses' over 'SMTP error from remote mail server after"
    " RCPT TO: 550-Verification failed for <sender> 550-The mail server could not deliver mail"
    " to <sender>. The account or domain may not exist, they may be blacklisted, or missing the"
    " proper dns entries. 550 Sender verify failed'); https://pastebin.com/kgBuU3vc (the same in"
    " an Exim log) and https://pastebin.com/Q8DSDdMx (in a Postfix DSN, Status 5.0.0): the"
    " receiving cPanel host's callout to OUR return path failed"
)
CPANEL_SUSPENDED = (
    "https://api.docs.cpanel.net/openapi/cpanel/operation/suspend_incoming (UAPI"
    " Email::suspend_incoming: 'The system will reject incoming email while the account is"
    " suspended.'); https://help.vodien.com/articles/suspend-and-unsuspend-email-account/ (a"
    " cPanel hoster's page quoting the bounce: 'SMTP error from remote mail server after RCPT"
    " TO:<>: 550 Mail to has been suspended', Status 5.0.0; the page strips the addresses, the"
    " recipient's is composed back in)"
)
PLESK_FULL = (
    "https://talk.plesk.com/threads/qmail-gives-451-temp-error-when-mailbox-full.260521/page-2"
    " (Plesk: 'With applied fix from MU#27, when mailbox is full the following error is"
    ' returned: "5.7.1 Mailbox full"\', the thread noting RFC 3463 X.2.2 would want 4.2.2; the'
    " reply code in front is composed)"
)

BLOCK = ("blocked", "bad_reputation", "rejected", "policy_violation", "spam_detected")
HELO = ("blocked", "require_ptr", "not_compliant_rfc", "policy_violation", "rejected")
AUTH = ("auth_failure", "policy_violation", "rejected", "security_error", "blocked")
SPAM = ("spam_detected", "content_error", "filtered", "policy_violation", "rejected")
ATTACHMENT = ("content_error", "policy_violation", "filtered", "rejected", "security_error")
RATE = ("speeding", "too_many_conn", "exceed_limit", "blocked", "rejected")
RATE_EXPIRED = ("speeding", "too_many_conn", "exceed_limit", "expired", "blocked", "rejected")
VERIFY = ("rejected", "auth_failure", "policy_violation", "security_error", "host_unknown")
SUSPEND = ("suspend", "rejected", "not_accept")
FULL = ("mailbox_full",)

HESTIA_MX = "mail.hestia-kunde.example"
VESTA_MX = "mail.vesta-kunde.example"
ISPC_MX = "mail.ispconfig-kunde.example"
CPANEL_MX = "mail.cpanel-kunde.example"
PLESK_MX = "mail.plesk-kunde.example"

OUR_HELO_IPISH = "198-51-100-7.relay.shop.example"
OUR_HELO_LAN = "relay.shop.lan"

HOST_IN_BLACKLIST = "550 Your host in blacklist on this server."
HELO_HAS_IP = f"550 Helo name contains an IP address (HELO was {OUR_HELO_IPISH}) and not is valid"
HELO_HAS_A_IP = f"550 Helo name contains a ip address (HELO was {OUR_HELO_IPISH}) and not is valid"
HELO_INVALID = "550 Access denied - Invalid HELO name (See RFC2821 4.1.3)"
AUTH_REQUIRED = "550 smtp auth required"
AUTH_REQUIRED_VESTA = "550 smtp auth requried"
SPAM_POINTS = "550 This message scored 12.4 spam points"
FILE_EXTENSION = "550 Blacklisted file extension detected"
HELO_TLD = (
    f"554 5.7.1 <{OUR_HELO_LAN}>: Helo command rejected: HELO hostname is using a top level"
    " domain that does not exist.  See RFC 2821 section 3.6."
)
NOT_ALLOWED = "550 Your host is not allowed to connect to this server."
PROCESSING_LIMIT = (
    "451 The server has reached its limit for processing requests from your host. Please try"
    " again later."
)
VERIFY_LINES = (
    f"550-Verification failed for <{RETURN_PATH}>",
    f"550-The mail server could not deliver mail to {RETURN_PATH}.  The account or domain may"
    " not exist, they may be blacklisted, or missing the proper dns entries.",
    "550 Sender verify failed",
)
# Postfix and Sendmail join a multi-line reply on one line; Exim's notice keeps the lines.
VERIFY_ONE_LINE = " ".join(VERIFY_LINES)
VERIFY_EXIM = "\n    ".join(VERIFY_LINES)
PLESK_MAILBOX_FULL = "550 5.7.1 Mailbox full"


def _suspended(address: str) -> str:
    return f"550 Mail to {address} has been suspended"


PUBLISHED35_CASES: tuple[Case, ...] = (
    # --- HestiaCP / VestaCP -------------------------------------------------------------------
    _case(
        "hestia-host-in-blacklist-greeting",
        "hestiacp",
        "en",
        "postfix-refused",
        HESTIA_CONNECT,
        r(
            "a.amsel@hestia-kunde.example",
            HOST_IN_BLACKLIST,
            "5.0.0",
            BLOCK,
            False,
            "sender",
            remote=HESTIA_MX,
        ),
        r(
            "b.birke@hestia-kunde.example",
            HOST_IN_BLACKLIST,
            "5.0.0",
            BLOCK,
            False,
            "sender",
            remote=HESTIA_MX,
        ),
    ),
    _case(
        "hestia-helo-contains-an-ip-address",
        "hestiacp",
        "en",
        "postfix-dsn",
        HESTIA_HELO,
        r(
            "c.clausen@hestia-kunde.example",
            HELO_HAS_IP,
            "5.0.0",
            HELO,
            False,
            "sender",
            remote=HESTIA_MX,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "vesta-helo-contains-a-ip-address-exim",
        "vestacp",
        "en",
        "exim-text",
        VESTA_HELO,
        r(
            "d.dietz@vesta-kunde.example",
            HELO_HAS_A_IP,
            "",
            HELO,
            False,
            "sender",
            remote=VESTA_MX,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "hestia-invalid-helo-name-sendmail",
        "hestiacp",
        "en",
        "sendmail-dsn",
        HESTIA_HELO,
        r(
            "e.ebert@hestia-kunde.example",
            HELO_INVALID,
            "5.0.0",
            HELO,
            False,
            "sender",
            remote=HESTIA_MX,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "hestia-invalid-helo-name",
        "hestiacp",
        "en",
        "postfix-dsn",
        HESTIA_HELO,
        r(
            "f.falk@hestia-kunde.example",
            HELO_INVALID,
            "5.0.0",
            HELO,
            False,
            "sender",
            remote=HESTIA_MX,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "hestia-smtp-auth-required",
        "hestiacp",
        "en",
        "postfix-dsn",
        HESTIA_AUTH,
        r(
            "g.gerber@hestia-kunde.example",
            AUTH_REQUIRED,
            "5.0.0",
            AUTH,
            False,
            "sender",
            remote=HESTIA_MX,
        ),
        r(
            "h.hoff@hestia-kunde.example",
            AUTH_REQUIRED,
            "5.0.0",
            AUTH,
            False,
            "sender",
            remote=HESTIA_MX,
        ),
    ),
    _case(
        "vesta-smtp-auth-requried-exim",
        "vestacp",
        "en",
        "exim-text",
        VESTA_AUTH,
        r(
            "i.igel@vesta-kunde.example",
            AUTH_REQUIRED_VESTA,
            "",
            AUTH,
            False,
            "sender",
            remote=VESTA_MX,
        ),
    ),
    _case(
        "vesta-smtp-auth-requried-sendmail",
        "vestacp",
        "en",
        "sendmail-dsn",
        VESTA_AUTH,
        r(
            "j.jahn@vesta-kunde.example",
            AUTH_REQUIRED_VESTA,
            "5.0.0",
            AUTH,
            False,
            "sender",
            remote=VESTA_MX,
        ),
    ),
    _case(
        "hestia-message-scored-spam-points",
        "hestiacp",
        "en",
        "postfix-dsn",
        HESTIA_SPAM,
        r(
            "k.kranz@hestia-kunde.example",
            SPAM_POINTS,
            "5.0.0",
            SPAM,
            False,
            "sender",
            remote=HESTIA_MX,
            stage="end of DATA",
        ),
        r(
            "l.lenz@hestia-kunde.example",
            SPAM_POINTS,
            "5.0.0",
            SPAM,
            False,
            "sender",
            remote=HESTIA_MX,
            stage="end of DATA",
        ),
    ),
    _case(
        "hestia-message-scored-spam-points-sendmail",
        "hestiacp",
        "en",
        "sendmail-dsn",
        HESTIA_SPAM,
        r(
            "m.moll@hestia-kunde.example",
            SPAM_POINTS,
            "5.0.0",
            SPAM,
            False,
            "sender",
            remote=HESTIA_MX,
            stage="end of DATA",
        ),
    ),
    _case(
        "hestia-blacklisted-file-extension",
        "hestiacp",
        "en",
        "postfix-dsn",
        HESTIA_MIME,
        r(
            "n.nagel@hestia-kunde.example",
            FILE_EXTENSION,
            "5.0.0",
            ATTACHMENT,
            False,
            "sender",
            remote=HESTIA_MX,
            stage="end of DATA",
        ),
    ),
    _case(
        "vesta-blacklisted-file-extension-exim",
        "vestacp",
        "en",
        "exim-text",
        HESTIA_MIME,
        r(
            "o.ohm@vesta-kunde.example",
            FILE_EXTENSION,
            "",
            ATTACHMENT,
            False,
            "sender",
            remote=VESTA_MX,
            stage="end of DATA",
        ),
    ),
    # --- ISPConfig ----------------------------------------------------------------------------
    _case(
        "ispconfig-helo-tld-does-not-exist",
        "ispconfig",
        "en",
        "postfix-dsn",
        ISPCONFIG_HELO,
        r(
            "p.pohl@ispconfig-kunde.example",
            HELO_TLD,
            "5.7.1",
            HELO,
            False,
            "sender",
            remote=ISPC_MX,
        ),
        r(
            "q.quast@ispconfig-kunde.example",
            HELO_TLD,
            "5.7.1",
            HELO,
            False,
            "sender",
            remote=ISPC_MX,
        ),
    ),
    _case(
        "ispconfig-helo-tld-does-not-exist-sendmail",
        "ispconfig",
        "en",
        "sendmail-dsn",
        ISPCONFIG_HELO,
        r(
            "r.rausch@ispconfig-kunde.example",
            HELO_TLD,
            "5.7.1",
            HELO,
            False,
            "sender",
            remote=ISPC_MX,
        ),
    ),
    _case(
        "ispconfig-helo-tld-does-not-exist-exim",
        "ispconfig",
        "en",
        "exim-text",
        ISPCONFIG_HELO,
        r("s.sauer@ispconfig-kunde.example", HELO_TLD, "", HELO, False, "sender", remote=ISPC_MX),
    ),
    # --- cPanel -------------------------------------------------------------------------------
    _case(
        "cpanel-host-not-allowed-to-connect",
        "cpanel",
        "en",
        "postfix-refused",
        CPANEL_CONNECT,
        r(
            "t.thiel@cpanel-kunde.example",
            NOT_ALLOWED,
            "5.0.0",
            BLOCK,
            False,
            "sender",
            remote=CPANEL_MX,
        ),
    ),
    _case(
        "cpanel-processing-limit-delay",
        "cpanel",
        "en",
        "postfix-refused-delay",
        CPANEL_RATE,
        _delay(
            "u.ulrich@cpanel-kunde.example",
            PROCESSING_LIMIT,
            "4.0.0",
            RATE,
            parties="sender|transient",
            remote=CPANEL_MX,
        ),
        _delay(
            "v.vogt@cpanel-kunde.example",
            PROCESSING_LIMIT,
            "4.0.0",
            RATE,
            parties="sender|transient",
            remote=CPANEL_MX,
        ),
    ),
    _case(
        "cpanel-processing-limit-expired",
        "cpanel",
        "en",
        "postfix-refused",
        CPANEL_RATE,
        r(
            "w.wolf@cpanel-kunde.example",
            PROCESSING_LIMIT,
            "4.0.0",
            RATE_EXPIRED,
            False,
            "sender|transient|undetermined",
            remote=CPANEL_MX,
        ),
    ),
    _case(
        "cpanel-sender-verify-account-may-not-exist",
        "cpanel",
        "en",
        "postfix-dsn",
        CPANEL_VERIFY,
        r(
            "x.xander@cpanel-kunde.example",
            VERIFY_ONE_LINE,
            "5.0.0",
            VERIFY,
            False,
            "sender",
            remote=CPANEL_MX,
        ),
        r(
            "y.yilmaz@cpanel-kunde.example",
            VERIFY_ONE_LINE,
            "5.0.0",
            VERIFY,
            False,
            "sender",
            remote=CPANEL_MX,
        ),
    ),
    _case(
        "cpanel-sender-verify-account-may-not-exist-exim",
        "cpanel",
        "en",
        "exim-text",
        CPANEL_VERIFY,
        r(
            "z.zorn@cpanel-kunde.example",
            VERIFY_EXIM,
            "",
            VERIFY,
            False,
            "sender",
            remote=CPANEL_MX,
        ),
    ),
    _case(
        "cpanel-sender-verify-account-may-not-exist-sendmail",
        "cpanel",
        "en",
        "sendmail-dsn",
        CPANEL_VERIFY,
        r(
            "a.adam@cpanel-kunde.example",
            VERIFY_ONE_LINE,
            "5.0.0",
            VERIFY,
            False,
            "sender",
            remote=CPANEL_MX,
        ),
    ),
    _case(
        "cpanel-incoming-mail-suspended",
        "cpanel",
        "en",
        "postfix-dsn",
        CPANEL_SUSPENDED,
        r(
            "b.bach@cpanel-kunde.example",
            _suspended("b.bach@cpanel-kunde.example"),
            "5.0.0",
            SUSPEND,
            True,
            "recipient",
            remote=CPANEL_MX,
        ),
    ),
    _case(
        "cpanel-incoming-mail-suspended-exim",
        "cpanel",
        "en",
        "exim-text",
        CPANEL_SUSPENDED,
        r(
            "c.cramer@cpanel-kunde.example",
            _suspended("c.cramer@cpanel-kunde.example"),
            "",
            SUSPEND,
            True,
            "recipient",
            remote=CPANEL_MX,
        ),
    ),
    # --- Plesk --------------------------------------------------------------------------------
    _case(
        "plesk-mailbox-full-5-7-1",
        "plesk",
        "en",
        "postfix-dsn",
        PLESK_FULL,
        r(
            "d.dorsch@plesk-kunde.example",
            PLESK_MAILBOX_FULL,
            "5.7.1",
            FULL,
            False,
            "recipient",
            remote=PLESK_MX,
        ),
    ),
    _case(
        "plesk-mailbox-full-5-7-1-sendmail",
        "plesk",
        "en",
        "sendmail-dsn",
        PLESK_FULL,
        r(
            "e.eggert@plesk-kunde.example",
            PLESK_MAILBOX_FULL,
            "5.7.1",
            FULL,
            False,
            "recipient",
            remote=PLESK_MX,
        ),
    ),
)
