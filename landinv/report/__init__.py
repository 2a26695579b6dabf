"""Documents landinv writes for people: the monthly Word report (issue 11)."""
