"""Words recognised in input (attribute values, headers), not shown as messages."""

from __future__ import annotations

#: Values read as "yes" in a flag column, besides 1/true/yes.
YES_WORDS = ("是",)
