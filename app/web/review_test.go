package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kemenagjateng/usulan/app/background"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/notify"
	"github.com/kemenagjateng/usulan/app/notify/smtptest"
	"github.com/kemenagjateng/usulan/models"
)

// TestRevisionRoundShowsTheOfficeWhatToFixAndTheVerifierWhatChanged is one
// full round: findings per item, sent back, fixed, resubmitted, the diff,
// verified; each decision keeps its findings on the timeline.
func TestRevisionRoundShowsTheOfficeWhatToFixAndTheVerifierWhatChanged(t *testing.T) {
	e := newEnv(t)
	p := e.create("op_pbg", jftBody(ahmad, siti))
	if st, out := e.upload("op_pbg", p.ID, ahmadNIP, "ijazah", p.Version, "ijazah-ahmad.pdf", samplePDF); st != 201 {
		t.Fatalf("upload: %d %v", st, out)
	}
	p = e.get("op_pbg", p.ID)
	_, p = e.act("kp_pbg", p.ID, "submit", p.Version, nil)
	_, p = e.act("ver1", p.ID, "claim", p.Version, nil)

	r := e.review("ver1", p.ID)
	if !r.CanRecord || len(r.Subjects) != 3 {
		t.Fatalf("review: can_record %v, %d subjects (2 candidates + the proposal)", r.CanRecord, len(r.Subjects))
	}
	if len(r.Subjects[0].Rules) == 0 || len(r.Subjects[0].Documents) == 0 || r.Subjects[0].Documents[4].Attachment == nil {
		t.Fatalf("first candidate lacks rules, documents or the uploaded ijazah: %+v", r.Subjects[0])
	}
	st, r := e.findings("ver1", p.ID,
		finding(ahmadNIP, "doc:ijazah", "tidak_sesuai", "Ijazah tidak terbaca, unggah ulang"),
		finding(sitiNIP, "rule:performance", "tidak_sesuai", "SKP 2024 belum dilampirkan"),
		finding(sitiNIP, "rule:nip_format", "sesuai", ""))
	if st != 200 || r.Wanting != 2 {
		t.Fatalf("findings: %d, %d wanting", st, r.Wanting)
	}
	if st, _ := e.findings("ver1", p.ID, finding(ahmadNIP, "doc:tidak_ada", "sesuai", "")); st != 400 {
		t.Fatalf("finding on an unknown item: %d, want 400", st)
	}
	if st, _ := e.findings("ver1", p.ID, finding(ahmadNIP, "doc:ijazah", "mungkin", "")); st != 400 {
		t.Fatalf("unknown finding: %d, want 400", st)
	}
	if st, got := e.act("ver1", p.ID, "verify", p.Version, nil); st != 422 {
		t.Fatalf("verify with items found wanting: %d %s, want 422", st, got.Error)
	}
	st, p = e.act("ver1", p.ID, "request_revision", p.Version, map[string]any{"note": "Dua butir perlu diperbaiki"})
	if st != 200 {
		t.Fatalf("request_revision: %d %s", st, p.Error)
	}
	// Findings are frozen outside a review.
	if st, _ := e.findings("ver1", p.ID, finding(ahmadNIP, "doc:ijazah", "sesuai", "")); st != 409 {
		t.Fatalf("findings while sent back: %d, want 409", st)
	}

	// The office sees exactly what to fix, on the API and the page.
	off := e.review("op_pbg", p.ID)
	if off.Revision == nil || off.Revision.Note != "Dua butir perlu diperbaiki" || len(off.Revision.Items) != 2 {
		t.Fatalf("office's revision request: %+v", off.Revision)
	}
	b := e.browser()
	b.login("op_pbg")
	_, page := b.do("GET", "/proposals/"+itoa(p.ID), nil)
	for _, want := range []string{"Yang perlu diperbaiki", "Ijazah tidak terbaca, unggah ulang", "SKP 2024 belum dilampirkan",
		"Predikat kinerja", "Dua butir perlu diperbaiki"} {
		if !strings.Contains(page, want) {
			t.Errorf("office's page lacks %q", want)
		}
	}
	if strings.Contains(page, "Nomor NIP") && strings.Contains(page, "Format NIP — ") {
		t.Error("an item found sesuai is listed as wanting")
	}

	// The office fixes: a field and a document.
	var patched proposalJSON
	fixed := candidate(sitiNIP, "Siti Nur\u2019aini, S.Kom.", "1995-08-17", "P")
	fixed["performance"] = map[string]string{"2025": "sangat_baik", "2024": "baik"}
	if st := e.api("op_pbg", "PATCH", "/api/v1/proposals/"+itoa(p.ID), map[string]any{"candidates": []any{ahmad, fixed},
		"version": p.Version}, &patched); st != 200 {
		t.Fatalf("patch: %d %s", st, patched.Error)
	}
	if st, out := e.upload("op_pbg", p.ID, ahmadNIP, "ijazah", patched.Version, "ijazah-ahmad-jelas.png", samplePNG); st != 201 {
		t.Fatalf("replace: %d %v", st, out)
	}
	p = e.get("kp_pbg", p.ID)
	if st, p = e.act("kp_pbg", p.ID, "resubmit", p.Version, nil); st != 200 {
		t.Fatalf("resubmit: %d %s", st, p.Error)
	}

	// The verifier sees what changed since the last review.
	r = e.review("ver1", p.ID)
	if r.Changes == nil || len(r.Changes.Fields) != 1 || len(r.Changes.Documents) != 1 {
		t.Fatalf("changes: %+v", r.Changes)
	}
	f := r.Changes.Fields[0]
	if !strings.Contains(f.Subject, sitiNIP) || f.Field != "Predikat kinerja 2025" || f.Before != "Baik" || f.After != "Sangat Baik" {
		t.Errorf("field change: %+v", f)
	}
	d := r.Changes.Documents[0]
	if d.Item != "doc:ijazah" || !d.Replaced || d.OldFileName != "ijazah-ahmad.pdf" || d.FileName != "ijazah-ahmad-jelas.png" {
		t.Errorf("document change: %+v", d)
	}
	if !r.Subjects[0].Documents[4].Changed {
		t.Error("the replaced document is not marked changed")
	}
	b2 := e.browser()
	b2.login("ver1")
	_, page = b2.do("GET", "/proposals/"+itoa(p.ID)+"/review", nil)
	for _, want := range []string{"Perubahan sejak pemeriksaan terakhir", "Predikat kinerja 2025", "Sangat Baik",
		"ijazah-ahmad-jelas.png", "ijazah-ahmad.pdf", "Simpan temuan"} {
		if !strings.Contains(page, want) {
			t.Errorf("review page lacks %q", want)
		}
	}

	// Both items now pass; the verifier verifies.
	e.findings("ver1", p.ID, finding(ahmadNIP, "doc:ijazah", "sesuai", "Sudah jelas"),
		finding(sitiNIP, "rule:performance", "sesuai", ""))
	e.acceptDocs(p.ID)
	if st, got := e.act("ver1", p.ID, "verify", p.Version, map[string]any{"note": "Lengkap"}); st != 200 || got.Status != "verified" {
		t.Fatalf("verify: %d %s", st, got.Error)
	}
	evs := events(e, "op_pbg", p.ID)
	var rr, ver string
	for _, ev := range evs {
		switch ev.Action {
		case "request_revision":
			rr = string(ev.Data)
		case "verify":
			ver = string(ev.Data)
		}
	}
	if !strings.Contains(rr, "tidak_sesuai") || !strings.Contains(rr, "Ijazah tidak terbaca") {
		t.Errorf("request_revision event lacks its findings: %s", rr)
	}
	if strings.Contains(ver, "tidak_sesuai") || !strings.Contains(ver, "Sudah jelas") {
		t.Errorf("verify event lacks its own findings: %s", ver)
	}
	// The verification sheet carries the findings and notes.
	var pdf []byte
	if st := e.api("ver1", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/verification.pdf", nil, &pdf); st != 200 {
		t.Fatalf("sheet: %d", st)
	}
	text := pdfText(t, pdf)
	for _, want := range []string{"Kelengkapan dokumen", "Ijazah dan transkrip nilai", "Sudah jelas", "Sesuai"} {
		if !strings.Contains(text, want) {
			t.Errorf("verification sheet lacks %q", want)
		}
	}
	// Verified means every required document was uploaded and found sesuai.
	if strings.Contains(text, "Belum diunggah") || strings.Contains(text, "Belum diperiksa") {
		t.Error("a verified sheet lists a document not uploaded or not checked")
	}
}

