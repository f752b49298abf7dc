"""What validation found: findings, the report of one run, and the answer `validate` gives.

A finding names the node, the rule and what is wrong; the report groups
findings by rule in a stable order; a `Validation` is either the parse errors
(nothing else can be checked then) or the report, with the size of what was
checked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kommgraph.errors import ParseError
from kommgraph.vocab import ShaclEngine


@dataclass(frozen=True)
class Finding:
    """One problem: which node, which rule, what is wrong."""

    kind: str  # "shacl", "lint" or "quote"
    severity: str  # "violation" or "warning"
    rule: str  # shape IRI, check name or "quote-in-source"
    focus: str
    focus_label: str | None
    path: str | None
    value: str | None
    message: str
    file: str | None = None  # where the finding's statement is written, when known
    line: int | None = None


@dataclass
class Report:
    """All findings of one validation run."""

    findings: list[Finding] = field(default_factory=list)
    rules: dict[str, str] = field(default_factory=dict)  # rule -> title
    # The SHACL engine that ran and its version (None: SHACL was not run), and why pyshacl
    # ran instead of the engine asked for (shapes it does not evaluate, or its failure).
    engine: ShaclEngine | None = None
    engine_version: str | None = None
    engine_fallback: str | None = None

    @property
    def violations(self) -> int:
        return sum(1 for f in self.findings if f.severity == "violation")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    def ok(self, allow_warnings: bool = False) -> bool:
        """Clean: no violations, and no warnings unless they are allowed."""
        return self.violations == 0 and (allow_warnings or self.warnings == 0)

    def by_rule(self) -> dict[str, list[Finding]]:
        """Findings grouped by rule, rules and findings in a stable order."""
        grouped: dict[str, list[Finding]] = defaultdict(list)
        for finding in sorted(
            self.findings, key=lambda f: (f.rule, f.focus, f.path or "", f.value or "")
        ):
            grouped[finding.rule].append(finding)
        return dict(sorted(grouped.items()))


@dataclass(frozen=True)
class Validation:
    """The answer of `validate`: parse errors, or the report of the checks."""

    parse_errors: tuple[ParseError, ...]
    report: Report | None
    files: int
    triples: int
    allow_warnings: bool = False

    @property
    def ok(self) -> bool:
        """Clean: it parsed, and no violations (no warnings unless they are allowed)."""
        return (
            not self.parse_errors
            and self.report is not None
            and self.report.ok(self.allow_warnings)
        )
