#!/usr/bin/env bash
# Benchmark of the verification issue, recorded in docs/benchmarks.md ("Verification at scale"):
# `minzheng bench-verification` on SQLite and on a throw-away PostgreSQL cluster (100,000 households
# of 3 members against 10,000,000 departmental records in 14 feeds: snapshots loaded through the
# feeds' parsers, then one verification run over every case), then the same matching as SQL in
# DuckDB over the same CSV files (scripts/bench_verification_duckdb.py), its flag counts checked
# against minzheng's. Saves the output to docs/bench-verification-DATE.txt (MZ_BENCH_OUT overrides).
# Usage: scripts/bench-verification.sh [HOUSEHOLDS [RECORDS]]   (needs target/release/minzheng)
set -euo pipefail
cd "$(dirname "$0")/.."
households=${1:-100000}
records=${2:-10000000}
bin=target/release/minzheng
[ -x "$bin" ] || { echo "$bin missing: cargo build --release -p minzheng" >&2; exit 1; }
python3 -c 'import duckdb' 2>/dev/null || python3 -m pip install -q duckdb
out=${MZ_BENCH_OUT:-docs/bench-verification-$(date -u +%Y-%m-%d).txt}
dir=$(mktemp -d /tmp/mz-bench-verification.XXXXXX)
eval "$(scripts/pg-cluster.sh start)"
trap 'scripts/pg-cluster.sh stop "$MZ_PG_DIR"; rm -rf "$dir"' EXIT
pg_version=$(psql -At "$MZ_TEST_PG_URL" -c "SHOW server_version")
{
  echo "# minzheng bench-verification, $(date -u '+%Y-%m-%d %H:%M') UTC, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "# machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m)"
  echo "# SQLite (file, WAL) and PostgreSQL $pg_version (throw-away cluster on loopback, fsync off); DuckDB $(python3 -c 'import duckdb; print(duckdb.__version__)') in memory"
  for backend in sqlite postgres; do
    if [ "$backend" = sqlite ]; then
      url="sqlite://$dir/bench.db"
    else
      psql -q "$MZ_TEST_PG_URL" -c "CREATE DATABASE bench_verification"
      url="${MZ_TEST_PG_URL%/postgres}/bench_verification"
    fi
    echo
    echo "## $backend: $households households × 3 members, $records records"
    "$bin" --db "$url" migrate >/dev/null
    /usr/bin/time -f "process: wall %e s, max RSS %M KiB (whole run, setup included)" \
      "$bin" --db "$url" bench-verification --households "$households" --records "$records" --dir "$dir/csv"
    if [ "$backend" = sqlite ]; then rm -f "$dir/bench.db"*; else psql -q "$MZ_TEST_PG_URL" -c "DROP DATABASE bench_verification"; fi
    # the CSV files are the same for both runs (same seed); the last run's stay for DuckDB
  done
  echo
  echo "## duckdb: the same matching in SQL over the same CSV files"
  python3 scripts/bench_verification_duckdb.py "$dir/csv" sqlite postgres
} 2>&1 | tr '\r' '\n' | grep -v '^\s*$' | tee "$out"
echo "saved $out"
