"""Exim's own SMTP replies and Debian's default ACL texts, Apache James's handlers, gld, Postfix's
policy-server failure, postfix-policyd-spf-perl's deferral and Net::Server::Mail's default
refusal, from their source code and packages, twenty-fourth batch (issue #14, judge63), each
wrapped in the notice the side that writes it would send.

Composed and scored before any rule was written for them. Every name and text was grepped in
``bounce_parser/data/phrases/`` and ``tests/bounce_parser/composed/*.py`` first and dropped
where it was already carried: Exim's "Too many concurrent SMTP connections", "too many
recipients", "Temporary local problem - please try later", "Message size exceeds maximum
permitted", "SMTP service not available", "an MX or SRV record indicated no SMTP service", "all
relevant MX records point to non-existent hosts", "relay not permitted", "Sender verification
failed", "is locally blacklisted here", "[SPF] ... is not allowed to send mail from", "is in a
black list at"; Haraka's limit "Too many recipients", "Too many concurrent connections" and
its fcrdns texts (en_generic.toml); Mail::SPF's "Please see http://www.openspf.org/Why?..."
(published15). What is left:

- Exim's ``src/src/smtp_in.c`` and ``src/src/receive.c`` (the Exim/exim repository in the index;
  the same format strings in Debian's exim4-daemon-light 4.96 ``/usr/sbin/exim4``, read with
  ``strings``): "554 SMTP synchronization error" (our client wrote before the reply it had to
  wait for), "554 Too many nonmail commands" (smtp_notquit_exit "bad-commands"), "421 %s: Too
  much load; please try again later" (smtp_load_reserve, at the greeting), "421 too many
  messages in this connection" (smtp_accept_max_per_connection, in reply to MAIL), "452 Space
  shortage, please try later" (its spool's free space, in reply to MAIL), "451 Error while
  writing spool file" (after DATA), "552 A message header line is too long", "552 Message header
  is ridiculously long", "552 Message header not CRLF terminated" (receive.c, our message's
  header), '550 Too many "Received" headers - suspected mail loop' (received_headers_max),
  "501 Syntactically invalid %s argument(s)" (our EHLO name);
- Debian's exim4-config 4.96-15+deb12u11 (``conf.d/acl/30_exim4-config_check_rcpt`` and
  ``40_exim4-config_check_data``; the same template in the index): "restricted characters in
  address" (CHECK_RCPT_REMOTE_LOCALPARTS / LOCAL_LOCALPARTS: ``^.*[@%!`#&?]`` and more),
  "Rejected for too many bad recipients" (more than 10 RCPT with fewer than half accepted),
  "Temporary DNS error while checking SPF record.  Try again later." (a defer: spfquery's
  result 5), "maximum allowed line length is 998 octets, got $max_received_linelength",
  "header syntax" (verify = header_syntax), "No verifiable sender address in message headers"
  (verify = header_sender); Exim writes an ACL deny as 550 and a defer as 451, no enhanced code;
- Apache James (apache/james-project: GreylistHandler "451 4.4.3 Temporary rejected: Reconnect
  to fast. Please try again later" and "... Temporary rejected: Please try again later"
  (LOCAL_ERROR, DSNStatus TRANSIENT NETWORK_DIR_SERVER), MaxRcptHandler / James 2.3's
  RcptCmdHandler "452 4.5.3 Requested action not taken: max recipients reached", DNSRBLHandler /
  James 2.3's RcptCmdHandler "530 5.7.1 Rejected: unauthenticated e-mail from <ip> is
  restricted.  Contact the postmaster for details." (our IP on its DNSBL; the same text in
  Mireka's RefuseBlacklistedRecipient, 530 5.7.1));
- gld (himred/gld ``gld.conf``: its reply is "action=defer_if_permit <MESSAGE>", MESSAGE's
  default "Greylisted", the sample's "Greylisting in action, please try later"; Postfix writes
  defer_if_permit as 450 4.7.1, access(5)) and Postfix's own reply when the policy server fails
  (gld.conf ERRACCEPT: "postfix will return a 450 Server configuration error"; the text in
  Debian's postfix 3.7.11 ``/usr/lib/postfix/sbin/smtpd``: "451 4.3.5 Server configuration
  problem");
- postfix-policyd-spf-perl (its source in the index: "DEFER_IF_PERMIT SPF-Result=$local_exp"
  on a temperror) with Mail::SPF's DNS error text "'SERVFAIL' error on DNS 'SPF' lookup of
  '<domain>'", as a Postfix log line in the index shows the whole reply ("450 4.7.1 <...>:
  Sender address rejected: SPF-Result=example.com: 'SERVFAIL' error on DNS 'SPF' lookup of
  'example.com'"): our sender domain's SPF lookup failed for now;
- Perl's Net::Server::Mail::SMTP (its source in the index: the MAIL and RCPT events'
  failure_reply [550, 'Failure'], what a server built on it answers when its callback refuses
  an address without a text of its own).

The notices: our Postfix's bounce(8) notices and delay warnings (``postfix-dsn``), its final
notice for a greeting refused until the queue lifetime ended (``postfix-suspended``,
published17's form), Exim's plain notice and delay warning, Sendmail's notice quoting the remote
reply. Addresses, hosts and IPs are composed.

The labelling rule, written before the first score:

- the label is the source's meaning of the words (the check that writes them, as its source,
  its configuration's comments and its manual say), then RFC 3463 and RFC 5321, never what the
  parser says;
- a dead address (suppress) only where the words say the mailbox does not exist at the
  destination; none of these texts does. "restricted characters in address" refuses the form
  of the local part (characters RFC 5322 allows, refused by the destination's policy): the
  recipient's, not suppressed; Net::Server::Mail's bare "Failure" names no cause:
  recipient|undetermined, not suppressed;
- a refusal of OUR side is the sender's and never suppresses: our client's protocol (an early
  write, non-mail commands, our EHLO argument), our message (its line length, its header's
  size, syntax and line ends, no verifiable sender in its headers), our IP on a DNSBL (James),
  our session's share of bad recipients (Debian's "Rejected for too many bad recipients": the
  address it is written for may well exist);
- a destination's own condition (its load, its spool's space, its spool write, its per-session
  message limit, its policy server failing) is transient: never suppressed; in a notice that
  says it keeps trying it is a delay; still standing at the end of the queue lifetime it is an
  expiry (or its cause): transient|undetermined;
- greylisting (gld, James) is never suppressed, a delay while retried, an expiry at the end;
  James's "max recipients reached" is a per-transaction limit: a delay, never suppressed;
- an SPF lookup of our sender domain that failed for now is transient or ours
  (transient|sender);
- '550 Too many "Received" headers - suspected mail loop' is a loop between the destination's
  hosts or forwarding (the message had passed too many hops): never suppressed,
  recipient|undetermined;
- the status is the one the notice states (Postfix and Sendmail: the reply's enhanced code,
  or 4.0.0 / 5.0.0 for a bare one; Exim's plain notices state none, so those stay
  unlabelled).

Searched and left out: Exim's "nice hosts say HELO first" (only in a later exim4-config than
Debian 12's), "533 no support for internationalised mailbox name" and "451 Cannot resolve <%s>
at this time" (their context not read in the time there was); Haraka's limit "Too many errors"
and "Too many unrecognized commands" and bounce.js's texts (a null sender's, never our relay's
mail); postfix-policyd-spf-perl's "550 <authority explanation>" (Mail::SPF's "Please see ...",
carried); MailCleaner, Hermes SEG, EFA, Scrollout F1, Xeams, salmon, samotop, mailin, Stalwart
beyond what is carried and MailChannels' codes (not reached in the time there was).
``build.py`` writes them into ``manifest_published24.json``;
``test_published24_notices.py`` checks them.
"""

