package views

import (
	"net/url"
	"strconv"
	"strings"
)

// View data of the employee register, the what-if page, the rules page and
// the batch check (issue 3).

// EmployeeRow is one employee in a list.
type EmployeeRow struct {
	ID              int64
	NIP             string
	Name            string
	OfficeName      string
	Rank            string
	Education       string
	CurrentPosition string
}

// EmployeeListData is the register page.
type EmployeeListData struct {
	Rows       []EmployeeRow
	Total      int
	Page       int
	PerPage    int
	Q          string
	Office     string
	Offices    []Option
	ShowOffice bool // provincial roles see every office
	CanWrite   bool // regency roles keep their own register
}

// Pages is the number of pages.
func (d EmployeeListData) Pages() int {
	if d.PerPage <= 0 || d.Total == 0 {
		return 1
	}
	return (d.Total + d.PerPage - 1) / d.PerPage
}

func (d EmployeeListData) query() url.Values {
	v := url.Values{}
	if d.Q != "" {
		v.Set("q", d.Q)
	}
	if d.Office != "" {
		v.Set("office", d.Office)
	}
	return v
}

// PageURL is the list URL for page n with the current filters.
func (d EmployeeListData) PageURL(n int) string {
	v := d.query()
	v.Set("page", strconv.Itoa(n))
	return "/employees?" + v.Encode()
}

// ExportURL is the register as a spreadsheet in the template's layout.
func (d EmployeeListData) ExportURL() string {
	v := url.Values{}
	if d.Office != "" {
		v.Set("office", d.Office)
	}
	return "/employees/export.xlsx?" + v.Encode()
}

// CandidateFields is an employee's data as typed in a form: values and
// messages keyed like employees.Record ("nip", "birth_date",
// "performance.2025", "discipline.ongoing").
type CandidateFields struct {
	Values     map[string]string
	Errors     map[string]string
	Years      []string // rating years shown, most recent first
	Statuses   []Option
	Ranks      []Option
	Educations []Option
	Ratings    []Option
	PostKinds  []Option // kinds of current post
	Positions  []Option // functional positions
	Levels     []Option // levels of a functional position
}

// V is the typed value of field k.
func (f CandidateFields) V(k string) string { return f.Values[k] }

// E is the message of field k, or "".
func (f CandidateFields) E(k string) string { return f.Errors[k] }

// EmployeeForm is the add/edit page of one employee.
type EmployeeForm struct {
	ID      int64
	Version int64
	Fields  CandidateFields
	Message string
}

// Action is where the form posts.
func (f EmployeeForm) Action() string {
	if f.ID > 0 {
		return "/employees/" + strconv.FormatInt(f.ID, 10)
	}
	return "/employees"
}

// FindingRow is one employee × target of a batch check or of an employee's
// opportunities: eligible, or one item short (Gap).
type FindingRow struct {
	EmployeeID int64
	Line       int // spreadsheet row, 0 for the register
	NIP, Name  string
	Position   string // labels
	Level      string
	Route      string
	Verdict    string // eligible | incomplete
	Gap        string // rule label of the open item
	GapDetail  string
	WhatIfURL  string // the full check of this employee × target
	ProposeURL string // a new proposal with this employee and target ("" if the user cannot file)
}

// EmployeeShowData is one employee's page.
type EmployeeShowData struct {
	ID            int64
	NIP           string
	Name          string
	OfficeName    string
	OfficeCode    string
	Version       int64
	Facts         []Fact
	Ratings       []Fact
	CanWrite      bool
	RefDate       string
	Opportunities []FindingRow
	WhatIfURL     string
	// History is the register entry's events, oldest first.
	History []EmployeeEvent
	// MoveOffices, for an admin, are the offices the employee may be moved to.
	MoveOffices []Option
}

// EmployeeEvent is one line of an employee's history.
type EmployeeEvent struct {
	At, Actor, What, Note string
}

// WhatIfData is the what-if page: a candidate typed or picked from the
// register, a target, and every rule's outcome.
type WhatIfData struct {
	Fields        CandidateFields
	Position      string
	Level         string
	Route         string
	ReferenceDate string
	Positions     []Option
	Levels        []Option
	Routes        []Option
	EmployeeID    int64  // picked from the register (0 = typed)
	EmployeeName  string //
	Q             string // register search
	Matches       []EmployeeRow
	Searched      bool
	Message       string
	Result        *WhatIfResult
	Others        []FindingRow // other targets eligible or one item short
	ProposeURL    string
	// ProposeFields carry the typed data to a new proposal (typed, not
	// picked from the register): "Buat usulan dari hasil ini".
	ProposeFields []Hidden
}

// Hidden is a hidden form field.
type Hidden struct{ Name, Value string }

// WhatIfResult is the outcome of one check.
type WhatIfResult struct {
	Verdict string
	RuleSet string
	RefDate string
	Target  string
	Derived []Fact
	Checks  []CheckRow
}

// RulesData is the rules page: every rule set and parameter with its
// source, confidence and dates.
type RulesData struct {
	Today   string
	Sets    []RuleSetView
	Catalog []RuleRow
	PayCaps []PayCapRow
}

