"""European ISPs' and telcos' mail replies not yet carried, thirty-seventh batch (issue #14,
judge77), each wrapped in the notice the side that writes it would send.

Composed and scored before any rule was written for them. Every name and text was grepped in
``bounce_parser/data/phrases/`` and ``tests/bounce_parser/composed/*.py`` first and dropped
where it was already carried: Telenet, Proximus, KPN, Ziggo, XS4ALL, WP, Onet, Interia
(published9), Swisscom/Bluewin, SFR, Bouygues, Free, TIM/Alice, Tiscali, Fastweb, Libero,
Turkcell/Superonline (published10), Telia, Telenor, Elisa, Seznam (published13), Orange
(cases.py, published10). Nothing of BT's, Virgin Media's or TalkTalk's was carried (no name,
none of the texts below). What is left, each text as the named page publishes it:

- BT (btinternet.com), its inbound mail run by Critical Path/Openwave after Yahoo:
  "554 Message rejected, policy (3.2.1.1) - Your message looks like SPAM or has been reported
  as SPAM" and "421 Too many messages (1.5.6.1) from <ip>" (blog.frankleonhardt.com,
  tag/bt-internet: the first a spam refusal, the second a per-server daily limit, deferred);
  "554 Message rejected for policy reasons (3.2.2.1)" (wordtothewise.com/2016/08/bt-internet,
  a policy refusal of the sender, its tail "- Please report any problems to BT via the
  postmaster ... mailbox" left off because the page lost the address's "@"); "451 System
  policy engine error" (hcidata.info/BT-not-accepting-emails.htm: transient, forwarded mail
  from senders whose SPF ends in "-all");
- BT Business: "550 Message rejected due to sender IP reputation ([<ip>])"
  (btbusiness.custhelp.com answer 15074: "your email is being rejected as spam", the sending
  IP's reputation);
- Virgin Media: "550 5.2.0 Spam content found" and "554 5.2.0 Spam content found"
  (community.virginmedia.com, "Email Spam Content Found error 550 - 554": bulk senders' mail
  taken as spam; the advice is the sender's: rDNS, SPF, DKIM, consent).

The notices: our Postfix's bounce(8) notices and delay warnings (``postfix-dsn``), Exim's plain
notice and delay warning, Sendmail's notice quoting the remote reply. Addresses, hosts and IPs
are composed; the "<ip>" the pages show as x's is our relay's.

The labelling rule, written before the first score:

- the label is the page's meaning of the words, then RFC 3463 and RFC 5321, never what the
  parser says;
- none of these texts says the recipient's mailbox does not exist, so none suppresses: spam
  (BT's 3.2.1.1, Virgin Media's "Spam content found"), a policy refusal (BT's 3.2.2.1) and our
  IP's reputation are the sender's (sender, permanent but not hard);
- Virgin Media's enhanced code 5.2.0 ("mailbox status") is kept as the status the reply states,
  but the page's meaning (spam content) decides whose fault: the sender's;
- BT's "(3.2.1.1)", "(3.2.2.1)", "(1.5.6.1)" are BT's own reference numbers, not RFC 3463
  codes: Postfix and Sendmail state 5.0.0 / 4.0.0 for a reply without an enhanced code;
- BT's "421 Too many messages" is a rate limit on our server: a delay while retried, at the
  end of the queue lifetime sender|transient|undetermined, never suppressed;
- "451 System policy engine error" is transient (the page): a delay while retried, at the end
  transient|sender|undetermined, never suppressed;
- the status is the one the notice states (Exim's plain notices state none, so those stay
  unlabelled).

Searched and left out: TalkTalk's "Content rejected (TT992)" (policy reject) and TT991 (policy
deferral): the pages found (suped.com) give the words but not the reply code, so no reply could
be written without inventing one; Sky, A1/Magenta, Telefonica/Movistar, TIM, DNA, Tele2, OTE/
Cosmote, RCS&RDS, Telekom.hu, Wind Tre, O2 CZ, Vodafone: no published reply text found in the
pages/issues corpora in the time there was; BT's web and app login errors (not SMTP replies).
``build.py`` writes them into ``manifest_published37.json``;
``test_published37_notices.py`` checks them.
"""

