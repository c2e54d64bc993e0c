package reports

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/models"
)

// MonthCount is one month's filed and decided proposals ("2026-03").
type MonthCount struct {
	Month   string `json:"month"`
	Filed   int    `json:"filed"`
	Decided int    `json:"decided"`
}

// FlowWeek is how many proposals stood in each state at the end of a week
// (the cumulative flow diagram), the week starting on Start.
type FlowWeek struct {
	Start  models.Date           `json:"start"`
	Counts map[models.Status]int `json:"counts"`
}

// Charts is what the map's pictures draw beyond the Map itself.
type Charts struct {
	Trend []MonthCount `json:"trend"`
	Flow  []FlowWeek   `json:"flow"`
}

// FlowStates are the states the cumulative flow stacks, bottom first.
var FlowStates = []models.Status{models.StatusCompleted, models.StatusRejected, models.StatusWithdrawn,
	models.StatusForwarded, models.StatusVerified, models.StatusInReview, models.StatusRevisionRequested,
	models.StatusSubmitted}

// month is the SQL expression of a timestamp's month in Asia/Jakarta (UTC+7, no DST).
func (s *Service) month(col string) string {
	if s.pg() {
		return "to_char(" + col + " AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM')"
	}
	return "strftime('%Y-%m', " + col + ", '+7 hours')"
}

// scoped narrows a query on proposals p to one office when office is set
// and the principal may see it (regency users: always their own).
func scoped(q *bun.SelectQuery, p access.Principal, office int64) *bun.SelectQuery {
	if p.Regional() {
		office = p.OfficeID
	}
	if office != 0 {
		q = q.Where("p.office_id = ?", office)
	}
	return q
}

// Charts computes the trend (per month) and the cumulative flow (per week)
// of the filtered proposals: province-wide when office is 0 (and the
// principal is provincial), else of that office.
func (s *Service) Charts(ctx context.Context, p access.Principal, f Filter, office int64) (*Charts, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	out := &Charts{Trend: []MonthCount{}, Flow: []FlowWeek{}}
	var filed []struct {
		Month string `bun:"month"`
		N     int    `bun:"n"`
	}
	q := scoped(f.filed(s.DB.NewSelect().TableExpr("proposals AS p").
		ColumnExpr(s.month("p.submitted_at")+" AS month, count(*) AS n")), p, office).GroupExpr("1")
	if err := q.Scan(ctx, &filed); err != nil {
		return nil, err
	}
	var decided []struct {
		Month string `bun:"month"`
		N     int    `bun:"n"`
	}
	q = scoped(f.filed(s.DB.NewSelect().TableExpr("proposals AS p").Join("JOIN events AS e ON e.proposal_id = p.id").
		ColumnExpr(s.month("e.created_at")+" AS month, count(*) AS n").
		Where("e.action IN ('verify', 'reject')")), p, office).GroupExpr("1")
	if err := q.Scan(ctx, &decided); err != nil {
		return nil, err
	}
	months := map[string]*MonthCount{}
	for y, m := f.From.Year, f.From.Month; y < f.To.Year || (y == f.To.Year && m <= f.To.Month); {
		k := models.NewDate(y, m, 1).String()[:7]
		out.Trend = append(out.Trend, MonthCount{Month: k})
		if m == 12 {
			y, m = y+1, 1
		} else {
			m++
		}
	}
	for i := range out.Trend {
		months[out.Trend[i].Month] = &out.Trend[i]
	}
	for _, r := range filed {
		if m := months[r.Month]; m != nil {
			m.Filed = r.N
		}
	}
	for _, r := range decided {
		if m := months[r.Month]; m != nil {
			m.Decided = r.N
		}
	}

	// Cumulative flow: entries and exits per state and week, summed up.
	start, end := f.bounds()
	if now := s.Now(); now.Before(end) {
		end = now
	}
	weeks := int(end.Sub(start)/(7*24*time.Hour)) + 1
	if end.Before(start) {
		weeks = 0
	}
	const week = 7 * 24 * 3600
	s0 := start.Unix()
	var moves []struct {
		State models.Status `bun:"state"`
		Week  int           `bun:"wk"`
		N     int           `bun:"n"`
	}
	spells := scoped(s.spells(f), p, office)
	err := s.DB.NewSelect().With("s", spells).
		With("m", s.DB.NewSelect().TableExpr("s").ColumnExpr("state, (entered - ?) / ? AS wk, 1 AS n", s0, week).
			Where("state <> 'draft'").
			UnionAll(s.DB.NewSelect().TableExpr("s").ColumnExpr("state, (left_at - ?) / ? AS wk, -1 AS n", s0, week).
				Where("state <> 'draft' AND left_at IS NOT NULL"))).
		TableExpr("m").ColumnExpr("state, wk, sum(n) AS n").GroupExpr("state, wk").Scan(ctx, &moves)
	if err != nil {
		return nil, err
	}
	delta := make([]map[models.Status]int, weeks)
	for i := range delta {
		delta[i] = map[models.Status]int{}
	}
	for _, m := range moves {
		if m.Week >= 0 && m.Week < weeks {
			delta[m.Week][m.State] += m.N
		}
	}
	cur := map[models.Status]int{}
	d0 := models.DateOf(start.In(models.Jakarta))
	for w := 0; w < weeks; w++ {
		fw := FlowWeek{Start: models.DateOf(d0.Time().AddDate(0, 0, 7*w)), Counts: map[models.Status]int{}}
		for st, n := range delta[w] {
			cur[st] += n
		}
		for st, n := range cur {
			if n != 0 {
				fw.Counts[st] = n
			}
		}
		out.Flow = append(out.Flow, fw)
	}
	return out, nil
}
