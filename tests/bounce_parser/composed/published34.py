"""Secure email gateways' published replies not yet carried: Mimecast's 4xx table and its
"Invalid Recipient", Trend Micro's Hosted Email Security / Email Reputation Services refusals
and Deep Discovery Email Inspector's RBL+ denial, and a recipient-side filter's refusal listed
by Broadcom (Email Security.cloud), thirty-fourth batch (issue #14, judge73), each wrapped in
the notice the side that writes it would send.

Composed and scored before any rule was written for them. Every text was grepped first in
``bounce_parser/data/phrases/`` and ``tests/bounce_parser/composed/*.py`` and dropped where it
was already carried: Mimecast's "Rejected by header based Anti-Spoofing policy" and "Sender
address blocked" (mimecast.toml), "Envelope blocked - User Entry", "Rejected by header based
manually Blocked Senders" and "Email rejected due to security policies" (mimecast.toml,
cases.py); Barracuda's "550 permanent failure for one or more recipients (...:blocked)",
"cuda_nsu", "rejecting spoofed message" and "No such user (...)" (providers.toml, published18);
Spambrella's (a Proofpoint Essentials partner) "User email address is marked as invalid" and
"sender rejected" (providers.toml); Proofpoint's "5.7.0 Local Policy Violation" and its
dnsbl-lookup link (published3, published17); Cisco's "#5.1.0 Address rejected", "SPF
unauthorized mail is prohibited" and "Your access to submit messages to this e-mail system has
been rejected" (providers.toml, cisco.toml, published8/20); Trend Micro DDEI's "Block
permanently/temporarily (Sender Filtering/Authentication)" and its zombie (450) denial
(trendmicro.toml); Broadcom's other listed texts ("Sender is on domain's blacklist", "unsafe
content", "banned content", "Message rejected as spam by Content Filtering": published3,
appliances); Trend Micro's "Client host [ip] blocked using Trend Micro RBL+" (Postfix's own
reject_rbl_client form, carried). What is left:

- Mimecast, "Mimecast SMTP Error Codes" knowledge article
  (https://community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754, formerly
  community.mimecast.com/docs/DOC-1369; its 4xx table as mirrored at
  https://electronicaportatil.com/smtp-error-codes/ and https://www.tecism.com/2018/01/):
  "421 Unable to process connection at this time" ("The Mimecast server is under maximum load";
  the message is processed when it is less busy) and "451 Internal resource temporarily
  unavailable" (greylisting, or the sender's IP address has a poor reputation; the live form
  "451 Internal resource is temporarily unavailable - https://community.mimecast.com/docs/
  DOC-1369#451 [id]" as a ListManager log shows it at
  https://dwlistore.dwli.org/knowledgebase/444/Emails-Not-Sending-to-Mimecast-Recipients-.html);
  "550 Invalid Recipient": Mimecast's support page "Advanced and Federated Accounts - Emails To
  Unknown Internal Users" (https://mimecastsupport.zendesk.com/hc/en-us/articles/34000823077139)
  says that with "550 Rejection" chosen, mail to an unknown internal user receives "an Invalid
  Recipient code resulting in a Non-Delivery Report"; the " - <article link> [id]" tail is the
  form every Mimecast reply carries (as the anti-spoofing reply quoted at
  https://accredit-solutions.zendesk.com/hc/en-gb/articles/360017721797);
- Trend Micro Hosted Email Security (in.hes.trendmicro.com): "550 5.7.1 <rcpt>: Recipient
  address rejected: ERS-RBL." (a Postfix notice from in.hes.trendmicro.com published at
  https://pastebin.com/VaFdFSVL) and "450 4.7.1 <rcpt>: Recipient address rejected: ERS-QIL."
  (a Postfix log quoted at https://server-recipe.com/3851/, which names Trend Micro's Email
  Reputation Services databases ERS-QIL, ERS-DUL, ERS-RBL); the meaning from Trend Micro's
  pages: ERS blocks by the sending IP address's reputation
  (https://success.trendmicro.com/en-US/solution/KA-0003456: "Messages are blocked ... because
  the sender's IP address has been added in the ERS database");
- Trend Micro, "Frequently asked questions (FAQs) about messages blocked by Email Reputation
  Services (ERS)" (https://success.trendmicro.com/solution/1097055): "550 Mail from <IP adress>
  refused by rbl-plus.mail-abuse.org. Please refer to http://mail-abuse.org/rbl+ for an
  explanation";
- Trend Micro Deep Discovery Email Inspector 5.1 online help, "SMTP error codes"
  (https://docs.trendmicro.com/en-us/documentation/article/deep-discovery-email-inspector-51-online-help-smtp-error-codes):
  550 "Permanent denial of connection (550) for RBL+ matches (ERS)";
- Broadcom, "Common external Spam Filtering Error Codes"
  (https://knowledge.broadcom.com/external/article/169925), errors a recipient's own filtering
  gateway writes: "5.7.1 Recipient not authorized, your IP has been found on a block list" (the
  article lists the text after its status; the 550 reply code is composed).

The notices: our Postfix's bounce(8) notices and delay warnings (``postfix-dsn``), its final
notice for a deferral that lasted until the queue lifetime ended, Exim's plain notice and delay
warning, Sendmail's notice quoting the remote reply. Addresses, hosts, IPs and the Mimecast
reference ids are composed; Mimecast's 421 is given at MAIL FROM (a gateway may write it at the
greeting, where Postfix's wording differs).

The labelling rule, written before the first score:

- the label is the vendor page's meaning of the words (what its table or article says the reply
  means), then RFC 3463 and RFC 5321, never what the parser says;
- a dead address (suppress) only where the page says the recipient does not exist in the
  domain's directory: Mimecast's "Invalid Recipient" (an unknown internal user, 550 Rejection):
  user_unknown, recipient, hard;
- a refusal for the gateway's checks on OUR side is the sender's and never suppresses: our IP on
  Trend Micro's ERS databases (ERS-RBL, RBL+, DDEI's RBL+ denial) or on the recipient filter's
  block list (Broadcom's list): blocked or bad_reputation, sender, even where the words begin
  "Recipient address rejected" or "Recipient not authorized";
- a 4xx is never a bounce while retried: Mimecast's "Unable to process connection" (its server
  under maximum load) is the destination's transient state; its "Internal resource temporarily
  unavailable" is greylisting or our IP's reputation; ERS-QIL (450 4.7.1) our IP's reputation;
  at the end of the queue lifetime none suppresses: transient|undetermined for the load and the
  greylisting, sender|transient|undetermined for ERS-QIL;
- the status is the one the notice states (Postfix and Sendmail: the reply's enhanced code, or
  5.0.0 / 4.0.0 for a bare one, Sendmail 5.2.0 for a bare 550 (savemail.c smtptodsn); Exim's
  plain notices state none, so those stay unlabelled).

Searched and left out (no exact reply text found in the docs and pages corpora in the time
there was): Sophos Email's XGEMAIL_0001..0015 (its page names codes and meanings, not the reply
lines; its codes are in sending_services.toml already), Proofpoint Essentials' own "Error
codes" page (only its status-category page was found), Cisco Secure Email's default HAT
texts, SpamExperts/N-able Mail Assure, Libraesva and Vade (no page with their reply texts
found); Hornetsecurity's classification codes (its reseller EveryCloud's "Workspace
classification codes" page: "Spam IP rejected", "e-mail Rejected Spam", "unknown domain or
unknown recipient (LDAP check)", "Virus E-Mail") were found carried already (published3,
providers.toml); Mimecast's 451 deferral of an unknown internal user (its page gives the code,
not the words).
``build.py`` writes them into ``manifest_published34.json``;
``test_published34_notices.py`` checks them.
"""

