package workflow

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/sla"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// InboxSection is one list of proposals waiting for the caller: one page of
// it (Items) and how many there are in all (Total, stopped past the list's
// cap like the proposal list: then TotalCapped).
type InboxSection struct {
	Key         string      `json:"key"`
	Title       string      `json:"title"`
	Items       []InboxItem `json:"items"`
	Total       int         `json:"total"`
	TotalCapped bool        `json:"total_capped"`
	Page        int         `json:"page"`
	PerPage     int         `json:"per_page"`
	// Target is the section's service level in working days (0: none).
	Target int `json:"target_working_days"`
}

// InboxItem is a proposal waiting: since when it is in its status, when it
// is due by the service level of that status (none without a target),
// whether that date has passed and by how many working days, and how many
// times it was resubmitted after being sent back.
type InboxItem struct {
	Summary
	WaitingSince  time.Time `bun:"waiting_since" json:"waiting_since"`
	Resubmissions int       `bun:"resubmissions" json:"resubmissions"`
	DaysLate      int       `bun:"-" json:"working_days_late"`
}

// Inbox is what waits for the caller, per role (issue 4):
//   - verifikator: submissions nobody has claimed, and own reviews in progress;
//   - kepala: the office's drafts to submit, and proposals sent back;
//   - operator: the office's proposals sent back;
//   - admin: verified proposals to forward, forwarded ones awaiting the SK.
type Inbox struct {
	Sections []InboxSection `json:"sections"`
	Total    int            `json:"total"`
}

// InboxFilter narrows the inbox. Zero values mean "any".
type InboxFilter struct {
	Office  string `json:"office"`                           // office code; ignored for regency roles (they see their own)
	Kind    string `json:"kind" validate:"omitempty,kind"`   // jft, staffing
	Route   string `json:"route" validate:"omitempty,route"` // a JFT route (models.Route)
	Q       string // as the proposal list's q: a name, NIP, letter number or title in part
	Section string // one section's key: only it is listed
	Page    int    // 1-based, within each section listed
	PerPage int    // 1..200, default 50

	search search // Q as resolved (resolveSearch)
}

func (f *InboxFilter) normalize() error {
	if f.Page < 1 {
		f.Page = 1
	}
	if f.PerPage < 1 {
		f.PerPage = 50
	}
	if f.PerPage > 200 {
		f.PerPage = 200
	}
	f.Q = strings.TrimSpace(f.Q)
	if len(f.Q) > 100 {
		f.Q = f.Q[:100]
	}
	return input.Check(f)
}

type inboxQuery struct {
	key, title string
	status     models.Status
	mine       bool // reviewer = caller
}

func inboxQueries(p access.Principal) []inboxQuery {
	switch p.Role {
	case models.RoleVerifikator:
		return []inboxQuery{
			{"unclaimed", "Usulan masuk, belum diambil", models.StatusSubmitted, false},
			{"reviewing", "Sedang saya verifikasi", models.StatusInReview, true},
			// Claims of verifiers p stands in for today (delegation.go).
			{key: inboxDelegated, title: "Atas nama verifikator yang berhalangan (delegasi)", status: models.StatusInReview},
		}
	case models.RoleKepala:
		return []inboxQuery{
			{"drafts", "Draf siap diajukan", models.StatusDraft, false},
			{"returned", "Dikembalikan untuk perbaikan", models.StatusRevisionRequested, false},
		}
	case models.RoleOperator:
		return []inboxQuery{
			{"returned", "Dikembalikan untuk perbaikan", models.StatusRevisionRequested, false},
		}
	case models.RoleAdmin:
		return []inboxQuery{
			{"to_forward", "Memenuhi syarat, belum diteruskan", models.StatusVerified, false},
			{"to_complete", "Diteruskan, menunggu SK", models.StatusForwarded, false},
		}
	}
	return nil
}

// inboxDelegated is the verifier's section of claims held for an absent
// colleague; delegatedReviewer selects them (the caller's id, today twice).
const (
	inboxDelegated    = "delegated"
	delegatedReviewer = `p.reviewer_id IN (SELECT d.from_user_id FROM delegations AS d
		WHERE d.to_user_id = ? AND d.start_date <= ? AND d.end_date >= ?)`
)

// inboxBase is one section's proposals (alias p, no join) matching f. Each
// section is one status, so an index on (status, state_since, id) — or
// (office_id, status, state_since, id), (reviewer_id, status, state_since,
// id), (status, kind, route, state_since, id) — gives both the rows and
// their order (migration 20261206100002).
func (s *Service) inboxBase(st *store.Store, q inboxQuery, f InboxFilter) *store.Select {
	return st.From("proposals AS p").Apply(func(sel *bun.SelectQuery) *bun.SelectQuery {
		return s.inboxFilters(sel, st, q, f)
	})
}

// inboxFilters adds one section's conditions to sel (proposals AS p).
func (s *Service) inboxFilters(sel *bun.SelectQuery, st *store.Store, q inboxQuery, f InboxFilter) *bun.SelectQuery {
	p := st.Principal()
	sel = sel.Where("p.status = ?", q.status)
	if q.mine {
		sel = sel.Where("p.reviewer_id = ?", p.UserID)
	}
	switch {
	case f.Route != "":
		// Only JFT proposals have a route: saying so lets the index on
		// (status, kind, route, state_since, id) answer.
		sel = sel.Where("p.kind = ?", models.KindJFT).Where("p.route = ?", f.Route)
		if f.Kind == models.KindStaffing {
			sel = sel.Where("1 = 0")
		}
	case f.Kind != "":
		sel = sel.Where("p.kind = ?", f.Kind)
	}
	if f.Office != "" && !p.Regional() {
		sel = sel.Where("p.office_id = (SELECT o2.id FROM offices AS o2 WHERE o2.code = ?)", f.Office)
	}
	if f.Q != "" {
		sel = sel.Where("p.id IN (?)", s.searchIDs(st, f.search))
	}
	if q.key == inboxDelegated {
		today := s.Today()
		sel = sel.Where(delegatedReviewer, p.UserID, today, today)
	}
	return sel
}

