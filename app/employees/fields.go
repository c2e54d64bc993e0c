package employees

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/models"
)

// A Record is one employee as text, keyed by the JSON field names of
// eligibility.Candidate ("nip", "birth_date", "discipline.ongoing", …) with
// ratings under "performance.YYYY". The register form, the what-if form and
// the spreadsheet rows all become Records, and ParseRecord turns any of them
// into a Candidate with one message per field, so the three paths accept and
// refuse exactly the same values.
type Record map[string]string

// Column is one datum of an employee as it appears in the spreadsheet
// (Header), in forms and field errors (Field, the JSON name) and in the
// column documentation (Label, Help, Example).
type Column struct {
	Header   string // spreadsheet column header, lower case
	Field    string // JSON field of eligibility.Candidate; form input name
	Label    string // Indonesian label
	Required bool
	Help     string // what to write, in Indonesian
	Example  string
	Date     bool // a calendar date (an Excel date cell is accepted)
}

// The column documentation (the template's "Petunjuk" sheet and the batch
// page) and the spreadsheet parser both read this table.
var columns = []Column{
	{Header: "nip", Field: "nip", Label: "NIP", Required: true, Example: "199203152019031004",
		Help: "18 angka; boleh berspasi (19920315 201903 1 004). Ketik sebagai teks: angka 18 digit di Excel kehilangan 3 digit terakhir."},
	{Header: "nama", Field: "name", Label: "Nama lengkap dengan gelar", Required: true, Example: "Ahmad Fauzi, S.Kom.",
		Help: "Nama seperti pada SK, dengan gelar depan dan belakang."},
	{Header: "tempat_lahir", Field: "birth_place", Label: "Tempat lahir", Example: "Purbalingga"},
	{Header: "tanggal_lahir", Field: "birth_date", Label: "Tanggal lahir", Example: "1992-03-15", Date: true,
		Help: "TTTT-BB-HH atau HH-BB-TTTT (atau sel tanggal Excel). Kosong = diambil dari NIP."},
	{Header: "jenis_kelamin", Field: "gender", Label: "Jenis kelamin", Example: "L",
		Help: "L (laki-laki) atau P (perempuan). Kosong = diambil dari NIP."},
	{Header: "status_kepegawaian", Field: "employment_status", Label: "Status kepegawaian", Example: "PNS",
		Help: "PNS, CPNS atau PPPK."},
	{Header: "golongan", Field: "rank", Label: "Pangkat/golongan", Example: "III/a", Help: "I/a sampai IV/e, misalnya III/a."},
	{Header: "tmt_golongan", Field: "rank_tmt", Label: "TMT golongan", Example: "2023-04-01", Date: true, Help: "Tanggal."},
	{Header: "jabatan_saat_ini", Field: "current_position", Label: "Jabatan saat ini", Example: "Pengelola Data"},
	{Header: "tmt_jabatan", Field: "current_position_tmt", Label: "TMT jabatan saat ini", Example: "2021-01-04", Date: true,
		Help: "Tanggal. Untuk pejabat fungsional: TMT jenjang saat ini (dibaca syarat masa dalam jenjang pada kenaikan jenjang)."},
	{Header: "jenis_jabatan", Field: "current_post.kind", Label: "Jenis jabatan saat ini", Example: "jf",
		Help: "pelaksana, pengawas, administrator, jpt atau jf (jabatan fungsional); dibaca batas usia pensiun dan kenaikan jenjang."},
	{Header: "jf_saat_ini", Field: "current_post.position", Label: "Jabatan fungsional saat ini", Example: "pranata_komputer",
		Help: "Hanya untuk jenis jf: pranata_komputer atau pranata_humas (\"Pranata Komputer\" juga dikenali)."},
	{Header: "jenjang_saat_ini", Field: "current_post.level", Label: "Jenjang jabatan fungsional saat ini", Example: "ahli_pertama",
		Help: "Hanya untuk jenis jf: terampil, mahir, penyelia, ahli_pertama, ahli_muda, ahli_madya atau ahli_utama (\"Ahli Pertama\" juga dikenali)."},
	{Header: "angka_kredit", Field: "credit_points", Label: "Angka kredit kumulatif (PAK terakhir)", Example: "112,5",
		Help: "Angka kredit kumulatif dalam jenjang saat ini menurut PAK terakhir; boleh desimal (112,5 atau 112.5)."},
	{Header: "tanggal_pak", Field: "credit_points_date", Label: "Tanggal PAK terakhir", Example: "2026-01-15", Date: true, Help: "Tanggal."},
	{Header: "pendidikan", Field: "education_level", Label: "Pendidikan terakhir", Example: "S1",
		Help: "SD, SMP, SMA, D1, D2, D3, D4, S1, S2 atau S3 (D-III, SLTA/SMK juga dikenali)."},
	{Header: "jurusan", Field: "education_field", Label: "Jurusan/program studi", Example: "Teknik Informatika"},
	{Header: "institusi", Field: "education_institution", Label: "Perguruan tinggi/sekolah", Example: "Universitas Jenderal Soedirman"},
	{Header: "tahun_lulus", Field: "education_year", Label: "Tahun lulus", Example: "2014", Help: "Tahun empat angka."},
	{Header: "pengalaman_bulan", Field: "experience_months", Label: "Pengalaman di bidang tugas (bulan)", Example: "30",
		Help: "Bilangan bulat bulan, 0 atau lebih."},
	{Header: "uji_kompetensi", Field: "competency_test_passed", Label: "Lulus uji kompetensi", Example: "ya", Help: "ya atau tidak; kosong = belum ada."},
	{Header: "hukdis_berjalan", Field: "discipline.ongoing", Label: "Sedang menjalani hukuman disiplin", Example: "tidak",
		Help: "ya atau tidak; kosong = belum ada."},
	{Header: "hukdis_sedang_berat_terakhir", Field: "discipline.last_moderate_or_severe", Label: "Tanggal hukdis sedang/berat terakhir",
		Date: true, Help: "Tanggal; kosong bila tidak pernah."},
	{Header: "surat_sehat", Field: "health_statement", Label: "Surat keterangan sehat", Example: "ya", Help: "ya atau tidak; kosong = belum ada."},
	{Header: "pakta_integritas", Field: "integrity_statement", Label: "Pakta integritas", Example: "ya", Help: "ya atau tidak; kosong = belum ada."},
}

