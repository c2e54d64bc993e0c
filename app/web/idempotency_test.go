package web

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/kemenagjateng/usulan/app/clock"
)

// keyed sends a JSON POST with an Idempotency-Key and returns the status,
// the raw answer and whether it was a replay.
func (e *env) keyed(user, path, key string, body any) (int, []byte, bool) {
	e.t.Helper()
	b, _ := json.Marshal(body)
	req := httptest.NewRequest("POST", path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+e.tok[user])
	req.Header.Set("Idempotency-Key", key)
	resp, err := e.app.Test(req, -1)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, raw, resp.Header.Get("Idempotent-Replayed") == "true"
}

func (e *env) countRows(table string, where string, args ...any) int {
	e.t.Helper()
	q := e.db.NewSelect().TableExpr(table)
	if where != "" {
		q = q.Where(where, args...)
	}
	n, err := q.Count(e.t.Context())
	if err != nil {
		e.t.Fatal(err)
	}
	return int(n)
}

func TestIdempotencyKeyReplaysTheFirstCreate(t *testing.T) {
	e := newEnv(t)
	body := jftBody(ahmad)
	st1, raw1, replay1 := e.keyed("op_pbg", "/api/v1/proposals", "usul-001", body)
	if st1 != 201 || replay1 {
		t.Fatalf("first: %d replay=%v %s", st1, replay1, raw1)
	}
	st2, raw2, replay2 := e.keyed("op_pbg", "/api/v1/proposals", "usul-001", body)
	if st2 != 201 || !replay2 || !bytes.Equal(raw1, raw2) {
		t.Fatalf("retry: %d replay=%v\nfirst %s\nretry %s", st2, replay2, raw1, raw2)
	}
	if n := e.countRows("proposals", ""); n != 1 {
		t.Fatalf("proposals after a retried create: %d, want 1", n)
	}

	// The same key with another body: refused, nothing written.
	other := jftBody(siti)
	st, raw, _ := e.keyed("op_pbg", "/api/v1/proposals", "usul-001", other)
	if st != 422 || !bytes.Contains(raw, []byte(`"Idempotency-Key"`)) {
		t.Fatalf("same key, other body: %d %s", st, raw)
	}
	// The same key on another path is another request too.
	if st, raw, _ := e.keyed("op_pbg", "/api/v1/obstacles", "usul-001", body); st != 422 {
		t.Fatalf("same key, other path: %d %s", st, raw)
	}
	// Another user's key space is their own.
	if st, raw, replay := e.keyed("op_bjn", "/api/v1/proposals", "usul-001", body); st != 201 || replay {
		t.Fatalf("other user, same key: %d replay=%v %s", st, replay, raw)
	}
	if n := e.countRows("proposals", ""); n != 2 {
		t.Fatalf("proposals: %d, want 2", n)
	}
	// Without a key every POST creates.
	e.createBare("op_pbg", body)
	if n := e.countRows("proposals", "office_id = (SELECT id FROM offices WHERE code = 'Kk.11.03')"); n != 2 {
		t.Fatalf("Kk.11.03 proposals: %d, want 2", n)
	}
	// A malformed key is a 400 naming the header.
	if st, raw, _ := e.keyed("op_pbg", "/api/v1/proposals", "kunci\u00e9", body); st != 400 ||
		!bytes.Contains(raw, []byte(`"Idempotency-Key"`)) {
		t.Fatalf("non-ASCII key: %d %s", st, raw)
	}
}

// A failed request frees its key: the corrected retry with the same key is
// a new request, and its answer is the one replayed afterwards.
func TestIdempotencyKeyFreedByAFailure(t *testing.T) {
	e := newEnv(t)
	bad := jftBody(ahmad)
	bad["position"] = "juru_sulap"
	if st, raw, _ := e.keyed("op_pbg", "/api/v1/proposals", "k-2", bad); st < 400 || st >= 500 {
		t.Fatalf("bad body: %d %s", st, raw)
	}
	if n := e.countRows("idempotency_keys", ""); n != 0 {
		t.Fatalf("keys kept after a failure: %d", n)
	}
	if st, raw, replay := e.keyed("op_pbg", "/api/v1/proposals", "k-2", jftBody(ahmad)); st != 201 || replay {
		t.Fatalf("retry after the failure: %d %v %s", st, replay, raw)
	}
}

