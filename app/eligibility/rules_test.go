package eligibility

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kemenagjateng/usulan/models"
)

// ---- dates and ages (DOMAIN.md §6) ----

func TestAgeIsCompletedYearsAndMonthsReachedOnTheAnniversary(t *testing.T) {
	for _, tc := range []struct {
		birth, ref string
		y, m       int
	}{
		{"1992-03-15", "2026-11-30", 34, 8},
		{"1992-03-15", "2026-03-14", 33, 11},
		{"1992-03-15", "2026-03-15", 34, 0},
		{"1972-12-01", "2026-11-30", 53, 11},
		{"1972-12-01", "2026-12-01", 54, 0},
		{"1972-02-29", "2026-02-28", 53, 11}, // common year: not reached on 28 Feb
		{"1972-02-29", "2026-03-01", 54, 0},  // reached on 1 March
		{"1972-02-29", "2028-02-28", 55, 11}, // leap year: reached on 29 Feb
		{"1972-02-29", "2028-02-29", 56, 0},
		{"1990-01-31", "1990-02-28", 0, 0}, // the 31st of a 30/28-day month: reached on the 1st
		{"1990-01-31", "1990-03-01", 0, 1},
		{"1990-01-31", "1990-03-31", 0, 2},
		{"2000-06-10", "2000-06-10", 0, 0},
	} {
		y, m := ageAt(d(tc.birth), d(tc.ref))
		if y != tc.y || m != tc.m {
			t.Errorf("born %s on %s: %d years %d months, want %d %d", tc.birth, tc.ref, y, m, tc.y, tc.m)
		}
	}
}

func TestPensionStartsOnTheFirstOfTheMonthAfterBUPIsReached(t *testing.T) {
	for _, tc := range []struct {
		birth string
		bup   int
		want  string
	}{
		{"1968-03-15", 58, "2026-04-01"}, // DOMAIN.md §6 examples
		{"1968-03-01", 58, "2026-04-01"},
		{"1968-03-31", 58, "2026-04-01"},
		{"1968-12-10", 58, "2027-01-01"}, // across the year
		{"1966-10-20", 60, "2026-11-01"},
		{"1961-05-05", 65, "2026-06-01"},
		{"1966-02-28", 60, "2026-03-01"},
		{"1968-02-29", 58, "2026-04-01"}, // 2026 is a common year: 58 reached on 1 March
		{"1964-02-29", 60, "2024-03-01"}, // 2024 is a leap year: 60 reached on 29 February
	} {
		if got := pensionStart(d(tc.birth), tc.bup); got != d(tc.want) {
			t.Errorf("born %s, BUP %d: pension %v, want %s", tc.birth, tc.bup, got, tc.want)
		}
	}
}

// ---- max_age: both sides of every limit ----

func TestTransferAgeLimitHoldsUntilTheDayBeforeTheNextBirthday(t *testing.T) {
	for _, tc := range []struct {
		level models.Level
		limit int
	}{
		{models.Terampil, 53}, {models.Mahir, 53}, {models.Penyelia, 53},
		{models.AhliPertama, 53}, {models.AhliMuda, 53}, {models.AhliMadya, 55}, {models.AhliUtama, 60},
	} {
		for _, ref := range []string{"2022-06-01", "2026-06-01"} { // both rule sets
			req := good(models.PranataKomputer, tc.level, models.Perpindahan, ref)
			refDate := d(ref)
			// Born so that the (limit+1)th birthday is the reference date.
			req.Candidate.BirthDate = models.Date{Year: refDate.Year - tc.limit - 1, Month: refDate.Month, Day: refDate.Day}
			o := wantResult(t, Evaluate(req), "max_age", Fail)
			if !strings.Contains(o.Detail, fmt.Sprintf("usia %d tahun 0 bulan", tc.limit+1)) {
				t.Errorf("%s: detail %q", tc.level, o.Detail)
			}
			req.ReferenceDate = refDate.AddDate(0, 0, -1) // the last day at age limit
			o = wantResult(t, Evaluate(req), "max_age", Pass)
			if !strings.Contains(o.Detail, fmt.Sprintf("usia %d tahun 11 bulan", tc.limit)) {
				t.Errorf("%s: detail %q", tc.level, o.Detail)
			}
		}
	}
}

