ALTER TABLE candidates DROP COLUMN office_note;
--bun:split
DROP TABLE site_files;
--bun:split
DROP TABLE required_documents;
