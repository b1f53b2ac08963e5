#!/usr/bin/env bash
# Benchmark of the charity ledger (issue 6), recorded in docs/benchmarks.md ("Charity ledger at scale"):
# `minzheng charity bench` on an empty SQLite file and an empty database of a throw-away PostgreSQL
# cluster: 1,000,000 donations and 100,000 allocations ingested, 2,000 donor traces timed (p50/p95/p99),
# the last day's checkpoint of 100,000+ entries, an inclusion proof, the full verification.
# Saves the output to docs/bench-charity-DATE.txt (MZ_BENCH_OUT overrides).
# Usage: scripts/bench-charity.sh [DONATIONS] [ALLOCATIONS]   (needs target/release/minzheng)
set -euo pipefail
cd "$(dirname "$0")/.."
donations=${1:-1000000}
allocations=${2:-100000}
bin=target/release/minzheng
[ -x "$bin" ] || { echo "$bin missing: cargo build --release -p minzheng" >&2; exit 1; }
out=${MZ_BENCH_OUT:-docs/bench-charity-$(date -u +%Y-%m-%d).txt}
dir=$(mktemp -d /tmp/mz-bench-charity.XXXXXX)
eval "$(scripts/pg-cluster.sh start)"
trap 'scripts/pg-cluster.sh stop "$MZ_PG_DIR"; rm -rf "$dir"' EXIT
pg_version=$(psql -At "$MZ_TEST_PG_URL" -c "SHOW server_version")
{
  echo "# minzheng charity ledger, $(date -u '+%Y-%m-%d %H:%M') UTC, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "# machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m)"
  echo "# SQLite (file, WAL) and PostgreSQL $pg_version (throw-away cluster on loopback, fsync off)"
  for backend in sqlite postgres; do
    if [ "$backend" = sqlite ]; then
      url="sqlite://$dir/bench.db"
    else
      psql -q "$MZ_TEST_PG_URL" -c "CREATE DATABASE bench_charity"
      url="${MZ_TEST_PG_URL%/postgres}/bench_charity"
    fi
    echo
    echo "## $backend: $donations donations, $allocations allocations"
    /usr/bin/time -f "process: wall %e s, max RSS %M KiB" "$bin" --db "$url" charity bench --donations "$donations" --allocations "$allocations"
    if [ "$backend" = sqlite ]; then rm -f "$dir/bench.db"*; else psql -q "$MZ_TEST_PG_URL" -c "DROP DATABASE bench_charity"; fi
  done
} 2>&1 | tr '\r' '\n' | grep -v '^\s*$' | grep -v '\[.*\] [0-9]*/[0-9]*' | tee "$out"
echo "saved $out"
