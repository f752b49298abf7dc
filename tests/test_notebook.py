"""The research notebook runs from top to bottom on the bundled data, so it cannot rot.

docs/research.ipynb answers three research questions with the API and pandas;
here a real Jupyter kernel (ipykernel, the one of this environment) executes
every cell with nbclient, and a failing cell fails the test with its traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "research.ipynb"


def read() -> Any:
    return nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]


def test_the_research_notebook_runs_and_answers_its_three_questions() -> None:
    notebook = read()
    NotebookClient(notebook, timeout=300, kernel_name="python3").execute()
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert len(code) == 8
    errors = [o for cell in code for o in cell.outputs if o.output_type == "error"]
    assert errors == []
    text = "\n".join(
        o.get("text", "") or o.get("data", {}).get("text/plain", "")
        for cell in code
        for o in cell.outputs
    )
    assert "communities, modularity" in text
    assert "direct collaborations" in text and "more through people" in text
    headings = [c.source for c in notebook.cells if c.cell_type == "markdown"]
    assert [h.splitlines()[0] for h in headings if h.startswith("## ")] == [
        "## 1. Who bridges the topics?",
        "## 2. How did the network change between 2020 and 2024?",
        "## 3. Which organizations collaborate through their people?",
    ]


def test_the_notebook_is_kept_without_outputs() -> None:
    notebook = read()
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
