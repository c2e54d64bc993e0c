package eligibility

import (
	"strings"
	"testing"

	"github.com/kemenagjateng/usulan/models"
)

// probeDates are days around every switch the tables know, plus far ends.
var probeDates = []string{"1950-01-01", "2017-04-07", "2021-04-06", "2021-04-07", "2023-01-05", "2023-01-06",
	"2023-10-30", "2023-10-31", "2024-12-31", "2025-01-01", "2027-10-14", "2027-10-15", "2100-12-31"}

// covers checks that exactly one entry of a table is in force on each probe
// date: no gap (a rule that must always answer) and no overlap.
func covers[T any](t *testing.T, name string, table dated[T], mustCover bool) {
	t.Helper()
	for _, s := range probeDates {
		n := 0
		for _, p := range table {
			if inRange(d(s), p.From, p.To) {
				n++
			}
		}
		if n > 1 || (mustCover && n == 0) {
			t.Errorf("%s: %d entries in force on %s", name, n, s)
		}
	}
	for _, p := range table {
		if p.Source == "" || (p.Confidence != High && p.Confidence != Medium && p.Confidence != Low) {
			t.Errorf("%s: entry without source or confidence: %+v", name, p)
		}
		if !p.From.IsZero() && !p.To.IsZero() && dayKey(p.From) > dayKey(p.To) {
			t.Errorf("%s: entry ends before it starts: %+v", name, p)
		}
	}
}

func TestDatedTablesHaveOneEntryInForceOnEveryDate(t *testing.T) {
	covers(t, "employment status", employmentStatusRules, true)
	covers(t, "competency test", competencyTestRoutes, true)
	covers(t, "max age", transferMaxAges, true)
	covers(t, "retirement", retirementAges, true)
	covers(t, "discipline", disciplineRules, true)
	for r, tbl := range performanceRequirements {
		covers(t, "performance "+string(r), tbl, true)
		for _, p := range tbl {
			if p.Value.Years < 1 || p.Value.Years > maxPerformanceYears || !p.Value.Min.Valid() {
				t.Errorf("performance %s: bad requirement %+v", r, p.Value)
			}
		}
	}
	for r, tbl := range experienceMinimums {
		covers(t, "experience "+string(r), tbl, true)
	}
	for p, tbl := range adjustmentWindows {
		covers(t, "window "+string(p), tbl, false)
	}
	for m, tbl := range mechanismRules {
		covers(t, "mechanism "+string(m), tbl, true)
	}
	for _, r := range models.AllRoutes() {
		if _, ok := performanceRequirements[r]; !ok {
			t.Errorf("no performance requirement for %s", r)
		}
	}
}

func TestRuleSetsAreContiguousAndPickedByDate(t *testing.T) {
	for _, sets := range [][]ruleSet{jftRuleSets, staffingRuleSets} {
		if !sets[0].From.IsZero() || !sets[len(sets)-1].To.IsZero() {
			t.Errorf("%s…%s do not cover every date", sets[0].ID, sets[len(sets)-1].ID)
		}
		for i := 1; i < len(sets); i++ {
			if sets[i-1].To.AddDate(0, 0, 1) != sets[i].From {
				t.Errorf("gap or overlap between %s and %s", sets[i-1].ID, sets[i].ID)
			}
		}
	}
	if ruleSetAt(staffingRuleSets, d("2023-10-30")).ID != "non-asn-pp-49-2018" ||
		ruleSetAt(staffingRuleSets, d("2023-10-31")).ID != "uu-20-2023" {
		t.Error("staffing rule set switch")
	}
}

