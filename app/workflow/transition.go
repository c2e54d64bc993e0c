package workflow

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/models"
)

// TransitionInput is the body of POST /proposals/{id}/transitions.
type TransitionInput struct {
	Action       Action      `json:"action"`
	Note         string      `json:"note"`
	OverrideNote string      `json:"override_note"`
	Version      int64       `json:"version"`
	DecreeNumber string      `json:"decree_number"`
	DecreeDate   models.Date `json:"decree_date"`
	// ToUser is the verifier a "reassign" moves the claim to (user id).
	ToUser int64 `json:"to_user,omitempty"`
}

// MaxNoteLength bounds notes and reasons, in characters.
const MaxNoteLength = 4000

// Apply takes a workflow action on a proposal. Checks, in order: the
// proposal is in scope (404), the action exists (400), the role may take it
// (403), the state allows it (409), the version is current (409), a reason
// is given where required (422), separation of duties (403), a decision by
// the claiming verifier or their substitute under a delegation in force
// (403), for submit a filing window open today (422, filing.go) and no
// failing rule without an override note (422). The change, its event and
// (on submit) the letter number and the issued letter are written in one
// transaction; two racing actions leave exactly one effect.
func (s *Service) Apply(ctx context.Context, p access.Principal, id int64, in TransitionInput) (*models.Proposal, error) {
	cur, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, err
	}
	t, ok := Lookup(in.Action)
	if !ok {
		return nil, apperror.InvalidField("action", "Tindakan tidak dikenal.")
	}
	if !t.AllowsRole(p.Role) {
		return nil, apperror.Forbidden("Peran " + p.Role.Label() + " tidak dapat melakukan \"" + t.Label + "\".")
	}
	if !t.AllowsFrom(cur.Status) {
		return nil, apperror.Conflict(fmt.Sprintf("Tindakan \"%s\" tidak dapat dilakukan pada usulan berstatus %s.",
			t.Label, cur.Status.Label()))
	}
	if in.Version == 0 {
		return nil, apperror.InvalidField("version", "Versi wajib dikirim.")
	}
	if in.Version != cur.Version {
		return nil, staleVersion(cur.Version)
	}
	in.Note = trimNote(in.Note)
	in.OverrideNote = trimNote(in.OverrideNote)
	if utf8.RuneCountInString(in.Note) > MaxNoteLength || utf8.RuneCountInString(in.OverrideNote) > MaxNoteLength {
		return nil, apperror.InvalidField("note", fmt.Sprintf("Catatan paling panjang %d karakter.", MaxNoteLength))
	}
	if t.NoteRequired && in.Note == "" {
		return nil, apperror.Unprocessable("Alasan wajib diisi.", map[string]string{"note": "Tuliskan alasannya."})
	}
	if reviewAction(t.Action) && (sameUser(cur.CreatedBy, p.UserID) || sameUser(cur.SubmittedBy, p.UserID)) {
		return nil, apperror.Forbidden("Anda tidak dapat memeriksa atau memutus usulan yang Anda buat atau ajukan sendiri.")
	}
	if t.Action == ActRelease && p.Role == models.RoleVerifikator && cur.ReviewerID != nil && *cur.ReviewerID != p.UserID {
		return nil, apperror.Forbidden("Hanya verifikator yang mengambil usulan ini (atau admin) yang dapat melepaskannya.")
	}
	if decisionAction(t.Action) {
		// The claiming verifier, or their substitute today (delegation.go).
		if err := s.mayActFor(ctx, p, cur); err != nil {
			return nil, err
		}
	}
	if t.Action == ActReassign {
		if err := s.reassignGuard(ctx, cur, &in); err != nil { // delegation.go
			return nil, err
		}
	}
	if t.Action == ActVerify {
		// Unlawful staffing mechanism, items found wanting, a failing proposal without a note (review_guard.go).
		if err := s.verifyGuard(ctx, cur, in.Note); err != nil {
			return nil, err
		}
	}
	if t.Action == ActComplete {
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
			return nil, apperror.Unprocessable("Data SK belum lengkap.", fields)
		}
	}
	if t.Action == ActSubmit {
		// Outside every filing window of its kind and route (filing.go).
		if err := s.filingGuard(ctx, cur); err != nil {
			return nil, err
		}
	}
	if t.Action == ActSubmit || t.Action == ActResubmit {
		// An unlawful mechanism cannot be overridden: refused before any
		// letter number is taken (ELIGIBILITY.md §6.3).
		if err := unlawfulSubmit(cur); err != nil {
			return nil, err
		}
		if failing := failingCandidates(cur); len(failing) > 0 && in.OverrideNote == "" {
			what := "Ada calon yang tidak memenuhi syarat: " + strings.Join(failing, "; ")
			if cur.Kind == models.KindStaffing {
				what = "Permintaan tenaga pendukung ini tidak memenuhi syarat"
			}
			return nil, apperror.Unprocessable(
				what+". Perbaiki datanya, atau tulis alasan tetap mengajukan (override_note).",
				map[string]string{"override_note": "Wajib diisi bila tetap mengajukan calon yang tidak memenuhi syarat."})
		}
		// Submit gate (checklist.go): never a required document missing,
		// never a letter numbered on an incomplete office record.
		if err := s.submitGuard(ctx, cur); err != nil {
			return nil, err
		}
	}

	now := s.Now()
	var mail *pendingMail
	var moved *models.Proposal
	err = s.inTx(ctx, func(tx bun.Tx) error {
		q := tx.NewUpdate().Model((*models.Proposal)(nil)).
			Set("status = ?", t.To).Set("version = version + 1").Set("updated_at = ?", now).
			Where("id = ?", cur.ID).Where("version = ?", in.Version).Where("status = ?", cur.Status)
		switch t.Action {
		case ActSubmit:
			q = q.Set("submitted_by = ?", p.UserID).Set("submitted_at = ?", now).Set("override_note = ?", in.OverrideNote)
		case ActResubmit:
			q = q.Set("submitted_by = ?", p.UserID)
			if in.OverrideNote != "" {
				q = q.Set("override_note = ?", in.OverrideNote)
			}
		case ActClaim:
			q = q.Set("reviewer_id = ?", p.UserID)
		case ActRelease:
			q = q.Set("reviewer_id = NULL")
		case ActReassign:
			q = q.Set("reviewer_id = ?", in.ToUser)
		case ActComplete:
			q = q.Set("decree_number = ?", strings.TrimSpace(in.DecreeNumber)).Set("decree_date = ?", in.DecreeDate)
		}
		res, err := q.Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return staleVersion(0)
		}
		if t.Action == ActSubmit || t.Action == ActResubmit {
			if err := s.checkQuota(ctx, tx, cur); err != nil { // formation ledger (formations.go)
				return err
			}
		}
		var data map[string]any
		var decided []WantingItem
		if in.OverrideNote != "" {
			data = map[string]any{"override_note": in.OverrideNote}
		}
		if t.Action == ActComplete {
			data = map[string]any{"decree_number": in.DecreeNumber, "decree_date": in.DecreeDate}
		}
		if t.Action == ActSubmit || t.Action == ActResubmit || t.Action == ActRequestRevision ||
			t.Action == ActVerify || t.Action == ActReject {
			if data == nil {
				data = map[string]any{}
			}
			data["checklist"] = checklistSnapshot(cur)
		}
		if decisionAction(t.Action) {
			// The findings as decided on, read in the decision's transaction.
			findings, err := findingsSnapshot(ctx, tx, cur)
			if err != nil {
				return err
			}
			if t.Action == ActVerify {
				if err := wantingError(findings); err != nil {
					return err
				}
				if err := unacceptedDocumentsError(ctx, tx, cur); err != nil {
					return err
				}
			}
			data["findings"] = findings
			decided = findings
			// A substitute's decision says for whom ("atas nama", delegation.go).
			if on, err := onBehalfOf(ctx, tx, p, cur); err != nil {
				return err
			} else if on != nil {
				data["on_behalf_of"] = on
			}
		}
		if t.Action == ActReassign {
			data = map[string]any{"from_user": cur.ReviewerID, "to_user": in.ToUser}
		}
		eventID, err := insertEvent(ctx, tx, cur.ID, p.UserID, string(t.Action), cur.Status, t.To, in.Note, data, now)
		if err != nil {
			return err
		}
		if err := recordReasons(ctx, tx, t.Action, cur.ID, eventID, decided, now); err != nil { // reasons.go
			return err
		}
		if t.To != cur.Status { // a reassign stays in its state: no new spell
			if err := recordSpell(ctx, tx, cur, t.Action, t.To, now); err != nil {
				return err
			}
		}
		if t.Action == ActSubmit {
			if err := s.issueLetter(ctx, tx, cur, p, now); err != nil {
				return err
			}
			cur.Status = models.StatusDraft // issueLetter moved it; the message names the move
		}
		if t.Action == ActResubmit {
			// The corrected proposal goes with a new letter (new number); the
			// old one is kept and verifies as replaced.
			if err := s.reissueLetter(ctx, tx, cur, p, now); err != nil {
				return err
			}
		}
		if t.Action == ActClaim {
			cur.ReviewerID = &p.UserID
		}
		if t.Action == ActReassign {
			cur.ReviewerID = &in.ToUser // the new verifier is told (review_notify.go)
		}
		if mail, err = s.notifyTransition(ctx, tx, t, cur, p.Name, p.UserID, eventID, in.Note, now); err != nil {
			return err
		}
		// The answer, read in the transaction that wrote it (never a second
		// read after the commit that could fail and hide the change).
		moved, err = getScoped(ctx, tx, p, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.sendMail(mail)
	if (t.Action == ActVerify || t.Action == ActReject) && cur.Kind == models.KindJFT {
		// Issue the verification sheet now, as decided; should this fail, the
		// first print issues it instead (VerificationSheet is idempotent).
		if _, err := s.VerificationSheet(ctx, p, id); err != nil && s.Log != nil {
			s.Log.Warn("issuing verification sheet", "proposal", id, "err", err)
		}
	}
	return moved, nil
}

// reviewAction: the verifier's acts, never on a proposal one filed or submitted.
func reviewAction(a Action) bool {
	return a == ActClaim || decisionAction(a)
}

// decisionAction: the acts that close a review round, taken by the verifier
// who claimed the proposal, with the findings snapshotted into the event.
func decisionAction(a Action) bool {
	return a == ActRequestRevision || a == ActVerify || a == ActReject
}

// trimNote trims white space and invisible format characters (zero-width
// space, joiners, BOM) from both ends, so that a "reason" of only such
// characters counts as empty.
func trimNote(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) })
}

func sameUser(id *int64, user int64) bool { return id != nil && *id == user }

// failingCandidates names the candidates with a failing rule (or the staffing
// request itself).
func failingCandidates(p *models.Proposal) []string {
	if p.Kind == models.KindStaffing {
		if p.Verdict == "not_eligible" {
			return []string{"permintaan tenaga pendukung"}
		}
		return nil
	}
	var out []string
	for _, c := range p.Candidates {
		if c.Verdict == "not_eligible" {
			out = append(out, c.Name+" ("+c.NIP+")")
		}
	}
	return out
}

// checklistSnapshot is the rule outcomes per candidate at the moment of a
// transition, kept on the event so the timeline shows what was decided on.
func checklistSnapshot(p *models.Proposal) any {
	if p.Kind == models.KindStaffing {
		if p.Checks == nil {
			return nil
		}
		return json.RawMessage(*p.Checks)
	}
	out := make([]map[string]any, 0, len(p.Candidates))
	for _, c := range p.Candidates {
		out = append(out, map[string]any{"nip": c.NIP, "name": c.Name, "verdict": c.Verdict})
	}
	return out
}
