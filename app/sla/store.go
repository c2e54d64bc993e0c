package sla

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/apperror"
	appdb "github.com/kemenagjateng/usulan/app/db"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/models"
)

// Statuses are the statuses a target may be set for, in workflow order,
// with who holds a proposal in each (the one reminded when it is overdue).
var Statuses = []models.Status{models.StatusSubmitted, models.StatusInReview, models.StatusRevisionRequested,
	models.StatusVerified, models.StatusForwarded}

// MaxWorkingDays bounds a target (about a year of working days).
const MaxWorkingDays = 250

// Targeted reports whether s may carry a target.
func Targeted(s models.Status) bool {
	for _, x := range Statuses {
		if x == s {
			return true
		}
	}
	return false
}

// Target is one status's target: a proposal entering Status is due
// WorkingDays working days later. The validate tags are its field rules
// (Status one of Statuses, WorkingDays 0 … MaxWorkingDays).
type Target struct {
	Status      models.Status `json:"status" validate:"oneof=submitted in_review revision_requested verified forwarded" msg:"Status ini tidak dapat diberi batas waktu."`
	Label       string        `json:"label"`
	WorkingDays int           `json:"working_days" validate:"min=0,max=250" msg:"Isi 0 (tanpa batas) sampai 250 hari kerja."` // 0: no target
}

type targetRow struct {
	bun.BaseModel `bun:"table:sla_targets"`
	Status        models.Status `bun:"status,pk"`
	WorkingDays   int           `bun:"working_days,notnull"`
	UpdatedBy     *int64        `bun:"updated_by"`
	UpdatedAt     time.Time     `bun:"updated_at,notnull"`
}

// Targets returns the target of every status of Statuses (0 where none is set).
func Targets(ctx context.Context, db bun.IDB) ([]Target, error) {
	var rows []targetRow
	if err := db.NewSelect().Model(&rows).Scan(ctx); err != nil {
		return nil, err
	}
	set := map[models.Status]int{}
	for _, r := range rows {
		set[r.Status] = r.WorkingDays
	}
	out := make([]Target, 0, len(Statuses))
	for _, s := range Statuses {
		out = append(out, Target{Status: s, Label: s.Label(), WorkingDays: set[s]})
	}
	return out, nil
}

