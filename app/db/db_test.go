package db_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kemenagjateng/usulan/app/db"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/models"
	"github.com/uptrace/bun"
)

func TestMigrationsGoUpDownAndUpAgain(t *testing.T) {
	d := dbtest.OpenEmpty(t)
	ctx := context.Background()
	n, err := db.MigrateUp(ctx, d)
	if err != nil || n == 0 {
		t.Fatalf("up: %d %v", n, err)
	}
	count := func() int {
		c, err := d.NewSelect().Model((*models.Office)(nil)).Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return int(c)
	}
	if c := count(); c != 36 {
		t.Fatalf("offices after up: %d, want 36", c)
	}
	if again, err := db.MigrateUp(ctx, d); err != nil || again != 0 {
		t.Fatalf("second up applied %d (%v), want 0", again, err)
	}
	down, err := db.MigrateDown(ctx, d)
	if err != nil || down != n {
		t.Fatalf("down: %d %v, want %d", down, err, n)
	}
	if _, err := d.NewSelect().Model((*models.Office)(nil)).Count(ctx); err == nil {
		t.Fatal("offices table still exists after down")
	}
	if n2, err := db.MigrateUp(ctx, d); err != nil || n2 != n {
		t.Fatalf("up again: %d %v", n2, err)
	}
	if c := count(); c != 36 {
		t.Fatalf("offices after up again: %d", c)
	}
}

func TestOfficeCodesAreTheSeededOnes(t *testing.T) {
	d := dbtest.Open(t)
	var o models.Office
	if err := d.NewSelect().Model(&o).Where("code = ?", "Kk.11.03").Scan(context.Background()); err != nil {
		t.Fatal(err)
	}
	if o.Name != "Kantor Kementerian Agama Kabupaten Purbalingga" || o.Kind != "kabupaten" || o.CodeConfidence != "H" {
		t.Fatalf("Kk.11.03 = %+v", o)
	}
}

func TestDateColumnsKeepTheCalendarDate(t *testing.T) {
	d := dbtest.Open(t)
	ctx := context.Background()
	o := &models.Office{}
	if err := d.NewSelect().Model(o).Where("code = 'Kk.11.03'").Scan(ctx); err != nil {
		t.Fatal(err)
	}
	p := &models.Proposal{Kind: "jft", OfficeID: o.ID, Status: models.StatusDraft, Version: 1,
		ReferenceDate: models.MustDate("2024-02-29"), CreatedAt: models.MustDate("2024-01-01").Time(),
		UpdatedAt: models.MustDate("2024-01-01").Time()}
	if _, err := d.NewInsert().Model(p).Returning("id").Exec(ctx); err != nil {
		t.Fatal(err)
	}
	var got models.Proposal
	if err := d.NewSelect().Model(&got).Where("id = ?", p.ID).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	if got.ReferenceDate.String() != "2024-02-29" || !got.LetterDate.IsZero() {
		t.Fatalf("dates came back as %s / %v", got.ReferenceDate, got.LetterDate)
	}
}

func TestIsUniqueViolationOnBothDatabases(t *testing.T) {
	d := dbtest.Open(t)
	ctx := context.Background()
	_, err := d.NewInsert().Model(&models.Office{Code: "Kk.11.03", Kind: "kota", Name: "x", CodeConfidence: "L",
		CreatedAt: models.MustDate("2026-11-30").Time(), UpdatedAt: models.MustDate("2026-11-30").Time()}).Exec(ctx)
	if !db.IsUniqueViolation(err) {
		t.Fatalf("duplicate code: %v not recognised as a unique violation", err)
	}
}