from __future__ import annotations

from build import Case
from build import case as _case
from build import delayed as _delay
from build import rcpt as r

# --- sources ---------------------------------------------------------------------------------

BT_BLOG = (
    "blog.frankleonhardt.com/tag/bt-internet/ ('554 Message rejected, policy (3.2.1.1) - Your"
    " message looks like SPAM or has been reported as SPAM ...', 'Deferred: 421 Too many"
    " messages (1.5.6.1) from xxx.xxx.xxx.xxx', BT Internet's inbound mail, a per-server limit)"
)
BT_WTTW = (
    "wordtothewise.com/2016/08/bt-internet ('554 Message rejected for policy reasons (3.2.2.1)"
    " - Please report any problems to BT via the postmaster ... mailbox', BT Internet refusing"
    " senders' mail)"
)
BT_HCI = (
    "hcidata.info/BT-not-accepting-emails.htm ('451 System policy engine error', transient,"
    " forwarded mail to btinternet.com from senders whose SPF ends in -all)"
)
BT_BUSINESS = (
    "btbusiness.custhelp.com/app/answers/detail/a_id/15074 ('550 Message rejected due to sender"
    " IP reputation ([86.xx.xx.xx])': rejected as spam by the BT network)"
)
VIRGIN = (
    "community.virginmedia.com/t5/Email/Email-Spam-Content-Found-error-550-554/td-p/3229831"
    " ('Error Messages seen are 550 - 554 5.2.0 Spam content found': bulk senders' mail taken"
    " as spam)"
)

SPAM = ("spam_detected", "content_error", "filtered", "policy_violation", "rejected", "blocked")
POLICY = ("policy_violation", "rejected", "blocked", "spam_detected", "bad_reputation")
REPUTATION = ("bad_reputation", "blocked", "rejected", "policy_violation", "spam_detected")
RATE = ("speeding", "too_many_conn", "exceed_limit", "blocked", "rejected", "expired")
ENGINE = ("system_error", "policy_violation", "auth_failure", "expired", "rejected", "undefined")

BT_MX = "mx.btinternet.example"
BTB_MX = "mail.btconnect.example"
VM_MX = "mx.virginmedia.example"
OUR_IP = "198.51.100.7"

BT_SPAM = (
    "554 Message rejected, policy (3.2.1.1) - Your message looks like SPAM or has been reported"
    " as SPAM"
)
BT_RATE = f"421 Too many messages (1.5.6.1) from {OUR_IP}"
BT_POLICY = "554 Message rejected for policy reasons (3.2.2.1)"
BT_ENGINE = "451 System policy engine error"
BTB_REPUTATION = f"550 Message rejected due to sender IP reputation ([{OUR_IP}])"
VM_550 = "550 5.2.0 Spam content found"
VM_554 = "554 5.2.0 Spam content found"

BT = "bt"
VM = "virginmedia"
END = "sender|transient|undetermined"


