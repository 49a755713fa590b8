"""The worker web UI the hub serves beside its device API: a Flet app, one module per screen family.

``app.build_worker_main`` is the factory; ``accounts`` signs workers in; ``household_data`` and
``app.hub.caseload`` read the hub's records; ``changes`` writes a worker's changes as new hub
revisions the family's phones pull; ``words``, ``timeline`` and ``documents`` put records into
plain words; the rest are screens.
"""
