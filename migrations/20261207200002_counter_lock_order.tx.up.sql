-- Issue 13: two transactions moving proposals of the same office, created
-- the same day or month, in opposite directions (one claims: submitted →
-- in_review, the other releases: in_review → submitted) took the counter
-- rows of 20261206500001 in opposite orders (each took its old row, then its
-- new one) and could deadlock on PostgreSQL (40P01). Now every change takes
-- them in one order: the day rows before the month rows, and within each
-- table by key (office_id, period, status); so such transactions wait for
-- each other instead. (A transaction that changes several proposals can
-- still meet another in a different order; the workflow runs such a victim
-- again: app/db InTx.) SQLite runs one writer at a time: nothing changes.
{{if .PG}}
CREATE FUNCTION proposal_counts_day_bump(o BIGINT, st TEXT, dd TEXT, d INTEGER) RETURNS void AS $$
BEGIN
    INSERT INTO proposal_counts_day (office_id, status, day, n) VALUES (o, st, dd, d)
        ON CONFLICT (office_id, day, status) DO UPDATE SET n = proposal_counts_day.n + d;
END $$ LANGUAGE plpgsql;
--bun:split
CREATE FUNCTION proposal_counts_month_bump(o BIGINT, st TEXT, mm TEXT, d INTEGER) RETURNS void AS $$
BEGIN
    INSERT INTO proposal_counts_month (office_id, status, month, n) VALUES (o, st, mm, d)
        ON CONFLICT (office_id, month, status) DO UPDATE SET n = proposal_counts_month.n + d;
END $$ LANGUAGE plpgsql;
--bun:split
CREATE OR REPLACE FUNCTION proposal_counts_trigger() RETURNS trigger AS $$
DECLARE
    od TEXT;
    nd TEXT;
BEGIN
    -- One row of each table: proposal_counts_bump takes the day row, then the month row.
    IF TG_OP = 'INSERT' THEN
        PERFORM proposal_counts_bump(NEW.office_id, NEW.status, NEW.created_at, 1);
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        PERFORM proposal_counts_bump(OLD.office_id, OLD.status, OLD.created_at, -1);
        RETURN NULL;
    END IF;
    IF NEW.office_id IS NOT DISTINCT FROM OLD.office_id AND NEW.status IS NOT DISTINCT FROM OLD.status
        AND NEW.created_at IS NOT DISTINCT FROM OLD.created_at THEN
        RETURN NULL;
    END IF;
    od := to_char((OLD.created_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD');
    nd := to_char((NEW.created_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD');
    -- Two rows of each table: the day rows, then the month rows, each pair by key.
    IF (OLD.office_id, od, OLD.status) < (NEW.office_id, nd, NEW.status) THEN
        PERFORM proposal_counts_day_bump(OLD.office_id, OLD.status, od, -1);
        PERFORM proposal_counts_day_bump(NEW.office_id, NEW.status, nd, 1);
    ELSE
        PERFORM proposal_counts_day_bump(NEW.office_id, NEW.status, nd, 1);
        PERFORM proposal_counts_day_bump(OLD.office_id, OLD.status, od, -1);
    END IF;
    IF (OLD.office_id, substr(od, 1, 7), OLD.status) < (NEW.office_id, substr(nd, 1, 7), NEW.status) THEN
        PERFORM proposal_counts_month_bump(OLD.office_id, OLD.status, substr(od, 1, 7), -1);
        PERFORM proposal_counts_month_bump(NEW.office_id, NEW.status, substr(nd, 1, 7), 1);
    ELSE
        PERFORM proposal_counts_month_bump(NEW.office_id, NEW.status, substr(nd, 1, 7), 1);
        PERFORM proposal_counts_month_bump(OLD.office_id, OLD.status, substr(od, 1, 7), -1);
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
{{else}}
SELECT 1;
{{end}}
