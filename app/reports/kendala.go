package reports

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/notify"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// Obstacle categories (the list; models.ObstacleCategory).
const (
	CatSDM      = string(models.ObstacleSDM)
	CatAnggaran = string(models.ObstacleAnggaran)
	CatSarana   = string(models.ObstacleSarana)
	CatKonten   = string(models.ObstacleKonten)
	CatLainnya  = string(models.ObstacleLainnya)
)

// Categories lists the obstacle categories in display order.
var Categories = []string{CatSDM, CatAnggaran, CatSarana, CatKonten, CatLainnya}

// CategoryLabel is a category's Indonesian name (the code itself for an
// unknown one).
func CategoryLabel(c string) string {
	if l := models.ObstacleCategory(c).Label(); l != "" {
		return l
	}
	return c
}

// Obstacle states: open (waiting for the Kanwil), answered (the Kanwil
// replied; the office may add to it), closed.
const (
	ObstacleOpen     = "open"
	ObstacleAnswered = "answered"
	ObstacleClosed   = "closed"
)

// ObstacleStatusLabel is a state's Indonesian name.
func ObstacleStatusLabel(s string) string {
	switch s {
	case ObstacleOpen:
		return "Terbuka"
	case ObstacleAnswered:
		return "Dijawab Kanwil"
	case ObstacleClosed:
		return "Ditutup"
	}
	return s
}

// Obstacle is an office's report of what keeps it from its
// public-information work.
type Obstacle struct {
	bun.BaseModel `bun:"table:obstacles,alias:ob"`

	ID          int64       `bun:"id,pk,autoincrement" json:"id"`
	OfficeID    int64       `bun:"office_id,notnull" json:"-"`
	OfficeCode  string      `bun:"office_code,scanonly" json:"office"`
	OfficeName  string      `bun:"office_name,scanonly" json:"office_name"`
	Category    string      `bun:"category,notnull" json:"category"`
	Description string      `bun:"description,notnull" json:"description"`
	Since       models.Date `bun:"since,type:text" json:"since"`
	Status      string      `bun:"status,notnull" json:"status"`
	Answer      string      `bun:"answer,notnull" json:"answer"`
	CreatedBy   *int64      `bun:"created_by" json:"-"`
	AnsweredBy  *int64      `bun:"answered_by" json:"-"`
	CreatedAt   time.Time   `bun:"created_at,notnull" json:"created_at"`
	UpdatedAt   time.Time   `bun:"updated_at,notnull" json:"updated_at"`
	ClosedAt    *time.Time  `bun:"closed_at" json:"closed_at"`

	Proposals []int64         `bun:"-" json:"proposals"`
	Events    []ObstacleEvent `bun:"-" json:"events,omitempty"`
}

// ObstacleEvent is one entry of an obstacle's timeline.
type ObstacleEvent struct {
	bun.BaseModel `bun:"table:obstacle_events,alias:oe"`

	ID         int64     `bun:"id,pk,autoincrement" json:"id"`
	ObstacleID int64     `bun:"obstacle_id,notnull" json:"-"`
	ActorID    *int64    `bun:"actor_id" json:"-"`
	Actor      string    `bun:"actor,scanonly" json:"actor"`
	Action     string    `bun:"action,notnull" json:"action"`
	Note       string    `bun:"note,notnull" json:"note"`
	CreatedAt  time.Time `bun:"created_at,notnull" json:"created_at"`
}

type obstacleLink struct {
	bun.BaseModel `bun:"table:obstacle_proposals"`
	ObstacleID    int64 `bun:"obstacle_id,pk"`
	ProposalID    int64 `bun:"proposal_id,pk"`
}

// ObstacleInput is a new obstacle report, as typed (the /kendala form,
// POST /api/v1/obstacles); its validate tags are its field rules.
type ObstacleInput struct {
	Category    string      `json:"category" form:"category" validate:"required,kendala" msg_required:"Pilih kategori kendala."`
	Description string      `json:"description" form:"description" validate:"notblank,max=4000" msg_notblank:"Uraikan kendalanya." msg_max:"Uraian paling panjang 4000 karakter."`
	Since       models.Date `json:"since" form:"since" validate:"required,indate" label:"Tanggal" msg_required:"Isi sejak kapan kendala ini terjadi."`
	Proposals   input.IDs   `json:"proposals" form:"proposals" validate:"max=50" msg:"Tulis nomor usulan terkait, dipisah koma." msg_max:"Paling banyak 50 usulan terkait."`
}

// Normalize trims the description and lists each linked proposal once.
func (in *ObstacleInput) Normalize() {
	in.Description = strings.TrimSpace(in.Description)
	in.Proposals = uniq(in.Proposals)
}

// MaxObstacleText bounds a description or an answer.
const MaxObstacleText = 4000

