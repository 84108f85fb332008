#!/usr/bin/env bash
# The production stack on loopback, measured. Usage: bench/run.sh [read|edit|explain|all]
#   read     (default) page timings in three runs: uncached (no page cache, no fragments), fragments
#            (no page cache, warm fragments) and cached; a table of p50/p95/req/s/errors and the
#            targets, MET / NOT MET
#   edit     50 readers while editors publish and collide (bench/load_med_redigering.py)
#   explain  EXPLAIN ANALYZE of the forløp page's queries (bench/explain.py)
#   samhandlingsdag  40 tables answer an økt within a minute while the projector polls
#            (bench/samhandlingsdag.py): zero errors, the facilitator view's p95 against /healthz
# Each mode: a throwaway PostgreSQL cluster (scripts/pg-cluster.sh), migrate, generate_national,
# collectstatic; read and edit then start gunicorn with two workers and bupkart.settings.prod on
# 127.0.0.1 only (explain queries in-process). All load is bounded (at most 60 s per run) and
# goes to 127.0.0.1 only. Everything is removed afterwards.
# Environment: BENCH_SCALE (full|small), BENCH_SECONDS per endpoint, BENCH_CONCURRENCY,
# BENCH_KOMMUNE, BENCH_REDIS=1 (a loopback redis-server as the shared cache), BENCH_PORT.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-read}
PY=.venv/bin/python
PORT=${BENCH_PORT:-8765}
SCALE=${BENCH_SCALE:-full}
SEKUND=${BENCH_SECONDS:-5}        # per endpoint and run: 9 endpoints x 3 runs x 5 s = 135 s
SAMTIDIGE=${BENCH_CONCURRENCY:-4}

