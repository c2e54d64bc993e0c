package views

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/a-h/templ"

	"github.com/kemenagjateng/usulan/models"
)

func samplePage() Page {
	office := int64(3)
	return Page{Title: "Judul <uji>", CSRF: "tok123", Flash: "Tersimpan.",
		User: &models.User{Username: "op", Name: "Siti Nur\u2019aini", Role: models.RoleOperator, OfficeID: &office,
			Office: &models.Office{Name: "Kantor Kementerian Agama Kabupaten Purbalingga"}}}
}

// TestEveryViewRenders renders each page component with sample data; a view
// that panics or drops the CSRF token fails here before a user sees it.
func TestEveryViewRenders(t *testing.T) {
	p := samplePage()
	form := ProposalForm{Candidates: []CandidateForm{{NIP: "1992", Name: "<script>alert(1)</script>"}},
		Errors: map[string]string{"candidates[0].nip": "NIP harus 18 digit."}}
	cases := map[string]templ.Component{
		"login":     LoginPage(p, "op", "/", "Nama pengguna atau kata sandi salah."),
		"error":     ErrorPage(p, 404, "Data tidak ditemukan."),
		"dashboard": Dashboard(p, DashboardData{Counts: []StatusCount{{models.StatusDraft, 2}}, Total: 2}),
		"list": ProposalList(p, ListData{Rows: []ListRow{{ID: 1, Subject: "Pranata Komputer", Status: models.StatusDraft,
			Verdict: "eligible"}}, Total: 1, Page: 1, PerPage: 20, ShowOffice: true}),
		"form": ProposalFormPage(p, form),
		"show": ProposalShow(p, ShowData{ID: 1, Kind: "jft", Status: models.StatusSubmitted, Subject: "Pranata Komputer",
			Candidates: []CandidateShow{{Name: "Ahmad", NIP: "199203152019031004", Verdict: "eligible",
				Checks: []CheckRow{{Rule: "rank_range", RuleLabel: "Pangkat", Result: "pass", Detail: "III/a", Basis: "PermenPANRB"}}}},
			Actions: []ActionForm{{Action: "claim", Label: "Ambil"}}, Events: []EventRow{{Action: "Dibuat", Note: "<b>x</b>"}}}),
		"recap":   RecapPage(p, RecapData{Statuses: models.AllStatuses, Rows: []RecapRowView{{Office: "Purbalingga", Counts: make([]int, 9)}}, Totals: make([]int, 9)}),
		"verify":  VerifyPage(p, VerifyData{Code: "ABCD-EFGH", Found: true, Kind: "Surat usulan", LetterNumber: "B-1/Kk.11.03/1/KP.07.6/11/2026"}),
		"offices": OfficeListPage(p, OfficeListData{Rows: []OfficeRow{{Office: models.Office{Code: "Kk.11.03", Name: "Purbalingga"}, Missing: "alamat"}}, Incomplete: 1}),
		"office":  OfficeFormPage(p, OfficeForm{Code: "Kk.11.03", Errors: map[string]string{"email": "salah"}}),
	}
	for name, c := range cases {
		var buf bytes.Buffer
		if err := c.Render(context.Background(), &buf); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		html := buf.String()
		if !strings.Contains(html, `<html lang="id">`) || !strings.Contains(html, "Judul &lt;uji&gt;") {
			t.Errorf("%s: no layout or unescaped title", name)
		}
		if !strings.Contains(html, `value="tok123"`) {
			t.Errorf("%s: the logout/CSRF token is missing", name)
		}
		if strings.Contains(html, "<script>alert(1)</script>") || strings.Contains(html, "<b>x</b>") {
			t.Errorf("%s: user text rendered as markup", name)
		}
	}
}

func TestDatesAndWaitsReadInIndonesian(t *testing.T) {
	if got := DateID(models.MustDate("2026-11-30")); got != "30 November 2026" {
		t.Fatalf("DateID = %q", got)
	}
	at := time.Date(2026, 11, 30, 1, 5, 0, 0, time.UTC)
	if got := TimeID(at); got != "30 November 2026 08.05 WIB" {
		t.Fatalf("TimeID = %q", got)
	}
	if got := Waited(at, at.Add(50*time.Hour)); got != "2 hari" {
		t.Fatalf("Waited = %q", got)
	}
}

func TestRatingChoicesFollowTheScaleOfTheYear(t *testing.T) {
	all := []Option{{Value: "sangat_baik"}, {Value: "baik"}, {Value: "butuh_perbaikan"}, {Value: "cukup"}, {Value: "kurang"},
		{Value: "sangat_kurang"}, {Value: "buruk"}}
	vals := func(os []Option) string {
		var s []string
		for _, o := range os {
			s = append(s, o.Value)
		}
		return strings.Join(s, ",")
	}
	if got := vals(RatingsFor(all, "2025", "")); got != "sangat_baik,baik,butuh_perbaikan,kurang,sangat_kurang" {
		t.Errorf("2025: %s", got)
	}
	if got := vals(RatingsFor(all, "2021", "")); got != "sangat_baik,baik,cukup,kurang,buruk" {
		t.Errorf("2021: %s", got)
	}
	if got := vals(RatingsFor(all, "2024", "cukup")); got != "sangat_baik,baik,butuh_perbaikan,cukup,kurang,sangat_kurang" {
		t.Errorf("2024 with a stored pre-2022 name: %s", got)
	}
}
