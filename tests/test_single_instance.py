"""One app per data folder (real processes, also killed ones) and network shares."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

import pytest
from support.process import PROJECT_DIR, child_env

from intake_desktop.errors import EXIT_CODES, Problem, StartupError
from intake_desktop.single_instance import (
    InstanceLock,
    _windows_location,
    linux_location,
    mac_location,
    network_location,
)

# Takes the lock, says so, and holds it until stdin closes (or it is killed).
HOLDER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from intake_desktop.single_instance import InstanceLock
    lock = InstanceLock(Path(sys.argv[1]))
    print("locked" if lock.acquire() else "refused", flush=True)
    sys.stdin.read()
""")
TRY = textwrap.dedent("""
    import sys
    from pathlib import Path
    from intake_desktop.single_instance import InstanceLock
    print(InstanceLock(Path(sys.argv[1])).acquire())
""")


def _holder(data_dir) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(data_dir)], env=child_env(),
                               cwd=PROJECT_DIR, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True)
    assert process.stdout.readline().strip() == "locked"
    return process


def _second_gets_it(data_dir) -> bool:
    out = subprocess.run([sys.executable, "-c", TRY, str(data_dir)], env=child_env(), cwd=PROJECT_DIR,
                         capture_output=True, text=True, timeout=60, check=True)
    return out.stdout.strip() == "True"


def test_a_second_process_is_refused_until_the_first_exits(data_dir):
    first = _holder(data_dir)
    try:
        assert not _second_gets_it(data_dir)
        assert not InstanceLock(data_dir).acquire()  # nor this one
    finally:
        first.stdin.close()
        first.wait(timeout=30)
    assert _second_gets_it(data_dir)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX; Windows frees locks on exit too")
def test_a_killed_process_leaves_no_lock_behind(data_dir):
    first = _holder(data_dir)
    assert not _second_gets_it(data_dir)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    first.stdin.close()
    first.stdout.close()
    assert first.returncode == -signal.SIGKILL
    assert _second_gets_it(data_dir)
    assert (data_dir / "intake.lock").exists()  # the file may stay; the lock is gone


def test_two_locks_in_one_process(data_dir):
    first, second = InstanceLock(data_dir), InstanceLock(data_dir)
    assert first.acquire() and first.acquire()  # taking it again is harmless
    assert not second.acquire() and not second.held
    first.release()
    first.release()
    assert second.acquire()
    second.release()


def test_context_manager_refuses_with_a_startup_problem(data_dir):
    with InstanceLock(data_dir) as held:
        assert held.held
        with pytest.raises(StartupError) as caught, InstanceLock(data_dir):
            pass
        assert caught.value.problem is Problem.ALREADY_RUNNING
        assert caught.value.exit_code == 9
        assert str(data_dir) in caught.value.message()
    assert not held.held
    with InstanceLock(data_dir):
        pass


def test_new_problems_have_their_own_exit_codes_and_messages(tmp_path):
    assert EXIT_CODES[Problem.ALREADY_RUNNING] == 9 and EXIT_CODES[Problem.NETWORK_SHARE] == 10
    assert [p for p, code in EXIT_CODES.items() if code in (9, 10)] == [
        Problem.ALREADY_RUNNING, Problem.NETWORK_SHARE]
    for problem in (Problem.ALREADY_RUNNING, Problem.NETWORK_SHARE):
        assert str(tmp_path) in StartupError(problem, tmp_path).message()


# --- network shares -----------------------------------------------------------------------

MOUNTS = """\
sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
/dev/nvme0n1p1 /boot/efi vfat rw,relatime 0 0
//fileserver/zorg /mnt/zorg cifs rw,relatime,vers=3.1.1 0 0
nas:/export/home /home/team nfs4 rw,relatime 0 0
/dev/sdb1 /home/team/usb ext4 rw,relatime 0 0
user@host:/data /mnt/my\\040share fuse.sshfs rw,nosuid,nodev 0 0
drvfs /mnt/c 9p rw,noatime,aname=drvfs 0 0
gvfsd-fuse /run/user/1000/gvfs fuse.gvfsd-fuse rw,nosuid,nodev 0 0
"""


@pytest.mark.parametrize(("path", "expected"), [
    ("/home/anna/Intake Desktop", None),
    ("/mnt/zorg/Intake Desktop", "//fileserver/zorg (cifs)"),
    ("/mnt/zorg", "//fileserver/zorg (cifs)"),
    ("/mnt/zorgeloos/data", None),  # a name that only starts like the mount point
    ("/home/team/data", "nas:/export/home (nfs4)"),
    ("/home/team/usb/data", None),  # a local disk mounted inside the share
    ("/mnt/my share/data", "user@host:/data (fuse.sshfs)"),
    ("/mnt/c/Users/anna", None),  # WSL's view of the Windows disk
    ("/run/user/1000/gvfs/smb-share:server=nas,share=zorg/x", "gvfsd-fuse (fuse.gvfsd-fuse)"),
    ("/run/user/1000/gvfs/mtp:host=phone/x", None),
])
def test_linux_mounts(path, expected):
    assert linux_location(path, MOUNTS) == expected


def test_network_location_reads_an_injected_mounts_file(tmp_path):
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\n//srv/share {tmp_path}/share cifs rw 0 0\n")
    share = tmp_path / "share" / "Intake Desktop"  # need not exist yet
    assert network_location(share, mounts=mounts, platform="linux") == "//srv/share (cifs)"
    assert network_location(tmp_path / "local", mounts=mounts, platform="linux") is None
    # A check that cannot be made does not stop the start.
    assert network_location(share, mounts=tmp_path / "missing", platform="linux") is None


def test_symlink_into_a_share_is_followed(tmp_path):
    (tmp_path / "share").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "share")
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\n//srv/share {tmp_path}/share smb3 rw 0 0\n")
    assert network_location(tmp_path / "link" / "data", mounts=mounts, platform="linux") \
        == "//srv/share (smb3)"


def test_this_machines_own_temp_folder_is_local(tmp_path):
    if not sys.platform.startswith("linux"):
        pytest.skip("reads /proc/self/mounts")
    assert network_location(tmp_path) is None


def test_macos_mount_output():
    output = (
        "/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)\n"
        "/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse)\n"
        "//anna@nas.local/zorg on /Volumes/zorg (smbfs, nodev, nosuid, mounted by anna)\n"
    )
    assert mac_location("/Volumes/zorg/Intake", output) == "//anna@nas.local/zorg (smbfs)"
    assert mac_location("/Users/anna/Library", output) is None


@pytest.mark.parametrize(("path", "drive_type", "expected"), [
    (r"\\fileserver\zorg\Intake Desktop", 3, r"\\fileserver\zorg"),
    (r"\\?\UNC\fileserver\zorg\Intake", 3, r"\\fileserver\zorg"),
    (r"C:\Users\anna\AppData\Local\Intake Desktop", 3, None),  # DRIVE_FIXED
    (r"\\?\C:\Users\anna", 3, None),
    (r"Z:\Intake Desktop", 4, r"Z: = \\fileserver\zorg"),  # DRIVE_REMOTE
])
def test_windows_paths(path, drive_type, expected):
    assert _windows_location(path, drive_type=lambda root: drive_type,
                             mapped_to=lambda drive: r"\\fileserver\zorg") == expected
