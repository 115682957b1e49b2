"""The destination's own internal failures (tests/support/internal_bed.py): a good address
whose receiving system fails on its own, each failure made real: Dovecot 2.3's LMTP server
with a Maildir it cannot create, a mail_location and a quota backend that do not exist and a
userdb it cannot read; a receiving Postfix 3.7's smtpd asking a table nothing answers, its
local(8) appending to a file it cannot create, virtual(8) under a base it cannot write, pipe(8)
to commands exiting EX_SOFTWARE, EX_OSERR, EX_IOERR and EX_CONFIG, a transport master.cf does
not have, an alias table that does not answer; a receiving Exim 4.96's appendfile to a
directory it cannot write, a router whose lookup defers, pipe transports to the same exit
codes; unknown users and two mixed messages as contrast; Postfix 3.7 and Exim 4.96 writing
the notices for what the next hop refused, each destination its own. None of the internal
failures suppresses or blames the recipient (the module's labelling rule). The notices are kept
in real_internal_<writer>/ with the manifest that labels them by construction; the tests read
them (nothing is regenerated), and the bed is run live where every server is present and the
test runs as root (Postfix's quick run, the four scenarios returned at once, in the default
suite; the full runs are marked slow)."""

from __future__ import annotations

import pytest

from bounce_parser import Party, Reason, parse
from tests.bounce_parser.real_notices import QuickBedChecks, WriterSets, text_alone
from tests.support import internal_bed as bed

SETS = WriterSets("real_internal")
stored, entries = SETS.stored, SETS.entries

# Each failure in the words of its component's source: Dovecot's lmtp (lib-storage
# mail-error.h MAIL_ERRSTR_CRITICAL_MSG, lmtp-common "Temporary internal error"), Postfix's
# smtpd_check.c, local/file.c with util/safe_open.c, virtual/maildir.c, global/sys_exits.c
# (pipe(8)), qmgr ("mail transport unavailable"), local/alias.c, local/unknown.c; Exim's
# verify.c ("Unrouteable address") and deliver.c ("local delivery failed", "retry timeout
# exceeded")
DOVECOT_INTERNAL = b"Temporary internal error"
WORDS = {
    "dc_maildir_unwritable_to_expiry": b"451 4.2.0 <noperm@dc.test> Internal error occurred. "
    b"Refer to server log for more information.",
    "dc_mail_location_broken_to_expiry": b"451 4.3.0 <baddriver@dc.test> " + DOVECOT_INTERNAL,
    "dc_quota_backend_broken_to_expiry": b"451 4.3.0 <badquota@dc.test> " + DOVECOT_INTERNAL,
    "dc_userdb_failure_to_expiry": b"451 4.3.0 <fine@dc-broken.test> " + DOVECOT_INTERNAL,
    "pf_smtpd_table_error_to_expiry": b"451 4.3.5 <fine@pf-smtpd-lookup.test>: Recipient "
    b"address rejected: Server configuration error",
    "pf_user_unknown": b'<nosuchuser@pf-local.test>: unknown user: "nosuchuser"',
    "pf_mailbox_file_unwritable": (
        b"<box@pf-local.test>: cannot append message to file",
        b"/ro/box: cannot create file exclusively: Permission denied",
    ),
    "pf_virtual_base_unwritable_to_expiry": (
        b"<fine@pf-virtual.test>: maildir delivery failed: create maildir file",
        b"Permission denied",
    ),
    "pf_pipe_ex_software": b"<fine@pf-exit70.test>: internal software error",
    "pf_pipe_ex_oserr_to_expiry": b"<fine@pf-exit71.test>: system resource problem",
    "pf_pipe_ex_ioerr": b"<fine@pf-exit74.test>: input/output error",
    "pf_pipe_ex_config": b"<fine@pf-exit78.test>: local configuration error",
    "pf_transport_unavailable_to_expiry": b"<fine@pf-notransport.test>: mail transport unavailable",
    "pf_alias_lookup_failure_to_expiry": b"<fine@pf-lookup.test>: alias database unavailable",
    "pf_mixed": (b'unknown user: "departed"', b"cannot create file exclusively"),
    "ex_user_unknown": b"nosuchuser@ex-local.test Unrouteable address",
    "ex_appendfile_unwritable_to_expiry": b"fine@ex-local.test retry timeout exceeded",
    "ex_router_lookup_defer_to_expiry": b"fine@ex-lookup.test retry timeout exceeded",
    "ex_pipe_ex_software": b"fine@ex-exit70.test local delivery failed",
    "ex_pipe_ex_oserr": b"fine@ex-exit71.test local delivery failed",
    "ex_pipe_ex_ioerr": b"fine@ex-exit74.test local delivery failed",
    "ex_pipe_ex_config": b"fine@ex-exit78.test local delivery failed",
    "ex_mixed": (b"departed@ex-exit70.test Unrouteable address", b"local delivery failed"),
}


