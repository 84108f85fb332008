#!/usr/bin/env bash
# Runs the whole suite twice: on SQLite, then on a throwaway PostgreSQL cluster started in a
# temporary folder (socket only, no TCP port) and removed afterwards. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTEST=(.venv/bin/python -m pytest)

echo "== SQLite"
env -u DATABASE_URL "${PYTEST[@]}" "$@"

initdb=$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z $initdb ]]; then
  echo "PostgreSQL server binaries (initdb, pg_ctl) not found: install PostgreSQL 15 (apt-get install postgresql)." >&2
  exit 1
fi
pgbin=$(dirname "$(readlink -f "$initdb")")
tmp=$(mktemp -d /tmp/bupkart-pg.XXXXXX)
as_pg=()
if [[ $(id -u) == 0 ]]; then
  # initdb refuses to run as root; the cluster belongs to the postgres system user.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$tmp"
  as_pg=(runuser -u postgres --)
fi
cleanup() {
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
"${as_pg[@]}" "$pgbin/initdb" -D "$tmp/data" -U bupkart -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/postgres.log" -w start \
  -o "-k $tmp -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null

echo "== PostgreSQL ($("$pgbin/postgres" --version))"
# The browser tests serve the portal from their own server process and database; running
# them a second time here would test nothing new.
DATABASE_URL="postgres://bupkart@/bupkart?host=$tmp" "${PYTEST[@]}" -m "not browser" "$@"
