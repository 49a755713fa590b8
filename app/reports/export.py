"""Everything held about a household, printed so a person can read it (a subject access copy).

Each kind of record is named and explained in plain words, then each record is listed with
its fields: dates in words, people by name, yes and no for true and false.

Left out, always and whoever asks: sync's own bookkeeping and what belongs to one device (its
PINs, lockouts, a visit still going on), and what must never be read at home: messages
sealed for the worker and safety alerts (rules 2 and 7). What the caller passes has already
been read as its reader reads Homeward at home (``app.sync.home.read_at_home``: a child's
private "why", another person's diary). The sentence saying that some
records are kept only by the agency is printed on every copy, whether or not there are
any, so a copy never hints that a child raised an alert or wrote to their worker.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from fpdf.errors import FPDFException

from app.i18n import t
from app.reports.paper import MARGIN, MUTED, PrintFailed
from app.reports.pdf import Report
from app.reports.words import date_words, iso_when_words, month_words, when_words
from app.sync.catalogue import LEFT_OUT_AT_HOME, SEALED_FIELD, label_key, outgoing

#: The order kinds are printed in: the household and its people first, then what they agreed,
#: how they keep safe, how they feel, what they do together, and the work with the agency.
KIND_ORDER: tuple[str, ...] = (
    "household", "members", "agreement_versions", "agreement_settings", "rule_talks",
    "rule_talk_answers", "chores", "chore_ticks", "safety_plans", "safety_action_ticks",
    "child_safety_plans", "safety_ratings", "checkins", "checkin_notes", "carer_checkins",
    "circles", "circle_turns", "diary_entries", "rituals", "ritual_done", "strengths",
    "family_goals", "reviews", "visits",
)
NEST = 6.0  # mm each level of a record inside a record is indented
#: Deeper levels print at this one's indent: a device may send a record nested 64 deep, and
#: 64 indents are wider than the page.
DEEPEST = 4
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


def _maybe(key: str) -> str | None:
    """The catalogue's words for ``key``, or None when it has none."""
    try:
        return t(key)
    except KeyError:
        return None


def kinds_in_order(collections: Mapping[str, list[dict[str, Any]]]) -> list[str]:
    """The kinds of record to print: the usual ones in ``KIND_ORDER``, then any others."""
    known = [name for name in KIND_ORDER if name in collections]
    others = sorted(name for name in collections if name not in KIND_ORDER)
    return [name for name in [*known, *others]
            if name not in LEFT_OUT_AT_HOME and collections[name]]


def field_label(name: str) -> str:
    """A field's name in plain words ("created_at" is "Made on"); the catalogue names every
    field Homeward stores, so the name as it is only shows for a record from a newer Homeward."""
    return _maybe(f"reports.field.{name}") or name.replace("_", " ").strip().capitalize()


