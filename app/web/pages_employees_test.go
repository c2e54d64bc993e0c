package web

import (
	"bytes"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/views"
)

type employeeJSONT struct {
	ID      int64             `json:"id"`
	Office  string            `json:"office"`
	Version int64             `json:"version"`
	NIP     string            `json:"nip"`
	Name    string            `json:"name"`
	Rank    string            `json:"rank"`
	Error   string            `json:"error"`
	Fields  map[string]string `json:"fields"`
}

func (e *env) employee(user string, body map[string]any) employeeJSONT {
	e.t.Helper()
	var out employeeJSONT
	if st := e.api(user, "POST", "/api/v1/employees", body, &out); st != 201 {
		e.t.Fatalf("create employee: %d %+v", st, out)
	}
	return out
}

// upload posts a multipart form with one file, like a browser.
func (b *browser) upload(path string, fields map[string]string, filename string, data []byte) (*http.Response, string) {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("file", filename)
	_, _ = fw.Write(data)
	_ = mw.Close()
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for k, v := range b.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	resp, err := b.app.Test(req, -1)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	for _, c := range resp.Cookies() {
		b.cookies[c.Name] = c.Value
	}
	raw, _ := io.ReadAll(resp.Body)
	return resp, string(raw)
}

func with(m map[string]any, kv ...any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1]
	}
	return out
}

func TestAnotherOfficesEmployeeIs404OnEveryPath(t *testing.T) {
	e := newEnv(t)
	emp := e.employee("op_pbg", ahmad)
	id := itoa(emp.ID)

	// API.
	for _, c := range []struct{ method, path string }{
		{"GET", "/api/v1/employees/" + id}, {"PUT", "/api/v1/employees/" + id}, {"DELETE", "/api/v1/employees/" + id},
	} {
		var out map[string]any
		if st := e.api("op_bjn", c.method, c.path, with(ahmad, "version", 1), &out); st != 404 {
			t.Errorf("%s %s as another office: %d", c.method, c.path, st)
		}
	}
	var list struct{ Total int }
	e.api("op_bjn", "GET", "/api/v1/employees?office=Kk.11.03&q=ahmad", nil, &list)
	if list.Total != 0 {
		t.Errorf("API list shows another office's employee")
	}

	// Pages.
	b := e.browser()
	b.login("op_bjn")
	for _, path := range []string{"/employees/" + id, "/employees/" + id + "/edit", "/whatif?employee=" + id,
		"/whatif?employee=" + id + "&position=pranata_komputer&level=ahli_pertama&route=pengangkatan_pertama",
		"/proposals/new?employee=" + id} {
		if resp, _ := b.do("GET", path, nil); resp.StatusCode != 404 {
			t.Errorf("GET %s as another office: %d", path, resp.StatusCode)
		}
	}
	tok := b.csrf("/whatif")
	for _, c := range []struct {
		path string
		form url.Values
	}{
		{"/employees/" + id, url.Values{"_csrf": {tok}, "version": {"1"}, "nip": {"199203152019031004"}, "name": {"X"}}},
		{"/employees/" + id + "/delete", url.Values{"_csrf": {tok}}},
		{"/whatif", url.Values{"_csrf": {tok}, "employee": {id}, "nip": {"199203152019031004"}, "position": {"pranata_komputer"},
			"level": {"ahli_pertama"}, "route": {"pengangkatan_pertama"}}},
	} {
		if resp, _ := b.do("POST", c.path, c.form); resp.StatusCode != 404 {
			t.Errorf("POST %s as another office: %d", c.path, resp.StatusCode)
		}
	}
	// The register list, the what-if search and the batch over "my" register never show it.
	for _, path := range []string{"/employees?q=ahmad&office=Kk.11.03", "/whatif?q=ahmad", "/whatif?q=19920315",
		"/batch?source=register&office=Kk.11.03&reference_date=2026-11-30&vacancy=1"} {
		resp, body := b.do("GET", path, nil)
		body = strings.Split(body, `id="kolom"`)[0] // the column help shows an example NIP and name
		if resp.StatusCode != 200 || strings.Contains(body, "Ahmad Fauzi") || strings.Contains(body, "199203152019031004") {
			t.Errorf("GET %s as another office: %d, shows the employee: %v", path, resp.StatusCode, strings.Contains(body, "Ahmad"))
		}
	}
	// Filing by NIP from another office's register finds nothing.
	tok = b.csrf("/proposals/new")
	_, body := b.do("POST", "/proposals", url.Values{"_csrf": {tok}, "count": {"1"}, "do": {"pick"}, "pick": {"19920315 201903 1 004"}})
	if !strings.Contains(body, "Tidak ada di daftar pegawai kantor Anda") || strings.Contains(body, "Ahmad Fauzi") {
		t.Errorf("pick by NIP across offices: %s", between(body, "Ambil calon", "</fieldset>"))
	}

	// The same office and the province do see it; the province cannot edit.
	var got employeeJSONT
	if st := e.api("kp_pbg", "GET", "/api/v1/employees/"+id, nil, &got); st != 200 || got.NIP != "199203152019031004" {
		t.Fatalf("kepala of the office: %d %+v", st, got)
	}
	if st := e.api("ver1", "GET", "/api/v1/employees/"+id, nil, &got); st != 200 || got.Office != "Kk.11.03" {
		t.Fatalf("verifikator: %d", st)
	}
	if st := e.api("admin1", "PUT", "/api/v1/employees/"+id, with(ahmad, "version", 1), nil); st != 403 {
		t.Fatalf("admin edits a register: %d", st)
	}
}

