"""Filters that refuse at SMTP time in their own words, read from their source code, thirtieth
batch (issue #14, judge69): OpenSMTPD's filter-senderscore and filter-dnsbl, smf-spf (2.0.2
and 2.5.2), rspamd's ratelimit module through its milter, and Mail::Qmail::Filter::DMARC, each
wrapped in the notice the sending side would write.

Composed and scored before any rule was written for them. Every name and text was grepped in
``bounce_parser/data/phrases/`` and ``tests/bounce_parser/composed/*.py`` first (and in the
real receiving beds' notices, ``tests/bounce_parser/real_receivers_*``) and dropped where it was
already carried: OpenDMARC's "rejected by DMARC policy for <domain>" (judge24's real policy
bed), spamass-milter's "Blocked by SpamAssassin" (providers.toml), milter-greylist's
"Greylisting in action, please come back ..." (published22), rspamd's "Gtube pattern", "Spam
message rejected" and "Try again later" (rspamd.toml, judge25's and judge28's beds),
policyd-rate-limit's "Rate limit reach, retry later" (judge41's bed). What is left:

- filter-senderscore (poolpOrg/filter-senderscore ``filter-senderscore.go``,
  ``waitThenDisconnect``): "550 your IP reputation is too low for this MX", written when the
  SenderScore of OUR IP is below ``-blockBelow``, at the phase ``-blockPhase`` names
  (``connect`` by default; ``mail-from`` and ``rcpt-to`` are valid choices, README.md), then it
  disconnects;
- filter-dnsbl (catap/opensmtpd-filter-dnsbl ``main.c``, ``dnsbl_resolve``, registered for the
  connect phase only): ``osmtpd_filter_disconnect(ctx, "Listed at %s", list)`` when OUR IP is
  listed and ``"DNS error on %s"`` when a lookup fails; libopensmtpd's ``opensmtpd.c``
  ``osmtpd_filter_disconnect`` writes ``disconnect|421 `` before the text, so the greeting the
  sending MTA reads is "421 Listed at <list>" or "421 DNS error on <list>": it retries;
- smf-spf 2.5.2 (jcbf/smf-spf ``smf-spf.c``, ``REJECT_REASON "Message was rejected during SPF
  policy evaluation. sender:%1$s client-ip:%2$s"``, the same text as ``REJECT_REASON_DEFAULT``
  in the repository's ``src/config/defaults.h``): at MAIL FROM "550 5.7.23" (or "450 4.7.23"
  with ``SoftFail on``); with ``WhitelistTo`` set it refuses at RCPT instead, with "550 5.1.1"
  (or "450 4.1.1") before the same words; a temperror "451 4.4.3 Found a problem processing SFP
  for <sender>. Error: (no reason)" (the source's own spelling); ``RefuseSPFNone``: "550 5.7.1
  Sorry <sender>, we only accept mail from SPF enabled domains.";
- smf-spf 2.0.2 (the same repository at commit 0bc5e60): "550 5.7.1 Rejected, look at
  http://www.openspf.org/why.html?sender=<s>&ip=<ip>&receiver=<host>" at MAIL FROM, and with
  ``WhitelistTo`` "550 5.1.1" before the same words at RCPT;
- rspamd's ratelimit module (rspamd/rspamd ``src/plugins/lua/ratelimit.lua``: ``message_func``
  returns ``Ratelimit "%s" exceeded`` with the bucket's name, a soft reject) through its milter
  (``src/libserver/milter.c``: a soft reject is ``RSPAMD_MILTER_RCODE_TEMPFAIL "451"`` and
  ``RSPAMD_MILTER_XCODE_TEMPFAIL "4.7.1"`` before the module's message), after DATA;
- Mail::Qmail::Filter::DMARC (its published documentation on metacpan.org): a message that
  fails the DMARC policy of its From domain "will be rejected with 554 Failed DMARC test." by
  qmail-smtpd after the data.

Beside them, in one notice, the receiving Postfix's own unknown-user refusal (its
``smtpd_check.c`` words, carried) for the neighbour of a recipient smf-spf refused, to check
that one recipient's reading does not leak to the other.

The notices: our Postfix's bounce(8) notices and delay warnings (``postfix-dsn``; for a refused
greeting ``postfix-refused`` and ``postfix-refused-delay``, Postfix's "refused to talk to me"),
Exim's plain notice and delay warning, Sendmail's notice quoting the remote reply. Addresses,
hosts, the IP (ours: 198.51.100.7), the DNS list's name, the receiving host in smf-spf's URL
and rspamd's bucket name are composed.

The labelling rule, written before the first score:

- the label is the source's meaning of the words (the check that writes them, as its source,
  README or documentation says), then RFC 3463 and RFC 5321, never what the parser says;
- every refusal here but the Postfix neighbour's is a check on OUR side: our IP's reputation
  (senderscore), our IP on a DNS list (filter-dnsbl), our SPF (smf-spf, whatever status code it
  chose: its "5.1.1" and "4.1.1" under ``WhitelistTo`` say nothing about the recipient; RFC 3463
  would call 5.1.1 a bad mailbox, but the words and the source say it is our SPF result), our
  sender domain without SPF, our sending rate (rspamd's bucket), our message failing DMARC.
  They are the sender's and never suppress; a permanent one is labelled ``sender``;
- the receiving Postfix's "User unknown in virtual mailbox table" under 550 5.1.1 is a dead
  address: suppressed (recipient);
- a 4xx is retried: a notice that says it keeps trying is a delay notice, never a bounce; a 4xx
  still standing at the end of the queue lifetime is an expiry, never suppressed, labelled by
  its cause (sender: our IP listed, our SPF, our rate) or transient|undetermined (a DNS error of
  the receiver's lookup);
- the status is the one the notice states (Postfix and Sendmail: the reply's enhanced code, or
  5.0.0 / 4.0.0 for a bare one; Exim's plain notices state none, so those stay unlabelled).

Searched and left out: clamav-milter (``clamav-milter/clamfi.c``: without ``RejectMsg`` it
returns SMFIS_REJECT with no text, so the words are the MTA's "5.7.1 Command rejected", judge25's
bed; ``RejectMsg`` is the administrator's), OpenDMARC's other replies (none beside its carried
DMARC reject in ``opendmarc.c``), milter-regex, postfwd and milter-greylist's ACL replies (the
administrator's texts), smf-spf's "Sender/Recipient address does not conform to RFC-2821
syntax" (our relay never sends such an address), MailScanner (no SMTP replies), eFa, Scrollout
F1, Hermes SEG / Libraesva, Xeams (its page names a 550/450 for invalid users but not the
words) and SpamTitan (no reply text found in the indexes in the time there was), rspamd's other
modules' messages (not found in the time there was).
``build.py`` writes them into ``manifest_published30.json``;
``test_published30_notices.py`` checks them.
"""

