// Package input turns request bodies into typed structs and checks them
// with go-playground/validator, answering in Indonesian: a JSON body through
// encoding/json, a form through gorilla/schema (tag `form`), then the
// struct's `validate` tags. Field errors come back as the apperror field
// map keyed by the JSON name (tag `json`), the same shape on pages and in
// the API. Domain rules that are not field validation stay in the services.
//
// Custom tags: nip (an 18-digit NIP, spaces allowed, that parses:
// models.ParseNIP), indate (a models.Date within 1900-01-01…2100-12-31),
// notblank (not only white space).
package input

import (
	"encoding/json"
	"errors"
	"net/url"
	"reflect"
	"strings"
	"sync"

	"github.com/go-playground/locales/id"
	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"
	idtr "github.com/go-playground/validator/v10/translations/id"
	"github.com/gorilla/schema"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/models"
)

var (
	once     sync.Once
	validate *validator.Validate
	trans    ut.Translator
	decoder  *schema.Decoder
)

func setup() {
	validate = validator.New(validator.WithRequiredStructEnabled())
	validate.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		if name == "" {
			return f.Name
		}
		return name
	})
	loc := id.New()
	trans, _ = ut.New(loc, loc).GetTranslator("id")
	if err := idtr.RegisterDefaultTranslations(validate, trans); err != nil {
		panic(err)
	}
	custom := map[string]struct {
		fn  validator.Func
		msg string
	}{
		"nip": {func(fl validator.FieldLevel) bool {
			_, err := models.ParseNIP(fl.Field().String())
			return err == nil
		}, "{0} harus NIP 18 angka yang sah."},
		"indate": {func(fl validator.FieldLevel) bool {
			d, ok := fl.Field().Interface().(models.Date)
			return ok && (d.IsZero() || d.InBounds())
		}, "{0} harus tanggal antara 1 Januari 1900 dan 31 Desember 2100."},
		"notblank": {func(fl validator.FieldLevel) bool {
			return strings.TrimSpace(fl.Field().String()) != ""
		}, "{0} wajib diisi."},
	}
	for tag, c := range custom {
		if err := validate.RegisterValidation(tag, c.fn); err != nil {
			panic(err)
		}
		msg := c.msg
		if err := validate.RegisterTranslation(tag, trans,
			func(u ut.Translator) error { return u.Add(tag, msg, true) },
			func(u ut.Translator, fe validator.FieldError) string { t, _ := u.T(tag, fe.Field()); return t },
		); err != nil {
			panic(err)
		}
	}
	decoder = schema.NewDecoder()
	decoder.SetAliasTag("form")
	decoder.IgnoreUnknownKeys(true)
	decoder.RegisterConverter(models.Date{}, func(s string) reflect.Value {
		if strings.TrimSpace(s) == "" {
			return reflect.ValueOf(models.Date{})
		}
		d, err := models.ParseDate(strings.TrimSpace(s))
		if err != nil {
			return reflect.Value{} // a conversion error for this field
		}
		return reflect.ValueOf(d)
	})
}

// Check validates v (a pointer to a struct with `validate` tags). The error
// is an *apperror.Error (400) whose fields, keyed by JSON name, hold one
// Indonesian message each; a struct may override a field's message with a
// `msg` tag.
func Check(v any) error {
	once.Do(setup)
	err := validate.Struct(v)
	if err == nil {
		return nil
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return err
	}
	fields := map[string]string{}
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	for _, fe := range ves {
		key := fe.Field()
		if _, dup := fields[key]; dup {
			continue
		}
		msg := fe.Translate(trans)
		if sf, ok := t.FieldByName(fe.StructField()); ok {
			if m := sf.Tag.Get("msg"); m != "" {
				msg = m
			}
		}
		fields[key] = msg
	}
	return apperror.Invalid(fields)
}

// JSON decodes body into dst (a pointer to a struct) and checks it; a body
// that is not one JSON object of the right types is a 400 on "body" (or on
// the field whose type is wrong).
func JSON(body []byte, dst any) error {
	if err := json.Unmarshal(body, dst); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return apperror.InvalidField(te.Field, "Jenis isian tidak sesuai.")
		}
		return apperror.InvalidField("body", "Isi permintaan harus satu objek JSON.")
	}
	return Check(dst)
}

// Form decodes form values into dst (a pointer to a struct with `form`
// tags) and checks it; a value that cannot be read as its field's type is a
// 400 on that field (keyed by its JSON name), with the field's `msg` tag or
// a message for its type. Empty values leave a field at its zero value.
func Form(values url.Values, dst any) error {
	once.Do(setup)
	if err := decoder.Decode(dst, values); err != nil {
		var multi schema.MultiError
		if errors.As(err, &multi) {
			fields := map[string]string{}
			for key := range multi {
				name, f := field(dst, key)
				msg := conversionMessage(f.Type)
				if m := f.Tag.Get("msg"); m != "" {
					msg = m
				}
				fields[name] = msg
			}
			return apperror.Invalid(fields)
		}
		return apperror.InvalidField("body", "Formulir tidak dapat dibaca.")
	}
	return Check(dst)
}

// field is the JSON name and the struct field whose form name is key.
func field(dst any, key string) (string, reflect.StructField) {
	t := reflect.TypeOf(dst)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if name, _, _ := strings.Cut(f.Tag.Get("form"), ","); name == key {
			if j, _, _ := strings.Cut(f.Tag.Get("json"), ","); j != "" && j != "-" {
				return j, f
			}
			return key, f
		}
	}
	return key, reflect.StructField{}
}

// conversionMessage says what a value of type t must look like.
func conversionMessage(t reflect.Type) string {
	if t == nil {
		return "Isian tidak dapat dibaca."
	}
	if t == reflect.TypeOf(models.Date{}) {
		return "Tanggal tidak valid: tulis TTTT-BB-HH, antara 1900 dan 2100."
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "Harus berupa angka."
	case reflect.Bool:
		return "Harus ya atau tidak."
	}
	return "Isian tidak dapat dibaca."
}
