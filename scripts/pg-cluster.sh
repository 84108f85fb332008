#!/usr/bin/env bash
# A throwaway PostgreSQL cluster in a temporary folder: socket only (no TCP port), fsync off,
# owned by the postgres system user when run as root (initdb refuses root).
#   scripts/pg-cluster.sh start   prints the folder; DATABASE_URL=postgres://bupkart@/bupkart?host=<folder>
#   scripts/pg-cluster.sh stop <folder>   stops the cluster and removes the folder
set -euo pipefail

find_bin() {
  local initdb
  initdb=$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -z $initdb ]]; then
    echo "PostgreSQL server binaries (initdb, pg_ctl) not found: install PostgreSQL 15 (apt-get install postgresql)." >&2
    exit 1
  fi
  dirname "$(readlink -f "$initdb")"
}

as_pg=()
if [[ $(id -u) == 0 ]]; then
  as_pg=(runuser -u postgres --)
fi

case "${1:-}" in
  start)
    pgbin=$(find_bin)
    tmp=$(mktemp -d /tmp/bupkart-pg.XXXXXX)
    if [[ $(id -u) == 0 ]]; then
      id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
      chown postgres "$tmp"
    fi
    "${as_pg[@]}" "$pgbin/initdb" -D "$tmp/data" -U bupkart -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/postgres.log" -w start \
      -o "-k $tmp -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${PG_EXTRA_OPTS:-}" >/dev/null
    "${as_pg[@]}" "$pgbin/createdb" -h "$tmp" -U bupkart bupkart
    echo "$tmp"
    ;;
  stop)
    tmp=${2:?usage: pg-cluster.sh stop <folder>}
    [[ $tmp == /tmp/bupkart-pg.* ]] || { echo "not a bupkart cluster folder: $tmp" >&2; exit 1; }
    pgbin=$(find_bin)
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$tmp"
    ;;
  version)
    "$(find_bin)/postgres" --version
    ;;
  *)
    echo "usage: $0 start | stop <folder> | version" >&2
    exit 2
    ;;
esac
