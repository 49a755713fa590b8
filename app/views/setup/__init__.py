"""The first run: name the household, choose the passphrase, keep the recovery key, add people.

Seen once, by the parent setting Homeward up (often with their worker beside them);
``wizard`` holds the steps and ``passphrase`` the passphrase boxes other screens share.
"""
