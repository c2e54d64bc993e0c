-- Which documents a route requires is reference data an admin keeps (issue 11). The catalogue of
-- documents is the Go table workflow.Checklist; a row here records the admin's choice for one
-- kind × route × document. A document with no row is required (the Go table's default), so
-- documents added to the Go table later are required until an admin says otherwise.
CREATE TABLE required_documents (
    id {{.ID}},
    kind TEXT NOT NULL CHECK (kind IN ('jft', 'staffing')),
    route TEXT NOT NULL DEFAULT '',
    item TEXT NOT NULL,
    required {{.Bool}} NOT NULL DEFAULT {{.True}},
    updated_by {{.BigInt}} REFERENCES users (id),
    updated_at {{.Timestamp}} NOT NULL,
    UNIQUE (kind, route, item)
);
--bun:split
-- Files an admin uploads once for the whole installation, e.g. the ministry emblem ("emblem", a
-- PNG checked by content) that every letterhead prints.
CREATE TABLE site_files (
    name TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    content {{.Blob}} NOT NULL,
    updated_by {{.BigInt}} REFERENCES users (id),
    updated_at {{.Timestamp}} NOT NULL
);
--bun:split
-- The office's own note per candidate ("Ket." of the nominative list), blank by default; kept by
-- NIP beside the candidates (which are rewritten on every edit).
CREATE TABLE candidate_notes (
    proposal_id {{.BigInt}} NOT NULL REFERENCES proposals (id),
    nip TEXT NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (proposal_id, nip)
);
