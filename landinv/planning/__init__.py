"""Planning ahead: planned events, the forecast of both floors, targets.

Pure (no streamlit, no store access): :mod:`landinv.planning.forecast` turns
the stored history plus a scenario's planned events into a month-by-month
forecast; :mod:`landinv.planning.targets` measures progress to the year's
targets for the whole zone or a named target area. The store side lives in
:mod:`landinv.store.planning`, the planner actions in
:mod:`landinv.services.planning`.
"""

from landinv.planning.forecast import DEFAULT_MONTHS, Forecast, forecast

__all__ = ["DEFAULT_MONTHS", "Forecast", "forecast"]
