"""When the shared laptop locks itself: idle time, sleep, and on demand.

Plain logic with the clocks passed in, so tests drive time instead of waiting
for it; the UI feeds it input events and a periodic tick.
"""

from __future__ import annotations

import time
from collections.abc import Callable

DEFAULT_IDLE_MINUTES = 5
MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 60
# A wall clock that runs ahead of the monotonic clock by more than this means
# the machine slept (the monotonic clock stands still during suspend on Linux
# and Windows alike).
SLEEP_GAP_SECONDS = 30.0


class IdleLock:
    """Says when the app has been left alone long enough to lock."""

    def __init__(self, idle_seconds: float, monotonic: Callable[[], float] = time.monotonic,
                 wall: Callable[[], float] = time.time) -> None:
        self.idle_seconds = idle_seconds
        self._monotonic = monotonic
        self._wall = wall
        self._last_activity = monotonic()
        self._last_tick = (monotonic(), wall())

    def activity(self) -> None:
        self._last_activity = self._monotonic()

    def set_idle_minutes(self, minutes: int) -> None:
        self.idle_seconds = max(MIN_IDLE_MINUTES, min(MAX_IDLE_MINUTES, minutes)) * 60

    def idle_for(self) -> float:
        return self._monotonic() - self._last_activity

    def tick(self) -> str | None:
        """Called every few seconds: "idle" or "sleep" when it is time to lock, else None."""
        now_monotonic, now_wall = self._monotonic(), self._wall()
        last_monotonic, last_wall = self._last_tick
        self._last_tick = (now_monotonic, now_wall)
        if (now_wall - last_wall) - (now_monotonic - last_monotonic) > SLEEP_GAP_SECONDS:
            return "sleep"
        if self.idle_for() >= self.idle_seconds:
            return "idle"
        return None
