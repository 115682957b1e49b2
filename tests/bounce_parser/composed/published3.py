"""Providers' and gateways' published error texts, third batch (issue #14, judge22).

Composed and scored before any rule was written for them. Each reply is quoted from the page
its case names: Google's Gmail SMTP error reference (support.google.com/a/answer/3726730,
every 4.x/5.x line the tables did not carry yet), Apple iCloud's replies as smtp.codes lists
them, GMX/WEB.DE/mail.com (postmaster.gmx.com, smtp.codes/unitedinternet, GMX's newsroom),
NetEase/Coremail and Chinese hosters' published bounce lists (zh), Korean portals' lists,
Hornetsecurity's (antispameurope's) classification codes, the external filters' replies
Broadcom lists, Spambrella's and Proofpoint's pages, Interia's help page and German hosters'
lists. The notice around each reply follows the layout of the program that writes it
(``build.py`` forms; ``postfix-refused`` from ``published.py``). Labels come from the
documented meaning of the text, never from what the parser says. ``build.py`` writes them into
``manifest_published3.json``; ``test_published3_notices.py`` checks them.

Where a page gives the words but not the whole reply line, the code or the server's tag around
them is composed and the case's source says so.
"""

from __future__ import annotations

from build import Case
from build import rcpt as r

GWS = "https://support.google.com/a/answer/3726730 (Gmail SMTP errors and codes"
GWS_TLS = GWS + ": 421 4.7.0 TLS required for RCPT domain, closing connection)"
GWS_WHITELIST = GWS + ": 421 4.7.0 IP not in whitelist for RCPT domain, closing connection)"
GWS_MULTI = (
    GWS
    + ": 451 4.3.0 Multiple destination domains per transaction is unsupported. Please try again;"
    " 452 4.5.3 Your message has too many recipients); copies: https://www.entertop.net/knowledge/smtp-error-reference/"
)
GWS_QUOTA = (
    "https://knowledge.workspace.google.com/admin/support/troubleshooting/gmail-smtp-errors-and-codes?hl=pt-br"
    " (452 4.2.2: the recipient's inbox is out of storage space, 'A caixa de entrada do destinatário está sem"
    " espaço de armazenamento'); " + GWS + "); given up at the end of the queue lifetime"
)
GWS_UNUSUAL = (
    GWS
    + ": 421 4.7.0 Our system has detected an unusual rate of unsolicited mail originating from your IP"
    " address. To protect our users from spam, mail sent from your IP address has been temporarily"
    " blocked); given up at the end of the queue lifetime"
)
GWS_RELAY = (
    'https://knowledge.broadcom.com/external/article/169925 (550 "5.7.0" Mail relay denied, a refusal'
    " by the recipient's side); " + GWS + ": 550 5.7.0 Mail relay denied)"
)
GWS_5321 = GWS + ": 553 5.1.3 The recipient address <address> is not a valid RFC 5321 address)"
ICLOUD = "https://smtp.codes/icloud (iCloud's replies and their meanings"
ICLOUD_DMARC = (
    ICLOUD
    + ": 550 5.1.1 <example@icloud.com>: user does not exist; 550 5.7.1 Your message was rejected due"
    " to example.com DMARC policy)"
)
ICLOUD_DBL = (
    ICLOUD
    + ": 550 5.7.1 Your email was rejected due to having a domain present in the Spamhaus DBL -- see"
    " https://www.spamhaus.org/dbl/)"
)
ICLOUD_VOLUME = (
    ICLOUD
    + ": 421 4.7.1 Messages to example@icloud.com deferred due to excessive volume. Try again later -"
    " https://support.apple.com/en-us/HT204137: the address is receiving mail at a high rate)"
)
ICLOUD_451 = (
    ICLOUD
    + ": 451 4.7.1 Service unavailable - try again later: messages are not being accepted right now,"
    " at the top of the hour); given up at the end of the queue lifetime"
)
GMX_BL = (
    "https://postmaster.gmx.com/en/error-messages (554-gmx.net (mxgmx104) Nemesis ESMTP Service not"
    " available 554-No SMTP service 554-IP address is block listed. 554 For explanation visit"
    " https://postmaster.gmx.net/en/case?c=r0201...: the connection refused, the sending IP on a block list)"
)
UI_SPF = (
    "https://smtp.codes/unitedinternet/ (550 <example@example.com>: Reject due to SPF policy. The"
    " originating IP of the message is not permitted by the domain owner)"
)
UI_MAILCOM = (
    "https://smtp.codes/unitedinternet/ (550 Requested action not taken: mailbox unavailable: the"
    " specified recipient does not exist); https://newsroom.gmx.net/2017/09/28/unzustellbar-fehlermeldungen-email/"
    " (5xy Requested mail action aborded: exceeded storage allocation, Quota exceeded: the recipient's"
    " mailbox is full; the code 552 around the words is composed)"
)
GMX_RATE = (
    "https://newsroom.gmx.net/2017/09/28/unzustellbar-fehlermeldungen-email/ (4xy Rate limit reached."
    " Please try again later: too many mails from one IP in too short a time; the code 421 is composed)"
)
SINA_LIST = (
    "https://blog.sina.com.cn/s/blog_8dc13ec50101fxxr.html and https://360docs.net/doc/a61843873.html"
    " (a Chinese mail system's reply list: 550 mailbox unavailable. (邮箱不存在, the mailbox does not"
    " exist); 552 message rejected by anti-spam engine.; 554 rbl deny. (拒绝 RBL 中的邮件服务器))"
)
EMAILHOST_CN = (
    "https://www.emailhost.com.cn/service.html?article_category=25&brd=1 (退信 keywords: 垃圾邮件退信:"
    "Content reject/Spam denied; 域名不存在:DNS query error; 网络异常:rcpt handle timeout; 发信数超限制:"
    "sending quota exceeded; the layout around them is composed)"
)
CN_NOT_EXIST = (
    "https://www.dbmailserver.com/tui-xin-address-not-exist.htm (bounces for addresses that do not"
    " exist: 550 RC:NE The email account does not exist.; 551 5.1.1 recipient is not exist;"
    " 550 Local User [xxx@123.com] not found.)"
)
CN_21CN = (
    "http://help.szhot.com/text_show.php?id=170 (keyword disabled: host mta.21cn.com said: 550 is now"
    " disabled with SMTP service: 此用户被禁用或者不可以使用, the user is disabled, frozen or deleted)"
)
KR_CHIC = (
    "https://oliveit.tistory.com/39 (421 4.4.1 CHIC IP ADDRESS: Network is busy: the incoming server is"
    " temporarily unable to reply; try again after a while)"
)
HANAFOS = (
    "http://blog.jinbo.net/007/archive/20051107 and http://adminplay.com/index.php?document_srl=2077"
    " (421 4.3.2 Your IP(...) is filtered and this connection will be closed. You must register your IP"
    " to spammaster@hanafos.com ...: filtered as a spammer); given up at the end of the queue lifetime"
)
HORNET = (
    "https://support.everycloud.com/support/solutions/articles/4000007755-workspace-classification-codes"
    " (Hornetsecurity's, formerly antispameurope's, reasons: 554 5.7.1 unknown domain or unknown recipient"
    " (LDAP check); 554 5.5.5 e-mail Rejected Spam; 554 5.5.4 Spam IP rejected; 554 5.6.4 Virus E-Mail"
    " Blocked; 554 5.5.7 e-mail Rejected Content Attachment; each reply line is the code and its"
    " definition)"
)
BROADCOM = (
    "https://knowledge.broadcom.com/external/article/169925 (errors generated by the recipient's spam"
    " filtering gateway: 550 5.7.1 Message rejected as spam by Content Filtering; 551 Sender is on"
    " domain's blacklist; 550 Message contained unsafe content"
    " (Heuristics.Phishing.Email.SpoofedDomain); 554 Rejected due to banned content)"
)
SPAMBRELLA = (
    "https://www.spambrella.com/faq/email-delivery-error-codes/ (550 5.7.1 : Recipient address rejected:"
    " User email address is marked as invalid: the user is on the SMTP Discovery invalid list;"
    " 452 4.3.1 Insufficient system resources: the recipient's server lacks resources)"
)
PROOFPOINT = (
    "http://www.hunter.cuny.edu/icit/help-docs/archive/proofpoint/spam-interception (Proofpoint gives"
    " a server on the real-time blacklist 550 with the text 5.7.0 Local Policy Violation)"
)
INTERIA_SPF = (
    "the Polish hoster's qmail notice (kei.pl, as published.py composes it) around Interia's reply: "
    "https://pomoc.poczta.interia.pl/news-dlaczego-wiadomosc-nie-zostala-dostarczona,nId,6589600"
    " (550 5.7.0 [SPF] host (host number) is not allowed to send mail from domain: the sending IP is"
    " not allowed by the domain owner)"
)
SITEPACKAGE = (
    "http://www.sitepackage.de/service/dokumentation/auswertung/typische-fehlermeldungen-bei-unzustellbarkeit.html"
    " (Compuserve: 554 Refused. Your reverse DNS entry contains your IP address and a country code.,"
    " under 'E-Mail-Nachricht wurde abgelehnt / gefiltert'; 500 5.0.0 Depot returns error: <552 5.2.2"
    " Over quota>, under 'E-Mail-Postfach des Empfängers ist voll')"
)
COMSERVICE = (
    "https://new-faq.comservice-ffo.de/smtp-fehlermeldungen-e-mail-fehler/ (421 Reject due to policy"
    " violations: the sending IP is blocked for now after a bad delivery rate; retry later)"
)

