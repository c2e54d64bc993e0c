package eligibility

import (
	"strings"
	"sync"
	"testing"

	"github.com/kemenagjateng/usulan/models"
)

var catalogOrder = []string{"nip_format", "nip_consistency", "employment_status", "level_exists", "route_open",
	"education_level", "education_field", "rank_range", "performance", "experience", "competency_test",
	"max_age", "retirement_age", "vacancy", "discipline", "health", "integrity",
	"current_level", "credit_points"}

func TestEveryCheckListsEveryRuleInCatalogOrderWithDetailAndBasis(t *testing.T) {
	for _, tg := range Targets() {
		res := Evaluate(good(tg.Position, tg.Level, tg.Route, "2026-11-30"))
		if len(res.Checks) != len(catalogOrder) {
			t.Fatalf("%v: %d checks", tg, len(res.Checks))
		}
		for i, o := range res.Checks {
			if o.Rule != catalogOrder[i] {
				t.Errorf("%v: check %d is %s, want %s", tg, i, o.Rule, catalogOrder[i])
			}
			if o.Detail == "" || o.Basis == "" {
				t.Errorf("%v: %s has empty detail or basis: %+v", tg, o.Rule, o)
			}
			switch o.Result {
			case Pass, Fail, Missing, Manual, NotApplicable:
			default:
				t.Errorf("%v: %s result %q", tg, o.Rule, o.Result)
			}
		}
	}
}

func TestAGoodCandidateIsEligibleForEveryOpenTarget(t *testing.T) {
	for _, tg := range Targets() {
		if tg.Route == models.Penyesuaian {
			continue // the windows are closed in 2026
		}
		if tg.Route == models.KenaikanJenjang && tg.Level.Below() == "" {
			continue // the first level of a ladder is not reached by a level-up
		}
		res := Evaluate(good(tg.Position, tg.Level, tg.Route, "2026-11-30"))
		if res.Verdict != Eligible {
			t.Errorf("%v: %s: %v", tg, res.Verdict, res.Failed())
		}
	}
}

func TestBasesCitePP11And2017AndPermenPANRB(t *testing.T) {
	var all strings.Builder
	for _, o := range Evaluate(goodTransfer("2026-11-30")).Checks {
		all.WriteString(o.Basis + "\n")
	}
	for _, want := range []string{"PP 11/2017", "PermenPANRB", "Perka BKN 22/2007"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("no basis cites %q:\n%s", want, all.String())
		}
	}
}

func TestVerdictFailBeatsMissingAndManual(t *testing.T) {
	req := goodFirst("2026-11-30")
	req.Candidate.HealthStatement = nil                // missing
	req.Candidate.EducationField = "Ilmu Perpustakaan" // manual
	if v := Evaluate(req).Verdict; v != Incomplete {
		t.Errorf("missing + manual: %s, want incomplete", v)
	}
	req.Candidate.Rank = "II/d" // fail
	if v := Evaluate(req).Verdict; v != NotEligible {
		t.Errorf("fail + missing + manual: %s, want not_eligible", v)
	}
	req = goodFirst("2026-11-30")
	req.Candidate.EducationField = "Ilmu Perpustakaan"
	if v := Evaluate(req).Verdict; v != Incomplete {
		t.Errorf("manual alone: %s, want incomplete", v)
	}
}

func TestACandidateWithOnlyANIPIsIncompleteNotFailed(t *testing.T) {
	req := Request{ReferenceDate: d("2026-11-30"), Position: models.PranataKomputer, Level: models.AhliMuda,
		Route: models.Promosi, Candidate: Candidate{NIP: "199203152014031004"}}
	res := Evaluate(req)
	if res.Verdict != Incomplete {
		t.Errorf("verdict %s: %v", res.Verdict, res.Failed())
	}
	for _, id := range []string{"nip_consistency", "employment_status", "education_level", "education_field", "rank_range",
		"performance", "experience", "competency_test", "retirement_age", "vacancy", "discipline", "health", "integrity"} {
		wantResult(t, res, id, Missing)
	}
	if res.Derived.AgeYears != nil || !res.Derived.RetirementDate.IsZero() {
		t.Errorf("derived age without a birth date: %+v", res.Derived)
	}
}

func TestEvaluateNeverPanicsOnValuesItCannotRead(t *testing.T) {
	req := Request{ReferenceDate: d("2026-11-30"), Position: "x", Level: "y", Route: "z",
		Candidate: Candidate{NIP: "abc", BirthDate: d("2030-01-01"), Gender: "X", EmploymentStatus: "honorer",
			Rank: "V/z", EducationLevel: "S9", Performance: map[string]models.PerformanceRating{"2025": "hebat", "x": "baik"},
			ExperienceMonths: ptr(-5), Discipline: &Discipline{}}}
	res := Evaluate(req)
	if res.Verdict != NotEligible || len(res.Checks) != len(catalogOrder) {
		t.Errorf("verdict %s, %d checks", res.Verdict, len(res.Checks))
	}
	req.Position, req.Level, req.Route = models.PranataKomputer, models.AhliMuda, models.Perpindahan
	res = Evaluate(req)
	wantResult(t, res, "max_age", Fail) // born after the reference date
	wantResult(t, res, "retirement_age", Fail)
	wantResult(t, res, "performance", Fail) // "hebat" is not a rating
	wantResult(t, res, "rank_range", Fail)
	wantResult(t, res, "education_level", Fail)
}

