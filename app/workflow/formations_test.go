package workflow_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/auth"
	"github.com/kemenagjateng/usulan/app/auth/authtest"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/staffing"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/app/workflow/workflowtest"
	"github.com/kemenagjateng/usulan/models"
)

// planEnv is one database with the people of two regency offices and the
// province, and a formation to fill.
type planEnv struct {
	t                      *testing.T
	db                     *bun.DB
	svc                    *workflow.Service
	op, kp, opB, kpB       access.Principal
	ver, admin             access.Principal
	nextNIP                int
	ctx                    context.Context
	reference              models.Date
	position, level, route string
}

func newPlanEnv(t *testing.T) *planEnv {
	t.Helper()
	t.Parallel() // every test has a database of its own
	d := dbtest.Open(t)
	e := &planEnv{t: t, db: d, svc: workflow.New(d, "http://usulan.test", clock.On(models.MustDate("2026-11-30"))), ctx: context.Background(),
		reference: models.MustDate("2026-11-30"), position: "pranata_komputer", level: "ahli_pertama",
		route: "pengangkatan_pertama"}
	e.svc.SetClock(e.reference)
	workflowtest.CompleteOffices(t, d)
	mk := e.newUser
	e.op, e.kp = mk("op_pbg", models.RoleOperator, "Kk.11.03"), mk("kp_pbg", models.RoleKepala, "Kk.11.03")
	e.opB, e.kpB = mk("op_bjn", models.RoleOperator, "Kk.11.04"), mk("kp_bjn", models.RoleKepala, "Kk.11.04")
	e.ver, e.admin = mk("ver1", models.RoleVerifikator, ""), mk("admin1", models.RoleAdmin, "")
	return e
}

// newUser creates a user and returns it as a principal.
func (e *planEnv) newUser(name string, role models.Role, office string) access.Principal {
	e.t.Helper()
	if _, err := authtest.New(e.db, e.svc.Clock).CreateUser(e.ctx, auth.NewUser{Username: name, Name: "Pak " + name, NIP: "198001012005011001",
		Role: role, OfficeCode: office, Password: "rahasia-Sekali-123"}); err != nil {
		e.t.Fatal(err)
	}
	u, err := auth.UserByUsername(e.ctx, e.db, name)
	if err != nil {
		e.t.Fatal(err)
	}
	return access.FromUser(u)
}

// eligibleCandidate is a candidate who meets every rule on 2026-11-30, with a
// NIP of their own; vacancy says what the office claims.
func (e *planEnv) candidate(vacancy bool) eligibility.Candidate {
	e.nextNIP++
	t, f := true, false
	exp := 30
	return eligibility.Candidate{NIP: fmt.Sprintf("199203152019031%03d", e.nextNIP), Name: fmt.Sprintf("Calon %d", e.nextNIP),
		BirthDate: models.MustDate("1992-03-15"), Gender: models.Male, EmploymentStatus: models.EmploymentPNS,
		Rank: "III/a", EducationLevel: models.EduS1, EducationField: "Teknik Informatika",
		Performance:      map[string]models.PerformanceRating{"2025": models.RatingBaik, "2024": models.RatingBaik},
		ExperienceMonths: &exp, CompetencyTestPassed: &t, Discipline: &eligibility.Discipline{Ongoing: &f},
		HealthStatement: &t, IntegrityStatement: &t, VacancyAvailable: &vacancy}
}

func (e *planEnv) input(n int) *workflow.Input {
	in := &workflow.Input{Kind: models.KindJFT, Position: e.position, Level: e.level, Route: e.route, ReferenceDate: e.reference}
	for i := 0; i < n; i++ {
		in.Candidates = append(in.Candidates, e.candidate(true))
	}
	return in
}

func (e *planEnv) file(p access.Principal, n int) *models.Proposal {
	e.t.Helper()
	prop, err := e.svc.Create(e.ctx, p, e.input(n))
	if err != nil {
		e.t.Fatal(err)
	}
	return prop
}

