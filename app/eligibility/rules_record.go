package eligibility

import (
	"strconv"

	"github.com/kemenagjateng/usulan/models"
)

// ---- performance: ratings for the most recent full calendar years ----

// perfRequirement: at least Min in each of the Years calendar years before
// the reference date's year.
type perfRequirement struct {
	Years int
	Min   models.PerformanceRating
}

// maxPerformanceYears bounds perfRequirement.Years (Derived keeps the years
// in a fixed array).
const maxPerformanceYears = 4

// performanceRequirements per route (ELIGIBILITY.md §2): pengangkatan
// pertama and penyesuaian at least baik for 1 year; perpindahan at least baik
// for 2 years; promosi sangat baik for 2 years. Before PermenPANRB 1/2023 the
// same values are kept under PP 11/2017 (the 2-year baik for perpindahan is
// also in PermenPANRB 42/2018 [M]); promosi before 2023 is an assumption [L].
var performanceRequirements = map[models.Route]dated[perfRequirement]{
	models.PengangkatanPertama: {
		{To: until2023, Value: perfRequirement{1, models.RatingBaik}, Source: "PP 11/2017 Pasal 75", Confidence: Medium},
		{From: from2023, Value: perfRequirement{1, models.RatingBaik}, Source: "PermenPANRB 1/2023", Confidence: High},
	},
	models.Perpindahan: {
		{To: until2023, Value: perfRequirement{2, models.RatingBaik}, Source: "PP 11/2017 Pasal 76/79", Confidence: Medium},
		{From: from2023, Value: perfRequirement{2, models.RatingBaik}, Source: "PermenPANRB 1/2023", Confidence: High},
	},
	models.Penyesuaian: {
		{To: until2023, Value: perfRequirement{1, models.RatingBaik}, Source: "PP 11/2017 Pasal 77", Confidence: Medium},
		{From: from2023, Value: perfRequirement{1, models.RatingBaik}, Source: "PermenPANRB 1/2023", Confidence: Medium},
	},
	models.Promosi: {
		{To: until2023, Value: perfRequirement{2, models.RatingSangatBaik}, Source: "PP 11/2017 Pasal 198–200", Confidence: Low,
			Note: "Nilai sebelum 2023 diasumsikan sama dengan PermenPANRB 1/2023; belum dicocokkan dengan naskah"},
		{From: from2023, Value: perfRequirement{2, models.RatingSangatBaik}, Source: "PermenPANRB 1/2023", Confidence: Medium},
	},
	models.KenaikanJenjang: {
		{To: until2023, Value: perfRequirement{1, models.RatingBaik}, Source: "PP 11/2017 jo. PP 17/2020; peraturan jabatan fungsional", Confidence: Low,
			Note: "Nilai sebelum 2023 diasumsikan sama dengan PermenPANRB 1/2023"},
		{From: from2023, Value: perfRequirement{1, models.RatingBaik}, Source: "PermenPANRB 1/2023; Peraturan BKN 3/2023", Confidence: Medium},
	},
}

var rulePerformance = rule{
	ID:    "performance",
	Label: "Predikat kinerja tahun-tahun terakhir",
	check: checkPerformance,
	params: func() []ParameterInfo {
		var out []ParameterInfo
		for _, r := range models.AllRoutes() {
			out = append(out, performanceRequirements[r].infos("performance", "Predikat kinerja "+r.Label(),
				func(v perfRequirement) string {
					return "paling rendah " + v.Min.Label() + " selama " + strconv.Itoa(v.Years) + " tahun terakhir"
				})...)
		}
		return out
	},
}

// yearKeys are the map keys of Candidate.Performance for common years, so a
// lookup does not format the year each time.
var yearKeys = func() (k [300]string) {
	for i := range k {
		k[i] = strconv.Itoa(1900 + i)
	}
	return k
}()

func yearKey(y int) string {
	if y >= 1900 && y < 1900+len(yearKeys) {
		return yearKeys[y-1900]
	}
	return strconv.Itoa(y)
}

