-- Issue 13: the home page's totals read every monthly counter row (a few
-- thousand once an office has years of proposals in every status) and a
-- year-to-date recap eleven months of them plus the days of this month.
-- Two more counters, kept by the same triggers in the same transaction:
-- proposal_counts_year (office, status, Jakarta year of creation) and
-- proposal_counts_total (office, status, kind). A year-to-date recap is then
-- this year's rows less the days after today (none); the home page, and the
-- exact total of a list filtered by status, office or kind alone, read at
-- most one row per office, status and kind. Lock order stays one order: day,
-- month, year, total rows, and within each table by key (20261207200002).
CREATE TABLE proposal_counts_year (
    office_id {{.BigInt}} NOT NULL,
    status TEXT NOT NULL,
    year TEXT NOT NULL,
    n {{.BigInt}} NOT NULL,
    PRIMARY KEY (office_id, year, status)
);
--bun:split
CREATE INDEX proposal_counts_year_year ON proposal_counts_year (year, office_id, status, n);
--bun:split
CREATE TABLE proposal_counts_total (
    office_id {{.BigInt}} NOT NULL,
    status TEXT NOT NULL,
    kind TEXT NOT NULL,
    n {{.BigInt}} NOT NULL,
    PRIMARY KEY (office_id, status, kind)
);
--bun:split
CREATE INDEX proposal_counts_total_status ON proposal_counts_total (status, kind, office_id, n);
--bun:split
INSERT INTO proposal_counts_year (office_id, status, year, n)
SELECT office_id, status, substr(month, 1, 4), sum(n) FROM proposal_counts_month GROUP BY office_id, status, substr(month, 1, 4);
--bun:split
INSERT INTO proposal_counts_total (office_id, status, kind, n)
SELECT office_id, status, kind, count(*) FROM proposals GROUP BY office_id, status, kind;
--bun:split
{{if .PG}}
CREATE FUNCTION proposal_counts_year_bump(o BIGINT, st TEXT, yy TEXT, d INTEGER) RETURNS void AS $$
BEGIN
    INSERT INTO proposal_counts_year (office_id, status, year, n) VALUES (o, st, yy, d)
        ON CONFLICT (office_id, year, status) DO UPDATE SET n = proposal_counts_year.n + d;
END $$ LANGUAGE plpgsql;
--bun:split
CREATE FUNCTION proposal_counts_total_bump(o BIGINT, st TEXT, k TEXT, d INTEGER) RETURNS void AS $$
BEGIN
    INSERT INTO proposal_counts_total (office_id, status, kind, n) VALUES (o, st, k, d)
        ON CONFLICT (office_id, status, kind) DO UPDATE SET n = proposal_counts_total.n + d;
