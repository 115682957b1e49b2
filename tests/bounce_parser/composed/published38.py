"""Machine replies that are NOT bounces, and the few real failures wrapped the same way,
thirty-eighth batch (issue #14, judge78): a challenge-response system's confirmation requests
and failure notices, helpdesks' and ticketing systems' automatic acknowledgements, message
disposition notifications (read receipts, "not read" and "deleted" notices), each as the
system that writes it sends it.

Composed and scored before any rule was written for them. Every name and text was grepped in
``bounce_parser/data/phrases/``, ``bounce_parser/*.py`` and
``tests/bounce_parser/composed/*.py`` first: none of TMDA, Boxbe, SpamArrest, Active Spam
Killer, Mailwasher, SaneBox, Request Tracker, osTicket's templates, Zammad, OTRS/Znuny,
Zendesk's trigger text, Thunderbird's or gromox's MDN texts or Exchange's "Read:"/"Not read:"
bodies is carried (published35 left cPanel's BoxTrapper out; Mailman's and Sympa's holds are
carried, published19 and real_list_*, so no list hold is composed again; the one earlier
auto-reply, cases.py's Outlook out-of-office, is a vacation notice). What is composed, each
text as its source writes it:

- TMDA (KevinGoodsell/tmda-fork, the TMDA 1.1 tree): ``tmda/templates/confirm_request.txt``
  ("Please confirm your message": "This message was created automatically by mail delivery
  software (TMDA). Your message attached below is being held because the address <...> has not
  been verified. ... If you do not respond to this confirmation request within ..., your
  message will not be delivered."), sent by ``tmda/TMDA/AutoResponse.py`` as multipart/mixed
  (the text, then our message as message/rfc822, AUTORESPONSE_INCLUDE_SENDER_COPY's default 2,
  or its headers alone as text/rfc822-headers when it is 1) with ``Precedence: bulk``,
  ``Auto-Submitted: auto-replied``, ``X-Delivery-Agent``, In-Reply-To and References, to the
  envelope sender from the null envelope sender (Defaults.py BOUNCE_ENV_SENDER); its failure
  notices ``bounce_expired_dated.txt`` ("You have sent email to an expired dated address."),
  ``bounce_fail_keyword.txt`` ("... an invalid keyword address."), ``bounce_fail_sender.txt``
  ("... an address you are not authorized to use.") and ``bounce_incoming.txt`` ("Message
  rejected by recipient."), each under "Mail delivery failed: returning message to sender" and
  "Your message attached below could not be delivered to one or more of its recipients. This is
  a permanent error. The following address(es) failed:", sent the same way with
  ``Auto-Submitted: auto-generated (failure)`` (two more, a confirmation request and an
  expired dated address's notice as the single text/plain AutoResponse.py writes with
  AUTORESPONSE_INCLUDE_SENDER_COPY = 0, were added after the first score and scored on main's
  parser before any fix for them);
- Request Tracker (bestpractical/rt ``etc/initialdata``, template "Autoreply": "Subject:
  AutoReply: {$Ticket->Subject}", "This message has been automatically generated in response to
  the creation of a trouble ticket regarding: ..."), with the headers
  ``lib/RT/Action/SendEmail.pm`` sets (``Precedence: bulk`` unless the template has one,
  ``X-RT-Loop-Prevention``, ``RT-Ticket``, ``Managed-by``, ``RT-Originator``); and the same
  template from RT 5, whose SendEmail.pm writes ``X-RT-Ticket``/``X-Managed-by`` and whose
  ``$DefaultMailPrecedence`` (RT_Config.pm: "If you set this value to undef then we do not set
  a default Precedence header") is set to undef: an RFC 3834 auto-response with neither
  Precedence nor Auto-Submitted;
- osTicket (osTicket/osTicket ``include/i18n/en_US/templates/email/ticket.autoresp.yaml``,
  "Support Ticket Opened [#%{ticket.number}]", "A request for support has been created and
  assigned #..."), sent with ``include/class.mailer.php``'s autoreply headers (``Precedence:
  auto_reply``, ``X-Autoreply: yes``, ``X-Auto-Response-Suppress: DR, RN, OOF, AutoReply``,
  ``Auto-Submitted: auto-replied``);
- Zammad (zammad/zammad ``db/seeds/triggers.rb``, "auto reply (on new tickets)": "Thanks for
  your inquiry (#{ticket.title})", "Your request (#...) has been received and will be reviewed
  by our support staff."), sent as a System article, so as a notification
  (``app/jobs/ticket_article_communicate_email_job.rb``) with ``Channel::EmailBuild``'s
  notification headers (``X-Loop: yes``, ``Precedence: bulk``, ``Auto-Submitted:
  auto-generated``, ``X-Auto-Response-Suppress: All``) and its multipart/alternative body;
- OTRS/Znuny (Znuny's and OTRS's initial data, auto response "default reply (after new ticket
  has been created)": "RE: <OTRS_CUSTOMER_SUBJECT[24]>", "This is a demo text which is send to
  every inquiry. ... Thanks for your email. A new ticket has been created. ... Have fun with
  Znuny! :-)"; and "default reject (after follow-up and rejected of a closed ticket)": "Your
  email has been rejected! (RE: ...)", "Your previous ticket is closed. -- Your follow-up has
  been rejected. -- Please create a new ticket."), sent with ``Kernel/System/Email.pm``'s loop
  headers (``X-Loop: yes``, ``Precedence: bulk``, ``Auto-Submitted: auto-generated``);
- Zendesk's default trigger "Notify requester of received request" as its API returns it
  (nukosuke/go-zendesk's fixture of the trigger: "[Request received]", "Your request
  ({{ticket.id}}) has been received and is being reviewed by our support staff. To add
  additional comments, reply to this email."); Zendesk documents no header of its own for it,
  so none is written: the text alone;
- MDNs (RFC 8098): Thunderbird's (mozilla releases-comm-central
  ``suite/locales/en-US/chrome/mailnews/msgmdn.properties``: "This is a Return Receipt for the
  mail that you sent to %S.", MsgMdnDisplayed, MsgMdnDenied; ``nsMsgMdnGenerator.cpp``: Subject
  "Return Receipt (displayed) - <subject>", the disposition "manual-action"/"automatic-action" and
  "MDN-sent-manually"/"MDN-sent-automatically" by how it was sent, a third part with our
  headers); gromox's, the Exchange-compatible server (grommunio/gromox
  ``data/notify_bounce/ascii/BOUNCE_NOTIFY_READ`` "Your message has been read!" / "Your message
  has been displayed to ..." and ``BOUNCE_NOTIFY_NON_READ`` "Your message has been deleted!" /
  "Your message has not been displayed to ...", its bounce_producer writing
  "automatic-action/MDN-sent-automatically; displayed" and "manual-action/MDN-sent-
  automatically; deleted", X-Auto-Response-Suppress: All, the text part in base64);
  Exchange's read and not-read notifications (Microsoft KB 136515, "XADM: 'Not Read'
  Notification": "Read: <subject>", "Your message ... was read on ..."; "Not Read: <subject>",
  "... has not yet been read. It has either been deleted or moved to a place where it can no
  longer be tracked. As a result, no further notifications will be sent."; KB 2544246: "Not
  read: <Subject>", "Your message was deleted without being read on <Date, Time>."), carried
  over SMTP as an MDN whose disposition mode is one of the two MAPI documents
  (PidTagReportDispositionMode: "manual-action/MDN-sent-automatically") and whose type is
  "displayed" or "deleted" (MS-OXOMSG PidTagReportDisposition: "deleted: The message was
  erased by the user without being read").

Each goes to our VERP return path: TMDA answers the envelope sender (AutoResponse.py's
recipient); a helpdesk and an MUA answer the address the message names for it (RT's
requestor, Zammad's "article_last_sender", Disposition-Notification-To), which reaches the
bounce processor where it is the return path. Addresses, names, ticket numbers, hosts, dates
and TMDA's version string are composed.

The labelling rule, written before the first score:

- the label is what the source says the message is, never what the parser says;
- a confirmation request, a helpdesk's acknowledgement (even one saying the follow-up "has
  been rejected": Znuny's auto reject answers a message its queue took) and an MDN are not
  bounces: no recipient failed, none is suppressed. A helpdesk's or challenge system's answer
  is labelled ``auto_reply`` (the parser's Kind.AUTO_REPLY, RFC 3834's automatic response), an
  MDN ``not_bounce`` (Kind.NOT_BOUNCE: a report about a delivered message, RFC 8098 section 1),
  whatever its disposition (displayed, denied, deleted by a person or without being read);
  what counts first is that none is read as a bounce and none suppresses;
- TMDA's failure notices are failures ("This is a permanent error"), of the address TMDA
  names: an expired dated address and an invalid keyword address are addresses that will
  never take mail again (TMDA makes them so: a dated address expires, a keyword address's
  cookie does not verify): dead, suppressed, the recipient's (user_unknown, or not_accept,
  suspend, has_moved); "an address you are not authorized to use" is a sender address that
  takes mail from one sender only: our sender is refused, the address lives: the sender's or
  undetermined, not suppressed (rejected, filtered, blocked, policy_violation,
  security_error, not_accept); "Message rejected by recipient." is the owner's incoming filter
  refusing our message: the sender's or undetermined, not suppressed (filtered, rejected,
  blocked, policy_violation, spam_detected); TMDA states no status.

Searched and left out: Boxbe's, SpamArrest's and Mailwasher's notices, SaneBox's and HEY's
screeners (no published text of their own in the pages/docs corpora, only descriptions);
Active Spam Killer's confirmation (askmessage.py sends "Please confirm (conf#<md5>)" with
Precedence: bulk, but its text is the installation's rc_confirm_filenames file, not in the
code index); cPanel BoxTrapper's templates (not in the index as text); Freshdesk, Jira Service
Management, ServiceNow and GLPI acknowledgements (only third-party copies or descriptions
found); the RFC 8098 example MDN (the RFC's text was not retrievable here, so it is not quoted
from memory); "this mailbox is not monitored" no-reply answers (no system's own text found);
osTicket's overlimit notice and message autoresponse (the send options for them were not found
in the index, so their headers could not be written as osTicket writes them).
``build.py`` writes them into ``manifest_published38.json``;
``test_published38_notices.py`` checks them.
"""

