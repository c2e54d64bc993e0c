package eligibility

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/kemenagjateng/usulan/models"
)

const validStaffing = `{"kind": "staffing", "reference_date": "2024-02-01", "office": "Kk.11.03",
 "position_title": "Pengelola Website", "count": 1, "mechanism": "outsourcing",
 "education_level": "S1", "education_field": "Teknik Informatika", "age_min": 20, "age_max": 35,
 "skills": "HTML, CMS", "tasks": "Mengelola situs", "monthly_pay": 2070000,
 "budget_source": "DIPA Kankemenag Kab. Purbalingga 2024", "period_start": "2024-03-01", "period_end": "2024-12-31",
 "justification": "Pengelola situs merangkap tugas keuangan; konten wajib UU 14/2008 tidak terpenuhi."}`

func goodStaffing(t *testing.T) StaffingRequest {
	t.Helper()
	r, err := DecodeStaffing([]byte(validStaffing), d("2024-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestAGoodStaffingRequestIsEligible(t *testing.T) {
	res := EvaluateStaffing(goodStaffing(t), nil)
	if res.Verdict != Eligible || res.RuleSet != "uu-20-2023" || res.Derived != nil {
		t.Errorf("%+v", res)
	}
	want := []string{"mechanism_lawful", "period_within_budget_year", "pay_within_cap", "qualification", "justification"}
	for i, o := range res.Checks {
		if o.Rule != want[i] || o.Detail == "" || o.Basis == "" {
			t.Errorf("check %d: %+v", i, o)
		}
	}
}

func TestHonorerIsManualUntil30October2023AndFailsFrom31October(t *testing.T) {
	r := goodStaffing(t)
	r.Mechanism = models.MechanismHonorer
	r.ReferenceDate = d("2023-10-30")
	r.PeriodStart, r.PeriodEnd = d("2023-10-30"), d("2023-12-31")
	res := EvaluateStaffing(r, nil)
	o := wantResult(t, res, "mechanism_lawful", Manual)
	// never cites the articles that forbid it as permission
	for _, want := range []string{"sudah dilarang sejak PP 48/2005 Pasal 8", "PP 49/2018 Pasal 96 melarang", "B/185/M.SM.02.03/2022", "Verifikator menilai"} {
		if !strings.Contains(o.Detail, want) {
			t.Errorf("detail lacks %q: %s", want, o.Detail)
		}
	}
	// a contract starting on the ban day fails although requested the day before
	r.PeriodStart = d("2023-10-31")
	wantResult(t, EvaluateStaffing(r, nil), "mechanism_lawful", Fail)
	r.PeriodStart = d("2023-10-30")
	if res.RuleSet != "non-asn-pp-49-2018" {
		t.Errorf("rule set %s", res.RuleSet)
	}
	r.ReferenceDate = d("2023-10-31")
	res = EvaluateStaffing(r, nil)
	o = wantResult(t, res, "mechanism_lawful", Fail)
	for _, want := range []string{"UU 20/2023 Pasal 65–66", "outsourcing", "pengadaan", "PPPK paruh waktu", "basis data non-ASN BKN"} {
		if !strings.Contains(o.Detail, want) {
			t.Errorf("detail lacks %q: %s", want, o.Detail)
		}
	}
	if o.Basis != "UU 20/2023 Pasal 65–66" || res.RuleSet != "uu-20-2023" {
		t.Errorf("basis %q, rule set %s", o.Basis, res.RuleSet)
	}
}

func TestPartTimePPPKNeedsAManualCheckFrom2025(t *testing.T) {
	r := goodStaffing(t)
	r.Mechanism = models.MechanismPPPKParuhWaktu
	r.ReferenceDate = d("2025-01-12")
	wantResult(t, EvaluateStaffing(r, nil), "mechanism_lawful", Fail)
	r.ReferenceDate = d("2025-01-13")
	o := wantResult(t, EvaluateStaffing(r, nil), "mechanism_lawful", Manual)
	if !strings.Contains(o.Detail, "basis data non-ASN BKN") {
		t.Errorf("detail %q", o.Detail)
	}
}

func TestOutsourcingIsLawfulOnEveryDate(t *testing.T) {
	r := goodStaffing(t)
	for _, ref := range []string{"2020-01-01", "2023-10-30", "2023-10-31", "2026-03-01"} {
		r.ReferenceDate = d(ref)
		wantResult(t, EvaluateStaffing(r, nil), "mechanism_lawful", Pass)
	}
	r.Mechanism = ""
	wantResult(t, EvaluateStaffing(r, nil), "mechanism_lawful", Missing)
}

func TestContractPeriodMustLieInOneBudgetYear(t *testing.T) {
	for _, tc := range []struct{ start, end, want string }{
		{"2024-01-01", "2024-12-31", Pass},
		{"2024-03-01", "2024-03-01", Pass},
		{"2024-03-01", "2025-02-28", Fail},
		{"2024-12-31", "2025-01-01", Fail},
		{"2024-06-01", "2024-05-31", Fail},
		{"", "2024-12-31", Missing},
		{"2024-03-01", "", Missing},
	} {
		r := goodStaffing(t)
		r.PeriodStart, r.PeriodEnd = models.Date{}, models.Date{}
		if tc.start != "" {
			r.PeriodStart = d(tc.start)
		}
		if tc.end != "" {
			r.PeriodEnd = d(tc.end)
		}
		wantResult(t, EvaluateStaffing(r, nil), "period_within_budget_year", tc.want)
	}
}

func TestPayCapIsInclusiveAndPrintedInRupiah(t *testing.T) {
	r := goodStaffing(t)
	o := wantResult(t, EvaluateStaffing(r, nil), "pay_within_cap", Pass)
	if !strings.Contains(o.Detail, "Rp 2.070.000") || !strings.Contains(o.Basis, "PMK 49/2023") {
		t.Errorf("%+v", o)
	}
	r.MonthlyPay = 2070001
	// outsourcing above the cap is for the verifier: the budget may go 25% higher (§6.2)
	o = wantResult(t, EvaluateStaffing(r, nil), "pay_within_cap", Manual)
	if !strings.Contains(o.Detail, "Rp 2.070.001 per bulan melebihi batas Rp 2.070.000") || !strings.Contains(o.Detail, "sampai 25% di atas satuan biaya") {
		t.Errorf("detail %q", o.Detail)
	}
	// honorer above the cap fails
	r.Mechanism, r.ReferenceDate, r.PeriodStart, r.PeriodEnd = models.MechanismHonorer, d("2023-06-01"), d("2024-01-01"), d("2024-06-30")
	wantResult(t, EvaluateStaffing(r, nil), "pay_within_cap", Fail)
	// PPPK paruh waktu has a floor, not a ceiling
	r.Mechanism = models.MechanismPPPKParuhWaktu
	o = wantResult(t, EvaluateStaffing(r, nil), "pay_within_cap", NotApplicable)
	if !strings.Contains(o.Detail, "batas bawah") || o.Basis != "KepMenPANRB 16/2025 Diktum 19" {
		t.Errorf("%+v", o)
	}
	r.Mechanism, r.ReferenceDate, r.PeriodStart, r.PeriodEnd = models.MechanismOutsourcing, d("2024-02-01"), d("2024-03-01"), d("2024-12-31")
	r.MonthlyPay = 0
	wantResult(t, EvaluateStaffing(r, nil), "pay_within_cap", Pass)
}

func TestPayCapIsManualForAYearWithoutCap(t *testing.T) {
	r := goodStaffing(t)
	r.PeriodStart, r.PeriodEnd = d("2026-04-01"), d("2026-12-31")
	r.ReferenceDate = d("2026-03-01")
	o := wantResult(t, EvaluateStaffing(r, nil), "pay_within_cap", Manual)
	if !strings.Contains(o.Detail, "2026") {
		t.Errorf("detail %q", o.Detail)
	}
	// An empty, non-nil list means no caps at all.
	r = goodStaffing(t)
	wantResult(t, EvaluateStaffing(r, []PayCap{}), "pay_within_cap", Manual)
	// The budget year is the period's year, else the reference date's.
	r.PeriodStart, r.PeriodEnd = models.Date{}, models.Date{}
	wantResult(t, EvaluateStaffing(r, nil), "pay_within_cap", Pass)
}

func TestTheMostSpecificPayCapApplies(t *testing.T) {
	caps := []PayCap{
		{Year: 2025, Amount: 2_000_000, Source: "umum"},
		{Year: 2025, Mechanism: "outsourcing", Amount: 2_500_000, Source: "alih daya"},
		{Year: 2025, Office: "kk.11.03", Amount: 2_300_000, Source: "Purbalingga"},
		{Year: 2025, Office: "Kk.11.03", Mechanism: "outsourcing", Amount: 2_600_000, Source: "Purbalingga alih daya"},
		{Year: 2024, Amount: 1, Source: "tahun lain"},
	}
	for _, tc := range []struct {
		office    string
		mechanism models.StaffingMechanism
		source    string
	}{
		{"Kk.11.03", "outsourcing", "Purbalingga alih daya"},
		{"Kk.11.03", "honorer", "Purbalingga"},
		{"Kk.11.10", "outsourcing", "alih daya"},
		{"Kk.11.10", "honorer", "umum"},
	} {
		r := goodStaffing(t)
		r.ReferenceDate, r.PeriodStart, r.PeriodEnd = d("2025-01-02"), d("2025-02-01"), d("2025-12-31")
		r.Office, r.Mechanism, r.MonthlyPay = tc.office, tc.mechanism, 1_000_000
		o := outcome(t, EvaluateStaffing(r, caps), "pay_within_cap")
		if o.Basis != tc.source {
			t.Errorf("%s %s: cap %q, want %q", tc.office, tc.mechanism, o.Basis, tc.source)
		}
	}
}

func TestQualificationAgeRangeWithin18To58(t *testing.T) {
	for _, tc := range []struct {
		min, max *int
		want     string
	}{
		{ptr(18), ptr(58), Pass}, {ptr(17), ptr(35), Fail}, {ptr(20), ptr(59), Fail},
		{ptr(36), ptr(35), Fail}, {ptr(35), ptr(35), Pass}, {nil, nil, Pass}, {nil, ptr(40), Pass}, {ptr(-1), nil, Fail},
	} {
		r := goodStaffing(t)
		r.AgeMin, r.AgeMax = tc.min, tc.max
		wantResult(t, EvaluateStaffing(r, nil), "qualification", tc.want)
	}
	r := goodStaffing(t)
	r.EducationLevel = ""
	wantResult(t, EvaluateStaffing(r, nil), "qualification", Missing)
}

func TestJustificationNeedsFiftyCharacters(t *testing.T) {
	for text, want := range map[string]string{
		"":                                  Missing,
		"   ":                               Missing,
		"Kurang orang.":                     Fail,
		strings.Repeat("a", 49):             Fail,
		strings.Repeat("a", 50):             Pass,
		" " + strings.Repeat("é", 49) + " ": Fail, // characters, not bytes; spaces trimmed
		strings.Repeat("é", 50):             Pass,
	} {
		r := goodStaffing(t)
		r.Justification = text
		wantResult(t, EvaluateStaffing(r, nil), "justification", want)
	}
}

func TestDecodeStaffingNamesTheFieldOfEachInputError(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(m map[string]any)
		field  string
	}{
		{"count zero", func(m map[string]any) { m["count"] = 0 }, "count"},
		{"count negative", func(m map[string]any) { m["count"] = -2 }, "count"},
		{"count fractional", func(m map[string]any) { m["count"] = 1.5 }, "count"},
		{"count as text", func(m map[string]any) { m["count"] = "1" }, "count"},
		{"count absent", func(m map[string]any) { delete(m, "count") }, "count"},
		{"pay negative", func(m map[string]any) { m["monthly_pay"] = -1 }, "monthly_pay"},
		{"pay fractional", func(m map[string]any) { m["monthly_pay"] = 2070000.5 }, "monthly_pay"},
		{"pay absent", func(m map[string]any) { delete(m, "monthly_pay") }, "monthly_pay"},
		{"pay null", func(m map[string]any) { m["monthly_pay"] = nil }, "monthly_pay"},
		{"unknown mechanism", func(m map[string]any) { m["mechanism"] = "magang" }, "mechanism"},
		{"unknown education", func(m map[string]any) { m["education_level"] = "SMK" }, "education_level"},
		{"malformed start", func(m map[string]any) { m["period_start"] = "2024-3-1" }, "period_start"},
		{"malformed reference date", func(m map[string]any) { m["reference_date"] = "kemarin" }, "reference_date"},
		{"age as text", func(m map[string]any) { m["age_min"] = "dua puluh" }, "age_min"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeStaffing(edit(t, validStaffing, tc.change), d("2024-01-01"))
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != tc.field {
				t.Errorf("err %v, want field %q", err, tc.field)
			}
			out, code := Run(edit(t, validStaffing, tc.change), d("2024-01-01"), nil)
			if code != 2 || !strings.Contains(string(out), `"field": "`+tc.field+`"`) {
				t.Errorf("Run: exit %d %s", code, out)
			}
		})
	}
}