func TestZeroReferenceDateIsAProgrammingError(t *testing.T) {
	req := goodFirst("2026-11-30")
	req.ReferenceDate = models.Date{}
	defer func() {
		if recover() == nil {
			t.Error("Evaluate without a reference date did not panic")
		}
	}()
	Evaluate(req)
}

func TestRuleSetSwitchesOn6January2023(t *testing.T) {
	for ref, want := range map[string]string{
		"2019-06-01": "pp-11-2017", "2023-01-05": "pp-11-2017",
		"2023-01-06": "permenpanrb-1-2023", "2026-11-30": "permenpanrb-1-2023",
	} {
		res := Evaluate(goodTransfer(ref))
		if res.RuleSet != want {
			t.Errorf("%s: rule set %s, want %s", ref, res.RuleSet, want)
		}
		age := outcome(t, res, "max_age").Basis
		if want == "pp-11-2017" && age != "PP 11/2017 Pasal 76/79" || want != "pp-11-2017" && !strings.Contains(age, "PermenPANRB 1/2023") {
			t.Errorf("%s: max_age basis %q under %s", ref, age, want)
		}
	}
}

func TestDetailStatesTheValuesCompared(t *testing.T) {
	req := goodTransfer("2026-11-30")
	req.Candidate.BirthDate = d("1972-09-30")
	o := wantResult(t, Evaluate(req), "max_age", Fail)
	if want := "usia 54 tahun 2 bulan pada 30 November 2026 melebihi batas 53 tahun"; !strings.HasPrefix(o.Detail, want) {
		t.Errorf("detail %q, want prefix %q", o.Detail, want)
	}
	req = goodFirst("2026-11-30")
	req.Candidate.Rank = "II/d"
	o = wantResult(t, Evaluate(req), "rank_range", Fail)
	if o.Detail != "golongan II/d di luar rentang Ahli Pertama (III/a–III/b)" || o.Basis != "PermenPANRB 32/2020" {
		t.Errorf("rank_range %+v", o)
	}
}

func TestEvaluateIsSafeForConcurrentUse(t *testing.T) {
	want := Evaluate(goodTransfer("2026-11-30"))
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				got := Evaluate(goodTransfer("2026-11-30"))
				for j := range got.Checks {
					if got.Checks[j] != want.Checks[j] {
						t.Errorf("check %d differs: %+v", j, got.Checks[j])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

func TestEvaluateAllocatesLittle(t *testing.T) {
	req := goodTransfer("2026-11-30")
	Evaluate(req)
	if n := testing.AllocsPerRun(200, func() { Evaluate(req) }); n > 8 {
		t.Errorf("Evaluate allocates %.0f times, want ≤ 8", n)
	}
}

func TestTargetsCoverBothPositionsAllLevelsAndRoutes(t *testing.T) {
	ts := Targets()
	if len(ts) != (7+6)*5 {
		t.Fatalf("%d targets, want 65", len(ts))
	}
	seen := map[Target]bool{}
	for _, tg := range ts {
		if seen[tg] {
			t.Errorf("duplicate %v", tg)
		}
		seen[tg] = true
		if tg.Position == models.PranataHumas && tg.Level == models.AhliUtama {
			t.Errorf("Pranata Humas Ahli Utama listed")
		}
	}
}

func TestEvaluateAllStreamsOneResultPerTargetSameAsEvaluate(t *testing.T) {
	c := goodTransfer("2026-11-30").Candidate
	n := 0
	EvaluateAll(c, d("2026-11-30"), func(tg Target, res Result) {
		n++
		single := Evaluate(Request{ReferenceDate: d("2026-11-30"), Position: tg.Position, Level: tg.Level, Route: tg.Route, Candidate: c})
		if res.Verdict != single.Verdict || len(res.Checks) != len(single.Checks) {
			t.Errorf("%v: %s vs %s", tg, res.Verdict, single.Verdict)
		}
		for i := range res.Checks {
			if res.Checks[i] != single.Checks[i] {
				t.Errorf("%v: %+v vs %+v", tg, res.Checks[i], single.Checks[i])
			}
		}
	})
	if n != 65 {
		t.Errorf("%d callbacks, want 65", n)
	}
}

func TestResultHelpersFindChecksAndFailures(t *testing.T) {
	req := goodFirst("2026-11-30")
	req.Candidate.Rank = "II/d"
	req.Candidate.VacancyAvailable = ptr(false)
	res := Evaluate(req)
	f := res.Failed()
	if len(f) != 2 || f[0].Rule != "rank_range" || f[1].Rule != "vacancy" {
		t.Errorf("Failed() = %+v", f)
	}
	if _, ok := res.Check("no_such_rule"); ok {
		t.Error("Check found an unknown rule")
	}
}
