package eligibility

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kemenagjateng/usulan/models"
)

// ---- education_level: the minimum ijazah for the level ----

// eduMinimum is a minimum education for some levels, optionally of one
// position only. When several entries in force match a target, the one
// naming the position wins over a general one.
type eduMinimum struct {
	Position models.Position // "" = every position
	Levels   []models.Level
	Min      models.EducationLevel
	// Floor, when set, is a firmer general minimum below an uncertain [L]
	// Min: between Floor and Min the verifier judges (manual), below Floor
	// the rule fails.
	Floor      models.EducationLevel
	FloorBasis string
}

var (
	keahlianLevels     = []models.Level{models.AhliPertama, models.AhliMuda, models.AhliMadya, models.AhliUtama}
	keterampilanLevels = []models.Level{models.Terampil, models.Mahir, models.Penyelia}
)

// educationMinimums: keahlian at least S1/D-IV [H]; keterampilan at least
// D-III [L: a parameter; the general floor in PP 11/2017 is SLTA [H]];
// Pranata Humas Ahli Madya at least S2 from 2027-10-15 [M].
var educationMinimums = []param[eduMinimum]{
	{Value: eduMinimum{Levels: keahlianLevels, Min: models.EduS1},
		Source: "PP 11/2017 Pasal 75–78", Confidence: High, Note: "D-IV setara S1"},
	{Value: eduMinimum{Levels: keterampilanLevels, Min: models.EduD3, Floor: models.EduSMA, FloorBasis: "PP 11/2017 Pasal 78(1)d"},
		Source: "PP 11/2017 Pasal 78; peraturan jabatan fungsional (D-III)", Confidence: Low,
		Note: "Batas umum keterampilan menurut PP 11/2017 Pasal 78(1)d adalah SLTA/sederajat [H]; D-III khusus jabatan belum dikonfirmasi [L]: SLTA dinilai verifikator, di bawah SLTA tidak memenuhi"},
	{From: models.Date{Year: 2027, Month: 10, Day: 15},
		Value:  eduMinimum{Position: models.PranataHumas, Levels: []models.Level{models.AhliMadya}, Min: models.EduS2},
		Source: "Permenkomdigi 9/2025 Pasal 58", Confidence: Medium},
}

func educationMinimumAt(pos models.Position, lvl models.Level, d models.Date) *param[eduMinimum] {
	var best *param[eduMinimum]
	for i := range educationMinimums {
		p := &educationMinimums[i]
		if !inRange(d, p.From, p.To) || (p.Value.Position != "" && p.Value.Position != pos) {
			continue
		}
		for _, l := range p.Value.Levels {
			if l == lvl && (best == nil || (best.Value.Position == "" && p.Value.Position != "")) {
				best = p
			}
		}
	}
	return best
}

func eduMinLabel(e models.EducationLevel) string {
	if e == models.EduS1 {
		return "S1/D-IV"
	}
	return e.Label()
}

var ruleEducationLevel = rule{
	ID:    "education_level",
	Label: "Kualifikasi pendidikan paling rendah",
	check: checkEducationLevel,
	params: func() []ParameterInfo {
		out := make([]ParameterInfo, len(educationMinimums))
		for i, p := range educationMinimums {
			var lv []string
			for _, l := range p.Value.Levels {
				lv = append(lv, l.Label())
			}
			name := "Pendidikan paling rendah " + strings.Join(lv, ", ")
			if p.Value.Position != "" {
				name += " " + p.Value.Position.Label()
			}
			out[i] = ParameterInfo{Rule: "education_level", Name: name, Value: eduMinLabel(p.Value.Min),
				EffectiveFrom: p.From, EffectiveTo: p.To, Source: p.Source, Confidence: string(p.Confidence), Note: p.Note}
		}
		return out
	},
}

func checkEducationLevel(e *evaluation) (string, string) {
	p := educationMinimumAt(e.req.Position, e.req.Level, e.ref)
	if p == nil {
		e.s("tidak ada syarat pendidikan untuk jenjang ").levelName()
		return NotApplicable, "PP 11/2017 Pasal 75–78"
	}
	min, got := p.Value.Min, e.c.EducationLevel
	writeReq := func() {
		e.s("syarat paling rendah ").s(eduMinLabel(min)).s(" untuk ").levelName()
		if p.Value.Position != "" {
			e.s(" ").positionName()
		}
		if !p.From.IsZero() {
			e.s(" sejak ").date(p.From)
		}
	}
	switch {
	case got == "":
		e.s("jenjang pendidikan tidak diisi; ")
		writeReq()
		return Missing, p.Source
	case !got.Valid():
		e.s("jenjang pendidikan ").q(string(got)).s(" tidak dikenal; ")
		writeReq()
		return Fail, p.Source
	case !got.AtLeast(min) && p.Confidence == Low && p.Value.Floor != "" && got.AtLeast(p.Value.Floor):
		e.s("pendidikan ").s(got.Label()).s(" di bawah parameter ").s(eduMinLabel(min)).s(" untuk ").levelName().
			s(" [L, belum dikonfirmasi], tetapi memenuhi batas umum ").s(eduMinLabel(p.Value.Floor)).
			s(" (").s(p.Value.FloorBasis).s("); verifikator memeriksa syarat pendidikan jabatan fungsional")
		return Manual, p.Source
	case !got.AtLeast(min) && p.Value.Floor != "" && !got.AtLeast(p.Value.Floor):
		e.s("pendidikan ").s(got.Label()).s(" di bawah batas umum ").s(eduMinLabel(p.Value.Floor)).
			s(" untuk ").levelName().s(" (").s(p.Value.FloorBasis).s(")")
		return Fail, p.Value.FloorBasis
	case !got.AtLeast(min):
		e.s("pendidikan ").s(got.Label()).s(" di bawah ")
		writeReq()
		return lowFail(e, p.Confidence, "syarat pendidikan"), p.Source
	}
	e.s("pendidikan ").s(got.Label()).s(" memenuhi ")
	writeReq()
	return Pass, p.Source
}

