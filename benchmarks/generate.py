#!/usr/bin/env python3
"""Seeded synthetic kommgraph data, shaped like the curated data, at benchmark scale.

    python benchmarks/generate.py --events 10000 --seed 42 -o out/bench-10000

writes a folder of Turtle files that `kommgraph --data FOLDER validate` accepts with
zero findings:

    topics.ttl         a copy of the bundled topic scheme (its IRIs are used as they are)
    places.ttl         Länder, cities (one per municipality), venues
    organizations.ttl  municipalities (about 10,800 at 50k events), counties (400), public
                       IT providers, associations, networks, working groups, companies,
                       ministries, state governments, federal authorities, universities,
                       research institutes; kg:Relation memberships between them
    persons.ttl        persons with German names (umlauts), some with titles
    affiliations.ttl   person -> organization with the position as written
    sources.ttl        one kg:Source per ~20 events, with kg:textFile and publisher
    events.ttl         top-level conferences, trade fairs, meetings, networking evenings and
                       video conferences; workshops, panels, talks and interviews as
                       kg:partOf sub-events; participations with roles

`--events N` counts every kg:Event, sub-events included. Agents are picked by
preferential attachment (a new agent with a fixed probability, else one already
picked, in proportion to how often), so the networks have hubs like real ones.
Every event, participation, affiliation and relation has a source and a quote (the
quotes match no text). `--inferred` marks that share of facts `kg:inferred true`
with a note (the curated data marks about 40 %; every such node costs pyshacl a
SPARQL evaluation, see benchmarks/README.md).

Output is byte-identical for the same arguments: one `random.Random(seed)`, and no
iteration over sets. Lines are streamed to the files, no rdflib graph is built.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from random import Random
from typing import TextIO

from kommgraph.check.lint import _core as lint_core  # the lint's own name reduction
from kommgraph.rdf import resources
from kommgraph.rdf.names import fold

FULL_SCALE = 50_000  # events at which the organization counts reach Germany's

PREFIXES = """@prefix kg:            <https://w3id.org/kommgraph/ontology#> .
@prefix person:        <https://w3id.org/kommgraph/id/person/> .
@prefix org:           <https://w3id.org/kommgraph/id/org/> .
@prefix place:         <https://w3id.org/kommgraph/id/place/> .
@prefix event:         <https://w3id.org/kommgraph/id/event/> .
@prefix topic:         <https://w3id.org/kommgraph/id/topic/> .
@prefix source:        <https://w3id.org/kommgraph/id/source/> .
@prefix participation: <https://w3id.org/kommgraph/id/participation/> .
@prefix affiliation:   <https://w3id.org/kommgraph/id/affiliation/> .
@prefix relation:      <https://w3id.org/kommgraph/id/relation/> .
@prefix rdfs:          <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:          <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:           <http://www.w3.org/2001/XMLSchema#> .

