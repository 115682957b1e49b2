"""Policy daemons, Postfix's less-common smtpd restrictions, an SMTP server library and Exim's
callout deferral, from their source code, twenty-third batch (issue #14, judge62), each wrapped
in the notice the side that writes it would send.

Composed and scored before any rule was written for them. Every name and text was grepped in
``bounce_parser/data/phrases/`` and ``tests/bounce_parser/composed/*.py`` first and dropped
where it was already carried: Postfix's "Helo command rejected" (all its HELO checks: one
entry), "Relay access denied", "Domain not found", "cannot find your hostname", "User unknown
in local recipient table" alone, "Access denied" for a sender, the nullMX refusal, "unverified
address" for a recipient; Exim's "Administrative prohibition", "Unrouteable address", "Sender
verify failed", "Could not complete sender verify"; SubEthaSMTP's defaults ("Transaction
failed", "Too much mail data", "Too many connections"); go-guerrilla's "Too many recipients".
What is left:

- Postfix's ``smtpd_check.c`` (the rhansen/postfix mirror in the index; the same format strings
  in Debian's postfix 3.7.11 ``/usr/lib/postfix/sbin/smtpd``, read with ``strings``; the
  reply codes are ``postconf -d``'s defaults): reject_unlisted_recipient's "User unknown in
  relay recipient table" and "... in virtual alias table" (550, status 5.1.1),
  reject_non_fqdn_sender's "need fully-qualified address" (non_fqdn_reject_code 504, DSN
  "4.5.2" whose class Postfix sets from the code: 5.5.2), reject_unauth_pipelining's "Improper
  use of SMTP command pipelining" (503 5.5.0, "<DATA>: Data command rejected" as its log lines
  show it under smtpd_data_restrictions), reject_multi_recipient_bounce's "Multi-recipient
  bounce" (550 5.5.3), reject_sender_login_mismatch's "not logged in" and "not owned by user"
  (553 5.7.1), reject_unverified_sender's "unverified address" (450, SND_DSN 4.1.7) and
  "undeliverable address" (the same check when unverified_sender_reject_code is set to 550:
  that code is composed, the status 5.1.7 follows SND_DSN) quoting the probe's own reply
  about OUR sender address;
- Policyd v2 (cluebringer; its 2.0 modules as the EHCP-Force-Edition repository carries them,
  ``cbp/modules/*.pm``, and ``cbp/protocols/Postfix.pm`` which hands its verdict to Postfix as
  ``action=REJECT text``, ``action=DEFER text`` or the code a module gives): Greylisting.pm's
  "451 4.7.1 Greylisting in effect, please come back later" and its auto-blacklist's
  "Greylisting in effect, sending server blacklisted", Quotas.pm's "Policy rejection; Message
  count quota exceeded" and "Policy rejection; Cumulative message size quota exceeded",
  CheckHelo.pm's "Invalid HELO/EHLO; ..." refusals. Postfix writes a policy service's REJECT
  as "554 5.7.1 <rcpt>: Recipient address rejected: text" (access_map_reject_code) and DEFER
  as "450 4.7.1 ..." (defer_code), as access(5) says;
- tumgreyspf (linsomniac/tumgreyspf ``tumgreyspf``): "defer_if_permit Service unavailable,
  greylisted." and "reject Service unavailable, blackholed." (its blackhole: OUR IP, caught
  sending to a trap address), written by Postfix as above;
- go-guerrilla (flashmob/go-guerrilla ``response/enhanced.go``, its canned replies):
  "454 4.1.1 Error: Relay access denied: <domain>" (a domain not in its allowed hosts),
  "421 4.3.0 Server is shutting down. Please try again later. Sayonara!", "554 5.5.0 Error:
  transaction timeout" and "554 5.5.0 Transaction failed - backend not running" (its storage
  backend, after DATA);
- Exim's ``src/src/verify.c``: "Could not complete recipient verify callout" (DEFER: no
  answer from the host behind the callout).

The notices: our Postfix's bounce(8) notices and delay warnings (``postfix-dsn``), Exim's plain
notice and delay warning, Sendmail's notice quoting the remote reply. Addresses, hosts and IPs
are composed.

The labelling rule, written before the first score:

- the label is the source's meaning of the words (the check that writes them, as its source
  and manual say), then RFC 3463 and RFC 5321, never what the parser says;
- a dead address (suppress) only where the words say the mailbox does not exist at the
  destination: Postfix's "User unknown in relay recipient table" and "... in virtual alias
  table";
- a refusal of OUR side is the sender's and never suppresses, whatever mailbox words it
  quotes: our sender address not fully qualified, not logged in or not owned by the
  authenticated user, our sender address found dead by the destination's own verify probe
  ("unverified address" / "undeliverable address: ... User unknown ..." names OUR address,
  not the recipient's), our client's pipelining, a null-sender message to several
  recipients, our HELO name (Policyd's CheckHelo, even "no such domain", which is about our
  HELO name), our IP blacklisted by a greylisting daemon or blackholed by tumgreyspf, a
  Policyd quota (its tracked key is our IP, sender or the policy; the text says "Policy
  rejection"): sender (the quota: sender|undetermined);
- greylisting is never suppressed whatever its code; a notice that says it keeps trying is a
  delay notice; a 4xx still standing when the queue lifetime ended is an expiry (or its
  documented cause): transient|undetermined;
- a destination that does not take mail for the domain at all (go-guerrilla's "Relay access
  denied: <domain>" under 454 4.1.1: the status names the mailbox, the words the domain) is
  the destination's configuration: never suppressed, never the sender's;
- a destination's own failure after DATA (go-guerrilla's backend timeout or not running) is
  the destination system's: never suppressed, recipient|undetermined|transient;
- a callout the destination could not complete is transient;
- the status is the one the notice states (Postfix and Sendmail: the reply's enhanced code,
  or 4.0.0 / 5.0.0 for a bare one; Exim's plain notices state none, so those stay
  unlabelled).

Searched and left out: Policyd v2's AccessControl and the quota verdict texts an
administrator sets (its database's "Data" column: no fixed text), CheckSPF's "Failed SPF
check; ..." (the rest of its text is Mail::SPF's explanation, not looked up in the time there
was), SubEthaSMTP's defaults (carried, above). Not searched in the time there was (judge62 had
one hour): gld, postfix-policyd-spf-perl, policyd-rate-limit, MailCleaner, Hermes SEG, EFA,
Scrollout F1, Xeams, Apache James beyond what is carried, Net::Server::Mail, salmon, samotop,
mailin, MailChannels' codes, Exim's other ACL defaults. Postfix's "Unable to look up mail
exchanger information" and "Try again later" were found but not composed (their codes depend
on the lookup's result), nor go-guerrilla's "Local part too long" (an address our relay would
never send).
``build.py`` writes them into ``manifest_published23.json``;
``test_published23_notices.py`` checks them.
"""

