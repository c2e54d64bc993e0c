-- Issue 13: a search of a common name ("nur'aini hidayat") spent most of
-- its time in FTS5 merging the doclists of every term that begins with a
-- typed word: the prefix indexes of 20261207200001 covered prefixes of 2 to
-- 4 characters only, and people type names in full. SQLite only: the word
-- tables are rebuilt with prefix indexes of 2 to 8 characters (0.61 ms →
-- 0.28 ms for that search at 100,000 proposals, in SQLite's shell) and
-- merged into one segment; their triggers are made again as before.
-- PostgreSQL's GIN index holds every prefix already.
{{if .PG}}
SELECT 1;
{{else}}
DROP TRIGGER candidates_words_insert;
--bun:split
DROP TRIGGER candidates_words_update;
--bun:split
DROP TRIGGER candidates_words_delete;
--bun:split
DROP TRIGGER proposals_words_insert;
--bun:split
DROP TRIGGER proposals_words_update;
--bun:split
DROP TRIGGER proposals_words_delete;
--bun:split
DROP TABLE candidates_words;
--bun:split
DROP TABLE proposals_words;
--bun:split
-- The text: the name with ʼ (a letter to unicode61) written ', and when it
-- has an apostrophe, the name again without them. The proposal's id is
-- kept beside it, so a search reads no candidate row.
CREATE VIRTUAL TABLE candidates_words USING fts5(body, proposal_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5 6 7 8');
--bun:split
INSERT INTO candidates_words (rowid, proposal_id, body) SELECT id, proposal_id, replace(name, 'ʼ', '''')
        || CASE WHEN replace(replace(replace(replace(replace(name, '''', ''), '’', ''), '‘', ''), '`', ''), 'ʼ', '') <> name
            THEN ' ' || replace(replace(replace(replace(replace(name, '''', ''), '’', ''), '‘', ''), '`', ''), 'ʼ', '')
            ELSE '' END FROM candidates;
--bun:split
INSERT INTO candidates_words (candidates_words) VALUES ('optimize');
--bun:split
CREATE TRIGGER candidates_words_insert AFTER INSERT ON candidates BEGIN
    INSERT INTO candidates_words (rowid, proposal_id, body) VALUES (new.id, new.proposal_id, replace(new.name, 'ʼ', '''')
        || CASE WHEN replace(replace(replace(replace(replace(new.name, '''', ''), '’', ''), '‘', ''), '`', ''), 'ʼ', '') <> new.name
            THEN ' ' || replace(replace(replace(replace(replace(new.name, '''', ''), '’', ''), '‘', ''), '`', ''), 'ʼ', '')
            ELSE '' END);
END;
--bun:split
CREATE TRIGGER candidates_words_update AFTER UPDATE OF name, proposal_id ON candidates BEGIN
    UPDATE candidates_words SET proposal_id = new.proposal_id, body = replace(new.name, 'ʼ', '''')
        || CASE WHEN replace(replace(replace(replace(replace(new.name, '''', ''), '’', ''), '‘', ''), '`', ''), 'ʼ', '') <> new.name
            THEN ' ' || replace(replace(replace(replace(replace(new.name, '''', ''), '’', ''), '‘', ''), '`', ''), 'ʼ', '')
            ELSE '' END WHERE rowid = new.id;
END;
--bun:split
CREATE TRIGGER candidates_words_delete AFTER DELETE ON candidates BEGIN
    DELETE FROM candidates_words WHERE rowid = old.id;
END;
--bun:split
-- Staffing titles: a row only for a proposal that has one.
CREATE VIRTUAL TABLE proposals_words USING fts5(body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5 6 7 8');
--bun:split
INSERT INTO proposals_words (rowid, body) SELECT id, replace(json_extract(staffing, '$.position_title'), 'ʼ', '''')
        || CASE WHEN replace(replace(replace(replace(replace(json_extract(staffing, '$.position_title'), '''', ''), '’', ''), '‘', ''), '`', ''), 'ʼ', '') <> json_extract(staffing, '$.position_title')
            THEN ' ' || replace(replace(replace(replace(replace(json_extract(staffing, '$.position_title'), '''', ''), '’', ''), '‘', ''), '`', ''), 'ʼ', '')
            ELSE '' END
    FROM proposals WHERE json_extract(staffing, '$.position_title') IS NOT NULL;
--bun:split
INSERT INTO proposals_words (proposals_words) VALUES ('optimize');
--bun:split
CREATE TRIGGER proposals_words_insert AFTER INSERT ON proposals
WHEN json_extract(new.staffing, '$.position_title') IS NOT NULL BEGIN
    INSERT INTO proposals_words (rowid, body) VALUES (new.id, replace(json_extract(new.staffing, '$.position_title'), 'ʼ', '''')
        || CASE WHEN replace(replace(replace(replace(replace(json_extract(new.staffing, '$.position_title'), '''', ''), '’', ''), '‘', ''), '`', ''), 'ʼ', '') <> json_extract(new.staffing, '$.position_title')
            THEN ' ' || replace(replace(replace(replace(replace(json_extract(new.staffing, '$.position_title'), '''', ''), '’', ''), '‘', ''), '`', ''), 'ʼ', '')
            ELSE '' END);
END;
--bun:split
CREATE TRIGGER proposals_words_update AFTER UPDATE OF staffing ON proposals BEGIN
    DELETE FROM proposals_words WHERE rowid = old.id;
    INSERT INTO proposals_words (rowid, body) SELECT new.id, replace(json_extract(new.staffing, '$.position_title'), 'ʼ', '''')
        || CASE WHEN replace(replace(replace(replace(replace(json_extract(new.staffing, '$.position_title'), '''', ''), '’', ''), '‘', ''), '`', ''), 'ʼ', '') <> json_extract(new.staffing, '$.position_title')
            THEN ' ' || replace(replace(replace(replace(replace(json_extract(new.staffing, '$.position_title'), '''', ''), '’', ''), '‘', ''), '`', ''), 'ʼ', '')
            ELSE '' END
        WHERE json_extract(new.staffing, '$.position_title') IS NOT NULL;
END;
--bun:split
CREATE TRIGGER proposals_words_delete AFTER DELETE ON proposals BEGIN
    DELETE FROM proposals_words WHERE rowid = old.id;
END;
{{end}}
