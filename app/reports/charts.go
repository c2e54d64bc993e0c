package reports

import (
	"context"
	"time"

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

// Charts computes the trend (per month) and the cumulative flow (per week)
// of the filtered proposals: province-wide for provincial roles, of their
// own office for regency roles. office is ignored (kept for callers).
func (s *Service) Charts(ctx context.Context, p access.Principal, f Filter, office int64) (*Charts, error) {
	_, c, err := s.cachedBuild(ctx, p, f)
	return c, err
}

func (s *Service) chartsOf(a *analysis, f Filter) *Charts {
	out := &Charts{Trend: []MonthCount{}, Flow: []FlowWeek{}}
	for y, m := f.From.Year, f.From.Month; y < f.To.Year || (y == f.To.Year && m <= f.To.Month); {
		k := models.NewDate(y, m, 1).String()[:7]
		out.Trend = append(out.Trend, MonthCount{Month: k, Filed: a.filedMonth[k], Decided: a.decidedMon[k]})
		if m == 12 {
			y, m = y+1, 1
		} else {
			m++
		}
	}
	start, end := f.bounds()
	if now := s.Now(); now.Before(end) {
		end = now
	}
	weeks := 0
	if !end.Before(start) {
		weeks = int(end.Sub(start)/(7*24*time.Hour)) + 1
	}
	cur := map[models.Status]int{}
	d0 := models.DateOf(start.In(models.Jakarta))
	for w := 0; w < weeks; w++ {
		fw := FlowWeek{Start: models.DateOf(d0.Time().AddDate(0, 0, 7*w)), Counts: map[models.Status]int{}}
		if w < len(a.weekDelta) {
			for c, n := range a.weekDelta[w] {
				if n != 0 {
					cur[codeState[c]] += n
				}
			}
		}
		for st, n := range cur {
			if n != 0 {
				fw.Counts[st] = n
			}
		}
		out.Flow = append(out.Flow, fw)
	}
	return out
}