func (e *planEnv) setQuota(office string, year, quota int) {
	e.t.Helper()
	cur, err := staffing.LoadLedger(e.ctx, e.db, e.admin, staffing.LedgerFilter{Office: office, Year: year})
	if err != nil {
		e.t.Fatal(err)
	}
	var version int64
	for _, r := range cur.Rows {
		if string(r.Position) == e.position && string(r.Level) == e.level {
			version = r.Version
		}
	}
	if _, err := staffing.SetQuota(e.ctx, e.db, e.admin, staffing.QuotaInput{Office: office, Position: e.position,
		Level: e.level, Year: year, Quota: &quota, Basis: "Persetujuan formasi (uji)", Version: version}, e.svc.Now()); err != nil {
		e.t.Fatal(err)
	}
}

func (e *planEnv) do(p access.Principal, prop *models.Proposal, action workflow.Action, extra ...func(*workflow.TransitionInput)) (*models.Proposal, error) {
	e.t.Helper()
	switch action {
	case workflow.ActSubmit, workflow.ActResubmit:
		workflowtest.AttachRequired(e.t, e.db, prop.ID) // as the office does before submitting
	case workflow.ActVerify:
		workflowtest.AcceptDocuments(e.t, e.db, prop.ID, p.UserID)
	}
	cur, err := e.svc.Get(e.ctx, e.admin, prop.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	in := workflow.TransitionInput{Action: action, Version: cur.Version}
	if action == workflow.ActReject || action == workflow.ActRequestRevision {
		in.Note = "Alasan uji."
	}
	if action == workflow.ActComplete {
		in.DecreeNumber, in.DecreeDate = "B-1/Kw.11/KP.07.6/12/2026", models.MustDate("2026-11-30")
	}
	for _, f := range extra {
		f(&in)
	}
	return e.svc.Apply(e.ctx, p, prop.ID, in)
}

func (e *planEnv) must(p access.Principal, prop *models.Proposal, actions ...workflow.Action) {
	e.t.Helper()
	for _, a := range actions {
		if _, err := e.do(p, prop, a); err != nil {
			e.t.Fatalf("%s: %v", a, err)
		}
	}
}

// tally is the ledger row of the test's position and level at office in 2026.
func (e *planEnv) tally(office string) staffing.LedgerRow {
	e.t.Helper()
	return e.tallyYear(office, 2026)
}

func (e *planEnv) tallyYear(office string, year int) staffing.LedgerRow {
	e.t.Helper()
	l, err := staffing.LoadLedger(e.ctx, e.db, e.admin, staffing.LedgerFilter{Office: office, Year: year})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, r := range l.Rows {
		if string(r.Position) == e.position && string(r.Level) == e.level {
			return r
		}
	}
	return staffing.LedgerRow{}
}

func (e *planEnv) expect(office string, planned, filled, reserved, available int) {
	e.t.Helper()
	r := e.tally(office)
	if r.Planned == nil || *r.Planned != planned || r.Filled != filled || r.Reserved != reserved || *r.Available != available {
		got := "no formation"
		if r.Planned != nil {
			got = fmt.Sprintf("planned %d filled %d reserved %d available %d", *r.Planned, r.Filled, r.Reserved, *r.Available)
		}
		e.t.Fatalf("ledger of %s: %s; want planned %d filled %d reserved %d available %d", office, got, planned, filled, reserved, available)
	}
	if len(r.FilledBy)+len(r.ReservedBy) == 0 && filled+reserved > 0 {
		e.t.Fatalf("ledger of %s lists no proposals behind its numbers", office)
	}
}

func vacancyOf(t *testing.T, c *models.Candidate) eligibility.Outcome {
	t.Helper()
	cv, err := workflow.CandidateOf(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range cv.Checks {
		if o.Rule == "vacancy" {
			return o
		}
	}
	t.Fatal("no vacancy outcome")
	return eligibility.Outcome{}
}

func withOverride(in *workflow.TransitionInput) { in.OverrideNote = "Tetap diajukan untuk uji." }

func TestLedgerReservesOnSubmitFillsOnCompletionAndFreesOnRejectionOrWithdrawal(t *testing.T) {
	e := newPlanEnv(t)
	e.setQuota("Kk.11.03", 2026, 3)
	e.expect("Kk.11.03", 3, 0, 0, 3)

	a := e.file(e.op, 1)
	e.expect("Kk.11.03", 3, 0, 0, 3) // a draft holds nothing
	e.must(e.kp, a, workflow.ActSubmit)
	e.expect("Kk.11.03", 3, 0, 1, 2)
	e.must(e.ver, a, workflow.ActClaim, workflow.ActVerify, workflow.ActForward)
	e.expect("Kk.11.03", 3, 0, 1, 2) // still reserved until the decree
	e.must(e.ver, a, workflow.ActComplete)
	e.expect("Kk.11.03", 3, 1, 0, 2)

	b := e.file(e.op, 2)
	e.must(e.kp, b, workflow.ActSubmit)
	e.expect("Kk.11.03", 3, 1, 2, 0)

	// A third proposal is told there is no slot, with the numbers.
	c := e.file(e.op, 1)
	v := vacancyOf(t, c.Candidates[0])
	if v.Result != eligibility.Fail || !strings.Contains(v.Detail, "kuota 3, terisi 1, dipesan 2") || !strings.Contains(v.Detail, "tersisa 0") {
		t.Fatalf("vacancy with no slot left: %+v", v)
	}
	_, err := e.do(e.kp, c, workflow.ActSubmit, withOverride)
	if ae, ok := apperror.As(err); !ok || ae.Status != 422 || !strings.Contains(ae.Message, "kuota 3, terisi 1, dipesan 2") {
		t.Fatalf("submit beyond the quota: %v", err)
	}
	e.expect("Kk.11.03", 3, 1, 2, 0) // the refused submission reserved nothing

	// Rejecting b gives its two slots back; c, re-evaluated on edit, fits.
	e.must(e.ver, b, workflow.ActClaim, workflow.ActReject)
	e.expect("Kk.11.03", 3, 1, 0, 2)
	c, err = e.svc.Patch(e.ctx, e.op, c.ID, []byte(fmt.Sprintf(`{"version": %d}`, c.Version)))
	if err != nil {
		t.Fatal(err)
	}
	if v := vacancyOf(t, c.Candidates[0]); v.Result != eligibility.Pass || !strings.Contains(v.Detail, "kuota 3, terisi 1, dipesan 0") {
		t.Fatalf("vacancy after the rejection: %+v", v)
	}
	e.must(e.kp, c, workflow.ActSubmit)
	e.expect("Kk.11.03", 3, 1, 1, 1)
	e.must(e.kp, c, workflow.ActWithdraw)
	e.expect("Kk.11.03", 3, 1, 0, 2)
}

func TestTheLastFreeSlotCanBeTakenAndOneMoreCannot(t *testing.T) {
	e := newPlanEnv(t)
	e.setQuota("Kk.11.03", 2026, 2)
	first := e.file(e.op, 1)
	e.must(e.kp, first, workflow.ActSubmit)
	last := e.file(e.op, 1)
	if v := vacancyOf(t, last.Candidates[0]); v.Result != eligibility.Pass || !strings.Contains(v.Detail, "tersisa 1") {
		t.Fatalf("the last slot: %+v", v)
	}
	e.must(e.kp, last, workflow.ActSubmit)
	e.expect("Kk.11.03", 2, 0, 2, 0)
	more := e.file(e.op, 1)
	if v := vacancyOf(t, more.Candidates[0]); v.Result != eligibility.Fail {
		t.Fatalf("one more than the quota: %+v", v)
	}
	if _, err := e.do(e.kp, more, workflow.ActSubmit, withOverride); err == nil {
		t.Fatal("a submission beyond the quota was accepted")
	}
	// Two candidates on one proposal for one slot: the first fits, the second does not.
	e.setQuota("Kk.11.03", 2026, 3)
	two := e.file(e.op, 2)
	if v0, v1 := vacancyOf(t, two.Candidates[0]), vacancyOf(t, two.Candidates[1]); v0.Result != eligibility.Pass ||
		v1.Result != eligibility.Fail || !strings.Contains(v1.Detail, "calon ke-2 dari 2") {
		t.Fatalf("two candidates for one slot: %+v / %+v", v0, v1)
	}
	if _, err := e.do(e.kp, two, workflow.ActSubmit, withOverride); err == nil {
		t.Fatal("two candidates were submitted for one slot")
	}
}

func TestEditingAProposalInFlightDoesNotCountItTwice(t *testing.T) {
	e := newPlanEnv(t)
	e.setQuota("Kk.11.03", 2026, 2)
	p := e.file(e.op, 2)
	e.must(e.kp, p, workflow.ActSubmit)
	e.must(e.ver, p, workflow.ActClaim, workflow.ActRequestRevision)
	e.expect("Kk.11.03", 2, 0, 2, 0) // sent back: still holds its slots
	cur, _ := e.svc.Get(e.ctx, e.op, p.ID)
	edited, err := e.svc.Patch(e.ctx, e.op, p.ID, []byte(fmt.Sprintf(`{"version": %d}`, cur.Version)))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range edited.Candidates {
		if v := vacancyOf(t, c); v.Result != eligibility.Pass || !strings.Contains(v.Detail, "dipesan 0") {
			t.Fatalf("an edit counted the proposal against itself: %+v", v)
		}
	}
	e.must(e.kp, p, workflow.ActResubmit)
	e.expect("Kk.11.03", 2, 0, 2, 0)
}

func TestQuotaIsCountedPerOfficePositionLevelAndYearOnly(t *testing.T) {
	e := newPlanEnv(t)
	e.setQuota("Kk.11.03", 2026, 1)
	e.setQuota("Kk.11.04", 2026, 1)
	// Another office's submission does not touch this office's quota.
	other := e.file(e.opB, 1)
	e.must(e.kpB, other, workflow.ActSubmit)
	e.expect("Kk.11.04", 1, 0, 1, 0)
	e.expect("Kk.11.03", 1, 0, 0, 1)
	// Another level, without a formation: what the office states is left to
	// the verifier (manual), never counted against another level's quota.
	e.level = "ahli_muda"
	muda := e.input(1)
	muda.Candidates[0].Rank = "III/c"
	pm, err := e.svc.Create(e.ctx, e.op, muda)
	if err != nil {
		t.Fatal(err)
	}
	if v := vacancyOf(t, pm.Candidates[0]); v.Result != eligibility.Manual || strings.Contains(v.Detail, "kuota") {
		t.Fatalf("no formation for the level: %+v", v)
	}
	if _, err := e.do(e.kp, pm, workflow.ActSubmit, withOverride); err != nil {
		t.Fatalf("submit without a formation: %v", err)
	}
	e.level = "ahli_pertama"
	e.expect("Kk.11.03", 1, 0, 0, 1)
	// No formation and the office says there is none: the rule fails as stated.
	e.level = "ahli_muda"
	noVac := e.input(1)
	noVac.Candidates[0].Rank = "III/c"
	noVac.Candidates[0].VacancyAvailable = new(bool)
	pn, err := e.svc.Create(e.ctx, e.op, noVac)
	if err != nil {
		t.Fatal(err)
	}
	if v := vacancyOf(t, pn.Candidates[0]); v.Result != eligibility.Fail || strings.Contains(v.Detail, "kuota") {
		t.Fatalf("no formation for the level, office says none: %+v", v)
	}
	e.level = "ahli_pertama"
	// The year is the submission's, never the reference date's (issue 12):
	// 31 December and 1 January, filed in November 2026, both count in 2026,
	// whose one slot the first takes; 2027's slot stays free.
	e.setQuota("Kk.11.03", 2027, 1)
	dec := e.input(1)
	dec.ReferenceDate = models.MustDate("2026-12-31")
	pd, err := e.svc.Create(e.ctx, e.op, dec)
	if err != nil {
		t.Fatal(err)
	}
	e.must(e.kp, pd, workflow.ActSubmit)
	e.expect("Kk.11.03", 1, 0, 1, 0)
	jan := e.input(1)
	jan.ReferenceDate = models.MustDate("2027-01-01")
	pj, err := e.svc.Create(e.ctx, e.op, jan)
	if err != nil {
		t.Fatal(err)
	}
	if v := vacancyOf(t, pj.Candidates[0]); v.Result != eligibility.Fail || !strings.Contains(v.Detail, "tahun 2026: kuota 1, terisi 0, dipesan 1") {
		t.Fatalf("a reference date in January, filed this year, counts in this year: %+v", v)
	}
	if _, err := e.do(e.kp, pj, workflow.ActSubmit, withOverride); err == nil {
		t.Fatal("submitted past this year's full formation")
	}
	// Submitted in January 2027, it counts in 2027.
	e.svc.SetClock(models.MustDate("2027-01-04"))
	e.reference = models.MustDate("2027-01-04")
	next := e.input(1)
	pn2, err := e.svc.Create(e.ctx, e.op, next)
	if err != nil {
		t.Fatal(err)
	}
	if v := vacancyOf(t, pn2.Candidates[0]); v.Result != eligibility.Pass || !strings.Contains(v.Detail, "tahun 2027: kuota 1, terisi 0, dipesan 0") {
		t.Fatalf("filed in 2027: %+v", v)
	}
	e.must(e.kp, pn2, workflow.ActSubmit)
	if r := e.tallyYear("Kk.11.03", 2027); r.Reserved != 1 || len(r.ReservedBy) != 1 || r.ReservedBy[0].ID != pn2.ID {
		t.Fatalf("2027 ledger %+v", r)
	}
}

func TestAQuotaLoweredBelowWhatIsTakenShowsANegativeBalance(t *testing.T) {
	e := newPlanEnv(t)
	e.setQuota("Kk.11.03", 2026, 2)
	p := e.file(e.op, 2)
	e.must(e.kp, p, workflow.ActSubmit)
	e.setQuota("Kk.11.03", 2026, 1)
	e.expect("Kk.11.03", 1, 0, 2, -1)
	if r := e.tally("Kk.11.03"); r.Formula() != "1 − 0 − 2 = -1" {
		t.Fatalf("formula %q", r.Formula())
	}
}

func TestTwoSubmissionsRacingForTheLastSlotOneSucceeds(t *testing.T) {
	e := newPlanEnv(t)
	e.setQuota("Kk.11.03", 2026, 1)
	for round := 0; round < 3; round++ {
		a, b := e.file(e.op, 1), e.file(e.op, 1)
		workflowtest.AttachRequired(t, e.db, a.ID)
		workflowtest.AttachRequired(t, e.db, b.ID)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		start := make(chan struct{})
		for i, p := range []*models.Proposal{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, errs[i] = e.svc.Apply(e.ctx, e.kp, p.ID, workflow.TransitionInput{Action: workflow.ActSubmit, Version: p.Version})
			}()
		}
		close(start)
		wg.Wait()
		ok, refused := 0, 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else if ae, is := apperror.As(err); is && ae.Status == 422 && strings.Contains(ae.Message, "kuota 1") {
				refused++
			} else {
				t.Fatalf("round %d: unexpected error %v", round, err)
			}
		}
		if ok != 1 || refused != 1 {
			t.Fatalf("round %d: %d succeeded, %d refused; want 1 and 1", round, ok, refused)
		}
		e.expect("Kk.11.03", 1, 0, 1, 0)
		// Free the slot again for the next round.
		for _, p := range []*models.Proposal{a, b} {
			cur, _ := e.svc.Get(e.ctx, e.kp, p.ID)
			if _, err := e.svc.Apply(e.ctx, e.kp, p.ID, workflow.TransitionInput{Action: workflow.ActWithdraw, Version: cur.Version}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestStaffingLetterNumberUsesTheClassificationAnAdminSets(t *testing.T) {
	e := newPlanEnv(t)
	req := func() *workflow.Input {
		raw := `{"kind":"staffing","reference_date":"2026-11-30","position_title":"Pengelola Laman","count":1,
			"mechanism":"outsourcing","education_level":"D3","monthly_pay":2000000,"budget_source":"DIPA 2027",
			"period_start":"2027-01-01","period_end":"2027-12-31",
			"justification":"Pengelola laman saat ini merangkap bendahara; konten informasi publik tertinggal berbulan-bulan."}`
		in, err := e.svc.DecodeInput([]byte(raw))
		if err != nil {
			t.Fatal(err)
		}
		return in
	}
	p, err := e.svc.Create(e.ctx, e.op, req())
	if err != nil {
		t.Fatal(err)
	}
	e.must(e.kp, p, workflow.ActSubmit)
	got, _ := e.svc.Get(e.ctx, e.op, p.ID)
	if got.LetterNumber == nil || !strings.Contains(*got.LetterNumber, "/Kk.11.03/1/KP.00.1/") {
		t.Fatalf("default staffing classification: %v", got.LetterNumber)
	}
	today := e.svc.Today()
	if _, err := staffing.SaveClassification(e.ctx, e.db, e.admin, 0, staffing.ClassificationInput{Kind: "staffing",
		Code: "kp.01.2", Label: "Formasi non-ASN", Source: "Keputusan admin (uji)", ValidFrom: today}, e.svc.Now()); err != nil {
		t.Fatal(err)
	}
	p2, err := e.svc.Create(e.ctx, e.op, req())
	if err != nil {
		t.Fatal(err)
	}
	e.must(e.kp, p2, workflow.ActSubmit)
	got, _ = e.svc.Get(e.ctx, e.op, p2.ID)
	if got.LetterNumber == nil || !strings.Contains(*got.LetterNumber, "/KP.01.2/") || !strings.HasPrefix(*got.LetterNumber, "B-2/") {
		// One running number per office and year across classifications.
		t.Fatalf("admin-set classification: %v", *got.LetterNumber)
	}
	// JFT letters keep theirs.
	j := e.file(e.op, 1)
	e.must(e.kp, j, workflow.ActSubmit)
	got, _ = e.svc.Get(e.ctx, e.op, j.ID)
	if !strings.Contains(*got.LetterNumber, "/KP.07.6/") {
		t.Fatalf("JFT classification: %s", *got.LetterNumber)
	}
}

func TestPayCapsComeFromTheTableAnAdminKeeps(t *testing.T) {
	e := newPlanEnv(t)
	if got, want := e.svc.PayCapsFor(e.ctx), eligibility.DefaultPayCaps(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("seeded caps %+v, want the defaults %+v", got, want)
	}
	raw := `{"kind":"staffing","reference_date":"2026-11-30","position_title":"Pengemudi","count":1,
		"mechanism":"outsourcing","education_level":"SMA","monthly_pay":2500000,"budget_source":"DIPA 2026",
		"period_start":"2026-12-01","period_end":"2026-12-31",
		"justification":"Kendaraan dinas tidak memiliki pengemudi tetap; pegawai bergantian menyetir dan tugasnya terbengkalai."}`
	payRule := func() string {
		in, err := e.svc.DecodeInput([]byte(raw))
		if err != nil {
			t.Fatal(err)
		}
		p, err := e.svc.Create(e.ctx, e.op, in)
		if err != nil {
			t.Fatal(err)
		}
		v, _ := workflow.View(p)
		for _, c := range v.Checks {
			if c.Rule == "pay_within_cap" {
				return c.Result + " " + c.Detail
			}
		}
		return ""
	}
	if r := payRule(); !strings.HasPrefix(r, "manual") {
		t.Fatalf("no cap for 2026 yet: %s", r)
	}
	amount := int64(2400000)
	if _, err := staffing.SavePayCap(e.ctx, e.db, e.admin, 0, staffing.PayCapInput{Year: 2026, Amount: &amount,
		Source: "PMK standar biaya 2026 (uji)", Confidence: "H"}, e.svc.Now()); err != nil {
		t.Fatal(err)
	}
	// outsourcing above the cap is for the verifier (the budget may go 25% higher)
	if r := payRule(); !strings.HasPrefix(r, "manual") || !strings.Contains(r, "Rp 2.400.000") || !strings.Contains(r, "25%") {
		t.Fatalf("over the 2026 cap: %s", r)
	}
	// Purbalingga's higher minimum wage: an office cap wins over the province's.
	amount = 2600000
	if _, err := staffing.SavePayCap(e.ctx, e.db, e.admin, 0, staffing.PayCapInput{Year: 2026, Office: "Kk.11.03",
		Amount: &amount, Source: "UMK Purbalingga 2026 (uji)"}, e.svc.Now()); err != nil {
		t.Fatal(err)
	}
	if r := payRule(); !strings.HasPrefix(r, "pass") || !strings.Contains(r, "Kk.11.03") {
		t.Fatalf("within the office's cap: %s", r)
	}
	// The same key twice is a conflict; a non-admin may not write.
	if _, err := staffing.SavePayCap(e.ctx, e.db, e.admin, 0, staffing.PayCapInput{Year: 2026, Office: "Kk.11.03",
		Amount: &amount, Source: "dua kali"}, e.svc.Now()); err == nil {
		t.Fatal("a duplicate cap was stored")
	} else if ae, _ := apperror.As(err); ae == nil || ae.Status != 409 {
		t.Fatalf("duplicate cap: %v", err)
	}
	if _, err := staffing.SavePayCap(e.ctx, e.db, e.ver, 0, staffing.PayCapInput{Year: 2027, Amount: &amount,
		Source: "x"}, e.svc.Now()); err == nil {
		t.Fatal("a verifier changed a pay cap")
	}
}

func TestQuotaChangesAreAdminOnlyAndOnTheTimeline(t *testing.T) {
	e := newPlanEnv(t)
	q := 2
	if _, err := staffing.SetQuota(e.ctx, e.db, e.ver, staffing.QuotaInput{Office: "Kk.11.03", Position: e.position,
		Level: e.level, Year: 2026, Quota: &q, Basis: "x"}, e.svc.Now()); err == nil {
		t.Fatal("a verifier set a quota")
	}
	e.setQuota("Kk.11.03", 2026, 2)
	e.setQuota("Kk.11.03", 2026, 4)
	// A stale version is refused, not silently applied.
	if _, err := staffing.SetQuota(e.ctx, e.db, e.admin, staffing.QuotaInput{Office: "Kk.11.03", Position: e.position,
		Level: e.level, Year: 2026, Quota: &q, Basis: "lama", Version: 1}, e.svc.Now()); err == nil {
		t.Fatal("a stale quota change was applied")
	} else if ae, _ := apperror.As(err); ae == nil || ae.Status != 409 {
		t.Fatalf("stale change: %v", err)
	}
	r := e.tally("Kk.11.03")
	if err := staffing.DeleteFormation(e.ctx, e.db, e.admin, r.FormationID, r.Version, "Salah kantor", e.svc.Now()); err != nil {
		t.Fatal(err)
	}
	evs, err := staffing.Events(e.ctx, e.db, e.admin, 0, 2026)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ev := range evs {
		s := ev.Action
		if ev.QuotaBefore != nil {
			s += fmt.Sprintf(" %d", *ev.QuotaBefore)
		}
		if ev.QuotaAfter != nil {
			s += fmt.Sprintf("→%d", *ev.QuotaAfter)
		}
		if ev.Actor == nil || ev.Actor.Username != "admin1" {
			t.Fatalf("event without its actor: %+v", ev)
		}
		got = append(got, s)
	}
	if strings.Join(got, ", ") != "delete 4, update 2→4, create→2" {
		t.Fatalf("timeline %v", got)
	}
	// A regency role sees its own office's timeline only.
	if evs, _ := staffing.Events(e.ctx, e.db, e.opB, 0, 0); len(evs) != 0 {
		t.Fatalf("another office sees %d quota events", len(evs))
	}
	if _, err := staffing.LoadLedger(e.ctx, e.db, e.opB, staffing.LedgerFilter{Office: "Kk.11.03", Year: 2026}); err == nil {
		t.Fatal("another office's ledger was shown")
	} else if ae, _ := apperror.As(err); ae == nil || ae.Status != 404 {
		t.Fatalf("another office's ledger: %v", err)
	}
}

// The ledger counts every proposal behind its numbers but lists at most
// Listed of them per row and kind, first by letter number.
func TestTheLedgerListsAFewProposalsAndCountsThemAll(t *testing.T) {
	e := newPlanEnv(t)
	e.setQuota("Kk.11.03", 2026, 9)
	var ids []int64
	for i := 0; i < 3; i++ {
		p := e.file(e.op, 2)
		e.must(e.kp, p, workflow.ActSubmit)
		ids = append(ids, p.ID)
	}
	l, err := staffing.LoadLedger(e.ctx, e.db, e.admin, staffing.LedgerFilter{Office: "Kk.11.03", Year: 2026, Listed: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Rows) != 1 {
		t.Fatalf("rows %+v", l.Rows)
	}
	r := l.Rows[0]
	if r.Reserved != 6 || r.ReservedProposals != 3 || len(r.ReservedBy) != 2 || r.ReservedBy[0].ID != ids[0] ||
		r.ReservedBy[1].ID != ids[1] || r.ReservedBy[0].Candidates != 2 || *r.Available != 3 || r.FilledProposals != 0 {
		t.Fatalf("row %+v", r)
	}
}
