package employees

import (
	"context"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/models"
)

// Finding is one employee × target that is eligible, or nearly so: no rule
// fails and exactly one is missing or needs a person's judgement (Gap).
type Finding struct {
	EmployeeID int64 // 0 for a row of an uploaded spreadsheet
	Row        int   // the spreadsheet row, 0 for the register
	NIP        string
	Name       string
	Target     eligibility.Target
	Verdict    string               // eligibility.Eligible or eligibility.Incomplete
	Gap        *eligibility.Outcome // the one missing or manual outcome; nil when eligible
}

// BatchOptions tune a batch check.
type BatchOptions struct {
	// ReferenceDate is the date the rules are read on (today when zero).
	ReferenceDate models.Date
	// AssumeVacancy treats a formation as open where the ledger has none
	// (or no ledger is wired): the batch then asks "who qualifies in
	// person?", and the formation is checked at filing.
	AssumeVacancy bool
	// OnMiss, when set, receives each employee (or valid upload row) with
	// no finding at all, with the nearest target and why it fails.
	OnMiss func(Miss)
}

// Miss is an employee or upload row for whom no target is eligible or one
// item short. Nearest is the target with the fewest failing rules (then the
// fewest missing or manual ones; the first in Targets order on a tie), and
// Reasons its failing outcomes followed by its missing and manual ones.
type Miss struct {
	EmployeeID int64 // 0 for a row of an uploaded spreadsheet
	Row        int   // the spreadsheet row, 0 for the register
	NIP        string
	Name       string
	Nearest    eligibility.Target
	Reasons    []eligibility.Outcome
}

// nearest keeps the closest miss of one candidate over the targets.
type nearest struct {
	found        bool
	seen         bool
	fails, opens int
	target       eligibility.Target
	res          eligibility.Result
}

func (n *nearest) see(t eligibility.Target, res eligibility.Result) {
	fails, opens := 0, 0
	for _, o := range res.Checks {
		switch o.Result {
		case eligibility.Fail:
			fails++
		case eligibility.Missing, eligibility.Manual:
			opens++
		}
	}
	if !n.seen || fails < n.fails || (fails == n.fails && opens < n.opens) {
		n.seen, n.fails, n.opens, n.target, n.res = true, fails, opens, t, res
	}
}

// reasons lists the nearest target's failing outcomes, then its missing
// and manual ones.
func (n *nearest) reasons() []eligibility.Outcome {
	var out []eligibility.Outcome
	for _, o := range n.res.Checks {
		if o.Result == eligibility.Fail {
			out = append(out, o)
		}
	}
	for _, o := range n.res.Checks {
		if o.Result == eligibility.Missing || o.Result == eligibility.Manual {
			out = append(out, o)
		}
	}
	return out
}

// Near reports whether a result counts for the batch check: eligible, or
// incomplete with exactly one missing or manual outcome (then returned).
func Near(res eligibility.Result) (ok bool, gap *eligibility.Outcome) {
	switch res.Verdict {
	case eligibility.Eligible:
		return true, nil
	case eligibility.NotEligible:
		return false, nil
	}
	for i := range res.Checks {
		switch res.Checks[i].Result {
		case eligibility.Fail:
			return false, nil
		case eligibility.Missing, eligibility.Manual:
			if gap != nil {
				return false, nil
			}
			gap = &res.Checks[i]
		}
	}
	return gap != nil, gap
}

// levelUpReady reports whether res is a kenaikan_jenjang target the
// candidate has reached: the current post is the level below and the credit
// points reach the threshold, and no rule fails. Such a JF holder is listed
// however many other items are still missing (the first is returned as the
// gap), so the batch shows everyone whose PAK allows the next level.
func levelUpReady(t eligibility.Target, res eligibility.Result) (bool, *eligibility.Outcome) {
	if t.Route != models.KenaikanJenjang || res.Verdict == eligibility.NotEligible {
		return false, nil
	}
	var gap *eligibility.Outcome
	for i := range res.Checks {
		o := &res.Checks[i]
		switch {
		case (o.Rule == "current_level" || o.Rule == "credit_points") && o.Result != eligibility.Pass:
			return false, nil
		case gap == nil && (o.Result == eligibility.Missing || o.Result == eligibility.Manual):
			gap = o
		}
	}
	return true, gap
}

// near is Near, widened for level-ups (levelUpReady).
func near(t eligibility.Target, res eligibility.Result) (bool, *eligibility.Outcome) {
	if ok, gap := levelUpReady(t, res); ok {
		return true, gap
	}
	return Near(res)
}

// scan checks one candidate against every target and hands fn each finding;
// it returns the nearest miss (found is true when fn was called at all).
// vacancy, when not nil, answers rule vacancy per target.
func scan(c eligibility.Candidate, ref models.Date, vacancy func(eligibility.Target) *bool, fn func(eligibility.Target, eligibility.Result, *eligibility.Outcome)) nearest {
	var n nearest
	see := func(t eligibility.Target, res eligibility.Result) {
		if ok, gap := near(t, res); ok {
			n.found = true
			fn(t, res, gap)
		} else if !n.found {
			n.see(t, res)
		}
	}
	if vacancy == nil {
		eligibility.EvaluateAll(c, ref, see)
		return n
	}
	for _, t := range eligibility.Targets() {
		c.VacancyAvailable = vacancy(t)
		see(t, eligibility.Evaluate(eligibility.Request{Kind: eligibility.KindJFT, ReferenceDate: ref,
			Position: t.Position, Level: t.Level, Route: t.Route, Candidate: c}))
	}
	return n
}

