#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, on 127.0.0.1:5433, its data in a temporary folder.
#
#   eval "$(tools/test_server.sh start)"   # starts it; sets FEEDBACK_DESK_TEST_SERVER
#   tools/test_server.sh stop              # stops it and removes its folder
#
# Debian's postgresql package is installed when missing (as root). The server refuses to run as
# root, so as root it runs as the postgres user. Durability is switched off: it holds test data only.
set -euo pipefail
PORT="${FEEDBACK_DESK_TEST_PORT:-5433}"
HOME_DIR="${FEEDBACK_DESK_TEST_PGDIR:-/tmp/feedback-desk-test-server}"

pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

as_server_user() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

case "${1:-}" in
  start)
    if [ -z "$(pg_bin)" ]; then
      if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        # not fatal: the server's half of the tests then skips, saying why (in CI it fails)
        echo "PostgreSQL is not installed (Debian: apt-get install postgresql): the server tests will skip" >&2
        exit 0
      fi
      apt-get update -q >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
    fi
    BIN="$(pg_bin)"
    if [ -f "$HOME_DIR/data/postmaster.pid" ] && as_server_user "'$BIN/pg_ctl' -D '$HOME_DIR/data' status" >/dev/null 2>&1; then
      echo "export FEEDBACK_DESK_TEST_SERVER=postgresql://postgres@127.0.0.1:$PORT/postgres"
      exit 0
    fi
    rm -rf "$HOME_DIR"
    mkdir -p "$HOME_DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$HOME_DIR"
    as_server_user "'$BIN/initdb' -D '$HOME_DIR/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync" >/dev/null
    # everyone is trusted on this throwaway server but fd_password, who must give a password
    as_server_user "sed -i '/^# TYPE/a host all fd_password 127.0.0.1/32 scram-sha-256' '$HOME_DIR/data/pg_hba.conf'"
    as_server_user "'$BIN/pg_ctl' -D '$HOME_DIR/data' -l '$HOME_DIR/log' -w -o \"-p $PORT -k '$HOME_DIR' \
      -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
      -c max_connections=200\" start" >&2
    # one user the server asks a password of, for the tests of a wrong password
    as_server_user "'$BIN/psql' -q -h '$HOME_DIR' -p $PORT -U postgres -d postgres \
      -c \"CREATE ROLE fd_password LOGIN CREATEDB PASSWORD 'Server-pass-8'\"" >&2
    echo "export FEEDBACK_DESK_TEST_SERVER=postgresql://postgres@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    BIN="$(pg_bin)"
    if [ -n "$BIN" ] && [ -d "$HOME_DIR/data" ]; then
      as_server_user "'$BIN/pg_ctl' -D '$HOME_DIR/data' -m fast stop" >/dev/null 2>&1 || true
    fi
    rm -rf "$HOME_DIR"
    ;;
  *)
    echo "usage: tools/test_server.sh start|stop" >&2; exit 2
    ;;
esac
