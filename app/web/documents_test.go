package web

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kemenagjateng/usulan/models"
)

// pdfText extracts a PDF's text with poppler's pdftotext: skipped when it is
// missing, unless CI is set (then the test fails).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is missing (install poppler-utils)")
		}
		t.Skip("pdftotext not installed")
	}
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestIssuedLetterCarriesLetterheadNumberDateAndExactNames(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if _, err := e.db.NewUpdate().Table("offices").Set("address = ?", "Jalan Letkol Isdiman Nomor 2, Purbalingga").
		Set("head_name = ?", "Drs. H. Mu\u1e25ammad \u1e24afi\u1e93, M.Pd.I.").Set("head_nip = ?", "197001011995031001").
		Where("code = 'Kk.11.03'").Exec(ctx); err != nil {
		t.Fatal(err)
	}
	p := e.create("op_pbg", jftBody(ahmad, siti))
	_, got := e.act("kp_pbg", p.ID, "submit", p.Version, nil)
	var first, second []byte
	if st := e.api("kp_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/letter.pdf", nil, &first); st != 200 {
		t.Fatalf("letter.pdf: %d", st)
	}
	if st := e.api("op_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/letter.pdf", nil, &second); st != 200 || !bytes.Equal(first, second) {
		t.Fatal("a reprint of the issued letter is not the same bytes")
	}
	// Changing the office afterwards does not rewrite what was issued.
	if _, err := e.db.NewUpdate().Table("offices").Set("address = ?", "Alamat baru").Where("code = 'Kk.11.03'").Exec(ctx); err != nil {
		t.Fatal(err)
	}
	var third []byte
	e.api("op_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/letter.pdf", nil, &third)
	if !bytes.Equal(first, third) {
		t.Fatal("the issued letter changed after the office record changed")
	}
	text := pdfText(t, first)
	today := e.svc.Today().Indonesian()
	for _, want := range []string{"KEMENTERIAN AGAMA REPUBLIK INDONESIA", "PURBALINGGA", *got.LetterNumber, today,
		"Jalan Letkol Isdiman Nomor 2", "Yth. Kepala Kantor Wilayah Kementerian Agama",
		"Drs. H. Mu\u1e25ammad \u1e24afi\u1e93, M.Pd.I.", "197001011995031001",
		"Ahmad Fauzi, S.Kom.", "Siti Nur\u2019aini, S.Kom.", "199203152019031004", "199508172020122003", "Kode verifikasi"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lacks %q", want)
		}
	}
	if strings.Count(text, "199508172020122003") != 1 {
		t.Errorf("a NIP is printed %d times", strings.Count(text, "199508172020122003"))
	}
}

func TestDraftLetterHasWatermarkAndNoNumber(t *testing.T) {
	e := newEnv(t)
	p := e.create("op_pbg", jftBody(ahmad))
	var pdf []byte
	if st := e.api("op_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/letter.pdf", nil, &pdf); st != 200 {
		t.Fatalf("draft letter: %d", st)
	}
	text := pdfText(t, pdf)
	if !strings.Contains(text, "DRAF") || strings.Contains(text, "KP.07.6") {
		t.Fatal("draft letter lacks the watermark or carries a number")
	}
	n, _ := e.db.NewSelect().Table("issued_documents").Count(context.Background())
	if n != 0 {
		t.Fatal("printing a draft stored an issued document")
	}
}

func TestVerificationCodeOpensThePublicPageWithOnlyTheLetterFacts(t *testing.T) {
	e := newEnv(t)
	p := e.create("op_pbg", jftBody(ahmad, siti))
	_, got := e.act("kp_pbg", p.ID, "submit", p.Version, nil)
	var code string
	if err := e.db.NewSelect().Table("issued_documents").Column("verify_code").Where("proposal_id = ?", p.ID).
		Scan(context.Background(), &code); err != nil {
		t.Fatal(err)
	}
	resp, body := e.browser().do("GET", "/v/"+code, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("/v/%s: %d", code, resp.StatusCode)
	}
	for _, want := range []string{*got.LetterNumber, "Kantor Kementerian Agama Kabupaten Purbalingga", "Diajukan", "Surat usulan"} {
		if !strings.Contains(body, want) {
			t.Errorf("verification page lacks %q", want)
		}
	}
	for _, secret := range []string{"Ahmad Fauzi", "199203152019031004"} {
		if strings.Contains(body, secret) {
			t.Errorf("verification page leaks %q", secret)
		}
	}
	if resp, _ := e.browser().do("GET", "/v/ZZZZ-ZZZZ", nil); resp.StatusCode != 404 {
		t.Errorf("unknown code: %d", resp.StatusCode)
	}
}

