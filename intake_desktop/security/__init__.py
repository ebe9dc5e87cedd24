"""Keys, and later staff accounts, locking and the access log. No Qt here."""
