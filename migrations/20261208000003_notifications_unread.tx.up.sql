-- Issue 13: the unread badge counts a user's unread notifications up to
-- 100 on every page. Through notifications_user (user_id, read_at, id)
-- PostgreSQL chose a bitmap scan, which reads every entry of the user
-- before the limit applies (9,884 for a verifier of the 100,000-proposal
-- demo). This index holds the unread alone, in id order, so the badge's
-- query (newest first, LIMIT 100) stops after 100 entries.
CREATE INDEX notifications_unread ON notifications (user_id, id) WHERE read_at IS NULL;
