package input

import (
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/models"
)

type sample struct {
	NIP     string      `json:"nip" form:"nip" validate:"nip" label:"NIP"`
	Name    string      `json:"name" form:"name" validate:"notblank,max=10" label:"Nama"`
	Count   int         `json:"count" form:"count" validate:"min=1,max=99" label:"Jumlah"`
	Born    models.Date `json:"birth_date" form:"birth_date" validate:"indate" label:"Tanggal lahir"`
	Kind    string      `json:"kind" form:"kind" validate:"oneof=jft staffing" label:"Jenis"`
	Version int64       `json:"version" form:"version" validate:"min=1" msg:"Versi wajib dikirim."`
	Items   []item      `json:"items" form:"items" validate:"max=3,dive" msg_max:"Paling banyak 3 butir."`
	Pay     *Rupiah     `json:"pay" form:"pay" validate:"omitnil,min=0"`
}

type item struct {
	Rank    models.Rank                         `json:"rank" form:"rank" validate:"omitempty,rank"`
	Months  *int                                `json:"months" form:"months" validate:"omitnil,min=0" msg:"Bulan harus bilangan bulat, 0 atau lebih."`
	Ratings map[string]models.PerformanceRating `json:"performance" validate:"dive,keys,perfyear,endkeys,omitempty,rating"`
}

func fields(t *testing.T, err error) map[string]string {
	t.Helper()
	e, ok := apperror.As(err)
	if !ok || e.Status != 400 {
		t.Fatalf("want a 400 field error, got %v", err)
	}
	return e.Fields
}

