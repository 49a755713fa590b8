"""The screen families the shell shows, in the order their cards appear on a home screen."""

from __future__ import annotations

from app.views import (
    agreement,
    checkins,
    chores,
    circles,
    diary,
    messages,
    people,
    rituals,
    safety,
    settings,
    strengths,
    sync,
)
from app.views.feature import Feature

FEATURES: tuple[Feature, ...] = (
    safety.FEATURE,
    checkins.FEATURE,
    messages.FEATURE,
    chores.FEATURE,
    agreement.FEATURE,
    diary.FEATURE,
    rituals.FEATURE,
    strengths.FEATURE,
    circles.FEATURE,
    messages.PARENT_TILE,
    sync.FEATURE,
    people.FEATURE,
    settings.FEATURE,
)