// RuleSetView is one rule set.
type RuleSetView struct {
	ID, Name, Kind, From, To, Basis string
	InForce                         bool
	Params                          []ParamRow
}

// ManualParams are the set's parameters whose [L] value turns a shortfall
// into "Perlu penilaian".
func (s RuleSetView) ManualParams() []ParamRow {
	var out []ParamRow
	for _, p := range s.Params {
		if p.ManualOutcome != "" {
			out = append(out, p)
		}
	}
	return out
}

// ParamRow is one dated parameter value.
type ParamRow struct {
	Rule, RuleLabel, Name, Value, From, To, Source, Confidence, Note string
	// ManualOutcome: for an [L] value, the outcome that is "Perlu penilaian"
	// instead of "Tidak memenuhi" because of it
	ManualOutcome string
}

// RuleRow is one rule of the catalog.
type RuleRow struct{ ID, Kind, Label string }

// PayCapRow is one pay cap in force.
type PayCapRow struct{ Year, Office, Mechanism, Amount, Source, Confidence string }

// ConfidenceLabel says what a confidence mark means.
func ConfidenceLabel(c string) string {
	switch c {
	case "H":
		return "H — teks resmi"
	case "M":
		return "M — sumber sekunder konsisten"
	case "L":
		return "L — praktik/perkiraan, perlu dikonfirmasi"
	}
	return c
}

// ColumnDoc documents one spreadsheet column.
type ColumnDoc struct {
	Header, Label, Help, Example string
	Required                     bool
}

// CellErrorRow is one refused cell of an upload.
type CellErrorRow struct {
	Line                                int
	Column, Header, Value, Message, NIP string
}

// UploadView is a parsed upload waiting for confirmation.
type UploadView struct {
	Token     string
	Filename  string
	Rows      int
	BadRows   int
	New       int
	Updated   int
	Errors    []CellErrorRow
	CanImport bool
	Imported  bool
}

// BatchData is the batch check page.
type BatchData struct {
	RefDate       string // as typed / ISO, for the date input
	RefLabel      string // "30 November 2026"
	AssumeVacancy bool
	Office        string
	Offices       []Option
	ShowOffice    bool
	CanWrite      bool
	Columns       []ColumnDoc
	Message       string
	FileError     string
	Source        string // "", "register" or "upload"
	Upload        *UploadView
	Checked       int  // employees (or valid rows) checked
	LedgerWired   bool // the formations ledger answers rule vacancy
	XLSXURL       string
	// BasePath is the results' page without its query: /batch or /batch/uploads/{token}.
	BasePath string
	// The filters of the results; "" is any.
	Position, Level, Route, Outcome     string
	Positions, Levels, Routes, Outcomes []Option
	Findings                            []FindingRow // this page of the filtered findings
	All                                 int          // findings before the filters
	Total                               int          // findings the filters keep
	People                              int          // employees (rows) with at least one finding
	Page, PerPage                       int
	Misses                              []MissRow // this page of the people with no possible target
	MissTotal                           int
	MissPage                            int
}

// MissRow is an employee (or upload row) with no possible target: the
// nearest target and the rules that keep them from it.
type MissRow struct {
	EmployeeID int64
	Line       int
	NIP, Name  string
	Nearest    string   // "Pranata Komputer Terampil, Pengangkatan Pertama"
	Reasons    []string // "Golongan/pangkat: golongan II/a di luar rentang …"
	WhatIfURL  string
}

// Filtered reports whether a filter of the results is set.
func (d BatchData) Filtered() bool {
	return d.Position != "" || d.Level != "" || d.Route != "" || d.Outcome != ""
}

// Query is the batch page's options and filters as a query string.
func (d BatchData) Query() string { return d.values().Encode() }

func (d BatchData) values() url.Values {
	v := url.Values{}
	for k, x := range map[string]string{"reference_date": d.RefDate, "office": d.Office, "position": d.Position,
		"level": d.Level, "route": d.Route, "outcome": d.Outcome} {
		if x != "" {
			v.Set(k, x)
		}
	}
	if d.AssumeVacancy {
		v.Set("vacancy", "1")
	}
	if d.Source == "register" {
		v.Set("source", "register")
	}
	return v
}

func pages(total, per int) int {
	if per <= 0 || total <= per {
		return 1
	}
	return (total + per - 1) / per
}

// Pages is the number of pages of the filtered findings.
func (d BatchData) Pages() int { return pages(d.Total, d.PerPage) }

// MissPages is the number of pages of the people with no possible target.
func (d BatchData) MissPages() int { return pages(d.MissTotal, d.PerPage) }

// PageURL is page n of the findings, the other list on its current page.
func (d BatchData) PageURL(n int) string { return d.pageURL(n, d.MissPage) + "#hasil" }

// MissPageURL is page n of the people with no possible target.
func (d BatchData) MissPageURL(n int) string { return d.pageURL(d.Page, n) + "#tanpa" }

func (d BatchData) pageURL(page, mpage int) string {
	v := d.values()
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if mpage > 1 {
		v.Set("mpage", strconv.Itoa(mpage))
	}
	return d.BasePath + "?" + v.Encode()
}

func joinComma(xs []string) string { return strings.Join(xs, ",") }
