// Package staffing holds the staffing plan (formasi: the approved quota per
// office × position × level × year, its ledger and its timeline) and the
// reference data of staffing requests an admin keeps (pay caps, letter
// classifications, default qualifications). Writes are admin-only and
// audited; reads of office data go through the principal's scope.
//
// The ledger is never stored: planned is the quota; filled counts the
// candidates of completed proposals; reserved counts the candidates of
// proposals between submission and forwarding (submitted, in_review,
// revision_requested, verified, forwarded); available = planned − filled −
// reserved. So a submission reserves, a completion fills, and a rejection or
// withdrawal gives the slot back without any write here.
package staffing

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
	"github.com/kemenagjateng/usulan/app/db"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// Formation is the approved quota of one office, position, level and
// calendar year (PP 11/2017 Pasal 75(2), 78(2)). Version guards against two
// admins overwriting each other.
type Formation struct {
	bun.BaseModel `bun:"table:formations"`

	ID        int64     `bun:"id,pk,autoincrement" json:"id"`
	OfficeID  int64     `bun:"office_id,notnull" json:"-"`
	Position  string    `bun:"position,notnull" json:"position"`
	Level     string    `bun:"level,notnull" json:"level"`
	Year      int       `bun:"year,notnull" json:"year"`
	Quota     int       `bun:"quota,notnull" json:"quota"`
	Basis     string    `bun:"basis,notnull" json:"basis"`
	Version   int64     `bun:"version,notnull" json:"version"`
	UpdatedBy *int64    `bun:"updated_by" json:"-"`
	CreatedAt time.Time `bun:"created_at,notnull" json:"created_at"`
	UpdatedAt time.Time `bun:"updated_at,notnull" json:"updated_at"`

	Office *models.Office `bun:"rel:belongs-to,join:office_id=id" json:"-"`
}

// FormationEvent is one change of a quota, kept forever.
type FormationEvent struct {
	bun.BaseModel `bun:"table:formation_events"`

	ID          int64     `bun:"id,pk,autoincrement"`
	FormationID int64     `bun:"formation_id,notnull"`
	OfficeID    int64     `bun:"office_id,notnull"`
	Position    string    `bun:"position,notnull"`
	Level       string    `bun:"level,notnull"`
	Year        int       `bun:"year,notnull"`
	Action      string    `bun:"action,notnull"` // create | update | delete
	QuotaBefore *int      `bun:"quota_before"`
	QuotaAfter  *int      `bun:"quota_after"`
	Note        string    `bun:"note,notnull"`
	ActorID     *int64    `bun:"actor_id"`
	CreatedAt   time.Time `bun:"created_at,notnull"`

	Office *models.Office `bun:"rel:belongs-to,join:office_id=id"`
	Actor  *models.User   `bun:"rel:belongs-to,join:actor_id=id"`
}

// ReservedStatuses are the states in which a proposal's candidates hold a
// slot of the quota: from submission until the decree is recorded.
var ReservedStatuses = []models.Status{models.StatusSubmitted, models.StatusInReview,
	models.StatusRevisionRequested, models.StatusVerified, models.StatusForwarded}

// FilledStatuses are the states in which the candidates occupy the quota for good.
var FilledStatuses = []models.Status{models.StatusCompleted}

// MinYear and MaxYear bound a formation's year.
const (
	MinYear = 2000
	MaxYear = 2100
)

// MaxNote bounds the basis or reason of a change, in characters.
const MaxNote = 2000

