package eligibility

import (
	"strings"
	"testing"

	"github.com/kemenagjateng/usulan/models"
)

// The audit's sentences (ELIGIBILITY.md §6): no detail claims law the catalog
// does not source, and none contradicts another rule.
func TestDetailsNeverClaimUnsourcedLaw(t *testing.T) {
	for _, tg := range Targets() {
		for _, o := range Evaluate(good(tg.Position, tg.Level, tg.Route, "2026-11-30")).Checks {
			for _, bad := range []string{"tidak disyaratkan", "hanya berlaku untuk", "tidak sesudah tanggal acuan", "tidak terpenuhi"} {
				if strings.Contains(o.Detail, bad) {
					t.Errorf("%v %s: %q", tg, o.Rule, o.Detail)
				}
			}
		}
	}
	o := outcome(t, Evaluate(goodFirst("2026-11-30")), "competency_test")
	if o.Result != NotApplicable || o.Detail != "uji kompetensi tidak diperiksa pada jalur ini" {
		t.Errorf("%+v", o)
	}
	req := goodFirst("2026-11-30")
	req.Candidate.HealthStatement = ptr(false)
	o = wantResult(t, Evaluate(req), "health", Fail)
	if o.Detail != "surat keterangan tidak menyatakan sehat jasmani dan rohani" || o.Basis != "PP 11/2017 Pasal 75 (sehat jasmani dan rohani)" {
		t.Errorf("%+v", o)
	}
	req = good(models.PranataKomputer, models.Terampil, models.Perpindahan, "2026-11-30")
	if b := outcome(t, Evaluate(req), "integrity").Basis; b != "PP 11/2017 Pasal 79 (integritas dan moralitas yang baik)" {
		t.Errorf("integrity basis %q", b)
	}
}

func TestHumasAhliUtamaVacancyDoesNotContradictLevelExists(t *testing.T) {
	res := Evaluate(good(models.PranataHumas, models.AhliUtama, models.PengangkatanPertama, "2026-11-30"))
	wantResult(t, res, "level_exists", Fail)
	o := wantResult(t, res, "vacancy", NotApplicable)
	if o.Detail != "formasi tidak diperiksa: Pranata Hubungan Masyarakat tidak memiliki jenjang Ahli Utama" {
		t.Errorf("%q", o.Detail)
	}
}

func TestPPPKDetailNamesTheLawfulPath(t *testing.T) {
	req := goodFirst("2026-11-30")
	req.Candidate.EmploymentStatus = models.EmploymentPPPK
	o := wantResult(t, Evaluate(req), "employment_status", Fail)
	if !strings.Contains(o.Detail, "melalui seleksi pengadaan PPPK") || o.Basis != "PP 11/2017 Pasal 74(2); PP 49/2018" {
		t.Errorf("%+v", o)
	}
}

func TestRetirementByTheCurrentPost(t *testing.T) {
	// An Ahli Muda aged 58 years 6 months: already retired at 58 in his post.
	req := good(models.PranataKomputer, models.AhliMadya, models.KenaikanJenjang, "2026-11-30")
	req.Candidate.BirthDate = d("1968-05-15")
	res := Evaluate(req)
	o := wantResult(t, res, "retirement_age", Fail)
	if !strings.Contains(o.Detail, "calon sudah pensiun sejak 1 Juni 2026") || res.Derived.CurrentRetirementDate != d("2026-06-01") ||
		res.Derived.RetirementDate != d("2028-06-01") {
		t.Errorf("%q %+v", o.Detail, res.Derived)
	}
	// Unknown post on perpindahan, aged ≥ 58, target BUP 60: manual.
	req = good(models.PranataKomputer, models.AhliMadya, models.Perpindahan, "2026-11-30")
	req.Candidate.BirthDate = d("1968-05-15")
	o = wantResult(t, Evaluate(req), "retirement_age", Manual)
	if !strings.HasPrefix(o.Detail, "jabatan saat ini tidak diketahui; dengan BUP 58 tahun calon sudah pensiun sejak 1 Juni 2026") {
		t.Errorf("%q", o.Detail)
	}
	// A JPT (BUP 60) is still active at 58.
	req.Candidate.CurrentPost = &CurrentPost{Kind: models.PostJPT}
	wantResult(t, Evaluate(req), "retirement_age", Pass)
}

func TestKnownPenaltyFailsEvenWhenOngoingIsNotStated(t *testing.T) {
	req := good(models.PranataKomputer, models.AhliMuda, models.Promosi, "2026-11-30")
	req.Candidate.Discipline = &Discipline{LastModerateOrSevere: d("2026-05-30")}
	wantResult(t, Evaluate(req), "discipline", Fail)
	req.Candidate.Discipline = &Discipline{LastModerateOrSevere: d("2020-05-30")}
	wantResult(t, Evaluate(req), "discipline", Missing)
}

