"""Locking the window: after idle time, on sleep or the OS screen lock, and on Ctrl+L.

Input anywhere in the app counts as activity. Sleep is noticed from the wall
clock running ahead of the monotonic clock, which works on every platform;
the OS screen lock is picked up where the platform tells Qt about it (the
freedesktop ScreenSaver and login1 signals on Linux desktops, session
notifications on Windows).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractNativeEventFilter, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication

from intake_desktop.security.session_lock import DEFAULT_IDLE_MINUTES, IdleLock

TICK_MS = 5000
ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.InputMethod,
})


class LockController(QObject):
    lock_requested = Signal(str)  # "idle", "sleep", "screen_lock"

    def __init__(self, app: QApplication, idle_minutes: int = DEFAULT_IDLE_MINUTES,
                 idle: IdleLock | None = None) -> None:
        super().__init__(app)
        self.idle = idle or IdleLock(idle_minutes * 60)
        self.enabled = False
        app.installEventFilter(self)
        self.timer = QTimer(self, interval=TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self._watch_os(app)

    def set_enabled(self, enabled: bool) -> None:
        """Only a signed-in, unlocked window locks; the idle time starts again."""
        self.enabled = enabled
        self.idle.activity()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() in ACTIVITY:
            self.idle.activity()
        return False

    def tick(self) -> None:
        reason = self.idle.tick()
        if reason and self.enabled:
            self.lock_requested.emit(reason)

    @Slot(bool)
    def screen_saver_changed(self, active: bool) -> None:
        if active and self.enabled:
            self.lock_requested.emit("screen_lock")

    @Slot(bool)
    def prepare_for_sleep(self, going: bool) -> None:
        if going and self.enabled:
            self.lock_requested.emit("sleep")

    def _watch_os(self, app: QApplication) -> None:
        if sys.platform.startswith("win"):
            self._native = _WindowsSessionFilter(self)
            app.installNativeEventFilter(self._native)
            return
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return
        session, system = QDBusConnection.sessionBus(), QDBusConnection.systemBus()
        if session.isConnected():
            session.connect("", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver",
                            "ActiveChanged", self, "screen_saver_changed(bool)")
        if system.isConnected():
            system.connect("org.freedesktop.login1", "/org/freedesktop/login1",
                           "org.freedesktop.login1.Manager", "PrepareForSleep", self,
                           "prepare_for_sleep(bool)")


class _WindowsSessionFilter(QAbstractNativeEventFilter):
    """WM_WTSSESSION_CHANGE (lock) and WM_POWERBROADCAST (suspend) on Windows."""

    WM_WTSSESSION_CHANGE = 0x02B1
    WTS_SESSION_LOCK = 0x7
    WM_POWERBROADCAST = 0x0218
    PBT_APMSUSPEND = 0x4

    def __init__(self, controller: LockController) -> None:
        super().__init__()
        self.controller = controller
        self._registered: set[int] = set()

    def register(self, hwnd: int) -> None:
        # Session notifications reach only windows that asked for them.
        if hwnd in self._registered:
            return
        try:
            import ctypes

            ctypes.windll.wtsapi32.WTSRegisterSessionNotification(hwnd, 0)
            self._registered.add(hwnd)
        except (AttributeError, OSError):
            pass

    def nativeEventFilter(self, event_type, message):  # noqa: N802 - Qt's name
        try:
            import ctypes.wintypes

            msg = ctypes.wintypes.MSG.from_address(int(message))
        except (ValueError, TypeError, OSError):
            return False, 0
        if msg.message == self.WM_WTSSESSION_CHANGE and msg.wParam == self.WTS_SESSION_LOCK:
            self.controller.screen_saver_changed(True)
        elif msg.message == self.WM_POWERBROADCAST and msg.wParam == self.PBT_APMSUSPEND:
            self.controller.prepare_for_sleep(True)
        return False, 0