END $$ LANGUAGE plpgsql;
--bun:split
DROP FUNCTION proposal_counts_bump(BIGINT, TEXT, TIMESTAMPTZ, INTEGER);
--bun:split
CREATE FUNCTION proposal_counts_bump(o BIGINT, st TEXT, k TEXT, ts TIMESTAMPTZ, d INTEGER) RETURNS void AS $$
DECLARE
    dd TEXT := to_char((ts AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD');
BEGIN
    PERFORM proposal_counts_day_bump(o, st, dd, d);
    PERFORM proposal_counts_month_bump(o, st, substr(dd, 1, 7), d);
    PERFORM proposal_counts_year_bump(o, st, substr(dd, 1, 4), d);
    PERFORM proposal_counts_total_bump(o, st, k, d);
END $$ LANGUAGE plpgsql;
--bun:split
CREATE OR REPLACE FUNCTION proposal_counts_trigger() RETURNS trigger AS $$
DECLARE
    od TEXT;
    nd TEXT;
BEGIN
    -- One row of each table: proposal_counts_bump takes day, month, year, total.
    IF TG_OP = 'INSERT' THEN
        PERFORM proposal_counts_bump(NEW.office_id, NEW.status, NEW.kind, NEW.created_at, 1);
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        PERFORM proposal_counts_bump(OLD.office_id, OLD.status, OLD.kind, OLD.created_at, -1);
        RETURN NULL;
    END IF;
    IF NEW.office_id IS NOT DISTINCT FROM OLD.office_id AND NEW.status IS NOT DISTINCT FROM OLD.status
        AND NEW.created_at IS NOT DISTINCT FROM OLD.created_at AND NEW.kind IS NOT DISTINCT FROM OLD.kind THEN
        RETURN NULL;
    END IF;
    od := to_char((OLD.created_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD');
    nd := to_char((NEW.created_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD');
    -- Two rows of each table: day, month, year, total, each pair by key.
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
    IF (OLD.office_id, substr(od, 1, 4), OLD.status) < (NEW.office_id, substr(nd, 1, 4), NEW.status) THEN
        PERFORM proposal_counts_year_bump(OLD.office_id, OLD.status, substr(od, 1, 4), -1);
        PERFORM proposal_counts_year_bump(NEW.office_id, NEW.status, substr(nd, 1, 4), 1);
    ELSE
        PERFORM proposal_counts_year_bump(NEW.office_id, NEW.status, substr(nd, 1, 4), 1);
        PERFORM proposal_counts_year_bump(OLD.office_id, OLD.status, substr(od, 1, 4), -1);
    END IF;
    IF (OLD.office_id, OLD.status, OLD.kind) < (NEW.office_id, NEW.status, NEW.kind) THEN
        PERFORM proposal_counts_total_bump(OLD.office_id, OLD.status, OLD.kind, -1);
        PERFORM proposal_counts_total_bump(NEW.office_id, NEW.status, NEW.kind, 1);
    ELSE
        PERFORM proposal_counts_total_bump(NEW.office_id, NEW.status, NEW.kind, 1);
        PERFORM proposal_counts_total_bump(OLD.office_id, OLD.status, OLD.kind, -1);
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
--bun:split
DROP TRIGGER proposal_counts ON proposals;
--bun:split
CREATE TRIGGER proposal_counts AFTER INSERT OR UPDATE OF office_id, status, created_at, kind OR DELETE ON proposals
    FOR EACH ROW EXECUTE FUNCTION proposal_counts_trigger();
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
    INSERT INTO proposal_counts_year (office_id, status, year, n) VALUES (new.office_id, new.status, strftime('%Y', new.created_at, '+7 hours'), 1)
        ON CONFLICT (office_id, year, status) DO UPDATE SET n = n + 1;
    INSERT INTO proposal_counts_total (office_id, status, kind, n) VALUES (new.office_id, new.status, new.kind, 1)
        ON CONFLICT (office_id, status, kind) DO UPDATE SET n = n + 1;
END;
--bun:split
CREATE TRIGGER proposal_counts_delete AFTER DELETE ON proposals BEGIN
    UPDATE proposal_counts_day SET n = n - 1
        WHERE office_id = old.office_id AND status = old.status AND day = date(old.created_at, '+7 hours');
    UPDATE proposal_counts_month SET n = n - 1
        WHERE office_id = old.office_id AND status = old.status AND month = strftime('%Y-%m', old.created_at, '+7 hours');
    UPDATE proposal_counts_year SET n = n - 1
        WHERE office_id = old.office_id AND status = old.status AND year = strftime('%Y', old.created_at, '+7 hours');
    UPDATE proposal_counts_total SET n = n - 1 WHERE office_id = old.office_id AND status = old.status AND kind = old.kind;
END;
--bun:split
CREATE TRIGGER proposal_counts_update AFTER UPDATE OF office_id, status, created_at, kind ON proposals
WHEN new.office_id IS NOT old.office_id OR new.status IS NOT old.status OR new.created_at IS NOT old.created_at
    OR new.kind IS NOT old.kind
BEGIN
    UPDATE proposal_counts_day SET n = n - 1
        WHERE office_id = old.office_id AND status = old.status AND day = date(old.created_at, '+7 hours');
    UPDATE proposal_counts_month SET n = n - 1
        WHERE office_id = old.office_id AND status = old.status AND month = strftime('%Y-%m', old.created_at, '+7 hours');
    UPDATE proposal_counts_year SET n = n - 1
        WHERE office_id = old.office_id AND status = old.status AND year = strftime('%Y', old.created_at, '+7 hours');
    UPDATE proposal_counts_total SET n = n - 1 WHERE office_id = old.office_id AND status = old.status AND kind = old.kind;
    INSERT INTO proposal_counts_day (office_id, status, day, n) VALUES (new.office_id, new.status, date(new.created_at, '+7 hours'), 1)
        ON CONFLICT (office_id, day, status) DO UPDATE SET n = n + 1;
    INSERT INTO proposal_counts_month (office_id, status, month, n) VALUES (new.office_id, new.status, strftime('%Y-%m', new.created_at, '+7 hours'), 1)
        ON CONFLICT (office_id, month, status) DO UPDATE SET n = n + 1;
    INSERT INTO proposal_counts_year (office_id, status, year, n) VALUES (new.office_id, new.status, strftime('%Y', new.created_at, '+7 hours'), 1)
        ON CONFLICT (office_id, year, status) DO UPDATE SET n = n + 1;
    INSERT INTO proposal_counts_total (office_id, status, kind, n) VALUES (new.office_id, new.status, new.kind, 1)
        ON CONFLICT (office_id, status, kind) DO UPDATE SET n = n + 1;
END;
{{end}}
