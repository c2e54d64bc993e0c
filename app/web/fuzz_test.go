package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

// The JSON decoders of the API, fuzzed through the application: whatever the
// body, the answer is never a 5xx (and nothing panics). Seeds are the valid
// bodies of each endpoint and a few broken ones; `go test` runs them, `go
// test -fuzz FuzzAPIBodies ./app/web/` explores further.
func FuzzAPIBodies(f *testing.F) {
	e := newEnvTB(f)
	p := e.createBare("op_pbg", jftBody(ahmad))
	emp := e.employee("op_pbg", map[string]any{"nip": siti["nip"], "name": siti["name"], "birth_date": "1995-08-17",
		"gender": "P", "employment_status": "pns", "rank": "III/a", "education_level": "S1"})
	paths := []struct{ user, method, path string }{
		{"op_pbg", "POST", "/api/v1/proposals"},
		{"op_pbg", "PATCH", "/api/v1/proposals/" + itoa(p.ID)},
		{"kp_pbg", "POST", "/api/v1/proposals/" + itoa(p.ID) + "/transitions"},
		{"op_pbg", "POST", "/api/v1/employees"},
		{"op_pbg", "PUT", "/api/v1/employees/" + itoa(emp.ID)},
		{"admin1", "POST", "/api/v1/employees/" + itoa(emp.ID) + "/move"},
		{"op_pbg", "POST", "/api/v1/eligibility/check"},
		{"op_pbg", "POST", "/api/v1/obstacles"},
		{"op_pbg", "PUT", "/api/v1/proposals/" + itoa(p.ID) + "/notes"},
		{"admin1", "POST", "/api/v1/formations"},
		{"admin1", "PATCH", "/api/v1/users/" + itoa(e.userID("ver2"))},
		{"admin1", "PATCH", "/api/v1/offices/Kk.11.03"},
		{"admin1", "POST", "/api/v1/reference/pay-caps"},
		{"admin1", "PUT", "/api/v1/sla"},
		{"admin1", "POST", "/api/v1/reference/holidays"},
		{"admin1", "POST", "/api/v1/filing-periods"},
		{"admin1", "POST", "/api/v1/delegations"},
		{"admin1", "POST", "/api/v1/bulk/transitions"},
		{"op_pbg", "POST", "/api/v1/obstacles/1/actions"},
		{"admin1", "PUT", "/api/v1/required-documents"},
	}
	seed := func(i uint8, v any) {
		b, _ := json.Marshal(v)
		f.Add(i, b)
	}
	seed(0, jftBody(ahmad))
	seed(0, map[string]any{"kind": "staffing", "title": "Pramubakti", "count": 2})
	seed(1, map[string]any{"version": 1, "level": "ahli_muda"})
	seed(2, map[string]any{"action": "submit", "version": 1})
	seed(2, map[string]any{"action": "complete", "version": 1, "decree_number": "X", "decree_date": "2026-13-40"})
	seed(3, map[string]any{"nip": "199203152019031004", "name": "A", "birth_date": "1992-03-15"})
	seed(4, map[string]any{"version": 1, "nip": "199508172020122003", "name": "S"})
	seed(5, map[string]any{"office": "Kk.11.04", "version": 1, "note": "mutasi"})
	seed(6, map[string]any{"position": "pranata_komputer", "level": "ahli_pertama", "route": "promosi", "candidate": ahmad})
	seed(7, map[string]any{"category": "lainnya", "description": "x", "since": "2026-11-01"})
	seed(8, map[string]any{"version": 1, "notes": map[string]string{"199203152019031004": "ok"}})
	seed(9, map[string]any{"office": "Kk.11.03", "year": 2026, "position": "pranata_komputer", "level": "ahli_pertama", "quota": 3})
	seed(10, map[string]any{"name": "Ver Dua", "nip": "19800101 200501 1 001", "email": "ver2@kemenag.go.id", "role": "verifikator"})
	seed(11, map[string]any{"city": "Purbalingga", "email": "kab@", "head_nip": "1980"})
	seed(12, map[string]any{"year": 2026, "amount": 2070000, "source": "PMK", "confidence": "H", "mechanism": "honorer"})
	seed(13, map[string]any{"targets": []map[string]any{{"status": "submitted", "working_days": 5}, {"status": "draft", "working_days": -1}}})
	seed(14, map[string]any{"date": "2026-12-25", "name": "Natal"})
	seed(15, map[string]any{"kind": "staffing", "route": "promosi", "start": "2026-12-01", "end": "2026-11-01"})
	seed(16, map[string]any{"from_user": "ver1", "to_user": 99, "start": "2026-12-01", "end": "2026-12-05", "note": "cuti"})
	seed(17, map[string]any{"action": "claim", "ids": []any{1, "2", -3}})
	seed(18, map[string]any{"action": "comment", "note": ""})
	seed(19, map[string]any{"kind": "jft", "route": "", "item": "sehat", "required": "ya"})
	for i := range paths {
		f.Add(uint8(i), []byte(`{"version": 1e400, "candidates": [null], "nip": 1992}`))
		f.Add(uint8(i), []byte(`[`))
		f.Add(uint8(i), []byte(`{"reference_date":"0000-00-00","count":-1,"quota":9223372036854775807}`))
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		c := paths[int(which)%len(paths)]
		req := httptest.NewRequest(c.method, c.path, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+e.tok[c.user])
		resp, err := e.app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		if resp.StatusCode >= 500 {
			t.Fatalf("%s %s with %q: %d %s", c.method, c.path, body, resp.StatusCode, raw)
		}
	})
}

