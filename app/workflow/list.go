package workflow

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/sla"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// Filter selects proposals for a list. Zero values mean "any".
//
// The validate tags are its field rules (the enums of the query; app/input).
type Filter struct {
	Status  models.Status `json:"status" validate:"omitempty,status"`
	Office  string        `json:"office"` // office code; ignored for regency roles (they see their own)
	Kind    string        `json:"kind" validate:"omitempty,kind"`
	Q       string        `json:"q"`        // matches letter number, position title, candidate name or NIP
	Page    int           `json:"page"`     // 1-based
	PerPage int           `json:"per_page"` // 1..100, default 20

	// The drill-down from the obstacle map (/peta) and the formation
	// ledger: a position and level; proposals filed (submitted) within
	// [FiledFrom, FiledTo] (Jakarta dates); with a decision that found Reason
	// wanting (a decision_reasons item, e.g. "doc:sk_pangkat"); whose states
	// since filing were Path ("submitted>in_review>verified", as the map's
	// paths name them).
	Position  string `json:"position" validate:"omitempty,position"`
	Level     string `json:"level" validate:"omitempty,jenjang"`
	FiledFrom string `json:"filed_from" validate:"omitempty,isodate"` // YYYY-MM-DD
	FiledTo   string `json:"filed_to" validate:"omitempty,isodate"`
	Reason    string `json:"reason" validate:"max=100" msg:"Alasan tidak dikenal."`
	Path      string `json:"path"`

	filedFrom, filedTo models.Date
	search             search // Q as resolved (resolveSearch)
}

// Drilled reports whether a drill-down filter is set.
func (f Filter) Drilled() bool {
	return f.Position != "" || f.Level != "" || f.FiledFrom != "" || f.FiledTo != "" || f.Reason != "" || f.Path != ""
}

// Summary is one row of a proposal list, with what the row shows, loaded in
// the list's one query (no query per row).
type Summary struct {
	ID             int64         `bun:"id" json:"id"`
	Kind           string        `bun:"kind" json:"kind"`
	OfficeCode     string        `bun:"office_code" json:"office"`
	OfficeName     string        `bun:"office_name" json:"office_name"`
	Status         models.Status `bun:"status" json:"status"`
	Version        int64         `bun:"version" json:"version"`
	Position       string        `bun:"position" json:"position"`
	Level          string        `bun:"level" json:"level"`
	Route          string        `bun:"route" json:"route"`
	Title          string        `bun:"-" json:"position_title,omitempty"`
	Staffing       *string       `bun:"staffing" json:"-"`
	LetterNumber   *string       `bun:"letter_number" json:"letter_number"`
	Verdict        string        `bun:"verdict" json:"verdict"`
	CandidateCount int           `bun:"candidate_count" json:"candidate_count"`
	Requested      int           `bun:"-" json:"requested_count,omitempty"` // a staffing request: people asked for
	CreatedAt      time.Time     `bun:"created_at" json:"created_at"`
	UpdatedAt      time.Time     `bun:"updated_at" json:"updated_at"`
	// StateSince is when the proposal entered its status; Due the date its
	// service level (app/sla) falls on there (nil: the status has no target),
	// Overdue whether that date has passed.
	StateSince time.Time    `bun:"state_since" json:"state_since"`
	Due        *models.Date `bun:"-" json:"due_date"`
	Overdue    bool         `bun:"-" json:"overdue"`
}

// dateDue fills Due and Overdue of rows by the service levels in force
// (one query, none when no row is in a status that can have a target).
func (s *Service) dateDue(ctx context.Context, rows []Summary) error {
	need := false
	for _, r := range rows {
		need = need || sla.Targeted(r.Status)
	}
	if !need { // drafts and closed proposals: never due, no query
		return nil
	}
	pol, err := sla.Load(ctx, s.DB)
	if err != nil {
		return err
	}
	today := s.Today()
	for i := range rows {
		if d, ok := pol.Due(rows[i].Status, rows[i].StateSince); ok {
			rows[i].Due, rows[i].Overdue = &d, sla.Overdue(d, today)
		}
	}
	return nil
}

