package scopecheck_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/access/scopecheck"
	"github.com/kemenagjateng/usulan/app/access/scopecheck/internal/outside"
	"github.com/kemenagjateng/usulan/app/db"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

func TestOriginFlagsQueriesOnOwnedTablesFromOutsideTheStore(t *testing.T) {
	// dbtest.Open installs an Origin with the real Pending list; this test
	// needs its own, so it migrates an empty database itself.
	raw := dbtest.OpenEmpty(t)
	if _, err := db.MigrateUp(context.Background(), raw); err != nil {
		t.Fatal(err)
	}
	regency := access.Principal{UserID: 1, Role: models.RoleOperator, OfficeID: 1}
	provincial := access.Principal{UserID: 2, Role: models.RoleVerifikator}
	ctxs := map[string]context.Context{
		"regency":      access.WithPrincipal(context.Background(), regency),
		"provincial":   access.WithPrincipal(context.Background(), provincial),
		"no principal": context.Background(),
	}
	for name, ctx := range ctxs {
		t.Run(name, func(t *testing.T) {
			run := func(pending []string) []string {
				t.Helper()
				o := &scopecheck.Origin{Pending: pending}
				d := raw.WithQueryHook(o)
				if err := outside.Employees(ctx, d); err != nil {
					t.Fatal(err)
				}
				if err := outside.Offices(ctx, d); err != nil {
					t.Fatal(err)
				}
				var ids []int64
				p, _ := access.PrincipalFrom(ctx)
				if err := store.For(d, p).From("employees AS e").Apply(colID).Scan(ctx, &ids); err != nil {
					t.Fatal(err)
				}
				return o.Findings()
			}
			// Not on the list: the direct read of employees is the one finding.
			f := run([]string{})
			if len(f) != 1 || !strings.Contains(f[0], "internal/outside/outside.go") || !strings.Contains(f[0], `"employees"`) {
				t.Fatalf("findings %q, want the read of employees in outside.go", f)
			}
			// Another function of the package on the list: still flagged.
			if f := run([]string{"app/access/scopecheck/internal/outside.Offices", "app/access/scopecheck/internal/out"}); len(f) != 1 {
				t.Fatalf("pending a sibling: findings %q, want 1", f)
			}
			// On the list (the package, its file or the function): allowed.
			for _, entry := range []string{"app/access/scopecheck/internal/outside",
				"app/access/scopecheck/internal/outside/outside.go", "app/access/scopecheck/internal/outside/*.go",
				"app/access/scopecheck/internal/outside.Employees"} {
				if f := run([]string{"app/workflow", entry}); len(f) != 0 {
					t.Fatalf("pending %s: findings %q", entry, f)
				}
			}
		})
	}
}

func colID(q *bun.SelectQuery) *bun.SelectQuery { return q.Column("e.id") }

// TestPendingIsEmpty: every query on an office-owned table runs from
// app/store (issue 12); no place is let off any more.
func TestPendingIsEmpty(t *testing.T) {
	p := append([]string(nil), scopecheck.Pending...)
	sort.Strings(p)
	if len(p) > 0 {
		t.Errorf("queries on office-owned tables still allowed outside app/store (%d places):\n  %s", len(p), strings.Join(p, "\n  "))
	}
}
