package workflow

import (
	"context"
	"net/http"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/models"
)

// MaxBulk bounds the proposals of one bulk request.
const MaxBulk = 200

// BulkInput is the body of POST /api/v1/bulk/transitions: one action (with
// its note, or one collective SK number and date for "complete") on several
// proposals.
type BulkInput struct {
	IDs          []int64     `json:"ids" form:"ids" validate:"min=1,max=200" msg_min:"Pilih sedikitnya satu usulan." msg_max:"Paling banyak 200 usulan sekaligus." msg:"Nomor usulan tidak sah."`
	Action       Action      `json:"action" form:"action" validate:"action" msg:"Tindakan tidak dikenal."`
	Note         string      `json:"note" form:"note"`
	OverrideNote string      `json:"override_note" form:"override_note"`
	DecreeNumber string      `json:"decree_number" form:"decree_number"`
	DecreeDate   models.Date `json:"decree_date" form:"decree_date" msg:"Tanggal SK tidak valid."`
	ToUser       int64       `json:"to_user,omitempty" form:"to_user"`
}

// Normalize lists each id once (in the order given).
func (in *BulkInput) Normalize() { in.IDs = uniqueIDs(in.IDs) }

// BulkResult is one proposal's outcome: Status is the HTTP status the same
// action on that proposal alone would have had (200, or 403, 404, 409, 422 …)
// and Error its message; Fields the per-field messages of a 4xx.
type BulkResult struct {
	ID        int64             `json:"id"`
	OK        bool              `json:"ok"`
	Status    int               `json:"status"`
	Error     string            `json:"error"`
	Fields    map[string]string `json:"fields,omitempty"`
	NewStatus models.Status     `json:"proposal_status,omitempty"`
	Version   int64             `json:"version,omitempty"`
}

// BulkApply takes one action on several proposals, each on its own: each
// uses its own current version and its own transaction (Apply), so one
// refused or failing item never blocks or rolls back the others. The ids
// are taken in the order given, duplicates once. A request without ids,
// with more than MaxBulk, or with an unknown action is 400 as a whole.
func (s *Service) BulkApply(ctx context.Context, p access.Principal, in BulkInput) ([]BulkResult, error) {
	f := input.Problems(&in)
	if msg := f["action"]; msg != "" { // the action first: the rest means nothing without one
		return nil, apperror.InvalidField("action", msg)
	}
	if msg := f["ids"]; msg != "" {
		return nil, apperror.InvalidField("ids", msg)
	}
	return s.applyEach(ctx, p, in.IDs, TransitionInput{Action: in.Action, Note: in.Note, OverrideNote: in.OverrideNote,
		DecreeNumber: in.DecreeNumber, DecreeDate: in.DecreeDate, ToUser: in.ToUser}), nil
}

// applyEach runs Apply on each id with its current version.
func (s *Service) applyEach(ctx context.Context, p access.Principal, ids []int64, in TransitionInput) []BulkResult {
	out := make([]BulkResult, 0, len(ids))
	for _, id := range ids {
		r := BulkResult{ID: id}
		cur, err := s.Get(ctx, p, id)
		if err == nil {
			one := in
			one.Version = cur.Version
			var moved *models.Proposal
			if moved, err = s.Apply(ctx, p, id, one); err == nil {
				r.OK, r.Status, r.NewStatus, r.Version = true, http.StatusOK, moved.Status, moved.Version
			}
		}
		if err != nil {
			if ae, ok := apperror.As(err); ok {
				r.Status, r.Error, r.Fields = ae.Status, ae.Message, ae.Fields
			} else {
				// Never a bare 500 to the caller: the item says so, the log keeps why.
				r.Status, r.Error = http.StatusInternalServerError, "Terjadi kesalahan pada server; ulangi untuk usulan ini."
				if s.Log != nil {
					s.Log.Error("bulk transition", "proposal", id, "action", in.Action, "err", err)
				}
			}
		}
		out = append(out, r)
	}
	return out
}

func uniqueIDs(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