func TestListExportIsScopedAndKeepsIdentifiersAsText(t *testing.T) {
	e := newEnv(t)
	mine := e.create("op_pbg", jftBody(ahmad))
	e.act("kp_pbg", mine.ID, "submit", mine.Version, nil)
	other := e.create("op_bjn", jftBody(siti))
	var x []byte
	if st := e.api("op_pbg", "GET", "/api/v1/proposals/export.xlsx", nil, &x); st != 200 {
		t.Fatalf("export: %d", st)
	}
	f, err := excelize.OpenReader(bytes.NewReader(x))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	flat := ""
	for _, r := range rows {
		flat += strings.Join(r, "|") + "\n"
	}
	if !strings.Contains(flat, "Purbalingga") || strings.Contains(flat, "Bonjer") || strings.Contains(flat, "Banjarnegara") {
		t.Fatalf("export not scoped to the caller's office:\n%s", flat)
	}
	if len(rows) != 2 {
		t.Fatalf("export has %d rows, want header + 1 (other office's %d must not appear)", len(rows), other.ID)
	}
	var all []byte
	e.api("admin1", "GET", "/api/v1/proposals/export.xlsx", nil, &all)
	fa, _ := excelize.OpenReader(bytes.NewReader(all))
	ra, _ := fa.GetRows(fa.GetSheetName(0))
	if len(ra) != 3 {
		t.Fatalf("admin export has %d rows, want 3", len(ra))
	}
}

func TestRecapCountsPerOfficeWithinScope(t *testing.T) {
	e := newEnv(t)
	p := e.create("op_pbg", jftBody(ahmad))
	e.act("kp_pbg", p.ID, "submit", p.Version, nil)
	e.create("op_pbg", jftBody(siti))
	e.create("op_bjn", jftBody(siti))
	rows, err := e.svc.Recap(context.Background(), principalOf(t, e, "ver1"), e.svc.Today().AddDate(0, 0, -1), e.svc.Today())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]map[models.Status]int{}
	for _, r := range rows {
		got[r.OfficeCode] = r.Counts
	}
	if len(rows) != 35 || got["Kk.11.03"][models.StatusDraft] != 1 || got["Kk.11.03"][models.StatusSubmitted] != 1 || got["Kk.11.04"][models.StatusDraft] != 1 {
		t.Fatalf("recap: %d rows %v", len(rows), got)
	}
	rows, _ = e.svc.Recap(context.Background(), principalOf(t, e, "op_bjn"), e.svc.Today(), e.svc.Today())
	if len(rows) != 1 || rows[0].OfficeCode != "Kk.11.04" {
		t.Fatalf("a regency recap shows other offices: %+v", rows)
	}
	b := e.browser()
	b.login("ver1")
	resp, body := b.do("GET", "/recap", nil)
	if resp.StatusCode != 200 || !strings.Contains(body, "Kabupaten Purbalingga") {
		t.Fatalf("recap page: %d", resp.StatusCode)
	}
	resp, pdf := b.do("GET", "/recap.pdf", nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(pdf, "%PDF") {
		t.Fatalf("recap.pdf: %d", resp.StatusCode)
	}
	if text := pdfText(t, []byte(pdf)); !strings.Contains(text, "REKAPITULASI") || !strings.Contains(text, "Purbalingga") {
		t.Fatal("recap PDF lacks its title or offices")
	}
	if resp, _ := b.do("GET", "/recap?from=2026-12-31&to=2026-01-01", nil); resp.StatusCode != 400 {
		t.Fatalf("reversed period: %d, want 400", resp.StatusCode)
	}
}