func between(s, a, b string) string {
	i := strings.Index(s, a)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i:], b)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+j]
}

func TestEmployeeNIPIsUniqueInTheAPIAndTheForm(t *testing.T) {
	e := newEnv(t)
	e.employee("op_pbg", ahmad)
	var out employeeJSONT
	if st := e.api("op_bjn", "POST", "/api/v1/employees", with(ahmad, "nip", "19920315 201903 1 004"), &out); st != 409 || out.Fields["nip"] == "" {
		t.Fatalf("same NIP in another office: %d %+v", st, out)
	}
	b := e.browser()
	b.login("kp_pbg")
	tok := b.csrf("/employees/new")
	resp, body := b.do("POST", "/employees", url.Values{"_csrf": {tok}, "nip": {"199203152019031004"}, "name": {"Ahmad Kedua"},
		"perf_years": {"2025,2024,2023"}, "performance.2025": {"baik"}})
	if resp.StatusCode != 409 || !strings.Contains(body, "NIP sudah terdaftar") || !strings.Contains(body, `value="Ahmad Kedua"`) {
		t.Fatalf("form with a taken NIP: %d", resp.StatusCode)
	}
}

var fieldErrorRE = regexp.MustCompile(`class="field-error">([^<]+)<`)

func TestEmployeeFormGivesFieldErrorsAndKeepsWhatWasTyped(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.login("op_pbg")
	tok := b.csrf("/employees/new")
	resp, body := b.do("POST", "/employees", url.Values{"_csrf": {tok}, "nip": {"19920315 2019"}, "name": {""},
		"birth_date": {"31-02-1992"}, "education_year": {"dua ribu"}, "experience_months": {"-3"},
		"perf_years": {"2025"}, "performance.2025": {"baik"}, "education_field": {"Teknik <Informatika>"}})
	if resp.StatusCode != 400 {
		t.Fatalf("bad form: %d", resp.StatusCode)
	}
	msgs := fieldErrorRE.FindAllStringSubmatch(body, -1)
	if len(msgs) < 3 {
		t.Fatalf("field errors: %v", msgs)
	}
	for _, want := range []string{"tidak ada di kalender", "Tahun lulus", "Pengalaman"} {
		if !strings.Contains(body, want) {
			t.Errorf("no message about %q", want)
		}
	}
	if !strings.Contains(body, `value="Teknik &lt;Informatika&gt;"`) || !strings.Contains(body, `value="19920315 2019"`) {
		t.Fatal("typed values lost")
	}
	// Fixing the date and numbers leaves the NIP and name errors.
	tok = b.csrf("/employees/new")
	resp, body = b.do("POST", "/employees", url.Values{"_csrf": {tok}, "nip": {"19920315 2019"}, "name": {""}})
	if resp.StatusCode != 400 || !strings.Contains(body, "NIP harus 18 angka") || !strings.Contains(body, "Nama wajib") {
		t.Fatalf("NIP/name errors: %d %v", resp.StatusCode, fieldErrorRE.FindAllStringSubmatch(body, -1))
	}
	// A good form is saved and shown, with ratings and what the employee can be proposed for.
	tok = b.csrf("/employees/new")
	resp, _ = b.do("POST", "/employees", url.Values{"_csrf": {tok}, "nip": {"19920315 201903 1 004"}, "name": {"Ahmad Fauzi, S.Kom."},
		"employment_status": {"pns"}, "rank": {"III/a"}, "education_level": {"S1"}, "education_field": {"Teknik Informatika"},
		"perf_years": {"2025,2024,2023"}, "performance.2025": {"baik"}, "performance.2024": {"baik"},
		"perf_extra_year": {"2019"}, "perf_extra": {"cukup"}, "experience_months": {"30"}, "competency_test_passed": {"ya"},
		"discipline.ongoing": {"tidak"}, "health_statement": {"ya"}, "integrity_statement": {"ya"}})
	if resp.StatusCode != 303 {
		t.Fatalf("good form: %d", resp.StatusCode)
	}
	loc := resp.Header.Get("Location")
	resp, body = b.do("GET", loc, nil)
	if resp.StatusCode != 200 || !strings.Contains(body, "Cukup") || !strings.Contains(body, "Ahli Pertama") ||
		!strings.Contains(body, "Memenuhi syarat") || !strings.Contains(body, "/proposals/new?employee=") {
		t.Fatalf("employee page: %d", resp.StatusCode)
	}
	// Edit with a stale version: 409, nothing overwritten.
	id := strings.TrimPrefix(loc, "/employees/")
	tok = b.csrf(loc + "/edit")
	b.do("POST", loc, url.Values{"_csrf": {tok}, "version": {"1"}, "nip": {"199203152019031004"}, "name": {"Ahmad Baru"}})
	resp, body = b.do("POST", loc, url.Values{"_csrf": {tok}, "version": {"1"}, "nip": {"199203152019031004"}, "name": {"Ahmad Lama"}})
	if resp.StatusCode != 409 || !strings.Contains(body, "diubah orang lain") {
		t.Fatalf("stale edit: %d", resp.StatusCode)
	}
	var got employeeJSONT
	e.api("op_pbg", "GET", "/api/v1/employees/"+id, nil, &got)
	if got.Name != "Ahmad Baru" || got.Version != 2 {
		t.Fatalf("after stale edit: %+v", got)
	}
}

