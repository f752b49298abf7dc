"""The `kommgraph` command line: a thin click layer over `KommGraph`.

Each command parses its options, calls one API method and prints the answer
with one presenter (`kommgraph.views.present`). Errors are worded and mapped to
exit codes in one place (`kommgraph.cli.errors`); heavy libraries are imported
inside the commands that need them, so that `--help` is instant.
"""

from kommgraph.bulk import paused_gc

# Importing the command line makes tens of thousands of objects (modules, classes,
# functions), none of them garbage: the collector waits during the imports, and what
# they made joins the oldest generation at once (`paused_gc`) instead of being walked
# by the young collections of the command that follows. (Not `gc.freeze()`: counting
# frozen objects walks them, and `bulk` counts them each time it resumes.)
with paused_gc():
    from kommgraph.cli.main import main

from kommgraph.cli.ending import entry  # the console script: `main`, then a quick end

__all__ = ["entry", "main"]
