"""Placeholder: the agreement screens are being built; until then the feature adds nothing."""

from __future__ import annotations

from app.views.feature import Feature

FEATURE = Feature()
