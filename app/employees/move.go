package employees

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// MaxMoveNote bounds the reason of a move, in characters.
const MaxMoveNote = 500

// EventMove is the action of a move between offices in an employee's history.
const EventMove = "move"

// Event is one entry of an employee's history.
type Event struct {
	ID         int64     `json:"id"`
	Action     string    `json:"action"`
	FromOffice string    `json:"from_office"` // office code
	FromName   string    `json:"from_office_name"`
	ToOffice   string    `json:"to_office"`
	ToName     string    `json:"to_office_name"`
	Actor      string    `json:"actor"` // the user's name
	Note       string    `json:"note"`
	At         time.Time `json:"at"`
}

// MoveInput is a move as the API (JSON) and the employee's page (form)
// send it; input.JSON and input.Form check its tags.
type MoveInput struct {
	Office  string `json:"office" form:"office" validate:"notblank,max=20" msg:"Pilih kantor tujuan."`
	Version int64  `json:"version" form:"version" validate:"min=1" msg:"Versi wajib dikirim untuk mencegah perubahan yang saling menimpa."`
	Note    string `json:"note" form:"note" validate:"max=500" msg:"Keterangan paling panjang 500 karakter."`
}

// Normalize trims the office code and the note.
func (in *MoveInput) Normalize() {
	in.Office, in.Note = strings.TrimSpace(in.Office), strings.TrimSpace(in.Note)
}

// Move puts an employee on another office's register: the person changed
// office (mutasi), and only the Kanwil's admin may say so — the new office
// then files for them, the old one no longer can (a NIP is on one register
// in the province). version must be the current one (409). The move and
// its event are written in one transaction. Errors: 404 outside the scope,
// 403 for any role but admin, 422 for an unknown office, the same office
// or a note over MaxMoveNote characters.
func (s *Service) Move(ctx context.Context, p access.Principal, id int64, in MoveInput) (*Employee, error) {
	cur, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if p.Role != models.RoleAdmin {
		return nil, apperror.Forbidden("Hanya admin Kanwil yang dapat memindahkan pegawai ke kantor lain.")
	}
	fields := input.Problems(&in, "Version") // a blank office, a note too long; a stale version is 409 below
	version, toOffice, note := in.Version, in.Office, in.Note
	var to models.Office
	switch err := s.DB.NewSelect().Model(&to).Where("code = ?", toOffice).Scan(ctx); {
	case fields["office"] != "":
	case errors.Is(err, sql.ErrNoRows):
		fields["office"] = "Kantor tujuan tidak dikenal."
	case err != nil:
		return nil, err
	case to.ID == cur.officeID:
		fields["office"] = "Pegawai sudah terdaftar di kantor ini."
	}
	if len(fields) > 0 {
		return nil, apperror.Unprocessable("Pegawai belum dapat dipindahkan.", fields)
	}
	if version != cur.Version {
		return nil, stale()
	}
	now := s.Now()
	var moved *Employee
	err = s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		st := store.For(tx, p)
		ok, err := st.MoveEmployee(ctx, id, version, cur.officeID, to.ID, now)
		if err != nil {
			return err
		}
		if !ok {
			return stale()
		}
		if err := st.InsertEmployeeEvent(ctx, &store.EmployeeEvent{EmployeeID: id, Action: EventMove,
			FromOfficeID: &cur.officeID, ToOfficeID: &to.ID, ActorID: &p.UserID, Note: note, CreatedAt: now}); err != nil {
			return err
		}
		moved, err = s.get(ctx, st, "employee.id = ?", id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return moved, nil
}

// History lists an employee's events, oldest first; 404 outside the scope.
// A regency office sees the whole history of its own employee, including
// the office the person came from.
func (s *Service) History(ctx context.Context, p access.Principal, id int64) ([]Event, error) {
	if _, err := s.Get(ctx, p, id); err != nil {
		return nil, err
	}
	out := []Event{}
	err := store.For(s.DB, p).EmployeeEvents().Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Join("LEFT JOIN offices AS f ON f.id = ev.from_office_id").
			Join("LEFT JOIN offices AS t ON t.id = ev.to_office_id").
			Join("LEFT JOIN users AS u ON u.id = ev.actor_id").
			ColumnExpr("ev.id, ev.action, ev.note, ev.created_at AS at").
			ColumnExpr("COALESCE(f.code, '') AS from_office, COALESCE(f.name, '') AS from_name").
			ColumnExpr("COALESCE(t.code, '') AS to_office, COALESCE(t.name, '') AS to_name").
			ColumnExpr("COALESCE(u.name, '') AS actor").
			Where("ev.employee_id = ?", id).OrderExpr("ev.id")
	}).Scan(ctx, &out)
	return out, err
}
