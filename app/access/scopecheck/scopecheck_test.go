package scopecheck_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/access/scopecheck"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/models"
)

func TestTheHookFlagsQueriesWithoutTheOfficeScope(t *testing.T) {
	raw := dbtest.Open(t)
	h := &scopecheck.Hook{DB: raw}
	d := raw.WithQueryHook(h)
	var pbg, bjn int64
	bg := context.Background()
	if err := d.NewSelect().Table("offices").Column("id").Where("code = 'Kk.11.03'").Scan(bg, &pbg); err != nil {
		t.Fatal(err)
	}
	if err := d.NewSelect().Table("offices").Column("id").Where("code = 'Kk.11.04'").Scan(bg, &bjn); err != nil {
		t.Fatal(err)
	}
	if _, err := d.NewInsert().Model(&models.Employee{OfficeID: bjn, NIP: "199203152019031004", Name: "A", Data: "{}",
		Version: 1}).Exec(bg); err != nil {
		t.Fatal(err)
	}
	var empID int64
	if err := d.NewSelect().Table("employees").Column("id").Scan(bg, &empID); err != nil {
		t.Fatal(err)
	}
	p := access.Principal{UserID: 1, Role: models.RoleOperator, OfficeID: pbg}
	ctx := access.WithPrincipal(bg, p)
	run := func(q string, args ...any) {
		t.Helper()
		rows, err := d.QueryContext(ctx, q, args...)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		rows.Close()
	}
	// Scoped: no finding.
	run("SELECT id FROM employees AS e WHERE e.office_id = ?", pbg)
	run(`SELECT id FROM "employees" AS "employee" WHERE "employee"."office_id" IN (?)`, pbg)
	run("SELECT id FROM employee_events WHERE employee_id = ? AND 1 = 0", 0) // no such parent: not judged
	if f := h.Findings(); len(f) != 0 {
		t.Fatalf("scoped queries flagged: %v", f)
	}
	// A province-wide read marked as deliberate passes.
	rows, err := d.QueryContext(access.Unscoped(ctx, "test"), "SELECT id FROM employees")
	if err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if f := h.Findings(); len(f) != 0 {
		t.Fatalf("a deliberate unscoped read flagged: %v", f)
	}
	// Unscoped, another office's predicate, a child of another office's
	// row, a write by another office's id: each flagged.
	run("SELECT id FROM employees WHERE nip = '199203152019031004'")
	run("SELECT id FROM employees AS e WHERE e.office_id = ?", bjn)
	run("SELECT id FROM employee_events WHERE employee_id = ?", empID)
	run("UPDATE employees SET name = 'B' WHERE id = ?", empID)
	f := h.Findings()
	if len(f) != 4 {
		t.Fatalf("%d findings, want 4:\n%s", len(f), strings.Join(f, "\n"))
	}
	// A provincial principal's queries are not judged.
	h2 := &scopecheck.Hook{DB: raw}
	rows, err = raw.WithQueryHook(h2).QueryContext(access.WithPrincipal(bg, access.Principal{Role: models.RoleVerifikator}), "SELECT id FROM employees")
	if err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if f := h2.Findings(); len(f) != 0 {
		t.Fatalf("a provincial read flagged: %v", f)
	}
}
