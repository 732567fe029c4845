"""``python -m obligraph``: the command line."""

from obligraph.cli import main

main()
