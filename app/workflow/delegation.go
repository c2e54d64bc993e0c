package workflow

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/audit"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// Delegation names a substitute for an absent verifier over a range of
// calendar dates (Asia/Jakarta, both ends inclusive): from the first day to
// the last, ToUser sees FromUser's claimed proposals in the inbox and may
// record findings on them and decide them; the events say "atas nama"
// FromUser. The day after End the right is gone.
type Delegation struct {
	bun.BaseModel `bun:"table:delegations"`

	ID        int64       `bun:"id,pk,autoincrement" json:"id"`
	FromID    int64       `bun:"from_user_id,notnull" json:"from_user_id"`
	ToID      int64       `bun:"to_user_id,notnull" json:"to_user_id"`
	Start     models.Date `bun:"start_date,type:text,notnull" json:"start"`
	End       models.Date `bun:"end_date,type:text,notnull" json:"end"`
	Note      string      `bun:"note,notnull" json:"note"`
	CreatedBy *int64      `bun:"created_by" json:"-"`
	CreatedAt time.Time   `bun:"created_at,notnull" json:"created_at"`

	// Filled for answers (not columns).
	FromUser string `bun:"-" json:"from_user"`
	FromName string `bun:"-" json:"from_user_name"`
	ToUser   string `bun:"-" json:"to_user"`
	ToName   string `bun:"-" json:"to_user_name"`
	Active   bool   `bun:"-" json:"active"`
}

// UserRef names a user in API input by id (a JSON number) or username (a
// JSON string).
type UserRef struct {
	ID       int64
	Username string
}

// UnmarshalJSON accepts 12 or "ver1".
func (u *UserRef) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		s = strings.TrimSpace(s)
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			u.ID = n
		} else {
			u.Username = s
		}
		return nil
	}
	if string(b) == "null" {
		return nil
	}
	return json.Unmarshal(b, &u.ID)
}

// UnmarshalText reads a form's user select: an id, or a username.
func (u *UserRef) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	*u = UserRef{}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		u.ID = n
	} else {
		u.Username = s
	}
	return nil
}

// IsZero reports whether no user was named.
func (u UserRef) IsZero() bool { return u.ID == 0 && u.Username == "" }

// DelegationInput is the body of POST /api/v1/delegations. FromUser may be
// left out by a verifier naming a substitute for themselves.
//
// The validate tags are its field rules; the users are checked against the
// register by CreateDelegation.
type DelegationInput struct {
	FromUser UserRef     `json:"from_user" form:"from_user"`
	ToUser   UserRef     `json:"to_user" form:"to_user"`
	Start    models.Date `json:"start" form:"start" validate:"required,indate" label:"Tanggal mulai" msg_required:"Tanggal mulai wajib diisi."`
	End      models.Date `json:"end" form:"end" validate:"required,indate,notbefore=Start" label:"Tanggal selesai" msg_required:"Tanggal selesai wajib diisi." msg_notbefore:"Tanggal selesai tidak boleh sebelum tanggal mulai."`
	Note     string      `json:"note" form:"note" validate:"max=500" msg:"Keterangan paling panjang 500 karakter."`
}

// Normalize trims the note.
func (in *DelegationInput) Normalize() { in.Note = trimNote(in.Note) }

// delegUser is a user as delegation needs it.
type delegUser struct {
	ID       int64       `bun:"id"`
	Username string      `bun:"username"`
	Name     string      `bun:"name"`
	Role     models.Role `bun:"role"`
	Active   bool        `bun:"active"`
}

func (u delegUser) display() string {
	if u.Name != "" {
		return u.Name
	}
	return u.Username
}

// lookupUser finds a user by reference; nil when there is none.
func lookupUser(ctx context.Context, db bun.IDB, r UserRef) (*delegUser, error) {
	u := new(delegUser)
	q := db.NewSelect().Table("users").Column("id", "username", "name", "role", "active")
	if r.ID != 0 {
		q = q.Where("id = ?", r.ID)
	} else {
		q = q.Where("username = ?", r.Username)
	}
	err := q.Limit(1).Scan(ctx, u)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return u, err
}