// vacancyField is read by the what-if form only: a formation belongs to an
// office × position × level × year, not to an employee, so the register and
// the spreadsheet do not carry it.
const vacancyField = "vacancy_available"

// ratingPrefix starts the spreadsheet columns of performance ratings
// ("skp_2025"); performancePrefix the matching Record keys.
const (
	ratingPrefix      = "skp_"
	performancePrefix = "performance."
)

// Columns lists the spreadsheet columns in template order, without the
// rating columns (see RatingColumn).
func Columns() []Column { return append([]Column(nil), columns...) }

// RatingColumn is the column of the performance rating for year.
func RatingColumn(year int) Column {
	y := strconv.Itoa(year)
	return Column{Header: ratingPrefix + y, Field: performancePrefix + y, Label: "Predikat kinerja (SKP) " + y,
		Example: "baik", Help: "sangat_baik, baik, butuh_perbaikan, cukup, kurang, sangat_kurang atau buruk " +
			"(\"Sangat Baik\" juga dikenali); kosong = belum ada. Tambahkan kolom skp_TTTT untuk tahun lain."}
}

// RatingYears are the rating years a blank form or template shows: the
// three full calendar years before today's year, most recent first (the
// rules read one or two of them).
func RatingYears(today models.Date) []int {
	return []int{today.Year - 1, today.Year - 2, today.Year - 3}
}

// TemplateColumns are the template's columns: the fixed ones with the rating
// columns for years inserted after the education columns.
func TemplateColumns(years []int) []Column {
	var out []Column
	for _, c := range columns {
		out = append(out, c)
		if c.Field == "education_year" {
			for _, y := range years {
				out = append(out, RatingColumn(y))
			}
		}
	}
	return out
}

// columnByHeader finds the column of a normalised header ("" if unknown).
func columnByHeader(h string) (Column, bool) {
	for _, c := range columns {
		if c.Header == h {
			return c, true
		}
	}
	if y, ok := strings.CutPrefix(h, ratingPrefix); ok {
		if n, err := strconv.Atoi(y); err == nil && len(y) == 4 && n >= 1900 {
			return RatingColumn(n), true
		}
	}
	return Column{}, false
}