"""

# Länder with their approximate number of municipalities (weights for cities).
LAENDER: tuple[tuple[str, int], ...] = (
    ("Bayern", 2056),
    ("Baden-Württemberg", 1101),
    ("Nordrhein-Westfalen", 396),
    ("Niedersachsen", 941),
    ("Hessen", 421),
    ("Rheinland-Pfalz", 2301),
    ("Sachsen", 418),
    ("Thüringen", 605),
    ("Schleswig-Holstein", 1106),
    ("Brandenburg", 413),
    ("Mecklenburg-Vorpommern", 726),
    ("Sachsen-Anhalt", 218),
    ("Saarland", 52),
    ("Berlin", 1),
    ("Hamburg", 1),
    ("Bremen", 2),
)
FIRST = (
    "Jürgen",
    "Jörg",
    "Björn",
    "Sören",
    "Günther",
    "Bärbel",
    "Käthe",
    "Jörn",
    "Dörte",
    "Götz",
    "Hölger",
    "Mönika",
    "Uwe",
    "Anna",
    "Lena",
    "Katrin",
    "Stefanie",
    "Julia",
    "Sabine",
    "Petra",
    "Andrea",
    "Claudia",
    "Nicole",
    "Miriam",
    "Franziska",
    "Johanna",
    "Marie",
    "Sophie",
    "Hannah",
    "Lea",
    "Thomas",
    "Michael",
    "Andreas",
    "Stefan",
    "Christian",
    "Markus",
    "Frank",
    "Tobias",
    "Matthias",
    "Martin",
    "Florian",
    "Sebastian",
    "Daniel",
    "Jan",
    "Lukas",
    "Felix",
    "Moritz",
    "Fabian",
    "Timo",
    "Jens",
    "Sven",
    "Dirk",
    "Ralf",
    "Heike",
    "Ulrike",
    "Birgit",
    "Anke",
    "Silke",
    "Kerstin",
    "Gülşen",
    "Ömer",
    "Zoë",
    "Renée",
    "Hélène",
    "René",
    "André",
    "Özlem",
    "Ayşe",
    "Tanja",
    "Nadine",
    "Carsten",
    "Holger",
    "Wolfgang",
    "Klaus",
    "Dieter",
    "Hans",
    "Ute",
    "Gabi",
)
LAST = (
    "Müller",
    "Schäfer",
    "Köhler",
    "Jäger",
    "Krüger",
    "Böhm",
    "Förster",
    "Schröder",
    "Hübner",
    "Wöhler",
    "Dürr",
    "Kühn",
    "Bürger",
    "Fähnrich",
    "Mäder",
    "Möller",
    "Nöthen",
    "Ströbel",
    "Völker",
    "Zöllner",
    "Gärtner",
    "Händel",
    "Kämmerer",
    "Löffler",
    "Märker",
    "Rößler",
    "Sänger",
    "Töpfer",
    "Weiß",
    "Strauß",
    "Groß",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Schmitt",
    "Werner",
    "Krause",
    "Meier",
    "Lehmann",
    "Schmid",
    "Schulze",
    "Maier",
    "Köster",
    "Huber",
    "Kaiser",
    "Fuchs",
    "Peters",
    "Lang",
    "Scholz",
    "Möbius",
    "Jung",
    "Hahn",
    "Schubert",
    "Vogel",
    "Friedrich",
    "Keller",
    "Günther",
    "Frank",
    "Berger",
    "Winkler",
    "Roth",
    "Beck",
    "Lorenz",
    "Baumann",
    "Franke",
    "Albrecht",
    "Schuster",
    "Simon",
    "Ludwig",
    "Böttcher",
    "Sommer",
    "Graf",
    "Heinrich",
    "Brandt",
    "Haas",
    "Schreiber",
    "Dietrich",
    "Ziegler",
    "Kuhn",
    "Kühne",
    "Pohl",
    "Engel",
    "Horn",
    "Busch",
    "Bergmann",
    "Thomas",
    "Voigt",
    "Sauer",
    "Arnold",
    "Wolff",
    "Pfeiffer",
    "Öztürk",
    "Yılmaz",
    "Kowalski",
    "Nowak",
    "Dąbrowski",
    "Şahin",
    "Özdemir",
    "Çelik",
    "Lüders",
)
INITIALS = "ABCDFGHJKLMNOPRSTUW"  # no E or V: "e" and "v" are generic words to the lint
ROOTS = (
    "Linden",
    "Eichen",
    "Buchen",
    "Mühl",
    "Wald",
    "Rosen",
    "Sonnen",
    "Tann",
    "Birken",
    "Hasel",
    "Kirch",
    "Stein",
    "Brunn",
    "Mar",
    "Ahl",
    "Bären",
    "Fürsten",
    "Königs",
    "Grün",
    "Lau",
    "Höl",
    "Wiesen",
    "Schön",
    "Fried",
    "Erlen",
    "Ulmen",
    "Eschen",
    "Fichten",
    "Kiefer",
    "Dorn",
    "Hag",
    "Hirsch",
    "Wolfs",
    "Falken",
    "Adler",
    "Bieber",
    "Otter",
    "Fuchs",
    "Hain",
    "Au",
    "Wester",
    "Oster",
    "Norder",
    "Süder",
    "Mittel",
    "Hohen",
    "Lichten",
    "Rotten",
    "Weißen",
    "Schwarzen",
    "Gold",
    "Silber",
    "Kupfer",
    "Salz",
    "Eisen",
    "Marien",
    "Georgs",
    "Peters",
    "Johannis",
    "Michels",
    "Ludwigs",
    "Karls",
    "Friedrichs",
    "Albrechts",
    "Heinrichs",
    "Ottern",
    "Quell",
)
TOWN_SUFFIXES = (
    "heim",
    "hausen",
    "dorf",
    "bach",
    "feld",
    "burg",
    "ingen",
    "rode",
    "brück",
    "berg",
    "hofen",
    "stedt",
    "leben",
    "weiler",
    "kirchen",
    "born",
    "furt",
    "hagen",
    "wangen",
    "beuren",
    "büttel",
    "münster",
    "ried",
    "zell",
)
TOWN_PREFIXES = ("", "", "", "", "Ober", "Unter", "Neu", "Alt", "Bad ", "Groß", "Klein", "Hohen")
REGION_SUFFIXES = ("gau", "land", "tal", "mark", "kreis-Nord", "grund", "höhe", "marsch")
EVENT_SERIES = (
    "Digitalkongress",
    "Kommunalkongress",
    "Zukunftskongress",
    "Fachkongress Digitale Verwaltung",
    "Digitalgipfel",
    "Smart-City-Konferenz",
    "E-Government-Tag",
    "OZG-Konferenz",
    "CDO-Gipfel",
    "Regionalkonferenz Digitalisierung",
    "Verwaltungsdigitalisierungstag",
    "Bürgerservice-Forum",
)
FAIR_SERIES = ("Kommunalmesse", "Digitalmesse", "Fachmesse Moderner Staat", "Hausmesse")
THEMES = (
    "Digitale Bauanträge",
    "Die digitale Stadt der Zukunft",
    "Künstliche Intelligenz im Bürgeramt",
    "OZG-Leistungen nach dem Einer-für-Alle-Prinzip",
    "Registermodernisierung in der Praxis",
    "Onlineausweis und BundID",
    "Cloud-Strategien für Kommunen",
    "Open Data im ländlichen Raum",
    "Change-Management in der Verwaltung",
    "Digitale Schulen",
    "Glasfaserausbau",
    "Smarte Mobilität",
    "Informationssicherheit",
    "E-Akte und Workflows",
    "Bürgerbeteiligung online",
    "Vergaberecht",
)
POSITIONS: dict[str, tuple[str, ...]] = {
    "Municipality": (
        "Bürgermeister",
        "Bürgermeisterin",
        "Oberbürgermeisterin",
        "Chief Digital Officer",
        "Leiter der Stabsstelle Digitalisierung",
        "Digitalisierungsbeauftragte",
        "Amtsleiter IT und Organisation",
        "Smart-City-Managerin",
    ),
    "County": (
        "Landrat",
        "Landrätin",
        "Kreisdigitalisierungsbeauftragter",
        "Leiterin Kreisentwicklung",
    ),
    "PublicITProvider": (
        "Geschäftsführer",
        "Vorständin",
        "Bereichsleiter Kundenbetreuung",
        "Leiterin OZG-Umsetzung",
    ),
    "Association": (
        "Referent Digitalisierung",
        "Hauptgeschäftsführerin",
        "Beigeordneter",
        "Vorsitzender",
    ),
    "Network": ("Sprecherin", "Koordinator", "Netzwerkmanagerin"),
    "WorkingGroup": ("Mitglied", "Leiterin des Arbeitskreises"),
    "Company": (
        "Geschäftsführer",
        "Vertriebsleiterin Public Sector",
        "Senior Consultant",
        "Head of Public Sector",
    ),
    "Ministry": (
        "Staatssekretärin",
        "Ministerialdirigent",
        "Referatsleiter Digitale Verwaltung",
        "Abteilungsleiterin",
    ),
    "StateGovernment": ("CIO des Landes", "Staatssekretär für Digitales"),
    "FederalAuthority": ("Präsident", "Projektleiterin"),
    "University": ("Professorin für Verwaltungsinformatik", "Wissenschaftlicher Mitarbeiter"),
    "ResearchInstitute": ("Institutsleiter", "Wissenschaftlerin"),
}
# Organization kinds: (count at full scale, minimum, weight as a person's employer)
ORG_KINDS: dict[str, tuple[int, int, int]] = {
    "Municipality": (10_800, 4, 40),
    "County": (400, 2, 8),
    "PublicITProvider": (250, 2, 10),
    "Association": (150, 2, 5),
    "Network": (120, 2, 3),
    "WorkingGroup": (100, 1, 2),
    "Company": (1_500, 3, 16),
    "Ministry": (96, 1, 5),
    "StateGovernment": (16, 1, 1),
    "FederalAuthority": (25, 1, 2),
    "University": (120, 1, 6),
    "ResearchInstitute": (40, 1, 2),
}
RoleSpec = tuple[str, int, float, Sequence[str] | None]  # role, number, person share, org kinds
ORGANIZER_KINDS = (
    "Association",
    "Network",
    "PublicITProvider",
    "Company",
    "Ministry",
    "Municipality",
    "County",
    "University",
)


def slug(label: str) -> str:
    """The IRI slug of data/README.md: folded, every other run of characters -> '-'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(label).replace("ß", "ss")).strip("-")