U = ("user_unknown",)
FULL = ("mailbox_full",)
BLOCK = ("blocked", "bad_reputation")
SPAM = ("spam_detected", "filtered", "blocked")
GSMTP = "- gsmtp"

THIRD_CASES: tuple[Case, ...] = (
    # --- Google Workspace / Gmail --------------------------------------------------------------
    Case(
        "gws-tls-required-delay",
        "gmail",
        "en",
        "postfix-dsn",
        GWS_TLS,
        (
            r(
                "it.desk@workspace-client.example",
                f"421-4.7.0 TLS required for RCPT domain, closing connection. a1si4711ab.12 {GSMTP}",
                "4.7.0",
                ("security_error", "policy_violation", "rejected", "blocked"),
                False,
                "sender",
                remote="aspmx.l.google.com",
                kind="delayed",
                action="delayed",
            ),
        ),
    ),
    Case(
        "gws-ip-not-in-whitelist-delay",
        "gmail",
        "en",
        "exim-delay-text",
        GWS_WHITELIST,
        (
            r(
                "board@allowlist-corp.example",
                f"421 4.7.0 IP not in whitelist for RCPT domain, closing connection. b2si4712cd.34 {GSMTP}",
                "4.7.0",
                ("blocked", "policy_violation", "rejected"),
                False,
                "sender",
                remote="aspmx.l.google.com",
                kind="delayed",
                action="delayed",
            ),
        ),
    ),
    Case(
        "gws-multiple-domains-and-too-many-delay",
        "gmail",
        "en",
        "postfix-dsn",
        GWS_MULTI,
        (
            r(
                "sales@first-domain.example",
                f"451 4.3.0 Multiple destination domains per transaction is unsupported. Please try again. c3si4713ef.56 {GSMTP}",
                "4.3.0",
                ("system_error", "exceed_limit", "mailer_error", "policy_violation"),
                False,
                "transient|sender",
                remote="aspmx.l.google.com",
                kind="delayed",
                action="delayed",
            ),
            r(
                "team@second-domain.example",
                f"452 4.5.3 Your message has too many recipients. For more information regarding Google's sending limits, visit https://support.google.com/mail/?p=TooManyRecipientsError d4si4714gh.78 {GSMTP}",
                "4.5.3",
                ("exceed_limit", "speeding", "policy_violation"),
                False,
                "sender|transient",
                remote="aspmx.l.google.com",
                kind="delayed",
                action="delayed",
            ),
        ),
    ),
    Case(
        "gws-out-of-storage-expired",
        "gmail",
        "en",
        "postfix-dsn",
        GWS_QUOTA,
        (
            r(
                "maria.souza@gmail.com",
                f"452-4.2.2 The recipient's inbox is out of storage space. Please direct the recipient to 452 4.2.2 https://support.google.com/mail/?p=OverQuotaTemp e5si4715ij.90 {GSMTP}",
                "4.2.2",
                ("mailbox_full", "expired"),
                False,
                "recipient",
                remote="gmail-smtp-in.l.google.com",
            ),
        ),
    ),
    Case(
        "gws-unusual-rate-expired",
        "gmail",
        "en",
        "postfix-dsn",
        GWS_UNUSUAL,
        (
            r(
                "jo.hart@gmail.com",
                f"421-4.7.0 Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily blocked. For more information, visit https://support.google.com/mail/answer/81126 f6si4716kl.12 {GSMTP}",
                "4.7.0",
                ("blocked", "bad_reputation", "spam_detected", "expired"),
                False,
                "sender",
                remote="gmail-smtp-in.l.google.com",
                stage="end of DATA",
            ),
            r(
                "sam.ortega@gmail.com",
                f"421-4.7.0 Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily blocked. For more information, visit https://support.google.com/mail/answer/81126 f6si4716kl.12 {GSMTP}",
                "4.7.0",
                ("blocked", "bad_reputation", "spam_detected", "expired"),
                False,
                "sender",
                remote="gmail-smtp-in.l.google.com",
                stage="end of DATA",
            ),
        ),
    ),
    Case(
        "gws-mail-relay-denied",
        "gmail",
        "en",
        "sendmail-dsn",
        GWS_RELAY,
        (
            r(
                "orders@hosted-shop.example",
                f"550 5.7.0 Mail relay denied [192.0.2.10]. g7si4717mn.34 {GSMTP}",
                "5.7.0",
                ("no_relaying", "rejected", "policy_violation"),
                False,
                "sender",
                remote="aspmx.l.google.com",
            ),
        ),
    ),
    Case(
        "gws-not-valid-rfc5321",
        "gmail",
        "en",
        "exim-text",
        GWS_5321,
        (
            r(
                "john..doe@gmail.com",
                f"553 5.1.3 The recipient address <john..doe@gmail.com> is not a valid RFC 5321 address. h8si4718op.56 {GSMTP}",
                "5.1.3",
                ("user_unknown", "syntax_error"),
                True,
                "recipient",
                remote="gmail-smtp-in.l.google.com",
            ),
        ),
    ),
    # --- Apple iCloud ---------------------------------------------------------------------------
    Case(
        "icloud-unknown-and-dmarc",
        "icloud",
        "en",
        "postfix-dsn",
        ICLOUD_DMARC,
        (
            r(
                "old.friend@icloud.com",
                "550 5.1.1 <old.friend@icloud.com>: user does not exist",
                "5.1.1",
                U,
                True,
                "recipient",
                remote="mx01.mail.icloud.com",
            ),
            r(
                "new.friend@icloud.com",
                "550 5.7.1 Your message was rejected due to shop.example DMARC policy.",
                "5.7.1",
                ("auth_failure", "policy_violation"),
                False,
                "sender",
                remote="mx01.mail.icloud.com",
                stage="end of DATA",
            ),
        ),
    ),
    Case(
        "icloud-spamhaus-dbl",
        "icloud",
        "en",
        "postfix-dsn",
        ICLOUD_DBL,
        (
            r(
                "pat.riley@me.com",
                "550 5.7.1 Your email was rejected due to having a domain present in the Spamhaus DBL -- see https://www.spamhaus.org/dbl/",
                "5.7.1",
                ("blocked", "spam_detected", "bad_reputation", "filtered"),
                False,
                "sender",
                remote="mx02.mail.icloud.com",
                stage="end of DATA",
            ),
        ),
    ),
    Case(
        "icloud-excessive-volume-delay",
        "icloud",
        "en",
        "exim-delay-text",
        ICLOUD_VOLUME,
        (
            r(
                "bo.chen@icloud.com",
                "421 4.7.1 Messages to bo.chen@icloud.com deferred due to excessive volume. Try again later - https://support.apple.com/en-us/HT204137",
                "4.7.1",
                ("speeding", "exceed_limit", "too_many_conn"),
                False,
                "transient|sender",
                remote="mx01.mail.icloud.com",
                kind="delayed",
                action="delayed",
            ),
        ),
    ),
    Case(
        "icloud-service-unavailable-expired",
        "icloud",
        "en",
        "postfix-dsn",
        ICLOUD_451,
        (
            r(
                "dana.k@mac.com",
                "451 4.7.1 Service unavailable - try again later",
                "4.7.1",
                ("expired", "system_error", "network_error"),
                False,
                "transient",
                remote="mx02.mail.icloud.com",
            ),
        ),
    ),
    # --- GMX / WEB.DE / mail.com ----------------------------------------------------------------
    Case(
        "gmx-ip-block-listed",
        "gmx",
        "en",
        "postfix-refused",
        GMX_BL,
        (
            r(
                "lena.vogt@gmx.de",
                "554-gmx.net (mxgmx104) Nemesis ESMTP Service not available 554-No SMTP service 554-IP address is block listed. 554 For explanation visit https://postmaster.gmx.net/en/case?c=r0201&i=ip&v=192.0.2.10&r=1MNcgj-1ue23t3pyV-00S2YR",
                "5.0.0",
                BLOCK,
                False,
                "sender",
                remote="mx00.gmx.net",
            ),
            r(
                "tim.berg@gmx.net",
                "554-gmx.net (mxgmx104) Nemesis ESMTP Service not available 554-No SMTP service 554-IP address is block listed. 554 For explanation visit https://postmaster.gmx.net/en/case?c=r0201&i=ip&v=192.0.2.10&r=1MNcgj-1ue23t3pyV-00S2YR",
                "5.0.0",
                BLOCK,
                False,
                "sender",
                remote="mx00.gmx.net",
            ),
        ),
    ),
    Case(
        "webde-spf-policy",
        "webde",
        "en",
        "postfix-dsn",
        UI_SPF,
        (
            r(
                "jonas.k@web.de",
                "550 <bounce+c3f1a9@bounces.shop.example>: Reject due to SPF policy. The originating IP of the message is not permitted by the domain owner",
                "5.0.0",
                ("auth_failure", "policy_violation", "rejected"),
                False,
                "sender",
                remote="mx-ha03.web.de",
                stage="MAIL FROM",
            ),
        ),
    ),
    Case(
        "mailcom-unavailable-and-quota",
        "mailcom",
        "en",
        "postfix-dsn",
        UI_MAILCOM,
        (
            r(
                "gone.user@mail.com",
                "550 Requested action not taken: mailbox unavailable",
                "5.0.0",
                U,
                True,
                "recipient",
                remote="mx00.mail.com",
            ),
            r(
                "full.user@mail.com",
                "552 Requested mail action aborded: exceeded storage allocation, Quota exceeded",
                "5.0.0",
                FULL,
                False,
                "recipient",
                remote="mx00.mail.com",
            ),
        ),
    ),
    Case(
        "gmx-rate-limit-delay",
        "gmx",
        "en",
        "postfix-dsn",
        GMX_RATE,
        (
            r(
                "eva.roth@gmx.de",
                "421 Rate limit reached. Please try again later",
                "4.0.0",
                ("speeding", "too_many_conn", "exceed_limit"),
                False,
                "sender",
                remote="mx01.gmx.net",
                kind="delayed",
                action="delayed",
            ),
        ),
    ),
    # --- Chinese providers and hosters ----------------------------------------------------------
    Case(
        "cn-mailsys-three",
        "coremail",
        "en",
        "postfix-dsn",
        SINA_LIST,
        (
            r(
                "wang.fang@kehu-one.cn",
                "550 mailbox unavailable.",
                "5.0.0",
                U,
                True,
                "recipient",
                remote="mx.kehu-one.cn",
            ),
            r(
                "zhao.lei@kehu-two.cn",
                "552 message rejected by anti-spam engine.",
                "5.0.0",
                SPAM,
                False,
                "sender",
                remote="mx.kehu-two.cn",
                stage="end of DATA",
            ),
            r(
                "sun.li@kehu-three.cn",
                "554 rbl deny.",
                "5.0.0",
                BLOCK,
                False,
                "sender",
                remote="mx.kehu-three.cn",
            ),
        ),
    ),
    Case(
        "cn-hoster-four",
        "emailhost-cn",
        "zh",
        "localized-text",
        EMAILHOST_CN,
        (
            r(
                "liu.yang@kehu-shili.cn",
                "垃圾邮件退信:Content reject/Spam denied",
                "",
                SPAM,
                False,
                "sender",
            ),
            r(
                "he.jun@meiyou-yuming.cn",
                "域名不存在:DNS query error",
                "",
                ("host_unknown",),
                True,
                "recipient",
            ),
            r(
                "xu.min@kehu-shili.cn",
                "网络异常:rcpt handle timeout",
                "",
                ("network_error", "expired", "system_error"),
                False,
                "transient",
            ),
            r(
                "ma.tao@kehu-shili.cn",
                "发信数超限制:sending quota exceeded",
                "",
                ("exceed_limit", "speeding"),
                False,
                "sender",
            ),
        ),
        {
            "mta": "mx.emailhost.example.cn",
            "subject": "退信 / Returned mail",
            "text": (
                "您发送的邮件退信了 / Your mail was returned.\n\n"
                "收件人: liu.yang@kehu-shili.cn\n[退信] 垃圾邮件退信:Content reject/Spam denied\n\n"
                "收件人: he.jun@meiyou-yuming.cn\n[退信] 域名不存在:DNS query error\n\n"
                "收件人: xu.min@kehu-shili.cn\n[退信] 网络异常:rcpt handle timeout\n\n"
                "收件人: ma.tao@kehu-shili.cn\n[退信] 发信数超限制:sending quota exceeded"
            ),
        },
    ),
    Case(
        "cn-address-not-exist-three",
        "cn-hosters",
        "en",
        "postfix-dsn",
        CN_NOT_EXIST,
        (
            r(
                "chen.hao@qiye-one.cn",
                "550 RC:NE The email account does not exist.",
                "5.0.0",
                U,
                True,
                "recipient",
                remote="mx.qiye-one.cn",
            ),
            r(
                "lin.xue@qiye-two.cn",
                "551 5.1.1 recipient is not exist",
                "5.1.1",
                U,
                True,
                "recipient",
                remote="mx.qiye-two.cn",
            ),
            r(
                "gao.yu@qiye-three.cn",
                "550 Local User [gao.yu@qiye-three.cn] not found.",
                "5.0.0",
                U,
                True,
                "recipient",
                remote="mx.qiye-three.cn",
            ),
        ),
    ),
    Case(
        "cn-21cn-disabled",
        "21cn",
        "en",
        "postfix-dsn",
        CN_21CN,
        (
            r(
                "huang.bo@21cn.com",
                "550 huang.bo@21cn.com is now disabled with SMTP service.",
                "5.0.0",
                ("suspend", "user_unknown"),
                True,
                "recipient",
                remote="mta.21cn.com",
            ),
        ),
    ),
    # --- Korean ---------------------------------------------------------------------------------
    Case(
        "kr-chic-network-busy-delay",
        "korean-isp",
        "en",
        "exim-delay-text",
        KR_CHIC,
        (
            r(
                "jisoo.park@kr-portal.example",
                "421 4.4.1 CHIC 192.0.2.10: Network is busy.",
                "4.4.1",
                ("network_error", "system_error", "too_many_conn"),
                False,
                "transient",
                remote="mx.kr-portal.example",
                kind="delayed",
                action="delayed",
            ),
        ),
    ),
    Case(
        "hanafos-ip-filtered-expired",
        "hanafos",
        "en",
        "postfix-dsn",
        HANAFOS,
        (
            r(
                "minho.lee@hanafos.com",
                "421 4.3.2 Your IP(192.0.2.10) is filtered and this connection will be closed. You must register your IP to spammaster@hanafos.com By SpaceLee, the Lord of mail server.",
                "4.3.2",
                ("blocked", "bad_reputation", "expired"),
                False,
                "sender",
                remote="mail.hanafos.com",
            ),
        ),
    ),
    # --- Security gateways ----------------------------------------------------------------------
    Case(
        "hornetsecurity-ldap-and-spam",
        "hornetsecurity",
        "en",
        "postfix-dsn",
        HORNET,
        (
            r(
                "a.wolf@kanzlei-kunde.example",
                "554 5.7.1 unknown domain or unknown recipient (LDAP check)",
                "5.7.1",
                ("user_unknown", "host_unknown"),
                True,
                "recipient",
                remote="mx01.hornetsecurity.com",
            ),
            r(
                "b.fuchs@praxis-kunde.example",
                "554 5.5.5 e-mail Rejected Spam",
                "5.5.5",
                SPAM,
                False,
                "sender",
                remote="mx02.hornetsecurity.com",
                stage="end of DATA",
            ),
        ),
    ),
    Case(
        "hornetsecurity-spam-ip",
        "hornetsecurity",
        "en",
        "sendmail-dsn",
        HORNET,
        (
            r(
                "c.hahn@betrieb-kunde.example",
                "554 5.5.4 Spam IP rejected",
                "5.5.4",
                BLOCK,
                False,
                "sender",
                remote="mx01.hornetsecurity.com",
            ),
        ),
    ),
    Case(
        "hornetsecurity-virus-and-attachment",
        "hornetsecurity",
        "en",
        "postfix-dsn",
        HORNET,
        (
            r(
                "d.koch@werk-kunde.example",
                "554 5.6.4 Virus E-Mail Blocked",
                "5.6.4",
                ("virus_detected", "security_error"),
                False,
                "sender",
                remote="mx01.hornetsecurity.com",
                stage="end of DATA",
            ),
            r(
                "e.bauer@amt-kunde.example",
                "554 5.5.7 e-mail Rejected Content Attachment",
                "5.5.7",
                ("filtered", "content_error", "policy_violation", "security_error"),
                False,
                "sender",
                remote="mx02.hornetsecurity.com",
                stage="end of DATA",
            ),
        ),
    ),
    Case(
        "filter-content-filtering-spam",
        "symantec-cloud",
        "en",
        "postfix-dsn",
        BROADCOM,
        (
            r(
                "f.moore@retail-client.example",
                "550 5.7.1 Message rejected as spam by Content Filtering",
                "5.7.1",
                SPAM,
                False,
                "sender",
                remote="cluster1.eu.messagelabs.com",
                stage="end of DATA",
            ),
        ),
    ),
    Case(
        "filter-domain-blacklist-551",
        "symantec-cloud",
        "en",
        "exim-text",
        BROADCOM,
        (
            r(
                "g.hill@legal-client.example",
                "551 Sender is on domain's blacklist",
                "",
                ("blocked", "rejected", "policy_violation"),
                False,
                "sender",
                remote="mx.legal-client.example",
            ),
        ),
    ),
    Case(
        "filter-unsafe-and-banned-content",
        "symantec-cloud",
        "en",
        "sendmail-dsn",
        BROADCOM,
        (
            r(
                "h.ward@bank-client.example",
                "550 Message contained unsafe content (Heuristics.Phishing.Email.SpoofedDomain)",
                "5.0.0",
                ("virus_detected", "security_error", "filtered", "content_error", "spam_detected"),
                False,
                "sender",
                remote="mx.bank-client.example",
                stage="DATA",
            ),
            r(
                "i.cole@school-client.example",
                "554 Rejected due to banned content",
                "5.0.0",
                ("filtered", "content_error", "policy_violation", "spam_detected"),
                False,
                "sender",
                remote="mx.school-client.example",
                stage="DATA",
            ),
        ),
    ),
    Case(
        "spambrella-marked-invalid",
        "spambrella",
        "en",
        "postfix-dsn",
        SPAMBRELLA,
        (
            r(
                "left.company@spambrella-client.example",
                "550 5.7.1 <left.company@spambrella-client.example>: Recipient address rejected: User email address is marked as invalid.",
                "5.7.1",
                U,
                True,
                "recipient",
                remote="mx1.spambrella.com",
            ),
            r(
                "still.here@spambrella-client.example",
                "550 5.7.1 <still.here@spambrella-client.example>: Recipient address rejected: User email address is marked as invalid.",
                "5.7.1",
                U,
                True,
                "recipient",
                remote="mx1.spambrella.com",
            ),
        ),
    ),
    Case(
        "spambrella-resources-delay",
        "spambrella",
        "en",
        "postfix-dsn",
        SPAMBRELLA,
        (
            r(
                "ops@spambrella-client.example",
                "452 4.3.1 Insufficient system resources",
                "4.3.1",
                ("system_full", "system_error"),
                False,
                "transient",
                remote="mx1.spambrella.com",
                kind="delayed",
                action="delayed",
            ),
        ),
    ),
    Case(
        "proofpoint-local-policy-violation",
        "proofpoint",
        "en",
        "postfix-dsn",
        PROOFPOINT,
        (
            r(
                "k.nguyen@college-client.example",
                "550 5.7.0 Local Policy Violation",
                "5.7.0",
                ("blocked", "policy_violation", "bad_reputation", "rejected"),
                False,
                "sender",
                remote="mx0a-00123401.pphosted.com",
            ),
            r(
                "l.okafor@college-client.example",
                "550 5.7.0 Local Policy Violation",
                "5.7.0",
                ("blocked", "policy_violation", "bad_reputation", "rejected"),
                False,
                "sender",
                remote="mx0a-00123401.pphosted.com",
            ),
        ),
    ),
    # --- Interia, German hosters' lists -----------------------------------------------------------
    Case(
        "interia-spf-two",
        "interia",
        "pl",
        "kei-pl-text",
        INTERIA_SPF,
        (
            r(
                "marek.nowak@interia.pl",
                "550 5.7.0 [SPF] host 192.0.2.10 is not allowed to send mail from domain",
                "5.7.0",
                ("auth_failure", "policy_violation", "rejected"),
                False,
                "sender",
                remote="mx.poczta.interia.pl",
                stage="MAIL FROM",
            ),
            r(
                "ewa.kowalska@interia.pl",
                "550 5.7.0 [SPF] host 192.0.2.10 is not allowed to send mail from domain",
                "5.7.0",
                ("auth_failure", "policy_violation", "rejected"),
                False,
                "sender",
                remote="mx.poczta.interia.pl",
                stage="MAIL FROM",
            ),
        ),
    ),
    Case(
        "compuserve-rdns-and-depot-quota",
        "isp-de",
        "en",
        "postfix-dsn",
        SITEPACKAGE,
        (
            r(
                "k.meier@compuserve.de",
                "554 Refused. Your reverse DNS entry contains your IP address and a country code.",
                "5.0.0",
                ("require_ptr", "blocked", "bad_reputation"),
                False,
                "sender",
                remote="mx.compuserve.de",
            ),
            r(
                "h.otto@isp-kunde.example",
                "500 5.0.0 Depot returns error: <552 5.2.2 Over quota>",
                "5.0.0",
                FULL,
                False,
                "recipient",
                remote="mx.isp-kunde.example",
            ),
        ),
    ),
    Case(
        "comservice-policy-violations-delay",
        "isp-de",
        "en",
        "exim-delay-text",
        COMSERVICE,
        (
            r(
                "info@ffo-kunde.example",
                "421 Reject due to policy violations",
                "",
                ("blocked", "bad_reputation", "policy_violation"),
                False,
                "sender",
                remote="mx.ffo-kunde.example",
                kind="delayed",
                action="delayed",
            ),
        ),
    ),
)