from __future__ import annotations

from build import Case
from build import case as _case
from build import delayed as _delay
from build import rcpt as r

# --- sources ---------------------------------------------------------------------------------

MIMECAST_4XX = (
    "https://community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754 (4xx table:"
    " '421 Unable to process connection at this time': the Mimecast server is under maximum"
    " load; '451 Internal resource temporarily unavailable': greylisting, or the sender's IP"
    " address has a poor reputation), as mirrored at"
    " https://electronicaportatil.com/smtp-error-codes/; the live form '451 Internal resource is"
    " temporarily unavailable - https://community.mimecast.com/docs/DOC-1369#451 [id]' at"
    " https://dwlistore.dwli.org/knowledgebase/444/Emails-Not-Sending-to-Mimecast-Recipients-.html"
)
MIMECAST_INVALID = (
    "https://mimecastsupport.zendesk.com/hc/en-us/articles/34000823077139 (Emails To Unknown"
    " Internal Users: with '550 Rejection' the sender receives an Invalid Recipient code and an"
    " NDR); https://community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754"
    " ('550 Invalid Recipient')"
)
TM_HES = (
    "Trend Micro Hosted Email Security: '550 5.7.1 <rcpt>: Recipient address rejected: ERS-RBL.'"
    " (Postfix notice from in.hes.trendmicro.com, https://pastebin.com/VaFdFSVL), '450 4.7.1"
    " <rcpt>: Recipient address rejected: ERS-QIL.' (https://server-recipe.com/3851/); ERS blocks"
    " by the sender IP's reputation: https://success.trendmicro.com/en-US/solution/KA-0003456"
)
TM_RBLPLUS = (
    "https://success.trendmicro.com/solution/1097055 ('550 Mail from <IP adress> refused by"
    " rbl-plus.mail-abuse.org. Please refer to http://mail-abuse.org/rbl+ for an explanation')"
)
TM_DDEI = (
    "https://docs.trendmicro.com/en-us/documentation/article/deep-discovery-email-inspector-51-"
    "online-help-smtp-error-codes (Email Reputation Service, 550: 'Permanent denial of"
    " connection (550) for RBL+ matches (ERS)')"
)
BROADCOM = (
    "https://knowledge.broadcom.com/external/article/169925 (Common external Spam Filtering"
    " Error Codes: '5.7.1 Recipient not authorized, your IP has been found on a block list',"
    " written by the recipient's filtering gateway; the 550 reply code composed)"
)

