"""A child's own three houses: the houses with what they showed, and adding a thing to one.

Who will see it is said first, in child words, before anything can be added. A thing is a
picture, a word or two, or a drawing (or all three); then "Show my grown-ups?": yes puts it
in the house for the family to see; no keeps it for the worker, sealed at once, and nothing
about it stays on any screen at home, this one included.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import flet as ft

from app.domain.people import Role
from app.domain.programme.three_houses import (
    ITEM_PICTURES,
    House,
    HouseItem,
    ItemDraft,
    may_take_back,
)
from app.i18n import t
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.chores.parts import picture_choice
from app.views.houses.draw import Strokes, draw_pad
from app.views.houses.parts import ROUTE, big_choice, house_box, item_card, service, the_worker
from app.views.houses.parts import who_sees as who_sees_box
from app.views.state import Session, error_message, go, guarded, signed_in_only, use_session
from app.views.sync.settings import sync_of

SHOWS = 4  # things shown in each house on the child's houses screen, newest


def child_houses(session: Session) -> ft.Control:
    """A child's three houses, each with what they showed and a button to add to it."""
    me = session.require_member()
    worker = the_worker(session)
    mine = service(session).items(me, me.id)
    can_keep = sync_of(session).agency_public_key() is not None
    body: list[ft.Control] = [who_sees_box(t("houses.child.who", worker=worker))]
    for house in House:
        inside = [i for i in mine if i.house is house][-SHOWS:]
        items: list[ft.Control] = [
            item_card(i, footer=[take_back_link(session, i)] if can_keep and i.plan_step_id is None
                      and may_take_back(me, i) else ())
            for i in reversed(inside)] or [w.para(t("houses.child.empty"), muted=True)]
        body.append(house_box(house, t(f"houses.child.house.{house.value}"), items, [
            w.primary(t(f"houses.child.add.{house.value}"),
                      guarded(session, lambda h=house: go(f"{ROUTE}/add/{h.value}")))],
            identifier=f"house-{house.value}"))
    body += [
        w.secondary(t("houses.child.meeting"), guarded(session, lambda: go(f"{ROUTE}/meeting"))),
        w.link(t("houses.child.look_back"),
               guarded(session, lambda: go(f"{ROUTE}/child/{me.id}"))),
    ]
    return w.screen(t("houses.child.title"), body, on_back=guarded(session, lambda: go("/")),
                    on_lock=guarded(session, session.lock), identifier="houses-screen",
                    read_aloud=True)


def take_back_link(session: Session, item: HouseItem) -> ft.Control:
    """Under a thing the child showed: take it back from the grown-ups."""
    return w.link(t("houses.child.take_back"),
                  guarded(session, lambda: go(f"{ROUTE}/take-back/{item.id}")))


@ft.component
@signed_in_only
def TakeBackScreen() -> ft.Control:
    """Take a shown thing back: what it is, what will happen (kept for the worker), yes or no."""
    session = use_session()
    me = session.require_member()
    item_id = ft.use_route_params().get("item_id", "")
    error, set_error = ft.use_state("")
    worker = the_worker(session)
    houses = service(session)
    try:
        item: HouseItem | None = houses.item(me, item_id)
    except KeyError:
        item = None
    if item is None or not may_take_back(me, item):
        return w.screen(t("houses.take_back.title"), [
            w.para(t("houses.take_back.gone")),
            w.primary(t("houses.child.back"), guarded(session, lambda: go(ROUTE)))],
            on_back=guarded(session, lambda: go(ROUTE)), identifier="houses-take-back-screen")

    def take_back() -> None:
        try:
            houses.take_back(me, item_id, sync_of(session).agency_public_key())
        except KeyError:  # taken back or gone on another device meanwhile
            set_error(t("houses.take_back.gone"))
            return
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))  # nothing changed: it stays in the house
            return
        session.notice = t("houses.take_back.done", worker=worker)
        go(ROUTE)

    body: list[ft.Control] = [item_card(item), w.para(t("houses.take_back.body", worker=worker))]
    if error:
        body.append(w.message(error))
    body += [w.primary(t("houses.take_back.yes"), guarded(session, take_back)),
             w.secondary(t("houses.take_back.no"), guarded(session, lambda: go(ROUTE)))]
    return w.screen(t("houses.take_back.title"), body,
                    on_back=guarded(session, lambda: go(ROUTE)),
                    on_lock=guarded(session, session.lock),
                    identifier="houses-take-back-screen", read_aloud=True)


