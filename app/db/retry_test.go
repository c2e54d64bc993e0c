package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io"
	"syscall"
	"testing"
)

// fakeConnector hands out connections that fail their first query with
// failWith (once per connector) and answer 1 afterwards.
type fakeConnector struct {
	failWith error
	failed   bool
	connects int
	queries  []string
}

func (f *fakeConnector) Connect(context.Context) (driver.Conn, error) {
	f.connects++
	return &fakeConn{f: f}, nil
}
func (f *fakeConnector) Driver() driver.Driver { return nil }

type fakeConn struct{ f *fakeConnector }

func (c *fakeConn) Prepare(string) (driver.Stmt, error) { return nil, fmt.Errorf("no prepare") }
func (c *fakeConn) PrepareContext(context.Context, string) (driver.Stmt, error) {
	return nil, fmt.Errorf("no prepare")
}
func (c *fakeConn) Close() error              { return nil }
func (c *fakeConn) Begin() (driver.Tx, error) { return fakeTx{}, nil }
func (c *fakeConn) BeginTx(context.Context, driver.TxOptions) (driver.Tx, error) {
	return fakeTx{}, nil
}
func (c *fakeConn) Ping(context.Context) error         { return nil }
func (c *fakeConn) ResetSession(context.Context) error { return nil }
func (c *fakeConn) IsValid() bool                      { return true }
func (c *fakeConn) ExecContext(_ context.Context, q string, _ []driver.NamedValue) (driver.Result, error) {
	return driver.RowsAffected(1), nil
}
func (c *fakeConn) QueryContext(_ context.Context, q string, _ []driver.NamedValue) (driver.Rows, error) {
	c.f.queries = append(c.f.queries, q)
	if !c.f.failed {
		c.f.failed = true
		return nil, c.f.failWith
	}
	return &oneRow{}, nil
}

type fakeTx struct{}

func (fakeTx) Commit() error   { return nil }
func (fakeTx) Rollback() error { return nil }

type oneRow struct{ done bool }

func (r *oneRow) Columns() []string { return []string{"n"} }
func (r *oneRow) Close() error      { return nil }
func (r *oneRow) Next(dest []driver.Value) error {
	if r.done {
		return io.EOF
	}
	r.done = true
	dest[0] = int64(1)
	return nil
}

func TestReadsAreRetriedOnABrokenConnection(t *testing.T) {
	reset := fmt.Errorf("read tcp: %w", syscall.ECONNRESET)
	for _, tc := range []struct {
		name, query string
		err         error
		tx          bool
		retried     bool
	}{
		{"a read after a reset", "SELECT 1", reset, false, true},
		{"a read after EOF", "  select n FROM t", io.ErrUnexpectedEOF, false, true},
		{"a write after a reset", "INSERT INTO t VALUES (1) RETURNING id", reset, false, false},
		{"a read in a transaction", "SELECT 1", reset, true, false},
		{"a read after a query error", "SELECT 1", fmt.Errorf("syntax error"), false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeConnector{failWith: tc.err}
			d := sql.OpenDB(retryReads{f})
			defer d.Close()
			ctx := context.Background()
			var n int
			var err error
			if tc.tx {
				tx, terr := d.BeginTx(ctx, nil)
				if terr != nil {
					t.Fatal(terr)
				}
				err = tx.QueryRowContext(ctx, tc.query).Scan(&n)
				_ = tx.Rollback()
			} else {
				err = d.QueryRowContext(ctx, tc.query).Scan(&n)
			}
			if tc.retried {
				if err != nil || n != 1 || len(f.queries) != 2 || f.connects != 2 {
					t.Fatalf("n=%d err=%v after %d queries on %d connections, want 1 after 2 on 2", n, err,
						len(f.queries), f.connects)
				}
				return
			}
			if err == nil || len(f.queries) != 1 {
				t.Fatalf("err=%v after %d queries, want the error after 1", err, len(f.queries))
			}
		})
	}
}
