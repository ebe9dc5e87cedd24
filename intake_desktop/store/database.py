"""Opening the SQLCipher 4 database, checking it, and bringing its schema up to date.

Nothing here writes to an existing file before it has been shown to open with
the key, to be intact, and to come from this or an older version of the app.
"""

from __future__ import annotations

import errno
from pathlib import Path

from intake_desktop.errors import Problem, StartupError

DB_FILENAME = "intake.sqlite3"
# The newest Alembic revision this version knows; a test keeps it equal to the
# head of migrations/versions, so it lives in one place in practice.
HEAD_REVISION = "0005"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Pages are whole 4096-byte blocks; any other length means a cut-off file.
_PAGE_SIZE = 4096

# Per connection: real transactions (BEGIN issued by SQLAlchemy, see
# _begin), no temp files on disk, deleted content overwritten, durable commits.
_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = DELETE",
    "PRAGMA synchronous = FULL",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA secure_delete = ON",
)


def known_revisions() -> set[str]:
    return {path.name.split("_", 1)[0] for path in (MIGRATIONS_DIR / "versions").glob("*_*.py")}


def connect(path: Path, key: bytes):
    """A DB-API connection to the encrypted file, keyed and configured."""
    from sqlcipher3 import dbapi2

    if len(key) != 32:
        raise ValueError("the database key must be 32 bytes")
    connection = dbapi2.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        # Quiet the "hmac check failed" lines SQLCipher writes to stderr; our
        # own checks turn those cases into messages.
        connection.execute("PRAGMA cipher_log_level = NONE")
        # The key is hex of our own random bytes, never user text.
        connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        for pragma in _PRAGMAS:
            connection.execute(pragma)
    except BaseException:
        connection.close()
        raise
    return connection


def _inspect(path: Path, key: bytes) -> tuple[bool, str | None]:
    """(has tables, Alembic revision) of an existing file, or StartupError(DAMAGED)."""
    from sqlcipher3 import dbapi2

    size = path.stat().st_size
    if size == 0 or size % _PAGE_SIZE:
        raise StartupError(Problem.DAMAGED, path.parent, f"length {size}")
    try:
        connection = connect(path, key)
    except dbapi2.DatabaseError as exc:
        raise StartupError(Problem.DAMAGED, path.parent, str(exc)) from exc
    try:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        # Reads every page, so SQLCipher verifies every page's HMAC.
        result = connection.execute("PRAGMA quick_check").fetchall()
        if result != [("ok",)]:
            raise StartupError(Problem.DAMAGED, path.parent, repr(result[:3]))
        revision = None
        if "alembic_version" in names:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        return bool(names), revision
    except dbapi2.DatabaseError as exc:
        raise StartupError(Problem.DAMAGED, path.parent, str(exc)) from exc
    finally:
        connection.close()


class Database:
    """An open store: the engine and a session factory."""

    def __init__(self, path: Path, key: bytes) -> None:
        from sqlalchemy import create_engine, event
        from sqlalchemy.orm import sessionmaker
        from sqlalchemy.pool import QueuePool
        from sqlcipher3 import dbapi2

        self.path = path
        self.engine = create_engine(
            "sqlite://",
            creator=lambda: connect(path, key),
            module=dbapi2,
            poolclass=QueuePool,
            pool_size=1,
            max_overflow=2,
        )

        @event.listens_for(self.engine, "begin")
        def _begin(conn):
            # The driver starts no transaction before DDL; start one ourselves so
            # a migration is all or nothing.
            conn.exec_driver_sql("BEGIN")

        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def session(self):
        return self.sessions()

    def cipher_version(self) -> str:
        with self.engine.connect() as connection:
            return connection.exec_driver_sql("PRAGMA cipher_version").scalar_one()

    def close(self) -> None:
        self.engine.dispose()


def _upgrade(database: Database) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_database(path: Path, key: bytes, *, create: bool = False) -> Database:
    """Open (or with create=True, make) the database and migrate it to HEAD_REVISION."""
    if create:
        if path.exists():
            raise FileExistsError(path)
        has_tables, revision = False, None
    else:
        has_tables, revision = _inspect(path, key)
        if has_tables and revision is None:
            # Tables but no revision: not a database this app made.
            raise StartupError(Problem.DAMAGED, path.parent, "no schema revision")
        if revision is not None and revision not in known_revisions():
            raise StartupError(Problem.NEWER_VERSION, path.parent, revision)
    database = Database(path, key)
    try:
        if revision != HEAD_REVISION:
            _upgrade(database)
    except OSError as exc:
        database.close()
        if exc.errno == errno.ENOSPC:
            raise StartupError(Problem.DISK_FULL, path.parent) from exc
        raise
    except Exception as exc:
        database.close()
        if "disk is full" in str(exc):
            raise StartupError(Problem.DISK_FULL, path.parent) from exc
        if "readonly" in str(exc) or "unable to open" in str(exc):
            raise StartupError(Problem.NOT_WRITABLE, path.parent, str(exc)) from exc
        raise
    return database
