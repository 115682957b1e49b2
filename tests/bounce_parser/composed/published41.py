"""Mailing-list managers' replies and notices to a poster, forty-first batch (issue #14,
judge83): ezmlm-idx's refusals as the list host's qmail returns them, ezmlm-idx's, GNU Mailman
2.1's and L-Soft LISTSERV's own notices that fail no address, each as its writer sends it to
our VERP return path.

Composed and scored before any rule was written for them. Every name and text was grepped in
``bounce_parser/data/phrases/``, ``bounce_parser/*.py`` and
``tests/bounce_parser/composed/*.py`` first: none of ezmlm, Mailman 2.1, Majordomo, groups.io,
Lyris or LISTSERV's texts below is carried ("Message body is too big" is, as a Catalan
network's bare 552 in regional_hosters.toml and published16, another writer; Mailman 2.1 writes
it only as a hold reason in the poster's notice here). qmail-local's "Sorry, no mailbox here by
that name. (#5.1.1)" for a list that does not exist on an ezmlm host is carried (qmail.toml,
en_generic.toml): it is used once, beside an ezmlm refusal in the same notice, as the contrast
(the dead list suppressed, the refusal not). What is used:

- ezmlm-idx (bruceg/ezmlm-idx in the code index): ``lang/en_US/messages`` (the texts) with
  ``ezmlm-checksub.c`` (writes TXT_ONLY_SUBSCRIBERS "Sorry, only subscribers may post. If you
  are a subscriber, please forward this message to <#L#>-owner@<#H#> to get your new address
  included." or, with -n, TXT_REJECT_POSTS "Sorry, I've been told to reject your posts.
  Contact <#L#>-owner@<#H#> if you have questions about this." on standard output and exits
  100, no prefix) and ``bin/ezmlm-reject.c`` (FATAL "ezmlm-reject: fatal: " before
  ERR_MAX_SIZE "Sorry, I don't accept messages larger than <#1#> bytes (#5.2.3)", ERR_BAD_TYPE
  "Sorry, I don't accept messages of MIME Content-Type '<#1#>' (#5.2.3)", ERR_BAD_PART "Sorry, a
  message part has an unacceptable MIME Content-Type: '<#1#>' (#5.2.3)", ERR_NO_ADDRESS "List
  address must be in To: or Cc: (#5.7.0)", ERR_MAILING_LIST "message already has a
  Mailing-List header (maybe I should be a sublist) (#5.7.2)" for a header listed in the
  list's headerreject, exit 100). Exit 100 is qmail-local's permanent failure: the list host's
  qmail-send returns the program's words under the list's address (published6's
  ``qmail-local-text`` layout). ezmlm's own texts to the poster, each no failure:
  ``lang/en_US/text/post-confirm`` (subject SUB_CONFIRM_POST "Confirm post to <#L#>@<#H#>"),
  ``text/mod-reject`` and ``text/mod-timeout`` (subject SUB_RETURNED_POST "Returned post for
  <#L#>@<#H#>"), with TXT_MAILING_LIST's "Mailing-List: contact <#L#>-help@<#H#>; run by ezmlm"
  and From the list's -owner address (``hdr_from("-owner")`` in ezmlm-store and
  ezmlm-moderate; first composed as -help, corrected before the first recorded score).
- GNU Mailman 2.1 (jaredmauch/mailman2-python3 carries its 2.1 texts):
  ``Mailman/Handlers/Hold.py`` (hold reasons "Post to moderated list", "Post by non-member to a
  members-only list", "Message body is too big: %(size)d bytes with a limit of %(limit)d KB",
  "Message has implicit destination", "Message has a suspicious header";
  the poster's notice, subject "Your message to %(listname)s awaits moderator approval", from
  the list's -owner address, text ``templates/en/postheld.txt`` as mailman's own doctest of
  Hold.py prints it: "Your mail to '...' with the subject ... Is being held until the list
  moderator can review it for approval. The reason it is being held: ... Either the message
  will get posted to the list, or you will receive notification of the moderator's decision.
  If you would like to cancel this posting, please visit the following URL: ..."),
  ``Mailman/Handlers/Moderate.py`` (do_reject's default "Your message has been rejected,
  probably because you are not subscribed to the mailing list and the list's policy is to
  prohibit non-members from posting to it.  If you think that your messages are being rejected
  in error, contact the mailing list owner at %(listowner)s."), sent by ``MailList.py``
  BounceMessage: the poster's own subject, from the -owner address, multipart/mixed with the
  notice and the post attached.
- L-Soft LISTSERV: the list owner's FAQ (www.lsoft.com/manuals/owner-faq.stm, item 1,
  "Distribution postponed because list is held", mirrored at
  softbusiness.me/1distributionpostponedbecauselis.html) quotes the reply: "The distribution of
  your message dated <date> with subject "<subject>" has been postponed because the <LIST> list
  is held. No action is required from you; your message will be reprocessed automatically once
  the list owner releases the list." The FAQ gives neither the notice's Subject nor its From:
  the From is LISTSERV's command address; the Subject here is the poster's own (composed).

The notices' hosts, list names, sizes and cookies are composed; the original message is ours.

The labelling rule, written before the first score:

- the label is the meaning the writer's own source gives the words (the program that exits 100
  and why, the template's branch), then RFC 3463, never what the parser says;
- a dead address (suppress) only where the words say it does not exist: qmail-local's "no
  mailbox here by that name" for a list address (5.1.1: user_unknown, party recipient);
- a post refused because its sender is not a subscriber or is on the list's deny list (ezmlm's
  "only subscribers may post", "told to reject your posts") is the sender's: our return path
  is not subscribed; never suppressed (policy_violation and its neighbours, party sender);
- a post refused for its form (too large: mesg_too_big / exceed_limit; a MIME type the list
  refuses; the list's address not in To: or Cc:; a header the list refuses such as our
  List-Unsubscribe or Mailing-List) is the sender's message, never suppressed, party sender;
- the status is the one the notice states: ezmlm writes "(#5.x.y)" in its words (qmail's
  convention, RFC 3463 codes), stated for those; ezmlm-checksub's texts and qmail-local's
  notice state none otherwise, so those stay unlabelled ("");
- a list manager's own notice to the poster is not a failure of any address we sent to (as
  published19 and published31 labelled Mailman 3's and Sympa's, test_list_notices mlmmj's):
  a hold for moderation (Mailman 2.1's three hold reasons), a post waiting for the poster's
  confirmation (ezmlm's post-confirm), the moderator's refusal or timeout (ezmlm's mod-reject
  and mod-timeout), Mailman 2.1's rejection of a non-member's post (its BounceMessage is a
  notice with the post attached, no delivery-status part, no failed address), LISTSERV's
  "postponed because the list is held": no failed recipient, nothing suppressed, and the
  parser must report none.

Searched and left out: LISTSERV's "You are not authorized to send mail to the <list> list from
your <address> account" (universities' help pages paraphrase it; no page in the index quotes
the whole text), "Unknown list name" (no page found); Majordomo 1.94/2's replies (the poster
gets nothing from 1.94's resend, the approval bounce goes to the approver; no Majordomo 2 text
in the index); groups.io's and Lyris ListManager's texts to a poster (only their help pages on
holding members' bounces, which are notices to a member, not to a poster, were found);
ezmlm-reject's "Sorry, I don't accept message with empty Subject" and the subject-command
refusal (our subject is never empty and never a command); ezmlm-store's ERR_NO_POST (not read
in the time there was). ``build.py`` writes them into ``manifest_published41.json``;
``test_published41_notices.py`` checks them.
"""

