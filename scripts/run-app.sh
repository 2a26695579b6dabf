#!/usr/bin/env bash
# Install what the app needs and start it on the sample data:
#
#   bash scripts/run-app.sh [streamlit arguments...]
#
# The app builds its inventory store from data/ on first use (see README).
set -euo pipefail

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$LANDINV_ROOT"

ensure_debs fonts-noto-cjk
select_python
ensure_python_packages requirements.txt
ensure_assets

# Without a display there is no browser to open; headless also skips
# Streamlit's first-run e-mail prompt. Naming the address to print stops a
# headless Streamlit from looking up this machine's public IP on the internet.
headless=()
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    headless=(--server.headless=true --browser.serverAddress=localhost)
fi
exec "$PY" -m streamlit run app.py "${headless[@]}" --browser.gatherUsageStats=false "$@"
