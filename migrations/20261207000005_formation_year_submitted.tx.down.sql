DROP INDEX proposals_formation_year;
--bun:split
ALTER TABLE proposals DROP COLUMN formation_year;
--bun:split
{{if .PG}}
ALTER TABLE proposals ADD COLUMN formation_year INTEGER GENERATED ALWAYS AS
    (CAST(NULLIF(substr(coalesce(reference_date, letter_date), 1, 4), '') AS INTEGER)) STORED;
{{else}}
ALTER TABLE proposals ADD COLUMN formation_year INTEGER GENERATED ALWAYS AS
    (CAST(substr(coalesce(reference_date, letter_date), 1, 4) AS INTEGER)) VIRTUAL;
{{end}}
--bun:split
CREATE INDEX proposals_formation_year ON proposals (formation_year, office_id, position, level);
