package audit_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/audit"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/models"
)

var t0 = time.Date(2026, 11, 30, 3, 0, 0, 0, time.UTC) // 10.00 WIB

func count(t *testing.T, d bun.IDB) int {
	t.Helper()
	n, err := d.NewSelect().Model((*audit.Entry)(nil)).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// TestTheTrailIsAppendOnly: the database itself refuses to update or delete
// an event, on both databases.
func TestTheTrailIsAppendOnly(t *testing.T) {
	t.Parallel()
	d := dbtest.Open(t)
	ctx := audit.WithActor(context.Background(), audit.Actor{ID: 7, Name: "admin1"})
	if err := audit.Record(ctx, d, audit.Event{At: t0, Action: audit.UserUpdate, Subject: "user:3 ani",
		Detail: map[string]any{"role": []string{"operator", "verifikator"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.NewUpdate().Model((*audit.Entry)(nil)).Set("actor = 'someone'").Where("1 = 1").Exec(ctx); err == nil {
		t.Error("an UPDATE of the trail succeeded")
	}
	if _, err := d.NewDelete().Model((*audit.Entry)(nil)).Where("1 = 1").Exec(ctx); err == nil {
		t.Error("a DELETE from the trail succeeded")
	}
	rows, total, err := audit.List(ctx, d, audit.Filter{})
	if err != nil || total != 1 || rows[0].Actor != "admin1" || *rows[0].ActorID != 7 {
		t.Fatalf("after the refused changes: %d %+v %v", total, rows, err)
	}
	if got := rows[0].DetailMap()["role"]; got == nil {
		t.Errorf("detail lost: %q", rows[0].Detail)
	}
}

// TestAnEventRolledBackWithItsChangeIsGone: Record writes in the caller's
// transaction; a transaction that fails after it leaves no event.
func TestAnEventRolledBackWithItsChangeIsGone(t *testing.T) {
	t.Parallel()
	d := dbtest.Open(t)
	ctx := context.Background()
	boom := errors.New("the change failed")
	err := d.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := audit.Record(ctx, tx, audit.Event{At: t0, Action: audit.DelegationCreate, Subject: "delegation:1"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if n := count(t, d); n != 0 {
		t.Fatalf("%d events after a rolled-back change, want 0", n)
	}
	if err := audit.Record(ctx, d, audit.Event{Action: audit.UserCreate}); err == nil {
		t.Error("an event without an instant was written")
	}
	// No actor in the context: the system.
	if err := audit.Record(ctx, d, audit.Event{At: t0, Action: audit.UserCreate}); err != nil {
		t.Fatal(err)
	}
	rows, _, _ := audit.List(ctx, d, audit.Filter{})
	if len(rows) != 1 || rows[0].Actor != "system" || rows[0].ActorID != nil {
		t.Fatalf("%+v", rows)
	}
}

// TestListFiltersByActorActionFamilyAndJakartaDays: dates are whole days in
// WIB, both ends included; "user" matches every user.* action; pages.
func TestListFiltersByActorActionFamilyAndJakartaDays(t *testing.T) {
	t.Parallel()
	d := dbtest.Open(t)
	ctx := context.Background()
	add := func(at time.Time, who, action string) {
		t.Helper()
		if err := audit.Record(ctx, d, audit.Event{At: at, Actor: audit.Actor{Name: who}, Action: action}); err != nil {
			t.Fatal(err)
		}
	}
	jkt := func(day, hour int) time.Time { return time.Date(2026, 11, day, hour, 0, 0, 0, models.Jakarta) }
	add(jkt(29, 23), "admin1", audit.UserCreate)  // 29 Nov WIB (16.00 UTC)
	add(jkt(30, 0), "admin1", audit.UserUpdate)   // 30 Nov WIB 00.00 (29 Nov 17.00 UTC)
	add(jkt(30, 23), "ver1", audit.DownloadPDF)   // 30 Nov WIB 23.00
	add(jkt(30, 12), "Admin1", audit.TokenRevoke) // 30 Nov again, actor in another case
	add(time.Date(2026, 12, 1, 0, 30, 0, 0, models.Jakarta), "admin1", audit.ExportXLSX)
	day := models.MustDate("2026-11-30")
	cases := []struct {
		name string
		f    audit.Filter
		want int
	}{
		{"all", audit.Filter{}, 5},
		{"one day in WIB", audit.Filter{From: &day, To: &day}, 3},
		{"actor, any case", audit.Filter{Actor: "ADMIN1"}, 4},
		{"family", audit.Filter{Action: "user"}, 2},
		{"exact action", audit.Filter{Action: audit.UserUpdate}, 1},
		{"from a day on", audit.Filter{From: &day}, 4},
		{"actor and day", audit.Filter{Actor: "admin1", From: &day, To: &day}, 2},
	}
	for _, c := range cases {
		_, total, err := audit.List(ctx, d, c.f)
		if err != nil || total != c.want {
			t.Errorf("%s: %d (%v), want %d", c.name, total, err, c.want)
		}
	}
	rows, total, err := audit.List(ctx, d, audit.Filter{PerPage: 2, Page: 2})
	if err != nil || total != 5 || len(rows) != 2 || rows[0].Action != audit.UserUpdate && rows[0].Action != audit.TokenRevoke {
		t.Fatalf("page 2: %d %+v %v", total, rows, err)
	}
	first, _, _ := audit.List(ctx, d, audit.Filter{PerPage: 1})
	if first[0].Action != audit.ExportXLSX {
		t.Errorf("newest first: %s", first[0].Action)
	}
	before := models.MustDate("2026-11-29")
	if _, _, err := audit.List(ctx, d, audit.Filter{From: &day, To: &before}); err == nil {
		t.Error("from after to accepted")
	}
}
