"""``python -m nlp.cli`` runs the command line (used by tests that spawn the CLI)."""

from . import main

main()
