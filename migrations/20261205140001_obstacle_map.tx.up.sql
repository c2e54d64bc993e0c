-- The obstacle map (issue 14): the items found wanting at each decision, one
-- row per item, so reasons are counted in SQL instead of by parsing event
-- JSON; indexes for the period and timeline queries; obstacle reports.
CREATE TABLE decision_reasons (
    id {{.ID}},
    event_id {{.BigInt}} NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    proposal_id {{.BigInt}} NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    action TEXT NOT NULL CHECK (action IN ('request_revision', 'reject')),
    item TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    created_at {{.Timestamp}} NOT NULL
);
--bun:split
CREATE INDEX decision_reasons_proposal ON decision_reasons (proposal_id, item);
--bun:split
CREATE INDEX proposals_submitted ON proposals (submitted_at, office_id);
--bun:split
CREATE INDEX events_proposal_status ON events (proposal_id, id, to_status, from_status, created_at);
--bun:split
CREATE TABLE obstacles (
    id {{.ID}},
    office_id {{.BigInt}} NOT NULL REFERENCES offices (id),
    category TEXT NOT NULL CHECK (category IN ('sdm', 'anggaran', 'sarana', 'konten', 'lainnya')),
    description TEXT NOT NULL,
    since TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed')),
    answer TEXT NOT NULL DEFAULT '',
    created_by {{.BigInt}} REFERENCES users (id),
    answered_by {{.BigInt}} REFERENCES users (id),
    created_at {{.Timestamp}} NOT NULL,
    updated_at {{.Timestamp}} NOT NULL,
    closed_at {{.Timestamp}}
);
--bun:split
CREATE INDEX obstacles_office_status ON obstacles (office_id, status, category);
--bun:split
CREATE TABLE obstacle_proposals (
    obstacle_id {{.BigInt}} NOT NULL REFERENCES obstacles (id) ON DELETE CASCADE,
    proposal_id {{.BigInt}} NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    PRIMARY KEY (obstacle_id, proposal_id)
);
--bun:split
CREATE TABLE obstacle_events (
    id {{.ID}},
    obstacle_id {{.BigInt}} NOT NULL REFERENCES obstacles (id) ON DELETE CASCADE,
    actor_id {{.BigInt}} REFERENCES users (id),
    action TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at {{.Timestamp}} NOT NULL
);
--bun:split
CREATE INDEX obstacle_events_obstacle ON obstacle_events (obstacle_id, id);
