package web

import (
	"bytes"
	"context"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"

	"github.com/kemenagjateng/usulan/app/workflow/workflowtest"
	"github.com/kemenagjateng/usulan/models"
)

// staffingPDFText reads a PDF's text with a Go reader, whitespace removed
// (the reader splits words unpredictably).
func staffingPDFText(t *testing.T, b []byte) string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a PDF: %v", err)
	}
	rd, err := r.GetPlainText()
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(rd)
	return strings.Join(strings.Fields(string(raw)), "")
}

func squash(s string) string { return strings.Join(strings.Fields(s), "") }

func staffingForm(tok string, over map[string]string) url.Values {
	v := url.Values{"_csrf": {tok}, "position_title": {"Pengelola Laman dan Media Sosial"}, "count": {"1"},
		"mechanism": {"outsourcing"}, "education_level": {"D3"}, "education_field": {"Teknik Informatika"},
		"age_min": {"20"}, "age_max": {"35"}, "skills": {"HTML, CMS, desain grafis"},
		"tasks": {"Memperbarui berita\nMengelola media sosial"}, "reference_date": {"2026-11-30"},
		"justification": {"Pengelola situs saat ini merangkap tugas keuangan; konten wajib UU 14/2008 tidak terpenuhi."},
		"period_start":  {"2027-01-01"}, "period_end": {"2027-12-31"}, "monthly_pay": {"Rp 2.070.000"},
		"budget_source": {"DIPA Kankemenag Kab. Purbalingga 2027, akun 521219"}, "version": {"0"}}
	for k, x := range over {
		v.Set(k, x)
	}
	return v
}

var proposalPathRE = regexp.MustCompile(`^/proposals/(\d+)$`)

func TestStaffingRequestFormKeepsWhatWasTypedAndSaysWhatIsWrong(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.login("op_pbg")
	_, home := b.do("GET", "/", nil)
	if !strings.Contains(home, `href="/staffing/new"`) || !strings.Contains(home, `href="/formations"`) {
		t.Fatal("the regency nav lacks the staffing and formation links")
	}
	resp, page := b.do("GET", "/staffing/new", nil)
	if resp.StatusCode != 200 || !strings.Contains(page, "UU 20/2023 Pasal 65–66") || !strings.Contains(page, "PPPK paruh waktu") {
		t.Fatalf("new form: %d", resp.StatusCode)
	}
	if !strings.Contains(page, `name="preset"`) || !strings.Contains(page, "Rp 2.070.000") {
		t.Fatal("the form offers no default qualifications or pay caps")
	}
	tok := csrfRE.FindStringSubmatch(page)[1]
	resp, page = b.do("POST", "/staffing", staffingForm(tok, map[string]string{"monthly_pay": "dua juta", "count": "0"}))
	if resp.StatusCode != 400 || !strings.Contains(page, "Honor harus bilangan bulat rupiah") ||
		!strings.Contains(page, `value="Pengelola Laman dan Media Sosial"`) {
		t.Fatalf("bad pay: %d", resp.StatusCode)
	}
	resp, page = b.do("POST", "/staffing", staffingForm(tok, map[string]string{"count": "0"}))
	if resp.StatusCode != 400 || !strings.Contains(page, "paling sedikit 1") {
		t.Fatalf("count 0: %d", resp.StatusCode)
	}
	resp, page = b.do("POST", "/staffing", staffingForm(tok, map[string]string{"position_title": " "}))
	if resp.StatusCode != 400 || !strings.Contains(page, "Nama jabatan/tugas wajib diisi") {
		t.Fatalf("no title: %d", resp.StatusCode)
	}
	// A preset fills the qualification.
	_, page = b.do("GET", "/staffing/new?preset=2", nil)
	if !strings.Contains(page, `value="Teknik Informatika/Sistem Informasi"`) {
		t.Fatal("the preset did not fill the form")
	}
	// The preset button inside the form keeps what was typed and saves nothing.
	form := staffingForm(tok, map[string]string{"position_title": "Pengelola Arsip Digital", "preset": "2"})
	resp, page = b.do("POST", "/staffing", form)
	if resp.StatusCode != 200 || !strings.Contains(page, `value="Teknik Informatika/Sistem Informasi"`) ||
		!strings.Contains(page, `value="Pengelola Arsip Digital"`) {
		t.Fatalf("preset button: %d (typed title kept? qualification filled?)", resp.StatusCode)
	}
	var list struct{ Total int }
	e.api("op_pbg", "GET", "/api/v1/proposals?kind=staffing", nil, &list)
	if list.Total != 0 {
		t.Fatalf("a preset button saved a request: %d", list.Total)
	}
}