func TestJSONAndFormGiveTheSameIndonesianFieldMessages(t *testing.T) {
	good := `{"nip":"19920315 201903 1 004","name":"Ahmad","count":2,"birth_date":"1992-03-15","kind":"jft","version":1,
		"items":[{"rank":"III/a","months":0,"performance":{"2025":"baik"}}],"pay":2070000}`
	var s sample
	if err := JSON([]byte(good), &s); err != nil || s.Count != 2 || s.Born != models.MustDate("1992-03-15") ||
		len(s.Items) != 1 || s.Items[0].Months == nil || *s.Items[0].Months != 0 || s.Pay == nil || *s.Pay != 2070000 {
		t.Fatalf("good body: %+v %v", s, err)
	}
	bad := `{"nip":"123","name":"   ","count":100,"kind":"lain","version":0,"items":[{},{"rank":"IX/z","months":-1}]}`
	got := fields(t, JSON([]byte(bad), &sample{}))
	want := map[string]string{
		"nip":             "NIP harus 18 angka, bukan 3 angka.",
		"name":            "Nama wajib diisi.",
		"count":           "Jumlah harus 99 atau kurang.",
		"kind":            "Jenis harus berupa salah satu dari [jft staffing].",
		"version":         "Versi wajib dikirim.",
		"items[1].rank":   `Golongan "IX/z" tidak dikenal: tulis I/a sampai IV/e, misalnya III/a.`,
		"items[1].months": "Bulan harus bilangan bulat, 0 atau lebih.",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("JSON fields\n got %v\nwant %v", got, want)
	}
	form := url.Values{"nip": {"123"}, "name": {"   "}, "count": {"100"}, "kind": {"lain"}, "version": {"0"},
		"items.1.rank": {"IX/z"}, "items.1.months": {"-1"}}
	if gotForm := fields(t, Form(form, &sample{})); !reflect.DeepEqual(gotForm, want) {
		t.Errorf("form fields\n got %v\nwant %v", gotForm, want)
	}

	// Values that are not of the field's type: the same message from JSON and
	// from a form, on the same path, with the other fields still checked.
	conv := map[string]string{
		"count":           "Harus berupa bilangan bulat.",
		"birth_date":      `Tanggal "kemarin" tidak valid (format YYYY-MM-DD).`,
		"items[0].months": "Bulan harus bilangan bulat, 0 atau lebih.",
		"pay":             "Harus bilangan bulat rupiah, misalnya 2.070.000.",
		"version":         "Versi wajib dikirim.",
		"name":            "Nama wajib diisi.",
		"nip":             "NIP wajib diisi.",
		"kind":            "Jenis harus berupa salah satu dari [jft staffing].",
	}
	gotJSON := fields(t, JSON([]byte(`{"count":"dua","birth_date":"kemarin","items":[{"months":"x"}],"pay":"banyak","version":"1"}`), &sample{}))
	gotForm := fields(t, Form(url.Values{"count": {"dua"}, "birth_date": {"kemarin"}, "items.0.months": {"x"},
		"pay": {"banyak"}, "version": {"v1"}}, &sample{}))
	if !reflect.DeepEqual(gotJSON, conv) || !reflect.DeepEqual(gotForm, conv) {
		t.Errorf("conversion errors\nJSON %v\nform %v\nwant %v", gotJSON, gotForm, conv)
	}
	// A date says why it is none: its format, its range (ParseDate's reason).
	for value, want := range map[string]string{"9999-12-31": `Tanggal "9999-12-31" di luar rentang 1 Januari 1900 – 31 Desember 2100.`,
		"2026-02-30":            `Tanggal "2026-02-30" tidak valid (format YYYY-MM-DD).`,
		strings.Repeat("9", 41): "Tanggal tidak valid: tulis TTTT-BB-HH, antara 1900 dan 2100."} {
		j := fields(t, JSON([]byte(`{"birth_date":"`+value+`"}`), &sample{}))["birth_date"]
		f := fields(t, Form(url.Values{"birth_date": {value}}, &sample{}))["birth_date"]
		if j != want || f != want {
			t.Errorf("date %q: JSON %q, form %q, want %q", value, j, f, want)
		}
	}
	if f := fields(t, JSON([]byte(`{"birth_date":19920315}`), &sample{})); f["birth_date"] != "Tanggal harus berupa teks TTTT-BB-HH." {
		t.Errorf("a number for a date: %v", f)
	}
	for _, body := range []string{`[`, `[]`, ``, `"x"`, `{"a":1} x`} {
		if f := fields(t, JSON([]byte(body), &sample{})); len(f) != 1 || f["body"] != "Isi permintaan harus satu objek JSON." {
			t.Errorf("body %q: %v", body, f)
		}
	}
	if f := fields(t, JSON([]byte(`{"items":[1,2,3,4]}`), &sample{})); f["items[0]"] != "Harus berupa objek." {
		t.Errorf("wrong element type: %v", f)
	}
	if f := fields(t, JSON([]byte(`{"items":[{},{},{},{}],"nip":"199203152019031004","name":"A","count":1,"kind":"jft","version":1}`),
		&sample{})); !reflect.DeepEqual(f, map[string]string{"items": "Paling banyak 3 butir."}) {
		t.Errorf("msg_max: %v", f)
	}
	// Map keys and values: a key is judged by perfyear, a value by rating.
	f := fields(t, JSON([]byte(`{"items":[{"performance":{"25":"baik","2024":"hebat"}}]}`), &sample{}))
	if f["items[0].performance.25"] != `Tahun predikat kinerja "25" harus tahun empat angka.` ||
		!strings.HasPrefix(f["items[0].performance.2024"], `Predikat kinerja "hebat" tidak dikenal: tulis sangat_baik, baik,`) {
		t.Errorf("map: %v", f)
	}
	// Empty form values leave pointers nil and fields at zero.
	var e sample
	_ = Form(url.Values{"pay": {""}, "items.0.months": {""}}, &e)
	if e.Pay != nil || len(e.Items) != 0 {
		t.Errorf("empty values: %+v", e)
	}
}

type normalized struct {
	Name string `json:"name" validate:"max=3"`
}

func (n *normalized) Normalize() { n.Name = strings.TrimSpace(n.Name) }

