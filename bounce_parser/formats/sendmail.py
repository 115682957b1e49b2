"""Sendmail: "----- The following addresses had permanent fatal errors -----" and a transcript."""

from __future__ import annotations

import re

from bounce_parser.formats.family import TextFamily, signature

# "(reason: 550 5.1.1 User unknown)" under the address, or the "<<< 550 ..." transcript line.
SENDMAIL = TextFamily(
    name="sendmail",
    signature=signature(
        r"the following addresses had (?:permanent|transient)",
        r"transcript of session follows",
        r"returned mail: ",
    ),
    # a ")" inside the reason ("MTA(smtp:[...]:port): 550 ...", amavisd-new quoting the next
    # hop) is the reply's own: only the one that ends the line closes "(reason: "
    locate=re.compile(r"(?i)(?:\(reason: |<<< ?)([45]\d\d[ -](?:[^)\n]|\)(?![ \t]*(?:\n|$)))+)"),
)
