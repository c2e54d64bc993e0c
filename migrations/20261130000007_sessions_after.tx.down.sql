ALTER TABLE users DROP COLUMN sessions_after;
