{{if .PG}}
DROP TRIGGER proposal_counts ON proposals;
--bun:split
DROP FUNCTION proposal_counts_trigger();
--bun:split
DROP FUNCTION proposal_counts_bump(BIGINT, TEXT, TIMESTAMPTZ, INTEGER);
{{else}}
DROP TRIGGER proposal_counts_insert;
--bun:split
DROP TRIGGER proposal_counts_delete;
--bun:split
DROP TRIGGER proposal_counts_update;
{{end}}
--bun:split
DROP TABLE proposal_counts_month;
--bun:split
DROP TABLE proposal_counts_day;
