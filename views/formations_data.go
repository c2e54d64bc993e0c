package views

import (
	"net/url"
	"strconv"
)

// LedgerPage is the staffing plan (formasi) of one office or of the province
// for one year: the ledger, the admin's quota form and the quota timeline.
type LedgerPage struct {
	Year       int
	OfficeCode string // "" = the province
	OfficeName string
	Province   bool // every office shown (provincial roles only)
	CanChoose  bool // the office filter is offered (provincial roles)
	IsAdmin    bool
	Offices    []Option
	Years      []int
	Rows       []LedgerRowView
	Totals     LedgerTotals
	Events     []QuotaEventRow
	Form       QuotaForm
	Positions  []Option
	Levels     []Option
}

// LedgerTotals sums the rows that have a formation; Unplanned counts the
// candidates of rows without one.
type LedgerTotals struct {
	Planned, Filled, Reserved, Available, Unplanned int
}

// LedgerRowView is one office × position × level of the ledger.
type LedgerRowView struct {
	FormationID int64
	Version     int64
	OfficeCode  string
	OfficeName  string
	Position    string
	Level       string
	// PositionCode and LevelCode are what the admin's inline form posts.
	PositionCode string
	LevelCode    string
	Basis        string
	HasPlan      bool
	Planned      int
	Filled       int
	Reserved     int
	Available    int
	Formula      string
	FilledBy     []LedgerProposalView
	ReservedBy   []LedgerProposalView
	// More is how many proposals behind the numbers are not listed (the
	// page lists a few per row, so the province's page stays small at any
	// size); MoreURL opens the proposal list of the row's office, position
	// and level.
	More    int
	MoreURL string
}

// LedgerProposalView is a proposal behind a ledger number.
type LedgerProposalView struct {
	ID         int64
	Label      string // letter number, or "Usulan #12"
	Status     string
	StatusCode string
	Candidates int
}

// QuotaEventRow is one entry of the quota timeline.
type QuotaEventRow struct {
	At, Actor, Office, Subject, Change, Note string
}

// QuotaForm is the admin's form to set a quota, as typed.
type QuotaForm struct {
	Office, Position, Level, Year, Quota, Basis string
	Version                                     int64
	Errors                                      map[string]string
	Message                                     string
}

// Err is the error of a field, or "".
func (f QuotaForm) Err(k string) string { return f.Errors[k] }

// OfficeURL is this ledger for another office (or the province with "").
func (d LedgerPage) OfficeURL(code string) string {
	v := url.Values{}
	v.Set("year", strconv.Itoa(d.Year))
	if code != "" {
		v.Set("office", code)
	}
	return "/formations?" + v.Encode()
}

// YearURL is this ledger for another year.
func (d LedgerPage) YearURL(y int) string {
	v := url.Values{}
	v.Set("year", strconv.Itoa(y))
	if d.OfficeCode != "" {
		v.Set("office", d.OfficeCode)
	}
	return "/formations?" + v.Encode()
}

// PlanBox is the staffing plan as it concerns one JFT proposal, shown on its page.
type PlanBox struct {
	Configured bool
	Office     string
	Subject    string // "Pranata Komputer Ahli Pertama"
	Year       int
	Planned    int
	Filled     int
	Reserved   int // by other proposals
	Available  int
	Own        int    // this proposal's candidates
	Counted    string // how this proposal counts now: "dipesan", "terisi" or ""
	LedgerURL  string
}