func TestUploadsAreSniffedSizedAndScoped(t *testing.T) {
	e := newEnv(t)
	e.svc.UploadLimit = 4096
	p := e.create("op_pbg", jftBody(ahmad))
	v := p.Version
	cases := []struct {
		name, user, cand, item, file string
		content                      []byte
		version                      int64
		want                         int
	}{
		{"HTML named .pdf", "op_pbg", ahmadNIP, "sk_cpns", "sk.pdf", sampleHTML, v, 415},
		{"empty", "op_pbg", ahmadNIP, "sk_cpns", "sk.pdf", nil, v, 400},
		{"over the limit", "op_pbg", ahmadNIP, "sk_cpns", "sk.pdf", append(append([]byte{}, samplePDF...), make([]byte, 5000)...), v, 413},
		{"unknown item", "op_pbg", ahmadNIP, "paspor", "sk.pdf", samplePDF, v, 400},
		{"route does not need it", "op_pbg", ahmadNIP, "ukom", "sk.pdf", samplePDF, v, 400},
		{"candidate not on the proposal", "op_pbg", "198001012005011001", "sk_cpns", "sk.pdf", samplePDF, v, 400},
		{"stale version", "op_pbg", ahmadNIP, "sk_cpns", "sk.pdf", samplePDF, v + 5, 409},
		{"verifier", "ver1", ahmadNIP, "sk_cpns", "sk.pdf", samplePDF, v, 403},
		{"another office", "op_bjn", ahmadNIP, "sk_cpns", "sk.pdf", samplePDF, v, 404},
	}
	for _, c := range cases {
		if st, out := e.upload(c.user, p.ID, c.cand, c.item, c.version, c.file, c.content); st != c.want {
			t.Errorf("%s: %d %v, want %d", c.name, st, out, c.want)
		}
	}
	if n := e.countEvents(p.ID, "upload"); n != 0 {
		t.Fatalf("refused uploads left %d events", n)
	}
	// A PNG named .pdf is a PNG; a JPEG too; the whole-proposal item takes no candidate.
	st, out := e.upload("op_pbg", p.ID, "1992 0315 2019 03 1 004", "sk_cpns", v, "scan.pdf", samplePNG)
	if st != 201 || out["content_type"] != "image/png" {
		t.Fatalf("PNG named .pdf: %d %v", st, out)
	}
	sum := sha256.Sum256(samplePNG)
	if out["sha256"] != hex.EncodeToString(sum[:]) {
		t.Errorf("sha256 %v", out["sha256"])
	}
	aid := int64(out["id"].(float64))
	if st, out = e.upload("kp_pbg", p.ID, "", "formasi", v+1, "peta-jabatan.jpg", sampleJPEG); st != 201 || out["content_type"] != "image/jpeg" {
		t.Fatalf("JPEG for the proposal: %d %v", st, out)
	}
	// Download: the same bytes and type within scope, 404 outside.
	var raw []byte
	if st := e.api("ver1", "GET", fmt.Sprintf("/api/v1/proposals/%d/attachments/%d", p.ID, aid), nil, &raw); st != 200 || string(raw) != string(samplePNG) {
		t.Fatalf("download as verifier: %d, %d bytes", st, len(raw))
	}
	for _, path := range []string{fmt.Sprintf("/api/v1/proposals/%d/attachments/%d", p.ID, aid),
		fmt.Sprintf("/api/v1/proposals/%d/attachments", p.ID)} {
		if st := e.api("op_bjn", "GET", path, nil, &raw); st != 404 {
			t.Errorf("another office GET %s: %d, want 404", path, st)
		}
	}
	other := e.create("op_bjn", jftBody(ahmad))
	if st := e.api("op_bjn", "GET", fmt.Sprintf("/api/v1/proposals/%d/attachments/%d", other.ID, aid), nil, &raw); st != 404 {
		t.Errorf("document through another proposal's URL: %d, want 404", st)
	}
	b := e.browser()
	b.login("op_bjn")
	if resp, _ := b.do("GET", fmt.Sprintf("/proposals/%d/attachments/%d", p.ID, aid), nil); resp.StatusCode != 404 {
		t.Errorf("another office's page download: %d", resp.StatusCode)
	}
	// No upload once submitted.
	cur := e.get("kp_pbg", p.ID)
	_, cur = e.act("kp_pbg", p.ID, "submit", cur.Version, nil)
	if st, _ := e.upload("op_pbg", p.ID, ahmadNIP, "sk_pns", cur.Version, "sk.pdf", samplePDF); st != 409 {
		t.Errorf("upload after submit: %d, want 409", st)
	}
}

