package workflow

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/models"
)

// FilingPeriod is a window in which proposals of a kind (and route) may be
// submitted, calendar dates in Asia/Jakarta, both ends inclusive. Route ""
// covers every route of the kind. Once any window exists for a proposal's
// kind and route, submission is accepted only inside one (422 outside,
// naming when the next opens); drafts, edits and resubmissions after a
// revision request are never held back.
type FilingPeriod struct {
	bun.BaseModel `bun:"table:filing_periods"`

	ID        int64       `bun:"id,pk,autoincrement" json:"id"`
	Kind      string      `bun:"kind,notnull" json:"kind"`
	Route     string      `bun:"route,notnull" json:"route"`
	Start     models.Date `bun:"start_date,type:text,notnull" json:"start"`
	End       models.Date `bun:"end_date,type:text,notnull" json:"end"`
	CreatedBy *int64      `bun:"created_by" json:"-"`
	CreatedAt time.Time   `bun:"created_at,notnull" json:"created_at"`
}

// Label names what the window is for, e.g. "Usulan JFT — Kenaikan Jenjang Jabatan".
func (f FilingPeriod) Label() string {
	if f.Kind == models.KindStaffing {
		return "Permintaan tenaga pendukung"
	}
	if f.Route == "" {
		return "Usulan JFT (semua jalur)"
	}
	return "Usulan JFT — " + models.Route(f.Route).Label()
}

// FilingPeriodInput is the body of POST /api/v1/filing-periods (and the
// admin's form); the validate tags are its field rules.
type FilingPeriodInput struct {
	Kind  string      `json:"kind" form:"kind" validate:"kind"`
	Route string      `json:"route" form:"route" validate:"excluded_if=Kind staffing,omitempty,route" msg_excluded_if:"Permintaan tenaga pendukung tidak mempunyai jalur."`
	Start models.Date `json:"start" form:"start" validate:"required,indate" label:"Tanggal mulai" msg_required:"Tanggal mulai wajib diisi."`
	End   models.Date `json:"end" form:"end" validate:"required,indate,notbefore=Start" label:"Tanggal selesai" msg_required:"Tanggal selesai wajib diisi." msg_notbefore:"Tanggal selesai tidak boleh sebelum tanggal mulai."`
}

// FilingPeriods lists every window, by kind, route and start. Anyone signed
// in may read them (offices plan their filing by them).
func (s *Service) FilingPeriods(ctx context.Context) ([]FilingPeriod, error) {
	out := []FilingPeriod{}
	err := s.DB.NewSelect().Model(&out).Order("kind", "route", "start_date", "id").Scan(ctx)
	return out, err
}

// CreateFilingPeriod opens a window (admin, 403 otherwise). Kind is jft or
// staffing; route is "" or a JFT route (staffing has none); start ≤ end
// (422 by field).
func (s *Service) CreateFilingPeriod(ctx context.Context, p access.Principal, in FilingPeriodInput) (*FilingPeriod, error) {
	if !p.IsAdmin() {
		return nil, apperror.Forbidden("Hanya admin yang menetapkan masa pengajuan.")
	}
	fields := input.Problems(&in)
	if len(fields) > 0 {
		return nil, apperror.Unprocessable("Data masa pengajuan belum benar.", fields)
	}
	f := &FilingPeriod{Kind: in.Kind, Route: in.Route, Start: in.Start, End: in.End, CreatedBy: &p.UserID, CreatedAt: s.Now()}
	if _, err := s.DB.NewInsert().Model(f).Returning("id").Exec(ctx); err != nil {
		return nil, err
	}
	return f, nil
}

// DeleteFilingPeriod removes a window (admin; 404 when there is none).
func (s *Service) DeleteFilingPeriod(ctx context.Context, p access.Principal, id int64) error {
	if !p.IsAdmin() {
		return apperror.Forbidden("Hanya admin yang menetapkan masa pengajuan.")
	}
	res, err := s.DB.NewDelete().Model((*FilingPeriod)(nil)).Where("id = ?", id).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperror.NotFound()
	}
	return nil
}

// FilingWindow is where today stands for a proposal's kind and route.
type FilingWindow struct {
	Restricted bool        // some window exists for the kind/route
	Open       bool        // today lies in one (always true when not restricted)
	Until      models.Date // the open window's last day
	Next       models.Date // the next window's first day after today (zero: none set)
}

// Notice is the sentence pages show: "" when unrestricted.
func (w FilingWindow) Notice() string {
	switch {
	case !w.Restricted:
		return ""
	case w.Open:
		return "Masa pengajuan sedang dibuka sampai " + w.Until.Indonesian() + "."
	case !w.Next.IsZero():
		return "Masa pengajuan sedang ditutup. Masa pengajuan berikutnya dibuka " + w.Next.Indonesian() + "."
	}
	return "Masa pengajuan sedang ditutup dan belum ada masa pengajuan berikutnya yang ditetapkan."
}

// FilingWindowFor tells whether a proposal of kind and route may be
// submitted today.
func (s *Service) FilingWindowFor(ctx context.Context, kind, route string) (FilingWindow, error) {
	var rows []FilingPeriod
	q := s.DB.NewSelect().Model(&rows).Where("kind = ?", kind)
	if kind == models.KindJFT {
		q = q.Where("route = '' OR route = ?", route)
	}
	if err := q.Order("start_date").Scan(ctx); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return FilingWindow{}, err
	}
	w := FilingWindow{Restricted: len(rows) > 0, Open: len(rows) == 0}
	today := s.Today()
	for _, f := range rows {
		if !today.Before(f.Start) && !today.After(f.End) {
			if !w.Open || f.End.After(w.Until) {
				w.Until = f.End
			}
			w.Open = true
		}
		if f.Start.After(today) && (w.Next.IsZero() || f.Start.Before(w.Next)) {
			w.Next = f.Start
		}
	}
	return w, nil
}

// filingGuard refuses a submission outside every window of its kind and
// route (422, saying when the next opens).
func (s *Service) filingGuard(ctx context.Context, cur *models.Proposal) error {
	w, err := s.FilingWindowFor(ctx, cur.Kind, cur.Route)
	if err != nil || w.Open {
		return err
	}
	return apperror.Unprocessable(w.Notice()+" Draf tetap dapat disimpan dan diajukan saat masa pengajuan dibuka.",
		map[string]string{"filing_period": w.Notice()})
}
