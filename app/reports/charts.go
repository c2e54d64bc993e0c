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

// unixMonth is the SQL expression of a Unix-seconds column's month in
// Asia/Jakarta (UTC+7, no daylight saving).
func (s *Service) unixMonth(col string) string {
	if s.pg() {
		return "to_char(to_timestamp(" + col + " + 25200) AT TIME ZONE 'UTC', 'YYYY-MM')"
	}
	return "strftime('%Y-%m', " + col + " + 25200, 'unixepoch')"
}

// scopedSpells narrows a query on report_spells s to one office when
// office is set (regency users: always their own).
func scopedSpells(q *bun.SelectQuery, p access.Principal, office int64) *bun.SelectQuery {
	if p.Regional() {
		office = p.OfficeID
	}
	if office != 0 {
		q = q.Where("s.office_id = ?", office)
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
	// Filed: the first stay (submitted, entered at filing); decided: the
	// stays in verified or rejected. Months in Asia/Jakarta (UTC+7).
	var rows []struct {
		Month   string `bun:"month"`
		Filed   int    `bun:"filed"`
		Decided int    `bun:"decided"`
	}
	q := scopedSpells(f.spellsIn(s.DB.NewSelect().TableExpr("report_spells AS s").
		ColumnExpr(s.unixMonth("s.entered")+" AS month").
		ColumnExpr("sum(CASE WHEN s.state = 'submitted' AND s.entered = s.filed_at THEN 1 ELSE 0 END) AS filed").
		ColumnExpr("sum(CASE WHEN s.state IN ('verified', 'rejected') THEN 1 ELSE 0 END) AS decided").
		Where("s.state IN ('submitted', 'verified', 'rejected')")), p, office).GroupExpr("1")
	if err := q.Scan(ctx, &rows); err != nil {
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
	for _, r := range rows {
		if m := months[r.Month]; m != nil {
			m.Filed, m.Decided = r.Filed, r.Decided
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
	base := func() *bun.SelectQuery {
		return scopedSpells(f.spellsIn(s.DB.NewSelect().TableExpr("report_spells AS s")), p, office)
	}
	err := s.DB.NewSelect().
		With("m", base().ColumnExpr("s.state, (s.entered - ?) / ? AS wk, 1 AS n", s0, week).
			UnionAll(base().ColumnExpr("s.state, (s.left_at - ?) / ? AS wk, -1 AS n", s0, week).
				Where("s.left_at IS NOT NULL"))).
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