// normalize clamps paging and checks enum filters.
func (f *Filter) normalize() error {
	if f.Page < 1 {
		f.Page = 1
	}
	if f.PerPage < 1 {
		f.PerPage = 20
	}
	if f.PerPage > 100 {
		f.PerPage = 100
	}
	f.Q = strings.TrimSpace(f.Q)
	if len(f.Q) > 100 {
		f.Q = f.Q[:100]
	}
	if err := input.Check(f); err != nil {
		return err
	}
	f.filedFrom, _ = models.ParseDate(f.FiledFrom) // checked: empty or a date
	f.filedTo, _ = models.ParseDate(f.FiledTo)
	if !f.filedFrom.IsZero() && !f.filedTo.IsZero() && f.filedTo.Before(f.filedFrom) {
		return apperror.InvalidField("filed_from", "Tanggal awal tidak boleh melewati tanggal akhir.")
	}
	if f.Path != "" {
		states := strings.Split(f.Path, ">")
		for _, st := range states {
			if !models.Status(st).Valid() {
				return apperror.InvalidField("path", "Jalur status tidak dikenal.")
			}
		}
		if len(states) > 50 {
			return apperror.InvalidField("path", "Jalur status terlalu panjang.")
		}
	}
	return nil
}

// prepare normalizes f and resolves its search (one query for a search of
// words, none otherwise).
func (s *Service) prepare(ctx context.Context, st *store.Store, f *Filter) error {
	if err := f.normalize(); err != nil {
		return err
	}
	if f.Q == "" {
		return nil
	}
	var err error
	f.search, err = s.resolveSearch(ctx, st, f.Q)
	return err
}

// filtered is the proposals (alias p, no join) the store's principal may
// see that match f. Every filter has an index that also gives the list's
// order (migration 20261205130001); the office is matched by id (the
// store's scope is p.office_id = N), so counting needs no join.
func (s *Service) filtered(st *store.Store, f Filter) *store.Select {
	p := st.Principal()
	return st.From("proposals AS p").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return s.filters(q, st, p, f)
	})
}

// filters adds f's conditions to q (proposals AS p).
func (s *Service) filters(q *bun.SelectQuery, st *store.Store, p access.Principal, f Filter) *bun.SelectQuery {
	if f.Status != "" {
		q = q.Where("p.status = ?", f.Status)
	}
	if f.Kind != "" {
		q = q.Where("p.kind = ?", f.Kind)
	}
	if f.Office != "" && !p.Regional() {
		q = q.Where("p.office_id = (SELECT o2.id FROM offices AS o2 WHERE o2.code = ?)", f.Office)
	}
	if f.Q != "" {
		q = q.Where("p.id IN (?)", s.searchIDs(st, f.search))
	}
	if f.Position != "" {
		q = q.Where("p.position = ?", f.Position)
	}
	if f.Level != "" {
		q = q.Where("p.level = ?", f.Level)
	}
	if d := f.filedFrom; !d.IsZero() {
		q = q.Where("p.submitted_at >= ?", time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, models.Jakarta).UTC())
	}
	if d := f.filedTo; !d.IsZero() {
		q = q.Where("p.submitted_at < ?", time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, models.Jakarta).AddDate(0, 0, 1).UTC())
	}
	if f.Reason != "" {
		q = q.Where("EXISTS (SELECT 1 FROM decision_reasons AS r WHERE r.proposal_id = p.id AND r.item = ?)", f.Reason)
	}
	if f.Path != "" {
		// The stays kept for the obstacle map, in the order they happened.
		agg := "group_concat(s.state, '>' ORDER BY s.id)"
		if s.DB.Dialect().Name().String() == "pg" {
			agg = "string_agg(s.state, '>' ORDER BY s.id)"
		}
		q = q.Where("p.submitted_at IS NOT NULL").
			Where("(SELECT "+agg+" FROM report_spells AS s WHERE s.proposal_id = p.id) = ?", f.Path)
	}
	return q
}

// DefaultTotalCap bounds the count of a list: past it, the total is given
// as cap+1 and said to be "more than 10,000", so a count never walks the
// whole table.
const DefaultTotalCap = 10000

// ListTotalCap is where a list's count stops.
func (s *Service) ListTotalCap() int {
	if s.TotalCap > 0 {
		return s.TotalCap
	}
	return DefaultTotalCap
}

// exactTotal reports whether f's total comes from the counters (status,
// kind and office alone), exact at any size; any other filter's total is
// counted up to ListTotalCap()+1.
func (f Filter) exactTotal() bool { return strings.TrimSpace(f.Q) == "" && !f.Drilled() }

// TotalCapped reports whether List's total for f stands for "more than
// ListTotalCap()" (then it is the cap + 1).
func (s *Service) TotalCapped(f Filter, total int) bool {
	return !f.exactTotal() && total > s.ListTotalCap()
}

