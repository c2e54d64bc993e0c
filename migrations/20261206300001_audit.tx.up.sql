-- The audit trail (issue 15; UU 27/2022 on personal data): who administered
-- users and tokens, who exported or downloaded personal data, who delegated.
-- Append-only: the code has no update or delete path, and a trigger refuses
-- UPDATE and DELETE on both databases. actor_id has no foreign key, so the
-- trail outlives anything it names; actor is the username at the time.
CREATE TABLE audit_events (
    id {{.ID}},
    at {{.Timestamp}} NOT NULL,
    actor_id {{.BigInt}},
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '{}'
);
--bun:split
CREATE INDEX audit_events_at ON audit_events (at, id);
--bun:split
CREATE INDEX audit_events_actor ON audit_events (actor, at, id);
--bun:split
CREATE INDEX audit_events_action ON audit_events (action, at, id);
--bun:split
{{if .PG}}
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END $$;
--bun:split
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
{{else}}
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
--bun:split
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
{{end}}
