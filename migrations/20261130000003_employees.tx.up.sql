-- The employee register (issue 3): one row per civil servant, in exactly one office (the NIP is
-- unique across the province). data holds the employee's rule data as the JSON of
-- eligibility.Candidate; nip, name and office_id are copied out of it for lookups and lists.
CREATE TABLE employees (
    id {{.ID}},
    office_id {{.BigInt}} NOT NULL REFERENCES offices (id),
    nip TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    data TEXT NOT NULL,
    version {{.BigInt}} NOT NULL DEFAULT 1,
    created_by {{.BigInt}} REFERENCES users (id),
    updated_by {{.BigInt}} REFERENCES users (id),
    created_at {{.Timestamp}} NOT NULL,
    updated_at {{.Timestamp}} NOT NULL
);
--bun:split
CREATE INDEX employees_office_name ON employees (office_id, name);
--bun:split
-- A parsed spreadsheet waiting for the user's confirmation: nothing reaches employees until the
-- user who uploaded it confirms, and then all rows go in one transaction. token is random and
-- only ever looked up together with user_id.
CREATE TABLE employee_uploads (
    id {{.ID}},
    token TEXT NOT NULL UNIQUE,
    user_id {{.BigInt}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    office_id {{.BigInt}} REFERENCES offices (id),
    filename TEXT NOT NULL DEFAULT '',
    row_count INTEGER NOT NULL,
    error_count INTEGER NOT NULL,
    payload TEXT NOT NULL,
    imported_at {{.Timestamp}},
    created_at {{.Timestamp}} NOT NULL
);
--bun:split
CREATE INDEX employee_uploads_created ON employee_uploads (created_at);