func TestWhatIfShowsEveryRuleWithoutFilingAnything(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.login("op_pbg")
	tok := b.csrf("/whatif")
	form := url.Values{"_csrf": {tok}, "position": {"pranata_komputer"}, "level": {"ahli_muda"}, "route": {"perpindahan"},
		"reference_date": {"2026-11-30"}, "nip": {"197210102000031002"}, "name": {"Budi"}, "employment_status": {"pns"},
		"rank": {"III/c"}, "education_level": {"S1"}, "education_field": {"Sejarah"}, "perf_years": {"2025,2024"},
		"performance.2025": {"baik"}, "performance.2024": {"baik"}, "experience_months": {"30"}, "competency_test_passed": {"ya"},
		"discipline.ongoing": {"tidak"}, "health_statement": {"ya"}, "integrity_statement": {"ya"}, "vacancy_available": {"ya"}}
	resp, body := b.do("POST", "/whatif", form)
	if resp.StatusCode != 200 {
		t.Fatalf("what-if: %d", resp.StatusCode)
	}
	for _, r := range eligibility.Rules() {
		if r.Kind == eligibility.KindJFT && !strings.Contains(body, "<td>"+views.RuleLabel(r.ID)+"</td>") {
			t.Errorf("rule %s (%s) not shown", r.ID, views.RuleLabel(r.ID))
		}
	}
	// Born 10 October 1972: 54 on the reference date, over 53 for perpindahan.
	if !strings.Contains(body, "Syarat tidak terpenuhi") || !strings.Contains(body, "54 tahun") || !strings.Contains(body, "Perlu penilaian") {
		t.Fatalf("what-if result lacks the failing age or the manual field: %s", between(body, `id="hasil"`, "</table>"))
	}
	// "Buat usulan dari hasil ini" carries the typed data and target to a new proposal's form.
	if !strings.Contains(body, `<button type="submit" id="propose">Buat usulan dari hasil ini</button>`) ||
		!strings.Contains(body, `<input type="hidden" name="name" value="Budi">`) {
		t.Fatal("the typed what-if offers no way to a proposal")
	}
	carry := url.Values{"_csrf": {tok}}
	for _, m := range regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`).FindAllStringSubmatch(between(body, `action="/proposals/new/whatif"`, "</form>"), -1) {
		carry.Set(m[1], html.UnescapeString(m[2]))
	}
	resp, page := b.do("POST", "/proposals/new/whatif", carry)
	if resp.StatusCode != 200 || !strings.Contains(page, `value="Budi"`) || !strings.Contains(page, `value="197210102000031002"`) ||
		!strings.Contains(page, `<option value="perpindahan" selected>`) || !strings.Contains(page, `value="Sejarah"`) {
		t.Errorf("the proposal form is not filled from the what-if: %d", resp.StatusCode)
	}
	var list struct{ Total int }
	e.api("op_pbg", "GET", "/api/v1/proposals", nil, &list)
	var emps struct{ Total int }
	e.api("op_pbg", "GET", "/api/v1/employees", nil, &emps)
	if list.Total != 0 || emps.Total != 0 {
		t.Fatalf("what-if stored something: %d proposals, %d employees", list.Total, emps.Total)
	}
	// A bad target or date is a field error, not a 500.
	form.Set("level", "ahli_super")
	form.Set("reference_date", "30-02-2026")
	resp, body = b.do("POST", "/whatif", form)
	if resp.StatusCode != 400 || !strings.Contains(body, "jenjang") || !strings.Contains(body, "tidak ada di kalender") {
		t.Fatalf("bad target: %d", resp.StatusCode)
	}

	// Picking an employee fills the form; with a target in the query the check runs at once.
	emp := e.employee("op_pbg", ahmad)
	_, body = b.do("GET", "/whatif?q=fauzi", nil)
	if !strings.Contains(body, "/whatif?employee="+itoa(emp.ID)) {
		t.Fatalf("search did not find Ahmad")
	}
	resp, body = b.do("GET", "/whatif?employee="+itoa(emp.ID)+"&position=pranata_komputer&level=ahli_pertama&route=pengangkatan_pertama&reference_date=2026-11-30", nil)
	if resp.StatusCode != 200 || !strings.Contains(body, `value="Ahmad Fauzi, S.Kom."`) || !strings.Contains(body, "Hasil: Pranata Komputer Ahli Pertama") ||
		!strings.Contains(body, "Buat usulan dari hasil ini") {
		t.Fatalf("picked what-if: %d", resp.StatusCode)
	}
}

func TestRulesPageListsEveryRuleSetAndMarksLowConfidence(t *testing.T) {
	e := newEnv(t)
	for _, user := range []string{"op_pbg", "kp_bjn", "ver1", "admin1"} {
		b := e.browser()
		b.login(user)
		resp, body := b.do("GET", "/rules", nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", user, resp.StatusCode)
		}
		for _, rs := range eligibility.RuleSets() {
			if !strings.Contains(body, `id="`+rs.ID+`"`) {
				t.Errorf("%s: rule set %s missing", user, rs.ID)
			}
			for _, p := range rs.Parameters {
				if !strings.Contains(body, htmlEscape(p.Source)) {
					t.Errorf("%s: source %q of %s missing", user, p.Source, p.Rule)
				}
			}
		}
		if !strings.Contains(body, `class="conf-L"`) || !strings.Contains(body, "perkiraan, perlu dikonfirmasi") {
			t.Errorf("%s: [L] values not marked", user)
		}
		if !strings.Contains(body, `href="/rules"`) || !strings.Contains(body, `href="/employees"`) || !strings.Contains(body, `href="/whatif"`) {
			t.Errorf("%s: navigation links missing", user)
		}
	}
	var out struct {
		RuleSets []eligibility.RuleSetInfo `json:"rule_sets"`
	}
	if st := e.api("ver1", "GET", "/api/v1/rules", nil, &out); st != 200 || len(out.RuleSets) != len(eligibility.RuleSets()) {
		t.Fatalf("API rules: %d %d", st, len(out.RuleSets))
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

func TestFilingTakesASnapshotOfTheRegister(t *testing.T) {
	e := newEnv(t)
	a := e.employee("op_pbg", ahmad)
	s := e.employee("op_pbg", siti)
	b := e.browser()
	b.login("op_pbg")
	resp, body := b.do("GET", "/proposals/new?employee="+itoa(a.ID)+"&position=pranata_komputer&level=ahli_pertama&route=pengangkatan_pertama", nil)
	if resp.StatusCode != 200 || !strings.Contains(body, `value="199203152019031004"`) || !strings.Contains(body, `value="ahli_pertama" selected`) {
		t.Fatalf("prefilled form: %d", resp.StatusCode)
	}
	tok := csrfRE.FindStringSubmatch(body)[1]
	// The form as the browser would send it, plus Siti picked by NIP.
	form := url.Values{"_csrf": {tok}, "count": {"1"}, "position": {"pranata_komputer"}, "level": {"ahli_pertama"},
		"route": {"pengangkatan_pertama"}, "reference_date": {"2026-11-30"}, "do": {"pick"}, "pick": {"19950817 202012 2 003\n199001011990011999"}}
	for _, m := range regexp.MustCompile(`name="(c0_[a-z0-9_]+)"[^>]*value="([^"]*)"`).FindAllStringSubmatch(body, -1) {
		form.Set(m[1], m[2])
	}
	for _, m := range regexp.MustCompile(`<select id="(c0_[a-z0-9_]+)"[^>]*>(?s:.*?)<option value="([^"]*)" selected`).FindAllStringSubmatch(body, -1) {
		form.Set(m[1], m[2])
	}
	resp, body = b.do("POST", "/proposals", form)
	if !strings.Contains(body, `value="199508172020122003"`) || !strings.Contains(body, "Calon 2") ||
		!strings.Contains(body, "199001011990011999") || !strings.Contains(body, "Tidak ada di daftar pegawai") {
		t.Fatalf("pick: %d %s", resp.StatusCode, between(body, "Ambil calon", "</fieldset>"))
	}
	_ = s
	// Save it through the API the form uses, then change the register: the proposal keeps its copy.
	p := e.create("op_pbg", jftBody(ahmad))
	var emp employeeJSONT
	e.api("op_pbg", "GET", "/api/v1/employees/"+itoa(a.ID), nil, &emp)
	if st := e.api("op_pbg", "PUT", "/api/v1/employees/"+itoa(a.ID), with(ahmad, "version", emp.Version, "rank", "III/b", "name", "Ahmad Berubah"), nil); st != 200 {
		t.Fatalf("update employee: %d", st)
	}
	var got proposalJSON
	e.api("op_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID), nil, &got)
	if got.Candidates[0].Name != "Ahmad Fauzi, S.Kom." {
		t.Fatalf("the register rewrote a filed candidate: %+v", got.Candidates[0])
	}
}

