package eligibility

import (
	"sync"

	"github.com/kemenagjateng/usulan/models"
)

// jftRules is the JFT catalog in the order of ELIGIBILITY.md §2; every check
// lists every rule, in this order. Each rule's code, parameters and sources
// sit together in the rules_*.go file that defines it.
var jftRules = []rule{
	ruleNIPFormat,
	ruleNIPConsistency,
	ruleEmploymentStatus,
	ruleLevelExists,
	ruleRouteOpen,
	ruleEducationLevel,
	ruleEducationField,
	ruleRankRange,
	rulePerformance,
	ruleExperience,
	ruleCompetencyTest,
	ruleMaxAge,
	ruleRetirementAge,
	ruleVacancy,
	ruleDiscipline,
	ruleHealth,
	ruleIntegrity,
	ruleCurrentLevel,
	ruleCreditPoints,
}

// maxRules bounds a catalog so the detail offsets fit in an array.
const maxRules = 32

// evaluation is the state of one check: the input, values derived once and
// read by several rules, and the buffer the details are written to.
type evaluation struct {
	text

	// JFT
	reqv   Request // a copy of the request, so the caller's does not escape
	req    *Request
	c      *Candidate
	nip    models.NIP
	nipErr error
	ageOK  bool // birth date given and not after the reference date
	ageY   int
	ageM   int
	bup    int         // retirement age of the target level, 0 if unknown
	retire models.Date // first day of the pension, zero if unknown
	// retirement age of the current post and where it comes from (0 if
	// unknown), and its pension start (zero if unknown)
	curBUP    int
	curBUPOf  string
	curRetire models.Date
	perf      *param[perfRequirement]

	// staffing
	stv  StaffingRequest
	st   *StaffingRequest
	caps []PayCap

	ref models.Date
	set *ruleSet

	field []byte // scratch for normalising an education field
}

var evaluations = sync.Pool{New: func() any { return &evaluation{text: text{b: make([]byte, 0, 4096)}} }}

func getEvaluation() *evaluation {
	e := evaluations.Get().(*evaluation)
	e.b = e.b[:0]
	return e
}

func putEvaluation(e *evaluation) {
	buf, field := e.b[:0], e.field[:0]
	*e = evaluation{text: text{b: buf}, field: field}
	evaluations.Put(e)
}

// run applies a catalog: every rule in order, then the details are cut out of
// one string built from the shared buffer.
func (e *evaluation) run(rules []rule) []Outcome {
	checks := make([]Outcome, len(rules))
	var ends [maxRules]int
	for i, r := range rules {
		res, basis := r.check(e)
		checks[i] = Outcome{Rule: r.ID, Result: res, Basis: basis}
		ends[i] = len(e.b)
	}
	all := string(e.b)
	start := 0
	for i := range checks {
		checks[i].Detail = all[start:ends[i]]
		start = ends[i]
	}
	return checks
}

// Evaluate checks req.Candidate against the target of req on
// req.ReferenceDate (today in Asia/Jakarta when zero) under the rule set in
// force on that date, and returns every rule of ELIGIBILITY.md §2 in order.
// It never fails: a value the rules cannot read becomes a fail or missing
// outcome. Decode and validate untrusted input first (DecodeRequest).
func Evaluate(req Request) Result {
	e := getEvaluation()
	defer putEvaluation(e)
	e.reqv = req
	e.prepare(&e.reqv)
	checks := e.run(jftRules)
	return Result{Verdict: verdictOf(checks), RuleSet: e.set.ID, ReferenceDate: e.ref, Derived: e.derived(), Checks: checks}
}