from __future__ import annotations

import base64

from build import DATE, RETURN_PATH, Case, Rcpt, original
from build import case as _case
from build import rcpt as r

OUR_MSGID = "<20261203091000.4711@shop.example>"
OUR_BODY = "Our December offers are here: 20% off everything until Sunday.\n"

# --- sources -----------------------------------------------------------------------------

TMDA_REQUEST = (
    "KevinGoodsell/tmda-fork tmda/templates/confirm_request.txt ('Please confirm your message',"
    " 'Your message attached below is being held because the address <...> has not been"
    " verified.'); tmda/TMDA/AutoResponse.py (multipart/mixed, Precedence: bulk,"
    " Auto-Submitted: auto-replied for a request, X-Delivery-Agent); tmda/TMDA/Defaults.py"
    " (AUTORESPONSE_INCLUDE_SENDER_COPY, BOUNCE_ENV_SENDER)"
)
TMDA_FAILURE = (
    "KevinGoodsell/tmda-fork tmda/templates/bounce_{name}.txt ('Mail delivery failed: returning"
    " message to sender', 'This is a permanent error. The following address(es) failed:',"
    " '{text}'); tmda/TMDA/AutoResponse.py (Auto-Submitted: auto-generated (failure) for a"
    " bounce)"
)
RT_AUTOREPLY = (
    "bestpractical/rt etc/initialdata (template Autoreply: 'Subject: AutoReply:"
    " {$Ticket->Subject}', 'This message has been automatically generated in response to the"
    " creation of a trouble ticket regarding:'); lib/RT/Action/SendEmail.pm (Precedence: bulk"
    " unless the template sets one, X-RT-Loop-Prevention, RT-Ticket, Managed-by, RT-Originator)"
)
RT5_AUTOREPLY = (
    "bestpractical/rt etc/initialdata (template Autoreply); RT 5 lib/RT/Action/SendEmail.pm"
    " (X-RT-Loop-Prevention, X-RT-Ticket, X-Managed-by); etc/RT_Config.pm $DefaultMailPrecedence"
    " ('If you set this value to undef then we do not set a default Precedence header')"
)
OSTICKET = (
    "osTicket/osTicket include/i18n/en_US/templates/email/ticket.autoresp.yaml ('Support Ticket"
    " Opened [#%{ticket.number}]', 'A request for support has been created and assigned"
    " #%{ticket.number}.'); include/class.mailer.php (autoreply: Precedence: auto_reply,"
    " X-Autoreply: yes, X-Auto-Response-Suppress, Auto-Submitted: auto-replied)"
)
ZAMMAD = (
    "zammad/zammad db/seeds/triggers.rb ('auto reply (on new tickets)': 'Thanks for your inquiry"
    " (#{ticket.title})', 'has been received and will be reviewed by our support staff.');"
    " app/jobs/ticket_article_communicate_email_job.rb (a System article is a notification);"
    " app/models/channel/email_build.rb (X-Loop, Precedence: bulk, Auto-Submitted:"
    " auto-generated, X-Auto-Response-Suppress: All)"
)
ZNUNY_REPLY = (
    "Znuny/OTRS initial data, auto response 'default reply (after new ticket has been created)'"
    " ('RE: <OTRS_CUSTOMER_SUBJECT[24]>', 'Thanks for your email. A new ticket has been"
    " created.'); Kernel/System/Email.pm (Loop: X-Loop: yes, Precedence: bulk, Auto-Submitted:"
    " auto-generated)"
)
OTRS_REJECT = (
    "OTRS initial data, auto response 'default reject (after follow-up and rejected of a closed"
    " ticket)' ('Your email has been rejected! (RE: <OTRS_CUSTOMER_SUBJECT[24]>)', 'Your previous"
    " ticket is closed. -- Your follow-up has been rejected. --'); Kernel/System/Email.pm (Loop"
    " headers)"
)
ZENDESK = (
    "Zendesk default trigger 'Notify requester of received request' as the API returns it"
    " (nukosuke/go-zendesk fixture: '[Request received]', 'Your request ({{ticket.id}}) has been"
    " received and is being reviewed by our support staff.'); no header of Zendesk's own"
    " documented"
)
THUNDERBIRD = (
    "mozilla releases-comm-central suite/locales/en-US/chrome/mailnews/msgmdn.properties"
    " (MsgMdnMsgSentTo, {key}, Mdn{kind}Receipt); mailnews nsMsgMdnGenerator.cpp (Subject"
    " '<receipt> - <subject>', Disposition '<action-mode>/<sending-mode>; <type>', third part"
    " text/rfc822-headers)"
)
GROMOX = (
    "grommunio/gromox data/notify_bounce/ascii/{file} ('{subject}'); its bounce_producer"
    " (multipart/report disposition-notification, Disposition '{disposition}',"
    " X-Auto-Response-Suppress: All, X-MSExch-Correlation-Key, X-Display-Name)"
)
EXCHANGE = (
    "Microsoft KB {kb} ({what}); PidTagReportDispositionMode ('manual-action/MDN-sent-"
    "automatically'), MS-OXOMSG 2.2.1.34 PidTagReportDisposition ('{type}')"
)

