// Package input turns request bodies into typed structs and checks them
// with go-playground/validator, answering in Indonesian: a JSON body (JSON,
// DecodeJSON), a form through gorilla/schema (Form, DecodeForm; tag `form`),
// then the struct's `validate` tags (Check, Problems). Field errors come back
// as the apperror field map keyed by the JSON path ("rank",
// "candidates[0].nip", "performance.2025"), the same keys and the same
// messages on pages and in the API. Domain rules that are not field
// validation stay in the services.
//
// Messages are the validator's Indonesian translations, or this package's
// for its own tags, written as sentences; a field's `label` tag names it in
// them (else its JSON name). A `msg` tag replaces a field's message for
// every failed tag, a `msg_<tag>` tag (msg_min, msg_required, …) for that
// tag only. A value that cannot be read as its field's type (a word for a
// number, a malformed date) is refused with the same message from JSON and
// from a form: the field's `msg` tag or a message for its type.
//
// Custom tags (rules.go): nip, indate, isodate (a text that is a date),
// notblank, notbefore=Field (a date
// not before another field's), perfyear, username, mailaddr, klasifikasi
// (an archive classification code), and one per domain enum backed by the models' Valid methods:
// position, jenjang, route, postkind, empstatus, gender, rank, education,
// rating, mechanism, role, status, kind, kendala.
//
// An optional value that must otherwise follow a rule is written with
// alternatives: "eq=|nip" (empty, or a NIP); the last alternative's
// message is given.
//
// A struct with a Normalize method (Normalizer) is normalized (trimmed,
// folded) before every check, so a service that checks its input and a
// handler that checked it already see the same values.
package input

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-playground/locales/id"
	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"
	idtr "github.com/go-playground/validator/v10/translations/id"
	"github.com/gorilla/schema"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/models"
)

// Normalizer is a request struct that tidies itself (trims spaces, folds
// case) before it is checked.
type Normalizer interface{ Normalize() }

var (
	once     sync.Once
	validate *validator.Validate
	trans    ut.Translator
	decoder  *schema.Decoder
	// ruleMessages are the messages of this package's tags, by tag.
	ruleMessages map[string]func(validator.FieldError) string
)

func setup() {
	validate = validator.New(validator.WithRequiredStructEnabled())
	validate.RegisterTagNameFunc(label)
	loc := id.New()
	trans, _ = ut.New(loc, loc).GetTranslator("id")
	if err := idtr.RegisterDefaultTranslations(validate, trans); err != nil {
		panic(err)
	}
	ruleMessages = map[string]func(validator.FieldError) string{}
	for _, r := range rules() {
		register(r)
	}
	decoder = newFormDecoder()
}

// register makes r a tag of the validator, with its message.
func register(r rule) {
	ruleMessages[r.tag] = r.msg
	if err := validate.RegisterValidation(r.tag, r.fn); err != nil {
		panic(err)
	}
	if err := validate.RegisterTranslation(r.tag, trans,
		func(ut.Translator) error { return nil },
		func(_ ut.Translator, fe validator.FieldError) string { return r.msg(fe) },
	); err != nil {
		panic(err)
	}
}

// label is how a field is named in messages: its `label` tag, else its
// JSON name, else its Go name.
func label(f reflect.StructField) string {
	if l := f.Tag.Get("label"); l != "" {
		return l
	}
	if name := jsonName(f); name != "" {
		return name
	}
	return f.Name
}

// jsonName is the field's JSON name ("" for a field JSON leaves out).
func jsonName(f reflect.StructField) string {
	tag := f.Tag.Get("json")
	if tag == "-" {
		return ""
	}
	if name, _, _ := strings.Cut(tag, ","); name != "" {
		return name
	}
	if f.Anonymous {
		return "" // an embedded struct: its fields are the parent's
	}
	return f.Name
}

// Check validates v (a pointer to a struct with `validate` tags). The error
// is an *apperror.Error (400) whose fields, keyed by JSON path, hold one
// Indonesian message each.
func Check(v any) error {
	if f := Problems(v); len(f) > 0 {
		return apperror.Invalid(f)
	}
	return nil
}

// Problems validates v like Check and returns the field messages (empty,
// not nil, when v is valid), for a service that adds its own rules' fields
// or answers with another status. The fields named in except (Go field
// names, "NIP" or "Post.Kind") are not checked. v must be a pointer to a
// struct; anything else is a programming error and panics.
func Problems(v any, except ...string) map[string]string {
	once.Do(setup)
	if n, ok := v.(Normalizer); ok {
		n.Normalize()
	}
	var err error
	if len(except) > 0 {
		err = validate.StructExcept(v, except...)
	} else {
		err = validate.Struct(v)
	}
	fields := map[string]string{}
	if err == nil {
		return fields
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		panic(fmt.Sprintf("input: cannot validate %T: %v", v, err))
	}
	root := reflect.TypeOf(v)
	for _, fe := range ves {
		key, sf, ok := keyOf(root, fe.StructNamespace())
		if !ok {
			key = fe.Field()
		}
		if _, dup := fields[key]; dup {
			continue
		}
		msg := ""
		if ok {
			if msg = sf.Tag.Get("msg_" + fe.Tag()); msg == "" {
				msg = sf.Tag.Get("msg")
			}
		}
		if msg == "" {
			msg = translate(fe)
		}
		fields[key] = msg
	}
	return fields
}

