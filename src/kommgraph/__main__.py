"""`python -m kommgraph`."""

from kommgraph.cli import main

if __name__ == "__main__":
    main()
