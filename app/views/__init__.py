"""Flet screens: a package per screen family, each exposing its ``FEATURE``; shared parts on top.

Views say what the user wants and services decide and save: no view imports ``app.storage``.
"""
