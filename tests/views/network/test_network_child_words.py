"""A child's "Our network" says who people are in a child's words, not the job titles."""

from __future__ import annotations

from pathlib import Path

from headless import FakeClock, run
from steps import open_as

from app.domain.programme.network import NetworkDetails, NetworkRole, Visibility
from app.services.programme.network import network_for
from tests.services.taylors import create_taylors, in_order


def test_a_child_reads_what_each_grown_up_does_in_child_words(
    data_dir: Path, clock: FakeClock
) -> None:
    gate, household = create_taylors(data_dir, clock)
    jo, _sam, _mia, _priya = in_order(household)
    network = network_for(household)
    network.add(jo, NetworkDetails("Dawn", "", NetworkRole.EMPATHIC_LISTENER, "07700 900123",
                                   Visibility.EVERYONE))
    network.add(jo, NetworkDetails("Kim", "", NetworkRole.FGC_COORDINATOR, "",
                                   Visibility.EVERYONE))
    gate.close()

    async def go() -> None:
        d = await open_as(data_dir, clock, "Sam, Child", pictures=("Apple", "Sun", "Tree"))
        await d.tap("Our network")
        said = d.texts()
        assert "Listens and helps" in said and "Helps plan big family talks" in said, said
        assert "Empathic listener" not in said
        assert "Family group conference coordinator" not in said

    run(go())
