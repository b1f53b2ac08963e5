#!/usr/bin/env python3
"""The matching of `minzheng bench-verification` expressed in SQL, in DuckDB, over the same CSV files.

Reads DIR/members.csv (the verified households' members with their declarations) and the 14 feed
CSV files the benchmark loaded, joins the departmental records to the members by ID number and
counts the red flags that need no means test (undeclared vehicle, property beyond the limit,
business owner, deposits beyond the limit, deceased, other household, enrolled elsewhere,
undeclared spouse) exactly as crates/core/src/verification/matching.rs raises them. Prints the
wall time (CSV reading included, best of --repeat) and checks each count against minzheng's
(DIR/meta-BACKEND.json). Usage: bench_verification_duckdb.py DIR [BACKEND ...] [--repeat N]
"""
import json
import sys
import time

import duckdb

QUERY = """
WITH m AS (SELECT * FROM read_csv('{d}/members.csv', header = true, all_varchar = true)),
feed AS (
  SELECT 'vehicle' AS f, 身份证号 AS id, 车辆类型 AS cat, 号牌号码 AS ref, NULL AS amount, NULL AS day FROM read_csv('{d}/ps_vehicle.csv', header = true, all_varchar = true)
  UNION ALL SELECT 'property', 身份证号, NULL, 不动产权证号, NULL, NULL FROM read_csv('{d}/housing_property.csv', header = true, all_varchar = true)
  UNION ALL SELECT 'business', 身份证号, 身份, 统一社会信用代码, NULL, NULL FROM read_csv('{d}/market_business.csv', header = true, all_varchar = true)
  UNION ALL SELECT 'deposit', 身份证号, NULL, 账号, 余额, NULL FROM read_csv('{d}/bank_deposit.csv', header = true, all_varchar = true)
  UNION ALL SELECT 'death', 身份证号, NULL, NULL, NULL, 死亡日期 FROM read_csv('{d}/ps_death.csv', header = true, all_varchar = true)
  UNION ALL SELECT 'death', 身份证号, NULL, NULL, NULL, 死亡日期 FROM read_csv('{d}/ca_cremation.csv', header = true, all_varchar = true)
  UNION ALL SELECT 'hukou', 身份证号, NULL, 户号, NULL, NULL FROM read_csv('{d}/ps_hukou.csv', header = true, all_varchar = true)
  UNION ALL SELECT 'enrolment', 身份证号, 救助项目, NULL, NULL, NULL FROM read_csv('{d}/ca_enrolment.csv', header = true, all_varchar = true)
  UNION ALL SELECT 'marriage', 身份证号, 登记类型, 配偶身份证号, NULL, 登记日期 FROM read_csv('{d}/ca_marriage.csv', header = true, all_varchar = true)
),
r AS (SELECT m.household_id, m.member_no::INT AS member_no, m.id_number, feed.* FROM m JOIN feed ON feed.id = m.id_number),
hh AS (
  SELECT household_id, any_value(declared_vehicles)::INT AS dv, count(*) AS members FROM m GROUP BY household_id
),
dead AS (SELECT household_id, id_number, min(day::DATE) AS died FROM r WHERE f = 'death' GROUP BY ALL),
counted AS (
  SELECT hh.household_id, hh.members - count(dead.id_number) FILTER (WHERE dead.died < DATE '{month}') AS n
  FROM hh LEFT JOIN dead USING (household_id) GROUP BY hh.household_id, hh.members
),
vehicles AS (SELECT household_id, count(*) AS n FROM r WHERE f = 'vehicle' AND cat <> '残疾人专用车' GROUP BY household_id),
booklet AS (SELECT household_id, arg_min(ref, member_no) AS first FROM r WHERE f = 'hukou' GROUP BY household_id),
married AS (
  SELECT household_id, id_number, arg_max(cat, day) AS kind, arg_max(ref, day) AS spouse FROM r WHERE f = 'marriage' GROUP BY ALL
)
SELECT 'undeclared_vehicle' AS code, coalesce(sum(v.n), 0) AS n FROM vehicles v JOIN hh USING (household_id) WHERE v.n > hh.dv
UNION ALL SELECT 'property_over_limit', count(*) FROM (SELECT household_id FROM r WHERE f = 'property' GROUP BY household_id HAVING count(DISTINCT ref) > {max_dwellings})
UNION ALL SELECT 'business_owner', count(*) FROM r WHERE f = 'business'
UNION ALL SELECT 'deposits_over_limit', count(*) FROM (
  SELECT r.household_id FROM r JOIN counted c USING (household_id) WHERE f = 'deposit'
  GROUP BY r.household_id, c.n HAVING sum(round(amount::DECIMAL(18,2) * 100)::BIGINT) > {months} * {standard} * greatest(c.n, 1))
UNION ALL SELECT 'deceased', count(*) FROM dead
UNION ALL SELECT 'other_household', count(*) FROM r JOIN booklet b USING (household_id) WHERE f = 'hukou' AND r.ref <> b.first
UNION ALL SELECT 'enrolled_elsewhere', count(*) FROM r WHERE f = 'enrolment' AND cat IN ('低保', '特困')
UNION ALL SELECT 'undeclared_spouse', count(*) FROM married x WHERE kind = '结婚'
  AND NOT EXISTS (SELECT 1 FROM m WHERE m.household_id = x.household_id AND m.id_number = x.spouse)
ORDER BY code
"""


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    repeat = 3
    if "--repeat" in sys.argv:
        repeat = int(sys.argv[sys.argv.index("--repeat") + 1])
        args = [a for a in args if a != str(repeat)]
    d = args[0]
    backends = args[1:] or ["sqlite"]
    meta = json.load(open(f"{d}/meta-{backends[0]}.json"))
    sql = QUERY.format(d=d, month=meta["month_first_day"], standard=meta["standard"], months=meta["max_assets_months"], max_dwellings=1)
    con = duckdb.connect()
    best = None
    rows = None
    for _ in range(repeat):
        t = time.perf_counter()
        rows = con.execute(sql).fetchall()
        s = time.perf_counter() - t
        best = s if best is None else min(best, s)
    ours = dict(rows)
    print(f"duckdb {duckdb.__version__}: matching of {meta['households']} households against {meta['records']} records in {best:.2f} s (best of {repeat}, CSV reading included)")
    ok = True
    for b in backends:
        m = json.load(open(f"{d}/meta-{b}.json"))
        for code, n in sorted(ours.items()):
            theirs = m["flags"].get(code, 0)
            mark = "ok" if theirs == n else "DIFFERS"
            ok &= theirs == n
            print(f"  {code:22} duckdb {n:8}  minzheng/{b} {theirs:8}  {mark}")
        print(f"RESULT duckdb_s={best:.2f} {b}_verify_s={m['verify_s']:.2f} ratio={m['verify_s'] / best:.1f}")
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
