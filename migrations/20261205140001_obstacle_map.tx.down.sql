DROP TABLE obstacle_events;
--bun:split
DROP TABLE obstacle_proposals;
--bun:split
DROP TABLE obstacles;
--bun:split
DROP INDEX events_proposal_status;
--bun:split
DROP INDEX proposals_submitted;
--bun:split
DROP TABLE decision_reasons;
