#!/usr/bin/env bash
# Benchmarks of the social-assistance issue, recorded in docs/benchmarks.md ("Social assistance at
# scale"): for each size (households of 5 members; default 200,000 then 100,000 to show memory does
# not grow with the rows), on SQLite and on a throw-away PostgreSQL cluster:
#  1. `minzheng bench-assistance`: payroll preview, confirm and bank files (.xlsx, .csv) of one month,
#     then a new dibao standard from an already-paid month, simulated and applied; wall time and
#     peak RSS of each phase;
#  2. scripts/bench_assistance_duckdb.py: the same payroll, bank file and recalculation as one SQL
#     query each in DuckDB over the data minzheng exported to CSV, best of 3, checked figure for
#     figure against minzheng's.
# Prints the side-by-side table with ratios and saves the raw output to
# docs/bench-assistance-DATE.txt (MZ_BENCH_OUT overrides).
# Usage: scripts/bench-assistance.sh [HOUSEHOLDS...]   (needs target/release/minzheng)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(200000 100000)
bin=target/release/minzheng
[ -x "$bin" ] || { echo "$bin missing: cargo build --release -p minzheng" >&2; exit 1; }
python3 -c 'import duckdb' 2>/dev/null || python3 -m pip install -q duckdb
out=${MZ_BENCH_OUT:-docs/bench-assistance-$(date -u +%Y-%m-%d).txt}
dir=$(mktemp -d /tmp/mz-bench-assistance.XXXXXX)
eval "$(scripts/pg-cluster.sh start)"
trap 'scripts/pg-cluster.sh stop "$MZ_PG_DIR"; rm -rf "$dir"' EXIT
pg_version=$(psql -At "$MZ_TEST_PG_URL" -c "SHOW server_version")

{
  echo "# minzheng bench-assistance, $(date -u '+%Y-%m-%d %H:%M') UTC, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "# machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# SQLite (file, WAL) and PostgreSQL $pg_version (throw-away cluster on loopback, fsync off); DuckDB $(python3 -c 'import duckdb; print(duckdb.__version__)') in memory"
  for n in "${sizes[@]}"; do
    for backend in sqlite postgres; do
      if [ "$backend" = sqlite ]; then
        url="sqlite://$dir/bench-$n.db"
      else
        psql -q "$MZ_TEST_PG_URL" -c "CREATE DATABASE bench_$n"
        url="${MZ_TEST_PG_URL%/postgres}/bench_$n"
      fi
      echo
      echo "## $backend: $n households × 5 members"
      /usr/bin/time -f "process: wall %e s, max RSS %M KiB (whole run, setup included)" \
        "$bin" --db "$url" bench-assistance --households "$n" --members 5 --csv-dir "$dir/csv-$backend-$n"
      echo "## duckdb over the CSV export of $backend ($n households)"
      python3 scripts/bench_assistance_duckdb.py "$dir/csv-$backend-$n"
      # the databases are gigabytes: drop each once measured
      if [ "$backend" = sqlite ]; then rm -f "$dir/bench-$n.db"*; else psql -q "$MZ_TEST_PG_URL" -c "DROP DATABASE bench_$n"; fi
      rm -rf "$dir/csv-$backend-$n"
    done
  done
} 2>&1 | tee "$dir/raw.txt"

# the side-by-side table with ratios, and the parity of the figures
python3 - "$dir/raw.txt" <<'EOF' | tee -a "$dir/raw.txt"
import re, sys
res, checks, size = {}, {}, 0
for line in open(sys.argv[1], encoding="utf-8"):
    p = line.split()
    m = re.match(r"## .*?(\d+) households", line)
    if m:
        size = int(m.group(1))
    if line.startswith("RESULT "):
        res[(p[1], int(p[2]), p[3])] = (float(p[4]), float(p[5]) if len(p) > 5 else None, float(p[6]) if len(p) > 6 else None)
    elif line.startswith("CHECK "):
        what, backend = p[1], p[2]
        figures = line.rstrip().split("  ")[0].split(None, 3)[3]
        checks.setdefault((size, what, backend), []).append(figures)
sizes = sorted({k[1] for k in res}, reverse=True)
def t(engine, n, phase):
    v = res.get((engine, n, phase))
    return v[0] if v else None
def duck(n, *phases):
    runs = [sum(t(f"duckdb@{b}", n, ph) or 0 for ph in phases) for b in ("sqlite", "postgres") if t(f"duckdb@{b}", n, phases[0]) is not None]
    return min(runs) if runs else None
def f(x):
    return "—" if x is None else f"{x:.2f} s"
def r(a, b):
    return "—" if a is None or not b else f"{a / b:.0f}×"
rows = [
    ("payroll preview", "payroll_preview", ("payroll_query",)),
    ("payroll confirm", "payroll_confirm", None),
    ("bank file .xlsx", "bank_file_xlsx", ("payroll_bank_copy",)),
    ("bank file .csv", "bank_file_csv", ("payroll_bank_copy",)),
    ("bank rows query alone", "bank_rows_query_alone", None),
    ("**payroll: preview + confirm + .xlsx** (target < 10 s)", "payroll_total_preview_confirm_xlsx", ("payroll_query", "payroll_bank_copy")),
    ("recalculation, simulate", "recalculate_simulate", ("recalc_query",)),
    ("**recalculation, apply** (target < 5 s)", "recalculate_apply", ("recalc_query",)),
]
print()
print("## Summary (seconds; DuckDB: best of 3, one SQL query per computation; ratio = minzheng ÷ DuckDB)")
for n in sizes:
    print()
    print(f"### {n} households, {5 * n} beneficiaries")
    print()
    print("| phase | SQLite | PostgreSQL | DuckDB | SQLite ÷ DuckDB | PostgreSQL ÷ DuckDB | peak RSS SQLite (+ added in the phase) | peak RSS PostgreSQL (+ added) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for label, phase, dphases in rows:
        s, pg = t("sqlite", n, phase), t("postgres", n, phase)
        d = duck(n, *dphases) if dphases else None
        def mib(backend):
            _, peak, start = res.get((backend, n, phase), (None, None, None))
            if peak is None:
                return "—"
            return f"{peak:.0f} MiB" + ("" if start is None else f" (+{max(peak - start, 0):.0f})")
        print(f"| {label} | {f(s)} | {f(pg)} | {f(d)} | {r(s, d) if d else '—'} | {r(pg, d) if d else '—'} | {mib('sqlite')} | {mib('postgres')} |")
    setup = [t(b, n, "setup_generate_pay_2_months") for b in ("sqlite", "postgres")]
    print(f"\nsetup (generate and pay two months, not part of the targets): SQLite {f(setup[0])}, PostgreSQL {f(setup[1])}; "
          f"DuckDB CSV load {f(duck(n, 'load'))}")
print()
for (n, what, backend), figures in sorted(checks.items(), reverse=True):
    same = len(figures) == 2 and figures[0] == figures[1]
    print(f"parity {n} households, {what}, {backend}: {'minzheng and DuckDB agree' if same else 'DIFFER: ' + ' | '.join(figures)}")
EOF
cp "$dir/raw.txt" "$out"
echo "raw output saved to $out"