from __future__ import annotations

from build import DATE, RETURN_PATH, Case, Rcpt, original
from build import case as _case
from build import rcpt as r

# --- sources ---------------------------------------------------------------------------------

EZMLM_CHECKSUB = (
    "bruceg/ezmlm-idx ezmlm-checksub.c (prints TXT_ONLY_SUBSCRIBERS, or TXT_REJECT_POSTS with"
    " -n, and exits 100) and lang/en_US/messages ('Sorry, only subscribers may post. If you are a"
    " subscriber, please forward this message to <#L#>-owner@<#H#> to get your new address"
    " included.' / 'Sorry, I've been told to reject your posts. Contact <#L#>-owner@<#H#> if you"
    " have questions about this.'); the list host's qmail-send returns it"
)
EZMLM_REJECT = (
    "bruceg/ezmlm-idx bin/ezmlm-reject.c (FATAL 'ezmlm-reject: fatal: ', exit 100) and"
    " lang/en_US/messages (ERR_MAX_SIZE 'Sorry, I don't accept messages larger than <#1#> bytes"
    " (#5.2.3)', ERR_BAD_TYPE 'Sorry, I don't accept messages of MIME Content-Type '<#1#>'"
    " (#5.2.3)', ERR_BAD_PART 'Sorry, a message part has an unacceptable MIME Content-Type:"
    " '<#1#>' (#5.2.3)', ERR_NO_ADDRESS 'List address must be in To: or Cc: (#5.7.0)',"
    " ERR_MAILING_LIST"
    " 'message already has a Mailing-List header (maybe I should be a sublist) (#5.7.2)'); the"
    " list host's qmail-send returns it"
)
QMAIL_NO_MAILBOX = "qmail-local.c: 'Sorry, no mailbox here by that name. (#5.1.1)'"
EZMLM_TEXTS = (
    "bruceg/ezmlm-idx lang/en_US/text/{name} with lang/en_US/messages ({subject_key},"
    " TXT_MAILING_LIST 'contact <#L#>-help@<#H#>; run by ezmlm')"
)
MAILMAN_HOLD = (
    "GNU Mailman 2.1 Mailman/Handlers/Hold.py (reason '{reason}'; subject 'Your message to"
    " %(listname)s awaits moderator approval', from the list's owner address) and"
    " templates/en/postheld.txt, as jaredmauch/mailman2-python3 carries them and mailman's"
    " Hold.py doctest prints the notice"
)
MAILMAN_REJECT = (
    "GNU Mailman 2.1 Mailman/Handlers/Moderate.py do_reject ('Your message has been rejected,"
    " probably because you are not subscribed to the mailing list and the list's policy is to"
    " prohibit non-members from posting to it.  If you think that your messages are being"
    " rejected in error, contact the mailing list owner at %(listowner)s.') sent by MailList.py"
    " BounceMessage (the post's subject, multipart/mixed, the post attached), as"
    " jaredmauch/mailman2-python3 carries them"
)
LISTSERV_HELD = (
    "http://www.lsoft.com/manuals/owner-faq.stm item 1 (mirrored at"
    " http://softbusiness.me/1distributionpostponedbecauselis.html): 'The distribution of your"
    ' message dated <date> with subject "<subject>" has been postponed because the <LIST> list'
    " is held. No action is required from you; your message will be reprocessed automatically"
    " once the list owner releases the list.' (Subject composed: the FAQ gives none)"
)

