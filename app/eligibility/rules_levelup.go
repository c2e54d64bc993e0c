package eligibility

import (
	"strconv"

	"github.com/kemenagjateng/usulan/models"
)

// Rules of the kenaikan_jenjang route (ELIGIBILITY.md §6.1): moving a JF
// holder up one level within the same JF on the strength of the cumulative
// credit points of the latest PAK.

const basisLevelUp = "PermenPANRB 1/2023; Peraturan BKN 3/2023"

// ---- current_level: the current post is the same JF, one level below ----

var ruleCurrentLevel = rule{
	ID:    "current_level",
	Label: "Jabatan saat ini satu jenjang di bawah jenjang tujuan pada jabatan fungsional yang sama",
	check: checkCurrentLevel,
	params: func() []ParameterInfo {
		return []ParameterInfo{staticParam("current_level", "Kenaikan jenjang",
			"dari jenjang tepat di bawah jenjang tujuan pada jabatan fungsional yang sama; Terampil dan Ahli Pertama tidak dicapai melalui jalur ini",
			basisLevelUp, High, "")}
	},
}

func checkCurrentLevel(e *evaluation) (string, string) {
	if e.req.Route != models.KenaikanJenjang {
		e.s("jenjang saat ini tidak diperiksa pada jalur ").routeName()
		return NotApplicable, basisLevelUp
	}
	below := e.req.Level.Below()
	if below == "" {
		e.levelName().s(" adalah jenjang pertama dan tidak dicapai melalui Kenaikan Jenjang Jabatan")
		return Fail, basisLevelUp
	}
	p := e.c.CurrentPost
	if p == nil {
		e.s("jabatan saat ini tidak diisi; syarat: ").positionName().s(" ").s(below.Label())
		return Missing, basisLevelUp
	}
	if p.Kind != models.PostJF {
		e.s("jabatan saat ini ").s(p.Kind.Label()).s(", bukan ").positionName().s(" ").s(below.Label())
		return Fail, basisLevelUp
	}
	if p.Position != e.req.Position || p.Level != below {
		e.s("jabatan saat ini ").s(p.Position.Label()).s(" ").s(p.Level.Label()).s(", bukan ").
			positionName().s(" ").s(below.Label()).s(" (satu jenjang di bawah ").levelName().s(")")
		return Fail, basisLevelUp
	}
	e.s("jabatan saat ini ").positionName().s(" ").s(below.Label()).s(", satu jenjang di bawah ").levelName()
	return Pass, basisLevelUp
}

// ---- credit_points: cumulative angka kredit ≥ the target level's threshold ----

// creditThresholds: cumulative credit points in the current level needed to
// move up to each level (the system in force since January 2023): Ahli Muda
// 100, Ahli Madya 200, Ahli Utama 450 [H, BKN's conversion tables]; Mahir 60,
// Penyelia 100 [M].
type creditThreshold struct {
	Value      float64
	Source     string
	Confidence Confidence
}

var creditThresholds = map[models.Level]creditThreshold{
	models.Mahir:     {60, "Peraturan BKN 3/2023 (tabel konversi)", Medium},
	models.Penyelia:  {100, "Peraturan BKN 3/2023 (tabel konversi)", Medium},
	models.AhliMuda:  {100, "Peraturan BKN 3/2023 (tabel konversi)", High},
	models.AhliMadya: {200, "Peraturan BKN 3/2023 (tabel konversi)", High},
	models.AhliUtama: {450, "Peraturan BKN 3/2023 (tabel konversi)", High},
}

var ruleCreditPoints = rule{
	ID:    "credit_points",
	Label: "Angka kredit kumulatif (PAK terakhir) mencapai batas jenjang tujuan",
	check: checkCreditPoints,
	params: func() []ParameterInfo {
		var out []ParameterInfo
		for _, l := range models.AllLevels() {
			if t, ok := creditThresholds[l]; ok {
				out = append(out, staticParam("credit_points", "Angka kredit kenaikan ke "+l.Label(),
					formatPoints(t.Value), t.Source, t.Confidence, ""))
			}
		}
		return out
	},
}

// formatPoints writes 112.5 as "112,5" and 100 as "100".
func formatPoints(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			return s[:i] + "," + s[i+1:]
		}
	}
	return s
}

func checkCreditPoints(e *evaluation) (string, string) {
	if e.req.Route != models.KenaikanJenjang {
		e.s("angka kredit tidak diperiksa pada jalur ").routeName()
		return NotApplicable, basisLevelUp
	}
	t, ok := creditThresholds[e.req.Level]
	if !ok {
		e.s("tidak ada batas angka kredit untuk kenaikan ke ").levelName()
		return NotApplicable, basisLevelUp
	}
	v := e.c.CreditPoints
	if v == nil {
		e.s("angka kredit kumulatif dari PAK terakhir tidak diisi; batas kenaikan ke ").levelName().s(" ").s(formatPoints(t.Value))
		return Missing, t.Source
	}
	e.s("angka kredit kumulatif ").s(formatPoints(*v))
	if *v < t.Value {
		e.s(" kurang dari batas ").s(formatPoints(t.Value)).s(" untuk kenaikan ke ").levelName()
		return lowFail(e, t.Confidence, "batas angka kredit"), t.Source
	}
	e.s(" mencapai batas ").s(formatPoints(t.Value)).s(" untuk kenaikan ke ").levelName()
	return Pass, t.Source
}