func TestFileNamesAndNotesAreShownAsTextNeverAsMarkup(t *testing.T) {
	e := newEnv(t)
	p := e.create("op_pbg", jftBody(ahmad))
	evil := `<img src=x onerror=alert(1)>.pdf`
	if st, out := e.upload("op_pbg", p.ID, ahmadNIP, "sk_cpns", p.Version, evil, samplePDF); st != 201 {
		t.Fatalf("upload: %d %v", st, out)
	}
	p = e.get("kp_pbg", p.ID)
	_, p = e.act("kp_pbg", p.ID, "submit", p.Version, nil)
	_, p = e.act("ver1", p.ID, "claim", p.Version, nil)
	e.findings("ver1", p.ID, finding(ahmadNIP, "doc:sk_cpns", "tidak_sesuai", `<script>alert("x")</script>`))
	e.act("ver1", p.ID, "request_revision", p.Version, map[string]any{"note": "<b>tebal</b>"})
	for _, user := range []string{"op_pbg", "ver1"} {
		b := e.browser()
		b.login(user)
		for _, path := range []string{"/proposals/" + itoa(p.ID), "/proposals/" + itoa(p.ID) + "/review"} {
			_, page := b.do("GET", path, nil)
			for _, bad := range []string{"<img src=x", "<script>alert", "<b>tebal</b>"} {
				if strings.Contains(page, bad) {
					t.Errorf("%s %s renders %q as markup", user, path, bad)
				}
			}
			if !strings.Contains(page, "&lt;img src=x onerror=alert(1)&gt;.pdf") && !strings.Contains(page, "&lt;script&gt;") {
				t.Errorf("%s %s lacks the escaped text", user, path)
			}
		}
	}
	// The download names the file in a header parameter, quoted.
	var a struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	e.api("ver1", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/attachments", nil, &a)
	b := e.browser()
	b.login("ver1")
	resp, _ := b.do("GET", fmt.Sprintf("/proposals/%d/attachments/%d", p.ID, a.Items[0].ID), nil)
	if resp.Header.Get("Content-Type") != "application/pdf" || resp.Header.Get("X-Content-Type-Options") != "nosniff" ||
		!strings.HasPrefix(resp.Header.Get("Content-Disposition"), `inline; filename="<img src=x onerror=alert(1)>.pdf"`) {
		t.Errorf("download headers: %v", resp.Header)
	}
}

func TestSubmittingAFailingCandidateNeedsAnOverrideTheVerifierSees(t *testing.T) {
	e := newEnv(t)
	bad := candidate(ahmadNIP, "Ahmad Fauzi, S.Kom.", "1992-03-15", "L")
	bad["rank"] = "IV/a" // above Ahli Pertama's range
	p := e.create("op_pbg", jftBody(bad))
	if p.Verdict != "not_eligible" {
		t.Fatalf("verdict %s", p.Verdict)
	}
	code, got := e.act("kp_pbg", p.ID, "submit", p.Version, nil)
	if code != 422 || got.Fields["override_note"] == "" {
		t.Fatalf("submit of a failing candidate: %d %v", code, got.Fields)
	}
	code, got = e.act("kp_pbg", p.ID, "submit", p.Version, map[string]any{"override_note": "Golongan sedang disesuaikan, SK menyusul"})
	if code != 200 {
		t.Fatalf("submit with override: %d %s", code, got.Error)
	}
	_, got = e.act("ver1", p.ID, "claim", got.Version, nil)
	if r := e.review("ver1", p.ID); r.OverrideNote != "Golongan sedang disesuaikan, SK menyusul" {
		t.Errorf("the verifier does not see the override: %q", r.OverrideNote)
	}
	evs := events(e, "ver1", p.ID)
	if !strings.Contains(string(evs[1].Data), "Golongan sedang disesuaikan") {
		t.Errorf("submit event lacks the override: %s", evs[1].Data)
	}
	b := e.browser()
	b.login("ver1")
	for _, path := range []string{"/proposals/" + itoa(p.ID), "/proposals/" + itoa(p.ID) + "/review"} {
		if _, page := b.do("GET", path, nil); !strings.Contains(page, "Golongan sedang disesuaikan, SK menyusul") {
			t.Errorf("%s does not show the override", path)
		}
	}
}

func TestInboxShowsWhatWaitsForEachRoleWithCountsInTheNavigation(t *testing.T) {
	e := newEnv(t)
	e.create("op_pbg", jftBody(ahmad)) // a draft for the head
	waiting := e.submitted(false)      // unclaimed, for every verifier
	mine := e.submitted(true)          // ver1's review
	back := e.submitted(true)          // to be sent back to the office
	e.act("ver1", back.ID, "request_revision", back.Version, map[string]any{"note": "Lengkapi"})
	e.create("op_bjn", jftBody(ahmad)) // another office's draft
	type inbox struct {
		Sections []struct {
			Key   string `json:"key"`
			Items []struct {
				ID           int64     `json:"id"`
				WaitingSince time.Time `json:"waiting_since"`
			} `json:"items"`
		} `json:"sections"`
		Total int `json:"total"`
	}
	want := map[string]map[string][]int64{
		"ver1":   {"unclaimed": {waiting.ID}, "reviewing": {mine.ID}},
		"ver2":   {"unclaimed": {waiting.ID}, "reviewing": nil},
		"op_pbg": {"returned": {back.ID}},
		"op_bjn": {"returned": nil},
	}
	for user, sections := range want {
		var in inbox
		if st := e.api(user, "GET", "/api/v1/inbox", nil, &in); st != 200 {
			t.Fatalf("%s inbox: %d", user, st)
		}
		total := 0
		for _, s := range in.Sections {
			var ids []int64
			for _, it := range s.Items {
				ids = append(ids, it.ID)
				if it.WaitingSince.IsZero() || e.svc.Now().Sub(it.WaitingSince) > time.Hour {
					t.Errorf("%s %s: waiting since %v", user, s.Key, it.WaitingSince)
				}
			}
			if fmt.Sprint(ids) != fmt.Sprint(sections[s.Key]) {
				t.Errorf("%s %s: %v, want %v", user, s.Key, ids, sections[s.Key])
			}
			total += len(ids)
		}
		if len(in.Sections) != len(sections) || in.Total != total {
			t.Errorf("%s: %d sections, total %d", user, len(in.Sections), in.Total)
		}
	}
	var kp inbox
	e.api("kp_pbg", "GET", "/api/v1/inbox", nil, &kp)
	if kp.Total != 2 { // the draft and the proposal sent back
		t.Errorf("head's inbox total %d, want 2", kp.Total)
	}
	b := e.browser()
	b.login("ver1")
	_, page := b.do("GET", "/", nil)
	if !strings.Contains(page, `id="nav-inbox"`) || !strings.Contains(page, `<span class="count">2</span>`) {
		t.Error("the navigation does not count ver1's two waiting proposals")
	}
	_, page = b.do("GET", "/inbox", nil)
	if !strings.Contains(page, "Usulan masuk, belum diambil") || !strings.Contains(page, "menit") {
		t.Error("the inbox page lacks its sections or waiting times")
	}
}

func TestTransitionsNotifyTheUsersTheyConcern(t *testing.T) {
	e := newEnv(t)
	p := e.create("op_pbg", jftBody(ahmad))
	_, p = e.act("kp_pbg", p.ID, "submit", p.Version, nil)
	unread := func(user string) int {
		var out struct {
			Unread int `json:"unread"`
		}
		e.api(user, "GET", "/api/v1/notifications", nil, &out)
		return out.Unread
	}
	for user, want := range map[string]int{"ver1": 1, "ver2": 1, "op_pbg": 1, "kp_pbg": 0, "op_bjn": 0, "kp_bjn": 0, "admin1": 0} {
		if got := unread(user); got != want {
			t.Errorf("after submit %s has %d unread, want %d", user, got, want)
		}
	}
	_, p = e.act("ver1", p.ID, "claim", p.Version, nil)
	e.act("ver1", p.ID, "request_revision", p.Version, map[string]any{"note": "Lampirkan SKP 2025"})
	if got := unread("kp_pbg"); got != 2 {
		t.Errorf("head after claim and send-back: %d unread, want 2", got)
	}
	if got := unread("ver2"); got != 1 {
		t.Errorf("the other verifier is told of a review not theirs: %d", got)
	}
	var list struct {
		Items []notify.Notification `json:"items"`
	}
	e.api("op_pbg", "GET", "/api/v1/notifications", nil, &list)
	if len(list.Items) != 3 || !strings.Contains(list.Items[0].Message, "Lampirkan SKP 2025") {
		t.Fatalf("operator's notifications: %+v", list.Items)
	}
	e.api("op_pbg", "POST", "/api/v1/notifications/read", map[string]any{}, nil)
	if got := unread("op_pbg"); got != 0 {
		t.Errorf("after marking read: %d", got)
	}
	b := e.browser()
	b.login("kp_pbg")
	if _, page := b.do("GET", "/notifications", nil); !strings.Contains(page, "Lampirkan SKP 2025") {
		t.Error("notifications page lacks the message")
	}
}

func TestNotificationsAreMailedWhenSMTPIsConfigured(t *testing.T) {
	e := newEnv(t)
	sink := smtptest.New(t)
	mailer, err := notify.ParseSMTPURL(sink.URL())
	if err != nil {
		t.Fatal(err)
	}
	e.svc.Mailer = mailer
	// The outbox's worker sends what the transitions queue (app/background).
	engine, err := background.New(background.Deps{Workflow: e.svc, Mailer: mailer, PollInterval: 20 * time.Millisecond, NoPeriodic: true,
		DatabaseURL: dbtest.URLOf(e.db)})
	if err != nil {
		t.Fatal(err)
	}
	if err := engine.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = engine.Stop(context.Background()) })
	// ver1 gives an address on the notifications page; ver2 gives none.
	b := e.browser()
	b.login("ver1")
	tok := b.csrf("/notifications")
	if resp, _ := b.do("POST", "/notifications/email", url.Values{"_csrf": {tok}, "email": {"bukan alamat"}}); resp.StatusCode != 400 {
		t.Fatalf("bad address: %d", resp.StatusCode)
	}
	if resp, _ := b.do("POST", "/notifications/email", url.Values{"_csrf": {tok}, "email": {"ver1@kemenag.test"}}); resp.StatusCode != 303 {
		t.Fatalf("save address: %d", resp.StatusCode)
	}
	p := e.create("op_pbg", jftBody(ahmad))
	if st, _ := e.act("kp_pbg", p.ID, "submit", p.Version, nil); st != 200 {
		t.Fatal("submit")
	}
	select {
	case <-sink.Got:
	case <-time.After(5 * time.Second):
		t.Fatal("no e-mail reached the SMTP server")
	}
	msgs := sink.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want 1 (only ver1 gave an address)", len(msgs))
	}
	if to := strings.Join(msgs[0].To, ","); to != "ver1@kemenag.test" {
		t.Errorf("envelope recipient %q, want ver1@kemenag.test", to)
	}
	m := msgs[0].Data
	for _, want := range []string{"Subject: =?utf-8?q?", "/proposals/" + itoa(p.ID), "From: usulan@kemenag.test"} {
		if !strings.Contains(m, want) {
			t.Errorf("message lacks %q:\n%s", want, m)
		}
	}
}