PUBLISHED37_CASES: tuple[Case, ...] = (
    # --- BT Internet ------------------------------------------------------------------------
    _case(
        "bt-policy-3-2-1-1-looks-like-spam",
        BT,
        "en",
        "postfix-dsn",
        BT_BLOG,
        r("a.archer@btinternet.example", BT_SPAM, "5.0.0", SPAM, False, "sender", remote=BT_MX),
        r("b.bishop@btinternet.example", BT_SPAM, "5.0.0", SPAM, False, "sender", remote=BT_MX),
    ),
    _case(
        "bt-policy-3-2-1-1-looks-like-spam-sendmail",
        BT,
        "en",
        "sendmail-dsn",
        BT_BLOG,
        r("c.carter@btinternet.example", BT_SPAM, "5.0.0", SPAM, False, "sender", remote=BT_MX),
    ),
    _case(
        "bt-policy-3-2-1-1-looks-like-spam-exim",
        BT,
        "en",
        "exim-text",
        BT_BLOG,
        r("d.dawson@btinternet.example", BT_SPAM, "", SPAM, False, "sender", remote=BT_MX),
    ),
    _case(
        "bt-too-many-messages-1-5-6-1-delay",
        BT,
        "en",
        "postfix-dsn",
        BT_BLOG,
        _delay("e.ellis@btinternet.example", BT_RATE, "4.0.0", RATE, remote=BT_MX),
    ),
    _case(
        "bt-too-many-messages-1-5-6-1-exim-delay",
        BT,
        "en",
        "exim-delay-text",
        BT_BLOG,
        _delay("f.fisher@btinternet.example", BT_RATE, "", RATE, remote=BT_MX),
    ),
    _case(
        "bt-too-many-messages-1-5-6-1-expired",
        BT,
        "en",
        "postfix-dsn",
        BT_BLOG,
        r("g.gibson@btinternet.example", BT_RATE, "4.0.0", RATE, False, END, remote=BT_MX),
    ),
    _case(
        "bt-policy-reasons-3-2-2-1",
        BT,
        "en",
        "postfix-dsn",
        BT_WTTW,
        r("h.hughes@btinternet.example", BT_POLICY, "5.0.0", POLICY, False, "sender", remote=BT_MX),
        r("i.irving@btinternet.example", BT_POLICY, "5.0.0", POLICY, False, "sender", remote=BT_MX),
    ),
    _case(
        "bt-policy-reasons-3-2-2-1-sendmail",
        BT,
        "en",
        "sendmail-dsn",
        BT_WTTW,
        r("j.jones@btinternet.example", BT_POLICY, "5.0.0", POLICY, False, "sender", remote=BT_MX),
    ),
    _case(
        "bt-system-policy-engine-error-delay",
        BT,
        "en",
        "postfix-dsn",
        BT_HCI,
        _delay("k.knight@btinternet.example", BT_ENGINE, "4.0.0", ENGINE, remote=BT_MX),
    ),
    _case(
        "bt-system-policy-engine-error-expired",
        BT,
        "en",
        "postfix-dsn",
        BT_HCI,
        r("l.lloyd@btinternet.example", BT_ENGINE, "4.0.0", ENGINE, False, END, remote=BT_MX),
    ),
    _case(
        "bt-system-policy-engine-error-exim-delay",
        BT,
        "en",
        "exim-delay-text",
        BT_HCI,
        _delay("m.morgan@btinternet.example", BT_ENGINE, "", ENGINE, remote=BT_MX),
    ),
    # --- BT Business ------------------------------------------------------------------------
    _case(
        "bt-business-sender-ip-reputation",
        BT,
        "en",
        "postfix-dsn",
        BT_BUSINESS,
        r(
            "n.nash@btconnect.example",
            BTB_REPUTATION,
            "5.0.0",
            REPUTATION,
            False,
            "sender",
            remote=BTB_MX,
        ),
    ),
    _case(
        "bt-business-sender-ip-reputation-exim",
        BT,
        "en",
        "exim-text",
        BT_BUSINESS,
        r(
            "o.owen@btconnect.example",
            BTB_REPUTATION,
            "",
            REPUTATION,
            False,
            "sender",
            remote=BTB_MX,
        ),
    ),
    # --- Virgin Media -----------------------------------------------------------------------
    _case(
        "virginmedia-550-spam-content-found",
        VM,
        "en",
        "postfix-dsn",
        VIRGIN,
        r("p.price@virginmedia.example", VM_550, "5.2.0", SPAM, False, "sender", remote=VM_MX),
        r("q.quinn@virginmedia.example", VM_550, "5.2.0", SPAM, False, "sender", remote=VM_MX),
    ),
    _case(
        "virginmedia-554-spam-content-found",
        VM,
        "en",
        "postfix-dsn",
        VIRGIN,
        r("r.reed@virginmedia.example", VM_554, "5.2.0", SPAM, False, "sender", remote=VM_MX),
    ),
    _case(
        "virginmedia-554-spam-content-found-sendmail",
        VM,
        "en",
        "sendmail-dsn",
        VIRGIN,
        r("s.shaw@virginmedia.example", VM_554, "5.2.0", SPAM, False, "sender", remote=VM_MX),
    ),
    _case(
        "virginmedia-550-spam-content-found-exim",
        VM,
        "en",
        "exim-text",
        VIRGIN,
        r("t.turner@virginmedia.example", VM_550, "", SPAM, False, "sender", remote=VM_MX),
    ),
)
