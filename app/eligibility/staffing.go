package eligibility

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kemenagjateng/usulan/models"
)

// StaffingRequest is a request for support staff (ELIGIBILITY.md §4). Count
// must be ≥ 1 and MonthlyPay (whole rupiah per person per month) ≥ 0; both
// are required by DecodeStaffing. Optional fields left empty make the rules
// that need them answer missing. Skills and Tasks are free text for the
// letter and read by no rule. The validate tags are what a filed staffing
// request needs (app/input): the rules of Validate and a title for the
// letter.
type StaffingRequest struct {
	Kind           string                   `json:"kind"` // "staffing"
	ReferenceDate  models.Date              `json:"reference_date" validate:"indate" label:"Tanggal acuan"`
	Office         string                   `json:"office"` // office code, e.g. "Kk.11.03"
	PositionTitle  string                   `json:"position_title" validate:"notblank,max=200" label:"Nama jabatan/tugas"`
	Count          int                      `json:"count" validate:"min=1,max=1000" msg:"Jumlah harus bilangan bulat, paling sedikit 1." msg_max:"Paling banyak 1.000 orang dalam satu permintaan."`
	Mechanism      models.StaffingMechanism `json:"mechanism" validate:"omitempty,mechanism"`
	EducationLevel models.EducationLevel    `json:"education_level" validate:"omitempty,education"`
	EducationField string                   `json:"education_field" validate:"max=150" label:"Jurusan"`
	AgeMin         *int                     `json:"age_min" msg:"Usia harus bilangan bulat tahun."`
	AgeMax         *int                     `json:"age_max" msg:"Usia harus bilangan bulat tahun."`
	Skills         string                   `json:"skills" validate:"max=1000" label:"Keterampilan"`
	Tasks          string                   `json:"tasks" validate:"max=4000" label:"Uraian tugas"`
	MonthlyPay     int64                    `json:"monthly_pay" validate:"min=0" msg:"Honor harus bilangan bulat rupiah, misalnya 2.070.000."`
	BudgetSource   string                   `json:"budget_source" validate:"max=300" label:"Sumber anggaran"`
	PeriodStart    models.Date              `json:"period_start" validate:"indate" label:"Awal masa kontrak"`
	PeriodEnd      models.Date              `json:"period_end" validate:"indate" label:"Akhir masa kontrak"`
	Justification  string                   `json:"justification" validate:"max=4000" label:"Justifikasi"`
}

// Validate checks what makes a staffing request unreadable (→ exit 2 / HTTP
// 400): count < 1, monthly_pay < 0, an unknown mechanism or education level.
// Field names are the JSON names.
func (r StaffingRequest) Validate() *InputError {
	for _, f := range []struct {
		field, value string
		max          int
	}{{"position_title", r.PositionTitle, 200}, {"education_field", r.EducationField, 150}, {"skills", r.Skills, 1000},
		{"tasks", r.Tasks, 4000}, {"justification", r.Justification, 4000}, {"budget_source", r.BudgetSource, 300}} {
		if utf8.RuneCountInString(f.value) > f.max {
			return &InputError{Field: f.field, Message: "paling panjang " + strconv.Itoa(f.max) + " karakter"}
		}
	}
	switch {
	case r.Count < 1:
		return &InputError{Field: "count", Message: "jumlah tenaga yang diminta harus bilangan bulat paling sedikit 1"}
	case r.MonthlyPay < 0:
		return &InputError{Field: "monthly_pay", Message: "honor bulanan harus bilangan bulat rupiah, paling sedikit 0"}
	case r.Mechanism != "" && !r.Mechanism.Valid():
		return &InputError{Field: "mechanism", Message: "mekanisme " + strconv.Quote(string(r.Mechanism)) +
			" tidak dikenal (honorer, outsourcing, pppk_paruh_waktu)"}
	case r.EducationLevel != "" && !r.EducationLevel.Valid():
		return &InputError{Field: "education_level", Message: "jenjang pendidikan " + strconv.Quote(string(r.EducationLevel)) +
			" tidak dikenal (SD, SMP, SMA, D1, D2, D3, D4, S1, S2, S3)"}
	}
	return nil
}

