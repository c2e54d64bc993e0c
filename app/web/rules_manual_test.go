package web

import (
	"strings"
	"testing"

	"github.com/kemenagjateng/usulan/app/eligibility"
)

// TestRulesShowWhichOutcomesAreManualBecauseOfAnLValue: the page lists, per
// rule set, the [L] values that give "Perlu penilaian" instead of "Tidak
// memenuhi"; GET /api/v1/rules carries the same as manual_outcome.
func TestRulesShowWhichOutcomesAreManualBecauseOfAnLValue(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.login("op_pbg")
	_, body := b.do("GET", "/rules", nil)
	section := between(body, `id="permenpanrb-1-2023"`, `</dl>`)
	for _, want := range []string{"Perlu penilaian karena nilai [L] pada himpunan ini:",
		"Pendidikan paling rendah Terampil, Mahir, Penyelia (D-III): Pendidikan SLTA sampai D-II untuk jenjang keterampilan: perlu penilaian verifikator",
		"Masa dalam jenjang saat ini paling sedikit, Kenaikan Jenjang Jabatan (12 bulan): Masa kurang dari nilai ini: perlu penilaian verifikator"} {
		if !strings.Contains(section, htmlEscape(want)) {
			t.Errorf("rules page lacks %q", want)
		}
	}
	if !strings.Contains(body, "tidak pernah menggagalkan calon sendirian") {
		t.Error("the principle is not stated")
	}
	var out struct {
		RuleSets []eligibility.RuleSetInfo `json:"rule_sets"`
	}
	if st := e.api("ver1", "GET", "/api/v1/rules", nil, &out); st != 200 {
		t.Fatalf("API rules: %d", st)
	}
	found := false
	for _, rs := range out.RuleSets {
		for _, p := range rs.Parameters {
			if rs.ID == "permenpanrb-1-2023" && p.Rule == "education_level" && p.Confidence == "L" {
				found = strings.HasPrefix(p.ManualOutcome, "Pendidikan SLTA sampai D-II") && p.Source != ""
			}
			if p.Confidence != "L" && p.ManualOutcome != "" {
				t.Errorf("%s %s: manual outcome on a [%s] value", rs.ID, p.Name, p.Confidence)
			}
		}
	}
	if !found {
		t.Error("API: education_level [L] without its manual outcome")
	}
}
