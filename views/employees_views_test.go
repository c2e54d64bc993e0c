package views

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/a-h/templ"
)

// TestRegisterWhatIfBatchAndRulesViewsRender renders the issue 3 pages with
// sample data: each keeps the layout and the CSRF token and never renders
// user text as markup.
func TestRegisterWhatIfBatchAndRulesViewsRender(t *testing.T) {
	p := samplePage()
	evil := "<script>alert(1)</script>"
	fields := CandidateFields{Values: map[string]string{"nip": "1992", "name": evil, "performance.2025": "baik"},
		Errors: map[string]string{"nip": "NIP harus 18 angka, bukan 4 angka"}, Years: []string{"2025", "2024"},
		Ratings: []Option{{"baik", "Baik"}}}
	finding := FindingRow{EmployeeID: 7, Line: 3, NIP: "199203152019031004", Name: evil, Position: "Pranata Komputer",
		Level: "Ahli Pertama", Route: "Pengangkatan Pertama", Verdict: "incomplete", Gap: "Formasi", GapDetail: evil,
		WhatIfURL: "/whatif?employee=7", ProposeURL: "/proposals/new?employee=7"}
	cases := map[string]templ.Component{
		"employees": EmployeeList(p, EmployeeListData{Rows: []EmployeeRow{{ID: 7, NIP: "199203152019031004", Name: evil}},
			Total: 1, Page: 1, PerPage: 20, CanWrite: true, ShowOffice: true}),
		"employee form": EmployeeFormPage(p, EmployeeForm{ID: 7, Version: 2, Fields: fields, Message: "Periksa."}),
		"employee": EmployeeShow(p, EmployeeShowData{ID: 7, NIP: "199203152019031004", Name: evil, CanWrite: true,
			Facts: []Fact{{"Pendidikan", evil}}, Ratings: []Fact{{"2025", "Baik"}}, Opportunities: []FindingRow{finding}}),
		"whatif": WhatIfPage(p, WhatIfData{Fields: fields, Q: evil, Searched: true, Matches: []EmployeeRow{{ID: 7, Name: evil}},
			Result: &WhatIfResult{Verdict: "not_eligible", Target: "Pranata Komputer", Derived: []Fact{{"Usia", "54 tahun"}},
				Checks: []CheckRow{{Rule: "max_age", RuleLabel: "Batas usia", Result: "fail", Detail: evil}}},
			Others: []FindingRow{finding}, EmployeeID: 7, EmployeeName: evil, ProposeURL: "/proposals/new?employee=7"}),
		"rules": RulesPage(p, RulesData{Today: "30 November 2026", Sets: []RuleSetView{{ID: "permenpanrb-1-2023", Name: "PermenPANRB",
			InForce: true, Params: []ParamRow{{Rule: "justification", Name: evil, Value: "50", Confidence: "L"}}}},
			Catalog: []RuleRow{{ID: "max_age", Label: "Batas usia"}}, PayCaps: []PayCapRow{{Year: "2024", Amount: "Rp 2.070.000", Confidence: "H"}}}),
		"batch": BatchPage(p, BatchData{RefDate: "2026-11-30", Source: "upload", ShowOffice: true, CanWrite: true,
			Columns: []ColumnDoc{{Header: "nip", Required: true}},
			Upload: &UploadView{Token: "abc", Filename: evil, Rows: 2, BadRows: 1,
				Errors: []CellErrorRow{{Line: 3, Column: "D", Header: "golongan", Value: evil, Message: "Golongan tidak dikenal."}}},
			Findings: []FindingRow{finding}, Total: 1, Checked: 1, XLSXURL: "/batch/uploads/abc/results.xlsx"}),
	}
	for name, c := range cases {
		var buf bytes.Buffer
		if err := c.Render(context.Background(), &buf); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		html := buf.String()
		if !strings.Contains(html, `<html lang="id">`) || !strings.Contains(html, `value="tok123"`) {
			t.Errorf("%s: no layout or no CSRF token", name)
		}
		if strings.Contains(html, evil) {
			t.Errorf("%s: user text rendered as markup", name)
		}
	}
}
