"""Privacy relays and alias services not yet carried, forty-third batch (issue #14, judge85):
Apple's iCloud Hide My Email and Sign in with Apple's private email relay, each reply wrapped
in the notice the side that writes it would send.

A privacy relay hands out an address of its own (an iCloud "Hide My Email" address at
icloud.com, a Sign in with Apple address at privaterelay.appleid.com) that forwards to the
user's real inbox. OUR recipient is that relay address. Apple's support page for Hide My Email
(support.apple.com, "Stop using, reactivate or delete Hide My Email addresses on iCloud.com")
says that once the user stops using such an address "any emails sent to that address will be
returned to the sender"; Sign in with Apple's relay further accepts mail only from the sender
domains and addresses the app's developer registered with Apple.

Composed and scored before any rule was written for them. Every name and text was grepped in
``bounce_parser/data/phrases/`` and ``tests/bounce_parser/composed/*.py`` first and a text was
dropped where its words were already carried: the private relay's "550 5.1.1 <...>: user not
found" (sisimai/go-sisimai issue #155, a maillog of Hide My Email; "user not found" is carried
by providers.toml and published9/11/21), iCloud's "552 5.2.2 <...>: user is over quota"
(published22), "unknown or illegal alias" (published12/17/21), "[CS01] Message rejected due to
local policy" and "deferred due to excessive volume" (published3), Fastmail's "Address locked
or deactivated" (published9) and its old "554 5.0.0 Unexpected internal error" for an unknown
user (published15). What is left:

- Apple iCloud Mail, as sisimai/go-sisimai ``rhost/for-apple.go`` quotes its replies in its
  comments: "550 5.1.1 <addr>: inactive email address (in reply to RCPT TO command)" (an
  address the user stopped using: Sisimai files it under userunknown), "550 5.1.6 recipient
  no longer on server: <addr>" (Sisimai: hasmoved), and "554 5.7.1 [HME1] This message was
  blocked for failing both SPF and DKIM authentication checks. See
  https://support.apple.com/en-us/HT204137 for mailing best practices" (Sisimai: authfailure);
- Sign in with Apple's private email relay: "550 5.1.1 <our envelope sender>: unauthorized
  sender" from smtp3.privaterelay.appleid.com (developer.apple.com/forums/thread/798226, a
  Mailgun delivery log: "Private Relay emails bounced as 'Unauthorized Sender'", the sender's
  domain not accepted by the relay; the log names no SMTP command, the stage here is
  composed), "5.7.1 Email rejected due to transformation error" (suped.com, "What causes
  '5.7.1 Email rejected due to transformation error' bounces from Apple's
  privaterelay.appleid.com", quoting Email Geeks: the relay failed to turn the relay address
  into the user's real one, because the sender's domain is not registered, because the user
  revoked the address, or Apple's own trouble; the page quotes no basic reply code, 550 is
  composed), and "550 5.1.1 bad mailbox name" (getwisely.zendesk.com, "Configuring Sign in with
  Apple for Private Email Relay Email Delivery": the error a sender receives who has not
  configured its sending as Apple requires).

The notices: our Postfix's bounce(8) notices (``postfix-dsn``), Exim's plain notice, Sendmail's
notice quoting the remote reply. Addresses and the relay hosts' IPs are composed; the relay
hosts' names are the ones the sources name (mx01.mail.icloud.com is composed).

The labelling rule, written before the first score:

- the label is whose state the words describe, as the source says where it quotes them, then
  RFC 3463/5248 and RFC 5321; never what the parser says;
- the relay address is OUR recipient. An address the relay says is inactive (iCloud's
  "inactive email address": Apple's page says mail to an address the user stopped using is
  returned) or no longer on the server (X.1.6, RFC 3463 "destination mailbox has moved" with
  no forwarding address) is dead: hard, the recipient's, suppressed (user_unknown, has_moved);
- the relay's checks on US are the sender's and never suppress, whatever the status code
  says: our message failing SPF and DKIM ([HME1]), our envelope sender not registered with the
  relay ("unauthorized sender", which quotes OUR envelope sender, though its code is 5.1.1),
  and "bad mailbox name" as the page that quotes it explains it (the sender's configuration
  with Apple, not the recipient's mailbox); so the rule follows the source, and a parser that
  reads "bad mailbox name" as a dead mailbox suppresses a good address;
- "transformation error" has three causes in its source on two sides (our registration, the
  user revoking the address, Apple's service): never suppressed, whose fault undetermined or
  ours, never the recipient's alone;
- the status is the one the notice states (Postfix and Sendmail: the reply's enhanced code;
  Exim's plain notices state none, so those stay unlabelled).

Searched and left out (no reply text in the corpora, or none at all): Firefox Relay (Mozilla's
fx-private-relay receives through Amazon SES; its issue #79 "When a user deletes an address,
hard bounce it" left the hard bounce of deleted masks undone and was closed in 2024, and
Sisimai's issue #169 "Firefox Relay" still asks for an SMTP error message; the support pages
describe blocking and deleting masks but no reply); DuckDuckGo Email Protection (pages describe
deactivating a Duck Address, no reply text); Fastmail's masked email (its developer page and
the JMAP MaskedEmail type say only that mail to a deleted address "is bounced"); Proton's
hide-my-email aliases (Proton's support pages describe creating, disabling and deleting
them, no reply); 33mail, Porkbun's and Namecheap's email forwarding (no reply text found; Namecheap's
SRS page is about the target refusing forwarded mail); Apple's Hide My Email "user not found"
and the other carried texts above.
``build.py`` writes them into ``manifest_published43.json``;
``test_published43_notices.py`` checks them.
"""