// List returns one page of the proposals the principal may see, newest
// change first, and the total count (capped: ListTotalCap()+1 means "more than
// the cap"): two queries whatever the page size, each through an index (and
// one before them for a search of words: resolveSearch).
func (s *Service) List(ctx context.Context, p access.Principal, f Filter) ([]Summary, int, error) {
	st := store.For(s.DB, p)
	if err := s.prepare(ctx, st, &f); err != nil {
		return nil, 0, err
	}
	var total int
	if f.exactTotal() {
		// Status, kind and office only: exact, from the counters.
		n, err := s.counterTotal(ctx, p, f.Status, f.Kind, f.Office)
		if err != nil {
			return nil, 0, err
		}
		total = n
	} else {
		n, err := s.cappedCount(ctx, s.filtered(st, f), s.ListTotalCap())
		if err != nil {
			return nil, 0, err
		}
		total = n
	}
	var rows []Summary
	err := s.page(st, s.filtered(st, f), "p.updated_at DESC, p.id DESC", f.PerPage, (f.Page-1)*f.PerPage).
		Scan(ctx, &rows)
	if err != nil {
		return nil, 0, err
	}
	for i := range rows {
		rows[i].Title, rows[i].Requested = staffingTitleCount(rows[i].Staffing)
	}
	if err := s.dateDue(ctx, rows); err != nil {
		return nil, 0, err
	}
	return rows, total, nil
}

// page is one page of base (proposals AS p, filtered) in order, with the
// columns of a Summary. The page's ids are picked first, from the proposals
// alone, and only those rows are then read with their office and candidate
// count: SQLite computes a row's columns before it sorts, so a search that
// matches thousands of proposals would otherwise count the candidates of
// each of them for a page of 20. (Where an index gives the order, the ids
// are the first entries of that index.)
//
// The ids are picked by base, in the store's scope; the rows of those ids
// are read without the office condition again (Unscoped), as before the
// store, so the query keeps its plan (the primary key for the ids).
func (s *Service) page(st *store.Store, base *store.Select, order string, limit, offset int) *store.Select {
	ids := base.Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.ColumnExpr("p.id").OrderExpr(order).Limit(int64(limit)).Offset(int64(offset))
	}).Subquery()
	return st.Unscoped(pageRows).From("proposals AS p").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return s.withSummaryColumns(q).Where("p.id IN (?)", ids).OrderExpr(order)
	})
}

// pageRows is why a page's rows are read unscoped.
const pageRows = "a page's rows, by the ids its scoped query picked"

// cappedCount counts the rows of base up to limit+1 (a count that never
// walks the whole table).
func (s *Service) cappedCount(ctx context.Context, base *store.Select, limit int) (int, error) {
	var n int
	err := base.Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.ColumnExpr("1").Limit(int64(limit + 1))
	}).Wrap("t").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.ColumnExpr("count(*)")
	}).Scan(ctx, &n)
	return n, err
}

// withSummaryColumns adds the office and the columns of a Summary.
func (s *Service) withSummaryColumns(q *bun.SelectQuery) *bun.SelectQuery {
	return q.Join("JOIN offices AS o ON o.id = p.office_id").
		ColumnExpr("p.id, p.kind, o.code AS office_code, o.name AS office_name, p.status, p.version").
		ColumnExpr("p.position, p.level, p.route, p.staffing, p.letter_number, p.verdict, p.created_at, p.updated_at, p.state_since").
		ColumnExpr("(SELECT count(*) FROM candidates AS c WHERE c.proposal_id = p.id) AS candidate_count")
}

// counterTotal is the exact number of proposals p may see in status, of
// kind, in the office of code officeCode (each "" for any), read from
// proposal_counts_total (one row per office, status and kind; migration
// 20261208000001), so it costs the same at any number of proposals.
func (s *Service) counterTotal(ctx context.Context, p access.Principal, status models.Status, kind, officeCode string) (int, error) {
	var n int
	err := store.For(s.DB, p).From("proposal_counts_total AS p").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.ColumnExpr("coalesce(sum(p.n), 0)")
		if status != "" {
			q = q.Where("p.status = ?", status)
		}
		if kind != "" {
			q = q.Where("p.kind = ?", kind)
		}
		if officeCode != "" && !p.Regional() {
			q = q.Where("p.office_id = (SELECT o2.id FROM offices AS o2 WHERE o2.code = ?)", officeCode)
		}
		return q
	}).Scan(ctx, &n)
	return n, err
}

// Counts returns, per status, how many proposals the principal may see.
func (s *Service) Counts(ctx context.Context, p access.Principal) (map[models.Status]int, error) {
	var rows []struct {
		Status models.Status `bun:"status"`
		N      int           `bun:"n"`
	}
	// From the counters the proposals table's triggers keep: one row per
	// office and status, whatever the number of proposals.
	err := store.For(s.DB, p).From("proposal_counts_total AS p").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.ColumnExpr("p.status, sum(p.n) AS n").GroupExpr("p.status")
	}).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	out := map[models.Status]int{}
	for _, r := range rows {
		if r.N != 0 {
			out[r.Status] = r.N
		}
	}
	return out, nil
}
