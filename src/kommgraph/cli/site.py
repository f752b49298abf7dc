"""The `site` command: an offline website with a page per actor, event, topic, place, source.

The folder is checked before any work (a new name, an empty folder or an earlier
site; anything else is refused with exit code 3) and written aside, then renamed
into place (`kommgraph.views.files.write_folder`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kommgraph.cli.options import State, lang_option, pass_state, shown, timestamp_option
from kommgraph.cli.viz import generation_time
from kommgraph.vocab import Lang


class FolderPath(click.Path):
    """A folder to write a site into, checked before any work is done."""

    def __init__(self) -> None:
        super().__init__(path_type=Path, file_okay=False, allow_dash=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from kommgraph.views.files import check_folder_target

        path = Path(value)
        check_folder_target(path)  # an OutputError: refused target, exit code 3
        return path


@click.command()
@click.option(
    "-o",
    "--output",
    type=FolderPath(),
    required=True,
    help="The folder to write (new, empty, or a site written before; replaced as a whole).",
)
@lang_option("the pages (the data's labels stay as they are)")
@timestamp_option("site")
@pass_state
def site(state: State, output: Path, lang: Lang, timestamp: bool) -> None:
    """Write an offline website: a page per person, organization, event, topic, place, source.

    Pages link to each other by relative paths (`person/<name>.html`, the permalinks
    `viz --site-root` links to), so the folder opens from disk and from any static host.
    """
    from kommgraph.progress import bar

    graph = state.graph
    with bar("Writing the site", 1.0) as advance:
        report = graph.site(
            output, lang=lang, generated_at=generation_time(timestamp), progress=advance
        )
    pages = ", ".join(f"{count} {kind}" for kind, count in sorted(report.pages.items()))
    click.echo(
        f"wrote the site to {shown(output)} ({sum(report.pages.values())} pages: {pages}; "
        f"{report.files} files, {report.bytes / 2**20:.1f} MiB)"
    )