// normalizeHeader folds a header as typed ("Tanggal Lahir *", "SKP-2025")
// to the template's spelling ("tanggal_lahir", "skp_2025").
func normalizeHeader(h string) string {
	h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
	h = strings.TrimSpace(strings.TrimRight(h, "*"))
	h = strings.NewReplacer(" ", "_", "-", "_", "/", "_", ".", "").Replace(h)
	for strings.Contains(h, "__") {
		h = strings.ReplaceAll(h, "__", "_")
	}
	return h
}

// ParseRecord reads a Record into a Candidate. Empty values are "not
// given". It reads values as people type them (day-first dates, "III a",
// "D-III", "Sangat Baik", "ya") and refuses what cannot be read at all (a
// malformed date or number, a yes/no that is neither); the rest is judged
// by the Candidate's validate tags (app/input), as the API judges it: an
// unknown gender, status, rank, education level, rating or current post,
// a rating key that is not a year, a number out of bounds. The map holds
// one Indonesian message per bad field, keyed like the Record. The NIP and
// the name are not checked here (the what-if page lets nip_format judge
// the NIP); the register checks them in Prepare.
func ParseRecord(r Record) (eligibility.Candidate, map[string]string) {
	errs := map[string]string{}
	var c eligibility.Candidate
	get := func(k string) string { return strings.TrimSpace(r[k]) }
	c.NIP = models.NormalizeNIP(get("nip"))
	c.Name = collapseSpaces(get("name"))
	c.BirthPlace = get("birth_place")
	c.CurrentPosition = get("current_position")
	c.EducationField = get("education_field")
	c.EducationInstitution = get("education_institution")

	date := func(k string, dst *models.Date) {
		if v := get(k); v != "" {
			d, err := ParseDateText(v)
			if err != nil {
				errs[k] = err.Error()
				return
			}
			*dst = d
		}
	}
	date("birth_date", &c.BirthDate)
	date("rank_tmt", &c.RankTMT)
	date("current_position_tmt", &c.CurrentPositionTMT)

	if v := get("gender"); v != "" {
		switch g := strings.ToUpper(v); {
		case g == "L" || g == "LAKI-LAKI" || g == "LAKI LAKI" || g == "1":
			c.Gender = models.Male
		case g == "P" || g == "PEREMPUAN" || g == "WANITA" || g == "2":
			c.Gender = models.Female
		default:
			c.Gender = models.Gender(v)
		}
	}
	c.EmploymentStatus = models.EmploymentStatus(strings.ToLower(get("employment_status")))
	if v := get("rank"); v != "" {
		c.Rank = parseRank(v)
	}
	if v := get("education_level"); v != "" {
		c.EducationLevel = parseEducation(v)
	}
	if v := get("education_year"); v != "" {
		if y, err := strconv.Atoi(v); err != nil {
			errs["education_year"] = fmt.Sprintf("Tahun lulus %q harus tahun empat angka, misalnya 2014.", v)
		} else {
			c.EducationYear = y
		}
	}
	if v := get("experience_months"); v != "" {
		if m, err := strconv.Atoi(v); err != nil {
			errs["experience_months"] = fmt.Sprintf("Pengalaman %q harus bilangan bulat bulan, 0 sampai 720.", v)
		} else {
			c.ExperienceMonths = &m
		}
	}
	date("credit_points_date", &c.CreditPointsDate)
	if kind, pos, lvl := get("current_post.kind"), get("current_post.position"), get("current_post.level"); kind != "" || pos != "" || lvl != "" {
		c.CurrentPost = &eligibility.CurrentPost{Kind: models.PostKind(enumKey(kind)), Position: models.Position(enumKey(pos)),
			Level: models.Level(enumKey(lvl)), TMT: c.CurrentPositionTMT}
	}
	if v := get("credit_points"); v != "" {
		if f, ok := input.ParseDecimal(v); !ok {
			errs["credit_points"] = fmt.Sprintf("Angka kredit %q harus angka 0 sampai 100.000, misalnya 112,5.", v)
		} else {
			c.CreditPoints = &f
		}
	}
	yesNo := func(k string) *bool {
		v := get(k)
		if v == "" {
			return nil
		}
		b, ok := ParseYesNo(v)
		if !ok {
			errs[k] = fmt.Sprintf("Isian %q tidak dikenal: tulis ya atau tidak (kosongkan bila belum ada).", v)
			return nil
		}
		return &b
	}
	c.CompetencyTestPassed = yesNo("competency_test_passed")
	c.HealthStatement = yesNo("health_statement")
	c.IntegrityStatement = yesNo("integrity_statement")
	c.VacancyAvailable = yesNo(vacancyField)
	ongoing := yesNo("discipline.ongoing")
	var last models.Date
	date("discipline.last_moderate_or_severe", &last)
	if ongoing != nil || !last.IsZero() {
		c.Discipline = &eligibility.Discipline{Ongoing: ongoing, LastModerateOrSevere: last}
	}

	for k := range r {
		if y, ok := strings.CutPrefix(k, performancePrefix); ok {
			if v := get(k); v != "" {
				if c.Performance == nil {
					c.Performance = map[string]models.PerformanceRating{}
				}
				c.Performance[y] = parseRating(v)
			}
		}
	}
	for k, msg := range input.Problems(&c, "NIP", "Name") {
		if _, dup := errs[k]; !dup {
			errs[k] = msg
		}
	}
	return c, errs
}

