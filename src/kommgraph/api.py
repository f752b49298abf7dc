"""`KommGraph`: the one door that the command line, notebooks and the site all use.

It holds a backend (the embedded store or a SPARQL endpoint) and offers every question
as a method returning a typed answer, which `kommgraph.views.present` prints in any
format. It owns the caching: the evidence is fetched once, the edges once per filters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Unpack, cast

from kommgraph.errors import KommgraphError, SameActorError
from kommgraph.network.answers import Collaborators, Pairs, Tie, collaborators_of
from kommgraph.network.filters import NO_FILTERS, Filters, parse_filters
from kommgraph.network.indexed import build, open_or_load
from kommgraph.network.model import CollaborationModel
from kommgraph.rdf.index import Index, default_cache
from kommgraph.rdf.iris import KG
from kommgraph.rdf.names import Entity, NameIndex, exact_entity, exact_key, names
from kommgraph.rdf.worker import check_timeout
from kommgraph.vocab import AgentNetwork, CommunityMethod, Lang, Metric, Network

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph, URIRef

    from kommgraph.check.report import Validation
    from kommgraph.check.validate import CheckOptions
    from kommgraph.network.answers import PathAnswer
    from kommgraph.network.centrality import CentralityResult
    from kommgraph.network.collaboration import Collaboration
    from kommgraph.network.communities import CommunityResult
    from kommgraph.network.evidence import Evidence
    from kommgraph.network.evidence_tables import PairEvidence
    from kommgraph.network.schema import Schema
    from kommgraph.rdf.graph_store import GraphStore
    from kommgraph.rdf.push import PushReport, PushTarget
    from kommgraph.rdf.queries import QueryCatalogue
    from kommgraph.rdf.sparql import Backend, QueryResult
    from kommgraph.rdf.stats import Stats
    from kommgraph.views.site.build import SiteOptions, SiteReport
    from kommgraph.views.view import View, ViewOptions
    from kommgraph.vocab import EvidenceMode, ExportFormat, GraphFormat


class KommGraph:
    """A loaded or connected kommgraph."""

    def __init__(
        self, backend: Backend, graph: GraphStore | None = None, index: Index | None = None
    ) -> None:
        self.backend, self.graph = backend, graph
        self.index = index  # the persistent index the graph was opened from, if any
        self._memory: Backend | None = None  # its files in memory, for whole-data queries
        self.model = CollaborationModel(backend, index)

    def __repr__(self) -> str:
        return f"<KommGraph: {self.backend.describe()}>"

    def _repr_html_(self) -> str:
        """A notebook's summary: where the graph lives and how many of what it holds."""
        from kommgraph.views.notebook import summary_html

        return summary_html(self.stats(), self.backend.describe())

    @classmethod
    def load(
        cls,
        paths: Sequence[Path | str] | None = None,
        progress: Callable[[float], None] | None = None,
        *,
        timeout: float | None = None,
        cache: Path | None = None,
        meanwhile: Callable[[], object] | None = None,
    ) -> KommGraph:
        """The ontology and Turtle files or folders (default: the bundled data); with a
        `cache` folder, from the persistent index when current (`kommgraph.network.indexed`).
        `progress`: bytes of each file read; `timeout`: seconds per query (see `LocalBackend`);
        `meanwhile()`: the caller's work, run while Oxigraph parses the largest file on
        another core (the CLI imports what its command will need).
        """
        check_timeout(timeout)  # before the files are read, not after
        files = [Path(p) for p in paths] if paths else None

        from kommgraph.rdf.sparql import LocalBackend

        graph, index = open_or_load(files, cache, progress, meanwhile)
        return cls(LocalBackend(graph, timeout), graph, index)

    @staticmethod
    def build_index(
        paths: Sequence[Path | str] | None = None,
        cache: Path | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> Path:
        """Build the persistent index of these files now (default cache: XDG); its folder."""
        files = [Path(p) for p in paths] if paths else None
        return build(files, cache or default_cache(), progress)

    @classmethod
    def connect(cls, endpoint: str, timeout: float = 30.0, graph: str | None = None) -> KommGraph:
        """Work against a SPARQL 1.1 endpoint (`graph`: only that named graph of it)."""
        from kommgraph.rdf.endpoint import RemoteBackend
        from kommgraph.rdf.params import graph_iri

        return cls(RemoteBackend(endpoint, timeout, graph_iri(graph)))

    @staticmethod
    def check(
        paths: Sequence[Path | str] | None = None, **options: Unpack[CheckOptions]
    ) -> Validation:
        """Parse all files, then SHACL, lint and quotes (`kommgraph.check.validate`; the
        options: `CheckOptions`, e.g. `sources`, `shacl_engine`, `lang`)."""
        from kommgraph.check.validate import check_files

        return check_files(paths, **options)

    # names -----------------------------------------------------------------

    @cached_property
    def _actors(self) -> NameIndex:
        return NameIndex(self.model.rows.agent_names(None))

    @cached_property
    def _topics(self) -> NameIndex:
        return NameIndex(names(self.backend, KG.Topic))

    def actor(self, name: str) -> Entity:
        """The actor called `name` (label, alias or IRI; case and accents ignored).

        A name that is exactly one actor's label, alias or IRI is that actor (one
        lookup, no index); otherwise the folded name index decides.
        """
        key = exact_key(name)
        found = exact_entity(self.model.rows.agent_names(key)) if key else None
        return found if found is not None else self._actors.resolve(name)

    def topic(self, name: str) -> Entity:
        """The topic called `name` (label, alias or IRI)."""
        return self._topics.resolve(name)

    def _two(self, a: str, b: str) -> tuple[Entity, Entity]:
        first, second = self.actor(a), self.actor(b)
        if first.iri == second.iri:
            raise SameActorError(a, b, first.label)
        return first, second

    def _resolve(self, kind: str, value: str) -> str:
        return (self.actor(value) if kind == "actor" else self.topic(value)).iri

    # queries ---------------------------------------------------------------

    @staticmethod
    def queries() -> QueryCatalogue:
        """The named queries and their parameters."""
        from kommgraph.rdf.queries import catalogue

        return catalogue()

    def query(
        self,
        name_or_file: str,
        params: Mapping[str, str] | None = None,
        *,
        limit: int | None = None,
    ) -> QueryResult:
        """Run a named query (or a .rq file) with parameters bound as RDF terms. `limit`: at
        most this many rows (`SelectResult.cut` says if there were more)."""
        from kommgraph.rdf.params import bind
        from kommgraph.rdf.queries import resolve
        from kommgraph.rdf.sparql import bounded_query

        named = resolve(name_or_file)
        bindings = bind(named, params or {}, self._resolve)
        backend = self._in_memory() if named.whole else self.backend
        return bounded_query(backend, named.text, bindings, limit=limit)

    def _in_memory(self) -> Backend:
        """Where a query that reads all of the data runs (`#+ scan: whole`): from an index,
        on its files loaded into memory, once per session. Oxigraph's on-disk store answers
        such a scan 4-8 times slower than its in-memory store, by more than the load costs."""
        if self.index is None or self.graph is None:
            return self.backend
        if self._memory is None:
            from kommgraph.progress import bar
            from kommgraph.rdf.loading import load
            from kommgraph.rdf.reading import data_size
            from kommgraph.rdf.sparql import LocalBackend

            files = [f for f in self.graph.files if f not in self.graph.ontology_files]
            with bar("Loading Turtle (a query of all the data)", data_size(files)) as advance:
                graph = load(files, progress=advance)
            self._memory = LocalBackend(graph, getattr(self.backend, "timeout", None))
        return self._memory

    def sparql(self, text: str, bindings: Mapping[str, URIRef] | None = None) -> QueryResult:
        """Run SPARQL text as it is, with optional bindings."""
        return self.backend.query(text, bindings)

    # the data itself -------------------------------------------------------

    def stats(self) -> Stats:
        """Counts per class, roles, sources and date range."""
        from kommgraph.rdf.stats import compute

        return compute(self.backend)

    def rdf(self) -> Graph:
        """Everything as an rdflib graph: the loaded files (with the computed closures), or
        what the endpoint holds (in `--graph`, where one is given)."""
        from kommgraph.rdf.sparql import whole_graph

        return self.graph.to_rdflib() if self.graph is not None else whole_graph(self.backend)

    def push(
        self, target: PushTarget, progress: Callable[[float], None] | None = None
    ) -> PushReport:
        """Load the embedded graph into a server, never losing what it held (`rdf.push`);
        `progress` is called with the number of triples sent, chunk by chunk."""
        from kommgraph.rdf.push import push

        if self.graph is None:
            raise KommgraphError("push sends the loaded files; this graph is an endpoint")
        return push(self.graph, target, progress)

    # collaboration ---------------------------------------------------------

    @property
    def schema(self) -> Schema:
        """Classes, roles and topics: what filters are checked against."""
        return self.model.schema

    @property
    def evidence(self) -> Evidence:
        """The collaboration evidence of the whole graph, read once."""
        return self.model.evidence

    def filters(
        self,
        since: str | None = None,
        until: str | None = None,
        topic: str | None = None,
        event_kinds: Sequence[str] = (),
        roles: Sequence[str] = (),
    ) -> Filters:
        """Filters from user words: years or dates, a topic name, event kinds, role names."""
        return parse_filters(self.schema, self.topic, since, until, topic, event_kinds, roles)

    def network(
        self, kind: Network = "actors", filters: Filters | None = None, *, via_people: bool = False
    ) -> nx.Graph[str]:
        """A networkx projection: persons, organizations, actors, bipartite or topics."""
        return self.model.network(kind, filters, via_people)

    def collaborations(
        self, kind: Network = "actors", filters: Filters | None = None, *, via_people: bool = False
    ) -> Mapping[tuple[str, str], Collaboration]:
        """The evidence behind every edge of `network(...)`, by (a, b), a < b (bipartite and
        topic networks: none); shared by the networks of persons, organizations, actors."""
        return self.model.collaborations(kind, filters, via_people)

    def pairs(
        self,
        network: AgentNetwork = "actors",
        filters: Filters | None = None,
        *,
        via_people: bool = False,
    ) -> Pairs:
        """Every collaborating pair with its weight and the IRIs of the events behind it: the
        whole network as one table (from an index, read as it is kept)."""
        rows = self.model.pairs(network, filters, via_people)
        return Pairs(tuple(rows), network, filters or NO_FILTERS)

    def pair_evidence(self) -> PairEvidence:
        """What the `event_ids` of `pairs()` stand for, each fact once: events (with the
        top of their tree), participations (role, whether it counts, source and quote),
        stated relations and statements; an edge's evidence is a join of these."""
        from kommgraph.network.evidence_tables import pair_evidence

        return pair_evidence(self.model.rows, self.model.schema)

    def collaboration(
        self, a: str, b: str, filters: Filters | None = None, *, via_people: bool = False
    ) -> Tie:
        """The collaboration of two actors (names or IRIs) with its evidence: what the edge
        (a, b) of `network(..., filters, via_people=...)` stands for."""
        first, second = self._two(a, b)
        pair = (first.iri, second.iri) if first.iri < second.iri else (second.iri, first.iri)
        edges, _keys, _agents = self.model.of_actor(first.iri, filters, via_people)
        return Tie(first, second, edges.get(pair), filters or NO_FILTERS, via_people)

    def collaborators(
        self, actor: str, filters: Filters | None = None, *, via_people: bool = False
    ) -> Collaborators:
        """The actor's collaborators, strongest first, each with the shared events and quotes."""
        me = self.actor(actor)
        edges, keys, agents = self.model.of_actor(me.iri, filters, via_people)
        return collaborators_of(me, [edges[pair] for pair in keys], agents, filters, via_people)

    def path(
        self,
        a: str,
        b: str,
        filters: Filters | None = None,
        *,
        network: AgentNetwork = "actors",
        via_people: bool = False,
        limit: int = 5,
    ) -> PathAnswer:
        """The shortest collaboration chains between two actors, with evidence per hop."""
        first, second = self._two(a, b)
        return self.model.path(first, second, network, filters, via_people, limit)

    def centrality(
        self,
        network: AgentNetwork = "actors",
        metric: Metric = "weighted_degree",
        filters: Filters | None = None,
        *,
        via_people: bool = False,
        top: int = 0,
    ) -> CentralityResult:
        """Degree, weighted degree, betweenness, closeness, eigenvector, PageRank; `top` rows
        are kept for presenting (0: all), all measured once per index (`network.results`)."""
        chosen = filters or NO_FILTERS
        result = self.model.measured(network, chosen, via_people, metric)
        return replace(result, network=network, filters=chosen, top=top)

    def communities(
        self,
        network: AgentNetwork = "actors",
        filters: Filters | None = None,
        *,
        via_people: bool = False,
        method: CommunityMethod = "leiden",
        seed: int = 42,
        resolution: float = 1.0,
    ) -> CommunityResult:
        """Communities (Leiden or Louvain) with modularity, central members, topics, bridges."""
        chosen = filters or NO_FILTERS
        found = self.model.communities(network, chosen, via_people, method, seed, resolution)
        return replace(found, network=network, filters=chosen)

    def view(
        self,
        network: Network = "actors",
        filters: Filters | None = None,
        *,
        via_people: bool = False,
        ego: str | None = None,
        **options: Unpack[ViewOptions],
    ) -> View:
        """What a drawing of the network shows (`ego`: an actor's neighbourhood only; the
        options, `ViewOptions`: depth, size_by, color_by, max_nodes, title, seed, lang...)."""
        from kommgraph.views.view import model_view

        actor = self.actor(ego) if ego is not None else None
        return model_view(self.model, network, filters or NO_FILTERS, via_people, actor, options)

    def export(
        self,
        fmt: ExportFormat,
        output: Path,
        network: Network = "actors",
        filters: Filters | None = None,
        *,
        via_people: bool = False,
        evidence: EvidenceMode = "ids",
        excel: bool = False,
        seed: int = 42,
    ) -> list[Path]:
        """Write the network (GraphML, GEXF, CSV) or the RDF (Turtle, JSON-LD); the paths written.
        The evidence goes into a side file by event IRIs (`evidence="ids"`), copied per edge
        ("full") or not at all ("none"; `views.flat`); `excel`: CSV for German spreadsheets."""
        from kommgraph.views.export import export_graph, export_rdf
        from kommgraph.views.exported import flat_network
        from kommgraph.vocab import is_rdf_format

        if is_rdf_format(fmt):
            return export_rdf(self.rdf(), fmt, output)
        flat, side = flat_network(self.model, network, filters, via_people, evidence)
        chosen = cast("GraphFormat", fmt)
        return export_graph(flat, chosen, output, evidence=side, excel=excel, seed=seed)

    def site(
        self, output: Path, *, lang: Lang = "de", **options: Unpack[SiteOptions]
    ) -> SiteReport:
        """Write the offline website into the folder `output` (`kommgraph.views.site`)."""
        from kommgraph.views.site.build import build_site

        return build_site(self.backend, self.model, output, lang=lang, **options)