from __future__ import annotations

from build import Case
from build import case as _case
from build import delayed as _delay
from build import rcpt as r

# --- sources ---------------------------------------------------------------------------------

EXIM_SMTP_IN = (
    "Exim src/src/smtp_in.c (Exim/exim; the same strings in Debian's exim4-daemon-light 4.96"
    " /usr/sbin/exim4): '554 SMTP synchronization error' (check_sync: input before the reply"
    ' it had to wait for), smtp_notquit_exit("bad-commands", "554", "Too many nonmail'
    " commands\"), '421 %s: Too much load; please try again later' (smtp_load_reserve), '421"
    " too many messages in this connection' (smtp_accept_max_per_connection), '501"
    " Syntactically invalid %s argument(s)' (HELO/EHLO)"
)
EXIM_RECEIVE = (
    "Exim src/src/receive.c and smtp_in.c (Debian's exim4-daemon-light 4.96 /usr/sbin/exim4):"
    " '452 Space shortage, please try later' (spool space, at MAIL), '451 Error while writing"
    " spool file', '552 A message header line is too long' (header_line_maxsize), '552 Message"
    " header is ridiculously long' (header_maxsize), '552 Message header not CRLF terminated',"
    " '550 Too many \"Received\" headers - suspected mail loop' (received_headers_max)"
)
DEBIAN_RCPT = (
    "Debian exim4-config 4.96-15+deb12u11 conf.d/acl/30_exim4-config_check_rcpt ('message ="
    " restricted characters in address' for CHECK_RCPT_REMOTE_LOCALPARTS / LOCAL_LOCALPARTS,"
    " 'message = Rejected for too many bad recipients' when rcpt_count > 10 and fewer than half"
    " accepted, defer 'message = Temporary DNS error while checking SPF record.  Try again"
    " later.'); Exim writes an ACL deny as 550, a defer as 451"
)
DEBIAN_DATA = (
    "Debian exim4-config 4.96-15+deb12u11 conf.d/acl/40_exim4-config_check_data ('message ="
    " maximum allowed line length is 998 octets, got $max_received_linelength', '!verify ="
    " header_syntax message = header syntax', '!verify = header_sender message = No verifiable"
    " sender address in message headers'); an ACL deny after DATA is 550"
)
JAMES_GREY = (
    "apache/james-project GreylistHandler.java (HookReturnCode DENYSOFT, SMTPRetCode.LOCAL_ERROR"
    " 451, DSNStatus.getStatus(TRANSIENT, NETWORK_DIR_SERVER) 4.4.3, ' Temporary rejected:"
    " Reconnect to fast. Please try again later' and ' Temporary rejected: Please try again"
    " later')"
)
JAMES_MAX_RCPT = (
    "apache/james-project MaxRcptHandler / James 2.3 RcptCmdHandler ('452 ' +"
    " DSNStatus.getStatus(NETWORK, DELIVERY_TOO_MANY_REC) + ' Requested action not taken: max"
    " recipients reached', 4.5.3)"
)
JAMES_RBL = (
    "apache/james-project DNSRBLHandler / James 2.3 RcptCmdHandler ('530 ' +"
    " DSNStatus.getStatus(PERMANENT, SECURITY_AUTH) + ' Rejected: unauthenticated e-mail from '"
    " + remote IP + ' is restricted.  Contact the postmaster for details.'); Mireka"
    " RefuseBlacklistedRecipient (530, 5.7.1, the same text): the client IP on a DNSBL"
)
GLD = (
    "himred/gld gld.conf (MESSAGE: 'The Message that We display in case of reject (default is"
    " \"Greylisted\")', the sample's 'Greylisting in action, please try later'; sent as"
    " defer_if_permit); Postfix access(5): DEFER_IF_PERMIT -> 450 4.7.1"
)
POLICY_FAIL = (
    "himred/gld gld.conf ERRACCEPT ('the server is supposed to close the connection and thus"
    " postfix will return a 450 Server configuration error'); Debian's postfix 3.7.11"
    " /usr/lib/postfix/sbin/smtpd ('451 4.3.5 Server configuration problem', the policy"
    " server's failure)"
)
SPF_PERL = (
    "postfix-policyd-spf-perl (its source in the index: temperror -> 'DEFER_IF_PERMIT"
    " SPF-Result=$local_exp'); Mail::SPF's DNS error \"'SERVFAIL' error on DNS 'SPF' lookup of"
    " '<domain>'\"; a Postfix log line in the index: '450 4.7.1 <...>: Sender address rejected:"
    " SPF-Result=example.com: 'SERVFAIL' error on DNS 'SPF' lookup of 'example.com''"
)
NET_SERVER_MAIL = (
    "Net::Server::Mail::SMTP (CPAN; its source in the index): the MAIL and RCPT events'"
    " failure_reply => [550, 'Failure'], written when the server's callback refuses without a"
    " text of its own"
)

