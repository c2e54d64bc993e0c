-- The year a proposal counts in against the formations is the year it is
-- submitted (the date of its letter, numbered at submission), no longer its
-- reference date's: a reference date in January of next year moved a
-- proposal into a year without a quota, so a full formation for this year
-- stopped counting it (issue 12). A draft has no letter and counts nowhere.
DROP INDEX proposals_formation_year;
--bun:split
ALTER TABLE proposals DROP COLUMN formation_year;
--bun:split
{{if .PG}}
ALTER TABLE proposals ADD COLUMN formation_year INTEGER GENERATED ALWAYS AS
    (CAST(NULLIF(substr(letter_date, 1, 4), '') AS INTEGER)) STORED;
{{else}}
ALTER TABLE proposals ADD COLUMN formation_year INTEGER GENERATED ALWAYS AS
    (CAST(substr(letter_date, 1, 4) AS INTEGER)) VIRTUAL;
{{end}}
--bun:split
-- Covering for the ledger (totals grouped in the index's order, the first
-- proposals of each row by letter number) and for one row's count.
CREATE INDEX proposals_formation_year ON proposals (formation_year, office_id, position, level, kind, status,
    letter_number, id);