class TestSets(QuickBedChecks):
    bed = bed
    sets = SETS
    live_name = "internal"
    words = WORDS

    def test_no_internal_failure_suppresses_or_is_blamed_on_the_recipient(
        self, writer: str
    ) -> None:
        # the bar: a good address is never suppressed, whatever its system did
        directory, _manifest = stored(writer)
        for name, entry in entries(writer).items():
            report = {
                b.address: b for b in parse((directory / entry["path"]).read_bytes()).recipients
            }
            for want in entry["expected"]:
                got = report[want["address"]]
                if not want["hardbounce"]:
                    assert not got.suppresses, (name, got)
                    assert got.party is not Party.RECIPIENT, (name, got)


@pytest.mark.parametrize("writer", bed.WRITERS)
@pytest.mark.parametrize(
    "scenario",
    [
        "dc_maildir_unwritable_to_expiry",
        "pf_mailbox_file_unwritable",
        "pf_virtual_base_unwritable_to_expiry",
    ],
)
def test_a_storage_failure_under_x_2_0_is_the_destination_systems(
    writer: str, scenario: str
) -> None:
    # RFC 3463's X.2.0 says only "something about the destination mailbox"; the words say the
    # destination could not create the file (Postfix) or logged an internal error (Dovecot):
    # main's parser read all three filtered, undetermined. A deferral returned at the end of
    # the queue lifetime is read expired, of the same party.
    bounce = SETS.only(writer, scenario)
    reason = Reason.EXPIRED if scenario.endswith("_to_expiry") else Reason.SYSTEM_ERROR
    assert (bounce.reason, bounce.party, bounce.suppresses) == (reason, Party.TRANSIENT, False)


@pytest.mark.parametrize("writer", bed.WRITERS)
def test_the_mixed_message_suppresses_only_the_unknown_user(writer: str) -> None:
    directory, _manifest = stored(writer)
    for name in ("pf_mixed", "ex_mixed"):
        report = parse((directory / f"{name}.eml").read_bytes())
        suppressed = sorted(b.address for b in report.recipients if b.suppresses)
        assert len(report.recipients) == 2, name
        assert [a.split("@")[0] for a in suppressed] == ["departed"], name


@pytest.mark.parametrize("writer", bed.WRITERS)
@pytest.mark.parametrize(
    "scenario", ["pf_pipe_ex_software", "pf_pipe_ex_ioerr", "pf_pipe_ex_oserr_to_expiry"]
)
def test_a_commands_exit_status_reads_the_same_from_the_words_alone(
    writer: str, scenario: str
) -> None:
    # pfd's pipe(8) words the command's sysexits code by Postfix's sys_exits table ("internal
    # software error", "input/output error", "system resource problem"); its report part says
    # the same with a Diagnostic-Code of type x-unix, which the words alone lack: read without
    # it, the reason was undefined
    directory, _manifest = stored(writer)
    raw = (directory / f"{scenario}.eml").read_bytes()
    full = {b.address: b.reason for b in parse(raw).recipients}
    alone = {b.address: b.reason for b in parse(text_alone(raw)).recipients}
    assert alone == full
    assert set(full.values()) == {Reason.MAILER_ERROR}
