#!/usr/bin/env bash
# Fault test: the database host accepts connections and never answers (a hung server, a
# half-open firewall). gunicorn (2 workers) is pointed at a silent TCP listener; parallel
# clients ask for pages, the API, autocomplete and /healthz, and the script prints each
# answer's status and time, then what /healthz says.
#   Expected: every request a 503 within about DB_CONNECT_TIMEOUT (3 s), /healthz naming it.
#   BEFORE=1 runs with no connect timeout (DB_CONNECT_TIMEOUT=0), as the site did before:
#   each request hangs until gunicorn kills its worker (GUNICORN_TIMEOUT, 30 s).
# Usage: bench/fault_hang.sh   (env: PORT=8341, CLIENTS=8, BEFORE=0, DB_CONNECT_TIMEOUT=3)
set -euo pipefail
source "$(dirname "$0")/gunicorn_server.sh"

PORT="${PORT:-8341}"
CLIENTS="${CLIENTS:-8}"
export WEB_CONCURRENCY=2 GUNICORN_TIMEOUT="${GUNICORN_TIMEOUT:-30}" CACHE_SECONDS=0
if [ "${BEFORE:-0}" = 1 ]; then export DB_CONNECT_TIMEOUT=0; else export DB_CONNECT_TIMEOUT="${DB_CONNECT_TIMEOUT:-3}"; fi
SERVER_LOG="${SERVER_LOG:-/tmp/skillatlas-fault-hang-server.log}"
: >"$SERVER_LOG"
RESULTS="$(mktemp /tmp/fault-hang-XXXX.txt)"
LISTENER_PID=""
cleanup() {
    stop_gunicorn
    [ -n "$LISTENER_PID" ] && kill "$LISTENER_PID" 2>/dev/null || true
    rm -f "$RESULTS" "$RESULTS.port"
}
trap cleanup EXIT INT TERM

# The silent "database": accepts every connection, reads nothing, answers nothing.
"$PY" - "$RESULTS.port" <<'PYEOF' &
import socket, sys, time
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(64)
open(sys.argv[1], "w").write(str(listener.getsockname()[1]))
held = []
while True:
    held.append(listener.accept()[0])
PYEOF
LISTENER_PID=$!
for _ in $(seq 50); do [ -s "$RESULTS.port" ] && break; sleep 0.1; done
SILENT_PORT="$(cat "$RESULTS.port")"
export DATABASE_URL="postgres://postgres@127.0.0.1:$SILENT_PORT/skillatlas_silent"
(cd "$ROOT" && "$PY" manage.py collectstatic --noinput --verbosity 0)

(cd "$ROOT" && GUNICORN_BIND="127.0.0.1:$PORT" GUNICORN_LOG_LEVEL=warning \
    exec "$ROOT/.venv/bin/gunicorn" -c config/gunicorn.py 2>>"$SERVER_LOG") &
GUNICORN_PID=$!
for _ in $(seq 100); do  # up when it answers anything at all (robots.txt needs no database)
    curl -s -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT/robots.txt" && break
    sleep 0.2
done
echo "== gunicorn pid $GUNICORN_PID on 127.0.0.1:$PORT, 2 workers, GUNICORN_TIMEOUT=$GUNICORN_TIMEOUT s;" \
    "database 127.0.0.1:$SILENT_PORT accepts and never answers; DB_CONNECT_TIMEOUT=$DB_CONNECT_TIMEOUT" \
    "(0 = none); $CLIENTS parallel clients"

URLS=(/skills/ /api/v1/skills/ /search/suggest/?q=data /healthz /skills/negotiation/ /api/v1/categories/ / /job-titles/)
for i in $(seq 0 $((CLIENTS - 1))); do
    url="${URLS[$((i % ${#URLS[@]}))]}"
    # curl writes status 000 when no response came (connection dropped, or -m 60 reached)
    { curl -s -o /dev/null -m 60 -H "X-Forwarded-Proto: https" \
        -w "%{http_code} %{time_total} $url\n" "http://127.0.0.1:$PORT$url" || true; } >>"$RESULTS" &
done
wait $(jobs -p | grep -v "^$GUNICORN_PID$" | grep -v "^$LISTENER_PID$") 2>/dev/null || true
sleep 0.5
echo "== each request: status, seconds, path"
sort -k2 -n "$RESULTS"
awk '{ n++; if ($1 == 503) s++; if ($1 == "000") none++; if ($2 > max) max = $2; sum += $2 }
     END { printf "== %d requests: %d answered 503, %d got no response; slowest %.2f s, mean %.2f s\n",
           n, s, none, max, sum / n }' "$RESULTS"
echo "== /healthz says:"
curl -s -m 40 -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORT/healthz" || echo "(no answer in 40 s)"; echo
echo "== worker timeouts in the server log: $(grep -c 'WORKER TIMEOUT' "$SERVER_LOG" || true)"
