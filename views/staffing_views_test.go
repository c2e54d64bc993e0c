package views

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/a-h/templ"

	"github.com/kemenagjateng/usulan/models"
)

// TestStaffingPlanViewsRender renders the staffing plan, staffing request
// and reference pages with sample data (user text must stay text).
func TestStaffingPlanViewsRender(t *testing.T) {
	p := samplePage()
	admin := p
	admin.User = &models.User{Username: "admin", Role: models.RoleAdmin}
	xss := "<script>alert(1)</script>"
	ledger := LedgerPage{Year: 2026, OfficeCode: "Kk.11.03", OfficeName: "Purbalingga", IsAdmin: true, CanChoose: true,
		Years: []int{2025, 2026}, Offices: []Option{{"Kk.11.03", "Kk.11.03 · Purbalingga"}},
		Rows: []LedgerRowView{{FormationID: 1, Version: 2, OfficeCode: "Kk.11.03", Position: "Pranata Komputer", Level: "Ahli Pertama",
			PositionCode: "pranata_komputer", LevelCode: "ahli_pertama", Basis: xss, HasPlan: true, Planned: 1, Filled: 0,
			Reserved: 2, Available: -1, Formula: "1 − 0 − 2 = -1",
			ReservedBy: []LedgerProposalView{{ID: 9, Label: "B-1/Kk.11.03/1/KP.07.6/11/2026", Status: "Diajukan", StatusCode: "submitted", Candidates: 2}}},
			{OfficeCode: "Kk.11.03", Position: "Pranata Humas", Level: "Ahli Muda", Filled: 1}},
		Totals: LedgerTotals{Planned: 1, Reserved: 2, Available: -1, Unplanned: 1},
		Events: []QuotaEventRow{{Subject: "Pranata Komputer Ahli Pertama 2026", Change: "Kuota diubah: 2 → 1", Note: xss}}}
	province := ledger
	province.Province, province.OfficeCode, province.IsAdmin = true, "", false
	unlawful := ShowData{ID: 2, Kind: "staffing", Status: models.StatusDraft, Subject: "Tenaga pendukung: x", RefDate: "30 November 2026",
		Checks: []CheckRow{{Rule: "mechanism_lawful", Result: "fail", Detail: xss, Basis: "UU 20/2023 Pasal 65–66"}}}
	jft := ShowData{ID: 3, Kind: "jft", Status: models.StatusDraft, Subject: "Pranata Komputer",
		Plan: &PlanBox{Configured: true, Office: "Kk.11.03", Subject: "Pranata Komputer Ahli Pertama", Year: 2026, Planned: 3,
			Filled: 1, Reserved: 2, Available: 0, Own: 1, LedgerURL: "/formations?year=2026"}}
	cases := map[string]struct {
		c    templ.Component
		want []string
	}{
		"ledger":          {LedgerView(admin, ledger), []string{"1 − 0 − 2 = -1", "melebihi kuota", "belum diatur", "Simpan kuota", `name="position" value="pranata_komputer"`}},
		"ledger-province": {LedgerView(p, province), []string{"Provinsi Jawa Tengah", "office=Kk.11.03"}},
		"staffing-form": {StaffingFormPage(p, StaffingForm{PositionTitle: xss, Errors: map[string]string{"monthly_pay": "salah"},
			Presets: []QualificationPreset{{ID: 1, Name: "Umum"}}, Caps: []string{"Tahun 2024"}}), []string{"salah", `name="preset" value="1"`, "Tahun 2024"}},
		"staffing-unlawful": {ProposalShow(p, unlawful), []string{"tidak sah pada tanggal acuannya", "UU 20/2023 Pasal 65–66", "Cetak draf surat"}},
		"jft-plan":          {ProposalShow(p, jft), []string{"melebihi formasi yang tersedia", "/formations?year=2026"}},
		"ref-paycaps":       {ReferenceView(admin, ReferencePage{Kind: RefPayCaps, PayCaps: []RefPayCapRow{{ID: 1, Source: xss}}, Form: ReferenceForm{Values: map[string]string{}}}), []string{"Batas per bulan"}},
		"ref-class":         {ReferenceView(admin, ReferencePage{Kind: RefClassifications, Classifications: []RefClassificationRow{{ID: 1, Code: "KP.00.1", InForce: true}}, Form: ReferenceForm{ID: 1, Values: map[string]string{"code": xss}}}), []string{"berlaku hari ini", "Ubah data"}},
		"ref-qual":          {ReferenceView(admin, ReferencePage{Kind: RefQualifications, Qualifications: []RefQualificationRow{{ID: 1, Name: xss}}, Form: ReferenceForm{Values: map[string]string{}}}), []string{"Kualifikasi bawaan"}},
	}
	for name, tc := range cases {
		var buf bytes.Buffer
		if err := tc.c.Render(context.Background(), &buf); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		html := buf.String()
		if strings.Contains(html, xss) {
			t.Errorf("%s: user text rendered as markup", name)
		}
		if !strings.Contains(html, `value="tok123"`) {
			t.Errorf("%s: the CSRF token is missing", name)
		}
		for _, w := range tc.want {
			if !strings.Contains(html, w) {
				t.Errorf("%s: lacks %q", name, w)
			}
		}
	}
}