func TestRuleSetListingShowsEveryParameterWithItsSource(t *testing.T) {
	sets := RuleSets()
	ids := map[string]RuleSetInfo{}
	for _, s := range sets {
		ids[s.ID] = s
		if s.Name == "" || s.Basis == "" || len(s.Parameters) == 0 {
			t.Errorf("%s: incomplete %+v", s.ID, s)
		}
		for _, p := range s.Parameters {
			if p.Rule == "" || p.Name == "" || p.Value == "" || p.Source == "" || !strings.Contains("HML", p.Confidence) || p.Confidence == "" {
				t.Errorf("%s: incomplete parameter %+v", s.ID, p)
			}
			if _, _, ok := overlap(p.EffectiveFrom, p.EffectiveTo, s.EffectiveFrom, s.EffectiveTo); !ok {
				t.Errorf("%s: parameter outside the set %+v", s.ID, p)
			}
		}
	}
	for _, id := range []string{"pp-11-2017", "permenpanrb-1-2023", "non-asn-pp-49-2018", "uu-20-2023"} {
		if _, ok := ids[id]; !ok {
			t.Errorf("rule set %s not listed", id)
		}
	}
	find := func(set, rule, namePart string) []ParameterInfo {
		var out []ParameterInfo
		for _, p := range ids[set].Parameters {
			if p.Rule == rule && strings.Contains(p.Name, namePart) {
				out = append(out, p)
			}
		}
		return out
	}
	if ps := find("permenpanrb-1-2023", "max_age", ""); len(ps) != 1 || !strings.Contains(ps[0].Value, "Ahli Madya 55 tahun") ||
		ps[0].Confidence != "H" {
		t.Errorf("max_age in 1/2023: %+v", ps)
	}
	if ps := find("pp-11-2017", "max_age", ""); len(ps) != 1 || ps[0].Source != "PP 11/2017 Pasal 76/79" {
		t.Errorf("max_age in pp-11-2017: %+v", ps)
	}
	// The S2 minimum for Pranata Humas Ahli Madya is dated inside the 2023 set only.
	if ps := find("permenpanrb-1-2023", "education_level", "Pranata Hubungan Masyarakat"); len(ps) != 1 ||
		ps[0].EffectiveFrom != d("2027-10-15") || ps[0].Value != "S2" {
		t.Errorf("Humas S2: %+v", ps)
	}
	if ps := find("pp-11-2017", "education_level", "Pranata Hubungan Masyarakat"); len(ps) != 0 {
		t.Errorf("Humas S2 listed before 2023: %+v", ps)
	}
	// The Pranata Komputer window closed in the pp-11-2017 era.
	if ps := find("pp-11-2017", "route_open", "Pranata Komputer"); len(ps) != 1 || ps[0].EffectiveTo != d("2021-04-06") {
		t.Errorf("window: %+v", ps)
	}
	if ps := find("permenpanrb-1-2023", "route_open", "Pranata Komputer"); len(ps) != 0 {
		t.Errorf("closed window listed in 2023 set: %+v", ps)
	}
	// Parameters that span the switch are clipped to each set.
	if ps := find("permenpanrb-1-2023", "retirement_age", ""); len(ps) != 1 || ps[0].EffectiveFrom != d("2023-01-06") {
		t.Errorf("retirement clipped: %+v", ps)
	}
	if ps := find("uu-20-2023", "mechanism_lawful", "PPPK"); len(ps) != 2 {
		t.Errorf("PPPK paruh waktu entries in uu-20-2023: %+v", ps)
	}
}

func TestEveryRuleHasALabelAndParameters(t *testing.T) {
	for _, catalog := range [][]rule{jftRules, staffingRules} {
		if len(catalog) > maxRules {
			t.Fatalf("catalog larger than maxRules")
		}
		for _, r := range catalog {
			if r.Label == "" || r.params == nil || len(r.params()) == 0 {
				t.Errorf("%s: label %q, params %v", r.ID, r.Label, r.params != nil)
			}
		}
	}
	if len(Rules()) != len(jftRules)+len(staffingRules) {
		t.Error("Rules() incomplete")
	}
	if RuleLabel("max_age") == "" || RuleLabel("justification") == "" || RuleLabel("nope") != "" {
		t.Error("RuleLabel")
	}
}
