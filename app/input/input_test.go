package input

import (
	"net/url"
	"testing"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/models"
)

type sample struct {
	NIP     string      `json:"nip" form:"nip" validate:"nip"`
	Name    string      `json:"name" form:"name" validate:"notblank,max=10"`
	Count   int         `json:"count" form:"count" validate:"min=1,max=99"`
	Born    models.Date `json:"birth_date" form:"birth_date" validate:"indate"`
	Kind    string      `json:"kind" form:"kind" validate:"oneof=jft staffing"`
	Version int64       `json:"version" form:"version" validate:"min=1" msg:"Versi wajib dikirim."`
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
	good := `{"nip":"19920315 201903 1 004","name":"Ahmad","count":2,"birth_date":"1992-03-15","kind":"jft","version":1}`
	var s sample
	if err := JSON([]byte(good), &s); err != nil || s.Count != 2 || s.Born != models.MustDate("1992-03-15") {
		t.Fatalf("good body: %+v %v", s, err)
	}
	bad := `{"nip":"123","name":"   ","count":100,"kind":"lain","version":0}`
	got := fields(t, JSON([]byte(bad), &sample{}))
	want := map[string]string{
		"nip":     "nip harus NIP 18 angka yang sah.",
		"name":    "name wajib diisi.",
		"count":   "count harus 99 atau kurang",
		"kind":    "kind harus berupa salah satu dari [jft staffing]",
		"version": "Versi wajib dikirim.",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("JSON %s: %q, want %q", k, got[k], w)
		}
	}
	form := url.Values{"nip": {"123"}, "name": {"   "}, "count": {"100"},
		"kind": {"lain"}, "version": {"0"}}
	gotForm := fields(t, Form(form, &sample{}))
	for k, w := range want {
		if gotForm[k] != w {
			t.Errorf("form %s: %q, want %q", k, gotForm[k], w)
		}
	}
	// Values that are not of the field's type: a field error each.
	conv := fields(t, Form(url.Values{"count": {"dua"}, "birth_date": {"kemarin"}}, &sample{}))
	if conv["count"] != "Harus berupa angka." || conv["birth_date"] != "Tanggal tidak valid: tulis TTTT-BB-HH, antara 1900 dan 2100." {
		t.Fatalf("conversion errors: %v", conv)
	}
	if f := fields(t, JSON([]byte(`{"count":"dua"}`), &sample{})); f["count"] == "" {
		t.Fatalf("JSON type error: %v", f)
	}
	if f := fields(t, JSON([]byte(`[`), &sample{})); f["body"] == "" {
		t.Fatalf("broken JSON: %v", f)
	}
}

func FuzzForm(f *testing.F) {
	f.Add("nip=199203152019031004&name=A&count=1&birth_date=1992-03-15&kind=jft&version=1")
	f.Add("count=1e400&birth_date=0000-00-00&version=-1")
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