func TestAgeLimitAppliesOnlyToTransfer(t *testing.T) {
	for _, r := range []models.Route{models.PengangkatanPertama, models.Penyesuaian, models.Promosi} {
		req := good(models.PranataKomputer, models.AhliMuda, r, "2026-11-30")
		req.Candidate.BirthDate = d("1970-01-01")
		wantResult(t, Evaluate(req), "max_age", NotApplicable)
	}
	req := goodTransfer("2026-11-30")
	req.Candidate.BirthDate = models.Date{}
	wantResult(t, Evaluate(req), "max_age", Missing)
}

func TestLeapDayBirthdayTurns54On1MarchInACommonYear(t *testing.T) {
	req := goodTransfer("2026-02-28")
	req.Candidate.BirthDate = d("1972-02-29")
	res := Evaluate(req)
	wantResult(t, res, "max_age", Pass)
	if *res.Derived.AgeYears != 53 || *res.Derived.AgeMonths != 11 {
		t.Errorf("age %d/%d", *res.Derived.AgeYears, *res.Derived.AgeMonths)
	}
	req.ReferenceDate = d("2026-03-01")
	wantResult(t, Evaluate(req), "max_age", Fail)
	// In a leap year the birthday is 29 February itself.
	req.Candidate.BirthDate = d("1976-02-29")
	req.ReferenceDate = d("2030-02-28")
	wantResult(t, Evaluate(req), "max_age", Pass)
	req.ReferenceDate = d("2029-03-01") // common year: 53 reached on 1 March, still ≤ 53
	wantResult(t, Evaluate(req), "max_age", Pass)
	req.Candidate.BirthDate = d("1972-02-29")
	req.ReferenceDate = d("2028-02-28") // 55 years 11 months
	wantResult(t, Evaluate(req), "max_age", Fail)
}

// ---- retirement_age: the boundary month ----

func TestRetirementFailsFromTheFirstDayOfThePension(t *testing.T) {
	for _, tc := range []struct {
		level         models.Level
		birth         string
		lastDayActive string
	}{
		{models.AhliPertama, "1968-03-15", "2026-03-31"},
		{models.Penyelia, "1968-03-01", "2026-03-31"},
		{models.AhliMuda, "1968-12-10", "2026-12-31"},
		{models.AhliMadya, "1966-10-20", "2026-10-31"},
		{models.AhliUtama, "1961-05-05", "2026-05-31"},
		{models.AhliPertama, "1968-02-29", "2026-03-31"},
	} {
		req := good(models.PranataKomputer, tc.level, models.Promosi, tc.lastDayActive)
		req.Candidate.BirthDate = d(tc.birth)
		// the current post's BUP is the target's, so the target's date decides
		req.Candidate.CurrentPost = &CurrentPost{Kind: models.PostJF, Position: models.PranataKomputer, Level: tc.level}
		res := Evaluate(req)
		wantResult(t, res, "retirement_age", Pass)
		pension := d(tc.lastDayActive).AddDate(0, 0, 1)
		if res.Derived.RetirementDate != pension {
			t.Errorf("%s born %s: retirement %v, want %v", tc.level, tc.birth, res.Derived.RetirementDate, pension)
		}
		req.ReferenceDate = pension
		o := wantResult(t, Evaluate(req), "retirement_age", Fail)
		if !strings.Contains(o.Detail, "sudah pensiun sejak "+pension.Indonesian()) {
			t.Errorf("detail %q", o.Detail)
		}
	}
}

