-- Delegation and filing periods (issue 15).
-- A verifier's substitute for a date range (Asia/Jakarta calendar dates,
-- inclusive, ISO text): during it to_user may see and decide from_user's
-- claimed proposals, the events saying "atas nama" from_user.
CREATE TABLE delegations (
    id {{.ID}},
    from_user_id {{.BigInt}} NOT NULL REFERENCES users (id),
    to_user_id {{.BigInt}} NOT NULL REFERENCES users (id),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_by {{.BigInt}} REFERENCES users (id),
    created_at {{.Timestamp}} NOT NULL,
    CHECK (from_user_id <> to_user_id),
    CHECK (start_date <= end_date)
);
--bun:split
CREATE INDEX delegations_to ON delegations (to_user_id, start_date, end_date, from_user_id);
--bun:split
CREATE INDEX delegations_from ON delegations (from_user_id, start_date);
--bun:split
-- Filing windows per kind and route (route '' = every route of the kind):
-- once a kind/route has any window, submission is accepted only inside one.
CREATE TABLE filing_periods (
    id {{.ID}},
    kind TEXT NOT NULL CHECK (kind IN ('jft', 'staffing')),
    route TEXT NOT NULL DEFAULT '',
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    created_by {{.BigInt}} REFERENCES users (id),
    created_at {{.Timestamp}} NOT NULL,
    CHECK (start_date <= end_date)
);
--bun:split
CREATE INDEX filing_periods_kind ON filing_periods (kind, route, start_date);
