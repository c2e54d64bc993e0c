-- The obstacle map counts the items found wanting per office over the
-- proposals filed in a period, of a kind and position (issue 14, speed).
-- decision_reasons carries those four facts of its proposal, copied from
-- report_timelines by the workflow on each transition, so the count is one
-- range over an index instead of a join with every proposal of the period
-- (458 ms on PostgreSQL at 100,000 proposals under load).
ALTER TABLE decision_reasons ADD COLUMN office_id {{.BigInt}};
--bun:split
ALTER TABLE decision_reasons ADD COLUMN filed_at {{.BigInt}};
--bun:split
ALTER TABLE decision_reasons ADD COLUMN kind TEXT;
--bun:split
ALTER TABLE decision_reasons ADD COLUMN position TEXT;
--bun:split
UPDATE decision_reasons SET (office_id, filed_at, kind, position) = (SELECT t.office_id, t.filed_at, t.kind, t.position
    FROM report_timelines AS t WHERE t.proposal_id = decision_reasons.proposal_id);
--bun:split
{{if .PG}}CREATE INDEX decision_reasons_filed ON decision_reasons (filed_at, kind, position) INCLUDE (item, office_id, label){{else}}CREATE INDEX decision_reasons_filed ON decision_reasons (filed_at, kind, position, item, office_id, label){{end}};