// QuotaInput sets the quota of one office × position × level × year (API:
// POST /api/v1/formations; the ledger page's form). Version is the
// formation's current version when it exists (0 to create). Basis is the
// decision the quota rests on or the reason of the change; it is required
// and goes on the timeline. The validate tags are its field rules.
type QuotaInput struct {
	Office   string `json:"office" form:"office" validate:"notblank" msg:"Pilih kantor."`
	Position string `json:"position" form:"position" validate:"position"`
	Level    string `json:"level" form:"level" validate:"jenjang"`
	Year     int    `json:"year" form:"year" validate:"min=2000,max=2100" msg:"Tahun harus angka antara 2000 dan 2100, misalnya 2027."`
	Quota    *int   `json:"quota" form:"quota" validate:"required,min=0,max=10000" msg:"Kuota harus bilangan bulat 0 sampai 10.000." msg_required:"Kuota wajib diisi."`
	Basis    string `json:"basis" form:"basis" validate:"notblank,max=2000" msg_notblank:"Tuliskan dasar penetapan atau alasan perubahan kuota." msg_max:"Paling panjang 2000 karakter."`
	Version  int64  `json:"version" form:"version" validate:"min=0" msg:"Versi tidak valid."`
}

// Normalize trims the office code and the basis.
func (in *QuotaInput) Normalize() {
	in.Office, in.Basis = strings.TrimSpace(in.Office), strings.TrimSpace(in.Basis)
}

// validate checks in's fields, then that the position has the level.
func (in *QuotaInput) validate() error {
	f := input.Problems(in)
	if f["position"] == "" && f["level"] == "" {
		if pos, lvl := models.Position(in.Position), models.Level(in.Level); !pos.HasLevel(lvl) {
			f["level"] = pos.Label() + " tidak memiliki jenjang " + lvl.Label() + "."
		}
	}
	if len(f) > 0 {
		return apperror.Invalid(f)
	}
	return nil
}

// deletion is the reason an admin gives for removing a formation.
type deletion struct {
	Basis string `json:"basis" validate:"notblank,max=2000" msg_notblank:"Tuliskan alasan penghapusan formasi." msg_max:"Paling panjang 2000 karakter."`
}

func mustAdmin(p access.Principal) error {
	if !p.IsAdmin() {
		return apperror.Forbidden("Hanya admin Kanwil yang dapat mengubah data ini.")
	}
	return nil
}

// officeByCode finds an office by its code (404 when unknown).
func officeByCode(ctx context.Context, idb bun.IDB, code string) (*models.Office, error) {
	o := new(models.Office)
	err := idb.NewSelect().Model(o).Where("code = ?", code).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperror.InvalidField("office", "Kantor "+code+" tidak dikenal.")
	}
	return o, err
}

// forUpdate locks the selected rows on PostgreSQL; SQLite transactions
// begin IMMEDIATE (app/db) and are serialized already.
func forUpdate(idb bun.IDB, q *bun.SelectQuery) *bun.SelectQuery {
	if db.DialectName(idb) == "pg" {
		return q.For("UPDATE")
	}
	return q
}

