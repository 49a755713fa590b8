"""The records and rules of the practice: no Flet, no TinyDB, no I/O."""