from __future__ import annotations

from build import Case
from build import case as _case
from build import delayed as _delay
from build import rcpt as r

# --- sources ---------------------------------------------------------------------------------

SMTPD_CHECK = (
    "postfix src/smtpd/smtpd_check.c (rhansen/postfix; the same format strings in Debian's"
    " postfix 3.7.11 /usr/lib/postfix/sbin/smtpd): check_rcpt_maps '<%s>: %s rejected: User"
    " unknown%s' with ' in relay recipient table' / ' in virtual alias table'"
    " (unknown_relay_recipient_reject_code, unknown_virtual_alias_reject_code = 550, 5.1.1)"
)
NON_FQDN = (
    "postfix src/smtpd/smtpd_check.c reject_non_fqdn_address: smtpd_check_reject(state,"
    ' MAIL_ERROR_POLICY, var_non_fqdn_code, "4.5.2", "<%s>: %s rejected: need'
    ' fully-qualified address", ...); postconf -d non_fqdn_reject_code = 504'
)
PIPELINING = (
    'postfix src/smtpd/smtpd_check.c reject_unauth_pipelining: 503, "5.5.0", "<%s>: %s'
    ' rejected: Improper use of SMTP command pipelining" (the reply_name and reply_class'
    " under smtpd_data_restrictions are 'DATA' and 'Data command')"
)
MULTI_BOUNCE = (
    "postfix src/smtpd/smtpd_check.c reject_multi_recipient_bounce ('<%s>: %s rejected:"
    " Multi-recipient bounce'; multi_recipient_bounce_reject_code = 550); a Postfix log line in"
    " the index: '550 5.5.3 <DATA>: Data command rejected: Multi-recipient bounce; from=<>'"
)
LOGIN = (
    "postfix src/smtpd/smtpd_check.c reject_auth_sender_login_mismatch /"
    " reject_unauth_sender_login_mismatch: '553 <%s>: Sender address rejected: not owned by"
    " user %s', '553 <%s>: Sender address rejected: not logged in' (5.7.1)"
)
VERIFY_SENDER = (
    "postfix src/smtpd/smtpd_check.c check_verify: '<%s>: %s rejected: unverified address:"
    " %.250s' under unverified_sender_defer_code/reject_code (450) and '<%s>: %s rejected:"
    " undeliverable address: %s' for a reject code of class 5 (set to 550 here: composed), the"
    " status SND_DSN (4.1.7) with the code's class; the text after it is the verify probe's"
    " delivery status for OUR sender address"
)
POLICYD_GREY = (
    "Policyd v2 (cluebringer) cbp/modules/Greylisting.pm (EHCP-Force-Edition copy and an"
    " earlier version in the index: PROTO_DEFER '451 4.7.1 Greylisting in effect, please come"
    " back later'; blacklist_message 'Greylisting in effect, sending server blacklisted' under"
    " PROTO_REJECT); cbp/protocols/Postfix.pm (action=<code> or REJECT/DEFER text)"
)
POLICYD_QUOTA = (
    "Policyd v2 (cluebringer) cbp/modules/Quotas.pm ('Policy rejection; Message count quota"
    " exceeded', 'Policy rejection; Cumulative message size quota exceeded' under the quota's"
    " REJECT or DEFER verdict); cbp/protocols/Postfix.pm; Postfix access(5): REJECT -> 554"
    " 5.7.1 (access_map_reject_code), DEFER -> 450 4.7.1 (defer_code)"
)
POLICYD_HELO = (
    "Policyd v2 (cluebringer) cbp/modules/CheckHelo.pm (PROTO_REJECT 'Invalid HELO/EHLO; Must"
    " be a FQDN or an address literal, not '...'', 'Invalid HELO/EHLO; Cannot resolve '...', no"
    " such domain', 'Invalid HELO/EHLO; Blacklisted', 'Invalid HELO/EHLO; HRP limit"
    " exceeded'); Postfix writes a policy REJECT as 554 5.7.1 <rcpt>: Recipient address"
    " rejected: text"
)
TUMGREYSPF = (
    "linsomniac/tumgreyspf tumgreyspf (greylistcheck: 'defer', 'Service unavailable,"
    " greylisted.' written as 'action=defer_if_permit %s'; blackholecheck: 'reject', 'Service"
    " unavailable, blackholed.'); Postfix: defer_if_permit -> 450 4.7.1, reject -> 554 5.7.1"
)
GUERRILLA = (
    "flashmob/go-guerrilla response/enhanced.go (Canned.ErrorRelayDenied 454 4.1.1 'Error:"
    " Relay access denied: ' + the domain, as its tests show '454 4.1.1 Error: Relay access"
    " denied: grr.la'; Canned.ErrorShutdown 421 4.3.0 'Server is shutting down. Please try"
    " again later. Sayonara!'; Canned.FailBackendTimeout 554 5.5.0 'Error: transaction"
    " timeout'; Canned.FailBackendNotRunning 554 5.5.0 'Transaction failed - backend not"
    " running ')"
)
EXIM_CALLOUT = (
    "Exim src/src/verify.c do_callout: 'Could not complete %s verify callout' (\"recipient\";"
    " yield DEFER: no host answered or a response other than 2xx or 5xx); the 451 is Exim's"
    " code for an ACL defer"
)