# --- the writers ---------------------------------------------------------------------------


def _head(case: Case, sender: str, subject: str, content_type: str, **kw: str) -> str:
    """Header block of a machine reply: its own Return-Path and fields (``extra['headers']``),
    In-Reply-To/References to our message, to our VERP return path."""
    lines = [
        f"Return-Path: <{case.extra.get('envelope', '')}>",
        f"Date: {DATE}",
        f"From: {sender}",
        f"To: {RETURN_PATH}",
        f"Subject: {subject}",
        f"Message-ID: <composed-{case.name}@{kw.get('host', 'responder.example')}>",
    ]
    if case.extra.get("threaded", "yes") == "yes":
        lines += [f"In-Reply-To: {OUR_MSGID}", f"References: {OUR_MSGID}"]
    lines += [h for h in case.extra.get("headers", "").split("\n") if h]
    lines += [
        f"X-Composed-Source: {case.source}",
        "MIME-Version: 1.0",
        f"Content-Type: {content_type}",
    ]
    return "\n".join(lines) + "\n"


def tmda(case: Case) -> str:
    """TMDA's AutoResponse: multipart/mixed, the template's text and our message (or its
    headers), the template's From/Subject/Reply-To, then the headers AutoResponse.py adds."""
    b = f"===============composed{case.name}=="
    request = case.extra["type"] == "request"
    auto = "auto-replied" if request else "auto-generated (failure)"
    description = "Confirmation Request" if request else "Failure Notice"
    headers = [
        "Precedence: bulk",
        f"Auto-Submitted: {auto}",
        "X-Delivery-Agent: TMDA/1.1.12 (composed)",
    ]
    if request:
        headers.insert(0, f"Reply-To: {case.extra['accept']}")
    case = Case(
        case.name,
        case.provider,
        case.lang,
        case.form,
        case.source,
        case.rcpts,
        {**case.extra, "headers": "\n".join(headers)},
    )
    host = case.rcpts[0].address.split("@")[1]
    if case.extra.get("copy") == "none":
        # AUTORESPONSE_INCLUDE_SENDER_COPY = 0: "A single text/plain entity."
        plain = 'text/plain; charset="us-ascii"'
        head = _head(case, case.extra["from"], case.extra["subject"], plain, host=host)
        return head + "Content-Transfer-Encoding: 7bit\n\n" + case.extra["text"]
    head = _head(
        case,
        case.extra["from"],
        case.extra["subject"],
        f'multipart/mixed; boundary="{b}"',
        host=host,
    )
    if case.extra.get("copy") == "headers":
        copy = (
            'Content-Type: text/rfc822-headers; charset="us-ascii"\n'
            "Content-Description: Original Message Headers\n\n" + original(case.rcpts[0].address)
        )
    else:
        copy = (
            "Content-Type: message/rfc822\nContent-Description: Original Message\n\n"
            + original(case.rcpts[0].address)
            + "\n"
            + OUR_BODY
        )
    return (
        head
        + f'\n--{b}\nContent-Type: text/plain; charset="us-ascii"\nMIME-Version: 1.0\n'
        + f"Content-Transfer-Encoding: 7bit\nContent-Description: {description}\n\n"
        + case.extra["text"]
        + f"\n--{b}\n"
        + copy
        + f"\n--{b}--\n"
    )


