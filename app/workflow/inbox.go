package workflow

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/models"
)

// InboxSection is one list of proposals waiting for the caller.
type InboxSection struct {
	Key   string      `json:"key"`
	Title string      `json:"title"`
	Items []InboxItem `json:"items"`
}

// InboxItem is a proposal waiting, with how long it has waited in its state.
type InboxItem struct {
	Summary
	WaitingSince time.Time `bun:"waiting_since" json:"waiting_since"`
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

// waitingSince is when the proposal entered its current state: the last
// event that moved it there (its creation, for a draft).
const waitingSince = `(SELECT max(e.created_at) FROM events AS e WHERE e.proposal_id = p.id
	AND e.to_status = p.status AND e.from_status <> e.to_status)`

func (s *Service) inboxBase(p access.Principal, q inboxQuery) *bun.SelectQuery {
	sel := s.DB.NewSelect().TableExpr("proposals AS p").Join("JOIN offices AS o ON o.id = p.office_id")
	sel = p.ScopeProposals(sel, "p").Where("p.status = ?", q.status)
	if q.mine {
		sel = sel.Where("p.reviewer_id = ?", p.UserID)
	}
	if q.key == inboxDelegated {
		today := s.Today()
		sel = sel.Where(delegatedReviewer, p.UserID, today, today)
	}
	return sel
}

// Inbox lists what waits for the caller, oldest wait first, at most limit
// rows per section (the counts are complete).
func (s *Service) Inbox(ctx context.Context, p access.Principal, limit int) (*Inbox, error) {
	if limit < 1 || limit > 200 {
		limit = 100
	}
	out := &Inbox{Sections: []InboxSection{}}
	for _, q := range inboxQueries(p) {
		if q.key == inboxDelegated {
			n, err := s.DB.NewSelect().Table("delegations").Where("to_user_id = ? AND start_date <= ? AND end_date >= ?",
				p.UserID, s.Today(), s.Today()).Count(ctx)
			if err != nil {
				return nil, err
			}
			if n == 0 {
				continue // shown only while the caller stands in for someone
			}
		}
		var rows []InboxItem
		err := s.inboxBase(p, q).
			ColumnExpr("p.id, p.kind, o.code AS office_code, o.name AS office_name, p.status, p.version").
			ColumnExpr("p.position, p.level, p.route, p.staffing, p.letter_number, p.verdict, p.created_at, p.updated_at").
			ColumnExpr("(SELECT count(*) FROM candidates AS c WHERE c.proposal_id = p.id) AS candidate_count").
			ColumnExpr(waitingSince+" AS waiting_since").
			OrderExpr("waiting_since ASC, p.id ASC").Limit(int64(limit)).Scan(ctx, &rows)
		if err != nil {
			return nil, err
		}
		for i := range rows {
			rows[i].Title = staffingTitle(rows[i].Staffing)
			if rows[i].WaitingSince.IsZero() {
				rows[i].WaitingSince = rows[i].UpdatedAt
			}
		}
		if rows == nil {
			rows = []InboxItem{}
		}
		out.Sections = append(out.Sections, InboxSection{Key: q.key, Title: q.title, Items: rows})
	}
	n, err := s.InboxCount(ctx, p)
	out.Total = n
	return out, err
}

// InboxCount is how many proposals wait for the caller (the navigation
// badge): one count on the proposals alone (no join), each section's
// condition answered by an index on (status, …), (office_id, status, …) or
// (reviewer_id, status).
func (s *Service) InboxCount(ctx context.Context, p access.Principal) (int, error) {
	return s.InboxCountUpTo(ctx, p, 0)
}

// InboxCountUpTo is InboxCount stopped at limit+1 (limit 0: no limit), for
// the badge, which shows "99+" anyway.
func (s *Service) InboxCountUpTo(ctx context.Context, p access.Principal, limit int) (int, error) {
	qs := inboxQueries(p)
	if len(qs) == 0 {
		return 0, nil
	}
	sel := p.ScopeProposals(s.DB.NewSelect().TableExpr("proposals AS p"), "p")
	sel = sel.WhereGroup(" AND ", func(w *bun.SelectQuery) *bun.SelectQuery {
		for _, q := range qs {
			if q.key == inboxDelegated {
				today := s.Today()
				w = w.WhereOr("(p.status = ? AND "+delegatedReviewer+")", q.status, p.UserID, today, today)
			} else if q.mine {
				w = w.WhereOr("(p.status = ? AND p.reviewer_id = ?)", q.status, p.UserID)
			} else {
				w = w.WhereOr("p.status = ?", q.status)
			}
		}
		return w
	})
	if limit > 0 {
		var n int
		err := s.DB.NewSelect().TableExpr("(?) AS t", sel.ColumnExpr("1").Limit(int64(limit+1))).ColumnExpr("count(*)").Scan(ctx, &n)
		return n, err
	}
	n, err := sel.Count(ctx)
	return int(n), err
}