U = ("user_unknown",)
SENDER_ADDR = ("syntax_error", "rejected", "not_compliant_rfc", "policy_violation", "blocked")
PROTOCOL = ("not_compliant_rfc", "syntax_error", "rejected", "policy_violation", "undefined")
NULL_SENDER = ("policy_violation", "rejected", "not_compliant_rfc", "exceed_limit", "undefined")
AUTH = ("auth_failure", "security_error", "policy_violation", "rejected", "blocked")
SENDER_DEAD = ("rejected", "auth_failure", "policy_violation", "blocked", "syntax_error")
GREY = (
    "expired",
    "system_error",
    "blocked",
    "policy_violation",
    "rejected",
    "speeding",
    "undefined",
)
BLOCK = ("blocked", "bad_reputation", "rejected", "policy_violation", "spam_detected")
QUOTA = ("speeding", "exceed_limit", "policy_violation", "rejected", "blocked")
HELO = ("blocked", "require_ptr", "not_compliant_rfc", "policy_violation", "rejected")
NOT_SERVED = ("no_relaying", "rejected", "not_accept", "host_unknown", "undefined", "expired")
SHUTDOWN = ("system_error", "expired", "not_accept", "network_error", "undefined")
BACKEND = ("system_error", "mailer_error", "network_error", "undefined", "rejected")
TEMP = ("expired", "system_error", "network_error", "undefined", "rejected")