from __future__ import annotations

from build import RETURN_PATH, Case
from build import case as _case
from build import rcpt as r

# --- sources ---------------------------------------------------------------------------------

APPLE_SISIMAI = (
    "sisimai/go-sisimai rhost/for-apple.go (comments: '550 5.1.1 <****@icloud.com>: inactive"
    " email address (in reply to RCPT TO command)' userunknown; '550 5.1.6 recipient no longer"
    " on server: *****@icloud.com' hasmoved; '554 5.7.1 [HME1] This message was blocked for"
    " failing both SPF and DKIM authentication checks. See https://support.apple.com/en-us/"
    "HT204137 for mailing best practices' authfailure); https://support.apple.com/guide/"
    "icloud/stop-using-or-reactivate-addresses-mm3adb030cbf/icloud (mail to an address no"
    " longer used is returned to the sender)"
)
APPLE_UNAUTHORIZED = (
    "https://developer.apple.com/forums/thread/798226 (Private Relay emails bounced as"
    " 'Unauthorized Sender': code 550, enhanced-code 5.1.1, message '5.1.1 <bounce+...@"
    "test.x.domain.com>: unauthorized sender', mx-host smtp3.privaterelay.appleid.com)"
)
APPLE_TRANSFORMATION = (
    "https://www.suped.com/knowledge/email-deliverability/troubleshooting/what-causes-571-email-"
    "rejected-due-to-transformation-error-bounces-from-apples-privaterelayapple ('5.7.1 Email"
    " rejected due to transformation error' from privaterelay.appleid.com: sender domain not"
    " registered, relay address revoked or disabled, or Apple's server-side issues)"
)
APPLE_BAD_MAILBOX = (
    "https://getwisely.zendesk.com/hc/en-us/articles/35827501331483-Configuring-Sign-in-with-"
    "Apple-for-Private-Email-Relay-Email-Delivery (failure to adhere to Apple's sender"
    " requirements results in bounced messages to the private relay addresses, 'indicated by"
    ' the error message "550 5.1.1 bad mailbox name."\')'
)

# --- the reasons a label accepts, the first the label's own ---------------------------------

INACTIVE = ("user_unknown", "suspend", "not_accept", "has_moved")
MOVED = ("has_moved", "user_unknown", "not_accept")
AUTH = ("auth_failure", "policy_violation", "rejected", "security_error", "spam_detected")
UNAUTHORIZED = ("rejected", "auth_failure", "policy_violation", "blocked", "security_error")
TRANSFORMATION = (
    "undefined",
    "rejected",
    "policy_violation",
    "system_error",
    "mailer_error",
    "security_error",
    "auth_failure",
)
SENDER_CONFIG = ("rejected", "auth_failure", "policy_violation", "blocked", "security_error")