// ---- education_field: the field of study is one the position accepts [M] ----

// acceptedFields lists, per position, the fields of study accepted without a
// human look (ELIGIBILITY.md §2 [M], a parameter). Matching ignores case and
// punctuation and looks for an accepted name as whole words inside the
// candidate's field, so "S1 Teknik Informatika" and "Pendidikan Teknologi
// Informasi" match; anything else is left to the verifier (manual).
var acceptedFields = map[models.Position]param[[]string]{
	models.PranataKomputer: {Value: []string{
		"informatika", "teknik informatika", "ilmu komputer", "sistem informasi", "teknologi informasi",
		"manajemen informatika", "teknik komputer", "rekayasa perangkat lunak", "komputerisasi akuntansi",
		"computer science", "informatics", "information technology", "information systems", "software engineering",
	}, Source: "PermenPANRB 32/2020 (kualifikasi pendidikan)", Confidence: Medium,
		Note: "Daftar dan padanan bahasa Inggris adalah parameter; bidang lain dinilai verifikator"},
	models.PranataHumas: {Value: []string{
		"ilmu komunikasi", "komunikasi", "hubungan masyarakat", "humas", "public relations", "jurnalistik",
		"jurnalisme", "komunikasi penyiaran islam", "communication", "communications",
	}, Source: "PermenPANRB 6/2014; Permenkomdigi 9/2025 (kualifikasi pendidikan)", Confidence: Medium,
		Note: "Daftar dan padanannya adalah parameter; bidang lain dinilai verifikator"},
}

// acceptedFieldKeys holds the accepted names normalised once (see appendFieldKey).
var acceptedFieldKeys = func() map[models.Position][][]byte {
	out := map[models.Position][][]byte{}
	for p, list := range acceptedFields {
		for _, f := range list.Value {
			out[p] = append(out[p], appendFieldKey(nil, f))
		}
	}
	return out
}()

// appendFieldKey appends s lowercased, with letters and digits kept and every
// other run of characters turned into one space, padded with a space on each
// side: "S1 Teknik-Informatika" → " s1 teknik informatika ".
func appendFieldKey(b []byte, s string) []byte {
	b = append(b, ' ')
	space := true
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b = utf8.AppendRune(b, unicode.ToLower(r))
			space = false
		} else if !space {
			b = append(b, ' ')
			space = true
		}
	}
	if !space {
		b = append(b, ' ')
	}
	return b
}

var ruleEducationField = rule{
	ID:    "education_field",
	Label: "Bidang pendidikan sesuai jabatan",
	check: checkEducationField,
	params: func() []ParameterInfo {
		var out []ParameterInfo
		for _, p := range models.AllPositions() {
			f := acceptedFields[p]
			out = append(out, staticParam("education_field", "Bidang pendidikan "+p.Label(),
				strings.Join(f.Value, ", "), f.Source, f.Confidence, f.Note))
		}
		return out
	},
}

func checkEducationField(e *evaluation) (string, string) {
	f, ok := acceptedFields[e.req.Position]
	if !ok {
		e.s("tidak ada daftar bidang pendidikan untuk ").positionName()
		return Manual, "PermenPANRB 32/2020; PermenPANRB 6/2014"
	}
	field := strings.TrimSpace(e.c.EducationField)
	if field == "" {
		e.s("bidang pendidikan tidak diisi")
		return Missing, f.Source
	}
	e.field = appendFieldKey(e.field[:0], field)
	for _, k := range acceptedFieldKeys[e.req.Position] {
		if bytes.Contains(e.field, k) {
			e.s("bidang pendidikan ").q(field).s(" termasuk bidang yang diterima untuk ").positionName()
			return Pass, f.Source
		}
	}
	e.s("bidang pendidikan ").q(field).s(" tidak ada dalam daftar bidang yang diterima untuk ").positionName().
		s("; kesesuaiannya dinilai verifikator")
	return Manual, f.Source
}