// translate is fe's Indonesian message. Of alternatives ("eq=|nip": empty
// or a NIP) the last one speaks.
func translate(fe validator.FieldError) string {
	if i := strings.LastIndexByte(fe.Tag(), '|'); i >= 0 {
		if m, ok := ruleMessages[fe.Tag()[i+1:]]; ok {
			return m(fe)
		}
	}
	msg := fe.Translate(trans)
	if msg == fe.Error() { // a tag without an Indonesian translation
		msg = fe.Field() + " tidak sah"
	}
	return sentence(msg)
}

// Fields returns the field messages of an *apperror.Error (nil for any
// other error), for merging a check with a service's own rules.
func Fields(err error) map[string]string {
	if e, ok := apperror.As(err); ok {
		return e.Fields
	}
	return nil
}

// sentence starts s with a capital letter and ends it with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	return s
}

func deref(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// keyOf turns a validator struct namespace ("Input.Candidates[0].Rank",
// "Input.Performance[2025]") into the JSON path ("candidates[0].rank",
// "performance.2025": a slice index in brackets, a map key after a dot)
// and returns the struct field the path ends on.
func keyOf(root reflect.Type, ns string) (string, reflect.StructField, bool) {
	rest := ns
	if deref(root).Name() != "" { // an unnamed struct type has no prefix
		var found bool
		if _, rest, found = strings.Cut(ns, "."); !found {
			return "", reflect.StructField{}, false
		}
	}
	t := root
	var b strings.Builder
	var last reflect.StructField
	for rest != "" {
		name := rest
		if i := strings.IndexAny(rest, ".["); i >= 0 {
			name, rest = rest[:i], rest[i:]
		} else {
			rest = ""
		}
		st := deref(t)
		if st == nil || st.Kind() != reflect.Struct {
			return "", last, false
		}
		sf, ok := st.FieldByName(name)
		if !ok {
			return "", last, false
		}
		last, t = sf, sf.Type
		if jn := jsonName(sf); jn != "" {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(jn)
		}
		for strings.HasPrefix(rest, "[") {
			end := -1
			for k := 1; k < len(rest); k++ {
				if rest[k] == ']' && (k+1 == len(rest) || rest[k+1] == '.' || rest[k+1] == '[') {
					end = k
					break
				}
			}
			if end < 0 {
				return "", last, false
			}
			idx := rest[1:end]
			rest = rest[end+1:]
			switch ct := deref(t); ct.Kind() {
			case reflect.Map:
				b.WriteString("." + idx)
				t = ct.Elem()
			case reflect.Slice, reflect.Array:
				b.WriteString("[" + idx + "]")
				t = ct.Elem()
			default:
				return "", last, false
			}
		}
		rest = strings.TrimPrefix(rest, ".")
	}
	return b.String(), last, b.Len() > 0
}

// conversionMessage says what a value of type t must look like (a value
// that could not be read as t, from JSON or a form).
func conversionMessage(t reflect.Type) string {
	t = deref(t)
	switch t {
	case nil:
		return "Isian tidak dapat dibaca."
	case reflect.TypeOf(models.Date{}):
		return "Tanggal tidak valid: tulis TTTT-BB-HH, antara 1900 dan 2100."
	case reflect.TypeOf(Rupiah(0)):
		return "Harus bilangan bulat rupiah, misalnya 2.070.000."
	case reflect.TypeOf(Decimal(0)):
		return "Harus berupa angka, misalnya 112,5."
	case reflect.TypeOf(IDs{}):
		return "Tulis nomor, dipisah koma."
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "Harus berupa bilangan bulat."
	case reflect.Float32, reflect.Float64:
		return "Harus berupa angka."
	case reflect.Bool:
		return "Harus ya atau tidak (true atau false)."
	case reflect.String:
		return "Harus berupa teks."
	case reflect.Slice, reflect.Array:
		return "Harus berupa daftar."
	case reflect.Struct, reflect.Map:
		return "Harus berupa objek."
	}
	return "Isian tidak dapat dibaca."
}

// fieldMessage is the message for a value of field f that could not be
// read: its `msg` tag, else the message for its type.
func fieldMessage(f reflect.StructField) string {
	if m := f.Tag.Get("msg"); m != "" {
		return m
	}
	return conversionMessage(f.Type)
}