// xlsxFile builds a one-sheet workbook of text cells.
func xlsxFile(t *testing.T, rows [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			_ = f.SetCellStr("Sheet1", cell, v)
		}
	}
	var buf bytes.Buffer
	_, _ = f.WriteTo(&buf)
	return buf.Bytes()
}

var uploadHeader = []string{"nip", "nama", "status_kepegawaian", "golongan", "pendidikan", "jurusan", "skp_2025", "skp_2024",
	"pengalaman_bulan", "uji_kompetensi", "hukdis_berjalan", "surat_sehat", "pakta_integritas"}

func TestBatchUploadReportsCellsAndImportsAllOrNothingOnConfirm(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.login("op_pbg")
	tok := b.csrf("/batch")
	bad := xlsxFile(t, [][]string{uploadHeader,
		{"199203152019031004", "Ahmad Fauzi, S.Kom.", "PNS", "III/a", "S1", "Teknik Informatika", "baik", "baik", "30", "ya", "tidak", "ya", "ya"},
		{"199508172020122003", "Siti", "PNS", "III/q", "S1", "Ilmu Komunikasi", "baik", "baik", "30", "ya", "tidak", "ya", "ya"},
	})
	resp, _ := b.upload("/batch/upload", map[string]string{"_csrf": tok}, "pegawai.xlsx", bad)
	if resp.StatusCode != 303 {
		t.Fatalf("upload: %d", resp.StatusCode)
	}
	page := strings.Split(resp.Header.Get("Location"), "#")[0]
	resp, body := b.do("GET", page, nil)
	if resp.StatusCode != 200 || !strings.Contains(body, "1 kesalahan pada 1 baris") || !strings.Contains(body, "III/q") ||
		!regexp.MustCompile(`<td>\s*3\s*</td><td class="nip">\s*199508172020122003\s*</td><td>\s*D`).MatchString(body) || strings.Contains(body, "Konfirmasi impor") {
		t.Fatalf("upload page with an error: %d %s", resp.StatusCode, between(body, "<section class=\"upload\"", "</section>"))
	}
	// The valid row is checked all the same, and nothing is in the register yet.
	if !strings.Contains(body, "Ahmad Fauzi, S.Kom.") || !strings.Contains(body, "baris 2") {
		t.Fatal("valid row not checked")
	}
	var emps struct{ Total int }
	e.api("op_pbg", "GET", "/api/v1/employees", nil, &emps)
	if emps.Total != 0 {
		t.Fatalf("upload imported %d rows before confirmation", emps.Total)
	}
	// Confirming a file with errors imports nothing.
	tok = b.csrf(page)
	token := strings.TrimPrefix(page, "/batch/uploads/")
	resp, _ = b.do("POST", page+"/import", url.Values{"_csrf": {tok}})
	e.api("op_pbg", "GET", "/api/v1/employees", nil, &emps)
	if resp.StatusCode != 303 || emps.Total != 0 {
		t.Fatalf("import of a bad file: %d, %d imported", resp.StatusCode, emps.Total)
	}

	// The results download: NIP as a text cell.
	resp, raw := b.do("GET", page+"/results.xlsx?reference_date=2026-11-30&vacancy=1", nil)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != mimeXLSX {
		t.Fatalf("results.xlsx: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	x, err := excelize.OpenReader(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	sheet := x.GetSheetList()[0]
	rows, _ := x.GetRows(sheet)
	nipCol := -1
	for j, h := range rows[2] {
		if h == "NIP" {
			nipCol = j
		}
	}
	if nipCol < 0 || len(rows) < 4 {
		t.Fatalf("results sheet: %v", rows[:min(len(rows), 4)])
	}
	cell, _ := excelize.CoordinatesToCellName(nipCol+1, 4)
	typ, _ := x.GetCellType(sheet, cell)
	if v, _ := x.GetCellValue(sheet, cell); v != "199203152019031004" || (typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString) {
		t.Fatalf("NIP cell %s = %q (type %v), want the 18 digits as text", cell, v, typ)
	}

	// Another user cannot see or confirm this upload.
	other := e.browser()
	other.login("kp_pbg")
	for _, path := range []string{page, page + "/results.xlsx"} {
		if resp, _ := other.do("GET", path, nil); resp.StatusCode != 404 {
			t.Errorf("GET %s as another user: %d", path, resp.StatusCode)
		}
	}
	otok := other.csrf("/batch")
	if resp, _ := other.do("POST", page+"/import", url.Values{"_csrf": {otok}}); resp.StatusCode != 404 {
		t.Errorf("import as another user: %d", resp.StatusCode)
	}
	_ = token

	// A clean file: confirm imports every row at once.
	good := xlsxFile(t, [][]string{uploadHeader,
		{"199203152019031004", "Ahmad Fauzi, S.Kom.", "PNS", "III/a", "S1", "Teknik Informatika", "baik", "baik", "30", "ya", "tidak", "ya", "ya"},
		{"199508172020122003", "Siti", "PNS", "III/a", "S1", "Ilmu Komunikasi", "baik", "baik", "30", "ya", "tidak", "ya", "ya"},
	})
	tok = b.csrf("/batch")
	resp, _ = b.upload("/batch/upload", map[string]string{"_csrf": tok}, "pegawai.xlsx", good)
	page = strings.Split(resp.Header.Get("Location"), "#")[0]
	_, body = b.do("GET", page, nil)
	if !strings.Contains(body, "Konfirmasi impor") || !strings.Contains(body, "2 pegawai baru") {
		t.Fatalf("clean upload page: %s", between(body, "<section class=\"upload\"", "</section>"))
	}
	tok = b.csrf(page)
	resp, _ = b.do("POST", page+"/import", url.Values{"_csrf": {tok}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/employees" {
		t.Fatalf("confirm: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	e.api("op_pbg", "GET", "/api/v1/employees", nil, &emps)
	if emps.Total != 2 {
		t.Fatalf("imported %d, want 2", emps.Total)
	}
	// Banjarnegara sees none of them in its register or its batch.
	bj := e.browser()
	bj.login("op_bjn")
	if _, body := bj.do("GET", "/batch?source=register&reference_date=2026-11-30&vacancy=1", nil); strings.Contains(between(body, `id="hasil"`, `id="kolom"`), "Ahmad") {
		t.Fatal("another office's register in a batch")
	}
	// The office's register batch finds Ahmad eligible, and the download holds the NIP as text.
	_, body = b.do("GET", "/batch?source=register&reference_date=2026-11-30&vacancy=1", nil)
	if !strings.Contains(body, "2 pegawai diperiksa") || !strings.Contains(body, "Memenuhi syarat") {
		t.Fatalf("register batch: %s", between(body, `id="hasil"`, "</table>"))
	}
	resp, raw = b.do("GET", "/batch/results.xlsx?reference_date=2026-11-30&vacancy=1", nil)
	if resp.StatusCode != 200 || !bytes.HasPrefix([]byte(raw), []byte("PK")) {
		t.Fatalf("register results.xlsx: %d", resp.StatusCode)
	}
}

func TestBatchUploadRefusesUnreadableFilesWithAMessage(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.login("op_pbg")
	tok := b.csrf("/batch")
	resp, body := b.upload("/batch/upload", map[string]string{"_csrf": tok}, "pegawai.pdf", []byte("%PDF-1.4"))
	if resp.StatusCode != 400 || !strings.Contains(body, "XLSX atau CSV") {
		t.Fatalf("pdf upload: %d", resp.StatusCode)
	}
	resp, _ = b.upload("/batch/upload", map[string]string{"_csrf": tok}, "pegawai.csv", []byte("nip,golongn\n1,2\n"))
	if resp.StatusCode != 303 {
		t.Fatalf("csv with a bad header: %d", resp.StatusCode)
	}
	_, body = b.do("GET", strings.Split(resp.Header.Get("Location"), "#")[0], nil)
	if !strings.Contains(body, "golongn") || !strings.Contains(body, "tidak dikenal") || !strings.Contains(body, "Kolom wajib") {
		t.Fatalf("header errors not shown: %s", between(body, "<section class=\"upload\"", "</section>"))
	}
	// Without CSRF the upload is refused.
	if resp, _ := b.upload("/batch/upload", nil, "pegawai.csv", []byte("nip,nama\n")); resp.StatusCode != 403 {
		t.Fatalf("upload without CSRF: %d", resp.StatusCode)
	}
	// The templates download.
	for _, path := range []string{"/batch/template.xlsx", "/batch/template.csv"} {
		if resp, body := b.do("GET", path, nil); resp.StatusCode != 200 || !strings.Contains(body, "nip") && !strings.HasPrefix(body, "PK") {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
	}
}

func TestBatchReadsTheFormationsLedgerWhereOneIsSet(t *testing.T) {
	e := newEnv(t)
	e.employee("op_pbg", ahmad)
	b := e.browser()
	b.login("op_pbg")
	const page = "/batch?source=register&reference_date=2026-11-30&vacancy=1"
	row := regexp.MustCompile(`Pranata Komputer Ahli Pertama</td><td>Pengangkatan Pertama</td><td><span class="badge b-eligible">`)
	if _, body := b.do("GET", page, nil); !row.MatchString(body) {
		t.Fatal("without a formation (assumed open) Ahmad is not eligible for PK Ahli Pertama")
	}
	quota := 0
	var out map[string]any
	if st := e.api("admin1", "POST", "/api/v1/formations", map[string]any{"office": "Kk.11.03", "position": "pranata_komputer",
		"level": "ahli_pertama", "year": 2026, "quota": quota, "basis": "Peta jabatan 2026"}, &out); st != 201 {
		t.Fatalf("set quota: %d %v", st, out)
	}
	if _, body := b.do("GET", page, nil); strings.Contains(between(body, `id="hasil"`, `id="kolom"`), "Pranata Komputer Ahli Pertama") {
		t.Fatal("a full formation still lists PK Ahli Pertama")
	}
	if _, body := b.do("GET", page, nil); !strings.Contains(body, "Pranata Komputer Mahir") {
		t.Fatal("levels without a formation disappeared too")
	}
}

func TestWhatIfReadsTheQuotaLedgerWhereOneIsSet(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.login("op_pbg")
	form := url.Values{"_csrf": {b.csrf("/whatif")}, "position": {"pranata_komputer"}, "level": {"ahli_pertama"},
		"route": {"pengangkatan_pertama"}, "reference_date": {"2026-11-30"}, "nip": {"199203152019031004"},
		"name": {"Ahmad"}, "vacancy_available": {"ya"}}
	_, body := b.do("POST", "/whatif", form)
	if !strings.Contains(between(body, "Formasi/kebutuhan", "</tr>"), "Memenuhi") {
		t.Fatal("without a quota the typed vacancy answer should stand")
	}
	quota := map[string]any{"office": "Kk.11.03", "position": "pranata_komputer", "level": "ahli_pertama", "year": 2026,
		"quota": 0, "basis": "Belum ada formasi"}
	if st := e.api("admin1", "POST", "/api/v1/formations", quota, nil); st != 201 {
		t.Fatalf("set quota 0: %d", st)
	}
	form.Set("_csrf", b.csrf("/whatif"))
	_, body = b.do("POST", "/whatif", form)
	if !strings.Contains(between(body, "Formasi/kebutuhan", "</tr>"), "Tidak memenuhi") {
		t.Fatalf("a full quota does not show on the what-if page: %s", between(body, "Formasi/kebutuhan", "</tr>"))
	}
}
