"""The printed plan van aanpak: an A4 PDF made in memory, one or more copies.

Each copy is bilingual: the partners' copies lead with Dutch, the person's own
copy with their language. In a pair side by side, Arabic always takes the
right-hand column, so each script starts from the outer edge. Page decorations
(partners, person, "page X of Y", print date, version) are drawn once the page
count of each copy is known.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import itertools
import unicodedata
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from intake_desktop import i18n
from intake_desktop.i18n import N_, Nn_, isolate
from intake_desktop.plan.copies import (
    COPY_NAMES,
    Copy,
    included_domains,
    included_private_notes,
)
from intake_desktop.plan.labels import (
    LEERROUTE_NAMES,
    OWNER_NAMES,
    PARTNER_NAMES,
    PIP_NAMES,
    STATUS_NAMES,
)
from intake_desktop.printing.bidi_text import TextBlock, clean_text
from intake_desktop.printing.chart import ScoreChart
from intake_desktop.printing.fonts import register_fonts
from intake_desktop.store.choices import ActionStatus, Leerroute, Owner, Partner, PipElement

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
LABEL_WIDTH = 42 * mm

INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#5b6673")
ACCENT = colors.HexColor("#1f5f8b")
RULE = colors.HexColor("#c9d2dc")
SHADE = colors.HexColor("#eef3f7")

BODY = 9.5
SMALL = 8

TIGHT = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
]


@dataclass(frozen=True)
class PrintInfo:
    """What the page footer says about this print."""

    version: int
    printed_at: dt.datetime


def direction(language: str) -> str:
    return "rtl" if i18n.is_rtl(language) else "ltr"


def typed_direction(text: str) -> str:
    """How a value the user typed reads: the direction of its first strong character."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def user_text(text: str | None, size: float = BODY, **style) -> TextBlock:
    """Text a person typed: cleaned of controls, read in its own direction."""
    cleaned = clean_text(text or "")
    return TextBlock(cleaned, size=size, direction=typed_direction(cleaned), **style)


def translate(language: str, message: str, **values) -> str:
    text = i18n.translations(language).gettext(message)
    return text.format(**{k: isolate(v) for k, v in values.items()}) if values else text


class Languages:
    """The copy's languages (the first leads) and how a text is set in them."""

    def __init__(self, primary: str, secondary: str | None) -> None:
        self.primary = primary
        self.all = (primary,) if secondary in (None, primary) else (primary, secondary)

    def messages(self, message: str, **values) -> dict[str, str]:
        return {language: translate(language, message, **values) for language in self.all}

    def plurals(self, forms: tuple[str, str], count: int) -> dict[str, str]:
        singular, plural = forms
        return {
            language: i18n.translations(language).ngettext(singular, plural, count).format(
                count=isolate(count))
            for language in self.all
        }

    def dates(self, iso: str | None, form: str = "long") -> dict[str, str]:
        if not iso:
            return {language: "—" for language in self.all}
        date = dt.date.fromisoformat(iso)
        return {language: i18n.format_date(date, language, format=form) for language in self.all}

    def blocks(self, texts: dict[str, str], size: float, bold: bool, color,
               secondary_color) -> list[TextBlock]:
        return [
            TextBlock(texts[language], size=size, bold=bold,
                      color=color if language == self.primary else secondary_color,
                      direction=direction(language))
            for language in self.all
        ]

    def side(self, texts: dict[str, str], size: float = BODY, bold: bool = False,
             color=INK, secondary_color=MUTED, width: float = CONTENT_WIDTH) -> Flowable:
        """The texts side by side, Arabic on the right."""
        blocks = self.blocks(texts, size, bold, color, secondary_color)
        if len(blocks) == 1:
            return blocks[0]
        if i18n.is_rtl(self.all[0]):
            blocks.reverse()
        table = Table([blocks], colWidths=[width / 2] * 2)
        table.setStyle(TableStyle(TIGHT))
        return table

    def stack(self, texts: dict[str, str], size: float = SMALL, bold: bool = False,
              color=INK, secondary_color=MUTED) -> list[TextBlock]:
        """The texts one under the other, for narrow table cells."""
        return self.blocks(texts, size, bold, color, secondary_color)

    def pair(self, message: str, size: float = BODY, bold: bool = False, color=INK,
             secondary_color=MUTED, width: float = CONTENT_WIDTH, **values) -> Flowable:
        return self.side(self.messages(message, **values), size, bold, color, secondary_color,
                         width)

    def heading(self, message: str) -> Flowable:
        return self.pair(message, size=13, bold=True, color=ACCENT, secondary_color=ACCENT)


