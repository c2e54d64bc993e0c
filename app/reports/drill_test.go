package reports_test

import (
	"fmt"
	"sort"
	"testing"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

// The map's reason and path cells open the proposal list filtered to the
// proposals behind them (filed in the period, with that reason, along that
// path), as each user may see them.
func TestReasonAndPathCellsOpenExactlyTheirProposals(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ps := e.seed()
	id := func(names ...string) string {
		var ids []int64
		for _, n := range names {
			ids = append(ids, ps[n].ID)
		}
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
		return fmt.Sprint(ids)
	}
	list := func(p access.Principal, f workflow.Filter) string {
		t.Helper()
		f.FiledFrom, f.FiledTo, f.PerPage = "2026-01-01", "2026-12-31", 100
		rows, total, err := e.wf.List(e.ctx, p, f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, r := range rows {
			ids = append(ids, r.ID)
		}
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
		if total != len(ids) {
			t.Fatalf("%+v: total %d with %d rows", f, total, len(ids))
		}
		return fmt.Sprint(ids)
	}
	sub, rev, inr, ver, rej := models.StatusSubmitted, models.StatusRevisionRequested, models.StatusInReview,
		models.StatusVerified, models.StatusRejected
	path := func(st ...models.Status) string {
		s := ""
		for i, x := range st {
			if i > 0 {
				s += ">"
			}
			s += string(x)
		}
		return s
	}
	for _, c := range []struct {
		p    access.Principal
		f    workflow.Filter
		want string
	}{
		{e.ver, workflow.Filter{}, id("P1", "P2", "P3", "P4", "P6")},
		{e.ver, workflow.Filter{Reason: "rule:performance"}, id("P1", "P2", "P4")},
		{e.ver, workflow.Filter{Reason: "doc:skp"}, id("P1")},
		{e.ver, workflow.Filter{Reason: "doc:ijazah"}, id()},
		{e.kpA, workflow.Filter{Reason: "rule:performance"}, id("P1", "P2")},
		{e.kpB, workflow.Filter{Reason: "rule:performance"}, id("P4")},
		{e.ver, workflow.Filter{Path: path(sub)}, id("P3", "P6")},
		{e.ver, workflow.Filter{Path: path(sub, inr, rev, inr, ver)}, id("P1")},
		{e.ver, workflow.Filter{Path: path(sub, inr, rej)}, id("P2")},
		{e.ver, workflow.Filter{Path: path(sub, inr, rev)}, id("P4")},
		{e.kpA, workflow.Filter{Path: path(sub, inr, rev)}, id()},
		{e.ver, workflow.Filter{Path: path(sub), Office: "Kk.11.04"}, id("P6")},
	} {
		if got := list(c.p, c.f); got != c.want {
			t.Errorf("%s %+v: %s, want %s", c.p.Role, c.f, got, c.want)
		}
	}
	// Every path of the map opens as many proposals as it counts.
	m, err := e.rep.Obstacles(e.ctx, e.ver, year2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Paths) != 4 {
		t.Fatalf("%d paths, want 4", len(m.Paths))
	}
	for _, pa := range m.Paths {
		_, total, err := e.wf.List(e.ctx, e.ver, workflow.Filter{Path: path(pa.States...), FiledFrom: "2026-01-01", FiledTo: "2026-12-31"})
		if err != nil || total != pa.Count {
			t.Errorf("path %v counts %d, its list has %d (%v)", pa.States, pa.Count, total, err)
		}
	}
	// Outside the period (P5, filed in 2025) and bad input.
	if got := list(e.ver, workflow.Filter{Path: path(sub), Office: "Kk.11.04", Kind: models.KindJFT}); got != id("P6") {
		t.Errorf("period: %s", got)
	}
	for _, f := range []workflow.Filter{{Path: "submitted>nowhere"}, {FiledFrom: "2026-13-01"}, {Position: "x"},
		{FiledFrom: "2026-02-01", FiledTo: "2026-01-01"}} {
		if _, _, err := e.wf.List(e.ctx, e.ver, f); err == nil {
			t.Errorf("%+v accepted", f)
		}
	}
}
