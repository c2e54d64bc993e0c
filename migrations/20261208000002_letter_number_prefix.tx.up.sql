-- Issue 13: a search typed as the start of a letter number ("B-17/Kk.11.03")
-- went through the trigram index, whose trigrams ("kk.", ".11", "/kk") are
-- in every letter, so its cost grew with the letters issued. A letter
-- number is searched from its start instead, through this index on its
-- lower-cased text (byte order: text_pattern_ops on PostgreSQL, SQLite's
-- BINARY collation), which reads only the letters that begin so.
{{if .PG}}
CREATE INDEX proposals_letter_prefix ON proposals (lower(letter_number) text_pattern_ops) WHERE letter_number IS NOT NULL;
{{else}}
CREATE INDEX proposals_letter_prefix ON proposals (lower(letter_number)) WHERE letter_number IS NOT NULL;
{{end}}
