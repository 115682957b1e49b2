"""sa-exim 4.2.1 (SpamAssassin in Exim's local_scan), clamsmtp 1.10 (an SMTP proxy that asks
clamd) and opensmtpd-filter-rspamd 0.1.7 (OpenSMTPD's filter asking rspamd) from Debian's
packages, unpacked beside the system: sa-exim depends on exim4 and the filter on opensmtpd,
whose packages would replace Postfix, and clamsmtp's package starts a service of its own.

``python3 tests/support/scanners.py`` (run by .ci/run as root) downloads and unpacks them into
``ROOT``. sa-exim reads its configuration from a compiled-in /etc/exim4/sa-exim.conf: the bed
gives it one in a private mount namespace (receivers_bed_scanners.py), never on the machine.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

if __package__:
    from tests.support import unpacked
else:  # run as a script by .ci/run, before the virtualenv and the package path exist
    import unpacked  # type: ignore[no-redef]

ROOT = Path(os.environ.get("SCANNERS_TEST_ROOT", unpacked.CACHE / "scanners"))
PACKAGES = ("clamsmtp", "sa-exim", "opensmtpd-filter-rspamd")
SA_EXIM_CONF = Path("/etc/exim4/sa-exim.conf")  # compiled into sa-exim.so


def binary(root: Path = ROOT) -> Path:
    return root / "usr/sbin/clamsmtpd"


def sa_exim(root: Path = ROOT) -> Path:
    return root / "usr/lib/exim4/local_scan/sa-exim.so"


def filter_rspamd(root: Path = ROOT) -> Path:
    return root / "usr/libexec/opensmtpd/filter-rspamd"


def missing(root: Path = ROOT) -> str | None:
    """Why the unpacked clamsmtpd, sa-exim and filter-rspamd cannot run here, or None."""
    for path, package in ((sa_exim(root), "sa-exim"), (filter_rspamd(root), PACKAGES[2])):
        if not path.exists():
            return f"{path} is not unpacked (Debian package {package}: run " + (
                "`python3 tests/support/scanners.py` as root, as .ci/run does)"
            )
    return unpacked.missing(binary(root), PACKAGES[0], "tests/support/scanners.py")


if __name__ == "__main__":
    unpacked.main(sys.argv, PACKAGES, ROOT, binary, missing)