LOAD = ("system_error", "too_many_conn", "network_error", "expired", "undefined")
GREY_REP = ("expired", "bad_reputation", "blocked", "system_error", "policy_violation", "undefined")
UNKNOWN = ("user_unknown",)
BLOCK = ("blocked", "bad_reputation", "rejected", "policy_violation", "spam_detected")
REP_TEMP = ("bad_reputation", "blocked", "expired", "policy_violation", "rejected")

MC_MX = "eu-smtp-inbound-1.mimecast.com"
HES_MX = "in.hes.trendmicro.com"
DDEI_MX = "ddei.kunde-tm.example"
FILTER_MX = "mx.filter-kunde.example"
OUR_IP = "198.51.100.7"

MC_LOAD = "421 Unable to process connection at this time"
MC_GREY = (
    "451 Internal resource is temporarily unavailable -"
    " https://community.mimecast.com/docs/DOC-1369#451 [kJ3xQa7fNp2Ym9d0WvRtLg.eu12]"
)
MC_INVALID = (
    "550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550"
    " [Tz8pLq4mRs1Vx6c2HbNwEa.eu43]"
)
RBL_PLUS = (
    f"550 Mail from {OUR_IP} refused by rbl-plus.mail-abuse.org. Please refer to"
    " http://mail-abuse.org/rbl+ for an explanation"
)
DDEI_DENIAL = "550 Permanent denial of connection (550) for RBL+ matches (ERS)"
IP_BLOCK_LIST = "550 5.7.1 Recipient not authorized, your IP has been found on a block list"


def _ers_rbl(address: str) -> str:
    return f"550 5.7.1 <{address}>: Recipient address rejected: ERS-RBL."


def _ers_qil(address: str) -> str:
    return f"450 4.7.1 <{address}>: Recipient address rejected: ERS-QIL."