def helpdesk(case: Case) -> str:
    """A helpdesk's automatic answer: one text part (plain or HTML) with its own headers."""
    ctype = case.extra.get("ctype", "text/plain")
    return (
        _head(
            case,
            case.extra["from"],
            case.extra["subject"],
            f"{ctype}; charset=utf-8",
            host=case.rcpts[0].address.split("@")[1],
        )
        + "Content-Transfer-Encoding: 8bit\n\n"
        + case.extra["text"]
    )


def zammad(case: Case) -> str:
    """Zammad's Channel::EmailBuild with an HTML body: multipart/alternative, the text made
    from the HTML and the HTML itself."""
    b = f"--==_mimepart_composed_{case.name}"
    head = _head(
        case,
        case.extra["from"],
        case.extra["subject"],
        f'multipart/alternative; boundary="{b}"; charset=UTF-8',
        host=case.rcpts[0].address.split("@")[1],
    )
    return (
        head
        + "Content-Transfer-Encoding: 7bit\n"
        + f"\n--{b}\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n"
        + case.extra["text"]
        + f"\n--{b}\nContent-Type: text/html; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n"
        + case.extra["html"]
        + f"\n--{b}--\n"
    )


def mdn(case: Case) -> str:
    """An RFC 8098 MDN: multipart/report; report-type=disposition-notification, the human
    part, the message/disposition-notification part, and (``extra['third']``) our headers."""
    b = f"composed.mdn.{case.name}"
    x = case.rcpts[0]
    head = _head(
        case,
        case.extra["from"],
        case.extra["subject"],
        f'multipart/report; report-type=disposition-notification;\n\tboundary="{b}"',
        host=x.address.split("@")[1],
    )
    text = case.extra["text"]
    if case.extra.get("base64") == "yes":
        body = base64.encodebytes(text.encode("utf-8")).decode("ascii")
        part1 = f'Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: base64\n\n{body}'
    else:
        part1 = (
            f"Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n{text}\n"
        )
    fields = case.extra["fields"]
    out = (
        head
        + f"\n--{b}\n"
        + part1
        + f"\n--{b}\nContent-Type: message/disposition-notification\n\n"
        + fields
        + "\n"
    )
    if case.extra.get("third") == "yes":
        out += (
            f'\n--{b}\nContent-Type: text/rfc822-headers; name="MDNPart3.txt"\n'
            "Content-Transfer-Encoding: 7bit\nContent-Disposition: inline\n\n" + original(x.address)
        )
    return out + f"\n--{b}--\n"


PUBLISHED38_FORMS = {"tmda": tmda, "helpdesk": helpdesk, "zammad": zammad, "mdn": mdn}

# --- labels ---------------------------------------------------------------------------------