from __future__ import annotations

from build import RETURN_PATH, Case
from build import case as _case
from build import delayed as _delay
from build import rcpt as r

# --- sources ---------------------------------------------------------------------------------

SENDERSCORE = (
    "poolpOrg/filter-senderscore filter-senderscore.go waitThenDisconnect"
    " ('filter-result|...|disconnect|550 your IP reputation is too low for this MX'), README.md"
    " (-blockBelow, -blockPhase: connect by default, mail-from, rcpt-to ...)"
)
DNSBL = (
    "catap/opensmtpd-filter-dnsbl main.c dnsbl_resolve (osmtpd_filter_disconnect(ctx, 'Listed"
    " at %s', ...), osmtpd_filter_disconnect(ctx, 'DNS error on %s', ...), connect phase);"
    " libopensmtpd opensmtpd.c osmtpd_filter_disconnect ('disconnect|421 ' before the text)"
)
SMF_SPF_252 = (
    "jcbf/smf-spf smf-spf.c 2.5.2 (REJECT_REASON 'Message was rejected during SPF policy"
    " evaluation. sender:%1$s client-ip:%2$s'; smf_envfrom: 550 5.7.23 / 450 4.7.23 (SoftFail),"
    " 451 4.4.3 'Found a problem processing SFP for %s. Error: (no reason)', 550 5.7.1 'Sorry %s,"
    " we only accept mail from SPF enabled domains.'; smf_envrcpt with WhitelistTo: 550 5.1.1 /"
    " 450 4.1.1); the same text in jcbf/smf-spf src/config/defaults.h REJECT_REASON_DEFAULT"
)
SMF_SPF_202 = (
    "jcbf/smf-spf smf-spf.c at 0bc5e609 (smf-spf 2.0.2: 550 5.7.1 'Rejected, look at"
    " http://www.openspf.org/why.html?sender=%s&ip=%s&receiver=%s' at MAIL FROM; with"
    " WhitelistTo 550 5.1.1 before the same words at RCPT)"
)
RSPAMD_RATELIMIT = (
    "rspamd/rspamd src/plugins/lua/ratelimit.lua (message_func: 'Ratelimit \"%s\" exceeded',"
    " soft reject); src/libserver/milter.c (soft reject: RSPAMD_MILTER_RCODE_TEMPFAIL '451',"
    " RSPAMD_MILTER_XCODE_TEMPFAIL '4.7.1')"
)
QMAIL_DMARC = (
    "https://metacpan.org/pod/Mail::Qmail::Filter::DMARC ('the message will be rejected with 554"
    " Failed DMARC test.')"
)
SMF_SPF_AND_POSTFIX = (
    f"{SMF_SPF_252}; the receiving Postfix's smtpd_check.c ('Recipient address rejected: User"
    " unknown in virtual mailbox table')"
)