ONLY_SUBS = ("policy_violation", "rejected", "blocked", "not_accept", "security_error")
DENIED = ("blocked", "policy_violation", "rejected", "not_accept")
BIG = ("mesg_too_big", "exceed_limit")
MIME = ("content_error", "policy_violation", "rejected", "not_compliant_rfc")
FORM = ("policy_violation", "not_compliant_rfc", "content_error", "rejected")
U = ("user_unknown",)

EZ_HOST = "lists.verein-beispiel.example"
EZ2_HOST = "liste.club-exemple.example"
MM_HOST = "lists.society-example.example"
LSV_HOST = "LISTSERV.UNI-BEISPIEL.EXAMPLE"


def _only_subscribers(local: str, host: str) -> str:
    return (
        "Sorry, only subscribers may post. If you are a subscriber, please forward this message"
        f" to {local}-owner@{host} to get your new address included."
    )


def _told_to_reject(local: str, host: str) -> str:
    return (
        f"Sorry, I've been told to reject your posts. Contact {local}-owner@{host} if you have"
        " questions about this."
    )


def _ez(
    address: str, reply: str, status: str, reasons: tuple[str, ...], hard: bool, party: str
) -> Rcpt:
    return r(address, reply, status, reasons, hard, party, remote=address.split("@")[1], stage="")


# --- the list managers' own notices: no failure ----------------------------------------------


