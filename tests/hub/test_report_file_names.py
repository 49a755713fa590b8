"""A printed report's file name keeps the family's words: Welsh letters fold to plain ones."""

from __future__ import annotations

from app.hub.downloads import file_name


def test_welsh_letters_fold_to_plain_letters_and_are_not_dropped() -> None:
    assert file_name("Teulu Ŵyn", "Crynodeb o’r achos") == "teulu-wyn-crynodeb-o-r-achos.pdf"
    assert file_name("Tŷ Siân", "Adolygiad") == "ty-sian-adolygiad.pdf"
    assert file_name("Zoë Łucja", "Safety plan") == "zoe-ucja-safety-plan.pdf"


def test_plain_names_are_as_before() -> None:
    assert file_name("The Okafor household", "Case summary") == \
        "the-okafor-household-case-summary.pdf"
    assert file_name("", "") == "report.pdf"
