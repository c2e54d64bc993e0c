package views

import (
	"net/url"
	"strconv"

	"github.com/kemenagjateng/usulan/models"
)

// Option is one choice of a select.
type Option struct{ Value, Label string }

// ListData is the proposal list page.
type ListData struct {
	Rows       []ListRow
	Total      int
	Capped     bool // Total is a lower bound: the count stopped at its cap
	Page       int
	PerPage    int
	Status     string
	Kind       string
	Office     string
	Q          string
	Offices    []Option // provincial roles filter by office
	Statuses   []Option
	ShowOffice bool
	// Drill is the drill-down from the obstacle map or the ledger (query
	// parameter → value), kept across pages and the filter form; DrillText
	// says in words what it selects.
	Drill     [][2]string
	DrillText string
}

// query is the list's filters as URL values.
func (d ListData) query() url.Values {
	v := url.Values{}
	for k, x := range map[string]string{"status": d.Status, "kind": d.Kind, "office": d.Office, "q": d.Q} {
		if x != "" {
			v.Set(k, x)
		}
	}
	for _, kv := range d.Drill {
		v.Set(kv[0], kv[1])
	}
	return v
}

// UndrillURL is the list with the current filters but no drill-down.
func (d ListData) UndrillURL() string {
	d.Drill = nil
	return "/proposals?" + d.query().Encode()
}

// ListRow is one proposal in the list.
type ListRow struct {
	ID           int64
	Kind         string
	OfficeName   string
	Status       models.Status
	Subject      string
	LetterNumber string
	Verdict      string
	Candidates   int
	Requested    int // a staffing request: how many people it asks for
	Updated      string
	Due          string // the service level's date ("" without a target)
	Overdue      bool
}

// Pages is the number of pages.
// TotalText is the count as the page says it: "lebih dari 10.000" when it
// was capped.
func (d ListData) TotalText() string {
	if d.Capped {
		return "lebih dari " + Thousands(d.Total-1)
	}
	return Thousands(d.Total)
}

// Thousands writes n with Indonesian thousands separators: 10.000.
func Thousands(n int) string {
	s := Itoa(n)
	if n < 0 {
		return "-" + Thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

func (d ListData) Pages() int {
	if d.PerPage <= 0 {
		return 1
	}
	n := (d.Total + d.PerPage - 1) / d.PerPage
	if n < 1 {
		n = 1
	}
	return n
}

// PageURL is the list URL for page n with the current filters.
func (d ListData) PageURL(n int) string {
	v := d.query()
	v.Set("page", strconv.Itoa(n))
	return "/proposals?" + v.Encode()
}

// ExportURL is the spreadsheet of the whole filtered list.
func (d ListData) ExportURL() string {
	v := d.query()
	return "/proposals/export.xlsx?" + v.Encode()
}

// DashboardData is the home page: counts per status.
type DashboardData struct {
	Counts []StatusCount
	Total  int
}

// StatusCount is how many proposals are in one state.
type StatusCount struct {
	Status models.Status
	N      int
}

// CandidateForm is one candidate row of the proposal form, as typed.
type CandidateForm struct {
	NIP, Name, BirthPlace, BirthDate, Gender, EmploymentStatus, Rank, RankTMT string
	CurrentPosition, EducationLevel, EducationField, EducationInstitution     string
	EducationYear, PerfYear1, PerfRating1, PerfYear2, PerfRating2             string
	ExperienceMonths, CompetencyTest, DisciplineOngoing, LastDiscipline       string
	Health, Integrity, Vacancy                                                string
	// current post (kind, JF, level; its TMT is CurrentPositionTMT) and the
	// latest PAK, read by kenaikan jenjang and the retirement rule
	CurrentPositionTMT, PostKind, PostPosition, PostLevel, CreditPoints, PAKDate string
}

// ProposalForm is the JFT proposal form, as typed, with field errors keyed
// like the API ("position", "candidates[0].nip").
type ProposalForm struct {
	ID            int64
	Version       int64
	Position      string
	Level         string
	Route         string
	ReferenceDate string
	Candidates    []CandidateForm
	Pick          string // NIPs to take from the employee register
	Errors        map[string]string
	Message       string
	Positions     []Option
	Levels        []Option
	Routes        []Option
	Statuses      []Option
	Ranks         []Option
	Educations    []Option
	Ratings       []Option
	PostKinds     []Option
}

// Err is the error of a field, or "".
func (f ProposalForm) Err(key string) string { return f.Errors[key] }

// CErr is the error of candidate i's field.
func (f ProposalForm) CErr(i int, field string) string {
	return f.Errors["candidates["+strconv.Itoa(i)+"]."+field]
}

// Action is where the form posts.
func (f ProposalForm) Action() string {
	if f.ID > 0 {
		return "/proposals/" + strconv.FormatInt(f.ID, 10)
	}
	return "/proposals"
}

// ShowData is the proposal page.
type ShowData struct {
	ID           int64
	Kind         string
	Version      int64
	Status       models.Status
	OfficeName   string
	OfficeCode   string
	Subject      string
	Position     string
	Level        string
	Route        string
	RefDate      string
	LetterNumber string
	LetterDate   string
	Verdict      string
	OverrideNote string
	DecreeNumber string
	DecreeDate   string
	Editable     bool
	CanEdit      bool
	Candidates   []CandidateShow
	Checks       []CheckRow // staffing
	Staffing     []Fact     // staffing fields
	Plan         *PlanBox   // the formation ledger of a JFT proposal (formations_data.go)
	Actions      []ActionForm
	Events       []EventRow
	Review       ReviewPanelData // revision request, documents, review link
	FilingNotice string          // when the next filing window opens (drafts only, issue 15)
}

// Fact is a label and a value.
type Fact struct{ Label, Value string }

// CandidateShow is a candidate with outcomes.
type CandidateShow struct {
	Name, NIP, Verdict string
	Facts              []Fact
	Checks             []CheckRow
	OfficeNote         string // "Ket." on the nominative list
}

// CheckRow is one rule outcome.
type CheckRow struct{ Rule, RuleLabel, Result, Detail, Basis string }

// SplitChecks separates the outcomes that need something, failing first,
// then missing, then manual (each in rule order), from the met and not
// applicable ones.
func SplitChecks(rows []CheckRow) (open, done []CheckRow) {
	for _, want := range []string{"fail", "missing", "manual"} {
		for _, r := range rows {
			if r.Result == want {
				open = append(open, r)
			}
		}
	}
	for _, r := range rows {
		if r.Result != "fail" && r.Result != "missing" && r.Result != "manual" {
			done = append(done, r)
		}
	}
	return open, done
}

// DoneSummary names the folded outcomes: "12 syarat terpenuhi" and, if
// any, "3 tidak berlaku".
func DoneSummary(done []CheckRow) string {
	met, na := 0, 0
	for _, r := range done {
		if r.Result == "pass" {
			met++
		} else {
			na++
		}
	}
	s := strconv.Itoa(met) + " syarat terpenuhi"
	if na > 0 {
		s += ", " + strconv.Itoa(na) + " tidak berlaku"
	}
	return s
}

// ActionForm is a workflow button with its fields.
type ActionForm struct {
	Action       string
	Label        string
	NoteRequired bool
	NeedOverride bool
	NeedDecree   bool
	Danger       bool
}

// EventRow is one timeline entry.
type EventRow struct {
	At, Actor, Action, From, To, Note string
	Details                           []string // findings, override note, SK, document
}
