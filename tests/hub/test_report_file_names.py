"""A printed report's file name keeps the family's words: Welsh, Polish and other letters fold
to plain ones, never dropped."""

from __future__ import annotations

from app.hub.downloads import file_name


def test_welsh_letters_fold_to_plain_letters_and_are_not_dropped() -> None:
    assert file_name("Teulu Ŵyn", "Crynodeb o’r achos") == "teulu-wyn-crynodeb-o-r-achos.pdf"
    assert file_name("Tŷ Siân", "Adolygiad") == "ty-sian-adolygiad.pdf"
    assert file_name("Zoë Łucja", "Safety plan") == "zoe-lucja-safety-plan.pdf"


def test_letters_with_no_accent_to_take_off_fold_too() -> None:
    """Ł, đ and ø are letters of their own, not a letter and an accent: taking accents off
    left nothing of them ("Łucja Wąs" was "ucja-was")."""
    assert file_name("Łucja Wąs", "Safety plan") == "lucja-was-safety-plan.pdf"
    assert file_name("Śćńźż Ąę Ó", "Plan") == "scnzz-ae-o-plan.pdf"
    assert file_name("Đorđe Østergård", "Adolygiad") == "dorde-ostergard-adolygiad.pdf"


def test_plain_names_are_as_before() -> None:
    assert file_name("The Okafor household", "Case summary") == \
        "the-okafor-household-case-summary.pdf"
    assert file_name("", "") == "report.pdf"
