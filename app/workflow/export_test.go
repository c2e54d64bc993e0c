package workflow_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

// The export once stopped silently at 5,000 rows. Every matching row must be
// in the file, in the list's order, and only the caller's office's. The
// list's total stops counting past its cap (10,000; 5,000 here) and says so.
func TestExportHasEveryRowPastFiveThousandAndTheTotalIsCapped(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.Open(t)
	svc := workflow.New(db, "http://x", clock.On(models.MustDate("2026-11-30")))
	svc.TotalCap = 5000
	op := listPrincipal(t, db, "op_exp", models.RoleOperator, "Kk.11.03")
	ver := listPrincipal(t, db, "ver_exp", models.RoleVerifikator, "")
	var other models.Office
	if err := db.NewSelect().Model(&other).Where("code = 'Kk.11.04'").Scan(ctx); err != nil {
		t.Fatal(err)
	}
	base := time.Date(2026, 11, 1, 3, 0, 0, 0, time.UTC)
	const mine, theirs = 5203, 7
	batch := make([]models.Proposal, 0, 1000)
	flush := func() {
		if len(batch) > 0 {
			if _, err := db.NewInsert().Model(&batch).Exec(ctx); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	for i := 0; i < mine+theirs; i++ {
		office := op.OfficeID
		if i >= mine {
			office = other.ID
		}
		at := base.Add(time.Duration(i) * time.Minute)
		batch = append(batch, models.Proposal{Kind: models.KindJFT, OfficeID: office, Status: models.StatusSubmitted,
			Version: 1, Position: "pranata_komputer", Level: "ahli_pertama", Route: "pengangkatan_pertama",
			CreatedAt: at, UpdatedAt: at})
		if len(batch) == cap(batch) {
			flush()
		}
	}
	flush()

	count := func(p access.Principal, f workflow.Filter) (int, []string, []string) {
		t.Helper()
		var buf bytes.Buffer
		out := &writeRecorder{w: &buf}
		n, err := svc.ExportXLSX(ctx, p, f, out)
		if err != nil {
			t.Fatal(err)
		}
		// Streamed: the zip reaches the writer in small pieces as it is
		// built, never as one buffer holding the whole file.
		if buf.Len() > 64<<10 && out.largest > 64<<10 {
			t.Fatalf("the %d-byte file came in a write of %d bytes: built in memory, not streamed", buf.Len(), out.largest)
		}
		x, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		// One streaming pass; only the two rows compared are decoded and
		// formatted (formatting every date cell of 5,000 rows was most of
		// the test's time).
		rows, err := x.Rows(x.GetSheetName(0))
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var lines int
		var first, last []string
		for rows.Next() {
			lines++
			if lines == 2 || lines == n+1 {
				cols, err := rows.Columns()
				if err != nil {
					t.Fatal(err)
				}
				if lines == 2 {
					first = cols
				}
				last = cols
			}
		}
		if n != lines-1 || first == nil {
			t.Fatalf("ExportXLSX said %d rows, the file has %d", n, lines-1)
		}
		return n, first, last
	}
	n, first, last := count(op, workflow.Filter{})
	var whole bytes.Buffer
	if _, err := svc.ExportXLSX(ctx, op, workflow.Filter{}, &whole); err != nil || whole.Len() <= 64<<10 {
		t.Fatalf("export of %d rows is %d bytes (%v): too small to show streaming", mine, whole.Len(), err)
	}
	if n != mine {
		t.Fatalf("operator export has %d rows, want %d", n, mine)
	}
	// Newest change first: the last filed is row 2, the first filed the last row.
	if want := base.Add((mine - 1) * time.Minute).In(models.Jakarta).Format("02-01-2006 15:04"); first[10] != want {
		t.Fatalf("first row updated %q, want %s", first[10], want)
	}
	if last[10] != "01-11-2026 10:00" {
		t.Fatalf("last row updated %q, want 01-11-2026 10:00", last[10])
	}
	if n, _, _ := count(ver, workflow.Filter{}); n != mine+theirs {
		t.Fatalf("verifier export has %d rows, want %d", n, mine+theirs)
	}
	if n, _, _ := count(ver, workflow.Filter{Office: "Kk.11.04"}); n != theirs {
		t.Fatalf("filtered export has %d rows, want %d", n, theirs)
	}
	for _, c := range []struct {
		f    workflow.Filter
		want int
	}{
		// Status, kind and office alone: exact, from the counters.
		{workflow.Filter{}, mine + theirs}, {workflow.Filter{Office: "Kk.11.04"}, theirs},
		{workflow.Filter{Kind: models.KindJFT, Status: models.StatusSubmitted}, mine + theirs},
		{workflow.Filter{Status: models.StatusDraft}, 0},
		// Any other filter counts up to the cap.
		{workflow.Filter{Position: "pranata_komputer"}, 5001}, {workflow.Filter{Office: "Kk.11.04", Level: "ahli_pertama"}, theirs},
	} {
		rows, total, err := svc.List(ctx, ver, c.f)
		if err != nil {
			t.Fatal(err)
		}
		if total != c.want || len(rows) != min(20, c.want) {
			t.Fatalf("%+v: total %d with %d rows, want %d", c.f, total, len(rows), c.want)
		}
		// Only a total counted up to the cap means "more than the cap".
		if got := svc.TotalCapped(c.f, total); got != (c.want == 5001) {
			t.Fatalf("%+v: TotalCapped %v with total %d", c.f, got, total)
		}
	}
}

// writeRecorder passes writes on and remembers the largest.
type writeRecorder struct {
	w       *bytes.Buffer
	largest int
}

func (r *writeRecorder) Write(p []byte) (int, error) {
	r.largest = max(r.largest, len(p))
	return r.w.Write(p)
}
