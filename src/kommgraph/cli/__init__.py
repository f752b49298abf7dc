"""The `kommgraph` command line: a thin click layer over `KommGraph`.

Each command parses its options, calls one API method and prints the answer
with one presenter (`kommgraph.views.present`). Errors are worded and mapped to
exit codes in one place (`kommgraph.cli.errors`); heavy libraries are imported
inside the commands that need them, so that `--help` is instant.
"""

from kommgraph.cli.main import main

__all__ = ["main"]
