package web

import (
	"html"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// pageErrors are the field messages a page shows (unescaped).
func pageErrors(body string) []string {
	var out []string
	for _, m := range fieldErrorRE.FindAllStringSubmatch(body, -1) {
		out = append(out, html.UnescapeString(strings.TrimSpace(m[1])))
	}
	return out
}

// sameMessage posts form to a page and body to the API, and wants the page
// to show want and the API to answer want on field: the same words for the
// same mistake.
type sameMessage struct {
	name      string
	user      string
	page      string
	form      url.Values
	method    string
	api       string
	body      any
	field     string
	want      string
	apiStatus int
}

func (c sameMessage) check(t *testing.T, e *env, b *browser) {
	t.Helper()
	form := url.Values{"_csrf": {b.csrf("/")}}
	for k, v := range c.form {
		form[k] = v
	}
	resp, page := b.do("POST", c.page, form)
	if resp.StatusCode != 400 || !slices.Contains(pageErrors(page), c.want) {
		t.Errorf("%s: page %s answered %d with %q, want 400 showing %q", c.name, c.page, resp.StatusCode, pageErrors(page), c.want)
	}
	var out struct {
		Fields map[string]string `json:"fields"`
	}
	status := c.apiStatus
	if status == 0 {
		status = 400
	}
	if st := e.api(c.user, c.method, c.api, c.body, &out); st != status || out.Fields[c.field] != c.want {
		t.Errorf("%s: API %s %s answered %d with %s=%q, want %d with %q", c.name, c.method, c.api, st, c.field,
			out.Fields[c.field], status, c.want)
	}
}

// TestPagesAndAPIGiveTheSameFieldMessages: the same invalid value posted to
// a page form and to its API endpoint is refused with the same message on
// the same field (app/input checks one struct for both).
func TestPagesAndAPIGiveTheSameFieldMessages(t *testing.T) {
	e := newEnv(t)
	proposalForm := func(k, v string) url.Values {
		f := url.Values{"position": {"pranata_komputer"}, "level": {"ahli_pertama"}, "route": {"pengangkatan_pertama"},
			"reference_date": {"2026-11-30"}, "count": {"1"}, "c0_nip": {"199203152019031004"}, "c0_name": {"Ahmad Fauzi"},
			"c0_birth_date": {"1992-03-15"}, "c0_gender": {"L"}, "c0_rank": {"III/a"}, "do": {"save"}}
		f.Set(k, v)
		return f
	}
	rank := `Golongan "IX/z" tidak dikenal: tulis I/a sampai IV/e, misalnya III/a.`
	months := "Pengalaman harus bilangan bulat bulan, 0 sampai 720."
	b := e.browser()
	b.login("op_pbg")
	for _, c := range []sameMessage{
		{name: "proposal rank", user: "op_pbg", page: "/proposals", form: proposalForm("c0_rank", "IX/z"),
			method: "POST", api: "/api/v1/proposals", body: jftBody(with(ahmad, "rank", "IX/z")), field: "candidates[0].rank", want: rank},
		{name: "proposal months out of bounds", user: "op_pbg", page: "/proposals", form: proposalForm("c0_experience_months", "-5"),
			method: "POST", api: "/api/v1/proposals", body: jftBody(with(ahmad, "experience_months", -5)),
			field: "candidates[0].experience_months", want: months},
		{name: "proposal months not a number", user: "op_pbg", page: "/proposals", form: proposalForm("c0_experience_months", "tiga"),
			method: "POST", api: "/api/v1/proposals", body: jftBody(with(ahmad, "experience_months", "tiga")),
			field: "candidates[0].experience_months", want: months},
		{name: "proposal date", user: "op_pbg", page: "/proposals", form: proposalForm("c0_birth_date", "1992-02-30"),
			method: "POST", api: "/api/v1/proposals", body: jftBody(with(ahmad, "birth_date", "1992-02-30")),
			field: "candidates[0].birth_date", want: `Tanggal "1992-02-30" tidak valid (format YYYY-MM-DD).`},
		{name: "proposal position", user: "op_pbg", page: "/proposals", form: proposalForm("position", "lurah"),
			method: "POST", api: "/api/v1/proposals", body: with(jftBody(ahmad), "position", "lurah"), field: "position",
			want: `Jabatan "lurah" tidak dikenal: tulis pranata_komputer atau pranata_humas.`},
		{name: "employee rank", user: "op_pbg", page: "/employees",
			form:   url.Values{"nip": {"199203152019031004"}, "name": {"Ahmad Fauzi"}, "rank": {"IX/z"}},
			method: "POST", api: "/api/v1/employees", body: with(ahmad, "rank", "IX/z"), field: "rank", want: rank},
		{name: "employee months", user: "op_pbg", page: "/employees",
			form:   url.Values{"nip": {"199203152019031004"}, "name": {"Ahmad Fauzi"}, "experience_months": {"-5"}},
			method: "POST", api: "/api/v1/employees", body: with(ahmad, "experience_months", -5), field: "experience_months", want: months},
		{name: "employee NIP", user: "op_pbg", page: "/employees", form: url.Values{"nip": {"1992031520190310"}, "name": {"Ahmad"}},
			method: "POST", api: "/api/v1/employees", body: with(ahmad, "nip", "1992031520190310"), field: "nip",
			want: "NIP harus 18 angka, bukan 16 angka."},
		{name: "staffing count", user: "op_pbg", page: "/staffing",
			form:   url.Values{"position_title": {"Pramubakti"}, "count": {"0"}, "monthly_pay": {"2.000.000"}},
			method: "POST", api: "/api/v1/proposals", body: map[string]any{"kind": "staffing", "position_title": "Pramubakti",
				"count": 0, "monthly_pay": 2000000}, field: "count", want: "Jumlah harus bilangan bulat, paling sedikit 1."},
		{name: "obstacle category", user: "op_pbg", page: "/kendala",
			form:   url.Values{"category": {"cuaca"}, "description": {"Hujan"}, "since": {"2026-11-01"}},
			method: "POST", api: "/api/v1/obstacles", body: map[string]any{"category": "cuaca", "description": "Hujan", "since": "2026-11-01"},
			field: "category", want: `Kategori kendala "cuaca" tidak dikenal: tulis sdm, anggaran, sarana, konten atau lainnya.`},
		{name: "obstacle since", user: "op_pbg", page: "/kendala",
			form:   url.Values{"category": {"sdm"}, "description": {"Hujan"}, "since": {"2026-13-01"}},
			method: "POST", api: "/api/v1/obstacles", body: map[string]any{"category": "sdm", "description": "Hujan", "since": "2026-13-01"},
			field: "since", want: `Tanggal "2026-13-01" tidak valid (format YYYY-MM-DD).`},
		{name: "obstacle description", user: "op_pbg", page: "/kendala",
			form:   url.Values{"category": {"sdm"}, "description": {" "}, "since": {"2026-11-01"}},
			method: "POST", api: "/api/v1/obstacles", body: map[string]any{"category": "sdm", "description": " ", "since": "2026-11-01"},
			field: "description", want: "Uraikan kendalanya."},
	} {
		c.check(t, e, b)
	}

	admin := e.browser()
	admin.login("admin1")
	ver2 := itoa(e.userID("ver2"))
	userForm := func(k, v string) url.Values {
		f := url.Values{"name": {"Pak ver2"}, "nip": {""}, "email": {""}, "role": {"verifikator"}, "office": {""}}
		f.Set(k, v)
		return f
	}
	for _, c := range []sameMessage{
		{name: "user NIP", user: "admin1", page: "/admin/users/" + ver2, form: userForm("nip", "12345"),
			method: "PATCH", api: "/api/v1/users/" + ver2, body: map[string]any{"nip": "12345"}, field: "nip",
			want: "NIP harus 18 angka, bukan 5 angka."},
		{name: "user e-mail", user: "admin1", page: "/admin/users/" + ver2, form: userForm("email", "ver2@"),
			method: "PATCH", api: "/api/v1/users/" + ver2, body: map[string]any{"email": "ver2@"}, field: "email",
			want: "Alamat e-mail tidak sah, misalnya nama@kemenag.go.id."},
		{name: "user role", user: "admin1", page: "/admin/users/" + ver2, form: userForm("role", "root"),
			method: "PATCH", api: "/api/v1/users/" + ver2, body: map[string]any{"role": "root"}, field: "role",
			want: `Peran "root" tidak dikenal: tulis operator, kepala, verifikator atau admin.`},
		{name: "office e-mail", user: "admin1", page: "/admin/offices/Kk.11.03",
			form:   url.Values{"name": {"Kantor Kementerian Agama Kabupaten Purbalingga"}, "city": {"Purbalingga"}, "email": {"kab@"}},
			method: "PATCH", api: "/api/v1/offices/Kk.11.03", body: map[string]any{"email": "kab@"}, field: "email",
			want: "Alamat e-mail tidak sah, misalnya nama@kemenag.go.id."},
	} {
		c.check(t, e, admin)
	}
}
