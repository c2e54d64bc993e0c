package models

// Domain enums (DOMAIN.md §3, §7; ELIGIBILITY.md §2–§4). Each is a string type
// whose value is the stable code used in JSON, the database and the API; Valid
// reports whether a value is one of the known codes and Label gives the
// Indonesian text for pages and letters ("" for an unknown value). The All*
// functions list the codes in display order, for form dropdowns; each call
// returns a fresh slice the caller may modify.

// Position is a specific functional position (jabatan fungsional) handled by
// the app.
type Position string

const (
	// PranataKomputer: pembina BPS; PermenPANRB 32/2020.
	PranataKomputer Position = "pranata_komputer"
	// PranataHumas: pembina Kominfo/Komdigi; PermenPANRB 6/2014, Permenkomdigi 9/2025.
	PranataHumas Position = "pranata_humas"
)

// AllPositions lists the positions in display order.
func AllPositions() []Position { return []Position{PranataKomputer, PranataHumas} }

// Valid reports whether p is a known position.
func (p Position) Valid() bool { return p == PranataKomputer || p == PranataHumas }

// Label is the position's official name.
func (p Position) Label() string {
	switch p {
	case PranataKomputer:
		return "Pranata Komputer"
	case PranataHumas:
		return "Pranata Hubungan Masyarakat"
	}
	return ""
}

// HasLevel reports whether the position has level l. Pranata Humas has no
// Ahli Utama (PermenPANRB 6/2014); an unknown position or level has none.
func (p Position) HasLevel(l Level) bool {
	if !p.Valid() || !l.Valid() {
		return false
	}
	return !(p == PranataHumas && l == AhliUtama)
}

// Levels lists the levels the position has, lowest first.
func (p Position) Levels() []Level {
	var out []Level
	for _, l := range AllLevels() {
		if p.HasLevel(l) {
			out = append(out, l)
		}
	}
	return out
}

// Level is a jenjang within a functional position. Keterampilan levels are
// Terampil, Mahir, Penyelia; keahlian levels are Ahli Pertama … Ahli Utama.
type Level string

const (
	Terampil    Level = "terampil"
	Mahir       Level = "mahir"
	Penyelia    Level = "penyelia"
	AhliPertama Level = "ahli_pertama"
	AhliMuda    Level = "ahli_muda"
	AhliMadya   Level = "ahli_madya"
	AhliUtama   Level = "ahli_utama"
)

// AllLevels lists the levels, keterampilan first, each group lowest first.
func AllLevels() []Level {
	return []Level{Terampil, Mahir, Penyelia, AhliPertama, AhliMuda, AhliMadya, AhliUtama}
}

// Valid reports whether l is a known level.
func (l Level) Valid() bool { return l.Order() != 0 }

// Order is 1 (Terampil) … 7 (Ahli Utama), 0 for an unknown level. It orders
// within a group only: keterampilan and keahlian are separate ladders.
func (l Level) Order() int {
	switch l {
	case Terampil:
		return 1
	case Mahir:
		return 2
	case Penyelia:
		return 3
	case AhliPertama:
		return 4
	case AhliMuda:
		return 5
	case AhliMadya:
		return 6
	case AhliUtama:
		return 7
	}
	return 0
}

// IsKeahlian reports whether l is a keahlian (expert) level.
func (l Level) IsKeahlian() bool {
	return l == AhliPertama || l == AhliMuda || l == AhliMadya || l == AhliUtama
}

// IsKeterampilan reports whether l is a keterampilan (skilled) level.
func (l Level) IsKeterampilan() bool { return l == Terampil || l == Mahir || l == Penyelia }

// Label is the level's name, e.g. "Ahli Pertama".
func (l Level) Label() string {
	switch l {
	case Terampil:
		return "Terampil"
	case Mahir:
		return "Mahir"
	case Penyelia:
		return "Penyelia"
	case AhliPertama:
		return "Ahli Pertama"
	case AhliMuda:
		return "Ahli Muda"
	case AhliMadya:
		return "Ahli Madya"
	case AhliUtama:
		return "Ahli Utama"
	}
	return ""
}

// Route is the way a civil servant enters a functional position (PP 11/2017
// jo. PP 17/2020; PermenPANRB 1/2023).
type Route string

const (
	PengangkatanPertama Route = "pengangkatan_pertama"
	Perpindahan         Route = "perpindahan"
	Penyesuaian         Route = "penyesuaian"
	Promosi             Route = "promosi"
	// KenaikanJenjang moves a JF holder up one level within the same JF on the
	// strength of the credit points of the latest PAK (PermenPANRB 1/2023;
	// Peraturan BKN 3/2023; ELIGIBILITY.md §6.1).
	KenaikanJenjang Route = "kenaikan_jenjang"
)

