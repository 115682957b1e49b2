"""Exchange Server's (2016/2019, on-premises and Edge Transport) own refusals not yet carried,
from Microsoft's published pages, fortieth batch (issue #14, judge81), each wrapped in the
notice our Postfix, Exim or Sendmail would send quoting the reply of an Exchange server
(``mail.<org>.example``, an Edge Transport or Mailbox server) that refused our message.

Composed and scored before any rule was written for them. Every code and text was grepped in
``bounce_parser/data/phrases/`` and ``tests/bounce_parser/composed/*.py`` first and dropped
where it was already carried: the Recipient Filter agent's "550 5.1.1 User unknown"
(published10, published13, published22), the Sender Filter agent's "554 5.1.0 Sender Denied"
(appliances), the Content Filter agent's "550 5.7.1 Message rejected as spam by Content
Filtering." (appliances, published3, published34), the IP Block List's "5.7.1 Recipient not
authorized, your IP has been found on a block list" (published34), "Message size exceeds fixed
maximum message size" (5.3.4: en_generic, postfix, published25 and others), "Hop count exceeded
- possible mail loop" (5.4.6: exchange.toml), "RESOLVER.ADR.ExRecipNotFound" (5.1.1:
exchange.toml's recip(?:ient)?notfound, published16, published19), "Too many recipients",
"Unable to relay", "Client was not authenticated", "Insufficient system resources", "Queue
expired; Message expired" (exchange.toml's "message expired"), the mail flow rules' default
"550 5.7.1 Delivery not authorized, message refused" (RFC 3463's X.7.1 words, en_generic,
published19) and Exchange Online's codes (published, published18, published32). What is left:

- "DSNs and NDRs in Exchange Server"
  (https://learn.microsoft.com/en-us/exchange/mail-flow/non-delivery-reports-and-bounce-messages/non-delivery-reports-and-bounce-messages;
  its source, MicrosoftDocs/OfficeDocs-Exchange
  ``Exchange/ExchangeServer/mail-flow/non-delivery-reports-and-bounce-messages/non-delivery-reports-and-bounce-messages.md``,
  in the code index), its tables "Temporary delivery failures" and "Permanent delivery
  failures": 4.3.2 "Service not active" (important Exchange server components inactive), 4.4.2
  "Connection dropped" (transient network or server problems; the retry goes on), 5.1.7
  "Invalid address" or "Unknown sender address" ("There's a problem with the sender's email
  address"), 5.2.1 "Content Filter agent quarantined this message" ("The message was
  quarantined by content filtering"), 5.2.3 "RESOLVER.RST.RecipSizeLimit; message too large for
  this recipient" ("The message is too large ... configure a larger message size limit for the
  recipient"), 5.3.0 "Too many related errors" ("The message was determined to be malformed,
  and was moved to the poison message queue"), 5.3.5 "System incorrectly configured" ("A mail
  loop was detected. Verify that the FQDN property on the Receive connector doesn't match the
  FQDN of another server"), 5.7.900 to 5.7.999 "Delivery not authorized, message refused" ("The
  message was rejected by a mail flow rule (also known as a transport rule). This enhanced
  status code range is available when the rule is configured to reject messages");
- "Mail flow rule actions in Exchange Server"
  (https://learn.microsoft.com/en-us/exchange/policy-and-compliance/mail-flow-rules/actions;
  MicrosoftDocs/OfficeDocs-Exchange
  ``Exchange/ExchangeServer/policy-and-compliance/mail-flow-rules/actions.md``): "Reject the
  message with the enhanced status code": valid codes 5.7.1 or 5.7.900 through 5.7.999, "The
  default reason text that's used is Delivery not authorized, message refused"; on Edge
  Transport servers only, SmtpRejectMessageRejectText / SmtpRejectMessageRejectStatusCode "Ends
  the SMTP connection ... with the specified SMTP status code and the specified rejection
  text", "Valid values for the SMTP status code are integers from 400 through 500", "If you
  specify the SMTP status code without specifying the rejection text, the text that's used is
  Delivery not authorized, message refused" (so a bare "500 ..." or "450 ..." reply, no
  enhanced code).

The table gives an enhanced status code and its text, not the three-digit reply code: the
replies are composed with 550 for a 5.x.x code (as published32 did for Exchange Online's table)
and 451 for a 4.x.x code, but 421 for 4.3.2 "Service not active" (RFC 5321 section 4.2.3: "421
<domain> Service not available, closing transmission channel"). The mail flow rule codes
chosen in the range (5.7.900, 5.7.942, 5.7.999) are configuration values, not texts.
Addresses, hosts and organizations are composed. Exchange's own NDR is not used: the page shows
its user-information section only as an image, so its words for these codes are not quoted
anywhere in the source.

The labelling rule, written before the first score:

- the label is what Microsoft's page says the code means (the table's "Possible causes and
  solutions", the mail flow rule actions' description), then RFC 3463, never what the parser
  says;
- a dead address (suppress) only where the page says the recipient does not exist; none of
  these texts does, so no label suppresses;
- a mail flow (transport) rule's rejection, with its default text under 5.7.900-5.7.999 or
  under an Edge rule's bare status code, is the organization's policy refusing OUR message:
  sender, policy_violation, never suppressed;
- the Content Filter agent's quarantine (5.2.1; not RFC 3463's "mailbox disabled") is a
  content verdict on OUR message: sender, spam_detected, never suppressed;
- a message too large for the recipient's limit (5.2.3) is our message's size: sender,
  mesg_too_big, never suppressed (as published27 and cases.py label a size refusal);
- "Too many related errors" (5.3.0, a message Exchange found malformed and moved to the poison
  queue) is our message's form as the destination read it, or its fault: sender|undetermined,
  never suppressed;
- "System incorrectly configured" (5.3.5, a mail loop from the destination's own Receive
  connector FQDN) is the destination system's fault, not the address: transient|undetermined,
  never suppressed;
- "Invalid address" / "Unknown sender address" at MAIL FROM (5.1.7, "a problem with the
  sender's email address") is OUR sender address: sender, never suppressed;
- a 4xx reply ("Connection dropped", "Service not active", an Edge rule's 450) is a delay while
  retried; at the end of the queue lifetime transient|undetermined (the rule's 450:
  sender|transient|undetermined), never suppressed;
- the status is the one the notice states (Postfix and Sendmail: the reply's enhanced code, or
  5.0.0 / 4.0.0 for a bare one; Exim's plain notices state none, so those stay unlabelled).

Searched and left out: the Attachment Filtering agent's default reject response "Message
rejected due to unacceptable attachments" (attachment-filtering.md and Set-AttachmentFilterListConfig
give the text but no reply or enhanced code, and Exchange's own NDR, the only place it is shown,
is an image), Sender ID's rejection (sender-id.md: "a 5xx level SMTP error response, which
includes text that corresponds to the Sender ID status", no text), the IP Block List providers'
rejection responses (the cmdlet pages give only an administrator's example, "Source IP address
is listed at the Contoso.com block list provider"), moderation's and restricted distribution
groups' NDRs (RESOLVER.RST.NotAuthorized, RESOLVER.RST.AuthRequired: found only in third-party
parsers and decompiled code, not on a Microsoft page in the index), Microsoft 365 mail flow
rules with an administrator's own text (the pages' examples are internal ethical-wall and
outbound rules, never a refusal of an outside sender), 5.1.3 "STOREDRV.Submit; invalid recipient
address" (an Outlook submission inside the organization), 5.1.4/5.1.5 "Recipient address
reserved by RFC 2606" and 5.1.6 single-label domains (a Receive connector's refusal our relay
never meets: those domains have no MX), 5.1.8 (carried: published, published16), 5.3.3, 5.5.2,
5.7.3 (Exchange's internal connectors), 5.4.4 "SMTPSEND.DNS.NonExistentDomain" (the Exchange
server's own DNS settings when it sends; our relay meets it only through a forward), shadow
redundancy and safety net (they write no refusal).
``build.py`` writes them into ``manifest_published40.json``;
``test_published40_notices.py`` checks them.
"""

