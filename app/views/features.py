"""The screen families the shell shows, in the order their cards appear on a home screen.

A child's home has its own order: how they feel, then "I need help" within the first screen
(rule 1: a way to get help is easy to find, not below their jobs and rituals), then strengths
(their jobs, what they are proud of), so it does not open on danger alone; help is one tap away
on every screen too.
"""

from __future__ import annotations

from app.views import (
    agreement,
    checkins,
    chores,
    circles,
    conference,
    diary,
    houses,
    learning,
    messages,
    moments,
    network,
    people,
    programme,
    reviews,
    rituals,
    safety,
    settings,
    strengths,
    sync,
    visits,
)
from app.views.feature import Feature

FEATURES: tuple[Feature, ...] = (
    safety.FEATURE,
    safety.NEED_HELP,
    checkins.FEATURE,
    conference.FEATURE,
    visits.FEATURE,
    messages.FEATURE,
    chores.FEATURE,
    agreement.FEATURE,
    diary.FEATURE,
    rituals.FEATURE,
    strengths.FEATURE,
    houses.FEATURE,
    circles.FEATURE,
    learning.FEATURE,
    moments.FEATURE,
    programme.FEATURE,
    reviews.FEATURE,
    network.FEATURE,
    messages.PARENT_TILE,
    sync.FEATURE,
    people.FEATURE,
    settings.FEATURE,
)

#: The order of the parts of a child's home.
CHILD_HOME: tuple[Feature, ...] = (
    checkins.FEATURE,
    safety.NEED_HELP,
    chores.FEATURE,
    strengths.FEATURE,
    houses.FEATURE,
    rituals.FEATURE,
    agreement.FEATURE,
    messages.FEATURE,
    network.FEATURE,
    safety.FEATURE,
)
