package eligibility

// RuleShortLabel is the short Indonesian name of a rule id, as page tables
// show it ("Batas usia"); RuleLabel is the requirement in full, as the
// verification sheet prints it. An unknown id is returned as it is.
func RuleShortLabel(rule string) string {
	if l, ok := ruleShortLabels[rule]; ok {
		return l
	}
	return rule
}

var ruleShortLabels = map[string]string{
	"nip_format":                "Format NIP",
	"nip_consistency":           "Kesesuaian data dengan NIP",
	"employment_status":         "Status kepegawaian",
	"level_exists":              "Jenjang tersedia pada jabatan",
	"route_open":                "Jalur penyesuaian dibuka",
	"education_level":           "Jenjang pendidikan",
	"education_field":           "Bidang pendidikan",
	"rank_range":                "Pangkat/golongan",
	"performance":               "Predikat kinerja (SKP)",
	"experience":                "Pengalaman di bidang tugas",
	"competency_test":           "Uji kompetensi",
	"max_age":                   "Batas usia",
	"retirement_age":            "Batas usia pensiun",
	"vacancy":                   "Formasi/kebutuhan",
	"discipline":                "Hukuman disiplin",
	"health":                    "Surat keterangan sehat",
	"integrity":                 "Pakta integritas",
	"current_level":             "Jenjang saat ini",
	"credit_points":             "Angka kredit (PAK)",
	"mechanism_lawful":          "Mekanisme pengadaan sah",
	"period_within_budget_year": "Masa kontrak dalam satu tahun anggaran",
	"pay_within_cap":            "Honor dalam batas standar biaya",
	"qualification":             "Kualifikasi",
	"justification":             "Justifikasi kebutuhan",
}

// ResultLabel is the one Indonesian name of an outcome result, the same on
// pages and on paper ("Data belum lengkap" for missing everywhere); an
// unknown result is returned as it is.
func ResultLabel(result string) string {
	switch result {
	case Pass:
		return "Memenuhi"
	case Fail:
		return "Tidak memenuhi"
	case Missing:
		return "Data belum lengkap"
	case Manual:
		return "Perlu penilaian"
	case NotApplicable:
		return "Tidak berlaku"
	}
	return result
}
