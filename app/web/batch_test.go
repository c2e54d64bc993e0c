package web

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// batchPeople fills Purbalingga's register with seven who can be proposed
// (Ahmad, Siti and five like Ahmad) and two who cannot (retired; rank too
// low), and Banjarnegara's with one.
func batchPeople(e *env) {
	e.employee("op_pbg", ahmad)
	e.employee("op_pbg", siti)
	for i := 5; i <= 9; i++ {
		e.employee("op_pbg", candidate(fmt.Sprintf("19920315201903100%d", i), fmt.Sprintf("Ahmad %d", i), "1992-03-15", "L"))
	}
	e.employee("op_pbg", candidate("196801152000031001", "Pak Tua", "1968-01-15", "L"))
	low := maps.Clone(candidate("199001012015011001", "Pak Golongan Dua", "1990-01-01", "L"))
	low["rank"] = "II/a"
	e.employee("op_pbg", low)
	e.employee("op_bjn", candidate("198502022010012002", "Bu Banjar", "1985-02-02", "P"))
}

var rowNIPRE = regexp.MustCompile(`<span class="muted nip">(\d{18})</span>`)

// nipsIn lists the NIPs of the rows between from and to, in order.
func nipsIn(body, from, to string) []string {
	var out []string
	for _, m := range rowNIPRE.FindAllStringSubmatch(between(body, from, to), -1) {
		out = append(out, m[1])
	}
	return out
}

// TestBatchPagesFiltersAndNamesThoseWithNoTarget: the register batch counts
// every finding, shows 50 a page, filters by position, level, route and
// outcome (the form keeps them, the XLSX follows them), and lists the people
// with no possible target with the nearest target and why.
func TestBatchPagesFiltersAndNamesThoseWithNoTarget(t *testing.T) {
	e := newEnv(t)
	batchPeople(e)
	b := e.browser()
	b.login("op_pbg")
	const base = "/batch?source=register&reference_date=2026-11-30&vacancy=1"

	// Each of the seven: 8 targets (4 eligible, 4 one item short).
	_, body := b.do("GET", base, nil)
	if s := between(body, `id="batch-summary"`, "</p>"); !strings.Contains(s, "9 pegawai diperiksa per 30 November 2026: 56 kemungkinan untuk 7 pegawai;") ||
		!strings.Contains(s, "2 pegawai tanpa jabatan yang mungkin") || strings.Contains(s, "Dengan saringan") {
		t.Fatalf("summary: %s", s)
	}
	if n := len(nipsIn(body, `id="hasil"`, `id="tanpa"`)); n != 50 || !strings.Contains(body, "Halaman 1 dari 2") {
		t.Fatalf("page 1 has %d rows, want 50 of 56", n)
	}
	_, body = b.do("GET", base+"&page=2", nil)
	if n := len(nipsIn(body, `id="hasil"`, `id="tanpa"`)); n != 6 || !strings.Contains(body, "Halaman 2 dari 2") {
		t.Fatalf("page 2 has %d rows, want 6", n)
	}

	// Nobody of Banjarnegara; the two who cannot be proposed, each with why.
	if strings.Contains(body, "198502022010012002") {
		t.Fatal("another office's employee in the batch")
	}
	misses := between(body, `id="tanpa"`, `id="kolom"`)
	if got := nipsIn(misses, "", "</table>"); !slices.Equal(got, []string{"199001012015011001", "196801152000031001"}) {
		t.Fatalf("people with no target: %v", got)
	}
	for _, want := range []string{"Tidak ada jabatan yang mungkin (2)", "Pranata Komputer Terampil, Pengangkatan Pertama",
		"golongan II/a di luar rentang Terampil (II/c–II/d)", "Pranata Komputer Mahir, Pengangkatan Pertama",
		"batas usia pensiun Mahir 58 tahun tercapai 15 Januari 2026"} {
		if !strings.Contains(misses, want) {
			t.Fatalf("no-target list lacks %q:\n%s", want, misses)
		}
	}

	// Outcome: the 28 eligible; the form keeps the choice; the pager keeps the filter.
	_, body = b.do("GET", base+"&outcome=eligible", nil)
	if s := between(body, `id="batch-summary"`, "</p>"); !strings.Contains(s, "Dengan saringan ini: 28 kemungkinan.") ||
		strings.Count(between(body, `id="hasil"`, `id="tanpa"`), "b-incomplete") != 0 || strings.Contains(body, `id="hasil-pager"`) {
		t.Fatalf("eligible only: %s", s)
	}
	if !strings.Contains(between(body, `id="f-outcome"`, "</select>"), `<option value="eligible" selected>`) {
		t.Fatal("the outcome filter did not keep its choice")
	}
	// One target: the seven, each once, and the XLSX holds exactly them.
	q := "&position=pranata_komputer&level=ahli_pertama&route=pengangkatan_pertama"
	_, body = b.do("GET", base+q, nil)
	if n := len(nipsIn(body, `id="hasil"`, `id="tanpa"`)); n != 7 || !strings.Contains(body, "Dengan saringan ini: 7 kemungkinan.") {
		t.Fatalf("one target: %d rows", n)
	}
	for id, v := range map[string]string{"f-position": "pranata_komputer", "f-level": "ahli_pertama", "f-route": "pengangkatan_pertama"} {
		if !strings.Contains(between(body, `id="`+id+`"`, "</select>"), `<option value="`+v+`" selected>`) {
			t.Errorf("filter %s did not keep %s", id, v)
		}
	}
	resp, raw := b.do("GET", "/batch/results.xlsx?reference_date=2026-11-30&vacancy=1"+q, nil)
	x, err := excelize.OpenReader(strings.NewReader(raw))
	if resp.StatusCode != 200 || err != nil {
		t.Fatalf("filtered XLSX: %d %v", resp.StatusCode, err)
	}
	rows, _ := x.GetRows(x.GetSheetList()[0])
	data := 0
	for _, r := range rows {
		for _, c := range r {
			if len(c) == 18 && strings.HasPrefix(c, "19") {
				data++
				break
			}
		}
	}
	if data != 7 {
		t.Fatalf("filtered XLSX has %d employee rows, want 7", data)
	}
	// A page past the end is empty but says where it is.
	if _, body = b.do("GET", base+"&page=9", nil); len(nipsIn(body, `id="hasil"`, `id="tanpa"`)) != 0 {
		t.Fatal("page 9 of 2 lists findings")
	}
}