// PayCap is a monthly pay ceiling an admin sets (PMK standar biaya masukan):
// for one budget year, one office ("" = every office) and one mechanism ("" =
// every mechanism), in whole rupiah, with its source and confidence.
type PayCap struct {
	Year       int    `json:"year"`
	Office     string `json:"office"`    // office code; "" = all offices
	Mechanism  string `json:"mechanism"` // models.StaffingMechanism; "" = all
	Amount     int64  `json:"amount"`
	Source     string `json:"source"`
	Confidence string `json:"confidence"`
}

// DefaultPayCaps are the caps known for sure: 2024, Central Java, pramubakti
// Rp 2.070.000 per month (PMK 49/2023 [H]), applied to every office of the
// province and every mechanism. An outsourcing contract above the cap is for
// the verifier (the budget may go 25% higher and follow the minimum wage); an
// admin may set a higher cap for an office whose minimum wage exceeds it.
func DefaultPayCaps() []PayCap {
	return []PayCap{
		{Year: 2024, Amount: 2070000, Source: "PMK 49/2023 (standar biaya masukan 2024, pramubakti Jawa Tengah)", Confidence: string(High)},
	}
}

// capFor picks the cap for a year, office and mechanism: the most specific
// match (office and mechanism named > office named > mechanism named >
// neither); among equals the first given.
func capFor(caps []PayCap, year int, office string, m models.StaffingMechanism) *PayCap {
	var best *PayCap
	bestScore := -1
	for i := range caps {
		c := &caps[i]
		if c.Year != year || (c.Office != "" && !strings.EqualFold(c.Office, office)) ||
			(c.Mechanism != "" && c.Mechanism != string(m)) {
			continue
		}
		score := 0
		if c.Office != "" {
			score += 2
		}
		if c.Mechanism != "" {
			score++
		}
		if score > bestScore {
			best, bestScore = c, score
		}
	}
	return best
}

// staffingRules is the staffing catalog in the order of ELIGIBILITY.md §4.
var staffingRules = []rule{
	ruleMechanismLawful,
	rulePeriodWithinBudgetYear,
	rulePayWithinCap,
	ruleQualification,
	ruleJustification,
}

// EvaluateStaffing checks a staffing request on req.ReferenceDate (today in
// Asia/Jakarta when zero) against the pay caps given (nil = DefaultPayCaps;
// an empty non-nil slice = no caps at all) and returns the five rules of
// ELIGIBILITY.md §4 in order. The rule set is "non-asn-pp-49-2018" before
// 2023-10-31 and "uu-20-2023" from then on.
func EvaluateStaffing(req StaffingRequest, caps []PayCap) Result {
	if caps == nil {
		caps = DefaultPayCaps()
	}
	e := getEvaluation()
	defer putEvaluation(e)
	e.stv = req
	e.st, e.caps = &e.stv, caps
	e.ref = mustRef(req.ReferenceDate)
	e.set = ruleSetAt(staffingRuleSets, e.ref)
	checks := e.run(staffingRules)
	return Result{Verdict: verdictOf(checks), RuleSet: e.set.ID, ReferenceDate: e.ref, Checks: checks}
}

// ---- mechanism_lawful ----

type mechanismStatus struct {
	Result string // Pass, Fail or Manual
	Why    string // the sentence given as detail
}