// ToRecord writes a Candidate as a Record (the inverse of ParseRecord), for
// prefilled forms and the register export.
func ToRecord(c eligibility.Candidate) Record {
	r := Record{"nip": c.NIP, "name": c.Name, "birth_place": c.BirthPlace, "birth_date": c.BirthDate.String(),
		"gender": string(c.Gender), "employment_status": string(c.EmploymentStatus), "rank": string(c.Rank),
		"rank_tmt": c.RankTMT.String(), "current_position": c.CurrentPosition,
		"current_position_tmt": c.CurrentPositionTMT.String(), "education_level": string(c.EducationLevel),
		"education_field": c.EducationField, "education_institution": c.EducationInstitution,
		"competency_test_passed": yesNoText(c.CompetencyTestPassed), "health_statement": yesNoText(c.HealthStatement),
		"integrity_statement": yesNoText(c.IntegrityStatement), vacancyField: yesNoText(c.VacancyAvailable)}
	if c.EducationYear != 0 {
		r["education_year"] = strconv.Itoa(c.EducationYear)
	}
	if c.ExperienceMonths != nil {
		r["experience_months"] = strconv.Itoa(*c.ExperienceMonths)
	}
	if c.Discipline != nil {
		r["discipline.ongoing"] = yesNoText(c.Discipline.Ongoing)
		r["discipline.last_moderate_or_severe"] = c.Discipline.LastModerateOrSevere.String()
	}
	for y, rt := range c.Performance {
		r[performancePrefix+y] = string(rt)
	}
	if p := c.CurrentPost; p != nil {
		r["current_post.kind"], r["current_post.position"], r["current_post.level"] = string(p.Kind), string(p.Position), string(p.Level)
		if c.CurrentPositionTMT.IsZero() {
			r["current_position_tmt"] = p.TMT.String()
		}
	}
	if c.CreditPoints != nil {
		r["credit_points"] = strings.Replace(strconv.FormatFloat(*c.CreditPoints, 'f', -1, 64), ".", ",", 1)
	}
	r["credit_points_date"] = c.CreditPointsDate.String()
	return r
}

// enumKey folds an enum as typed ("Ahli Pertama", "Pranata-Komputer", "JF")
// to its code ("ahli_pertama", "pranata_komputer", "jf"); "Pranata Hubungan
// Masyarakat" is read as pranata_humas.
func enumKey(s string) string {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.Join(strings.FieldsFunc(k, func(r rune) bool { return r == ' ' || r == '-' || r == '_' }), "_")
	if k == "pranata_hubungan_masyarakat" {
		return string(models.PranataHumas)
	}
	if k == "jabatan_fungsional" {
		return string(models.PostJF)
	}
	return k
}