def _reply(address: str) -> Rcpt:
    """A helpdesk's or a challenge system's automatic answer: no failure, nobody suppressed."""
    return r(address, "", "", ("vacation",), False, "undetermined", kind="auto_reply", action="")


def _mdn(address: str) -> Rcpt:
    """An MDN about a delivered message: no failure, nobody suppressed."""
    return r(address, "", "", ("delivered",), False, "undetermined", kind="not_bounce", action="")


DEAD = ("user_unknown", "not_accept", "suspend", "has_moved")
REFUSED_SENDER = (
    "rejected",
    "filtered",
    "blocked",
    "policy_violation",
    "security_error",
    "not_accept",
)
FILTERED = ("filtered", "rejected", "blocked", "policy_violation", "spam_detected")

TMDA_HOST = "tmda-user.example"


def _tmda_request(name: str, user: str, full: str, copy: str) -> Case:
    address = f"{user}@{TMDA_HOST}"
    accept = f"{user}-confirm-accept.1764753005.48213.3f9a2c@{TMDA_HOST}"
    text = (
        "This message was created automatically by mail delivery software (TMDA).\n\n"
        "Your message attached below is being held because the address\n"
        f"<{RETURN_PATH}> has not been verified.\n\n"
        "To release your message for delivery, please send an empty message\n"
        'to the following address, or use your mailer\'s "Reply" feature.\n\n'
        f"   {accept}\n\n"
        "This confirmation verifies that your message is legitimate and not\n"
        "junk-mail. You should only have to confirm your address once.\n\n"
        "If you do not respond to this confirmation request within 14 days,\n"
        "your message will not be delivered.\n"
    )
    return _case(
        name,
        "tmda",
        "en",
        "tmda",
        TMDA_REQUEST,
        _reply(address),
        type="request",
        subject="Please confirm your message",
        text=text,
        accept=accept,
        copy=copy,
        **{"from": f'"{full}" <{address}>'},
    )


def _tmda_failure(
    name: str, template: str, address: str, full: str, words: str, label: Rcpt, copy: str = ""
) -> Case:
    text = (
        "This message was created automatically by mail delivery software (TMDA).\n\n"
        "Your message attached below could not be delivered to one or more of\n"
        "its recipients. This is a permanent error. The following address(es)\n"
        "failed:\n\n"
        f"<{address}>:\n\n"
        f"{words}\n"
    )
    return _case(
        name,
        "tmda",
        "en",
        "tmda",
        TMDA_FAILURE.format(name=template, text=words),
        label,
        type="bounce",
        subject="Mail delivery failed: returning message to sender",
        text=text,
        copy=copy,
        **{"from": f'"{full}" <{address}>'},
    )


def _dead(address: str) -> Rcpt:
    return r(address, "", "", DEAD, True, "recipient")


def _refused(address: str, reasons: tuple[str, ...]) -> Rcpt:
    return r(address, "", "", reasons, False, "sender|undetermined")


EXPIRED = f"k.keller-dated-1764000000.5f2a1c@{TMDA_HOST}"
KEYWORD = f"j.jansen-keyword-offers.8c31d0@{TMDA_HOST}"
SENDER_ONLY = f"h.haas-sender-1a7e42@{TMDA_HOST}"
FILTER_OWNER = f"f.frei@{TMDA_HOST}"
EXPIRED_TEXT_ONLY = f"l.lund-dated-1764100000.9b0e77@{TMDA_HOST}"

TMDA_CASES = (
    _tmda_request("tmda-confirm-request", "t.mahler", "Tom Mahler", "message"),
    _tmda_request("tmda-confirm-request-headers-only", "u.ulrich", "Ute Ulrich", "headers"),
    _tmda_failure(
        "tmda-expired-dated-address",
        "expired_dated",
        EXPIRED,
        "Kai Keller",
        "You have sent email to an expired dated address.",
        _dead(EXPIRED),
    ),
    _tmda_failure(
        "tmda-invalid-keyword-address",
        "fail_keyword",
        KEYWORD,
        "Jan Jansen",
        "You have sent email to an invalid keyword address.",
        _dead(KEYWORD),
    ),
    _tmda_failure(
        "tmda-sender-address-not-authorized",
        "fail_sender",
        SENDER_ONLY,
        "Hanna Haas",
        "You have sent email to an address you are not authorized to use.",
        _refused(SENDER_ONLY, REFUSED_SENDER),
    ),
    _tmda_failure(
        "tmda-rejected-by-incoming-filter",
        "incoming",
        FILTER_OWNER,
        "Fritz Frei",
        "Message rejected by recipient.",
        _refused(FILTER_OWNER, FILTERED),
    ),
    # Added after the first score, scored on main's parser before any fix for them (the
    # docs' judge78 section): AUTORESPONSE_INCLUDE_SENDER_COPY = 0, a single text/plain.
    _tmda_request("tmda-confirm-request-text-only", "v.vogt", "Vera Vogt", "none"),
    _tmda_failure(
        "tmda-expired-dated-address-text-only",
        "expired_dated",
        EXPIRED_TEXT_ONLY,
        "Lars Lund",
        "You have sent email to an expired dated address.",
        _dead(EXPIRED_TEXT_ONLY),
        copy="none",
    ),
)

# --- helpdesks -----------------------------------------------------------------------------

