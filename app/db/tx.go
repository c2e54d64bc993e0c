package db

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/driver/pgdriver"
)

// TxTries is how many times InTx runs a transaction that PostgreSQL ends
// as a deadlock victim or a serialization failure.
const TxTries = 5

// InTx runs fn in a transaction, committed when fn returns nil. When
// PostgreSQL rolls the transaction back as a deadlock victim (40P01) or for
// a serialization failure (40001), nothing of it was written, and the whole
// transaction is run again (up to TxTries runs, after a short random pause,
// so two victims do not meet again in step). Any other error, and a
// context ended, is returned as is.
//
// fn may therefore run more than once: it must take what it writes from its
// inputs and set what it hands out (ids, counts, results) afresh on each
// run, never carrying anything over from a run that was rolled back.
//
// SQLite runs one writer at a time (BEGIN IMMEDIATE with a busy timeout):
// there fn runs once. Inside a transaction already (d a bun.Tx), fn runs in
// a savepoint, once: the outermost transaction is the one run again.
func InTx(ctx context.Context, d bun.IDB, fn func(ctx context.Context, tx bun.Tx) error) error {
	if _, top := d.(*bun.DB); !top {
		return d.RunInTx(ctx, nil, fn)
	}
	var err error
	for try := 1; ; try++ {
		err = d.RunInTx(ctx, nil, fn)
		if err == nil || try == TxTries || !Retryable(err) || ctx.Err() != nil {
			return err
		}
		pause := time.Duration(try) * 5 * time.Millisecond
		t := time.NewTimer(pause/2 + rand.N(pause))
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
	}
}

// Retryable reports whether err is PostgreSQL ending a transaction that can
// simply be run again: a deadlock (40P01) or a serialization failure
// (40001).
func Retryable(err error) bool {
	var pgErr pgdriver.Error
	if !errors.As(err, &pgErr) {
		return false
	}
	code := pgErr.Field('C')
	return code == "40P01" || code == "40001"
}
