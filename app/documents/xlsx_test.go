package documents

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kemenagjateng/usulan/models"
	"github.com/xuri/excelize/v2"
)

// zipFile returns one part of an XLSX package.
func zipFile(t *testing.T, data []byte, name string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, _ := io.ReadAll(rc)
			return string(b)
		}
	}
	return ""
}

var dangerous = []string{"=HYPERLINK(\"http://x\",\"klik\")", "+62 812", "-2+3", "@SUM(A1:A2)", "\tcmd", "\rcmd"}

func TestNominativeXLSX(t *testing.T) {
	rows := candidateRows(7)
	for i, s := range dangerous {
		rows[i].Notes = s
	}
	rows[0].Name = dangerous[0]
	rows[6].Notes = "-"
	for i := range rows {
		// Day after the 12th and never equal to the month: a date shown
		// month-first cannot pass for day-first.
		rows[i].BirthDate = models.NewDate(1980+i, time.March, 15+i)
	}
	var buf bytes.Buffer
	if err := NominativeXLSX(&buf, "Daftar Nominatif Usulan Pranata Komputer Ahli Pertama", rows); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	sheet := zipFile(t, data, "xl/worksheets/sheet1.xml")
	shared := zipFile(t, data, "xl/sharedStrings.xml")
	if sheet == "" {
		t.Fatal("no xl/worksheets/sheet1.xml")
	}
	if strings.Contains(sheet, "<f>") || strings.Contains(sheet, "<f ") {
		t.Fatal("the sheet holds a formula")
	}
	for _, r := range rows {
		if !strings.Contains(shared+sheet, r.NIP) {
			t.Errorf("NIP %s not stored", r.NIP)
		}
		if regexp.MustCompile(`<v>` + r.NIP + `</v>`).MatchString(sheet) {
			// A shared string is referenced by index, so the NIP itself in
			// <v> means a number cell.
			t.Errorf("NIP %s stored as a number", r.NIP)
		}
	}
	if !strings.Contains(sheet, `state="frozen"`) {
		t.Error("header row not frozen")
	}

	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := f.GetSheetName(0)
	got := func(cell string) string {
		v, err := f.GetCellValue(sh, cell)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if got("A1") != "Daftar Nominatif Usulan Pranata Komputer Ahli Pertama" || got("B3") != "Nama" || got("C3") != "NIP" {
		t.Fatalf("title/header: %q %q %q", got("A1"), got("B3"), got("C3"))
	}
	for i, r := range rows {
		row := itoa(4 + i)
		typ, _ := f.GetCellType(sh, "C"+row)
		if got("C"+row) != r.NIP || typ != excelize.CellTypeSharedString {
			t.Errorf("row %d NIP %q (type %v)", i+1, got("C"+row), typ)
		}
		if want := fmt.Sprintf("%02d-03-%d", 15+i, 1980+i); got("E"+row) != want {
			t.Errorf("row %d birth date shows %q, want %s (day first)", i+1, got("E"+row), want)
		}
		raw, _ := f.GetCellValue(sh, "E"+row, excelize.Options{RawCellValue: true})
		if !regexp.MustCompile(`^\d+(\.\d+)?$`).MatchString(raw) {
			t.Errorf("row %d birth date is not a date serial: %q", i+1, raw)
		}
	}
	// Formula-looking text is inert: quoted, never a formula.
	if got("B4") != "'"+dangerous[0] {
		t.Errorf("name cell %q", got("B4"))
	}
	for i, s := range dangerous {
		if want := "'" + s; got("K"+itoa(4+i)) != want {
			t.Errorf("notes cell %d = %q, want %q", i, got("K"+itoa(4+i)), want)
		}
	}
	if got("K10") != "-" {
		t.Errorf("a lone dash became %q", got("K10"))
	}
	for _, c := range []string{"B4", "K4", "K5"} {
		if formula, _ := f.GetCellFormula(sh, c); formula != "" {
			t.Errorf("%s holds formula %q", c, formula)
		}
	}
	// Bold header, text format on the NIP column, widths that fit.
	sid, _ := f.GetCellStyle(sh, "C3")
	st, _ := f.GetStyle(sid)
	if st == nil || st.Font == nil || !st.Font.Bold {
		t.Error("header not bold")
	}
	sid, _ = f.GetCellStyle(sh, "C4")
	st, _ = f.GetStyle(sid)
	if st == nil || st.CustomNumFmt == nil || *st.CustomNumFmt != "@" {
		if st == nil || st.NumFmt != 49 {
			t.Errorf("NIP column not text-formatted: %+v", st)
		}
	}
	if w, _ := f.GetColWidth(sh, "C"); w < 18 {
		t.Errorf("NIP column %.1f wide", w)
	}
	if w, _ := f.GetColWidth(sh, "B"); w < 25 {
		t.Errorf("name column %.1f wide", w)
	}
}

func TestProposalListXLSX(t *testing.T) {
	created := time.Date(2026, 11, 29, 18, 30, 0, 0, time.UTC) // 01:30 on 30 Nov in Jakarta
	rows := []ProposalListRow{
		{ID: "0001234", Office: "Kantor Kementerian Agama Kabupaten Purbalingga", Kind: "Jabatan Fungsional",
			Title: "Pranata Komputer", Level: "Ahli Pertama", Route: "Pengangkatan Pertama", Status: "Diajukan",
			LetterNumber: "B-12/Kk.11.03/1/KP.07.6/11/2026", Candidates: 3, CreatedAt: created, UpdatedAt: created.Add(time.Hour)},
		{ID: "=1+1", Office: "@x", Kind: "Tenaga Pendukung", Title: "+Pengelola", Status: "Draf"},
	}
	var buf bytes.Buffer
	if err := ProposalListXLSX(&buf, rows); err != nil {
		t.Fatal(err)
	}
	sheet := zipFile(t, buf.Bytes(), "xl/worksheets/sheet1.xml")
	if strings.Contains(sheet, "<f>") || strings.Contains(sheet, "<f ") {
		t.Fatal("the sheet holds a formula")
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := f.GetSheetName(0)
	want := map[string]string{
		"A1": "Nomor/ID", "A2": "0001234", "H2": "B-12/Kk.11.03/1/KP.07.6/11/2026", "I2": "3",
		"J2": "30-11-2026 01:30", "K2": "30-11-2026 02:30", "A3": "'=1+1", "B3": "'@x", "D3": "'+Pengelola", "J3": "",
	}
	for cell, w := range want {
		if v, _ := f.GetCellValue(sh, cell); v != w {
			t.Errorf("%s = %q, want %q", cell, v, w)
		}
	}
	// Streamed rows hold their strings inline: text all the same, never a number.
	if typ, _ := f.GetCellType(sh, "A2"); typ != excelize.CellTypeInlineString {
		t.Errorf("ID stored as %v", typ)
	}
	if !strings.Contains(sheet, `state="frozen"`) {
		t.Error("header row not frozen")
	}
}