func TestRetirementUsesTheTargetLevelsBUP(t *testing.T) {
	// Born 1967-06-10 on 2026-11-30: BUP 58 was reached in 2025, BUP 60 is in 2027.
	for l, want := range map[models.Level]string{models.AhliMuda: Fail, models.AhliMadya: Pass, models.AhliUtama: Pass, models.Penyelia: Fail} {
		req := good(models.PranataKomputer, l, models.Promosi, "2026-11-30")
		req.Candidate.BirthDate = d("1967-06-10")
		req.Candidate.CurrentPost = &CurrentPost{Kind: models.PostJPT} // BUP 60: still active
		wantResult(t, Evaluate(req), "retirement_age", want)
	}
}

// ---- rank_range: each edge of each level ----

func TestRankRangeEdgesForEveryLevel(t *testing.T) {
	all := models.AllRanks()
	for _, p := range models.AllPositions() {
		for _, l := range p.Levels() {
			r := jfRankRanges[l]
			lo, hi := r.Min.Order(), r.Max.Order()
			for _, g := range all {
				req := good(p, l, models.PengangkatanPertama, "2026-11-30")
				req.Candidate.Rank = g
				want := Fail
				if g.Order() >= lo && g.Order() <= hi {
					want = Pass
				}
				wantResult(t, Evaluate(req), "rank_range", want)
			}
		}
	}
	req := goodFirst("2026-11-30")
	req.Candidate.Rank = ""
	wantResult(t, Evaluate(req), "rank_range", Missing)
}

func TestRankRangeTableMatchesTheSpec(t *testing.T) {
	want := map[models.Level]string{
		models.Terampil: "II/c–II/d", models.Mahir: "III/a–III/b", models.Penyelia: "III/c–III/d",
		models.AhliPertama: "III/a–III/b", models.AhliMuda: "III/c–III/d", models.AhliMadya: "IV/a–IV/c", models.AhliUtama: "IV/d–IV/e",
	}
	for l, w := range want {
		r := jfRankRanges[l]
		if got := string(r.Min) + "–" + string(r.Max); got != w {
			t.Errorf("%s: %s, want %s", l, got, w)
		}
	}
}

// ---- level_exists ----

func TestPranataHumasHasNoAhliUtama(t *testing.T) {
	res := Evaluate(good(models.PranataHumas, models.AhliUtama, models.Perpindahan, "2026-11-30"))
	o := wantResult(t, res, "level_exists", Fail)
	if o.Basis != "PermenPANRB 6/2014" {
		t.Errorf("basis %q", o.Basis)
	}
	wantResult(t, res, "rank_range", NotApplicable)
	wantResult(t, Evaluate(good(models.PranataKomputer, models.AhliUtama, models.Perpindahan, "2026-11-30")), "level_exists", Pass)
}

// ---- route_open: the penyesuaian windows ----

func TestPranataKomputerAdjustmentClosesAfter6April2021(t *testing.T) {
	req := good(models.PranataKomputer, models.AhliPertama, models.Penyesuaian, "2021-04-06")
	wantResult(t, Evaluate(req), "route_open", Pass)
	req.ReferenceDate = d("2021-04-07")
	o := wantResult(t, Evaluate(req), "route_open", Fail)
	if !strings.Contains(o.Detail, "berakhir 6 April 2021") {
		t.Errorf("detail %q", o.Detail)
	}
}

func TestPranataHumasHasNoAdjustmentWindow(t *testing.T) {
	for _, ref := range []string{"2015-01-01", "2021-04-06", "2026-11-30"} {
		wantResult(t, Evaluate(good(models.PranataHumas, models.AhliPertama, models.Penyesuaian, ref)), "route_open", Fail)
	}
	for _, r := range []models.Route{models.PengangkatanPertama, models.Perpindahan, models.Promosi} {
		wantResult(t, Evaluate(good(models.PranataHumas, models.AhliPertama, r, "2026-11-30")), "route_open", NotApplicable)
	}
}

