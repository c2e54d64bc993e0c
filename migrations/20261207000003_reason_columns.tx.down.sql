DROP INDEX decision_reasons_filed;
--bun:split
ALTER TABLE decision_reasons DROP COLUMN position;
--bun:split
ALTER TABLE decision_reasons DROP COLUMN kind;
--bun:split
ALTER TABLE decision_reasons DROP COLUMN filed_at;
--bun:split
ALTER TABLE decision_reasons DROP COLUMN office_id;
