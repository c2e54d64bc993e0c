package auth

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/clock"
)

// SessionStore keeps Fiber's sessions in the database (table sessions), so
// several app servers can share them. It implements fiber.Storage.
type SessionStore struct {
	DB    *bun.DB
	Clock clock.Clock
}

type sessionRow struct {
	bun.BaseModel `bun:"table:sessions"`
	Key           string `bun:"key,pk"`
	Data          []byte `bun:"data,notnull"`
	ExpiresAt     int64  `bun:"expires_at,notnull"`
}

// Get returns the stored value, or nil when missing or expired.
func (s *SessionStore) Get(key string) ([]byte, error) {
	var r sessionRow
	err := s.DB.NewSelect().Model(&r).Where("key = ?", key).Scan(context.Background())
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if r.ExpiresAt != 0 && r.ExpiresAt < s.Clock.Now().Unix() {
		return nil, nil
	}
	return r.Data, nil
}

// Set stores val under key for exp (0 = no expiry).
func (s *SessionStore) Set(key string, val []byte, exp time.Duration) error {
	if key == "" || len(val) == 0 {
		return nil
	}
	var expires int64
	if exp > 0 {
		expires = s.Clock.Now().Add(exp).Unix()
	}
	r := &sessionRow{Key: key, Data: val, ExpiresAt: expires}
	_, err := s.DB.NewInsert().Model(r).On("CONFLICT (key) DO UPDATE").
		Set("data = EXCLUDED.data").Set("expires_at = EXCLUDED.expires_at").Exec(context.Background())
	return err
}

// Delete removes key.
func (s *SessionStore) Delete(key string) error {
	_, err := s.DB.NewDelete().Model((*sessionRow)(nil)).Where("key = ?", key).Exec(context.Background())
	return err
}

// Reset removes every session.
func (s *SessionStore) Reset() error {
	_, err := s.DB.NewDelete().Model((*sessionRow)(nil)).Where("1 = 1").Exec(context.Background())
	return err
}

// Close does nothing: the database is closed by its owner.
func (s *SessionStore) Close() error { return nil }

// DeleteExpired removes expired sessions and old login attempts.
func (s *SessionStore) DeleteExpired(ctx context.Context) error {
	now := s.Clock.Now()
	if _, err := s.DB.NewDelete().Model((*sessionRow)(nil)).Where("expires_at > 0 AND expires_at < ?", now.Unix()).Exec(ctx); err != nil {
		return err
	}
	_, err := s.DB.NewDelete().Model((*loginAttempt)(nil)).Where("created_at < ?", now.UTC().Add(-24*time.Hour)).Exec(ctx)
	return err
}
