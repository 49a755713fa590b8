"""Small building blocks every screen shares: the screen frame, buttons, messages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import flet as ft

from app import theme
from app.i18n import t
from app.views.button_words import named as named
from app.views.button_words import option as option
from app.views.read_aloud import ReadAloud, words_in
from app.views.state import SessionContext
from app.views.text_size import roomy, scale, sized, tap_height

PHONE_WIDTH = 390  # the narrowest phone a screen is made for, in points
TITLE_LETTER = 14  # about how wide a letter of a 24-point bold title is, in points


def _fits_beside(title: str, back: bool, read_aloud: bool, lock: bool) -> bool:
    """Whether every word of a 24-point title fits, unbroken, beside the header's buttons on
    a phone: Flutter breaks a word wider than its room inside the word."""
    room = PHONE_WIDTH - 2 * 20 - theme.TAP * (back + read_aloud) - 100 * lock - 8 * (
        back + read_aloud + lock)
    return max((len(word) for word in title.split()), default=0) * TITLE_LETTER <= room


def screen(
    title: str,
    body: Sequence[ft.Control],
    *,
    on_lock: Callable[..., Any] | None = None,
    on_back: Callable[..., Any] | None = None,
    notice: ft.Control | None = None,
    identifier: str = "",
    read_aloud: bool = False,
) -> ft.Control:
    """A phone-width page: a header with the title (and Back and Lock), then the body.

    With ``read_aloud``, a speaker button in the header reads the title, notice and body.
    """
    header: list[ft.Control] = []
    if on_back is not None:
        header.append(
            ft.IconButton(
                # the name goes on the icon: a tooltip alone does not reach the browser's tree
                icon=ft.Icon(ft.Icons.ARROW_BACK, semantics_label=t("common.back")),
                on_click=on_back,
                tooltip=t("common.back"),
                icon_color=theme.TEXT,
                width=theme.TAP,
                height=theme.TAP,
            )
        )
    # Above 100%, or when one of its words is wider than the room the buttons leave, the title
    # gets a line of its own under them: squeezed between them it broke inside its words
    # ("Ho / w do / you", "Somethin / g to be proud of").
    own_line = scale() > 1 or not _fits_beside(
        title, on_back is not None, read_aloud, on_lock is not None)
    heading = ft.Semantics(
        header=True,
        content=ft.Text(title, size=sized(24), weight=ft.FontWeight.BOLD, color=theme.TEXT),
        expand=not own_line,
    )
    header.append(ft.Container(expand=True) if own_line else heading)
    if read_aloud:
        header.append(ReadAloud(lambda: [title, *words_in([notice, *body])],
                                key=f"read-aloud-{identifier}"))
    if on_lock is not None:
        header.append(
            ft.OutlinedButton(
                t("common.lock"),
                icon=ft.Icons.LOCK_OUTLINE,
                on_click=on_lock,
                height=tap_height(48),
            )
        )
    column = ft.Column(
        [
            ft.Row(header, vertical_alignment=ft.CrossAxisAlignment.CENTER),
            *([heading] if own_line else []),
            *([notice] if notice is not None else []),
            *body,
        ],
        spacing=theme.GAP,
        scroll=ft.ScrollMode.AUTO,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        expand=True,
    )
    frame = ft.Container(
        content=column,
        padding=ft.Padding.symmetric(horizontal=20, vertical=16),
        width=theme.MAX_WIDTH,
        expand=True,
    )
    return ft.Semantics(
        # a new key per screen: Flutter's web semantics does not update a changed identifier
        key=identifier or None,
        identifier=identifier or None,
        container=True,
        content=ft.SafeArea(
            content=ft.Row([frame], alignment=ft.MainAxisAlignment.CENTER, expand=True),
            expand=True,
        ),
        expand=True,
    )


def primary(label: str, on_click: Callable[..., Any], *, disabled: bool = False) -> ft.Control:
    """The main action of a screen: full width and easy to hit."""
    return ft.FilledButton(
        label,
        on_click=on_click,
        disabled=disabled,
        style=ft.ButtonStyle(
            text_style=ft.TextStyle(size=sized(18), weight=ft.FontWeight.W_600),
            padding=roomy(),
        ),
        height=tap_height(theme.TAP),
        expand=True,
    )


def secondary(label: str, on_click: Callable[..., Any]) -> ft.Control:
    """A quieter action beside the main one."""
    return ft.OutlinedButton(
        label,
        on_click=on_click,
        style=ft.ButtonStyle(
            text_style=ft.TextStyle(size=sized(16)),
            padding=roomy(),
        ),
        height=tap_height(theme.TAP),
    )


def tick_box(label: str, value: bool, on_change: Callable[[bool], None]) -> ft.Control:
    """A tick box with its words beside it, wrapping on a narrow phone.

    Flet's own label sits in a row that never wraps, so a long one ran off a phone's screen
    ("I have written it down or given it to our worke"). Here the words wrap; the box carries
    them as its name for a screen reader, which reads them once.
    """
    return ft.Row([
        ft.Checkbox(value=value, semantics_label=label,
                    on_change=lambda e: on_change(bool(e.control.value))),
        ft.Semantics(exclude_semantics=True, expand=True, content=ft.Text(
            label, size=sized(16), color=theme.TEXT)),
    ], spacing=4, vertical_alignment=ft.CrossAxisAlignment.CENTER)


def link(label: str, on_click: Callable[..., Any], *, name: str = "") -> ft.Control:
    """A text-only action for the less common path ("Forgotten your passphrase?").

    ``name``: what a screen reader says instead of ``label``, where several links share one
    label ("Take back: Call the school", not "Take back" three times over).
    """
    return ft.TextButton(
        content=named(name, ft.Text(label, size=sized(16))) if name else label,
        on_click=on_click,
        style=ft.ButtonStyle(text_style=ft.TextStyle(size=sized(16)), padding=roomy()),
        height=tap_height(48),
    )


def para(text: str, *, size: int = 17, muted: bool = False, bold: bool = False) -> ft.Control:
    """A paragraph of plain, readable text."""
    return ft.Text(
        text,
        size=sized(size),
        color=theme.MUTED if muted else theme.TEXT,
        weight=ft.FontWeight.BOLD if bold else None,
    )


def section(text: str, *, size: int = 17) -> ft.Control:
    """A part's title inside a screen: bold, and a heading a screen reader can jump to."""
    return ft.Semantics(header=True, content=para(text, size=size, bold=True))


