package workflow_test

import (
	"context"
	"testing"
	"time"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

// The navigation badge counts what the inbox lists, section by section:
// for every role it equals the inbox's total, and stops at limit+1.
func TestTheInboxBadgeCountsWhatTheInboxLists(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.Open(t)
	svc := workflow.New(db, "http://x", clock.On(models.MustDate("2026-11-30")))
	ver := listPrincipal(t, db, "ver_badge1", models.RoleVerifikator, "")
	away := listPrincipal(t, db, "ver_badge2", models.RoleVerifikator, "")
	kp := listPrincipal(t, db, "kp_badge", models.RoleKepala, "Kk.11.03")
	op := listPrincipal(t, db, "op_badge", models.RoleOperator, "Kk.11.03")
	admin := listPrincipal(t, db, "adm_badge", models.RoleAdmin, "")
	var other models.Office
	if err := db.NewSelect().Model(&other).Where("code = 'Kk.11.04'").Scan(ctx); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 2, 3, 0, 0, 0, time.UTC)
	add := func(n int, st models.Status, office int64, reviewer *int64) {
		t.Helper()
		batch := make([]models.Proposal, n)
		for i := range batch {
			batch[i] = models.Proposal{Kind: models.KindJFT, OfficeID: office, Status: st, Version: 1, ReviewerID: reviewer,
				Position: "pranata_komputer", Level: "ahli_pertama", Route: "pengangkatan_pertama", CreatedAt: at, UpdatedAt: at}
		}
		if _, err := db.NewInsert().Model(&batch).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
	add(7, models.StatusSubmitted, kp.OfficeID, nil)
	add(5, models.StatusSubmitted, other.ID, nil)
	add(4, models.StatusInReview, kp.OfficeID, &ver.UserID)
	add(6, models.StatusInReview, other.ID, &away.UserID)
	add(3, models.StatusDraft, kp.OfficeID, nil)
	add(2, models.StatusDraft, other.ID, nil)
	add(2, models.StatusRevisionRequested, kp.OfficeID, nil)
	add(1, models.StatusVerified, other.ID, nil)
	add(8, models.StatusForwarded, kp.OfficeID, nil)
	// ver stands in for away today: away's six reviews are ver's too.
	if _, err := db.NewInsert().Model(&workflow.Delegation{FromID: away.UserID, ToID: ver.UserID,
		Start: models.MustDate("2026-11-29"), End: models.MustDate("2026-12-02"), Note: "Cuti.", CreatedAt: at}).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		p    access.Principal
		want int
	}{{ver, 12 + 4 + 6}, {away, 12 + 6}, {kp, 3 + 2}, {op, 2}, {admin, 1 + 8}} {
		in, err := svc.Inbox(ctx, c.p, workflow.InboxFilter{})
		if err != nil {
			t.Fatal(err)
		}
		n, err := svc.InboxCount(ctx, c.p)
		if err != nil || n != c.want || in.Total != c.want {
			t.Errorf("%s: badge %d, inbox %d (%v), want %d", c.p.Username, n, in.Total, err, c.want)
		}
		// Each section lists what it counts (all fit on one page), and a
		// regency role only its own office's.
		for _, sec := range in.Sections {
			if len(sec.Items) != sec.Total {
				t.Errorf("%s %s: %d rows listed, %d counted", c.p.Username, sec.Key, len(sec.Items), sec.Total)
			}
			for _, it := range sec.Items {
				if c.p.Regional() && it.OfficeCode != c.p.OfficeCode {
					t.Errorf("%s %s lists proposal %d of %s", c.p.Username, sec.Key, it.ID, it.OfficeCode)
				}
			}
		}
		for _, limit := range []int{1, c.want - 1, c.want, 99} {
			if limit < 1 {
				continue
			}
			n, err := svc.InboxCountUpTo(ctx, c.p, limit)
			if want := min(c.want, limit+1); err != nil || n != want {
				t.Errorf("%s: InboxCountUpTo(%d) = %d (%v), want %d", c.p.Username, limit, n, err, want)
			}
		}
	}
}