// activeVerifier loads r as an active verifier, or says why not under field.
func activeVerifier(ctx context.Context, db bun.IDB, r UserRef, field string, fields map[string]string) (*delegUser, error) {
	if r.IsZero() {
		fields[field] = "Pilih verifikator."
		return nil, nil
	}
	u, err := lookupUser(ctx, db, r)
	if err != nil {
		return nil, err
	}
	switch {
	case u == nil:
		fields[field] = "Pengguna tidak ditemukan."
	case u.Role != models.RoleVerifikator:
		fields[field] = "Pengguna ini bukan verifikator."
		u = nil
	case !u.Active:
		fields[field] = "Akun verifikator ini tidak aktif."
		u = nil
	}
	return u, nil
}

// CreateDelegation names a substitute (POST /api/v1/delegations). A verifier
// names one for themselves only; an admin for any verifier; other roles get
// 403. Both users must be active verifiers and differ (400/422 by field);
// the range must be valid dates with start ≤ end and end not before today
// (422), and must not overlap another delegation of the same verifier (422).
func (s *Service) CreateDelegation(ctx context.Context, p access.Principal, in DelegationInput) (*Delegation, error) {
	switch p.Role {
	case models.RoleVerifikator:
		if in.FromUser.IsZero() {
			in.FromUser = UserRef{ID: p.UserID}
		}
	case models.RoleAdmin:
	default:
		return nil, apperror.Forbidden("Hanya verifikator (untuk dirinya) atau admin yang dapat menunjuk pengganti.")
	}
	fields := map[string]string{}
	from, err := activeVerifier(ctx, s.DB, in.FromUser, "from_user", fields)
	if err != nil {
		return nil, err
	}
	if p.Role == models.RoleVerifikator && from != nil && from.ID != p.UserID {
		return nil, apperror.Forbidden("Verifikator hanya dapat menunjuk pengganti untuk dirinya sendiri.")
	}
	to, err := activeVerifier(ctx, s.DB, in.ToUser, "to_user", fields)
	if err != nil {
		return nil, err
	}
	if from != nil && to != nil && from.ID == to.ID {
		fields["to_user"] = "Pengganti harus verifikator lain."
	}
	for k, msg := range input.Problems(&in) {
		fields[k] = msg
	}
	today := s.Today()
	if fields["start"] == "" && fields["end"] == "" && in.End.Before(today) {
		fields["end"] = "Tanggal selesai sudah lewat (hari ini " + today.Indonesian() + ")."
	}
	if len(fields) > 0 {
		return nil, apperror.Unprocessable("Data delegasi belum benar.", fields)
	}
	d := &Delegation{FromID: from.ID, ToID: to.ID, Start: in.Start, End: in.End, Note: in.Note,
		CreatedBy: &p.UserID, CreatedAt: s.Now()}
	err = s.inTx(ctx, func(tx bun.Tx) error {
		d.ID = 0 // a new id on each run
		n, err := tx.NewSelect().Model((*Delegation)(nil)).Where("from_user_id = ?", from.ID).
			Where("start_date <= ? AND end_date >= ?", in.End, in.Start).Count(ctx)
		if err != nil {
			return err
		}
		if n > 0 {
			return apperror.Unprocessable("Rentang tanggal ini bertumpang tindih dengan delegasi lain dari verifikator yang sama.",
				map[string]string{"start": "Sudah ada pengganti pada sebagian tanggal ini."})
		}
		if _, err := tx.NewInsert().Model(d).Returning("id").Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Event{At: d.CreatedAt, Action: audit.DelegationCreate,
			Subject: "delegation:" + strconv.FormatInt(d.ID, 10),
			Detail: map[string]any{"from": from.Username, "to": to.Username, "start": d.Start.String(),
				"end": d.End.String(), "note": d.Note}})
	})
	if err != nil {
		return nil, err
	}
	d.FromUser, d.FromName, d.ToUser, d.ToName = from.Username, from.display(), to.Username, to.display()
	d.Active = !today.Before(d.Start) && !today.After(d.End)
	return d, nil
}

