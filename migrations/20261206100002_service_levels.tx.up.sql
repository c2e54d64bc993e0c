-- Service levels (issue 15). state_since is when a proposal entered its
-- current status, set by every transition in its transaction: the inbox
-- orders and dates by it without reading the event log. Backfilled from the
-- last event that moved each proposal into its status (its creation for a
-- draft).
ALTER TABLE proposals ADD COLUMN state_since {{.Timestamp}};
--bun:split
UPDATE proposals SET state_since = COALESCE((SELECT max(e.created_at) FROM events AS e
    WHERE e.proposal_id = proposals.id AND e.to_status = proposals.status AND e.from_status <> e.to_status), created_at);
--bun:split
CREATE INDEX proposals_status_since ON proposals (status, state_since, id);
--bun:split
CREATE INDEX proposals_office_status_since ON proposals (office_id, status, state_since, id);
--bun:split
CREATE INDEX proposals_reviewer_status_since ON proposals (reviewer_id, status, state_since, id);
--bun:split
-- The inbox filtered by kind, or by route (a route implies kind jft).
CREATE INDEX proposals_status_kind_route_since ON proposals (status, kind, route, state_since, id);
--bun:split
-- The admin's target per status, in working days (Monday to Friday less the
-- holidays below); a status without a row has none.
CREATE TABLE sla_targets (
    status TEXT PRIMARY KEY CHECK (status IN ('submitted', 'in_review', 'revision_requested', 'verified', 'forwarded')),
    working_days INTEGER NOT NULL CHECK (working_days BETWEEN 1 AND 250),
    updated_by {{.BigInt}} REFERENCES users (id),
    updated_at {{.Timestamp}} NOT NULL
);
--bun:split
INSERT INTO sla_targets (status, working_days, updated_at) VALUES
    ('submitted', 3, {{if .PG}}now(){{else}}strftime('%Y-%m-%d %H:%M:%S+00:00', 'now'){{end}}),
    ('in_review', 10, {{if .PG}}now(){{else}}strftime('%Y-%m-%d %H:%M:%S+00:00', 'now'){{end}}),
    ('revision_requested', 14, {{if .PG}}now(){{else}}strftime('%Y-%m-%d %H:%M:%S+00:00', 'now'){{end}});
--bun:split
-- Public holidays and collective leave (libur nasional, cuti bersama): dated
-- reference data the admin keeps; no working day falls on one.
CREATE TABLE holidays (
    id {{.ID}},
    day TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at {{.Timestamp}} NOT NULL
);
--bun:split
-- One row per reminder sent: level 1 reminds the holder of an overdue
-- proposal, level 2 escalates to the admins. Unique per stay in a status, so
-- the daily job never sends one twice.
CREATE TABLE sla_reminders (
    id {{.ID}},
    proposal_id {{.BigInt}} NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    state_since {{.Timestamp}} NOT NULL,
    level INTEGER NOT NULL CHECK (level IN (1, 2)),
    due TEXT NOT NULL,
    created_at {{.Timestamp}} NOT NULL,
    UNIQUE (proposal_id, state_since, level)
);
