-- Idempotency-Key (issue 12): a client that retries a create with the same
-- key gets the first answer back instead of a second row. One row per user
-- and key: the request's fingerprint, and once answered the status, content
-- type, Location and body. status 0 means the first request is still
-- running. Rows expire (expires_at, set from the service clock).
CREATE TABLE idempotency_keys (
    id {{.ID}},
    user_id {{.BigInt}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    idem_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL DEFAULT 0,
    content_type TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    body {{.Blob}},
    created_at {{.Timestamp}} NOT NULL,
    expires_at {{.Timestamp}} NOT NULL
);
--bun:split
CREATE UNIQUE INDEX idempotency_keys_user_key ON idempotency_keys (user_id, idem_key);
--bun:split
CREATE INDEX idempotency_keys_expires ON idempotency_keys (expires_at);
