"""The agreement signed on several devices, put together at the hub: each device lets it take
effect, the same way, so the family is not left with a draft nobody can sign again."""

from __future__ import annotations

from pathlib import Path

from taylors import create_taylors, people

from app.domain.agreement import AgreedChore, AgreementVersion, RuleField, Signature
from app.domain.agreement.signing_together import signed_together
from app.domain.chores import ChorePlan, Often, Who
from app.services.agreement import AgreementService, agreement_for
from app.services.agreement_parts import chores_from_store
from app.services.chores import chores_for
from app.services.household import HouseholdService

AT = "2027-01-15T10:00:00+00:00"


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0  # 15 January 2027

    def __call__(self) -> float:
        return self.now


def _signed_on_three_devices(service: HouseholdService) -> AgreementService:
    """Jo, Sam and Mia each signed on their own device; the hub's version, pulled here."""
    agreement = agreement_for(service)
    p = people(service)
    agreement.save_rule(p["Jo"], None, {
        RuleField.TEXT: "We speak kindly", RuleField.WHY: "So everyone feels safe",
        RuleField.KEPT: "Well done", RuleField.BROKEN: "Calm down, then talk",
        RuleField.REPAIR: "Say sorry", RuleField.CHILD_WORDS: "Kind words"}, "talk")
    draft = agreement.latest()
    assert draft is not None
    required = [m.id for m in agreement.by_need()[0]]
    on_devices = [draft.signed(Signature(p[name].id, name, p[name].role.value, at), required)
                  for name, at in (("Jo", AT), ("Mia", "2027-01-15T10:05:00+00:00"),
                                   ("Sam", "2027-01-15T10:02:00+00:00"))]
    first = signed_together(on_devices[0], on_devices[1])
    assert first is not None
    merged = signed_together(first, on_devices[2])
    assert merged is not None
    agreement._store.put("agreement_versions", merged.to_json())  # what each device pulls
    latest = agreement.latest()
    assert latest is not None and latest.ready(required) and not latest.frozen
    return agreement


def test_a_draft_everyone_signed_on_their_own_device_takes_effect(tmp_path: Path) -> None:
    clock = Clock()
    _, service = create_taylors(tmp_path / "h", clock)
    agreement = _signed_on_three_devices(service)
    assert agreement.in_force() is None  # nobody's device saw the last signature
    clock.now += 3_600
    settled = agreement.take_effect_if_signed()
    assert settled is not None and agreement.in_force() == settled
    # at the last signature's time (Mia's), not when this device noticed
    assert settled.signed_at == "2027-01-15T10:05:00+00:00"
    assert sorted(s.name for s in settled.signatures) == ["Jo", "Mia", "Sam"]
    assert settled.for_now is None
    assert agreement.take_effect_if_signed() is None  # once is enough


def test_two_devices_letting_it_take_effect_make_the_same_version(tmp_path: Path) -> None:
    clock = Clock()
    _, phone = create_taylors(tmp_path / "phone", clock)
    agreement = _signed_on_three_devices(phone)
    pulled = agreement.latest()
    assert pulled is not None
    on_phone = agreement.take_effect_if_signed()
    agreement._store.put("agreement_versions", pulled.to_json())  # the tablet, an hour later
    clock.now += 3_600
    on_tablet = agreement.take_effect_if_signed()
    assert on_phone is not None and on_tablet == on_phone
    assert signed_together(on_phone, on_tablet) == on_phone  # the hub's: nothing crossed


def test_the_chores_it_takes_effect_with_are_in_the_order_they_were_made(tmp_path: Path) -> None:
    clock = Clock()
    _, phone = create_taylors(tmp_path / "phone", clock)
    _, tablet = create_taylors(tmp_path / "tablet", clock)
    jo, sam = people(phone)["Jo"], people(phone)["Sam"]
    for name in ("Dishes", "Bins"):
        chores_for(phone).add(jo, ChorePlan(name, "rest", Who.ONE, (sam.id,), Often.DAILY))
        clock.now += 60
    # the tablet pulled them in the hub's order, newest revision last: Bins before Dishes
    made = agreement_for(phone)._store.find("chores")
    for doc in reversed(made):
        agreement_for(tablet)._store.put("chores", doc)
    assert [d["name"] for d in agreement_for(tablet)._store.find("chores")] == ["Bins", "Dishes"]
    settled = _signed_on_three_devices(phone).take_effect_if_signed()
    assert settled is not None and [c.name for c in settled.chores] == ["Dishes", "Bins"]
    # each device reads them the same way, so each makes the same version
    on_tablet = chores_from_store(agreement_for(tablet)._store)()
    assert tuple(on_tablet) == settled.chores


def test_a_version_agreed_before_keeps_its_chores_as_they_were_agreed(tmp_path: Path) -> None:
    clock = Clock()
    _, service = create_taylors(tmp_path / "h", clock)
    agreement = _signed_on_three_devices(service)
    draft = agreement.latest()
    assert draft is not None
    chores = (AgreedChore("c2", "Bins"), AgreedChore("c1", "Dishes"))  # a store's own order
    agreed = draft.took_effect(AT, chores, ()).to_json()
    agreement._store.put("agreement_versions", agreed)
    in_force = agreement.in_force()
    assert in_force is not None and in_force.chores == chores  # read as it was agreed
    assert in_force.to_json() == agreed  # and so the hub still reads it back whole
    assert agreement.take_effect_if_signed() is None
    assert signed_together(in_force, AgreementVersion.from_json(agreed)) == in_force