// CreateObstacle records an obstacle for the caller's office (regency roles
// only; the office is never taken from the input). Linked proposals must be
// the office's own, and the obstacle must have begun by today.
func (s *Service) CreateObstacle(ctx context.Context, p access.Principal, in ObstacleInput) (*Obstacle, error) {
	if !p.Regional() {
		return nil, apperror.Forbidden("Laporan kendala dibuat oleh kantor kabupaten/kota.")
	}
	fields := input.Problems(&in)
	if _, bad := fields["since"]; !bad && s.Today().Before(in.Since) {
		fields["since"] = "Tanggal tidak boleh melewati hari ini."
	}
	ids := in.Proposals
	if _, bad := fields["proposals"]; !bad && len(ids) > 0 {
		n, err := store.For(s.DB, p).From("proposals AS p").Where("p.id IN (?)", bun.List(ids)).Count(ctx)
		if err != nil {
			return nil, err
		}
		if int(n) != len(ids) {
			fields["proposals"] = "Usulan terkait tidak ditemukan di kantor Anda."
		}
	}
	if len(fields) > 0 {
		return nil, apperror.Invalid(fields)
	}
	now := s.Now().UTC()
	ob := &Obstacle{OfficeID: p.OfficeID, Category: in.Category, Description: in.Description, Since: in.Since,
		Status: ObstacleOpen, CreatedBy: &p.UserID, CreatedAt: now, UpdatedAt: now}
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		st := store.For(tx, p)
		if _, err := st.Insert(ob).Apply(returningID).Exec(ctx); err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := st.Insert(&obstacleLink{ObstacleID: ob.ID, ProposalID: id}).Exec(ctx); err != nil {
				return err
			}
		}
		return s.obstacleEvent(ctx, st, ob, "create", "", now,
			fmt.Sprintf("Kendala #%d (%s) dilaporkan oleh %s.", ob.ID, CategoryLabel(ob.Category), p.OfficeCode), true)
	})
	if err != nil {
		return nil, err
	}
	return s.GetObstacle(ctx, p, ob.ID)
}

// obstacleEvent appends to the timeline and notifies: the Kanwil's
// verifiers and admins when toKanwil, else the office's people. The actor is
// never notified.
func (s *Service) obstacleEvent(ctx context.Context, st *store.Store, ob *Obstacle, action, note string,
	now time.Time, msg string, toKanwil bool) error {
	p := st.Principal()
	ev := &ObstacleEvent{ObstacleID: ob.ID, ActorID: &p.UserID, Action: action, Note: note, CreatedAt: now}
	if _, err := st.Insert(ev).Exec(ctx); err != nil {
		return err
	}
	q := st.DB().NewSelect().Table("users").Column("id").Where("active = ?", true).Where("id <> ?", p.UserID)
	if toKanwil {
		q = q.Where("role IN ('verifikator', 'admin')")
	} else {
		q = q.Where("office_id = ? AND role IN ('operator', 'kepala')", ob.OfficeID)
	}
	var users []int64
	if err := q.Scan(ctx, &users); err != nil {
		return err
	}
	rows := make([]notify.Notification, 0, len(users))
	for _, u := range users {
		id := ob.ID
		rows = append(rows, notify.Notification{UserID: u, ObstacleID: &id, Message: msg, CreatedAt: now})
	}
	if len(rows) == 0 {
		return nil
	}
	return st.InsertNotifications(ctx, &rows)
}

func returningID(q *bun.InsertQuery) *bun.InsertQuery { return q.Returning("id") }

func uniq(ids []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if id > 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

func (s *Service) obstacleQuery(p access.Principal, out any) *store.Select {
	return store.For(s.DB, p).Model(out).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.ColumnExpr("ob.*").ColumnExpr("o.code AS office_code, o.name AS office_name").
			Join("JOIN offices AS o ON o.id = ob.office_id")
	})
}

// ObstacleFilter narrows the obstacle list.
type ObstacleFilter struct {
	Status   string `json:"status" validate:"omitempty,oneof=active open answered closed" msg:"Status kendala tidak dikenal."` // "" all; "active" open or answered; or one state
	Category string `json:"category"`
	Office   string `json:"office"` // ignored for regency roles
}

// ListObstacles lists the obstacles p may see, newest first (at most 500).
func (s *Service) ListObstacles(ctx context.Context, p access.Principal, f ObstacleFilter) ([]Obstacle, error) {
	if err := input.Check(&f); err != nil {
		return nil, err
	}
	var out []Obstacle
	q := s.obstacleQuery(p, &out).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.OrderExpr("ob.id DESC").Limit(500)
		switch f.Status {
		case "":
		case "active":
			q = q.Where("ob.status <> 'closed'")
		default:
			q = q.Where("ob.status = ?", f.Status)
		}
		if f.Category != "" {
			q = q.Where("ob.category = ?", f.Category)
		}
		if f.Office != "" && !p.Regional() {
			q = q.Where("o.code = ?", f.Office)
		}
		return q
	})
	if err := q.Scan(ctx); err != nil {
		return nil, err
	}
	if out == nil {
		out = []Obstacle{}
	}
	return out, nil
}