func TestOnlyAdminsEditOfficesAndTheLetterheadFollows(t *testing.T) {
	e := newEnv(t)
	if st := e.api("kp_pbg", "PATCH", "/api/v1/offices/Kk.11.03", map[string]any{"address": "x"}, nil); st != 403 {
		t.Fatalf("kepala edits office: %d", st)
	}
	if st := e.api("admin1", "PATCH", "/api/v1/offices/Kk.11.03", map[string]any{"head_nip": "12"}, nil); st != 400 {
		t.Fatalf("bad head NIP: %d", st)
	}
	b := e.browser()
	b.login("admin1")
	form := map[string][]string{"_csrf": {b.csrf("/admin/offices/Kk.11.03")}, "name": {"Kantor Kementerian Agama Kabupaten Purbalingga"},
		"city": {"Purbalingga"}, "address": {"Jl. Mayjend Sungkono No. 1"}, "phone": {"(0281) 891016"},
		"email": {"bukan surel"}, "head_name": {"H. Ahmad, S.Ag."}, "head_nip": {"197001011995031001"}}
	resp, body := b.do("POST", "/admin/offices/Kk.11.03", form)
	if resp.StatusCode != 400 || !strings.Contains(body, "Jl. Mayjend Sungkono No. 1") {
		t.Fatalf("invalid e-mail: %d (the form must keep what was typed)", resp.StatusCode)
	}
	form["email"] = []string{"kabpurbalingga@kemenag.go.id"}
	form["_csrf"] = []string{b.csrf("/admin/offices/Kk.11.03")}
	if resp, _ := b.do("POST", "/admin/offices/Kk.11.03", form); resp.StatusCode != 303 {
		t.Fatalf("save office: %d", resp.StatusCode)
	}
	p := e.create("op_pbg", jftBody(ahmad))
	e.act("kp_pbg", p.ID, "submit", p.Version, nil)
	var pdf []byte
	e.api("kp_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/letter.pdf", nil, &pdf)
	text := pdfText(t, pdf)
	for _, want := range []string{"Jl. Mayjend Sungkono No. 1", "kabpurbalingga@kemenag.go.id", "H. Ahmad, S.Ag.", "197001011995031001"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter lacks the office's %q", want)
		}
	}
	op := e.browser()
	op.login("op_pbg")
	if resp, _ := op.do("GET", "/admin/offices", nil); resp.StatusCode != 403 {
		t.Errorf("operator opens office admin: %d", resp.StatusCode)
	}
}

