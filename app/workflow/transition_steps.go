package workflow

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// The named steps that transitions declare (transitions.go). Apply runs the
// common checks, then the transition's Guards in order, then in one
// transaction the status update with the transition's Update, its Prepare
// steps, the event, its Effects and the notifications, and after the commit
// its Afterward steps. A new action is one row of the table.

// attempt is one application of a transition: who, on what, with what, and
// (inside the transaction) what the event will carry.
type attempt struct {
	t   Transition
	p   access.Principal
	cur *models.Proposal
	in  *TransitionInput

	tx      bun.Tx
	st      *store.Store // the principal's store on tx
	now     time.Time
	data    map[string]any // the event's data (nil: none)
	decided []WantingItem  // the findings decided on (decision actions)
}

// put adds a key to the event's data.
func (a *attempt) put(k string, v any) {
	if a.data == nil {
		a.data = map[string]any{}
	}
	a.data[k] = v
}

// step is one named check or effect of a transition.
type step struct {
	Name string
	run  func(ctx context.Context, s *Service, a *attempt) error
}

// setter adds the transition's own columns to the status update.
type setter func(q *bun.UpdateQuery, a *attempt) *bun.UpdateQuery

// Guards: checked before the transaction, in the declared order.
var (
	// separationOfDuties: a verifier never reviews a proposal they filed or submitted.
	separationOfDuties = step{"separation_of_duties", func(_ context.Context, _ *Service, a *attempt) error {
		if sameUser(a.cur.CreatedBy, a.p.UserID) || sameUser(a.cur.SubmittedBy, a.p.UserID) {
			return apperror.Forbidden("Anda tidak dapat memeriksa atau memutus usulan yang Anda buat atau ajukan sendiri.")
		}
		return nil
	}}
	// claimerReleases: only the claiming verifier (or an admin) releases a claim.
	claimerReleases = step{"claimer_releases", func(_ context.Context, _ *Service, a *attempt) error {
		cur, p := a.cur, a.p
		if p.Role == models.RoleVerifikator && cur.ReviewerID != nil && *cur.ReviewerID != p.UserID {
			return apperror.Forbidden("Hanya verifikator yang mengambil usulan ini (atau admin) yang dapat melepaskannya.")
		}
		return nil
	}}
	// decidingVerifier: a claimed proposal is decided by the verifier who
	// claimed it, or their substitute today (delegation.go).
	decidingVerifier = step{"deciding_verifier", func(ctx context.Context, s *Service, a *attempt) error {
		return s.mayActFor(ctx, a.p, a.cur)
	}}
	// reassignAllowed: the target is another active verifier (delegation.go).
	reassignAllowed = step{"reassign_allowed", func(ctx context.Context, s *Service, a *attempt) error {
		return s.reassignGuard(ctx, a.cur, a.in)
	}}
	// filingWindow: a submit only inside a filing window of its kind and
	// route open today (filing.go).
	filingWindow = step{"filing_window", func(ctx context.Context, s *Service, a *attempt) error {
		return s.filingGuard(ctx, a.cur)
	}}
	// verifyAllowed: unlawful staffing mechanism, items found wanting, a
	// failing proposal without a note (review_guard.go).
	verifyAllowed = step{"verify_allowed", func(ctx context.Context, s *Service, a *attempt) error {
		return s.verifyGuard(ctx, store.For(s.DB, a.p), a.cur, a.in.Note)
	}}
	// decreeFields: completing records the decree's number and date (not
	// after today, not before the proposal's letter).
	decreeFields = step{"decree_fields", func(_ context.Context, s *Service, a *attempt) error {
		in, cur := a.in, a.cur
		fields := map[string]string{}
		in.DecreeNumber = strings.TrimSpace(in.DecreeNumber)
		if in.DecreeNumber == "" {
			fields["decree_number"] = "Nomor SK wajib diisi."
		} else if utf8.RuneCountInString(in.DecreeNumber) > 200 {
			fields["decree_number"] = "Nomor SK paling panjang 200 karakter."
		}
		switch {
		case in.DecreeDate.IsZero():
			fields["decree_date"] = "Tanggal SK wajib diisi."
		case in.DecreeDate.After(s.Today()):
			fields["decree_date"] = "Tanggal SK tidak boleh melewati hari ini: catat SK yang sudah ditetapkan."
		case !cur.LetterDate.IsZero() && in.DecreeDate.Before(cur.LetterDate):
			fields["decree_date"] = "Tanggal SK tidak boleh sebelum tanggal surat usulan (" + cur.LetterDate.Indonesian() + ")."
		}
		if len(fields) > 0 {
			return apperror.Unprocessable("Data SK belum lengkap.", fields)
		}
		return nil
	}}
	// lawfulMechanism: an unlawful mechanism cannot be overridden; refused
	// before any letter number is taken (ELIGIBILITY.md §6.3).
	lawfulMechanism = step{"lawful_mechanism", func(_ context.Context, _ *Service, a *attempt) error {
		return unlawfulSubmit(a.cur)
	}}
	// failingNeedsOverride: a failing candidate goes only with an override note.
	failingNeedsOverride = step{"failing_needs_override", func(_ context.Context, _ *Service, a *attempt) error {
		cur := a.cur
		if failing := failingCandidates(cur); len(failing) > 0 && a.in.OverrideNote == "" {
			what := "Ada calon yang tidak memenuhi syarat: " + strings.Join(failing, "; ")
			if cur.Kind == models.KindStaffing {
				what = "Permintaan tenaga pendukung ini tidak memenuhi syarat"
			}
			return apperror.Unprocessable(
				what+". Perbaiki datanya, atau tulis alasan tetap mengajukan (override_note).",
				map[string]string{"override_note": "Wajib diisi bila tetap mengajukan calon yang tidak memenuhi syarat."})
		}
		return nil
	}}
	// submitGate: never a required document missing, never a letter
	// numbered on an incomplete office record (checklist.go).
	submitGate = step{"submit_gate", func(ctx context.Context, s *Service, a *attempt) error {
		return s.submitGuard(ctx, a.cur)
	}}
)