func TestStaffingRequestIsFiledEditedWithItsVersionAndPrinted(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.login("op_pbg")
	tok := b.csrf("/staffing/new")
	resp, _ := b.do("POST", "/staffing", staffingForm(tok, nil))
	m := proposalPathRE.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != 303 || m == nil {
		t.Fatalf("create: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	id := m[1]
	_, show := b.do("GET", "/proposals/"+id, nil)
	for _, want := range []string{"Tenaga pendukung: Pengelola Laman dan Media Sosial", "Masa kontrak dalam satu tahun anggaran",
		"Cetak draf surat (PDF)", "/proposals/" + id + "/edit", "20–35 tahun"} {
		if !strings.Contains(show, want) {
			t.Errorf("show page lacks %q", want)
		}
	}
	if strings.Contains(show, "tidak sah pada tanggal acuannya") {
		t.Error("a lawful request is flagged")
	}
	_, edit := b.do("GET", "/proposals/"+id+"/edit", nil)
	if !strings.Contains(edit, `value="2070000"`) || !strings.Contains(edit, "Mengelola media sosial") ||
		!strings.Contains(edit, `name="version" value="1"`) {
		t.Fatal("the edit form does not show the request as filed")
	}
	tok = csrfRE.FindStringSubmatch(edit)[1]
	form := staffingForm(tok, map[string]string{"version": "1", "count": "2", "age_min": ""})
	resp, _ = b.do("POST", "/staffing/"+id, form)
	if resp.StatusCode != 303 {
		t.Fatalf("edit: %d", resp.StatusCode)
	}
	var got struct {
		Version  int64 `json:"version"`
		Staffing struct {
			Count  int  `json:"count"`
			AgeMin *int `json:"age_min"`
		} `json:"staffing"`
	}
	e.api("op_pbg", "GET", "/api/v1/proposals/"+id, nil, &got)
	if got.Version != 2 || got.Staffing.Count != 2 || got.Staffing.AgeMin != nil {
		t.Fatalf("after edit: %+v", got)
	}
	// The same form again, from version 1: a conflict, nothing overwritten.
	resp, page := b.do("POST", "/staffing/"+id, staffingForm(tok, map[string]string{"version": "1", "count": "5"}))
	if resp.StatusCode != 409 || !strings.Contains(page, "diubah oleh orang lain") || !strings.Contains(page, `value="5"`) {
		t.Fatalf("stale edit: %d", resp.StatusCode)
	}
	// Another office cannot open it.
	other := e.browser()
	other.login("op_bjn")
	for _, path := range []string{"/proposals/" + id + "/edit", "/proposals/" + id + "/letter.pdf"} {
		if resp, _ := other.do("GET", path, nil); resp.StatusCode != 404 {
			t.Errorf("%s as another office: %d", path, resp.StatusCode)
		}
	}
	if resp, _ := other.do("POST", "/staffing/"+id, staffingForm(other.csrf("/staffing/new"), map[string]string{"version": "2"})); resp.StatusCode != 404 {
		t.Errorf("edit as another office: %d", resp.StatusCode)
	}
	// The head submits: a letter numbered with the staffing classification.
	sid, _ := strconv.ParseInt(id, 10, 64)
	workflowtest.AttachRequired(t, e.db, sid)
	var sub proposalJSON
	if st := e.api("kp_pbg", "POST", "/api/v1/proposals/"+id+"/transitions", map[string]any{"action": "submit", "version": 2}, &sub); st != 200 {
		t.Fatalf("submit: %d %+v", st, sub)
	}
	if sub.LetterNumber == nil || !strings.Contains(*sub.LetterNumber, "/KP.00.1/") {
		t.Fatalf("letter number %v", sub.LetterNumber)
	}
	var raw []byte
	if st := e.api("op_pbg", "GET", "/api/v1/proposals/"+id+"/letter.pdf", nil, &raw); st != 200 {
		t.Fatalf("letter: %d", st)
	}
	text := staffingPDFText(t, raw)
	for _, want := range []string{squash(*sub.LetterNumber), "UsulanKebutuhanTenagaPendukung", "PengelolaLamandanMediaSosial",
		"Rp2.070.000", "Mengelolamediasosial"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lacks %q", want)
		}
	}
	if strings.Contains(text, "PERHATIAN") {
		t.Error("a lawful request's letter carries the unlawfulness warning")
	}
}

func TestAnUnlawfulRequestSaysWhyAndTheLawfulRoutesAndItsLetterIsMarked(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.login("op_pbg")
	tok := b.csrf("/staffing/new")
	// A filed request is judged on a date near today (the rule's own dates,
	// 30 and 31 October 2023, are covered by the engine's cases): backdating
	// a request to before the ban is refused, not judged lawful.
	resp, body := b.do("POST", "/staffing", staffingForm(tok, map[string]string{"mechanism": "honorer", "reference_date": "2023-10-30",
		"period_start": "2023-11-01", "period_end": "2023-12-31"}))
	if resp.StatusCode != 400 || !strings.Contains(body, "Tanggal acuan usulan harus antara") {
		t.Fatalf("a backdated honorer request: %d", resp.StatusCode)
	}
	resp, _ = b.do("POST", "/staffing", staffingForm(tok, map[string]string{"mechanism": "honorer", "reference_date": "2026-11-30",
		"period_start": "2026-12-01", "period_end": "2026-12-31"}))
	id := proposalPathRE.FindStringSubmatch(resp.Header.Get("Location"))[1]
	_, show := b.do("GET", "/proposals/"+id, nil)
	for _, want := range []string{"Permintaan ini tidak sah pada tanggal acuannya (30 November 2026)", "UU 20/2023 Pasal 65–66",
		"Alih daya (outsourcing)", "PPPK paruh waktu", "basis data non-ASN BKN"} {
		if !strings.Contains(show, want) {
			t.Errorf("unlawful request page lacks %q", want)
		}
	}
	var raw []byte
	if st := e.api("op_pbg", "GET", "/api/v1/proposals/"+id+"/letter.pdf", nil, &raw); st != 200 {
		t.Fatalf("draft letter: %d", st)
	}
	if text := staffingPDFText(t, raw); !strings.Contains(text, "PERHATIAN") || !strings.Contains(text, "UU20/2023Pasal65") {
		t.Errorf("the unlawful request's draft letter is printed as if fine: %s", text)
	}
	// It cannot be submitted at all: not with a reason either, and no letter number is spent.
	if strings.Contains(show, `value="submit"`) {
		t.Error("the unlawful request's page offers to submit it")
	}
	if !strings.Contains(show, "Permintaan ini tidak dapat diajukan") {
		t.Error("the page does not say it cannot be submitted")
	}
	for _, body := range []map[string]any{nil, {"override_note": "Diajukan untuk mendapat arahan Kanwil."}} {
		req := map[string]any{"action": "submit", "version": 1}
		for k, v := range body {
			req[k] = v
		}
		var errJSON struct {
			Error  string            `json:"error"`
			Fields map[string]string `json:"fields"`
		}
		st := e.api("kp_pbg", "POST", "/api/v1/proposals/"+id+"/transitions", req, &errJSON)
		if st != 422 || !strings.Contains(errJSON.Error, "tidak dapat diajukan karena mekanismenya tidak sah") ||
			!strings.Contains(errJSON.Error, "alih daya (outsourcing)") || errJSON.Fields["mechanism"] == "" {
			t.Fatalf("submit %v: %d %+v", body, st, errJSON)
		}
	}
	var prop struct {
		Status       string  `json:"status"`
		LetterNumber *string `json:"letter_number"`
	}
	if st := e.api("kp_pbg", "GET", "/api/v1/proposals/"+id, nil, &prop); st != 200 || prop.Status != "draft" || prop.LetterNumber != nil {
		t.Errorf("after refused submits: %d %+v", st, prop)
	}
}

type ledgerJSON struct {
	Year      int `json:"year"`
	Planned   int `json:"planned"`
	Filled    int `json:"filled"`
	Reserved  int `json:"reserved"`
	Available int `json:"available"`
	Items     []struct {
		Office     string `json:"office"`
		Position   string `json:"position"`
		Level      string `json:"level"`
		Planned    *int   `json:"planned"`
		Filled     int    `json:"filled"`
		Reserved   int    `json:"reserved"`
		Available  *int   `json:"available"`
		Version    int64  `json:"version"`
		ReservedBy []struct {
			ID int64 `json:"id"`
		} `json:"reserved_by"`
	} `json:"items"`
	Error string `json:"error"`
}

func TestLedgerPageShowsTheNumbersTheFormulaAndTheProposalsBehindThem(t *testing.T) {
	e := newEnv(t)
	admin := e.browser()
	admin.login("admin1")
	tok := admin.csrf("/formations")
	quota := url.Values{"_csrf": {tok}, "office": {"Kk.11.03"}, "position": {"pranata_komputer"}, "level": {"ahli_pertama"},
		"year": {"2026"}, "quota": {"3"}, "basis": {"Persetujuan MenPANRB B/123/2026"}, "version": {"0"}}
	if resp, _ := admin.do("POST", "/formations", quota); resp.StatusCode != 303 {
		t.Fatalf("set quota: %d", resp.StatusCode)
	}
	bad := url.Values{"_csrf": {tok}, "office": {"Kk.11.03"}, "position": {"pranata_humas"}, "level": {"ahli_utama"},
		"year": {"2026"}, "quota": {"-1"}, "basis": {""}}
	resp, page := admin.do("POST", "/formations", bad)
	if resp.StatusCode != 400 || !strings.Contains(page, "tidak memiliki jenjang Ahli Utama") || !strings.Contains(page, "Tuliskan dasar") {
		t.Fatalf("bad quota: %d", resp.StatusCode)
	}
	p := e.create("op_pbg", jftBody(ahmad))
	if st, got := e.act("kp_pbg", p.ID, "submit", p.Version, nil); st != 200 {
		t.Fatalf("submit: %d %+v", st, got)
	}
	op := e.browser()
	op.login("op_pbg")
	resp, page = op.do("GET", "/formations?year=2026", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("ledger: %d", resp.StatusCode)
	}
	for _, want := range []string{"Tersedia = Kuota − Terisi − Dipesan", "3 − 0 − 1 = 2", "/proposals/" + itoa(p.ID),
		"Kuota ditetapkan: 3", "Persetujuan MenPANRB B/123/2026", "Pranata Komputer Ahli Pertama"} {
		if !strings.Contains(page, want) {
			t.Errorf("ledger page lacks %q", want)
		}
	}
	if strings.Contains(page, `action="/formations"`) && strings.Contains(page, "Simpan kuota") {
		t.Error("an operator is offered the quota form")
	}
	if resp, _ := op.do("POST", "/formations", quota); resp.StatusCode != 403 {
		t.Errorf("operator sets a quota: %d", resp.StatusCode)
	}
	// Another office: 404 on the page and the API, nothing of this office in its own ledger.
	other := e.browser()
	other.login("op_bjn")
	if resp, _ := other.do("GET", "/formations?office=Kk.11.03&year=2026", nil); resp.StatusCode != 404 {
		t.Errorf("another office's ledger page: %d", resp.StatusCode)
	}
	if st := e.api("op_bjn", "GET", "/api/v1/formations?office=Kk.11.03&year=2026", nil, nil); st != 404 {
		t.Errorf("another office's ledger API: %d", st)
	}
	var own ledgerJSON
	e.api("op_bjn", "GET", "/api/v1/formations?year=2026", nil, &own)
	if len(own.Items) != 0 || own.Planned != 0 {
		t.Errorf("another office sees %+v", own)
	}
	// The province: every office, linked to each office's ledger.
	ver := e.browser()
	ver.login("ver1")
	_, page = ver.do("GET", "/formations?year=2026", nil)
	if !strings.Contains(page, "Provinsi Jawa Tengah") || !strings.Contains(page, "office=Kk.11.03") {
		t.Error("the province ledger does not list the office")
	}
	// Many proposals behind a row: the page lists a few and links the rest.
	var office models.Office
	if err := e.db.NewSelect().Model(&office).Where("code = 'Kk.11.03'").Scan(context.Background()); err != nil {
		t.Fatal(err)
	}
	at := e.svc.Now()
	var more []models.Proposal
	for i := 0; i < 8; i++ {
		more = append(more, models.Proposal{Kind: models.KindJFT, OfficeID: office.ID, Status: models.StatusInReview, Version: 1,
			Position: "pranata_komputer", Level: "ahli_pertama", Route: "pengangkatan_pertama",
			ReferenceDate: models.MustDate("2026-03-01"), LetterDate: models.MustDate("2026-03-02"), CreatedAt: at, UpdatedAt: at})
	}
	if _, err := e.db.NewInsert().Model(&more).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, page = ver.do("GET", "/formations?office=Kk.11.03&year=2026", nil)
	link := `href="/proposals?kind=jft&amp;level=ahli_pertama&amp;office=Kk.11.03&amp;position=pranata_komputer"`
	if n := strings.Count(page, `<a href="/proposals/`); n != 5 || !strings.Contains(page, "dan 4 usulan lain") || !strings.Contains(page, link) {
		t.Errorf("a row of 9 proposals lists %d of them, or lacks the rest's link:\n%s", n, page)
	}
	_, list := ver.do("GET", "/proposals?kind=jft&level=ahli_pertama&office=Kk.11.03&position=pranata_komputer", nil)
	if !strings.Contains(list, "9 usulan") || !strings.Contains(list, "Disaring: jabatan Pranata Komputer, jenjang Ahli Pertama") {
		t.Errorf("the rest's list:\n%s", list)
	}
	// The proposal's page shows where it stands.
	_, show := op.do("GET", "/proposals/"+itoa(p.ID), nil)
	if !strings.Contains(squash(show), squash("kuota <strong>3</strong> − terisi <strong>0</strong>")) || !strings.Contains(show, "dihitung sebagai dipesan") {
		t.Error("the proposal page does not show its formation")
	}
}

func TestFormationAPIRefusesTheSubmissionBeyondTheQuotaWithTheNumbers(t *testing.T) {
	e := newEnv(t)
	var f struct {
		ID      int64  `json:"id"`
		Quota   int    `json:"quota"`
		Version int64  `json:"version"`
		Error   string `json:"error"`
	}
	body := map[string]any{"office": "Kk.11.03", "position": "pranata_komputer", "level": "ahli_pertama", "year": 2026,
		"quota": 1, "basis": "Persetujuan formasi"}
	if st := e.api("op_pbg", "POST", "/api/v1/formations", body, nil); st != 403 {
		t.Fatalf("operator sets a quota: %d", st)
	}
	if st := e.api("admin1", "POST", "/api/v1/formations", body, &f); st != 201 || f.Quota != 1 || f.Version != 1 {
		t.Fatalf("admin sets a quota: %d %+v", st, f)
	}
	if st := e.api("admin1", "POST", "/api/v1/formations", body, &f); st != 409 {
		t.Fatalf("a second create without the version: %d", st)
	}
	a := e.create("op_pbg", jftBody(ahmad))
	b := e.create("op_pbg", jftBody(siti))
	if st, got := e.act("kp_pbg", a.ID, "submit", a.Version, nil); st != 200 {
		t.Fatalf("first submit: %d %+v", st, got)
	}
	st, got := e.act("kp_pbg", b.ID, "submit", b.Version, nil)
	if st != 422 || !strings.Contains(got.Error, "kuota 1, terisi 0, dipesan 1") || got.Fields["vacancy"] == "" {
		t.Fatalf("second submit: %d %+v", st, got)
	}
	var l ledgerJSON
	if st := e.api("kp_pbg", "GET", "/api/v1/formations?year=2026", nil, &l); st != 200 || len(l.Items) != 1 ||
		*l.Items[0].Available != 0 || l.Items[0].Reserved != 1 || len(l.Items[0].ReservedBy) != 1 || l.Items[0].ReservedBy[0].ID != a.ID {
		t.Fatalf("ledger: %d %+v", st, l)
	}
	// Raising the quota (with its version) opens a slot; the change is on the timeline.
	body["quota"], body["version"], body["basis"] = 2, 1, "Tambahan formasi"
	if st := e.api("admin1", "POST", "/api/v1/formations", body, &f); st != 200 || f.Quota != 2 || f.Version != 2 {
		t.Fatalf("raise quota: %d %+v", st, f)
	}
	if st, got := e.act("kp_pbg", b.ID, "submit", b.Version, nil); st != 200 {
		t.Fatalf("submit after the raise: %d %+v", st, got)
	}
	var evs struct {
		Items []struct {
			Action      string `json:"action"`
			QuotaBefore *int   `json:"quota_before"`
			QuotaAfter  *int   `json:"quota_after"`
			Actor       string `json:"actor"`
		} `json:"items"`
	}
	e.api("op_pbg", "GET", "/api/v1/formations/events?year=2026", nil, &evs)
	if len(evs.Items) != 2 || evs.Items[0].Action != "update" || *evs.Items[0].QuotaBefore != 1 || *evs.Items[0].QuotaAfter != 2 ||
		evs.Items[0].Actor != "admin1" {
		t.Fatalf("timeline: %+v", evs)
	}
	if st := e.api("op_bjn", "GET", "/api/v1/formations/events?office=Kk.11.03", nil, nil); st != 404 {
		t.Fatalf("another office's timeline: %d", st)
	}
	if st := e.api("admin1", "DELETE", "/api/v1/formations/"+itoa(f.ID), map[string]any{"version": 1, "basis": "x"}, nil); st != 409 {
		t.Fatalf("stale delete: %d", st)
	}
	if st := e.api("admin1", "DELETE", "/api/v1/formations/"+itoa(f.ID), map[string]any{"version": 2, "basis": "Dicabut"}, nil); st != 204 {
		t.Fatalf("delete: %d", st)
	}
}

func TestReferenceDataIsEditedByAdminsOnlyWithSourceAndValidity(t *testing.T) {
	e := newEnv(t)
	ver := e.browser()
	ver.login("ver1")
	if resp, _ := ver.do("GET", "/reference/pay-caps", nil); resp.StatusCode != 403 {
		t.Fatalf("verifier opens the reference pages: %d", resp.StatusCode)
	}
	admin := e.browser()
	admin.login("admin1")
	_, home := admin.do("GET", "/", nil)
	if !strings.Contains(home, `href="/reference"`) {
		t.Fatal("the admin nav lacks Referensi")
	}
	_, page := admin.do("GET", "/reference/pay-caps", nil)
	for _, want := range []string{"Rp 2.070.000", "PMK 49/2023", "1 Januari 2024 – 31 Desember 2024"} {
		if !strings.Contains(page, want) {
			t.Errorf("pay caps page lacks %q", want)
		}
	}
	tok := csrfRE.FindStringSubmatch(page)[1]
	form := url.Values{"_csrf": {tok}, "id": {"0"}, "year": {"2026"}, "office": {"Kk.11.03"}, "mechanism": {""},
		"amount": {"Rp 2.500.000"}, "source": {"Keputusan Gubernur Jateng tentang UMK 2026"}, "confidence": {"H"}}
	if resp, _ := admin.do("POST", "/reference/pay-caps", form); resp.StatusCode != 303 {
		t.Fatalf("add cap: %d", resp.StatusCode)
	}
	form.Set("amount", "banyak")
	resp, page := admin.do("POST", "/reference/pay-caps", form)
	if resp.StatusCode != 400 || !strings.Contains(page, "Batas honor harus bilangan bulat rupiah") || !strings.Contains(page, `value="banyak"`) {
		t.Fatalf("bad amount: %d", resp.StatusCode)
	}
	form.Set("amount", "2500000")
	if resp, _ := admin.do("POST", "/reference/pay-caps", form); resp.StatusCode != 409 {
		t.Fatalf("duplicate cap: %d", resp.StatusCode)
	}
	var caps struct {
		Items []struct {
			Year      int    `json:"year"`
			Office    string `json:"office"`
			Amount    int64  `json:"amount"`
			Source    string `json:"source"`
			ValidFrom string `json:"valid_from"`
		} `json:"items"`
	}
	if st := e.api("op_pbg", "GET", "/api/v1/reference/pay-caps", nil, &caps); st != 200 || len(caps.Items) != 2 ||
		caps.Items[0].Office != "Kk.11.03" || caps.Items[0].Amount != 2500000 || caps.Items[0].ValidFrom != "2026-01-01" {
		t.Fatalf("caps via API: %d %+v", st, caps)
	}
	// Classification with validity dates, through the API.
	if st := e.api("op_pbg", "POST", "/api/v1/reference/classifications", map[string]any{"kind": "staffing", "code": "KP.01.1",
		"source": "x"}, nil); st != 403 {
		t.Fatalf("operator adds a classification: %d", st)
	}
	var cl struct {
		ID    int64             `json:"id"`
		Code  string            `json:"code"`
		Error string            `json:"error"`
		F     map[string]string `json:"fields"`
	}
	if st := e.api("admin1", "POST", "/api/v1/reference/classifications", map[string]any{"kind": "staffing", "code": "KP/01",
		"source": "x"}, &cl); st != 400 || cl.F["code"] == "" {
		t.Fatalf("bad code: %d %+v", st, cl)
	}
	if st := e.api("admin1", "POST", "/api/v1/reference/classifications", map[string]any{"kind": "staffing", "code": "KP.01.1",
		"source": "Surat edaran (uji)", "valid_from": "2030-01-01", "valid_to": "2029-12-31"}, &cl); st != 400 || cl.F["valid_to"] == "" {
		t.Fatalf("validity backwards: %d %+v", st, cl)
	}
	if st := e.api("admin1", "POST", "/api/v1/reference/classifications", map[string]any{"kind": "staffing", "code": "KP.01.1",
		"source": "Surat edaran (uji)", "valid_from": "2030-01-01"}, &cl); st != 201 || cl.Code != "KP.01.1" {
		t.Fatalf("future classification: %d %+v", st, cl)
	}
	_, page = admin.do("GET", "/reference/classifications", nil)
	if !strings.Contains(page, "KP.00.1") || !strings.Contains(page, "mulai 1 Januari 2030") || strings.Count(page, "berlaku hari ini") != 2 {
		t.Error("classification page does not show validity or what is in force")
	}
	if st := e.api("admin1", "DELETE", "/api/v1/reference/classifications/"+itoa(cl.ID), nil, nil); st != 204 {
		t.Fatalf("delete classification: %d", st)
	}
	// Default qualifications: edit one through the page.
	_, page = admin.do("GET", "/reference/qualifications?edit=1", nil)
	if !strings.Contains(page, `value="Umum (pramubakti, pengemudi, petugas kebersihan)"`) {
		t.Fatal("the edit form is not filled")
	}
	tok = csrfRE.FindStringSubmatch(page)[1]
	q := url.Values{"_csrf": {tok}, "id": {"1"}, "name": {"Umum"}, "education_level": {"SMA"}, "age_min": {"18"},
		"age_max": {"40"}, "source": {"Praktik kantor"}, "confidence": {"L"}}
	if resp, _ := admin.do("POST", "/reference/qualifications", q); resp.StatusCode != 303 {
		t.Fatalf("edit qualification: %d", resp.StatusCode)
	}
	op := e.browser()
	op.login("op_pbg")
	if _, page := op.do("GET", "/staffing/new", nil); !strings.Contains(page, "18–40 tahun") {
		t.Error("the form does not offer the edited default")
	}
	if resp, _ := op.do("GET", "/reference/qualifications", nil); resp.StatusCode != 403 {
		t.Errorf("operator opens the reference page: %d", resp.StatusCode)
	}
}
