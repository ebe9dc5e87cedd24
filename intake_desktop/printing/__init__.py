"""Printed documents (the plan van aanpak) with ReportLab, in Dutch, English, Arabic and Tigrinya.

``fonts`` registers the bundled Noto faces and picks a face for every
character; ``bidi_text`` lays text out in lines (shaping Arabic, ordering
right-to-left and mixed text) and draws it as a ReportLab flowable.
"""
