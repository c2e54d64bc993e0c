DROP TABLE sla_reminders;
--bun:split
DROP TABLE holidays;
--bun:split
DROP TABLE sla_targets;
--bun:split
DROP INDEX proposals_status_kind_route_since;
--bun:split
DROP INDEX proposals_reviewer_status_since;
--bun:split
DROP INDEX proposals_office_status_since;
--bun:split
DROP INDEX proposals_status_since;
--bun:split
ALTER TABLE proposals DROP COLUMN state_since;
