// Package eligibility is the rule engine of Usulan (ELIGIBILITY.md): it takes
// a candidate, a target (position, level, route) and a reference date and
// returns one outcome per rule, each with an Indonesian explanation and its
// legal basis; and it checks staffing requests (ELIGIBILITY.md §4) the same
// way. It is pure: no database, no HTTP, no clock except where a caller passes
// "today".
//
// Rules are dated data: the parameters (age limits, rank ranges, education
// minimums, windows …) sit in tables next to the code of the rule that reads
// them, each value with its validity dates, source and confidence, and
// RuleSets lists them all for the admin page.
//
// Entry points: Run (the whole `usulan check` / POST /api/v1/eligibility/check
// contract, bytes in, bytes out), DecodeRequest + Evaluate for JFT checks,
// DecodeStaffing + EvaluateStaffing for staffing requests, and EvaluateAll for
// "who can we propose now?" over every target.
package eligibility

import (
	"github.com/kemenagjateng/usulan/models"
)

// Outcome results (ELIGIBILITY.md §1).
const (
	Pass          = "pass"           // the requirement is met
	Fail          = "fail"           // the requirement is not met
	Missing       = "missing"        // a datum or document needed to decide was not given
	Manual        = "manual"         // a person must judge (e.g. a field outside the list)
	NotApplicable = "not_applicable" // the rule does not apply to this target
)

// Verdicts (ELIGIBILITY.md §1): NotEligible if any rule fails; otherwise
// Incomplete if any is missing or manual; otherwise Eligible.
const (
	Eligible    = "eligible"
	Incomplete  = "incomplete"
	NotEligible = "not_eligible"
)

// Kinds of check accepted by Run (the "kind" field of the input).
const (
	KindJFT      = "jft"
	KindStaffing = "staffing"
)

// Candidate is one civil servant as given for a JFT check (ELIGIBILITY.md
// §3). Every field but NIP may be absent: a nil pointer, a zero Date, an empty
// string or a nil map means "not given", and the rules that need it answer
// Missing. Enum fields hold the codes of package models; Validate checks them.
// The fields marked "letters" are carried for the documents and read by no rule.
//
// The `validate` tags are what the employee register and a filed proposal
// accept (app/input checks them, the same on pages and in the API): stricter
// than the check contract's Validate, they want a well-formed NIP and a
// name, and bound numbers and texts.
type Candidate struct {
	NIP                  string                              `json:"nip" validate:"nip" label:"NIP"` // as typed; spaces allowed, checked by rule nip_format
	Name                 string                              `json:"name" validate:"notblank,max=200" label:"Nama"`
	BirthPlace           string                              `json:"birth_place,omitempty" validate:"max=100" label:"Tempat lahir"` // letters
	BirthDate            models.Date                         `json:"birth_date" validate:"indate" label:"Tanggal lahir"`
	Gender               models.Gender                       `json:"gender" validate:"omitempty,gender"`
	EmploymentStatus     models.EmploymentStatus             `json:"employment_status" validate:"omitempty,empstatus"`
	Rank                 models.Rank                         `json:"rank" validate:"omitempty,rank"`
	RankTMT              models.Date                         `json:"rank_tmt,omitzero" validate:"indate" label:"TMT golongan"`                                                                     // letters
	CurrentPosition      string                              `json:"current_position,omitempty" validate:"max=200" label:"Jabatan saat ini"`                                                       // letters
	CurrentPositionTMT   models.Date                         `json:"current_position_tmt,omitzero" validate:"indate" label:"TMT jabatan saat ini"`                                                 // letters
	EducationLevel       models.EducationLevel               `json:"education_level" validate:"omitempty,education"`                                                                               //
	EducationField       string                              `json:"education_field" validate:"max=150" label:"Jurusan/program studi"`                                                             //
	EducationInstitution string                              `json:"education_institution,omitempty" validate:"max=200" label:"Perguruan tinggi"`                                                  // letters
	EducationYear        int                                 `json:"education_year,omitempty" validate:"omitempty,min=1900,max=2200" msg:"Tahun lulus harus tahun empat angka, misalnya 2014."`    // letters
	Performance          map[string]models.PerformanceRating `json:"performance" validate:"max=30,dive,keys,perfyear,endkeys,omitempty,rating" msg_max:"Paling banyak 30 tahun predikat kinerja."` // calendar year ("2025") → rating
	ExperienceMonths     *int                                `json:"experience_months" validate:"omitnil,min=0,max=720" msg:"Pengalaman harus bilangan bulat bulan, 0 sampai 720."`                // months doing the position's tasks
	CompetencyTestPassed *bool                               `json:"competency_test_passed"`
	Discipline           *Discipline                         `json:"discipline"`
	HealthStatement      *bool                               `json:"health_statement"`
	IntegrityStatement   *bool                               `json:"integrity_statement"`
	VacancyAvailable     *bool                               `json:"vacancy_available"`                                                                                                            // an open formation, proposals in flight counted
	CurrentPost          *CurrentPost                        `json:"current_post,omitempty"`                                                                                                       // structured current post (§6.4)
	CreditPoints         *float64                            `json:"credit_points,omitempty" validate:"omitnil,min=0,max=100000" msg:"Angka kredit harus angka 0 sampai 100.000, misalnya 112,5."` // cumulative angka kredit in the current level, latest PAK
	CreditPointsDate     models.Date                         `json:"credit_points_date,omitzero" validate:"indate" label:"Tanggal PAK"`                                                            // date of that PAK (letters)
}