// SetQuota creates or changes a formation (admin only) and records the
// change on the timeline, in one transaction. A stale version is 409; a
// concurrent creation of the same key is 409 too.
func SetQuota(ctx context.Context, bdb *bun.DB, p access.Principal, in QuotaInput, now time.Time) (*Formation, error) {
	if err := mustAdmin(p); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	office, err := officeByCode(ctx, bdb, in.Office)
	if err != nil {
		return nil, err
	}
	if office.IsKanwil() {
		return nil, apperror.InvalidField("office", "Formasi diatur untuk Kankemenag kabupaten/kota.")
	}
	var out *Formation
	err = bdb.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		st := store.For(tx, p)
		cur := new(Formation)
		err := st.Model(cur).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
			return forUpdate(tx, q.Where("office_id = ? AND position = ? AND level = ? AND year = ?",
				office.ID, in.Position, in.Level, in.Year))
		}).Scan(ctx)
		ev := &FormationEvent{OfficeID: office.ID, Position: in.Position, Level: in.Level, Year: in.Year,
			QuotaAfter: in.Quota, Note: in.Basis, ActorID: actor(p), CreatedAt: now}
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if in.Version != 0 {
				return apperror.Conflict("Formasi ini telah dihapus oleh orang lain. Muat ulang halaman lalu ulangi.")
			}
			cur = &Formation{OfficeID: office.ID, Position: in.Position, Level: in.Level, Year: in.Year, Quota: *in.Quota,
				Basis: in.Basis, Version: 1, UpdatedBy: actor(p), CreatedAt: now, UpdatedAt: now}
			if _, err := st.Insert(cur).Apply(returningID).Exec(ctx); err != nil {
				if db.IsUniqueViolation(err) {
					return apperror.Conflict("Formasi ini baru saja dibuat oleh orang lain. Muat ulang halaman lalu ulangi.")
				}
				return err
			}
			ev.Action = "create"
		case err != nil:
			return err
		default:
			if in.Version == 0 {
				return apperror.Conflict(fmt.Sprintf("Formasi ini sudah ada dengan kuota %d (versi %d). Ubah kuotanya lewat tabel formasi kantor, "+
					"atau kirim \"version\": %d.", cur.Quota, cur.Version, cur.Version))
			}
			if in.Version != cur.Version {
				return apperror.Conflict("Formasi telah diubah oleh orang lain sejak Anda membukanya (kini kuota " +
					fmt.Sprint(cur.Quota) + "). Muat ulang halaman lalu ulangi.")
			}
			before := cur.Quota
			ev.QuotaBefore = &before
			ev.Action = "update"
			cur.Quota, cur.Basis, cur.UpdatedBy, cur.UpdatedAt = *in.Quota, in.Basis, actor(p), now
			res, err := st.UpdateModel(cur).Apply(func(q *bun.UpdateQuery) *bun.UpdateQuery {
				return q.Column("quota", "basis", "updated_by", "updated_at").
					Set("version = version + 1").Where("id = ? AND version = ?", cur.ID, in.Version)
			}).Exec(ctx)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return apperror.Conflict("Formasi telah diubah oleh orang lain. Muat ulang halaman lalu ulangi.")
			}
			cur.Version++
		}
		ev.FormationID = cur.ID
		if _, err := st.Insert(ev).Exec(ctx); err != nil {
			return err
		}
		cur.Office = office
		out = cur
		return nil
	})
	return out, err
}

// DeleteFormation removes a formation (admin only): the office's proposals
// then state availability themselves again. The deletion stays on the
// timeline with the reason given.
func DeleteFormation(ctx context.Context, bdb *bun.DB, p access.Principal, id, version int64, note string, now time.Time) error {
	if err := mustAdmin(p); err != nil {
		return err
	}
	note = strings.TrimSpace(note)
	if err := input.Check(&deletion{Basis: note}); err != nil {
		return err
	}
	return bdb.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		st := store.For(tx, p)
		cur := new(Formation)
		err := st.Model(cur).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
			return forUpdate(tx, q.Where("id = ?", id))
		}).Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return apperror.NotFound()
		}
		if err != nil {
			return err
		}
		if version != cur.Version {
			return apperror.Conflict("Formasi telah diubah oleh orang lain. Muat ulang halaman lalu ulangi.")
		}
		if _, err := st.DeleteModel(cur).Apply(wherePK).Exec(ctx); err != nil {
			return err
		}
		before := cur.Quota
		ev := &FormationEvent{FormationID: cur.ID, OfficeID: cur.OfficeID, Position: cur.Position, Level: cur.Level,
			Year: cur.Year, Action: "delete", QuotaBefore: &before, Note: note, ActorID: actor(p), CreatedAt: now}
		_, err = st.Insert(ev).Exec(ctx)
		return err
	})
}

func returningID(q *bun.InsertQuery) *bun.InsertQuery { return q.Returning("id") }

func wherePK(q *bun.DeleteQuery) *bun.DeleteQuery { return q.WherePK() }