def literal(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def quote(text: str) -> str:
    """A quote literal of at most 30 words."""
    return literal(" ".join(text.split()[:30]))


@dataclass
class Org:
    slug: str
    label: str
    kind: str
    place: str


@dataclass
class Person:
    slug: str
    label: str


@dataclass
class Pool:
    """Preferential attachment: a new item with probability `p_new`, else one already picked."""

    fresh: Iterator[str]
    p_new: float
    picked: list[str] = field(default_factory=list)

    def pick(self, rng: Random) -> str:
        if not self.picked or rng.random() < self.p_new:
            item = next(self.fresh, None)
            if item is not None:
                self.picked.append(item)
                return item
        item = rng.choice(self.picked)
        self.picked.append(item)
        return item


class Out:
    """A buffered Turtle file."""

    def __init__(self, path: Path) -> None:
        self.handle: TextIO = path.open("w", encoding="utf-8", newline="\n")
        self.handle.write(PREFIXES)
        self.buffer: list[str] = []

    def add(self, text: str) -> None:
        self.buffer.append(text)
        if len(self.buffer) >= 4096:
            self.handle.write("".join(self.buffer))
            self.buffer.clear()

    def close(self) -> None:
        self.handle.write("".join(self.buffer))
        self.handle.close()


class Generator:
    def __init__(self, events: int, seed: int, inferred: float, folder: Path) -> None:
        self.n_events = events
        self.rng = Random(seed)
        self.inferred = inferred
        self.folder = folder
        self.cores: dict[str, set[str]] = {
            "place": set(),
            "org": set(),
            "person": set(),
            "event": set(),
        }
        self.out = {
            name: Out(folder / f"{name}.ttl")
            for name in ("places", "organizations", "persons", "affiliations", "sources", "events")
        }
        self.states: dict[str, str] = {}  # Land -> slug, written when used
        self.cities: list[tuple[str, str]] = []  # (slug, label)
        self.venues: dict[tuple[str, str], str] = {}
        self.orgs: dict[str, list[Org]] = {}
        self.org_by_slug: dict[str, Org] = {}
        self.referenced: set[str] = set()
        self.persons: list[Person] = []
        self.topics = _topic_slugs()
        self.unused_topics = list(self.topics)
        self.n_sources = max(1, -(-events // 20))
        self.source_dates: list[str] = [""] * self.n_sources
        self.source_titles: list[str] = [""] * self.n_sources
        self.counts: dict[str, int] = {}
        self.first_event = ""
        for land, _weight in LAENDER:
            self.cores["place"].add(lint_core(land))

    # names ---------------------------------------------------------------------

    def unique(self, kind: str, make: Callable[[], str]) -> str:
        """A label whose lint core is new among its kind: random tries, then a variant with a
        district word ("Nord", "Süd", ...) appended."""
        attempt = 0
        while True:
            label = make()
            if attempt >= 30:
                words = _ORD[attempt % 10] + (
                    "" if attempt < 40 else f" {_ORD[attempt // 10 % 10]}"
                )
                label = f"{label} {words}"
            core = lint_core(label)
            if len(core) >= 3 and core not in self.cores[kind]:
                self.cores[kind].add(core)
                return label
            attempt += 1

    def town(self) -> str:
        rng = self.rng
        prefix, root = rng.choice(TOWN_PREFIXES), rng.choice(ROOTS)
        if prefix and not prefix.endswith(" "):
            root = root.lower()
        return f"{prefix}{root}{rng.choice(TOWN_SUFFIXES)}"

    def region(self) -> str:
        return f"{self.rng.choice(ROOTS)}{self.rng.choice(REGION_SUFFIXES)}"

    # places ----------------------------------------------------------------------

    def state(self, land: str) -> str:
        if land not in self.states:
            self.states[land] = slug(land)
            self.cores["place"].add(lint_core(land))
            self.out["places"].add(
                f"place:{self.states[land]} a kg:State ; rdfs:label {literal(land)} .\n"
            )
        return self.states[land]

    def city(self) -> tuple[str, str]:
        land = self.rng.choices([name for name, _ in LAENDER], [w for _, w in LAENDER])[0]
        label = self.unique("place", self.town)
        city_slug = slug(label)
        state = self.state(land)
        self.out["places"].add(
            f"place:{city_slug} a kg:City ; rdfs:label {literal(label)} ; "
            f"kg:locatedIn place:{state} .\n"
        )
        self.cities.append((city_slug, label))
        return city_slug, label

    def venue(self, city_slug: str, city_label: str, fair: bool) -> str:
        kind = (
            "Messe"
            if fair
            else self.rng.choice(("Stadthalle", "Kongresszentrum", "Rathaus", "Forum"))
        )
        key = (kind, city_slug)
        if key not in self.venues:
            label = f"{kind} {city_label}"
            self.cores["place"].add(lint_core(label))
            self.venues[key] = slug(label)
            self.out["places"].add(
                f"place:{self.venues[key]} a kg:Venue ; rdfs:label {literal(label)} ; "
                f"kg:locatedIn place:{city_slug} .\n"
            )
        return self.venues[key]

    # organizations ---------------------------------------------------------------

    def make_orgs(self) -> None:
        scale = min(1.0, self.n_events / FULL_SCALE)
        rng = self.rng
        for kind, (full, minimum, _weight) in ORG_KINDS.items():
            count = max(minimum, round(full * scale))
            self.orgs[kind] = []
            for index in range(count):
                if kind == "Municipality":
                    place, town = self.city()
                    label = self.unique("org", partial(self.municipality_name, town))
                else:
                    place = (
                        self.cities[rng.randrange(len(self.cities))][0]
                        if self.cities
                        else self.city()[0]
                    )
                    label = self.unique("org", partial(self.org_name, kind, index))
                if kind in ("Ministry", "StateGovernment"):
                    place = self.state(LAENDER[index % len(LAENDER)][0])
                org = Org(slug(label), label, kind, place)
                self.orgs[kind].append(org)
                self.org_by_slug[org.slug] = org
        self.pools = {
            kind: Pool(iter([o.slug for o in _shuffled(rng, orgs)]), 0.35)
            for kind, orgs in self.orgs.items()
        }

    def municipality_name(self, town: str) -> str:
        return f"{self.rng.choice(('Stadt', 'Gemeinde', 'Gemeinde', 'Stadt', 'Markt'))} {town}"

    def org_name(self, kind: str, index: int) -> str:
        rng = self.rng
        land = rng.choice(LAENDER)[0]
        if kind in ("Ministry", "StateGovernment"):
            land = LAENDER[index % len(LAENDER)][0]
        if kind == "County":
            return f"Landkreis {self.region()}"
        if kind == "PublicITProvider":
            return f"{rng.choice(('Kommunale Datenverarbeitung', 'Zweckverband Kommunale IT', 'Rechenzentrum', 'IT-Dienstleister', 'Kommunales Rechenzentrum'))} {self.region()}"  # noqa: E501
        if kind == "Association":
            base: tuple[str, ...] = (
                "Städtetag",
                "Landkreistag",
                "Gemeindetag",
                "Städte- und Gemeindebund",
                "Verein Digitale Region",
            )
            return f"{rng.choice(base)} {land if index < 60 else self.region()}"
        if kind == "Network":
            base = (
                "Netzwerk Digitale Kommunen",
                "Smart-City-Netzwerk",
                "Initiative Digitale Region",
                "Interkommunales Netzwerk",
            )
            return f"{rng.choice(base)} {self.region()}"
        if kind == "WorkingGroup":
            return f"Arbeitskreis {rng.choice(THEMES)} {self.region()}"
        if kind == "Company":
            suffix = rng.choice(
                (
                    "Software GmbH",
                    "Consulting GmbH",
                    "IT-Solutions AG",
                    "Digital GmbH",
                    "Systemhaus GmbH",
                    "Beratung GmbH",
                )
            )
            return (
                f"{rng.choice(LAST)} {suffix}"
                if rng.random() < 0.6
                else f"{rng.choice(LAST)} & {rng.choice(LAST)} {suffix}"
            )
        if kind == "Ministry":
            areas = ("Inneres", "Digitales", "Finanzen", "Wirtschaft", "Kommunales", "Wissenschaft")
            area = areas[index // len(LAENDER) % len(areas)]
            return f"Ministerium für {area} des Landes {land}"
        if kind == "StateGovernment":
            return f"Landesregierung {land}"
        if kind == "FederalAuthority":
            body = rng.choice(("Bundesamt", "Bundesanstalt", "Bundesagentur"))
            return f"{body} für {rng.choice(THEMES)}"
        if kind == "University":
            prefix = rng.choice(("Hochschule", "Universität", "Technische Hochschule"))
            return f"{prefix} {self.town()}"
        return f"Institut für {rng.choice(THEMES)} {self.town()}"

    def pick_org(self, kinds: Sequence[str] | None = None) -> Org:
        kinds = kinds or list(ORG_KINDS)
        weights = [ORG_KINDS[k][2] for k in kinds]
        kind = self.rng.choices(list(kinds), weights)[0]
        return self.org_by_slug[self.pools[kind].pick(self.rng)]

    # persons -------------------------------------------------------------------------

    def new_person(self, employer: Org | None = None) -> Person:
        rng = self.rng

        def make() -> str:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            form = rng.random()
            if form < 0.4:
                return f"{first} {last}"
            if form < 0.85:
                return f"{first} {rng.choice(INITIALS)}. {last}"
            return f"{first}-{rng.choice(FIRST)} {last}"

        label = self.unique("person", make)
        person = Person(slug(label), label)
        self.persons.append(person)
        extra = ""
        title = rng.random()
        if title < 0.03:
            extra = ' ;\n    kg:honorificPrefix "Prof. Dr."'
        elif title < 0.11:
            extra = ' ;\n    kg:honorificPrefix "Dr."'
        self.out["persons"].add(
            f"person:{person.slug} a kg:Person ; rdfs:label {literal(label)}{extra} .\n"
        )
        first = employer or self.pick_org()
        self.affiliation(person, first)
        if rng.random() < 0.1:
            second = self.pick_org()
            if second.slug != first.slug:
                self.affiliation(person, second)
        return person

    def affiliation(self, person: Person, org: Org) -> None:
        self.referenced.add(org.slug)
        position = self.rng.choice(POSITIONS[org.kind])
        source = self.rng.randrange(self.n_sources)
        self.out["affiliations"].add(
            f"affiliation:{person.slug}--{org.slug} a kg:Affiliation ;\n"
            f"    kg:person person:{person.slug} ;\n    kg:organization org:{org.slug} ;\n"
            f"    kg:position {literal(position)} ;\n{self.maybe_inferred('affiliation')}"
            f"    kg:source source:{_source_slug(source)} ;\n"
            f"    kg:quote {quote(f'{person.label}, {position} bei {org.label}')} .\n"
        )
        self.count("affiliations")

    def person_pool(self) -> Pool:
        def fresh() -> Iterator[str]:
            while True:
                yield str(len(self.persons))

        return Pool(fresh(), 0.7)

    # provenance ----------------------------------------------------------------------

    def maybe_inferred(self, what: str) -> str:
        if self.rng.random() >= self.inferred:
            return ""
        note = f"Synthetic: the {what} is implied, not stated."
        return f'    kg:inferred true ;\n    kg:note "{note}"@en ;\n'

    def count(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    # events ----------------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        self.make_orgs()
        self.person_picks = self.person_pool()
        produced = 0
        while produced < self.n_events:
            produced += self.top_event(produced)
        self.relations()
        self.close_orphans()
        self.sources()
        self.leftover_topics()
        for out in self.out.values():
            out.close()
        shutil.copyfile(resources.data_dir() / "topics.ttl", self.folder / "topics.ttl")
        self.counts.update(
            persons=len(self.persons),
            cities=len(self.cities),
            venues=len(self.venues),
            organizations=len(self.org_by_slug),
            sources=self.n_sources,
        )
        return dict(sorted(self.counts.items()))

    def agent(
        self, person_share: float = 0.85, kinds: Sequence[str] | None = None
    ) -> tuple[str, str]:
        """(prefixed IRI, label) of a person or an organization."""
        if self.rng.random() < person_share:
            index = int(self.person_picks.pick(self.rng))
            person = self.persons[index] if index < len(self.persons) else self.new_person()
            return f"person:{person.slug}", person.label
        org = self.pick_org(kinds)
        return f"org:{org.slug}", org.label

    def top_event(self, index: int) -> int:
        rng = self.rng
        kind = rng.choices(
            ("Conference", "TradeFair", "Meeting", "NetworkingEvent", "VideoConference"),
            (45, 12, 25, 10, 8),
        )[0]
        subs = {
            "Conference": rng.randint(2, 9),
            "TradeFair": rng.randint(1, 6),
            "Meeting": rng.randint(0, 1),
        }.get(kind, 0)
        subs = min(subs, self.n_events - index - 1)
        city_slug, city_label = self.cities[rng.randrange(len(self.cities))]
        day = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(12 * 365))
        year = str(day.year)
        series = {
            "Conference": EVENT_SERIES,
            "TradeFair": FAIR_SERIES,
            "Meeting": ("Mitgliederversammlung", "Arbeitstreffen", "Jahrestreffen"),
            "NetworkingEvent": ("Netzwerkabend", "Digitalstammtisch"),
            "VideoConference": ("Online-Austausch", "Digitale Sprechstunde"),
        }[kind]
        name = rng.choice(series)
        plain = f"{name} {city_label} {year}"
        dated = f"{name} {city_label} {day.day}. {_MONTHS[day.month - 1]} {year}"
        label = self.unique(
            "event", lambda: dated if lint_core(plain) in self.cores["event"] else plain
        )
        ev = slug(label)
        if not self.first_event:
            self.first_event = ev
        precision = rng.random()
        date = (
            f'"{day.isoformat()}"^^xsd:date'
            if precision < 0.85
            else f'"{day.isoformat()[:7]}"^^xsd:gYearMonth'
            if precision < 0.95
            else f'"{year}"^^xsd:gYear'
        )
        source = index // 20
        if not self.source_dates[source]:
            self.source_dates[source] = day.isoformat()
            self.source_titles[source] = f"Rückblick: {label}"
        lines = [
            f"event:{ev} a kg:{kind} ;\n    rdfs:label {literal(label)} ;\n    kg:date {date} ;\n"
        ]
        if kind in ("Conference", "TradeFair") and precision < 0.85 and rng.random() < 0.06:
            lines.append(
                f'    kg:endDate "{(day + dt.timedelta(days=1)).isoformat()}"^^xsd:date ;\n'
            )
        if kind == "VideoConference":
            lines.append("    kg:online true ;\n")
        else:
            place = (
                self.venue(city_slug, city_label, kind == "TradeFair")
                if rng.random() < 0.6
                else city_slug
            )
            lines.append(f"    kg:place place:{place} ;\n")
        if kind == "Conference" and rng.random() < 0.3:
            lines.append(f"    kg:participantCount {rng.randrange(40, 900)} ;\n")
        lines.append(self.topic_lines(rng.randint(1, 3)))
        lines.append(
            f"{self.maybe_inferred('date')}    kg:source source:{_source_slug(source)} ;\n"
            f"    kg:quote {quote(f'Die {label} fand in {city_label} statt')} .\n\n"
        )
        self.out["events"].add("".join(lines))
        self.count("events")
        taken: set[str] = set()
        table: dict[str, list[RoleSpec]] = {
            "Conference": [
                ("Organizer", rng.randint(1, 2), 0.0, ORGANIZER_KINDS),
                ("Host", rng.randint(0, 1), 0.0, ("Municipality", "County")),
                ("Speaker", rng.randint(1, 3), 1.0, None),
                ("Moderator", rng.randint(0, 1), 1.0, None),
                ("Attendee", rng.randint(0, 3), 0.9, None),
            ],
            "TradeFair": [
                ("Organizer", 1, 0.0, ORGANIZER_KINDS),
                ("Exhibitor", rng.randint(2, 6), 0.0, ("Company", "PublicITProvider")),
                ("Speaker", rng.randint(0, 2), 1.0, None),
            ],
            "Meeting": [
                ("Organizer", 1, 0.0, ("Network", "Association", "WorkingGroup")),
                ("Host", rng.randint(0, 1), 0.0, ("Municipality",)),
                ("Speaker", rng.randint(0, 2), 1.0, None),
                ("Attendee", rng.randint(1, 4), 0.7, None),
            ],
            "NetworkingEvent": [
                ("Organizer", 1, 0.0, ORGANIZER_KINDS),
                ("Attendee", rng.randint(0, 3), 1.0, None),
            ],
            "VideoConference": [
                ("Organizer", 1, 0.0, ORGANIZER_KINDS),
                ("Speaker", rng.randint(1, 2), 1.0, None),
            ],
        }
        roles = table[kind]
        extra: list[RoleSpec] = [("Photographer", 1, 1.0, None)] if rng.random() < 0.15 else []
        extra += [("Contact", 1, 1.0, None)] if rng.random() < 0.15 else []
        self.participations(ev, label, source, roles + extra, taken)
        for number in range(1, subs + 1):
            self.sub_event(
                ev,
                label,
                number,
                kind,
                date,
                source if (index + number) // 20 == source else (index + number) // 20,
                day,
            )
        return subs + 1

    def sub_event(
        self,
        parent: str,
        parent_label: str,
        number: int,
        parent_kind: str,
        date: str,
        source: int,
        day: dt.date,
    ) -> None:
        rng = self.rng
        kind = (
            rng.choices(("Workshop", "Panel", "Talk", "Interview"), (40, 20, 35, 5))[0]
            if parent_kind != "Meeting"
            else "Talk"
        )
        word = {
            "Workshop": "Workshop",
            "Panel": "Podium",
            "Talk": "Vortrag",
            "Interview": "Interview",
        }[kind]
        theme = rng.choice(THEMES)
        label = f"{parent_label} – {word} {number}: {theme}"
        self.cores["event"].add(lint_core(label))
        ev = f"{parent}-{slug(word)}-{number}"
        if not self.source_dates[source]:
            self.source_dates[source] = day.isoformat()
            self.source_titles[source] = f"Rückblick: {label}"
        own_date = date if rng.random() < 0.7 else f'"{day.year}"^^xsd:gYear'
        self.out["events"].add(
            f"event:{ev} a kg:{kind} ;\n    rdfs:label {literal(label)} ;\n"
            f"    kg:partOf event:{parent} ;\n"
            f"    kg:date {own_date} ;\n{self.topic_lines(rng.randint(0, 1))}"
            f"{self.maybe_inferred('date')}    kg:source source:{_source_slug(source)} ;\n"
            f"    kg:quote {quote(f'Im {word} ging es um {theme}')} .\n\n"
        )
        self.count("events")
        table: dict[str, list[RoleSpec]] = {
            "Workshop": [
                (
                    "WorkshopLead",
                    rng.randint(1, 2),
                    0.85,
                    ("Company", "PublicITProvider", "University", "Network"),
                ),
                ("Speaker", rng.randint(0, 1), 1.0, None),
            ],
            "Panel": [("Panelist", rng.randint(3, 5), 0.95, None), ("Moderator", 1, 1.0, None)],
            "Talk": [("Speaker", rng.choices((1, 2), (80, 20))[0], 0.95, None)],
            "Interview": [("Interviewer", 1, 1.0, None), ("Interviewee", 1, 1.0, None)],
        }
        roles = table[kind]
        self.participations(ev, label, source, roles, set())

    def topic_lines(self, n: int) -> str:
        chosen: list[str] = []
        for _ in range(n):
            topic = (
                self.unused_topics.pop(0)
                if self.unused_topics
                else self.topics[min(int(self.rng.paretovariate(1.0)) - 1, len(self.topics) - 1)]
            )
            if topic not in chosen:
                chosen.append(topic)
        if not chosen:
            return ""
        return "    kg:topic " + " , ".join(f"topic:{t}" for t in chosen) + " ;\n"

    def participations(
        self,
        ev: str,
        label: str,
        source: int,
        roles: list[RoleSpec],
        taken: set[str],
    ) -> None:
        for role, n, person_share, kinds in roles:
            for _ in range(n):
                agent, name = self.agent(person_share, kinds)
                for _retry in range(3):
                    if agent not in taken:
                        break
                    agent, name = self.agent(person_share, kinds)
                else:
                    continue
                taken.add(agent)
                if agent.startswith("org:"):
                    self.referenced.add(agent[4:])
                text = _ROLE_QUOTES[role].format(name=name, event=label)
                self.out["events"].add(
                    f"participation:{ev}--{agent.split(':', 1)[1]}--{role.lower()} "
                    "a kg:Participation ;\n"
                    f"    kg:agent {agent} ;\n    kg:event event:{ev} ;\n    kg:role kg:{role} ;\n"
                    f"{self.maybe_inferred('role')}"
                    f"    kg:source source:{_source_slug(source)} ;\n    kg:quote {quote(text)} .\n"
                )
                self.count("participations")

    # relations, leftovers, sources --------------------------------------------------------

    def relations(self) -> None:
        rng = self.rng
        hubs = self.orgs["Network"] + self.orgs["Association"]
        members = self.orgs["Municipality"] + self.orgs["County"] + self.orgs["PublicITProvider"]
        for org in members:
            targets = rng.sample(hubs, min(len(hubs), rng.choices((1, 2), (70, 30))[0]))
            for target in targets:
                self.relation(
                    org, "MemberOf", target, f"{org.label} ist Mitglied im {target.label}"
                )
        for group in self.orgs["WorkingGroup"]:
            parent = rng.choice(self.orgs["Association"])
            self.relation(
                group, "SubOrganizationOf", parent, f"der {group.label} des {parent.label}"
            )

    def relation(self, a: Org, kind: str, b: Org, text: str) -> None:
        self.referenced.update((a.slug, b.slug))
        self.out["organizations"].add(
            f"relation:{a.slug}--{kind.lower()}--{b.slug} a kg:Relation ;\n"
            f"    kg:from org:{a.slug} ;\n    kg:to org:{b.slug} ;\n"
            f"    kg:relationType kg:{kind} ;\n{self.maybe_inferred('relation')}"
            f"    kg:source source:{_source_slug(self.rng.randrange(self.n_sources))} ;\n"
            f"    kg:quote {quote(text)} .\n"
        )
        self.count("relations")

    def close_orphans(self) -> None:
        """Organizations nothing refers to get one affiliated person (the lint flags orphans)."""
        for orgs in self.orgs.values():
            for org in orgs:
                if org.slug not in self.referenced:
                    self.new_person(org)
        for org in self.org_by_slug.values():
            self.out["organizations"].add(
                f"org:{org.slug} a kg:{org.kind} ; rdfs:label {literal(org.label)} ; "
                f"kg:basedIn place:{org.place} .\n"
            )

    def sources(self) -> None:
        publishers = self.orgs["Association"] + self.orgs["Network"] + self.orgs["Company"]
        for index in range(self.n_sources):
            publisher = publishers[index % len(publishers)]
            title = self.source_titles[index] or f"Bericht {index + 1}"
            self.out["sources"].add(
                f"source:{_source_slug(index)} a kg:Source ;\n    rdfs:label {literal(title)} ;\n"
                f'    kg:textFile "synthetic_{index:06d}.txt" ;\n'
                f'    kg:published "{self.source_dates[index] or "2020-01-01"}"^^xsd:date ;\n'
                f"    kg:publisher org:{publisher.slug} .\n"
            )

    def leftover_topics(self) -> None:
        """Topics no event got yet (tiny scales) go to the first event, so none is an orphan."""
        if self.unused_topics:
            self.out["events"].add(
                f"event:{self.first_event} kg:topic "
                + " , ".join(f"topic:{t}" for t in self.unused_topics)
                + " .\n"
            )


_ORD = ("Nord", "Süd", "West", "Ost", "Mitte", "Land", "Tal", "Höhe", "Aue", "Heide")
_MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
_ROLE_QUOTES = {
    "Organizer": "Veranstaltet wurde die {event} von {name}",
    "Host": "Gastgeber war {name}",
    "Speaker": "{name} sprach in ihrem Vortrag über die nächsten Schritte",
    "Moderator": "Durch das Programm führte {name}",
    "Panelist": "Auf dem Podium diskutierte {name}",
    "WorkshopLead": "{name} leitete den Workshop",
    "Interviewer": "Die Fragen stellte {name}",
    "Interviewee": "Im Gespräch berichtete {name} aus der Praxis",
    "Attendee": "Unter den Gästen war {name}",
    "Photographer": "Fotos: {name}",
    "Contact": "Ansprechpartner: {name}",
    "Exhibitor": "Am Stand von {name} drängten sich die Besucher",
}


def _source_slug(index: int) -> str:
    return f"synthetischer-bericht-{index + 1:06d}"


def _shuffled(rng: Random, orgs: list[Org]) -> list[Org]:
    copy = list(orgs)
    rng.shuffle(copy)
    return copy


def _topic_slugs() -> list[str]:
    text = (resources.data_dir() / "topics.ttl").read_text(encoding="utf-8")
    return re.findall(r"^topic:([a-z0-9-]+) a kg:Topic", text, flags=re.MULTILINE)


def generate(events: int, folder: Path, seed: int = 42, inferred: float = 0.05) -> dict[str, int]:
    """Write the data into `folder` (created, emptied of *.ttl); counts of what was written."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.ttl"):
        old.unlink()
    return Generator(events, seed, inferred, folder).run()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--events", type=int, default=1000, help="number of events, sub-events included"
    )
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument(
        "--inferred",
        type=float,
        default=0.05,
        help="share of facts marked kg:inferred true with a note (default 0.05)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, default=None, help="output folder (default: out/bench-EVENTS)"
    )
    args = parser.parse_args(argv)
    if args.events < 1:
        parser.error("--events must be at least 1")
    folder = args.output or Path("out") / f"bench-{args.events}"
    counts = generate(args.events, folder, args.seed, args.inferred)
    size = sum(p.stat().st_size for p in folder.glob("*.ttl"))
    print(
        f"wrote {folder} ({size / 1e6:.1f} MB): " + ", ".join(f"{k} {v}" for k, v in counts.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
