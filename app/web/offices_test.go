package web

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"
)

func testEmblem(t *testing.T) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 40, 48))
	for x := 0; x < 40; x++ {
		for y := 0; y < 48; y++ {
			img.Set(x, y, color.NRGBA{R: 0, G: 120, B: 60, A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func (e *env) uploadEmblem(user string, content []byte) int {
	e.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, _ := w.CreateFormFile("file", "lambang.png")
	_, _ = fw.Write(content)
	_ = w.Close()
	req := httptest.NewRequest("POST", "/api/v1/offices/emblem", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+e.tok[user])
	resp, err := e.app.Test(req, -1)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

// TestTheOfficeListFlagsIncompleteOfficesAndTheEmblemIsPrinted: the admin
// sees which offices cannot number letters yet; the emblem is a PNG checked
// by content, uploaded once, and printed on every letterhead.
func TestTheOfficeListFlagsIncompleteOfficesAndTheEmblemIsPrinted(t *testing.T) {
	e := newEnv(t)
	admin := e.browser()
	admin.login("admin1")
	_, page := admin.do("GET", "/admin/offices", nil)
	// 36 offices; the tests complete Kk.11.03, 04 and 05.
	for _, want := range []string{"33 kantor belum lengkap datanya", `<td data-label="Kode">Kk.11.01</td>`,
		"Belum lengkap: alamat, nama kepala, NIP kepala", "Lambang Kementerian Agama belum diunggah"} {
		if !strings.Contains(page, want) {
			t.Errorf("office list lacks %q", want)
		}
	}
	if i := strings.Index(page, `<td data-label="Kode">Kk.11.03</td>`); i < 0 ||
		!strings.Contains(page[i:i+600], `<span class="badge b-eligible">Lengkap</span>`) {
		t.Error("a complete office is not shown complete")
	}
	var offices struct {
		Items []struct {
			Code    string   `json:"code"`
			Missing []string `json:"missing"`
		} `json:"items"`
	}
	raw := []byte{}
	e.api("admin1", "GET", "/api/v1/offices", nil, &raw)
	_ = json.Unmarshal(raw, &offices)
	for _, o := range offices.Items {
		if o.Code == "Kk.11.01" && strings.Join(o.Missing, ",") != "address,head_name,head_nip" {
			t.Errorf("API missing for Kk.11.01: %v", o.Missing)
		}
		if o.Code == "Kk.11.03" && len(o.Missing) != 0 {
			t.Errorf("API missing for Kk.11.03: %v", o.Missing)
		}
	}

	p := e.create("op_pbg", jftBody(ahmad))
	var before []byte
	e.api("op_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/letter.pdf", nil, &before)
	if bytes.Contains(before, []byte("/Subtype /Image")) {
		t.Fatal("a letter printed an emblem before one was uploaded")
	}
	if st := e.uploadEmblem("op_pbg", testEmblem(t)); st != 403 {
		t.Errorf("an operator uploads the emblem: %d", st)
	}
	if st := e.uploadEmblem("admin1", sampleJPEG); st != 415 {
		t.Errorf("a JPEG as emblem: %d, want 415", st)
	}
	// A PNG's magic bytes alone are not a PNG.
	if st := e.uploadEmblem("admin1", samplePNG); st != 400 {
		t.Errorf("a broken PNG as emblem: %d, want 400", st)
	}
	if st := e.uploadEmblem("admin1", testEmblem(t)); st != 200 {
		t.Fatalf("the emblem: %d", st)
	}
	_, page = admin.do("GET", "/admin/offices", nil)
	if !strings.Contains(page, "Lambang sudah diunggah") {
		t.Error("the office list does not show the emblem")
	}
	for _, path := range []string{"/letter.pdf", "/verification.pdf"} {
		var pdf []byte
		if st := e.api("op_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID)+path, nil, &pdf); st != 200 {
			t.Fatalf("%s: %d", path, st)
		}
		if !bytes.Contains(pdf, []byte("/Subtype /Image")) || !bytes.Contains(pdf, []byte("/Width 40")) {
			t.Errorf("%s prints no emblem", path)
		}
	}
}

// TestKetIsTheOfficesOwnNoteBlankByDefault: the nominative list's "Ket."
// prints no verdict of the app; the office writes its own note per
// candidate, kept across an edit.
func TestKetIsTheOfficesOwnNoteBlankByDefault(t *testing.T) {
	e := newEnv(t)
	p := e.create("op_pbg", jftBody(ahmad, siti))
	var pdf []byte
	e.api("op_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/letter.pdf", nil, &pdf)
	text := pdfText(t, pdf)
	for _, verdict := range []string{"Syarat terpenuhi", "Perlu dilengkapi", "Syarat tidak terpenuhi"} {
		if strings.Contains(text, verdict) {
			t.Errorf("the letter prints the app's verdict %q in Ket.", verdict)
		}
	}
	var got proposalJSON
	if st := e.api("op_pbg", "PUT", "/api/v1/proposals/"+itoa(p.ID)+"/notes",
		map[string]any{"version": p.Version, "notes": map[string]string{ahmadNIP: "Mutasi dari Kab. Banyumas"}}, &got); st != 200 {
		t.Fatalf("notes: %d %s", st, got.Error)
	}
	if st := e.api("op_pbg", "PUT", "/api/v1/proposals/"+itoa(p.ID)+"/notes",
		map[string]any{"version": p.Version, "notes": map[string]string{ahmadNIP: "x"}}, nil); st != 409 {
		t.Errorf("a stale notes edit: %d, want 409", st)
	}
	if st := e.api("kp_bjn", "PUT", "/api/v1/proposals/"+itoa(p.ID)+"/notes",
		map[string]any{"version": got.Version, "notes": map[string]string{ahmadNIP: "x"}}, nil); st != 404 {
		t.Errorf("another office's notes edit: %d, want 404", st)
	}
	// An edit of the candidates keeps the note.
	if st := e.api("op_pbg", "PATCH", "/api/v1/proposals/"+itoa(p.ID),
		map[string]any{"version": got.Version, "candidates": []map[string]any{ahmad, siti}}, &got); st != 200 {
		t.Fatalf("edit: %d %s", st, got.Error)
	}
	e.api("op_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/letter.pdf", nil, &pdf)
	if text := pdfText(t, pdf); !strings.Contains(text, "Ahli Mutasi dari Kab.") || !strings.Contains(text, "Pertama Banyumas") {
		t.Errorf("the letter lacks the office's note:\n%s", text)
	}
	b := e.browser()
	b.login("op_pbg")
	if _, page := b.do("GET", "/proposals/"+itoa(p.ID), nil); !strings.Contains(page, `name="note_`+ahmadNIP+`" value="Mutasi dari Kab. Banyumas"`) {
		t.Error("the proposal page does not offer the note for editing")
	}
}

// TestLettersWriteEducationAsTheMinistryDoesAndTheStaffingLetterHasTembusan.
func TestLettersWriteEducationAsTheMinistryDoesAndTheStaffingLetterHasTembusan(t *testing.T) {
	e := newEnv(t)
	d3 := candidate(ahmadNIP, "Ahmad Fauzi, A.Md.", "1992-03-15", "L")
	d3["education_level"] = "D3"
	p := e.create("op_pbg", jftBody(d3))
	var pdf []byte
	e.api("op_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/letter.pdf", nil, &pdf)
	if text := pdfText(t, pdf); !strings.Contains(text, "D-III Teknik") || strings.Contains(text, "D3 Teknik") {
		t.Errorf("the nominative list does not write D-III:\n%s", text)
	}
	body := unlawfulStaffing()
	body["mechanism"], body["education_level"] = "outsourcing", "D4"
	sp := e.create("op_pbg", body)
	e.api("op_pbg", "GET", "/api/v1/proposals/"+itoa(sp.ID)+"/letter.pdf", nil, &pdf)
	text := staffingPDFText(t, pdf)
	if !strings.Contains(text, "D-IV") || !strings.Contains(text, "Tembusan") {
		t.Errorf("the staffing letter lacks D-IV or its Tembusan:\n%s", text)
	}
}

// TestAdminKeepsTheRequiredDocuments: the table lists the Go catalogue per
// route; an admin's choice changes what submit requires; others may not.
func TestAdminKeepsTheRequiredDocuments(t *testing.T) {
	e := newEnv(t)
	set := map[string]any{"kind": "jft", "route": "pengangkatan_pertama", "item": "doc:sehat", "required": false}
	if st := e.api("op_pbg", "PUT", "/api/v1/required-documents", set, nil); st != 403 {
		t.Errorf("an operator changes required documents: %d", st)
	}
	if st := e.api("admin1", "PUT", "/api/v1/required-documents", map[string]any{"kind": "jft", "route": "x", "item": "sehat", "required": false}, nil); st != 400 {
		t.Errorf("an unknown route: %d, want 400", st)
	}
	if st := e.api("admin1", "PUT", "/api/v1/required-documents", set, nil); st != 200 {
		t.Fatalf("admin sets sehat not required: %d", st)
	}
	var cl struct {
		Items []struct {
			Item     string `json:"item"`
			Required bool   `json:"required"`
		} `json:"items"`
		Required int `json:"required"`
	}
	p := e.createBare("op_pbg", jftBody(ahmad))
	e.api("op_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/checklist", nil, &cl)
	if cl.Required != 8 || len(cl.Items) != 9 || cl.Items[6].Item != "doc:sehat" || cl.Items[6].Required {
		t.Errorf("checklist after the change: %+v", cl)
	}
	admin := e.browser()
	admin.login("admin1")
	_, page := admin.do("GET", "/admin/required-documents", nil)
	for _, want := range []string{"Jabatan fungsional — Pengangkatan Pertama", "Tenaga pendukung", "Surat keterangan sehat",
		`id="req_pengangkatan_pertama_sehat">Jadikan wajib</button>`, `id="req_perpindahan_sehat">Jadikan tidak wajib</button>`,
		"Bukti ketersediaan anggaran (DIPA/POK)"} {
		if !strings.Contains(page, want) {
			t.Errorf("required documents page lacks %q", want)
		}
	}
}

// TestTheListShowsHowManyPeopleAStaffingRequestAsksFor (not "0 candidates").
func TestTheListShowsHowManyPeopleAStaffingRequestAsksFor(t *testing.T) {
	e := newEnv(t)
	body := unlawfulStaffing()
	body["mechanism"], body["count"] = "outsourcing", 3
	e.create("op_pbg", body)
	e.create("op_pbg", jftBody(ahmad, siti))
	b := e.browser()
	b.login("op_pbg")
	_, page := b.do("GET", "/proposals", nil)
	if !strings.Contains(page, `<td class="hide-sm">3 orang diminta</td>`) || !strings.Contains(page, `<td class="hide-sm">2</td>`) {
		t.Error("the list does not show the requested count and the candidates")
	}
	var list struct {
		Items []struct {
			Kind      string `json:"kind"`
			Requested int    `json:"requested_count"`
		} `json:"items"`
	}
	e.api("op_pbg", "GET", "/api/v1/proposals?kind=staffing", nil, &list)
	if len(list.Items) != 1 || list.Items[0].Requested != 3 {
		t.Errorf("API requested_count: %+v", list.Items)
	}
}
