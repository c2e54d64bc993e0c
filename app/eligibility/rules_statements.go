package eligibility

import (
	"strconv"

	"github.com/kemenagjateng/usulan/models"
)

// ---- vacancy: an open formation for office × position × level × year ----

// The formation count itself lives in the database (app/workflow counts the
// quota and the proposals in flight); the engine reads the answer as
// Candidate.VacancyAvailable.
const basisVacancy = "PP 11/2017 Pasal 75(2), 78(2)"

var ruleVacancy = rule{
	ID:    "vacancy",
	Label: "Tersedia formasi (kebutuhan) jabatan",
	check: checkVacancy,
	params: func() []ParameterInfo {
		return []ParameterInfo{staticParam("vacancy", "Formasi", "formasi kantor × jabatan × jenjang × tahun masih tersisa, usulan yang sedang diproses ikut dihitung",
			basisVacancy, High, "")}
	},
}

func checkVacancy(e *evaluation) (string, string) {
	if !e.req.Position.HasLevel(e.req.Level) {
		e.s("formasi tidak diperiksa: ").positionName().s(" tidak memiliki jenjang ").levelName()
		return NotApplicable, basisVacancy
	}
	levelUp := e.req.Route == models.KenaikanJenjang
	switch v := e.c.VacancyAvailable; {
	case v == nil:
		e.s("ketersediaan formasi ").positionName().s(" ").levelName().s(" tidak diisi")
		return Missing, basisVacancy
	case !*v:
		e.s("tidak ada formasi ").positionName().s(" ").levelName().s(" yang tersisa pada tahun ").n(e.ref.Year)
		if levelUp {
			e.s("; tanpa formasi, yang bersangkutan dapat diusulkan kenaikan pangkat saja, bukan kenaikan jenjang")
		}
		return Fail, basisVacancy
	}
	e.s("tersedia formasi ").positionName().s(" ").levelName().s(" pada tahun ").n(e.ref.Year)
	return Pass, basisVacancy
}

// ---- discipline: no ongoing penalty; for promosi no sedang/berat penalty lately ----

type disciplineRule struct {
	// LookbackYears per route: no sedang/berat penalty within this many years
	// before the reference date. Routes absent only need "no ongoing penalty".
	LookbackYears map[models.Route]int
}

var disciplineRules = dated[disciplineRule]{
	{To: until2023, Value: disciplineRule{map[models.Route]int{models.Promosi: 3}},
		Source: "PP 11/2017 jo. PP 17/2020; PP 94/2021", Confidence: Medium},
	{From: from2023, Value: disciplineRule{map[models.Route]int{models.Promosi: 3}},
		Source: "PermenPANRB 1/2023; PP 94/2021", Confidence: Medium},
}

var ruleDiscipline = rule{
	ID:    "discipline",
	Label: "Tidak sedang menjalani hukuman disiplin",
	check: checkDiscipline,
	params: func() []ParameterInfo {
		return disciplineRules.infos("discipline", "Hukuman disiplin",
			func(v disciplineRule) string {
				s := "tidak sedang menjalani hukuman disiplin"
				for _, r := range models.AllRoutes() {
					if y, ok := v.LookbackYears[r]; ok {
						s += "; " + r.Label() + ": tanpa hukuman sedang/berat dalam " + strconv.Itoa(y) + " tahun terakhir"
					}
				}
				return s
			})
	},
}

