#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for tests and benchmarks: initdb in a temporary directory, a free
# port on loopback, trust auth for the current user. Usage:
#   eval "$(scripts/pg-cluster.sh start)"   # exports MZ_TEST_PG_URL, MZ_PG_DIR
#   scripts/pg-cluster.sh stop "$MZ_PG_DIR"
set -euo pipefail

pg_bin() {
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return; }; done
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return; }
  echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1
}

case "${1:-}" in
  start)
    bin=$(pg_bin)
    dir=$(mktemp -d /tmp/mz-pg.XXXXXX)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    user=mz
    # initdb refuses to run as root: run the cluster as an unprivileged user then
    run=()
    if [ "$(id -u)" = 0 ]; then
      id postgres >/dev/null 2>&1 || useradd -r -M postgres
      chown postgres "$dir"; run=(runuser -u postgres --)
    fi
    "${run[@]}" "$bin/initdb" -D "$dir/data" -U "$user" -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=256MB" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "export MZ_PG_DIR=$dir"
    echo "export MZ_TEST_PG_URL=postgres://$user@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir=${2:?directory}
    bin=$(pg_bin)
    run=(); [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
    "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
