"""``python -m landinv.sample [OUT_DIR]``: regenerate the sample data."""

from landinv.sample.writer import main

raise SystemExit(main())
