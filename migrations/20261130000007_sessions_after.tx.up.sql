-- Sessions started before this instant are no longer accepted for the user:
-- set when an admin disables the user or replaces the password, so that a
-- stolen session ends there (and re-enabling the user does not revive it).
ALTER TABLE users ADD COLUMN sessions_after {{.Timestamp}};