PROTOCOL = ("not_compliant_rfc", "syntax_error", "rejected", "policy_violation", "undefined")
MESSAGE_FORM = (
    "not_compliant_rfc",
    "content_error",
    "mesg_too_big",
    "syntax_error",
    "rejected",
    "policy_violation",
)
HEADER_SIZE = (
    "mesg_too_big",
    "content_error",
    "not_compliant_rfc",
    "exceed_limit",
    "rejected",
    "policy_violation",
)
HEADER_SENDER = (
    "rejected",
    "not_compliant_rfc",
    "content_error",
    "policy_violation",
    "syntax_error",
    "auth_failure",
)
RESTRICTED = ("syntax_error", "rejected", "policy_violation", "not_accept", "undefined")
BAD_RCPTS = (
    "rejected",
    "policy_violation",
    "bad_reputation",
    "blocked",
    "exceed_limit",
    "speeding",
)
LOAD = ("system_error", "too_many_conn", "expired", "speeding", "network_error", "undefined")
PER_CONN = ("too_many_conn", "speeding", "exceed_limit", "system_error", "expired", "undefined")
SPOOL = ("system_full", "system_error", "expired", "mailer_error", "undefined")
LOOP = ("mailer_error", "content_error", "system_error", "rejected", "undefined")
GREY = (
    "expired",
    "system_error",
    "blocked",
    "policy_violation",
    "rejected",
    "speeding",
    "undefined",
)
MAX_RCPT = ("exceed_limit", "too_many_conn", "speeding", "system_error", "rejected", "undefined")
BLOCK = ("blocked", "bad_reputation", "rejected", "policy_violation", "spam_detected")
POLICY_DOWN = ("system_error", "expired", "mailer_error", "network_error", "undefined")
SPF_TEMP = (
    "system_error",
    "expired",
    "network_error",
    "auth_failure",
    "policy_violation",
    "undefined",
)
GENERIC = ("rejected", "undefined", "policy_violation", "system_error")

