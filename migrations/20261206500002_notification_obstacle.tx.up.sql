-- Issue 14: a notice about an obstacle report links to that report.
ALTER TABLE notifications ADD COLUMN obstacle_id {{.BigInt}};
