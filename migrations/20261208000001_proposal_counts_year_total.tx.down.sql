{{if .PG}}
DROP TRIGGER proposal_counts ON proposals;
--bun:split
DROP FUNCTION proposal_counts_bump(BIGINT, TEXT, TEXT, TIMESTAMPTZ, INTEGER);
--bun:split
CREATE FUNCTION proposal_counts_bump(o BIGINT, st TEXT, ts TIMESTAMPTZ, d INTEGER) RETURNS void AS $$
DECLARE
    dd TEXT := to_char((ts AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD');
BEGIN
    INSERT INTO proposal_counts_day (office_id, status, day, n) VALUES (o, st, dd, d)
        ON CONFLICT (office_id, day, status) DO UPDATE SET n = proposal_counts_day.n + d;
    INSERT INTO proposal_counts_month (office_id, status, month, n) VALUES (o, st, substr(dd, 1, 7), d)
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
--bun:split
CREATE TRIGGER proposal_counts AFTER INSERT OR UPDATE OF office_id, status, created_at OR DELETE ON proposals
    FOR EACH ROW EXECUTE FUNCTION proposal_counts_trigger();
--bun:split
DROP FUNCTION proposal_counts_total_bump(BIGINT, TEXT, TEXT, INTEGER);
--bun:split
DROP FUNCTION proposal_counts_year_bump(BIGINT, TEXT, TEXT, INTEGER);
{{else}}
DROP TRIGGER proposal_counts_insert;
--bun:split
DROP TRIGGER proposal_counts_delete;
--bun:split
DROP TRIGGER proposal_counts_update;
--bun:split
CREATE TRIGGER proposal_counts_insert AFTER INSERT ON proposals BEGIN
    INSERT INTO proposal_counts_day (office_id, status, day, n) VALUES (new.office_id, new.status, date(new.created_at, '+7 hours'), 1)
        ON CONFLICT (office_id, day, status) DO UPDATE SET n = n + 1;
    INSERT INTO proposal_counts_month (office_id, status, month, n) VALUES (new.office_id, new.status, strftime('%Y-%m', new.created_at, '+7 hours'), 1)
        ON CONFLICT (office_id, month, status) DO UPDATE SET n = n + 1;
END;
--bun:split
CREATE TRIGGER proposal_counts_delete AFTER DELETE ON proposals BEGIN
    UPDATE proposal_counts_day SET n = n - 1
        WHERE office_id = old.office_id AND status = old.status AND day = date(old.created_at, '+7 hours');
    UPDATE proposal_counts_month SET n = n - 1
        WHERE office_id = old.office_id AND status = old.status AND month = strftime('%Y-%m', old.created_at, '+7 hours');
END;
--bun:split
CREATE TRIGGER proposal_counts_update AFTER UPDATE OF office_id, status, created_at ON proposals
WHEN new.office_id IS NOT old.office_id OR new.status IS NOT old.status OR new.created_at IS NOT old.created_at
BEGIN
    UPDATE proposal_counts_day SET n = n - 1
        WHERE office_id = old.office_id AND status = old.status AND day = date(old.created_at, '+7 hours');
    UPDATE proposal_counts_month SET n = n - 1
        WHERE office_id = old.office_id AND status = old.status AND month = strftime('%Y-%m', old.created_at, '+7 hours');
    INSERT INTO proposal_counts_day (office_id, status, day, n) VALUES (new.office_id, new.status, date(new.created_at, '+7 hours'), 1)
        ON CONFLICT (office_id, day, status) DO UPDATE SET n = n + 1;
    INSERT INTO proposal_counts_month (office_id, status, month, n) VALUES (new.office_id, new.status, strftime('%Y-%m', new.created_at, '+7 hours'), 1)
        ON CONFLICT (office_id, month, status) DO UPDATE SET n = n + 1;
END;
{{end}}
--bun:split
DROP TABLE proposal_counts_total;
--bun:split
DROP TABLE proposal_counts_year;
