"""Homeward: a family companion for restorative and therapeutic parenting programmes."""

__version__ = "0.1.0"