// ---- education_level ----

func TestEducationMinimumPerLevelGroup(t *testing.T) {
	for _, tc := range []struct {
		level models.Level
		edu   models.EducationLevel
		want  string
	}{
		// D-III for keterampilan is [L]: SLTA and D-I/D-II are for the verifier, below SLTA fails
		{models.Terampil, models.EduSMA, Manual}, {models.Terampil, models.EduD2, Manual},
		{models.Terampil, models.EduSMP, Fail},
		{models.Terampil, models.EduD3, Pass}, {models.Penyelia, models.EduS1, Pass},
		{models.AhliPertama, models.EduD3, Fail}, {models.AhliPertama, models.EduD4, Pass},
		{models.AhliPertama, models.EduS1, Pass}, {models.AhliUtama, models.EduS3, Pass},
		{models.AhliMadya, models.EduS1, Pass}, // Pranata Komputer Ahli Madya: S1 on any date
		{models.AhliPertama, "", Missing},
	} {
		req := good(models.PranataKomputer, tc.level, models.PengangkatanPertama, "2027-10-15")
		req.Candidate.EducationLevel = tc.edu
		wantResult(t, Evaluate(req), "education_level", tc.want)
	}
}

func TestPranataHumasAhliMadyaNeedsS2From15October2027(t *testing.T) {
	for _, tc := range []struct {
		ref  string
		edu  models.EducationLevel
		want string
	}{
		{"2027-10-14", models.EduS1, Pass}, {"2027-10-14", models.EduD4, Pass},
		{"2027-10-15", models.EduS1, Fail}, {"2027-10-15", models.EduD4, Fail},
		{"2027-10-15", models.EduS2, Pass}, {"2030-01-01", models.EduS3, Pass},
	} {
		req := good(models.PranataHumas, models.AhliMadya, models.Perpindahan, tc.ref)
		req.Candidate.EducationLevel = tc.edu
		o := wantResult(t, Evaluate(req), "education_level", tc.want)
		if tc.ref >= "2027-10-15" && o.Basis != "Permenkomdigi 9/2025 Pasal 58" {
			t.Errorf("%s: basis %q", tc.ref, o.Basis)
		}
	}
	// Other Pranata Humas levels keep S1.
	req := good(models.PranataHumas, models.AhliMuda, models.Perpindahan, "2028-01-01")
	req.Candidate.EducationLevel = models.EduS1
	wantResult(t, Evaluate(req), "education_level", Pass)
}

// ---- education_field ----

func TestEducationFieldMatchesAcceptedNamesAsWholeWords(t *testing.T) {
	for _, tc := range []struct {
		pos   models.Position
		field string
		want  string
	}{
		{models.PranataKomputer, "Teknik Informatika", Pass},
		{models.PranataKomputer, "S1 TEKNIK-INFORMATIKA", Pass},
		{models.PranataKomputer, "  sistem   informasi ", Pass},
		{models.PranataKomputer, "Pendidikan Teknologi Informasi", Pass},
		{models.PranataKomputer, "Komputerisasi Akuntansi", Pass},
		{models.PranataKomputer, "Computer Science", Pass},
		{models.PranataKomputer, "Ilmu Komunikasi", Manual},
		{models.PranataKomputer, "Pendidikan Agama Islam", Manual},
		{models.PranataKomputer, "Informatikawan", Manual}, // not a whole word
		{models.PranataKomputer, "", Missing},
		{models.PranataKomputer, "   ", Missing},
		{models.PranataHumas, "Komunikasi dan Penyiaran Islam", Pass},
		{models.PranataHumas, "Komunikasi Penyiaran Islam", Pass},
		{models.PranataHumas, "Hubungan Masyarakat", Pass},
		{models.PranataHumas, "Public Relations", Pass},
		{models.PranataHumas, "Jurnalistik", Pass},
		{models.PranataHumas, "Teknik Informatika", Manual},
	} {
		req := good(tc.pos, models.AhliPertama, models.PengangkatanPertama, "2026-11-30")
		req.Candidate.EducationField = tc.field
		o := wantResult(t, Evaluate(req), "education_field", tc.want)
		if tc.want == Manual && !strings.Contains(o.Detail, "dinilai verifikator") {
			t.Errorf("manual detail %q", o.Detail)
		}
	}
}