# --- the canvas that numbers pages per copy ---------------------------------------------------

@dataclass(frozen=True, eq=False)
class _CopyContext:
    copy: Copy
    languages: Languages
    snapshot: dict
    info: PrintInfo


class _PlanCanvas(Canvas):
    """Holds pages back until the end, so each can say "page X of Y" for its own copy."""

    def __init__(self, *args, decorate, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._held: list[dict] = []
        self.copy_context: _CopyContext | None = None

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        totals: dict[int, int] = {}
        for page in self._held:
            key = id(page["copy_context"])
            totals[key] = totals.get(key, 0) + 1
        numbers: dict[int, int] = {}
        for page in self._held:
            self.__dict__.update(page)
            key = id(self.copy_context)
            numbers[key] = numbers.get(key, 0) + 1
            self._decorate(self, self.copy_context, numbers[key], totals[key])
            Canvas.showPage(self)
        Canvas.save(self)


class _CopyStart(Flowable):
    """Invisible marker: from this page on, pages belong to this copy."""

    def __init__(self, context: _CopyContext) -> None:
        super().__init__()
        self.context = context

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        return 0, 0

    def draw(self) -> None:
        self.canv.copy_context = self.context


def _draw(canvas: Canvas, block: Flowable, x: float, top: float, width: float) -> None:
    _w, height = block.wrap(width, PAGE_HEIGHT)
    block.drawOn(canvas, x, top - height)


def _decorate(canvas: Canvas, context: _CopyContext, page: int, total: int) -> None:
    languages, person = context.languages, context.snapshot["person"]
    canvas.saveState()
    top = PAGE_HEIGHT - MARGIN
    canvas.setFillColor(ACCENT)
    canvas.rect(MARGIN, top, CONTENT_WIDTH, 1.2 * mm, stroke=0, fill=1)
    # Partner names are proper names: the same in every language.
    partners = "   ·   ".join(translate("nl", PARTNER_NAMES[p]) for p in Partner)
    _draw(canvas, TextBlock(partners, size=SMALL + 1, bold=True, color=ACCENT),
          MARGIN, top - 2 * mm, CONTENT_WIDTH)
    name = clean_text(person["name"])
    born = languages.dates(person["date_of_birth"], "medium")[languages.primary]
    who = translate(languages.primary, N_("{name}, geboren op {date}"), name=name,
                    date=born) \
        if person["date_of_birth"] else name
    _draw(canvas, TextBlock(who, size=SMALL + 1, direction=direction(languages.primary),
                            color=INK),
          MARGIN, top - 7 * mm, CONTENT_WIDTH)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, top - 12 * mm, PAGE_WIDTH - MARGIN, top - 12 * mm)

    canvas.line(MARGIN, MARGIN + 9 * mm, PAGE_WIDTH - MARGIN, MARGIN + 9 * mm)
    y = MARGIN + 8 * mm
    for language in languages.all:
        text = translate(
            language,
            N_("{copy} · pagina {page} van {total} · afgedrukt op {date} · versie {version}"),
            copy=translate(language, COPY_NAMES[context.copy]), page=page, total=total,
            version=context.info.version,
            date=i18n.format_date(context.info.printed_at.date(), language, format="long"),
        )
        _draw(canvas, TextBlock(text, size=SMALL - 0.5, color=MUTED,
                                direction=direction(language)),
              MARGIN, y, CONTENT_WIDTH)
        y -= 4 * mm
    canvas.restoreState()


# --- the parts of a copy ---------------------------------------------------------------------

def _title(languages: Languages, copy: Copy) -> list[Flowable]:
    return [
        languages.pair(N_("Plan van aanpak"), size=20, bold=True, secondary_color=ACCENT),
        Spacer(0, 2 * mm),
        languages.pair(N_("Eén gezamenlijk plan van de gemeente, VluchtelingenWerk en het "
                          "sociaal wijkteam, samen met u gemaakt."), color=MUTED),
        Spacer(0, 1.5 * mm),
        languages.pair(COPY_NAMES[copy], bold=True, color=ACCENT, secondary_color=ACCENT),
        Spacer(0, 5 * mm),
    ]