// GetObstacle returns one obstacle with its linked proposals and timeline;
// another office's is NotFound.
func (s *Service) GetObstacle(ctx context.Context, p access.Principal, id int64) (*Obstacle, error) {
	ob := new(Obstacle)
	err := s.obstacleQuery(p, ob).Where("ob.id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperror.NotFound()
	}
	if err != nil {
		return nil, err
	}
	ob.Proposals = []int64{}
	st := store.For(s.DB, p)
	if err := st.From("obstacle_proposals").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Column("proposal_id").Where("obstacle_id = ?", id).Order("proposal_id")
	}).Scan(ctx, &ob.Proposals); err != nil {
		return nil, err
	}
	err = st.Model(&ob.Events).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.ColumnExpr("oe.*").ColumnExpr("coalesce(nullif(u.name, ''), u.username) AS actor").
			Join("LEFT JOIN users AS u ON u.id = oe.actor_id").Where("oe.obstacle_id = ?", id).Order("oe.id")
	}).Scan(ctx)
	return ob, err
}

// ObstacleAction is an answer, a note or a closing; its validate tags are
// its field rules (every action but close needs a note).
type ObstacleAction struct {
	Action string `json:"action" form:"action" validate:"oneof=answer comment close reopen" msg:"Tindakan tidak dikenal."`
	Note   string `json:"note" form:"note" validate:"required_unless=Action close,max=4000" msg_required_unless:"Tulis jawaban atau catatannya." msg_max:"Catatan paling panjang 4000 karakter."`
}

// Normalize trims the note.
func (in *ObstacleAction) Normalize() { in.Note = strings.TrimSpace(in.Note) }

// ActOnObstacle: the Kanwil (verifikator, admin) answers and closes; the
// office comments (which reopens an answered report) and may reopen a closed
// one. Every act goes on the timeline and notifies the other side.
func (s *Service) ActOnObstacle(ctx context.Context, p access.Principal, id int64, in ObstacleAction) (*Obstacle, error) {
	ob, err := s.GetObstacle(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if err := input.Check(&in); err != nil {
		return nil, err
	}
	kanwil := p.Role == models.RoleVerifikator || p.Role == models.RoleAdmin
	var to string
	switch in.Action {
	case "answer":
		if !kanwil {
			return nil, apperror.Forbidden("Jawaban diberikan oleh Kanwil.")
		}
		if ob.Status == ObstacleClosed {
			return nil, apperror.Conflict("Kendala ini sudah ditutup.")
		}
		to = ObstacleAnswered
	case "close":
		if !kanwil {
			return nil, apperror.Forbidden("Kendala ditutup oleh Kanwil.")
		}
		if ob.Status == ObstacleClosed {
			return nil, apperror.Conflict("Kendala ini sudah ditutup.")
		}
		to = ObstacleClosed
	case "comment":
		if ob.Status == ObstacleClosed {
			return nil, apperror.Conflict("Kendala ini sudah ditutup; buka kembali bila belum selesai.")
		}
		to = ob.Status
		if !kanwil {
			to = ObstacleOpen
		}
	case "reopen":
		if ob.Status != ObstacleClosed {
			return nil, apperror.Conflict("Kendala ini belum ditutup.")
		}
		to = ObstacleOpen
	}
	now := s.Now().UTC()
	err = s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		st := store.For(tx, p)
		res, err := st.Update("obstacles").Apply(func(q *bun.UpdateQuery) *bun.UpdateQuery {
			q = q.Set("status = ?", to).Set("updated_at = ?", now).
				Where("id = ? AND status = ?", ob.ID, ob.Status)
			switch in.Action {
			case "answer":
				q = q.Set("answer = ?", in.Note).Set("answered_by = ?", p.UserID)
			case "close":
				q = q.Set("closed_at = ?", now)
			case "reopen":
				q = q.Set("closed_at = NULL")
			}
			return q
		}).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperror.Conflict("Kendala ini baru saja diubah orang lain. Muat ulang halaman.")
		}
		verb := map[string]string{"answer": "dijawab Kanwil", "close": "ditutup Kanwil", "comment": "diberi catatan",
			"reopen": "dibuka kembali"}[in.Action]
		return s.obstacleEvent(ctx, st, ob, in.Action, in.Note, now,
			fmt.Sprintf("Kendala #%d (%s, %s) %s.", ob.ID, CategoryLabel(ob.Category), ob.OfficeCode, verb), !kanwil)
	})
	if err != nil {
		return nil, err
	}
	return s.GetObstacle(ctx, p, id)
}