func TestFindingsFormRecordsItemsAndKeepsWhatWasTypedOnError(t *testing.T) {
	e := newEnv(t)
	p := e.submitted(true)
	b := e.browser()
	b.login("ver1")
	_, page := b.do("GET", "/proposals/"+itoa(p.ID)+"/review", nil)
	tok := csrfRE.FindStringSubmatch(page)[1]
	if !strings.Contains(page, `name="finding:`+ahmadNIP+`:rule:nip_format"`) || !strings.Contains(page, "Surat keterangan sehat") {
		t.Fatal("review page lacks the findings form or the checklist")
	}
	form := url.Values{"_csrf": {tok}, "version": {itoa(p.Version)},
		"finding:" + ahmadNIP + ":rule:nip_format": {"tidak_sesuai"}, "note:" + ahmadNIP + ":rule:nip_format": {"Digit ke-15 salah"},
		"finding:" + ahmadNIP + ":doc:bukan_dokumen": {"sesuai"}}
	resp, page := b.do("POST", "/proposals/"+itoa(p.ID)+"/findings", form)
	if resp.StatusCode != 400 || !strings.Contains(page, `value="Digit ke-15 salah"`) {
		t.Fatalf("bad item: %d, typed note kept %v", resp.StatusCode, strings.Contains(page, "Digit ke-15 salah"))
	}
	form.Del("finding:" + ahmadNIP + ":doc:bukan_dokumen")
	form.Set("finding:"+ahmadNIP+":doc:sehat", "sesuai")
	if resp, _ := b.do("POST", "/proposals/"+itoa(p.ID)+"/findings", form); resp.StatusCode != 303 {
		t.Fatalf("save findings: %d", resp.StatusCode)
	}
	r := e.review("ver1", p.ID)
	if r.Wanting != 1 || r.Subjects[0].Rules[0].Note != "Digit ke-15 salah" {
		t.Fatalf("findings not stored: wanting %d %+v", r.Wanting, r.Subjects[0].Rules[0])
	}
}

