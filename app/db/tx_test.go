package db_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/db"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
)

// Two transactions that lock two rows in opposite orders deadlock on
// PostgreSQL: the one PostgreSQL ends (40P01) is run again by InTx, so both
// commit, and the victim's function ran twice (three runs in all). On
// SQLite, one writer at a time: each runs once.
func TestInTxRunsADeadlockVictimAgain(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t)
	pg := d.Dialect().Name().String() == "pg"
	if _, err := d.ExecContext(ctx, "CREATE TABLE tx_race (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.ExecContext(ctx, "INSERT INTO tx_race (id, n) VALUES (1, 0), (2, 0)"); err != nil {
		t.Fatal(err)
	}
	var runs atomic.Int32
	// Both hold their first row before either asks for its second (on the
	// first run only: a run again goes straight through).
	var first sync.WaitGroup
	first.Add(2)
	bump := func(a, b int) func(ctx context.Context, tx bun.Tx) error {
		run := 0
		return func(ctx context.Context, tx bun.Tx) error {
			runs.Add(1)
			run++
			if _, err := tx.ExecContext(ctx, "UPDATE tx_race SET n = n + 1 WHERE id = ?", a); err != nil {
				return err
			}
			if run == 1 && pg {
				first.Done()
				first.Wait()
			}
			_, err := tx.ExecContext(ctx, "UPDATE tx_race SET n = n + 1 WHERE id = ?", b)
			return err
		}
	}
	errs := make([]error, 2)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); errs[0] = db.InTx(ctx, d, bump(1, 2)) }()
	go func() { defer wg.Done(); errs[1] = db.InTx(ctx, d, bump(2, 1)) }()
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		t.Fatalf("errors %v", errs)
	}
	var sum int
	if err := d.NewRaw("SELECT sum(n) FROM tx_race").Scan(ctx, &sum); err != nil || sum != 4 {
		t.Fatalf("sum %d (%v), want 4: each transaction's two updates once", sum, err)
	}
	want := int32(2)
	if pg {
		want = 3
	}
	if n := runs.Load(); n != want {
		t.Fatalf("%d runs, want %d", n, want)
	}

	// Another error is returned at once, after one run.
	runs.Store(0)
	boom := errors.New("boom")
	err := db.InTx(ctx, d, func(context.Context, bun.Tx) error { runs.Add(1); return boom })
	if !errors.Is(err, boom) || runs.Load() != 1 {
		t.Fatalf("%v after %d runs, want boom after 1", err, runs.Load())
	}
}

// Inside a transaction InTx runs fn once in a savepoint: rolled back alone
// when fn fails, committed with the outer transaction when it succeeds.
func TestInTxInsideATransactionUsesASavepoint(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t)
	if _, err := d.ExecContext(ctx, "CREATE TABLE tx_nested (id INTEGER PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	runs := 0
	err := d.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := db.InTx(ctx, tx, func(ctx context.Context, tx bun.Tx) error {
			runs++
			_, err := tx.ExecContext(ctx, "INSERT INTO tx_nested (id) VALUES (1)")
			return err
		}); err != nil {
			return err
		}
		err := db.InTx(ctx, tx, func(ctx context.Context, tx bun.Tx) error {
			runs++
			if _, err := tx.ExecContext(ctx, "INSERT INTO tx_nested (id) VALUES (2)"); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Errorf("inner error %v, want boom", err)
		}
		return nil
	})
	var ids []int
	if err2 := d.NewRaw("SELECT id FROM tx_nested ORDER BY id").Scan(ctx, &ids); err != nil || err2 != nil ||
		len(ids) != 1 || ids[0] != 1 || runs != 2 {
		t.Fatalf("rows %v after %d runs (%v, %v), want [1] after 2", ids, runs, err, err2)
	}
}