// checkPerformance: any required year below the minimum → fail; otherwise
// any required year not given → missing; otherwise pass.
func checkPerformance(e *evaluation) (string, string) {
	p := e.perf
	if p == nil {
		e.s("predikat kinerja tidak diperiksa pada jalur ").routeName().s(" pada tanggal ").date(e.ref)
		return NotApplicable, "PermenPANRB 1/2023"
	}
	req := p.Value
	var below, missing, given [maxPerformanceYears]int
	nb, nm, ng := 0, 0, 0
	for i := 1; i <= req.Years && i <= maxPerformanceYears; i++ {
		y := e.ref.Year - i
		r, ok := e.c.Performance[yearKey(y)]
		switch {
		case !ok || r == "":
			missing[nm] = y
			nm++
		case !r.AtLeast(req.Min):
			below[nb] = y
			nb++
		default:
			given[ng] = y
			ng++
		}
	}
	writeRatings := func(years []int) {
		for i, y := range years {
			if i > 0 {
				e.s(", ")
			}
			r := e.c.Performance[yearKey(y)]
			e.n(y).s(": ")
			if l := r.Label(); l != "" {
				e.s(l)
			} else {
				e.q(string(r)).s(" (tidak dikenal)")
			}
		}
	}
	writeReq := func() {
		e.s("syarat paling rendah ").s(req.Min.Label()).s(" untuk ").n(req.Years).s(" tahun terakhir (")
		for i := 1; i <= req.Years; i++ {
			if i > 1 {
				e.s(", ")
			}
			e.n(e.ref.Year - i)
		}
		e.s(") pada jalur ").routeName()
	}
	switch {
	case nb > 0:
		e.s("predikat kinerja ")
		writeRatings(below[:nb])
		e.s(" di bawah ")
		writeReq()
		return lowFail(e, p.Confidence, "syarat predikat kinerja untuk tanggal ini"), p.Source
	case nm > 0:
		e.s("predikat kinerja tahun ")
		for i, y := range missing[:nm] {
			if i > 0 {
				e.s(", ")
			}
			e.n(y)
		}
		e.s(" tidak diisi; ")
		writeReq()
		return Missing, p.Source
	}
	e.s("predikat kinerja ")
	writeRatings(given[:ng])
	e.s(" memenuhi ")
	writeReq()
	return Pass, p.Source
}

// ---- experience: months doing the position's tasks (perpindahan, promosi);
// months in the current level (kenaikan_jenjang) ----

// expRequirement: Min months pass; from Floor to Min-1 months the verifier
// judges (manual); below Floor fails. Floor = Min means no grey zone.
type expRequirement struct{ Min, Floor int }

// experienceMinimums per route, in months: 24 for perpindahan and promosi,
// while BKN allows at least 1 year, counted cumulatively, for penataan
// birokrasi or strategic need, so 12–23 months is for the verifier (BKN FAQ
// on PermenPANRB 1/2023 [H]); kenaikan_jenjang: 12 months in the current
// level [L, so a shortfall is manual]. Routes absent here are not checked.
var experienceMinimums = map[models.Route]dated[expRequirement]{
	models.Perpindahan: {
		{To: until2023, Value: expRequirement{24, 24}, Source: "PP 11/2017 Pasal 76/79", Confidence: Medium},
		{From: from2023, Value: expRequirement{24, 12}, Source: "PermenPANRB 1/2023; FAQ BKN", Confidence: High},
	},
	models.Promosi: {
		{To: until2023, Value: expRequirement{24, 24}, Source: "PP 11/2017 Pasal 198–200", Confidence: Low,
			Note: "Nilai sebelum 2023 diasumsikan sama dengan PermenPANRB 1/2023"},
		{From: from2023, Value: expRequirement{24, 12}, Source: "PermenPANRB 1/2023; FAQ BKN", Confidence: High},
	},
	models.KenaikanJenjang: {
		{To: until2023, Value: expRequirement{12, 12}, Source: "PP 11/2017 jo. PP 17/2020; peraturan jabatan fungsional", Confidence: Low,
			Note: "Nilai sebelum 2023 diasumsikan sama dengan PermenPANRB 1/2023"},
		{From: from2023, Value: expRequirement{12, 12}, Source: "PermenPANRB 1/2023; Peraturan BKN 3/2023", Confidence: Low,
			Note: "Masa paling singkat 1 tahun dalam jenjang saat ini (sejak TMT jabatan saat ini) belum dikonfirmasi; kekurangan dinilai verifikator"},
	},
}

var ruleExperience = rule{
	ID:    "experience",
	Label: "Pengalaman melaksanakan tugas jabatan (kenaikan jenjang: masa dalam jenjang saat ini)",
	check: checkExperience,
	params: func() []ParameterInfo {
		var out []ParameterInfo
		for _, r := range models.AllRoutes() {
			if t, ok := experienceMinimums[r]; ok {
				name := "Pengalaman paling sedikit, " + r.Label()
				if r == models.KenaikanJenjang {
					name = "Masa dalam jenjang saat ini paling sedikit, " + r.Label()
				}
				out = append(out, t.infos("experience", name,
					func(v expRequirement) string {
						s := strconv.Itoa(v.Min) + " bulan"
						if v.Floor < v.Min {
							s += "; " + strconv.Itoa(v.Floor) + "–" + strconv.Itoa(v.Min-1) + " bulan dinilai verifikator"
						}
						return s
					})...)
			}
		}
		return out
	},
}

