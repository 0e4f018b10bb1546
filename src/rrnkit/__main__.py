"""``python -m rrnkit`` runs the command line."""

from rrnkit.cli import main

main()