func TestStaffingReferenceDateDefaultsToToday(t *testing.T) {
	r, err := DecodeStaffing(edit(t, validStaffing, func(m map[string]any) { delete(m, "reference_date") }), d("2024-05-05"))
	if err != nil || r.ReferenceDate != d("2024-05-05") {
		t.Errorf("%v %v", r.ReferenceDate, err)
	}
	if _, err := DecodeStaffing([]byte(validJFT), d("2024-05-05")); err == nil {
		t.Error("a JFT check decoded as a staffing request")
	}
}

func TestRunDispatchesStaffingByKind(t *testing.T) {
	out, code := Run([]byte(validStaffing), d("2024-01-01"), nil)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, out)
	}
	var res map[string]any
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatal(err)
	}
	if res["verdict"] != Eligible || res["rule_set"] != "uu-20-2023" || res["derived"] != nil || len(res["checks"].([]any)) != 5 {
		t.Errorf("output %s", out)
	}
}

func TestRupiahInDetailsMatchesModelsRupiah(t *testing.T) {
	for _, n := range []int64{0, 999, 1000, 2070000, 123456789, -5000} {
		if got, want := string(appendRupiah(nil, n)), models.Rupiah(n); got != want {
			t.Errorf("appendRupiah(%d) = %q, models.Rupiah = %q", n, got, want)
		}
	}
	if got := string(appendRupiah(nil, 2070000)); got != "Rp 2.070.000" {
		t.Errorf("got %q", got)
	}
}
