"""Enterprises and per-mu efficiency (亩均论英雄): pure core, no store and no UI.

Modules: ``creditcode`` (GB 32100-2015), ``table`` (reading XLSX/CSV), ``checks``
(from a table to checked rows and the report), ``scheme`` (the evaluation and
rules from landinv.toml), ``land`` (each enterprise's land), ``evaluate`` (the
scoring), ``zones`` (sub-area figures), ``lowland`` (low-efficiency candidates),
``export`` (the public-notice XLSX). The store side is landinv/store/enterprises.py,
the planner actions landinv/services/efficiency.py.
"""