def list_notice(case: Case) -> str:
    """A list manager's own message to the poster: ``extra`` gives its envelope sender
    (``return_path``), From, Subject, further header fields (``fields``, one per line) and its
    text; with ``attach`` set the post is attached (multipart/mixed) as Mailman 2.1's
    BounceMessage and ezmlm's returned posts carry it."""
    x = case.extra
    head = (
        f"Return-Path: <{x['return_path']}>\n"
        f"Date: {DATE}\n"
        f"From: {x['from']}\n"
        f"To: {RETURN_PATH}\n"
        f"Subject: {x['subject']}\n"
        f"Message-ID: <composed-{case.name}@{x['host']}>\n"
        + "".join(f"{f}\n" for f in x.get("fields", "").split("|") if f)
        + f"X-Composed-Source: {case.source}\n"
        "MIME-Version: 1.0\n"
    )
    if not x.get("attach"):
        return head + "Content-Type: text/plain; charset=us-ascii\n\n" + x["text"]
    b = f"===============composed-{case.name}=="
    return (
        head + f'Content-Type: multipart/mixed; boundary="{b}"\n\n'
        f"--{b}\nContent-Type: text/plain; charset=us-ascii\n\n{x['text']}\n"
        f"--{b}\nContent-Type: message/rfc822\n\n"
        + original(x["list"])
        + "\nOur December news.\n\n"
        + f"--{b}--\n"
    )


PUBLISHED41_FORMS = {"list-notice": list_notice}


def _postheld(listname: str, reason: str, cookie: str) -> str:
    return (
        f"Your mail to '{listname}' with the subject\n\n    December offers\n\n"
        "Is being held until the list moderator can review it for approval.\n\n"
        f"The reason it is being held:\n\n    {reason}\n\n"
        "Either the message will get posted to the list, or you will receive\n"
        "notification of the moderator's decision.  If you would like to cancel\n"
        "this posting, please visit the following URL:\n\n"
        f"    http://{MM_HOST}/mailman/confirm/{listname.lower()}/{cookie}\n\n"
    )


def _mailman_fields(local: str) -> str:
    return (
        f"X-BeenThere: {local}@{MM_HOST}|X-Mailman-Version: 2.1.39|Precedence: list"
        f"|List-Id: <{local}.{MM_HOST}>|X-List-Administrivia: yes"
    )


def _mailman_held(name: str, listname: str, reason: str, cookie: str) -> Case:
    local = listname.lower()
    return _case(
        name,
        "mailman2",
        "en",
        "list-notice",
        MAILMAN_HOLD.format(reason=reason.split(":")[0]),
        return_path=f"{local}-bounces@{MM_HOST}",
        host=MM_HOST,
        **{"from": f"{local}-owner@{MM_HOST}"},
        subject=f"Your message to {listname} awaits moderator approval",
        fields=_mailman_fields(local),
        text=_postheld(listname, reason, cookie),
    )


def _ezmlm_text(name: str, text_file: str, subject_key: str, local: str, text: str) -> Case:
    return _case(
        name,
        "ezmlm",
        "en",
        "list-notice",
        EZMLM_TEXTS.format(name=text_file, subject_key=subject_key),
        return_path=f"{local}-return-@{EZ_HOST}",
        host=EZ_HOST,
        **{"from": f"{local}-owner@{EZ_HOST}"},
        subject=(
            f"Confirm post to {local}@{EZ_HOST}"
            if subject_key == "SUB_CONFIRM_POST"
            else f"Returned post for {local}@{EZ_HOST}"
        ),
        fields=f"Mailing-List: contact {local}-help@{EZ_HOST}; run by ezmlm",
        text=text,
        attach="1",
        list=f"{local}@{EZ_HOST}",
    )


POST_CONFIRM = (
    "It seems you have submitted the enclosed message to the\n"
    f"vorstand@{EZ_HOST} mailing list.\n"
    "To prevent mailing list abuse, every sender must confirm its own\n"
    "posts. If you'd like to confirm distribution to your message to\n"
    "all the subscribers, please e-mail:\n\n"
    f"vorstand-confirm-1733217245.4711.kfmlbhcgmoheajbdpjln@{EZ_HOST}\n\n"
    'Usually, this happens when you just hit the "reply" button. You can\n'
    "check the address to make sure that it starts with\n"
    '"vorstand-confirm". If this does not work, simply\n'
    'copy the address and paste it into the "To:" field of a new message.\n\n'
    "Alternatively, click here:\n"
    f"       mailto:vorstand-confirm-1733217245.4711.kfmlbhcgmoheajbdpjln@{EZ_HOST}\n\n"
    "If you don't confirm post, simply ignore this message.\n\n"
    "--- Enclosed, please find the posted message.\n"
)
MOD_REJECT = (
    "I'm sorry, your message (enclosed) was not accepted by the moderator.\n"
    "If the moderator has made any comments, they are shown below.\n\n"
    "Please post club news only.\n"
)
MOD_TIMEOUT = (
    "I'm sorry, the list moderators for the mitglieder list\n"
    "have failed to act on your post. Thus, I'm returning it to you.\n"
    "If you feel that this is in error, please repost the message\n"
    "or contact a list moderator directly.\n\n"
    "--- Enclosed, please find the message you sent.\n"
)
MAILMAN_REJECTED = (
    "Your message has been rejected, probably because you are not subscribed\n"
    "to the mailing list and the list's policy is to prohibit non-members\n"
    "from posting to it.  If you think that your messages are being rejected\n"
    f"in error, contact the mailing list owner at members-owner@{MM_HOST}.\n"
)
LISTSERV_TEXT = (
    "The distribution of your message dated Thu, 03 Dec 2026 09:10:00 +0000 with\n"
    'subject "December offers" has been postponed because the NEWS-L list is held. No\n'
    "action is required from you; your message will be reprocessed automatically once\n"
    "the list owner releases the list.\n"
)


