-- The obstacle map reads every stay of a filed proposal in a state from this
-- table, kept by the workflow in the transition's transaction (issue 14):
-- instants as Unix seconds, the filing instant, kind, position and office
-- copied in, so the map needs no window over the event log, no join and no
-- date parsing. next_state is where the proposal went on leaving.
CREATE TABLE report_spells (
    id {{.ID}},
    proposal_id {{.BigInt}} NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    office_id {{.BigInt}} NOT NULL,
    kind TEXT NOT NULL,
    position TEXT NOT NULL DEFAULT '',
    filed_at {{.BigInt}} NOT NULL,
    state TEXT NOT NULL,
    entered {{.BigInt}} NOT NULL,
    left_at {{.BigInt}},
    next_state TEXT
);
--bun:split
-- Covering: the map reads every column it needs from this index alone.
CREATE INDEX report_spells_filed ON report_spells (filed_at, kind, position, proposal_id, id, office_id, state,
    entered, left_at, next_state);
--bun:split
CREATE INDEX report_spells_proposal ON report_spells (proposal_id, left_at);
--bun:split
CREATE INDEX report_spells_open ON report_spells (left_at, entered);
--bun:split
INSERT INTO report_spells (proposal_id, office_id, kind, position, filed_at, state, entered, left_at, next_state)
SELECT x.proposal_id, p.office_id, p.kind, p.position, {{.Epoch "p.submitted_at"}}, x.state, x.entered, x.left_at, x.next_state
FROM (
    SELECT e.proposal_id, e.to_status AS state, {{.Epoch "e.created_at"}} AS entered,
        LEAD({{.Epoch "e.created_at"}}) OVER (PARTITION BY e.proposal_id ORDER BY e.id) AS left_at,
        LEAD(e.to_status) OVER (PARTITION BY e.proposal_id ORDER BY e.id) AS next_state
    FROM events AS e
    WHERE e.to_status <> e.from_status
) AS x
JOIN proposals AS p ON p.id = x.proposal_id
WHERE p.submitted_at IS NOT NULL AND x.state <> 'draft';
