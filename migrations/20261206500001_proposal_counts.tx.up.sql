-- Issue 13: the home page's counts and the recap read counters, not every
-- proposal. proposal_counts_day holds, per office, status and Jakarta day of
-- creation, how many proposals stand there; proposal_counts_month the same
-- per month. Triggers on proposals keep both in step in the writing
-- transaction, whatever code path writes (Jakarta is UTC+7 all year).
CREATE TABLE proposal_counts_day (
    office_id {{.BigInt}} NOT NULL,
    status TEXT NOT NULL,
    day TEXT NOT NULL,
    n {{.BigInt}} NOT NULL,
    PRIMARY KEY (office_id, day, status)
);
--bun:split
CREATE INDEX proposal_counts_day_day ON proposal_counts_day (day, office_id, status, n);
--bun:split
CREATE TABLE proposal_counts_month (
    office_id {{.BigInt}} NOT NULL,
    status TEXT NOT NULL,
    month TEXT NOT NULL,
    n {{.BigInt}} NOT NULL,
    PRIMARY KEY (office_id, month, status)
);
--bun:split
CREATE INDEX proposal_counts_month_month ON proposal_counts_month (month, office_id, status, n);
--bun:split
CREATE INDEX proposal_counts_month_status ON proposal_counts_month (status, office_id, n);
--bun:split
{{if .PG}}
INSERT INTO proposal_counts_day (office_id, status, day, n)
SELECT office_id, status, to_char((created_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD'), count(*)
FROM proposals GROUP BY 1, 2, 3;
{{else}}
INSERT INTO proposal_counts_day (office_id, status, day, n)
SELECT office_id, status, date(created_at, '+7 hours'), count(*) FROM proposals GROUP BY 1, 2, 3;
{{end}}
--bun:split
INSERT INTO proposal_counts_month (office_id, status, month, n)
SELECT office_id, status, substr(day, 1, 7), sum(n) FROM proposal_counts_day GROUP BY 1, 2, 3;
--bun:split
{{if .PG}}
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
CREATE FUNCTION proposal_counts_trigger() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.office_id IS NOT DISTINCT FROM OLD.office_id AND NEW.status IS NOT DISTINCT FROM OLD.status
            AND NEW.created_at IS NOT DISTINCT FROM OLD.created_at THEN
            RETURN NULL;
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM proposal_counts_bump(OLD.office_id, OLD.status, OLD.created_at, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM proposal_counts_bump(NEW.office_id, NEW.status, NEW.created_at, 1);
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
--bun:split
CREATE TRIGGER proposal_counts AFTER INSERT OR UPDATE OF office_id, status, created_at OR DELETE ON proposals
    FOR EACH ROW EXECUTE FUNCTION proposal_counts_trigger();
{{else}}
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
