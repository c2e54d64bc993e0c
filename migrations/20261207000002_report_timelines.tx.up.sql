-- One row per filed proposal with its stays in order (issue 14, speed):
-- stays is "state:offset state:offset …", offset being the seconds from
-- filing to entering the state. A stay ends where the next one begins and
-- the last is still open, as in report_spells, from which the workflow
-- rewrites the row on each transition. The obstacle map reads one row per
-- proposal instead of one per stay (44,000 rows, not 216,000, for a year
-- of the 100,000-proposal demo).
CREATE TABLE report_timelines (
    proposal_id {{.BigInt}} PRIMARY KEY REFERENCES proposals (id) ON DELETE CASCADE,
    office_id {{.BigInt}} NOT NULL,
    kind TEXT NOT NULL,
    position TEXT NOT NULL DEFAULT '',
    filed_at {{.BigInt}} NOT NULL,
    stays TEXT NOT NULL
);
--bun:split
-- Covering on SQLite (the map reads the index alone); on PostgreSQL the
-- stays stay in the table (a B-tree entry is limited to about 2.7 kB).
{{if .PG}}CREATE INDEX report_timelines_filed ON report_timelines (filed_at, kind, position) INCLUDE (office_id){{else}}CREATE INDEX report_timelines_filed ON report_timelines (filed_at, kind, position, office_id, proposal_id, stays){{end}};
--bun:split
INSERT INTO report_timelines (proposal_id, office_id, kind, position, filed_at, stays)
SELECT s.proposal_id, max(s.office_id), max(s.kind), max(s.position), max(s.filed_at),
    {{if .PG}}string_agg{{else}}group_concat{{end}}(s.state || ':' || (s.entered - s.filed_at), ' ' ORDER BY s.id)
FROM report_spells AS s
GROUP BY s.proposal_id;
