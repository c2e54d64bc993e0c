ALTER TABLE issued_documents DROP COLUMN letter_date;
--bun:split
ALTER TABLE issued_documents DROP COLUMN letter_number;
