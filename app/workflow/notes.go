package workflow

import (
	"context"
	"strings"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// MaxOfficeNote bounds a candidate's "Ket." note, in characters.
const MaxOfficeNote = 200

// NotesInput is the office's "Ket." notes per candidate (NIP → note; an
// empty note clears it) with the proposal's current version.
type NotesInput struct {
	Version int64             `json:"version" validate:"min=1" msg:"Versi wajib dikirim."`
	Notes   map[string]string `json:"notes" validate:"dive,max=200" msg:"Keterangan paling panjang 200 karakter."`
}

// Normalize keys the notes by the NIP without spaces and trims them.
func (in *NotesInput) Normalize() {
	if in.Notes == nil {
		return
	}
	notes := make(map[string]string, len(in.Notes))
	for nip, note := range in.Notes {
		notes[models.NormalizeNIP(nip)] = strings.TrimSpace(note)
	}
	in.Notes = notes
}

// SetCandidateNotes records the office's own notes printed in the "Ket."
// column of the nominative list. Operator or kepala of the office, while the
// proposal is editable; one transaction with a version bump and an event.
func (s *Service) SetCandidateNotes(ctx context.Context, p access.Principal, id int64, in NotesInput) (*models.Proposal, error) {
	cur, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if err := FillNotes(ctx, store.For(s.DB, p), cur); err != nil {
		return nil, err
	}
	if !p.CanFile() {
		return nil, apperror.Forbidden("Hanya operator atau kepala Kankemenag yang dapat mengisi keterangan calon.")
	}
	if !cur.Status.Editable() {
		return nil, apperror.Conflict("Keterangan hanya dapat diubah saat usulan berstatus Draf atau Perlu perbaikan.")
	}
	fields := input.Problems(&in)
	if msg := fields["version"]; msg != "" {
		return nil, apperror.InvalidField("version", msg)
	}
	if in.Version != cur.Version {
		return nil, staleVersion(cur.Version)
	}
	byNIP := map[string]*models.Candidate{}
	for _, c := range cur.Candidates {
		byNIP[c.NIP] = c
	}
	changed := map[string]string{}
	for nip, note := range in.Notes {
		c, ok := byNIP[nip]
		switch {
		case !ok:
			fields["notes."+nip] = "Tidak ada calon dengan NIP ini pada usulan ini."
		case fields["notes."+nip] != "": // too long
		case c.OfficeNote != note:
			changed[nip] = note
		}
	}
	if len(fields) > 0 {
		return nil, apperror.Invalid(fields)
	}
	if len(changed) == 0 {
		return cur, nil
	}
	now := s.Now()
	err = s.inTx(ctx, func(tx bun.Tx) error {
		st := store.For(tx, p)
		res, err := st.UpdateModel((*models.Proposal)(nil)).Apply(func(q *bun.UpdateQuery) *bun.UpdateQuery {
			return q.Set("version = version + 1").Set("updated_at = ?", now).
				Where("id = ? AND version = ?", cur.ID, in.Version).
				Where("status IN (?)", bun.List([]models.Status{models.StatusDraft, models.StatusRevisionRequested}))
		}).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return staleVersion(0)
		}
		for nip, note := range changed {
			if _, err := st.Delete("candidate_notes").Apply(func(q *bun.DeleteQuery) *bun.DeleteQuery {
				return q.Where("proposal_id = ? AND nip = ?", cur.ID, nip)
			}).Exec(ctx); err != nil {
				return err
			}
			if note == "" {
				continue
			}
			if _, err := st.Insert(&candidateNote{ProposalID: cur.ID, NIP: nip, Note: note}).Exec(ctx); err != nil {
				return err
			}
		}
		return addEvent(ctx, st, cur.ID, p.UserID, "notes", cur.Status, cur.Status, "", map[string]any{"notes": changed}, now)
	})
	if err != nil {
		return nil, err
	}
	prop, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, err
	}
	return prop, FillNotes(ctx, store.For(s.DB, p), prop)
}

type candidateNote struct {
	bun.BaseModel `bun:"table:candidate_notes"`

	ProposalID int64  `bun:"proposal_id,pk"`
	NIP        string `bun:"nip,pk"`
	Note       string `bun:"note,notnull"`
}

// FillNotes sets each candidate's OfficeNote from candidate_notes.
func FillNotes(ctx context.Context, st *store.Store, p *models.Proposal) error {
	var rows []candidateNote
	if err := st.Model(&rows).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Where("proposal_id = ?", p.ID)
	}).Scan(ctx); err != nil {
		return err
	}
	notes := map[string]string{}
	for _, r := range rows {
		notes[r.NIP] = r.Note
	}
	for _, c := range p.Candidates {
		c.OfficeNote = notes[c.NIP]
	}
	return nil
}
