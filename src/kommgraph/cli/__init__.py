"""The `kommgraph` command line: a thin click layer over `KommGraph`.

Each command parses its options, calls one API method and prints the answer
with one presenter (`kommgraph.views.present`). Errors are worded and mapped to
exit codes in one place (`kommgraph.cli.errors`); heavy libraries are imported
inside the commands that need them, so that `--help` is instant.
"""

import gc

# Importing the command line makes tens of thousands of objects (modules, classes,
# functions), none of them garbage; collected as they come, and walked again by every
# later full collection, they cost a short command like `collab` a tenth of its time.
# So the collector waits during the imports and then leaves what they made alone.
gc.disable()
from kommgraph.cli.main import main  # noqa: E402

gc.freeze()
gc.enable()

__all__ = ["main"]
