-- An issued document keeps the number and date it was issued under, so a
-- letter replaced after a revision round still verifies as what it said.
ALTER TABLE issued_documents ADD COLUMN letter_number TEXT;
--bun:split
ALTER TABLE issued_documents ADD COLUMN letter_date TEXT;