// The form decoders of the pages, fuzzed the same way: any urlencoded body
// posted with a valid session and CSRF token answers below 500.
func FuzzFormBodies(f *testing.F) {
	e := newEnvTB(f)
	p := e.createBare("op_pbg", jftBody(ahmad))
	b := e.browser()
	b.login("op_pbg")
	tok := b.csrf("/proposals/new")
	admin := e.browser()
	admin.login("admin1")
	adminTok := admin.csrf("/admin/users")
	type target struct {
		b    *browser
		tok  string
		path string
	}
	paths := []target{}
	for _, path := range []string{"/proposals", "/proposals/" + itoa(p.ID), "/employees", "/whatif", "/staffing",
		"/proposals/" + itoa(p.ID) + "/notes", "/kendala", "/proposals/" + itoa(p.ID) + "/transitions", "/inbox/bulk"} {
		paths = append(paths, target{b, tok, path})
	}
	for _, path := range []string{"/admin/users", "/admin/users/" + itoa(e.userID("ver2")), "/admin/offices/Kk.11.03",
		"/formations", "/reference/pay-caps", "/reference/qualifications", "/admin/sla", "/reference/holidays",
		"/admin/filing-periods", "/delegations", "/admin/users/" + itoa(e.userID("ver2")) + "/active"} {
		paths = append(paths, target{admin, adminTok, path})
	}
	f.Add(uint8(0), "position=pranata_komputer&level=ahli_pertama&route=pengangkatan_pertama&reference_date=2026-11-30&count=1"+
		"&c0_nip=199203152019031004&c0_name=Ahmad&c0_birth_date=1992-03-15&c0_gender=L&c0_rank=III%2Fa")
	f.Add(uint8(1), "version=1&position=pranata_komputer&count=99999999999")
	f.Add(uint8(2), "nip=199203152019031004&name=Ahmad&birth_date=1992-02-30&gender=X&experience_months=-5&credit_points=1e309")
	f.Add(uint8(3), "position=pranata_komputer&level=ahli_pertama&route=promosi&reference_date=2100-12-31&nip=1")
	f.Add(uint8(4), "title=Pramubakti&count=2&monthly_pay=1e400&mechanism=honorer")
	f.Add(uint8(5), "version=1&note_199203152019031004="+strings.Repeat("x", 5000))
	f.Add(uint8(6), "category=lainnya&description=&since=2026-99-01")
	f.Add(uint8(6), "category=sdm&description=x&since=2026-11-01&proposals=1%2C+%232%3B+x")
	f.Add(uint8(7), "action=submit&version=abc&decree_date=2026-02-30")
	f.Add(uint8(8), "action=claim&ids=1&ids=x&decree_date=9999-12-31")
	f.Add(uint8(9), "username=Op&password=pendek&password_confirm=lain&role=root&nip=123&office=Kk.99.99")
	f.Add(uint8(10), "name=&nip=1980&email=a%40&role=kepala&office=")
	f.Add(uint8(11), "name=+&city=&email=kab%40&head_nip=19800101200501100")
	f.Add(uint8(12), "office=Kk.11.03&position=lurah&level=ahli_pertama&year=dua&quota=-1&basis=")
	f.Add(uint8(13), "year=2026&amount=Rp+2.070.000&source=PMK&confidence=X&mechanism=kontrak")
	f.Add(uint8(14), "name=Satpam&source=x&age_min=40&age_max=30&valid_from=2026-12-01&valid_to=2026-01-01")
	f.Add(uint8(15), "submitted=5&in_review=abc&verified=-1")
	f.Add(uint8(16), "date=2026-13-01&name=")
	f.Add(uint8(17), "kind=jft&route=naik&start=2026-12-01&end=2026-11-01")
	f.Add(uint8(18), "from_user=x&to_user=99999999999999999999&start=&end=2026-12-01&note=a")
	f.Add(uint8(19), "active=2")
	f.Fuzz(func(t *testing.T, which uint8, form string) {
		tg := paths[int(which)%len(paths)]
		path := tg.path
		req := httptest.NewRequest("POST", path, strings.NewReader("_csrf="+tg.tok+"&"+form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range tg.b.cookies {
			req.Header.Add("Cookie", k+"="+v)
		}
		resp, err := e.app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		if resp.StatusCode >= 500 {
			t.Fatalf("POST %s with %q: %d %s", path, form, resp.StatusCode, raw)
		}
	})
}
