"""Benchmarks of landinv at county scale (see docs/benchmarks.md).

Run them all with ``python benchmarks/run.py``; each workload is one module
here with a ``run(ctx)`` function returning rows of figures.
"""
