package notify_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/auth"
	"github.com/kemenagjateng/usulan/app/auth/authtest"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/notify"
	"github.com/kemenagjateng/usulan/models"
)

// The unread badge counts up to limit+1 through an index of the user's
// unread notifications (notifications_unread; on SQLite the unread range of
// notifications_user), never the whole table nor the user's read ones.
func TestTheUnreadBadgeStopsAtItsLimitThroughTheUnreadIndex(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := dbtest.Open(t)
	clk := clock.NewManual(time.Date(2026, 11, 30, 1, 0, 0, 0, time.UTC))
	if _, err := authtest.New(d, clk).CreateUser(ctx, auth.NewUser{Username: "ver_badge", Name: "Pak Badge",
		NIP: "198001012005011001", Role: models.RoleVerifikator, Password: "rahasia-Sekali-123"}); err != nil {
		t.Fatal(err)
	}
	u, err := auth.UserByUsername(ctx, d, "ver_badge")
	if err != nil {
		t.Fatal(err)
	}
	read := clk.Now()
	var rows []notify.Notification
	for i := 0; i < 300; i++ {
		n := notify.Notification{UserID: u.ID, Message: "Usulan masuk.", CreatedAt: clk.Now()}
		if i%3 == 0 {
			n.ReadAt = &read
		}
		rows = append(rows, n)
	}
	if _, err := d.NewInsert().Model(&rows).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	for limit, want := range map[int]int{99: 100, 500: 200} {
		if n, err := notify.UnreadUpTo(ctx, d, access.FromUser(u), limit); err != nil || n != want {
			t.Fatalf("UnreadUpTo(%d) = %d (%v), want %d", limit, n, err, want)
		}
	}
	var q string
	hook := &lastQuery{q: &q}
	if _, err := notify.UnreadUpTo(ctx, d.WithQueryHook(hook), access.FromUser(u), 99); err != nil {
		t.Fatal(err)
	}
	plan := dbtest.Plan(t, d, q)
	// SQLite reads notifications_user (user_id, read_at, id) as well: the
	// unread of a user are one range of it.
	ordered := strings.Contains(plan, "notifications_unread") ||
		d.Dialect().Name().String() != "pg" && strings.Contains(plan, "notifications_user (user_id=? AND read_at=?)")
	if !ordered || strings.Contains(plan, "notifications_pkey") || strings.Contains(plan, "TEMP B-TREE") {
		t.Fatalf("the badge does not stop through notifications_unread:\n%s", plan)
	}
}

type lastQuery struct{ q *string }

func (l *lastQuery) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context { return ctx }
func (l *lastQuery) AfterQuery(_ context.Context, ev *bun.QueryEvent)                   { *l.q = ev.Query }
