DROP TABLE candidate_notes;
--bun:split
DROP TABLE site_files;
--bun:split
DROP TABLE required_documents;
