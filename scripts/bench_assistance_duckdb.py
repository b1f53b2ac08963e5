#!/usr/bin/env python3
"""The DuckDB side of scripts/bench-assistance.sh: the payroll and the recalculation of
`minzheng bench-assistance`, each expressed as ONE SQL query over the CSV files that command wrote
(--csv-dir), timed best of 3 in an in-memory DuckDB.

Usage: scripts/bench_assistance_duckdb.py CSV_DIR

Prints `RESULT duckdb …` lines (seconds) and `CHECK …` lines with the same figures as the Rust side
prints, so the shell script can compare them (the payroll fingerprint is recomputed exactly).
"""
import hashlib
import json
import subprocess
import sys
import time

try:
    import duckdb
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "duckdb"])
    import duckdb

TYPES = {
    "cases": {
        "id": "BIGINT", "region_code": "VARCHAR", "household_id": "BIGINT", "programme": "VARCHAR", "status": "VARCHAR",
        "start_month": "VARCHAR", "end_month": "VARCHAR", "monthly": "BIGINT", "head_name": "VARCHAR", "bank_name": "VARCHAR",
        "bank_account": "VARCHAR", "n": "BIGINT", "pci": "BIGINT", "n_severe_disability": "BIGINT", "n_aged70": "BIGINT",
        "n_minor": "BIGINT", "n_serious_illness": "BIGINT", "single_parent": "BIGINT", "vehicles": "BIGINT", "dwellings": "BIGINT",
        "business_capital": "BIGINT", "monetary": "BIGINT", "hukou_ok": "BIGINT",
    },
    "case_amounts": {"id": "BIGINT", "case_id": "BIGINT", "from_month": "VARCHAR", "monthly": "BIGINT"},
    "adjustments": {"id": "BIGINT", "case_id": "BIGINT", "region_code": "VARCHAR", "programme": "VARCHAR", "for_month": "VARCHAR", "amount": "BIGINT"},
    "payroll_lines": {
        "line_no": "BIGINT", "run_id": "BIGINT", "run_month": "VARCHAR", "case_id": "BIGINT", "region_code": "VARCHAR",
        "kind": "VARCHAR", "for_month": "VARCHAR", "amount": "BIGINT", "adjustment_id": "BIGINT",
    },
}

# The payroll of $month: each case's amount from its latest schedule row not after the month (then
# the highest id), for cases running in the month and not paid for it by an earlier run, plus the
# unsettled adjustments up to the month; totals by town and overall, with the checksum of the
# Rust fingerprint. Mirrors push_lines() in crates/store/src/assistance/payroll.rs.
PAYROLL = """
WITH paid AS (SELECT case_id, kind, for_month, adjustment_id FROM payroll_lines WHERE run_month < $month),
amount AS (
  SELECT case_id, arg_max(monthly, (from_month, id)) AS monthly FROM case_amounts WHERE from_month <= $month GROUP BY case_id
),
lines AS (
  SELECT c.id AS case_id, c.region_code, 'regular' AS kind, a.monthly AS amount
  FROM cases c JOIN amount a ON a.case_id = c.id
  WHERE c.programme = $programme AND starts_with(c.region_code, $prefix) AND c.start_month <= $month
    AND (c.end_month IS NULL OR c.end_month >= $month) AND a.monthly > 0
    AND NOT EXISTS (SELECT 1 FROM paid l WHERE l.case_id = c.id AND l.for_month = $month AND l.kind = 'regular')
  UNION ALL
  SELECT a.case_id, c.region_code, CASE WHEN a.amount > 0 THEN 'arrears' ELSE 'recovery' END, a.amount
  FROM adjustments a JOIN cases c ON c.id = a.case_id
  WHERE a.programme = $programme AND starts_with(a.region_code, $prefix) AND a.for_month <= $month
    AND NOT EXISTS (SELECT 1 FROM paid l WHERE l.adjustment_id = a.id)
)
SELECT substr(region_code, 1, 9) || '000' AS town,
  count(DISTINCT case_id) AS households, count(*) AS lines,
  coalesce(sum(amount) FILTER (WHERE kind = 'regular'), 0) AS regular,
  coalesce(sum(amount) FILTER (WHERE kind = 'arrears'), 0) AS arrears,
  coalesce(sum(amount) FILTER (WHERE kind = 'recovery'), 0) AS recovery,
  sum(amount) AS total,
  sum((case_id % 1000003) * amount + (case_id % 997) * 31) AS checksum
FROM lines
GROUP BY GROUPING SETS ((substr(region_code, 1, 9)), ())
ORDER BY town NULLS LAST
"""

