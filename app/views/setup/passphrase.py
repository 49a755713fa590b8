"""Choosing a passphrase: two boxes, the rules, and a live hint saying how strong it is.

Shared by the first run, the household settings (a new passphrase) and the recovery-key
screen (a new passphrase after a forgotten one).
"""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.domain.passphrase import check_passphrase
from app.i18n import t
from app.views import widgets as w


def strength_hint(passphrase: str, household_name: str) -> ft.Control | None:
    """The live strength hint under the passphrase box, with the first reason it is refused."""
    if not passphrase:
        return None
    check = check_passphrase(passphrase, household_name=household_name)
    words = t(f"passphrase.strength.{check.strength.value}")
    if check.problems:
        return w.message(f"{words} {t(f'passphrase.problem.{check.problems[0].value}')}",
                         kind="warn")
    return w.message(words, kind="ok")


def clearing(set_error: Callable[[str], None],
             setter: Callable[[str], None]) -> Callable[[str], None]:
    """``setter``, also taking away the last refusal: once the box changes it no longer
    describes what is typed (a "needs at least 10 characters" beside a strong passphrase)."""
    def typed(value: str) -> None:
        setter(value)
        set_error("")
    return typed


def passphrase_fields(
    first: str, set_first: object, second: str, set_second: object, household_name: str,
) -> list[ft.Control]:
    """The two passphrase boxes, the rules and the live hint; shared by setup and settings."""
    hint = strength_hint(first, household_name)
    return [
        w.para(t("passphrase.rules")),
        w.text_field(t("passphrase.new"), first, set_first, password=True),  # type: ignore[arg-type]
        *([hint] if hint else []),
        w.text_field(t("passphrase.again"), second, set_second, password=True),  # type: ignore[arg-type]
    ]


def passphrase_error(first: str, second: str, household_name: str) -> str:
    """The reason a new passphrase cannot be used yet, or "" when it can."""
    check = check_passphrase(first, household_name=household_name)
    if not check.acceptable:
        return t(f"passphrase.problem.{check.problems[0].value}")
    if first != second:
        return t("passphrase.error.mismatch")
    return ""