// mechanismRules (ELIGIBILITY.md §6.2): recruiting honorer was already
// forbidden before UU 20/2023 (PP 48/2005 Pasal 8; PP 49/2018 Pasal 96 for
// ASN positions; MenPANRB letter B/185/M.SM.02.03/2022 of 31 May 2022 told
// offices to stop and to outsource drivers, cleaners and security), yet it
// was common practice: before 2023-10-31 the verifier judges; from then on
// UU 20/2023 Pasal 65–66 forbids it. Outsourcing through procurement stays
// lawful. PPPK paruh waktu exists from 2025-01-13 (KepMenPANRB 16/2025,
// signed that day) and only for people already in BKN's non-ASN database.
// For honorer the later of the reference date and period_start decides.
var mechanismRules = map[models.StaffingMechanism]dated[mechanismStatus]{
	models.MechanismHonorer: {
		{To: models.Date{Year: 2023, Month: 10, Day: 30}, Value: mechanismStatus{Manual,
			"pengangkatan honorer/PPNPN baru sudah dilarang sejak PP 48/2005 Pasal 8; PP 49/2018 Pasal 96 melarang non-ASN mengisi jabatan ASN; surat MenPANRB B/185/M.SM.02.03/2022 (31 Mei 2022) meminta instansi menghentikannya dan memakai alih daya untuk pengemudi, petugas kebersihan, dan satpam. Verifikator menilai apakah permintaan ini dapat diterima"},
			Source: "PP 48/2005 Pasal 8; PP 49/2018 Pasal 96, 99; B/185/M.SM.02.03/2022", Confidence: High},
		{From: models.Date{Year: 2023, Month: 10, Day: 31}, Value: mechanismStatus{Fail,
			"sejak 31 Oktober 2023 instansi dilarang mengangkat pegawai non-ASN (honorer, PPNPN, pramubakti, tenaga kontrak) baru (UU 20/2023 Pasal 65–66). Jalur yang sah: alih daya (outsourcing) melalui pengadaan barang/jasa, atau PPPK paruh waktu bagi orang yang sudah terdata dalam basis data non-ASN BKN"},
			Source: "UU 20/2023 Pasal 65–66", Confidence: High},
	},
	models.MechanismOutsourcing: {
		{Value: mechanismStatus{Pass, "alih daya (outsourcing) melalui pengadaan barang/jasa adalah kontrak layanan dengan penyedia, bukan pengangkatan pegawai"},
			Source: "UU 20/2023 Pasal 65–66", Confidence: High},
	},
	models.MechanismPPPKParuhWaktu: {
		{To: models.Date{Year: 2025, Month: 1, Day: 12}, Value: mechanismStatus{Fail,
			"PPPK paruh waktu belum ada sebelum 13 Januari 2025 (KepMenPANRB 16/2025 ditetapkan pada tanggal itu)"},
			Source: "KepMenPANRB 16/2025", Confidence: Medium},
		{From: models.Date{Year: 2025, Month: 1, Day: 13}, Value: mechanismStatus{Manual,
			"PPPK paruh waktu hanya untuk orang yang sudah terdata dalam basis data non-ASN BKN; verifikator memeriksa setiap nama"},
			Source: "KepMenPANRB 16/2025", Confidence: Medium},
	},
}

var ruleMechanismLawful = rule{
	ID:    "mechanism_lawful",
	Label: "Mekanisme pengisian tenaga pendukung sah menurut peraturan",
	check: checkMechanismLawful,
	params: func() []ParameterInfo {
		var out []ParameterInfo
		for _, m := range models.AllStaffingMechanisms() {
			out = append(out, mechanismRules[m].infos("mechanism_lawful", m.Label(), func(v mechanismStatus) string {
				switch v.Result {
				case Pass:
					return "sah"
				case Fail:
					return "tidak sah"
				}
				return "diperiksa verifikator"
			})...)
		}
		return out
	},
}

func checkMechanismLawful(e *evaluation) (string, string) {
	m := e.st.Mechanism
	if m == "" {
		e.s("mekanisme pengisian tidak diisi (honorer, outsourcing, atau PPPK paruh waktu)")
		return Missing, "UU 20/2023 Pasal 65–66"
	}
	day := e.ref
	if m == models.MechanismHonorer && dayKey(e.st.PeriodStart) > dayKey(day) {
		day = e.st.PeriodStart // a contract starting later is judged on its start
	}
	p := mechanismRules[m].at(day)
	if p == nil {
		e.s("mekanisme ").q(string(m)).s(" tidak dikenal")
		return Fail, "UU 20/2023 Pasal 65–66"
	}
	e.s(m.Label())
	if day != e.ref {
		e.s(" dengan kontrak mulai ").date(day)
	} else {
		e.s(" pada ").date(day)
	}
	e.s(": ").s(p.Value.Why)
	return p.Value.Result, p.Source
}

// ---- period_within_budget_year ----

// The state budget year runs 1 January – 31 December (UU 17/2003 Pasal 4); a
// contract paid from one DIPA must lie within one year [M].
const basisBudgetYear = "UU 17/2003 Pasal 4 (tahun anggaran)"

var rulePeriodWithinBudgetYear = rule{
	ID:    "period_within_budget_year",
	Label: "Masa kontrak dalam satu tahun anggaran",
	check: checkPeriod,
	params: func() []ParameterInfo {
		return []ParameterInfo{staticParam("period_within_budget_year", "Masa kontrak",
			"mulai ≤ selesai, keduanya dalam satu tahun anggaran (1 Januari–31 Desember)", basisBudgetYear, Medium, "")}
	},
}

