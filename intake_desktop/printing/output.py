"""Writing a finished PDF where the user chose, and nowhere else.

The plan is made in memory; the only file is the one the user asked for. It
is written beside its final name and renamed into place, so a full disk or a
crash leaves either the old file or none, never half a plan.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path


class OutputError(Exception):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        # "disk_full", "not_writable" or "other"
        self.reason = reason


def write_pdf(path: Path, data: bytes) -> None:
    path = Path(path)
    partial = path.with_name(f".{path.name}.part")
    try:
        with open(partial, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except OSError as exc:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
        if exc.errno == errno.ENOSPC:
            raise OutputError(path, "disk_full") from exc
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT):
            raise OutputError(path, "not_writable") from exc
        raise OutputError(path, "other") from exc
