#!/usr/bin/env bash
# Starts (or reuses) a private PostgreSQL cluster under var/pg from the
# machine's PostgreSQL binaries, listening on 127.0.0.1:${PARVIS_DEVDB_PORT:-54329}
# only, and prints the URLs to use. Run as root, it runs the cluster as the
# unprivileged `postgres` system user (initdb refuses root).
#   scripts/devdb.sh start | stop | status
source "$(dirname "$0")/lib.sh"
PORT=${PARVIS_DEVDB_PORT:-54329}
DIR="${PARVIS_DEVDB_DIR:-$ROOT/var/pg}"
DATA="$DIR/data"
SOCK="$DIR/run"

bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) /usr/local/pgsql/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return 0; fi
  return 1
}

BIN=$(bindir) || die "no PostgreSQL server binaries found (initdb, pg_ctl).
Install PostgreSQL 15 or newer, e.g. on Debian/Ubuntu: apt-get install postgresql
or point DATABASE_URL at an existing server and run make dev again."
ver=$("$BIN/initdb" --version | grep -oE '[0-9]+' | head -1)
[ "$ver" -ge 15 ] || die "PostgreSQL $ver found in $BIN; Parvis needs 15 or newer"

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' system user to own the dev cluster"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$DIR"
    # The cluster runs as `postgres`, which must be able to reach $DIR. var/
    # may already exist as 0700 (the server keeps its dev secrets there):
    # let others traverse (not list) the folders between the checkout and $DIR.
    if ! runuser -u postgres -- test -x "$DIR" 2>/dev/null; then
      local d=$DIR
      while [ "$d" != "$ROOT" ] && [ "$d" != / ]; do d=$(dirname "$d"); case "$d" in "$ROOT"/*) chmod o+x "$d" ;; esac; done
    fi
    runuser -u postgres -- test -x "$DIR" 2>/dev/null || die "the postgres system user cannot reach $DIR (a parent folder is private).
Set PARVIS_DEVDB_DIR to a folder it can reach, e.g. PARVIS_DEVDB_DIR=/var/tmp/parvis-pg make dev"
  fi
  if [ ! -s "$DATA/PG_VERSION" ]; then
    rm -rf "$DATA"
    say "creating a private PostgreSQL $ver cluster in $DATA"
    as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  as_pg mkdir -p "$SOCK"
  if ! as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$SOCK" start >/dev/null \
      || die "PostgreSQL did not start; see $DIR/server.log"
  fi
  local admin="postgres://postgres@127.0.0.1:$PORT/postgres?sslmode=disable"
  psql_q() { "$BIN/psql" "$admin" -qtAc "$1"; }
  [ "$(psql_q "SELECT 1 FROM pg_database WHERE datname='parvis'")" = 1 ] || psql_q "CREATE DATABASE parvis" >/dev/null
  echo "PARVIS_DEVDB_ADMIN_URL=$admin"
  echo "PARVIS_MIGRATE_DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/parvis?sslmode=disable"
  echo "DATABASE_URL=postgres://parvis_app@127.0.0.1:$PORT/parvis?sslmode=disable"
}

case "${1:-start}" in
  start) start ;;
  stop) [ -d "$DATA" ] && as_pg "$BIN/pg_ctl" -D "$DATA" -m fast stop || true ;;
  status) as_pg "$BIN/pg_ctl" -D "$DATA" status ;;
  *) die "usage: $0 start|stop|status" ;;
esac
