"""The rules of an intake: people, intakes, answers. No Qt here."""
