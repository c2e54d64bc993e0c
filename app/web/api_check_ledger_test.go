package web

import (
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
