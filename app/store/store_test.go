package store_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

func officeID(t *testing.T, d bun.IDB, code string) int64 {
	t.Helper()
	var id int64
	if err := d.NewSelect().Table("offices").Column("id").Where("code = ?", code).Scan(context.Background(), &id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestTheStoreScopesEveryQueryToThePrincipalsOffice(t *testing.T) {
	d := dbtest.Open(t)
	ctx := context.Background()
	pbg, bjn := officeID(t, d, "Kk.11.03"), officeID(t, d, "Kk.11.04")
	u := &models.User{Username: "op", Name: "Op", Role: models.RoleOperator, OfficeID: &pbg}
	if _, err := d.NewInsert().Model(u).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	op := access.Principal{UserID: u.ID, Role: models.RoleOperator, OfficeID: pbg}
	other := access.Principal{UserID: 2, Role: models.RoleOperator, OfficeID: bjn}
	ver := access.Principal{UserID: 3, Role: models.RoleVerifikator}

	mine := &models.Employee{OfficeID: pbg, NIP: "199203152019031004", Name: "A", Data: "{}", Version: 1}
	theirs := &models.Employee{OfficeID: bjn, NIP: "199508172020122003", Name: "B", Data: "{}", Version: 1}
	if err := store.For(d, op).InsertEmployees(ctx, mine); err != nil {
		t.Fatal(err)
	}
	if err := store.For(d, other).InsertEmployees(ctx, theirs); err != nil {
		t.Fatal(err)
	}
	// A regency principal cannot insert a row of another office.
	if err := store.For(d, op).InsertEmployees(ctx, &models.Employee{OfficeID: bjn, NIP: "199001012015031001",
		Name: "C", Data: "{}", Version: 1}); err == nil {
		t.Fatal("a row of another office inserted")
	}

	// Reads: another office's row is missing, even behind an OR.
	if _, err := store.For(d, op).EmployeeByID(ctx, theirs.ID); !errors.Is(err, sql.ErrNoRows) {
		t.Fatalf("another office's employee: %v, want sql.ErrNoRows", err)
	}
	n, err := store.For(d, op).Employees().Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Where("e.id = ?", mine.ID).WhereOr("e.id = ?", theirs.ID)
	}).Count(ctx)
	if err != nil || n != 1 {
		t.Fatalf("OR in Apply: %d rows (%v), want 1", n, err)
	}
	if n, _ := store.For(d, ver).Employees().Count(ctx); n != 2 {
		t.Fatalf("provincial: %d rows, want 2", n)
	}
	if n, _ := store.ForOffice(d, bjn).Employees().Count(ctx); n != 1 {
		t.Fatalf("one office's store: %d rows, want 1", n)
	}
	if n, _ := store.For(d, op).Unscoped("test").Employees().Count(ctx); n != 2 {
		t.Fatalf("unscoped: %d rows, want 2", n)
	}

	// Children are scoped through their parent.
	for _, e := range []*models.Employee{mine, theirs} {
		if err := store.System(d, "test").InsertEmployeeEvent(ctx, &store.EmployeeEvent{EmployeeID: e.ID, Action: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := store.For(d, op).EmployeeEvents().Count(ctx); n != 1 {
		t.Fatalf("events seen by a regency office: %d, want 1", n)
	}

	// Writes by id: another office's row is not touched.
	if ok, err := store.For(d, op).UpdateEmployee(ctx, theirs.ID, 1, store.EmployeeChange{Name: "X", Data: "{}"}); err != nil || ok {
		t.Fatalf("update of another office's employee: %v %v", ok, err)
	}
	if err := store.For(d, op).DeleteEmployee(ctx, theirs.ID, bjn); err != nil {
		t.Fatal(err)
	}
	if _, err := store.For(d, other).EmployeeByID(ctx, theirs.ID); err != nil {
		t.Fatalf("deleted through another office: %v", err)
	}
	if ok, err := store.For(d, op).UpdateEmployee(ctx, mine.ID, 1, store.EmployeeChange{Name: "A2", Data: "{}"}); err != nil || !ok {
		t.Fatalf("update of the own employee: %v %v", ok, err)
	}
}

type notification struct {
	bun.BaseModel `bun:"table:notifications"`
	ID            int64     `bun:"id,pk,autoincrement"`
	UserID        int64     `bun:"user_id"`
	Message       string    `bun:"message"`
	CreatedAt     time.Time `bun:"created_at"`
}

func TestNotificationsArePersonalForEveryRole(t *testing.T) {
	d := dbtest.Open(t)
	ctx := context.Background()
	var ids []int64
	for _, name := range []string{"a", "b"} {
		u := &models.User{Username: name, Name: name, Role: models.RoleVerifikator}
		if _, err := d.NewInsert().Model(u).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, u.ID)
	}
	rows := []notification{{UserID: ids[0], Message: "x"}, {UserID: ids[1], Message: "y"}}
	if err := store.System(d, "test").InsertNotifications(ctx, &rows); err != nil {
		t.Fatal(err)
	}
	a := store.For(d, access.Principal{UserID: ids[0], Role: models.RoleVerifikator})
	var got []notification
	if err := a.Model(&got).Scan(ctx); err != nil || len(got) != 1 || got[0].Message != "x" {
		t.Fatalf("a's notifications: %+v %v", got, err)
	}
	res, err := a.UpdateModel((*notification)(nil)).Apply(func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("message = 'z'").Where("id = ?", rows[1].ID)
	}).Exec(ctx)
	if n, _ := res.RowsAffected(); err != nil || n != 0 {
		t.Fatalf("a marked b's notification: %d %v", n, err)
	}
}

// Over runs a query the caller built only on a store that names why it
// reads across offices, and marks its context so.
func TestOverRunsOnlyOnAnUnscopedStore(t *testing.T) {
	d := dbtest.Open(t)
	ctx := context.Background()
	pbg := officeID(t, d, "Kk.11.03")
	op := access.Principal{UserID: 1, Role: models.RoleOperator, OfficeID: pbg}
	inner := d.NewSelect().TableExpr("proposals AS x").Column("x.id")
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("Over ran on a scoped store")
			}
		}()
		store.For(d, op).Over(inner, "m")
	}()
	var why string
	hooked := d.WithQueryHook(&reasonHook{got: &why})
	var ids []int64
	err := store.For(hooked, op).Unscoped("a test").Over(inner, "m").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.ColumnExpr("m.*").Limit(1)
	}).Scan(ctx, &ids)
	if err != nil {
		t.Fatal(err)
	}
	if why != "a test" {
		t.Fatalf("Over's query ran with reason %q, want %q", why, "a test")
	}
}

// ScanRaw, like Over, runs only on a store that names its reason.
func TestScanRawRunsOnlyOnAnUnscopedStore(t *testing.T) {
	d := dbtest.Open(t)
	ctx := context.Background()
	op := access.Principal{UserID: 1, Role: models.RoleOperator, OfficeID: officeID(t, d, "Kk.11.03")}
	const q = "SELECT coalesce(max(id), 0) FROM events"
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("ScanRaw ran on a scoped store")
			}
		}()
		var n int64
		_ = store.For(d, op).ScanRaw(ctx, &n, q)
	}()
	var why string
	var n int64
	if err := store.For(d.WithQueryHook(&reasonHook{got: &why}), op).Unscoped("a test").ScanRaw(ctx, &n, q); err != nil {
		t.Fatal(err)
	}
	if why != "a test" {
		t.Fatalf("ScanRaw's query ran with reason %q, want %q", why, "a test")
	}
}

type reasonHook struct{ got *string }

func (h *reasonHook) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context {
	if r := access.UnscopedReason(ctx); r != "" {
		*h.got = r
	}
	return ctx
}

func (h *reasonHook) AfterQuery(context.Context, *bun.QueryEvent) {}