// lowFail applies the principle of ELIGIBILITY.md §6: a parameter marked [L]
// never fails a candidate alone. For [H] and [M] it returns Fail; for [L] it
// says which parameter is uncertain and returns Manual.
func lowFail(e *evaluation, c Confidence, what string) string {
	if c != Low {
		return Fail
	}
	e.s("; ").s(what).s(" berkeyakinan rendah [L], verifikator menilai apakah syarat terpenuhi")
	return Manual
}

// ---- the BUP of the current post (retirement_age) ----

// postBUPs: the BUP of a structural post (PP 11/2017 Pasal 239 [H]):
// pelaksana, pengawas and administrator 58; JPT 60. A JF's BUP is that of its
// level (retirementAges).
var postBUPs = map[models.PostKind]int{
	models.PostPelaksana: 58, models.PostPengawas: 58, models.PostAdministrator: 58, models.PostJPT: 60,
}

// currentBUP is the BUP of the candidate's current post and a phrase naming
// that post ("jabatan saat ini (Ahli Muda)"): from current_post when given;
// otherwise, for promosi and kenaikan_jenjang, the level below the target;
// otherwise 0 (unknown).
func currentBUP(req *Request, ref models.Date) (int, string) {
	ages := retirementAges.at(ref)
	if ages == nil {
		return 0, ""
	}
	if p := req.Candidate.CurrentPost; p != nil {
		if p.Kind == models.PostJF {
			if b, ok := ages.Value[p.Level]; ok {
				return b, "jabatan saat ini (" + p.Position.Label() + " " + p.Level.Label() + ")"
			}
			return 0, ""
		}
		if b, ok := postBUPs[p.Kind]; ok {
			return b, "jabatan saat ini (" + p.Kind.Label() + ")"
		}
		return 0, ""
	}
	if req.Route == models.Promosi || req.Route == models.KenaikanJenjang {
		if below := req.Level.Below(); below != "" {
			return ages.Value[below], "jenjang di bawah jenjang tujuan (" + below.Label() + ")"
		}
	}
	return 0, ""
}

// ---- estimate of credit points from the ratings (what-if only) ----

// annualCoefficients is the yearly credit-point coefficient of each level
// (Ahli Pertama 12.5, Ahli Muda 25 [H]; Ahli Madya 37.5 [M]; Ahli Utama 50,
// Terampil 5, Mahir 12.5, Penyelia 25 [L]) and ratingMultipliers the share a
// rating earns (sangat baik 150%, baik 100%, butuh perbaikan 75%, kurang 50%,
// sangat kurang 25% [H]; PermenPANRB 1/2023).
var annualCoefficients = map[models.Level]float64{
	models.Terampil: 5, models.Mahir: 12.5, models.Penyelia: 25,
	models.AhliPertama: 12.5, models.AhliMuda: 25, models.AhliMadya: 37.5, models.AhliUtama: 50,
}

var ratingMultipliers = map[models.PerformanceRating]float64{
	models.RatingSangatBaik: 1.5, models.RatingBaik: 1, models.RatingButuhPerbaikan: 0.75, models.RatingCukup: 0.75,
	models.RatingKurang: 0.5, models.RatingSangatKurang: 0.25, models.RatingBuruk: 0.25,
}

// EstimateCreditPoints estimates the credit points a JF holder earned in the
// current level from the annual ratings of the full calendar years in it
// (from current_post.tmt) up to the year before ref. It is an estimate
// for the what-if page, never a PAK: rule credit_points reads only the total
// the PAK states. ok is false without a JF post, its TMT or any rated year.
func EstimateCreditPoints(c Candidate, ref models.Date) (points float64, years []int, ok bool) {
	p := c.CurrentPost
	if p == nil || p.Kind != models.PostJF || p.TMT.IsZero() {
		return 0, nil, false
	}
	coef, known := annualCoefficients[p.Level]
	if !known {
		return 0, nil, false
	}
	first := p.TMT.Year
	if p.TMT.Month != 1 || p.TMT.Day != 1 {
		first++ // the year the post began is not a full year in it
	}
	for y := first; y < ref.Year; y++ {
		if m, rated := ratingMultipliers[c.Performance[yearKey(y)]]; rated {
			points += coef * m
			years = append(years, y)
		}
	}
	return points, years, len(years) > 0
}