RT_ADDRESS = "support@acme-tools.example"
RT_TEXT = (
    "\nGreetings,\n\n"
    "This message has been automatically generated in response to the\n"
    "creation of a trouble ticket regarding:\n"
    '\t"December offers", \n'
    "a summary of which appears below.\n\n"
    "There is no need to reply to this message right now.  Your ticket has been\n"
    "assigned an ID of [acme-tools.example #4711].\n\n"
    "Please include the string:\n\n"
    "         [acme-tools.example #4711]\n\n"
    "in the subject line of all future correspondence about this issue. To do so, \n"
    "you may reply to this message.\n\n"
    "                        Thank you,\n"
    f"                        {RT_ADDRESS}\n\n"
    "-------------------------------------------------------------------------\n" + OUR_BODY
)
RT5_ADDRESS = "help@acme-cloud.example"
RT5_TEXT = RT_TEXT.replace(RT_ADDRESS, RT5_ADDRESS).replace(
    "acme-tools.example #4711", "acme-cloud.example #90210"
)

OSTICKET_ADDRESS = "help@acme-gadgets.example"
OSTICKET_HTML = (
    "<h3><strong>Dear Shop,</strong></h3>\n"
    "<p>\n"
    "A request for support has been created and assigned #482913.\n"
    "A representative will follow-up with you as soon as possible. You can\n"
    '<a href="https://help.acme-gadgets.example/view.php?t=482913">view this ticket\'s progress\n'
    "online</a>.\n"
    "</p>\n"
    "<br>\n"
    '<div style="color: rgb(127, 127, 127)">\n'
    "Your Acme Gadgets Team,\n"
    "<br>\n\n"
    "</div>\n"
    "<hr>\n"
    '<div style="color: rgb(127, 127, 127); font-size: small; "><em>If you\n'
    "wish to provide additional comments or information regarding the issue,\n"
    'please reply to this email or <a href="https://help.acme-gadgets.example/view.php?t=482913"><span\n'
    'style="color: rgb(84, 141, 212);" >login to your account</span></a> for\n'
    "a complete archive of your support requests.</em></div>\n"
)

ZAMMAD_ADDRESS = "service@acme-devices.example"
ZAMMAD_LINK = "https://service.acme-devices.example/#ticket/zoom/1209"
ZAMMAD_HTML = (
    "<div>Your request <b>(Ticket#26120310000017)</b> has been received and will be reviewed by"
    " our support staff.</div>\n<br/>\n<div>To provide additional information, please reply to"
    " this email or click on the following link (for initial login, please request a new"
    f' password):\n<a href="{ZAMMAD_LINK}">{ZAMMAD_LINK}</a>\n</div>\n<br/>\n<div>Your Acme'
    ' Service Team</div>\n<br/>\n<div><i><a href="https://zammad.com">Zammad</a>, your customer'
    " support system</i></div>\n"
)
ZAMMAD_TEXT = (
    "Your request (Ticket#26120310000017) has been received and will be reviewed by our support"
    " staff.\n\nTo provide additional information, please reply to this email or click on the"
    " following link (for initial login, please request a new password):\n"
    f"{ZAMMAD_LINK}\n\nYour Acme Service Team\n\nZammad, your customer support system\n"
)

ZNUNY_ADDRESS = "support@acme-print.example"
ZNUNY_TEXT = (
    "This is a demo text which is send to every inquiry.\n"
    "It could contain something like:\n\n"
    "Thanks for your email. A new ticket has been created.\n\n"
    "You wrote:\n"
    "> Our December offers are here: 20% off everything until Sunday.\n\n"
    "Your email will be answered by a human ASAP\n\n"
    "Have fun with Znuny! :-)\n\n"
    "Your Znuny Team\n"
)
OTRS_ADDRESS = "service@acme-logistics.example"
OTRS_REJECT_TEXT = (
    "Your previous ticket is closed.\n\n"
    "-- Your follow-up has been rejected. --\n\n"
    "Please create a new ticket.\n\n"
    "Your OTRS Team\n"
)
ZENDESK_ADDRESS = "support@acme-shoes.zendesk.example"
ZENDESK_TEXT = (
    "Your request (31415) has been received and is being reviewed by our support staff.\n\n"
    "To add additional comments, reply to this email.\n"
)

LOOP = "X-Loop: yes\nPrecedence: bulk\nAuto-Submitted: auto-generated"

