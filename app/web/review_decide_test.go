package web

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/kemenagjateng/usulan/app/workflow/workflowtest"
)

// reviewForm is the review page's form as a browser posts it: the CSRF
// token and version read from the page, then the rows given (f0, f1, …).
func reviewForm(t *testing.T, b *browser, id int64, rows ...[4]string) url.Values {
	t.Helper()
	_, page := b.do("GET", "/proposals/"+itoa(id)+"/review", nil)
	m := csrfRE.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("review page has no form:\n%s", page)
	}
	v := url.Values{"_csrf": {m[1]}, "version": {versionOn(t, page)}, "count": {strconv.Itoa(len(rows))}}
	for i, r := range rows {
		k := "f" + strconv.Itoa(i) + "_"
		v.Set(k+"candidate", r[0])
		v.Set(k+"item", r[1])
		v.Set(k+"finding", r[2])
		v.Set(k+"note", r[3])
	}
	return v
}

func versionOn(t *testing.T, page string) string {
	t.Helper()
	const marker = `name="version" value="`
	i := strings.Index(page, marker)
	if i < 0 {
		t.Fatal("no version on the page")
	}
	rest := page[i+len(marker):]
	return rest[:strings.IndexByte(rest, '"')]
}

func reviewItem(t *testing.T, r reviewJSON, nip, item string) reviewItemJSON {
	t.Helper()
	for _, s := range r.Subjects {
		if s.Candidate != nip {
			continue
		}
		for _, it := range append(append([]reviewItemJSON{}, s.Rules...), s.Documents...) {
			if it.Item == item {
				return it
			}
		}
	}
	t.Fatalf("no item %s/%s in the review", nip, item)
	return reviewItemJSON{}
}

// TestADecisionOnTheReviewPageSavesTheFindingsTypedBeforeIt: pressing
// "Kembalikan untuk perbaikan" without "Simpan temuan" first keeps every
// finding typed; the office's list of what to fix shows them.
func TestADecisionOnTheReviewPageSavesTheFindingsTypedBeforeIt(t *testing.T) {
	e := newEnv(t)
	p := e.submitted(true)
	b := e.browser()
	b.login("ver1")
	form := reviewForm(t, b, p.ID,
		[4]string{ahmadNIP, "doc:ijazah", "tidak_sesuai", "Ijazah belum diunggah"},
		[4]string{sitiNIP, "rule:performance", "tidak_sesuai", "SKP 2024 belum ada"},
		[4]string{sitiNIP, "rule:nip_format", "sesuai", ""})
	form.Set("decide", "request_revision")
	form.Set("note_request_revision", "Lengkapi dua butir")
	resp, _ := b.do("POST", "/proposals/"+itoa(p.ID)+"/findings", form)
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/proposals/"+itoa(p.ID) {
		t.Fatalf("decide with findings: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if got := e.get("op_pbg", p.ID); got.Status != "revision_requested" {
		t.Fatalf("status %s, want revision_requested", got.Status)
	}
	off := e.review("op_pbg", p.ID)
	if off.Revision == nil || off.Revision.Note != "Lengkapi dua butir" || len(off.Revision.Items) != 2 {
		t.Fatalf("what the office must fix: %+v", off.Revision)
	}
	op := e.browser()
	op.login("op_pbg")
	_, page := op.do("GET", "/proposals/"+itoa(p.ID), nil)
	for _, want := range []string{"Yang perlu diperbaiki", "Ijazah belum diunggah", "SKP 2024 belum ada", "Lengkapi dua butir"} {
		if !strings.Contains(page, want) {
			t.Errorf("office's page lacks %q", want)
		}
	}
	evs := events(e, "op_pbg", p.ID)
	if last := evs[len(evs)-1]; last.Action != "request_revision" || !strings.Contains(string(last.Data), "SKP 2024 belum ada") {
		t.Errorf("the decision's event lacks the findings: %s %s", last.Action, last.Data)
	}
}