func TestCreditPointThresholdsAtAndJustBelow(t *testing.T) {
	for l, th := range map[models.Level]float64{models.Mahir: 60, models.Penyelia: 100, models.AhliMuda: 100, models.AhliMadya: 200, models.AhliUtama: 450} {
		req := good(models.PranataKomputer, l, models.KenaikanJenjang, "2026-11-30")
		req.Candidate.CreditPoints = ptr(th)
		wantResult(t, Evaluate(req), "credit_points", Pass)
		req.Candidate.CreditPoints = ptr(th - 0.01)
		wantResult(t, Evaluate(req), "credit_points", Fail)
	}
	req := good(models.PranataKomputer, models.AhliMuda, models.KenaikanJenjang, "2026-11-30")
	req.Candidate.CreditPoints = ptr(112.5)
	if o := outcome(t, Evaluate(req), "credit_points"); o.Detail != "angka kredit kumulatif 112,5 mencapai batas 100 untuk kenaikan ke Ahli Muda" {
		t.Errorf("%q", o.Detail)
	}
	req.Candidate.VacancyAvailable = ptr(false)
	if o := outcome(t, Evaluate(req), "vacancy"); !strings.Contains(o.Detail, "dapat diusulkan kenaikan pangkat saja") {
		t.Errorf("%q", o.Detail)
	}
}

func TestDatesOutsideTheProductsRangeAreInputErrors(t *testing.T) {
	for _, in := range []string{
		`{"position":"pranata_komputer","level":"ahli_pertama","route":"promosi","candidate":{"nip":"199203152019031004","birth_date":"9999-12-31"}}`,
		`{"reference_date":"2101-01-01","position":"pranata_komputer","level":"ahli_pertama","route":"promosi","candidate":{"nip":"199203152019031004"}}`,
		`{"position":"pranata_komputer","level":"ahli_muda","route":"kenaikan_jenjang","candidate":{"nip":"199203152019031004","current_post":{"kind":"jf","position":"pranata_komputer","level":"ahli_pertama","tmt":"1899-12-31"}}}`,
		`{"kind":"staffing","count":1,"monthly_pay":0,"period_start":"0001-01-01"}`,
	} {
		if out, code := Run([]byte(in), d("2026-11-30"), nil); code != 2 || !strings.Contains(string(out), "di luar rentang 1 Januari 1900 – 31 Desember 2100") {
			t.Errorf("%s: exit %d %s", in, code, out)
		}
	}
	in := `{"position":"pranata_komputer","level":"ahli_pertama","route":"promosi","candidate":{"nip":"199203152019031004","birth_date":"1900-01-01"}}`
	if _, code := Run([]byte(in), d("2026-11-30"), nil); code != 0 {
		t.Errorf("1900-01-01 refused")
	}
}

func TestOneResultVocabulary(t *testing.T) {
	if ResultLabel(Missing) != "Data belum lengkap" || ResultLabel(Manual) != "Perlu penilaian" {
		t.Errorf("%q %q", ResultLabel(Missing), ResultLabel(Manual))
	}
}

func TestCreditPointEstimateFromRatings(t *testing.T) {
	c := Candidate{CurrentPost: &CurrentPost{Kind: models.PostJF, Level: models.AhliPertama, TMT: d("2022-01-01")},
		Performance: map[string]models.PerformanceRating{"2022": "baik", "2023": "sangat_baik", "2024": "baik", "2025": "butuh_perbaikan", "2026": "baik"}}
	// 12.5 × (1 + 1.5 + 1 + 0.75) for 2022–2025; 2026 is not a full year before the reference date
	if pts, years, ok := EstimateCreditPoints(c, d("2026-11-30")); !ok || pts != 53.125 || len(years) != 4 {
		t.Errorf("%v %v %v", pts, years, ok)
	}
	c.CurrentPost.TMT = d("2022-06-01") // 2022 is not a full year in the level
	if pts, _, _ := EstimateCreditPoints(c, d("2026-11-30")); pts != 40.625 {
		t.Errorf("%v", pts)
	}
	if _, _, ok := EstimateCreditPoints(Candidate{}, d("2026-11-30")); ok {
		t.Error("estimate without a post")
	}
}

// An [L] value never fails alone: promosi before 2023 (an assumed value).
func TestLowConfidenceValuesGiveManualNotFail(t *testing.T) {
	req := good(models.PranataKomputer, models.AhliMuda, models.Promosi, "2022-06-01")
	req.Candidate.Performance = map[string]models.PerformanceRating{"2021": "baik", "2020": "baik"}
	req.Candidate.ExperienceMonths = ptr(6)
	res := Evaluate(req)
	for _, id := range []string{"performance", "experience"} {
		if o := wantResult(t, res, id, Manual); !strings.Contains(o.Detail, "berkeyakinan rendah [L]") {
			t.Errorf("%s: %q", id, o.Detail)
		}
	}
	req.ReferenceDate = d("2026-11-30")
	req.Candidate.Performance = map[string]models.PerformanceRating{"2025": "baik", "2024": "baik"}
	wantResult(t, Evaluate(req), "performance", Fail) // [M] since 2023
	wantResult(t, Evaluate(req), "experience", Fail)  // [H] since 2023, under 12 months
}

// TestRetirementByTheCurrentPostOnItsFirstDay: born 15 May 1968, a current
// Ahli Muda (BUP 58) retires from 1 June 2026. On 31 May 2026 he may still be
// proposed for Ahli Madya (BUP 60); on 1 June 2026 he is retired.
func TestRetirementByTheCurrentPostOnItsFirstDay(t *testing.T) {
	for ref, want := range map[string]string{"2026-05-31": Pass, "2026-06-01": Fail} {
		req := good(models.PranataKomputer, models.AhliMadya, models.KenaikanJenjang, ref)
		req.Candidate.BirthDate = d("1968-05-15")
		if o := outcome(t, Evaluate(req), "retirement_age"); o.Result != want {
			t.Errorf("on %s: %s (%s), want %s", ref, o.Result, o.Detail, want)
		}
	}
}
