"""Writing one rule: positive words, why, recognition, a fair consequence and putting it right.

Every part offers restorative ideas to tap. A consequence that mentions physical
punishment is not saved: the screen explains kindly why, and what the law says in each
UK nation (where the household lives first), and offers other consequences instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import flet as ft

from app import theme
from app.domain.agreement import RULE_PICTURES, Rule, RuleField, sounds_negative
from app.domain.people import Role
from app.domain.programme.nation import laws_for
from app.i18n import t
from app.services.agreement import PhysicalPunishmentRefused
from app.services.errors import ChangedMeanwhile
from app.services.household import InvalidInput, NotAllowed
from app.views import widgets as w
from app.views.agreement.parts import examples, idea, ideas_row, service_of
from app.views.state import Session, error_message, go, guarded, signed_in_only, use_session
from app.views.text_size import picture_height

LIMITS = {RuleField.TEXT: 120}
DETAIL_LIMIT = 300
#: The parts of a rule, in the order the form asks for them, with restorative ideas or not.
FORM_PARTS: tuple[tuple[RuleField, bool], ...] = (
    (RuleField.TEXT, True), (RuleField.CHILD_WORDS, False), (RuleField.WHY, True),
    (RuleField.KEPT, True), (RuleField.BROKEN, True), (RuleField.REPAIR, True),
)


def _values(rule: Rule | None) -> dict[str, str]:
    if rule is None:
        return {part.value: "" for part in RuleField}
    return {part.value: getattr(rule, part.value) for part in RuleField}


def _kept_over(typed: dict[str, str], opened: Rule, newer: Rule) -> dict[str, str]:
    """What the form shows after someone else saved ``newer``: the parts this form changed as
    typed, every other part as it is saved now (so saving again undoes nobody's words)."""
    was, now = _values(opened), _values(newer)
    return {part: text if text != was[part] else now[part] for part, text in typed.items()}


def _picture_choice(session: Session, chosen: str, choose: Callable[[str], None]) -> ft.Control:
    """Small picture buttons for the rule's picture; the chosen one is outlined and ticked."""
    buttons: list[ft.Control] = [
        ft.OutlinedButton(
            content=w.option(t(f"agreement.picture.{name}"), w.picture(name, 36),
                             name == chosen),
            on_click=guarded(session, lambda name=name: choose(name)),
            width=60, height=picture_height(60),
            style=ft.ButtonStyle(
                shape=ft.RoundedRectangleBorder(radius=14), padding=0,
                bgcolor=theme.CHILD_ACCENT if name == chosen else theme.SURFACE,
                side=ft.BorderSide(3 if name == chosen else 1,
                                   theme.BRAND if name == chosen else "#C9C2B8"),
            ),
        )
        for name in RULE_PICTURES
    ]
    return ft.Row(buttons, wrap=True, spacing=8, run_spacing=8)


def punishment_explanation(session: Session, refused: PhysicalPunishmentRefused,
                           choose: Callable[[str], None]) -> ft.Control:
    """Why a physical punishment cannot go in the agreement, the law, and other ideas."""
    words = ", ".join(f"\u201c{word}\u201d" for word in refused.words)
    # the law where the household lives first, as the moments note and the law card say it
    laws = laws_for(session.require_service().household().nation)

    def line(text: str, **style: Any) -> ft.Control:
        # each line its own node, so it is read (and found) as text, not folded into the box
        return ft.Semantics(container=True, content=w.para(text, **style))

    lines: list[ft.Control] = [
        ft.Row([ft.Icon(ft.Icons.FAVORITE_BORDER, color=theme.ERROR),
                ft.Container(line(t("agreement.physical.title"), bold=True, size=18),
                             expand=True)],
               vertical_alignment=ft.CrossAxisAlignment.START),
        line(t("agreement.physical.noticed", words=words)),
        line(t("agreement.physical.harm")),
        line(t("agreement.physical.law"), bold=True),
        *[line("\u2022 " + t(f"agreement.physical.law.{law.value}"), size=16)
          for law in laws],
        line(t("agreement.physical.ask"), bold=True),
        ft.Row([idea(text, guarded(session, lambda text=text: choose(text)))
                for text in examples(RuleField.BROKEN)], wrap=True, spacing=8, run_spacing=8),
    ]
    return ft.Semantics(
        container=True,
        identifier="physical-punishment-explanation",
        content=ft.Container(ft.Column(lines, spacing=10), bgcolor=theme.WARN_BG,
                             border_radius=12, padding=14,
                             border=ft.Border.all(2, theme.ERROR)),
    )


@ft.component
@signed_in_only
def RuleScreen() -> ft.Control:
    """Add a new rule ("new") or change one in the current draft."""
    session = use_session()
    rule_id = ft.use_route_params().get("rule_id", "new")
    agreement = service_of(session)
    latest = agreement.latest()
    existing: Rule | None = None
    if rule_id != "new" and latest is not None:
        existing = next((r for r in latest.rules if r.id == rule_id), None)
    # What is typed lives in a ref: typing re-renders nothing, so the box never fights the
    # person's keystrokes; tapping an idea changes the ref and re-renders on purpose.
    typed: ft.MutableRef[dict[str, str]] = ft.use_ref(lambda: _values(existing))
    # the rule as this form was opened on: a save over a newer one is refused, not made
    opened: ft.MutableRef[Rule | None] = ft.use_ref(lambda: existing)
    _shown, set_shown = ft.use_state(0)
    negative, set_negative = ft.use_state(sounds_negative(existing.text if existing else ""))
    picture, set_picture = ft.use_state(existing.picture if existing else "heart")
    error, set_error = ft.use_state("")
    refused, set_refused = ft.use_state(cast(PhysicalPunishmentRefused | None, None))
    confirming, set_confirming = ft.use_state(False)
    me = session.require_member()
    back = guarded(session, lambda: go("/agreement"))
    if me.role is Role.CHILD or (rule_id != "new" and existing is None):
        return w.screen(t("agreement.rule.missing"), [w.para(t("agreement.rule.missing.body"))],
                        on_back=back, on_lock=guarded(session, session.lock),
                        identifier="agreement-rule-screen")

    values = typed.current

    def typing(part: RuleField) -> Callable[[str], None]:
        def on_type(text: str) -> None:
            typed.current = {**typed.current, part.value: text}
            if part is RuleField.TEXT:
                set_negative(sounds_negative(text))  # re-renders only when the tip flips
        return on_type

    def set_part(part: RuleField, text: str) -> None:
        typed.current = {**typed.current, part.value: text}
        if part is RuleField.TEXT:
            set_negative(sounds_negative(text))
        set_shown(lambda n: n + 1)

    def setter(part: RuleField) -> Callable[[str], None]:
        return lambda new: set_part(part, new)

    def choose_consequence(text: str) -> None:
        set_part(RuleField.BROKEN, text)
        set_refused(None)

    def changed_meanwhile() -> None:
        was, now = opened.current, agreement.latest()
        newer = next((r for r in now.rules if r.id == was.id), None) if was and now else None
        if was is None or newer is None:
            return
        typed.current = _kept_over(typed.current, was, newer)
        set_picture(picture if picture != was.picture else newer.picture)
        set_negative(sounds_negative(typed.current[RuleField.TEXT.value]))
        opened.current = newer
        set_shown(lambda n: n + 1)

    def save() -> None:
        fields = {part: typed.current.get(part.value, "") for part in RuleField}
        try:
            agreement.save_rule(me, existing.id if existing else None, fields, picture,
                                seen=opened.current)
        except ChangedMeanwhile as exc:
            changed_meanwhile()
            set_error(error_message(exc))
            return
        except PhysicalPunishmentRefused as exc:
            set_refused(exc)
            set_error("")
            return
        except (InvalidInput, NotAllowed, KeyError) as exc:
            set_error(error_message(exc))
            return
        session.notice = t("agreement.rule.saved")
        go("/agreement")

    def remove() -> None:
        assert existing is not None
        agreement.remove_rule(me, existing.id)
        session.notice = t("agreement.rule.removed")
        go("/agreement")

    body: list[ft.Control] = [w.para(t("agreement.rule.intro"), muted=True)]
    if latest is not None and latest.frozen:
        body.append(w.message(t("agreement.rule.new_version", number=latest.number + 1),
                              kind="warn"))
    for part, with_ideas in FORM_PARTS:
        text = values.get(part.value, "")
        body.append(w.text_field(
            t(f"agreement.field.{part.value}"), text,
            typing(part),
            max_length=LIMITS.get(part, DETAIL_LIMIT), multiline=part is not RuleField.TEXT,
            helper=t(f"agreement.field.{part.value}.helper"),
        ))
        if part is RuleField.TEXT and negative:
            body.append(w.message(t("agreement.rule.positive_tip"), kind="warn"))
        if part is RuleField.BROKEN and refused is not None:
            body.append(punishment_explanation(session, refused, choose_consequence))
        if with_ideas and not (part is RuleField.BROKEN and refused is not None):
            body.append(ideas_row(session, part, setter(part)))
    body += [
        w.para(t("agreement.picture.choose")),
        _picture_choice(session, picture, set_picture),
    ]
    if refused is not None:
        body.append(w.message(t("agreement.physical.not_saved")))
    if error:
        body.append(w.message(error))
    body.append(ft.Row([w.secondary(t("common.cancel"), back),
                        w.primary(t("agreement.rule.save"), guarded(session, save))],
                       spacing=12))
    if existing is not None:
        if confirming:
            body.append(w.ask_first(t("agreement.rule.remove.confirm"),
                                    t("agreement.rule.remove.yes"), guarded(session, remove),
                                    guarded(session, lambda: set_confirming(False))))
        else:
            body.append(w.link(t("agreement.rule.remove"),
                               guarded(session, lambda: set_confirming(True))))
    title = t("agreement.rule.edit_title") if existing else t("agreement.rule.new_title")
    return w.screen(title, body, on_back=back, on_lock=guarded(session, session.lock),
                    identifier="agreement-rule-screen")
