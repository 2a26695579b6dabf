"""``python -m landinv`` runs the CLI."""

from landinv.cli import run

run()