var _ = models.StatusDraft

// TestAStaffingRequestIsReviewedItemByItemToo: the same workflow, with the
// request's own rules and documents as items of the proposal itself.
func TestAStaffingRequestIsReviewedItemByItemToo(t *testing.T) {
	e := newEnv(t)
	body := map[string]any{"kind": "staffing", "reference_date": "2026-11-30", "position_title": "Pengelola Website",
		"count": 1, "mechanism": "outsourcing", "education_level": "S1", "education_field": "Teknik Informatika",
		"age_min": 20, "age_max": 35, "monthly_pay": 2000000, "budget_source": "DIPA Kankemenag Kab. Purbalingga 2027",
		"period_start": "2027-01-01", "period_end": "2027-12-31",
		"justification": "Pengelola situs merangkap tugas keuangan; konten wajib UU 14/2008 tidak terpenuhi."}
	p := e.create("op_pbg", body)
	if st, out := e.upload("op_pbg", p.ID, "", "anggaran", p.Version, "dipa.pdf", samplePDF); st != 201 {
		t.Fatalf("upload DIPA: %d %v", st, out)
	}
	p = e.get("kp_pbg", p.ID)
	st, p := e.act("kp_pbg", p.ID, "submit", p.Version, map[string]any{"override_note": "Pagu honor menunggu penetapan"})
	if st != 200 {
		t.Fatalf("submit: %d %s", st, p.Error)
	}
	_, p = e.act("ver1", p.ID, "claim", p.Version, nil)
	r := e.review("ver1", p.ID)
	if len(r.Subjects) != 1 || r.Subjects[0].Candidate != "" || len(r.Subjects[0].Rules) == 0 || len(r.Subjects[0].Documents) != 2 {
		t.Fatalf("staffing review: %+v", r.Subjects)
	}
	if st, r = e.findings("ver1", p.ID, finding("", "rule:justification", "tidak_sesuai", "Uraikan beban kerja per bulan"),
		finding("", "doc:anggaran", "sesuai", "")); st != 200 || r.Wanting != 1 {
		t.Fatalf("findings: %d %d", st, r.Wanting)
	}
	if st, _ := e.act("ver1", p.ID, "request_revision", p.Version, map[string]any{"note": "Lengkapi justifikasi"}); st != 200 {
		t.Fatalf("request_revision: %d", st)
	}
	if off := e.review("op_pbg", p.ID); off.Revision == nil || len(off.Revision.Items) != 1 ||
		off.Revision.Items[0].Note != "Uraikan beban kerja per bulan" {
		t.Fatalf("office's revision request: %+v", off.Revision)
	}
}

func TestTheOfficeSeesFindingsOnlyOnceSentBack(t *testing.T) {
	e := newEnv(t)
	p := e.submitted(true)
	e.findings("ver1", p.ID, finding(ahmadNIP, "doc:sehat", "tidak_sesuai", "Surat sehat kedaluwarsa"))
	if r := e.review("op_pbg", p.ID); r.Wanting != 0 || r.Subjects[0].Documents[6].Note != "" {
		t.Fatalf("the office reads the verifier's working notes: %+v", r.Subjects[0].Documents[6])
	}
	e.act("ver1", p.ID, "request_revision", p.Version, map[string]any{"note": "Perbarui surat sehat"})
	if r := e.review("op_pbg", p.ID); r.Wanting != 1 || r.Subjects[0].Documents[6].Note != "Surat sehat kedaluwarsa" {
		t.Fatalf("the office does not see the findings sent back: %+v", r.Subjects[0].Documents[6])
	}
}
