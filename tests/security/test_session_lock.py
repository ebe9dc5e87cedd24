"""The idle and sleep lock, driven by fake clocks."""

from intake_desktop.security.session_lock import IdleLock


class Clocks:
    def __init__(self) -> None:
        self.monotonic = 1000.0
        self.wall = 1_700_000_000.0

    def pass_time(self, seconds: float, asleep: bool = False) -> None:
        self.wall += seconds
        if not asleep:
            self.monotonic += seconds


def make(idle=300):
    clocks = Clocks()
    return clocks, IdleLock(idle, monotonic=lambda: clocks.monotonic, wall=lambda: clocks.wall)


def test_locks_after_the_idle_time_and_not_before():
    clocks, lock = make()
    clocks.pass_time(299)
    assert lock.tick() is None
    clocks.pass_time(2)
    assert lock.tick() == "idle"


def test_activity_starts_the_idle_time_again():
    clocks, lock = make()
    clocks.pass_time(250)
    lock.activity()
    clocks.pass_time(250)
    assert lock.tick() is None
    clocks.pass_time(60)
    assert lock.tick() == "idle"


def test_sleep_is_noticed_even_when_the_idle_time_has_not_passed():
    clocks, lock = make(idle=3600)
    clocks.pass_time(5)
    assert lock.tick() is None
    clocks.pass_time(600, asleep=True)
    assert lock.tick() == "sleep"
    clocks.pass_time(5)
    assert lock.tick() is None


def test_idle_minutes_are_kept_within_bounds():
    _clocks, lock = make()
    lock.set_idle_minutes(0)
    assert lock.idle_seconds == 60
    lock.set_idle_minutes(500)
    assert lock.idle_seconds == 3600