class _Writer:
    """Prints records' fields, turning ids into names and dates into words."""

    def __init__(self, pdf: Report, names: Mapping[str, str]) -> None:
        self.pdf = pdf
        self.names = names

    def value_words(self, key: str, value: Any) -> str:
        if isinstance(value, bool):
            return t("reports.yes") if value else t("reports.no")
        if isinstance(value, str):
            if key.startswith(SEALED_FIELD):  # "sealed", "sealed_notes": never the bytes
                return t("reports.export.sealed")
            if key != "id" and value in self.names:
                return self.names[value]
            plain = _maybe(f"reports.value.{key}.{value}")  # "parent" is "Parent or carer"
            if plain is not None:
                return plain
            if _MOMENT.match(value):
                return _safely(iso_when_words, value)
            if _DAY.match(value):
                return _safely(lambda v: date_words(date.fromisoformat(v)), value)
            if _MONTH.match(value) and key in ("month", "shard"):
                return _safely(month_words, value)
            return value
        plain = _maybe(f"reports.value.{key}.{value}")  # a chore's days: 0 is "Monday"
        return plain if plain is not None else str(value)

    def key_words(self, key: str, within: str | None) -> str:
        """A key in plain words: a person's name, a coded key of the field it sits in (a
        visit's notes are kept under their agenda item), else the field's label."""
        if key in self.names:
            return self.names[key]
        coded = _maybe(f"reports.value.{within}.{key}") if within else None
        return coded if coded is not None else field_label(key)

    def fields(self, record: Mapping[str, Any], depth: int, within: str | None = None) -> None:
        # the reference first, as a record's name; the rest as the record keeps them
        ordered = sorted(record.items(), key=lambda item: item[0] != "id")
        for key, value in ordered:
            if value is None or value == "" or value == [] or value == {}:
                continue  # an empty field holds nothing to read
            label = self.key_words(key, within)
            indent = min(depth, DEEPEST) * NEST
            if isinstance(value, Mapping):
                self.pdf.labelled(label, "", indent=indent)
                # figures by person keep their field: a child's feelings are still "feelings"
                self.fields(value, depth + 1, within if key in self.names else key)
            elif isinstance(value, list) and any(isinstance(v, Mapping) for v in value):
                self.pdf.labelled(label, "", indent=indent)
                for number, item in enumerate(value, start=1):
                    self.pdf.labelled(t("reports.export.item", number=number), "",
                                      indent=indent + NEST)
                    if isinstance(item, Mapping):
                        self.fields(item, depth + 2)
                    else:
                        self.pdf.para(self.value_words(key, item), indent=indent + 2 * NEST)
            elif isinstance(value, list):
                self.pdf.labelled(label, t("reports.chart.list_sep").join(
                    self.value_words(key, v) for v in value), indent=indent)
            else:
                self.pdf.labelled(label, self.value_words(key, value), indent=indent)


def _safely(words: Any, value: str) -> str:
    """Words for a date-like value, or the value as it is when it is not a real date."""
    try:
        return str(words(value))
    except ValueError:
        return value


def household_export(collections: Mapping[str, list[dict[str, Any]]], household_name: str,
                     made_at: datetime) -> bytes:
    """Everything held for the household, readable: each kind in plain words, then each record.

    Raises:
        PrintFailed: a record could not be laid out on paper.
    """
    try:
        return _printed(collections, household_name, made_at)
    except FPDFException as failed:
        raise PrintFailed(str(failed)) from failed


def _printed(collections: Mapping[str, list[dict[str, Any]]], household_name: str,
             made_at: datetime) -> bytes:
    names = {str(m["id"]): str(m["name"]) for m in collections.get("members", [])
             if m.get("id") and m.get("name")}
    kinds = kinds_in_order(collections)
    pdf = Report(t("reports.export.kind"), made_at)
    pdf.title_block(t("reports.export.title"), household_name)
    pdf.about(t("reports.export.about", made=when_words(made_at)))
    pdf.para(t("reports.export.agency_only"))
    pdf.para(t("reports.export.own_only"))
    pdf.ln(2)

    pdf.heading(t("reports.export.contents"))
    pdf.bullets([t("reports.export.count", kind=t(label_key(k)), count=len(collections[k]))
                 for k in kinds], empty=t("reports.export.nothing"))

    writer = _Writer(pdf, names)
    for kind in kinds:
        records = collections[kind]
        title = t(label_key(kind))
        pdf.heading(title, keep=6 * pdf.line_height(pdf.body))
        pdf.start_section(title)  # a bookmark, to find a kind in a long copy
        pdf.para(_maybe(f"reports.export.about.{kind}") or t("reports.export.about_other"),
                 colour=MUTED)
        pdf.ln(2)
        for number, record in enumerate(records, start=1):
            shown = outgoing(kind, record)  # sync's bookkeeping and device-only fields cut out
            pdf.ln(3)
            pdf.make_room(4 * pdf.line_height(pdf.body))
            pdf.para(t("reports.export.record", number=number, total=len(records)), bold=True)
            pdf.set_draw_color(*MUTED)
            pdf.line(MARGIN, pdf.get_y(), pdf.w - MARGIN, pdf.get_y())
            pdf.ln(1)
            writer.fields(shown, 0)
        pdf.ln(4)
    return pdf.to_bytes()