MX = "mx.empfaenger-beispiel.example"
POLICY_MX = "mail.kunde-policyd.example"
GUERRILLA_MX = "inbound.guerrilla-sample.example"
EXIM_MX = "mx2.callout-sample.example"
DATA = "end of DATA"
OUR_SENDER = "bounce+c3f1a9@bounces.shop.example"
OUR_MX = "mx.bounces.shop.example[198.51.100.7]"
PROBE_VIRTUAL = (
    f"host {OUR_MX} said: 550 5.1.1 <{OUR_SENDER}>: Recipient address rejected: User unknown"
    " in virtual mailbox table (in reply to RCPT TO command)"
)
PROBE_LOCAL = (
    f"host {OUR_MX} said: 550 5.1.1 <{OUR_SENDER}>: Recipient address rejected: User unknown"
    " in local recipient table (in reply to RCPT TO command)"
)


def _rcpt_rejected(address: str, code: str, text: str) -> str:
    """Postfix's reply for a check on the recipient: '<rcpt>: Recipient address rejected: x'."""
    return f"{code} <{address}>: Recipient address rejected: {text}"


PUBLISHED23_CASES: tuple[Case, ...] = (
    # --- Postfix smtpd_check.c ------------------------------------------------------------------
    _case(
        "postfix-relay-recipient-and-virtual-alias-unknown",
        "postfix",
        "en",
        "postfix-dsn",
        SMTPD_CHECK,
        r(
            "j.albers@empfaenger-beispiel.example",
            _rcpt_rejected(
                "j.albers@empfaenger-beispiel.example",
                "550 5.1.1",
                "User unknown in relay recipient table",
            ),
            "5.1.1",
            U,
            True,
            "recipient",
            remote=MX,
        ),
        r(
            "vertrieb-alt@empfaenger-beispiel.example",
            _rcpt_rejected(
                "vertrieb-alt@empfaenger-beispiel.example",
                "550 5.1.1",
                "User unknown in virtual alias table",
            ),
            "5.1.1",
            U,
            True,
            "recipient",
            remote=MX,
        ),
    ),
    _case(
        "postfix-relay-recipient-unknown-sendmail",
        "postfix",
        "en",
        "sendmail-dsn",
        SMTPD_CHECK,
        r(
            "m.ortega@destinatario-muestra.example",
            _rcpt_rejected(
                "m.ortega@destinatario-muestra.example",
                "550 5.1.1",
                "User unknown in relay recipient table",
            ),
            "5.1.1",
            U,
            True,
            "recipient",
            remote="mx1.destinatario-muestra.example",
        ),
    ),
    _case(
        "postfix-non-fqdn-sender-two",
        "postfix",
        "en",
        "postfix-dsn",
        NON_FQDN,
        r(
            "k.brandt@empfaenger-beispiel.example",
            "504 5.5.2 <bounces>: Sender address rejected: need fully-qualified address",
            "5.5.2",
            SENDER_ADDR,
            False,
            "sender",
            remote=MX,
        ),
        r(
            "l.weber@empfaenger-beispiel.example",
            "504 5.5.2 <bounces>: Sender address rejected: need fully-qualified address",
            "5.5.2",
            SENDER_ADDR,
            False,
            "sender",
            remote=MX,
        ),
    ),
    _case(
        "postfix-non-fqdn-sender-exim",
        "postfix",
        "en",
        "exim-text",
        NON_FQDN,
        r(
            "s.novak@prijemce-vzor.example",
            "504 5.5.2 <bounces>: Sender address rejected: need fully-qualified address",
            "",
            SENDER_ADDR,
            False,
            "sender",
            remote="mail.prijemce-vzor.example",
        ),
    ),
    _case(
        "postfix-unauth-pipelining-data",
        "postfix",
        "en",
        "postfix-dsn",
        PIPELINING,
        r(
            "m.roth@empfaenger-beispiel.example",
            "503 5.5.0 <DATA>: Data command rejected: Improper use of SMTP command pipelining",
            "5.5.0",
            PROTOCOL,
            False,
            "sender",
            remote=MX,
            stage="DATA",
        ),
        r(
            "n.vogel@empfaenger-beispiel.example",
            "503 5.5.0 <DATA>: Data command rejected: Improper use of SMTP command pipelining",
            "5.5.0",
            PROTOCOL,
            False,
            "sender",
            remote=MX,
            stage="DATA",
        ),
    ),
    _case(
        "postfix-multi-recipient-bounce",
        "postfix",
        "en",
        "postfix-dsn",
        MULTI_BOUNCE,
        r(
            "o.frank@empfaenger-beispiel.example",
            "550 5.5.3 <DATA>: Data command rejected: Multi-recipient bounce",
            "5.5.3",
            NULL_SENDER,
            False,
            "sender",
            remote=MX,
            stage="DATA",
        ),
        r(
            "p.lange@empfaenger-beispiel.example",
            "550 5.5.3 <DATA>: Data command rejected: Multi-recipient bounce",
            "5.5.3",
            NULL_SENDER,
            False,
            "sender",
            remote=MX,
            stage="DATA",
        ),
    ),
    _case(
        "postfix-sender-not-logged-in-sendmail",
        "postfix",
        "en",
        "sendmail-dsn",
        LOGIN,
        r(
            "q.hahn@empfaenger-beispiel.example",
            "553 5.7.1 <news@shop.example>: Sender address rejected: not logged in",
            "5.7.1",
            AUTH,
            False,
            "sender",
            remote=MX,
        ),
        r(
            "r.koch@empfaenger-beispiel.example",
            "553 5.7.1 <news@shop.example>: Sender address rejected: not logged in",
            "5.7.1",
            AUTH,
            False,
            "sender",
            remote=MX,
        ),
    ),
    _case(
        "postfix-sender-not-owned-by-user",
        "postfix",
        "en",
        "postfix-dsn",
        LOGIN,
        r(
            "s.bauer@empfaenger-beispiel.example",
            "553 5.7.1 <news@shop.example>: Sender address rejected: not owned by user"
            " relay-out@shop.example",
            "5.7.1",
            AUTH,
            False,
            "sender",
            remote="smtp.submission-beispiel.example",
        ),
    ),
    _case(
        "postfix-unverified-sender-delay",
        "postfix",
        "en",
        "postfix-dsn",
        VERIFY_SENDER,
        _delay(
            "t.wolf@empfaenger-beispiel.example",
            f"450 4.1.7 <{OUR_SENDER}>: Sender address rejected: unverified address: "
            + PROBE_VIRTUAL,
            "4.1.7",
            SENDER_DEAD,
            remote=MX,
        ),
    ),
    _case(
        "postfix-unverified-sender-expired-and-relay-unknown",
        "postfix",
        "en",
        "postfix-dsn",
        VERIFY_SENDER + "; " + SMTPD_CHECK,
        r(
            "u.berg@empfaenger-beispiel.example",
            f"450 4.1.7 <{OUR_SENDER}>: Sender address rejected: unverified address: "
            + PROBE_VIRTUAL,
            "4.1.7",
            (*SENDER_DEAD, "expired"),
            False,
            "sender|transient",
            remote=MX,
        ),
        r(
            "v.kraus@empfaenger-beispiel.example",
            _rcpt_rejected(
                "v.kraus@empfaenger-beispiel.example",
                "550 5.1.1",
                "User unknown in relay recipient table",
            ),
            "5.1.1",
            U,
            True,
            "recipient",
            remote=MX,
        ),
    ),
    _case(
        "postfix-undeliverable-sender",
        "postfix",
        "en",
        "postfix-dsn",
        VERIFY_SENDER,
        r(
            "w.haas@empfaenger-beispiel.example",
            f"550 5.1.7 <{OUR_SENDER}>: Sender address rejected: undeliverable address: "
            + PROBE_LOCAL,
            "5.1.7",
            SENDER_DEAD,
            False,
            "sender",
            remote=MX,
        ),
    ),
    # --- Policyd v2 (cluebringer) -------------------------------------------------------------
    _case(
        "policyd-greylisting-delay",
        "policyd",
        "en",
        "postfix-dsn",
        POLICYD_GREY,
        _delay(
            "a.silva@cliente-policyd.example",
            _rcpt_rejected(
                "a.silva@cliente-policyd.example",
                "451 4.7.1",
                "Greylisting in effect, please come back later",
            ),
            "4.7.1",
            GREY,
            remote=POLICY_MX,
        ),
    ),
    _case(
        "policyd-greylisting-delay-exim",
        "policyd",
        "en",
        "exim-delay-text",
        POLICYD_GREY,
        _delay(
            "b.costa@cliente-policyd.example",
            _rcpt_rejected(
                "b.costa@cliente-policyd.example",
                "451 4.7.1",
                "Greylisting in effect, please come back later",
            ),
            "",
            GREY,
            remote=POLICY_MX,
        ),
    ),
    _case(
        "policyd-greylisting-expired-and-relay-unknown",
        "policyd",
        "en",
        "postfix-dsn",
        POLICYD_GREY + "; " + SMTPD_CHECK,
        r(
            "c.rocha@cliente-policyd.example",
            _rcpt_rejected(
                "c.rocha@cliente-policyd.example",
                "451 4.7.1",
                "Greylisting in effect, please come back later",
            ),
            "4.7.1",
            GREY,
            False,
            "transient|undetermined",
            remote=POLICY_MX,
        ),
        r(
            "d.lima@cliente-policyd.example",
            _rcpt_rejected(
                "d.lima@cliente-policyd.example",
                "550 5.1.1",
                "User unknown in relay recipient table",
            ),
            "5.1.1",
            U,
            True,
            "recipient",
            remote=POLICY_MX,
        ),
    ),
    _case(
        "policyd-greylisting-sending-server-blacklisted",
        "policyd",
        "en",
        "postfix-dsn",
        POLICYD_GREY,
        r(
            "e.souza@cliente-policyd.example",
            _rcpt_rejected(
                "e.souza@cliente-policyd.example",
                "554 5.7.1",
                "Greylisting in effect, sending server blacklisted",
            ),
            "5.7.1",
            BLOCK,
            False,
            "sender",
            remote=POLICY_MX,
        ),
    ),
    _case(
        "policyd-message-count-quota-sendmail",
        "policyd",
        "en",
        "sendmail-dsn",
        POLICYD_QUOTA,
        r(
            "f.alves@cliente-policyd.example",
            _rcpt_rejected(
                "f.alves@cliente-policyd.example",
                "554 5.7.1",
                "Policy rejection; Message count quota exceeded",
            ),
            "5.7.1",
            QUOTA,
            False,
            "sender|undetermined",
            remote=POLICY_MX,
        ),
        r(
            "g.ramos@cliente-policyd.example",
            _rcpt_rejected(
                "g.ramos@cliente-policyd.example",
                "554 5.7.1",
                "Policy rejection; Message count quota exceeded",
            ),
            "5.7.1",
            QUOTA,
            False,
            "sender|undetermined",
            remote=POLICY_MX,
        ),
    ),
    _case(
        "policyd-size-quota-delay",
        "policyd",
        "en",
        "postfix-dsn",
        POLICYD_QUOTA,
        _delay(
            "h.pinto@cliente-policyd.example",
            _rcpt_rejected(
                "h.pinto@cliente-policyd.example",
                "450 4.7.1",
                "Policy rejection; Cumulative message size quota exceeded",
            ),
            "4.7.1",
            (*QUOTA, "expired"),
            remote=POLICY_MX,
        ),
    ),
    _case(
        "policyd-message-count-quota-expired",
        "policyd",
        "en",
        "postfix-dsn",
        POLICYD_QUOTA,
        r(
            "i.matos@cliente-policyd.example",
            _rcpt_rejected(
                "i.matos@cliente-policyd.example",
                "450 4.7.1",
                "Policy rejection; Message count quota exceeded",
            ),
            "4.7.1",
            (*QUOTA, "expired"),
            False,
            "sender|transient|undetermined",
            remote=POLICY_MX,
        ),
    ),
    _case(
        "policyd-helo-not-fqdn",
        "policyd",
        "en",
        "postfix-dsn",
        POLICYD_HELO,
        r(
            "j.faria@cliente-policyd.example",
            _rcpt_rejected(
                "j.faria@cliente-policyd.example",
                "554 5.7.1",
                "Invalid HELO/EHLO; Must be a FQDN or an address literal, not 'relay01'",
            ),
            "5.7.1",
            HELO,
            False,
            "sender",
            remote=POLICY_MX,
        ),
    ),
    _case(
        "policyd-helo-no-such-domain-exim",
        "policyd",
        "en",
        "exim-text",
        POLICYD_HELO,
        r(
            "k.nunes@cliente-policyd.example",
            _rcpt_rejected(
                "k.nunes@cliente-policyd.example",
                "554 5.7.1",
                "Invalid HELO/EHLO; Cannot resolve 'mta1.relay.example', no such domain",
            ),
            "",
            HELO,
            False,
            "sender",
            remote=POLICY_MX,
        ),
    ),
    _case(
        "policyd-helo-hrp-and-blacklisted",
        "policyd",
        "en",
        "postfix-dsn",
        POLICYD_HELO,
        r(
            "l.teixeira@cliente-policyd.example",
            _rcpt_rejected(
                "l.teixeira@cliente-policyd.example",
                "554 5.7.1",
                "Invalid HELO/EHLO; HRP limit exceeded",
            ),
            "5.7.1",
            HELO,
            False,
            "sender",
            remote=POLICY_MX,
        ),
        r(
            "m.cardoso@cliente-policyd.example",
            _rcpt_rejected(
                "m.cardoso@cliente-policyd.example", "554 5.7.1", "Invalid HELO/EHLO; Blacklisted"
            ),
            "5.7.1",
            HELO,
            False,
            "sender",
            remote=POLICY_MX,
        ),
    ),
    # --- tumgreyspf -----------------------------------------------------------------------------
    _case(
        "tumgreyspf-greylisted-delay",
        "tumgreyspf",
        "en",
        "postfix-dsn",
        TUMGREYSPF,
        _delay(
            "n.fischer@tumgrey-sample.example",
            _rcpt_rejected(
                "n.fischer@tumgrey-sample.example",
                "450 4.7.1",
                "Service unavailable, greylisted.",
            ),
            "4.7.1",
            GREY,
            remote="mail.tumgrey-sample.example",
        ),
    ),
    _case(
        "tumgreyspf-greylisted-expired",
        "tumgreyspf",
        "en",
        "postfix-dsn",
        TUMGREYSPF,
        r(
            "o.schulz@tumgrey-sample.example",
            _rcpt_rejected(
                "o.schulz@tumgrey-sample.example",
                "450 4.7.1",
                "Service unavailable, greylisted.",
            ),
            "4.7.1",
            GREY,
            False,
            "transient|undetermined",
            remote="mail.tumgrey-sample.example",
        ),
    ),
    _case(
        "tumgreyspf-blackholed-sendmail",
        "tumgreyspf",
        "en",
        "sendmail-dsn",
        TUMGREYSPF,
        r(
            "p.schmitt@tumgrey-sample.example",
            _rcpt_rejected(
                "p.schmitt@tumgrey-sample.example",
                "554 5.7.1",
                "Service unavailable, blackholed.",
            ),
            "5.7.1",
            BLOCK,
            False,
            "sender",
            remote="mail.tumgrey-sample.example",
        ),
    ),
    # --- go-guerrilla ---------------------------------------------------------------------------
    _case(
        "guerrilla-relay-denied-expired",
        "go-guerrilla",
        "en",
        "postfix-dsn",
        GUERRILLA,
        r(
            "info@guerrilla-sample.example",
            "454 4.1.1 Error: Relay access denied: guerrilla-sample.example",
            "4.1.1",
            NOT_SERVED,
            False,
            "recipient|undetermined|transient",
            remote=GUERRILLA_MX,
        ),
    ),
    _case(
        "guerrilla-relay-denied-delay-exim",
        "go-guerrilla",
        "en",
        "exim-delay-text",
        GUERRILLA,
        _delay(
            "support@guerrilla-sample.example",
            "454 4.1.1 Error: Relay access denied: guerrilla-sample.example",
            "",
            NOT_SERVED,
            remote=GUERRILLA_MX,
        ),
    ),
    _case(
        "guerrilla-shutting-down-delay",
        "go-guerrilla",
        "en",
        "postfix-dsn",
        GUERRILLA,
        _delay(
            "sales@guerrilla-sample.example",
            "421 4.3.0 Server is shutting down. Please try again later. Sayonara!",
            "4.3.0",
            SHUTDOWN,
            remote=GUERRILLA_MX,
        ),
    ),
    _case(
        "guerrilla-transaction-timeout",
        "go-guerrilla",
        "en",
        "postfix-dsn",
        GUERRILLA,
        r(
            "billing@guerrilla-sample.example",
            "554 5.5.0 Error: transaction timeout",
            "5.5.0",
            BACKEND,
            False,
            "recipient|undetermined|transient",
            remote=GUERRILLA_MX,
            stage=DATA,
        ),
    ),
    _case(
        "guerrilla-backend-not-running-sendmail",
        "go-guerrilla",
        "en",
        "sendmail-dsn",
        GUERRILLA,
        r(
            "orders@guerrilla-sample.example",
            "554 5.5.0 Transaction failed - backend not running",
            "5.5.0",
            BACKEND,
            False,
            "recipient|undetermined|transient",
            remote=GUERRILLA_MX,
            stage="DATA",
        ),
    ),
    # --- Exim: a recipient callout that could not complete -----------------------------------------
    _case(
        "exim-recipient-callout-delay",
        "exim",
        "en",
        "postfix-dsn",
        EXIM_CALLOUT,
        _delay(
            "q.lehmann@callout-sample.example",
            "451 Could not complete recipient verify callout",
            "4.0.0",
            TEMP,
            remote=EXIM_MX,
        ),
    ),
    _case(
        "exim-recipient-callout-expired-and-unknown",
        "exim",
        "en",
        "postfix-dsn",
        EXIM_CALLOUT + "; " + SMTPD_CHECK,
        r(
            "r.keller@callout-sample.example",
            "451 Could not complete recipient verify callout",
            "4.0.0",
            TEMP,
            False,
            "transient|undetermined",
            remote=EXIM_MX,
        ),
        r(
            "s.huber@empfaenger-beispiel.example",
            _rcpt_rejected(
                "s.huber@empfaenger-beispiel.example",
                "550 5.1.1",
                "User unknown in virtual alias table",
            ),
            "5.1.1",
            U,
            True,
            "recipient",
            remote=MX,
        ),
    ),
)