// Updates: the transition's own columns, set with the status.
var (
	setSubmitted setter = func(q *bun.UpdateQuery, a *attempt) *bun.UpdateQuery {
		return q.Set("submitted_by = ?", a.p.UserID).Set("submitted_at = ?", a.now).Set("override_note = ?", a.in.OverrideNote)
	}
	setResubmitted setter = func(q *bun.UpdateQuery, a *attempt) *bun.UpdateQuery {
		q = q.Set("submitted_by = ?", a.p.UserID)
		if a.in.OverrideNote != "" {
			q = q.Set("override_note = ?", a.in.OverrideNote)
		}
		return q
	}
	setReviewer setter = func(q *bun.UpdateQuery, a *attempt) *bun.UpdateQuery {
		return q.Set("reviewer_id = ?", a.p.UserID)
	}
	clearReviewer setter = func(q *bun.UpdateQuery, _ *attempt) *bun.UpdateQuery {
		return q.Set("reviewer_id = NULL")
	}
	setReassigned setter = func(q *bun.UpdateQuery, a *attempt) *bun.UpdateQuery {
		return q.Set("reviewer_id = ?", a.in.ToUser)
	}
	setDecree setter = func(q *bun.UpdateQuery, a *attempt) *bun.UpdateQuery {
		return q.Set("decree_number = ?", strings.TrimSpace(a.in.DecreeNumber)).Set("decree_date = ?", a.in.DecreeDate)
	}
)

