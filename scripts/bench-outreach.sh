#!/usr/bin/env bash
# Benchmark of 事找人 (issue 5), recorded in docs/benchmarks.md ("事找人 at scale"): a demo district
# of N persons (default 1,000,000) on SQLite and on a throw-away PostgreSQL cluster. The demo's
# own first search (register rebuilt, every rule inserting its tasks) is printed by the demo; then
# `minzheng outreach` runs the daily search again (register rebuilt, rules finding nothing new),
# timed as a process. Saves the output to docs/bench-outreach-DATE.txt (MZ_BENCH_OUT overrides).
# Usage: scripts/bench-outreach.sh [PERSONS]   (needs target/release/minzheng)
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-1000000}
bin=target/release/minzheng
[ -x "$bin" ] || { echo "$bin missing: cargo build --release -p minzheng" >&2; exit 1; }
out=${MZ_BENCH_OUT:-docs/bench-outreach-$(date -u +%Y-%m-%d).txt}
dir=$(mktemp -d /tmp/mz-bench-outreach.XXXXXX)
eval "$(scripts/pg-cluster.sh start)"
trap 'scripts/pg-cluster.sh stop "$MZ_PG_DIR"; rm -rf "$dir"' EXIT
pg_version=$(psql -At "$MZ_TEST_PG_URL" -c "SHOW server_version")
{
  echo "# minzheng 事找人, $(date -u '+%Y-%m-%d %H:%M') UTC, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "# machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m)"
  echo "# SQLite (file, WAL) and PostgreSQL $pg_version (throw-away cluster on loopback, fsync off)"
  for backend in sqlite postgres; do
    if [ "$backend" = sqlite ]; then
      url="sqlite://$dir/bench.db"
    else
      psql -q "$MZ_TEST_PG_URL" -c "CREATE DATABASE bench_outreach"
      url="${MZ_TEST_PG_URL%/postgres}/bench_outreach"
    fi
    echo
    echo "## $backend: demo district of $persons persons (its first search included)"
    "$bin" --db "$url" demo --persons "$persons" --no-serve 2>&1 | grep -E '^(population|事找人|assistance)'
    echo "## $backend: the daily search again"
    for i in 1 2; do
      /usr/bin/time -f "process: wall %e s, max RSS %M KiB" "$bin" --db "$url" outreach
    done
    if [ "$backend" = sqlite ]; then rm -f "$dir/bench.db"*; else psql -q "$MZ_TEST_PG_URL" -c "DROP DATABASE bench_outreach"; fi
  done
} 2>&1 | tr '\r' '\n' | grep -v '^\s*$' | tee "$out"
echo "saved $out"
