{{if .PG}}
CREATE OR REPLACE FUNCTION proposal_counts_trigger() RETURNS trigger AS $$
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
DROP FUNCTION IF EXISTS proposal_counts_month_bump(BIGINT, TEXT, TEXT, INTEGER);
--bun:split
DROP FUNCTION IF EXISTS proposal_counts_day_bump(BIGINT, TEXT, TEXT, INTEGER);
{{else}}
SELECT 1;
{{end}}
