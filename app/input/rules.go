package input

import (
	"fmt"
	"net/mail"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"

	"github.com/kemenagjateng/usulan/models"
)

// classificationRE is an archive classification code, e.g. "KP.00.1": it
// sits between slashes in a letter number.
var classificationRE = regexp.MustCompile(`^[A-Z]{2}(\.[0-9]{1,2}){1,3}$`)

// rule is a custom tag: its check and its Indonesian message.
type rule struct {
	tag string
	fn  validator.Func
	msg func(validator.FieldError) string
}

// enum is a domain enum as a tag: valid is the model's Valid method, noun
// names the enum in messages, choices says what to write.
type enum struct {
	tag, noun, choices string
	valid              func(string) bool
}

// enums are the domain enums, one tag each.
func enums() []enum {
	return []enum{
		{"position", "Jabatan", choices(models.AllPositions()), func(s string) bool { return models.Position(s).Valid() }},
		{"jenjang", "Jenjang", choices(models.AllLevels()), func(s string) bool { return models.Level(s).Valid() }},
		{"route", "Jalur", choices(models.AllRoutes()), func(s string) bool { return models.Route(s).Valid() }},
		{"postkind", "Jenis jabatan", choices(models.AllPostKinds()), func(s string) bool { return models.PostKind(s).Valid() }},
		{"empstatus", "Status kepegawaian", choices(models.AllEmploymentStatuses()),
			func(s string) bool { return models.EmploymentStatus(s).Valid() }},
		{"gender", "Jenis kelamin", choices(models.AllGenders()), func(s string) bool { return models.Gender(s).Valid() }},
		{"rank", "Golongan", "I/a sampai IV/e, misalnya III/a", func(s string) bool { return models.Rank(s).Valid() }},
		{"education", "Jenjang pendidikan", choices(models.AllEducationLevels()),
			func(s string) bool { return models.EducationLevel(s).Valid() }},
		{"rating", "Predikat kinerja", choices(models.AllPerformanceRatings()),
			func(s string) bool { return models.PerformanceRating(s).Valid() }},
		{"mechanism", "Mekanisme", choices(models.AllStaffingMechanisms()),
			func(s string) bool { return models.StaffingMechanism(s).Valid() }},
		{"role", "Peran", choices([]models.Role{models.RoleOperator, models.RoleKepala, models.RoleVerifikator, models.RoleAdmin}),
			func(s string) bool { return models.Role(s).Valid() }},
		{"status", "Status", choices(models.AllStatuses), func(s string) bool { return models.Status(s).Valid() }},
		{"kind", "Jenis usulan", choices([]string{models.KindJFT, models.KindStaffing}),
			func(s string) bool { return s == models.KindJFT || s == models.KindStaffing }},
		{"kendala", "Kategori kendala", choices(models.AllObstacleCategories()),
			func(s string) bool { return models.ObstacleCategory(s).Valid() }},
	}
}

// choices lists codes as "a, b atau c".
func choices[T ~string](xs []T) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	if len(out) < 2 {
		return strings.Join(out, "")
	}
	return strings.Join(out[:len(out)-1], ", ") + " atau " + out[len(out)-1]
}

// quoted is a value as a message shows it: quoted, at most 40 characters.
func quoted(v any) string {
	s := fmt.Sprint(v)
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return strconv.Quote(s)
}

func rules() []rule {
	rs := []rule{
		{"nip", func(fl validator.FieldLevel) bool {
			_, err := models.ParseNIP(fl.Field().String())
			return err == nil
		}, func(fe validator.FieldError) string {
			_, err := models.ParseNIP(fmt.Sprint(fe.Value()))
			if err == nil {
				return fe.Field() + " tidak sah."
			}
			return sentence(err.Error())
		}},
		{"indate", func(fl validator.FieldLevel) bool {
			d, ok := fl.Field().Interface().(models.Date)
			return ok && (d.IsZero() || d.InBounds())
		}, func(fe validator.FieldError) string {
			return sentence(fe.Field() + " harus tanggal antara 1 Januari 1900 dan 31 Desember 2100")
		}},
		{"isodate", func(fl validator.FieldLevel) bool {
			_, err := models.ParseDate(fl.Field().String())
			return err == nil
		}, func(fe validator.FieldError) string { return dateMessage(fmt.Sprint(fe.Value())) }},
		{"notblank", func(fl validator.FieldLevel) bool {
			return strings.TrimSpace(fl.Field().String()) != ""
		}, func(fe validator.FieldError) string { return sentence(fe.Field() + " wajib diisi") }},
		{"perfyear", func(fl validator.FieldLevel) bool {
			y := fl.Field().String()
			n, err := strconv.Atoi(y)
			return err == nil && len(y) == 4 && n >= 1900
		}, func(fe validator.FieldError) string {
			return "Tahun predikat kinerja " + quoted(fe.Value()) + " harus tahun empat angka."
		}},
		{"username", func(fl validator.FieldLevel) bool {
			s := fl.Field().String()
			if len(s) < 3 || len(s) > 40 {
				return false
			}
			for _, r := range s {
				if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
					return false
				}
			}
			return true
		}, func(validator.FieldError) string {
			return "Nama pengguna 3–40 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung."
		}},
		{"notbefore", func(fl validator.FieldLevel) bool {
			d, ok := fl.Field().Interface().(models.Date)
			other := reflect.Indirect(fl.Parent()).FieldByName(fl.Param())
			if !ok || !other.IsValid() {
				return false
			}
			from, ok := other.Interface().(models.Date)
			return ok && (d.IsZero() || from.IsZero() || !d.Before(from))
		}, func(fe validator.FieldError) string {
			return sentence(fe.Field() + " tidak boleh sebelum tanggal mulai")
		}},
		{"klasifikasi", func(fl validator.FieldLevel) bool {
			return classificationRE.MatchString(fl.Field().String())
		}, func(validator.FieldError) string {
			return "Kode klasifikasi seperti KP.00.1 (dua huruf kapital, lalu angka dipisah titik)."
		}},
		{"mailaddr", func(fl validator.FieldLevel) bool {
			s := fl.Field().String()
			a, err := mail.ParseAddress(s)
			return err == nil && a.Address == s && len(s) <= 254
		}, func(validator.FieldError) string {
			return "Alamat e-mail tidak sah, misalnya nama@kemenag.go.id."
		}},
	}
	for _, e := range enums() {
		rs = append(rs, e.rule())
	}
	return rs
}

// rule is the enum as a tag.
func (e enum) rule() rule {
	return rule{e.tag, func(fl validator.FieldLevel) bool { return e.valid(fl.Field().String()) },
		func(fe validator.FieldError) string {
			if fmt.Sprint(fe.Value()) == "" {
				return e.noun + " wajib diisi: tulis " + e.choices + "."
			}
			return e.noun + " " + quoted(fe.Value()) + " tidak dikenal: tulis " + e.choices + "."
		}}
}

// Enum registers tag for an enum that package models does not hold (a
// workflow action, say): valid is its check, noun names it in messages and
// codes are what to write. Call it from an init function; the message is
// that of the enums here.
func Enum(tag, noun string, codes []string, valid func(string) bool) {
	once.Do(setup)
	register(enum{tag: tag, noun: noun, choices: choices(codes), valid: valid}.rule())
}
