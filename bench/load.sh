#!/usr/bin/env bash
# Load test: gunicorn (production settings) on PostgreSQL + Redis, 100 clients for 60 s over a
# mix of skill pages, search and API reads; prints throughput, latency percentiles, errors.
# Loopback only. Usage: bench/load.sh   (env: PORT, DURATION, CONNECTIONS, CACHE_SECONDS,
# WEB_CONCURRENCY, SYNTHETIC_SKILLS, BENCH_DB)
set -euo pipefail
source "$(dirname "$0")/gunicorn_server.sh"

PORT="${PORT:-8300}"
DURATION="${DURATION:-60s}"
CONNECTIONS="${CONNECTIONS:-100}"
WRK_THREADS="${WRK_THREADS:-2}"

if ! command -v wrk >/dev/null 2>&1; then
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
fi

URLS="$(mktemp /tmp/bench-urls-XXXX.txt)"
trap 'stop_gunicorn; rm -f "$URLS"' EXIT INT TERM

echo "== preparing $BENCH_DB (demo + $SYNTHETIC_SKILLS synthetic skills)"
prepare_database
write_url_mix "$URLS"
redis-cli -u "$REDIS_URL" flushdb >/dev/null 2>&1 || true
start_gunicorn "$PORT"

echo "== checking every URL in the mix answers 200"
bad=0
while read -r kind path; do
    code="$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$PORT$path")"
    if [ "$code" != 200 ]; then echo "   $code $path"; bad=$((bad + 1)); fi
done <"$URLS"
echo "   $(wc -l <"$URLS") URLs, $bad not 200"

echo "== wrk: $CONNECTIONS connections, $DURATION, $WEB_CONCURRENCY gunicorn workers," \
    "CACHE_SECONDS=$CACHE_SECONDS, $(nproc) cores shared with other work"
wrk --threads "$WRK_THREADS" --connections "$CONNECTIONS" --duration "$DURATION" --timeout 10s \
    --latency -s "$(dirname "$0")/load_mix.lua" "http://127.0.0.1:$PORT" -- "$URLS"