func checkExperience(e *evaluation) (string, string) {
	t, ok := experienceMinimums[e.req.Route]
	p := t.at(e.ref)
	if !ok || p == nil {
		e.s("pengalaman tidak diperiksa pada jalur ").routeName()
		return NotApplicable, "PermenPANRB 1/2023"
	}
	req := p.Value
	if e.req.Route == models.KenaikanJenjang {
		cp := e.c.CurrentPost
		if cp == nil || cp.TMT.IsZero() {
			e.s("TMT jabatan saat ini tidak diisi; syarat paling sedikit ").n(req.Min).s(" bulan dalam jenjang saat ini")
			return Missing, p.Source
		}
		if dayKey(cp.TMT) > dayKey(e.ref) {
			e.s("TMT jabatan saat ini ").date(cp.TMT).s(" jatuh sesudah tanggal acuan ").date(e.ref)
			return Fail, p.Source
		}
		y, m := ageAt(cp.TMT, e.ref)
		months := y*12 + m
		e.s("masa dalam jenjang saat ini ").n(months).s(" bulan (sejak ").date(cp.TMT).s(")")
		if months < req.Min {
			e.s(", kurang dari ").n(req.Min).s(" bulan")
			return lowFail(e, p.Confidence, "syarat masa dalam jenjang"), p.Source
		}
		e.s(" memenuhi syarat paling sedikit ").n(req.Min).s(" bulan")
		return Pass, p.Source
	}
	m := e.c.ExperienceMonths
	switch {
	case m == nil:
		e.s("lama pengalaman melaksanakan tugas ").positionName().s(" tidak diisi; syarat paling sedikit ").n(req.Min).s(" bulan")
		return Missing, p.Source
	case *m < req.Floor:
		e.s("pengalaman ").n(*m).s(" bulan kurang dari ")
		if req.Floor < req.Min {
			e.s("batas paling rendah ").n(req.Floor).s(" bulan (syarat ").n(req.Min).s(" bulan)")
		} else {
			e.s("syarat paling sedikit ").n(req.Min).s(" bulan")
		}
		return lowFail(e, p.Confidence, "syarat pengalaman untuk tanggal ini"), p.Source
	case *m < req.Min:
		e.s("pengalaman ").n(*m).s(" bulan kurang dari ").n(req.Min).s(" bulan tetapi paling sedikit ").n(req.Floor).
			s(" bulan: BKN membolehkan paling singkat 1 tahun, dihitung kumulatif, untuk penataan birokrasi atau kebutuhan strategis; verifikator menilai")
		return Manual, p.Source
	}
	e.s("pengalaman ").n(*m).s(" bulan memenuhi syarat paling sedikit ").n(req.Min).s(" bulan")
	return Pass, p.Source
}

// ---- competency_test: passed the pembina's uji kompetensi [H] ----

var competencyTestRoutes = dated[[]models.Route]{
	{To: until2023, Value: []models.Route{models.Perpindahan, models.Penyesuaian, models.Promosi},
		Source: "PP 11/2017 Pasal 76–80, 198–200", Confidence: High},
	{From: from2023, Value: []models.Route{models.Perpindahan, models.Penyesuaian, models.Promosi, models.KenaikanJenjang},
		Source: "PermenPANRB 1/2023", Confidence: High},
}

var ruleCompetencyTest = rule{
	ID:    "competency_test",
	Label: "Lulus uji kompetensi dari instansi pembina",
	check: checkCompetencyTest,
	params: func() []ParameterInfo {
		return competencyTestRoutes.infos("competency_test", "Jalur yang mensyaratkan uji kompetensi",
			func(v []models.Route) string {
				s := ""
				for i, r := range v {
					if i > 0 {
						s += ", "
					}
					s += r.Label()
				}
				return s
			})
	},
}

func checkCompetencyTest(e *evaluation) (string, string) {
	p := competencyTestRoutes.at(e.ref)
	applies := false
	for _, r := range p.Value {
		applies = applies || r == e.req.Route
	}
	if !applies {
		e.s("uji kompetensi tidak diperiksa pada jalur ini")
		return NotApplicable, p.Source
	}
	switch v := e.c.CompetencyTestPassed; {
	case v == nil:
		e.s("hasil uji kompetensi tidak diisi")
		return Missing, p.Source
	case !*v:
		e.s("belum lulus uji kompetensi yang disyaratkan untuk jalur ").routeName()
		return Fail, p.Source
	}
	e.s("lulus uji kompetensi dari instansi pembina")
	return Pass, p.Source
}