// prepare computes what several rules read: the rule set, the parsed NIP,
// the age, the pension date and the performance requirement.
func (e *evaluation) prepare(req *Request) {
	e.req, e.c = req, &req.Candidate
	e.ref = mustRef(req.ReferenceDate)
	e.set = ruleSetAt(jftRuleSets, e.ref)

	e.nip, e.nipErr = models.ParseNIP(e.c.NIP)
	if e.nipErr == nil {
		e.nipErr = e.nip.ValidateAt(e.ref)
	}

	birth := e.c.BirthDate
	if !birth.IsZero() && dayKey(birth) <= dayKey(e.ref) {
		e.ageOK = true
		e.ageY, e.ageM = ageAt(birth, e.ref)
	}
	if p := retirementAges.at(e.ref); p != nil {
		e.bup = p.Value[req.Level]
	}
	if e.bup > 0 && !birth.IsZero() {
		e.retire = pensionStart(birth, e.bup)
	}
	e.curBUP, e.curBUPOf = currentBUP(req, e.ref)
	if e.curBUP > 0 && !birth.IsZero() {
		e.curRetire = pensionStart(birth, e.curBUP)
	}
	if t, ok := performanceRequirements[req.Route]; ok {
		e.perf = t.at(e.ref)
	}
}

func (e *evaluation) derived() *Derived {
	d := &Derived{RetirementDate: e.retire, CurrentRetirementDate: e.curRetire}
	if e.ageOK {
		d.age = [2]int{e.ageY, e.ageM}
		d.AgeYears, d.AgeMonths = &d.age[0], &d.age[1]
	}
	n := 0
	if e.perf != nil {
		for i := 1; i <= e.perf.Value.Years && n < len(d.years); i++ {
			d.years[n] = e.ref.Year - i
			n++
		}
	}
	d.PerformanceYears = d.years[:n:n]
	return d
}

// levelName writes "Ahli Muda" (or the raw code of an unknown level).
func (e *evaluation) levelName() *evaluation {
	if l := e.req.Level.Label(); l != "" {
		e.s(l)
	} else {
		e.q(string(e.req.Level))
	}
	return e
}

// positionName writes "Pranata Komputer" (or the raw code).
func (e *evaluation) positionName() *evaluation {
	if l := e.req.Position.Label(); l != "" {
		e.s(l)
	} else {
		e.q(string(e.req.Position))
	}
	return e
}

// routeName writes "Perpindahan dari Jabatan Lain" (or the raw code).
func (e *evaluation) routeName() *evaluation {
	if l := e.req.Route.Label(); l != "" {
		e.s(l)
	} else {
		e.q(string(e.req.Route))
	}
	return e
}

// chaining helpers returning *evaluation, so rule code reads as one sentence.
func (e *evaluation) s(x string) *evaluation         { e.text.s(x); return e }
func (e *evaluation) n(x int) *evaluation            { e.text.n(x); return e }
func (e *evaluation) q(x string) *evaluation         { e.text.q(x); return e }
func (e *evaluation) date(d models.Date) *evaluation { e.text.date(d); return e }
func (e *evaluation) rupiah(x int64) *evaluation     { e.text.rupiah(x); return e }

// Target is one position × level × route an appointment can be proposed for.
type Target struct {
	Position models.Position `json:"position"`
	Level    models.Level    `json:"level"`
	Route    models.Route    `json:"route"`
}

// Targets lists every valid target: both positions, each level the position
// has (Pranata Humas has no Ahli Utama), all five routes — 65 targets.
func Targets() []Target {
	var out []Target
	for _, p := range models.AllPositions() {
		for _, l := range models.AllLevels() {
			if !p.HasLevel(l) {
				continue
			}
			for _, r := range models.AllRoutes() {
				out = append(out, Target{p, l, r})
			}
		}
	}
	return out
}

var allTargets = Targets()

// EvaluateAll checks c against every target of Targets on ref and hands each result to fn as it is made, in Targets order. Nothing
// is retained between calls, so a batch over any number of candidates runs
// in constant memory as long as fn keeps only what it needs (e.g. the
// eligible targets). fn may keep the Result: it is not reused.
func EvaluateAll(c Candidate, ref models.Date, fn func(Target, Result)) {
	req := Request{Kind: KindJFT, ReferenceDate: mustRef(ref), Candidate: c}
	for _, t := range allTargets {
		req.Position, req.Level, req.Route = t.Position, t.Level, t.Route
		fn(t, Evaluate(req))
	}
}

// mustRef returns ref, which every caller must set: the engine reads no
// clock (DecodeRequest and DecodeStaffing fill an absent date with the
// caller's today). A zero date is a programming error.
func mustRef(ref models.Date) models.Date {
	if ref.IsZero() {
		panic("eligibility: ReferenceDate is required")
	}
	return ref
}