// ---- performance: every step of the rating order ----

func TestPerformanceMinimumBaikAtEveryRatingStep(t *testing.T) {
	want := map[models.PerformanceRating]string{
		models.RatingSangatBaik: Pass, models.RatingBaik: Pass, models.RatingButuhPerbaikan: Fail,
		models.RatingCukup: Fail, models.RatingKurang: Fail, models.RatingSangatKurang: Fail, models.RatingBuruk: Fail,
	}
	for _, r := range []models.Route{models.PengangkatanPertama, models.Penyesuaian, models.Perpindahan} {
		for rating, w := range want {
			req := good(models.PranataKomputer, models.AhliPertama, r, "2026-11-30")
			req.Candidate.Performance["2025"] = rating
			wantResult(t, Evaluate(req), "performance", w)
		}
	}
}

func TestPromotionNeedsSangatBaikInBothYears(t *testing.T) {
	for _, rating := range models.AllPerformanceRatings() {
		for _, year := range []string{"2025", "2024"} {
			req := good(models.PranataKomputer, models.AhliMuda, models.Promosi, "2026-11-30")
			req.Candidate.Performance[year] = rating
			w := Fail
			if rating == models.RatingSangatBaik {
				w = Pass
			}
			wantResult(t, Evaluate(req), "performance", w)
		}
	}
}

func TestPerformanceCountsFullCalendarYearsBeforeTheReferenceYear(t *testing.T) {
	req := goodTransfer("2026-01-01")
	req.Candidate.Performance = map[string]models.PerformanceRating{"2026": "baik", "2025": "baik", "2024": "baik"}
	res := Evaluate(req)
	wantResult(t, res, "performance", Pass)
	if y := res.Derived.PerformanceYears; len(y) != 2 || y[0] != 2025 || y[1] != 2024 {
		t.Errorf("performance years %v", y)
	}
	req.Candidate.Performance = map[string]models.PerformanceRating{"2026": "baik", "2025": "baik"}
	o := wantResult(t, Evaluate(req), "performance", Missing)
	if !strings.Contains(o.Detail, "2024 tidak diisi") {
		t.Errorf("detail %q", o.Detail)
	}
	// A poor year fails even when the other year is missing.
	req.Candidate.Performance = map[string]models.PerformanceRating{"2025": "kurang"}
	wantResult(t, Evaluate(req), "performance", Fail)
	req.Candidate.Performance = nil
	wantResult(t, Evaluate(req), "performance", Missing)
	if y := Evaluate(goodFirst("2026-11-30")).Derived.PerformanceYears; len(y) != 1 || y[0] != 2025 {
		t.Errorf("first appointment performance years %v", y)
	}
}

// ---- experience and competency test ----

func TestExperienceNeeds24MonthsForTransferAndPromotion(t *testing.T) {
	for _, r := range []models.Route{models.Perpindahan, models.Promosi} {
		for months, want := range map[int]string{11: Fail, 12: Manual, 23: Manual, 24: Pass, 120: Pass, 0: Fail} {
			req := good(models.PranataKomputer, models.AhliMuda, r, "2026-11-30")
			req.Candidate.ExperienceMonths = ptr(months)
			wantResult(t, Evaluate(req), "experience", want)
		}
		req := good(models.PranataKomputer, models.AhliMuda, r, "2026-11-30")
		req.Candidate.ExperienceMonths = nil
		wantResult(t, Evaluate(req), "experience", Missing)
	}
	for _, r := range []models.Route{models.PengangkatanPertama, models.Penyesuaian} {
		req := good(models.PranataKomputer, models.AhliMuda, r, "2026-11-30")
		req.Candidate.ExperienceMonths = nil
		wantResult(t, Evaluate(req), "experience", NotApplicable)
	}
}

