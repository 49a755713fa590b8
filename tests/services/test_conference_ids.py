"""Which conference a device prepares next is the same on every device with the same history.

Two devices that each prepare "the next conference" offline make the same record, so the
agency sees one conference crossing (for a person to settle), never two where one is hidden.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from app.domain.programme.conference import Stage
from app.domain.safety import Section
from app.services.household import HouseholdService
from app.services.programme.conference import conferences_for
from app.services.safety import safety_for
from tests.services.taylors import PASSPHRASE, FixedClock, create_taylors, in_order, open_gate


def prepare_next(household: HouseholdService, information: str) -> str:
    """Priya prepares the next conference, about the bedtime worry; its id."""
    priya = in_order(household)[3]
    conferences = conferences_for(household)
    worries, _ = conferences.to_address()
    return conferences.prepare(priya, invited=[], worries=[worries[0].id], bottom_lines=[],
                               information=information).id


def test_the_next_conference_after_a_decided_one_is_the_same_on_both_devices(
    tmp_path: Path,
) -> None:
    clock = FixedClock(1_800_000_000.0)
    gate, phone = create_taylors(tmp_path / "phone", clock)
    jo, _sam, _mia, priya = in_order(phone)
    safety_for(phone).add_point(jo, Section.WORRIES, "Shouting at bedtime")
    conferences = conferences_for(phone)
    first = prepare_next(phone, "")
    conferences.start_day(priya)
    conferences.start_private_time(priya)
    conferences.add_action(jo, "Bedtime story every night", "Jo", None)
    conferences.share_plan(jo)
    conferences.decide(priya, agreed=True, why="It keeps Sam safe", review_on="2027-02-01")
    gate.close()
    # The tablet holds the same history: the same household, the same decided conference.
    shutil.copytree(tmp_path / "phone", tmp_path / "tablet")
    phone = open_gate(tmp_path / "phone", clock).unlock(PASSPHRASE)
    clock.now += 60
    on_phone = prepare_next(phone, "Phone")
    clock.now += 3600  # later, and by a different clock: the same conference still
    tablet = open_gate(tmp_path / "tablet", clock).unlock(PASSPHRASE)
    on_tablet = prepare_next(tablet, "Tablet")

    assert on_phone == on_tablet != first
    for household in (phone, tablet):  # the decided conference is kept beside the new one
        shown = conferences_for(household).conferences()
        assert [(c.id, c.stage) for c in shown] == [(on_phone, Stage.PREPARING),
                                                    (first, Stage.DECIDED)]
