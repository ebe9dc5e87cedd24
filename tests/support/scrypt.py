"""Cheap scrypt parameters for tests: the same code path as the real ones."""

from intake_desktop.security.keys import ScryptParams

FAST_SCRYPT = ScryptParams(n=2**12, r=8, p=1)
