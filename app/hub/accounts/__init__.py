"""Workers' accounts at the hub: how many tries a secret gets, and what the agency does to an
account from the command line.

``tries`` counts tries at a worker's password and at the agency passphrase, atomically, so
tries made at the same moment cannot slip past the limit; ``workers`` switches an account off
or on and gives it a new password (each ends the worker's live sessions); ``admin_cli`` adds
those, and the agency key's fingerprint, to ``homeward hub-admin``. Signing in itself is in
``app.hub.worker.accounts``.
"""