// Inbox lists what waits for the caller, one page per section, longest
// waiting first. Within a section (one status, one target) the due date
// grows with the entry instant, so this order puts the overdue first, the
// most overdue at the top. Due dates count the status's target in working
// days (app/sla) from the day the proposal entered it. Three queries per
// section whatever the page size (count, page, nothing per row), and one
// more for a search of words (resolveSearch).
func (s *Service) Inbox(ctx context.Context, p access.Principal, f InboxFilter) (*Inbox, error) {
	if err := f.normalize(); err != nil {
		return nil, err
	}
	st := store.For(s.DB, p)
	if f.Q != "" {
		var err error
		if f.search, err = s.resolveSearch(ctx, st, f.Q); err != nil {
			return nil, err
		}
	}
	pol, err := sla.Load(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	today := s.Today()
	out := &Inbox{Sections: []InboxSection{}}
	for _, q := range inboxQueries(p) {
		if q.key == inboxDelegated {
			n, err := s.DB.NewSelect().Table("delegations").Where("to_user_id = ? AND start_date <= ? AND end_date >= ?",
				p.UserID, today, today).Count(ctx)
			if err != nil {
				return nil, err
			}
			if n == 0 {
				continue // shown only while the caller stands in for someone
			}
		}
		if f.Section != "" && f.Section != q.key {
			continue
		}
		sec := InboxSection{Key: q.key, Title: q.title, Items: []InboxItem{}, Page: f.Page, PerPage: f.PerPage,
			Target: pol.Targets[q.status]}
		if !q.mine && q.key != inboxDelegated && f.Q == "" && f.Route == "" {
			// One status, kind and office: exact, from the counters.
			if sec.Total, err = s.counterTotal(ctx, p, q.status, f.Kind, f.Office); err != nil {
				return nil, err
			}
		} else {
			if sec.Total, err = s.cappedCount(ctx, s.inboxBase(st, q, f), s.ListTotalCap()); err != nil {
				return nil, err
			}
			sec.TotalCapped = sec.Total > s.ListTotalCap()
		}
		if sec.Total > 0 {
			err := s.page(st, s.inboxBase(st, q, f), "p.state_since ASC, p.id ASC", f.PerPage, (f.Page-1)*f.PerPage).
				Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
					return q.ColumnExpr("p.state_since AS waiting_since").
						ColumnExpr("(SELECT count(*) FROM events AS e WHERE e.proposal_id = p.id AND e.action = ?) AS resubmissions", ActResubmit)
				}).
				Scan(ctx, &sec.Items)
			if err != nil {
				return nil, err
			}
		}
		for i := range sec.Items {
			it := &sec.Items[i]
			it.Title, it.Requested = staffingTitleCount(it.Staffing)
			if it.WaitingSince.IsZero() {
				it.WaitingSince = it.UpdatedAt
			}
			if d, ok := pol.Due(it.Status, it.WaitingSince); ok {
				it.Due = &d
				if sla.Overdue(d, today) {
					it.Overdue, it.DaysLate = true, pol.Calendar.WorkingDaysBetween(d, today)
				}
			}
		}
		out.Total += sec.Total
		out.Sections = append(out.Sections, sec)
	}
	return out, nil
}

// InboxCount is how many proposals wait for the caller (the navigation
// badge): the sum of the inbox's sections, which never share a proposal,
// each counted through its own index or from the counters
// (InboxCountUpTo).
func (s *Service) InboxCount(ctx context.Context, p access.Principal) (int, error) {
	return s.InboxCountUpTo(ctx, p, 0)
}

// InboxCountUpTo is InboxCount stopped at limit+1 (limit 0: no limit), for
// the badge, which shows "99+" anyway.
func (s *Service) InboxCountUpTo(ctx context.Context, p access.Principal, limit int) (int, error) {
	// Section by section, each through its own index: a section of one
	// status from the counters, the caller's own (or delegated) reviews
	// counted up to limit+1 through (reviewer_id, status). One query over
	// every section's condition at once (an OR) walked an index through
	// every proposal of those statuses until enough matched.
	st := store.For(s.DB, p)
	total := 0
	for _, q := range inboxQueries(p) {
		if limit > 0 && total > limit {
			break
		}
		if !q.mine && q.key != inboxDelegated {
			n, err := s.counterTotal(ctx, p, q.status, "", "")
			if err != nil {
				return 0, err
			}
			total += n
			continue
		}
		sel := s.inboxBase(st, q, InboxFilter{})
		var n int
		var err error
		if limit > 0 {
			n, err = s.cappedCount(ctx, sel, limit)
		} else {
			var n64 int64
			n64, err = sel.Count(ctx)
			n = int(n64)
		}
		if err != nil {
			return 0, err
		}
		total += n
	}
	if limit > 0 && total > limit {
		total = limit + 1
	}
	return total, nil
}