pg=$(scripts/pg-cluster.sh start)
work=$(mktemp -d /tmp/bupkart-bench.XXXXXX)
server_pid=""
stop_server() {
  if [[ -n $server_pid ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
cleanup() {
  stop_server
  [[ -f $work/redis.pid ]] && kill "$(cat "$work/redis.pid")" 2>/dev/null || true
  if [[ -s $work/gunicorn.log ]]; then
    echo "== gunicorn log (last 40 lines)"
    tail -n 40 "$work/gunicorn.log"
  fi
  scripts/pg-cluster.sh stop "$pg"
  rm -rf "$work"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=bupkart.settings.prod
export SECRET_KEY="bench-only-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ALLOWED_HOSTS=127.0.0.1
export DATABASE_URL="postgres://bupkart@/bupkart?host=$pg"
export BUPKART_INSECURE_LOOPBACK=1
export STATIC_ROOT="$work/static"
export LOG_LEVEL=WARNING
# One address sends all the load: the read API's per-address limit would answer it with 429s.
export BUPKART_API_GRENSE=1000000/s

if [[ ${BENCH_REDIS:-0} == 1 ]]; then
  # The shared cache several app servers would use; here both gunicorn workers share it.
  command -v redis-server >/dev/null || { echo "BENCH_REDIS=1 needs redis-server (apt-get install redis-server)" >&2; exit 1; }
  redis-server --port $((PORT + 1)) --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$work/redis.pid" --logfile "$work/redis.log"
  export REDIS_URL="redis://127.0.0.1:$((PORT + 1))/0"
  echo "== cache: Redis at $REDIS_URL"
fi
echo "== PostgreSQL $(scripts/pg-cluster.sh version | awk '{print $3}') in $pg; dataset --scale $SCALE"
$PY manage.py migrate --no-input -v0
$PY manage.py generate_national --scale "$SCALE"
$PY manage.py collectstatic --no-input -v0
STATIC_CSS=$($PY -c "import json,sys; print(json.load(open(sys.argv[1]))['paths']['css/bupkart.css'])" "$STATIC_ROOT/staticfiles.json")
KOMMUNE=${BENCH_KOMMUNE:-$($PY manage.py shell -v0 -c "
from forlop.models import Tekst
from django.db.models import Count
# The kommune with the most local variants in the angst forløp: the heaviest resolution.
k = (Tekst.objects.filter(forlop__slug='angst', kommune__isnull=False).values('kommune__nummer')
     .annotate(n=Count('id')).order_by('-n', 'kommune__nummer').first())
print(k['kommune__nummer'] if k else '1106')" | tail -n 1)}

start_server() {  # $1: BUPKART_SIDECACHE value, $2: BUPKART_FRAGMENTCACHE value
  BUPKART_SIDECACHE=$1 BUPKART_FRAGMENTCACHE=${2:-1} .venv/bin/gunicorn bupkart.wsgi:application --workers 2 \
    --bind "127.0.0.1:$PORT" --error-logfile "$work/gunicorn.log" --log-level warning &
  server_pid=$!
  for _ in $(seq 100); do
    if $PY -c "import http.client as h,sys; c=h.HTTPConnection('127.0.0.1',$PORT,timeout=1); c.request('GET','/healthz'); sys.exit(c.getresponse().status!=200)" 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  echo "gunicorn did not start:" >&2
  cat "$work/gunicorn.log" >&2
  exit 1
}

read_bench() {
  local endpoints=(
    --endpoint "healthz=/healthz"
    --endpoint "forlop=/forlop/angst/?kommune=$KOMMUNE"
    --endpoint "familie=/familie/angst/?kommune=$KOMMUNE"
    --endpoint "tilgjeng=/tilgjengelighet/"
    --endpoint "kommune=/kommune/$KOMMUNE/?kommune=$KOMMUNE"
    --endpoint "sok=/sok/?q=angst"
    --endpoint "sok-lokal=/sok/?q=tilvising+bup&kommune=$KOMMUNE"
    --endpoint "static=/static/$STATIC_CSS"
    --endpoint "api-forlop=/api/v1/forlop/angst?kommune=$KOMMUNE"
    --optional sok
  )
  # label, page cache, fragments. The warm-up requests of each endpoint (bench/load.py) fill the
  # fragments of both workers in the fragments run and their pages in the cached run.
  local runs=("uncached 0 0" "fragments 0 1" "cached 1 1")
  for run in "${runs[@]}"; do
    read -r label sidecache fragmenter <<<"$run"
    start_server "$sidecache" "$fragmenter"
    echo "== $label: gunicorn (2 workers) on 127.0.0.1:$PORT, $SAMTIDIGE concurrent clients, ${SEKUND}s per endpoint"
    $PY bench/load.py run --port "$PORT" --label "$label" --seconds "$SEKUND" \
      --concurrency "$SAMTIDIGE" --out "$work/$label.json" "${endpoints[@]}"
    stop_server
  done
  $PY bench/load.py report "$work/uncached.json" "$work/fragments.json" "$work/cached.json"
}

case $MODE in
  read) read_bench ;;
  edit)
    start_server 1
    $PY bench/load_med_redigering.py --port "$PORT" --kommune "$KOMMUNE" --seconds "${BENCH_EDIT_SECONDS:-60}"
    stop_server
    ;;
  explain) $PY bench/explain.py --kommune "$KOMMUNE" ;;
  samhandlingsdag)
    start_server 1
    $PY bench/samhandlingsdag.py --port "$PORT" --kommune "$KOMMUNE" --seconds "${BENCH_OVING_SECONDS:-60}"
    stop_server
    ;;
  all)
    $PY bench/explain.py --kommune "$KOMMUNE"
    read_bench
    start_server 1
    $PY bench/load_med_redigering.py --port "$PORT" --kommune "$KOMMUNE" --seconds "${BENCH_EDIT_SECONDS:-60}"
    stop_server
    ;;
  *) echo "usage: $0 [read|edit|explain|samhandlingsdag|all]" >&2; exit 2 ;;
esac
