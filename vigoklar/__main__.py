"""Run the CLI as ``python -m vigoklar``."""

from vigoklar.cli import main

main()