# The bank file of that payroll: net amount per household, positive ones, in case order.
BANK = """
COPY (
  WITH paid AS (SELECT case_id, kind, for_month, adjustment_id FROM payroll_lines WHERE run_month < $month),
  amount AS (SELECT case_id, arg_max(monthly, (from_month, id)) AS monthly FROM case_amounts WHERE from_month <= $month GROUP BY case_id),
  lines AS (
    SELECT c.id AS case_id, a.monthly AS amount FROM cases c JOIN amount a ON a.case_id = c.id
    WHERE c.programme = $programme AND starts_with(c.region_code, $prefix) AND c.start_month <= $month
      AND (c.end_month IS NULL OR c.end_month >= $month) AND a.monthly > 0
      AND NOT EXISTS (SELECT 1 FROM paid l WHERE l.case_id = c.id AND l.for_month = $month AND l.kind = 'regular')
    UNION ALL
    SELECT a.case_id, a.amount FROM adjustments a
    WHERE a.programme = $programme AND starts_with(a.region_code, $prefix) AND a.for_month <= $month
      AND NOT EXISTS (SELECT 1 FROM paid l WHERE l.adjustment_id = a.id)
  )
  SELECT row_number() OVER (ORDER BY l.case_id) AS no, c.bank_account, c.head_name, c.bank_name,
    printf('%.2f', sum(l.amount) / 100.0) AS yuan, c.region_code, l.case_id
  FROM lines l JOIN cases c ON c.id = l.case_id
  GROUP BY l.case_id, c.bank_account, c.head_name, c.bank_name, c.region_code
  HAVING sum(l.amount) > 0
  ORDER BY l.case_id
) TO '{path}' (HEADER, DELIMITER ',')
"""

# The recalculation from $from with the new standard: each active case from max($from, start);
# before = its stored amount at that month; after = the dibao means test on the facts summary
# (members, per-capita income, increment categories, assets, hukou) with the new standard; arrears
# and recoveries = after − what was paid (lines and unsettled adjustments) for each month already
# paid from then on (none for a case no longer eligible: it is proposed for exit and paid as
# before). Mirrors recalculate() in crates/store/src/assistance/cases.rs for households
# whose new schedule is one amount from the change month (no death or later parameter in the data).
RECALC = """
WITH c AS (
  SELECT *, greatest($from, start_month) AS start FROM cases
  WHERE status = 'active' AND programme = 'dibao' AND starts_with(region_code, $prefix)
),
s AS (SELECT * FROM c WHERE end_month IS NULL OR end_month >= start),
sched AS (
  SELECT s.id, count(a.id) AS rows_, arg_max(a.monthly, (a.from_month, a.id)) FILTER (WHERE a.from_month <= s.start) AS due
  FROM s LEFT JOIN case_amounts a ON a.case_id = s.id GROUP BY s.id
),
assessed AS (
  SELECT s.id, s.region_code, s.start,
    CASE WHEN sc.rows_ = 0 THEN s.monthly ELSE coalesce(sc.due, 0) END AS before,
    (s.n > 0 AND s.pci < $std AND s.vehicles = 0 AND s.dwellings <= $max_dwellings AND s.business_capital = 0
      AND s.monetary <= $std * $max_assets_months * s.n AND s.hukou_ok = 1) AS eligible,
    ($std - s.pci) * s.n
      + s.n_severe_disability * $inc_severe + s.n_aged70 * $inc_aged70 + s.n_minor * $inc_minor
      + s.n_serious_illness * $inc_ill + s.single_parent * s.n * $inc_single AS amount
  FROM s JOIN sched sc ON sc.id = s.id
),
r AS (SELECT *, CASE WHEN eligible THEN amount ELSE 0 END AS after FROM assessed),
got AS (
  SELECT case_id, for_month, sum(amount) AS got, bool_or(regular) AS regular FROM (
    SELECT case_id, for_month, amount, kind = 'regular' AS regular FROM payroll_lines WHERE for_month >= $from
    UNION ALL
    SELECT a.case_id, a.for_month, a.amount, false FROM adjustments a
    WHERE a.for_month >= $from AND NOT EXISTS (SELECT 1 FROM payroll_lines l WHERE l.adjustment_id = a.id)
  ) GROUP BY case_id, for_month
),
diff AS (
  -- a case no longer eligible keeps being paid until the district decides its exit (hold_exits)
  SELECT r.id, r.after - g.got AS diff FROM r JOIN got g ON g.case_id = r.id AND g.regular AND g.for_month >= r.start
  WHERE r.eligible AND r.after - g.got <> 0
),
per_case AS (
  SELECT r.*, coalesce(sum(d.diff) FILTER (WHERE d.diff > 0), 0) AS arrears, coalesce(sum(d.diff) FILTER (WHERE d.diff < 0), 0) AS recovery,
    count(d.diff) AS adjustments
  FROM r LEFT JOIN diff d ON d.id = r.id
  GROUP BY ALL
)
SELECT substr(region_code, 1, 9) || '000' AS town, count(*) AS cases,
  count(*) FILTER (WHERE after <> before) AS changed, count(*) FILTER (WHERE after > before) AS gain,
  count(*) FILTER (WHERE after < before) AS lose, count(*) FILTER (WHERE NOT eligible) AS leave,
  sum(before) AS monthly_before, sum(after) AS monthly_after, sum(arrears) AS arrears, sum(recovery) AS recovery,
  sum(adjustments) AS adjustments
FROM per_case
GROUP BY GROUPING SETS ((substr(region_code, 1, 9)), ())
ORDER BY town NULLS LAST
"""