EXIM_MX = "mx.empfaenger-exim.example"
DEBIAN_MX = "mail.debian-kunde.example"
JAMES_MX = "james.destinataire-exemple.example"
GLD_MX = "mx1.gld-client.example"
PERL_MX = "smtp.perl-receiver.example"
OUR_IP = "198.51.100.7"
OUR_DOMAIN = "bounces.shop.example"
OUR_SENDER = "bounce+c3f1a9@bounces.shop.example"


def _rcpt_rejected(address: str, code: str, text: str) -> str:
    """Postfix's reply for a check on the recipient: '<rcpt>: Recipient address rejected: x'."""
    return f"{code} <{address}>: Recipient address rejected: {text}"


SYNC = "554 SMTP synchronization error"
NONMAIL = "554 Too many nonmail commands"
LOADED = f"421 {EXIM_MX}: Too much load; please try again later"
PER_CONNECTION = "421 too many messages in this connection"
SPACE = "452 Space shortage, please try later"
SPOOL_WRITE = "451 Error while writing spool file"
HEADER_LINE = "552 A message header line is too long"
HEADER_LONG = "552 Message header is ridiculously long"
HEADER_CRLF = "552 Message header not CRLF terminated"
RECEIVED = '550 Too many "Received" headers - suspected mail loop'
EHLO = "501 Syntactically invalid EHLO argument(s)"
RESTRICTED_TEXT = "550 restricted characters in address"
BAD_RCPTS_TEXT = "550 Rejected for too many bad recipients"
SPF_DNS = "451 Temporary DNS error while checking SPF record.  Try again later."
LINE_LENGTH = "550 maximum allowed line length is 998 octets, got 1203"
HEADER_SYNTAX = "550 header syntax"
NO_HEADER_SENDER = "550 No verifiable sender address in message headers"
JAMES_TOO_FAST = "451 4.4.3 Temporary rejected: Reconnect to fast. Please try again later"
JAMES_FIRST = "451 4.4.3 Temporary rejected: Please try again later"
JAMES_MAX = "452 4.5.3 Requested action not taken: max recipients reached"
JAMES_UNAUTH = (
    f"530 5.7.1 Rejected: unauthenticated e-mail from {OUR_IP} is restricted.  Contact the"
    " postmaster for details."
)
POLICY_PROBLEM = "451 4.3.5 Server configuration problem"
SPF_SERVFAIL = (
    f"450 4.7.1 <{OUR_SENDER}>: Sender address rejected: SPF-Result={OUR_DOMAIN}: 'SERVFAIL'"
    f" error on DNS 'SPF' lookup of '{OUR_DOMAIN}'"
)
FAILURE = "550 Failure"