// AllRoutes lists the routes in display order.
func AllRoutes() []Route {
	return []Route{PengangkatanPertama, Perpindahan, Penyesuaian, Promosi, KenaikanJenjang}
}

// Valid reports whether r is a known route.
func (r Route) Valid() bool { return r.Label() != "" }

// Label is the route's name, e.g. "Perpindahan dari Jabatan Lain".
func (r Route) Label() string {
	switch r {
	case PengangkatanPertama:
		return "Pengangkatan Pertama"
	case Perpindahan:
		return "Perpindahan dari Jabatan Lain"
	case Penyesuaian:
		return "Penyesuaian/Inpassing"
	case Promosi:
		return "Promosi"
	case KenaikanJenjang:
		return "Kenaikan Jenjang Jabatan"
	}
	return ""
}

// PostKind is the kind of post a civil servant holds now (ELIGIBILITY.md
// §6.4): pelaksana, pengawas, administrator, jpt (jabatan pimpinan tinggi)
// or jf (a functional position, with its position and level).
type PostKind string

const (
	PostPelaksana     PostKind = "pelaksana"
	PostPengawas      PostKind = "pengawas"
	PostAdministrator PostKind = "administrator"
	PostJPT           PostKind = "jpt"
	PostJF            PostKind = "jf"
)

// AllPostKinds lists the kinds in display order.
func AllPostKinds() []PostKind {
	return []PostKind{PostPelaksana, PostPengawas, PostAdministrator, PostJPT, PostJF}
}

// Valid reports whether k is a known kind.
func (k PostKind) Valid() bool { return k.Label() != "" }

// Label is the kind's name, e.g. "Jabatan Pelaksana".
func (k PostKind) Label() string {
	switch k {
	case PostPelaksana:
		return "Jabatan Pelaksana"
	case PostPengawas:
		return "Jabatan Pengawas"
	case PostAdministrator:
		return "Jabatan Administrator"
	case PostJPT:
		return "Jabatan Pimpinan Tinggi"
	case PostJF:
		return "Jabatan Fungsional"
	}
	return ""
}

// Below is the level directly below l on its ladder (Mahir → Terampil, Ahli
// Madya → Ahli Muda); "" for the first level of a ladder (Terampil, Ahli
// Pertama) or an unknown level.
func (l Level) Below() Level {
	switch l {
	case Mahir:
		return Terampil
	case Penyelia:
		return Mahir
	case AhliMuda:
		return AhliPertama
	case AhliMadya:
		return AhliMuda
	case AhliUtama:
		return AhliMadya
	}
	return ""
}

// Above is the level directly above l on its ladder; "" for the top of a
// ladder (Penyelia, Ahli Utama) or an unknown level.
func (l Level) Above() Level {
	for _, x := range AllLevels() {
		if x.Below() == l && l != "" {
			return x
		}
	}
	return ""
}

// EmploymentStatus is PNS, CPNS or PPPK.
type EmploymentStatus string

const (
	EmploymentPNS  EmploymentStatus = "pns"
	EmploymentCPNS EmploymentStatus = "cpns"
	EmploymentPPPK EmploymentStatus = "pppk"
)

// AllEmploymentStatuses lists the statuses in display order.
func AllEmploymentStatuses() []EmploymentStatus {
	return []EmploymentStatus{EmploymentPNS, EmploymentCPNS, EmploymentPPPK}
}

// Valid reports whether s is a known status.
func (s EmploymentStatus) Valid() bool { return s.Label() != "" }

// Label is the status's abbreviation as written in letters ("PNS", "CPNS", "PPPK").
func (s EmploymentStatus) Label() string {
	switch s {
	case EmploymentPNS:
		return "PNS"
	case EmploymentCPNS:
		return "CPNS"
	case EmploymentPPPK:
		return "PPPK"
	}
	return ""
}

// Gender is "L" (laki-laki) or "P" (perempuan), as in NIP digit 15 (1 = L, 2 = P).
type Gender string

const (
	Male   Gender = "L"
	Female Gender = "P"
)

// AllGenders lists the genders in display order.
func AllGenders() []Gender { return []Gender{Male, Female} }

// Valid reports whether g is "L" or "P".
func (g Gender) Valid() bool { return g == Male || g == Female }

// Label is "Laki-laki" or "Perempuan".
func (g Gender) Label() string {
	switch g {
	case Male:
		return "Laki-laki"
	case Female:
		return "Perempuan"
	}
	return ""
}