// Events returns the quota timeline, newest first: of one office (officeID
// > 0) or of every office the principal sees, for one year (0 = every year).
// A regency role sees its own office only.
func Events(ctx context.Context, idb bun.IDB, p access.Principal, officeID int64, year int) ([]*FormationEvent, error) {
	var evs []*FormationEvent
	// The store keeps a regency role to its own office.
	err := store.For(idb, p).Model(&evs).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Relation("Office").Relation("Actor").OrderExpr("formation_event.id DESC").Limit(500)
		if officeID > 0 {
			q = q.Where("formation_event.office_id = ?", officeID)
		}
		if year > 0 {
			q = q.Where("formation_event.year = ?", year)
		}
		return q
	}).Scan(ctx)
	return evs, err
}

// Tally is the ledger of one office × position × level × year.
type Tally struct {
	Configured  bool // a formation exists
	FormationID int64
	Planned     int // the quota
	Filled      int // candidates of completed proposals
	Reserved    int // candidates of proposals in flight
}

// Available is planned − filled − reserved (negative when a quota was
// lowered below what is already taken).
func (t Tally) Available() int { return t.Planned - t.Filled - t.Reserved }

// yearExpr is the year a proposal counts in: the year it was submitted,
// that of its letter (every counted proposal has been submitted, so has
// one), never its reference date's (issue 12). The database computes it
// into the indexed column formation_year (migration 20261207000005).
const yearExpr = "p.formation_year"

// YearOf is the year a proposal counts in (see yearExpr): the year of its
// letter; for a proposal not yet submitted, the year it would be submitted
// in today.
func YearOf(prop *models.Proposal, today models.Date) int {
	if !prop.LetterDate.IsZero() {
		return prop.LetterDate.Year
	}
	return today.Year
}

// Count tallies one office × position × level × year, leaving out the
// proposal exclude (the one being edited or submitted, so it is never counted
// twice). With lock set the formation row is locked for the rest of the
// transaction (PostgreSQL), so two submissions racing for the last slot are
// decided one after the other.
func Count(ctx context.Context, idb bun.IDB, officeID int64, position, level string, year int, exclude int64, lock bool) (Tally, error) {
	var t Tally
	// The tally reads officeID's rows only, whoever asks.
	st := store.ForOffice(idb, officeID)
	f := new(Formation)
	err := st.Model(f).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Where("office_id = ? AND position = ? AND level = ? AND year = ?", officeID, position, level, year)
		if lock {
			q = forUpdate(idb, q)
		}
		return q
	}).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return t, nil
	}
	if err != nil {
		return t, err
	}
	t.Configured, t.FormationID, t.Planned = true, f.ID, f.Quota
	var rows []struct {
		Status models.Status `bun:"status"`
		N      int           `bun:"n"`
	}
	err = st.From("proposals AS p").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Join("JOIN candidates AS c ON c.proposal_id = p.id").
			ColumnExpr("p.status, count(*) AS n").
			Where("p.kind = ? AND p.office_id = ? AND p.position = ? AND p.level = ?", models.KindJFT, officeID, position, level).
			Where("p.status IN (?)", bun.List(append(append([]models.Status{}, ReservedStatuses...), FilledStatuses...))).
			Where(yearExpr+" = ?", year).
			Where("p.id <> ?", exclude).
			GroupExpr("p.status")
	}).Scan(ctx, &rows)
	if err != nil {
		return t, err
	}
	for _, r := range rows {
		if isFilled(r.Status) {
			t.Filled += r.N
		} else {
			t.Reserved += r.N
		}
	}
	return t, nil
}

func isFilled(s models.Status) bool {
	for _, x := range FilledStatuses {
		if s == x {
			return true
		}
	}
	return false
}

// actor is the user recorded on a change (nil for a principal without one,
// e.g. a maintenance task).
func actor(p access.Principal) *int64 {
	if p.UserID == 0 {
		return nil
	}
	id := p.UserID
	return &id
}
