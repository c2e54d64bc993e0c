package workflow_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/employees"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

// statusOf is the HTTP status an error of the workflow answers with (200
// for none, 500 for an untyped one).
func statusOf(err error) int {
	if err == nil {
		return 200
	}
	if e, ok := apperror.As(err); ok {
		return e.Status
	}
	return 500
}

// fieldOf is the message an error gives for one field ("" for none).
func fieldOf(err error, field string) string {
	if e, ok := apperror.As(err); ok {
		return e.Fields[field]
	}
	return ""
}

// current reads a proposal as the admin sees it.
func (e *planEnv) current(prop *models.Proposal) *models.Proposal {
	e.t.Helper()
	cur, err := e.svc.Get(e.ctx, e.admin, prop.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return cur
}

// events counts a proposal's timeline entries.
func (e *planEnv) events(prop *models.Proposal) int {
	e.t.Helper()
	evs, err := e.svc.Events(e.ctx, e.admin, prop.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return len(evs)
}

// force puts a proposal into a state directly, with the people that state
// implies (submitted by kp, claimed by ver).
func (e *planEnv) force(prop *models.Proposal, st models.Status) {
	e.t.Helper()
	q := e.db.NewUpdate().Table("proposals").Set("status = ?", st).Where("id = ?", prop.ID)
	if st != models.StatusDraft {
		q = q.Set("submitted_by = ?", e.kp.UserID)
	}
	if st != models.StatusDraft && st != models.StatusSubmitted && st != models.StatusWithdrawn {
		q = q.Set("reviewer_id = ?", e.ver.UserID)
	}
	if _, err := q.Exec(e.ctx); err != nil {
		e.t.Fatal(err)
	}
}

// unchanged fails unless prop still has status st, version v and n events.
func (e *planEnv) unchanged(prop *models.Proposal, st models.Status, v int64, n int) {
	e.t.Helper()
	cur := e.current(prop)
	if cur.Status != st || cur.Version != v || e.events(prop) != n {
		e.t.Fatalf("a refused action changed the proposal: %s v%d %d events, want %s v%d %d events",
			cur.Status, cur.Version, e.events(prop), st, v, n)
	}
}

// TestApplyRefusesRolesThenStatesByTheTable walks every action × role ×
// state: a role the table does not name is 403 whatever the state, a state
// the action does not start from is 409, and a refused action changes
// nothing (status, version, timeline).
func TestApplyRefusesRolesThenStatesByTheTable(t *testing.T) {
	e := newPlanEnv(t)
	principals := []struct {
		role models.Role
		do   func(*models.Proposal, workflow.Action) (*models.Proposal, error)
	}{
		{models.RoleOperator, func(p *models.Proposal, a workflow.Action) (*models.Proposal, error) { return e.do(e.op, p, a) }},
		{models.RoleKepala, func(p *models.Proposal, a workflow.Action) (*models.Proposal, error) { return e.do(e.kp, p, a) }},
		{models.RoleVerifikator, func(p *models.Proposal, a workflow.Action) (*models.Proposal, error) { return e.do(e.ver, p, a) }},
		{models.RoleAdmin, func(p *models.Proposal, a workflow.Action) (*models.Proposal, error) { return e.do(e.admin, p, a) }},
	}
	for _, st := range models.AllStatuses {
		prop := e.file(e.op, 1)
		e.force(prop, st)
		before := e.current(prop)
		n := e.events(prop)
		for _, tr := range workflow.Transitions {
			for _, pr := range principals {
				want := 0
				switch {
				case !tr.AllowsRole(pr.role):
					want = 403
				case !tr.AllowsFrom(st):
					want = 409
				default:
					continue // allowed: the other tests take these
				}
				_, err := pr.do(prop, tr.Action)
				if got := statusOf(err); got != want {
					t.Errorf("%s by %s on %s: %d (%v), want %d", tr.Action, pr.role, st, got, err, want)
				}
				e.unchanged(prop, st, before.Version, n)
			}
		}
	}
	// Another office's kepala does not see the proposal at all.
	prop := e.file(e.op, 1)
	if _, err := e.do(e.kpB, prop, workflow.ActSubmit); statusOf(err) != 404 {
		t.Errorf("submit by another office: %v, want 404", err)
	}
	// An action the table does not know is 400.
	if _, err := e.do(e.kp, prop, workflow.Action("approve")); statusOf(err) != 400 || fieldOf(err, "action") == "" {
		t.Errorf("unknown action: %v, want 400 on action", err)
	}
}

// TestApplyNeedsTheCurrentVersion: no version is 400, a stale one 409, and
// neither changes anything.
func TestApplyNeedsTheCurrentVersion(t *testing.T) {
	e := newPlanEnv(t)
	prop := e.file(e.op, 1)
	cur := e.current(prop)
	n := e.events(prop)
	if _, err := e.do(e.kp, prop, workflow.ActSubmit, func(in *workflow.TransitionInput) { in.Version = 0 }); statusOf(err) != 400 || fieldOf(err, "version") == "" {
		t.Fatalf("no version: %v, want 400 on version", err)
	}
	e.unchanged(prop, models.StatusDraft, cur.Version, n)
	// Make the version the caller holds stale: an edit moves it on.
	if _, err := e.svc.Patch(e.ctx, e.op, prop.ID, []byte(fmt.Sprintf(`{"version": %d, "route": "perpindahan"}`, cur.Version))); err != nil {
		t.Fatal(err)
	}
	if _, err := e.do(e.kp, prop, workflow.ActSubmit, func(in *workflow.TransitionInput) { in.Version = cur.Version }); statusOf(err) != 409 {
		t.Fatalf("stale version: %v, want 409", err)
	}
	cur, n = e.current(prop), e.events(prop)
	if _, err := e.do(e.kp, prop, workflow.ActSubmit, func(in *workflow.TransitionInput) { in.Version = cur.Version + 1 }); statusOf(err) != 409 {
		t.Fatalf("future version: %v, want 409", err)
	}
	e.unchanged(prop, models.StatusDraft, cur.Version, n)
	got, err := e.do(e.kp, prop, workflow.ActSubmit)
	if err != nil || got.Status != models.StatusSubmitted || got.Version != cur.Version+1 {
		t.Fatalf("current version: %v %v", got, err)
	}
}

// TestEveryWritePathNeedsTheCurrentVersion: editing, uploading and recording
// findings each refuse a stale version with 409 and write nothing.
func TestEveryWritePathNeedsTheCurrentVersion(t *testing.T) {
	e := newPlanEnv(t)
	prop := e.file(e.op, 1)
	v := e.current(prop).Version
	nip := prop.Candidates[0].NIP

	if _, err := e.svc.Patch(e.ctx, e.op, prop.ID, []byte(fmt.Sprintf(`{"version": %d, "route": "perpindahan"}`, v+1))); statusOf(err) != 409 {
		t.Errorf("edit with a stale version: %v, want 409", err)
	}
	if _, err := e.svc.Patch(e.ctx, e.op, prop.ID, []byte(`{"route": "perpindahan"}`)); statusOf(err) != 400 {
		t.Errorf("edit without a version: %v, want 400", err)
	}
	pdf := []byte("%PDF-1.4\n%test\n")
	up := workflow.UploadInput{Candidate: nip, Item: "sk_cpns", FileName: "sk.pdf", Content: pdf}
	up.Version = v + 1
	if _, err := e.svc.Upload(e.ctx, e.op, prop.ID, up); statusOf(err) != 409 {
		t.Errorf("upload with a stale version: %v, want 409", err)
	}
	up.Version = 0
	if _, err := e.svc.Upload(e.ctx, e.op, prop.ID, up); statusOf(err) != 400 {
		t.Errorf("upload without a version: %v, want 400", err)
	}
	if as, _ := e.svc.Attachments(e.ctx, e.op, prop.ID); len(as) != 0 {
		t.Errorf("refused uploads stored %d documents", len(as))
	}
	e.unchanged(prop, models.StatusDraft, v, e.events(prop))

	// Findings: in review, claimed by ver.
	e.must(e.kp, prop, workflow.ActSubmit)
	e.must(e.ver, prop, workflow.ActClaim)
	v = e.current(prop).Version
	in := workflow.FindingsInput{Version: v - 1, Findings: []workflow.FindingInput{
		{Candidate: nip, Item: "rule:rank_range", Finding: workflow.FindingWanting, Note: "Pangkat tidak sesuai SK."}}}
	if _, err := e.svc.RecordFindings(e.ctx, e.ver, prop.ID, in); statusOf(err) != 409 {
		t.Fatalf("findings with a stale version: %v, want 409", err)
	}
	r, err := e.svc.Review(e.ctx, e.ver, prop.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, sub := range r.Subjects {
		for _, it := range sub.Rules {
			if it.Finding != "" {
				t.Fatalf("a refused findings save recorded %s = %s", it.Item, it.Finding)
			}
		}
	}
	in.Version = v
	if _, err := e.svc.RecordFindings(e.ctx, e.ver, prop.ID, in); err != nil {
		t.Fatalf("findings with the current version: %v", err)
	}
}

// TestReasonsAreRequiredWhereTheTableSaysSo: request_revision, reject and
// release need a note; blank, white space and zero-width characters are no
// reason.
func TestReasonsAreRequiredWhereTheTableSaysSo(t *testing.T) {
	e := newPlanEnv(t)
	var needing []workflow.Action
	for _, tr := range workflow.Transitions {
		if tr.NoteRequired {
			needing = append(needing, tr.Action)
		}
	}
	if fmt.Sprint(needing) != "[request_revision reject release]" {
		t.Fatalf("actions needing a reason: %v", needing)
	}
	prop := e.file(e.op, 1)
	e.must(e.kp, prop, workflow.ActSubmit)
	e.must(e.ver, prop, workflow.ActClaim)
	cur := e.current(prop)
	n := e.events(prop)
	for _, a := range needing {
		for _, note := range []string{"", "   \n\t", "\u200b\u200d\ufeff"} {
			_, err := e.do(e.ver, prop, a, func(in *workflow.TransitionInput) { in.Note = note })
			if statusOf(err) != 422 || fieldOf(err, "note") == "" {
				t.Errorf("%s with note %q: %v, want 422 on note", a, note, err)
			}
		}
	}
	e.unchanged(prop, models.StatusInReview, cur.Version, n)
	long := strings.Repeat("x", workflow.MaxNoteLength+1)
	if _, err := e.do(e.ver, prop, workflow.ActReject, func(in *workflow.TransitionInput) { in.Note = long }); statusOf(err) != 400 {
		t.Errorf("a note of %d characters: %v, want 400", len(long), err)
	}
	got, err := e.do(e.ver, prop, workflow.ActReject, func(in *workflow.TransitionInput) { in.Note = "  Ijazah tidak linier.  " })
	if err != nil || got.Status != models.StatusRejected {
		t.Fatalf("reject with a reason: %v", err)
	}
	evs, _ := e.svc.Events(e.ctx, e.admin, prop.ID)
	if last := evs[len(evs)-1]; last.Note != "Ijazah tidak linier." {
		t.Fatalf("the reason on the timeline: %q", last.Note)
	}
}

// TestAVerifierNeverReviewsWhatTheyFiledOrSubmitted: a user who filed or
// submitted a proposal (before becoming a verifier) may not claim or decide it.
func TestAVerifierNeverReviewsWhatTheyFiledOrSubmitted(t *testing.T) {
	e := newPlanEnv(t)
	for _, column := range []string{"created_by", "submitted_by"} {
		prop := e.file(e.op, 1)
		e.must(e.kp, prop, workflow.ActSubmit)
		if _, err := e.db.NewUpdate().Table("proposals").Set(column+" = ?", e.ver.UserID).Where("id = ?", prop.ID).Exec(e.ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := e.do(e.ver, prop, workflow.ActClaim); statusOf(err) != 403 {
			t.Errorf("claim by the verifier in %s: %v, want 403", column, err)
		}
		e.force(prop, models.StatusInReview) // claimed by ver, as if before
		if _, err := e.db.NewUpdate().Table("proposals").Set(column+" = ?", e.ver.UserID).Where("id = ?", prop.ID).Exec(e.ctx); err != nil {
			t.Fatal(err)
		}
		for _, a := range []workflow.Action{workflow.ActVerify, workflow.ActReject, workflow.ActRequestRevision} {
			if _, err := e.do(e.ver, prop, a); statusOf(err) != 403 {
				t.Errorf("%s by the verifier in %s: %v, want 403", a, column, err)
			}
		}
	}
}

// TestOnlyTheClaimingVerifierDecidesOrReleases: another verifier can neither
// decide nor release a claimed proposal; an admin can release it, and then
// the other verifier may claim and decide.
func TestOnlyTheClaimingVerifierDecidesOrReleases(t *testing.T) {
	e := newPlanEnv(t)
	ver2 := e.newUser("ver2", models.RoleVerifikator, "")
	prop := e.file(e.op, 1)
	e.must(e.kp, prop, workflow.ActSubmit)
	e.must(e.ver, prop, workflow.ActClaim)
	cur := e.current(prop)
	if cur.ReviewerID == nil || *cur.ReviewerID != e.ver.UserID {
		t.Fatalf("claim did not record the verifier: %v", cur.ReviewerID)
	}
	n := e.events(prop)
	for _, a := range []workflow.Action{workflow.ActVerify, workflow.ActReject, workflow.ActRequestRevision, workflow.ActRelease} {
		if _, err := e.do(ver2, prop, a, func(in *workflow.TransitionInput) { in.Note = "Alasan uji." }); statusOf(err) != 403 {
			t.Errorf("%s by another verifier: %v, want 403", a, err)
		}
	}
	e.unchanged(prop, models.StatusInReview, cur.Version, n)
	got, err := e.do(e.admin, prop, workflow.ActRelease, func(in *workflow.TransitionInput) { in.Note = "Verifikator cuti." })
	if err != nil || got.Status != models.StatusSubmitted || got.ReviewerID != nil {
		t.Fatalf("admin release: %+v %v", got, err)
	}
	e.must(ver2, prop, workflow.ActClaim)
	if _, err := e.do(e.ver, prop, workflow.ActVerify); statusOf(err) != 403 {
		t.Fatalf("the first verifier decides after release: %v, want 403", err)
	}
	e.must(ver2, prop, workflow.ActVerify)
	// The claiming verifier may release their own claim too.
	other := e.file(e.op, 1)
	e.must(e.kp, other, workflow.ActSubmit)
	e.must(e.ver, other, workflow.ActClaim)
	if got, err := e.do(e.ver, other, workflow.ActRelease, func(in *workflow.TransitionInput) { in.Note = "Salah ambil." }); err != nil || got.Status != models.StatusSubmitted {
		t.Fatalf("own release: %v", err)
	}
}

// TestCompleteNeedsTheDecreeNumberAndAPlausibleDate: the decree number is
// required (at most 200 characters); its date is required, not after today
// and not before the letter's date.
func TestCompleteNeedsTheDecreeNumberAndAPlausibleDate(t *testing.T) {
	e := newPlanEnv(t)
	prop := e.file(e.op, 1)
	e.must(e.kp, prop, workflow.ActSubmit)
	e.must(e.ver, prop, workflow.ActClaim, workflow.ActVerify, workflow.ActForward)
	today := e.svc.Today()
	letter := e.current(prop).LetterDate
	if letter != today {
		t.Fatalf("letter date %v, want today %v", letter, today)
	}
	cases := []struct {
		number string
		date   models.Date
		field  string
	}{
		{"", today, "decree_number"},
		{"   ", today, "decree_number"},
		{strings.Repeat("9", 201), today, "decree_number"},
		{"B-5/Kw.11/KP.07.6/2026", models.Date{}, "decree_date"},
		{"B-5/Kw.11/KP.07.6/2026", today.AddDate(0, 0, 1), "decree_date"},
		{"B-5/Kw.11/KP.07.6/2026", letter.AddDate(0, 0, -1), "decree_date"},
	}
	for _, c := range cases {
		_, err := e.do(e.ver, prop, workflow.ActComplete, func(in *workflow.TransitionInput) { in.DecreeNumber, in.DecreeDate = c.number, c.date })
		if statusOf(err) != 422 || fieldOf(err, c.field) == "" {
			t.Errorf("decree %q of %v: %v, want 422 on %s", c.number, c.date, err, c.field)
		}
	}
	got, err := e.do(e.ver, prop, workflow.ActComplete, func(in *workflow.TransitionInput) {
		in.DecreeNumber, in.DecreeDate = " B-5/Kw.11/KP.07.6/2026 ", today
	})
	if err != nil || got.Status != models.StatusCompleted || got.DecreeNumber != "B-5/Kw.11/KP.07.6/2026" || got.DecreeDate != today {
		t.Fatalf("complete: %+v %v", got, err)
	}
}

// TestSubmitNumbersTheLetterAndResubmitIssuesANewOne: numbers run per office
// and year; a resubmission takes the next number and keeps the old letter as
// superseded.
func TestSubmitNumbersTheLetterAndResubmitIssuesANewOne(t *testing.T) {
	e := newPlanEnv(t)
	a, b, c := e.file(e.op, 1), e.file(e.op, 1), e.file(e.opB, 1)
	e.must(e.kp, a, workflow.ActSubmit)
	e.must(e.kp, b, workflow.ActSubmit)
	e.must(e.kpB, c, workflow.ActSubmit)
	for prop, want := range map[*models.Proposal]string{
		a: "B-1/Kk.11.03/1/KP.07.6/11/2026", b: "B-2/Kk.11.03/1/KP.07.6/11/2026", c: "B-1/Kk.11.04/1/KP.07.6/11/2026"} {
		if got := e.current(prop).LetterNumber; got == nil || *got != want {
			t.Errorf("letter number %v, want %s", got, want)
		}
	}
	issued := func(prop *models.Proposal) []models.IssuedDocument {
		var docs []models.IssuedDocument
		if err := e.db.NewSelect().Model(&docs).Where("proposal_id = ?", prop.ID).Where("kind LIKE 'letter%'").Order("id").Scan(e.ctx); err != nil {
			t.Fatal(err)
		}
		return docs
	}
	if docs := issued(a); len(docs) != 1 || docs[0].Kind != "letter" || *docs[0].LetterNumber != "B-1/Kk.11.03/1/KP.07.6/11/2026" || len(docs[0].Content) == 0 {
		t.Fatalf("issued letter of a: %+v", docs)
	}
	e.must(e.ver, a, workflow.ActClaim, workflow.ActRequestRevision)
	if got := e.current(a).LetterNumber; *got != "B-1/Kk.11.03/1/KP.07.6/11/2026" {
		t.Fatalf("revision changed the number: %s", *got)
	}
	e.must(e.kp, a, workflow.ActResubmit)
	if got := e.current(a).LetterNumber; *got != "B-3/Kk.11.03/1/KP.07.6/11/2026" {
		t.Fatalf("resubmitted letter number %s, want B-3", *got)
	}
	docs := issued(a)
	if len(docs) != 2 || !strings.HasPrefix(docs[0].Kind, workflow.SupersededLetter) || docs[1].Kind != "letter" ||
		*docs[0].LetterNumber != "B-1/Kk.11.03/1/KP.07.6/11/2026" || *docs[1].LetterNumber != "B-3/Kk.11.03/1/KP.07.6/11/2026" {
		t.Fatalf("letters after resubmission: %v %v", docs[0].Kind, docs[len(docs)-1].Kind)
	}
	pdf, _, err := e.svc.Letter(e.ctx, e.op, a.ID)
	if err != nil || string(pdf) != string(docs[1].Content) {
		t.Fatalf("the printed letter is not the current issued one: %v", err)
	}
}

// TestSubmitWithAFailingCandidateNeedsAnOverrideNote: the override note is
// required, kept on the proposal and on the timeline; verifying such a
// proposal then needs a note of the verifier's own.
func TestSubmitWithAFailingCandidateNeedsAnOverrideNote(t *testing.T) {
	e := newPlanEnv(t)
	in := e.input(1)
	in.Candidates[0].Rank = "II/a" // below Ahli Pertama's III/a–III/b
	prop, err := e.svc.Create(e.ctx, e.op, in)
	if err != nil {
		t.Fatal(err)
	}
	if prop.Candidates[0].Verdict != "not_eligible" {
		t.Fatalf("candidate verdict %s, want not_eligible", prop.Candidates[0].Verdict)
	}
	cur := e.current(prop)
	if _, err := e.do(e.kp, prop, workflow.ActSubmit); statusOf(err) != 422 || fieldOf(err, "override_note") == "" {
		t.Fatalf("submit without an override: %v, want 422 on override_note", err)
	}
	e.unchanged(prop, models.StatusDraft, cur.Version, e.events(prop))
	if cur.LetterNumber != nil {
		t.Fatal("a refused submit spent a letter number")
	}
	got, err := e.do(e.kp, prop, workflow.ActSubmit, withOverride)
	if err != nil || got.OverrideNote != "Tetap diajukan untuk uji." {
		t.Fatalf("submit with an override: %+v %v", got, err)
	}
	e.must(e.ver, prop, workflow.ActClaim)
	if _, err := e.do(e.ver, prop, workflow.ActVerify); statusOf(err) != 422 || fieldOf(err, "note") == "" {
		t.Fatalf("verify a failing proposal without a note: %v, want 422 on note", err)
	}
	if _, err := e.do(e.ver, prop, workflow.ActVerify, func(in *workflow.TransitionInput) { in.Note = "Disetujui pimpinan." }); err != nil {
		t.Fatalf("verify with a note: %v", err)
	}
}

// TestVerifyIsRefusedWhileAnItemIsFoundWanting: a finding tidak_sesuai
// blocks verify (422 naming it) until it is changed; send-back then carries it.
func TestVerifyIsRefusedWhileAnItemIsFoundWanting(t *testing.T) {
	e := newPlanEnv(t)
	prop := e.file(e.op, 1)
	e.must(e.kp, prop, workflow.ActSubmit)
	e.must(e.ver, prop, workflow.ActClaim)
	nip := prop.Candidates[0].NIP
	v := e.current(prop).Version
	if _, err := e.svc.RecordFindings(e.ctx, e.ver, prop.ID, workflow.FindingsInput{Version: v, Findings: []workflow.FindingInput{
		{Candidate: nip, Item: "rule:performance", Finding: workflow.FindingWanting, Note: "SKP 2025 belum dinilai."}}}); err != nil {
		t.Fatal(err)
	}
	_, err := e.do(e.ver, prop, workflow.ActVerify)
	if statusOf(err) != 422 || !strings.Contains(err.Error(), "SKP 2025 belum dinilai") && !strings.Contains(fmt.Sprint(err), "kinerja") {
		t.Fatalf("verify with a wanting item: %v, want 422 naming it", err)
	}
	var ae *apperror.Error
	if !errors.As(err, &ae) {
		t.Fatalf("untyped error %v", err)
	}
	if _, err := e.svc.RecordFindings(e.ctx, e.ver, prop.ID, workflow.FindingsInput{Version: v, Findings: []workflow.FindingInput{
		{Candidate: nip, Item: "rule:performance", Finding: workflow.FindingOK}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.do(e.ver, prop, workflow.ActVerify); err != nil {
		t.Fatalf("verify once the item is sesuai: %v", err)
	}
}

// TestTheFlowHoldsOnAnyDay runs the whole path — file, submit, claim,
// verify, forward, complete — with the clock on other days: a year's first
// working days (a new agenda book: B-1 again) and the last day of a later
// year. Every date the test writes is derived from the clock, so the test
// means the same on any day the machine has.
func TestTheFlowHoldsOnAnyDay(t *testing.T) {
	t.Parallel()
	for _, day := range []string{"2027-01-02", "2030-12-31", "2026-11-30"} {
		t.Run(day, func(t *testing.T) {
			e := newPlanEnv(t)
			today := models.MustDate(day)
			e.svc.SetClock(today)
			e.reference = today
			e.setQuota("Kk.11.03", today.Year, 2)
			in := e.input(1)
			c := &in.Candidates[0]
			c.Performance = map[string]models.PerformanceRating{
				fmt.Sprint(today.Year - 1): models.RatingBaik, fmt.Sprint(today.Year - 2): models.RatingBaik}
			prop, err := e.svc.Create(e.ctx, e.op, in)
			if err != nil {
				t.Fatal(err)
			}
			if prop.Candidates[0].Verdict != "eligible" {
				t.Fatalf("verdict on %s: %s", day, prop.Candidates[0].Verdict)
			}
			e.must(e.kp, prop, workflow.ActSubmit)
			want := fmt.Sprintf("B-1/Kk.11.03/1/KP.07.6/%02d/%d", int(today.Month), today.Year)
			if got := e.current(prop); got.LetterNumber == nil || *got.LetterNumber != want || got.LetterDate != today {
				t.Fatalf("letter on %s: %v of %v, want %s", day, got.LetterNumber, got.LetterDate, want)
			}
			e.must(e.ver, prop, workflow.ActClaim, workflow.ActVerify, workflow.ActForward)
			got, err := e.do(e.ver, prop, workflow.ActComplete, func(in *workflow.TransitionInput) { in.DecreeDate = today })
			if err != nil || got.Status != models.StatusCompleted || got.DecreeDate != today {
				t.Fatalf("complete on %s: %v", day, err)
			}
			evs, _ := e.svc.Events(e.ctx, e.admin, prop.ID)
			for _, ev := range evs {
				if d := models.DateOf(ev.CreatedAt.In(models.Jakarta)); d != today {
					t.Fatalf("event %s dated %v on %s", ev.Action, d, day)
				}
			}
		})
	}
}

// TestCountsAreEachOfficesOwn seeds a different number of proposals per
// office and status and checks every count each role gets.
func TestCountsAreEachOfficesOwn(t *testing.T) {
	e := newPlanEnv(t)
	for i := 0; i < 2; i++ {
		e.file(e.op, 1)
	}
	s := e.file(e.op, 1)
	e.must(e.kp, s, workflow.ActSubmit)
	for i := 0; i < 4; i++ {
		e.file(e.opB, 1)
	}
	for who, c := range map[string]struct {
		p    func() (map[models.Status]int, error)
		want map[models.Status]int
	}{
		"op Kk.11.03": {func() (map[models.Status]int, error) { return e.svc.Counts(e.ctx, e.op) }, map[models.Status]int{models.StatusDraft: 2, models.StatusSubmitted: 1}},
		"kp Kk.11.04": {func() (map[models.Status]int, error) { return e.svc.Counts(e.ctx, e.kpB) }, map[models.Status]int{models.StatusDraft: 4}},
		"verifier":    {func() (map[models.Status]int, error) { return e.svc.Counts(e.ctx, e.ver) }, map[models.Status]int{models.StatusDraft: 6, models.StatusSubmitted: 1}},
	} {
		got, err := c.p()
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("counts of %s: %v, want %v", who, got, c.want)
		}
	}
}

// TestAnotherOfficesEmployeeCannotBeFiled: a NIP on Kk.11.03's register is
// refused when Kk.11.04 files it (create and edit), and accepted for its own
// office.
func TestAnotherOfficesEmployeeCannotBeFiled(t *testing.T) {
	e := newPlanEnv(t)
	c := e.candidate(true)
	reg := employees.New(e.db, e.svc.Clock)
	if _, err := reg.Create(e.ctx, e.op, c); err != nil {
		t.Fatal(err)
	}
	in := e.input(0)
	in.Candidates = append(in.Candidates, e.candidate(true), c)
	_, err := e.svc.Create(e.ctx, e.opB, in)
	if statusOf(err) != 422 || fieldOf(err, "candidates[1].nip") == "" || fieldOf(err, "candidates[0].nip") != "" {
		t.Fatalf("filing another office's employee: %v", err)
	}
	mine := e.file(e.opB, 1)
	body := fmt.Sprintf(`{"version": %d, "candidates": [{"nip": %q, "name": %q, "birth_date": "1992-03-15"}]}`, mine.Version, c.NIP, c.Name)
	if _, err := e.svc.Patch(e.ctx, e.opB, mine.ID, []byte(body)); statusOf(err) != 422 {
		t.Fatalf("editing another office's employee in: %v", err)
	}
	if _, err := e.svc.Create(e.ctx, e.op, in); err != nil {
		t.Fatalf("filing the office's own employee: %v", err)
	}
}
