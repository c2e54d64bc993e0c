package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/access/scopecheck"
	"github.com/kemenagjateng/usulan/app/auth"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/config"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/app/workflow/workflowtest"
	"github.com/kemenagjateng/usulan/models"
)

const testPassword = "rahasia-Sekali-123"

// env is one application on a fresh database with users of two regency
// offices and the province.
type env struct {
	t   testing.TB
	db  *bun.DB
	app *fiber.App
	svc *workflow.Service
	tok map[string]string // username → API token
	cfg *config.Config
}

func newEnv(t *testing.T) *env {
	t.Helper()
	t.Parallel() // every test has a database of its own
	return newEnvTB(t)
}

// newEnvTB is newEnv for any testing.TB (a fuzz target's *testing.F), not parallel.
func newEnvTB(t testing.TB) *env {
	t.Helper()
	d := dbtest.Open(t)
	scope := &scopecheck.Hook{DB: d}
	d = dbtest.WithQueryHook(t, d, scope)
	t.Cleanup(func() {
		for _, f := range scope.Findings() {
			t.Errorf("unscoped query for a regency user: %s", f)
		}
	})
	cheap := config.CheapPasswordHash
	cfg := &config.Config{BaseURL: "http://usulan.test", UploadLimit: 2 << 20, DataDir: t.TempDir(), PasswordHash: &cheap}
	// The dates in these tests are written for this day.
	svc := workflow.New(d, cfg.BaseURL, clock.On(models.MustDate("2026-11-30")))
	users := auth.New(d, clock.Func(svc.Now), cfg.PasswordHash)
	app := New(Deps{DB: d, Config: cfg, Workflow: svc, Auth: users, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	e := &env{t: t, db: d, app: app, svc: svc, tok: map[string]string{}, cfg: cfg}
	workflowtest.CompleteOffices(t, d) // letters are numbered only on a complete office record
	for _, u := range []struct{ name, role, office string }{
		{"op_pbg", "operator", "Kk.11.03"}, {"kp_pbg", "kepala", "Kk.11.03"},
		{"op_bjn", "operator", "Kk.11.04"}, {"kp_bjn", "kepala", "Kk.11.04"},
		{"ver1", "verifikator", ""}, {"ver2", "verifikator", ""}, {"admin1", "admin", ""},
	} {
		if _, err := users.CreateUser(context.Background(), auth.NewUser{Username: u.name, Name: "Pak " + u.name,
			NIP: "198001012005011001", Role: models.Role(u.role), OfficeCode: u.office, Password: testPassword}); err != nil {
			t.Fatalf("create %s: %v", u.name, err)
		}
		tok, err := users.CreateToken(context.Background(), u.name)
		if err != nil {
			t.Fatal(err)
		}
		e.tok[u.name] = tok
	}
	return e
}

// api calls the JSON API as user and decodes the answer into out (if not nil).
func (e *env) api(user, method, path string, body any, out any) int {
	e.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req := httptest.NewRequest(method, path, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if user != "" {
		req.Header.Set("Authorization", "Bearer "+e.tok[user])
	}
	resp, err := e.app.Test(req, -1)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if out != nil {
		if p, ok := out.(*[]byte); ok {
			*p = raw
		} else if err := json.Unmarshal(raw, out); err != nil {
			e.t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, raw)
		}
	}
	return resp.StatusCode
}

func candidate(nip, name, birth, gender string) map[string]any {
	return map[string]any{"nip": nip, "name": name, "birth_date": birth, "gender": gender, "employment_status": "pns",
		"rank": "III/a", "education_level": "S1", "education_field": "Teknik Informatika",
		"performance": map[string]string{"2025": "baik", "2024": "baik"}, "experience_months": 30,
		"competency_test_passed": true, "discipline": map[string]any{"ongoing": false},
		"health_statement": true, "integrity_statement": true, "vacancy_available": true}
}

var (
	ahmad = candidate("199203152019031004", "Ahmad Fauzi, S.Kom.", "1992-03-15", "L")
	siti  = candidate("199508172020122003", "Siti Nur\u2019aini, S.Kom.", "1995-08-17", "P")
)

func jftBody(cands ...map[string]any) map[string]any {
	return map[string]any{"kind": "jft", "position": "pranata_komputer", "level": "ahli_pertama",
		"route": "pengangkatan_pertama", "reference_date": "2026-11-30", "candidates": cands}
}

type proposalJSON struct {
	ID           int64   `json:"id"`
	Office       string  `json:"office"`
	Status       string  `json:"status"`
	Version      int64   `json:"version"`
	Level        string  `json:"level"`
	LetterNumber *string `json:"letter_number"`
	Verdict      string  `json:"verdict"`
	Candidates   []struct {
		NIP     string `json:"nip"`
		Name    string `json:"name"`
		Verdict string `json:"verdict"`
		Checks  []struct {
			Rule, Result, Detail, Basis string
		} `json:"checks"`
	} `json:"candidates"`
	Error  string            `json:"error"`
	Fields map[string]string `json:"fields"`
}

func (e *env) create(user string, body map[string]any) proposalJSON {
	e.t.Helper()
	var p proposalJSON
	if st := e.api(user, "POST", "/api/v1/proposals", body, &p); st != 201 {
		e.t.Fatalf("create: %d %+v", st, p)
	}
	workflowtest.AttachRequired(e.t, e.db, p.ID) // as an office ready to submit
	return p
}

// createBare files a proposal without uploading its documents.
func (e *env) createBare(user string, body map[string]any) proposalJSON {
	e.t.Helper()
	var p proposalJSON
	if st := e.api(user, "POST", "/api/v1/proposals", body, &p); st != 201 {
		e.t.Fatalf("create: %d %+v", st, p)
	}
	return p
}

// acceptDocs records sesuai for every uploaded document of a proposal, as
// ver1 would before verifying.
func (e *env) acceptDocs(id int64) {
	e.t.Helper()
	workflowtest.AcceptDocuments(e.t, e.db, id, e.userID("ver1"))
}

func (e *env) act(user string, id int64, action string, version int64, extra map[string]any) (int, proposalJSON) {
	e.t.Helper()
	body := map[string]any{"action": action, "version": version}
	for k, v := range extra {
		body[k] = v
	}
	var p proposalJSON
	st := e.api(user, "POST", "/api/v1/proposals/"+itoa(id)+"/transitions", body, &p)
	return st, p
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// browser is a person with a cookie jar, going through pages and forms.
type browser struct {
	t       testing.TB
	app     *fiber.App
	cookies map[string]string
}

func (e *env) browser() *browser { return &browser{t: e.t, app: e.app, cookies: map[string]string{}} }

func (b *browser) do(method, path string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	var r io.Reader
	if form != nil {
		r = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, r)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range b.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	resp, err := b.app.Test(req, -1)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	// Like a browser, expiry is judged by the server's Date header.
	served, _ := http.ParseTime(resp.Header.Get("Date"))
	for _, c := range resp.Cookies() {
		if c.MaxAge < 0 || (!c.Expires.IsZero() && !c.Expires.After(served)) || c.Value == "" {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c.Value
		}
	}
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

var csrfRE = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// csrf loads path and returns the form's CSRF token.
func (b *browser) csrf(path string) string {
	b.t.Helper()
	_, body := b.do("GET", path, nil)
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		b.t.Fatalf("no CSRF token on %s", path)
	}
	return m[1]
}

func (b *browser) login(user string) {
	b.t.Helper()
	tok := b.csrf("/login")
	resp, body := b.do("POST", "/login", url.Values{"_csrf": {tok}, "username": {user}, "password": {testPassword}})
	if resp.StatusCode != 303 {
		b.t.Fatalf("login %s: %d %s", user, resp.StatusCode, body)
	}
}

// principalOf loads a user as the access layer sees it.
func principalOf(t *testing.T, e *env, username string) access.Principal {
	t.Helper()
	u, err := auth.UserByUsername(context.Background(), e.db, username)
	if err != nil {
		t.Fatal(err)
	}
	return access.FromUser(u)
}
