// Package idempotency keeps the answers to requests sent with an
// Idempotency-Key header (IETF draft-ietf-httpapi-idempotency-key-header),
// so that a client retrying a create after a lost answer (a timeout, an
// outage just after the commit) gets the first answer back instead of
// filing a second proposal.
//
// A key belongs to one user. The first request with it reserves the key
// (status 0), runs, and stores its answer; a later request with the same
// key and the same fingerprint (method, path and body) replays that answer;
// one with another fingerprint is refused; one arriving while the first is
// still running is told so. Keys expire after TTL on the store's clock.
package idempotency

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/db"
)

// TTL is how long a key and its answer are kept: a day, long enough for any
// client's retries, short enough that the table stays small.
const TTL = 24 * time.Hour

// MaxKeyLength bounds a key, in bytes.
const MaxKeyLength = 255

// Record is one key of one user (table idempotency_keys).
type Record struct {
	bun.BaseModel `bun:"table:idempotency_keys"`

	ID          int64     `bun:",pk,autoincrement"`
	UserID      int64     `bun:",notnull"`
	Key         string    `bun:"idem_key,notnull"`
	Fingerprint string    `bun:",notnull"`
	Status      int       `bun:",notnull"` // 0 while the first request runs
	ContentType string    `bun:",notnull"`
	Location    string    `bun:",notnull"`
	Body        []byte    `bun:"body"`
	CreatedAt   time.Time `bun:",notnull"`
	ExpiresAt   time.Time `bun:",notnull"`
}

// Outcome is what Reserve found.
type Outcome int

// The outcomes of Reserve.
const (
	// Fresh: the key is now reserved for this request; run it, then Complete
	// or Release.
	Fresh Outcome = iota
	// Replay: the key was answered for the same request; send that answer.
	Replay
	// InProgress: the first request with the key has not answered yet.
	InProgress
	// Mismatch: the key was used for another request (another method, path
	// or body).
	Mismatch
)

// Store keeps the keys in the database; Clock dates them.
type Store struct {
	DB    bun.IDB
	Clock clock.Clock
}

// Reserve claims key for user and a request with fingerprint fp. With
// Fresh, the returned record is the reservation; with Replay, the stored
// answer. Expired keys (of anyone) are deleted first, so an expired key
// starts afresh. Two racing requests with one key: exactly one gets Fresh
// (the unique index decides), the other InProgress or Replay.
func (s *Store) Reserve(ctx context.Context, user int64, key, fp string) (Outcome, *Record, error) {
	now := s.Clock.Now()
	if _, err := s.DB.NewDelete().Model((*Record)(nil)).Where("expires_at <= ?", now).Exec(ctx); err != nil {
		return 0, nil, err
	}
	rec := &Record{UserID: user, Key: key, Fingerprint: fp, CreatedAt: now, ExpiresAt: now.Add(TTL)}
	_, err := s.DB.NewInsert().Model(rec).Exec(ctx)
	if err == nil {
		return Fresh, rec, nil
	}
	if !db.IsUniqueViolation(err) {
		return 0, nil, err
	}
	var got Record
	err = s.DB.NewSelect().Model(&got).Where("user_id = ?", user).Where("idem_key = ?", key).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		// Released by the first request between our insert and this read.
		return InProgress, nil, nil
	}
	if err != nil {
		return 0, nil, err
	}
	switch {
	case got.Fingerprint != fp:
		return Mismatch, &got, nil
	case got.Status == 0:
		return InProgress, &got, nil
	}
	return Replay, &got, nil
}

// Complete stores the answer of the request that reserved rec.
func (s *Store) Complete(ctx context.Context, rec *Record, status int, contentType, location string, body []byte) error {
	_, err := s.DB.NewUpdate().Model((*Record)(nil)).
		Set("status = ?", status).Set("content_type = ?", contentType).Set("location = ?", location).
		Set("body = ?", body).Where("id = ?", rec.ID).Exec(ctx)
	return err
}

// Release drops a reservation whose request failed before it changed
// anything, so a retry with the key runs afresh.
func (s *Store) Release(ctx context.Context, rec *Record) error {
	_, err := s.DB.NewDelete().Model((*Record)(nil)).Where("id = ?", rec.ID).Where("status = 0").Exec(ctx)
	return err
}