from __future__ import annotations

from build import Case
from build import case as _case
from build import delayed as _delay
from build import rcpt as r

# --- sources ---------------------------------------------------------------------------------

NDR_PAGE = (
    "https://learn.microsoft.com/en-us/exchange/mail-flow/non-delivery-reports-and-bounce-"
    "messages/non-delivery-reports-and-bounce-messages ('DSNs and NDRs in Exchange Server';"
    " MicrosoftDocs/OfficeDocs-Exchange Exchange/ExchangeServer/mail-flow/non-delivery-reports-"
    "and-bounce-messages/non-delivery-reports-and-bounce-messages.md)"
)
NDR_RULES = (
    NDR_PAGE + ": 5.7.900 to 5.7.999 'Delivery not authorized, message refused', the message was"
    " rejected by a mail flow rule (transport rule); https://learn.microsoft.com/en-us/exchange/"
    "policy-and-compliance/mail-flow-rules/actions ('Mail flow rule actions in Exchange Server':"
    " valid DSN codes 5.7.1 or 5.7.900 through 5.7.999, default reason text 'Delivery not"
    " authorized, message refused')"
)
EDGE_RULES = (
    "https://learn.microsoft.com/en-us/exchange/policy-and-compliance/mail-flow-rules/actions"
    " ('Mail flow rule actions in Exchange Server', Edge Transport servers:"
    " SmtpRejectMessageRejectStatusCode, integers from 400 through 500; 'If you specify the SMTP"
    " status code without specifying the rejection text, the text that's used is Delivery not"
    " authorized, message refused')"
)
NDR_CONTENT = NDR_PAGE + ": 5.2.1 'Content Filter agent quarantined this message'"
NDR_SIZE = NDR_PAGE + ": 5.2.3 'RESOLVER.RST.RecipSizeLimit; message too large for this recipient'"
NDR_POISON = NDR_PAGE + ": 5.3.0 'Too many related errors' (malformed, poison message queue)"
NDR_LOOP = (
    NDR_PAGE + ": 5.3.5 'System incorrectly configured' (a mail loop, Receive connector FQDN)"
)
NDR_SENDER = (
    NDR_PAGE + ": 5.1.7 'Invalid address' or 'Unknown sender address' (the sender's address)"
)
NDR_DROPPED = NDR_PAGE + ": 4.4.2 'Connection dropped' (transient network or server problems)"
NDR_INACTIVE = NDR_PAGE + ": 4.3.2 'Service not available' or 'Service not active'"

