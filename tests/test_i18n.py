"""The catalogue of the page's words: compiled files up to date, every message translated."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from kommgraph.views.i18n import N_, gettext_for, translator
from kommgraph.vocab import LANGS

SRC = Path(__file__).resolve().parent.parent / "src" / "kommgraph"
LOCALE = SRC / "views" / "locale"
KEYWORDS = {"_": None, "N_": None}


def catalogue(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "kommgraph.po"


def marked_messages() -> set[str]:
    """Every message marked with _() or N_() where the page, figures and `viz` speak."""
    files = [*sorted((SRC / "views").glob("*.py")), SRC / "cli" / "viz.py"]
    assert len(files) > 10, files
    found = set()
    for path in files:
        for _line, message, _comments, _context in extract_from_file(
            "python", str(path), keywords=KEYWORDS
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


def test_there_is_a_catalogue_for_every_language() -> None:
    assert LANGS == ("de", "en")
    assert sorted(p.parent.parent.name for p in LOCALE.glob("*/LC_MESSAGES/kommgraph.po")) == [
        "de",
        "en",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogue_matches_its_po_file(lang: str) -> None:
    """`make locale` compiles the .po files; the .mo files committed beside them are current."""
    with catalogue(lang).open("rb") as po:
        parsed = read_po(po, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, parsed)
    assert compiled.getvalue() == catalogue(lang).with_suffix(".mo").read_bytes()


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_holds_exactly_the_marked_messages(lang: str) -> None:
    with catalogue(lang).open("rb") as po:
        ids = {m.id for m in read_po(po) if m.id}
    marked = marked_messages()
    assert sorted(marked - ids) == [], "run `make locale`"
    assert sorted(ids - marked) == [], "obsolete entries: run `make locale`"


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated_with_the_same_placeholders(lang: str) -> None:
    with catalogue(lang).open("rb") as po:
        messages = [m for m in read_po(po) if m.id]
    assert len(messages) > 80
    for m in messages:
        assert m.string, m.id
        assert not m.fuzzy, m.id
        assert isinstance(m.id, str) and isinstance(m.string, str), m.id
        assert sorted(re.findall(r"\{\w+\}", m.id)) == sorted(re.findall(r"\{\w+\}", m.string))


def test_translator_gives_german_and_english() -> None:
    assert gettext_for("de")("Public IT provider") == "Öffentlicher IT-Dienstleister"
    assert gettext_for("en")("Public IT provider") == "Public IT provider"
    assert N_("Sources") == "Sources"


def test_translator_refuses_an_unknown_language() -> None:
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        translator("fr")
