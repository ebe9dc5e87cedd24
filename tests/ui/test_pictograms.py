"""Every domain, score and answer pictogram the questionnaire names is bundled and renders."""

from PySide6.QtSvg import QSvgRenderer

from intake_desktop.paths import resource


def required_pictograms(questionnaire):
    scales = questionnaire.scales
    names = {domain.pictogram for domain in questionnaire.domains}
    names |= set(scales.person_pictograms.values()) | set(scales.answer_pictograms.values())
    names |= {"nav-next", "nav-back", "nav-skip", "nav-dont-know"}
    return names


def test_required_pictograms_exist_and_render(qapp, questionnaire):
    names = required_pictograms(questionnaire)
    assert len(names) >= 15 + 5 + 3 + 4
    for name in sorted(names):
        path = resource("pictograms", f"{name}.svg")
        assert path.exists(), name
        assert QSvgRenderer(str(path)).isValid(), name


def test_every_domain_has_its_own_pictogram(questionnaire):
    pictograms = [domain.pictogram for domain in questionnaire.domains]
    assert len(set(pictograms)) == len(pictograms)
