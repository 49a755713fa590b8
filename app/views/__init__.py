"""Flet screens, one module per screen family. Views never import ``app.storage``."""