// TestADecisionRefusedOnTheReviewPageKeepsFindingsAndReturnsThere: verify
// with two items found wanting answers 422 on the review page itself, naming
// both; the findings are saved and the note typed is kept.
func TestADecisionRefusedOnTheReviewPageKeepsFindingsAndReturnsThere(t *testing.T) {
	e := newEnv(t)
	p := e.submitted(true)
	b := e.browser()
	b.login("ver1")
	form := reviewForm(t, b, p.ID,
		[4]string{ahmadNIP, "doc:ijazah", "tidak_sesuai", "Buram"},
		[4]string{sitiNIP, "doc:sehat", "tidak_sesuai", "Kedaluwarsa"})
	form.Set("decide", "verify")
	form.Set("note_verify", "Catatan yang diketik")
	resp, page := b.do("POST", "/proposals/"+itoa(p.ID)+"/findings", form)
	if resp.StatusCode != 422 {
		t.Fatalf("verify with items found wanting: %d, want 422", resp.StatusCode)
	}
	for _, want := range []string{"Pemeriksaan:", "Masih ada 2 butir yang tidak sesuai", "Buram", "Kedaluwarsa",
		"Catatan yang diketik", "Temuan tersimpan, tetapi keputusan belum diambil"} {
		if !strings.Contains(page, want) {
			t.Errorf("review page after the refusal lacks %q", want)
		}
	}
	if r := e.review("ver1", p.ID); r.Wanting != 2 || r.Status != "in_review" {
		t.Fatalf("findings not saved or status moved: wanting %d, %s", r.Wanting, r.Status)
	}
	// The same refusal from the proposal page's form leads to the review page.
	tok := b.csrf("/proposals/" + itoa(p.ID))
	resp, _ = b.do("POST", "/proposals/"+itoa(p.ID)+"/transitions", url.Values{"_csrf": {tok}, "action": {"verify"},
		"version": {itoa(p.Version)}})
	if loc := resp.Header.Get("Location"); resp.StatusCode != 303 || loc != "/proposals/"+itoa(p.ID)+"/review" {
		t.Fatalf("refused verify from the proposal page: %d → %s", resp.StatusCode, loc)
	}
	_, page = b.do("GET", "/proposals/"+itoa(p.ID)+"/review", nil)
	if !strings.Contains(page, "Masih ada 2 butir yang tidak sesuai") || !strings.Contains(page, "Buram") ||
		!strings.Contains(page, "Kedaluwarsa") {
		t.Error("the review page does not show the refusal naming both items")
	}
}

// TestVerifyNamesEveryItemFoundWanting on the API.
func TestVerifyNamesEveryItemFoundWanting(t *testing.T) {
	e := newEnv(t)
	p := e.submitted(true)
	e.findings("ver1", p.ID, finding(ahmadNIP, "doc:ijazah", "tidak_sesuai", "Buram"),
		finding(sitiNIP, "rule:performance", "tidak_sesuai", ""), finding(sitiNIP, "doc:sehat", "sesuai", ""))
	st, got := e.act("ver1", p.ID, "verify", p.Version, map[string]any{"note": "Lengkap"})
	if st != 422 || !strings.Contains(got.Error, "Masih ada 2 butir") || !strings.Contains(got.Fields["findings"], "Ijazah") ||
		!strings.Contains(got.Fields["findings"], "Predikat kinerja") || !strings.Contains(got.Fields["findings"], "Siti") {
		t.Fatalf("verify with two items wanting: %d %s %v", st, got.Error, got.Fields)
	}
}

func unlawfulStaffing() map[string]any {
	return map[string]any{"kind": "staffing", "reference_date": "2026-11-30", "position_title": "Pramubakti",
		"count": 1, "mechanism": "honorer", "education_level": "SMA", "education_field": "Umum",
		"age_min": 20, "age_max": 35, "monthly_pay": 2000000, "budget_source": "DIPA Kankemenag Kab. Purbalingga 2027",
		"period_start": "2027-01-01", "period_end": "2027-12-31",
		"justification": "Kebersihan kantor tidak tertangani."}
}