// Rank is a golongan/ruang, "I/a" … "IV/e" (17 ranks, ordered).
type Rank string

var rankNames = [...]struct {
	code    Rank
	pangkat string
}{
	{"I/a", "Juru Muda"}, {"I/b", "Juru Muda Tingkat I"}, {"I/c", "Juru"}, {"I/d", "Juru Tingkat I"},
	{"II/a", "Pengatur Muda"}, {"II/b", "Pengatur Muda Tingkat I"}, {"II/c", "Pengatur"}, {"II/d", "Pengatur Tingkat I"},
	{"III/a", "Penata Muda"}, {"III/b", "Penata Muda Tingkat I"}, {"III/c", "Penata"}, {"III/d", "Penata Tingkat I"},
	{"IV/a", "Pembina"}, {"IV/b", "Pembina Tingkat I"}, {"IV/c", "Pembina Utama Muda"}, {"IV/d", "Pembina Utama Madya"},
	{"IV/e", "Pembina Utama"},
}

// AllRanks lists the ranks from I/a to IV/e.
func AllRanks() []Rank {
	out := make([]Rank, len(rankNames))
	for i, r := range rankNames {
		out[i] = r.code
	}
	return out
}

// Order is 1 (I/a) … 17 (IV/e), 0 for an unknown rank.
func (r Rank) Order() int {
	// "I/a" … "IV/e": the roman group, a slash, one letter.
	s := string(r)
	var group int
	switch {
	case len(s) == 3 && s[:2] == "I/":
		group = 0
	case len(s) == 4 && s[:3] == "II/":
		group = 4
	case len(s) == 5 && s[:4] == "III/":
		group = 8
	case len(s) == 4 && s[:3] == "IV/":
		group = 12
	default:
		return 0
	}
	letter := int(s[len(s)-1]) - 'a'
	if letter < 0 || letter > 3 && !(group == 12 && letter == 4) {
		return 0
	}
	return group + letter + 1
}

// Valid reports whether r is a known golongan (exact spelling, e.g. "III/a").
func (r Rank) Valid() bool { return r.Order() != 0 }

// Pangkat is the rank's title, e.g. "Penata Muda" for III/a.
func (r Rank) Pangkat() string {
	if o := r.Order(); o != 0 {
		return rankNames[o-1].pangkat
	}
	return ""
}

// Label is the title with the golongan, e.g. "Penata Muda (III/a)".
func (r Rank) Label() string {
	if o := r.Order(); o != 0 {
		return rankNames[o-1].pangkat + " (" + string(r) + ")"
	}
	return ""
}

// EducationLevel is the highest completed education (ijazah).
type EducationLevel string

const (
	EduSD  EducationLevel = "SD"
	EduSMP EducationLevel = "SMP"
	EduSMA EducationLevel = "SMA"
	EduD1  EducationLevel = "D1"
	EduD2  EducationLevel = "D2"
	EduD3  EducationLevel = "D3"
	EduD4  EducationLevel = "D4"
	EduS1  EducationLevel = "S1"
	EduS2  EducationLevel = "S2"
	EduS3  EducationLevel = "S3"
)

// AllEducationLevels lists the levels lowest first.
func AllEducationLevels() []EducationLevel {
	return []EducationLevel{EduSD, EduSMP, EduSMA, EduD1, EduD2, EduD3, EduD4, EduS1, EduS2, EduS3}
}

// Order ranks education: SD 1 < SMP 2 < SMA 3 < D1 4 < D2 5 < D3 6 < D4 = S1 7
// < S2 8 < S3 9; 0 for an unknown level. D-IV counts as S1 (PP 11/2017:
// "sarjana atau diploma empat").
func (e EducationLevel) Order() int {
	switch e {
	case EduSD:
		return 1
	case EduSMP:
		return 2
	case EduSMA:
		return 3
	case EduD1:
		return 4
	case EduD2:
		return 5
	case EduD3:
		return 6
	case EduD4, EduS1:
		return 7
	case EduS2:
		return 8
	case EduS3:
		return 9
	}
	return 0
}

// Valid reports whether e is a known education level.
func (e EducationLevel) Valid() bool { return e.Order() != 0 }

// AtLeast reports whether e is at or above min (both must be valid).
func (e EducationLevel) AtLeast(min EducationLevel) bool {
	return e.Valid() && min.Valid() && e.Order() >= min.Order()
}

