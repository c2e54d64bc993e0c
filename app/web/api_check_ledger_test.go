package web

import (
	"fmt"
	"strings"
	"testing"
)

// TestCheckEndpointReadsTheCallersLedger: a regency user's check without
// vacancy_available reads that office's formation ledger, as filing does; an
// explicit value is taken as given; another office's quota does not count
// (ELIGIBILITY.md §6.4).
func TestCheckEndpointReadsTheCallersLedger(t *testing.T) {
	e := newEnv(t)
	check := func(user string, vacancy any) string {
		cand := map[string]any{"nip": "199203152019031004", "birth_date": "1992-03-15", "gender": "L"}
		if vacancy != nil {
			cand["vacancy_available"] = vacancy
		}
		var out struct {
			Checks []struct{ Rule, Result string }
		}
		if st := e.api(user, "POST", "/api/v1/eligibility/check", map[string]any{"reference_date": "2026-11-30",
			"position": "pranata_komputer", "level": "ahli_pertama", "route": "pengangkatan_pertama", "candidate": cand}, &out); st != 200 {
			t.Fatalf("check: %d", st)
		}
		for _, c := range out.Checks {
			if c.Rule == "vacancy" {
				return c.Result
			}
		}
		return ""
	}
	if got := check("op_pbg", nil); got != "missing" {
		t.Fatalf("no formation set, no value: %s", got)
	}
	if st := e.api("admin1", "POST", "/api/v1/formations", map[string]any{"office": "Kk.11.03", "position": "pranata_komputer",
		"level": "ahli_pertama", "year": 2026, "quota": 0, "basis": "Peta jabatan 2026"}, nil); st != 201 {
		t.Fatalf("set quota: %d", st)
	}
	if got := check("op_pbg", nil); got != "fail" {
		t.Errorf("a full formation in the caller's office: %s, want fail", got)
	}
	if got := check("op_pbg", true); got != "pass" {
		t.Errorf("an explicit value is taken as given: %s", got)
	}
	if got := check("admin1", nil); got != "missing" {
		t.Errorf("a provincial user has no office ledger: %s", got)
	}
	if st := e.api("admin1", "POST", "/api/v1/formations", map[string]any{"office": "Kk.11.03", "position": "pranata_komputer",
		"level": "ahli_muda", "year": 2026, "quota": 2, "basis": "Peta jabatan 2026"}, nil); st != 201 {
		t.Fatalf("set quota: %d", st)
	}
	cand := map[string]any{"nip": "199203152019031004"}
	var out struct {
		Checks []struct{ Rule, Result string }
	}
	e.api("op_pbg", "POST", "/api/v1/eligibility/check", map[string]any{"reference_date": "2026-11-30",
		"position": "pranata_komputer", "level": "ahli_muda", "route": "kenaikan_jenjang", "candidate": cand}, &out)
	for _, c := range out.Checks {
		if c.Rule == "vacancy" && c.Result != "pass" {
			t.Errorf("an open formation for a level-up: %s", c.Result)
		}
	}
}

// TestDatesOutsideTheRangeAreRefusedOnEveryPath: a birth date of 9999-12-31
// once saved a proposal that answered 500 on every read; now the proposal
// API, the register API and the check answer 400 naming the field.
func TestDatesOutsideTheRangeAreRefusedOnEveryPath(t *testing.T) {
	e := newEnv(t)
	bad := candidate("199203152019031004", "Ahmad Fauzi, S.Kom.", "9999-12-31", "L")
	var out struct {
		Error  string            `json:"error"`
		Fields map[string]string `json:"fields"`
	}
	if st := e.api("op_pbg", "POST", "/api/v1/proposals", jftBody(bad), &out); st != 400 || !strings.Contains(out.Error+fmt.Sprint(out.Fields), "di luar rentang 1 Januari 1900 – 31 Desember 2100") {
		t.Errorf("proposal: %d %+v", st, out)
	}
	if st := e.api("op_pbg", "POST", "/api/v1/employees", bad, &out); st != 400 {
		t.Errorf("register: %d %+v", st, out)
	}
	if st := e.api("op_pbg", "POST", "/api/v1/eligibility/check", map[string]any{"position": "pranata_komputer",
		"level": "ahli_pertama", "route": "pengangkatan_pertama", "candidate": bad}, &out); st != 400 || out.Fields["candidate.birth_date"] == "" {
		t.Errorf("check: %d %+v", st, out)
	}
}
