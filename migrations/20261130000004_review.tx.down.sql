DROP TABLE notifications;
--bun:split
DROP TABLE findings;
--bun:split
DROP TABLE attachments;
--bun:split
ALTER TABLE users DROP COLUMN email;
