#!/usr/bin/env bash
# with_postgres.sh <command...>
#
# Runs <command> against a throw-away PostgreSQL server: initdb into a new
# temporary folder, start the server listening on 127.0.0.1 and on a unix
# socket in that folder (on a free port), create the database "wirepress",
# export WIREPRESS_PG_URL, run the command, then stop the server and delete
# the folder whatever happens (trap). Exits with the command's status.
#
#   tools/with_postgres.sh build/src/store/postgres/postgres_store_test
#   tools/with_postgres.sh ctest --test-dir build -L pg
#
# Environment:
#   PG_BIN            server binaries (default: newest /usr/lib/postgresql/*/bin)
#   WIREPRESS_PG_KEEP set to 1 to keep the data folder (its path is printed)
#   WIREPRESS_PG_FSYNC set to "on" for a durable server (default off: a test
#                      server whose data is deleted on exit needs no fsync)
#
# As root the server runs as the "postgres" user (PostgreSQL refuses root);
# as any other user it runs as that user.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 <command...>" >&2
  exit 2
fi

if [ -z "${PG_BIN:-}" ]; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [ -z "${PG_BIN}" ] || [ ! -x "${PG_BIN}/initdb" ]; then
  echo "with_postgres: no PostgreSQL server binaries (initdb) found; install 'postgresql' (tools/setup.sh) or set PG_BIN" >&2
  exit 2
fi

# Runs a server binary as the server's owner.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wirepress-pg.XXXXXX")
chmod 755 "$tmp"
data="$tmp/data"
log="$tmp/server.log"
started=0

cleanup() {
  local status=$?
  if [ "$started" = 1 ]; then
    as_owner "$PG_BIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ "${WIREPRESS_PG_KEEP:-0}" = 1 ]; then
    echo "with_postgres: kept $tmp" >&2
  else
    rm -rf "$tmp"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$tmp"
fi

user=$(if [ "$(id -u)" = 0 ]; then echo postgres; else id -un; fi)
as_owner "$PG_BIN/initdb" -D "$data" -U "$user" -A trust -E UTF8 --locale=C.UTF-8 \
  --no-sync >"$tmp/initdb.log" 2>&1 || {
  cat "$tmp/initdb.log" >&2
  echo "with_postgres: initdb failed" >&2
  exit 1
}

fsync="${WIREPRESS_PG_FSYNC:-off}"
# A few free-port races are possible between free_port and the bind; retry.
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  if as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 60 start \
    -o "-k $tmp -p $port -c listen_addresses=127.0.0.1 -c fsync=$fsync -c max_connections=200 -c shared_buffers=256MB" \
    >/dev/null 2>&1; then
    started=1
    break
  fi
  if grep -q "could not bind" "$log" 2>/dev/null; then continue; fi
  cat "$log" >&2 || true
  echo "with_postgres: the server did not start" >&2
  exit 1
done
if [ "$started" != 1 ]; then
  echo "with_postgres: no free port after 5 attempts" >&2
  exit 1
fi

as_owner "$PG_BIN/createdb" -h "$tmp" -p "$port" -U "$user" wirepress

export WIREPRESS_PG_URL="postgresql://${user}@127.0.0.1:${port}/wirepress"
export PGHOST="$tmp" PGPORT="$port" PGUSER="$user" PGDATABASE=wirepress
echo "with_postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') at $WIREPRESS_PG_URL (socket dir $tmp)" >&2

set +e
"$@"
status=$?
set -e
exit "$status"