def message(text: str, *, kind: str = "error") -> ft.Control:
    """A coloured box for an error, a warning or good news; read out when it appears."""
    colours = {
        "error": (theme.ERROR_BG, theme.ERROR, ft.Icons.ERROR_OUTLINE),
        "warn": (theme.WARN_BG, theme.TEXT, ft.Icons.INFO_OUTLINE),
        "ok": (theme.OK_BG, theme.BRAND_DARK, ft.Icons.CHECK_CIRCLE_OUTLINE),
    }
    background, colour, icon = colours[kind]
    return ft.Semantics(
        live_region=True,
        content=ft.Container(
            ft.Row(
                [ft.Icon(icon, color=colour), ft.Text(text, color=colour, size=sized(16),
                                                      expand=True)],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            bgcolor=background,
            border_radius=12,
            padding=12,
        ),
    )


def ask_first(question: str, yes: str, on_yes: Callable[..., Any],
              on_cancel: Callable[..., Any], *, identifier: str = "") -> ft.Control:
    """Ask before something is taken away: the question, Cancel, and a red "Yes, ..." button.

    Shown in place of the button that asked, so one mis-tap never takes anything away.
    """
    return ft.Semantics(container=True, identifier=identifier or None, content=ft.Column([
        message(question, kind="warn"),
        ft.Row([
            secondary(t("common.cancel"), on_cancel),
            ft.FilledButton(yes, on_click=on_yes, height=tap_height(theme.TAP),
                            style=ft.ButtonStyle(bgcolor=theme.ERROR, color="#FFFFFF")),
        ], spacing=12, wrap=True),
    ], spacing=theme.GAP, horizontal_alignment=ft.CrossAxisAlignment.STRETCH))


def text_field(
    label: str,
    value: str,
    on_change: Callable[[str], None],
    *,
    password: bool = False,
    numeric: bool = False,
    phone: bool = False,
    on_submit: Callable[..., Any] | None = None,
    autofocus: bool = False,
    max_length: int | None = None,
    helper: str | None = None,
    multiline: bool = False,
) -> ft.Control:
    """A labelled text box whose value lives in the component's state.

    A ``password`` box hides what is typed behind a named Show button (:func:`SecretField`).
    """
    if password:
        return SecretField(label, value, on_change, numeric=numeric, on_submit=on_submit,
                           autofocus=autofocus, max_length=max_length, helper=helper)
    keyboard = (ft.KeyboardType.PHONE if phone else ft.KeyboardType.NUMBER if numeric
                else ft.KeyboardType.TEXT)
    return PlainField(label, value, on_change, keyboard=keyboard, on_submit=on_submit,
                      autofocus=autofocus, max_length=max_length, helper=helper,
                      multiline=multiline)


def _text_box(value: str, on_change: Callable[[str], None], **props: Any) -> ft.TextField:
    """A text box for a component's state (a hook: call it in a component's body).

    Flet renders a screen again in a task of its own after a change's handler; a key that
    arrives before that render has already changed the box, and giving the box the state's
    older value would send it back and take the letter away (on a busy server, or a phone
    sending two keys in one burst: a letter gone from a diary entry, or from both passphrase
    boxes alike). So while the state is what the person last typed, the box is given what
    it holds now (Flet writes each key into the box last rendered); anything else (cleared
    after saving, filled in by the app) is sent.
    """
    typed: ft.MutableRef[str | None] = ft.use_ref(None)
    last: ft.MutableRef[ft.TextField | None] = ft.use_ref(None)
    # Typing is using the app: it pushes the auto-lock back as a tap does (a child slowly
    # writing why they feel unsafe was locked out mid-sentence). The hub has no such context.
    session = ft.use_context(SessionContext)

    def changed(e: ft.Event[ft.TextField]) -> None:
        text = e.control.value or ""
        typed.current = text
        if session is not None:
            session.touch()
        on_change(text)

    holds = last.current.value if last.current is not None else None
    shown = holds if holds is not None and value == typed.current else value
    # A hint under the box wraps (at 200% "Short and simple, like..." was cut short).
    box = ft.TextField(value=shown, on_change=changed, text_size=sized(18),
                       bgcolor=theme.SURFACE, filled=True, helper_max_lines=4, **props)
    last.current = box
    return box


@ft.component
def PlainField(label: str, value: str, on_change: Callable[[str], None], *,
               keyboard: ft.KeyboardType, on_submit: Callable[..., Any] | None,
               autofocus: bool, max_length: int | None, helper: str | None,
               multiline: bool) -> ft.Control:
    """A text box that never sends back an older value than the person typed."""
    return _text_box(value, on_change, label=label, on_submit=on_submit,
                     keyboard_type=keyboard, autofocus=autofocus, max_length=max_length,
                     helper=helper, multiline=multiline)


@ft.component
def SecretField(label: str, value: str, on_change: Callable[[str], None], *,
                numeric: bool = False, on_submit: Callable[..., Any] | None = None,
                autofocus: bool = False, max_length: int | None = None,
                helper: str | None = None) -> ft.Control:
    """A passphrase or PIN box with a Show/Hide button that screen readers can name.

    Flet's own ``can_reveal_password`` button has no name at all, so it is not used.
    """
    shown, set_shown = ft.use_state(False)
    name = t("common.hide_secret") if shown else t("common.show_secret")
    reveal = ft.IconButton(
        icon=ft.Icon(ft.Icons.VISIBILITY_OFF if shown else ft.Icons.VISIBILITY,
                     semantics_label=name),
        tooltip=name,
        on_click=lambda _: set_shown(not shown),
    )
    return _text_box(
        value, on_change, label=label, on_submit=on_submit, password=not shown,
        suffix_icon=reveal,
        keyboard_type=ft.KeyboardType.NUMBER if numeric else ft.KeyboardType.TEXT,
        autofocus=autofocus, max_length=max_length, helper=helper,
    )


def named_choice(dropdown: ft.Dropdown) -> ft.Control:
    """``dropdown`` with a name screen readers hear: its label and what is chosen now.

    Flet's dropdown reaches the browser as a button with no name at all.
    """
    chosen = next((option.text or option.key for option in dropdown.options or []
                   if option.key == dropdown.value), "")
    if dropdown.text_size is None and scale() != 1.0:
        dropdown.text_size = sized(16)  # the chosen words, at the person's text size
    return ft.Semantics(label=t("common.choice", label=dropdown.label, choice=chosen),
                        content=dropdown)


def picture(name: str, size: int = 44) -> ft.Control:
    """One of Homeward's own pictures (``assets/pictures/<name>.svg``), served locally.

    Pictures are drawn, not typed as emoji: the web client would fetch an emoji font
    from the internet, which families may not have and which would leak their use.
    Screen readers skip the picture; the control around it carries the words. Inside a
    button, :func:`named` unwraps it (any ``ft.Semantics`` there would split the button in
    two); elsewhere the wrapper keeps the words around it read as one node, as before.
    """
    return ft.Semantics(exclude_semantics=True, content=ft.Image(
        src=f"/pictures/{name}.svg", width=size, height=size, exclude_from_semantics=True))


def tile(icon: ft.IconData, title: str, subtitle: str, on_click: Callable[..., Any]) -> ft.Control:
    """A big card that opens one part of the app."""
    return ft.Card(
        content=ft.ListTile(
            leading=ft.Icon(icon, color=theme.BRAND, size=32),
            title=ft.Text(title, size=sized(18), weight=ft.FontWeight.W_600),
            subtitle=ft.Text(subtitle, color=theme.MUTED),
            trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT, color=theme.MUTED),
            on_click=on_click,
            min_height=72,
        ),
        bgcolor=theme.SURFACE,
    )


def download_button(label: str, url: str) -> ft.Control:
    """A button that fetches a file (a report to print, an export) in a new browser tab.

    ``url`` comes from the session's download shelf: made when fetched, fetched once.
    """
    return ft.OutlinedButton(
        label,
        icon=ft.Icons.PRINT_OUTLINED,
        url=ft.Url(url, target=ft.UrlTarget.BLANK),
        style=ft.ButtonStyle(text_style=ft.TextStyle(size=sized(16)), padding=roomy()),
        height=tap_height(theme.TAP),
    )
