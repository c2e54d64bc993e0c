package workflow_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/auth"
	"github.com/kemenagjateng/usulan/app/auth/authtest"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

type queryCounter struct{ n atomic.Int64 }

func (q *queryCounter) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	return ctx
}
func (q *queryCounter) AfterQuery(context.Context, *bun.QueryEvent) { q.n.Add(1) }

func listPrincipal(t *testing.T, db *bun.DB, username string, role models.Role, office string) access.Principal {
	t.Helper()
	if _, err := authtest.New(db, clock.On(models.MustDate("2026-11-30"))).CreateUser(context.Background(), auth.NewUser{Username: username, Role: role,
		OfficeCode: office, Password: "rahasia-Sekali-123"}); err != nil {
		t.Fatal(err)
	}
	u, err := auth.UserByUsername(context.Background(), db, username)
	if err != nil {
		t.Fatal(err)
	}
	return access.FromUser(u)
}

func TestAListPageCostsTheSameQueriesWhateverItsLength(t *testing.T) {
	db := dbtest.Open(t)
	svc := workflow.New(db, "http://x", clock.On(models.MustDate("2026-11-30")))
	op := listPrincipal(t, db, "op_list", models.RoleOperator, "Kk.11.03")
	admin := listPrincipal(t, db, "admin_list", models.RoleAdmin, "")
	file := func(n int) {
		for i := 0; i < n; i++ {
			in := &workflow.Input{Kind: "jft", Position: "pranata_komputer", Level: "ahli_pertama",
				Route: "pengangkatan_pertama", Candidates: []eligibility.Candidate{{NIP: "199203152019031004",
					Name: "Ahmad", BirthDate: models.MustDate("1992-03-15")}, {NIP: "199508172020122003", Name: "Siti"}}}
			if _, err := svc.Create(context.Background(), op, in); err != nil {
				t.Fatal(err)
			}
		}
	}
	counter := &queryCounter{}
	svc.DB = db.WithQueryHook(counter)
	cost := func(perPage int) (int64, int) {
		counter.n.Store(0)
		rows, total, err := svc.List(context.Background(), admin, workflow.Filter{PerPage: perPage})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) > 0 && rows[0].CandidateCount != 2 {
			t.Fatalf("candidate count %d, want 2", rows[0].CandidateCount)
		}
		_ = total
		return counter.n.Load(), len(rows)
	}
	file(2)
	small, n1 := cost(100)
	file(28)
	large, n2 := cost(100)
	if n1 != 2 || n2 != 30 {
		t.Fatalf("rows %d and %d", n1, n2)
	}
	if small != large || large > 2 {
		t.Fatalf("a page of 2 cost %d queries, a page of 30 cost %d; want the same, at most 2", small, large)
	}
}

func TestListFiltersAndPaginatesWithinScope(t *testing.T) {
	db := dbtest.Open(t)
	svc := workflow.New(db, "http://x", clock.On(models.MustDate("2026-11-30")))
	op := listPrincipal(t, db, "op_a", models.RoleOperator, "Kk.11.03")
	other := listPrincipal(t, db, "op_b", models.RoleOperator, "Kk.11.04")
	ver := listPrincipal(t, db, "ver_a", models.RoleVerifikator, "")
	for i, p := range []access.Principal{op, op, op, other} {
		name := []string{"Ahmad Fauzi", "Siti Nur\u2019aini", "Budi 100%_x", "Dewi"}[i]
		if _, err := svc.Create(context.Background(), p, &workflow.Input{Kind: "jft", Position: "pranata_humas",
			Level: "ahli_muda", Route: "perpindahan", Candidates: []eligibility.Candidate{{NIP: "199203152019031004", Name: name}}}); err != nil {
			t.Fatal(err)
		}
	}
	check := func(p access.Principal, f workflow.Filter, wantRows, wantTotal int) {
		t.Helper()
		rows, total, err := svc.List(context.Background(), p, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != wantRows || total != wantTotal {
			t.Fatalf("%+v: %d rows of %d, want %d of %d", f, len(rows), total, wantRows, wantTotal)
		}
	}
	check(op, workflow.Filter{}, 3, 3)
	check(op, workflow.Filter{Office: "Kk.11.04"}, 3, 3) // a regency user cannot widen the scope
	check(ver, workflow.Filter{}, 4, 4)
	check(ver, workflow.Filter{Office: "Kk.11.04"}, 1, 1)
	check(ver, workflow.Filter{PerPage: 2, Page: 2}, 2, 4)
	check(ver, workflow.Filter{Q: "siti"}, 1, 1)
	check(ver, workflow.Filter{Q: "nur'aini"}, 1, 1) // a typed ' finds the curly ’
	check(ver, workflow.Filter{Q: "Nur’aini"}, 1, 1)
	check(ver, workflow.Filter{Q: "AHMAD"}, 1, 1)
	check(ver, workflow.Filter{Q: "100%"}, 1, 1) // LIKE wildcards are literal
	check(ver, workflow.Filter{Q: "0%_"}, 1, 1)
	check(op, workflow.Filter{Q: "dewi"}, 0, 0)
	check(ver, workflow.Filter{Status: models.StatusSubmitted}, 0, 0)
	if _, _, err := svc.List(context.Background(), ver, workflow.Filter{Status: "bogus"}); err == nil {
		t.Fatal("an unknown status filter was accepted")
	}
}

func TestStaffingRequestsAreFoundByTitleNotByTheirJSON(t *testing.T) {
	db := dbtest.Open(t)
	svc := workflow.New(db, "http://x", clock.On(models.MustDate("2026-11-30")))
	op := listPrincipal(t, db, "op_s", models.RoleOperator, "Kk.11.03")
	raw := `{"kind":"staffing","position_title":"Pengelola Website","count":1,"mechanism":"outsourcing","office":"Kk.11.04",
		"education_level":"S1","monthly_pay":2000000,"budget_source":"DIPA","justification":"Situs tidak terkelola."}`
	in, err := svc.DecodeInput([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	p, err := svc.Create(context.Background(), op, in)
	if err != nil {
		t.Fatal(err)
	}
	if p.Staffing == nil || strings.Contains(*p.Staffing, "Kk.11.04") {
		t.Fatalf("the body's office was stored: %v", p.Staffing)
	}
	for q, want := range map[string]int{"website": 1, "pengelola": 1, "justification": 0, "_": 0, "position_title": 0} {
		rows, _, err := svc.List(context.Background(), op, workflow.Filter{Q: q})
		if err != nil || len(rows) != want {
			t.Errorf("q=%q: %d rows (%v), want %d", q, len(rows), err, want)
		}
	}
}