// Delegations lists delegations, latest start first: all of them for an
// admin, a verifier's own (given or received) for a verifier, 403 otherwise.
func (s *Service) Delegations(ctx context.Context, p access.Principal) ([]Delegation, error) {
	if p.Role != models.RoleAdmin && p.Role != models.RoleVerifikator {
		return nil, apperror.Forbidden("Delegasi hanya untuk verifikator dan admin.")
	}
	var out []Delegation
	q := s.DB.NewSelect().Model(&out)
	if p.Role == models.RoleVerifikator {
		q = q.Where("from_user_id = ? OR to_user_id = ?", p.UserID, p.UserID)
	}
	if err := q.Order("start_date DESC", "id DESC").Limit(500).Scan(ctx); err != nil {
		return nil, err
	}
	if out == nil {
		out = []Delegation{}
	}
	names := map[int64]delegUser{}
	for i := range out {
		for _, id := range []int64{out[i].FromID, out[i].ToID} {
			if _, ok := names[id]; !ok {
				u, err := lookupUser(ctx, s.DB, UserRef{ID: id})
				if err != nil {
					return nil, err
				}
				if u != nil {
					names[id] = *u
				}
			}
		}
		f, t := names[out[i].FromID], names[out[i].ToID]
		out[i].FromUser, out[i].FromName, out[i].ToUser, out[i].ToName = f.Username, f.display(), t.Username, t.display()
		today := s.Today()
		out[i].Active = !today.Before(out[i].Start) && !today.After(out[i].End)
	}
	return out, nil
}

// DeleteDelegation ends a delegation at once (DELETE /api/v1/delegations/{id}):
// an admin, or the verifier who named the substitute. A delegation the
// caller cannot see is 404; one received (not given) is 403.
func (s *Service) DeleteDelegation(ctx context.Context, p access.Principal, id int64) error {
	if p.Role != models.RoleAdmin && p.Role != models.RoleVerifikator {
		return apperror.Forbidden("Delegasi hanya untuk verifikator dan admin.")
	}
	var d Delegation
	err := s.DB.NewSelect().Model(&d).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return apperror.NotFound()
	}
	if err != nil {
		return err
	}
	if p.Role == models.RoleVerifikator {
		if d.FromID != p.UserID && d.ToID != p.UserID {
			return apperror.NotFound()
		}
		if d.FromID != p.UserID {
			return apperror.Forbidden("Hanya verifikator yang menunjuk pengganti (atau admin) yang dapat mencabut delegasi.")
		}
	}
	return s.inTx(ctx, func(tx bun.Tx) error {
		if _, err := tx.NewDelete().Model((*Delegation)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Event{At: s.Now(), Action: audit.DelegationDelete,
			Subject: "delegation:" + strconv.FormatInt(id, 10),
			Detail:  map[string]any{"start": d.Start.String(), "end": d.End.String()}})
	})
}

// substitutes reports whether sub stands in for absent today by a delegation.
func (s *Service) substitutes(ctx context.Context, db bun.IDB, sub, absent int64) (bool, error) {
	today := s.Today()
	n, err := db.NewSelect().Model((*Delegation)(nil)).
		Where("to_user_id = ? AND from_user_id = ?", sub, absent).
		Where("start_date <= ? AND end_date >= ?", today, today).Count(ctx)
	return n > 0, err
}

// mayActFor says whether p may decide (and record findings on) cur, claimed
// by another verifier: nil when cur is unclaimed or p's own, or when p is
// that verifier's substitute today (a delegation in force); 403 otherwise.
func (s *Service) mayActFor(ctx context.Context, p access.Principal, cur *models.Proposal) error {
	if cur.ReviewerID == nil || *cur.ReviewerID == p.UserID {
		return nil
	}
	ok, err := s.substitutes(ctx, s.DB, p.UserID, *cur.ReviewerID)
	if err != nil {
		return err
	}
	if !ok {
		return apperror.Forbidden("Usulan ini sedang diverifikasi oleh verifikator lain; hanya dia (atau penggantinya selama delegasi) yang dapat memutusnya.")
	}
	return nil
}

// onBehalfOf is what an event taken by a substitute records: the absent
// verifier's id and name ("atas nama"); nil when p acts for themselves.
func onBehalfOf(ctx context.Context, db bun.IDB, p access.Principal, cur *models.Proposal) (map[string]any, error) {
	if cur.ReviewerID == nil || *cur.ReviewerID == p.UserID {
		return nil, nil
	}
	u, err := lookupUser(ctx, db, UserRef{ID: *cur.ReviewerID})
	if err != nil || u == nil {
		return nil, err
	}
	return map[string]any{"id": u.ID, "name": u.display()}, nil
}

