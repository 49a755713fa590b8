"""The household's records printed in full, readably: a subject access copy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.domain.agreement import AgreementVersion
from app.reports import household_export
from tests.reports.pdfkit import HOUSEHOLD, MADE_AT, first_page_png, page_count, pdf_text, words

AGENCY_ONLY = "Some records are kept only by your agency"


def _store(agreement: AgreementVersion) -> dict[str, list[dict[str, Any]]]:
    """A small store-like mapping: collections of stored documents, as the store keeps them."""
    person = {"role": "parent", "avatar": "person", "created_at": "2026-10-01T09:00:00+00:00"}
    return {
        "members": [{**person, "id": "jo", "name": "Jo Okafor", "pin_hash": "secret-hash"},
                    {**person, "id": "dafydd", "name": "Dafydd Ŵyn", "role": "child", "age": 8}],
        "checkins": [
            {"id": "chk-1", "feeling": "happy", "size": 3, "reasons": ["school"], "helps": [],
             "words": "Good day at school", "created_by": "dafydd",
             "created_at": "2026-11-04T16:00:00+00:00", "visible_to": ["household", "worker"],
             "_sync": {"rev": 3}},
            {"id": "chk-2", "feeling": "worried", "size": 2, "reasons": [], "helps": ["talk"],
             "words": "Spelling test tomorrow", "created_by": "dafydd",
             "created_at": "2026-11-05T16:00:00+00:00"}],
        "agreement_versions": [agreement.to_json()],
        "strengths": [{"id": "str-1", "child_id": "dafydd", "kind": "proud",
                       "words": "Rode a bike with no stabilisers", "picture": "bike",
                       "created_by": "jo", "created_at": "2026-11-08T18:00:00+00:00"}],
        "garden_notes": [{"id": "garden-1", "text": "Planted beans together", "done": True}],
        "visits": [{"id": "visit-1", "worker_id": "priya", "started_at": "2026-11-03T10:00:00",
                    "present": ["jo", "dafydd"], "notes": {},
                    "sealed_notes": "U0VBTEVELU5PVEVT", "ended_at": "2026-11-03T11:00:00"}],
        "sync_outbox": [{"id": "out-1", "collection": "checkins"}],
        "safety_alerts": [{"id": "alert-1", "child_id": "dafydd", "source": "checkin",
                           "created_by": "dafydd", "created_at": "2026-11-20T19:00:00+00:00"}],
        "worker_messages": [{"id": "msg-1", "sealed": "c2VhbGVkLWJ5dGVz",
                             "created_by": "dafydd"}],
    }


def test_every_record_is_listed_in_plain_words(agreement: AgreementVersion,
                                               tmp_path: Path) -> None:
    store = _store(agreement)
    pdf = household_export(store, HOUSEHOLD, MADE_AT)
    text = words(pdf_text(pdf, tmp_path))
    assert "Everything we keep about your household" in text and HOUSEHOLD in text
    assert "Made on 30 November 2026 at 14:05" in text
    for kind in ("members", "checkins", "agreement_versions", "strengths", "garden_notes",
                 "visits"):
        for record in store[kind]:
            assert f"Reference: {record['id']}" in text, record["id"]
    # each kind named and explained in plain words, with how many records it holds
    assert "Feelings check-ins: 2" in text
    assert "Each feelings check-in: the feeling, how big it was, and any words." in text
    assert "Strengths and proud moments: 1" in text and "Other records: 1" in text
    # fields in plain words: dates as said, people by name, yes for true
    assert "Words: Good day at school" in text and "Spelling test tomorrow" in text
    assert "Made by: Dafydd Ŵyn" in text and "Made on: 4 November 2026 at" in text
    assert "Rode a bike with no stabilisers" in text and "Done: Yes" in text
    assert "Planted beans together" in text
    # a record inside a record: the agreement's rules and signatures
    assert "We speak kindly to each other" in text and "Siân Ŵyn" in text
    assert "Review on: 3 February 2027" in text
    pages = page_count(pdf, tmp_path)
    assert f"Page {pages} of {pages}" in text
    assert first_page_png(pdf, "household_export").stat().st_size > 0


def test_the_copy_leaves_out_alerts_sealed_messages_and_device_bookkeeping(
        agreement: AgreementVersion, tmp_path: Path) -> None:
    text = words(pdf_text(household_export(_store(agreement), HOUSEHOLD, MADE_AT), tmp_path))
    assert "The worker's notes: Sealed for the worker. Nobody at home can read it." in text
    for hidden in ("alert-1", "msg-1", "c2VhbGVkLWJ5dGVz", "U0VBTEVE", "out-1", "secret-hash",
                   "Sync:",
                   "didn't feel safe", "Messages for your worker"):
        assert hidden not in text, hidden


def test_the_agency_only_sentence_is_the_same_whether_or_not_there_are_alerts(
        agreement: AgreementVersion, tmp_path: Path) -> None:
    store = _store(agreement)
    quiet = {k: v for k, v in store.items() if k not in ("safety_alerts", "worker_messages")}
    noisy = words(pdf_text(household_export(store, HOUSEHOLD, MADE_AT), tmp_path))
    calm = words(pdf_text(household_export(quiet, HOUSEHOLD, MADE_AT), tmp_path))
    assert AGENCY_ONLY in noisy and noisy == calm


def test_an_empty_household_gets_a_copy_that_says_so(tmp_path: Path) -> None:
    text = words(pdf_text(household_export({}, HOUSEHOLD, MADE_AT), tmp_path))
    assert "There are no records yet." in text and "Page 1 of 1" in text


def test_a_record_nested_thirty_levels_deep_prints_its_deepest_words(tmp_path: Path) -> None:
    deep: Any = "Put the bins out"
    for _ in range(30):
        deep = {"more": deep}
    pdf = household_export({"chores": [{"id": "c-1", "name": "Bins", "steps": deep}]},
                           HOUSEHOLD, MADE_AT)
    assert "Put the bins out" in words(pdf_text(pdf, tmp_path))
