package eligibility

import (
	"github.com/kemenagjateng/usulan/models"
)

// ---- nip_format: the NIP's structure (Perka BKN 22/2007 [H]) ----

const basisNIP = "Perka BKN 22/2007"

var ruleNIPFormat = rule{
	ID:    "nip_format",
	Label: "NIP sah (18 angka: tanggal lahir, TMT CPNS, jenis kelamin, nomor urut)",
	check: checkNIPFormat,
	params: func() []ParameterInfo {
		return []ParameterInfo{
			staticParam("nip_format", "Struktur NIP",
				"18 angka: tanggal lahir YYYYMMDD; TMT CPNS YYYYMM, tidak sebelum tahun lahir + 18 dan tidak sesudah tanggal acuan; jenis kelamin 1/2; nomor urut bukan 000",
				basisNIP, High, ""),
			staticParam("nip_format", "Nomor Induk PPPK",
				"digit 13–14 di atas 12 menandai NI PPPK (digit 9–12 tahun pengangkatan)",
				basisNIP, Medium, "Struktur NI PPPK dari sumber sekunder yang konsisten"),
		}
	},
}

// checkNIPFormat: the NIP parses (models.ParseNIP) and its TMT fits the
// birth date and the reference date (models.NIP.ValidateAt). A NIP that fails
// is an outcome, not an input error, so the rest of the check still runs.
func checkNIPFormat(e *evaluation) (string, string) {
	if e.nipErr != nil {
		e.s("NIP ").q(e.c.NIP).s(" tidak sah: ").s(e.nipErr.Error())
		return Fail, basisNIP
	}
	n := e.nip
	y, m := n.TMT()
	if n.IsPPPK() {
		e.s("NI PPPK ").s(n.String()).s(" sah: lahir ").date(n.BirthDate()).
			s(", tahun pengangkatan ").n(y).s(", kode ").n(n.PPPKCode())
	} else {
		e.s("NIP ").s(n.String()).s(" sah: lahir ").date(n.BirthDate()).
			s(", TMT CPNS ").s(models.BulanIndonesia[m-1]).s(" ").n(y)
	}
	e.s(", ").s(genderWord(n.Gender())).s(", nomor urut ").s(n.String()[15:])
	return Pass, basisNIP
}

func genderWord(g models.Gender) string {
	if g == models.Male {
		return "laki-laki"
	}
	return "perempuan"
}

// ---- nip_consistency: the candidate's data agrees with the NIP (derived) ----

const basisNIPConsistency = "Perka BKN 22/2007 (struktur NIP)"

var ruleNIPConsistency = rule{
	ID:    "nip_consistency",
	Label: "Data pegawai sesuai dengan NIP (tanggal lahir, jenis kelamin, status PNS/PPPK)",
	check: checkNIPConsistency,
	params: func() []ParameterInfo {
		return []ParameterInfo{staticParam("nip_consistency", "Kesesuaian dengan NIP",
			"tanggal lahir dan jenis kelamin sama dengan NIP; NI PPPK hanya untuk status PPPK, NIP PNS hanya untuk PNS/CPNS",
			basisNIPConsistency, High, "Diturunkan dari struktur NIP")}
	},
}

