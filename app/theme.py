"""Homeward's colours, sizes and Flet theme: warm, calm, high-contrast, big tap targets."""

from __future__ import annotations

import flet as ft

BRAND = "#1B6E63"  # deep teal: 5.9:1 on white, AA for text and controls
BRAND_DARK = "#124C45"
BACKGROUND = "#FFF8F0"  # warm paper
SURFACE = "#FFFFFF"
TEXT = "#1F2A2E"  # 14.6:1 on the background
MUTED = "#4A5A5E"  # 6.6:1 on the background, for secondary text
ERROR = "#B3261E"  # 6.2:1 on the background
ERROR_BG = "#FDECEA"
OK_BG = "#E6F4EA"
WARN_BG = "#FFF4D6"
CHILD_ACCENT = "#F2C14E"

TAP = 56  # every tap target is at least 48 px; most are bigger
MAX_WIDTH = 480  # phone-first: content stays phone-width on a desktop screen
GAP = 16


def build_theme() -> ft.Theme:
    """The Material theme the whole app uses."""
    return ft.Theme(
        color_scheme_seed=BRAND,
        color_scheme=ft.ColorScheme(
            primary=BRAND,
            on_primary="#FFFFFF",
            surface=SURFACE,
            on_surface=TEXT,
            error=ERROR,
        ),
        use_material3=True,
    )
