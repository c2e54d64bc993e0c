// Package db opens the database named by a URL — PostgreSQL through pgdriver,
// or an embedded SQLite file (pure Go) — and runs the embedded migrations.
package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/driver/pgdriver"
	"github.com/uptrace/bun/migrate"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/kemenagjateng/usulan/migrations"
)

// Open connects to the database named by rawURL:
//   - postgres://… or postgresql://… → PostgreSQL (pgdriver, pgdialect);
//   - sqlite://PATH, file:PATH or a bare path → SQLite (modernc, sqlitedialect),
//     with WAL, a busy timeout, foreign keys and BEGIN IMMEDIATE so that
//     concurrent read-then-write transactions queue instead of failing.
//
// On PostgreSQL a read that meets a broken connection is run again on
// another one (retryReads).
//
// The folder of a SQLite file is created if missing.
func Open(rawURL string) (*bun.DB, error) {
	switch {
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		sqldb := sql.OpenDB(retryReads{pgdriver.NewConnector(pgdriver.WithDSN(rawURL),
			pgdriver.WithResetSessionFunc(checkAlive))})
		sqldb.SetMaxOpenConns(20)
		return bun.NewDB(sqldb, pgdialect.New()), nil
	default:
		path := rawURL
		path = strings.TrimPrefix(path, "sqlite://")
		path = strings.TrimPrefix(path, "sqlite:")
		path = strings.TrimPrefix(path, "file:")
		query := ""
		if i := strings.IndexByte(path, '?'); i >= 0 {
			path, query = path[:i], path[i+1:]
		}
		if path == "" {
			return nil, errors.New("DATABASE_URL: jalur berkas SQLite kosong")
		}
		if path != ":memory:" {
			if dir := filepath.Dir(path); dir != "." {
				if err := os.MkdirAll(dir, 0o750); err != nil {
					return nil, fmt.Errorf("membuat folder basis data: %w", err)
				}
			}
		}
		params := url.Values{}
		params.Add("_pragma", "busy_timeout(10000)")
		params.Add("_pragma", "journal_mode(WAL)")
		params.Add("_pragma", "foreign_keys(1)")
		params.Add("_pragma", "synchronous(NORMAL)")
		params.Set("_txlock", "immediate")
		dsn := "file:" + path + "?" + params.Encode()
		if query != "" {
			dsn += "&" + query
		}
		sqldb, err := sql.Open("sqlite", dsn)
		if err != nil {
			return nil, err
		}
		sqldb.SetMaxOpenConns(8)
		return bun.NewDB(sqldb, sqlitedialect.New()), nil
	}
}

// DialectName is "pg" or "sqlite".
func DialectName(db bun.IDB) string {
	if db.Dialect().Name().String() == "pg" {
		return "pg"
	}
	return "sqlite"
}

// Migrator returns bun's migrator over the embedded migrations, with the
// dialect's type names filled into the SQL templates.
func Migrator(db *bun.DB) *migrate.Migrator {
	return migrate.NewMigrator(db, migrations.Migrations,
		migrate.WithTemplateData(migrations.Dialect(DialectName(db))),
		migrate.WithMarkAppliedOnSuccess(true))
}

// MigrateUp applies every pending migration and returns how many ran.
func MigrateUp(ctx context.Context, db *bun.DB) (int, error) {
	m := Migrator(db)
	if err := m.Init(ctx); err != nil {
		return 0, err
	}
	if err := m.Lock(ctx); err != nil {
		return 0, err
	}
	defer m.Unlock(ctx) //nolint:errcheck
	g, err := m.Migrate(ctx)
	if err != nil {
		return 0, err
	}
	return len(g.Migrations), nil
}

// MigrateDown rolls back the last group of migrations.
func MigrateDown(ctx context.Context, db *bun.DB) (int, error) {
	m := Migrator(db)
	if err := m.Init(ctx); err != nil {
		return 0, err
	}
	if err := m.Lock(ctx); err != nil {
		return 0, err
	}
	defer m.Unlock(ctx) //nolint:errcheck
	g, err := m.Rollback(ctx)
	if err != nil {
		return 0, err
	}
	return len(g.Migrations), nil
}

// IsUniqueViolation reports whether err is a unique-constraint failure on
// either database.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	var pgErr pgdriver.Error
	if errors.As(err, &pgErr) {
		return pgErr.Field('C') == "23505"
	}
	return strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// checkAlive runs before a pooled PostgreSQL connection is reused. An idle
// connection has nothing to read; when the server has ended it (a restart,
// pg_terminate_backend, a proxy's idle timeout) the socket holds the FATAL
// message or EOF. Such a connection is discarded (driver.ErrBadConn), so
// database/sql takes another or dials anew instead of failing the request
// with SQLSTATE 57P01. The check is one non-blocking peek at the socket
// (peerClosed, the same idea as pgx's connection check).
func checkAlive(_ context.Context, cn *pgdriver.Conn) error {
	nc := cn.Conn()
	if nc == nil {
		return driver.ErrBadConn
	}
	if peerClosed(nc) {
		return driver.ErrBadConn
	}
	return nil
}

// IsUnavailable reports whether err means the database cannot be reached
// or is going away (refused or reset connections, a server shutting down,
// a closed pool, SQLite busy past its timeout): the request may succeed
// later, so it is a 503, not a 500.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) || errors.Is(err, io.EOF) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	var pgErr pgdriver.Error
	if errors.As(err, &pgErr) {
		code := pgErr.Field('C')
		// 08: connection exception; 57P01–57P03: admin or crash shutdown,
		// cannot connect now; 53300: too many connections.
		return strings.HasPrefix(code, "08") || strings.HasPrefix(code, "57P") || code == "53300"
	}
	msg := err.Error()
	return strings.Contains(msg, "sql: database is closed") || strings.Contains(msg, "database is locked") ||
		strings.Contains(msg, "SQLITE_BUSY")
}

// MaintenanceTimeout bounds one network read or write of a maintenance
// statement on PostgreSQL (migrations, the demo fill, VACUUM ANALYZE),
// against pgdriver's 10 s default meant for requests.
const MaintenanceTimeout = 30 * time.Minute

// Maintenance returns rawURL for a connection that runs long statements:
// on PostgreSQL it sets read_timeout and write_timeout to
// MaintenanceTimeout unless the URL sets them; other URLs are returned
// unchanged. A statement that builds an index over 100,000 proposals, or
// the demo's VACUUM ANALYZE, can take longer than 10 s on a loaded machine.
func Maintenance(rawURL string) string {
	if !strings.HasPrefix(rawURL, "postgres://") && !strings.HasPrefix(rawURL, "postgresql://") {
		return rawURL
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	q := u.Query()
	for _, k := range []string{"read_timeout", "write_timeout"} {
		if q.Get(k) == "" {
			q.Set(k, MaintenanceTimeout.String())
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}
