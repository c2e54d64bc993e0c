CREATE TABLE offices (
    id {{.ID}},
    code TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('kanwil', 'kabupaten', 'kota')),
    name TEXT NOT NULL,
    city TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    head_name TEXT NOT NULL DEFAULT '',
    head_nip TEXT NOT NULL DEFAULT '',
    head_title TEXT NOT NULL DEFAULT 'Kepala',
    code_confidence TEXT NOT NULL DEFAULT 'L' CHECK (code_confidence IN ('H', 'M', 'L')),
    created_at {{.Timestamp}} NOT NULL,
    updated_at {{.Timestamp}} NOT NULL
);
--bun:split
CREATE TABLE users (
    id {{.ID}},
    username TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    nip TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('operator', 'kepala', 'verifikator', 'admin')),
    office_id {{.BigInt}} REFERENCES offices (id),
    password_hash TEXT NOT NULL,
    active {{.Bool}} NOT NULL DEFAULT {{.True}},
    created_at {{.Timestamp}} NOT NULL,
    updated_at {{.Timestamp}} NOT NULL,
    CHECK (role IN ('verifikator', 'admin') OR office_id IS NOT NULL)
);
--bun:split
CREATE TABLE api_tokens (
    id {{.ID}},
    user_id {{.BigInt}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at {{.Timestamp}} NOT NULL,
    last_used_at {{.Timestamp}}
);
--bun:split
CREATE TABLE sessions (
    key TEXT PRIMARY KEY,
    data {{.Blob}} NOT NULL,
    expires_at {{.BigInt}} NOT NULL
);
--bun:split
CREATE INDEX sessions_expires_at ON sessions (expires_at);
--bun:split
CREATE TABLE login_attempts (
    id {{.ID}},
    key TEXT NOT NULL,
    created_at {{.Timestamp}} NOT NULL
);
--bun:split
CREATE INDEX login_attempts_key_created ON login_attempts (key, created_at);
--bun:split
CREATE TABLE proposals (
    id {{.ID}},
    kind TEXT NOT NULL CHECK (kind IN ('jft', 'staffing')),
    office_id {{.BigInt}} NOT NULL REFERENCES offices (id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'in_review', 'revision_requested',
        'verified', 'rejected', 'forwarded', 'completed', 'withdrawn')),
    version {{.BigInt}} NOT NULL DEFAULT 1,
    position TEXT NOT NULL DEFAULT '',
    level TEXT NOT NULL DEFAULT '',
    route TEXT NOT NULL DEFAULT '',
    reference_date TEXT,
    letter_number TEXT UNIQUE,
    letter_date TEXT,
    override_note TEXT NOT NULL DEFAULT '',
    verdict TEXT NOT NULL DEFAULT '',
    staffing TEXT,
    checks TEXT,
    decree_number TEXT NOT NULL DEFAULT '',
    decree_date TEXT,
    created_by {{.BigInt}} REFERENCES users (id),
    submitted_by {{.BigInt}} REFERENCES users (id),
    reviewer_id {{.BigInt}} REFERENCES users (id),
    submitted_at {{.Timestamp}},
    created_at {{.Timestamp}} NOT NULL,
    updated_at {{.Timestamp}} NOT NULL
);
--bun:split
CREATE INDEX proposals_office_status_updated ON proposals (office_id, status, updated_at);
--bun:split
CREATE INDEX proposals_status_updated ON proposals (status, updated_at);
--bun:split
CREATE INDEX proposals_updated ON proposals (updated_at);
--bun:split
CREATE TABLE candidates (
    id {{.ID}},
    proposal_id {{.BigInt}} NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    nip TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL,
    verdict TEXT NOT NULL DEFAULT '',
    result TEXT NOT NULL,
    UNIQUE (proposal_id, seq)
);
--bun:split
CREATE INDEX candidates_nip ON candidates (nip);
--bun:split
CREATE TABLE events (
    id {{.ID}},
    proposal_id {{.BigInt}} NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    actor_id {{.BigInt}} REFERENCES users (id),
    action TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT '',
    to_status TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    data TEXT,
    created_at {{.Timestamp}} NOT NULL
);
--bun:split
CREATE INDEX events_proposal ON events (proposal_id, id);
--bun:split
CREATE TABLE letter_counters (
    office_id {{.BigInt}} NOT NULL REFERENCES offices (id),
    year INTEGER NOT NULL,
    classification TEXT NOT NULL,
    last_seq INTEGER NOT NULL,
    PRIMARY KEY (office_id, year, classification)
);
--bun:split
CREATE TABLE issued_documents (
    id {{.ID}},
    proposal_id {{.BigInt}} NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    verify_code TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    content {{.Blob}} NOT NULL,
    created_at {{.Timestamp}} NOT NULL,
    UNIQUE (proposal_id, kind)
);
