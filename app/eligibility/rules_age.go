package eligibility

import (
	"strconv"
	"time"

	"github.com/kemenagjateng/usulan/models"
)

// Date arithmetic of DOMAIN.md §6.
//
// Age is counted in completed years and months; an anniversary is reached on
// its day of the month, and one falling on a day the month lacks (29 February
// in a common year, the 31st of a 30-day month) is reached on the 1st of the
// next month. "Paling tinggi N tahun" holds while the completed age ≤ N,
// i.e. until the day before the (N+1)th birthday.

// ageAt is the completed age on ref of someone born on birth (birth ≤ ref).
func ageAt(birth, ref models.Date) (years, months int) {
	m := (ref.Year-birth.Year)*12 + int(ref.Month) - int(birth.Month)
	if ref.Day < birth.Day {
		m-- // this month's anniversary is not reached yet (or falls on the 1st of next month)
	}
	return m / 12, m % 12
}

// birthdayIn is the day the birthday is reached in year y: 29 February in a
// common year is reached on 1 March.
func birthdayIn(birth models.Date, y int) models.Date {
	if birth.Month == time.February && birth.Day == 29 && !isLeap(y) {
		return models.Date{Year: y, Month: time.March, Day: 1}
	}
	return models.Date{Year: y, Month: birth.Month, Day: birth.Day}
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// pensionStart is the first day of the month after the month in which the
// BUP age is reached (PP 11/2017 Pasal 239; DOMAIN.md §6): born 1968-03-15 or
// 1968-03-01, BUP 58 → 2026-04-01. Someone born on 29 February reaches the
// age on 1 March of a common year, so the pension starts on 1 April then.
func pensionStart(birth models.Date, bup int) models.Date {
	reached := birthdayIn(birth, birth.Year+bup)
	if reached.Month == time.December {
		return models.Date{Year: reached.Year + 1, Month: time.January, Day: 1}
	}
	return models.Date{Year: reached.Year, Month: reached.Month + 1, Day: 1}
}

func levelAgesText(v map[models.Level]int) string {
	s := ""
	for _, l := range models.AllLevels() {
		if a, ok := v[l]; ok {
			if s != "" {
				s += "; "
			}
			s += l.Label() + " " + strconv.Itoa(a) + " tahun"
		}
	}
	return s
}

// ---- max_age: "usia paling tinggi" for perpindahan ----

// transferMaxAges: completed age on the reference date ≤ 53 (keterampilan,
// Ahli Pertama, Ahli Muda), ≤ 55 (Ahli Madya), ≤ 60 (Ahli Utama)
// (PermenPANRB 1/2023, BKN FAQ [H]); the same limits under PermenPANRB
// 42/2018 before 2023 [M].
var transferMaxAges = dated[map[models.Level]int]{
	{To: until2023, Value: transferAgeTable, Source: "PP 11/2017 Pasal 76/79", Confidence: Medium},
	{From: from2023, Value: transferAgeTable, Source: "PermenPANRB 1/2023; FAQ BKN", Confidence: High},
}

var transferAgeTable = map[models.Level]int{
	models.Terampil: 53, models.Mahir: 53, models.Penyelia: 53,
	models.AhliPertama: 53, models.AhliMuda: 53, models.AhliMadya: 55, models.AhliUtama: 60,
}

var ruleMaxAge = rule{
	ID:    "max_age",
	Label: "Usia paling tinggi untuk perpindahan dari jabatan lain",
	check: checkMaxAge,
	params: func() []ParameterInfo {
		return transferMaxAges.infos("max_age", "Usia paling tinggi, Perpindahan dari Jabatan Lain", levelAgesText)
	},
}

func checkMaxAge(e *evaluation) (string, string) {
	p := transferMaxAges.at(e.ref)
	if e.req.Route != models.Perpindahan {
		e.s("usia paling tinggi tidak diperiksa pada jalur ").routeName()
		return NotApplicable, p.Source
	}
	limit, ok := p.Value[e.req.Level]
	switch {
	case !ok:
		e.s("tidak ada batas usia untuk jenjang ").levelName()
		return NotApplicable, p.Source
	case e.c.BirthDate.IsZero():
		e.s("tanggal lahir tidak diisi; batas usia ").levelName().s(" ").n(limit).s(" tahun")
		return Missing, p.Source
	case !e.ageOK:
		e.s("tanggal lahir ").date(e.c.BirthDate).s(" jatuh sesudah tanggal acuan ").date(e.ref)
		return Fail, p.Source
	}
	e.s("usia ").n(e.ageY).s(" tahun ").n(e.ageM).s(" bulan pada ").date(e.ref)
	if e.ageY > limit {
		e.s(" melebihi batas ").n(limit).s(" tahun untuk ").levelName()
		return Fail, p.Source
	}
	e.s(" tidak melebihi batas ").n(limit).s(" tahun untuk ").levelName().
		s(" (batas terlampaui pada ").date(birthdayIn(e.c.BirthDate, e.c.BirthDate.Year+limit+1)).s(")")
	return Pass, p.Source
}

// ---- retirement_age: the pension must start after the reference date ----

// retirementAges (BUP) per level, PP 11/2017 Pasal 239 [H]: 58 for
// keterampilan, Ahli Pertama and Ahli Muda; 60 for Ahli Madya; 65 for Ahli Utama.
var retirementAges = dated[map[models.Level]int]{
	{Value: map[models.Level]int{
		models.Terampil: 58, models.Mahir: 58, models.Penyelia: 58,
		models.AhliPertama: 58, models.AhliMuda: 58, models.AhliMadya: 60, models.AhliUtama: 65,
	}, Source: "PP 11/2017 Pasal 239", Confidence: High},
}

var ruleRetirementAge = rule{
	ID:    "retirement_age",
	Label: "Belum mencapai batas usia pensiun jabatan saat ini dan jenjang tujuan",
	check: checkRetirementAge,
	params: func() []ParameterInfo {
		return retirementAges.infos("retirement_age", "Batas usia pensiun (BUP)", levelAgesText)
	},
}

func checkRetirementAge(e *evaluation) (string, string) {
	p := retirementAges.at(e.ref)
	switch {
	case e.bup == 0:
		e.s("tidak ada batas usia pensiun untuk jenjang ").levelName()
		return NotApplicable, p.Source
	case e.c.BirthDate.IsZero():
		e.s("tanggal lahir tidak diisi; batas usia pensiun ").levelName().s(" ").n(e.bup).s(" tahun")
		return Missing, p.Source
	case !e.ageOK:
		e.s("tanggal lahir ").date(e.c.BirthDate).s(" jatuh sesudah tanggal acuan ").date(e.ref)
		return Fail, p.Source
	}
	// The current post first: someone already retired in it cannot be
	// appointed to anything (ELIGIBILITY.md §6.1).
	if e.curBUP > 0 && dayKey(e.curRetire) <= dayKey(e.ref) {
		e.s("batas usia pensiun ").s(e.curBUPOf).s(" ").n(e.curBUP).s(" tahun tercapai ").
			date(birthdayIn(e.c.BirthDate, e.c.BirthDate.Year+e.curBUP)).s("; calon sudah pensiun sejak ").
			date(e.curRetire).s(", sebelum atau pada tanggal acuan ").date(e.ref)
		return Fail, p.Source
	}
	if dayKey(e.retire) <= dayKey(e.ref) {
		e.s("batas usia pensiun ").levelName().s(" ").n(e.bup).s(" tahun tercapai ").
			date(birthdayIn(e.c.BirthDate, e.c.BirthDate.Year+e.bup)).s("; calon sudah pensiun sejak ").
			date(e.retire).s(", sebelum atau pada tanggal acuan ").date(e.ref)
		return Fail, p.Source
	}
	const lowestBUP = 58
	if e.curBUP == 0 && e.bup > lowestBUP && e.ageY >= lowestBUP {
		e.s("jabatan saat ini tidak diketahui; dengan BUP ").n(lowestBUP).s(" tahun calon sudah pensiun sejak ").
			date(pensionStart(e.c.BirthDate, lowestBUP)).s(", sedangkan BUP ").levelName().s(" ").n(e.bup).
			s(" tahun (pensiun mulai ").date(e.retire).s("); verifikator memeriksa jabatan saat ini")
		return Manual, p.Source
	}
	e.s("batas usia pensiun ").levelName().s(" ").n(e.bup).s(" tahun tercapai ").
		date(birthdayIn(e.c.BirthDate, e.c.BirthDate.Year+e.bup)).s("; pensiun mulai ").date(e.retire)
	if e.curBUP > 0 && e.curBUP != e.bup {
		e.s("; BUP ").s(e.curBUPOf).s(" ").n(e.curBUP).s(" tahun, pensiun mulai ").date(e.curRetire).
			s("; keduanya sesudah tanggal acuan ").date(e.ref)
	} else {
		e.s(", sesudah tanggal acuan ").date(e.ref)
	}
	return Pass, p.Source
}