// Label is the level as written in letters, e.g. "S1", "D-III", "SMA/sederajat".
func (e EducationLevel) Label() string {
	switch e {
	case EduSD:
		return "SD/sederajat"
	case EduSMP:
		return "SMP/sederajat"
	case EduSMA:
		return "SMA/sederajat"
	case EduD1:
		return "D-I"
	case EduD2:
		return "D-II"
	case EduD3:
		return "D-III"
	case EduD4:
		return "D-IV"
	case EduS1:
		return "S1"
	case EduS2:
		return "S2"
	case EduS3:
		return "S3"
	}
	return ""
}

// PerformanceRating is an annual performance rating (predikat kinerja).
// Order: sangat_baik > baik > butuh_perbaikan = cukup > kurang > sangat_kurang
// = buruk; cukup and buruk are the pre-2022 names (ELIGIBILITY.md §2).
type PerformanceRating string

const (
	RatingSangatBaik     PerformanceRating = "sangat_baik"
	RatingBaik           PerformanceRating = "baik"
	RatingButuhPerbaikan PerformanceRating = "butuh_perbaikan"
	RatingCukup          PerformanceRating = "cukup"
	RatingKurang         PerformanceRating = "kurang"
	RatingSangatKurang   PerformanceRating = "sangat_kurang"
	RatingBuruk          PerformanceRating = "buruk"
)

// AllPerformanceRatings lists the ratings best first (current names before
// the pre-2022 synonyms of equal rank).
func AllPerformanceRatings() []PerformanceRating {
	return []PerformanceRating{RatingSangatBaik, RatingBaik, RatingButuhPerbaikan, RatingCukup,
		RatingKurang, RatingSangatKurang, RatingBuruk}
}

// Order is 5 (sangat_baik), 4 (baik), 3 (butuh_perbaikan, cukup), 2 (kurang),
// 1 (sangat_kurang, buruk); 0 for an unknown rating.
func (r PerformanceRating) Order() int {
	switch r {
	case RatingSangatBaik:
		return 5
	case RatingBaik:
		return 4
	case RatingButuhPerbaikan, RatingCukup:
		return 3
	case RatingKurang:
		return 2
	case RatingSangatKurang, RatingBuruk:
		return 1
	}
	return 0
}

// Valid reports whether r is a known rating.
func (r PerformanceRating) Valid() bool { return r.Order() != 0 }

// AtLeast reports whether r is at or above min (both must be valid).
func (r PerformanceRating) AtLeast(min PerformanceRating) bool {
	return r.Valid() && min.Valid() && r.Order() >= min.Order()
}

// Label is the rating's name, e.g. "Sangat Baik".
func (r PerformanceRating) Label() string {
	switch r {
	case RatingSangatBaik:
		return "Sangat Baik"
	case RatingBaik:
		return "Baik"
	case RatingButuhPerbaikan:
		return "Butuh Perbaikan"
	case RatingCukup:
		return "Cukup"
	case RatingKurang:
		return "Kurang"
	case RatingSangatKurang:
		return "Sangat Kurang"
	case RatingBuruk:
		return "Buruk"
	}
	return ""
}

// StaffingMechanism is how a staffing request would be filled (ELIGIBILITY.md §4).
type StaffingMechanism string

const (
	// MechanismHonorer is a new non-ASN appointment by the office (pramubakti,
	// PPNPN, tenaga kontrak); unlawful from 2023-10-31 (UU 20/2023 Pasal 65–66).
	MechanismHonorer StaffingMechanism = "honorer"
	// MechanismOutsourcing is a service contract through procurement.
	MechanismOutsourcing StaffingMechanism = "outsourcing"
	// MechanismPPPKParuhWaktu is a part-time PPPK (KepMenPANRB 16/2025), only
	// for people already in BKN's non-ASN database.
	MechanismPPPKParuhWaktu StaffingMechanism = "pppk_paruh_waktu"
)

// AllStaffingMechanisms lists the mechanisms in display order.
func AllStaffingMechanisms() []StaffingMechanism {
	return []StaffingMechanism{MechanismHonorer, MechanismOutsourcing, MechanismPPPKParuhWaktu}
}

// Valid reports whether m is a known mechanism.
func (m StaffingMechanism) Valid() bool { return m.Label() != "" }

// Label is the mechanism's Indonesian name.
func (m StaffingMechanism) Label() string {
	switch m {
	case MechanismHonorer:
		return "Honorer/PPNPN (pengangkatan non-ASN baru)"
	case MechanismOutsourcing:
		return "Alih daya (outsourcing) melalui pengadaan"
	case MechanismPPPKParuhWaktu:
		return "PPPK Paruh Waktu"
	}
	return ""
}
