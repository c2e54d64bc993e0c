-- The review workflow (issue 4): documents uploaded per checklist item,
-- the verifier's findings per item, in-app notifications, users' e-mail.
CREATE TABLE attachments (
    id {{.ID}},
    proposal_id {{.BigInt}} NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    subject TEXT NOT NULL DEFAULT '',
    item TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size {{.BigInt}} NOT NULL,
    sha256 TEXT NOT NULL,
    content {{.Blob}} NOT NULL,
    uploaded_by {{.BigInt}} REFERENCES users (id),
    created_at {{.Timestamp}} NOT NULL,
    replaced_at {{.Timestamp}}
);
--bun:split
CREATE INDEX attachments_proposal ON attachments (proposal_id, subject, item);
--bun:split
CREATE TABLE findings (
    id {{.ID}},
    proposal_id {{.BigInt}} NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    subject TEXT NOT NULL DEFAULT '',
    item TEXT NOT NULL,
    finding TEXT NOT NULL CHECK (finding IN ('sesuai', 'tidak_sesuai')),
    note TEXT NOT NULL DEFAULT '',
    reviewer_id {{.BigInt}} REFERENCES users (id),
    updated_at {{.Timestamp}} NOT NULL,
    UNIQUE (proposal_id, subject, item)
);
--bun:split
CREATE TABLE notifications (
    id {{.ID}},
    user_id {{.BigInt}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    proposal_id {{.BigInt}} REFERENCES proposals (id) ON DELETE CASCADE,
    event_id {{.BigInt}} REFERENCES events (id) ON DELETE CASCADE,
    message TEXT NOT NULL,
    created_at {{.Timestamp}} NOT NULL,
    read_at {{.Timestamp}}
);
--bun:split
CREATE INDEX notifications_user ON notifications (user_id, read_at, id);
--bun:split
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
