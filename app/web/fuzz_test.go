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
	paths := []string{"/proposals", "/proposals/" + itoa(p.ID), "/employees", "/whatif", "/staffing",
		"/proposals/" + itoa(p.ID) + "/notes", "/kendala"}
	f.Add(uint8(0), "position=pranata_komputer&level=ahli_pertama&route=pengangkatan_pertama&reference_date=2026-11-30&count=1"+
		"&c0_nip=199203152019031004&c0_name=Ahmad&c0_birth_date=1992-03-15&c0_gender=L&c0_rank=III%2Fa")
	f.Add(uint8(1), "version=1&position=pranata_komputer&count=99999999999")
	f.Add(uint8(2), "nip=199203152019031004&name=Ahmad&birth_date=1992-02-30&gender=X&experience_months=-5&credit_points=1e309")
	f.Add(uint8(3), "position=pranata_komputer&level=ahli_pertama&route=promosi&reference_date=2100-12-31&nip=1")
	f.Add(uint8(4), "title=Pramubakti&count=2&monthly_pay=1e400&mechanism=honorer")
	f.Add(uint8(5), "version=1&note_199203152019031004="+strings.Repeat("x", 5000))
	f.Add(uint8(6), "category=lainnya&description=&since=2026-99-01")
	f.Fuzz(func(t *testing.T, which uint8, form string) {
		path := paths[int(which)%len(paths)]
		req := httptest.NewRequest("POST", path, strings.NewReader("_csrf="+tok+"&"+form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range b.cookies {
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