REPUTATION = ("bad_reputation", "blocked", "rejected", "policy_violation")
LISTED = ("blocked", "bad_reputation", "rejected", "policy_violation", "expired")
DNS_TEMP = ("network_error", "system_error", "expired", "undefined", "blocked")
AUTH = ("auth_failure", "security_error", "policy_violation", "rejected", "blocked")
AUTH_TEMP = ("auth_failure", "system_error", "network_error", "expired", "undefined")
NO_SPF = ("auth_failure", "policy_violation", "rejected", "blocked")
RATE = ("speeding", "exceed_limit", "too_many_conn", "policy_violation", "expired")
DMARC = ("auth_failure", "policy_violation", "security_error", "rejected")
UNKNOWN = ("user_unknown",)

OUR_IP = "198.51.100.7"
SS_MX = "mx.senderscore-kunde.example"
DNSBL_MX = "mx.dnsbl-client.example"
SPF_MX = "mail.spf-milter-client.example"
RL_MX = "mx.rspamd-rl-client.example"
QM_MX = "mx.qmail-dmarc-client.example"

SCORE_TOO_LOW = "550 your IP reputation is too low for this MX"
LISTED_AT = "421 Listed at zen.spamhaus.org"
DNS_ERROR = "421 DNS error on zen.spamhaus.org"
SPF_REASON = (
    f"Message was rejected during SPF policy evaluation. sender:{RETURN_PATH} client-ip:{OUR_IP}"
)
SPF_MAIL = f"550 5.7.23 {SPF_REASON}"
SPF_MAIL_SOFT = f"450 4.7.23 {SPF_REASON}"
SPF_RCPT = f"550 5.1.1 {SPF_REASON}"
SPF_RCPT_SOFT = f"450 4.1.1 {SPF_REASON}"
SPF_TEMPERROR = f"451 4.4.3 Found a problem processing SFP for {RETURN_PATH}. Error: (no reason)"
SPF_NONE = f"550 5.7.1 Sorry {RETURN_PATH}, we only accept mail from SPF enabled domains."
OLD_SPF_URL = (
    f"Rejected, look at http://www.openspf.org/why.html?sender={RETURN_PATH}&ip={OUR_IP}"
    f"&receiver={SPF_MX}"
)
OLD_SPF_MAIL = f"550 5.7.1 {OLD_SPF_URL}"
OLD_SPF_RCPT = f"550 5.1.1 {OLD_SPF_URL}"
RATELIMIT = '451 4.7.1 Ratelimit "to_ip_from" exceeded'
FAILED_DMARC = "554 Failed DMARC test."


