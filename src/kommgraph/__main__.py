"""`python -m kommgraph`."""

from kommgraph.cli import entry

if __name__ == "__main__":
    entry()
