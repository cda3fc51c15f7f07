"""A size-limited filesystem of the test's own: a tmpfs mounted on a new directory, that the test may grow, and that
is always unmounted afterwards. Mounting needs root (or CAP_SYS_ADMIN); where that is not allowed, the tests that
need it are skipped with the reason."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MB = 1024 * 1024


def _mount(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *args], capture_output=True, text=True, timeout=30, check=False)


def mount_refused() -> str | None:
    """Why no tmpfs can be mounted here, or None when it can (tried on a throw-away directory)."""
    if shutil.which("mount") is None or shutil.which("umount") is None:
        return "no mount/umount command"
    probe = Path(tempfile.mkdtemp(prefix="sahelwatch-probe-"))
    try:
        done = _mount("-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe))
        if done.returncode != 0:
            return f"cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): {done.stderr.strip()[:300]}"
        subprocess.run(["umount", str(probe)], capture_output=True, timeout=30, check=True)
        return None
    finally:
        probe.rmdir()


class Tmpfs:
    """A mounted tmpfs; `resize` grows (or shrinks) it in place, keeping its files."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def resize(self, size: int) -> None:
        size = -(-size // 4096) * 4096  # whole pages
        done = _mount("-o", f"remount,size={size}", str(self.path))
        assert done.returncode == 0, f"remount of {self.path} to {size} bytes failed: {done.stderr}"

    def usage(self) -> tuple[int, int]:
        """(bytes used, bytes in all)."""
        stats = os.statvfs(self.path)
        return (stats.f_blocks - stats.f_bfree) * stats.f_frsize, stats.f_blocks * stats.f_frsize

    @property
    def used(self) -> int:
        return self.usage()[0]

    @property
    def size(self) -> int:
        return self.usage()[1]


@contextmanager
def small_tmpfs(size: int, owner: str | None = None) -> Iterator[Tmpfs]:
    """A tmpfs of `size` bytes on a new directory under /tmp (not below pytest's tmp_path, whose folders only root
    may enter), its root owned by `owner` (e.g. postgres, for a tablespace); unmounted and removed on the way out,
    whatever happened."""
    path = Path(tempfile.mkdtemp(prefix="sahelwatch-tmpfs-"))
    options = f"size={-(-size // 4096) * 4096},mode=0755"
    if owner is not None:
        user = pwd.getpwnam(owner)
        options += f",uid={user.pw_uid},gid={user.pw_gid}"
    done = _mount("-t", "tmpfs", "-o", options, "tmpfs", str(path))
    if done.returncode != 0:
        path.rmdir()
        raise OSError(f"mount -t tmpfs on {path} failed: {done.stderr.strip()}")
    try:
        yield Tmpfs(path)
    finally:
        unmounted = subprocess.run(["umount", str(path)], capture_output=True, text=True, timeout=60, check=False)
        if unmounted.returncode != 0:  # something still holds a file open there: detach it, it goes when released
            subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=60, check=False)
        path.rmdir()
