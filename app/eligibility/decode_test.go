package eligibility

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/kemenagjateng/usulan/models"
)

const validJFT = `{
  "reference_date": "2026-11-30", "position": "pranata_komputer", "level": "ahli_pertama",
  "route": "pengangkatan_pertama",
  "candidate": {"nip": "199203152019031004", "name": "Ahmad Fauzi, S.Kom.", "birth_date": "1992-03-15",
    "gender": "L", "employment_status": "pns", "rank": "III/a", "education_level": "S1",
    "education_field": "Teknik Informatika", "performance": {"2025": "baik", "2024": "sangat_baik"},
    "experience_months": 30, "competency_test_passed": true,
    "discipline": {"ongoing": false, "last_moderate_or_severe": null},
    "health_statement": true, "integrity_statement": true, "vacancy_available": true,
    "birth_place": "Purbalingga", "rank_tmt": "2019-03-01", "current_position": "Pengelola Data",
    "current_position_tmt": "2020-01-02", "education_institution": "Universitas Jenderal Soedirman",
    "education_year": 2014, "unknown_field": 1}
}`

// edit applies a change to validJFT as a generic JSON object.
func edit(t *testing.T, base string, change func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(base), &m); err != nil {
		t.Fatal(err)
	}
	change(m)
	b, _ := json.Marshal(m)
	return b
}

func cand(m map[string]any) map[string]any { return m["candidate"].(map[string]any) }

func TestDecodeRequestReadsEveryField(t *testing.T) {
	req, err := DecodeRequest([]byte(validJFT), d("2020-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	c := req.Candidate
	if req.ReferenceDate != d("2026-11-30") || req.Position != models.PranataKomputer || req.Level != models.AhliPertama ||
		req.Route != models.PengangkatanPertama {
		t.Errorf("target %+v", req)
	}
	if c.NIP != "199203152019031004" || c.BirthDate != d("1992-03-15") || c.Gender != models.Male || c.Rank != "III/a" ||
		c.Performance["2024"] != models.RatingSangatBaik || *c.ExperienceMonths != 30 || !*c.VacancyAvailable ||
		c.Discipline == nil || *c.Discipline.Ongoing || c.BirthPlace != "Purbalingga" || c.RankTMT != d("2019-03-01") ||
		c.CurrentPositionTMT != d("2020-01-02") || c.EducationYear != 2014 || c.EducationInstitution == "" {
		t.Errorf("candidate %+v", c)
	}
}

func TestDecodeRequestDefaultsReferenceDateToToday(t *testing.T) {
	for _, v := range []any{nil, ""} {
		data := edit(t, validJFT, func(m map[string]any) { m["reference_date"] = v })
		req, err := DecodeRequest(data, d("2025-07-01"))
		if err != nil || req.ReferenceDate != d("2025-07-01") {
			t.Errorf("reference_date %v: %v %v", v, req.ReferenceDate, err)
		}
	}
	data := edit(t, validJFT, func(m map[string]any) { delete(m, "reference_date") })
	if req, _ := DecodeRequest(data, d("2025-07-01")); req.ReferenceDate != d("2025-07-01") {
		t.Errorf("absent reference_date: %v", req.ReferenceDate)
	}
}

func TestDecodeRequestNamesTheFieldOfEachInputError(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(m map[string]any)
		field  string
	}{
		{"unknown position", func(m map[string]any) { m["position"] = "pranata_keuangan" }, "position"},
		{"missing position", func(m map[string]any) { delete(m, "position") }, "position"},
		{"unknown level", func(m map[string]any) { m["level"] = "ahli" }, "level"},
		{"missing level", func(m map[string]any) { m["level"] = "" }, "level"},
		{"unknown route", func(m map[string]any) { m["route"] = "mutasi" }, "route"},
		{"missing route", func(m map[string]any) { delete(m, "route") }, "route"},
		{"numeric position", func(m map[string]any) { m["position"] = 3 }, "position"},
		{"malformed reference date", func(m map[string]any) { m["reference_date"] = "30-11-2026" }, "reference_date"},
		{"impossible reference date", func(m map[string]any) { m["reference_date"] = "2026-02-29" }, "reference_date"},
		{"numeric reference date", func(m map[string]any) { m["reference_date"] = 20261130 }, "reference_date"},
		{"unknown kind", func(m map[string]any) { m["kind"] = "cuti" }, "kind"},
		{"staffing kind", func(m map[string]any) { m["kind"] = "staffing" }, "kind"},
		{"no candidate", func(m map[string]any) { delete(m, "candidate") }, "candidate"},
		{"null candidate", func(m map[string]any) { m["candidate"] = nil }, "candidate"},
		{"candidate not an object", func(m map[string]any) { m["candidate"] = "Ahmad" }, "candidate"},
		{"no NIP", func(m map[string]any) { delete(cand(m), "nip") }, "candidate.nip"},
		{"blank NIP", func(m map[string]any) { cand(m)["nip"] = "   " }, "candidate.nip"},
		{"numeric NIP", func(m map[string]any) { cand(m)["nip"] = 199203152019031004 }, "candidate.nip"},
		{"unknown rank", func(m map[string]any) { cand(m)["rank"] = "III/A" }, "candidate.rank"},
		{"unknown gender", func(m map[string]any) { cand(m)["gender"] = "M" }, "candidate.gender"},
		{"unknown status", func(m map[string]any) { cand(m)["employment_status"] = "honorer" }, "candidate.employment_status"},
		{"unknown education", func(m map[string]any) { cand(m)["education_level"] = "SLTA" }, "candidate.education_level"},
		{"malformed birth date", func(m map[string]any) { cand(m)["birth_date"] = "15-03-1992" }, "candidate.birth_date"},
		{"malformed rank TMT", func(m map[string]any) { cand(m)["rank_tmt"] = "2019-13-01" }, "candidate.rank_tmt"},
		{"malformed discipline date", func(m map[string]any) {
			cand(m)["discipline"] = map[string]any{"ongoing": false, "last_moderate_or_severe": "kemarin"}
		}, "candidate.discipline.last_moderate_or_severe"},
		{"discipline not an object", func(m map[string]any) { cand(m)["discipline"] = true }, "candidate.discipline"},
		{"unknown rating", func(m map[string]any) {
			cand(m)["performance"] = map[string]any{"2025": "luar_biasa"}
		}, "candidate.performance.2025"},
		{"rating key not a year", func(m map[string]any) {
			cand(m)["performance"] = map[string]any{"tahun lalu": "baik"}
		}, "candidate.performance.tahun lalu"},
		{"experience as text", func(m map[string]any) { cand(m)["experience_months"] = "30" }, "candidate.experience_months"},
		{"negative experience", func(m map[string]any) { cand(m)["experience_months"] = -1 }, "candidate.experience_months"},
		{"fractional experience", func(m map[string]any) { cand(m)["experience_months"] = 2.5 }, "candidate.experience_months"},
		{"statement as text", func(m map[string]any) { cand(m)["health_statement"] = "ya" }, "candidate.health_statement"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeRequest(edit(t, validJFT, tc.change), d("2026-11-30"))
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want *InputError", err)
			}
			if ie.Field != tc.field || ie.Message == "" {
				t.Errorf("field %q (%s), want %q", ie.Field, ie.Message, tc.field)
			}
		})
	}
}