@ft.component
@signed_in_only
def AddToHouseScreen() -> ft.Control:
    """Put one thing in a house: who sees it first, then a picture, words or a drawing."""
    session = use_session()
    me = session.require_member()
    value = ft.use_route_params().get("house", "")
    picture, set_picture = ft.use_state(cast(str | None, None))
    # kept in a ref: typing does not redraw the pictures and the drawing on every key
    words: ft.MutableRef[str] = ft.use_ref("")
    strokes, set_strokes = ft.use_state(cast(Strokes, ()))
    show, set_show = ft.use_state(cast(bool | None, None))  # None until the child says
    error, set_error = ft.use_state("")
    done, set_done = ft.use_state("")
    sync = sync_of(session)
    worker = the_worker(session)
    agency_key = sync.agency_public_key()
    house = House(value) if value in {h.value for h in House} else House.GOOD

    def save() -> None:
        if show is None:
            set_error(t("houses.child.choose_first"))
            return
        draft = ItemDraft(house, picture, words.current or "", strokes,
                          show_grown_ups=bool(show))
        try:
            service(session).add(me, me.id, draft, agency_key)
        except (InvalidInput, NotAllowed) as exc:
            set_error(error_message(exc))  # what was picked, said and drawn stays on screen
            return
        set_picture(None)
        words.current = ""
        set_strokes(())
        set_show(None)
        set_error("")
        set_done(t("houses.child.saved_shown") if show
                 else t("houses.child.saved_kept", worker=worker))

    def set_words(text: str) -> None:
        words.current = text

    def pick(name: str) -> None:
        set_done("")
        set_picture(None if picture == name else name)

    def drew(change: Callable[[Strokes], Strokes]) -> None:
        set_done("")
        set_strokes(change)

    if me.role is not Role.CHILD:
        return w.screen(t("houses.title"), [w.para(t("houses.for_a_child"))],
                        on_back=guarded(session, lambda: go(ROUTE)),
                        identifier="houses-add-screen")
    body: list[ft.Control] = [who_sees_box(t("houses.child.who", worker=worker))]
    if done:
        body.append(w.message(done, kind="ok"))
    body += [
        w.para(t("houses.child.pick"), size=19, bold=True),
        ft.Row([picture_choice(name, t(f"houses.pic.{name}"), picture == name,
                               guarded(session, lambda n=name: pick(n)))
                for name in ITEM_PICTURES], wrap=True, spacing=8, run_spacing=8),
        w.para(t("houses.child.words_ask"), size=19, bold=True),
        w.text_field(t("houses.child.words"), words.current or "", set_words, max_length=200),
        w.para(t("houses.child.draw_ask"), size=19, bold=True),
        draw_pad(strokes, drew),
        w.para(t("houses.child.show_ask"), size=19, bold=True),
        big_choice("family", t("houses.child.show_yes"), show is True,
                   guarded(session, lambda: set_show(True))),
    ]
    if agency_key is not None:
        body.append(big_choice("lock", t("houses.child.show_no", worker=worker), show is False,
                               guarded(session, lambda: set_show(False))))
    else:
        body.append(w.message(t("houses.child.show_no_later", worker=worker), kind="warn"))
    if error:
        body.append(w.message(error))
    body += [
        w.primary(t("houses.child.save"), guarded(session, save)),
        w.link(t("houses.child.back"), guarded(session, lambda: go(ROUTE))),
    ]
    title = t(f"houses.child.add_title.{house.value}")
    # a kept thing wakes sync by itself (``SYNC_AT_ONCE``), like a message for the worker
    return w.screen(title, body, on_back=guarded(session, lambda: go(ROUTE)),
                    on_lock=guarded(session, session.lock), identifier="houses-add-screen",
                    read_aloud=True)
