#!/usr/bin/env bash
# Runs the whole suite twice: on SQLite, then on a throwaway PostgreSQL cluster started in a
# temporary folder (socket only, no TCP port) and removed afterwards. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTEST=(.venv/bin/python -m pytest)

echo "== SQLite"
env -u DATABASE_URL "${PYTEST[@]}" "$@"

# scripts/pg-cluster.sh starts (and stops) the throwaway cluster; bench/run.sh uses it too.
tmp=$(scripts/pg-cluster.sh start)
trap 'scripts/pg-cluster.sh stop "$tmp"' EXIT

echo "== PostgreSQL ($(scripts/pg-cluster.sh version))"
# The browser tests serve the portal from their own server process and database; running
# them a second time here would test nothing new.
DATABASE_URL="postgres://bupkart@/bupkart?host=$tmp" "${PYTEST[@]}" -m "not browser" "$@"