// PerformanceYears lists the years a Candidate has ratings for, most recent first.
func PerformanceYears(c eligibility.Candidate) []int {
	var out []int
	for y := range c.Performance {
		if n, err := strconv.Atoi(y); err == nil {
			out = append(out, n)
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(out)))
	return out
}

func yesNoText(b *bool) string {
	switch {
	case b == nil:
		return ""
	case *b:
		return "ya"
	}
	return "tidak"
}

// ParseYesNo reads ya/tidak (and y/t, yes/no, true/false, 1/0, ada/tidak ada).
func ParseYesNo(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ya", "y", "yes", "true", "1", "ada", "lulus", "sehat":
		return true, true
	case "tidak", "t", "no", "n", "false", "0", "tidak ada", "belum", "tidak lulus":
		return false, true
	}
	return false, false
}

var (
	isoDate = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	dmyDate = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$`)
)

// ParseDateText reads a date as people type it: "1992-03-15" or the
// Indonesian day-first "15-03-1992", "15/3/1992", "15.03.1992".
func ParseDateText(s string) (models.Date, error) {
	s = strings.TrimSpace(s)
	var y, m, d string
	if p := isoDate.FindStringSubmatch(s); p != nil {
		y, m, d = p[1], p[2], p[3]
	} else if p := dmyDate.FindStringSubmatch(s); p != nil {
		d, m, y = p[1], p[2], p[3]
	} else {
		//lint:ignore ST1005 an Indonesian sentence shown verbatim in the sheet's cell error
		return models.Date{}, fmt.Errorf("Tanggal %q tidak dikenal: tulis TTTT-BB-HH (1992-03-15) atau HH-BB-TTTT (15-03-1992).", s)
	}
	pad := func(x string) string {
		if len(x) == 1 {
			return "0" + x
		}
		return x
	}
	if n, _ := strconv.Atoi(y); n < models.MinDate.Year || n > models.MaxDate.Year {
		//lint:ignore ST1005 an Indonesian sentence shown verbatim in the sheet's cell error
		return models.Date{}, fmt.Errorf("Tanggal %q di luar rentang 1 Januari 1900 – 31 Desember 2100.", s)
	}
	date, err := models.ParseDate(y + "-" + pad(m) + "-" + pad(d))
	if err != nil {
		//lint:ignore ST1005 an Indonesian sentence shown verbatim in the sheet's cell error
		return models.Date{}, fmt.Errorf("Tanggal %q tidak ada di kalender.", s)
	}
	return date, nil
}

// parseRank reads "III/a", "iii/a", "III a", "III-a" as the golongan.
func parseRank(s string) models.Rank {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexAny(s, "/ -"); i > 0 && i < len(s)-1 {
		s = strings.ToUpper(strings.TrimSpace(s[:i])) + "/" + strings.ToLower(strings.TrimSpace(s[i+1:]))
	}
	return models.Rank(s)
}

// parseEducation reads the codes and the usual spellings: "D-III", "D III",
// "DIII", "SLTA", "SMK", "MA", "Sarjana".
func parseEducation(s string) models.EducationLevel {
	k := strings.ToUpper(strings.NewReplacer("-", "", " ", "", ".", "").Replace(strings.TrimSpace(s)))
	switch k {
	case "DI":
		return models.EduD1
	case "DII":
		return models.EduD2
	case "DIII":
		return models.EduD3
	case "DIV":
		return models.EduD4
	case "SLTA", "SMK", "MA", "SMU", "SLTASEDERAJAT", "SMASEDERAJAT":
		return models.EduSMA
	case "SLTP", "MTS", "SMPSEDERAJAT":
		return models.EduSMP
	case "MI", "SDSEDERAJAT":
		return models.EduSD
	case "SARJANA":
		return models.EduS1
	case "MAGISTER":
		return models.EduS2
	case "DOKTOR":
		return models.EduS3
	}
	return models.EducationLevel(k)
}

// parseRating reads "sangat_baik", "Sangat Baik", "SANGAT-BAIK".
func parseRating(s string) models.PerformanceRating {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.Join(strings.FieldsFunc(k, func(r rune) bool { return r == ' ' || r == '-' || r == '_' }), "_")
	return models.PerformanceRating(k)
}

func collapseSpaces(s string) string { return strings.Join(strings.Fields(s), " ") }
