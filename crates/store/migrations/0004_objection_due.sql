-- 0004 the re-check of an objection has its own time limit (POLICY.md: decided within
-- `workflow.objection_days` working days of receipt); NULL for objections recorded before.
ALTER TABLE objections ADD COLUMN due_on TEXT;