def _facts(languages: Languages, snapshot: dict) -> list[Flowable]:
    """The plan-wide agreements: a table of label and value."""
    value_width = CONTENT_WIDTH - LABEL_WIDTH - 6
    rows: list[list] = []

    def add(label: str, *values: Flowable) -> None:
        rows.append([languages.stack(languages.messages(label), bold=True), list(values)])

    def both(texts: dict[str, str]) -> Flowable:
        return languages.side(texts, width=value_width)

    person = snapshot["person"]
    add(N_("Naam"), user_text(person["name"], bold=True))
    if person["date_of_birth"]:
        add(N_("Geboortedatum"), both(languages.dates(person["date_of_birth"])))
    add(N_("Datum van de intake"), both(languages.dates(snapshot["intake_date"])))
    if snapshot["lead"]:
        reason = [user_text(snapshot["lead_reason"])] if snapshot["lead_reason"].strip() else []
        add(N_("Regie"), both(languages.messages(PARTNER_NAMES[Partner(snapshot["lead"])])),
            *reason)
    if snapshot["leerroute"]:
        add(N_("Leerroute"),
            both(languages.messages(LEERROUTE_NAMES[Leerroute(snapshot["leerroute"])])))
    if snapshot["pip"]:
        add(N_("In het PIP"),
            *[both(languages.messages(PIP_NAMES[PipElement(p)])) for p in snapshot["pip"]])
    if snapshot["next_evaluation"]:
        add(N_("Volgende evaluatie"), both(languages.dates(snapshot["next_evaluation"])))
    columns = [LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH]
    if i18n.is_rtl(languages.primary):
        rows = [list(reversed(row)) for row in rows]
        columns.reverse()
    table = Table(rows, colWidths=columns)
    label_column = -1 if i18n.is_rtl(languages.primary) else 0
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("BACKGROUND", (label_column, 0), (label_column, -1), SHADE),
    ]))
    return [table, Spacer(0, 6 * mm)]


def _chart(languages: Languages, domains: list[dict]) -> list[Flowable]:
    scored = [d for d in domains if d["team_score"] or d["person_score"]]
    if not scored:
        return []
    primary = languages.primary
    # The heading and its explanation travel with the chart to the next page.
    return [
        KeepTogether([
            languages.heading(N_("Scores per leefdomein")),
            Spacer(0, 1 * mm),
            languages.pair(N_("1 betekent grote zorgen, 5 betekent dat het goed gaat."),
                           size=SMALL, color=MUTED),
            Spacer(0, 2 * mm),
            ScoreChart(
                rows=[(translate(primary, d["title"]), d["team_score"], d["person_score"])
                      for d in scored],
                legend=(translate(primary, N_("Score van het team")),
                        translate(primary, N_("Eigen score"))),
                direction=direction(primary),
            ),
        ]),
        Spacer(0, 6 * mm),
    ]


def _score_line(languages: Languages, message: str, score: int, level: str | None) -> Flowable:
    texts = {
        language: translate(language, message, score=score,
                            level=i18n.translations(language).gettext(level) if level else "—")
        for language in languages.all
    }
    return languages.side(texts)


def _domain(languages: Languages, domain: dict) -> list[Flowable]:
    head: list[Flowable] = [languages.heading(domain["title"]), Spacer(0, 1.5 * mm)]
    if domain["team_score"]:
        head.append(_score_line(languages, N_("Score van het team: {score} van 5, {level}"),
                                domain["team_score"], domain["team_level"]))
    if domain["person_score"]:
        head.append(_score_line(languages, N_("Eigen score: {score} van 5, {level}"),
                                domain["person_score"], domain["person_label"]))
    body: list[Flowable] = []
    if domain["summary"].strip():
        body += [Spacer(0, 2 * mm),
                 languages.pair(N_("Situatie"), size=SMALL, bold=True, color=MUTED),
                 user_text(domain["summary"])]
    if domain["goal"].strip():
        body += [Spacer(0, 2 * mm),
                 languages.pair(N_("Doel, in eigen woorden"), size=SMALL, bold=True, color=MUTED),
                 user_text(domain["goal"], size=BODY + 1, bold=True)]
    if domain["actions"]:
        body += [Spacer(0, 1.5 * mm), languages.side(languages.plurals(
            Nn_("{count} afspraak: zie Wie doet wat", "{count} afspraken: zie Wie doet wat"),
            len(domain["actions"])), size=SMALL, color=MUTED, secondary_color=MUTED)]
    # A domain moves to the next page whole rather than leave its goal or its
    # action count stranded; one longer than a page still flows across pages.
    return [KeepTogether(head + body), Spacer(0, 5 * mm)]


def _owner_key(action: dict) -> tuple[int, str]:
    owner = Owner(action["owner"])
    name = action["owner_name"].casefold() if owner is Owner.OTHER else ""
    return list(Owner).index(owner), name


