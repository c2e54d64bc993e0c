{{if .PG}}
DROP INDEX IF EXISTS proposals_words;
--bun:split
DROP INDEX IF EXISTS candidates_words;
--bun:split
DROP FUNCTION IF EXISTS search_fold(TEXT);
--bun:split
DROP FUNCTION IF EXISTS search_prefixes(TEXT);
{{else}}
DROP TRIGGER IF EXISTS proposals_words_delete;
--bun:split
DROP TRIGGER IF EXISTS proposals_words_update;
--bun:split
DROP TRIGGER IF EXISTS proposals_words_insert;
--bun:split
DROP TABLE IF EXISTS proposals_words;
--bun:split
DROP TRIGGER IF EXISTS candidates_words_delete;
--bun:split
DROP TRIGGER IF EXISTS candidates_words_update;
--bun:split
DROP TRIGGER IF EXISTS candidates_words_insert;
--bun:split
DROP TABLE IF EXISTS candidates_words;
{{end}}
