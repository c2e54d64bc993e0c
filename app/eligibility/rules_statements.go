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
	switch v := e.c.VacancyAvailable; {
	case v == nil:
		e.s("ketersediaan formasi ").positionName().s(" ").levelName().s(" tidak diisi")
		return Missing, basisVacancy
	case !*v:
		e.s("tidak ada formasi ").positionName().s(" ").levelName().s(" yang tersisa pada tahun ").n(e.ref.Year)
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
	if d == nil || d.Ongoing == nil {
		e.s("keterangan hukuman disiplin tidak diisi")
		return Missing, p.Source
	}
	if *d.Ongoing {
		e.s("sedang menjalani hukuman disiplin")
		return Fail, p.Source
	}
	years, ok := p.Value.LookbackYears[e.req.Route]
	if !ok {
		e.s("tidak sedang menjalani hukuman disiplin")
		return Pass, p.Source
	}
	if last := d.LastModerateOrSevere; !last.IsZero() {
		clear := birthdayIn(last, last.Year+years)
		if dayKey(clear) > dayKey(e.ref) {
			e.s("hukuman disiplin sedang/berat terakhir ").date(last).s(", kurang dari ").n(years).
				s(" tahun sebelum ").date(e.ref).s(" (syarat jalur ").routeName().s(")")
			return Fail, p.Source
		}
		e.s("tidak sedang menjalani hukuman disiplin; hukuman sedang/berat terakhir ").date(last).
			s(", lebih dari ").n(years).s(" tahun sebelum ").date(e.ref)
		return Pass, p.Source
	}
	e.s("tidak sedang menjalani hukuman disiplin dan tidak pernah dijatuhi hukuman sedang/berat dalam ").
		n(years).s(" tahun terakhir")
	return Pass, p.Source
}

// ---- health and integrity statements (PP 11/2017 [H]) ----

const (
	basisHealth    = "PP 11/2017 Pasal 75 (sehat jasmani dan rohani)"
	basisIntegrity = "PP 11/2017 Pasal 75 (integritas dan moralitas yang baik)"
)

var ruleHealth = rule{
	ID:    "health",
	Label: "Surat keterangan sehat jasmani dan rohani",
	check: func(e *evaluation) (string, string) {
		return statement(e, e.c.HealthStatement, "surat keterangan sehat jasmani dan rohani", basisHealth)
	},
	params: func() []ParameterInfo {
		return []ParameterInfo{staticParam("health", "Keterangan sehat", "surat keterangan sehat jasmani dan rohani ada dan menyatakan sehat", basisHealth, High, "")}
	},
}

var ruleIntegrity = rule{
	ID:    "integrity",
	Label: "Pernyataan integritas dan moralitas yang baik",
	check: func(e *evaluation) (string, string) {
		return statement(e, e.c.IntegrityStatement, "pernyataan integritas dan moralitas yang baik", basisIntegrity)
	},
	params: func() []ParameterInfo {
		return []ParameterInfo{staticParam("integrity", "Pernyataan integritas", "pernyataan integritas ada dan positif", basisIntegrity, High, "")}
	},
}

func statement(e *evaluation, v *bool, what, basis string) (string, string) {
	switch {
	case v == nil:
		e.s(what).s(" belum dilampirkan")
		return Missing, basis
	case !*v:
		e.s(what).s(" tidak terpenuhi")
		return Fail, basis
	}
	e.s(what).s(" dilampirkan")
	return Pass, basis
}