// TestAnUnlawfulStaffingRequestIsNeverVerified: honorer after 31 October
// 2023 cannot be verified, with or without a note; it is sent back or
// rejected. The pages word the banner by status and offer no verify.
func TestAnUnlawfulStaffingRequestIsNeverVerified(t *testing.T) {
	e := newEnv(t)
	p := e.create("op_pbg", unlawfulStaffing())
	head := e.browser()
	head.login("kp_pbg")
	_, page := head.do("GET", "/proposals/"+itoa(p.ID), nil)
	if !strings.Contains(page, "Permintaan ini tidak dapat diajukan") || strings.Contains(page, `value="submit"`) {
		t.Error("the draft page offers to submit an unlawful request, or does not say it cannot be")
	}
	// Submitting: refused with or without a reason (ELIGIBILITY.md §6.3).
	// The confirmation step says it cannot be submitted and offers no button.
	_, confirm := head.do("GET", "/proposals/"+itoa(p.ID)+"/submit", nil)
	if !strings.Contains(confirm, "Permintaan ini tidak dapat diajukan karena mekanismenya tidak sah") ||
		strings.Contains(confirm, `id="confirm-submit"`) || strings.Contains(confirm, "wajib bila ada calon") {
		t.Error("the confirmation of an unlawful request offers to submit it")
	}
	tok := csrfRE.FindStringSubmatch(page)[1]
	head.do("POST", "/proposals/"+itoa(p.ID)+"/transitions", url.Values{"_csrf": {tok}, "action": {"submit"},
		"version": {itoa(p.Version)}, "override_note": {"Mohon arahan Kanwil"}})
	_, page = head.do("GET", "/proposals/"+itoa(p.ID), nil)
	if !strings.Contains(page, "tidak dapat diajukan karena mekanismenya tidak sah") || strings.Contains(page, "(override_note)") {
		t.Errorf("submit refusal on the page")
	}
	if st, got := e.act("kp_pbg", p.ID, "submit", p.Version, map[string]any{"override_note": "Mohon arahan Kanwil"}); st != 422 {
		t.Fatalf("submit: %d %s", st, got.Error)
	}
	// One submitted before catalog revision 2 is still never verified.
	if _, err := e.db.NewUpdate().Table("proposals").Set("status = 'submitted'").Set("version = version + 1").
		Where("id = ?", p.ID).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := proposalJSON{Version: p.Version + 1}
	_, got = e.act("ver1", p.ID, "claim", got.Version, nil)
	st, refused := e.act("ver1", p.ID, "verify", got.Version, map[string]any{"note": "Sudah dibicarakan"})
	if st != 422 || !strings.Contains(refused.Error, "UU 20/2023 Pasal 65–66") ||
		!strings.Contains(refused.Error, "alih daya (outsourcing)") || !strings.Contains(refused.Error, "PPPK paruh waktu") {
		t.Fatalf("verify of an unlawful request: %d %q", st, refused.Error)
	}
	ver := e.browser()
	ver.login("ver1")
	_, page = ver.do("GET", "/proposals/"+itoa(p.ID), nil)
	if !strings.Contains(page, "permintaan ini tidak dapat diverifikasi") || strings.Contains(page, "Permintaan ini tidak dapat diajukan") {
		t.Error("the in-review page does not tell the verifier it cannot be verified")
	}
	_, page = ver.do("GET", "/proposals/"+itoa(p.ID)+"/review", nil)
	if strings.Contains(page, `id="do_verify"`) || !strings.Contains(page, `id="do_reject"`) ||
		!strings.Contains(page, "Permintaan ini tidak dapat diverifikasi") {
		t.Error("the review page offers verify for an unlawful request, or hides reject")
	}
	if st, got = e.act("ver1", p.ID, "reject", got.Version, map[string]any{"note": "Honorer dilarang"}); st != 200 || got.Status != "rejected" {
		t.Fatalf("reject: %d %s", st, got.Error)
	}
}

// TestVerifyingAProposalThatFailsARuleNeedsANote: submitted on an override,
// it is verified only with a note saying why.
func TestVerifyingAProposalThatFailsARuleNeedsANote(t *testing.T) {
	e := newEnv(t)
	bad := candidate(ahmadNIP, "Ahmad Fauzi, S.Kom.", "1992-03-15", "L")
	bad["rank"] = "IV/a"
	p := e.create("op_pbg", jftBody(bad))
	_, p = e.act("kp_pbg", p.ID, "submit", p.Version, map[string]any{"override_note": "SK golongan menyusul"})
	_, p = e.act("ver1", p.ID, "claim", p.Version, nil)
	e.acceptDocs(p.ID)
	st, got := e.act("ver1", p.ID, "verify", p.Version, nil)
	if st != 422 || got.Fields["note"] == "" || !strings.Contains(got.Error, "Ahmad Fauzi") {
		t.Fatalf("verify without a note: %d %s %v", st, got.Error, got.Fields)
	}
	b := e.browser()
	b.login("ver1")
	if _, page := b.do("GET", "/proposals/"+itoa(p.ID)+"/review", nil); !strings.Contains(page, "Alasan tetap memverifikasi (wajib") {
		t.Error("the review page does not ask for the verify note")
	}
	if st, got = e.act("ver1", p.ID, "verify", p.Version, map[string]any{"note": "Golongan disesuaikan per SK terlampir"}); st != 200 ||
		got.Status != "verified" {
		t.Fatalf("verify with a note: %d %s", st, got.Error)
	}
}