// Keys expire after a day on the service clock; an expired key creates anew.
func TestIdempotencyKeyExpires(t *testing.T) {
	e := newEnv(t)
	manual := clock.NewManual(time.Date(2026, 11, 30, 3, 0, 0, 0, time.UTC))
	e.svc.Clock = manual
	body := jftBody(ahmad)
	if st, raw, _ := e.keyed("op_pbg", "/api/v1/proposals", "k-exp", body); st != 201 {
		t.Fatalf("first: %d %s", st, raw)
	}
	manual.Advance(23 * time.Hour)
	if st, _, replay := e.keyed("op_pbg", "/api/v1/proposals", "k-exp", body); st != 201 || !replay {
		t.Fatalf("after 23 h: %d replay=%v, want a replay", st, replay)
	}
	manual.Advance(time.Hour)
	if st, _, replay := e.keyed("op_pbg", "/api/v1/proposals", "k-exp", body); st != 201 || replay {
		t.Fatalf("after 24 h: %d replay=%v, want a new create", st, replay)
	}
	if n := e.countRows("proposals", ""); n != 2 {
		t.Fatalf("proposals: %d, want 2", n)
	}
	if n := e.countRows("idempotency_keys", ""); n != 1 {
		t.Fatalf("key rows: %d, want 1 (the expired one deleted)", n)
	}
}

// Racing requests with one key leave one proposal; every answer is that
// proposal (201) or "still running" (409).
func TestIdempotencyKeyRace(t *testing.T) {
	e := newEnv(t)
	body := jftBody(ahmad)
	const n = 6
	var wg sync.WaitGroup
	type answer struct {
		st  int
		raw []byte
	}
	answers := make([]answer, n)
	b, _ := json.Marshal(body)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req := httptest.NewRequest("POST", "/api/v1/proposals", bytes.NewReader(b))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+e.tok["op_pbg"])
			req.Header.Set("Idempotency-Key", "race-1")
			resp, err := e.app.Test(req, -1)
			if err != nil {
				t.Error(err)
				return
			}
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			answers[i] = answer{resp.StatusCode, raw}
		}()
	}
	wg.Wait()
	var created []byte
	for _, a := range answers {
		switch a.st {
		case 201:
			if created != nil && !bytes.Equal(created, a.raw) {
				t.Errorf("two different 201 answers:\n%s\n%s", created, a.raw)
			}
			created = a.raw
		case 409:
		default:
			t.Errorf("racing answer %d %s", a.st, a.raw)
		}
	}
	if created == nil {
		t.Fatal("no request created the proposal")
	}
	if got := e.countRows("proposals", ""); got != 1 {
		t.Fatalf("proposals after %d racing requests with one key: %d", n, got)
	}
	if got := e.countRows("candidates", ""); got != 1 {
		t.Fatalf("candidates: %d", got)
	}
}

// An upload retried with the same key (a new multipart boundary, as clients
// pick) stores one document.
func TestIdempotencyKeyMultipartUpload(t *testing.T) {
	e := newEnv(t)
	p := e.createBare("op_pbg", jftBody(ahmad))
	send := func(content []byte) (int, bool) {
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		_ = w.WriteField("candidate", "199203152019031004")
		_ = w.WriteField("item", "ijazah")
		_ = w.WriteField("version", itoa(p.Version))
		fw, _ := w.CreateFormFile("file", "ijazah.pdf")
		_, _ = fw.Write(content)
		_ = w.Close()
		req := httptest.NewRequest("POST", "/api/v1/proposals/"+itoa(p.ID)+"/attachments", &body)
		req.Header.Set("Content-Type", w.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+e.tok["op_pbg"])
		req.Header.Set("Idempotency-Key", "up-1")
		resp, err := e.app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode, resp.Header.Get("Idempotent-Replayed") == "true"
	}
	if st, replay := send(samplePDF); st != 201 || replay {
		t.Fatalf("first upload: %d %v", st, replay)
	}
	if st, replay := send(samplePDF); st != 201 || !replay {
		t.Fatalf("retried upload: %d %v", st, replay)
	}
	if st, _ := send(append([]byte(nil), append(samplePDF, '\n')...)); st != 422 {
		t.Fatalf("same key, other file: %d", st)
	}
	if n := e.countRows("attachments", "proposal_id = ?", p.ID); n != 1 {
		t.Fatalf("attachments: %d, want 1", n)
	}
}
