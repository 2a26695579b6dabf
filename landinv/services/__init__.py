"""Every action a planner takes, once, for both the CLI and the app.

The CLI parses arguments and renders; the app's pages hold widgets; both call
these functions, so an import, an undo or an export is derived and checked the
same way whichever door it came in by. Services raise
:class:`landinv.errors.LandinvError` (a catalogued message) for anything a
person can fix.

- :mod:`.inventory`  open the store; the report, summary table and floor checks
- :mod:`.imports`    read and check an upload; commit it (metadata derived once)
- :mod:`.changes`    undo an import, supply a parcel, record a category change
- :mod:`.files`      exports and summaries to files; backup and restore
- :mod:`.efficiency` enterprises: import, per-mu evaluation, zone figures, low-efficiency land
- :mod:`.planning`   planned events, the forecast, the supply guard, target progress
"""