func TestCompetencyTestRequiredExceptForFirstAppointment(t *testing.T) {
	for r, applies := range map[models.Route]bool{models.PengangkatanPertama: false, models.Perpindahan: true,
		models.Penyesuaian: true, models.Promosi: true} {
		req := good(models.PranataKomputer, models.AhliMuda, r, "2026-11-30")
		req.Candidate.CompetencyTestPassed = ptr(false)
		want := NotApplicable
		if applies {
			want = Fail
		}
		wantResult(t, Evaluate(req), "competency_test", want)
		req.Candidate.CompetencyTestPassed = nil
		if applies {
			want = Missing
		}
		wantResult(t, Evaluate(req), "competency_test", want)
	}
}

// ---- employment status and NIP ----

func TestCPNSOnlyThroughFirstAppointmentAndPPPKNever(t *testing.T) {
	for _, r := range models.AllRoutes() {
		req := good(models.PranataKomputer, models.AhliPertama, r, "2026-11-30")
		req.Candidate.EmploymentStatus = models.EmploymentCPNS
		want := Fail
		if r == models.PengangkatanPertama {
			want = Pass
		}
		wantResult(t, Evaluate(req), "employment_status", want)
		req.Candidate.EmploymentStatus = models.EmploymentPPPK
		wantResult(t, Evaluate(req), "employment_status", Fail)
		req.Candidate.EmploymentStatus = models.EmploymentPNS
		wantResult(t, Evaluate(req), "employment_status", Pass)
		req.Candidate.EmploymentStatus = ""
		wantResult(t, Evaluate(req), "employment_status", Missing)
	}
}

func TestPPPKNumberIsRecognisedAndMustCarryStatusPPPK(t *testing.T) {
	req := goodFirst("2026-11-30")
	req.Candidate.NIP, req.Candidate.BirthDate = "199001012024211001", d("1990-01-01")
	req.Candidate.EmploymentStatus = models.EmploymentPPPK
	res := Evaluate(req)
	o := wantResult(t, res, "nip_format", Pass)
	if !strings.HasPrefix(o.Detail, "NI PPPK") {
		t.Errorf("detail %q", o.Detail)
	}
	wantResult(t, res, "nip_consistency", Pass)
	wantResult(t, res, "employment_status", Fail)
	for _, s := range []models.EmploymentStatus{models.EmploymentPNS, models.EmploymentCPNS} {
		req.Candidate.EmploymentStatus = s
		wantResult(t, Evaluate(req), "nip_consistency", Fail)
	}
	// A PNS NIP with status PPPK is just as inconsistent.
	req = goodFirst("2026-11-30")
	req.Candidate.EmploymentStatus = models.EmploymentPPPK
	wantResult(t, Evaluate(req), "nip_consistency", Fail)
}

func TestNIPFormatFailsAreOutcomesNotErrors(t *testing.T) {
	for nip, why := range map[string]string{
		"abc":                   "hanya boleh berisi angka",
		"19920315201403100":     "18 angka",
		"199202302014031004":    "tanggal lahir",
		"199203152009031004":    "18 tahun",              // TMT before birth year + 18
		"199203152026121004":    "sesudah tanggal acuan", // TMT after the reference month
		"199203152014033004":    "digit 15",
		"199203152014031000":    "000",
		"199203152014001004":    "digit 13–14",
		"19920315 201403 1 004": "",
	} {
		req := goodFirst("2026-11-30")
		req.Candidate.NIP = nip
		res := Evaluate(req)
		if why == "" {
			wantResult(t, res, "nip_format", Pass)
			continue
		}
		o := wantResult(t, res, "nip_format", Fail)
		if !strings.Contains(o.Detail, why) {
			t.Errorf("%s: detail %q lacks %q", nip, o.Detail, why)
		}
		wantResult(t, res, "nip_consistency", NotApplicable)
	}
	// The TMT month equal to the reference month is fine.
	req := goodFirst("2026-12-15")
	req.Candidate.NIP = "199203152026121004"
	wantResult(t, Evaluate(req), "nip_format", Pass)
}

