"""The programme around the family: the worker's visits and the monthly review of progress.

These records belong to the work the family and their worker do together (seeds: "doing
things with them, rather than to them or for them"). Like the rest of ``app.domain`` they
import neither flet nor tinydb, and never save themselves.
"""
