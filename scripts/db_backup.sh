#!/usr/bin/env bash
# Back up Skill Atlas's PostgreSQL database, restore it, and prove the copy holds the same content.
#
#   scripts/db_backup.sh dump    DATABASE_URL FILE        pg_dump, custom format (compressed)
#   scripts/db_backup.sh restore FILE NEW_DATABASE_URL    creates the database (it must not
#                                                         exist yet) and pg_restores into it
#   scripts/db_backup.sh compare DATABASE_URL OTHER_URL   every table: row count and a digest
#                                                         of all its rows; exit 1 on a difference
#   scripts/db_backup.sh verify  DATABASE_URL [FILE]      dump (to FILE, or a temporary file),
#                                                         restore into a fresh scratch database,
#                                                         compare, then drop the scratch copy
#
# URLs are postgres://user[:password]@host:port/name (no query string). The tools are
# PostgreSQL's own client programs (pg_dump, pg_restore, psql) of the server's major version.
# Run `verify` after setting up backups, and now and then on a real backup file: a backup is
# only as good as its last successful restore. See README "Backups".
set -euo pipefail

die() { echo "db_backup: $*" >&2; exit 2; }
server_of() { echo "${1%/*}"; }   # postgres://user@host:5432
name_of() { local n="${1##*/}"; echo "${n%%\?*}"; }

dump() {  # url file
    pg_dump --format=custom --no-owner --no-privileges --file="$2" --dbname="$1"
    echo "dumped $(name_of "$1") to $2 ($(du -h "$2" | cut -f1))"
}

restore() {  # file url
    local server name
    server="$(server_of "$2")"; name="$(name_of "$2")"
    [[ "$name" =~ ^[A-Za-z0-9_]+$ ]] || die "database name '$name': use letters, digits and _"
    if psql "$server/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
        die "database $name already exists; restore goes into a fresh database"
    fi
    psql "$server/postgres" -qc "CREATE DATABASE \"$name\""
    pg_restore --no-owner --no-privileges --exit-on-error --dbname="$2" "$1"
    echo "restored $1 into $name"
}

digests() {  # url: "table rows digest" per table, sorted; one query for all the tables
    local query
    query="$(psql "$1" -tA <<'SQL'
SELECT string_agg(format(
    'SELECT %L, count(*), md5(coalesce(string_agg(t::text, E''\n'' ORDER BY t::text), '''')) FROM %I t',
    table_name, table_name), ' UNION ALL ' ORDER BY table_name)
FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
SQL
)"
    psql "$1" -tA -F ' ' -c "$query" | sort
}

compare() {  # url other_url
    local left right
    left="$(mktemp)"; right="$(mktemp)"
    digests "$1" >"$left"; digests "$2" >"$right"
    if diff -u --label "$(name_of "$1")" --label "$(name_of "$2")" "$left" "$right"; then
        echo "content matches: $(wc -l <"$left") tables, $(awk '{ s += $2 } END { print s }' "$left") rows"
        rm -f "$left" "$right"
    else
        rm -f "$left" "$right"
        echo "content DIFFERS (table, rows, digest per side above)" >&2
        return 1
    fi
}

verify() {  # url [file]
    local file="${2:-}" scratch keep_file=1
    if [ -z "$file" ]; then file="$(mktemp /tmp/skillatlas-backup-XXXX.dump)"; keep_file=0; fi
    scratch="$(server_of "$1")/$(name_of "$1")_restorecheck_$$"
    trap 'psql "$(server_of "$1")/postgres" -qc "DROP DATABASE IF EXISTS \"$(name_of "$scratch")\"" >/dev/null 2>&1 || true; [ "$keep_file" = 1 ] || rm -f "$file"' RETURN
    dump "$1" "$file"
    restore "$file" "$scratch"
    compare "$1" "$scratch"
}

[ $# -ge 2 ] || die "usage: $0 dump|restore|compare|verify ... (see the comment at the top)"
command="$1"; shift
case "$command" in
    dump) [ $# -eq 2 ] || die "usage: $0 dump DATABASE_URL FILE"; dump "$1" "$2" ;;
    restore) [ $# -eq 2 ] || die "usage: $0 restore FILE NEW_DATABASE_URL"; restore "$1" "$2" ;;
    compare) [ $# -eq 2 ] || die "usage: $0 compare DATABASE_URL OTHER_URL"; compare "$1" "$2" ;;
    verify) verify "$@" ;;
    *) die "unknown command $command" ;;
esac
