package input

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"math"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/gorilla/schema"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/models"
)

// Decimal is a number as people type it in a form: "112,5" or "112.5". In
// JSON it is a plain number.
type Decimal float64

// Rupiah is an amount of whole rupiah as people type it in a form:
// "2070000", "2.070.000" or "Rp 2.070.000". In JSON it is a plain integer.
type Rupiah int64

// IDs is a list of record numbers: in JSON an array of integers, in a form
// one text of numbers separated by commas, spaces or semicolons, each
// perhaps with a "#" ("12, #13").
type IDs []int64

// UnmarshalJSON reads an array of integers.
func (l *IDs) UnmarshalJSON(b []byte) error {
	var ids []int64
	if err := json.Unmarshal(b, &ids); err != nil {
		return err
	}
	*l = ids
	return nil
}

// UnmarshalText reads "12, #13; 14".
func (l *IDs) UnmarshalText(b []byte) error {
	var out IDs
	for _, f := range strings.FieldsFunc(string(b), func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		id, err := strconv.ParseInt(strings.TrimPrefix(f, "#"), 10, 64)
		if err != nil {
			return err
		}
		out = append(out, id)
	}
	*l = out
	return nil
}

// ParseRupiah reads "2070000", "2.070.000" or "Rp 2.070.000" as whole rupiah.
func ParseRupiah(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "Rp"), "rp")
	s = strings.NewReplacer(".", "", " ", "", "\u00a0", "").Replace(s)
	if s == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// ParseDecimal reads "112,5" or "112.5" (a finite number).
func ParseDecimal(s string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(s), ",", ".", 1), 64)
	return f, err == nil && !math.IsNaN(f) && !math.IsInf(f, 0)
}

func newFormDecoder() *schema.Decoder {
	d := schema.NewDecoder()
	d.SetAliasTag("form")
	d.IgnoreUnknownKeys(true)
	d.MaxSize(1000)
	d.RegisterConverter(models.Date{}, func(s string) reflect.Value {
		if strings.TrimSpace(s) == "" {
			return reflect.ValueOf(models.Date{})
		}
		v, err := models.ParseDate(strings.TrimSpace(s))
		if err != nil {
			return reflect.Value{} // a conversion error for this field
		}
		return reflect.ValueOf(v)
	})
	d.RegisterConverter(Decimal(0), func(s string) reflect.Value {
		if f, ok := ParseDecimal(s); ok {
			return reflect.ValueOf(Decimal(f))
		}
		return reflect.Value{}
	})
	d.RegisterConverter(Rupiah(0), func(s string) reflect.Value {
		if n, ok := ParseRupiah(s); ok {
			return reflect.ValueOf(Rupiah(n))
		}
		return reflect.Value{}
	})
	return d
}

// JSON decodes body into dst (a pointer to a struct) like DecodeJSON and
// checks it like Check; the fields that could not be read and those that
// fail their tags come back together.
func JSON(body []byte, dst any) error {
	return merge(DecodeJSON(body, dst), dst)
}

// Form decodes form values into dst like DecodeForm and checks it like
// Check, the two kinds of field error together.
func Form(values url.Values, dst any) error {
	return merge(DecodeForm(values, dst), dst)
}

// merge adds the tag problems of dst to a decoding error's fields (a field
// that could not be read keeps that message). A body that is no object at
// all is answered alone.
func merge(decodeErr error, dst any) error {
	if decodeErr != nil {
		e, ok := apperror.As(decodeErr)
		if !ok || e.Fields["body"] != "" {
			return decodeErr
		}
	}
	fields := Problems(dst)
	if decodeErr == nil {
		if len(fields) == 0 {
			return nil
		}
		return apperror.Invalid(fields)
	}
	e, _ := apperror.As(decodeErr)
	for k, v := range e.Fields {
		fields[k] = v
	}
	return apperror.Invalid(fields)
}

// DecodeJSON decodes body, which must be one JSON object, into dst (a
// pointer to a struct) as encoding/json would, without checking tags. A
// value of the wrong JSON type or one its type refuses (a malformed date)
// is a 400 on its JSON path ("candidates[1].birth_date"), with the field's
// `msg` tag or a message for its type, the same as a form's; every such
// field is reported. Unknown members are ignored.
func DecodeJSON(body []byte, dst any) error {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' || !json.Valid(trimmed) {
		return apperror.InvalidField("body", "Isi permintaan harus satu objek JSON.")
	}
	v := reflect.ValueOf(dst)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		panic("input: DecodeJSON needs a pointer")
	}
	d := jsonDecoder{fields: map[string]string{}}
	d.value(trimmed, v.Elem(), "", nil)
	if len(d.fields) > 0 {
		return apperror.Invalid(d.fields)
	}
	return nil
}

