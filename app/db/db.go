// Package db opens the database named by a URL — PostgreSQL through pgdriver,
// or an embedded SQLite file (pure Go) — and runs the embedded migrations.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

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
// The folder of a SQLite file is created if missing.
func Open(rawURL string) (*bun.DB, error) {
	switch {
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		sqldb := sql.OpenDB(pgdriver.NewConnector(pgdriver.WithDSN(rawURL)))
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
