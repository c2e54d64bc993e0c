ALTER TABLE notifications DROP COLUMN obstacle_id;
