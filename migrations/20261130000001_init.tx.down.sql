DROP TABLE issued_documents;
--bun:split
DROP TABLE letter_counters;
--bun:split
DROP TABLE events;
--bun:split
DROP TABLE candidates;
--bun:split
DROP TABLE proposals;
--bun:split
DROP TABLE login_attempts;
--bun:split
DROP TABLE sessions;
--bun:split
DROP TABLE api_tokens;
--bun:split
DROP TABLE users;
--bun:split
DROP TABLE offices;