type jsonDecoder struct{ fields map[string]string }

var (
	jsonUnmarshaler = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()
	textUnmarshaler = reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()
)

// fail records that the value at path could not be read.
func (d *jsonDecoder) fail(path string, sf *reflect.StructField, t reflect.Type) {
	if path == "" {
		path = "body"
	}
	if _, dup := d.fields[path]; dup {
		return
	}
	if sf != nil {
		d.fields[path] = fieldMessage(*sf)
		return
	}
	d.fields[path] = conversionMessage(t)
}

// leaf reads raw into v with encoding/json.
func (d *jsonDecoder) leaf(raw []byte, v reflect.Value, path string, sf *reflect.StructField) {
	if err := json.Unmarshal(raw, v.Addr().Interface()); err != nil {
		if v.Type() == dateType && (sf == nil || sf.Tag.Get("msg") == "") {
			var text string
			if json.Unmarshal(raw, &text) != nil {
				d.fields[path] = "Tanggal harus berupa teks TTTT-BB-HH."
				return
			}
			d.fields[path] = dateMessage(text)
			return
		}
		d.fail(path, sf, v.Type())
	}
}

var dateType = reflect.TypeOf(models.Date{})

// dateMessage says why s is not a date (models.ParseDate's reason), the
// same for a form and JSON.
func dateMessage(s string) string {
	s = strings.TrimSpace(s)
	if _, err := models.ParseDate(s); err != nil && utf8.RuneCountInString(s) <= 40 {
		return sentence(err.Error())
	}
	return conversionMessage(dateType)
}

// value reads raw (valid JSON) into v, the field sf at path (sf nil for an
// element of a slice or map, or the top).
func (d *jsonDecoder) value(raw []byte, v reflect.Value, path string, sf *reflect.StructField) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return
	}
	if string(raw) == "null" {
		switch v.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
			v.SetZero()
		default:
			if reflect.PointerTo(v.Type()).Implements(jsonUnmarshaler) {
				d.leaf(raw, v, path, sf)
			}
		}
		return
	}
	t := v.Type()
	if t.Kind() != reflect.Pointer && (reflect.PointerTo(t).Implements(jsonUnmarshaler) ||
		reflect.PointerTo(t).Implements(textUnmarshaler)) {
		d.leaf(raw, v, path, sf)
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(t.Elem()))
		}
		d.value(raw, v.Elem(), path, sf)
	case reflect.Struct:
		var obj map[string]json.RawMessage
		if raw[0] != '{' || json.Unmarshal(raw, &obj) != nil {
			d.fail(path, sf, t)
			return
		}
		fields := structFields(t)
		for key, member := range obj {
			f := fields.find(key)
			if f == nil {
				continue
			}
			fv, ok := fieldAlloc(v, f.index)
			if !ok {
				continue
			}
			d.value(member, fv, join(path, f.name), &f.sf)
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 || raw[0] != '[' {
			d.leaf(raw, v, path, sf)
			return
		}
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			d.fail(path, sf, t)
			return
		}
		s := reflect.MakeSlice(t, len(items), len(items))
		for i, item := range items {
			d.value(item, s.Index(i), path+"["+strconv.Itoa(i)+"]", nil)
		}
		v.Set(s)
	case reflect.Map:
		if t.Key().Kind() != reflect.String || raw[0] != '{' {
			d.leaf(raw, v, path, sf)
			return
		}
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			d.fail(path, sf, t)
			return
		}
		m := reflect.MakeMapWithSize(t, len(obj))
		for k, member := range obj {
			ev := reflect.New(t.Elem()).Elem()
			d.value(member, ev, join(path, k), nil)
			m.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
		}
		v.Set(m)
	default:
		d.leaf(raw, v, path, sf)
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// jsonField is a struct field as encoding/json sees it: its name and its
// index path (through embedded structs).
type jsonField struct {
	name  string
	index []int
	sf    reflect.StructField
}

type fieldList []jsonField

// find is the field named key: an exact match first, else one that
// matches ignoring case (as encoding/json).
func (l fieldList) find(key string) *jsonField {
	for i := range l {
		if l[i].name == key {
			return &l[i]
		}
	}
	for i := range l {
		if strings.EqualFold(l[i].name, key) {
			return &l[i]
		}
	}
	return nil
}