def _owner_title(languages: Languages, action: dict) -> Flowable:
    owner = Owner(action["owner"])
    if owner is Owner.OTHER and action["owner_name"].strip():
        return languages.pair(N_("Een andere partij: {name}"), bold=True, color=ACCENT,
                              secondary_color=ACCENT, name=clean_text(action["owner_name"]))
    return languages.pair(OWNER_NAMES[owner], bold=True, color=ACCENT, secondary_color=ACCENT)


GRID_STYLE = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
    ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
]


def _grid(languages: Languages, rows: list[list], shares: tuple[float, ...]) -> Table:
    """A table with a header row; its columns run from the right for a right-to-left reader."""
    widths = [CONTENT_WIDTH * share for share in shares]
    if i18n.is_rtl(languages.primary):
        rows = [list(reversed(row)) for row in rows]
        widths.reverse()
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(GRID_STYLE))
    return table


def _actions(languages: Languages, domains: list[dict]) -> list[Flowable]:
    """Every action in the copy, one table per owner, each kept with its owner's name."""
    entries = sorted(((domain, action) for domain in domains for action in domain["actions"]),
                     key=lambda entry: _owner_key(entry[1]))
    if not entries:
        return []
    def header() -> list:
        # New flowables for every table: one flowable drawn in two places is not safe.
        return [languages.stack(languages.messages(m), bold=True)
                for m in (N_("Wat"), N_("Leefdomein"), N_("Wanneer"), N_("Status"))]

    story: list[Flowable] = [CondPageBreak(45 * mm), languages.heading(N_("Wie doet wat"))]
    for _key, group in itertools.groupby(entries, key=lambda entry: _owner_key(entry[1])):
        group = list(group)
        rows: list[list] = [header()]
        for domain, action in group:
            what: list[Flowable] = [user_text(action["description"])]
            if action["owner_name"].strip() and Owner(action["owner"]) is not Owner.OTHER:
                what.append(user_text(action["owner_name"], size=SMALL, color=MUTED))
            rows.append([
                what,
                languages.stack(languages.messages(domain["title"])),
                languages.stack(languages.dates(action["due_date"], "medium")),
                languages.stack(languages.messages(STATUS_NAMES[ActionStatus(action["status"])])),
            ])
        # The owner's name travels with (the start of) its table to the next page.
        story.append(KeepTogether([Spacer(0, 4 * mm), _owner_title(languages, group[0][1]),
                                   Spacer(0, 1 * mm),
                                   _grid(languages, rows, (0.46, 0.22, 0.18, 0.14))]))
    return [*story, Spacer(0, 6 * mm)]


def _sharing(languages: Languages, snapshot: dict) -> list[Flowable]:
    """Who may see which domain; only the person's own copy, which holds every domain."""
    rows = [[languages.stack(languages.messages(N_("Leefdomein")), bold=True)] + [
        languages.stack(languages.messages(PARTNER_NAMES[p]), bold=True) for p in Partner
    ]]
    for domain in snapshot["domains"]:
        rows.append([languages.stack(languages.messages(domain["title"]))] + [
            languages.stack(languages.messages(N_("ja") if p.value in domain["shared_with"]
                                               else N_("nee")))
            for p in Partner
        ])
    return [
        CondPageBreak(45 * mm),
        languages.heading(N_("Wat u met wie deelt")),
        Spacer(0, 1 * mm),
        languages.pair(N_("Wat u niet deelt, staat niet in het exemplaar van die organisatie. "
                          "U kunt dit altijd veranderen."), size=SMALL, color=MUTED),
        Spacer(0, 2 * mm),
        _grid(languages, rows, (0.34, 0.22, 0.22, 0.22)),
        Spacer(0, 6 * mm),
    ]


def _private(languages: Languages, copy: Copy, notes: list[dict]) -> list[Flowable]:
    """What the person told this partner alone, set apart so nobody copies it on by mistake."""
    if not notes:
        return []
    partner = copy.partner

    def texts(message: str) -> dict[str, str]:
        return {language: translate(language, message,
                                    partner=translate(language, PARTNER_NAMES[partner]))
                for language in languages.all}

    story: list[Flowable] = [
        CondPageBreak(40 * mm),
        languages.side(texts(N_("Alleen voor {partner}")), size=13, bold=True, color=ACCENT,
                       secondary_color=ACCENT),
        Spacer(0, 1 * mm),
        languages.side(texts(N_("De persoon heeft dit alleen aan {partner} verteld. Het staat "
                                "niet in de andere exemplaren. Deel het met niemand anders.")),
                       size=SMALL, color=MUTED),
        Spacer(0, 2 * mm),
    ]
    for note in notes:
        block: list[Flowable] = []
        if note.get("domain_title"):
            block.append(languages.pair(note["domain_title"], size=SMALL, bold=True, color=MUTED))
        block.append(user_text(note["text"]))
        # The domain name never stands alone at the foot of a page.
        story += [KeepTogether(block), Spacer(0, 3 * mm)]
    return [*story, Spacer(0, 3 * mm)]