func TestDecodeRequestRefusesWhatIsNotOneJSONObject(t *testing.T) {
	for _, in := range []string{"", "   ", "{", "[1,2]", "null", `"x"`, "{} {}", `{"position":}`} {
		_, err := DecodeRequest([]byte(in), d("2026-11-30"))
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != "" {
			t.Errorf("%q: %v", in, err)
		}
	}
}

func TestMalformedNIPAndMissingLevelAreOutcomesNotInputErrors(t *testing.T) {
	data := edit(t, validJFT, func(m map[string]any) {
		cand(m)["nip"] = "1992-03-15"
		m["position"], m["level"] = "pranata_humas", "ahli_utama"
	})
	out, code := Run(data, d("2026-11-30"), nil)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, out)
	}
	var res Result
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatal(err)
	}
	wantResult(t, res, "nip_format", Fail)
	wantResult(t, res, "level_exists", Fail)
}

func TestCandidateWithOnlyANIPDecodes(t *testing.T) {
	in := `{"position":"pranata_humas","level":"mahir","route":"promosi","candidate":{"nip":"19920315 201903 1 004"}}`
	req, err := DecodeRequest([]byte(in), d("2026-11-30"))
	if err != nil {
		t.Fatal(err)
	}
	if v := Evaluate(req).Verdict; v != Incomplete {
		t.Errorf("verdict %s", v)
	}
}