func checkPeriod(e *evaluation) (string, string) {
	s, f := e.st.PeriodStart, e.st.PeriodEnd
	switch {
	case s.IsZero() || f.IsZero():
		e.s("masa kontrak (tanggal mulai dan selesai) belum lengkap")
		return Missing, basisBudgetYear
	case dayKey(s) > dayKey(f):
		e.s("tanggal mulai ").date(s).s(" sesudah tanggal selesai ").date(f)
		return Fail, basisBudgetYear
	case s.Year != f.Year:
		e.s("masa kontrak ").date(s).s(" s.d. ").date(f).s(" melewati batas tahun anggaran ").n(s.Year).
			s("; kontrak harus dalam satu tahun anggaran")
		return Fail, basisBudgetYear
	}
	e.s("masa kontrak ").date(s).s(" s.d. ").date(f).s(" dalam tahun anggaran ").n(s.Year)
	return Pass, basisBudgetYear
}

// ---- pay_within_cap ----

const basisPayCap = "PMK standar biaya masukan"

var rulePayWithinCap = rule{
	ID:    "pay_within_cap",
	Label: "Honor bulanan tidak melebihi standar biaya",
	check: checkPayWithinCap,
	params: func() []ParameterInfo {
		var out []ParameterInfo
		for _, c := range DefaultPayCaps() {
			y := models.Date{Year: c.Year, Month: 1, Day: 1}
			out = append(out, ParameterInfo{Rule: "pay_within_cap", Name: "Batas honor bawaan " + strconv.Itoa(c.Year),
				Value: models.Rupiah(c.Amount) + " per bulan", EffectiveFrom: y, EffectiveTo: models.Date{Year: c.Year, Month: 12, Day: 31},
				Source: c.Source, Confidence: c.Confidence, Note: "Batas per tahun dan kantor diatur admin; tanpa batas untuk suatu tahun → diperiksa verifikator"})
		}
		return out
	},
}

// checkPayWithinCap compares the pay with the cap of the budget year (the
// year of period_start, or of the reference date when the period is not given).
func checkPayWithinCap(e *evaluation) (string, string) {
	if e.st.Mechanism == models.MechanismPPPKParuhWaktu {
		e.s("PPPK paruh waktu tidak dibatasi standar biaya: KepMenPANRB 16/2025 Diktum 19 menetapkan batas bawah (paling sedikit honor sebelumnya atau upah minimum), bukan batas atas")
		return NotApplicable, "KepMenPANRB 16/2025 Diktum 19"
	}
	year := e.ref.Year
	if !e.st.PeriodStart.IsZero() {
		year = e.st.PeriodStart.Year
	}
	c := capFor(e.caps, year, e.st.Office, e.st.Mechanism)
	if c == nil {
		e.s("belum ada batas honor untuk tahun ").n(year)
		if e.st.Office != "" {
			e.s(" di ").s(e.st.Office)
		}
		e.s("; honor ").rupiah(e.st.MonthlyPay).s(" per bulan dinilai verifikator")
		return Manual, basisPayCap
	}
	basis := c.Source
	if basis == "" {
		basis = basisPayCap
	}
	e.s("honor ").rupiah(e.st.MonthlyPay).s(" per bulan ")
	ok := e.st.MonthlyPay <= c.Amount
	if ok {
		e.s("tidak melebihi")
	} else {
		e.s("melebihi")
	}
	e.s(" batas ").rupiah(c.Amount).s(" (tahun ").n(c.Year)
	if c.Office != "" {
		e.s(", ").s(c.Office)
	} else {
		e.s(", semua kantor")
	}
	if c.Mechanism != "" {
		e.s(", ").s(models.StaffingMechanism(c.Mechanism).Label())
	}
	e.s(")")
	if ok {
		return Pass, basis
	}
	if e.st.Mechanism == models.MechanismOutsourcing {
		e.s("; untuk alih daya (satpam, pengemudi, petugas kebersihan, pramubakti) PMK 49/2023 membolehkan alokasi anggaran sampai 25% di atas satuan biaya dan upah minimum dapat lebih tinggi: verifikator memeriksa kontrak")
		return Manual, basis
	}
	return Fail, basis
}

// ---- qualification ----

// staffingAgeBounds: an age range, when given, lies within 18–58 with min ≤
// max [L: office practice, a parameter].
var staffingAgeBounds = param[[2]int]{Value: [2]int{18, 58}, Source: "parameter kantor (praktik)", Confidence: Low,
	Note: "Rentang 18–35 tahun dan SMA/SMK atau D3/S1 untuk TI adalah praktik, bukan peraturan"}

