package eligibility

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kemenagjateng/usulan/models"
)

// DecodeRequest reads a JFT check (ELIGIBILITY.md §3) from JSON. A missing or
// empty reference_date means today. The error, when not nil, is an
// *InputError naming the field: bad JSON (field ""), a "kind" other than
// "jft", a malformed date, a value of the wrong JSON type, an unknown
// position, level, route or candidate enum, a missing candidate or NIP. A NIP
// that is present but malformed is not an input error: rule nip_format fails.
// Unknown fields are ignored.
func DecodeRequest(data []byte, today models.Date) (Request, error) {
	top, ie := decodeObject(data)
	if ie != nil {
		return Request{}, ie
	}
	return decodeRequest(data, top, today)
}

// decodeRequest is DecodeRequest on input already split into members.
func decodeRequest(data []byte, top map[string]json.RawMessage, today models.Date) (Request, error) {
	if ie := checkDates(top, requestDateFields); ie != nil {
		return Request{}, ie
	}
	var w struct {
		Kind          string          `json:"kind"`
		ReferenceDate models.Date     `json:"reference_date"`
		Position      models.Position `json:"position"`
		Level         models.Level    `json:"level"`
		Route         models.Route    `json:"route"`
		Candidate     *Candidate      `json:"candidate"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return Request{}, jsonError(err)
	}
	req := Request{Kind: w.Kind, ReferenceDate: w.ReferenceDate, Position: w.Position, Level: w.Level, Route: w.Route}
	if req.Kind != "" && req.Kind != KindJFT {
		return Request{}, &InputError{Field: "kind", Message: "jenis pemeriksaan " + strconv.Quote(req.Kind) +
			" bukan pemeriksaan jabatan fungsional (jft)"}
	}
	if req.ReferenceDate.IsZero() {
		req.ReferenceDate = today
	}
	if ie := ValidateTarget(string(req.Position), string(req.Level), string(req.Route)); ie != nil {
		return Request{}, ie
	}
	if w.Candidate == nil {
		return Request{}, &InputError{Field: "candidate", Message: "data kandidat wajib diisi"}
	}
	req.Candidate = *w.Candidate
	if ie := req.Candidate.Validate(); ie != nil {
		return Request{}, ie.prefixed("candidate")
	}
	return req, nil
}

// ValidateTarget checks a target's codes: each must be given and known.
// Fields: "position", "level", "route". A level the position lacks (Pranata
// Humas Ahli Utama) is not an input error: rule level_exists fails.
func ValidateTarget(position, level, route string) *InputError {
	switch {
	case position == "":
		return &InputError{Field: "position", Message: "jabatan wajib diisi (pranata_komputer, pranata_humas)"}
	case !models.Position(position).Valid():
		return &InputError{Field: "position", Message: "jabatan " + strconv.Quote(position) +
			" tidak dikenal (pranata_komputer, pranata_humas)"}
	case level == "":
		return &InputError{Field: "level", Message: "jenjang wajib diisi"}
	case !models.Level(level).Valid():
		return &InputError{Field: "level", Message: "jenjang " + strconv.Quote(level) +
			" tidak dikenal (terampil, mahir, penyelia, ahli_pertama, ahli_muda, ahli_madya, ahli_utama)"}
	case route == "":
		return &InputError{Field: "route", Message: "jalur pengangkatan wajib diisi"}
	case !models.Route(route).Valid():
		return &InputError{Field: "route", Message: "jalur " + strconv.Quote(route) +
			" tidak dikenal (pengangkatan_pertama, perpindahan, penyesuaian, promosi, kenaikan_jenjang)"}
	}
	return nil
}

// Validate checks what makes a candidate unreadable: no NIP (after removing
// spaces), an unknown gender, employment status, rank, education level or
// rating, a performance key that is not a year, a negative number of months
// or education year. Field names are relative ("nip", "rank",
// "performance.2025"). Absent optional fields are fine, and so is a NIP with
// a bad format (rule nip_format judges it); callers that store a NIP should
// also run models.ParseNIP.
func (c Candidate) Validate() *InputError {
	if models.NormalizeNIP(c.NIP) == "" {
		return &InputError{Field: "nip", Message: "NIP wajib diisi"}
	}
	for _, f := range []struct {
		field, value string
		max          int
	}{{"name", c.Name, 200}, {"birth_place", c.BirthPlace, 100}, {"current_position", c.CurrentPosition, 200},
		{"education_field", c.EducationField, 150}, {"education_institution", c.EducationInstitution, 200}} {
		if utf8.RuneCountInString(f.value) > f.max {
			return &InputError{Field: f.field, Message: "paling panjang " + strconv.Itoa(f.max) + " karakter"}
		}
	}
	if len(c.Performance) > 30 {
		return &InputError{Field: "performance", Message: "paling banyak 30 tahun predikat kinerja"}
	}
	if c.Gender != "" && !c.Gender.Valid() {
		return &InputError{Field: "gender", Message: "jenis kelamin " + strconv.Quote(string(c.Gender)) + " tidak dikenal (L atau P)"}
	}
	if c.EmploymentStatus != "" && !c.EmploymentStatus.Valid() {
		return &InputError{Field: "employment_status", Message: "status kepegawaian " +
			strconv.Quote(string(c.EmploymentStatus)) + " tidak dikenal (pns, cpns, pppk)"}
	}
	if c.Rank != "" && !c.Rank.Valid() {
		return &InputError{Field: "rank", Message: "golongan " + strconv.Quote(string(c.Rank)) +
			" tidak dikenal (I/a … IV/e, misalnya \"III/a\")"}
	}
	if c.EducationLevel != "" && !c.EducationLevel.Valid() {
		return &InputError{Field: "education_level", Message: "jenjang pendidikan " + strconv.Quote(string(c.EducationLevel)) +
			" tidak dikenal (SD, SMP, SMA, D1, D2, D3, D4, S1, S2, S3)"}
	}
	years := make([]string, 0, len(c.Performance))
	for y := range c.Performance {
		years = append(years, y)
	}
	sort.Strings(years)
	for _, y := range years {
		if n, err := strconv.Atoi(y); err != nil || len(y) != 4 || n < 1900 {
			return &InputError{Field: "performance." + y, Message: "kunci predikat kinerja harus tahun empat angka, misalnya \"2025\""}
		}
		if r := c.Performance[y]; r != "" && !r.Valid() {
			return &InputError{Field: "performance." + y, Message: "predikat kinerja " + strconv.Quote(string(r)) +
				" tidak dikenal (sangat_baik, baik, butuh_perbaikan, cukup, kurang, sangat_kurang, buruk)"}
		}
	}
	if c.ExperienceMonths != nil && *c.ExperienceMonths < 0 {
		return &InputError{Field: "experience_months", Message: "lama pengalaman tidak boleh negatif"}
	}
	if c.EducationYear < 0 {
		return &InputError{Field: "education_year", Message: "tahun lulus tidak boleh negatif"}
	}
	if p := c.CurrentPost; p != nil {
		switch {
		case p.Kind == "":
			return &InputError{Field: "current_post.kind", Message: "jenis jabatan saat ini wajib diisi (pelaksana, pengawas, administrator, jpt, jf)"}
		case !p.Kind.Valid():
			return &InputError{Field: "current_post.kind", Message: "jenis jabatan " + strconv.Quote(string(p.Kind)) +
				" tidak dikenal (pelaksana, pengawas, administrator, jpt, jf)"}
		case p.Kind == models.PostJF && !p.Position.Valid():
			return &InputError{Field: "current_post.position", Message: "jabatan fungsional saat ini wajib diisi dan dikenal (pranata_komputer, pranata_humas)"}
		case p.Kind == models.PostJF && !p.Level.Valid():
			return &InputError{Field: "current_post.level", Message: "jenjang jabatan fungsional saat ini wajib diisi dan dikenal"}
		case p.Kind != models.PostJF && (p.Position != "" || p.Level != ""):
			return &InputError{Field: "current_post.kind", Message: "jabatan dan jenjang hanya diisi untuk jenis jf"}
		}
	}
	if v := c.CreditPoints; v != nil && (*v < 0 || *v != *v || *v > 100000) {
		return &InputError{Field: "credit_points", Message: "angka kredit harus angka paling sedikit 0"}
	}
	return nil
}

// DecodeStaffing reads a staffing request (ELIGIBILITY.md §4) from JSON. A
// missing or empty reference_date means today. count and monthly_pay are
// required. Errors are *InputError as for DecodeRequest: bad JSON, a "kind"
// other than "staffing", a malformed date, a wrong JSON type (a fractional
// count or pay included), count < 1, monthly_pay < 0, an unknown mechanism
// or education level.
func DecodeStaffing(data []byte, today models.Date) (StaffingRequest, error) {
	top, ie := decodeObject(data)
	if ie != nil {
		return StaffingRequest{}, ie
	}
	return decodeStaffing(data, top, today)
}

// decodeStaffing is DecodeStaffing on input already split into members.
func decodeStaffing(data []byte, top map[string]json.RawMessage, today models.Date) (StaffingRequest, error) {
	if ie := checkDates(top, staffingDateFields); ie != nil {
		return StaffingRequest{}, ie
	}
	var r StaffingRequest
	if err := json.Unmarshal(data, &r); err != nil {
		return StaffingRequest{}, jsonError(err)
	}
	if r.Kind != KindStaffing {
		return StaffingRequest{}, &InputError{Field: "kind", Message: "jenis pemeriksaan harus \"staffing\""}
	}
	for _, f := range []string{"count", "monthly_pay"} {
		if v, ok := top[f]; !ok || string(v) == "null" {
			return StaffingRequest{}, &InputError{Field: f, Message: "wajib diisi"}
		}
	}
	if r.ReferenceDate.IsZero() {
		r.ReferenceDate = today
	}
	if ie := r.Validate(); ie != nil {
		return StaffingRequest{}, ie
	}
	return r, nil
}

// Run is the whole check contract of `usulan check` and POST
// /api/v1/eligibility/check (ELIGIBILITY.md §3–§4): input is one JSON object,
// dispatched on "kind" ("staffing", or "jft"/absent for a JFT check); today
// is the default reference date; caps are the pay caps for staffing (nil =
// DefaultPayCaps). The output is the Result as indented JSON with exit code
// 0 whatever the verdict, or {"error": "...", "field": "..."} with exit code
// 2 for input that cannot be read.
func Run(input []byte, today models.Date, caps []PayCap) (output []byte, exitCode int) {
	top, ie := decodeObject(input)
	if ie != nil {
		return marshal(ie), 2
	}
	kind, ie := kindOf(top)
	if ie != nil {
		return marshal(ie), 2
	}
	var res Result
	switch kind {
	case KindStaffing:
		req, err := decodeStaffing(input, top, today)
		if err != nil {
			return marshal(asInputError(err)), 2
		}
		res = EvaluateStaffing(req, caps)
	default:
		req, err := decodeRequest(input, top, today)
		if err != nil {
			return marshal(asInputError(err)), 2
		}
		res = Evaluate(req)
	}
	return marshal(res), 0
}

func kindOf(top map[string]json.RawMessage) (string, *InputError) {
	raw, ok := top["kind"]
	if !ok || string(raw) == "null" {
		return KindJFT, nil
	}
	var k string
	if err := json.Unmarshal(raw, &k); err != nil {
		return "", &InputError{Field: "kind", Message: "jenis pemeriksaan harus berupa teks (\"jft\" atau \"staffing\")"}
	}
	switch k {
	case "", KindJFT:
		return KindJFT, nil
	case KindStaffing:
		return KindStaffing, nil
	}
	return "", &InputError{Field: "kind", Message: "jenis pemeriksaan " + strconv.Quote(k) + " tidak dikenal (jft, staffing)"}
}

func asInputError(err error) *InputError {
	var ie *InputError
	if errors.As(err, &ie) {
		return ie
	}
	return &InputError{Message: err.Error()}
}

func marshal(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		// Only our own types are marshalled here; they always encode.
		panic(err)
	}
	return buf.Bytes()
}

// decodeObject checks that data is one JSON object and returns its members.
func decodeObject(data []byte) (map[string]json.RawMessage, *InputError) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &InputError{Message: "masukan kosong: harus satu objek JSON"}
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, &InputError{Message: "masukan harus satu objek JSON"}
		}
		return nil, &InputError{Message: "JSON tidak valid: " + err.Error()}
	}
	if top == nil {
		return nil, &InputError{Message: "masukan harus satu objek JSON"}
	}
	return top, nil
}

// checkDates parses every date field present (dotted JSON paths) so that a
// malformed date is reported with its field; encoding/json would not say
// which field a Date's UnmarshalJSON refused.
func checkDates(top map[string]json.RawMessage, paths []string) *InputError {
	objects := map[string]map[string]json.RawMessage{"": top} // parsed objects by path prefix
	for _, path := range paths {
		raw, ok := lookup(objects, path)
		if !ok {
			continue
		}
		var d models.Date
		if err := d.UnmarshalJSON(raw); err != nil {
			return &InputError{Field: path, Message: err.Error()}
		}
	}
	return nil
}

// lookup finds the member at a dotted path, parsing each enclosing object
// once; a path through something that is not an object is absent (the typed
// decode reports that).
func lookup(objects map[string]map[string]json.RawMessage, path string) (json.RawMessage, bool) {
	prefix, name := "", path
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		prefix, name = path[:i], path[i+1:]
	}
	obj, ok := objects[prefix]
	if !ok {
		raw, found := lookup(objects, prefix)
		if found && json.Unmarshal(raw, &obj) != nil {
			obj = nil
		}
		objects[prefix] = obj
	}
	raw, ok := obj[name]
	return raw, ok
}

// jsonError turns an encoding/json error into an *InputError.
func jsonError(err error) *InputError {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return &InputError{Field: te.Field, Message: "harus berupa " + jsonTypeName(te.Type) + ", bukan " + jsonValueName(te.Value)}
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &InputError{Message: "JSON tidak valid: " + err.Error()}
	}
	var ie *InputError
	if errors.As(err, &ie) {
		return ie
	}
	return &InputError{Message: err.Error()}
}

// jsonValueName translates the JSON value kinds encoding/json reports.
func jsonValueName(v string) string {
	switch {
	case v == "string":
		return "teks"
	case v == "bool":
		return "true/false"
	case v == "object":
		return "objek"
	case v == "array":
		return "daftar"
	case strings.HasPrefix(v, "number"):
		if n := strings.TrimSpace(strings.TrimPrefix(v, "number")); n != "" {
			return "angka " + n
		}
		return "angka"
	}
	return v
}

func jsonTypeName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "teks"
	case reflect.Bool:
		return "true atau false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "bilangan bulat"
	case reflect.Float32, reflect.Float64:
		return "angka"
	case reflect.Map, reflect.Struct:
		return "objek"
	case reflect.Slice, reflect.Array:
		return "daftar"
	}
	return t.String()
}

// dateFields lists the JSON paths of every models.Date field of t, nested
// structs included, so a new date field is covered by checkDates without
// being listed by hand.
func dateFields(prefix string, t reflect.Type) []string {
	dateType := reflect.TypeOf(models.Date{})
	var out []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := strings.Split(f.Tag.Get("json"), ",")[0]
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch {
		case ft == dateType:
			out = append(out, prefix+name)
		case ft.Kind() == reflect.Struct:
			out = append(out, dateFields(prefix+name+".", ft)...)
		}
	}
	return out
}

var (
	requestDateFields = append([]string{"reference_date"},
		dateFields("candidate.", reflect.TypeOf(Candidate{}))...)
	staffingDateFields = dateFields("", reflect.TypeOf(StaffingRequest{}))
)