// TestMarkingTheRestSesuaiLeavesFailuresAndMissingDocuments: only items
// without a finding become sesuai; a failing, missing or manual rule and a
// document not uploaded stay for the verifier; findings typed are kept.
func TestMarkingTheRestSesuaiLeavesFailuresAndMissingDocuments(t *testing.T) {
	e := newEnv(t)
	bad := candidate(ahmadNIP, "Ahmad Fauzi, S.Kom.", "1992-03-15", "L")
	bad["rank"] = "IV/a"
	// The admin no longer requires the health certificate on this route, so
	// the proposal goes in without it.
	if err := e.svc.SetRequirement(t.Context(), principalOf(t, e, "admin1"), "jft", "pengangkatan_pertama", "sehat", false); err != nil {
		t.Fatal(err)
	}
	p := e.createBare("op_pbg", jftBody(bad))
	if st, out := e.upload("op_pbg", p.ID, ahmadNIP, "ijazah", p.Version, "ijazah.pdf", samplePDF); st != 201 {
		t.Fatalf("upload: %d %v", st, out)
	}
	workflowtest.AttachRequired(t, e.db, p.ID)
	p = e.get("kp_pbg", p.ID)
	_, p = e.act("kp_pbg", p.ID, "submit", p.Version, map[string]any{"override_note": "SK golongan menyusul"})
	_, p = e.act("ver1", p.ID, "claim", p.Version, nil)
	b := e.browser()
	b.login("ver1")
	form := reviewForm(t, b, p.ID, [4]string{ahmadNIP, "rule:nip_format", "tidak_sesuai", "Cek ulang"})
	form.Set("mark", "remaining_ok")
	if resp, _ := b.do("POST", "/proposals/"+itoa(p.ID)+"/findings", form); resp.StatusCode != 303 {
		t.Fatalf("mark the rest: %d", resp.StatusCode)
	}
	if _, page := b.do("GET", "/proposals/"+itoa(p.ID)+"/review", nil); !strings.Contains(page, "butir ditandai Sesuai") {
		t.Error("no message saying how many were marked")
	}
	r := e.review("ver1", p.ID)
	if it := reviewItem(t, r, ahmadNIP, "rule:nip_format"); it.Finding != "tidak_sesuai" || it.Note != "Cek ulang" {
		t.Errorf("a typed finding was overwritten: %+v", it)
	}
	var marked, left int
	for _, s := range r.Subjects {
		for _, it := range s.Rules {
			want := ""
			if it.Result == "pass" || it.Result == "not_applicable" {
				want = "sesuai"
			}
			if it.Item == "rule:nip_format" {
				continue
			}
			if it.Finding != want {
				t.Errorf("rule %s (%s): finding %q, want %q", it.Item, it.Result, it.Finding, want)
			}
			if want == "" {
				left++
			}
		}
		for _, it := range s.Documents {
			want := ""
			if it.Attachment != nil {
				want = "sesuai"
				marked++
			}
			if it.Finding != want {
				t.Errorf("document %s (uploaded %v): finding %q, want %q", it.Item, it.Attachment != nil, it.Finding, want)
			}
		}
	}
	if marked != 8 || left == 0 {
		t.Errorf("%d documents marked (want the 8 uploaded), %d rules left (want the failing ones)", marked, left)
	}
	if it := reviewItem(t, r, ahmadNIP, "doc:sehat"); it.Attachment != nil || it.Finding != "" {
		t.Errorf("the document not uploaded was marked: %+v", it)
	}
	if it := reviewItem(t, r, ahmadNIP, "rule:rank_range"); it.Result != "fail" || it.Finding != "" {
		t.Errorf("the failing rule was marked: %+v", it)
	}
}

