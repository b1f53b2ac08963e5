-- 0003 indexes for the monthly payroll and recalculation at scale (docs/benchmarks.md, "Social
-- assistance at scale"). The payroll reads, for every case of a programme in a region, its payee,
-- account and the amount due in the month; covering indexes let it read neither the cases rows
-- (which carry the facts and the assessment, kilobytes each) nor the amount rows (which carry the
-- parameters used). The recalculation reads what was paid per case and month from the lines.
CREATE INDEX cases_payroll ON cases (programme, region_code, start_month, end_month, id, household_id, head_name, bank_name, bank_account);
DROP INDEX case_amounts_case;
CREATE INDEX case_amounts_case ON case_amounts (case_id, from_month, id, monthly);
DROP INDEX payroll_lines_case;
CREATE INDEX payroll_lines_case ON payroll_lines (case_id, for_month, kind, amount);
-- the bank file pages through one run's lines in case order
CREATE INDEX payroll_lines_run_case ON payroll_lines (run_id, case_id);