ICLOUD_MX = "mx01.mail.icloud.com"
RELAY_MX1 = "smtp1.privaterelay.appleid.com"
RELAY_MX3 = "smtp3.privaterelay.appleid.com"
DATA = "end of DATA"

HME1 = (
    "554 5.7.1 [HME1] This message was blocked for failing both SPF and DKIM authentication"
    " checks. See https://support.apple.com/en-us/HT204137 for mailing best practices"
)
UNAUTHORIZED_SENDER = f"550 5.1.1 <{RETURN_PATH}>: unauthorized sender"
TRANSFORMATION_ERROR = "550 5.7.1 Email rejected due to transformation error"
BAD_MAILBOX_NAME = "550 5.1.1 bad mailbox name"


def _inactive(address: str) -> str:
    return f"550 5.1.1 <{address}>: inactive email address"


def _no_longer(address: str) -> str:
    return f"550 5.1.6 recipient no longer on server: {address}"


PUBLISHED43_CASES: tuple[Case, ...] = (
    # --- iCloud Hide My Email: an address the user stopped using -----------------------------
    _case(
        "apple-hme-inactive-email-address",
        "apple",
        "en",
        "postfix-dsn",
        APPLE_SISIMAI,
        r(
            "crisp_fig.4q@icloud.com",
            _inactive("crisp_fig.4q@icloud.com"),
            "5.1.1",
            INACTIVE,
            True,
            "recipient",
            remote=ICLOUD_MX,
        ),
        r(
            "lunar-atlas-0m@icloud.com",
            _inactive("lunar-atlas-0m@icloud.com"),
            "5.1.1",
            INACTIVE,
            True,
            "recipient",
            remote=ICLOUD_MX,
        ),
    ),
    _case(
        "apple-hme-inactive-email-address-exim",
        "apple",
        "en",
        "exim-text",
        APPLE_SISIMAI,
        r(
            "mellow.kite_7d@icloud.com",
            _inactive("mellow.kite_7d@icloud.com"),
            "",
            INACTIVE,
            True,
            "recipient",
            remote=ICLOUD_MX,
        ),
    ),
    _case(
        "apple-hme-inactive-email-address-sendmail",
        "apple",
        "en",
        "sendmail-dsn",
        APPLE_SISIMAI,
        r(
            "quiet-orbit.2x@icloud.com",
            _inactive("quiet-orbit.2x@icloud.com"),
            "5.1.1",
            INACTIVE,
            True,
            "recipient",
            remote=ICLOUD_MX,
        ),
    ),
    # --- iCloud: an address no longer on the server ------------------------------------------
    _case(
        "apple-icloud-recipient-no-longer-on-server",
        "apple",
        "en",
        "postfix-dsn",
        APPLE_SISIMAI,
        r(
            "h.vogel@icloud.com",
            _no_longer("h.vogel@icloud.com"),
            "5.1.6",
            MOVED,
            True,
            "recipient",
            remote=ICLOUD_MX,
        ),
    ),
    _case(
        "apple-icloud-recipient-no-longer-on-server-exim",
        "apple",
        "en",
        "exim-text",
        APPLE_SISIMAI,
        r(
            "jana.kraus@me.com",
            _no_longer("jana.kraus@me.com"),
            "",
            MOVED,
            True,
            "recipient",
            remote=ICLOUD_MX,
        ),
    ),
    # --- iCloud: our message failing SPF and DKIM ([HME1]) -----------------------------------
    _case(
        "apple-hme1-failing-spf-and-dkim",
        "apple",
        "en",
        "postfix-dsn",
        APPLE_SISIMAI,
        r(
            "amber_wave.9c@icloud.com",
            HME1,
            "5.7.1",
            AUTH,
            False,
            "sender",
            remote=ICLOUD_MX,
            stage=DATA,
        ),
        r(
            "stone-lark.3v@icloud.com",
            HME1,
            "5.7.1",
            AUTH,
            False,
            "sender",
            remote=ICLOUD_MX,
            stage=DATA,
        ),
    ),
    _case(
        "apple-hme1-failing-spf-and-dkim-exim",
        "apple",
        "en",
        "exim-text",
        APPLE_SISIMAI,
        r(
            "swift.reed_1k@icloud.com",
            HME1,
            "",
            AUTH,
            False,
            "sender",
            remote=ICLOUD_MX,
            stage=DATA,
        ),
    ),
    _case(
        "apple-hme1-failing-spf-and-dkim-sendmail",
        "apple",
        "en",
        "sendmail-dsn",
        APPLE_SISIMAI,
        r(
            "bright-cove.6n@icloud.com",
            HME1,
            "5.7.1",
            AUTH,
            False,
            "sender",
            remote=ICLOUD_MX,
            stage=DATA,
        ),
    ),
    # --- Sign in with Apple's private relay: our sender not registered -----------------------
    _case(
        "apple-private-relay-unauthorized-sender",
        "apple",
        "en",
        "postfix-dsn",
        APPLE_UNAUTHORIZED,
        r(
            "6qj2xa8sn4k@privaterelay.appleid.com",
            UNAUTHORIZED_SENDER,
            "5.1.1",
            UNAUTHORIZED,
            False,
            "sender",
            remote=RELAY_MX3,
        ),
        r(
            "p9wz7r2mhd@privaterelay.appleid.com",
            UNAUTHORIZED_SENDER,
            "5.1.1",
            UNAUTHORIZED,
            False,
            "sender",
            remote=RELAY_MX3,
        ),
    ),
    _case(
        "apple-private-relay-unauthorized-sender-exim",
        "apple",
        "en",
        "exim-text",
        APPLE_UNAUTHORIZED,
        r(
            "t4kd8nq2vx@privaterelay.appleid.com",
            UNAUTHORIZED_SENDER,
            "",
            UNAUTHORIZED,
            False,
            "sender",
            remote=RELAY_MX3,
        ),
    ),
    _case(
        "apple-private-relay-unauthorized-sender-sendmail",
        "apple",
        "en",
        "sendmail-dsn",
        APPLE_UNAUTHORIZED,
        r(
            "m3bq6zy1ce@privaterelay.appleid.com",
            UNAUTHORIZED_SENDER,
            "5.1.1",
            UNAUTHORIZED,
            False,
            "sender",
            remote=RELAY_MX3,
        ),
    ),
    # --- Sign in with Apple's private relay: the transformation failed -----------------------
    _case(
        "apple-private-relay-transformation-error",
        "apple",
        "en",
        "postfix-dsn",
        APPLE_TRANSFORMATION,
        r(
            "x8rf2kp5wd@privaterelay.appleid.com",
            TRANSFORMATION_ERROR,
            "5.7.1",
            TRANSFORMATION,
            False,
            "undetermined|sender",
            remote=RELAY_MX1,
            stage=DATA,
        ),
        r(
            "c2vn9ht6ls@privaterelay.appleid.com",
            TRANSFORMATION_ERROR,
            "5.7.1",
            TRANSFORMATION,
            False,
            "undetermined|sender",
            remote=RELAY_MX1,
            stage=DATA,
        ),
    ),
    _case(
        "apple-private-relay-transformation-error-exim",
        "apple",
        "en",
        "exim-text",
        APPLE_TRANSFORMATION,
        r(
            "k5yq3dw7pa@privaterelay.appleid.com",
            TRANSFORMATION_ERROR,
            "",
            TRANSFORMATION,
            False,
            "undetermined|sender",
            remote=RELAY_MX1,
            stage=DATA,
        ),
    ),
    # --- Sign in with Apple's private relay: "bad mailbox name" for the sender's set-up -------
    _case(
        "apple-private-relay-bad-mailbox-name",
        "apple",
        "en",
        "postfix-dsn",
        APPLE_BAD_MAILBOX,
        r(
            "z1ng4rc8jt@privaterelay.appleid.com",
            BAD_MAILBOX_NAME,
            "5.1.1",
            SENDER_CONFIG,
            False,
            "sender",
            remote=RELAY_MX1,
        ),
    ),
    _case(
        "apple-private-relay-bad-mailbox-name-sendmail",
        "apple",
        "en",
        "sendmail-dsn",
        APPLE_BAD_MAILBOX,
        r(
            "w7hs5mb2qe@privaterelay.appleid.com",
            BAD_MAILBOX_NAME,
            "5.1.1",
            SENDER_CONFIG,
            False,
            "sender",
            remote=RELAY_MX1,
        ),
    ),
)