func TestCheckNormalizesAndExcepts(t *testing.T) {
	if err := Check(&normalized{Name: "  abc  "}); err != nil {
		t.Fatalf("normalized before the check: %v", err)
	}
	s := sample{Count: 1, Kind: "jft", Version: 1}
	if f := Problems(&s, "NIP", "Name"); len(f) != 0 {
		t.Fatalf("except NIP and Name: %v", f)
	}
	if f := Problems(&s); f["nip"] == "" || f["name"] == "" {
		t.Fatalf("without except: %v", f)
	}
}

type embedded struct {
	Version int64 `json:"version"`
	item
	Rank string `json:"rank" validate:"required"` // hides item.Rank
}

func TestEmbeddedStructsAsEncodingJSON(t *testing.T) {
	var e embedded
	err := JSON([]byte(`{"version":2,"rank":"","months":-1,"Performance":{"2025":"baik"}}`), &e)
	f := fields(t, err)
	if e.Version != 2 || e.Ratings["2025"] != models.RatingBaik ||
		!reflect.DeepEqual(f, map[string]string{"rank": "Rank wajib diisi.", "months": "Bulan harus bilangan bulat, 0 atau lebih."}) {
		t.Fatalf("%+v %v", e, f)
	}
}

// Each custom tag: a valid and an invalid value, and its exact message.
func TestCustomTags(t *testing.T) {
	one := func(tag string, value any) string {
		t.Helper()
		v := reflect.New(reflect.StructOf([]reflect.StructField{{Name: "X", Type: reflect.TypeOf(value),
			Tag: reflect.StructTag(`json:"x" label:"Isian" validate:"` + tag + `"`)}}))
		v.Elem().Field(0).Set(reflect.ValueOf(value))
		return Problems(v.Interface())["x"]
	}
	cases := []struct {
		tag       string
		good, bad any
		msg       string
	}{
		{"nip", "19920315 201903 1 004", "199203152019001004", "Digit 13–14 NIP (00) bukan bulan TMT CPNS."},
		{"nip", "199203152019031004", "", "NIP wajib diisi."},
		{"indate", models.MustDate("2100-12-31"), models.Date{Year: 2101, Month: 1, Day: 1},
			"Isian harus tanggal antara 1 Januari 1900 dan 31 Desember 2100."},
		{"notblank", "a", " \t", "Isian wajib diisi."},
		{"isodate", "2026-12-07", "07-12-2026", `Tanggal "07-12-2026" tidak valid (format YYYY-MM-DD).`},
		{"isodate", "1900-01-01", "2101-01-01", `Tanggal "2101-01-01" di luar rentang 1 Januari 1900 – 31 Desember 2100.`},
		{"perfyear", "2025", "25", `Tahun predikat kinerja "25" harus tahun empat angka.`},
		{"perfyear", "1900", "1899", `Tahun predikat kinerja "1899" harus tahun empat angka.`},
		{"username", "op_pbg.2", "Op", "Nama pengguna 3–40 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung."},
		{"klasifikasi", "KP.00.1", "kp.00.1", "Kode klasifikasi seperti KP.00.1 (dua huruf kapital, lalu angka dipisah titik)."},
		{"mailaddr", "nama@kemenag.go.id", "Nama <nama@kemenag.go.id>", "Alamat e-mail tidak sah, misalnya nama@kemenag.go.id."},
		{"position", "pranata_humas", "lurah", `Jabatan "lurah" tidak dikenal: tulis pranata_komputer atau pranata_humas.`},
		{"jenjang", "ahli_utama", "utama", `Jenjang "utama" tidak dikenal: tulis terampil, mahir, penyelia, ahli_pertama, ahli_muda, ahli_madya atau ahli_utama.`},
		{"route", "kenaikan_jenjang", "naik", `Jalur "naik" tidak dikenal: tulis pengangkatan_pertama, perpindahan, penyesuaian, promosi atau kenaikan_jenjang.`},
		{"postkind", "jf", "JF", `Jenis jabatan "JF" tidak dikenal: tulis pelaksana, pengawas, administrator, jpt atau jf.`},
		{"empstatus", "pppk", "PNS", `Status kepegawaian "PNS" tidak dikenal: tulis pns, cpns atau pppk.`},
		{"gender", "P", "X", `Jenis kelamin "X" tidak dikenal: tulis L atau P.`},
		{"rank", "IV/e", "IV/f", `Golongan "IV/f" tidak dikenal: tulis I/a sampai IV/e, misalnya III/a.`},
		{"rank", models.Rank("III/a"), models.Rank("iii/a"), `Golongan "iii/a" tidak dikenal: tulis I/a sampai IV/e, misalnya III/a.`},
		{"rank", "I/a", "", "Golongan wajib diisi: tulis I/a sampai IV/e, misalnya III/a."},
		{"education", "D4", "D-IV", `Jenjang pendidikan "D-IV" tidak dikenal: tulis SD, SMP, SMA, D1, D2, D3, D4, S1, S2 atau S3.`},
		{"rating", "butuh_perbaikan", "hebat", `Predikat kinerja "hebat" tidak dikenal: tulis sangat_baik, baik, butuh_perbaikan, cukup, kurang, sangat_kurang atau buruk.`},
		{"mechanism", "pppk_paruh_waktu", "kontrak", `Mekanisme "kontrak" tidak dikenal: tulis honorer, outsourcing atau pppk_paruh_waktu.`},
		{"role", models.RoleVerifikator, models.Role("root"), `Peran "root" tidak dikenal: tulis operator, kepala, verifikator atau admin.`},
		{"status", "revision_requested", "lost", `Status "lost" tidak dikenal: tulis draft, submitted, in_review, revision_requested, verified, rejected, forwarded, completed atau withdrawn.`},
		{"kind", "staffing", "JFT", `Jenis usulan "JFT" tidak dikenal: tulis jft atau staffing.`},
		{"kendala", "lainnya", "cuaca", `Kategori kendala "cuaca" tidak dikenal: tulis sdm, anggaran, sarana, konten atau lainnya.`},
		{"rank", "II/a", strings.Repeat("x", 50), `Golongan "` + strings.Repeat("x", 40) + `…" tidak dikenal: tulis I/a sampai IV/e, misalnya III/a.`},
	}
	for _, c := range cases {
		if got := one(c.tag, c.good); got != "" {
			t.Errorf("%s %v: refused: %s", c.tag, c.good, got)
		}
		if got := one(c.tag, c.bad); got != c.msg {
			t.Errorf("%s %v:\n got %q\nwant %q", c.tag, c.bad, got, c.msg)
		}
	}
}

