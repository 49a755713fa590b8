"""A household's children's Three Houses at the agency: everything each child put in them.

What a child showed the family arrives as ``house_items``; what they kept for the worker arrives
sealed (``houses_for_worker``) and is opened here with the agency key, exactly as a sealed
message is (``household.messages``): the passphrase once per tab, the opening noted in the
access log, the words never logged or stored anywhere else. Each time in the houses is shown
by its day, newest first, beside what the child wants their meeting to know.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import flet as ft
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import Engine, select

from app import theme
from app.domain.programme.three_houses import House, HouseItem, MeetingWords, history
from app.hub.caseload import body_json, decode_all
from app.hub.casework.allocation import OPENED_HOUSES
from app.hub.db import records
from app.hub.worker import frame
from app.hub.worker.household.gate import note
from app.hub.worker.household.messages import UnlockMessages
from app.hub.worker.household.parts import Unreadable, read, section_page, use_household
from app.hub.worker.words import day_words_iso
from app.i18n import plural, t
from app.services.programme.houses import HOUSE_ITEMS, MEETING_WORDS, SEALED_KIND
from app.sync.catalogue import HOUSES_FOR_WORKER
from app.sync.sealing import CannotOpen, open_sealed
from app.views.houses.parts import item_card
from app.views.text_size import sized


@dataclass
class HousesRecords:
    """A household's shown things, words for meetings and sealed things, as the hub holds them."""

    shown: list[HouseItem] = field(default_factory=list)
    meetings: list[MeetingWords] = field(default_factory=list)
    sealed: list[tuple[str, bytes]] = field(default_factory=list)  # (record id, sealed body)
    skipped: int = 0


def houses_records(engine: Engine, household_id: str) -> HousesRecords:
    """The household's current three houses records on the hub (sealed ones left sealed)."""
    query = select(records.c.record_id, records.c.collection, records.c.sealed,
                   records.c.body).where(
        records.c.household_id == household_id, records.c.deleted.is_(False),
        records.c.collection.in_((HOUSE_ITEMS, MEETING_WORDS, HOUSES_FOR_WORKER))
    ).order_by(records.c.seq)
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    found = HousesRecords()
    grouped: dict[str, list[tuple[str, str, dict[str, object] | None]]] = {}
    for row in rows:
        if row.collection == HOUSES_FOR_WORKER:
            if row.sealed and row.body is not None:
                found.sealed.append((row.record_id, bytes(row.body)))
            continue
        grouped.setdefault(row.collection, []).append(
            (row.record_id, row.collection, body_json(row.body)))
    found.shown, bad_items = decode_all(grouped.get(HOUSE_ITEMS, []), HouseItem.from_json)
    found.meetings, bad_words = decode_all(grouped.get(MEETING_WORDS, []),
                                           MeetingWords.from_json)
    found.skipped = bad_items + bad_words
    return found


def open_kept(agency_key: X25519PrivateKey, record_id: str, sealed: bytes
              ) -> tuple[HouseItem, str | None] | None:
    """A thing a child kept for the worker, opened with the agency key, with when the child
    took it back from the family if it was shown first; None if it will not open."""
    try:
        data = json.loads(open_sealed(agency_key, sealed, record_id))
        if data.get("kind") != SEALED_KIND or data.get("id") != record_id:
            return None
        taken_back = data.get("taken_back_at")
        return HouseItem.from_json(data), taken_back if isinstance(taken_back, str) else None
    except (CannotOpen, ValueError, KeyError, TypeError):
        return None


def _mark(item: HouseItem, taken_back: dict[str, str]) -> ft.Control:
    if item.id in taken_back:
        words = t("hub.houses.taken_back", day=day_words_iso(taken_back[item.id]))
    else:
        words = t("hub.houses.shown" if item.shown else "hub.houses.kept")
    return ft.Text(words, size=sized(14), weight=ft.FontWeight.W_600,
                   color=theme.BRAND_DARK if item.shown else theme.ERROR)


def _child_card(name: str, child_id: str, items: list[HouseItem],
                meetings: list[MeetingWords], taken_back: dict[str, str]) -> ft.Control:
    rows: list[ft.Control] = []
    said = max((m for m in meetings if m.child_id == child_id), key=lambda m: m.created_at,
               default=None)
    if said is not None:
        rows.append(w_para(t("hub.houses.meeting", name=name), bold=True))
        rows.append(w_para(said.words or ", ".join(t(f"houses.pic.{p}") for p in said.pictures)))
    for sitting in history(i for i in items if i.child_id == child_id):
        rows.append(ft.Text(day_words_iso(sitting.day), size=sized(17),
                            weight=ft.FontWeight.BOLD, color=theme.TEXT))
        for house in House:
            inside = sitting.in_house(house)
            if inside:
                rows.append(w_para(t(f"houses.house.{house.value}"), bold=True))
                rows += [item_card(i, footer=[_mark(i, taken_back)]) for i in inside]
    return frame.card(name, rows, identifier=f"hub-houses-{child_id}")


def w_para(text: str, *, bold: bool = False) -> ft.Control:
    """A line of a card."""
    return ft.Text(text, size=sized(16), color=theme.TEXT,
                   weight=ft.FontWeight.W_600 if bold else None)


@ft.component
def HousesScreen() -> ft.Control:
    """Each child's three houses: the agency passphrase first if anything is sealed."""
    session, household_id, found = use_household()
    houses = read(session, lambda: houses_records(session.engine, household_id))
    opened = session.agency_key is not None and houses is not None and bool(houses.sealed)

    def note_opened() -> None:
        if opened:  # a child's kept things are on screen: an opening of sealed words
            note(session, household_id, OPENED_HOUSES)

    ft.use_effect(note_opened, dependencies=[household_id, opened])
    if found is None or houses is None:
        return Unreadable()
    body: list[ft.Control] = [frame.empty(t("hub.houses.intro"))]
    items = list(houses.shown)
    taken_back: dict[str, str] = {}
    if houses.sealed and session.agency_key is None:
        body.append(w_para(plural(len(houses.sealed), "hub.houses.sealed"), bold=True))
        body.append(UnlockMessages("hub.houses.unlock_title", "hub.houses.unlock_body",
                                   "hub.houses.open"))
    elif session.agency_key is not None:
        for record_id, sealed in houses.sealed:
            opened_one = open_kept(session.agency_key, record_id, sealed)
            if opened_one is None:
                body.append(frame.empty(t("hub.houses.unreadable")))
                continue
            kept, when = opened_one
            items.append(kept)
            if when is not None:
                taken_back[kept.id] = when
    children = sorted({i.child_id for i in items} | {m.child_id for m in houses.meetings})
    if not children:
        body.append(frame.empty(t("hub.houses.none")))
    for child_id in children:
        body.append(_child_card(found.name_of(child_id) or "?", child_id, items,
                                houses.meetings, taken_back))
    return section_page(session, found, t("hub.section.houses"), body, identifier="hub-houses",
                        skipped=houses.skipped)
