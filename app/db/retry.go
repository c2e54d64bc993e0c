package db

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/uptrace/bun/driver/pgdriver"
)

// retryReads wraps a PostgreSQL connector so that a read (a statement
// starting with SELECT, outside a transaction) that fails because its
// connection broke — reset, closed by a server restart (57P01–57P03) — is
// reported to database/sql as driver.ErrBadConn. database/sql then drops
// that connection and runs the read again on another one, so a request
// that met a dead connection answers normally instead of 503. Writes and
// everything inside a transaction keep their error: they may have taken
// effect, and a transaction cannot move to another connection.
type retryReads struct{ driver.Connector }

// Connect wraps each new connection.
func (r retryReads) Connect(ctx context.Context) (driver.Conn, error) {
	cn, err := r.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &retryConn{Conn: cn}, nil
}

// pgConn is what database/sql uses of a pgdriver connection.
type pgConn interface {
	driver.Conn
	driver.QueryerContext
	driver.ExecerContext
	driver.ConnPrepareContext
	driver.ConnBeginTx
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// retryConn is one wrapped connection; inTx is set between BeginTx and the
// end of the transaction (database/sql uses a connection from one
// goroutine at a time).
type retryConn struct {
	driver.Conn
	inTx bool
}

func (c *retryConn) inner() pgConn { return c.Conn.(pgConn) }

// QueryContext runs the query; a broken connection under a read outside a
// transaction becomes driver.ErrBadConn (retried elsewhere).
func (c *retryConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	rows, err := c.inner().QueryContext(ctx, query, args)
	if c.inTx || !isRead(query) || ctx.Err() != nil {
		return rows, err
	}
	if err != nil {
		if brokenConn(err) {
			return nil, driver.ErrBadConn // database/sql closes this connection
		}
		return nil, err
	}
	// PostgreSQL describes the columns before it runs the query, so a
	// connection ended while the query runs fails on the first row: read
	// it here, where the read can still be retried.
	first := make([]driver.Value, len(rows.Columns()))
	err = rows.Next(first)
	if err != nil && err != io.EOF && brokenConn(err) && ctx.Err() == nil {
		_ = rows.Close()
		return nil, driver.ErrBadConn
	}
	return &peekedRows{Rows: rows, first: first, firstErr: err}, nil
}

// peekedRows hands out the row (or the end, or the error) read ahead, then
// the rest.
type peekedRows struct {
	driver.Rows
	first    []driver.Value
	firstErr error
	served   bool
}

// Next gives the row read ahead first.
func (r *peekedRows) Next(dest []driver.Value) error {
	if r.served {
		return r.Rows.Next(dest)
	}
	r.served = true
	if r.firstErr != nil {
		return r.firstErr
	}
	copy(dest, r.first)
	return nil
}

// ExecContext is passed through.
func (c *retryConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.inner().ExecContext(ctx, query, args)
}

// PrepareContext is passed through.
func (c *retryConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.inner().PrepareContext(ctx, query)
}

// BeginTx starts a transaction; reads inside it are never retried.
func (c *retryConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	tx, err := c.inner().BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	c.inTx = true
	return &retryTx{Tx: tx, c: c}, nil
}

// Ping is passed through.
func (c *retryConn) Ping(ctx context.Context) error { return c.inner().Ping(ctx) }

// ResetSession is passed through (checkAlive runs there).
func (c *retryConn) ResetSession(ctx context.Context) error {
	c.inTx = false
	return c.inner().ResetSession(ctx)
}

// IsValid is passed through.
func (c *retryConn) IsValid() bool { return c.inner().IsValid() }

type retryTx struct {
	driver.Tx
	c *retryConn
}

func (t *retryTx) Commit() error {
	t.c.inTx = false
	return t.Tx.Commit()
}

func (t *retryTx) Rollback() error {
	t.c.inTx = false
	return t.Tx.Rollback()
}

// isRead: a statement that only reads (a SELECT; a WITH may hold a write,
// and SELECT … FOR UPDATE only happens inside transactions).
func isRead(query string) bool {
	q := strings.TrimLeft(query, " \t\r\n(")
	return len(q) >= 6 && strings.EqualFold(q[:6], "select")
}

// brokenConn: the connection is gone (reset, closed, ended by the server),
// as opposed to a query error or a timeout (a slow read is not run twice).
func brokenConn(err error) bool {
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) || errors.Is(err, net.ErrClosed) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) && !ne.Timeout() {
		return true
	}
	var pgErr pgdriver.Error
	if errors.As(err, &pgErr) {
		code := pgErr.Field('C')
		return code == "57P01" || code == "57P02" || code == "57P03"
	}
	return false
}
