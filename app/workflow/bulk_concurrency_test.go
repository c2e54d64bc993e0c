package workflow_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

// Two bulk transitions at once on proposals of the same offices, created
// the same day, in opposite orders and opposite directions (one claims
// submitted proposals: submitted → in_review; the other releases claimed
// ones: in_review → submitted) need the same counter rows of
// proposal_counts_day and proposal_counts_month. On PostgreSQL, taken in
// opposite orders, they deadlocked (40P01) and items failed; every item
// must succeed, round after round, and the counters must equal direct
// counts afterwards. The race is made likely: a test trigger holds each
// transaction 20 ms after each day counter row it takes. SQLite runs one
// writer at a time: nothing to race.
func TestConcurrentBulkTransitionsNeverDeadlockOnCounters(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t)
	if db.Dialect().Name().String() != "pg" {
		t.Skip("SQLite serializes writers")
	}
	svc := workflow.New(db, "http://x", clock.On(models.MustDate("2026-11-30")))
	svc.Log = slog.New(slog.NewTextHandler(testLog{t}, nil)) // a failed item's error
	ver := listPrincipal(t, db, "ver_bulk_race", models.RoleVerifikator, "")
	for _, q := range []string{
		`CREATE FUNCTION test_hold_counter() RETURNS trigger AS $$
		BEGIN PERFORM pg_sleep(0.02); RETURN NULL; END $$ LANGUAGE plpgsql`,
		`CREATE TRIGGER test_hold_counter AFTER INSERT OR UPDATE ON proposal_counts_day
		FOR EACH ROW EXECUTE FUNCTION test_hold_counter()`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	var offices []models.Office
	if err := db.NewSelect().Model(&offices).Where("code IN ('Kk.11.03', 'Kk.11.04')").Order("code").Scan(ctx); err != nil {
		t.Fatal(err)
	}
	if len(offices) != 2 {
		t.Fatalf("offices %v", offices)
	}
	const perOffice = 4 // per office and side
	at := time.Date(2026, 11, 2, 3, 0, 0, 0, time.UTC)
	var batch []models.Proposal
	for side := 0; side < 2; side++ {
		for _, o := range offices {
			for i := 0; i < perOffice; i++ {
				p := models.Proposal{Kind: models.KindJFT, OfficeID: o.ID, Status: models.StatusSubmitted, Version: 1,
					Position: "pranata_komputer", Level: "ahli_pertama", Route: "pengangkatan_pertama",
					CreatedAt: at, UpdatedAt: at, StateSince: at, SubmittedAt: &at}
				if side == 1 {
					p.Status, p.ReviewerID = models.StatusInReview, &ver.UserID
				}
				batch = append(batch, p)
			}
		}
	}
	if _, err := db.NewInsert().Model(&batch).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	// ids of one side, office X's before office Y's, or the reverse.
	ids := func(side int, reverse bool) []int64 {
		var x, y []int64
		for _, p := range batch[side*2*perOffice : (side+1)*2*perOffice] {
			if p.OfficeID == offices[0].ID {
				x = append(x, p.ID)
			} else {
				y = append(y, p.ID)
			}
		}
		if reverse {
			return append(y, x...)
		}
		return append(x, y...)
	}

	const rounds = 6
	failed := 0
	for round := 0; round < rounds; round++ {
		// The claimed side this round is the released side of the last.
		claimSide, releaseSide := round%2, 1-round%2
		var wg sync.WaitGroup
		var claims, releases []workflow.BulkResult
		var claimErr, releaseErr error
		wg.Add(2)
		go func() {
			defer wg.Done()
			claims, claimErr = svc.BulkApply(ctx, ver, workflow.BulkInput{IDs: ids(claimSide, false), Action: workflow.ActClaim})
		}()
		go func() {
			defer wg.Done()
			releases, releaseErr = svc.BulkApply(ctx, ver, workflow.BulkInput{IDs: ids(releaseSide, true),
				Action: workflow.ActRelease, Note: "Dilepas untuk uji serentak."})
		}()
		wg.Wait()
		if claimErr != nil || releaseErr != nil {
			t.Fatalf("round %d: %v, %v", round, claimErr, releaseErr)
		}
		for _, r := range append(claims, releases...) {
			if !r.OK {
				failed++
				t.Errorf("round %d: proposal %d: %d %s", round, r.ID, r.Status, r.Error)
			}
		}
		if failed > 0 {
			break
		}
	}

	// The counters equal direct counts.
	type row struct {
		OfficeID int64  `bun:"office_id"`
		Status   string `bun:"status"`
		Period   string `bun:"period"`
		N        int64  `bun:"n"`
	}
	read := func(q string) string {
		t.Helper()
		var rows []row
		if err := db.NewRaw(q).Scan(ctx, &rows); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(rows)
	}
	const day = "to_char((created_at AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD')"
	for _, c := range []struct{ name, counters, direct string }{
		{"day", "SELECT office_id, status, day AS period, n FROM proposal_counts_day WHERE n <> 0 ORDER BY 1, 2, 3",
			"SELECT office_id, status, " + day + " AS period, count(*) AS n FROM proposals GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"},
		{"month", "SELECT office_id, status, month AS period, n FROM proposal_counts_month WHERE n <> 0 ORDER BY 1, 2, 3",
			"SELECT office_id, status, substr(" + day + ", 1, 7) AS period, count(*) AS n FROM proposals GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"},
		{"year", "SELECT office_id, status, year AS period, n FROM proposal_counts_year WHERE n <> 0 ORDER BY 1, 2, 3",
			"SELECT office_id, status, substr(" + day + ", 1, 4) AS period, count(*) AS n FROM proposals GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"},
		{"total", "SELECT office_id, status, kind AS period, n FROM proposal_counts_total WHERE n <> 0 ORDER BY 1, 2, 3",
			"SELECT office_id, status, kind AS period, count(*) AS n FROM proposals GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"},
	} {
		if got, want := read(c.counters), read(c.direct); got != want {
			t.Errorf("%s counters %s, direct counts %s", c.name, got, want)
		}
	}
	// Every proposal is where the last round left it.
	var n int
	if err := db.NewSelect().TableExpr("proposals").ColumnExpr("count(*)").
		Where("status = ?", models.StatusInReview).Scan(ctx, &n); err != nil || failed == 0 && n != 2*perOffice {
		t.Errorf("%d in review (%v), want %d", n, err, 2*perOffice)
	}
}

// testLog writes a log to the test's output.
type testLog struct{ t *testing.T }

func (w testLog) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}
