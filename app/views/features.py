"""The screen families the shell shows, in the order their cards appear on a home screen."""

from __future__ import annotations

from app.views import (
    agreement,
    checkins,
    chores,
    circles,
    diary,
    rituals,
    safety,
    strengths,
    sync_settings,
    worker_message,
)
from app.views.feature import Feature

FEATURES: tuple[Feature, ...] = (
    safety.FEATURE,
    checkins.FEATURE,
    worker_message.FEATURE,
    chores.FEATURE,
    agreement.FEATURE,
    diary.FEATURE,
    rituals.FEATURE,
    strengths.FEATURE,
    circles.FEATURE,
    worker_message.PARENT_TILE,
    sync_settings.FEATURE,
)
