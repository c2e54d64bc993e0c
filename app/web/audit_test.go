package web

import (
	"net/url"
	"strings"
	"testing"
)

type auditJSON struct {
	Items []struct {
		At      string         `json:"at"`
		Actor   string         `json:"actor"`
		Action  string         `json:"action"`
		Subject string         `json:"subject"`
		Detail  map[string]any `json:"detail"`
	} `json:"items"`
	Total  int               `json:"total"`
	Fields map[string]string `json:"fields"`
}

func (e *env) audit(query string) auditJSON {
	e.t.Helper()
	var out auditJSON
	if st := e.api("admin1", "GET", "/api/v1/audit?"+query, nil, &out); st != 200 {
		e.t.Fatalf("audit %s: %d", query, st)
	}
	return out
}

type userJSONT struct {
	ID     int64             `json:"id"`
	NIP    string            `json:"nip"`
	Role   string            `json:"role"`
	Office *string           `json:"office"`
	Email  string            `json:"email"`
	Fields map[string]string `json:"fields"`
}

// TestAdminsEditUsersOverTheAPIAndTheTrailSaysWho: PATCH validates NIP,
// office and role together, ends the user's sessions on a role change, and
// every change, token and download is in GET /api/v1/audit (admins only).
func TestAdminsEditUsersOverTheAPIAndTheTrailSaysWho(t *testing.T) {
	e := newEnv(t)
	var list struct {
		Items []userJSONT `json:"items"`
		Total int         `json:"total"`
	}
	if st := e.api("admin1", "GET", "/api/v1/users", nil, &list); st != 200 || list.Total != 7 || len(list.Items) != 7 {
		t.Fatalf("users: %d %d", st, list.Total)
	}
	if st := e.api("op_pbg", "GET", "/api/v1/users", nil, nil); st != 403 {
		t.Fatalf("operator lists users: %d", st)
	}
	if st := e.api("ver1", "GET", "/api/v1/audit", nil, nil); st != 403 {
		t.Fatalf("verifier reads the trail: %d", st)
	}
	// A delegation and its withdrawal.
	var dj struct {
		ID int64 `json:"id"`
	}
	if st := e.api("ver2", "POST", "/api/v1/delegations", map[string]any{"to_user": "admin1", "start": "2026-12-07", "end": "2026-12-11"}, &dj); st != 422 {
		t.Fatalf("a delegation to an admin: %d", st)
	}
	if tr := e.audit("action=delegation"); tr.Total != 0 {
		t.Fatalf("a refused delegation left %d events", tr.Total)
	}
	if st := e.api("ver2", "POST", "/api/v1/delegations", map[string]any{"to_user": "ver1", "start": "2026-12-07", "end": "2026-12-11",
		"note": "cuti"}, &dj); st != 201 {
		t.Fatalf("delegate: %d", st)
	}
	if st := e.api("ver2", "DELETE", "/api/v1/delegations/"+itoa(dj.ID), nil, nil); st != 204 && st != 200 {
		t.Fatalf("withdraw: %d", st)
	}
	dl := e.audit("action=delegation")
	if dl.Total != 2 || dl.Items[1].Action != "delegation.create" || dl.Items[1].Actor != "ver2" ||
		dl.Items[1].Detail["to"] != "ver1" || dl.Items[0].Action != "delegation.delete" || dl.Items[0].Subject != "delegation:"+itoa(dj.ID) {
		t.Fatalf("delegation events: %+v", dl)
	}
	ver1 := itoa(e.userID("ver1"))
	var u userJSONT
	if st := e.api("admin1", "PATCH", "/api/v1/users/"+ver1, map[string]any{"nip": "1980", "office": "Kk.11.03"}, &u); st != 400 ||
		u.Fields["nip"] == "" || u.Fields["office"] == "" {
		t.Fatalf("bad NIP and a Kankemenag for a verifier: %d %v", st, u.Fields)
	}
	if st := e.api("admin1", "PATCH", "/api/v1/users/"+ver1, map[string]any{"role": "kepala"}, &u); st != 400 || u.Fields["office"] == "" {
		t.Fatalf("kepala without an office: %d %v", st, u.Fields)
	}
	if st := e.api("admin1", "PATCH", "/api/v1/users/"+itoa(e.userID("admin1")), map[string]any{"role": "operator", "office": "Kk.11.03"}, &u); st != 409 {
		t.Fatalf("an admin demotes themself: %d", st)
	}
	b := e.browser()
	b.login("ver1")
	if resp, _ := b.do("GET", "/inbox", nil); resp.StatusCode != 200 {
		t.Fatalf("ver1's session: %d", resp.StatusCode)
	}
	u = userJSONT{}
	if st := e.api("admin1", "PATCH", "/api/v1/users/"+ver1, map[string]any{"role": "kepala", "office": "Kk.11.04",
		"email": "ver1@kemenag.test"}, &u); st != 200 || u.Role != "kepala" || u.Office == nil || *u.Office != "Kk.11.04" || u.Email != "ver1@kemenag.test" {
		t.Fatalf("to kepala of Kk.11.04: %d %+v", st, u)
	}
	if resp, _ := b.do("GET", "/inbox", nil); resp.StatusCode != 302 || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Fatalf("the session outlived the role change: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	tr := e.audit("action=user.update")
	if tr.Total != 1 || tr.Items[0].Actor != "admin1" || tr.Items[0].Subject != "user:"+ver1+" ver1" {
		t.Fatalf("user.update: %+v", tr)
	}
	if role, _ := tr.Items[0].Detail["role"].([]any); len(role) != 2 || role[0] != "verifikator" || role[1] != "kepala" {
		t.Fatalf("detail %v", tr.Items[0].Detail)
	}
	// Downloads of personal data: the letter, an attachment, the list.
	p := e.submitted(false)
	if st := e.api("kp_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/letter.pdf", nil, new([]byte)); st != 200 {
		t.Fatalf("letter: %d", st)
	}
	var atts struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	e.api("op_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/attachments", nil, &atts)
	if len(atts.Items) == 0 {
		t.Fatal("no attachments")
	}
	if st := e.api("op_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/attachments/"+itoa(atts.Items[0].ID), nil, new([]byte)); st != 200 {
		t.Fatalf("attachment: %d", st)
	}
	if st := e.api("admin1", "GET", "/api/v1/proposals/export.xlsx?status=submitted", nil, new([]byte)); st != 200 {
		t.Fatalf("export: %d", st)
	}
	for _, c := range []struct{ q, subject string }{
		{"action=download.pdf&actor=kp_pbg", "proposal:" + itoa(p.ID)},
		{"action=download.attachment&actor=op_pbg", "attachment:" + itoa(atts.Items[0].ID) + " proposal:" + itoa(p.ID)},
		{"action=export.xlsx&actor=admin1", "proposals"},
	} {
		if tr := e.audit(c.q); tr.Total != 1 || tr.Items[0].Subject != c.subject {
			t.Errorf("%s: %+v", c.q, tr)
		}
	}
	if tr := e.audit("action=export.xlsx"); tr.Items[0].Detail["query"] != "status=submitted" {
		t.Errorf("the export's filter is not kept: %v", tr.Items[0].Detail)
	}
	// Seven users and seven tokens were made by the test set-up (the system).
	if tr := e.audit("action=token&actor=system"); tr.Total != 7 {
		t.Errorf("token.* by the system: %d, want 7", tr.Total)
	}
	if tr := e.audit("from=2026-11-30&to=2026-11-30&per_page=2"); len(tr.Items) != 2 || tr.Total < 18 {
		t.Errorf("one day, two a page: %d of %d", len(tr.Items), tr.Total)
	}
	if tr := e.audit("from=2026-12-01"); tr.Total != 0 {
		t.Errorf("from tomorrow: %d", tr.Total)
	}
	var bad auditJSON
	if st := e.api("admin1", "GET", "/api/v1/audit?from=30-11-2026", nil, &bad); st != 400 || bad.Fields["from"] == "" {
		t.Errorf("a bad date: %d %v", st, bad.Fields)
	}
}

// TestTheUserEditPageKeepsWhatWasTypedAndTheTrailPageShowsIt, and a verifier
// without a NIP is flagged on the user list.
func TestTheUserEditPageKeepsWhatWasTypedAndTheTrailPageShowsIt(t *testing.T) {
	e := newEnv(t)
	ver2 := itoa(e.userID("ver2"))
	b := e.browser()
	b.login("admin1")
	tok := b.csrf("/admin/users/" + ver2 + "/edit")
	form := url.Values{"_csrf": {tok}, "name": {"Dra. Hj. Ninik Rahayu, M.Pd."}, "nip": {"19800101"}, "email": {""},
		"role": {"verifikator"}, "office": {""}}
	resp, page := b.do("POST", "/admin/users/"+ver2, form)
	if resp.StatusCode != 400 || !strings.Contains(page, `value="Dra. Hj. Ninik Rahayu, M.Pd."`) ||
		!strings.Contains(page, `value="19800101"`) || !strings.Contains(page, "NIP harus 18 angka") {
		t.Fatalf("a bad NIP: %d, typed values kept: %v", resp.StatusCode, strings.Contains(page, "Ninik"))
	}
	form.Set("nip", "")
	if resp, _ := b.do("POST", "/admin/users/"+ver2, form); resp.StatusCode != 303 {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	_, page = b.do("GET", "/admin/users", nil)
	if !strings.Contains(page, `id="verifiers-without-nip"`) || !strings.Contains(page, `href="/admin/users/`+ver2+`/edit">ver2</a>`) ||
		strings.Contains(page, `/edit">ver1</a>`) {
		t.Fatal("the user list does not point at ver2, the one verifier without a NIP")
	}
	_, page = b.do("GET", "/admin/audit?action=user.update", nil)
	for _, want := range []string{"Data pengguna diubah", "30 November 2026", "NIP: 198001012005011001 → —",
		"Nama: Pak ver2 → Dra. Hj. Ninik Rahayu, M.Pd.", `<p class="muted" id="audit-total">1 catatan</p>`} {
		if !strings.Contains(page, want) {
			t.Errorf("audit page lacks %q", want)
		}
	}
	if resp, _ := b.do("GET", "/admin/audit?from=kemarin", nil); resp.StatusCode != 400 {
		t.Errorf("a bad date: %d", resp.StatusCode)
	}
}
