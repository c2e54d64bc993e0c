package reports_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/auth"
	"github.com/kemenagjateng/usulan/app/auth/authtest"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/reports"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/app/workflow/workflowtest"
	"github.com/kemenagjateng/usulan/models"
)

const day = 24 * time.Hour

// env is a database whose clock the test moves: every event gets the
// instant the test sets.
type env struct {
	t     *testing.T
	ctx   context.Context
	db    *bun.DB
	wf    *workflow.Service
	rep   *reports.Service
	clk   *clock.Manual
	nip   int
	kpA   access.Principal
	kpB   access.Principal
	opA   access.Principal
	ver   access.Principal
	admin access.Principal
	t0    time.Time
}

func newEnv(t *testing.T) *env {
	t.Helper()
	d := dbtest.Open(t)
	e := &env{t: t, ctx: context.Background(), db: d}
	workflowtest.CompleteOffices(t, d) // letters are numbered only on a complete office record
	// 2 March 2026, 08.00 WIB.
	e.t0 = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)
	e.clk = clock.NewManual(e.t0)
	e.wf = workflow.New(d, "http://usulan.test", e.clk)
	e.rep = reports.New(d, e.clk)
	users := authtest.New(d, e.clk)
	mk := func(name string, role models.Role, office string) access.Principal {
		if _, err := users.CreateUser(e.ctx, auth.NewUser{Username: name, Name: "Pak " + name, NIP: "198001012005011001",
			Role: role, OfficeCode: office, Password: "rahasia-Sekali-123"}); err != nil {
			t.Fatal(err)
		}
		u, err := auth.UserByUsername(e.ctx, d, name)
		if err != nil {
			t.Fatal(err)
		}
		return access.FromUser(u)
	}
	e.kpA, e.opA = mk("kp_pbg", models.RoleKepala, "Kk.11.03"), mk("op_pbg", models.RoleOperator, "Kk.11.03")
	e.kpB = mk("kp_bjn", models.RoleKepala, "Kk.11.04")
	e.ver, e.admin = mk("ver1", models.RoleVerifikator, ""), mk("admin1", models.RoleAdmin, "")
	return e
}

// at sets the clock to t0 plus d.
func (e *env) at(d time.Duration) { e.clk.Set(e.t0.Add(d)) }

func (e *env) file(p access.Principal) *models.Proposal {
	e.t.Helper()
	e.nip++
	tr, f := true, false
	exp := 30
	c := eligibility.Candidate{NIP: fmt.Sprintf("199203152019031%03d", e.nip), Name: fmt.Sprintf("Calon %d", e.nip),
		BirthDate: models.MustDate("1992-03-15"), Gender: models.Male, EmploymentStatus: models.EmploymentPNS,
		Rank: "III/a", EducationLevel: models.EduS1, EducationField: "Teknik Informatika",
		Performance:      map[string]models.PerformanceRating{"2025": models.RatingBaik, "2024": models.RatingBaik},
		ExperienceMonths: &exp, CompetencyTestPassed: &tr, Discipline: &eligibility.Discipline{Ongoing: &f},
		HealthStatement: &tr, IntegrityStatement: &tr, VacancyAvailable: &tr}
	prop, err := e.wf.Create(e.ctx, p, &workflow.Input{Kind: models.KindJFT, Position: "pranata_komputer",
		Level: "ahli_pertama", Route: "pengangkatan_pertama", ReferenceDate: clock.Today(e.clk),
		Candidates: []eligibility.Candidate{c}})
	if err != nil {
		e.t.Fatal(err)
	}
	return prop
}

