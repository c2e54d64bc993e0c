-- The JF post each person last received through a completed JFT proposal
-- (its decree), one row per NIP, kept by the workflow when a proposal is
-- completed. The staffing forecast reads it for register entries without
-- a current post, instead of every completed proposal's candidates (2.3 s
-- at 100,000 proposals; issue 13/14).
CREATE TABLE jf_posts (
    nip TEXT PRIMARY KEY,
    proposal_id {{.BigInt}} NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    office_id {{.BigInt}} NOT NULL,
    position TEXT NOT NULL,
    level TEXT NOT NULL,
    decree_date TEXT
);
--bun:split
CREATE INDEX jf_posts_office ON jf_posts (office_id);
--bun:split
INSERT INTO jf_posts (nip, proposal_id, office_id, position, level, decree_date)
SELECT x.nip, x.id, x.office_id, x.position, x.level, x.decree_date FROM (
    SELECT c.nip, p.id, p.office_id, p.position, p.level, p.decree_date,
        ROW_NUMBER() OVER (PARTITION BY c.nip ORDER BY p.id DESC) AS n
    FROM candidates AS c JOIN proposals AS p ON p.id = c.proposal_id
    WHERE p.status = 'completed' AND p.kind = 'jft' AND c.verdict <> 'not_eligible'
) AS x
WHERE x.n = 1;
