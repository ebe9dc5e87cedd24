"""The encrypted local database: SQLAlchemy models on SQLCipher 4, with Alembic migrations."""