POLICY = ("policy_violation", "rejected", "blocked", "filtered", "security_error")
CONTENT = ("spam_detected", "filtered", "content_error", "policy_violation", "rejected")
SIZE = ("mesg_too_big", "exceed_limit")
POISON = ("content_error", "not_compliant_rfc", "system_error", "mailer_error", "undefined")
LOOP = ("system_error", "mailer_error", "network_error", "undefined")
SENDER_ADDR = ("rejected", "syntax_error", "blocked", "policy_violation", "auth_failure")
DROPPED = ("network_error", "system_error", "expired", "undefined")
INACTIVE = ("system_error", "mailer_error", "network_error", "expired", "undefined")
RULE_TEMP = ("policy_violation", "rejected", "blocked", "expired", "system_error", "undefined")

EDGE = "edge01.fabrikam-gmbh.example"
MBX = "mbx01.contoso-law.example"

RULE_900 = "550 5.7.900 Delivery not authorized, message refused"
RULE_942 = "550 5.7.942 Delivery not authorized, message refused"
RULE_999 = "550 5.7.999 Delivery not authorized, message refused"
EDGE_500 = "500 Delivery not authorized, message refused"
EDGE_450 = "450 Delivery not authorized, message refused"
QUARANTINED = "550 5.2.1 Content Filter agent quarantined this message"
RECIP_SIZE = "550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient"
POISONED = "550 5.3.0 Too many related errors"
MISCONFIGURED = "550 5.3.5 System incorrectly configured"
UNKNOWN_SENDER = "550 5.1.7 Unknown sender address"
INVALID_ADDRESS = "550 5.1.7 Invalid address"
CONN_DROPPED = "451 4.4.2 Connection dropped"
NOT_ACTIVE = "421 4.3.2 Service not active"