// checkDiscipline: the lookback holds when the penalty's anniversary
// LookbackYears later is on or before the reference date (the same
// anniversary rule as ages: a 29 February penalty's anniversary in a common
// year is 1 March).
func checkDiscipline(e *evaluation) (string, string) {
	p := disciplineRules.at(e.ref)
	d := e.c.Discipline
	if d != nil && d.Ongoing != nil && *d.Ongoing {
		e.s("sedang menjalani hukuman disiplin")
		return Fail, p.Source
	}
	years, lookback := p.Value.LookbackYears[e.req.Route]
	// A known penalty inside the look-back window fails even when "ongoing"
	// is not stated: a known fail outweighs a missing fact (§6.1).
	if lookback && d != nil && !d.LastModerateOrSevere.IsZero() {
		last := d.LastModerateOrSevere
		clear := birthdayIn(last, last.Year+years)
		if dayKey(clear) > dayKey(e.ref) {
			e.s("hukuman disiplin sedang/berat terakhir ").date(last).s(", kurang dari ").n(years).
				s(" tahun sebelum ").date(e.ref).s(" (syarat jalur ").routeName().s(")")
			return Fail, p.Source
		}
	}
	if d == nil || d.Ongoing == nil {
		e.s("keterangan sedang atau tidak sedang menjalani hukuman disiplin tidak diisi")
		return Missing, p.Source
	}
	if !lookback {
		e.s("tidak sedang menjalani hukuman disiplin")
		return Pass, p.Source
	}
	if last := d.LastModerateOrSevere; !last.IsZero() {
		e.s("tidak sedang menjalani hukuman disiplin; hukuman sedang/berat terakhir ").date(last).
			s(", lebih dari ").n(years).s(" tahun sebelum ").date(e.ref)
		return Pass, p.Source
	}
	e.s("tidak sedang menjalani hukuman disiplin dan tidak pernah dijatuhi hukuman sedang/berat dalam ").
		n(years).s(" tahun terakhir")
	return Pass, p.Source
}

// ---- health and integrity statements (PP 11/2017 [H]) ----

// statementArticles: the article of PP 11/2017 that requires health and
// integrity for each route and group of levels (Pasal 75–77 keahlian, 78–80
// keterampilan: pengangkatan pertama, perpindahan, penyesuaian); promosi
// Pasal 198–200; kenaikan jenjang PermenPANRB 1/2023 [M].
func statementBasis(e *evaluation, what string) string {
	if e.req.Route == models.Promosi {
		return "PP 11/2017 Pasal 198–200 (" + what + ")"
	}
	if e.req.Route == models.KenaikanJenjang {
		return "PermenPANRB 1/2023 (" + what + ")"
	}
	art := map[models.Route]int{models.PengangkatanPertama: 75, models.Perpindahan: 76, models.Penyesuaian: 77}[e.req.Route]
	if art == 0 {
		return "PP 11/2017 Pasal 75–80 (" + what + ")"
	}
	if e.req.Level.IsKeterampilan() {
		art += 3
	}
	return "PP 11/2017 Pasal " + strconv.Itoa(art) + " (" + what + ")"
}

var ruleHealth = rule{
	ID:    "health",
	Label: "Surat keterangan sehat jasmani dan rohani",
	check: func(e *evaluation) (string, string) {
		return statement(e, e.c.HealthStatement, "surat keterangan sehat jasmani dan rohani",
			"surat keterangan tidak menyatakan sehat jasmani dan rohani", statementBasis(e, "sehat jasmani dan rohani"))
	},
	params: func() []ParameterInfo {
		return []ParameterInfo{staticParam("health", "Keterangan sehat", "surat keterangan sehat jasmani dan rohani ada dan menyatakan sehat",
			"PP 11/2017 Pasal 75–80, 198–200 (menurut jalur dan jenjang)", High, "")}
	},
}

var ruleIntegrity = rule{
	ID:    "integrity",
	Label: "Pernyataan integritas dan moralitas yang baik",
	check: func(e *evaluation) (string, string) {
		return statement(e, e.c.IntegrityStatement, "pernyataan integritas dan moralitas yang baik",
			"integritas dan moralitas yang baik tidak dinyatakan", statementBasis(e, "integritas dan moralitas yang baik"))
	},
	params: func() []ParameterInfo {
		return []ParameterInfo{staticParam("integrity", "Pernyataan integritas", "pernyataan integritas ada dan positif",
			"PP 11/2017 Pasal 75–80, 198–200 (menurut jalur dan jenjang)", High, "")}
	},
}

func statement(e *evaluation, v *bool, what, negative, basis string) (string, string) {
	switch {
	case v == nil:
		e.s(what).s(" belum dilampirkan")
		return Missing, basis
	case !*v:
		e.s(negative)
		return Fail, basis
	}
	e.s(what).s(" dilampirkan")
	return Pass, basis
}
