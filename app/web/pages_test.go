package web

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/kemenagjateng/usulan/app/workflow/workflowtest"
)

func TestLoginPageCarriesCSRFAndLoginRotatesTheSession(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	tok := b.csrf("/login")
	before := b.cookies[sessionCookie]
	if before == "" {
		t.Fatal("no session before login: the CSRF token has nowhere to live")
	}
	resp, _ := b.do("POST", "/login", url.Values{"_csrf": {tok}, "username": {"op_pbg"}, "password": {testPassword}})
	if resp.StatusCode != 303 {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	after := b.cookies[sessionCookie]
	if after == "" || after == before {
		t.Fatalf("session id not rotated at login (%q → %q)", before, after)
	}
	if resp, body := b.do("GET", "/", nil); resp.StatusCode != 200 || !strings.Contains(body, "Pak op_pbg") {
		t.Fatalf("home after login: %d", resp.StatusCode)
	}
	// The old session id is worth nothing.
	old := e.browser()
	old.cookies[sessionCookie] = before
	if resp, _ := old.do("GET", "/", nil); resp.StatusCode != 302 {
		t.Fatalf("old session still logged in: %d", resp.StatusCode)
	}
}

func TestWrongPasswordKeepsTheUsernameAndSaysWhy(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	tok := b.csrf("/login")
	resp, body := b.do("POST", "/login", url.Values{"_csrf": {tok}, "username": {"op_pbg"}, "password": {"salah-sekali-ya"}})
	if resp.StatusCode != 401 || !strings.Contains(body, "salah") || !strings.Contains(body, `value="op_pbg"`) {
		t.Fatalf("wrong password: %d", resp.StatusCode)
	}
}

func TestLoginIsRateLimited(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	var last int
	for i := 0; i < 6; i++ {
		tok := b.csrf("/login")
		resp, _ := b.do("POST", "/login", url.Values{"_csrf": {tok}, "username": {"kp_pbg"}, "password": {"bukan-ini-123"}})
		last = resp.StatusCode
	}
	if last != 429 {
		t.Fatalf("sixth wrong attempt: %d, want 429", last)
	}
	tok := b.csrf("/login")
	if resp, _ := b.do("POST", "/login", url.Values{"_csrf": {tok}, "username": {"kp_pbg"}, "password": {testPassword}}); resp.StatusCode != 429 {
		t.Fatalf("right password while locked: %d, want 429", resp.StatusCode)
	}
}

func TestFormsWithoutCSRFAreRefused(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.login("op_pbg")
	resp, _ := b.do("POST", "/proposals", url.Values{"position": {"pranata_komputer"}})
	if resp.StatusCode != 403 {
		t.Fatalf("POST without CSRF: %d, want 403", resp.StatusCode)
	}
	resp, _ = b.do("POST", "/logout", url.Values{"_csrf": {"forged"}})
	if resp.StatusCode != 403 {
		t.Fatalf("logout with forged CSRF: %d, want 403", resp.StatusCode)
	}
}

func TestPagesRedirectAnonymousUsersToLogin(t *testing.T) {
	e := newEnv(t)
	resp, _ := e.browser().do("GET", "/proposals", nil)
	if resp.StatusCode != 302 || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Fatalf("anonymous /proposals: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func candidateForm0(nip, name string) url.Values {
	return url.Values{"position": {"pranata_komputer"}, "level": {"ahli_pertama"}, "route": {"pengangkatan_pertama"},
		"reference_date": {"2026-11-30"}, "count": {"1"}, "version": {"0"},
		"c0_nip": {nip}, "c0_name": {name}, "c0_birth_date": {"1992-03-15"}, "c0_gender": {"L"},
		"c0_employment_status": {"pns"}, "c0_rank": {"III/a"}, "c0_education_level": {"S1"},
		"c0_education_field": {"Teknik Informatika"}, "c0_perf1_year": {"2025"}, "c0_perf1": {"baik"},
		"c0_perf2_year": {"2024"}, "c0_perf2": {"baik"}, "c0_health": {"ya"}, "c0_integrity": {"ya"},
		"c0_vacancy": {"ya"}, "c0_discipline": {"tidak"}, "c0_competency": {"ya"}, "c0_experience_months": {"24"}}
}

func TestProposalFormKeepsWhatWasTypedAfterAnError(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.login("op_pbg")
	form := candidateForm0("1992 0315 ABC", "Siti Nur\u2019aini, S.Kom.")
	form.Set("_csrf", b.csrf("/proposals/new"))
	resp, body := b.do("POST", "/proposals", form)
	if resp.StatusCode != 400 {
		t.Fatalf("bad NIP: %d", resp.StatusCode)
	}
	for _, want := range []string{`value="1992 0315 ABC"`, "Siti Nur\u2019aini, S.Kom.", `value="Teknik Informatika"`, "field-error"} {
		if !strings.Contains(body, want) {
			t.Errorf("re-rendered form lacks %q", want)
		}
	}
}

func TestFilingThroughTheFormShowsOutcomesAndTheHeadSubmits(t *testing.T) {
	e := newEnv(t)
	op := e.browser()
	op.login("op_pbg")
	form := candidateForm0("19920315 201903 1 004", "Ahmad Fauzi, S.Kom.")
	form.Set("_csrf", op.csrf("/proposals/new"))
	resp, _ := op.do("POST", "/proposals", form)
	if resp.StatusCode != 303 {
		t.Fatalf("create via form: %d", resp.StatusCode)
	}
	loc := resp.Header.Get("Location")
	_, page := op.do("GET", loc, nil)
	for _, want := range []string{"Ahmad Fauzi, S.Kom.", "199203152019031004", "Kanwil belum menetapkan formasi", "PP 11/2017"} {
		if !strings.Contains(page, want) {
			t.Errorf("proposal page lacks %q", want)
		}
	}
	if strings.Contains(page, `id="go_submit"`) {
		t.Error("an operator is offered the submit button")
	}
	pid, _ := strconv.ParseInt(strings.TrimPrefix(loc, "/proposals/"), 10, 64)
	workflowtest.AttachRequired(t, e.db, pid)
	kp := e.browser()
	kp.login("kp_pbg")
	_, page = kp.do("GET", loc, nil)
	if !strings.Contains(page, `id="go_submit" href="`+loc+`/submit"`) {
		t.Fatal("the head is not offered the submit button")
	}
	// The confirmation step: the number it will take, the candidate, the documents.
	_, page = kp.do("GET", loc+"/submit", nil)
	for _, want := range []string{"Konfirmasi: Ajukan ke Kanwil", "B-1/Kk.11.03/1/KP.07.6/11/2026", "Ahmad Fauzi, S.Kom.",
		"9 dari 9 sudah diunggah", `id="confirm-submit"`} {
		if !strings.Contains(page, want) {
			t.Errorf("confirmation page lacks %q", want)
		}
	}
	tok := csrfRE.FindStringSubmatch(page)[1]
	resp, _ = kp.do("POST", loc+"/transitions", url.Values{"_csrf": {tok}, "action": {"submit"}, "version": {"1"}})
	if resp.StatusCode != 303 {
		t.Fatalf("submit via form: %d", resp.StatusCode)
	}
	_, page = kp.do("GET", loc, nil)
	if !strings.Contains(page, "/Kk.11.03/1/KP.07.6/") || !strings.Contains(page, "Diajukan") {
		t.Fatal("proposal page does not show the letter number and new status")
	}
}

func TestNULCharactersAreA400NotA500(t *testing.T) {
	e := newEnv(t)
	if st := e.api("op_pbg", "GET", "/api/v1/proposals?q=a%00b", nil, nil); st != 400 {
		t.Errorf("NUL in a query: %d", st)
	}
	body := jftBody(candidate("199203152019031004", "x\u0000y", "1992-03-15", "L"))
	if st := e.api("op_pbg", "POST", "/api/v1/proposals", body, nil); st != 400 {
		t.Errorf("NUL in a JSON name: %d", st)
	}
	b := e.browser()
	tok := b.csrf("/login")
	if resp, _ := b.do("POST", "/login", url.Values{"_csrf": {tok}, "username": {"a\x00b"}, "password": {"x"}}); resp.StatusCode != 400 {
		t.Errorf("NUL in the login form: %d", resp.StatusCode)
	}
	// The same as multipart forms, before and after signing in; a NUL
	// inside an uploaded file is content, not a field, and is fine.
	if resp, _ := b.upload("/login", map[string]string{"_csrf": tok, "username": "a\x00b", "password": "x"}, "x.bin", []byte{0}); resp.StatusCode != 400 {
		t.Errorf("NUL in the multipart login form: %d", resp.StatusCode)
	}
	b.login("op_pbg")
	tok = b.csrf("/batch")
	if resp, body := b.upload("/batch/upload", map[string]string{"_csrf": tok + "\x00"}, "pegawai.csv", []byte("nip,nama\n")); resp.StatusCode != 400 {
		t.Errorf("NUL in a multipart field: %d %s", resp.StatusCode, body)
	}
	if resp, _ := b.upload("/batch/upload", map[string]string{"_csrf": tok}, "pegawai.csv", []byte("nip,nama\n\x00")); resp.StatusCode == 500 {
		t.Errorf("NUL inside an uploaded file: 500")
	}
}

func TestLoginNeverRedirectsOffSite(t *testing.T) {
	for _, next := range []string{"//evil.com", "/\\evil.com", "/\t/evil.com", "/\r/evil.com", "https://evil.com", "/ /x", "javascript:alert(1)"} {
		if got := safeNext(next); got != "/" {
			t.Errorf("safeNext(%q) = %q", next, got)
		}
	}
	if got := safeNext("/proposals?status=draft"); got != "/proposals?status=draft" {
		t.Errorf("a local path was refused: %q", got)
	}
}

func TestLoggedInPagesAreNotCached(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.login("op_pbg")
	resp, _ := b.do("GET", "/proposals", nil)
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Fatalf("Cache-Control %q", cc)
	}
}

func TestAPIAnswersAreNeverCachedAndHTTPSIsStrict(t *testing.T) {
	e := newEnv(t)
	for _, path := range []string{"/api/v1/proposals", "/api/v1/proposals/999999"} {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Authorization", "Bearer "+e.tok["op_pbg"])
		resp, err := e.app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "private, no-store" {
			t.Errorf("%s (%d): Cache-Control %q", path, resp.StatusCode, cc)
		}
		if hsts := resp.Header.Get("Strict-Transport-Security"); hsts != "" {
			t.Errorf("HSTS %q on a plain-HTTP deployment", hsts)
		}
	}
	cfg := *e.cfg
	cfg.BaseURL, cfg.SecureCookie = "https://usulan.kemenag.test", true
	app := New(Deps{DB: e.db, Config: &cfg, Workflow: e.svc, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	resp, err := app.Test(httptest.NewRequest("GET", "/login", nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	if hsts := resp.Header.Get("Strict-Transport-Security"); !strings.HasPrefix(hsts, "max-age=31536000") {
		t.Errorf("https BASE_URL without HSTS: %q", hsts)
	}
}

// TestAnUnreachableDatabaseIsA503 closes the database under a running app:
// the API answers 503 with a JSON error and Retry-After, a page 503 in
// Indonesian, never a 500.
func TestAnUnreachableDatabaseIsA503(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.login("op_pbg")
	e.db.Close()
	var out map[string]any
	if st := e.api("op_pbg", "GET", "/api/v1/proposals", nil, &out); st != 503 || out["error"] == nil {
		t.Fatalf("API during an outage: %d %v", st, out)
	}
	resp, body := b.do("GET", "/proposals", nil)
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" || !strings.Contains(body, "Basis data sedang tidak dapat dihubungi") {
		t.Fatalf("page during an outage: %d %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}

// TestTheConfirmationStepNamesWhatIsMissingAndARefusalIsNoSuccess: with
// documents missing the confirmation offers no button and lists them; a
// refused submit comes back as an alert, never in the success box.
func TestTheConfirmationStepNamesWhatIsMissingAndARefusalIsNoSuccess(t *testing.T) {
	e := newEnv(t)
	p := e.createBare("op_pbg", jftBody(ahmad))
	if st, out := e.upload("op_pbg", p.ID, ahmadNIP, "ijazah", p.Version, "ijazah.pdf", samplePDF); st != 201 {
		t.Fatalf("upload: %d %v", st, out)
	}
	kp := e.browser()
	kp.login("kp_pbg")
	_, page := kp.do("GET", "/proposals/"+itoa(p.ID), nil)
	if !strings.Contains(page, "<strong>1 dari 9</strong> dokumen wajib sudah diunggah") ||
		!strings.Contains(page, `1 dari 8 dokumen wajib</span>`) || !strings.Contains(page, `0 dari 1 dokumen wajib</span>`) {
		t.Error("the proposal page does not show the checklist counts")
	}
	_, page = kp.do("GET", "/proposals/"+itoa(p.ID)+"/submit", nil)
	for _, want := range []string{"1 dari 9 sudah diunggah", "Belum diunggah: SK CPNS", "Belum diunggah: Bukti formasi/kebutuhan (peta jabatan)",
		`id="confirm-blocked"`} {
		if !strings.Contains(page, want) {
			t.Errorf("confirmation page lacks %q", want)
		}
	}
	if strings.Contains(page, `id="confirm-submit"`) || strings.Contains(page, "Belum diunggah: Ijazah") {
		t.Error("the confirmation offers to submit an incomplete proposal, or lists an uploaded document")
	}
	// Posting anyway: refused, shown as an alert.
	tok := kp.csrf("/proposals/" + itoa(p.ID))
	kp.do("POST", "/proposals/"+itoa(p.ID)+"/transitions", url.Values{"_csrf": {tok}, "action": {"submit"}, "version": {itoa(p.Version + 1)}})
	_, page = kp.do("GET", "/proposals/"+itoa(p.ID), nil)
	if !strings.Contains(page, `<div class="alert" role="alert" id="flash-error">Tindakan tidak dilakukan: Dokumen wajib belum lengkap (1 dari 9 diunggah).`) ||
		strings.Contains(page, `<div class="flash" role="status">Tindakan tidak dilakukan`) {
		t.Error("the refusal is not shown as an alert")
	}
	if e.get("kp_pbg", p.ID).Status != "draft" {
		t.Error("an incomplete proposal was submitted")
	}
	// An operator may not open the confirmation.
	op := e.browser()
	op.login("op_pbg")
	if resp, _ := op.do("GET", "/proposals/"+itoa(p.ID)+"/submit", nil); resp.StatusCode != 403 {
		t.Errorf("operator opens the confirmation: %d", resp.StatusCode)
	}
}
