"""Ontology hygiene: every term the facts use is declared; it loads in owlready2."""

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from obligraph import paths
from obligraph.store import KnowledgeGraph, default_files

OG = "https://w3id.org/obligraph/ontology#"


def _ontology() -> Graph:
    return Graph().parse(paths.data_root() / "ontology" / "obligraph.ttl")


def test_every_og_term_used_in_facts_is_declared() -> None:
    """A typo such as og:depositdate would mint a new term silently: every og: term the facts use
    (as predicate, class or value) must be declared in the ontology."""
    declared = {str(s) for s in _ontology().subjects() if str(s).startswith(OG)}
    facts = KnowledgeGraph.from_files(default_files()[1:])
    rows = facts.query(
        """SELECT DISTINCT ?term WHERE { { ?s ?term ?o } UNION { ?s ?p ?term } UNION { ?s a ?term }
           FILTER(isIRI(?term) && STRSTARTS(STR(?term), "https://w3id.org/obligraph/ontology#")) }"""
    )
    assert {str(r["term"]) for r in rows} - declared == set()


def test_ontology_declares_itself() -> None:
    g = _ontology()
    assert (URIRef("https://w3id.org/obligraph/ontology"), RDF.type, OWL.Ontology) in g


def test_ontology_loads_in_owlready2(tmp_path) -> None:
    import owlready2

    path = tmp_path / "obligraph.nt"
    _ontology().serialize(path, format="nt")
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load()
    names = {c.name for c in onto.classes()}
    assert {"State", "Treaty", "Protocol", "MonitoringBody", "Power", "Obligation", "Claim"} <= names
