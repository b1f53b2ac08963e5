#!/usr/bin/env bash
# Benchmarks of the foundation issue, recorded in docs/benchmarks.md:
#  1. demo load of N persons (default 1,000,000) on SQLite and on PostgreSQL;
#  2. list and search latency at that size under concurrent load from wrk (a second process on
#     loopback), on SQLite and on PostgreSQL.
# Usage: scripts/bench.sh [PERSONS]   (needs target/release/minzheng and wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-1000000}
bin=target/release/minzheng
command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk" >&2; exit 1; }
dir=$(mktemp -d /tmp/mz-bench.XXXXXX)
eval "$(scripts/pg-cluster.sh start)"
trap 'scripts/pg-cluster.sh stop "$MZ_PG_DIR"; rm -rf "$dir"' EXIT
psql -q "$MZ_TEST_PG_URL" -c "CREATE DATABASE bench"
pg="${MZ_TEST_PG_URL%/postgres}/bench"

echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m); $(date -u +%Y-%m-%d)"
for db in "sqlite://$dir/bench.db" "$pg"; do
  name=${db%%:*}
  echo "## $name: demo load of $persons persons"
  /usr/bin/time -f "  wall %e s, max RSS %M KiB" "$bin" --db "$db" demo --persons "$persons" --no-serve 2>&1 | grep -v '^regions'
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$bin" --db "$db" serve --port "$port" >"$dir/$name.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.1; done
  cookie=$(curl -si -H 'content-type: application/json' -d '{"username":"district","password":"Minzheng@2026"}' \
    "http://127.0.0.1:$port/api/v1/auth/login" | grep -i '^set-cookie' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*);.*/\1/')
  for path in "/api/v1/persons?page=1&page_size=20" \
              "/api/v1/persons?page=1&page_size=20&region=440705001" \
              "/api/v1/persons?q=zs&page_size=20" \
              "/api/v1/persons?q=44070519500&page_size=20" \
              "/api/v1/households?q=lj&page_size=20"; do
    echo "### $name GET $path (wrk -t2 -c8 -d15s, district officer)"
    wrk -t2 -c8 -d15s --latency -H "Cookie: $cookie" "http://127.0.0.1:$port$path" | grep -E "Latency|50%|99%|Requests/sec|Non-2xx"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