func TestEnumRegisteredOutsideModels(t *testing.T) {
	Enum("warna", "Warna", []string{"merah", "putih"}, func(s string) bool { return s == "merah" || s == "putih" })
	type flag struct {
		Color string `json:"color" validate:"warna"`
	}
	if f := Problems(&flag{"merah"}); len(f) != 0 {
		t.Fatalf("%v", f)
	}
	if f := Problems(&flag{"biru"}); f["color"] != `Warna "biru" tidak dikenal: tulis merah atau putih.` {
		t.Fatalf("%v", f)
	}
}

func TestNotBefore(t *testing.T) {
	type span struct {
		Start models.Date `json:"start"`
		End   models.Date `json:"end" validate:"notbefore=Start" label:"Tanggal selesai"`
	}
	d := models.MustDate
	for _, ok := range []span{{d("2026-12-01"), d("2026-12-01")}, {d("2026-12-01"), d("2026-12-02")}, {Start: d("2026-12-01")}, {End: d("2026-12-01")}} {
		if f := Problems(&ok); len(f) != 0 {
			t.Errorf("%+v: %v", ok, f)
		}
	}
	if f := Problems(&span{d("2026-12-02"), d("2026-12-01")}); f["end"] != "Tanggal selesai tidak boleh sebelum tanggal mulai." {
		t.Errorf("end before start: %v", f)
	}
}

