"""The joint plan van aanpak of an intake: pure Python over the store, no Qt.

``PlanSession`` is what the plan screen talks to; ``snapshot`` freezes a plan
for printing, and ``copies`` says what each partner's copy may contain.
"""
