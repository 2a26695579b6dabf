"""Planner actions used by both the CLI and the app (one module per capability)."""