// Prepare steps: in the transaction, after the status update and before
// the event is written; they may refuse (rolling everything back) and fill
// the event's data.
var (
	// quota: the formation ledger must have room (formations.go).
	quota = step{"quota", func(ctx context.Context, s *Service, a *attempt) error {
		return s.checkQuota(ctx, a.tx, a.cur)
	}}
	// decreeData: the event carries the decree (and only it).
	decreeData = step{"decree_data", func(_ context.Context, _ *Service, a *attempt) error {
		a.data = map[string]any{"decree_number": a.in.DecreeNumber, "decree_date": a.in.DecreeDate}
		return nil
	}}
	// checklist: the rule outcomes per candidate as decided on.
	checklist = step{"checklist_snapshot", func(_ context.Context, _ *Service, a *attempt) error {
		a.put("checklist", checklistSnapshot(a.cur))
		return nil
	}}
	// findings: the verifier's findings as decided on, read in the
	// decision's transaction.
	findings = step{"findings_snapshot", func(ctx context.Context, _ *Service, a *attempt) error {
		f, err := findingsSnapshot(ctx, a.st, a.cur)
		if err != nil {
			return err
		}
		a.decided = f
		return nil
	}}
	// nothingWanting: verify only with no item found wanting and every
	// uploaded document accepted, as read in the transaction.
	nothingWanting = step{"nothing_wanting", func(ctx context.Context, _ *Service, a *attempt) error {
		if err := wantingError(a.decided); err != nil {
			return err
		}
		return unacceptedDocumentsError(ctx, a.st, a.cur)
	}}
	// findingsData: the findings go on the event.
	findingsData = step{"findings_data", func(_ context.Context, _ *Service, a *attempt) error {
		a.put("findings", a.decided)
		return nil
	}}
	// onBehalf: a substitute's decision says for whom ("atas nama", delegation.go).
	onBehalf = step{"on_behalf_of", func(ctx context.Context, _ *Service, a *attempt) error {
		on, err := onBehalfOf(ctx, a.tx, a.p, a.cur)
		if err != nil {
			return err
		}
		if on != nil {
			a.put("on_behalf_of", on)
		}
		return nil
	}}
	// reassignData: the event names the previous and the new verifier (and only them).
	reassignData = step{"reassign_data", func(_ context.Context, _ *Service, a *attempt) error {
		a.data = map[string]any{"from_user": a.cur.ReviewerID, "to_user": a.in.ToUser}
		return nil
	}}
)

// Effects: in the transaction, after the event.
var (
	// letter: the letter number and the issued letter (letters.go).
	letter = step{"issue_letter", func(ctx context.Context, s *Service, a *attempt) error {
		if err := s.issueLetter(ctx, a.tx, a.cur, a.p, a.now); err != nil {
			return err
		}
		a.cur.Status = models.StatusDraft // issueLetter moved it; the message names the move
		return nil
	}}
	// reissue: the corrected proposal goes with a new letter (new number);
	// the old one is kept and verifies as replaced.
	reissue = step{"reissue_letter", func(ctx context.Context, s *Service, a *attempt) error {
		return s.reissueLetter(ctx, a.tx, a.cur, a.p, a.now)
	}}
	// reassigned: the new verifier is told (review_notify.go).
	reassigned = step{"reassigned", func(_ context.Context, _ *Service, a *attempt) error {
		a.cur.ReviewerID = &a.in.ToUser
		return nil
	}}
	// jfPosts: the candidates of a completed JFT proposal hold its post
	// from now on (jf_posts, read by the staffing forecast).
	jfPosts = step{"jf_posts", func(ctx context.Context, _ *Service, a *attempt) error {
		if a.cur.Kind != models.KindJFT {
			return nil
		}
		_, err := a.st.Exec(ctx, fmt.Sprintf(JFPostsSQL, "p.id = ?"), a.cur.ID)
		return err
	}}
	// claimed: the notifications name the claiming verifier.
	claimed = step{"claimed", func(_ context.Context, _ *Service, a *attempt) error {
		a.cur.ReviewerID = &a.p.UserID
		return nil
	}}
)

// Afterward steps: after the commit, best effort (a failure is logged).
var (
	// verificationSheet: issued now, as decided; should this fail, the
	// first print issues it instead (VerificationSheet is idempotent).
	verificationSheet = step{"verification_sheet", func(ctx context.Context, s *Service, a *attempt) error {
		if a.cur.Kind != models.KindJFT {
			return nil
		}
		_, err := s.VerificationSheet(ctx, a.p, a.cur.ID)
		return err
	}}
)

// runSteps runs steps in order and stops at the first error.
func runSteps(ctx context.Context, s *Service, a *attempt, steps []step) error {
	for _, st := range steps {
		if err := st.run(ctx, s, a); err != nil {
			return err
		}
	}
	return nil
}

// StepName is the step's name (for tests and logs).
func (s step) StepName() string { return s.Name }
