package employees

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/models"
)

// xlsx builds a workbook whose first sheet holds rows; a cell value of type
// int64 or float64 is written as a number (as Excel stores a typed number).
func xlsx(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			var err error
			switch x := v.(type) {
			case string:
				err = f.SetCellStr("Sheet1", cell, x)
			default:
				err = f.SetCellValue("Sheet1", cell, x)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func errorsAt(p *Parsed) map[string]string {
	out := map[string]string{}
	for _, e := range p.Errors {
		out[fmt.Sprintf("%d%s", e.Line, e.Column)] = e.Message
	}
	return out
}

func TestUploadReportsEveryBadCellByRowAndColumn(t *testing.T) {
	data := xlsx(t, [][]any{
		{"No", "NIP", "Nama", "Tanggal Lahir", "golongan", "pendidikan", "SKP 2025", "surat_sehat"},
		{1, "19920315 201903 1 004", "Ahmad Fauzi, S.Kom.", "15-03-1992", "III/a", "S1", "Baik", "ya"},
		{2, int64(199508172020122003), "Siti", "1995-08-17", "III/a", "S1", "baik", "ya"},
		{3, "198001152005011003", "Budi", "1980-02-30", "III/f", "D-III", "istimewa", "mungkin"},
		{4, "198001152005011003", "Budi Lagi", "", "III/b", "S1", "", ""},
		{},
		{6, "19920315 201903 1 004", "Ahmad Dobel", "", "", "", "", ""},
		{7, "19850101", "", "", "", "", "", ""},
	})
	p, err := Parse("pegawai.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	got := errorsAt(p)
	for cell, want := range map[string]string{
		"3B": "sebagai angka",         // NIP typed as a number: digits lost
		"4D": "tidak ada di kalender", // 30 February
		"4E": "Golongan",
		"4G": "Predikat kinerja",
		"4H": "ya atau tidak",
		"7B": "baris 2", // duplicate of row 2
		"8B": "18 angka",
		"8C": "Nama wajib",
	} {
		if !strings.Contains(got[cell], want) {
			t.Errorf("cell %s: %q, want it to mention %q", cell, got[cell], want)
		}
	}
	// Every row error names the row's NIP as written.
	for _, e := range p.Errors {
		want := map[int]string{3: "199508172020122003", 4: "198001152005011003", 7: "19920315 201903 1 004", 8: "19850101"}[e.Line]
		if e.NIP != want {
			t.Errorf("row %d column %s: NIP %q, want %q", e.Line, e.Column, e.NIP, want)
		}
	}
	if _, ok := got["5B"]; ok {
		t.Errorf("row 5 (Budi Lagi, same NIP as the faulty row 4) should not be a duplicate of a refused row? got %q", got["5B"])
	}
	if len(p.Rows) != 6 || p.BadRows() != 4 {
		t.Fatalf("%d rows, %d bad; errors %v", len(p.Rows), p.BadRows(), got)
	}
	good := p.Rows[0]
	if good.Bad || good.Line != 2 || good.Candidate.NIP != "199203152019031004" ||
		good.Candidate.BirthDate != models.MustDate("1992-03-15") || good.Candidate.Performance["2025"] != models.RatingBaik ||
		good.Candidate.HealthStatement == nil || !*good.Candidate.HealthStatement || good.Candidate.Gender != models.Male {
		t.Fatalf("row 2 read as %+v", good)
	}
	if p.Rows[3].Bad || p.Rows[3].Candidate.EducationLevel != models.EduS1 {
		t.Fatalf("row 5 read as %+v", p.Rows[3])
	}
}

func TestUploadRefusesUnknownAndMissingColumns(t *testing.T) {
	p, err := Parse("x.xlsx", xlsx(t, [][]any{{"nip", "golongn"}, {"199203152019031004", "III/a"}}))
	if err != nil {
		t.Fatal(err)
	}
	got := errorsAt(p)
	if !strings.Contains(got["1B"], "tidak dikenal") || !strings.Contains(got["1"], "nama") {
		t.Fatalf("errors: %v", got)
	}
	if len(p.Rows) != 0 {
		t.Fatal("rows were read under a broken header")
	}
}

func TestUploadReadsExcelDateCells(t *testing.T) {
	f := excelize.NewFile()
	_ = f.SetCellStr("Sheet1", "A1", "nip")
	_ = f.SetCellStr("Sheet1", "B1", "nama")
	_ = f.SetCellStr("Sheet1", "C1", "tanggal_lahir")
	_ = f.SetCellStr("Sheet1", "A2", "199203152019031004")
	_ = f.SetCellStr("Sheet1", "B2", "Ahmad")
	_ = f.SetCellValue("Sheet1", "C2", models.MustDate("1992-03-15").Time())
	var buf bytes.Buffer
	_, _ = f.WriteTo(&buf)
	p, err := Parse("x.xlsx", buf.Bytes())
	if err != nil || len(p.Errors) > 0 {
		t.Fatalf("%v %+v", err, p.Errors)
	}
	if p.Rows[0].Candidate.BirthDate != models.MustDate("1992-03-15") {
		t.Fatalf("date cell read as %v", p.Rows[0].Candidate.BirthDate)
	}
}

func TestUploadReadsCSVWithSemicolonsAndABOM(t *testing.T) {
	csv := "\ufeffnip;nama;golongan;skp_2025;pengalaman_bulan\r\n" +
		"19920315 201903 1 004;\"Fauzi; Ahmad\";III/a;sangat baik;30\r\n" +
		"\r\n" +
		"199508172020122003;Siti;III/a;baik;tiga puluh\r\n"
	p, err := Parse("daftar.csv", []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 2 || p.Rows[0].Candidate.Name != "Fauzi; Ahmad" || p.Rows[0].Candidate.Performance["2025"] != models.RatingSangatBaik {
		t.Fatalf("rows: %+v", p.Rows)
	}
	got := errorsAt(p)
	if len(got) != 1 || !strings.Contains(got["4E"], "bilangan bulat") {
		t.Fatalf("errors (line 4 after the blank line 3): %v", got)
	}
}

func TestUploadRefusesOtherFormatsAndNonUTF8(t *testing.T) {
	for name, data := range map[string][]byte{
		"a.pdf": []byte("%PDF"), "a.xlsx": []byte("not a zip"), "a.csv": {'n', 'i', 'p', 0xff, 0xfe},
	} {
		if _, err := Parse(name, data); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
}

func TestTemplateAndExportReadBack(t *testing.T) {
	f := newFixture(t)
	years := RatingYears(f.svc.Today())
	var tpl bytes.Buffer
	if err := TemplateXLSX(&tpl, years); err != nil {
		t.Fatal(err)
	}
	p, err := Parse("templat.xlsx", tpl.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Errors) != 1 || p.Errors[0].Line != 2 || len(p.Rows) != 0 {
		t.Fatalf("empty template: %+v", p.Errors)
	}
	// The template's NIP column is text: a NIP typed into it keeps its digits.
	x, _ := excelize.OpenReader(bytes.NewReader(tpl.Bytes()))
	style, _ := x.GetCellStyle(SheetName, "A2")
	st, _ := x.GetStyle(style)
	if st == nil || st.CustomNumFmt == nil || *st.CustomNumFmt != "@" {
		t.Fatalf("NIP column is not text-formatted: %+v", st)
	}
	if help, _ := x.GetRows("Petunjuk"); len(help) < len(TemplateColumns(years)) {
		t.Fatalf("help sheet has %d rows", len(help))
	}

	var csvBuf bytes.Buffer
	if err := TemplateCSV(&csvBuf, years); err != nil {
		t.Fatal(err)
	}
	if p, err := Parse("t.csv", csvBuf.Bytes()); err != nil || len(p.Errors) != 1 {
		t.Fatalf("CSV template: %v %+v", err, p)
	}

	a, s := ahmad(), siti()
	s.Performance["2019"] = models.RatingCukup
	mustCreate(t, f, f.pbg, a)
	mustCreate(t, f, f.pbg, s)
	var out bytes.Buffer
	if err := f.svc.ExportXLSX(ctx, f.pbg, 0, &out); err != nil {
		t.Fatal(err)
	}
	p, err = Parse("ekspor.xlsx", out.Bytes())
	if err != nil || len(p.Errors) > 0 || len(p.Rows) != 2 {
		t.Fatalf("export read back: %v %+v", err, p)
	}
	back := p.Rows[1].Candidate
	_ = Prepare(&s)
	if back.Name != s.Name || back.Performance["2019"] != models.RatingCukup || *back.ExperienceMonths != 30 ||
		back.Discipline == nil || *back.Discipline.Ongoing != false || back.Gender != models.Female {
		t.Fatalf("Siti came back as %+v", back)
	}
}

func upload(t *testing.T, f *fixture, rows ...eligibility.Candidate) []byte {
	t.Helper()
	grid := [][]any{{"nip", "nama", "golongan", "pendidikan", "jurusan"}}
	for _, c := range rows {
		grid = append(grid, []any{c.NIP, c.Name, string(c.Rank), string(c.EducationLevel), c.EducationField})
	}
	return xlsx(t, grid)
}

func TestImportIsAllOrNothing(t *testing.T) {
	f := newFixture(t)
	existing := mustCreate(t, f, f.pbg, ahmad())
	a := ahmad()
	a.Rank = "III/b"
	b := siti()
	c := ahmad()
	c.NIP, c.Name = "198001152005011003", "Budi"
	c.BirthDate, c.Gender = models.Date{}, "" // from the NIP

	parsed, err := Parse("p.xlsx", upload(t, f, a, b, c))
	if err != nil {
		t.Fatal(err)
	}
	up, err := f.svc.Stash(ctx, f.pbg, parsed)
	if err != nil {
		t.Fatal(err)
	}
	if !up.CanImport || up.New != 2 || up.Updated != 1 {
		t.Fatalf("stashed: can %v new %d updated %d %+v", up.CanImport, up.New, up.Updated, up.Errors)
	}
	_, total, _ := f.svc.List(ctx, f.pbg, Filter{})
	if total != 1 {
		t.Fatalf("stashing imported something: %d", total)
	}
	// Someone else's token is nobody's.
	_, err = f.svc.Upload(ctx, f.pbg2, up.Token)
	wantStatus(t, err, 404, "colleague's upload")
	_, err = f.svc.Import(ctx, f.pbg2, up.Token)
	wantStatus(t, err, 404, "colleague imports")

	// Meanwhile Budi's NIP is registered in Banjarnegara: the whole import is refused.
	mustCreate(t, f, f.bjn, c)
	_, err = f.svc.Import(ctx, f.pbg, up.Token)
	wantStatus(t, err, 409, "import with a NIP taken since")
	_, total, _ = f.svc.List(ctx, f.pbg, Filter{})
	if got, _ := f.svc.Get(ctx, f.pbg, existing.ID); total != 1 || got.Candidate.Rank != "III/a" {
		t.Fatalf("half an import: %d employees, Ahmad %s", total, got.Candidate.Rank)
	}

	// A fresh upload now shows Budi's row as an error and cannot be confirmed.
	parsed, _ = Parse("p.xlsx", upload(t, f, a, b, c))
	up, err = f.svc.Stash(ctx, f.pbg, parsed)
	if err != nil {
		t.Fatal(err)
	}
	if up.CanImport || len(up.Errors) != 1 || up.Errors[0].Line != 4 || up.Errors[0].Column != "A" {
		t.Fatalf("taken NIP not reported on its cell: %+v", up.Errors)
	}
	_, err = f.svc.Import(ctx, f.pbg, up.Token)
	wantStatus(t, err, 422, "import of a file with errors")

	// Without Budi it goes in, all rows at once, once.
	parsed, _ = Parse("p.xlsx", upload(t, f, a, b))
	up, _ = f.svc.Stash(ctx, f.pbg, parsed)
	res, err := f.svc.Import(ctx, f.pbg, up.Token)
	if err != nil || res.Created != 1 || res.Updated != 1 {
		t.Fatalf("import: %+v %v", res, err)
	}
	if got, _ := f.svc.Get(ctx, f.pbg, existing.ID); got.Candidate.Rank != "III/b" || got.Version != 2 {
		t.Fatalf("Ahmad not updated: %+v", got)
	}
	_, err = f.svc.Import(ctx, f.pbg, up.Token)
	wantStatus(t, err, 409, "second import of one upload")

	// The province may upload to check, not to import.
	parsed, _ = Parse("p.xlsx", upload(t, f, c))
	up, err = f.svc.Stash(ctx, f.ver, parsed)
	if err != nil || up.CanImport {
		t.Fatalf("province upload: %v can import %v", err, up.CanImport)
	}
	_, err = f.svc.Import(ctx, f.ver, up.Token)
	wantStatus(t, err, 403, "province imports")
}

func TestBatchOfAnUploadChecksValidRowsOnly(t *testing.T) {
	f := newFixture(t)
	data := xlsx(t, [][]any{
		{"nip", "nama", "status_kepegawaian", "golongan", "pendidikan", "jurusan", "skp_2025", "skp_2024",
			"pengalaman_bulan", "uji_kompetensi", "hukdis_berjalan", "surat_sehat", "pakta_integritas"},
		{"199203152019031004", "Ahmad", "PNS", "III/a", "S1", "Teknik Informatika", "baik", "baik", "30", "ya", "tidak", "ya", "ya"},
		{"199203152019031005", "Rusak", "PNS", "III/z", "S1", "", "", "", "", "", "", "", ""},
	})
	p, _ := Parse("x.xlsx", data)
	var got []Finding
	f.svc.CheckRows(ctx, 0, p.Rows, BatchOptions{AssumeVacancy: true}, func(x Finding) { got = append(got, x) })
	found := false
	for _, x := range got {
		if x.Row != 2 {
			t.Fatalf("a bad row was checked: %+v", x)
		}
		if x.Target == (eligibility.Target{Position: models.PranataKomputer, Level: models.AhliPertama, Route: models.PengangkatanPertama}) {
			found = x.Verdict == eligibility.Eligible
		}
	}
	if !found {
		t.Fatalf("Ahmad not eligible for PK Ahli Pertama: %+v", got)
	}
	rows := ResultRows(got)
	if rows[0].Source != "baris 2" || rows[0].NIP != "199203152019031004" {
		t.Fatalf("result rows: %+v", rows[0])
	}
}

// streamedSheet writes rows with excelize's StreamWriter, as a large export
// would; row i (from 0) is row(i).
func streamedSheet(tb testing.TB, n int, header []any, row func(i int) []any) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	if err := sw.SetRow("A1", header); err != nil {
		tb.Fatal(err)
	}
	for i := 0; i < n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row(i)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// distinctNIP is a valid NIP, distinct for i below 11,988.
func distinctNIP(i int) string {
	return fmt.Sprintf("199203152019%02d1%03d", i/999%12+1, i%999+1)
}

func TestUploadOfAHundredThousandRowsIsRefusedAfterTheLimit(t *testing.T) {
	f := newFixture(t)
	data := streamedSheet(t, 100_000, []any{"nip", "nama"}, func(i int) []any {
		return []any{distinctNIP(i), "Pegawai"}
	})
	p, err := Parse("besar.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	last := p.Errors[len(p.Errors)-1]
	if !strings.Contains(last.Message, "terlalu banyak baris") || last.Line != MaxRows+2 {
		t.Fatalf("last error %+v, want too many rows on line %d", last, MaxRows+2)
	}
	if len(p.Rows) != MaxRows || p.BadRows() != 0 || len(p.Errors) != 1 {
		t.Fatalf("%d rows read, %d bad, errors %v", len(p.Rows), p.BadRows(), errorsAt(p))
	}
	up, err := f.svc.Stash(ctx, f.pbg, p)
	if err != nil {
		t.Fatal(err)
	}
	if up.CanImport {
		t.Fatal("a file over the limit can be imported")
	}
	_, err = f.svc.Import(ctx, f.pbg, up.Token)
	wantStatus(t, err, 422, "import of a file over the limit")
	if _, total, _ := f.svc.List(ctx, f.pbg, Filter{}); total != 0 {
		t.Fatalf("%d employees imported", total)
	}
}

func TestUploadOfMoreThanTheLimitInCSVIsRefusedAndBlankLinesDoNotCount(t *testing.T) {
	var b strings.Builder
	b.WriteString("nip;nama\n")
	for i := 0; i < MaxRows; i++ {
		fmt.Fprintf(&b, "%s;Pegawai\n;\n", distinctNIP(i)) // each row followed by a blank one
	}
	p, err := Parse("pas.csv", []byte(b.String()))
	if err != nil || len(p.Errors) != 0 || len(p.Rows) != MaxRows {
		t.Fatalf("%d rows at the limit: %v %v", len(p.Rows), err, errorsAt(p))
	}
	for i := MaxRows; i < 100_000; i++ {
		fmt.Fprintf(&b, "%s;Pegawai\n", distinctNIP(i%10_000))
	}
	p, err = Parse("besar.csv", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != MaxRows || len(p.Errors) != 1 || !strings.Contains(p.Errors[0].Message, "terlalu banyak baris") ||
		p.Errors[0].Line != 2+2*MaxRows {
		t.Fatalf("%d rows, errors %+v", len(p.Rows), p.Errors)
	}
}

func TestUploadFlagsNIPsTypedAsNumbersInAStreamedSheet(t *testing.T) {
	data := streamedSheet(t, 3, []any{"nip", "nama", "tanggal_lahir"}, func(i int) []any {
		nip := any(distinctNIP(i))
		if i == 1 {
			nip = int64(199203152019011002) // typed as a number
		}
		return []any{nip, "Pegawai", models.MustDate("1992-03-15").Time()} // a date cell: a number
	})
	p, err := Parse("angka.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	got := errorsAt(p)
	if len(got) != 1 || !strings.Contains(got["3A"], "sebagai angka") {
		t.Fatalf("errors %v, want the numeric NIP on A3 only", got)
	}
	if p.Rows[0].Candidate.BirthDate != models.MustDate("1992-03-15") || p.Rows[0].Candidate.NIP != distinctNIP(0) {
		t.Fatalf("row 2 read as %+v", p.Rows[0].Candidate)
	}
}

// rawXLSX packs a workbook of one sheet "Pegawai" whose sheetData is given
// as XML, with shared strings when sst is not empty; extra names more parts.
func rawXLSX(t *testing.T, sheetData string, sst []string, extra map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name string, body []byte) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`
	const rel = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
	put("[Content_Types].xml", []byte(head+`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`+
		`<Default Extension="xml" ContentType="application/xml"/>`+
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+
		`<Override PartName="/xl/worksheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`+
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`))
	put("_rels/.rels", []byte(head+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="`+rel+`/officeDocument" Target="xl/workbook.xml"/></Relationships>`))
	put("xl/workbook.xml", []byte(head+`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="`+rel+`">`+
		`<sheets><sheet name="Catatan" sheetId="1" r:id="rId2"/><sheet name="Pegawai" sheetId="2" r:id="rId1"/></sheets></workbook>`))
	put("xl/_rels/workbook.xml.rels", []byte(head+`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId2" Type="`+rel+`/worksheet" Target="worksheets/other.xml"/>`+
		`<Relationship Id="rId1" Type="`+rel+`/worksheet" Target="/xl/worksheets/data.xml"/>`+
		`<Relationship Id="rId3" Type="`+rel+`/sharedStrings" Target="sharedStrings.xml"/></Relationships>`))
	put("xl/worksheets/other.xml", []byte(head+`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+
		`<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c></row></sheetData></worksheet>`))
	put("xl/worksheets/data.xml", []byte(head+`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+
		sheetData+`</sheetData></worksheet>`))
	var s strings.Builder
	for _, v := range sst {
		s.WriteString("<si><t>" + v + "</t></si>")
	}
	put("xl/sharedStrings.xml", []byte(head+`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`+s.String()+`</sst>`))
	for name, body := range extra {
		put(name, body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestUploadKnowsNumberCellsInRowsAndCellsWithoutReferences(t *testing.T) {
	// Rows and cells without an "r" attribute are numbered in order, as
	// excelize numbers them; the sheet is not the first of the workbook.
	const nip = `<c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c>`
	data := rawXLSX(t, `<row r="1">`+nip+`</row>`+
		`<row><c t="inlineStr"><is><t>199203152019031004</t></is></c><c t="inlineStr"><is><t>Ahmad</t></is></c><c><v>33678</v></c></row>`+
		`<row r="5"><c r="A5"><v>1.99508172020122E+17</v></c><c t="s"><v>3</v></c><c t="str"><v>1992-03-15</v></c></row>`+
		`<row><c r="A6" t="s"><v>4</v></c><c r="B6" t="s"><v>3</v></c><c><v>199001012015031001</v></c></row>`,
		[]string{"nip", "nama", "tanggal_lahir", "Siti", "199001012015031001"}, nil)
	p, err := Parse("mentah.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	got := errorsAt(p)
	if len(got) != 2 || !strings.Contains(got["5A"], "sebagai angka") || !strings.Contains(got["6C"], "tanggal") {
		t.Fatalf("errors %v: want the numeric NIP of A5 and the number in the date column C6", got)
	}
	if len(p.Rows) != 3 || p.Rows[0].Line != 2 || p.Rows[0].Candidate.NIP != "199203152019031004" ||
		p.Rows[0].Candidate.BirthDate != models.MustDate("1992-03-15") {
		t.Fatalf("rows %+v", p.Rows)
	}

	// Cells or rows out of order would be misplaced: the file is refused.
	for _, rows := range []string{
		`<row r="2"><c r="B2" t="s"><v>3</v></c><c r="A2" t="s"><v>4</v></c></row>`,
		`<row r="3"><c r="A3" t="s"><v>4</v></c></row><row r="2"><c r="A2" t="s"><v>4</v></c></row>`,
	} {
		_, err := Parse("acak.xlsx", rawXLSX(t, `<row r="1">`+nip+`</row>`+rows, []string{"nip", "nama", "tanggal_lahir", "Siti", "199001012015031001"}, nil))
		wantStatus(t, err, 400, "cells out of order")
	}
}

func TestUploadThatUnpacksTooLargeIsAFileError(t *testing.T) {
	data := rawXLSX(t, `<row r="1"><c t="inlineStr"><is><t>nip</t></is></c></row>`, nil,
		map[string][]byte{"xl/media/kosong.bin": make([]byte, maxUnzipped)})
	if len(data) > 1<<20 {
		t.Fatalf("test file of %d bytes", len(data))
	}
	_, err := Parse("bom.xlsx", data)
	e := wantStatus(t, err, 400, "file unpacking over the limit")
	if !strings.Contains(e.Fields["file"], "terlalu besar") {
		t.Fatalf("message %q", e.Fields["file"])
	}

	var sst []string
	for i := 0; i < maxSharedStrings/16; i++ {
		sst = append(sst, "a")
	}
	_, err = Parse("teks.xlsx", rawXLSX(t, `<row r="1"><c t="s"><v>0</v></c></row>`, sst, nil))
	if e := wantStatus(t, err, 400, "shared strings over the limit"); !strings.Contains(e.Fields["file"], "terlalu besar") {
		t.Fatalf("message %q", e.Fields["file"])
	}
}

func TestUploadWithDataFarRightIsAFileError(t *testing.T) {
	data := rawXLSX(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>nip</t></is></c></row>`+
		`<row r="2"><c r="A2" t="inlineStr"><is><t>199203152019031004</t></is></c><c r="XFD2"><v>1</v></c></row>`, nil, nil)
	_, err := Parse("lebar.xlsx", data)
	if e := wantStatus(t, err, 400, "cell XFD2"); !strings.Contains(e.Fields["file"], "XFD2") {
		t.Fatalf("message %q", e.Fields["file"])
	}
}

// BenchmarkReadXLSX2000 measures reading (not checking) a full upload.
func BenchmarkReadXLSX2000(b *testing.B) {
	data := sheetOf(b, MaxRows)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := readXLSX(data); err != nil {
			b.Fatal(err)
		}
	}
}