// TestBatchUploadNamesTheNIPOfEveryRowErrorAndWhoHasNoTarget: in an upload,
// each row error carries the row's NIP, and valid rows with no possible
// target are listed by row.
func TestBatchUploadNamesTheNIPOfEveryRowErrorAndWhoHasNoTarget(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.login("op_pbg")
	tok := b.csrf("/batch")
	file := xlsxFile(t, [][]string{uploadHeader,
		{"199203152019031004", "Ahmad Fauzi, S.Kom.", "PNS", "III/q", "S1", "Teknik Informatika", "baik", "baik", "30", "ya", "tidak", "ya", "ya"},
		{"199508172020122003", "Siti", "PNS", "III/a", "S9", "Ilmu Komunikasi", "baik", "baik", "x", "ya", "tidak", "ya", "ya"},
		{"196801152000031001", "Pak Tua", "PNS", "III/a", "S1", "Teknik Informatika", "baik", "baik", "30", "ya", "tidak", "ya", "ya"},
		{"199001012015011001", "Pak Golongan Dua", "PNS", "II/a", "S1", "Teknik Informatika", "baik", "baik", "30", "ya", "tidak", "ya", "ya"},
		{"12345", "Tanpa NIP benar", "PNS", "III/a", "S1", "Teknik Informatika", "baik", "baik", "30", "ya", "tidak", "ya", "ya"},
	})
	resp, _ := b.upload("/batch/upload", map[string]string{"_csrf": tok}, "pegawai.xlsx", file)
	page := strings.Split(resp.Header.Get("Location"), "#")[0]
	_, body := b.do("GET", page+"?reference_date=2026-11-30&vacancy=1", nil)
	errRow := regexp.MustCompile(`<tr><td>\s*(\d+)\s*</td><td class="nip">\s*(\S*)\s*</td>`)
	rows := errRow.FindAllStringSubmatch(between(body, `<table class="cell-errors">`, "</table>"), -1)
	want := map[string]string{"2": "199203152019031004", "3": "199508172020122003", "6": "12345"}
	seen := map[string]bool{}
	for _, r := range rows {
		if want[r[1]] != r[2] {
			t.Errorf("row %s error names NIP %q, want %q", r[1], r[2], want[r[1]])
		}
		seen[r[1]] = true
	}
	if len(rows) != 4 || len(seen) != 3 {
		t.Fatalf("%d row errors on %d rows, want 4 on rows 2, 3 and 6:\n%s", len(rows), len(seen), between(body, `<table class="cell-errors">`, "</table>"))
	}
	misses := between(body, `id="tanpa"`, `id="kolom"`)
	if got := nipsIn(misses, "", "</table>"); !slices.Equal(got, []string{"196801152000031001", "199001012015011001"}) ||
		!strings.Contains(misses, "· baris 4") || !strings.Contains(misses, "· baris 5") {
		t.Fatalf("upload rows with no target: %v\n%s", got, misses)
	}
	if s := between(body, `id="batch-summary"`, "</p>"); !strings.Contains(s, "2 pegawai diperiksa per 30 November 2026: 0 kemungkinan untuk 0 pegawai;") {
		t.Fatalf("upload summary: %s", s)
	}
}
