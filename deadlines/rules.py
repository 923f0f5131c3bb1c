"""Rules that derive a calendar row's kind, category, delivery and VIGO jobs from its text.

The published calendar marks a row's kind with bold text ("<b>Siste dato</b>")
and its category with a colour that the text export loses, so both are
inferred here from the cells. Each rule list is ordered and the first match
wins; ``docs/kalender.md`` lists the same rules for users.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from deadlines.calendar import Category, RowKind

#: VIGO job (report) numbers: digit, letter, three digits ("5A019", "6S002").
JOB_NUMBER = re.compile(r"\b\d[A-Z]\d{3}\b")

_TAG = re.compile(r"</?(?:b|i|u|a|strong|em)\b[^>]*>", re.IGNORECASE)
_BOLD_MARKDOWN = re.compile(r"\*\*(.+?)\*\*")
_SPACES = re.compile(r"[ \t]+")

#: Bold words at the start of "Hva" that state the row's kind.
_KIND_MARKUP = re.compile(
    r"^\s*<b>\s*(Første dato|Siste dato|Siste frist|Frist|Dato)\s*</b>", re.IGNORECASE
)
_KIND_BY_MARKUP: dict[str, RowKind] = {
    "første dato": "forste_dato",
    "siste dato": "siste_dato",
    "siste frist": "frist",
    "frist": "frist",
    "dato": "frist",
}
_PLAIN_DEADLINE = re.compile(r"^\s*(?:\w*frist)\b", re.IGNORECASE)
_DELIVERY_START = re.compile(r"^\s*(?:Datalevering|Elevdata|Innsending)\b", re.IGNORECASE)
_FILE_WORD = re.compile(r"\w*fil(?:en|er|ene)?\b", re.IGNORECASE)
#: Outside bodies that send data to VIGO or receive it from VIGO.
_PARTNER = re.compile(r"\bUdir\b|\bWIS\b|FPVS|Lånekassen", re.IGNORECASE)


def strip_markup(text: str) -> str:
    """Return ``text`` without HTML tags or markdown bold, entities decoded, spaces collapsed."""
    plain = _TAG.sub("", text)
    plain = _BOLD_MARKDOWN.sub(r"\1", plain)
    return _SPACES.sub(" ", html.unescape(plain)).strip()


def job_numbers(*texts: str) -> tuple[str, ...]:
    """Return the VIGO job numbers named in ``texts``, in order of first mention."""
    found: dict[str, None] = {}
    for text in texts:
        for match in JOB_NUMBER.finditer(text):
            found.setdefault(match.group(0))
    return tuple(found)


@dataclass(frozen=True)
class RowText:
    """The cells of a row: ``description_markup`` keeps the markup, the others are plain."""

    sender: str
    description_markup: str
    description: str
    receiver: str
    comment: str

    @property
    def parties(self) -> str:
        return f"{self.sender} | {self.receiver}"


def row_kind(row: RowText) -> RowKind:
    """Return the kind of a row.

    1. Bold "Første dato", "Siste dato", "Frist", "Siste frist" or "Dato" at the
       start of "Hva" gives the first date, last date or deadline.
    2. "Tilbakemelding" at the start of "Hva" is feedback.
    3. A row with both sender and receiver is a delivery when "Hva" starts with
       "Datalevering", "Elevdata" or "Innsending", names a file ("Søkerfil",
       "Filen for ..."), or data moves to or from Udir, WIS, FPVS or Lånekassen.
    4. "Hva" starting with a word ending in "frist" ("Frist", "Søknadsfrist")
       without markup is a deadline.
    5. Everything else is information.
    """
    marked = _KIND_MARKUP.match(row.description_markup)
    if marked:
        return _KIND_BY_MARKUP[marked.group(1).casefold()]
    if row.description.casefold().startswith("tilbakemelding"):
        return "tilbakemelding"
    if row.sender and row.receiver:
        if _DELIVERY_START.match(row.description) or _FILE_WORD.search(row.description):
            return "levering"
        if _PARTNER.search(row.parties):
            return "levering"
    if _PLAIN_DEADLINE.match(row.description):
        return "frist"
    return "informasjon"


#: The legend's colour categories, keyed by their text folded to lower case.
#: The document spells vilbli.no "vilbi.no" in the legend; both are accepted.
LEGEND_IDS: dict[str, str] = {
    "interne datoer for vigo": "vigo_intern",
    "utdanningsdirektoratet fagopplæringsfiler": "udir_fagopplaering",
    "utdanningsdirektoratet privatskolerapportering": "udir_privatskole",
    "utdanningsdirektoratet søker- og inntaksfil": "udir_soker_inntak",
    "utdanningsdirektoratet data til nasjonalt register for opplæringskontor": (
        "udir_opplaeringskontor"
    ),
    "ssb og utdanningsdirektoratet ssbresultat og ssbelev": "ssb_udir",
    "lånekassen": "lanekassen",
    "oppfølgingsstjenesten": "ot",
    "oppfølgingstjenesten": "ot",
    "vilbi.no (fagbokforlaget)": "vilbli",
    "vilbli.no (fagbokforlaget)": "vilbli",
    "forsvarets personell- og vernepliktssenter (fpvs)": "fpvs",
}

#: vigoklar's own category for rows no colour of the legend fits (school
#: holidays, SSB publications, exams): it is not part of the document.
OTHER_CATEGORY = Category("annet", "Annet (ingen fargekode)", from_document=False)

_INTERNAL_PARTY = re.compile(
    r"VIGO|Skolene|Fylkene|Fylkesansvarlig|Inntak|Grunnskolene|Privatistkontoret",
    re.IGNORECASE,
)

# (category id, where to look, pattern): "parties" is sender and receiver,
# "what" is the plain "Hva" text, "both" is all three.
_CATEGORY_RULES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("fpvs", "parties", re.compile(r"FPVS")),
    ("lanekassen", "parties", re.compile(r"Lånekassen", re.IGNORECASE)),
    ("vilbli", "both", re.compile(r"vilbli\.no", re.IGNORECASE)),
    ("udir_opplaeringskontor", "what", re.compile(r"nasjonalt register", re.IGNORECASE)),
    ("udir_privatskole", "parties", re.compile(r"\bWIS\b")),
    ("udir_privatskole", "what", re.compile(r"privatskole", re.IGNORECASE)),
    (
        "udir_fagopplaering",
        "what",
        re.compile(r"Fagopplæringsfil|UdirBedrift|ssbKontrakt|ssbAvlagteProver", re.IGNORECASE),
    ),
    (
        "ssb_udir",
        "what",
        re.compile(r"ssbResultat|ssbElev|statistikk til Udir/SSB|elevfilen?e? til SSB/Udir", re.I),
    ),
    ("udir_soker_inntak", "what", re.compile(r"^(?:Søkerfil|Inntaksfil)", re.IGNORECASE)),
    ("ot", "parties", re.compile(r"VIGO OT")),
    ("ot", "what", re.compile(r"OT-data|VIGO OT")),
)


def row_category(row: RowText) -> str:
    """Return the id of the colour category a row most likely had.

    The first rule that matches wins: FPVS or Lånekassen as a party; vilbli.no
    anywhere; the national register of training offices; Udir (WIS) as a
    party or private schools in "Hva"; apprenticeship files; ssbResultat,
    ssbElev or the statistics to Udir/SSB; applicant and admission files;
    VIGO OT. Then a row whose sender, receiver or "Hva" names VIGO, the schools
    or the counties is an internal VIGO date, and anything else is "annet".
    """
    for category, where, pattern in _CATEGORY_RULES:
        haystack = {
            "parties": row.parties,
            "what": row.description,
            "both": f"{row.parties} | {row.description}",
        }[where]
        if pattern.search(haystack):
            return category
    if _INTERNAL_PARTY.search(f"{row.parties} | {row.description}"):
        return "vigo_intern"
    return OTHER_CATEGORY.id


# (delivery, where to look, pattern), first match wins.
_DELIVERY_RULES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("ssbKontrakt", "what", re.compile(r"ssbKontrakt|ssbAvlagteProver")),
    ("ssbResultat", "what", re.compile(r"ssbResultat")),
    ("ssbElev", "what", re.compile(r"ssbElev|elevfilen?e? til SSB/Udir", re.IGNORECASE)),
    ("FPVS", "parties", re.compile(r"FPVS")),
    ("Lånekassen", "parties", re.compile(r"Lånekassen", re.IGNORECASE)),
    ("søkerfil", "what", re.compile(r"Søkerfil", re.IGNORECASE)),
    ("inntaksfil", "what", re.compile(r"Inntaksfil", re.IGNORECASE)),
    ("nasjonalt_register", "what", re.compile(r"nasjonalt register", re.IGNORECASE)),
    ("fagopplæringsfil", "what", re.compile(r"Fagopplæringsfil", re.IGNORECASE)),
    ("UdirBedrift", "what", re.compile(r"UdirBedrift")),
    ("privatskole", "parties", re.compile(r"\bWIS\b")),
    ("privatskole", "what", re.compile(r"privatskole", re.IGNORECASE)),
    ("OT", "parties", re.compile(r"VIGO OT")),
    ("OT", "what", re.compile(r"OT-data")),
    ("vilbli", "both", re.compile(r"vilbli\.no", re.IGNORECASE)),
)


def row_delivery(row: RowText) -> str | None:
    """Return the delivery a row names itself, or None.

    Rows that name no delivery but point at rows that do ("Se 24. oktober")
    inherit it in the importer, once references are resolved.
    """
    for delivery, where, pattern in _DELIVERY_RULES:
        haystack = {
            "parties": row.parties,
            "what": row.description,
            "both": f"{row.parties} | {row.description}",
        }[where]
        if pattern.search(haystack):
            return delivery
    return None