func TestVerificationSheetIsIssuedOnceDecidedAndThenNeverChanges(t *testing.T) {
	e := newEnv(t)
	p := e.create("op_pbg", jftBody(ahmad))
	_, got := e.act("kp_pbg", p.ID, "submit", p.Version, nil)
	_, got = e.act("ver1", p.ID, "claim", got.Version, nil)
	var draft []byte
	if st := e.api("ver1", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/verification.pdf", nil, &draft); st != 200 {
		t.Fatalf("sheet during review: %d", st)
	}
	if text := pdfText(t, draft); !strings.Contains(text, "DRAF") || strings.Contains(text, "Kode verifikasi") {
		t.Fatal("the sheet during review is not a draft")
	}
	e.acceptDocs(p.ID)
	if st, _ := e.act("ver1", p.ID, "verify", got.Version, map[string]any{"note": "Lengkap"}); st != 200 {
		t.Fatalf("verify: %d", st)
	}
	var code string
	if err := e.db.NewSelect().Table("issued_documents").Column("verify_code").
		Where("proposal_id = ? AND kind = 'verification'", p.ID).Scan(context.Background(), &code); err != nil {
		t.Fatalf("no issued verification sheet after the decision: %v", err)
	}
	var a, b []byte
	e.api("ver1", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/verification.pdf", nil, &a)
	e.api("op_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/verification.pdf", nil, &b)
	if !bytes.Equal(a, b) {
		t.Fatal("the issued verification sheet differs between prints")
	}
	text := pdfText(t, a)
	if !strings.Contains(strings.ToUpper(text), "MEMENUHI SYARAT") {
		t.Error("issued sheet lacks the conclusion")
	}
	for _, want := range []string{"PP 11/2017", "PermenPANRB", code, "Ahmad Fauzi, S.Kom."} {
		if !strings.Contains(text, want) {
			t.Errorf("issued sheet lacks %q", want)
		}
	}
	if strings.Contains(text, "DRAF") {
		t.Error("the issued sheet still says DRAF")
	}
	resp, body := e.browser().do("GET", "/v/"+code, nil)
	if resp.StatusCode != 200 || !strings.Contains(body, "Lembar verifikasi") {
		t.Errorf("the sheet's code does not verify: %d", resp.StatusCode)
	}
	// The Kanwil issued the sheet; the regency filed the proposal.
	if !strings.Contains(body, `<dd id="issuer">Kantor Wilayah Kementerian Agama Provinsi Jawa Tengah</dd>`) ||
		!strings.Contains(body, "<dt>Kantor pengusul</dt><dd>Kantor Kementerian Agama Kabupaten Purbalingga</dd>") {
		t.Error("the public page does not name the Kanwil as the sheet's issuer")
	}
	// One conclusion, consistent with the decision, signed with the verifier's NIP.
	if n := strings.Count(text, "Kesimpulan"); n != 1 || strings.Contains(text, "Perlu dilengkapi") ||
		strings.Contains(text, "Belum diunggah") {
		t.Errorf("the decided sheet has %d conclusions or a pending item:\n%s", n, text)
	}
	if !strings.Contains(text, "NIP 198001012005011001") {
		t.Error("the sheet lacks the verifier's NIP")
	}
}

func TestResubmissionIssuesANewLetterAndTheOldCodeSaysReplaced(t *testing.T) {
	e := newEnv(t)
	p := e.create("op_pbg", jftBody(ahmad))
	_, got := e.act("kp_pbg", p.ID, "submit", p.Version, nil)
	first := *got.LetterNumber
	var oldCode string
	e.db.NewSelect().Table("issued_documents").Column("verify_code").Where("proposal_id = ?", p.ID).Scan(context.Background(), &oldCode)
	_, got = e.act("ver1", p.ID, "claim", got.Version, nil)
	_, got = e.act("ver1", p.ID, "request_revision", got.Version, map[string]any{"note": "Perbaiki nama"})
	fixed := candidate("199203152019031004", "Ahmad Fauzi Rahman, S.Kom.", "1992-03-15", "L")
	var patched proposalJSON
	if st := e.api("op_pbg", "PATCH", "/api/v1/proposals/"+itoa(p.ID), map[string]any{"candidates": []any{fixed}, "version": got.Version}, &patched); st != 200 {
		t.Fatalf("fix: %d %+v", st, patched)
	}
	st, got := e.act("kp_pbg", p.ID, "resubmit", patched.Version, nil)
	if st != 200 || got.LetterNumber == nil || *got.LetterNumber == first {
		t.Fatalf("resubmit: %d, number %v (was %s)", st, got.LetterNumber, first)
	}
	if !strings.HasPrefix(*got.LetterNumber, "B-2/") {
		t.Fatalf("the corrected letter's number %s does not follow %s", *got.LetterNumber, first)
	}
	var pdf []byte
	e.api("op_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/letter.pdf", nil, &pdf)
	if text := pdfText(t, pdf); !strings.Contains(text, "Ahmad Fauzi Rahman, S.Kom.") || !strings.Contains(text, *got.LetterNumber) {
		t.Fatal("the letter after resubmission does not show the corrected data and new number")
	}
	_, body := e.browser().do("GET", "/v/"+oldCode, nil)
	if !strings.Contains(body, "sudah diganti") || !strings.Contains(body, first) {
		t.Fatal("the replaced letter's code does not say it was replaced, with its own number")
	}
}

func TestJFTAndStaffingLettersShareOneRunningNumberPerOfficeAndYear(t *testing.T) {
	e := newEnv(t)
	p := e.create("op_pbg", jftBody(ahmad))
	_, a := e.act("kp_pbg", p.ID, "submit", p.Version, nil)
	s := e.create("op_pbg", map[string]any{"kind": "staffing", "position_title": "Pengelola Website", "count": 1,
		"mechanism": "outsourcing", "education_level": "S1", "monthly_pay": 2000000, "budget_source": "DIPA",
		"period_start": e.svc.Today().String(), "period_end": models.NewDate(e.svc.Today().Year, 12, 31).String(),
		"justification": "Pengelola situs merangkap tugas keuangan sehingga konten wajib UU 14/2008 tidak terpenuhi."})
	_, b := e.act("kp_pbg", s.ID, "submit", s.Version, map[string]any{"override_note": "uji"})
	if a.LetterNumber == nil || b.LetterNumber == nil || !strings.HasPrefix(*a.LetterNumber, "B-1/") || !strings.HasPrefix(*b.LetterNumber, "B-2/") {
		t.Fatalf("numbers %v and %v, want B-1 and B-2", a.LetterNumber, b.LetterNumber)
	}
}

// TestTheVerificationSheetPrintsTheVerifiersNoteAndNIP (issue 11): the
// verifier's decision note is printed as theirs, the office's override
// reason as the office's, and the signature carries the deciding
// verifier's NIP as an admin last set it.
func TestTheVerificationSheetPrintsTheVerifiersNoteAndNIP(t *testing.T) {
	e := newEnv(t)
	bad := candidate(ahmadNIP, "Ahmad Fauzi, S.Kom.", "1992-03-15", "L")
	bad["rank"] = "IV/a"
	p := e.create("op_pbg", jftBody(bad))
	_, got := e.act("kp_pbg", p.ID, "submit", p.Version, map[string]any{"override_note": "SK pangkat baru menyusul"})
	if st := e.api("admin1", "PATCH", "/api/v1/users/"+itoa(e.userID("ver2")), map[string]any{"nip": "19750505 200003 2 001"}, nil); st != 200 {
		t.Fatalf("set ver2's NIP: %d", st)
	}
	_, got = e.act("ver2", p.ID, "claim", got.Version, nil)
	if st, out := e.act("ver2", p.ID, "reject", got.Version, map[string]any{"note": "Pangkat IV/a tidak dapat diangkat ke Ahli Pertama."}); st != 200 {
		t.Fatalf("reject: %d %s", st, out.Error)
	}
	var pdf []byte
	if st := e.api("ver2", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/verification.pdf", nil, &pdf); st != 200 {
		t.Fatalf("sheet: %d", st)
	}
	if dir := os.Getenv("USULAN_SCREENSHOTS"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "verification-sheet-rejected.pdf"), pdf, 0o644)
	}
	text := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
	for _, want := range []string{"Catatan verifikator", "Pangkat IV/a tidak dapat diangkat ke Ahli Pertama.",
		"Alasan kantor pengusul tetap mengajukan", "SK pangkat baru menyusul", "NIP 197505052000032001", "TIDAK MEMENUHI SYARAT"} {
		if !strings.Contains(text, want) {
			t.Errorf("the sheet lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Catatan verifikator atas pengecualian") {
		t.Error("the office's reason is still printed as the verifier's")
	}
}

// TestAVerifierWithoutANIPIsWarnedOnTheReviewPage and the admin on the user
// page (deciding is not refused: scripts make verifiers without one).
func TestAVerifierWithoutANIPIsWarnedOnTheReviewPage(t *testing.T) {
	e := newEnv(t)
	p := e.submitted(true)
	b := e.browser()
	b.login("ver1")
	if _, page := b.do("GET", "/proposals/"+itoa(p.ID)+"/review", nil); strings.Contains(page, `id="verifier-no-nip"`) {
		t.Fatal("a verifier with a NIP is warned")
	}
	if st := e.api("admin1", "PATCH", "/api/v1/users/"+itoa(e.userID("ver1")), map[string]any{"nip": ""}, nil); st != 200 {
		t.Fatalf("clear the NIP: %d", st)
	}
	_, page := b.do("GET", "/proposals/"+itoa(p.ID)+"/review", nil)
	if strings.Count(page, `id="verifier-no-nip"`) != 2 || !strings.Contains(page, "NIP Anda belum tercatat.") {
		t.Fatal("the review page does not warn a verifier without a NIP (at the top and at the decision)")
	}
	a := e.browser()
	a.login("admin1")
	if _, page := a.do("GET", "/admin/users/"+itoa(e.userID("ver1")), nil); !strings.Contains(page, `id="verifier-without-nip"`) ||
		!strings.Contains(page, `href="/admin/users/`+itoa(e.userID("ver1"))+`/edit"`) {
		t.Fatal("the admin's user page does not flag the verifier without a NIP")
	}
}
