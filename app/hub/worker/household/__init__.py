"""One household as the worker sees it: its page, its records in words, and the worker's changes.

``data`` reads the household's current records from the hub (``checkins``: a check-in read
whole, or in part when it comes from a newer Homeward); ``documents`` and ``timeline`` put them
into plain words; ``changes`` writes what a worker changes (alerts seen, bottom lines, next
steps, settled conflicts) as new hub revisions the family's phones pull. The rest are screens:
``page`` (alerts first, then the parts), ``safety`` and ``scale``, ``timeline_screen``,
``family_life``, ``messages`` (sealed words opened with the agency key) and ``conflicts``.
"""