// CurrentPost is the post the candidate holds now (ELIGIBILITY.md §6.4):
// Kind is pelaksana, pengawas, administrator, jpt or jf; Position and Level
// are required for jf; TMT is the date the post began (optional, read by
// experience on kenaikan_jenjang). The free-text CurrentPosition stays the
// title printed on letters.
type CurrentPost struct {
	Kind     models.PostKind `json:"kind" validate:"required,postkind" msg_required:"Pilih jenis jabatan saat ini (pelaksana, pengawas, administrator, jpt atau jf)."`
	Position models.Position `json:"position,omitempty" validate:"required_if=Kind jf,excluded_unless=Kind jf,omitempty,position" msg_required_if:"Pilih jabatan fungsional saat ini (pranata_komputer atau pranata_humas)." msg_excluded_unless:"Jabatan fungsional saat ini hanya diisi untuk jenis jf."`
	Level    models.Level    `json:"level,omitempty" validate:"required_if=Kind jf,excluded_unless=Kind jf,omitempty,jenjang" msg_required_if:"Pilih jenjang jabatan fungsional saat ini." msg_excluded_unless:"Jenjang saat ini hanya diisi untuk jenis jf."`
	TMT      models.Date     `json:"tmt,omitzero" validate:"indate" label:"TMT jabatan saat ini"`
}

// Discipline is the candidate's disciplinary record (hukuman disiplin).
// Ongoing nil means "not stated". LastModerateOrSevere is the date of the
// last sedang or berat penalty; the zero Date means none.
type Discipline struct {
	Ongoing              *bool       `json:"ongoing"`
	LastModerateOrSevere models.Date `json:"last_moderate_or_severe" validate:"indate" label:"Tanggal hukuman disiplin terakhir"`
}

// Request is one JFT check: a candidate against a target on a reference date.
// Kind is "jft" (or "", the same).
type Request struct {
	Kind          string          `json:"kind,omitempty"`
	ReferenceDate models.Date     `json:"reference_date"`
	Position      models.Position `json:"position"`
	Level         models.Level    `json:"level"`
	Route         models.Route    `json:"route"`
	Candidate     Candidate       `json:"candidate"`
}

// Outcome is one rule's answer: the rule id (ELIGIBILITY.md §2), one of Pass,
// Fail, Missing, Manual, NotApplicable, an Indonesian sentence with the values
// compared, and the regulation and article it rests on.
type Outcome struct {
	Rule   string `json:"rule"`
	Result string `json:"result"`
	Detail string `json:"detail"`
	Basis  string `json:"basis"`
}

// Derived holds values computed for a JFT check. AgeYears and AgeMonths are
// the completed age on the reference date (nil when the birth date is unknown
// or after the reference date); RetirementDate is the first day of the
// pension for the target level's BUP (zero when unknown); PerformanceYears
// are the calendar years whose ratings the route needs, most recent first.
type Derived struct {
	AgeYears         *int        `json:"age_years"`
	AgeMonths        *int        `json:"age_months"`
	RetirementDate   models.Date `json:"retirement_date"`
	PerformanceYears []int       `json:"performance_years"`
	// CurrentRetirementDate is the pension start for the BUP of the current
	// post, when that post is known (ELIGIBILITY.md §6.1).
	CurrentRetirementDate models.Date `json:"current_retirement_date,omitzero"`

	// backing store, so one allocation holds everything above
	age   [2]int
	years [maxPerformanceYears]int
}

// Result is the answer to a check: the verdict, the id of the rule set in
// force on the reference date, the reference date, the derived values (JFT
// only) and one outcome per rule in catalog order.
type Result struct {
	Verdict       string      `json:"verdict"`
	RuleSet       string      `json:"rule_set,omitempty"`
	ReferenceDate models.Date `json:"reference_date"`
	Derived       *Derived    `json:"derived,omitempty"`
	Checks        []Outcome   `json:"checks"`
}

// Check returns the outcome of rule id, if the result has it.
func (r Result) Check(id string) (Outcome, bool) {
	for _, o := range r.Checks {
		if o.Rule == id {
			return o, true
		}
	}
	return Outcome{}, false
}

// Failed lists the failing outcomes, in catalog order.
func (r Result) Failed() []Outcome {
	var out []Outcome
	for _, o := range r.Checks {
		if o.Result == Fail {
			out = append(out, o)
		}
	}
	return out
}

// verdictOf applies ELIGIBILITY.md §1.
// Recount sets r.Verdict from r.Checks again, for a caller that changed an
// outcome after Evaluate (e.g. the vacancy rule answered from the quota ledger).
func (r *Result) Recount() { r.Verdict = verdictOf(r.Checks) }

func verdictOf(checks []Outcome) string {
	v := Eligible
	for _, o := range checks {
		switch o.Result {
		case Fail:
			return NotEligible
		case Missing, Manual:
			v = Incomplete
		}
	}
	return v
}

// InputError is input the engine cannot read: bad JSON, an unknown enum
// value, a malformed date, a missing required field. Field is the JSON path
// ("reference_date", "candidate.rank", "count"; "" for the whole body) and
// Message an Indonesian sentence. Run answers it with exit status 2; the API
// with HTTP 400.
type InputError struct {
	Message string `json:"error"`
	Field   string `json:"field"`
}

// Error is "field: message" (or the message alone for the whole body).
func (e *InputError) Error() string {
	if e.Field == "" {
		return e.Message
	}
	return e.Field + ": " + e.Message
}

// prefixed returns e with its field put under prefix ("candidate").
func (e *InputError) prefixed(prefix string) *InputError {
	if e == nil {
		return nil
	}
	f := prefix
	if e.Field != "" {
		f += "." + e.Field
	}
	return &InputError{Field: f, Message: e.Message}
}
