-- Issue 13: a name search that stays flat at 100,000 proposals. The trigram
-- indexes (20261205130001) find any substring, but a name's trigrams are
-- shared by thousands of rows, and the search cost followed them. Names and
-- staffing titles now also have a word index: whole words, searched by
-- prefix ("nur ai hid" finds Nur'aini Hidayat, in any order), folded for
-- case and diacritics. A word with an apostrophe is indexed both split at
-- it and joined ("Nur’aini": nur, aini, nuraini), so "nur'aini", "nur’aini",
-- "nuraini" and "nur ai" all find it. PostgreSQL: GIN indexes over the
-- words' prefixes (search_prefixes), kept by PostgreSQL as expression
-- indexes. SQLite: FTS5 tables with the unicode61 tokenizer (diacritics
-- removed) and prefix indexes, kept by triggers. Letter numbers and NIPs
-- keep the trigram path (app/workflow/search.go).
{{if .PG}}
-- A word index holds every prefix of every word (edge n-grams), as a text
-- array with a GIN index, so a search asks for whole entries (@>): GIN
-- intersects their lists directly, where a tsvector's prefix query (:*)
-- gathers every word under each prefix first (several times slower here).
-- The words: the text lower-cased, Latin diacritics removed, every
-- apostrophe written ', split by the text search parser ('simple'), and
-- once more without apostrophes (so Nur'aini gives nur, aini and nuraini).
-- The functions use pg_catalog only, so an index holds under any
-- search_path (a restore sets none).
CREATE FUNCTION search_prefixes(t TEXT) RETURNS TEXT[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT left(w, n)), '{}')
    FROM (SELECT lower(translate(t,
        '’‘`ʼÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöøùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĴĵĶķĹĺĻļĽľŁłŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽž',
        '''''''''AAAAAACEEEEIIIINOOOOOOUUUUYaaaaaaceeeeiiiinoooooouuuuyyAaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiJjKkLlLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZz')) AS f) AS s,
        unnest(tsvector_to_array(to_tsvector('simple', f || ' ' || replace(f, '''', '')))) AS w,
        generate_series(1, length(w)) AS n
$$;
--bun:split
-- A search's words folded the same way (the search replaces no apostrophe:
-- it drops them).
CREATE FUNCTION search_fold(t TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT lower(translate(t,
        '’‘`ʼÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöøùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĴĵĶķĹĺĻļĽľŁłŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽž',
        '''''''''AAAAAACEEEEIIIINOOOOOOUUUUYaaaaaaceeeeiiiinoooooouuuuyyAaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiJjKkLlLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZz'))
$$;
--bun:split
CREATE INDEX candidates_words ON candidates USING gin (search_prefixes(name));
--bun:split
CREATE INDEX proposals_words ON proposals USING gin (search_prefixes(staffing::json ->> 'position_title'))
    WHERE staffing IS NOT NULL;
--bun:split
-- Statistics of the new expressions, so the planner weighs them at once.
ANALYZE candidates;
--bun:split
ANALYZE proposals;
{{else}}
-- The text: the name with ʼ (a letter to unicode61) written ', and when it
-- has an apostrophe, the name again without them. The proposal's id is
-- kept beside it, so a search reads no candidate row.
CREATE VIRTUAL TABLE candidates_words USING fts5(body, proposal_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');
--bun:split
INSERT INTO candidates_words (rowid, proposal_id, body) SELECT id, proposal_id, replace(name, 'ʼ', '''')
        || CASE WHEN replace(replace(replace(replace(replace(name, '''', ''), '’', ''), '‘', ''), '`', ''), 'ʼ', '') <> name
            THEN ' ' || replace(replace(replace(replace(replace(name, '''', ''), '’', ''), '‘', ''), '`', ''), 'ʼ', '')
            ELSE '' END FROM candidates;
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
CREATE VIRTUAL TABLE proposals_words USING fts5(body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');
--bun:split
INSERT INTO proposals_words (rowid, body) SELECT id, replace(json_extract(staffing, '$.position_title'), 'ʼ', '''')
        || CASE WHEN replace(replace(replace(replace(replace(json_extract(staffing, '$.position_title'), '''', ''), '’', ''), '‘', ''), '`', ''), 'ʼ', '') <> json_extract(staffing, '$.position_title')
            THEN ' ' || replace(replace(replace(replace(replace(json_extract(staffing, '$.position_title'), '''', ''), '’', ''), '‘', ''), '`', ''), 'ʼ', '')
            ELSE '' END
    FROM proposals WHERE json_extract(staffing, '$.position_title') IS NOT NULL;
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
