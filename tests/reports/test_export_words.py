"""Every field the household's copy prints has words in each language, and no coded value
prints as it is stored: a Welsh family's copy reads in Welsh, not in Homeward's own names."""

from __future__ import annotations

import dataclasses
import enum
import importlib
import inspect
import pkgutil
import typing
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import app.domain
from app.domain.checkins import Feeling
from app.domain.checkins_carer import Prompt
from app.domain.diary import DayPart, DiaryWords, Sharing
from app.domain.programme.moments import Ending, Need, Trigger
from app.domain.programme.network import NetworkRole, Visibility
from app.domain.programme.visits import AgendaItem, Visit
from app.domain.rituals import RitualPlan
from app.i18n import _catalogue, speaking
from app.reports import household_export
from app.services.diary import diary_for
from app.services.export import export_for
from app.services.rituals import rituals_for
from tests.reports.pdfkit import MADE_AT, pdf_text, words
from tests.services.taylors import FixedClock, create_taylors, in_order

LANGUAGES = ("en-GB", "cy-GB")
#: Records the copy never prints (``LEFT_OUT_AT_HOME``, and PINs): this device's PINs and
#: lockouts, and a child's alerts and the marks that they were seen (rules 2 and 7).
NEVER_PRINTED = {"DevicePin", "Lockout", "SafetyAlert", "AlertSeen"}
#: Fields whose keys are not names of fields: people's ids (printed as their names), bottom
#: line ids, or coded keys printed with the field's value words (a visit's notes by item).
KEYED_BY = {"notes": AgendaItem, "answers": Prompt, "safety": None, "carer": None,
            "feelings": None, "bottom_lines_met": None}
#: Coded values kept as plain text (``str``) in the records, by the field that holds them.
CODED_AS_TEXT: dict[str, tuple[type[enum.Enum], ...]] = {
    "part": (DayPart,), "sharing": (Sharing,), "needs": (Need,), "trigger": (Trigger,),
    "ending": (Ending,), "visibility": (Visibility,), "role": (NetworkRole,),
}


def _record_types() -> list[type[Any]]:
    """Every kind of record the domain stores (a dataclass with ``to_json``)."""
    found = []
    for module in pkgutil.walk_packages(app.domain.__path__, "app.domain."):
        loaded = importlib.import_module(module.name)
        for name, kind in vars(loaded).items():
            if (inspect.isclass(kind) and kind.__module__ == loaded.__name__
                    and dataclasses.is_dataclass(kind) and hasattr(kind, "to_json")
                    and name not in NEVER_PRINTED):
                found.append(kind)
    return found


RECORD_TYPES = _record_types()


def _enums(hint: Any) -> set[type[enum.Enum]]:
    if inspect.isclass(hint) and issubclass(hint, enum.Enum):
        return {hint}
    return set().union(*(_enums(arg) for arg in typing.get_args(hint)))


def _printed_keys(record: Any, within: str | None = None) -> set[str]:
    """The field names the copy prints as labels for one stored record."""
    keys: set[str] = set()
    if isinstance(record, dict):
        for key, value in record.items():
            if within not in KEYED_BY:
                keys.add(key)
            # a child's feelings in a review: by child, then by feeling, all under "feelings"
            keys |= _printed_keys(value, within if within in KEYED_BY else key)
    elif isinstance(record, list):
        for item in record:
            keys |= _printed_keys(item, within)
    return keys


def test_there_are_records_to_walk() -> None:
    assert len(RECORD_TYPES) > 30


@settings(max_examples=10, deadline=None, phases=[Phase.generate],
          suppress_health_check=list(HealthCheck))
@given(st.data())
def test_every_field_a_record_keeps_has_a_label_in_each_language(data: st.DataObject) -> None:
    for kind in RECORD_TYPES:
        keys = _printed_keys(data.draw(st.from_type(kind)).to_json())
        for language in LANGUAGES:
            missing = sorted(k for k in keys if f"reports.field.{k}" not in _catalogue(language))
            assert missing == [], (kind.__name__, language)


def test_every_coded_value_a_record_keeps_has_words_in_each_language() -> None:
    coded: dict[str, set[type[enum.Enum]]] = {k: set(v) for k, v in CODED_AS_TEXT.items()}
    for kind in RECORD_TYPES:
        for field, hint in typing.get_type_hints(kind).items():
            if _enums(hint):
                coded.setdefault(field, set()).update(_enums(hint))
    coded["feelings"] = {Feeling}  # a month's feelings, counted by child and by feeling
    coded.pop("source", None)  # an alert's source: alerts are never in the copy (rule 7)
    for field, keyed in KEYED_BY.items():
        if keyed is not None:
            coded.setdefault(field, set()).add(keyed)
    assert {"agenda", "part", "often", "avatar"} <= coded.keys()
    for language in LANGUAGES:
        catalogue = _catalogue(language)
        missing = sorted(f"{field}.{member.value}" for field, kinds in coded.items()
                         for kind in kinds for member in kind
                         if f"reports.value.{field}.{member.value}" not in catalogue)
        assert missing == [], language
        for code in ("en-GB", "cy-GB"):
            assert f"reports.value.language.{code}" in catalogue


def test_a_welsh_copy_has_no_english_labels_and_no_codes(tmp_path: Path, visit: Visit) -> None:
    gate, household = create_taylors(tmp_path / "home", FixedClock(1_800_000_000.0))
    jo = in_order(household)[0]
    household.set_language(jo, jo.id, "cy-GB")
    diary_for(household).write(jo, DiaryWords(
        day=date(2027, 1, 15), part=DayPart.MORNING, went_well="Mae Sam wedi bwyta",
        was_hard="Amser gwely", responded="Stori", try_next="Bath"))
    rituals_for(household).add(jo, RitualPlan("Stori amser gwely", "book", "Bob nos"))
    collections = {**export_for(household, jo)["collections"], "visits": [visit.to_json()]}
    with speaking("cy-GB"):
        text = words(pdf_text(household_export(collections, "Teulu Taylor", MADE_AT), tmp_path))
    assert "Amser gwely" in text and "Yr ymweliad nesaf" in text  # the records are there
    english, welsh = _catalogue("en-GB"), _catalogue("cy-GB")
    for key, label in english.items():
        if key.startswith("reports.field.") and label != welsh[key]:
            assert f"{label}:" not in text, key
    for code in ("since_last_visit", "next_visit", "morning", "cy-GB", "private", "fox"):
        assert code not in text, code
    assert "Iaith: Cymraeg" in text and "Rhan o'r dydd: Bore" in text