// SetTargets replaces the targets of the statuses given (working days 0
// removes a target), in one transaction. Errors: an unknown status or a
// number outside 0..MaxWorkingDays (400, field "targets.<status>").
func SetTargets(ctx context.Context, db *bun.DB, targets []Target, actor int64, now time.Time) error {
	fields := map[string]string{}
	for _, t := range targets {
		f := input.Problems(&t) // keyed by the status: a form has one field per status
		msg := f["status"]
		if msg == "" {
			msg = f["working_days"]
		}
		if msg != "" {
			fields["targets."+string(t.Status)] = msg
		}
	}
	if len(fields) > 0 {
		return &apperror.Error{Status: 400, Message: "Batas waktu tidak sah.", Fields: fields}
	}
	return appdb.InTx(ctx, db, func(ctx context.Context, tx bun.Tx) error {
		for _, t := range targets {
			if _, err := tx.NewDelete().Model((*targetRow)(nil)).Where("status = ?", t.Status).Exec(ctx); err != nil {
				return err
			}
			if t.WorkingDays == 0 {
				continue
			}
			a := actor
			row := &targetRow{Status: t.Status, WorkingDays: t.WorkingDays, UpdatedBy: &a, UpdatedAt: now.UTC()}
			if _, err := tx.NewInsert().Model(row).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
}

// Holiday is a day without work, with its name.
type Holiday struct {
	bun.BaseModel `bun:"table:holidays"`
	ID            int64       `bun:"id,pk,autoincrement" json:"id"`
	Day           models.Date `bun:"day,type:text,notnull" json:"date"`
	Name          string      `bun:"name,notnull" json:"name"`
	CreatedAt     time.Time   `bun:"created_at,notnull" json:"-"`
}

// Holidays lists the holidays, by date; from and to (either zero: open)
// bound the dates.
func Holidays(ctx context.Context, db bun.IDB, from, to models.Date) ([]Holiday, error) {
	out := []Holiday{}
	q := db.NewSelect().Model(&out).OrderExpr("day ASC")
	if !from.IsZero() {
		q = q.Where("day >= ?", from.String())
	}
	if !to.IsZero() {
		q = q.Where("day <= ?", to.String())
	}
	err := q.Scan(ctx)
	return out, err
}

// NewHoliday is a holiday as an admin types it (the holidays form, POST
// /api/v1/reference/holidays); the validate tags are its field rules.
type NewHoliday struct {
	Date models.Date `json:"date" form:"date" validate:"required,indate" label:"Tanggal" msg_required:"Tanggal wajib diisi (TTTT-BB-HH)."`
	Name string      `json:"name" form:"name" validate:"notblank,max=200" msg_notblank:"Nama hari libur wajib diisi." msg_max:"Nama paling panjang 200 karakter."`
}

// Normalize trims the name.
func (h *NewHoliday) Normalize() { h.Name = strings.TrimSpace(h.Name) }

// AddHoliday keeps a holiday. Errors: no date or name, a name over 200
// characters (400); the date already a holiday (409).
func AddHoliday(ctx context.Context, db bun.IDB, day models.Date, name string, now time.Time) (*Holiday, error) {
	in := NewHoliday{Date: day, Name: name}
	if fields := input.Problems(&in); len(fields) > 0 {
		return nil, &apperror.Error{Status: 400, Message: "Hari libur belum lengkap.", Fields: fields}
	}
	name = in.Name
	h := &Holiday{Day: day, Name: name, CreatedAt: now.UTC()}
	if n, err := db.NewSelect().Model((*Holiday)(nil)).Where("day = ?", day.String()).Count(ctx); err != nil {
		return nil, err
	} else if n > 0 {
		return nil, apperror.Conflict(day.Indonesian() + " sudah tercatat sebagai hari libur.")
	}
	if _, err := db.NewInsert().Model(h).Returning("id").Exec(ctx); err != nil {
		return nil, err
	}
	return h, nil
}

// DeleteHoliday removes a holiday (404 when there is none with that id).
func DeleteHoliday(ctx context.Context, db bun.IDB, id int64) error {
	res, err := db.NewDelete().Model((*Holiday)(nil)).Where("id = ?", id).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperror.NotFound()
	}
	return nil
}

// Policy is the targets and the calendar, loaded once for a list or a run.
type Policy struct {
	Targets  map[models.Status]int
	Calendar Calendar
}

// Load reads the targets and every holiday (a few dozen rows a year), in
// one query.
func Load(ctx context.Context, db bun.IDB) (Policy, error) {
	p := Policy{Targets: map[models.Status]int{}}
	var rows []struct {
		K string `bun:"k"`
		A string `bun:"a"`
		N int    `bun:"n"`
	}
	if err := db.NewRaw(`SELECT 't' AS k, status AS a, working_days AS n FROM sla_targets
		UNION ALL SELECT 'h' AS k, day AS a, 0 AS n FROM holidays`).Scan(ctx, &rows); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return p, err
	}
	var days []models.Date
	for _, r := range rows {
		if r.K == "t" {
			if r.N > 0 && Targeted(models.Status(r.A)) {
				p.Targets[models.Status(r.A)] = r.N
			}
			continue
		}
		d, err := models.ParseDate(r.A)
		if err != nil {
			return p, err
		}
		days = append(days, d)
	}
	p.Calendar = NewCalendar(days...)
	return p, nil
}

// Due is the date a proposal that entered status at since is due (ok false
// when the status has no target).
func (p Policy) Due(status models.Status, since time.Time) (due models.Date, ok bool) {
	n := p.Targets[status]
	if n <= 0 || since.IsZero() {
		return models.Date{}, false
	}
	return p.Calendar.AddWorkingDays(DayOf(since), n), true
}

// Overdue reports whether a due date has passed on today (the due date
// itself is still in time).
func Overdue(due, today models.Date) bool { return !due.IsZero() && due.Before(today) }

// OverdueBefore is the instant before which a proposal must have entered
// status to be overdue on today, after levels periods of its target (1: past
// its due date; 2: past it by a second period, the escalation). ok is false
// when the status has no target.
func (p Policy) OverdueBefore(status models.Status, today models.Date, levels int) (time.Time, bool) {
	n := p.Targets[status]
	if n <= 0 {
		return time.Time{}, false
	}
	last := p.Calendar.LastStartDue(today, n*levels)
	return StartOfDay(last.AddDate(0, 0, 1)).UTC(), true
}