// TestTurningAnItemSesuaiDropsTheNoteAboutTheShortcoming unless a new note
// comes with it.
func TestTurningAnItemSesuaiDropsTheNoteAboutTheShortcoming(t *testing.T) {
	e := newEnv(t)
	p := e.submitted(true)
	e.findings("ver1", p.ID, finding(ahmadNIP, "doc:sehat", "tidak_sesuai", "Kedaluwarsa"),
		finding(sitiNIP, "doc:sehat", "tidak_sesuai", "Tidak ditandatangani"))
	// The page sends the old note back with the new finding.
	b := e.browser()
	b.login("ver1")
	form := reviewForm(t, b, p.ID, [4]string{ahmadNIP, "doc:sehat", "sesuai", "Kedaluwarsa"},
		[4]string{sitiNIP, "doc:sehat", "sesuai", "Sudah ditandatangani"})
	if resp, _ := b.do("POST", "/proposals/"+itoa(p.ID)+"/findings", form); resp.StatusCode != 303 {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	r := e.review("ver1", p.ID)
	if it := reviewItem(t, r, ahmadNIP, "doc:sehat"); it.Finding != "sesuai" || it.Note != "" {
		t.Errorf("the old note stayed on an item now sesuai: %+v", it)
	}
	if it := reviewItem(t, r, sitiNIP, "doc:sehat"); it.Finding != "sesuai" || it.Note != "Sudah ditandatangani" {
		t.Errorf("a new note was dropped: %+v", it)
	}
	// A note on an item found sesuai all along stays.
	e.findings("ver1", p.ID, finding(ahmadNIP, "doc:sehat", "sesuai", "Berlaku sampai 2027"))
	e.findings("ver1", p.ID, finding(ahmadNIP, "doc:sehat", "sesuai", "Berlaku sampai 2027"))
	if it := reviewItem(t, e.review("ver1", p.ID), ahmadNIP, "doc:sehat"); it.Note != "Berlaku sampai 2027" {
		t.Errorf("a note on a sesuai item was dropped: %+v", it)
	}
}

// TestChecklistEndpointHasTheDocumentedShape: GET …/checklist lists every
// document with item, label, nip (null for the proposal), required, status
// and attachment_id, and the counts; another office gets 404.
func TestChecklistEndpointHasTheDocumentedShape(t *testing.T) {
	e := newEnv(t)
	p := e.createBare("op_pbg", jftBody(ahmad))
	st, out := e.upload("op_pbg", p.ID, ahmadNIP, "doc:ijazah", p.Version, "ijazah.pdf", samplePDF)
	if st != 201 {
		t.Fatalf("upload: %d %v", st, out)
	}
	var raw []byte
	if st := e.api("kp_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/checklist", nil, &raw); st != 200 {
		t.Fatalf("checklist: %d", st)
	}
	var cl struct {
		Items    []map[string]any `json:"items"`
		Required *int             `json:"required"`
		Uploaded *int             `json:"uploaded"`
	}
	if err := json.Unmarshal(raw, &cl); err != nil {
		t.Fatal(err)
	}
	if cl.Required == nil || *cl.Required != 9 || cl.Uploaded == nil || *cl.Uploaded != 1 || len(cl.Items) != 9 {
		t.Fatalf("counts: %s", raw)
	}
	for _, it := range cl.Items {
		for _, k := range []string{"item", "label", "nip", "required", "status", "attachment_id"} {
			if _, ok := it[k]; !ok {
				t.Errorf("item lacks %q: %v", k, it)
			}
		}
	}
	ij, last := cl.Items[4], cl.Items[8]
	if ij["item"] != "doc:ijazah" || ij["nip"] != ahmadNIP || ij["status"] != "uploaded" || ij["attachment_id"] != out["id"] {
		t.Errorf("the uploaded ijazah: %v", ij)
	}
	if last["item"] != "doc:formasi" || last["nip"] != nil || last["status"] != "missing" || last["attachment_id"] != nil ||
		last["required"] != true {
		t.Errorf("the proposal's document: %v", last)
	}
	if st := e.api("kp_bjn", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/checklist", nil, nil); st != 404 {
		t.Errorf("another office: %d, want 404", st)
	}
}
