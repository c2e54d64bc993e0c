DROP INDEX idempotency_keys_expires;
--bun:split
DROP INDEX idempotency_keys_user_key;
--bun:split
DROP TABLE idempotency_keys;