var fieldCache sync.Map // reflect.Type → fieldList

// structFields lists t's JSON fields, those of embedded structs promoted;
// a shallower field hides a deeper one of the same name.
func structFields(t reflect.Type) fieldList {
	if l, ok := fieldCache.Load(t); ok {
		return l.(fieldList)
	}
	type queued struct {
		t     reflect.Type
		index []int
	}
	var out fieldList
	seen := map[string]bool{}
	level := []queued{{t, nil}}
	for len(level) > 0 {
		var next []queued
		names := map[string]bool{}
		for _, q := range level {
			for i := 0; i < q.t.NumField(); i++ {
				f := q.t.Field(i)
				index := append(append([]int(nil), q.index...), i)
				if f.Tag.Get("json") == "-" {
					continue
				}
				if f.Anonymous && jsonName(f) == "" {
					if et := deref(f.Type); et.Kind() == reflect.Struct {
						next = append(next, queued{et, index})
						continue
					}
				}
				if !f.IsExported() {
					continue
				}
				name := jsonName(f)
				if seen[name] || names[name] {
					continue
				}
				names[name] = true
				out = append(out, jsonField{name: name, index: index, sf: f})
			}
		}
		for n := range names {
			seen[n] = true
		}
		level = next
	}
	fieldCache.Store(t, out)
	return out
}

// fieldAlloc is v's field at index, allocating embedded pointers on the
// way (false for an embedded pointer to an unexported type).
func fieldAlloc(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				if !v.CanSet() {
					return v, false
				}
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, v.CanSet()
}

// DecodeForm decodes form values into dst (a pointer to a struct with
// `form` tags; a slice of structs reads "candidates.0.nip") without
// checking tags. A value that cannot be read as its field's type is a 400
// on the field's JSON path, with the field's `msg` tag or a message for its
// type (the same as DecodeJSON's). Empty values leave a field at its zero
// value (a pointer nil).
func DecodeForm(values url.Values, dst any) error {
	once.Do(setup)
	src := url.Values{}
	for k, vs := range values {
		for _, v := range vs {
			if v != "" {
				src[k] = vs
				break
			}
		}
	}
	err := decoder.Decode(dst, src)
	if err == nil {
		return nil
	}
	var multi schema.MultiError
	if !errors.As(err, &multi) {
		return apperror.InvalidField("body", "Formulir tidak dapat dibaca.")
	}
	fields := map[string]string{}
	for key, ferr := range multi {
		name, f, ok := formKey(reflect.TypeOf(dst), key)
		msg := "Isian tidak dapat dibaca."
		var ce schema.ConversionError
		switch {
		case ok && f.Tag.Get("msg") != "":
			msg = f.Tag.Get("msg")
		case errors.As(ferr, &ce) && ok && deref(f.Type) == dateType:
			if vs := src[key]; len(vs) > 0 {
				msg = dateMessage(vs[len(vs)-1])
			}
		case errors.As(ferr, &ce) && ok:
			msg = conversionMessage(f.Type)
		}
		fields[name] = msg
	}
	return apperror.Invalid(fields)
}

// formKey turns a form path ("candidates.0.birth_date") into the JSON path
// ("candidates[0].birth_date") and returns the field it ends on.
func formKey(root reflect.Type, key string) (string, reflect.StructField, bool) {
	t := deref(root)
	var b strings.Builder
	var last reflect.StructField
	parts := strings.Split(key, ".")
	for i := 0; i < len(parts); i++ {
		if t == nil || t.Kind() != reflect.Struct {
			return key, last, false
		}
		f, ok := fieldByForm(t, parts[i])
		if !ok {
			return key, last, false
		}
		last = f
		if jn := jsonName(f); jn != "" {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(jn)
		}
		t = deref(f.Type)
		if t.Kind() == reflect.Slice && i+1 < len(parts) {
			if _, err := strconv.Atoi(parts[i+1]); err == nil {
				b.WriteString("[" + parts[i+1] + "]")
				i++
				t = deref(t.Elem())
			}
		}
	}
	return b.String(), last, true
}

// fieldByForm finds t's field whose form name is name (embedded structs
// searched too).
func fieldByForm(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		fn, _, _ := strings.Cut(f.Tag.Get("form"), ",")
		if fn == "" {
			fn = f.Name
		}
		if fn == name {
			return f, true
		}
		if f.Anonymous && deref(f.Type).Kind() == reflect.Struct {
			if g, ok := fieldByForm(deref(f.Type), name); ok {
				return g, true
			}
		}
	}
	return reflect.StructField{}, false
}