func TestFormTypes(t *testing.T) {
	var ids struct {
		IDs IDs `form:"ids" json:"ids"`
	}
	if err := Form(url.Values{"ids": {"12, #13;14"}}, &ids); err != nil || !reflect.DeepEqual(ids.IDs, IDs{12, 13, 14}) {
		t.Fatalf("form ids: %v %v", ids, err)
	}
	if err := JSON([]byte(`{"ids":[7,8]}`), &ids); err != nil || !reflect.DeepEqual(ids.IDs, IDs{7, 8}) {
		t.Fatalf("JSON ids: %v %v", ids, err)
	}
	if f := fields(t, Form(url.Values{"ids": {"12, dua"}}, &ids)); f["ids"] != "Tulis nomor, dipisah koma." {
		t.Fatalf("bad form ids: %v", f)
	}
	if f := fields(t, JSON([]byte(`{"ids":"12"}`), &ids)); f["ids"] != "Tulis nomor, dipisah koma." {
		t.Fatalf("bad JSON ids: %v", f)
	}
	var s struct {
		Points *Decimal `form:"points" json:"credit_points"`
		Pay    Rupiah   `form:"pay" json:"monthly_pay"`
	}
	if err := Form(url.Values{"points": {"112,5"}, "pay": {"Rp 2.070.000"}}, &s); err != nil || *s.Points != 112.5 || s.Pay != 2070000 {
		t.Fatalf("%+v %v", s, err)
	}
	f := fields(t, Form(url.Values{"points": {"NaN"}, "pay": {"dua juta"}}, &s))
	if f["credit_points"] != "Harus berupa angka, misalnya 112,5." || f["monthly_pay"] != "Harus bilangan bulat rupiah, misalnya 2.070.000." {
		t.Fatalf("%v", f)
	}
}

func FuzzForm(f *testing.F) {
	f.Add("nip=199203152019031004&name=A&count=1&birth_date=1992-03-15&kind=jft&version=1")
	f.Add("count=1e400&birth_date=0000-00-00&version=-1")
	f.Add("items.999999.rank=III%2Fa&items.0.months=9999999999999999999999&pay=Rp+1.2.3")
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		if err := Form(v, &sample{}); err != nil {
			if e, ok := apperror.As(err); !ok || e.Status != 400 {
				t.Fatalf("%q: %v", raw, err)
			}
		}
	})
}

func FuzzJSON(f *testing.F) {
	f.Add(`{"nip":"199203152019031004","name":"A","count":1,"items":[{"rank":"III/a","performance":{"2025":"baik"}}]}`)
	f.Add(`{"count":1e400,"items":[null,{"months":"1"}],"pay":-1.5,"birth_date":"2026-02-30"}`)
	f.Fuzz(func(t *testing.T, raw string) {
		if err := JSON([]byte(raw), &sample{}); err != nil {
			if e, ok := apperror.As(err); !ok || e.Status != 400 {
				t.Fatalf("%q: %v", raw, err)
			}
		}
	})
}

func TestAlternativesGiveTheLastOnesMessage(t *testing.T) {
	type opt struct {
		NIP   *string `json:"nip" validate:"omitnil,eq=|nip" label:"NIP"`
		Email string  `json:"email" validate:"eq=|mailaddr"`
	}
	empty, bad := "", "123"
	if f := Problems(&opt{NIP: &empty}); len(f) != 0 {
		t.Fatalf("empty is fine: %v", f)
	}
	f := Problems(&opt{NIP: &bad, Email: "x@"})
	if f["nip"] != "NIP harus 18 angka, bukan 3 angka." || f["email"] != "Alamat e-mail tidak sah, misalnya nama@kemenag.go.id." {
		t.Fatalf("%v", f)
	}
}
