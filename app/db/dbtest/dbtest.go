// Package dbtest hands each test a fresh, migrated database: a temporary
// SQLite file by default, or — when TEST_DATABASE_URL names a PostgreSQL
// database — a schema of its own in it, dropped afterwards. Under CI an
// unreachable PostgreSQL fails the test instead of skipping it.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access/scopecheck"
	"github.com/kemenagjateng/usulan/app/db"
)

// Open returns a migrated database for t, closed and removed at cleanup.
// On SQLite it is a copy of one database migrated once per test binary
// (migrating costs tens of milliseconds, copying a fraction of one).
func Open(t testing.TB) *bun.DB {
	t.Helper()
	var d *bun.DB
	if os.Getenv("TEST_DATABASE_URL") != "" {
		d = OpenEmpty(t)
	} else {
		tmpl, err := migratedTemplate()
		if err != nil {
			t.Fatalf("migrated template: %v", err)
		}
		path := filepath.Join(t.TempDir(), "test.db")
		if err := os.WriteFile(path, tmpl, 0o600); err != nil {
			t.Fatal(err)
		}
		if d, err = db.Open("sqlite://" + path); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
	}
	if _, err := db.MigrateUp(context.Background(), d); err != nil {
		t.Fatalf("migrate up: %v", err)
	}
	// Every query on an office-owned table must come from app/store
	// (issue 12; scopecheck.Exempt names the few places that may not).
	origin := &scopecheck.Origin{}
	t.Cleanup(func() {
		for _, f := range origin.Findings() {
			t.Errorf("%s", f)
		}
	})
	return WithQueryHook(t, d, origin)
}

var template struct {
	once  sync.Once
	bytes []byte
	err   error
}

// migratedTemplate is the bytes of a freshly migrated SQLite database, made
// once per test binary (and checkpointed, so the file holds everything).
func migratedTemplate() ([]byte, error) {
	template.once.Do(func() {
		dir, err := os.MkdirTemp("", "usulan-dbtest-")
		if err != nil {
			template.err = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "template.db")
		d, err := db.Open("sqlite://" + path)
		if err != nil {
			template.err = err
			return
		}
		ctx := context.Background()
		if _, err := db.MigrateUp(ctx, d); err != nil {
			d.Close()
			template.err = err
			return
		}
		if _, err := d.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			d.Close()
			template.err = err
			return
		}
		if err := d.Close(); err != nil {
			template.err = err
			return
		}
		template.bytes, template.err = os.ReadFile(path)
	})
	return template.bytes, template.err
}

// OpenEmpty returns an unmigrated database for t.
func OpenEmpty(t testing.TB) *bun.DB {
	t.Helper()
	if pg := os.Getenv("TEST_DATABASE_URL"); pg != "" {
		return openPG(t, pg)
	}
	d, err := db.Open("sqlite://" + filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// URL returns a database URL for a fresh database a separate process can use
// (for tests that start the binary), and its cleanup is registered on t.
func URL(t testing.TB) string {
	t.Helper()
	if pg := os.Getenv("TEST_DATABASE_URL"); pg != "" {
		schema := newSchema(t, pg)
		return withSearchPath(pg, schema)
	}
	return "sqlite://" + filepath.Join(t.TempDir(), "test.db")
}

func openPG(t testing.TB, base string) *bun.DB {
	schema := newSchema(t, base)
	u := withSearchPath(base, schema)
	d, err := db.Open(u)
	if err != nil {
		t.Fatal(err)
	}
	urls.Store(d, u)
	t.Cleanup(func() { urls.Delete(d); d.Close() })
	return d
}

var urls sync.Map // *bun.DB → its PostgreSQL URL

// URLOf is the URL a PostgreSQL test database was opened with (its schema
// as search_path), for what must open its own connections to the same
// database, such as the job engine; "" for SQLite.
func URLOf(d *bun.DB) string {
	if u, ok := urls.Load(d); ok {
		return u.(string)
	}
	return ""
}

func newSchema(t testing.TB, base string) string {
	t.Helper()
	admin, err := db.Open(base)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := admin.PingContext(ctx); err != nil {
		admin.Close()
		if os.Getenv("CI") != "" {
			t.Fatalf("TEST_DATABASE_URL is set but PostgreSQL is unreachable: %v", err)
		}
		t.Skipf("PostgreSQL unreachable: %v", err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	return schema
}

func withSearchPath(base, schema string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	q := u.Query()
	q.Set("search_path", schema)
	q.Set("application_name", schema) // so a test can find its own backends
	u.RawQuery = q.Encode()
	return strings.TrimSpace(u.String())
}

// WithQueryHook is d.WithQueryHook(h) that keeps d's PostgreSQL URL for
// URLOf (bun returns a new *bun.DB; code given the hooked one, such as the
// job engine's own pgx pool, still finds its database).
func WithQueryHook(t testing.TB, d *bun.DB, h bun.QueryHook) *bun.DB {
	hooked := d.WithQueryHook(h)
	if u, ok := urls.Load(d); ok {
		urls.Store(hooked, u)
		t.Cleanup(func() { urls.Delete(hooked) })
	}
	return hooked
}

// Plan is the plan of query: EXPLAIN QUERY PLAN's details on SQLite,
// EXPLAIN with sequential scans discouraged on PostgreSQL (a test table is
// small enough for a scan to win otherwise), one line per step.
func Plan(t testing.TB, db *bun.DB, query string) string {
	t.Helper()
	ctx := context.Background()
	var plan []string
	if db.Dialect().Name().String() == "pg" {
		err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if _, err := tx.ExecContext(ctx, "SET LOCAL enable_seqscan = off"); err != nil {
				return err
			}
			return tx.NewRaw("EXPLAIN "+query).Scan(ctx, &plan)
		})
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(plan, "\n")
	}
	rows, err := db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(plan, "\n")
}
