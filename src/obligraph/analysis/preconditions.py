"""Events that cannot happen, refused before the engine runs, with a one-line reason naming
the date the graph records: a ratification by a state already bound (or before the treaty was
adopted), a withdrawal notified before the state's consent or from a treaty it is not bound by
on that date, a declaration under an article of a treaty the state is not party to (or one it
has already made), a declaration withdrawn that is not in effect, an organisation leaving or
expelling a state that is not its member on that date. The CLI, scenario files and the server
all come through here (:func:`obligraph.analysis.impact.prepare`)."""

from __future__ import annotations

import datetime as dt

from obligraph.analysis import facts
from obligraph.analysis.events import Event
from obligraph.errors import NotApplicableError
from obligraph.store import IRI, SparqlGraph, remembered
from obligraph.wording import sentence

CONSENT_KINDS = (
    "og:Ratification, og:AccessionToTreaty, og:Acceptance, og:Approval, og:Succession, og:FormalConfirmation"
)
_CONSENTS = f"""SELECT ?state ?treaty ?action ?deposit WHERE {{
  ?action og:actor ?state ; og:treaty ?treaty ; og:actionKind ?kind ; og:depositDate ?deposit .
  FILTER(?kind IN ({CONSENT_KINDS}))
}} ORDER BY ?deposit"""
_ADOPTED = "SELECT ?treaty ?adopted WHERE { ?treaty eli:date_document ?adopted } ORDER BY ?adopted"
# declarations that switch a power (a statement of future intent switches nothing), with the
# dates they have effect between
_DECLARATIONS = """SELECT ?state ?article ?declaration ?made ?from ?to ?until WHERE {
  ?declaration a og:Declaration ; og:declarant ?state ; og:underArticle ?article .
  FILTER EXISTS { ?declaration og:accepts|og:excludes ?switched }
  OPTIONAL { ?declaration og:declarationDate ?made }
  OPTIONAL { ?declaration og:effectiveFrom ?from }
  OPTIONAL { ?declaration og:withdrawalDate ?to }
  OPTIONAL { ?declaration og:effectiveUntil ?until }
} ORDER BY ?made"""
_MEMBERSHIPS = """SELECT ?state ?org ?m ?since ?until WHERE {
  ?m org:member ?state ; org:organization ?org ; org:memberDuring ?i .
  OPTIONAL { ?i time:hasBeginning ?b . ?b time:inXSDDate ?since }
  OPTIONAL { ?i time:hasEnd ?e . ?e time:inXSDDate ?until }
} ORDER BY ?since"""


def _ids(kg: SparqlGraph, event: Event) -> tuple[str, str]:
    """The state and the target as a sentence names them: Russia, the ECPT, the Council of Europe."""
    return facts.named(kg, event.state, "state"), facts.named(kg, event.target, event.meta.target)


def _refused(text: str) -> NotApplicableError:
    return NotApplicableError(sentence(text))


def consent_dates(kg: SparqlGraph, state: str, treaty: str) -> list[dt.date]:
    def look() -> list[str]:
        rows = kg.query(_CONSENTS, {"state": IRI(state), "treaty": IRI(treaty)})
        return [r["deposit"].isoformat() for r in rows if isinstance(r["deposit"], dt.date)]

    return [dt.date.fromisoformat(d) for d in remembered(kg, ("consents", state, treaty), look, dated=True)]


def check_ratification(kg: SparqlGraph, event: Event) -> None:
    if event.on is None:
        return
    state_id, treaty_id = _ids(kg, event)
    adopted = [r["adopted"] for r in kg.query(_ADOPTED, {"treaty": IRI(event.target)})]
    if adopted and isinstance(adopted[0], dt.date) and event.on < adopted[0]:
        raise _refused(f"{treaty_id} was adopted on {adopted[0]}; {state_id} cannot ratify it on {event.on}")
    for p in facts.participations(kg, event.state):
        if p.treaty != event.target or (p.until is not None and p.until <= event.on):
            continue
        if p.since is not None and p.since <= event.on:
            raise _refused(
                f"{state_id} is already party to {treaty_id} (in force for it since {p.since}); "
                f"it cannot ratify it again on {event.on}"
            )
    earlier = [d for d in consent_dates(kg, event.state, event.target) if d <= event.on]
    ended = [p.until for p in facts.participations(kg, event.state) if p.treaty == event.target and p.until]
    if earlier and not any(earlier[-1] < u <= event.on for u in ended):
        raise _refused(
            f"{state_id} already deposited its consent to {treaty_id} on {earlier[-1]}; "
            f"it cannot ratify it again on {event.on}"
        )


def check_withdrawal(kg: SparqlGraph, event: Event) -> None:
    """Before the participation check of the withdrawal front: a notice before any consent."""
    if event.on is None:
        return
    consents = consent_dates(kg, event.state, event.target)
    if consents and event.on < consents[0]:
        state_id, treaty_id = _ids(kg, event)
        raise _refused(
            f"{state_id} deposited its consent to {treaty_id} on {consents[0]}; "
            f"a withdrawal cannot be notified before it, on {event.on}"
        )


def _declarations_in_effect(kg: SparqlGraph, event: Event) -> list[str]:
    assert event.on is not None
    rows = kg.query(_DECLARATIONS, {"state": IRI(event.state), "article": IRI(event.target)})

    def dated(value: object) -> dt.date | None:
        return value if isinstance(value, dt.date) else None

    out = []
    for r in rows:
        start = dated(r["from"]) or dated(r["made"])
        ends = [d for d in (dated(r["to"]), dated(r["until"])) if d]
        if (start is None or start <= event.on) and all(end > event.on for end in ends):
            out.append(str(r["declaration"]))
    return out


def check_declaration(kg: SparqlGraph, event: Event) -> None:
    if event.on is None:
        return
    state_id = facts.named(kg, event.state, "state")
    article = facts.article_label(kg, event.target)
    treaty = facts.treaty_of(kg, event.target)
    if treaty and not any(
        p.treaty == treaty and facts.in_force(p, event.on) for p in facts.participations(kg, event.state)
    ):
        raise _refused(
            f"{state_id} is not party to {facts.named(kg, treaty, 'treaty')} on {event.on}; it cannot declare under {article}"
        )
    if event.kind == "declare" and _declarations_in_effect(kg, event):
        raise _refused(f"{state_id} already has a declaration under {article} in effect on {event.on}")
    if event.kind == "undeclare" and not _declarations_in_effect(kg, event):
        raise _refused(f"{state_id} has no declaration under {article} in effect on {event.on} to withdraw")


def check_membership(kg: SparqlGraph, event: Event) -> None:
    if event.on is None:
        return
    rows = kg.query(_MEMBERSHIPS, {"state": IRI(event.state), "org": IRI(event.target)})
    # a membership ending that very day counts: the event may be the one on record that ended it
    member = any(
        (not isinstance(r["since"], dt.date) or r["since"] <= event.on)
        and (not isinstance(r["until"], dt.date) or r["until"] >= event.on)
        for r in rows
    )
    if not member:
        state_id, org_id = _ids(kg, event)
        verb = {"expel": "expel", "suspend": "suspend", "leave": "be left by"}[event.kind]
        raise _refused(f"{state_id} is not a member of {org_id} on {event.on}; {org_id} cannot {verb} it")