PUBLISHED34_CASES: tuple[Case, ...] = (
    # --- Mimecast: under maximum load ------------------------------------------------------------
    _case(
        "mimecast-unable-to-process-connection-delay",
        "mimecast",
        "en",
        "postfix-dsn",
        MIMECAST_4XX,
        _delay(
            "a.archer@mc-kunde.example", MC_LOAD, "4.0.0", LOAD, remote=MC_MX, stage="MAIL FROM"
        ),
    ),
    _case(
        "mimecast-unable-to-process-connection-exim-delay",
        "mimecast",
        "en",
        "exim-delay-text",
        MIMECAST_4XX,
        _delay("b.baker@mc-kunde.example", MC_LOAD, "", LOAD, remote=MC_MX, stage="MAIL FROM"),
    ),
    _case(
        "mimecast-unable-to-process-connection-expired",
        "mimecast",
        "en",
        "postfix-dsn",
        MIMECAST_4XX,
        r(
            "c.carter@mc-kunde.example",
            MC_LOAD,
            "4.0.0",
            LOAD,
            False,
            "transient|undetermined",
            remote=MC_MX,
            stage="MAIL FROM",
        ),
    ),
    # --- Mimecast: greylisting or our IP's reputation --------------------------------------------
    _case(
        "mimecast-internal-resource-unavailable-delay",
        "mimecast",
        "en",
        "postfix-dsn",
        MIMECAST_4XX,
        _delay("d.dawson@mc-kunde.example", MC_GREY, "4.0.0", GREY_REP, remote=MC_MX),
    ),
    _case(
        "mimecast-internal-resource-unavailable-exim-delay",
        "mimecast",
        "en",
        "exim-delay-text",
        MIMECAST_4XX,
        _delay("e.ellis@mc-kunde.example", MC_GREY, "", GREY_REP, remote=MC_MX),
    ),
    _case(
        "mimecast-internal-resource-unavailable-expired",
        "mimecast",
        "en",
        "postfix-dsn",
        MIMECAST_4XX,
        r(
            "f.fisher@mc-kunde.example",
            MC_GREY,
            "4.0.0",
            GREY_REP,
            False,
            "transient|sender|undetermined",
            remote=MC_MX,
        ),
    ),
    # --- Mimecast: an unknown internal user (550 Rejection) --------------------------------------
    _case(
        "mimecast-invalid-recipient",
        "mimecast",
        "en",
        "postfix-dsn",
        MIMECAST_INVALID,
        r(
            "g.grant@mc-kunde.example",
            MC_INVALID,
            "5.0.0",
            UNKNOWN,
            True,
            "recipient",
            remote=MC_MX,
        ),
        r(
            "h.hayes@mc-kunde.example",
            MC_INVALID,
            "5.0.0",
            UNKNOWN,
            True,
            "recipient",
            remote=MC_MX,
        ),
    ),
    _case(
        "mimecast-invalid-recipient-exim",
        "mimecast",
        "en",
        "exim-text",
        MIMECAST_INVALID,
        r("i.irwin@mc-kunde.example", MC_INVALID, "", UNKNOWN, True, "recipient", remote=MC_MX),
    ),
    _case(
        "mimecast-invalid-recipient-sendmail",
        "mimecast",
        "en",
        "sendmail-dsn",
        MIMECAST_INVALID,
        r(
            "j.jordan@mc-kunde.example",
            MC_INVALID,
            "5.2.0",
            UNKNOWN,
            True,
            "recipient",
            remote=MC_MX,
        ),
    ),
    # --- Trend Micro Hosted Email Security: ERS-RBL, ERS-QIL -------------------------------------
    _case(
        "trendmicro-hes-ers-rbl",
        "trendmicro",
        "en",
        "postfix-dsn",
        TM_HES,
        r(
            "k.keller@tm-kunde.example",
            _ers_rbl("k.keller@tm-kunde.example"),
            "5.7.1",
            BLOCK,
            False,
            "sender",
            remote=HES_MX,
        ),
        r(
            "l.lawson@tm-kunde.example",
            _ers_rbl("l.lawson@tm-kunde.example"),
            "5.7.1",
            BLOCK,
            False,
            "sender",
            remote=HES_MX,
        ),
    ),
    _case(
        "trendmicro-hes-ers-rbl-exim",
        "trendmicro",
        "en",
        "exim-text",
        TM_HES,
        r(
            "m.mason@tm-kunde.example",
            _ers_rbl("m.mason@tm-kunde.example"),
            "",
            BLOCK,
            False,
            "sender",
            remote=HES_MX,
        ),
    ),
    _case(
        "trendmicro-hes-ers-rbl-sendmail",
        "trendmicro",
        "en",
        "sendmail-dsn",
        TM_HES,
        r(
            "n.nolan@tm-kunde.example",
            _ers_rbl("n.nolan@tm-kunde.example"),
            "5.7.1",
            BLOCK,
            False,
            "sender",
            remote=HES_MX,
        ),
    ),
    _case(
        "trendmicro-hes-ers-qil-delay",
        "trendmicro",
        "en",
        "postfix-dsn",
        TM_HES,
        _delay(
            "o.owens@tm-kunde.example",
            _ers_qil("o.owens@tm-kunde.example"),
            "4.7.1",
            REP_TEMP,
            remote=HES_MX,
        ),
    ),
    _case(
        "trendmicro-hes-ers-qil-exim-delay",
        "trendmicro",
        "en",
        "exim-delay-text",
        TM_HES,
        _delay(
            "p.parker@tm-kunde.example",
            _ers_qil("p.parker@tm-kunde.example"),
            "",
            REP_TEMP,
            remote=HES_MX,
        ),
    ),
    _case(
        "trendmicro-hes-ers-qil-expired",
        "trendmicro",
        "en",
        "postfix-dsn",
        TM_HES,
        r(
            "q.quinn@tm-kunde.example",
            _ers_qil("q.quinn@tm-kunde.example"),
            "4.7.1",
            REP_TEMP,
            False,
            "sender|transient|undetermined",
            remote=HES_MX,
        ),
    ),
    # --- Trend Micro ERS: RBL+ ---------------------------------------------------------------------
    _case(
        "trendmicro-rbl-plus-refused",
        "trendmicro",
        "en",
        "postfix-dsn",
        TM_RBLPLUS,
        r("r.reed@tm-kunde.example", RBL_PLUS, "5.0.0", BLOCK, False, "sender", remote=HES_MX),
    ),
    _case(
        "trendmicro-rbl-plus-refused-exim",
        "trendmicro",
        "en",
        "exim-text",
        TM_RBLPLUS,
        r("s.shaw@tm-kunde.example", RBL_PLUS, "", BLOCK, False, "sender", remote=HES_MX),
    ),
    _case(
        "trendmicro-ddei-rbl-plus-denial",
        "trendmicro",
        "en",
        "postfix-dsn",
        TM_DDEI,
        r(
            "t.turner@tm-kunde.example",
            DDEI_DENIAL,
            "5.0.0",
            BLOCK,
            False,
            "sender",
            remote=DDEI_MX,
        ),
    ),
    _case(
        "trendmicro-ddei-rbl-plus-denial-sendmail",
        "trendmicro",
        "en",
        "sendmail-dsn",
        TM_DDEI,
        r("u.upton@tm-kunde.example", DDEI_DENIAL, "5.2.0", BLOCK, False, "sender", remote=DDEI_MX),
    ),
    # --- a recipient's filtering gateway, as Broadcom lists it -------------------------------------
    _case(
        "filter-recipient-not-authorized-ip-block-list",
        "symantec",
        "en",
        "postfix-dsn",
        BROADCOM,
        r(
            "v.vance@filter-kunde.example",
            IP_BLOCK_LIST,
            "5.7.1",
            BLOCK,
            False,
            "sender",
            remote=FILTER_MX,
        ),
        r(
            "w.walsh@filter-kunde.example",
            IP_BLOCK_LIST,
            "5.7.1",
            BLOCK,
            False,
            "sender",
            remote=FILTER_MX,
        ),
    ),
    _case(
        "filter-recipient-not-authorized-ip-block-list-exim",
        "symantec",
        "en",
        "exim-text",
        BROADCOM,
        r(
            "x.york@filter-kunde.example",
            IP_BLOCK_LIST,
            "",
            BLOCK,
            False,
            "sender",
            remote=FILTER_MX,
        ),
    ),
)
