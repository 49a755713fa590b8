"""A child's safety-scale answer low enough to raise an alert is for the worker only (rule 7).

Sam's "0 out of 10" raises an alert; shown at home as a number it would tell the grown-ups
that he raised one. So nothing at home shows it: not the safety plan's tile or the scale
screen (both read ``ratings``), not "since the last visit" the family looks at with the
worker, not the month's review, not an export. A grown-up's low answer is theirs to share,
and a child's answer from 4 up is shown as before. A child's private "Why?" is not shown back
on the device, even to the child: a grown-up who sets the child's pictures would read it.
"""

from __future__ import annotations

from pathlib import Path

from app.domain.safety_scale import may_read_reason
from app.services.export import export_for
from app.services.reviews import reviews_for
from app.services.safety import safety_for
from app.services.visits import visits_for
from tests.services.taylors import FixedClock, create_taylors

NOW = 1_800_000_000.0  # 15 Jan 2027


def test_sams_alerting_answer_is_shown_nowhere_at_home(tmp_path: Path) -> None:
    clock = FixedClock(NOW)
    _gate, service = create_taylors(tmp_path / "h", clock)
    people = {m.name: m for m in service.members()}
    jo, sam, mia, priya = people["Jo"], people["Sam"], people["Mia"], people["Priya"]
    safety = safety_for(service)
    safety.rate(mia, 7, "calm week")
    safety.rate(sam, 6)
    clock.now += 60
    safety.rate(sam, 0, "dad shouts at night")
    safety.rate(jo, 2, "a hard week for me")

    shown = [(r.created_by, r.score) for r in safety.ratings()]
    assert (sam.id, 0) not in shown
    assert (sam.id, 6) in shown and (jo.id, 2) in shown and (mia.id, 7) in shown
    assert safety.latest_ratings()[sam.id].score == 6

    since = visits_for(service).since_last_visit(priya)
    assert [(r.created_by, r.score) for r in since.low_ratings] == [(jo.id, 2)]

    figures = reviews_for(service).figures("2027-01")
    assert figures.safety[sam.id] == 6 and figures.safety[jo.id] == 2

    exported = export_for(service, jo)["collections"]["safety_ratings"]
    assert sorted(d["score"] for d in exported) == [2, 6, 7]
    assert "dad shouts" not in str(export_for(service, jo))


def test_a_childs_private_why_is_not_shown_back_on_the_device(tmp_path: Path) -> None:
    clock = FixedClock(NOW)
    _gate, service = create_taylors(tmp_path / "h", clock)
    people = {m.name: m for m in service.members()}
    sam = people["Sam"]
    rating = safety_for(service).rate(sam, 6, "I miss my foster carer")
    assert not may_read_reason(rating, sam)  # not Jo, nor Sam: Jo could set his pictures
    shared = safety_for(service).rate(sam, 8, "pizza night", reason_for_family=True)
    assert may_read_reason(shared, sam)