// checkNIPConsistency compares what the candidate states with what the NIP
// encodes. Each stated datum is compared; nothing stated → missing; a NIP
// that is not valid → not applicable (nip_format already fails).
func checkNIPConsistency(e *evaluation) (string, string) {
	if e.nipErr != nil {
		e.s("NIP tidak sah, sehingga kesesuaiannya dengan data pegawai tidak dapat diperiksa")
		return NotApplicable, basisNIPConsistency
	}
	c, n := e.c, e.nip
	var compared [3]string
	nc, bad := 0, 0
	sep := func() {
		if bad > 0 {
			e.s("; ")
		}
		bad++
	}
	if !c.BirthDate.IsZero() {
		compared[nc] = "tanggal lahir"
		nc++
		if c.BirthDate != n.BirthDate() {
			sep()
			e.s("tanggal lahir ").date(c.BirthDate).s(" tidak sesuai dengan NIP (").date(n.BirthDate()).s(")")
		}
	}
	if c.Gender != "" {
		compared[nc] = "jenis kelamin"
		nc++
		if c.Gender != n.Gender() {
			sep()
			e.s("jenis kelamin ").s(c.Gender.Label()).s(" tidak sesuai dengan NIP (").s(n.Gender().Label()).s(")")
		}
	}
	if c.EmploymentStatus != "" {
		compared[nc] = "status kepegawaian"
		nc++
		isPPPK := c.EmploymentStatus == models.EmploymentPPPK
		switch {
		case n.IsPPPK() && !isPPPK:
			sep()
			e.s("nomor berformat NI PPPK (digit 13–14 = ").n(n.PPPKCode()).s(") tetapi status kepegawaian ").s(c.EmploymentStatus.Label())
		case !n.IsPPPK() && isPPPK:
			sep()
			e.s("nomor berformat NIP PNS (TMT CPNS pada digit 9–14) tetapi status kepegawaian PPPK")
		}
	}
	switch {
	case bad > 0:
		return Fail, basisNIPConsistency
	case nc == 0:
		e.s("tanggal lahir, jenis kelamin, dan status kepegawaian tidak diisi; tidak ada data untuk dicocokkan dengan NIP")
		return Missing, basisNIPConsistency
	}
	for i := 0; i < nc; i++ {
		switch {
		case i == 0:
		case i == nc-1:
			e.s(" dan ")
		default:
			e.s(", ")
		}
		e.s(compared[i])
	}
	e.s(" sesuai dengan NIP")
	return Pass, basisNIPConsistency
}

// ---- employment_status: who may enter a JF on which route ----

// statusRule lists the routes a CPNS may take: a CPNS enters a JF only
// together with the PNS appointment (pengangkatan pertama). PNS may take
// every route; PPPK none (these routes are for PNS).
type statusRule struct{ CPNSRoutes []models.Route }

var employmentStatusRules = dated[statusRule]{
	{To: until2023, Value: statusRule{[]models.Route{models.PengangkatanPertama}},
		Source: "PP 11/2017 Pasal 75, 78", Confidence: High},
	{From: from2023, Value: statusRule{[]models.Route{models.PengangkatanPertama}},
		Source: "PP 11/2017 Pasal 75, 78; PermenPANRB 1/2023", Confidence: High},
}

var ruleEmploymentStatus = rule{
	ID:    "employment_status",
	Label: "Berstatus PNS (CPNS hanya melalui Pengangkatan Pertama)",
	check: checkEmploymentStatus,
	params: func() []ParameterInfo {
		return employmentStatusRules.infos("employment_status", "Status kepegawaian yang dapat diusulkan",
			func(v statusRule) string {
				s := "PNS: semua jalur; PPPK: tidak; CPNS: "
				for i, r := range v.CPNSRoutes {
					if i > 0 {
						s += ", "
					}
					s += r.Label()
				}
				return s
			})
	},
}

func checkEmploymentStatus(e *evaluation) (string, string) {
	p := employmentStatusRules.at(e.ref)
	basis := p.Source
	switch e.c.EmploymentStatus {
	case "":
		e.s("status kepegawaian tidak diisi")
		return Missing, basis
	case models.EmploymentPNS:
		e.s("berstatus PNS")
		return Pass, basis
	case models.EmploymentCPNS:
		for _, r := range p.Value.CPNSRoutes {
			if r == e.req.Route {
				e.s("berstatus CPNS: pengangkatan dalam jabatan fungsional melalui ").routeName().
					s(" dilakukan bersamaan dengan pengangkatan sebagai PNS")
				return Pass, basis
			}
		}
		e.s("berstatus CPNS: CPNS tidak dapat diangkat melalui ").routeName().s(", hanya melalui Pengangkatan Pertama")
		return Fail, basis
	case models.EmploymentPPPK:
		e.s("berstatus PPPK: jalur ").routeName().s(" adalah pengangkatan PNS ke dalam jabatan fungsional; ").
			s("PPPK menduduki jabatan fungsional melalui seleksi pengadaan PPPK (PP 11/2017 Pasal 74(2); PP 49/2018), bukan melalui jalur ini")
		return Fail, "PP 11/2017 Pasal 74(2); PP 49/2018"
	}
	e.s("status kepegawaian ").q(string(e.c.EmploymentStatus)).s(" tidak dikenal")
	return Fail, basis
}
