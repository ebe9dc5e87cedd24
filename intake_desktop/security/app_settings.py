"""Settings the beheerder sets for everyone on this laptop, kept in the encrypted database.

``settings.py`` keeps personal preferences (language, window size) in a JSON
file that anyone at the laptop may change. What decides how well the data are
protected (the idle lock, the retention term) lives in the ``app_setting``
table instead: changing it needs the database key, and the caller logs the
change in the same transaction (``set_value(..., session=...)``).

No Qt here; the main window reads ``idle_minutes`` when a staff member signs in.
"""

from __future__ import annotations

from intake_desktop.security.session_lock import (
    DEFAULT_IDLE_MINUTES,
    MAX_IDLE_MINUTES,
    MIN_IDLE_MINUTES,
)

IDLE_MINUTES = "idle_minutes"
# The column is String(60); a longer key would fail only at commit.
MAX_KEY_LENGTH = 60


def _checked_key(key: str) -> str:
    if not isinstance(key, str) or not 0 < len(key) <= MAX_KEY_LENGTH:
        raise ValueError(f"a setting key has 1 to {MAX_KEY_LENGTH} characters")
    return key


def get(database, key: str) -> str | None:
    """The stored text of a setting, or None when it was never set."""
    from intake_desktop.store.models import AppSetting

    with database.session() as session:
        row = session.get(AppSetting, _checked_key(key))
        return None if row is None else row.value


def get_int(database, key: str, default: int, *, minimum: int | None = None,
            maximum: int | None = None) -> int:
    """A whole-number setting; ``default`` when unset, unreadable or outside the bounds.

    A value edited into something strange must never switch a protection off
    (an idle lock of 0 or 10,000 minutes), so it falls back to the default
    rather than to the nearest bound.
    """
    text = get(database, key)
    if text is None:
        return default
    try:
        value = int(text.strip())
    except ValueError:
        return default
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        return default
    return value


def set_value(database, key: str, value: object, *, session=None) -> None:
    """Store a setting as text. With ``session`` it joins the caller's transaction,
    so the setting and its access-log entry commit together."""
    from intake_desktop.store.models import AppSetting

    key = _checked_key(key)
    if isinstance(value, bool):
        # str(True) would be stored as "True", which get_int cannot read back.
        raise TypeError("store a flag as 0 or 1")
    text = str(value)

    def store(s) -> None:
        row = s.get(AppSetting, key)
        if row is None:
            s.add(AppSetting(key=key, value=text))
        else:
            row.value = text
        s.flush()

    if session is not None:
        store(session)
        return
    with database.session() as own, own.begin():
        store(own)


def idle_minutes(database) -> int:
    """Minutes without input before the window locks itself."""
    return get_int(database, IDLE_MINUTES, DEFAULT_IDLE_MINUTES, minimum=MIN_IDLE_MINUTES,
                   maximum=MAX_IDLE_MINUTES)
