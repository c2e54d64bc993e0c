package store

import "context"

// InsertNotifications stores notifications (rows, a pointer to a slice of
// a model of the notifications table) for their recipients: the acting
// principal writes them for other users, so the rows are not checked.
func (s *Store) InsertNotifications(ctx context.Context, rows any) error {
	_, err := s.Insert(rows).Exec(ctx)
	return err
}