// TestAPoolSurvivesItsConnectionsBeingEnded ends every server process of
// the pool (as a PostgreSQL restart does to idle connections): the next
// queries get new connections instead of SQLSTATE 57P01.
func TestAPoolSurvivesItsConnectionsBeingEnded(t *testing.T) {
	d := dbtest.Open(t)
	if db.DialectName(d) != "pg" {
		t.Skip("PostgreSQL only: SQLite has no server to restart")
	}
	ctx := context.Background()
	// Open a few pooled connections and leave them idle.
	conns := make([]bun.Conn, 3)
	for i := range conns {
		c, err := d.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns[i] = c
	}
	var app string
	if err := conns[0].QueryRowContext(ctx, "SELECT current_setting('application_name')").Scan(&app); err != nil {
		t.Fatal(err)
	}
	for _, c := range conns {
		c.Close()
	}
	// One connection ends the others and watches them go: the server
	// ends a backend asynchronously, and a restart's dead connections
	// are the ones whose process is gone.
	ctl, err := d.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer ctl.Close()
	var ended int
	if err := ctl.QueryRowContext(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE application_name = ? AND pid <> pg_backend_pid()`, app).Scan(&ended); err != nil {
		t.Fatal(err)
	}
	if ended < 1 {
		t.Fatalf("ended %d connections of %q", ended, app)
	}
	for i := 0; ; i++ {
		var left int
		if err := ctl.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE application_name = ? AND pid <> pg_backend_pid()`, app).Scan(&left); err != nil {
			t.Fatal(err)
		}
		if left == 0 {
			break
		}
		if i == 500 {
			t.Fatalf("%d ended backends still there after 5 s", left)
		}
		time.Sleep(10 * time.Millisecond)
	}
	// Hold four connections at once, so the pool must hand out the ended
	// ones too (one at a time it would reuse the live one it last had).
	held := make([]bun.Conn, 4)
	for i := range held {
		c, err := d.Conn(ctx)
		if err != nil {
			t.Fatalf("connection %d after the others were ended: %v", i+1, err)
		}
		defer c.Close()
		held[i] = c
	}
	for i, c := range held {
		var n int
		if err := c.QueryRowContext(ctx, "SELECT count(*) FROM offices").Scan(&n); err != nil || n != 36 {
			t.Fatalf("query on connection %d after the connections were ended: %d, %v", i+1, n, err)
		}
	}
}

func TestUnavailableErrorsAreRecognised(t *testing.T) {
	d := dbtest.Open(t)
	d.Close()
	_, err := d.ExecContext(context.Background(), "SELECT 1")
	if !db.IsUnavailable(err) {
		t.Fatalf("a closed pool's error %v is not 'unavailable'", err)
	}
	if db.IsUnavailable(errors.New("UNIQUE constraint failed: users.username")) {
		t.Fatal("a constraint violation counted as an outage")
	}
}

// A read whose connection the server ends mid-query (57P01, as in a
// restart) answers from another connection; a write keeps its error.
func TestAReadOnAConnectionEndedMidQueryIsRetried(t *testing.T) {
	d := dbtest.Open(t)
	if db.DialectName(d) != "pg" {
		t.Skip("PostgreSQL only: SQLite has no server to end a connection")
	}
	ctx := context.Background()
	if _, err := d.ExecContext(ctx, "CREATE SEQUENCE read_attempts"); err != nil {
		t.Fatal(err)
	}
	// end_self ends its own backend and is ended in its sleep, before any
	// row is sent (as a restart ends a running query).
	if _, err := d.ExecContext(ctx, `CREATE FUNCTION end_self() RETURNS boolean AS $$
		BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); PERFORM pg_sleep(5); RETURN true; END
		$$ LANGUAGE plpgsql`); err != nil {
		t.Fatal(err)
	}
	// The first attempt ends its backend (nextval is not rolled back); the
	// second answers true.
	var ok bool
	err := d.QueryRowContext(ctx, `SELECT CASE WHEN nextval('read_attempts') = 1
		THEN end_self() ELSE true END`).Scan(&ok)
	if err != nil || !ok {
		t.Fatalf("read on an ended connection: %v %v", ok, err)
	}
	var attempts int
	if err := d.QueryRowContext(ctx, "SELECT last_value FROM read_attempts").Scan(&attempts); err != nil || attempts != 2 {
		t.Fatalf("attempts: %d %v, want 2", attempts, err)
	}
	// A write is never run twice.
	if _, err := d.ExecContext(ctx, "CREATE SEQUENCE write_attempts"); err != nil {
		t.Fatal(err)
	}
	_, err = d.ExecContext(ctx, `INSERT INTO offices (code, name) SELECT 'X', 'X' WHERE
		nextval('write_attempts') > 0 AND end_self()`)
	if err == nil || !db.IsUnavailable(err) {
		t.Fatalf("write on an ended connection: %v, want an outage error", err)
	}
	if err := d.QueryRowContext(ctx, "SELECT last_value FROM write_attempts").Scan(&attempts); err != nil || attempts != 1 {
		t.Fatalf("write attempts: %d %v, want 1", attempts, err)
	}
}
