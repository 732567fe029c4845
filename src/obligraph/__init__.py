"""obligraph: a knowledge graph of international obligations.

>>> import obligraph
>>> kg = obligraph.load()                     # ontology + facts in an embedded Oxigraph store
>>> r = obligraph.Resolver(kg)
>>> obligraph.withdraw(kg, r.state("RUS").iri, r.treaty("ECPT").iri)   # doctest: +SKIP
"""

from obligraph.analysis.impact import withdraw
from obligraph.analysis.results import Impact
from obligraph.analysis.status import StateStatus, state_status
from obligraph.resolve import Resolver
from obligraph.store import KnowledgeGraph, load

__version__ = "0.1.0"

__all__ = [
    "Impact",
    "KnowledgeGraph",
    "Resolver",
    "StateStatus",
    "load",
    "state_status",
    "withdraw",
    "__version__",
]