// miss hands o.OnMiss the candidate's nearest miss when nothing was found.
func (o BatchOptions) miss(n nearest, employeeID int64, row int, c eligibility.Candidate) {
	if o.OnMiss == nil || n.found || !n.seen {
		return
	}
	o.OnMiss(Miss{EmployeeID: employeeID, Row: row, NIP: c.NIP, Name: c.Name, Nearest: n.target, Reasons: n.reasons()})
}

func (s *Service) ref(o BatchOptions) models.Date {
	if o.ReferenceDate.IsZero() {
		return s.Today()
	}
	return o.ReferenceDate
}

// vacancyFor is the per-target answer to rule vacancy for officeID: the
// formations ledger (Service.Vacancy) where it has a formation for the
// position and level; elsewhere "open" when the caller assumes it; else nil
// (each candidate's own value, i.e. not given: the rule is missing). Ledger
// answers are cached per position × level for the run.
func (s *Service) vacancyFor(ctx context.Context, officeID int64, ref models.Date, o BatchOptions) func(eligibility.Target) *bool {
	yes := true
	var ledger func(eligibility.Target) *bool
	if s.Vacancy != nil && officeID != 0 {
		cache := map[[2]string]*bool{}
		ledger = func(t eligibility.Target) *bool {
			k := [2]string{string(t.Position), string(t.Level)}
			v, ok := cache[k]
			if !ok {
				v = s.Vacancy(ctx, officeID, t, ref)
				cache[k] = v
			}
			return v
		}
	}
	switch {
	case ledger != nil && o.AssumeVacancy:
		return func(t eligibility.Target) *bool {
			if v := ledger(t); v != nil {
				return v
			}
			return &yes
		}
	case ledger != nil:
		return ledger
	case o.AssumeVacancy:
		return func(eligibility.Target) *bool { return &yes }
	}
	return nil
}

// CheckRegister runs the batch check over the register of officeID (0 =
// the principal's own office; provincial roles must name one), streaming:
// fn receives each finding as it is made, employees by name, targets in
// eligibility.Targets order.
func (s *Service) CheckRegister(ctx context.Context, p access.Principal, officeID int64, o BatchOptions, fn func(Finding)) error {
	if p.Regional() {
		officeID = p.OfficeID
	}
	ref := s.ref(o)
	vac := s.vacancyFor(ctx, officeID, ref, o)
	return s.Each(ctx, p, officeID, func(e *Employee) error {
		n := scan(e.Candidate, ref, vac, func(t eligibility.Target, res eligibility.Result, gap *eligibility.Outcome) {
			fn(Finding{EmployeeID: e.ID, NIP: e.Candidate.NIP, Name: e.Candidate.Name, Target: t, Verdict: res.Verdict, Gap: gap})
		})
		o.miss(n, e.ID, 0, e.Candidate)
		return ctx.Err()
	})
}

// CheckRows runs the batch check over the rows of an upload without
// importing anything; rows with errors are skipped (they are reported as
// errors). officeID is the uploader's office (0 for provincial roles).
func (s *Service) CheckRows(ctx context.Context, officeID int64, rows []Row, o BatchOptions, fn func(Finding)) {
	ref := s.ref(o)
	vac := s.vacancyFor(ctx, officeID, ref, o)
	for _, r := range rows {
		if r.Bad {
			continue
		}
		n := scan(r.Candidate, ref, vac, func(t eligibility.Target, res eligibility.Result, gap *eligibility.Outcome) {
			fn(Finding{Row: r.Line, NIP: r.Candidate.NIP, Name: r.Candidate.Name, Target: t, Verdict: res.Verdict, Gap: gap})
		})
		o.miss(n, 0, r.Line, r.Candidate)
	}
}

// Opportunities lists the targets one employee is eligible or nearly
// eligible for on the options' date (the employee page's summary).
func (s *Service) Opportunities(ctx context.Context, e *Employee, o BatchOptions) []Finding {
	return s.opportunities(ctx, e.officeID, e.ID, e.Candidate, o)
}

// OpportunitiesOf is Opportunities for a candidate as typed (the what-if
// page): its own vacancy_available stands unless o assumes the formation
// open. employeeID, if not 0, is carried into the findings.
func (s *Service) OpportunitiesOf(ctx context.Context, employeeID int64, c eligibility.Candidate, o BatchOptions) []Finding {
	return s.opportunities(ctx, 0, employeeID, c, o)
}

func (s *Service) opportunities(ctx context.Context, officeID, employeeID int64, c eligibility.Candidate, o BatchOptions) []Finding {
	ref := s.ref(o)
	var out []Finding
	scan(c, ref, s.vacancyFor(ctx, officeID, ref, o), func(t eligibility.Target, res eligibility.Result, gap *eligibility.Outcome) {
		out = append(out, Finding{EmployeeID: employeeID, NIP: c.NIP, Name: c.Name, Target: t, Verdict: res.Verdict, Gap: gap})
	})
	return out
}