PUBLISHED41_CASES: tuple[Case, ...] = (
    # --- ezmlm-idx's refusals, returned by the list host's qmail -------------------------------
    _case(
        "ezmlm-only-subscribers-may-post",
        "ezmlm",
        "en",
        "qmail-local-text",
        EZMLM_CHECKSUB,
        _ez(
            f"vorstand@{EZ_HOST}",
            _only_subscribers("vorstand", EZ_HOST),
            "",
            ONLY_SUBS,
            False,
            "sender",
        ),
        mta=EZ_HOST,
    ),
    _case(
        "ezmlm-only-subscribers-two-lists",
        "ezmlm",
        "en",
        "qmail-local-text",
        EZMLM_CHECKSUB,
        _ez(
            f"mitglieder@{EZ_HOST}",
            _only_subscribers("mitglieder", EZ_HOST),
            "",
            ONLY_SUBS,
            False,
            "sender",
        ),
        _ez(
            f"jugend@{EZ_HOST}",
            _only_subscribers("jugend", EZ_HOST),
            "",
            ONLY_SUBS,
            False,
            "sender",
        ),
        mta=EZ_HOST,
    ),
    _case(
        "ezmlm-only-subscribers-beside-dead-list",
        "ezmlm",
        "en",
        "qmail-local-text",
        EZMLM_CHECKSUB + "; " + QMAIL_NO_MAILBOX,
        _ez(
            f"annonces@{EZ2_HOST}",
            _only_subscribers("annonces", EZ2_HOST),
            "",
            ONLY_SUBS,
            False,
            "sender",
        ),
        _ez(
            f"ancienne-liste@{EZ2_HOST}",
            "Sorry, no mailbox here by that name. (#5.1.1)",
            "5.1.1",
            U,
            True,
            "recipient",
        ),
        mta=EZ2_HOST,
    ),
    _case(
        "ezmlm-told-to-reject-your-posts",
        "ezmlm",
        "en",
        "qmail-local-text",
        EZMLM_CHECKSUB,
        _ez(
            f"presse@{EZ2_HOST}",
            _told_to_reject("presse", EZ2_HOST),
            "",
            DENIED,
            False,
            "sender",
        ),
        mta=EZ2_HOST,
    ),
    _case(
        "ezmlm-reject-messages-larger-than",
        "ezmlm",
        "en",
        "qmail-local-text",
        EZMLM_REJECT,
        _ez(
            f"termine@{EZ_HOST}",
            "ezmlm-reject: fatal: Sorry, I don't accept messages larger than 30000 bytes (#5.2.3)",
            "5.2.3",
            BIG,
            False,
            "sender",
        ),
        mta=EZ_HOST,
    ),
    _case(
        "ezmlm-reject-mime-content-type",
        "ezmlm",
        "en",
        "qmail-local-text",
        EZMLM_REJECT,
        _ez(
            f"diskussion@{EZ_HOST}",
            "ezmlm-reject: fatal: Sorry, I don't accept messages of MIME Content-Type"
            " 'multipart/alternative' (#5.2.3)",
            "5.2.3",
            MIME,
            False,
            "sender",
        ),
        mta=EZ_HOST,
    ),
    _case(
        "ezmlm-reject-list-address-not-in-to-cc",
        "ezmlm",
        "en",
        "qmail-local-text",
        EZMLM_REJECT,
        _ez(
            f"discussion@{EZ2_HOST}",
            "ezmlm-reject: fatal: List address must be in To: or Cc: (#5.7.0)",
            "5.7.0",
            FORM,
            False,
            "sender",
        ),
        mta=EZ2_HOST,
    ),
    _case(
        "ezmlm-reject-mailing-list-header",
        "ezmlm",
        "en",
        "qmail-local-text",
        EZMLM_REJECT,
        _ez(
            f"rundbrief@{EZ_HOST}",
            "ezmlm-reject: fatal: message already has a Mailing-List header (maybe I should be"
            " a sublist) (#5.7.2)",
            "5.7.2",
            FORM,
            False,
            "sender",
        ),
        _ez(
            f"info@{EZ_HOST}",
            "ezmlm-reject: fatal: message already has a Mailing-List header (maybe I should be"
            " a sublist) (#5.7.2)",
            "5.7.2",
            FORM,
            False,
            "sender",
        ),
        mta=EZ_HOST,
    ),
    _case(
        "ezmlm-reject-message-part-content-type",
        "ezmlm",
        "en",
        "qmail-local-text",
        EZMLM_REJECT,
        _ez(
            f"forum@{EZ2_HOST}",
            "ezmlm-reject: fatal: Sorry, a message part has an unacceptable MIME Content-Type:"
            " 'text/html' (#5.2.3)",
            "5.2.3",
            MIME,
            False,
            "sender",
        ),
        mta=EZ2_HOST,
    ),
    # --- ezmlm's own texts to the poster: no failure -------------------------------------------
    _ezmlm_text(
        "ezmlm-post-confirm-request", "post-confirm", "SUB_CONFIRM_POST", "vorstand", POST_CONFIRM
    ),
    _ezmlm_text(
        "ezmlm-returned-post-moderator-reject",
        "mod-reject",
        "SUB_RETURNED_POST",
        "mitglieder",
        MOD_REJECT,
    ),
    _ezmlm_text(
        "ezmlm-returned-post-moderator-timeout",
        "mod-timeout",
        "SUB_RETURNED_POST",
        "mitglieder",
        MOD_TIMEOUT,
    ),
    # --- Mailman 2.1's notices to the poster: no failure ---------------------------------------
    _mailman_held(
        "mailman21-held-non-member",
        "Members",
        "Post by non-member to a members-only list",
        "6f1c0e9d2b7a4c58e3f0a1b2c3d4e5f60718293a",
    ),
    _mailman_held(
        "mailman21-held-moderated-list",
        "Announce",
        "Post to moderated list",
        "0a9b8c7d6e5f40312f1e0d9c8b7a69584736251a",
    ),
    _mailman_held(
        "mailman21-held-message-body-too-big",
        "Discuss",
        "Message body is too big: 61440 bytes with a limit of 40 KB",
        "b1c2d3e4f5061728394a5b6c7d8e9f0a1b2c3d4e",
    ),
    _mailman_held(
        "mailman21-held-implicit-destination",
        "Newsletter",
        "Message has implicit destination",
        "5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7081",
    ),
    _mailman_held(
        "mailman21-held-suspicious-header",
        "Board",
        "Message has a suspicious header",
        "c0ffee0123456789abcdef0123456789abcdef01",
    ),
    _case(
        "mailman21-rejected-non-member",
        "mailman2",
        "en",
        "list-notice",
        MAILMAN_REJECT,
        return_path=f"members-bounces@{MM_HOST}",
        host=MM_HOST,
        **{"from": f"members-owner@{MM_HOST}"},
        subject="December offers",
        fields=_mailman_fields("members"),
        text=MAILMAN_REJECTED,
        attach="1",
        list=f"members@{MM_HOST}",
    ),
    # --- LISTSERV: the list is held, the post postponed: no failure ---------------------------
    _case(
        "listserv-distribution-postponed-list-held",
        "listserv",
        "en",
        "list-notice",
        LISTSERV_HELD,
        return_path="",
        host=LSV_HOST,
        **{
            "from": f'"L-Soft list server at {LSV_HOST} (16.0)" <LISTSERV@{LSV_HOST}>',
        },
        subject="December offers",
        text=LISTSERV_TEXT,
    ),
)
