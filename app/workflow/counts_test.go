package workflow_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

// The home counts and the recap read counters kept by triggers on proposals.
// Whatever is inserted, moved to another status or office, re-dated or
// deleted, they must equal a direct count over the proposals, for every
// period (whole months, parts of months, across a year, a Jakarta midnight),
// per principal.
func TestCountsAndRecapFollowEveryWriteToProposals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.Open(t)
	svc := workflow.New(db, "http://x", clock.On(models.MustDate("2026-11-30")))
	op := listPrincipal(t, db, "op_cnt", models.RoleOperator, "Kk.11.03")
	ver := listPrincipal(t, db, "ver_cnt", models.RoleVerifikator, "")
	var other models.Office
	if err := db.NewSelect().Model(&other).Where("code = 'Kk.11.04'").Scan(ctx); err != nil {
		t.Fatal(err)
	}
	statuses := []models.Status{models.StatusDraft, models.StatusSubmitted, models.StatusInReview, models.StatusVerified}
	// 16:59:59 and 17:00:00 UTC fall on two Jakarta days (and, at a month's
	// end, in two months).
	base := time.Date(2025, 12, 31, 16, 59, 59, 0, time.UTC)
	var batch []models.Proposal
	for i := 0; i < 120; i++ {
		office := op.OfficeID
		if i%3 == 0 {
			office = other.ID
		}
		at := base.Add(time.Duration(i%2)*time.Second).AddDate(0, i/4, i%7)
		batch = append(batch, models.Proposal{Kind: models.KindJFT, OfficeID: office, Status: statuses[i%len(statuses)],
			Version: 1, Position: "pranata_komputer", Level: "ahli_pertama", Route: "pengangkatan_pertama",
			CreatedAt: at, UpdatedAt: at})
	}
	if _, err := db.NewInsert().Model(&batch).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	ids := func(mod int) []int64 {
		var out []int64
		for i, p := range batch {
			if i%mod == 1 {
				out = append(out, p.ID)
			}
		}
		return out
	}
	for _, id := range ids(5) {
		exec("UPDATE proposals SET status = 'rejected' WHERE id = ?", id)
	}
	for _, id := range ids(7) {
		exec("UPDATE proposals SET office_id = ? WHERE id = ?", other.ID, id)
	}
	for _, id := range ids(11) {
		exec("UPDATE proposals SET created_at = ? WHERE id = ?", base.AddDate(0, 2, 0), id)
	}
	for _, id := range ids(13) {
		exec("UPDATE proposals SET version = version + 1 WHERE id = ?", id) // no count changes
	}
	for _, id := range ids(17) {
		exec("DELETE FROM proposals WHERE id = ?", id)
	}
	for _, id := range ids(19) {
		exec("UPDATE proposals SET kind = ? WHERE id = ?", models.KindStaffing, id)
	}

	direct := func(p access.Principal, from, to models.Date) string {
		t.Helper()
		start := time.Date(from.Year, from.Month, from.Day, 0, 0, 0, 0, models.Jakarta)
		end := time.Date(to.Year, to.Month, to.Day, 0, 0, 0, 0, models.Jakarta).AddDate(0, 0, 1)
		var rows []struct {
			Code   string        `bun:"code"`
			Status models.Status `bun:"status"`
			N      int           `bun:"n"`
		}
		q := db.NewSelect().TableExpr("proposals AS p").Join("JOIN offices AS o ON o.id = p.office_id").
			ColumnExpr("o.code, p.status, count(*) AS n").Where("p.created_at >= ? AND p.created_at < ?", start, end).
			GroupExpr("o.code, p.status").OrderExpr("o.code, p.status")
		if err := p.ScopeOffice(q, "p").Scan(ctx, &rows); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(rows)
	}
	viaRecap := func(p access.Principal, from, to models.Date) string {
		t.Helper()
		rows, err := svc.Recap(ctx, p, from, to)
		if err != nil {
			t.Fatal(err)
		}
		var out []struct {
			Code   string
			Status models.Status
			N      int
		}
		for _, r := range rows {
			for _, st := range models.AllStatuses {
				if n := r.Counts[st]; n != 0 {
					out = append(out, struct {
						Code   string
						Status models.Status
						N      int
					}{r.OfficeCode, st, n})
				}
			}
		}
		// In (code, status) order like the direct query.
		for i := range out {
			for j := i + 1; j < len(out); j++ {
				if out[j].Code < out[i].Code || out[j].Code == out[i].Code && out[j].Status < out[i].Status {
					out[i], out[j] = out[j], out[i]
				}
			}
		}
		return fmt.Sprint(out)
	}
	d := models.MustDate
	periods := [][2]models.Date{
		{d("2025-12-31"), d("2025-12-31")}, {d("2026-01-01"), d("2026-01-01")}, {d("2025-12-01"), d("2026-12-31")},
		{d("2026-01-01"), d("2026-12-31")}, {d("2026-01-15"), d("2026-03-31")}, {d("2026-02-01"), d("2026-04-10")},
		{d("2026-02-03"), d("2026-05-20")}, {d("2026-03-05"), d("2026-03-25")}, {d("2024-01-01"), d("2028-01-01")},
		{d("2026-04-30"), d("2026-05-01")},
		// Around today (30 November 2026): read as a year or month less
		// what lies outside, rows after today included.
		{d("2026-01-01"), d("2026-11-30")}, {d("2026-01-02"), d("2026-11-29")}, {d("2025-12-31"), d("2026-11-30")},
		{d("2026-11-01"), d("2026-11-30")}, {d("2026-06-02"), d("2027-02-27")}, {d("2027-01-01"), d("2027-12-31")},
		{d("2026-01-01"), d("2026-12-30")}, {d("2026-02-02"), d("2026-12-31")}, {d("2027-03-02"), d("2027-03-30")},
	}
	for _, p := range []access.Principal{op, ver} {
		for _, per := range periods {
			want, got := direct(p, per[0], per[1]), viaRecap(p, per[0], per[1])
			if got != want {
				t.Errorf("%s recap %s..%s:\n got %s\nwant %s", p.Role, per[0], per[1], got, want)
			}
		}
		counts, err := svc.Counts(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		var all []struct {
			Status models.Status `bun:"status"`
			N      int           `bun:"n"`
		}
		q := db.NewSelect().TableExpr("proposals AS p").ColumnExpr("p.status, count(*) AS n").GroupExpr("p.status")
		if err := p.ScopeOffice(q, "p").Scan(ctx, &all); err != nil {
			t.Fatal(err)
		}
		want := map[models.Status]int{}
		for _, r := range all {
			want[r.Status] = r.N
		}
		if fmt.Sprint(counts) != fmt.Sprint(want) || len(want) < 4 {
			t.Errorf("%s counts %v, want %v", p.Role, counts, want)
		}
		// A list's total by status, kind and office comes from the
		// counters too, and equals a direct count.
		for _, f := range []workflow.Filter{{}, {Status: models.StatusSubmitted}, {Kind: models.KindStaffing},
			{Kind: models.KindJFT, Status: models.StatusRejected}, {Office: "Kk.11.04"}, {Office: "Kk.11.04", Status: models.StatusDraft}} {
			_, total, err := svc.List(ctx, p, f)
			if err != nil {
				t.Fatal(err)
			}
			q := db.NewSelect().TableExpr("proposals AS p")
			if f.Status != "" {
				q = q.Where("p.status = ?", f.Status)
			}
			if f.Kind != "" {
				q = q.Where("p.kind = ?", f.Kind)
			}
			if f.Office != "" && !p.Regional() {
				q = q.Where("p.office_id = ?", other.ID)
			}
			n, err := p.ScopeOffice(q, "p").Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if int64(total) != int64(n) || f.Kind == models.KindStaffing && n == 0 {
				t.Errorf("%s list %+v: total %d, direct count %d", p.Role, f, total, n)
			}
		}
	}
}