def _pf_unknown(address: str) -> str:
    return (
        f"550 5.1.1 <{address}>: Recipient address rejected: User unknown in virtual mailbox table"
    )


PUBLISHED30_CASES: tuple[Case, ...] = (
    # --- filter-senderscore -----------------------------------------------------------------
    _case(
        "senderscore-too-low-mail-from",
        "filter-senderscore",
        "en",
        "postfix-dsn",
        SENDERSCORE,
        r(
            "a.arndt@senderscore-kunde.example",
            SCORE_TOO_LOW,
            "5.0.0",
            REPUTATION,
            False,
            "sender",
            remote=SS_MX,
            stage="MAIL FROM",
        ),
        r(
            "b.bauer@senderscore-kunde.example",
            SCORE_TOO_LOW,
            "5.0.0",
            REPUTATION,
            False,
            "sender",
            remote=SS_MX,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "senderscore-too-low-rcpt-exim",
        "filter-senderscore",
        "en",
        "exim-text",
        SENDERSCORE,
        r(
            "c.cramer@senderscore-kunde.example",
            SCORE_TOO_LOW,
            "",
            REPUTATION,
            False,
            "sender",
            remote=SS_MX,
        ),
    ),
    _case(
        "senderscore-too-low-rcpt-sendmail",
        "filter-senderscore",
        "en",
        "sendmail-dsn",
        SENDERSCORE,
        r(
            "d.decker@senderscore-kunde.example",
            SCORE_TOO_LOW,
            "5.0.0",
            REPUTATION,
            False,
            "sender",
            remote=SS_MX,
        ),
    ),
    _case(
        "senderscore-too-low-greeting",
        "filter-senderscore",
        "en",
        "postfix-refused",
        SENDERSCORE,
        r(
            "e.engel@senderscore-kunde.example",
            SCORE_TOO_LOW,
            "5.0.0",
            REPUTATION,
            False,
            "sender",
            remote=SS_MX,
        ),
    ),
    # --- filter-dnsbl -------------------------------------------------------------------------
    _case(
        "filter-dnsbl-listed-delay",
        "filter-dnsbl",
        "en",
        "postfix-refused-delay",
        DNSBL,
        _delay(
            "f.fuchs@dnsbl-client.example",
            LISTED_AT,
            "4.0.0",
            LISTED,
            parties="sender|transient",
            remote=DNSBL_MX,
        ),
    ),
    _case(
        "filter-dnsbl-listed-expired",
        "filter-dnsbl",
        "en",
        "postfix-refused",
        DNSBL,
        r(
            "g.gross@dnsbl-client.example",
            LISTED_AT,
            "4.0.0",
            LISTED,
            False,
            "sender|transient|undetermined",
            remote=DNSBL_MX,
        ),
        r(
            "h.horn@dnsbl-client.example",
            LISTED_AT,
            "4.0.0",
            LISTED,
            False,
            "sender|transient|undetermined",
            remote=DNSBL_MX,
        ),
    ),
    _case(
        "filter-dnsbl-dns-error-delay",
        "filter-dnsbl",
        "en",
        "postfix-refused-delay",
        DNSBL,
        _delay(
            "i.imhof@dnsbl-client.example",
            DNS_ERROR,
            "4.0.0",
            DNS_TEMP,
            parties="transient|undetermined",
            remote=DNSBL_MX,
        ),
    ),
    _case(
        "filter-dnsbl-dns-error-expired",
        "filter-dnsbl",
        "en",
        "postfix-refused",
        DNSBL,
        r(
            "j.jung@dnsbl-client.example",
            DNS_ERROR,
            "4.0.0",
            DNS_TEMP,
            False,
            "transient|undetermined",
            remote=DNSBL_MX,
        ),
    ),
    # --- smf-spf 2.5.2 -------------------------------------------------------------------------
    _case(
        "smf-spf-rejected-mail-from",
        "smf-spf",
        "en",
        "postfix-dsn",
        SMF_SPF_252,
        r(
            "k.koch@spf-milter-client.example",
            SPF_MAIL,
            "5.7.23",
            AUTH,
            False,
            "sender",
            remote=SPF_MX,
            stage="MAIL FROM",
        ),
        r(
            "l.lorenz@spf-milter-client.example",
            SPF_MAIL,
            "5.7.23",
            AUTH,
            False,
            "sender",
            remote=SPF_MX,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "smf-spf-rejected-mail-from-exim",
        "smf-spf",
        "en",
        "exim-text",
        SMF_SPF_252,
        r(
            "m.maier@spf-milter-client.example",
            SPF_MAIL,
            "",
            AUTH,
            False,
            "sender",
            remote=SPF_MX,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "smf-spf-soft-fail-delay",
        "smf-spf",
        "en",
        "postfix-dsn",
        SMF_SPF_252,
        _delay(
            "n.neumann@spf-milter-client.example",
            SPF_MAIL_SOFT,
            "4.7.23",
            AUTH_TEMP,
            parties="sender|transient",
            remote=SPF_MX,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "smf-spf-rejected-rcpt-5-1-1",
        "smf-spf",
        "en",
        "postfix-dsn",
        SMF_SPF_252,
        r(
            "o.otto@spf-milter-client.example",
            SPF_RCPT,
            "5.1.1",
            AUTH,
            False,
            "sender",
            remote=SPF_MX,
        ),
        r(
            "p.peters@spf-milter-client.example",
            SPF_RCPT,
            "5.1.1",
            AUTH,
            False,
            "sender",
            remote=SPF_MX,
        ),
    ),
    _case(
        "smf-spf-rejected-rcpt-5-1-1-sendmail",
        "smf-spf",
        "en",
        "sendmail-dsn",
        SMF_SPF_252,
        r(
            "q.quast@spf-milter-client.example",
            SPF_RCPT,
            "5.1.1",
            AUTH,
            False,
            "sender",
            remote=SPF_MX,
        ),
    ),
    _case(
        "smf-spf-rejected-rcpt-and-unknown",
        "smf-spf",
        "en",
        "postfix-dsn",
        SMF_SPF_AND_POSTFIX,
        r(
            "r.roth@spf-milter-client.example",
            SPF_RCPT,
            "5.1.1",
            AUTH,
            False,
            "sender",
            remote=SPF_MX,
        ),
        r(
            "s.seidel@spf-milter-client.example",
            _pf_unknown("s.seidel@spf-milter-client.example"),
            "5.1.1",
            UNKNOWN,
            True,
            "recipient",
            remote=SPF_MX,
        ),
    ),
    _case(
        "smf-spf-rcpt-soft-fail-exim-delay",
        "smf-spf",
        "en",
        "exim-delay-text",
        SMF_SPF_252,
        _delay(
            "t.thomas@spf-milter-client.example",
            SPF_RCPT_SOFT,
            "",
            AUTH_TEMP,
            parties="sender|transient",
            remote=SPF_MX,
        ),
    ),
    _case(
        "smf-spf-rcpt-soft-fail-expired",
        "smf-spf",
        "en",
        "postfix-dsn",
        SMF_SPF_252,
        r(
            "u.uhl@spf-milter-client.example",
            SPF_RCPT_SOFT,
            "4.1.1",
            AUTH_TEMP,
            False,
            "sender|transient|undetermined",
            remote=SPF_MX,
        ),
    ),
    _case(
        "smf-spf-temperror-exim-delay",
        "smf-spf",
        "en",
        "exim-delay-text",
        SMF_SPF_252,
        _delay(
            "v.vogel@spf-milter-client.example",
            SPF_TEMPERROR,
            "",
            AUTH_TEMP,
            parties="sender|transient",
            remote=SPF_MX,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "smf-spf-temperror-expired",
        "smf-spf",
        "en",
        "postfix-dsn",
        SMF_SPF_252,
        r(
            "w.walter@spf-milter-client.example",
            SPF_TEMPERROR,
            "4.4.3",
            AUTH_TEMP,
            False,
            "sender|transient|undetermined",
            remote=SPF_MX,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "smf-spf-refuse-none",
        "smf-spf",
        "en",
        "postfix-dsn",
        SMF_SPF_252,
        r(
            "x.xylander@spf-milter-client.example",
            SPF_NONE,
            "5.7.1",
            NO_SPF,
            False,
            "sender",
            remote=SPF_MX,
            stage="MAIL FROM",
        ),
    ),
    # --- smf-spf 2.0.2 -------------------------------------------------------------------------
    _case(
        "smf-spf-old-rejected-mail-from",
        "smf-spf",
        "en",
        "postfix-dsn",
        SMF_SPF_202,
        r(
            "y.yilmaz@spf-milter-client.example",
            OLD_SPF_MAIL,
            "5.7.1",
            AUTH,
            False,
            "sender",
            remote=SPF_MX,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "smf-spf-old-rejected-rcpt-exim",
        "smf-spf",
        "en",
        "exim-text",
        SMF_SPF_202,
        r(
            "z.zimmer@spf-milter-client.example",
            OLD_SPF_RCPT,
            "",
            AUTH,
            False,
            "sender",
            remote=SPF_MX,
        ),
    ),
    _case(
        "smf-spf-old-rejected-rcpt-postfix",
        "smf-spf",
        "en",
        "postfix-dsn",
        SMF_SPF_202,
        r(
            "a.adam@spf-milter-client.example",
            OLD_SPF_RCPT,
            "5.1.1",
            AUTH,
            False,
            "sender",
            remote=SPF_MX,
        ),
    ),
    # --- rspamd ratelimit through its milter ----------------------------------------------------
    _case(
        "rspamd-ratelimit-delay",
        "rspamd",
        "en",
        "postfix-dsn",
        RSPAMD_RATELIMIT,
        _delay(
            "b.brandt@rspamd-rl-client.example",
            RATELIMIT,
            "4.7.1",
            RATE,
            parties="sender|transient",
            remote=RL_MX,
            stage="end of DATA",
        ),
    ),
    _case(
        "rspamd-ratelimit-expired",
        "rspamd",
        "en",
        "postfix-dsn",
        RSPAMD_RATELIMIT,
        r(
            "c.conrad@rspamd-rl-client.example",
            RATELIMIT,
            "4.7.1",
            RATE,
            False,
            "sender|transient|undetermined",
            remote=RL_MX,
            stage="end of DATA",
        ),
    ),
    # --- Mail::Qmail::Filter::DMARC ---------------------------------------------------------------
    _case(
        "qmail-filter-failed-dmarc-test",
        "mail-qmail-filter",
        "en",
        "postfix-dsn",
        QMAIL_DMARC,
        r(
            "d.dietz@qmail-dmarc-client.example",
            FAILED_DMARC,
            "5.0.0",
            DMARC,
            False,
            "sender",
            remote=QM_MX,
            stage="end of DATA",
        ),
    ),
    _case(
        "qmail-filter-failed-dmarc-test-sendmail",
        "mail-qmail-filter",
        "en",
        "sendmail-dsn",
        QMAIL_DMARC,
        r(
            "e.ebert@qmail-dmarc-client.example",
            FAILED_DMARC,
            "5.0.0",
            DMARC,
            False,
            "sender",
            remote=QM_MX,
            stage="end of DATA",
        ),
    ),
)
