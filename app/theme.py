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
# Where the keyboard is: a near-black ring round a focused button (17.9:1 on the background,
# 3.1:1 on a filled teal button), and a grey-green behind a focused tile or row (3:1 on the
# background, the words on it 4.6:1). Material's own 10% tint was 1.25:1.
FOCUS = "#0D1214"
FOCUS_FILL = "#7A9690"
FOCUS_RING = 3

TAP = 56  # every tap target is at least 48 px; most are bigger
MAX_WIDTH = 480  # phone-first: content stays phone-width on a desktop screen
GAP = 16


# Material 3's own sizes for the words of controls that set none (buttons, boxes, tiles).
TEXT_STYLES = {
    "display_large": 57, "display_medium": 45, "display_small": 36,
    "headline_large": 32, "headline_medium": 28, "headline_small": 24,
    "title_large": 22, "title_medium": 16, "title_small": 14,
    "label_large": 14, "label_medium": 12, "label_small": 11,
    "body_large": 16, "body_medium": 14, "body_small": 12,
}


def build_theme(text_scale: float = 1.0) -> ft.Theme:
    """The Material theme the whole app uses, with its words at ``text_scale`` (2.0: 200%).

    Above 100%, buttons lose their fixed heights (``app.views.text_size.tap_height``) and
    get roomy padding instead, so a label that wraps makes its button taller, never cut off.
    """
    bigger = text_scale != 1.0
    roomy = ft.Padding.symmetric(horizontal=16, vertical=16) if bigger else None
    style = ft.ButtonStyle(padding=roomy, side={
        ft.ControlState.FOCUSED: ft.BorderSide(FOCUS_RING, FOCUS)})
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
        focus_color=FOCUS_FILL,
        text_theme=ft.TextTheme(**{name: ft.TextStyle(size=size * text_scale)
                                   for name, size in TEXT_STYLES.items()}) if bigger else None,
        filled_button_theme=ft.FilledButtonTheme(style=style),
        outlined_button_theme=ft.OutlinedButtonTheme(style=style),
        text_button_theme=ft.TextButtonTheme(style=style),
        button_theme=ft.ButtonTheme(style=style),
        icon_button_theme=ft.IconButtonTheme(style=style),
    )