HELPDESK_CASES = (
    _case(
        "rt-autoreply-new-ticket",
        "request-tracker",
        "en",
        "helpdesk",
        RT_AUTOREPLY,
        _reply(RT_ADDRESS),
        subject="[acme-tools.example #4711] AutoReply: December offers",
        text=RT_TEXT,
        headers=(
            "Precedence: bulk\nX-RT-Loop-Prevention: acme-tools.example\n"
            "RT-Ticket: acme-tools.example #4711\n"
            "Managed-by: RT 4.4.4 (http://www.bestpractical.com/rt/)\n"
            "RT-Originator: news@shop.example"
        ),
        envelope=RT_ADDRESS,
        **{"from": f"Acme Tools Support <{RT_ADDRESS}>"},
    ),
    _case(
        "rt5-autoreply-no-precedence",
        "request-tracker",
        "en",
        "helpdesk",
        RT5_AUTOREPLY,
        _reply(RT5_ADDRESS),
        subject="[acme-cloud.example #90210] AutoReply: December offers",
        text=RT5_TEXT,
        headers=(
            "X-RT-Loop-Prevention: acme-cloud.example\nX-RT-Ticket: acme-cloud.example #90210\n"
            "X-Managed-by: RT 5.0.5 (http://www.bestpractical.com/rt/)"
        ),
        envelope=RT5_ADDRESS,
        **{"from": f"Acme Cloud Help <{RT5_ADDRESS}>"},
    ),
    _case(
        "osticket-ticket-opened",
        "osticket",
        "en",
        "helpdesk",
        OSTICKET,
        _reply(OSTICKET_ADDRESS),
        subject="Support Ticket Opened [#482913]",
        text=OSTICKET_HTML,
        ctype="text/html",
        headers=(
            "Precedence: auto_reply\nX-Autoreply: yes\n"
            "X-Auto-Response-Suppress: DR, RN, OOF, AutoReply\nAuto-Submitted: auto-replied"
        ),
        envelope=OSTICKET_ADDRESS,
        **{"from": f"Acme Gadgets Support <{OSTICKET_ADDRESS}>"},
    ),
    _case(
        "zammad-auto-reply-new-ticket",
        "zammad",
        "en",
        "zammad",
        ZAMMAD,
        _reply(ZAMMAD_ADDRESS),
        subject="Thanks for your inquiry (December offers)",
        text=ZAMMAD_TEXT,
        html=ZAMMAD_HTML,
        headers=(
            f"{LOOP}\nX-Auto-Response-Suppress: All\n"
            "X-Powered-By: Zammad - Helpdesk/Support (https://zammad.org/)\n"
            "X-Mailer: Zammad Mail Service"
        ),
        envelope=ZAMMAD_ADDRESS,
        **{"from": f"Acme Service <{ZAMMAD_ADDRESS}>"},
    ),
    _case(
        "znuny-auto-reply-new-ticket",
        "znuny",
        "en",
        "helpdesk",
        ZNUNY_REPLY,
        _reply(ZNUNY_ADDRESS),
        subject="[Ticket#2026120310000011] RE: December offers",
        text=ZNUNY_TEXT,
        headers=LOOP,
        envelope=ZNUNY_ADDRESS,
        **{"from": f"Acme Print Support <{ZNUNY_ADDRESS}>"},
    ),
    _case(
        "otrs-auto-reject-follow-up",
        "otrs",
        "en",
        "helpdesk",
        OTRS_REJECT,
        _reply(OTRS_ADDRESS),
        subject="Your email has been rejected! (RE: December offers)",
        text=OTRS_REJECT_TEXT,
        headers=LOOP,
        envelope=OTRS_ADDRESS,
        **{"from": f"Acme Logistics Service <{OTRS_ADDRESS}>"},
    ),
    _case(
        "zendesk-request-received",
        "zendesk",
        "en",
        "helpdesk",
        ZENDESK,
        _reply(ZENDESK_ADDRESS),
        subject="[Request received] December offers",
        text=ZENDESK_TEXT,
        envelope=ZENDESK_ADDRESS,
        threaded="no",
        **{"from": f"Acme Shoes <{ZENDESK_ADDRESS}>"},
    ),
)

# --- MDNs ----------------------------------------------------------------------------------


def _fields(address: str, disposition: str, ua: str = "", extra: str = "") -> str:
    lines = [f"Reporting-UA: {ua}"] if ua else []
    lines += [
        f"Final-Recipient: rfc822;{address}",
        f"Original-Message-ID: {OUR_MSGID}",
        f"Disposition: {disposition}",
    ]
    return "\n".join(lines + [x for x in extra.split("\n") if x]) + "\n"


TB_READER = "m.lind@nordmail.example"
TB_DENIER = "o.olsen@nordmail.example"
TB_UA = "laptop.nordmail.example; Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Thunderbird/115.5.0"
TB_DISPLAYED = (
    "Note: This Return Receipt only acknowledges that the message was displayed on the"
    " recipient's computer. There is no guarantee that the recipient has read or understood the"
    " message contents."
)
TB_DENIED = "The recipient of the message does not wish to send a return receipt back to you."

GROMOX_READER = "p.petrov@groupware.example"
GROMOX_DELETER = "r.roth@groupware.example"


def _gromox_text(user: str, displayed: bool) -> str:
    line = "has been displayed to" if displayed else "has not been displayed to"
    return (
        "Hi,\n"
        f'  Your message {line} "{user}".\n\n'
        "Below is the original mail information:\n"
        "   Time:    12/03/26 09:10:00\n"
        "   From:    news@shop.example\n"
        f"   To:      {user}\n"
        "   Subject: December offers\n"
        "   Parts:   \n"
        "   Length:  2K\n"
    )


EX_READER = "l.ortmann@exchange-corp.example"
EX_NOT_READER = "n.nagel@exchange-corp.example"
EX_DELETER = "d.dorn@exchange-corp.example"
EX_MODE = "manual-action/MDN-sent-automatically"