func (e *env) do(p access.Principal, prop *models.Proposal, a workflow.Action) {
	e.t.Helper()
	switch a {
	case workflow.ActSubmit, workflow.ActResubmit:
		workflowtest.AttachRequired(e.t, e.db, prop.ID) // as the office does before submitting
	case workflow.ActVerify:
		workflowtest.AcceptDocuments(e.t, e.db, prop.ID, p.UserID)
	}
	cur, err := e.wf.Get(e.ctx, e.admin, prop.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	in := workflow.TransitionInput{Action: a, Version: cur.Version, OverrideNote: "Uji."}
	if a == workflow.ActReject || a == workflow.ActRequestRevision {
		in.Note = "Alasan uji."
	}
	if _, err := e.wf.Apply(e.ctx, p, prop.ID, in); err != nil {
		e.t.Fatalf("%s: %v", a, err)
	}
}

func (e *env) find(prop *models.Proposal, finding string, items ...string) {
	e.t.Helper()
	cur, err := e.wf.Get(e.ctx, e.admin, prop.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	var in workflow.FindingsInput
	for _, it := range items {
		in.Findings = append(in.Findings, workflow.FindingInput{Candidate: cur.Candidates[0].NIP, Item: it, Finding: finding,
			Note: map[bool]string{true: "Kurang.", false: ""}[finding == workflow.FindingWanting]})
	}
	if _, err := e.wf.RecordFindings(e.ctx, e.ver, prop.ID, in); err != nil {
		e.t.Fatal(err)
	}
}

// seed builds the known history of the tests (t0 = 2 March 2026 08.00 WIB,
// now = t0 + 91 days = 1 June 2026):
//
//	P1 (Kk.11.03) submit t0, claim +1d, sent back +3d (performance, skp), resubmit +5d, verified +6d
//	P2 (Kk.11.03) submit t0, claim +2d, rejected +4d (performance)
//	P3 (Kk.11.03) submit t0, still submitted
//	P4 (Kk.11.04) submit +1d, claim +2d, sent back +12d (performance), still there
//	P6 (Kk.11.04) submit +10d, still submitted
//	P5 (Kk.11.04) submitted in 2025: outside the period
func (e *env) seed() map[string]*models.Proposal {
	ps := map[string]*models.Proposal{}
	e.clk.Set(time.Date(2025, 6, 2, 1, 0, 0, 0, time.UTC))
	ps["P5"] = e.file(e.kpB)
	e.do(e.kpB, ps["P5"], workflow.ActSubmit)
	e.at(0)
	ps["P1"], ps["P2"], ps["P3"] = e.file(e.kpA), e.file(e.kpA), e.file(e.kpA)
	for _, k := range []string{"P1", "P2", "P3"} {
		e.do(e.kpA, ps[k], workflow.ActSubmit)
	}
	e.at(1 * day)
	e.do(e.ver, ps["P1"], workflow.ActClaim)
	ps["P4"] = e.file(e.kpB)
	e.do(e.kpB, ps["P4"], workflow.ActSubmit)
	e.at(2 * day)
	e.do(e.ver, ps["P2"], workflow.ActClaim)
	e.do(e.ver, ps["P4"], workflow.ActClaim)
	e.at(3 * day)
	e.find(ps["P1"], workflow.FindingWanting, "rule:performance", "doc:skp")
	e.do(e.ver, ps["P1"], workflow.ActRequestRevision)
	e.at(4 * day)
	e.find(ps["P2"], workflow.FindingWanting, "rule:performance")
	e.do(e.ver, ps["P2"], workflow.ActReject)
	e.at(5 * day)
	e.do(e.kpA, ps["P1"], workflow.ActResubmit)
	e.at(6 * day)
	e.find(ps["P1"], workflow.FindingOK, "rule:performance", "doc:skp")
	e.do(e.ver, ps["P1"], workflow.ActVerify)
	e.at(10 * day)
	ps["P6"] = e.file(e.kpB)
	e.do(e.kpB, ps["P6"], workflow.ActSubmit)
	e.at(12 * day)
	e.find(ps["P4"], workflow.FindingWanting, "rule:performance")
	e.do(e.ver, ps["P4"], workflow.ActRequestRevision)
	e.at(91 * day)
	return ps
}

var year2026 = reports.Filter{From: models.MustDate("2026-01-01"), To: models.MustDate("2026-12-31")}

func days(d float64) int64 { return int64(d * 86400) }

func TestObstacleMapMeasuresTimeInEachStateFromTheTimeline(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	m, err := e.rep.Obstacles(e.ctx, e.ver, year2026)
	if err != nil {
		t.Fatal(err)
	}
	pv := m.Province
	if pv.Total != 5 || pv.ByStatus[models.StatusSubmitted] != 2 || pv.ByStatus[models.StatusVerified] != 1 ||
		pv.ByStatus[models.StatusRejected] != 1 || pv.ByStatus[models.StatusRevisionRequested] != 1 {
		t.Fatalf("by status %+v total %d", pv.ByStatus, pv.Total)
	}
	if pv.SentBack != 2 || pv.Rejected != 1 || pv.Rounds != 1.2 {
		t.Fatalf("sent back %d rejected %d rounds %v, want 2, 1, 1.2", pv.SentBack, pv.Rejected, pv.Rounds)
	}
	want := map[models.Status]reports.Stat{
		// 1, 1, 2, 81, 91 days.
		models.StatusSubmitted: {Count: 5, MedianS: days(2), P90S: days(87)},
		// 1, 2, 2, 10 days.
		models.StatusInReview: {Count: 4, MedianS: days(2), P90S: days(7.6)},
		// 2 days, and 79 days still open.
		models.StatusRevisionRequested: {Count: 2, MedianS: days(40.5), P90S: days(71.3)},
		models.StatusVerified:          {Count: 1, MedianS: days(85), P90S: days(85)},
	}
	for st, w := range want {
		if got := pv.TimeInState[st]; got != w {
			t.Errorf("province %s: %+v, want %+v", st, got, w)
		}
	}
	if len(pv.TimeInState) != len(want) {
		t.Errorf("province states %v", pv.TimeInState)
	}
	if len(m.Offices) != 35 {
		t.Fatalf("%d office rows, want 35", len(m.Offices))
	}
	var a, b reports.OfficeFigures
	for _, o := range m.Offices {
		switch o.Office {
		case "Kk.11.03":
			a = o
		case "Kk.11.04":
			b = o
		}
	}
	if got := a.TimeInState[models.StatusSubmitted]; got != (reports.Stat{Count: 3, MedianS: days(2), P90S: days(73.2)}) {
		t.Errorf("Kk.11.03 submitted %+v", got)
	}
	if got := b.TimeInState[models.StatusSubmitted]; got != (reports.Stat{Count: 2, MedianS: days(41), P90S: days(73)}) {
		t.Errorf("Kk.11.04 submitted %+v", got)
	}
	if a.Total != 3 || a.SentBack != 1 || a.Rejected != 1 || a.Rounds != 1.33 || b.Total != 2 || b.Rounds != 1 {
		t.Errorf("office counts A %+v B %+v", a.Figures, b.Figures)
	}

	if len(m.Reasons) != 2 {
		t.Fatalf("reasons %+v", m.Reasons)
	}
	r0, r1 := m.Reasons[0], m.Reasons[1]
	if r0.Item != "rule:performance" || r0.Label != "Predikat kinerja (SKP)" || r0.Count != 3 ||
		r0.Offices["Kk.11.03"] != 2 || r0.Offices["Kk.11.04"] != 1 {
		t.Errorf("top reason %+v", r0)
	}
	if r1.Item != "doc:skp" || r1.Count != 1 || r1.Offices["Kk.11.03"] != 1 || len(r1.Offices) != 1 {
		t.Errorf("second reason %+v", r1)
	}

	var oldest []string
	for _, w := range m.Oldest {
		oldest = append(oldest, fmt.Sprintf("%d:%s:%s:%d", w.ID, w.Office, w.Status, w.WaitingS/86400))
	}
	ps := map[int64]string{}
	_ = ps
	if got := strings.Join(oldest, " "); !strings.Contains(got, ":Kk.11.03:submitted:91 ") ||
		!strings.HasSuffix(got, ":Kk.11.04:revision_requested:79") || len(m.Oldest) != 4 {
		t.Errorf("oldest %s", got)
	}

	var paths []string
	for _, p := range m.Paths {
		paths = append(paths, fmt.Sprintf("%s=%d/%d", pathStr(p.States), p.Count, p.MedianS/86400))
	}
	wantPaths := "submitted=2/86 submitted>in_review>rejected=1/4 submitted>in_review>revision_requested=1/90 " +
		"submitted>in_review>revision_requested>in_review>verified=1/91"
	if got := strings.Join(paths, " "); got != wantPaths {
		t.Errorf("paths\n got %s\nwant %s", got, wantPaths)
	}
}

func pathStr(st []models.Status) string {
	var s []string
	for _, x := range st {
		s = append(s, string(x))
	}
	return strings.Join(s, ">")
}

func TestARegencySeesItsOwnRowBesideTheProvinceAndNoOtherOffice(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ps := e.seed()
	for _, p := range []access.Principal{e.kpA, e.opA} {
		m, err := e.rep.Obstacles(e.ctx, p, year2026)
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Offices) != 1 || m.Offices[0].Office != "Kk.11.03" || m.Offices[0].Total != 3 {
			t.Fatalf("offices %+v", m.Offices)
		}
		if m.Province.Total != 5 || m.Province.TimeInState[models.StatusSubmitted].MedianS != days(2) {
			t.Fatalf("province %+v", m.Province)
		}
		if m.Reasons[0].Count != 3 || len(m.Reasons[0].Offices) != 1 || m.Reasons[0].Offices["Kk.11.03"] != 2 {
			t.Fatalf("reasons %+v", m.Reasons[0])
		}
		if len(m.Oldest) != 2 || m.Oldest[0].ID != ps["P3"].ID || m.Oldest[1].ID != ps["P1"].ID {
			t.Fatalf("oldest %+v", m.Oldest)
		}
		b, _ := json.Marshal(m)
		for _, leak := range []string{"Kk.11.04", "Banjarnegara", "Cilacap", "Kk.11.01"} {
			if strings.Contains(string(b), leak) {
				t.Fatalf("regency map names %q: %s", leak, b)
			}
		}
	}
}

func TestObstacleMapFiltersByPeriodKindAndPosition(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	check := func(f reports.Filter, total int) {
		t.Helper()
		m, err := e.rep.Obstacles(e.ctx, e.ver, f)
		if err != nil {
			t.Fatal(err)
		}
		if m.Province.Total != total {
			t.Fatalf("%+v: total %d, want %d", f, m.Province.Total, total)
		}
	}
	check(reports.Filter{From: models.MustDate("2025-01-01"), To: models.MustDate("2025-12-31")}, 1)
	check(reports.Filter{From: models.MustDate("2026-03-03"), To: models.MustDate("2026-03-31")}, 2)
	f := year2026
	f.Kind = models.KindStaffing
	check(f, 0)
	f.Kind, f.Position = models.KindJFT, "pranata_humas"
	check(f, 0)
	f.Position = "pranata_komputer"
	check(f, 5)
	for _, bad := range []reports.Filter{{}, {From: models.MustDate("2026-02-01"), To: models.MustDate("2026-01-01")},
		{From: models.MustDate("2026-01-01"), To: models.MustDate("2026-12-31"), Kind: "x"}} {
		if _, err := e.rep.Obstacles(e.ctx, e.ver, bad); err == nil || !strings.Contains(err.Error(), "") {
			t.Fatalf("%+v accepted", bad)
		}
	}
}

func TestChartsCountFiledAndDecidedPerMonthAndTheFlowPerWeek(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	c, err := e.rep.Charts(e.ctx, e.ver, year2026, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Trend) != 12 || c.Trend[2] != (reports.MonthCount{Month: "2026-03", Filed: 5, Decided: 2}) || c.Trend[3].Filed != 0 {
		t.Fatalf("trend %+v", c.Trend)
	}
	// 1 January to 1 June 2026: 22 weeks begun.
	if len(c.Flow) != 22 {
		t.Fatalf("%d weeks", len(c.Flow))
	}
	last := c.Flow[len(c.Flow)-1].Counts
	if last[models.StatusSubmitted] != 2 || last[models.StatusRevisionRequested] != 1 || last[models.StatusVerified] != 1 ||
		last[models.StatusRejected] != 1 || len(last) != 4 {
		t.Fatalf("last week %v", last)
	}
	// At the end of the week of 26 February – 4 March: P1, P2 and P4 claimed, P3 still submitted.
	if w := c.Flow[8]; w.Start.String() != "2026-02-26" || w.Counts[models.StatusSubmitted] != 1 || w.Counts[models.StatusInReview] != 3 {
		t.Fatalf("week 8 %+v", w)
	}
	// A regency's own charts.
	c, err = e.rep.Charts(e.ctx, e.kpA, year2026, 0)
	if err != nil {
		t.Fatal(err)
	}
	if c.Trend[2] != (reports.MonthCount{Month: "2026-03", Filed: 3, Decided: 2}) {
		t.Fatalf("regency trend %+v", c.Trend[2])
	}
}

// A proposal whose position the office changes during a revision is one
// proposal of the new position on the map: every stay (the first
// submission's too) is counted under it, and its path is whole.
func TestAPositionChangedDuringRevisionMovesTheWholeHistory(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	prop := e.file(e.opA)
	e.do(e.kpA, prop, workflow.ActSubmit)
	e.at(1 * day)
	e.do(e.ver, prop, workflow.ActClaim)
	e.at(2 * day)
	e.do(e.ver, prop, workflow.ActRequestRevision)
	e.at(3 * day)
	cur, err := e.wf.Get(e.ctx, e.admin, prop.ID)
	if err != nil {
		t.Fatal(err)
	}
	patch := fmt.Sprintf(`{"version": %d, "position": "pranata_humas"}`, cur.Version)
	if _, err := e.wf.Patch(e.ctx, e.opA, prop.ID, []byte(patch)); err != nil {
		t.Fatal(err)
	}
	e.do(e.kpA, prop, workflow.ActResubmit)
	e.at(4 * day)
	f := year2026
	f.Kind, f.Position = models.KindJFT, "pranata_humas"
	m, err := e.rep.Obstacles(e.ctx, e.ver, f)
	if err != nil {
		t.Fatal(err)
	}
	if m.Province.Total != 1 || m.Province.SentBack != 1 || m.Province.TimeInState[models.StatusInReview].Count != 2 {
		t.Fatalf("province %+v", m.Province)
	}
	if len(m.Paths) != 1 || pathStr(m.Paths[0].States) != "submitted>in_review>revision_requested>in_review" {
		t.Fatalf("paths %+v", m.Paths)
	}
	f.Position = "pranata_komputer"
	if m, err = e.rep.Obstacles(e.ctx, e.ver, f); err != nil || m.Province.Total != 0 || len(m.Paths) != 0 {
		t.Fatalf("old position still counted: %+v %+v %v", m.Province, m.Paths, err)
	}
}
