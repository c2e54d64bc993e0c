package employees

import (
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
