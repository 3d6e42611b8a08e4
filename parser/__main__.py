"""``python -m parser`` runs the ``parse`` command."""

from .interfaces.cli import main

main()
