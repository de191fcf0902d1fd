#!/usr/bin/env bash
# Fault test: PostgreSQL stopped for ~8-12 s under steady traffic, then started again.
# Shows, second by second, what visitors get (503 pages/JSON, /healthz's reason) and that the
# site recovers by itself with no gunicorn restart. PostgreSQL is shared: the outage is kept
# short and it is ALWAYS started again (trap), even if this script fails or is interrupted.
# Usage: bench/fault_postgres.sh   (env: PORT, OUTAGE_SECONDS <= 12)
set -euo pipefail
source "$(dirname "$0")/gunicorn_server.sh"

PORT="${PORT:-8301}"
OUTAGE_SECONDS="${OUTAGE_SECONDS:-8}"
PG_VERSION="${PG_VERSION:-15}"
[ "$OUTAGE_SECONDS" -le 12 ] || { echo "OUTAGE_SECONDS must be <= 12" >&2; exit 2; }

PG_STOPPED=0
URLS="$(mktemp /tmp/bench-urls-XXXX.txt)"
SERVER_LOG="${SERVER_LOG:-/tmp/skillatlas-fault-server.log}"
: >"$SERVER_LOG"
restore() {
    if [ "$PG_STOPPED" = 1 ]; then
        pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start || true
        PG_STOPPED=0
    fi
    stop_gunicorn
    rm -f "$URLS"
}
trap restore EXIT INT TERM

SYNTHETIC_SKILLS="${SYNTHETIC_SKILLS:-0}" prepare_database
write_url_mix "$URLS"
redis-cli -u "$REDIS_URL" flushdb >/dev/null 2>&1 || true
start_gunicorn "$PORT"
echo "== gunicorn pid $GUNICORN_PID on 127.0.0.1:$PORT, CONN_MAX_AGE=$CONN_MAX_AGE," \
    "CACHE_SECONDS=$CACHE_SECONDS; 20 clients; PostgreSQL down from t=8s for ${OUTAGE_SECONDS}s"

STARTED="$(date +%s.%N)"
elapsed() { awk "BEGIN { printf \"t=%.1fs\", $(date +%s.%N) - $STARTED }"; }
"$PY" "$(dirname "$0")/fault_probe.py" --port "$PORT" --urls "$URLS" --seconds 40 --clients 20 &
PROBE=$!
sleep 8
PG_STOPPED=1
echo "== $(elapsed) stopping PostgreSQL"
pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main stop
echo "== $(elapsed) PostgreSQL stopped"
sleep "$OUTAGE_SECONDS"
echo "== $(elapsed) starting PostgreSQL"
pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start
PG_STOPPED=0
echo "== $(elapsed) PostgreSQL started again"
wait "$PROBE"
echo "== gunicorn master still pid $GUNICORN_PID: $(kill -0 "$GUNICORN_PID" && echo running, never restarted)"
echo "== server log ($SERVER_LOG): $(grep -c '^Database unavailable' "$SERVER_LOG") outage 503s logged; first and last:"
grep '^Database unavailable' "$SERVER_LOG" | sed -n '1p;$p'
if grep -q 'Traceback' "$SERVER_LOG"; then echo "== tracebacks in the server log:"; grep -c Traceback "$SERVER_LOG"; fi
