{{if .PG}}
DROP INDEX IF EXISTS proposals_search;
--bun:split
DROP INDEX IF EXISTS candidates_search;
{{else}}
DROP TRIGGER IF EXISTS proposals_search_delete;
--bun:split
DROP TRIGGER IF EXISTS proposals_search_update;
--bun:split
DROP TRIGGER IF EXISTS proposals_search_insert;
--bun:split
DROP TABLE IF EXISTS proposals_search;
--bun:split
DROP TRIGGER IF EXISTS candidates_search_delete;
--bun:split
DROP TRIGGER IF EXISTS candidates_search_update;
--bun:split
DROP TRIGGER IF EXISTS candidates_search_insert;
--bun:split
DROP TABLE IF EXISTS candidates_search;
{{end}}
--bun:split
DROP INDEX proposals_formation_year;
--bun:split
ALTER TABLE proposals DROP COLUMN formation_year;
--bun:split
DROP INDEX proposals_reviewer_status;
--bun:split
DROP INDEX proposals_created_office_status;
--bun:split
CREATE INDEX proposals_updated ON proposals (updated_at);
--bun:split
CREATE INDEX proposals_status_updated ON proposals (status, updated_at);
--bun:split
CREATE INDEX proposals_office_status_updated ON proposals (office_id, status, updated_at);
--bun:split
DROP INDEX proposals_updated_id;
--bun:split
DROP INDEX proposals_office_status_updated_id;
--bun:split
DROP INDEX proposals_status_updated_id;
--bun:split
DROP INDEX proposals_office_updated_id;