// OnBehalfOf names the absent verifier an event was taken for ("" when none),
// read from the event's data.
func OnBehalfOf(e *models.Event) string {
	if e == nil || e.Data == nil || !strings.Contains(*e.Data, "on_behalf_of") {
		return ""
	}
	var d struct {
		OnBehalfOf *struct {
			Name string `json:"name"`
		} `json:"on_behalf_of"`
	}
	if json.Unmarshal([]byte(*e.Data), &d) != nil || d.OnBehalfOf == nil {
		return ""
	}
	return d.OnBehalfOf.Name
}

// ReassignInput is the body of POST /api/v1/delegations/reassign: every
// proposal in review claimed by FromUser moves to ToUser.
type ReassignInput struct {
	FromUser UserRef `json:"from_user" form:"from_user"`
	ToUser   UserRef `json:"to_user" form:"to_user"`
	Note     string  `json:"note" form:"note"`
}

// ReassignAll moves all of one verifier's claims to another in one step
// (admin only, 403 otherwise): each proposal in review claimed by FromUser
// goes through the "reassign" transition on its own, with a result per
// proposal (BulkResult), so one refused (e.g. ToUser filed it) never blocks
// the others.
func (s *Service) ReassignAll(ctx context.Context, p access.Principal, in ReassignInput) ([]BulkResult, error) {
	if !p.IsAdmin() {
		return nil, apperror.Forbidden("Hanya admin yang dapat mengalihkan semua usulan seorang verifikator.")
	}
	fields := map[string]string{}
	from, err := activeVerifierAny(ctx, s.DB, in.FromUser, "from_user", fields)
	if err != nil {
		return nil, err
	}
	to, err := activeVerifier(ctx, s.DB, in.ToUser, "to_user", fields)
	if err != nil {
		return nil, err
	}
	if from != nil && to != nil && from.ID == to.ID {
		fields["to_user"] = "Pilih verifikator lain."
	}
	if len(fields) > 0 {
		return nil, apperror.Unprocessable("Data pengalihan belum benar.", fields)
	}
	var ids []int64
	if err := store.For(s.DB, p).From("proposals").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Column("id").Where("status = ? AND reviewer_id = ?", models.StatusInReview, from.ID).Order("id")
	}).Scan(ctx, &ids); err != nil {
		return nil, err
	}
	note := trimNote(in.Note)
	if note == "" {
		note = fmt.Sprintf("Dialihkan dari %s kepada %s.", from.display(), to.display())
	}
	return s.applyEach(ctx, p, ids, TransitionInput{Action: ActReassign, Note: note, ToUser: to.ID}), nil
}

// activeVerifierAny is activeVerifier that also accepts a disabled account
// (a verifier who left still has claims to move).
func activeVerifierAny(ctx context.Context, db bun.IDB, r UserRef, field string, fields map[string]string) (*delegUser, error) {
	if r.IsZero() {
		fields[field] = "Pilih verifikator."
		return nil, nil
	}
	u, err := lookupUser(ctx, db, r)
	if err != nil {
		return nil, err
	}
	if u == nil || u.Role != models.RoleVerifikator {
		fields[field] = "Verifikator tidak ditemukan."
		return nil, nil
	}
	return u, nil
}

// reassignGuard checks the target of a "reassign": an active verifier other
// than the current one (422), who neither filed nor submitted the proposal
// (separation of duties, 403).
func (s *Service) reassignGuard(ctx context.Context, cur *models.Proposal, in *TransitionInput) error {
	fields := map[string]string{}
	to, err := activeVerifier(ctx, s.DB, UserRef{ID: in.ToUser}, "to_user", fields)
	if err != nil {
		return err
	}
	if to != nil && cur.ReviewerID != nil && *cur.ReviewerID == to.ID {
		fields["to_user"] = "Usulan ini sudah dipegang verifikator tersebut."
	}
	if len(fields) > 0 {
		return apperror.Unprocessable("Verifikator tujuan belum benar.", fields)
	}
	if sameUser(cur.CreatedBy, to.ID) || sameUser(cur.SubmittedBy, to.ID) {
		return apperror.Forbidden("Verifikator tujuan membuat atau mengajukan usulan ini sendiri; pilih verifikator lain.")
	}
	return nil
}

// ActiveVerifiers lists the active verifiers by name (the delegation and
// reassign pickers).
func (s *Service) ActiveVerifiers(ctx context.Context) ([]models.User, error) {
	var vs []models.User
	err := s.DB.NewSelect().Model(&vs).Where("role = ? AND active = ?", models.RoleVerifikator, true).
		Order("name", "username").Scan(ctx)
	return vs, err
}
