"""`KommGraph`: the one door that the command line, notebooks and the site all use.

It holds a backend (the embedded store or a SPARQL endpoint) and offers every
question as a method returning a typed answer (`Collaborators`, `PathAnswer`,
`CentralityResult`, `CommunityResult`, `Stats`, `Validation`, query results),
which `kommgraph.views.present` prints in any format. It owns the caching:
the evidence is fetched once, and the edges once per filters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, cast

from kommgraph.errors import ActorNotInNetworkError, KommgraphError, SameActorError
from kommgraph.network.answers import Collaborators, PathAnswer, Tie, collaborators_of
from kommgraph.network.filters import NO_FILTERS, Filters, parse_filters
from kommgraph.network.indexed import build, open_or_load
from kommgraph.network.model import CollaborationModel
from kommgraph.rdf.index import Index, default_cache
from kommgraph.rdf.iris import KG
from kommgraph.rdf.names import Entity, NameIndex, exact_entity, exact_key, names
from kommgraph.rdf.worker import check_timeout
from kommgraph.vocab import (
    AgentNetwork,
    ColorBy,
    CommunityMethod,
    Lang,
    Metric,
    Network,
    ShaclEngine,
    is_agent_network,
)

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph, URIRef

    from kommgraph.check.report import Validation
    from kommgraph.network.centrality import CentralityResult
    from kommgraph.network.collaboration import Collaboration
    from kommgraph.network.communities import CommunityResult
    from kommgraph.network.evidence import Evidence
    from kommgraph.network.schema import Schema
    from kommgraph.rdf.graph_store import GraphStore
    from kommgraph.rdf.push import PushReport
    from kommgraph.rdf.queries import QueryCatalogue
    from kommgraph.rdf.sparql import Backend, QueryResult
    from kommgraph.rdf.stats import Stats
    from kommgraph.views.view import View
    from kommgraph.vocab import ExportFormat, GraphFormat


class KommGraph:
    """A loaded or connected kommgraph."""

    def __init__(
        self, backend: Backend, graph: GraphStore | None = None, index: Index | None = None
    ) -> None:
        self.backend = backend
        self.graph = graph
        self.index = index  # the persistent index the graph was opened from, if any
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
    ) -> KommGraph:
        """The ontology and Turtle files or folders (default: the bundled data).

        With a `cache` folder, from the persistent index when it is current (else
        parsed, and an index built in the background; `kommgraph.network.indexed`).
        `progress` is called with the bytes of each file read. `timeout`: seconds
        each query may take (None: no limit); see `LocalBackend` for what happens then.
        """
        check_timeout(timeout)  # before the files are read, not after
        files = [Path(p) for p in paths] if paths else None

        from kommgraph.rdf.sparql import LocalBackend

        graph, index = open_or_load(files, cache, progress)
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
    def connect(cls, endpoint: str, timeout: float = 30.0) -> KommGraph:
        """Work against a SPARQL 1.1 endpoint instead of the embedded store."""
        from kommgraph.rdf.endpoint import RemoteBackend

        return cls(RemoteBackend(endpoint, timeout))

    @staticmethod
    def check(
        paths: Sequence[Path | str] | None = None,
        *,
        sources: Path | None = None,
        shacl_engine: ShaclEngine = "shacl",
        shapes: Sequence[Path] = (),
        lang: Lang = "en",
        allow_warnings: bool = False,
        progress: Callable[[float], None] | None = None,
    ) -> Validation:
        """Parse all files, then SHACL, lint and quotes (`kommgraph.check.validate`)."""
        from kommgraph.check.validate import check_files

        return check_files(
            paths,
            sources=sources,
            shacl_engine=shacl_engine,
            shapes=shapes,
            lang=lang,
            allow_warnings=allow_warnings,
            progress=progress,
        )

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
        max_rows: int | None = None,
    ) -> QueryResult:
        """Run a named query (or a .rq file) with parameters bound as RDF terms.

        `limit`: at most this many rows (or triples); the reading stops there, and
        `SelectResult.cut` says whether there were more. `max_rows`: a SELECT with
        more rows is refused (`TooManyRowsError`) after reading one row more.
        """

        from kommgraph.rdf.params import bind
        from kommgraph.rdf.queries import resolve
        from kommgraph.rdf.sparql import bounded_query

        named = resolve(name_or_file)
        bindings = bind(named, params or {}, self._resolve)
        return bounded_query(self.backend, named.text, bindings, limit=limit, max_rows=max_rows)

    def sparql(self, text: str, bindings: Mapping[str, URIRef] | None = None) -> QueryResult:
        """Run SPARQL text as it is, with optional bindings."""
        return self.backend.query(text, bindings)

    # the data itself -------------------------------------------------------

    def stats(self) -> Stats:
        """Counts per class, roles, sources and date range."""
        from kommgraph.rdf.stats import compute

        return compute(self.backend)

    def rdf(self) -> Graph:
        """Everything as an rdflib graph: the loaded files, or what the endpoint holds."""
        if self.graph is not None:
            return self.graph.to_rdflib()
        from kommgraph.rdf.sparql import GraphResult

        result = self.sparql("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        assert isinstance(result, GraphResult)
        return result.graph

    def push(
        self,
        endpoint: str,
        *,
        named_graph: str | None = None,
        timeout: float = 60.0,
        update_endpoint: str | None = None,
        store_endpoint: str | None = None,
    ) -> PushReport:
        """Load the embedded graph into a SPARQL server, replacing what was pushed before."""
        from kommgraph.rdf.push import push

        if self.graph is None:
            raise KommgraphError("push sends the loaded files; this graph is an endpoint")
        return push(
            self.graph,
            endpoint,
            named_graph=named_graph,
            timeout=timeout,
            update_endpoint=update_endpoint,
            store_endpoint=store_endpoint,
        )

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

    def collaboration(
        self, a: str, b: str, filters: Filters | None = None, *, via_people: bool = False
    ) -> Tie:
        """The collaboration of two actors (names or IRIs), with its evidence.

        What the edge (a, b) of `network(..., filters, via_people=...)` stands for:
        the graph holds plain values only, its evidence is here.
        """
        first, second = self.actor(a), self.actor(b)
        if first.iri == second.iri:
            raise SameActorError(a, b, first.label)
        pair = (first.iri, second.iri) if first.iri < second.iri else (second.iri, first.iri)
        edges, _keys, _evidence = self.model.of_actor(first.iri, filters, via_people)
        return Tie(first, second, edges.get(pair), filters or NO_FILTERS, via_people)

    def collaborators(
        self, actor: str, filters: Filters | None = None, *, via_people: bool = False
    ) -> Collaborators:
        """The actor's collaborators, strongest first, each with the shared events and quotes."""
        me = self.actor(actor)
        edges, keys, evidence = self.model.of_actor(me.iri, filters, via_people)
        return collaborators_of(me, [edges[pair] for pair in keys], evidence, filters, via_people)

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
        from kommgraph.network.paths import paths

        first, second = self.actor(a), self.actor(b)
        if first.iri == second.iri:
            raise SameActorError(a, b, first.label)
        graph = self.model.walkable(network, filters, via_people)
        edges = self.collaborations(network, filters, via_people=via_people)
        chains = paths(graph, first.iri, second.iri, edges, limit)
        return PathAnswer(
            first, second, tuple(tuple(c) for c in chains), network, filters or NO_FILTERS
        )

    def centrality(
        self,
        network: AgentNetwork = "actors",
        metric: Metric = "weighted_degree",
        filters: Filters | None = None,
        *,
        via_people: bool = False,
        top: int = 0,
    ) -> CentralityResult:
        """Degree, weighted degree, betweenness, closeness, eigenvector, PageRank.

        `top` keeps that many rows for presenting (0: all); every row is measured,
        once per index (`kommgraph.network.results`).
        """
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
        depth: int = 1,
        size_by: Metric = "weighted_degree",
        color_by: ColorBy = "kind",
        max_nodes: int = 300,
        title: str | None = None,
        seed: int = 42,
        cut_hint: str = "",
        lang: Lang = "de",
    ) -> View:
        """What a drawing of the network shows (`ego`: an actor's neighbourhood only).

        Its texts (description, legend, tooltips) are in `lang`.
        """
        from kommgraph.views.view import make_view

        chosen = filters or NO_FILTERS
        graph = self.network(network, chosen, via_people=via_people)
        center = None
        if ego is not None:
            actor = self.actor(ego)
            if actor.iri not in graph:
                raise ActorNotInNetworkError(actor.label, network, chosen.describe())
            center = actor.iri
        view = make_view(
            graph,
            self.evidence,
            chosen,
            edges=self.collaborations(network, chosen, via_people=via_people),
            network=network,
            ego=center,
            depth=depth,
            size_by=size_by,
            color_by=color_by,
            max_nodes=max_nodes,
            title=title,
            seed=seed,
            via_people=via_people,
            cut_hint=cut_hint,
            lang=lang,
            scores=(
                self.model.scores(network, chosen, via_people)
                if ego is None and size_by not in ("degree", "weighted_degree")
                else None
            ),
        )
        self.model.explain_among(network, chosen, via_people, frozenset(view.graph))
        return view

    def export(
        self,
        fmt: ExportFormat,
        output: Path,
        network: Network = "actors",
        filters: Filters | None = None,
        *,
        via_people: bool = False,
        excel: bool = False,
        seed: int = 42,
    ) -> list[Path]:
        """Write the network (GraphML, GEXF, CSV) or the RDF (Turtle, JSON-LD); the paths written.

        A network comes with its evidence in a side file keyed by edge id
        (`kommgraph.views.export`); `excel` writes CSV for spreadsheets set to
        German (UTF-8 with BOM, semicolons, decimal commas); `seed` fixes the
        GEXF layout.
        """
        from kommgraph.views.export import export_graph, export_rdf
        from kommgraph.vocab import is_rdf_format

        if is_rdf_format(fmt):
            return export_rdf(self.rdf(), fmt, output)
        graph = self.network(network, filters, via_people=via_people)
        agents = is_agent_network(network)  # only collaboration edges have evidence
        edges = self.collaborations(network, filters, via_people=via_people) if agents else None
        chosen = cast("GraphFormat", fmt)
        scores = self.model.scores(network, filters, via_people)
        return export_graph(
            graph, chosen, output, edges=edges, excel=excel, seed=seed, scores=scores
        )
