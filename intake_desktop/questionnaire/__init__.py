"""The intake questionnaire: domains, questions and answer rules (pure Python, no Qt).

Content lives in ``resources/questionnaire`` (Dutch YAML, schema in the header
of ``scales.yaml``). The Dutch texts are gettext msgids; translate at display
time. ``extract.extract_questionnaire`` feeds them to Babel.
"""

from .loader import QuestionnaireError, default_questionnaire_dir, load_questionnaire
from .model import (
    LAW_TAGS,
    YESNO_VALUES,
    AnswerType,
    Audience,
    Condition,
    Domain,
    Option,
    Question,
    Questionnaire,
    Role,
    ScaleLevel,
    Scales,
)

__all__ = [
    "LAW_TAGS",
    "YESNO_VALUES",
    "AnswerType",
    "Audience",
    "Condition",
    "Domain",
    "Option",
    "Question",
    "Questionnaire",
    "QuestionnaireError",
    "Role",
    "ScaleLevel",
    "Scales",
    "default_questionnaire_dir",
    "load_questionnaire",
]