PUBLISHED24_CASES: tuple[Case, ...] = (
    # --- Exim smtp_in.c / receive.c ------------------------------------------------------------
    _case(
        "exim-smtp-synchronization-error",
        "exim",
        "en",
        "postfix-dsn",
        EXIM_SMTP_IN,
        r(
            "a.brenner@empfaenger-exim.example",
            SYNC,
            "5.0.0",
            PROTOCOL,
            False,
            "sender",
            remote=EXIM_MX,
            stage="MAIL FROM",
        ),
        r(
            "b.claussen@empfaenger-exim.example",
            SYNC,
            "5.0.0",
            PROTOCOL,
            False,
            "sender",
            remote=EXIM_MX,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "exim-smtp-synchronization-error-exim",
        "exim",
        "en",
        "exim-text",
        EXIM_SMTP_IN,
        r(
            "c.dietz@empfaenger-exim.example",
            SYNC,
            "",
            PROTOCOL,
            False,
            "sender",
            remote=EXIM_MX,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "exim-too-many-nonmail-commands-sendmail",
        "exim",
        "en",
        "sendmail-dsn",
        EXIM_SMTP_IN,
        r(
            "d.engel@empfaenger-exim.example",
            NONMAIL,
            "5.0.0",
            PROTOCOL,
            False,
            "sender",
            remote=EXIM_MX,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "exim-syntactically-invalid-ehlo",
        "exim",
        "en",
        "postfix-dsn",
        EXIM_SMTP_IN,
        r(
            "e.fuchs@empfaenger-exim.example",
            EHLO,
            "5.0.0",
            PROTOCOL,
            False,
            "sender",
            remote=EXIM_MX,
            stage="EHLO",
        ),
    ),
    _case(
        "exim-too-much-load-expired",
        "exim",
        "en",
        "postfix-suspended",
        EXIM_SMTP_IN,
        r(
            "f.gross@empfaenger-exim.example",
            LOADED,
            "4.0.0",
            LOAD,
            False,
            "transient|undetermined",
            remote=EXIM_MX,
        ),
        r(
            "g.horn@empfaenger-exim.example",
            LOADED,
            "4.0.0",
            LOAD,
            False,
            "transient|undetermined",
            remote=EXIM_MX,
        ),
    ),
    _case(
        "exim-too-many-messages-per-connection-delay",
        "exim",
        "en",
        "postfix-dsn",
        EXIM_SMTP_IN,
        _delay(
            "h.jung@empfaenger-exim.example",
            PER_CONNECTION,
            "4.0.0",
            PER_CONN,
            remote=EXIM_MX,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "exim-spool-space-shortage-delay",
        "exim",
        "en",
        "exim-delay-text",
        EXIM_RECEIVE,
        _delay(
            "i.kraft@empfaenger-exim.example", SPACE, "", SPOOL, remote=EXIM_MX, stage="MAIL FROM"
        ),
    ),
    _case(
        "exim-space-shortage-expired-and-restricted",
        "exim",
        "en",
        "postfix-dsn",
        EXIM_RECEIVE + "; " + DEBIAN_RCPT,
        r(
            "j.lorenz@empfaenger-exim.example",
            SPACE,
            "4.0.0",
            SPOOL,
            False,
            "transient|undetermined",
            remote=EXIM_MX,
            stage="MAIL FROM",
        ),
        r(
            "k.mayer&team@debian-kunde.example",
            RESTRICTED_TEXT,
            "5.0.0",
            RESTRICTED,
            False,
            "recipient",
            remote=DEBIAN_MX,
        ),
    ),
    _case(
        "exim-spool-write-error-delay",
        "exim",
        "en",
        "postfix-dsn",
        EXIM_RECEIVE,
        _delay(
            "l.neumann@empfaenger-exim.example",
            SPOOL_WRITE,
            "4.0.0",
            SPOOL,
            remote=EXIM_MX,
            stage="end of DATA",
        ),
        _delay(
            "m.otto@empfaenger-exim.example",
            SPOOL_WRITE,
            "4.0.0",
            SPOOL,
            remote=EXIM_MX,
            stage="end of DATA",
        ),
    ),
    _case(
        "exim-header-line-too-long",
        "exim",
        "en",
        "postfix-dsn",
        EXIM_RECEIVE,
        r(
            "n.pohl@empfaenger-exim.example",
            HEADER_LINE,
            "5.0.0",
            HEADER_SIZE,
            False,
            "sender",
            remote=EXIM_MX,
            stage="end of DATA",
        ),
    ),
    _case(
        "exim-header-ridiculously-long-exim",
        "exim",
        "en",
        "exim-text",
        EXIM_RECEIVE,
        r(
            "o.quast@empfaenger-exim.example",
            HEADER_LONG,
            "",
            HEADER_SIZE,
            False,
            "sender",
            remote=EXIM_MX,
            stage="DATA",
        ),
    ),
    _case(
        "exim-header-not-crlf-sendmail",
        "exim",
        "en",
        "sendmail-dsn",
        EXIM_RECEIVE,
        r(
            "p.ritter@empfaenger-exim.example",
            HEADER_CRLF,
            "5.0.0",
            MESSAGE_FORM,
            False,
            "sender",
            remote=EXIM_MX,
            stage="DATA",
        ),
        r(
            "q.sauer@empfaenger-exim.example",
            HEADER_CRLF,
            "5.0.0",
            MESSAGE_FORM,
            False,
            "sender",
            remote=EXIM_MX,
            stage="DATA",
        ),
    ),
    _case(
        "exim-too-many-received-headers",
        "exim",
        "en",
        "postfix-dsn",
        EXIM_RECEIVE,
        r(
            "r.thiel@empfaenger-exim.example",
            RECEIVED,
            "5.0.0",
            LOOP,
            False,
            "recipient|undetermined",
            remote=EXIM_MX,
            stage="end of DATA",
        ),
    ),
    # --- Debian's exim4-config ACLs -------------------------------------------------------------
    _case(
        "debian-exim-restricted-characters-two",
        "exim",
        "en",
        "postfix-dsn",
        DEBIAN_RCPT,
        r(
            "vertrieb#nord@debian-kunde.example",
            RESTRICTED_TEXT,
            "5.0.0",
            RESTRICTED,
            False,
            "recipient",
            remote=DEBIAN_MX,
        ),
        r(
            "info?sales@debian-kunde.example",
            RESTRICTED_TEXT,
            "5.0.0",
            RESTRICTED,
            False,
            "recipient",
            remote=DEBIAN_MX,
        ),
    ),
    _case(
        "debian-exim-restricted-characters-exim",
        "exim",
        "en",
        "exim-text",
        DEBIAN_RCPT,
        r(
            "news!team@debian-kunde.example",
            RESTRICTED_TEXT,
            "",
            RESTRICTED,
            False,
            "recipient",
            remote=DEBIAN_MX,
        ),
    ),
    _case(
        "debian-exim-too-many-bad-recipients",
        "exim",
        "en",
        "postfix-dsn",
        DEBIAN_RCPT,
        r(
            "u.vogt@debian-kunde.example",
            BAD_RCPTS_TEXT,
            "5.0.0",
            BAD_RCPTS,
            False,
            "sender",
            remote=DEBIAN_MX,
        ),
        r(
            "v.wagner@debian-kunde.example",
            BAD_RCPTS_TEXT,
            "5.0.0",
            BAD_RCPTS,
            False,
            "sender",
            remote=DEBIAN_MX,
        ),
        r(
            "w.zimmer@debian-kunde.example",
            BAD_RCPTS_TEXT,
            "5.0.0",
            BAD_RCPTS,
            False,
            "sender",
            remote=DEBIAN_MX,
        ),
    ),
    _case(
        "debian-exim-too-many-bad-recipients-sendmail",
        "exim",
        "en",
        "sendmail-dsn",
        DEBIAN_RCPT,
        r(
            "x.albrecht@debian-kunde.example",
            BAD_RCPTS_TEXT,
            "5.0.0",
            BAD_RCPTS,
            False,
            "sender",
            remote=DEBIAN_MX,
        ),
    ),
    _case(
        "debian-exim-spf-dns-error-delay",
        "exim",
        "en",
        "exim-delay-text",
        DEBIAN_RCPT,
        _delay("y.becker@debian-kunde.example", SPF_DNS, "", SPF_TEMP, remote=DEBIAN_MX),
    ),
    _case(
        "debian-exim-spf-dns-error-expired",
        "exim",
        "en",
        "postfix-dsn",
        DEBIAN_RCPT,
        r(
            "z.conrad@debian-kunde.example",
            SPF_DNS,
            "4.0.0",
            SPF_TEMP,
            False,
            "transient|sender|undetermined",
            remote=DEBIAN_MX,
        ),
    ),
    _case(
        "debian-exim-line-length",
        "exim",
        "en",
        "postfix-dsn",
        DEBIAN_DATA,
        r(
            "a.dorn@debian-kunde.example",
            LINE_LENGTH,
            "5.0.0",
            MESSAGE_FORM,
            False,
            "sender",
            remote=DEBIAN_MX,
            stage="end of DATA",
        ),
        r(
            "b.ebert@debian-kunde.example",
            LINE_LENGTH,
            "5.0.0",
            MESSAGE_FORM,
            False,
            "sender",
            remote=DEBIAN_MX,
            stage="end of DATA",
        ),
    ),
    _case(
        "debian-exim-header-syntax-exim",
        "exim",
        "en",
        "exim-text",
        DEBIAN_DATA,
        r(
            "c.falk@debian-kunde.example",
            HEADER_SYNTAX,
            "",
            MESSAGE_FORM,
            False,
            "sender",
            remote=DEBIAN_MX,
            stage="DATA",
        ),
    ),
    _case(
        "debian-exim-header-syntax",
        "exim",
        "en",
        "postfix-dsn",
        DEBIAN_DATA,
        r(
            "d.graf@debian-kunde.example",
            HEADER_SYNTAX,
            "5.0.0",
            MESSAGE_FORM,
            False,
            "sender",
            remote=DEBIAN_MX,
            stage="end of DATA",
        ),
    ),
    _case(
        "debian-exim-no-verifiable-header-sender",
        "exim",
        "en",
        "postfix-dsn",
        DEBIAN_DATA,
        r(
            "e.haas@debian-kunde.example",
            NO_HEADER_SENDER,
            "5.0.0",
            HEADER_SENDER,
            False,
            "sender",
            remote=DEBIAN_MX,
            stage="end of DATA",
        ),
    ),
    # --- Apache James ------------------------------------------------------------------------
    _case(
        "james-greylist-first-delay",
        "james",
        "en",
        "postfix-dsn",
        JAMES_GREY,
        _delay(
            "f.lefevre@destinataire-exemple.example", JAMES_FIRST, "4.4.3", GREY, remote=JAMES_MX
        ),
    ),
    _case(
        "james-greylist-too-fast-delay-exim",
        "james",
        "en",
        "exim-delay-text",
        JAMES_GREY,
        _delay("g.mercier@destinataire-exemple.example", JAMES_TOO_FAST, "", GREY, remote=JAMES_MX),
    ),
    _case(
        "james-greylist-expired-two",
        "james",
        "en",
        "postfix-dsn",
        JAMES_GREY,
        r(
            "h.noel@destinataire-exemple.example",
            JAMES_TOO_FAST,
            "4.4.3",
            GREY,
            False,
            "transient|undetermined",
            remote=JAMES_MX,
        ),
        r(
            "i.perrin@destinataire-exemple.example",
            JAMES_FIRST,
            "4.4.3",
            GREY,
            False,
            "transient|undetermined",
            remote=JAMES_MX,
        ),
    ),
    _case(
        "james-max-recipients-delay",
        "james",
        "en",
        "postfix-dsn",
        JAMES_MAX_RCPT,
        _delay(
            "j.roux@destinataire-exemple.example", JAMES_MAX, "4.5.3", MAX_RCPT, remote=JAMES_MX
        ),
        _delay(
            "k.simon@destinataire-exemple.example", JAMES_MAX, "4.5.3", MAX_RCPT, remote=JAMES_MX
        ),
    ),
    _case(
        "james-unauthenticated-restricted",
        "james",
        "en",
        "postfix-dsn",
        JAMES_RBL,
        r(
            "l.thomas@destinataire-exemple.example",
            JAMES_UNAUTH,
            "5.7.1",
            BLOCK,
            False,
            "sender",
            remote=JAMES_MX,
        ),
        r(
            "m.vincent@destinataire-exemple.example",
            JAMES_UNAUTH,
            "5.7.1",
            BLOCK,
            False,
            "sender",
            remote=JAMES_MX,
        ),
    ),
    _case(
        "james-unauthenticated-restricted-sendmail",
        "james",
        "en",
        "sendmail-dsn",
        JAMES_RBL,
        r(
            "n.girard@destinataire-exemple.example",
            JAMES_UNAUTH,
            "5.7.1",
            BLOCK,
            False,
            "sender",
            remote=JAMES_MX,
        ),
    ),
    # --- gld and Postfix's policy-server failure -----------------------------------------------
    _case(
        "gld-greylisted-delay",
        "gld",
        "en",
        "postfix-dsn",
        GLD,
        _delay(
            "o.andersen@gld-client.example",
            _rcpt_rejected("o.andersen@gld-client.example", "450 4.7.1", "Greylisted"),
            "4.7.1",
            GREY,
            remote=GLD_MX,
        ),
    ),
    _case(
        "gld-greylisting-in-action-delay-exim",
        "gld",
        "en",
        "exim-delay-text",
        GLD,
        _delay(
            "p.berg@gld-client.example",
            _rcpt_rejected(
                "p.berg@gld-client.example",
                "450 4.7.1",
                "Greylisting in action, please try later",
            ),
            "",
            GREY,
            remote=GLD_MX,
        ),
    ),
    _case(
        "gld-greylisted-expired-and-james-unauthenticated",
        "gld",
        "en",
        "postfix-dsn",
        GLD + "; " + JAMES_RBL,
        r(
            "q.dahl@gld-client.example",
            _rcpt_rejected("q.dahl@gld-client.example", "450 4.7.1", "Greylisted"),
            "4.7.1",
            GREY,
            False,
            "transient|undetermined",
            remote=GLD_MX,
        ),
        r(
            "r.blanc@destinataire-exemple.example",
            JAMES_UNAUTH,
            "5.7.1",
            BLOCK,
            False,
            "sender",
            remote=JAMES_MX,
        ),
    ),
    _case(
        "postfix-policy-server-problem-delay",
        "postfix",
        "en",
        "postfix-dsn",
        POLICY_FAIL,
        _delay("s.eriksen@gld-client.example", POLICY_PROBLEM, "4.3.5", POLICY_DOWN, remote=GLD_MX),
    ),
    _case(
        "postfix-policy-server-problem-expired",
        "postfix",
        "en",
        "postfix-dsn",
        POLICY_FAIL,
        r(
            "t.falk@gld-client.example",
            POLICY_PROBLEM,
            "4.3.5",
            POLICY_DOWN,
            False,
            "transient|undetermined",
            remote=GLD_MX,
        ),
    ),
    # --- postfix-policyd-spf-perl ----------------------------------------------------------------
    _case(
        "policyd-spf-perl-servfail-delay",
        "policyd-spf",
        "en",
        "postfix-dsn",
        SPF_PERL,
        _delay(
            "u.gunnarsen@spf-kunde.example",
            SPF_SERVFAIL,
            "4.7.1",
            SPF_TEMP,
            remote="mx.spf-kunde.example",
            stage="MAIL FROM",
        ),
    ),
    _case(
        "policyd-spf-perl-servfail-expired",
        "policyd-spf",
        "en",
        "postfix-dsn",
        SPF_PERL,
        r(
            "v.holm@spf-kunde.example",
            SPF_SERVFAIL,
            "4.7.1",
            SPF_TEMP,
            False,
            "transient|sender|undetermined",
            remote="mx.spf-kunde.example",
            stage="MAIL FROM",
        ),
    ),
    # --- Net::Server::Mail --------------------------------------------------------------------
    _case(
        "net-server-mail-failure",
        "net-server-mail",
        "en",
        "postfix-dsn",
        NET_SERVER_MAIL,
        r(
            "w.iversen@perl-receiver.example",
            FAILURE,
            "5.0.0",
            GENERIC,
            False,
            "recipient|undetermined",
            remote=PERL_MX,
        ),
    ),
)
