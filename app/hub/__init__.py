"""The agency hub: the server that pairs households' devices and keeps their records in sync.

``db`` holds the schema and its migrations; ``credentials`` the hashing of passwords, codes
and tokens and the wrapping of the agency key; ``admin`` the agency's own operations (create
the agency, add workers, register households, pair and revoke devices); ``protocol`` the wire
format shared with the device (signing, compression, cursors, the agency key's fingerprint);
``sync`` pairing, push and pull over the database; ``limits`` how much of a request body the
hub reads, unzips and parses; ``api`` the HTTP app devices talk to; ``accounts`` the limits on
tries at a worker's password and the agency passphrase, and switching accounts off.
"""
