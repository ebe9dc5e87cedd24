"""One running app per data folder, and no data folder on a network share.

Two processes writing one SQLCipher file would each keep their own idea of
what the intake looks like; whatever the second saves silently undoes the
first. The lock is an operating-system lock on ``intake.lock`` in the data
folder, held for as long as the process lives: when it ends, however it ends
(crash, kill, power button), the system drops the lock. A pid file would need
guessing whether its process is still alive, and pids are reused.

File locks are exactly what network file systems get wrong (SMB opportunistic
locks, NFS lock daemons, sshfs has none), and a database on a share also puts
the data of people outside this laptop; hence ``network_location``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PureWindowsPath

from intake_desktop.errors import Problem, StartupError

LOCK_FILENAME = "intake.lock"
LINUX_MOUNTS = Path("/proc/self/mounts")

__all__ = ["LOCK_FILENAME", "InstanceLock", "network_location"]


class InstanceLock:
    """An exclusive lock on ``data_dir / "intake.lock"``; ``acquire`` says whether we got it.

    Use ``acquire()`` to decide what to tell the user, or ``with
    InstanceLock(folder):`` where not getting it is an error
    (StartupError(ALREADY_RUNNING)). The lock is per open file, so a second
    InstanceLock in the same process is refused as well.
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / LOCK_FILENAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock without waiting: True if this object holds it now.

        OSError when the folder cannot be made or the lock file not opened
        (a read-only folder); the caller reports that as it reports any
        folder problem.
        """
        if self._fd is not None:
            return True
        self.data_dir.mkdir(parents=True, exist_ok=True)
        # os.open makes the descriptor non-inheritable (PEP 446), so a viewer
        # or helper we start can never keep the lock alive after we are gone.
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        try:
            locked = _lock(fd)
        except BaseException:
            os.close(fd)
            raise
        if not locked:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        """Let go of the lock; harmless when it is not held.

        The file itself stays: removing it would let a process that already
        opened it lock an orphaned file while a third one creates a new file.
        """
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> InstanceLock:
        if not self.acquire():
            raise StartupError(Problem.ALREADY_RUNNING, self.data_dir)
        return self

    def __exit__(self, *exc_info) -> None:
        self.release()

    def __del__(self) -> None:
        # Only a safety net; closing the descriptor is what frees the lock.
        if getattr(self, "_fd", None) is not None:
            try:
                self.release()
            except OSError:
                pass


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> bool:
        # Byte 0 is locked, beyond the end of an empty file, which Windows allows.
        # The lock belongs to the process's handle: Windows frees it when the
        # process ends.
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _lock(fd: int) -> bool:
        # flock, not fcntl/lockf: a POSIX record lock is per process, so a
        # second lock in the same process would succeed and closing any other
        # descriptor of the file would drop it.
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


# --- network shares --------------------------------------------------------------------

# File system types (as in /proc/self/mounts) that live on another machine,
# or on the host of a virtual machine, where locks and fsync are not what
# SQLite needs.
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "smb2", "ncpfs", "ncp", "afs", "openafs",
    "coda", "9p", "ceph", "glusterfs", "lustre", "gpfs", "beegfs", "ocfs2", "gfs2",
    "davfs", "webdav", "afpfs", "vboxsf", "vmhgfs", "fuse.vmhgfs-fuse",
    "fuse.sshfs", "sshfs", "fuse.rclone", "fuse.s3fs", "fuse.smbnetfs", "fuse.curlftpfs",
    "fuse.glusterfs", "fuse.cephfs", "fuse.ceph-fuse", "fuse.davfs2", "fuse.gcsfuse",
    "fuse.goofys", "fuse.juicefs", "fuse.seaweedfs", "fuse.afpfs-ng",
})
# GVfs shows every remote location of a desktop session under one FUSE mount;
# its folder names say which protocol a path goes through.
_GVFS_REMOTE = ("smb-share:", "sftp:", "dav:", "davs:", "ftp:", "ftps:", "afp-volume:", "nfs:",
                "google-drive:")


def network_location(path: Path | str, *, mounts: Path | None = None,
                     platform: str | None = None) -> str | None:
    """A short description of the share ``path`` is on ("//server/data (cifs)"), or None if local.

    Best effort: an unknown answer is None, never an exception, so a start-up
    is not stopped by a check that could not be made. ``mounts`` replaces
    /proc/self/mounts and ``platform`` sys.platform, for tests.
    """
    platform = platform or sys.platform
    try:
        if platform == "win32":
            return _windows_location(str(path))
        if platform.startswith("linux"):
            text = (mounts or LINUX_MOUNTS).read_text(encoding="utf-8", errors="surrogateescape")
            return linux_location(_resolved(path), text)
        if platform == "darwin":
            return mac_location(_resolved(path), _mac_mount_output())
    except (OSError, ValueError):
        return None
    return None


def _resolved(path: Path | str) -> str:
    # The data folder may not exist yet; resolve what exists so a symlink
    # into a share is followed.
    return str(Path(path).expanduser().resolve(strict=False))


def _unescape_mount_field(field: str) -> str:
    # /proc/self/mounts writes space, tab, newline and backslash as octal escapes.
    return (field.replace("\\040", " ").replace("\\011", "\t")
            .replace("\\012", "\n").replace("\\134", "\\"))


def _within(path: str, mount_point: str) -> bool:
    return mount_point == "/" or path == mount_point or path.startswith(mount_point.rstrip("/") + "/")


def linux_location(path: str, mounts_text: str) -> str | None:
    """The share holding ``path`` according to a /proc/self/mounts text, or None."""
    best: tuple[str, str, str] | None = None
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        device, mount_point, fstype = (_unescape_mount_field(f) for f in fields[:3])
        # The innermost mount wins; of two at one point, the later one covers the earlier.
        if _within(path, mount_point) and (best is None or len(mount_point) >= len(best[1])):
            best = (device, mount_point, fstype)
    if best is None:
        return None
    device, mount_point, fstype = best
    if _is_network(device, path, mount_point, fstype):
        return f"{device} ({fstype})"
    return None


def _is_network(device: str, path: str, mount_point: str, fstype: str) -> bool:
    if fstype == "9p" and (device == "drvfs" or device[1:3] == ":\\"):
        # WSL shows the Windows drives (C:\) as 9p mounts; they are local disks.
        return False
    if fstype in NETWORK_FILESYSTEMS:
        return True
    if fstype == "fuse.gvfsd-fuse":
        first = path[len(mount_point):].lstrip("/").split("/", 1)[0]
        return first.startswith(_GVFS_REMOTE)
    # davfs2 mounts as plain "fuse" with the URL as the device.
    return fstype.startswith("fuse") and device.startswith(("http://", "https://"))


def _mac_mount_output() -> str:
    import subprocess

    return subprocess.run(["/sbin/mount"], capture_output=True, text=True, timeout=5,
                          check=True).stdout


def mac_location(path: str, mount_output: str) -> str | None:
    """The share holding ``path`` according to macOS ``mount`` output, or None.

    Lines look like "//user@server/share on /Volumes/share (smbfs, nodev, nosuid)".
    """
    best: tuple[str, str, str] | None = None
    for line in mount_output.splitlines():
        device, sep, rest = line.partition(" on ")
        mount_point, sep2, options = rest.rpartition(" (")
        if not sep or not sep2:
            continue
        fstype = options.split(",", 1)[0].strip(" )")
        if _within(path, mount_point) and (best is None or len(mount_point) >= len(best[1])):
            best = (device, mount_point, fstype)
    if best is None:
        return None
    device, _mount_point, fstype = best
    if fstype in NETWORK_FILESYSTEMS or fstype in ("smbfs", "afpfs", "webdav", "nfs", "ftp"):
        return f"{device} ({fstype})"
    return None


DRIVE_REMOTE = 4


def _windows_location(path: str, drive_type=None, mapped_to=None) -> str | None:
    """UNC paths and mapped network drives; ``drive_type``/``mapped_to`` replace the Win32 calls in tests."""
    win = PureWindowsPath(path)
    text = str(win)
    for prefix, replacement in (("\\\\?\\UNC\\", "\\\\"), ("\\\\?\\", "")):
        if text.upper().startswith(prefix.upper()):
            text = replacement + text[len(prefix):]
            win = PureWindowsPath(text)
            break
    if text.startswith("\\\\"):
        # \\server\share\... : the anchor is the share itself.
        return win.anchor.rstrip("\\") or text
    # A relative path is on the drive of the current folder.
    drive = win.drive or PureWindowsPath(os.path.abspath(path)).drive
    if not drive:
        return None
    root = drive + "\\"
    drive_type = drive_type or _get_drive_type
    if drive_type(root) != DRIVE_REMOTE:
        return None
    share = (mapped_to or _mapped_share)(drive)
    return f"{drive} = {share}" if share else drive


def _get_drive_type(root: str) -> int:
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root))


def _mapped_share(drive: str) -> str | None:
    import ctypes

    size = ctypes.c_ulong(1024)
    buffer = ctypes.create_unicode_buffer(size.value)
    result = ctypes.windll.mpr.WNetGetConnectionW(ctypes.c_wchar_p(drive), buffer, ctypes.byref(size))
    return buffer.value if result == 0 else None
