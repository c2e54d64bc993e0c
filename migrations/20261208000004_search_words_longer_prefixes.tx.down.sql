-- The longer prefix indexes answer every query the shorter ones did, with
-- the same rows: nothing to undo.
SELECT 1;
