# Sourced by load.sh and fault_postgres.sh: a benchmark database and a gunicorn serving it.
# Loopback only (ports 8300-8349), PostgreSQL database skillatlas_bench_load, Redis db 13.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="$ROOT/.venv/bin/python"
BENCH_DB="${BENCH_DB:-skillatlas_bench_load}"
PG="${PG:-postgres://postgres@127.0.0.1:5432}"
SYNTHETIC_SKILLS="${SYNTHETIC_SKILLS:-1000}"

export DATABASE_URL="$PG/$BENCH_DB"
export SECRET_KEY="${BENCH_SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')}"
export DJANGO_SETTINGS_MODULE=config.settings DEBUG=0 ALLOWED_HOSTS=127.0.0.1 STATIC_ROOT="${STATIC_ROOT:-/tmp/static_bench_load}"
# Production settings behind a TLS proxy: wrk sends X-Forwarded-Proto like the proxy would.
export SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/13}"
export CONN_MAX_AGE="${CONN_MAX_AGE:-60}"
export CACHE_SECONDS="${CACHE_SECONDS:-5}"
# Every bench client shares one IP; real visitors do not. Keep the API throttle out of the way.
export API_THROTTLE_ANON="${API_THROTTLE_ANON:-10000000/min}"
export WEB_CONCURRENCY="${WEB_CONCURRENCY:-4}"

GUNICORN_PID=""

prepare_database() {
    if ! psql "$PG/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$BENCH_DB'" | grep -q 1; then
        psql "$PG/postgres" -qc "CREATE DATABASE $BENCH_DB" >/dev/null
    fi
    (cd "$ROOT" && "$PY" manage.py migrate --noinput --verbosity 0)
    (cd "$ROOT" && "$PY" manage.py import_taxonomy --keep-existing fixtures/demo.json --verbosity 0 >/dev/null)
    if [ "$SYNTHETIC_SKILLS" -gt 0 ]; then
        local file; file="$(mktemp /tmp/bench-synthetic-XXXX.json)"
        "$PY" - "$SYNTHETIC_SKILLS" >"$file" <<'PYEOF'
import json, sys
n = int(sys.argv[1])
skills = [
    {
        "slug": f"synthetic-skill-{i:05d}",
        "name": f"Synthetic skill {i:05d}",
        "summary": f"A generated skill number {i} for load tests.",
        "definition": "Generated for the load benchmark.\n\nIt has two paragraphs.",
        "category": "bench-synthetic",
        "status": "published",
        "aliases": [f"synth {i}", f"generated {i}"],
        "resume_examples": [f"Applied synthetic skill {i} to deliver results."],
        "interview_questions": [
            {"question": f"Tell me about skill {i}?", "guidance": "Specifics.", "kind": "behavioural"}
        ],
    }
    for i in range(n)
]
print(json.dumps({
    "format": "skill-atlas-taxonomy", "version": 1,
    "categories": [{"slug": "bench-synthetic", "name": "Bench synthetic", "parent": None}],
    "job_titles": [], "skills": skills,
}))
PYEOF
        (cd "$ROOT" && "$PY" manage.py import_taxonomy --keep-existing "$file" --verbosity 0 >/dev/null)
        rm -f "$file"
    fi
    (cd "$ROOT" && "$PY" manage.py collectstatic --noinput --verbosity 0)
}

start_gunicorn() {  # $1 = port
    local port="$1"
    case "$port" in 83[0-4][0-9]) ;; *) echo "port $port is outside 8300-8349" >&2; return 1 ;; esac
    (cd "$ROOT" && GUNICORN_BIND="127.0.0.1:$port" GUNICORN_LOG_LEVEL=warning \
        exec "$ROOT/.venv/bin/gunicorn" -c config/gunicorn.py 2>>"${SERVER_LOG:-/dev/stderr}") &
    GUNICORN_PID=$!
    for _ in $(seq 50); do
        curl -fsS -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:$port/healthz" 2>/dev/null && return 0
        sleep 0.2
    done
    echo "gunicorn did not answer on port $port" >&2
    return 1
}

stop_gunicorn() {
    if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
        kill -TERM "$GUNICORN_PID"
        wait "$GUNICORN_PID" 2>/dev/null || true
    fi
    GUNICORN_PID=""
}

# The URL mix, one "kind path" per line; load_mix.lua weights the kinds.
write_url_mix() {  # $1 = output file
    (cd "$ROOT" && "$PY" - >"$1" <<'PYEOF'
import random

import django

django.setup()
from taxonomy.models import Skill, SkillAlias  # noqa: E402

random.seed(7)
slugs = list(Skill.objects.published().values_list("slug", flat=True))
names = list(Skill.objects.published().values_list("name", flat=True))
aliases = list(SkillAlias.objects.filter(skill__status="published").values_list("term", flat=True))
demo = [s for s in slugs if not s.startswith("synthetic-")]
pages = demo + random.sample(slugs, min(300, len(slugs)))
words = [w for n in names for w in n.split() if len(w) > 3]
terms = random.sample(names, min(60, len(names))) + random.sample(aliases, min(60, len(aliases)))
terms += random.sample(words, min(40, len(words)))
terms += [t[:-1] + "x" for t in random.sample(words, min(20, len(words)))]  # typos
terms += ["diplomacy", "negotiations", "mediaton", "track one", "stakeholder management"]
lines = ["page /", "page /skills/"] + [f"page /skills/{slug}/" for slug in pages]
lines += [f"api /api/v1/skills/{slug}/" for slug in pages]
lines += ["api /api/v1/skills/", "api /api/v1/skills/?page=3", "api /api/v1/categories/"]
for term in terms:
    q = "+".join(term.split())
    lines += [f"search /search/?q={q}", f"api /api/v1/skills/?q={q}"]
print("\n".join(lines))
PYEOF
    )
}