func TestNIPConsistencyComparesBirthDateAndGender(t *testing.T) {
	req := goodFirst("2026-11-30")
	req.Candidate.BirthDate = d("1992-03-16")
	o := wantResult(t, Evaluate(req), "nip_consistency", Fail)
	if !strings.Contains(o.Detail, "16 Maret 1992") || !strings.Contains(o.Detail, "15 Maret 1992") {
		t.Errorf("detail %q", o.Detail)
	}
	req = goodFirst("2026-11-30")
	req.Candidate.Gender = models.Female
	wantResult(t, Evaluate(req), "nip_consistency", Fail)
	req.Candidate.Gender, req.Candidate.BirthDate, req.Candidate.EmploymentStatus = "", models.Date{}, ""
	wantResult(t, Evaluate(req), "nip_consistency", Missing)
}

// ---- discipline, vacancy, statements ----

func TestPromotionNeedsThreeYearsSinceAModerateOrSeverePenalty(t *testing.T) {
	for last, want := range map[string]string{
		"2023-11-30": Pass, // exactly three years before
		"2023-12-01": Fail,
		"2026-06-01": Fail,
		"2010-01-01": Pass,
	} {
		req := good(models.PranataKomputer, models.AhliMuda, models.Promosi, "2026-11-30")
		req.Candidate.Discipline = &Discipline{Ongoing: ptr(false), LastModerateOrSevere: d(last)}
		wantResult(t, Evaluate(req), "discipline", want)
		// Other routes only look at an ongoing penalty.
		req.Route = models.Perpindahan
		wantResult(t, Evaluate(req), "discipline", Pass)
	}
	req := good(models.PranataKomputer, models.AhliMuda, models.Promosi, "2027-03-01")
	req.Candidate.Discipline = &Discipline{Ongoing: ptr(false), LastModerateOrSevere: d("2024-02-29")}
	wantResult(t, Evaluate(req), "discipline", Pass) // anniversary of 29 Feb in 2027 is 1 March
	req.ReferenceDate = d("2027-02-28")
	wantResult(t, Evaluate(req), "discipline", Fail)
}

func TestDisciplineOngoingFailsAndUnstatedIsMissing(t *testing.T) {
	req := goodFirst("2026-11-30")
	req.Candidate.Discipline = &Discipline{Ongoing: ptr(true)}
	wantResult(t, Evaluate(req), "discipline", Fail)
	req.Candidate.Discipline = &Discipline{}
	wantResult(t, Evaluate(req), "discipline", Missing)
	req.Candidate.Discipline = nil
	wantResult(t, Evaluate(req), "discipline", Missing)
}

func TestStatementsAndVacancyFailWhenFalseAndAreMissingWhenAbsent(t *testing.T) {
	for _, tc := range []struct {
		rule string
		set  func(*Candidate, *bool)
	}{
		{"health", func(c *Candidate, v *bool) { c.HealthStatement = v }},
		{"integrity", func(c *Candidate, v *bool) { c.IntegrityStatement = v }},
		{"vacancy", func(c *Candidate, v *bool) { c.VacancyAvailable = v }},
	} {
		req := goodFirst("2026-11-30")
		tc.set(&req.Candidate, ptr(false))
		wantResult(t, Evaluate(req), tc.rule, Fail)
		tc.set(&req.Candidate, nil)
		wantResult(t, Evaluate(req), tc.rule, Missing)
		tc.set(&req.Candidate, ptr(true))
		wantResult(t, Evaluate(req), tc.rule, Pass)
	}
}