PUBLISHED40_CASES: tuple[Case, ...] = (
    # --- mail flow (transport) rules: 5.7.900-5.7.999 and the Edge's bare status code -------
    _case(
        "exchange-onprem-rule-5-7-900",
        "exchange_server",
        "en",
        "postfix-dsn",
        NDR_RULES,
        r(
            "a.abel@contoso-law.example",
            RULE_900,
            "5.7.900",
            POLICY,
            False,
            "sender",
            remote=MBX,
            stage="end of DATA",
        ),
        r(
            "b.brandt@contoso-law.example",
            RULE_900,
            "5.7.900",
            POLICY,
            False,
            "sender",
            remote=MBX,
            stage="end of DATA",
        ),
    ),
    _case(
        "exchange-onprem-rule-5-7-999-sendmail",
        "exchange_server",
        "en",
        "sendmail-dsn",
        NDR_RULES,
        r(
            "c.claus@contoso-law.example",
            RULE_999,
            "5.7.999",
            POLICY,
            False,
            "sender",
            remote=MBX,
            stage="end of DATA",
        ),
    ),
    _case(
        "exchange-onprem-rule-5-7-942-exim",
        "exchange_server",
        "en",
        "exim-text",
        NDR_RULES,
        r(
            "d.dietz@contoso-law.example",
            RULE_942,
            "",
            POLICY,
            False,
            "sender",
            remote=MBX,
            stage="end of DATA",
        ),
    ),
    _case(
        "exchange-onprem-rule-5-7-942",
        "exchange_server",
        "en",
        "postfix-dsn",
        NDR_RULES,
        r(
            "e.ebert@contoso-law.example",
            RULE_942,
            "5.7.942",
            POLICY,
            False,
            "sender",
            remote=MBX,
            stage="end of DATA",
        ),
    ),
    _case(
        "exchange-edge-rule-500",
        "exchange_server",
        "en",
        "postfix-dsn",
        EDGE_RULES,
        r(
            "f.fuchs@fabrikam-gmbh.example",
            EDGE_500,
            "5.0.0",
            POLICY,
            False,
            "sender",
            remote=EDGE,
            stage="end of DATA",
        ),
    ),
    _case(
        "exchange-edge-rule-500-exim",
        "exchange_server",
        "en",
        "exim-text",
        EDGE_RULES,
        r(
            "g.gross@fabrikam-gmbh.example",
            EDGE_500,
            "",
            POLICY,
            False,
            "sender",
            remote=EDGE,
            stage="end of DATA",
        ),
    ),
    _case(
        "exchange-edge-rule-450-delay",
        "exchange_server",
        "en",
        "postfix-dsn",
        EDGE_RULES,
        _delay(
            "h.haas@fabrikam-gmbh.example",
            EDGE_450,
            "4.0.0",
            RULE_TEMP,
            remote=EDGE,
            stage="end of DATA",
        ),
    ),
    _case(
        "exchange-edge-rule-450-expired",
        "exchange_server",
        "en",
        "postfix-dsn",
        EDGE_RULES,
        r(
            "i.imhof@fabrikam-gmbh.example",
            EDGE_450,
            "4.0.0",
            RULE_TEMP,
            False,
            "sender|transient|undetermined",
            remote=EDGE,
            stage="end of DATA",
        ),
    ),
    # --- the Content Filter agent's quarantine, 5.2.1 ---------------------------------------
    _case(
        "exchange-onprem-content-filter-quarantined",
        "exchange_server",
        "en",
        "postfix-dsn",
        NDR_CONTENT,
        r(
            "j.jung@fabrikam-gmbh.example",
            QUARANTINED,
            "5.2.1",
            CONTENT,
            False,
            "sender",
            remote=EDGE,
            stage="end of DATA",
        ),
    ),
    _case(
        "exchange-onprem-content-filter-quarantined-sendmail",
        "exchange_server",
        "en",
        "sendmail-dsn",
        NDR_CONTENT,
        r(
            "k.kraus@fabrikam-gmbh.example",
            QUARANTINED,
            "5.2.1",
            CONTENT,
            False,
            "sender",
            remote=EDGE,
            stage="end of DATA",
        ),
    ),
    _case(
        "exchange-onprem-content-filter-quarantined-exim",
        "exchange_server",
        "en",
        "exim-text",
        NDR_CONTENT,
        r(
            "l.lenz@fabrikam-gmbh.example",
            QUARANTINED,
            "",
            CONTENT,
            False,
            "sender",
            remote=EDGE,
            stage="end of DATA",
        ),
    ),
    # --- the recipient's size limit, 5.2.3 --------------------------------------------------
    _case(
        "exchange-onprem-recip-size-limit",
        "exchange_server",
        "en",
        "postfix-dsn",
        NDR_SIZE,
        r(
            "m.mayer@contoso-law.example",
            RECIP_SIZE,
            "5.2.3",
            SIZE,
            False,
            "sender",
            remote=MBX,
            stage="end of DATA",
        ),
    ),
    _case(
        "exchange-onprem-recip-size-limit-exim",
        "exchange_server",
        "en",
        "exim-text",
        NDR_SIZE,
        r(
            "n.noll@contoso-law.example",
            RECIP_SIZE,
            "",
            SIZE,
            False,
            "sender",
            remote=MBX,
            stage="end of DATA",
        ),
    ),
    # --- the poison message queue, 5.3.0; a mail loop from the connector's FQDN, 5.3.5 -----
    _case(
        "exchange-onprem-too-many-related-errors",
        "exchange_server",
        "en",
        "postfix-dsn",
        NDR_POISON,
        r(
            "o.otto@contoso-law.example",
            POISONED,
            "5.3.0",
            POISON,
            False,
            "sender|undetermined",
            remote=MBX,
            stage="end of DATA",
        ),
    ),
    _case(
        "exchange-onprem-system-incorrectly-configured",
        "exchange_server",
        "en",
        "postfix-dsn",
        NDR_LOOP,
        r(
            "p.pohl@contoso-law.example",
            MISCONFIGURED,
            "5.3.5",
            LOOP,
            False,
            "transient|undetermined",
            remote=MBX,
            stage="end of DATA",
        ),
    ),
    _case(
        "exchange-onprem-system-incorrectly-configured-sendmail",
        "exchange_server",
        "en",
        "sendmail-dsn",
        NDR_LOOP,
        r(
            "q.quast@contoso-law.example",
            MISCONFIGURED,
            "5.3.5",
            LOOP,
            False,
            "transient|undetermined",
            remote=MBX,
            stage="end of DATA",
        ),
    ),
    # --- our sender address, 5.1.7 ----------------------------------------------------------
    _case(
        "exchange-onprem-unknown-sender-address",
        "exchange_server",
        "en",
        "postfix-dsn",
        NDR_SENDER,
        r(
            "r.roth@fabrikam-gmbh.example",
            UNKNOWN_SENDER,
            "5.1.7",
            SENDER_ADDR,
            False,
            "sender",
            remote=EDGE,
            stage="MAIL FROM",
        ),
        r(
            "s.seidel@fabrikam-gmbh.example",
            UNKNOWN_SENDER,
            "5.1.7",
            SENDER_ADDR,
            False,
            "sender",
            remote=EDGE,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "exchange-onprem-invalid-sender-address-exim",
        "exchange_server",
        "en",
        "exim-text",
        NDR_SENDER,
        r(
            "t.thon@fabrikam-gmbh.example",
            INVALID_ADDRESS,
            "",
            SENDER_ADDR,
            False,
            "sender",
            remote=EDGE,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "exchange-onprem-invalid-sender-address",
        "exchange_server",
        "en",
        "postfix-dsn",
        NDR_SENDER,
        r(
            "u.unger@fabrikam-gmbh.example",
            INVALID_ADDRESS,
            "5.1.7",
            SENDER_ADDR,
            False,
            "sender",
            remote=EDGE,
            stage="MAIL FROM",
        ),
    ),
    # --- delays: a connection dropped, the service not active ------------------------------
    _case(
        "exchange-onprem-connection-dropped-delay",
        "exchange_server",
        "en",
        "postfix-dsn",
        NDR_DROPPED,
        _delay(
            "v.vogel@contoso-law.example",
            CONN_DROPPED,
            "4.4.2",
            DROPPED,
            remote=MBX,
            stage="end of DATA",
        ),
    ),
    _case(
        "exchange-onprem-connection-dropped-expired",
        "exchange_server",
        "en",
        "postfix-dsn",
        NDR_DROPPED,
        r(
            "w.wagner@contoso-law.example",
            CONN_DROPPED,
            "4.4.2",
            DROPPED,
            False,
            "transient|undetermined",
            remote=MBX,
            stage="end of DATA",
        ),
    ),
    _case(
        "exchange-onprem-service-not-active-exim-delay",
        "exchange_server",
        "en",
        "exim-delay-text",
        NDR_INACTIVE,
        _delay(
            "x.xander@contoso-law.example",
            NOT_ACTIVE,
            "",
            INACTIVE,
            remote=MBX,
            stage="MAIL FROM",
        ),
    ),
    _case(
        "exchange-onprem-service-not-active-expired",
        "exchange_server",
        "en",
        "postfix-dsn",
        NDR_INACTIVE,
        r(
            "y.yilmaz@contoso-law.example",
            NOT_ACTIVE,
            "4.3.2",
            INACTIVE,
            False,
            "transient|undetermined",
            remote=MBX,
            stage="MAIL FROM",
        ),
    ),
)
