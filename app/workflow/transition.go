package workflow

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// TransitionInput is the body of POST /proposals/{id}/transitions (JSON
// in the API, a form on the proposal's page: app/input). Apply checks it.
type TransitionInput struct {
	Action       Action      `json:"action" form:"action" validate:"action" msg:"Tindakan tidak dikenal."`
	Note         string      `json:"note" form:"note" validate:"max=4000" msg:"Catatan paling panjang 4000 karakter."`
	OverrideNote string      `json:"override_note" form:"override_note" validate:"max=4000" msg:"Catatan paling panjang 4000 karakter."`
	Version      int64       `json:"version" form:"version" validate:"min=1" msg:"Versi wajib dikirim."`
	DecreeNumber string      `json:"decree_number" form:"decree_number"`
	DecreeDate   models.Date `json:"decree_date" form:"decree_date" validate:"indate" msg:"Tanggal SK tidak valid."`
	// ToUser is the verifier a "reassign" moves the claim to (user id).
	ToUser int64 `json:"to_user,omitempty" form:"to_user"`
}

// Normalize trims the notes (trimNote).
func (in *TransitionInput) Normalize() {
	in.Note, in.OverrideNote = trimNote(in.Note), trimNote(in.OverrideNote)
}

func init() {
	codes := make([]string, 0, len(Transitions))
	for _, t := range Transitions {
		codes = append(codes, string(t.Action))
	}
	input.Enum("action", "Tindakan", codes, func(s string) bool { _, ok := Lookup(Action(s)); return ok })
}

// MaxNoteLength bounds notes and reasons, in characters.
const MaxNoteLength = 4000

// Apply takes a workflow action on a proposal. Checks, in order: the
// proposal is in scope (404), the action exists (400), the role may take it
// (403), the state allows it (409), the version is current (409), a reason
// is given where required (422), then the transition's own guards as
// declared in Transitions (separation of duties 403, a decision by the
// claiming verifier or their substitute under a delegation in force 403,
// decree fields 422, for submit a filing window open today 422 and no
// failing rule without an override note 422, …). The status change with the transition's columns, its
// prepare steps (quota, snapshots), the event and its effects (on submit
// the letter number and the issued letter) are written in one transaction;
// two racing actions leave exactly one effect.
func (s *Service) Apply(ctx context.Context, p access.Principal, id int64, in TransitionInput) (*models.Proposal, error) {
	cur, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, err
	}
	t, err := checkCommon(p, cur, &in)
	if err != nil {
		return nil, err
	}
	a := &attempt{t: t, p: p, cur: cur, in: &in}
	if err := runSteps(ctx, s, a, t.Guards); err != nil {
		return nil, err
	}

	a.now = s.Now()
	var moved *models.Proposal
	before := *cur // steps change cur (the letter, the reviewer): each run starts from it
	err = s.inTx(ctx, func(tx bun.Tx) error {
		*cur, a.data, a.decided = before, nil, nil
		st := store.For(tx, p)
		a.tx, a.st = tx, st
		res, err := st.UpdateModel((*models.Proposal)(nil)).Apply(func(q *bun.UpdateQuery) *bun.UpdateQuery {
			q = q.Set("status = ?", t.To).Set("version = version + 1").Set("updated_at = ?", a.now).
				Where("id = ?", cur.ID).Where("version = ?", in.Version).Where("status = ?", cur.Status)
			if t.To != cur.Status { // a new stay: the service level counts from now (app/sla)
				q = q.Set("state_since = ?", a.now)
			}
			if t.Update != nil {
				q = t.Update(q, a)
			}
			return q
		}).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return staleVersion(0)
		}
		if in.OverrideNote != "" {
			a.put("override_note", in.OverrideNote)
		}
		if err := runSteps(ctx, s, a, t.Prepare); err != nil {
			return err
		}
		eventID, err := insertEvent(ctx, st, cur.ID, p.UserID, string(t.Action), cur.Status, t.To, in.Note, a.data, a.now)
		if err != nil {
			return err
		}
		if err := recordReasons(ctx, st, t.Action, cur.ID, eventID, a.decided, a.now); err != nil { // reasons.go
			return err
		}
		if t.To != cur.Status { // a reassign stays in its state: no new spell
			if err := recordSpell(ctx, st, cur, t.Action, t.To, a.now); err != nil {
				return err
			}
		}
		if err := runSteps(ctx, s, a, t.Effects); err != nil {
			return err
		}
		if err := s.notifyTransition(ctx, tx, t, cur, p.Name, p.UserID, eventID, in.Note, a.now); err != nil {
			return err
		}
		// The answer, read in the transaction that wrote it (never a second
		// read after the commit that could fail and hide the change).
		moved, err = getScoped(ctx, st, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, st := range t.Afterward {
		if err := st.run(ctx, s, a); err != nil && s.Log != nil {
			s.Log.Warn("after "+string(t.Action), "step", st.Name, "proposal", id, "err", err)
		}
	}
	return moved, nil
}

// checkCommon runs the checks every action shares, in order: the action
// exists (400), the role may take it (403), the state allows it (409), the
// version is sent (400) and current (409), notes are within MaxNoteLength
// (400) and a reason is given where required (422); the field rules are
// in's validate tags. Notes are trimmed in in.
func checkCommon(p access.Principal, cur *models.Proposal, in *TransitionInput) (Transition, error) {
	fields := input.Problems(in)
	if msg := fields["action"]; msg != "" {
		return Transition{}, apperror.InvalidField("action", msg)
	}
	t, _ := Lookup(in.Action)
	if !t.AllowsRole(p.Role) {
		return t, apperror.Forbidden("Peran " + p.Role.Label() + " tidak dapat melakukan \"" + t.Label + "\".")
	}
	if !t.AllowsFrom(cur.Status) {
		return t, apperror.Conflict(fmt.Sprintf("Tindakan \"%s\" tidak dapat dilakukan pada usulan berstatus %s.",
			t.Label, cur.Status.Label()))
	}
	if msg := fields["version"]; msg != "" {
		return t, apperror.InvalidField("version", msg)
	}
	if in.Version != cur.Version {
		return t, staleVersion(cur.Version)
	}
	if len(fields) > 0 { // a note too long, a decree date out of range
		return t, apperror.Invalid(fields)
	}
	if t.NoteRequired && in.Note == "" {
		return t, apperror.Unprocessable("Alasan wajib diisi.", map[string]string{"note": "Tuliskan alasannya."})
	}
	return t, nil
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
