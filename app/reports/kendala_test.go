package reports_test

import (
	"testing"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/notify"
	"github.com/kemenagjateng/usulan/app/reports"
	"github.com/kemenagjateng/usulan/models"
)

func status(err error) int {
	if e, ok := apperror.As(err); ok {
		return e.Status
	}
	return 0
}

func TestAnOfficeReportsAnObstacleTheKanwilAnswersAndClosesIt(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ps := e.seed()
	since := models.MustDate("2026-01-15")
	_, err := e.rep.CreateObstacle(e.ctx, e.opA, reports.ObstacleInput{Category: reports.CatSDM,
		Description: "Satu orang merangkap pengelola website dan Kasubbag TU.", Since: since, Proposals: []int64{ps["P4"].ID}})
	if status(err) != 400 {
		t.Fatalf("linking another office's proposal: %v", err)
	}
	if _, err := e.rep.CreateObstacle(e.ctx, e.ver, reports.ObstacleInput{Category: reports.CatSDM, Description: "x", Since: since}); status(err) != 403 {
		t.Fatalf("a verifier reported an obstacle: %v", err)
	}
	ob, err := e.rep.CreateObstacle(e.ctx, e.opA, reports.ObstacleInput{Category: reports.CatSDM,
		Description: "Satu orang merangkap pengelola website dan Kasubbag TU.", Since: since, Proposals: []int64{ps["P3"].ID, ps["P3"].ID}})
	if err != nil {
		t.Fatal(err)
	}
	if ob.OfficeCode != "Kk.11.03" || ob.Status != reports.ObstacleOpen || len(ob.Proposals) != 1 || ob.Proposals[0] != ps["P3"].ID {
		t.Fatalf("obstacle %+v", ob)
	}
	if _, err := e.rep.CreateObstacle(e.ctx, e.kpB, reports.ObstacleInput{Category: reports.CatAnggaran, Description: "Tidak ada DIPA.", Since: since}); err != nil {
		t.Fatal(err)
	}
	// Another office's report is a 404; its list holds its own only.
	if _, err := e.rep.GetObstacle(e.ctx, e.kpB, ob.ID); status(err) != 404 {
		t.Fatalf("other office read it: %v", err)
	}
	if l, _ := e.rep.ListObstacles(e.ctx, e.kpB, reports.ObstacleFilter{}); len(l) != 1 || l[0].OfficeCode != "Kk.11.04" {
		t.Fatalf("office B list %+v", l)
	}
	if l, _ := e.rep.ListObstacles(e.ctx, e.ver, reports.ObstacleFilter{}); len(l) != 2 {
		t.Fatalf("kanwil list %d", len(l))
	}
	// The verifiers were told.
	if n, _ := notify.Unread(e.ctx, e.db, e.ver); n < 1 {
		t.Fatalf("verifier has %d unread", n)
	}
	m, _ := e.rep.Obstacles(e.ctx, e.ver, year2026)
	if m.Province.OpenObstacles[reports.CatSDM] != 1 || m.Province.OpenObstacles[reports.CatAnggaran] != 1 ||
		m.Offices[2].Office != "Kk.11.03" || m.Offices[2].OpenObstacles[reports.CatSDM] != 1 {
		t.Fatalf("open obstacles %+v / %+v", m.Province.OpenObstacles, m.Offices[2])
	}
	if _, err := e.rep.ActOnObstacle(e.ctx, e.opA, ob.ID, reports.ObstacleAction{Action: "close"}); status(err) != 403 {
		t.Fatalf("the office closed it: %v", err)
	}
	before, _ := notify.Unread(e.ctx, e.db, e.kpA)
	ob, err = e.rep.ActOnObstacle(e.ctx, e.ver, ob.ID, reports.ObstacleAction{Action: "answer", Note: "Diusulkan formasi Pranata Humas 2027."})
	if err != nil || ob.Status != reports.ObstacleAnswered || ob.Answer != "Diusulkan formasi Pranata Humas 2027." {
		t.Fatalf("answer: %+v %v", ob, err)
	}
	if after, _ := notify.Unread(e.ctx, e.db, e.kpA); after != before+1 {
		t.Fatalf("office head notified %d→%d", before, after)
	}
	ob, err = e.rep.ActOnObstacle(e.ctx, e.ver, ob.ID, reports.ObstacleAction{Action: "close"})
	if err != nil || ob.Status != reports.ObstacleClosed || len(ob.Events) != 3 || ob.Events[1].Action != "answer" {
		t.Fatalf("close: %+v %v", ob, err)
	}
	m, _ = e.rep.Obstacles(e.ctx, e.kpA, year2026)
	if m.Province.OpenObstacles[reports.CatSDM] != 0 || m.Province.OpenObstacles[reports.CatAnggaran] != 1 ||
		len(m.Offices[0].OpenObstacles) != 0 {
		t.Fatalf("after closing %+v / %+v", m.Province.OpenObstacles, m.Offices[0].OpenObstacles)
	}
}
