"""The UK nation a household lives in, and which law on physical punishment applies there.

Scotland (since November 2020) and Wales (since March 2022) have made all physical
punishment of children unlawful. In England and Northern Ireland a parent can still plead
"reasonable punishment" to the least serious charge. The household's own nation is said
first wherever the law is shown, so a parent reads the law that applies to them.
"""

from __future__ import annotations

from enum import StrEnum


class Nation(StrEnum):
    """The four UK nations, in the order a settings list shows them."""

    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern_ireland"


class PunishmentLaw(StrEnum):
    """The law on physical punishment of children, named by its catalogue key suffix."""

    SCOTLAND = "scotland"  # all physical punishment unlawful since 7 November 2020
    WALES = "wales"  # all physical punishment unlawful since 21 March 2022
    ENGLAND_NI = "england_ni"  # "reasonable punishment" defence to common assault only


#: Every law, in the order shown when the household has not said where it lives.
ALL_LAWS: tuple[PunishmentLaw, ...] = (PunishmentLaw.SCOTLAND, PunishmentLaw.WALES,
                                       PunishmentLaw.ENGLAND_NI)

_LAW_IN = {
    Nation.ENGLAND: PunishmentLaw.ENGLAND_NI,
    Nation.NORTHERN_IRELAND: PunishmentLaw.ENGLAND_NI,
    Nation.SCOTLAND: PunishmentLaw.SCOTLAND,
    Nation.WALES: PunishmentLaw.WALES,
}


def law_in(nation: Nation) -> PunishmentLaw:
    """The law on physical punishment that applies where the household lives."""
    return _LAW_IN[nation]


def physical_punishment_banned(nation: Nation) -> bool:
    """True where every physical punishment of a child is against the law."""
    return law_in(nation) is not PunishmentLaw.ENGLAND_NI


def laws_for(nation: Nation | None) -> tuple[PunishmentLaw, ...]:
    """Every law, the household's own first; the usual order when the nation is not known."""
    if nation is None:
        return ALL_LAWS
    own = law_in(nation)
    return (own, *(law for law in ALL_LAWS if law is not own))


def nation_or_none(value: object) -> Nation | None:
    """Read a stored nation; anything unknown (or not chosen yet) is None."""
    try:
        return Nation(str(value)) if value else None
    except ValueError:
        return None
