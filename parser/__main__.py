"""``python -m parser`` runs the ``parse`` command."""

from .cli import main

main()