func TestValidateTargetAndCandidateUseRelativeFieldNames(t *testing.T) {
	if ie := ValidateTarget("pranata_humas", "ahli_utama", "promosi"); ie != nil {
		t.Errorf("Humas Ahli Utama is a rule failure, not an input error: %v", ie)
	}
	if ie := ValidateTarget("pranata_komputer", "ahli_pertama", "inpassing"); ie == nil || ie.Field != "route" {
		t.Errorf("route: %v", ie)
	}
	if ie := (Candidate{NIP: "1", Rank: "X"}).Validate(); ie == nil || ie.Field != "rank" {
		t.Errorf("rank: %v", ie)
	}
	if ie := (Candidate{NIP: "1", EducationYear: -1}).Validate(); ie == nil || ie.Field != "education_year" {
		t.Errorf("education_year: %v", ie)
	}
	if ie := (Candidate{NIP: "x"}).Validate(); ie != nil {
		t.Errorf("a malformed NIP must not be an input error: %v", ie)
	}
	if got := (&InputError{Field: "rank", Message: "salah"}).Error(); got != "rank: salah" {
		t.Errorf("Error() = %q", got)
	}
}

func TestRunWritesIndentedResultWithExit0ForEveryVerdict(t *testing.T) {
	for _, change := range []func(m map[string]any){
		func(m map[string]any) {},                                       // eligible
		func(m map[string]any) { cand(m)["rank"] = "II/a" },             // not eligible
		func(m map[string]any) { delete(cand(m), "vacancy_available") }, // incomplete
	} {
		out, code := Run(edit(t, validJFT, change), d("2026-11-30"), nil)
		if code != 0 || !bytes.HasPrefix(out, []byte("{\n  \"verdict\": ")) || !bytes.HasSuffix(out, []byte("}\n")) {
			t.Errorf("exit %d, output %s", code, out)
		}
	}
	// Names keep their characters: no HTML escaping, no \u escapes for ’.
	data := edit(t, validJFT, func(m map[string]any) { cand(m)["education_field"] = "Informatika & <Komputer> Nur’aini" })
	out, _ := Run(data, d("2026-11-30"), nil)
	if !bytes.Contains(out, []byte("Informatika & <Komputer> Nur’aini")) {
		t.Errorf("escaped output: %s", out)
	}
}

func TestRunAnswersUnreadableInputWithErrorFieldAndExit2(t *testing.T) {
	out, code := Run([]byte(`{"position": "pranata_keuangan"}`), d("2026-11-30"), nil)
	if code != 2 {
		t.Fatalf("exit %d", code)
	}
	var e map[string]string
	if err := json.Unmarshal(out, &e); err != nil || e["field"] != "position" || !strings.Contains(e["error"], "pranata_keuangan") {
		t.Errorf("output %s (%v)", out, err)
	}
	if out, code := Run([]byte(`{"kind": 5}`), d("2026-11-30"), nil); code != 2 || !bytes.Contains(out, []byte(`"field": "kind"`)) {
		t.Errorf("numeric kind: %d %s", code, out)
	}
	if out, code := Run([]byte(`not json`), d("2026-11-30"), nil); code != 2 || !bytes.Contains(out, []byte(`"field": ""`)) {
		t.Errorf("bad JSON: %d %s", code, out)
	}
}

func TestRunAcceptsExplicitJFTKind(t *testing.T) {
	data := edit(t, validJFT, func(m map[string]any) { m["kind"] = "jft" })
	if out, code := Run(data, d("2026-11-30"), nil); code != 0 {
		t.Errorf("exit %d: %s", code, out)
	}
}

func TestResultRoundTripsThroughJSON(t *testing.T) {
	res := Evaluate(goodTransfer("2026-11-30"))
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var back Result
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Verdict != res.Verdict || back.RuleSet != res.RuleSet || *back.Derived.AgeYears != *res.Derived.AgeYears ||
		back.Derived.RetirementDate != res.Derived.RetirementDate || len(back.Checks) != len(res.Checks) || back.Checks[3] != res.Checks[3] {
		t.Errorf("round trip changed the result:\n%s", b)
	}
	// Unknown age is null, not 0.
	req := goodTransfer("2026-11-30")
	req.Candidate.BirthDate = models.Date{}
	b, _ = json.Marshal(Evaluate(req))
	if !bytes.Contains(b, []byte(`"age_years":null`)) || !bytes.Contains(b, []byte(`"retirement_date":null`)) {
		t.Errorf("unknown age not null: %s", b)
	}
}
