"""Ontology hygiene: every term the facts use is declared; it loads in owlready2."""

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from obligraph import paths
from obligraph.store import default_files

OG = "https://w3id.org/obligraph/ontology#"


def _ontology() -> Graph:
    return Graph().parse(paths.data_root() / "ontology" / "obligraph.ttl")


def test_every_og_term_used_in_facts_is_declared() -> None:
    declared = {str(s) for s in _ontology().subjects() if str(s).startswith(OG)}
    used: dict[str, str] = {}
    for path in default_files()[1:]:
        for triple in Graph().parse(path):
            for term in triple:
                if isinstance(term, URIRef) and str(term).startswith(OG):
                    used.setdefault(str(term), Path(path).name)
    undeclared = {t: f for t, f in used.items() if t not in declared}
    assert undeclared == {}


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
