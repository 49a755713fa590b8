"""The household agreement service: drafts, rules, routines, signing and talk requests.

Versions are stored one document each in ``agreement_versions`` (a child's "Not yet" and a
parent's "Agree it for now" are kept on the version itself); a child's "I'd like to talk
about this rule" is an append-only event in ``rule_talks`` (sharded by month), and a
grown-up's "we have talked about it" is another event in ``rule_talk_answers``. The age from
which children must sign is one record in ``agreement_settings``. Every change holds the
store's lock from reading the newest version to saving it (after any PIN check): two tabs,
or a tab and the sync, changing it at once each keep the other's change.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from app.domain.agreement import (
    DEFAULT_SIGN_FROM_AGE,
    MAX_REASON,
    MAX_ROUTINE,
    MAX_ROUTINES,
    MAX_RULES,
    SIGN_FROM_AGES,
    AgreedChore,
    AgreementVersion,
    ForNow,
    NotYet,
    Rule,
    RuleField,
    Signature,
    TalkRequest,
    months_later,
    parse_uk_date,
    review_reminder,
    signers_by_need,
)
from app.domain.agreement.signing_together import taking_effect
from app.domain.people import Member, Role
from app.services.agreement_parts import (
    ChoreReader,
    SignResult,
    chores_from_store,
    require_editor,
    require_parent,
    rule_in,
    rule_values,
    unchanged_rule,
    version_id,
    words_stamp,
)
from app.services.agreement_parts import (
    PhysicalPunishmentRefused as PhysicalPunishmentRefused,
)
from app.services.base import HouseholdPart
from app.services.errors import ChangedMeanwhile
from app.services.household import HouseholdService, InvalidInput, NotAllowed, PinResult

VERSIONS = "agreement_versions"
TALKS = "rule_talks"
TALK_ANSWERS = "rule_talk_answers"
SETTINGS = "agreement_settings"
SIGNING = "signing"  # the settings record saying from what age children must sign
FIRST_REVIEW_MONTHS = 3


class AgreementService(HouseholdPart):
    """The household agreement of one household, backed by its encrypted store."""

    def __init__(self, household: HouseholdService, chores: ChoreReader | None = None) -> None:
        super().__init__(household)
        self._chores = chores or chores_from_store(self._store)

    # reading -----------------------------------------------------------------------------
    def versions(self) -> list[AgreementVersion]:
        """Every version, oldest first."""
        found = [AgreementVersion.from_json(doc) for doc in self._store.find(VERSIONS)]
        # (two versions of one number come only from stores made before version_id: every
        # device orders them alike)
        return sorted(found, key=lambda v: (v.number, v.created_at, v.id))

    def version(self, number: int) -> AgreementVersion:
        """One version by its number."""
        for version in self.versions():
            if version.number == number:
                return version
        raise KeyError(number)

    def latest(self) -> AgreementVersion | None:
        """The newest version (a draft being written, or the agreement in force)."""
        versions = self.versions()
        return versions[-1] if versions else None

    def in_force(self) -> AgreementVersion | None:
        """The newest signed version: what the family has agreed."""
        signed = [v for v in self.versions() if v.frozen]
        return signed[-1] if signed else None

    def chores(self) -> list[AgreedChore]:
        """The household's chores now, as a draft lists them."""
        return self._chores()

    def sign_from_age(self) -> int:
        """The age from which children must sign; younger ones are asked (default 7)."""
        age = (self._store.get(SETTINGS, SIGNING) or {}).get("sign_from_age")
        # a record from another device is used only if it makes sense here too
        return age if isinstance(age, int) and age in SIGN_FROM_AGES else DEFAULT_SIGN_FROM_AGE

    def by_need(self, age: int | None = None) -> tuple[list[Member], list[Member]]:
        """Who must sign (parents, older children) and who is asked (younger children)."""
        return signers_by_need(self._household.members(), age or self.sign_from_age())

    def required_signers(self) -> list[Member]:
        """Who must sign for a version to take effect by itself: parents and older children."""
        return self.by_need()[0]

    def signers(self) -> list[Member]:
        """Everyone who may sign: parents, then children (needed or asked), then the worker."""
        return self._household.members()

    def review_due(self) -> AgreementVersion | None:
        """The signed version whose review date has come, if any."""
        return review_reminder(self.versions(), self.today())

    # changing a draft --------------------------------------------------------------------
    def draft(self, by: Member) -> AgreementVersion:
        """The draft to change: the newest version if it is a draft, else a new one.

        A new draft copies the newest version; the first one starts empty with a review
        date three months away.
        """
        require_editor(by)
        with self._store.exclusive():
            latest = self.latest()
            if latest is not None and not latest.frozen:
                return latest
            now = self._iso()
            if latest is None:
                draft = AgreementVersion(
                    id=version_id(1), number=1, created_by=by.id, created_at=now,
                    review_date=months_later(self.today(), FIRST_REVIEW_MONTHS).isoformat(),
                )
            else:
                draft = latest.next_draft(version_id(latest.number + 1), by.id, now)
            return self._save(draft)

    def save_rule(self, by: Member, rule_id: str | None, fields: dict[RuleField, str],
                  picture: str, seen: Rule | None = None) -> Rule:
        """Add a rule (``rule_id`` None) or change one, in the current draft.

        ``seen`` is the rule as the form showed it when it was opened.

        Raises:
            ChangedMeanwhile: someone saved the rule after the form showed ``seen``.
            PhysicalPunishmentRefused: a field mentions hitting, smacking or the like.
            InvalidInput: the rule has no words, or too many.
        """
        require_editor(by)
        values = rule_values(fields, picture)
        with self._store.exclusive():
            if seen is not None and rule_in(self.latest(), seen.id) not in (None, seen):
                raise ChangedMeanwhile  # saving would put back the words it showed
            unchanged = unchanged_rule(self.latest(), rule_id, picture, values)
            if unchanged is not None:
                return unchanged  # nothing to sign again, and no new draft of a signed version
            draft = self.draft(by)
            now = self._iso()
            if rule_id is None:
                if len(draft.rules) >= MAX_RULES:
                    raise InvalidInput("agreement.error.too_many_rules", limit=MAX_RULES)
                rule = Rule(id=str(uuid.uuid4()), created_by=by.id, created_at=now,
                            picture=picture, **values)
            else:
                old = draft.rule(rule_id)
                rule = Rule(id=old.id, created_by=old.created_by, created_at=old.created_at,
                            updated_by=by.id, updated_at=now, picture=picture, **values)
            self._save(draft.with_rule(rule, by.id, now))
        return rule

    def remove_rule(self, by: Member, rule_id: str) -> None:
        """Take a rule out of the current draft."""
        with self._store.exclusive():
            draft = self.draft(by)
            self._save(draft.without_rule(rule_id, by.id, self._iso()))

    def add_routine(self, by: Member, text: str) -> None:
        """Add one of the family's routines ("Bedtime 7.30pm on school nights")."""
        require_editor(by)
        routine = " ".join(text.split())
        if not routine:
            raise InvalidInput("agreement.error.routine_missing")
        if len(routine) > MAX_ROUTINE:
            raise InvalidInput("agreement.error.routine_long", limit=MAX_ROUTINE)
        with self._store.exclusive():
            draft = self.draft(by)
            if len(draft.routines) >= MAX_ROUTINES:
                raise InvalidInput("agreement.error.too_many_routines", limit=MAX_ROUTINES)
            self._save(draft.changed(by.id, self._iso(), routines=(*draft.routines, routine)))

    def remove_routine(self, by: Member, index: int, text: str) -> None:
        """Take one routine out of the current draft: the ``index``-th, if it still reads
        ``text`` (a second tap must not take out the routine that moved up into its place)."""
        with self._store.exclusive():
            draft = self.draft(by)
            if not 0 <= index < len(draft.routines) or draft.routines[index] != text:
                raise InvalidInput("agreement.error.routine_gone")
            routines = tuple(r for i, r in enumerate(draft.routines) if i != index)
            self._save(draft.changed(by.id, self._iso(), routines=routines))

    def set_review_date(self, by: Member, text: str) -> date:
        """Set when the family will look at the agreement again (day/month/year, in future)."""
        require_editor(by)
        when = parse_uk_date(text)
        if when is None:
            raise InvalidInput("agreement.error.date")
        if when <= self.today():
            raise InvalidInput("agreement.error.date_past")
        with self._store.exclusive():
            draft = self.draft(by)
            self._save(draft.changed(by.id, self._iso(), review_date=when.isoformat()))
        return when

    # signing -----------------------------------------------------------------------------
    def sign_with_pin(self, member_id: str, pin: str, seen: str | None = None) -> SignResult:
        """A parent or the worker signs the newest version with their PIN; if ``seen`` (the
        ``words_stamp`` the screen showed) is not its words now, ChangedMeanwhile."""
        member = self._signer(member_id, seen)
        if member.uses_picture_pin:
            raise InvalidInput("people.error.pictures_needed")
        return self._sign(member, self._household.try_pin(member_id, pin), seen)

    def sign_with_pictures(self, member_id: str, pictures: list[str],
                           seen: str | None = None) -> SignResult:
        """A child who has said "I agree" signs with their three pictures (``seen``: as above)."""
        member = self._signer(member_id, seen)
        if not member.uses_picture_pin:
            raise InvalidInput("people.error.digits_needed")
        return self._sign(member, self._household.try_pictures(member_id, pictures), seen)

    def _signer(self, member_id: str, seen: str | None = None) -> Member:
        member = self._household.member(member_id)
        if not member.active:
            raise NotAllowed("removed people cannot sign")
        latest = self.latest()
        if latest is None or latest.is_empty:
            raise InvalidInput("agreement.error.nothing_to_sign")
        if seen is not None and words_stamp(latest) != seen:
            raise ChangedMeanwhile  # checked before the PIN: no try is used up
        if latest.signed_by(member_id) is not None:
            raise InvalidInput("agreement.error.already_signed", name=member.name)
        return member

    def _sign(self, member: Member, result: PinResult, seen: str | None) -> SignResult:
        if not result.ok:
            return SignResult(result)
        with self._store.exclusive():  # read after the PIN check: others may have signed
            latest = self._newest(seen)
            signature = Signature(member.id, member.name, member.role.value, self._iso())
            required, asked = self.by_need()
            chores = latest.chores or tuple(self._chores())
            return SignResult(result, self._save(latest.signed(
                signature, [m.id for m in required], chores, tuple(asked))))

    def _newest(self, seen: str | None) -> AgreementVersion:
        latest = self.latest()
        assert latest is not None  # checked by _signer
        if seen is not None and words_stamp(latest) != seen:
            raise ChangedMeanwhile  # changed by another tab while the PIN was checked
        return latest

    # a child's "Not yet", a parent's "Agree it for now", and the signing age -------------
    def say_not_yet(self, member_id: str, pictures: list[str],
                    seen: str | None = None) -> SignResult:
        """A child says "Not yet" to the draft, tapping their own pictures to show it is them."""
        member = self._signer(member_id, seen)
        if member.role is not Role.CHILD:
            raise NotAllowed("only a child says \"Not yet\"")
        latest = self.latest()
        assert latest is not None  # checked by _signer
        if latest.frozen:
            raise InvalidInput("agreement.error.already_agreed")
        result = self._household.try_pictures(member_id, pictures)
        if not result.ok:
            return SignResult(result)
        with self._store.exclusive():  # read after the PIN check: others may have signed
            latest = self._newest(seen)
            if latest.frozen:
                raise InvalidInput("agreement.error.already_agreed")
            said = NotYet(member.id, member.name, self._iso())
            return SignResult(result, self._save(latest.said_not_yet(said)))

    def may_agree_for_now(self, by: Member) -> bool:
        """True when ``by`` may agree the newest version for now (a parent; all parents signed)."""
        latest = self.latest()
        parents = [m.id for m in self._household.members() if m.role is Role.PARENT]
        return (by.role is Role.PARENT and by.active and latest is not None
                and latest.may_agree_for_now(parents))

    def agree_for_now(self, by: Member, reason: str) -> AgreementVersion:
        """A parent lets the newest draft take effect before every child has signed, saying why."""
        require_parent(by)
        why = " ".join(reason.split())
        if not why:
            raise InvalidInput("agreement.error.reason_missing")
        if len(why) > MAX_REASON:
            raise InvalidInput("agreement.error.reason_long", limit=MAX_REASON)
        with self._store.exclusive():
            latest = self.latest()
            if latest is not None and latest.frozen:
                raise InvalidInput("agreement.error.already_agreed")
            if latest is None or not self.may_agree_for_now(by):
                raise InvalidInput("agreement.error.parents_first")
            waiting = tuple(m for m in self._household.members() if m.role is not Role.WORKER)
            now = self._iso()
            return self._save(latest.took_effect(now, tuple(self._chores()), waiting,
                                                 ForNow(by.id, by.name, now, why)))

    def set_sign_from_age(self, by: Member, age: int) -> AgreementVersion | None:
        """A parent sets the age from which children must sign (4 to 12); younger ones are asked.

        Returns the draft if the change let it take effect (all who now must sign have), or None.
        """
        require_parent(by)
        if age not in SIGN_FROM_AGES:
            raise InvalidInput("agreement.error.sign_age", low=SIGN_FROM_AGES[0],
                               high=SIGN_FROM_AGES[-1])
        now = self._iso()
        setting = {"id": SIGNING, "sign_from_age": age, "updated_by": by.id, "updated_at": now}
        with self._store.exclusive():
            latest, (required, asked) = self.latest(), self.by_need(age)
            settled = None
            if (latest is not None and not latest.frozen
                    and latest.ready([m.id for m in required])):
                settled = latest.took_effect(now, tuple(self._chores()), tuple(asked))
            # the setting and the version it lets take effect are saved together, or neither
            self._store.put_many([(SETTINGS, setting, None)]
                                 + ([(VERSIONS, settled.to_json(), None)] if settled else []))
        return settled

    def take_effect_if_signed(self) -> AgreementVersion | None:
        """Let the newest draft take effect if all who must sign have, on whichever devices
        (put together at the hub, which cannot tell who must sign): the version, or None."""
        with self._store.exclusive():  # the sync's thread, while a tab may be signing
            latest, (required, asked) = self.latest(), self.by_need()
            settled = latest and taking_effect(latest, [m.id for m in required],
                                               latest.chores or tuple(self._chores()),
                                               tuple(asked))
            return self._save(settled) if settled else None

    # talking about a rule ----------------------------------------------------------------
    def ask_to_talk(self, by: Member, rule_id: str) -> TalkRequest:
        """A child would like to talk about a rule; asking twice keeps the first request."""
        version = self.in_force() or self.latest()
        if version is None:
            raise KeyError(rule_id)
        rule = version.rule(rule_id)
        for request in self.talk_requests():
            if request.created_by == by.id and request.rule_id == rule_id:
                return request
        request = TalkRequest(str(uuid.uuid4()), rule.id, rule.text, by.id, self._iso(),
                              version.number)
        self._store.put(TALKS, request.to_json(), shard=request.created_at[:7])
        return request

    def talk_requests(self, *, include_answered: bool = False) -> list[TalkRequest]:
        """The children's requests to talk about a rule, oldest first."""
        answered = {doc["request_id"] for doc in self._store.find(TALK_ANSWERS)}
        requests = [TalkRequest.from_json(doc, answered=doc["id"] in answered)
                    for doc in self._store.find(TALKS)]
        return [r for r in requests if include_answered or not r.answered]

    def mark_talked(self, by: Member, request_id: str) -> None:
        """A grown-up records that the family has talked about a child's request."""
        require_editor(by)
        if not any(r.id == request_id for r in self.talk_requests()):
            raise InvalidInput("agreement.error.talk_gone")
        now = self._iso()
        self._store.put(TALK_ANSWERS, {"id": str(uuid.uuid4()), "request_id": request_id,
                                       "created_by": by.id, "created_at": now}, shard=now[:7])

    # helpers -----------------------------------------------------------------------------
    def _save(self, version: AgreementVersion) -> AgreementVersion:
        self._store.put(VERSIONS, version.to_json())
        return version

    def _iso(self) -> str:
        return datetime.fromtimestamp(self._clock(), UTC).isoformat()


def agreement_for(household: HouseholdService) -> AgreementService:
    """The agreement service of an unlocked household."""
    return AgreementService(household)