MDN_CASES = (
    _case(
        "thunderbird-return-receipt-displayed",
        "thunderbird",
        "en",
        "mdn",
        THUNDERBIRD.format(key="MsgMdnDisplayed", kind="Displayed"),
        _mdn(TB_READER),
        subject="Return Receipt (displayed) - December offers",
        text=f"This is a Return Receipt for the mail that you sent to {TB_READER}.\n\n{TB_DISPLAYED}\n",
        fields=_fields(TB_READER, "manual-action/MDN-sent-manually; displayed", TB_UA),
        third="yes",
        threaded="no",
        headers=f"References: {OUR_MSGID}",
        envelope=TB_READER,
        **{"from": f"Mia Lind <{TB_READER}>"},
    ),
    _case(
        "thunderbird-return-receipt-denied",
        "thunderbird",
        "en",
        "mdn",
        THUNDERBIRD.format(key="MsgMdnDenied", kind="Denied"),
        _mdn(TB_DENIER),
        subject="Return Receipt (denied) - December offers",
        text=f"This is a Return Receipt for the mail that you sent to {TB_DENIER}.\n\n{TB_DENIED}\n",
        fields=_fields(TB_DENIER, "manual-action/MDN-sent-automatically; denied", TB_UA),
        third="yes",
        threaded="no",
        headers=f"References: {OUR_MSGID}",
        envelope=TB_DENIER,
        **{"from": f"Ola Olsen <{TB_DENIER}>"},
    ),
    _case(
        "gromox-read-notification",
        "gromox",
        "en",
        "mdn",
        GROMOX.format(
            file="BOUNCE_NOTIFY_READ",
            subject="Your message has been read!",
            disposition="automatic-action/MDN-sent-automatically; displayed",
        ),
        _mdn(GROMOX_READER),
        subject="Your message has been read!",
        text=_gromox_text(GROMOX_READER, True),
        base64="yes",
        threaded="no",
        fields=_fields(
            GROMOX_READER,
            "automatic-action/MDN-sent-automatically; displayed",
            extra="X-MSExch-Correlation-Key: Y29tcG9zZWQtcmVhZA==\nX-Display-Name: =?utf-8?b?UGF2ZWwgUGV0cm92?=",
        ),
        headers="X-Auto-Response-Suppress: All",
        envelope=GROMOX_READER,
        **{"from": f'"=?utf-8?b?UGF2ZWwgUGV0cm92?=" <{GROMOX_READER}>'},
    ),
    _case(
        "gromox-non-read-notification",
        "gromox",
        "en",
        "mdn",
        GROMOX.format(
            file="BOUNCE_NOTIFY_NON_READ",
            subject="Your message has been deleted!",
            disposition="manual-action/MDN-sent-automatically; deleted",
        ),
        _mdn(GROMOX_DELETER),
        subject="Your message has been deleted!",
        text=_gromox_text(GROMOX_DELETER, False),
        base64="yes",
        threaded="no",
        fields=_fields(
            GROMOX_DELETER,
            "manual-action/MDN-sent-automatically; deleted",
            extra="X-MSExch-Correlation-Key: Y29tcG9zZWQtZGVsZXRlZA==\nX-Display-Name: =?utf-8?b?UmFpbmVyIFJvdGg=?=",
        ),
        headers="X-Auto-Response-Suppress: All",
        envelope=GROMOX_DELETER,
        **{"from": f'"=?utf-8?b?UmFpbmVyIFJvdGg=?=" <{GROMOX_DELETER}>'},
    ),
    _case(
        "exchange-read-receipt",
        "exchange",
        "en",
        "mdn",
        EXCHANGE.format(
            kb="136515",
            what="'Read: <Original Message Subject>', 'Your message ... was read on ...'",
            type="displayed",
        ),
        _mdn(EX_READER),
        subject="Read: December offers",
        text=(
            "Your message\n\n  To: Lena Ortmann\n  Subject: December offers\n"
            "  Sent: 12/3/2026 9:10 AM\n\nwas read on 12/3/2026 9:42 AM.\n"
        ),
        fields=_fields(EX_READER, f"{EX_MODE}; displayed"),
        threaded="no",
        envelope=EX_READER,
        **{"from": f"Lena Ortmann <{EX_READER}>"},
    ),
    _case(
        "exchange-not-read-notification",
        "exchange",
        "en",
        "mdn",
        EXCHANGE.format(
            kb="136515",
            what="'Not Read: <Original Message Subject>', 'has not yet been read. It has either"
            " been deleted or moved to a place where it can no longer be tracked.'",
            type="deleted",
        ),
        _mdn(EX_NOT_READER),
        subject="Not Read: December offers",
        text=(
            "Your message\n\n  To: Nils Nagel\n  Subject: December offers\n"
            "  Sent: 12/3/2026 9:10 AM\n\n"
            "has not yet been read. It has either been deleted or moved to a place\n"
            "where it can no longer be tracked. As a result, no further\n"
            "notifications will be sent.\n"
        ),
        fields=_fields(EX_NOT_READER, f"{EX_MODE}; deleted"),
        threaded="no",
        envelope=EX_NOT_READER,
        **{"from": f"Nils Nagel <{EX_NOT_READER}>"},
    ),
    _case(
        "exchange-deleted-without-being-read",
        "exchange",
        "en",
        "mdn",
        EXCHANGE.format(
            kb="2544246",
            what="'Subject: Not read: <Subject> Your message was deleted without being read on"
            " <Date, Time>.'",
            type="deleted",
        ),
        _mdn(EX_DELETER),
        subject="Not read: December offers",
        text="Your message was deleted without being read on 12/3/2026 10:02 AM.\n",
        fields=_fields(EX_DELETER, f"{EX_MODE}; deleted"),
        threaded="no",
        envelope=EX_DELETER,
        **{"from": f"Dana Dorn <{EX_DELETER}>"},
    ),
)

PUBLISHED38_CASES = TMDA_CASES + HELPDESK_CASES + MDN_CASES
