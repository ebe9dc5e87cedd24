"""The person's rights under the AVG: consent, the private part, export, erasure, retention.

No Qt here; every change is committed together with its access-log entry.
"""
