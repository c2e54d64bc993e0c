package web

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http/httptest"

	"github.com/kemenagjateng/usulan/models"
)

// Small documents whose type net/http sniffs from their first bytes.
var (
	samplePDF  = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	samplePNG  = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0}, 40)...)
	sampleJPEG = append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), bytes.Repeat([]byte{1}, 40)...)
	sampleHTML = []byte("<html><body><script>alert(1)</script></body></html>")
)

func (e *env) userID(name string) int64 {
	e.t.Helper()
	var id int64
	if err := e.db.NewSelect().Table("users").Column("id").Where("username = ?", name).Scan(e.t.Context(), &id); err != nil {
		e.t.Fatal(err)
	}
	return id
}

// forceState puts a proposal in a state as if the workflow had led it there:
// submitted by the head, claimed by ver1 from in_review on.
func (e *env) forceState(id int64, st models.Status) {
	e.t.Helper()
	q := e.db.NewUpdate().Table("proposals").Set("status = ?", st).Where("id = ?", id)
	switch st {
	case models.StatusDraft:
	case models.StatusSubmitted, models.StatusWithdrawn:
		q = q.Set("submitted_by = ?", e.userID("kp_pbg"))
	default:
		q = q.Set("submitted_by = ?", e.userID("kp_pbg")).Set("reviewer_id = ?", e.userID("ver1"))
	}
	if _, err := q.Exec(e.t.Context()); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) get(user string, id int64) proposalJSON {
	e.t.Helper()
	var p proposalJSON
	if st := e.api(user, "GET", "/api/v1/proposals/"+itoa(id), nil, &p); st != 200 {
		e.t.Fatalf("get %d: %d", id, st)
	}
	return p
}

func (e *env) countEvents(id int64, action string) int {
	e.t.Helper()
	q := e.db.NewSelect().Table("events").Where("proposal_id = ?", id)
	if action != "" {
		q = q.Where("action = ?", action)
	}
	n, err := q.Count(e.t.Context())
	if err != nil {
		e.t.Fatal(err)
	}
	return int(n)
}

// upload sends a document through the API as user and decodes the answer.
func (e *env) upload(user string, id int64, candidate, item string, version int64, name string, content []byte) (int, map[string]any) {
	e.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("candidate", candidate)
	_ = w.WriteField("item", item)
	_ = w.WriteField("version", itoa(version))
	fw, _ := w.CreateFormFile("file", name)
	_, _ = fw.Write(content)
	_ = w.Close()
	req := httptest.NewRequest("POST", "/api/v1/proposals/"+itoa(id)+"/attachments", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+e.tok[user])
	resp, err := e.app.Test(req, -1)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := map[string]any{}
	_ = json.Unmarshal(raw, &out)
	return resp.StatusCode, out
}

// reviewJSON is GET /api/v1/proposals/{id}/review.
type reviewJSON struct {
	Status       string `json:"status"`
	Version      int64  `json:"version"`
	OverrideNote string `json:"override_note"`
	CanRecord    bool   `json:"can_record"`
	Wanting      int    `json:"wanting"`
	Subjects     []struct {
		Candidate string `json:"candidate"`
		Name      string `json:"name"`
		Rules     []reviewItemJSON
		Documents []reviewItemJSON
	} `json:"subjects"`
	Changes *struct {
		Fields []struct {
			Subject, Field, Before, After string
		} `json:"fields"`
		Documents []struct {
			Subject     string `json:"subject"`
			Item        string `json:"item"`
			FileName    string `json:"file_name"`
			Replaced    bool   `json:"replaced"`
			OldFileName string `json:"old_file_name"`
		} `json:"documents"`
	} `json:"changes"`
	Revision *struct {
		Note  string `json:"note"`
		Items []struct {
			Candidate, Name, Item, Label, Finding, Note string
		} `json:"items"`
	} `json:"revision"`
	Error string `json:"error"`
}

type reviewItemJSON struct {
	Item       string `json:"item"`
	Result     string `json:"result"`
	Finding    string `json:"finding"`
	Note       string `json:"note"`
	Changed    bool   `json:"changed"`
	Attachment *struct {
		ID       int64  `json:"id"`
		FileName string `json:"file_name"`
	} `json:"attachment"`
}

func (e *env) review(user string, id int64) reviewJSON {
	e.t.Helper()
	var r reviewJSON
	if st := e.api(user, "GET", "/api/v1/proposals/"+itoa(id)+"/review", nil, &r); st != 200 {
		e.t.Fatalf("review as %s: %d %s", user, st, r.Error)
	}
	return r
}

func (e *env) findings(user string, id int64, fs ...map[string]any) (int, reviewJSON) {
	e.t.Helper()
	var r reviewJSON
	st := e.api(user, "PUT", "/api/v1/proposals/"+itoa(id)+"/findings", map[string]any{"findings": fs}, &r)
	return st, r
}

func finding(nip, item, f, note string) map[string]any {
	return map[string]any{"candidate": nip, "item": item, "finding": f, "note": note}
}

// submitted files a proposal of two candidates and has the head submit it;
// with claim, ver1 claims it too.
func (e *env) submitted(claim bool) proposalJSON {
	e.t.Helper()
	p := e.create("op_pbg", jftBody(ahmad, siti))
	st, p := e.act("kp_pbg", p.ID, "submit", p.Version, nil)
	if st != 200 {
		e.t.Fatalf("submit: %d %s", st, p.Error)
	}
	if claim {
		if st, p = e.act("ver1", p.ID, "claim", p.Version, nil); st != 200 {
			e.t.Fatalf("claim: %d %s", st, p.Error)
		}
	}
	return p
}
