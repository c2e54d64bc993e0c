package web

import (
	"net/url"
	"strings"
	"testing"
)

// The Kanwil's admin moves an employee who changed office: the old office
// can no longer file for them, the new one can, and the history says so;
// regency users never move anyone.
func TestAdminMovesAnEmployeeBetweenOffices(t *testing.T) {
	e := newEnv(t)
	emp := e.employee("op_pbg", map[string]any{"nip": ahmad["nip"], "name": ahmad["name"], "birth_date": "1992-03-15",
		"gender": "L", "employment_status": "pns", "rank": "III/a", "education_level": "S1"})

	// Banjarnegara may not file for Purbalingga's employee; the message says
	// the Kanwil can move the person.
	var refused proposalJSON
	if st := e.api("op_bjn", "POST", "/api/v1/proposals", jftBody(ahmad), &refused); st != 422 ||
		!strings.Contains(refused.Fields["candidates[0].nip"], "Kanwil memindahkannya") {
		t.Fatalf("filing another office's employee: %d %+v", st, refused)
	}
	move := func(user string, to string, version int64) (int, employeeJSONT) {
		var out employeeJSONT
		st := e.api(user, "POST", "/api/v1/employees/"+itoa(emp.ID)+"/move",
			map[string]any{"office": to, "version": version, "note": "SK mutasi 7/2026"}, &out)
		return st, out
	}
	if st, out := move("op_pbg", "Kk.11.04", emp.Version); st != 403 {
		t.Fatalf("operator moving: %d %+v", st, out)
	}
	if st, out := move("op_bjn", "Kk.11.04", emp.Version); st != 404 {
		t.Fatalf("other office pulling: %d %+v", st, out)
	}
	if st, out := move("admin1", "Kk.99.99", emp.Version); st != 422 || out.Fields["office"] == "" {
		t.Fatalf("unknown office: %d %+v", st, out)
	}
	st, moved := move("admin1", "Kk.11.04", emp.Version)
	if st != 200 || moved.Office != "Kk.11.04" || moved.Version != emp.Version+1 {
		t.Fatalf("move: %d %+v", st, moved)
	}
	e.createBare("op_bjn", jftBody(ahmad))
	if st := e.api("op_pbg", "POST", "/api/v1/proposals", jftBody(ahmad), &refused); st != 422 {
		t.Fatalf("old office filing after the move: %d", st)
	}
	var hist struct {
		Items []struct {
			Action, FromOffice, ToOffice, Actor, Note string
		} `json:"items"`
	}
	if st := e.api("kp_bjn", "GET", "/api/v1/employees/"+itoa(emp.ID)+"/events", nil, &hist); st != 200 ||
		len(hist.Items) != 1 || hist.Items[0].Action != "move" || hist.Items[0].Note != "SK mutasi 7/2026" {
		t.Fatalf("history: %d %+v", st, hist)
	}
	if st := e.api("op_pbg", "GET", "/api/v1/employees/"+itoa(emp.ID)+"/events", nil, nil); st != 404 {
		t.Fatalf("old office reading the history: %d", st)
	}

	// The page: the new office sees the history but no move form; the admin
	// moves the person back with the form.
	kp := e.browser()
	kp.login("kp_bjn")
	_, page := kp.do("GET", "/employees/"+itoa(emp.ID), nil)
	if !strings.Contains(page, "Dipindahkan dari") || !strings.Contains(page, "(Kk.11.03) ke") ||
		strings.Contains(page, `id="employee-move"`) {
		t.Fatalf("employee page for the new office:\n%s", page)
	}
	adm := e.browser()
	adm.login("admin1")
	tok := adm.csrf("/employees/" + itoa(emp.ID))
	resp, _ := adm.do("POST", "/employees/"+itoa(emp.ID)+"/move", url.Values{"_csrf": {tok},
		"version": {itoa(moved.Version)}, "office": {"Kk.11.03"}, "note": {"kembali"}})
	if resp.StatusCode != 303 {
		t.Fatalf("move form: %d", resp.StatusCode)
	}
	_, page = adm.do("GET", "/employees/"+itoa(emp.ID), nil)
	if n := strings.Count(page, "Dipindahkan dari"); n != 2 || !strings.Contains(page, "dipindahkan ke") {
		t.Fatalf("after the form: %d moves on the page\n%s", n, page)
	}
	// A stale form comes back as an alert, nothing moved.
	tok = adm.csrf("/employees/" + itoa(emp.ID))
	adm.do("POST", "/employees/"+itoa(emp.ID)+"/move", url.Values{"_csrf": {tok},
		"version": {itoa(moved.Version)}, "office": {"Kk.11.04"}})
	_, page = adm.do("GET", "/employees/"+itoa(emp.ID), nil)
	if !strings.Contains(page, `id="flash-error"`) || strings.Count(page, "Dipindahkan dari") != 2 {
		t.Fatalf("stale move form:\n%s", page)
	}
}
