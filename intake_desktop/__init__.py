"""Intake Desktop: the integrale intake with a statushouder, on one shared laptop."""

# The one place of the version: pyproject.toml reads it from here (dynamic), and
# reading a literal costs nothing at start-up, unlike importlib.metadata.
__version__ = "0.1.0"
