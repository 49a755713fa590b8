"""Casework at the agency: who looks after which family, and a family's records over time.

``allocation`` holds workers' roles, allocations and the access log (who opened what);
``retention`` closing a household, how long its records are kept and erasing them; ``export``
everything the hub holds for one household, for the family or a court; ``progress`` what is
going well and what is due, read from the records; ``admin_cli`` the ``hub-admin`` actions
for all of these.
"""
