-- Issue 13: the unread badge counts a user's unread notifications up to
-- 100 on every page. Through notifications_user (user_id, read_at, id)
-- PostgreSQL chose a bitmap scan, which reads every entry of the user
-- before the limit applies (9,884 for a verifier of the 100,000-proposal
-- demo, all read or not). This index holds the unread alone: an index-only
-- scan of it stops at the badge's LIMIT, a bitmap scan of it reads the
-- user's unread only.
CREATE INDEX notifications_unread ON notifications (user_id, id) WHERE read_at IS NULL;