var ruleQualification = rule{
	ID:    "qualification",
	Label: "Kualifikasi (pendidikan dan rentang usia) ditetapkan dengan wajar",
	check: checkQualification,
	params: func() []ParameterInfo {
		b := staffingAgeBounds
		return []ParameterInfo{staticParam("qualification", "Rentang usia yang boleh diminta",
			strconv.Itoa(b.Value[0])+"–"+strconv.Itoa(b.Value[1])+" tahun; jenjang pendidikan wajib diisi", b.Source, b.Confidence, b.Note)}
	},
}

func checkQualification(e *evaluation) (string, string) {
	b := staffingAgeBounds
	lo, hi := b.Value[0], b.Value[1]
	r := e.st
	var bad bool
	if r.AgeMin != nil && (*r.AgeMin < lo || *r.AgeMin > hi) {
		e.s("usia minimal ").n(*r.AgeMin).s(" di luar rentang ").n(lo).s("–").n(hi).s(" tahun")
		bad = true
	}
	if r.AgeMax != nil && (*r.AgeMax < lo || *r.AgeMax > hi) {
		if bad {
			e.s("; ")
		}
		e.s("usia maksimal ").n(*r.AgeMax).s(" di luar rentang ").n(lo).s("–").n(hi).s(" tahun")
		bad = true
	}
	if r.AgeMin != nil && r.AgeMax != nil && *r.AgeMin > *r.AgeMax {
		if bad {
			e.s("; ")
		}
		e.s("usia minimal ").n(*r.AgeMin).s(" lebih dari usia maksimal ").n(*r.AgeMax)
		bad = true
	}
	if bad {
		return Fail, b.Source
	}
	if r.EducationLevel == "" {
		e.s("jenjang pendidikan yang disyaratkan tidak diisi")
		return Missing, b.Source
	}
	e.s("pendidikan paling rendah ").s(r.EducationLevel.Label())
	if f := strings.TrimSpace(r.EducationField); f != "" {
		e.s(" bidang ").s(f)
	}
	switch {
	case r.AgeMin != nil && r.AgeMax != nil:
		e.s(", usia ").n(*r.AgeMin).s("–").n(*r.AgeMax).s(" tahun")
	case r.AgeMin != nil:
		e.s(", usia paling rendah ").n(*r.AgeMin).s(" tahun")
	case r.AgeMax != nil:
		e.s(", usia paling tinggi ").n(*r.AgeMax).s(" tahun")
	}
	e.s("; dalam batas ").n(lo).s("–").n(hi).s(" tahun")
	return Pass, b.Source
}

// ---- justification ----

// justificationMinimum is the shortest acceptable justification, in
// characters after trimming [L: a parameter].
var justificationMinimum = param[int]{Value: 50, Source: "parameter kantor (praktik)", Confidence: Low,
	Note: "Alasan harus menjelaskan beban kerja dan mengapa PNS/PPPK yang ada tidak dapat mengerjakannya"}

var ruleJustification = rule{
	ID:    "justification",
	Label: "Alasan kebutuhan (beban kerja) dijelaskan",
	check: checkJustification,
	params: func() []ParameterInfo {
		j := justificationMinimum
		return []ParameterInfo{staticParam("justification", "Panjang alasan paling sedikit",
			strconv.Itoa(j.Value)+" karakter", j.Source, j.Confidence, j.Note)}
	},
}

func checkJustification(e *evaluation) (string, string) {
	j := justificationMinimum
	t := strings.TrimSpace(e.st.Justification)
	n := utf8.RuneCountInString(t)
	switch {
	case n == 0:
		e.s("alasan kebutuhan tidak diisi; jelaskan beban kerja dan mengapa PNS/PPPK yang ada tidak dapat mengerjakannya (paling sedikit ").
			n(j.Value).s(" karakter)")
		return Missing, j.Source
	case n < j.Value:
		e.s("alasan kebutuhan hanya ").n(n).s(" karakter, kurang dari ").n(j.Value).
			s("; jelaskan beban kerja dan mengapa PNS/PPPK yang ada tidak dapat mengerjakannya")
		return Fail, j.Source
	}
	e.s("alasan kebutuhan ").n(n).s(" karakter (paling sedikit ").n(j.Value).s(")")
	return Pass, j.Source
}
