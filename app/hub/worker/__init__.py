"""The worker web UI the hub serves beside its device API: a Flet app for support workers.

``app.build_worker_main`` is the factory and holds the routes; ``accounts`` and ``signin`` sign
workers in; ``session`` is what one browser tab knows; ``frame`` and ``words`` are the look and
the plain words every screen shares; ``caseload_screen`` lists the households that need
attention first. Each household's own screens live in ``household/``.
"""