def best_of(n, f):
    times, out = [], None
    for _ in range(n):
        t = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t)
    return min(times), out


def half_up(std, permille):
    return (std * permille + 500) // 1000 if permille > 0 else 0


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    d = sys.argv[1]
    meta = json.load(open(f"{d}/meta.json"))
    backend = meta["backend"]
    threads = duckdb.connect().execute("SELECT current_setting('threads')").fetchone()[0]
    con = duckdb.connect()
    t = time.perf_counter()
    rows = 0
    for table, cols in TYPES.items():
        columns = ", ".join(f"'{k}': '{v}'" for k, v in cols.items())
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv('{d}/{table}.csv', header = true, columns = {{{columns}}})")
        rows += con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    load = time.perf_counter() - t
    print(f"duckdb {duckdb.__version__} ({threads} threads): {rows} rows loaded from {d} in {load:.2f} s")
    hh = con.execute("SELECT count(*), sum(n) FROM cases").fetchone()

    month, programme = meta["pay_month"], meta["programme"]
    p = {"month": month, "programme": programme, "prefix": meta["scope_prefix"]}
    secs, result = best_of(3, lambda: con.execute(PAYROLL, p).fetchall())
    total = result[-1]
    _, households, lines, regular, arrears, recovery, amount, checksum = total
    text = f"{month}|{programme}|{meta['scope']}|{lines}|{households}|{regular}|{arrears}|{recovery}|0|{amount}|{checksum}"
    fingerprint = hashlib.sha256(text.encode()).hexdigest()[:24]
    print(f"payroll {month}: {hh[0]} households, {hh[1]} beneficiaries; {lines} lines, total {amount / 100:.2f} yuan; {len(result) - 1} towns")
    for town, h, l, reg, arr, rec, tot, _ in result[:-1]:
        print(f"  {town} households {h:>7} lines {l:>7} regular {reg:>12} arrears {arr:>9} recovery {rec:>9} total {tot:>12}")
    bank_path = f"{d}/duckdb-bank.csv"
    bank_secs, _ = best_of(3, lambda: con.execute(BANK.replace("{path}", bank_path), p).fetchall())
    bank_rows = con.execute(f"SELECT count(*) FROM read_csv('{bank_path}', header = true)").fetchone()[0]
    # the bank file minzheng wrote (bank.csv: BOM, Chinese header, CRLF) against DuckDB's, row by row
    same = "no bank.csv"
    try:
        with open(f"{d}/bank.csv", encoding="utf-8-sig") as a, open(bank_path, encoding="utf-8") as b:
            same = "identical" if [x.rstrip("\r\n") for x in a][1:] == [x.rstrip("\r\n") for x in b][1:] else "DIFFERENT"
    except FileNotFoundError:
        pass

    std = meta["new_standard"]
    rates = meta["rates"]
    q = {
        "from": meta["change_from"], "prefix": meta["scope_prefix"], "std": std,
        "max_dwellings": meta["max_dwellings"], "max_assets_months": meta["max_assets_months"],
        "inc_severe": half_up(std, rates["severe_disability"]), "inc_aged70": half_up(std, rates["aged70"]),
        "inc_minor": half_up(std, rates["minor"]), "inc_ill": half_up(std, rates["serious_illness"]),
        "inc_single": half_up(std, rates["single_parent"]),
    }
    rsecs, rresult = best_of(3, lambda: con.execute(RECALC, q).fetchall())
    _, cases, changed, gain, lose, leave, before, after, arr, rec, adjustments = rresult[-1]
    print(f"recalculation from {meta['change_from']} with standard {std}: {cases} cases, {changed} change, "
          f"monthly {before} → {after}, arrears {arr}, recovery {rec}, {adjustments} adjustments")

    print(f"RESULT duckdb@{backend} {hh[0]} load {load:.3f}")
    print(f"RESULT duckdb@{backend} {hh[0]} payroll_query {secs:.3f}")
    print(f"RESULT duckdb@{backend} {hh[0]} payroll_bank_copy {bank_secs:.3f}")
    print(f"RESULT duckdb@{backend} {hh[0]} recalc_query {rsecs:.3f}")
    print(f"CHECK payroll {backend} fingerprint={fingerprint} lines={lines} households={households} regular={regular} "
          f"arrears={arrears} recovery={recovery} total={amount}  (duckdb; bank file {bank_rows} rows, {same} to minzheng's)")
    print(f"CHECK recalc {backend} cases={cases} changed={changed} gain={gain} lose={lose} leave={leave} "
          f"monthly_before={before} monthly_after={after} arrears={arr} recovery={rec}  (duckdb)")


if __name__ == "__main__":
    main()
