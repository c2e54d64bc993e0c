package reports_test

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/reports"
	"github.com/kemenagjateng/usulan/app/workflow"
)

// builds counts the map builds a database serves (each reads the reasons
// once).
type builds struct{ n atomic.Int64 }

func (b *builds) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context { return ctx }
func (b *builds) AfterQuery(_ context.Context, ev *bun.QueryEvent) {
	if strings.Contains(ev.Query, "decision_reasons AS s") {
		b.n.Add(1)
	}
}

func TestTheMapIsBuiltAgainOnlyWhenItsDataChangesOrItAges(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ps := e.seed()
	b := &builds{}
	e.db.AddQueryHook(b)
	total := func() int {
		t.Helper()
		m, err := e.rep.Obstacles(e.ctx, e.ver, year2026)
		if err != nil {
			t.Fatal(err)
		}
		return m.Province.Total
	}
	if n := total(); n != 5 {
		t.Fatalf("total %d, want 5", n)
	}
	// A row removed behind the application's back (no event): the map
	// built a moment ago is served again.
	if _, err := e.db.NewDelete().TableExpr("report_timelines").Where("proposal_id = ?", ps["P3"].ID).Exec(e.ctx); err != nil {
		t.Fatal(err)
	}
	e.at(91*day + reports.MapMaxAge - 1)
	if n := total(); n != 5 || b.n.Load() != 1 {
		t.Fatalf("within MapMaxAge: total %d after %d builds, want 5 after 1", n, b.n.Load())
	}
	// Once MapMaxAge has passed it is built again.
	e.at(91*day + reports.MapMaxAge)
	if n := total(); n != 4 || b.n.Load() != 2 {
		t.Fatalf("after MapMaxAge: total %d after %d builds, want 4 after 2", n, b.n.Load())
	}
	// A transition (it writes an event) shows at once.
	p := e.file(e.kpA)
	e.do(e.kpA, p, workflow.ActSubmit)
	if n := total(); n != 5 || b.n.Load() != 3 {
		t.Fatalf("after a submission: total %d after %d builds, want 5 after 3", n, b.n.Load())
	}
	// So does an obstacle report (an obstacle event).
	if _, err := e.rep.CreateObstacle(e.ctx, e.opA, reports.ObstacleInput{Category: reports.CatSDM,
		Description: "Belum ada pranata komputer.", Since: year2026.From}); err != nil {
		t.Fatal(err)
	}
	m, err := e.rep.Obstacles(e.ctx, e.ver, year2026)
	if err != nil {
		t.Fatal(err)
	}
	if m.Province.OpenObstacles[reports.CatSDM] != 1 || b.n.Load() != 4 {
		t.Fatalf("after an obstacle report: open %v after %d builds, want 1 after 4", m.Province.OpenObstacles, b.n.Load())
	}
	// A regency head's map is its own, not the province's served again.
	km, err := e.rep.Obstacles(e.ctx, e.kpB, year2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(km.Offices) != 1 || km.Offices[0].Office != "Kk.11.04" || len(m.Offices) < 2 || b.n.Load() != 5 {
		t.Fatalf("regency map: %d offices (%v), province %d offices, %d builds", len(km.Offices), km.Offices, len(m.Offices), b.n.Load())
	}
}

func TestConcurrentRequestsForTheSameMapShareOneBuild(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	b := &builds{}
	e.db.AddQueryHook(b)
	var wg sync.WaitGroup
	totals := make([]int, 16)
	for i := range totals {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m, _, err := e.rep.MapAndCharts(e.ctx, e.ver, year2026)
			if err != nil {
				t.Error(err)
				return
			}
			totals[i] = m.Province.Total
		}()
	}
	wg.Wait()
	for i, n := range totals {
		if n != 5 {
			t.Fatalf("request %d: total %d, want 5", i, n)
		}
	}
	if b.n.Load() != 1 {
		t.Fatalf("%d builds for 16 concurrent requests, want 1", b.n.Load())
	}
}
