-- Issue 13: every list costs the same at 100,000 proposals.
-- Lists sort by (updated_at, id); each filter has an index that gives that order.
CREATE INDEX proposals_office_updated_id ON proposals (office_id, updated_at, id);
--bun:split
CREATE INDEX proposals_status_updated_id ON proposals (status, updated_at, id);
--bun:split
CREATE INDEX proposals_office_status_updated_id ON proposals (office_id, status, updated_at, id);
--bun:split
CREATE INDEX proposals_updated_id ON proposals (updated_at, id);
--bun:split
DROP INDEX proposals_office_status_updated;
--bun:split
DROP INDEX proposals_status_updated;
--bun:split
DROP INDEX proposals_updated;
--bun:split
-- The recap counts proposals created in a period, per office and status.
CREATE INDEX proposals_created_office_status ON proposals (created_at, office_id, status);
--bun:split
-- The inbox badge of a verifier counts the proposals under review by them.
CREATE INDEX proposals_reviewer_status ON proposals (reviewer_id, status);
--bun:split
-- The year a proposal counts in against the formations: of its reference
-- date, or else of its letter. Computed by the database, so it is always in
-- step, and indexed (the ledger filtered substr(coalesce(...)) before).
{{if .PG}}
ALTER TABLE proposals ADD COLUMN formation_year INTEGER GENERATED ALWAYS AS
    (CAST(NULLIF(substr(coalesce(reference_date, letter_date), 1, 4), '') AS INTEGER)) STORED;
{{else}}
ALTER TABLE proposals ADD COLUMN formation_year INTEGER GENERATED ALWAYS AS
    (CAST(substr(coalesce(reference_date, letter_date), 1, 4) AS INTEGER)) VIRTUAL;
{{end}}
--bun:split
CREATE INDEX proposals_formation_year ON proposals (formation_year, office_id, position, level);
--bun:split
-- Search: a name or NIP typed in part, a letter number or a staffing title,
-- found through a trigram index: pg_trgm on PostgreSQL, FTS5's trigram
-- tokenizer on SQLite. What is searched is lower-cased text of the form
-- "name nip" (candidates) and "letter number title" (proposals); on SQLite
-- the name's apostrophes are written ' (searched with MATCH, which has no
-- one-character wildcard to stand for either).
{{if .PG}}
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
EXCEPTION WHEN unique_violation OR duplicate_object THEN
    NULL; -- created meanwhile by a concurrent migration
END $$;
--bun:split
DO $$
DECLARE ns text;
BEGIN
    SELECT n.nspname INTO ns FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
    EXECUTE format('CREATE INDEX candidates_search ON candidates USING gin ((lower(name || '' '' || nip)) %I.gin_trgm_ops)', ns);
    EXECUTE format('CREATE INDEX proposals_search ON proposals USING gin ((lower(coalesce(letter_number, '''') || '' '' || coalesce(staffing::json->>''position_title'', ''''))) %I.gin_trgm_ops)', ns);
END $$;
{{else}}
CREATE VIRTUAL TABLE candidates_search USING fts5(body, tokenize = 'trigram');
--bun:split
INSERT INTO candidates_search (rowid, body) SELECT id, lower(replace(replace(replace(name, '’', ''''), '‘', ''''), '`', '''') || ' ' || nip) FROM candidates;
--bun:split
CREATE TRIGGER candidates_search_insert AFTER INSERT ON candidates BEGIN
    INSERT INTO candidates_search (rowid, body) VALUES (new.id, lower(replace(replace(replace(new.name, '’', ''''), '‘', ''''), '`', '''') || ' ' || new.nip));
END;
--bun:split
CREATE TRIGGER candidates_search_update AFTER UPDATE OF name, nip ON candidates BEGIN
    UPDATE candidates_search SET body = lower(replace(replace(replace(new.name, '’', ''''), '‘', ''''), '`', '''') || ' ' || new.nip) WHERE rowid = new.id;
END;
--bun:split
CREATE TRIGGER candidates_search_delete AFTER DELETE ON candidates BEGIN
    DELETE FROM candidates_search WHERE rowid = old.id;
END;
--bun:split
CREATE VIRTUAL TABLE proposals_search USING fts5(body, tokenize = 'trigram');
--bun:split
INSERT INTO proposals_search (rowid, body) SELECT id,
    lower(coalesce(letter_number, '') || ' ' || coalesce(json_extract(staffing, '$.position_title'), '')) FROM proposals;
--bun:split
CREATE TRIGGER proposals_search_insert AFTER INSERT ON proposals BEGIN
    INSERT INTO proposals_search (rowid, body) VALUES (new.id,
        lower(coalesce(new.letter_number, '') || ' ' || coalesce(json_extract(new.staffing, '$.position_title'), '')));
END;
--bun:split
CREATE TRIGGER proposals_search_update AFTER UPDATE OF letter_number, staffing ON proposals BEGIN
    UPDATE proposals_search SET body =
        lower(coalesce(new.letter_number, '') || ' ' || coalesce(json_extract(new.staffing, '$.position_title'), ''))
    WHERE rowid = new.id;
END;
--bun:split
CREATE TRIGGER proposals_search_delete AFTER DELETE ON proposals BEGIN
    DELETE FROM proposals_search WHERE rowid = old.id;
END;
{{end}}