class _Line(Flowable):
    """A line to write on."""

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's names
        self.width = availWidth
        return availWidth, 2

    def draw(self) -> None:
        self.canv.setStrokeColor(MUTED)
        self.canv.setLineWidth(0.5)
        self.canv.line(0, 0, self.width, 0)


def _signatures(languages: Languages, snapshot: dict) -> list[Flowable]:
    def field(label: str, filled: str | None = None) -> list[Flowable]:
        written = [user_text(filled)] if filled else [Spacer(0, 6 * mm)]
        return [*written, _Line(), *languages.stack(languages.messages(label), size=SMALL - 1),
                Spacer(0, 2 * mm)]

    def box(role: str, name: str | None) -> list[Flowable]:
        return [*languages.stack(languages.messages(role), size=BODY, bold=True),
                Spacer(0, 1 * mm), *field(N_("Naam"), name), *field(N_("Datum")),
                Spacer(0, 5 * mm), *field(N_("Handtekening"))]

    cells = [
        box(N_("De persoon"), snapshot["person"]["name"]),
        box(PARTNER_NAMES[Partner.GEMEENTE], None),
        box(PARTNER_NAMES[Partner.VLUCHTELINGENWERK], None),
        box(PARTNER_NAMES[Partner.WIJKTEAM], None),
    ]
    rows = [cells[:2], cells[2:]]
    if i18n.is_rtl(languages.primary):
        rows = [list(reversed(row)) for row in rows]
    table = Table(rows, colWidths=[CONTENT_WIDTH / 2] * 2)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
        ("INNERGRID", (0, 0), (-1, -1), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
    ]))
    return [KeepTogether([
        languages.heading(N_("Handtekeningen")),
        Spacer(0, 1 * mm),
        languages.pair(N_("Met onze handtekening laten we zien dat we dit plan samen hebben "
                          "besproken en afgesproken. U kunt het plan altijd samen met ons "
                          "veranderen."), size=SMALL, color=MUTED),
        Spacer(0, 3 * mm),
        table,
    ])]


def _copy_story(snapshot: dict, copy: Copy, info: PrintInfo) -> list[Flowable]:
    person_language = snapshot["person"]["language"]
    languages = (Languages(person_language, "nl") if copy is Copy.PERSON
                 else Languages("nl", person_language))
    domains = included_domains(snapshot, copy)
    story: list[Flowable] = [
        _CopyStart(_CopyContext(copy, languages, snapshot, info)),
        *_title(languages, copy),
        *_facts(languages, snapshot),
        *_chart(languages, domains),
    ]
    left_out = len(snapshot["domains"]) - len(domains)
    if copy.partner is not None and left_out:
        story += [languages.side(languages.plurals(
            Nn_("{count} leefdomein staat niet in dit exemplaar, omdat de persoon het niet met "
                "deze organisatie deelt.",
                "{count} leefdomeinen staan niet in dit exemplaar, omdat de persoon ze niet met "
                "deze organisatie deelt."),
            left_out), size=SMALL, color=MUTED), Spacer(0, 4 * mm)]
    for domain in domains:
        story += _domain(languages, domain)
    story += _actions(languages, domains)
    story += _private(languages, copy, included_private_notes(snapshot, copy))
    if copy is Copy.PERSON:
        story += _sharing(languages, snapshot)
    story += _signatures(languages, snapshot)
    return story


def render_plan(snapshot: dict, copies: list[Copy], info: PrintInfo) -> bytes:
    """The PDF of the chosen copies, each from a new page and numbered on its own."""
    if not copies:
        raise ValueError("no copies chosen")
    register_fonts()
    buffer = io.BytesIO()
    # The metadata says what the document is, never whom it is about.
    doc = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN + 15 * mm, bottomMargin=MARGIN + 12 * mm,
        title="Plan van aanpak", author="", subject="", keywords="", creator="Intake Desktop",
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="plan", frames=[frame])])
    story: list[Flowable] = []
    for index, copy in enumerate(copies):
        if index:
            story.append(PageBreak())
        story += _copy_story(snapshot, Copy(copy), info)
    doc.build(story, canvasmaker=functools.partial(_PlanCanvas, decorate=_decorate))
    return buffer.getvalue()
