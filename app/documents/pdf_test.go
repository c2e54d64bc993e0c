package documents

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/kemenagjateng/usulan/models"
)

func render(t testing.TB, fn func(*bytes.Buffer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := fn(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", b.Bytes()[:min(20, b.Len())])
	}
	return b.Bytes()
}

func letterPDF(t testing.TB, l SubmissionLetter) ([]byte, []string) {
	t.Helper()
	data := render(t, func(b *bytes.Buffer) error { return RenderSubmissionLetter(b, l) })
	pages, err := pdfPages(data)
	if err != nil {
		t.Fatal(err)
	}
	return data, pages
}

func mustContain(t *testing.T, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q", w)
		}
	}
}

// rowText is how a nominative row reads in drawing order (cell by cell).
func rowText(i int, r NominativeRow) string {
	parts := []string{itoa(i + 1), r.Name, "NIP " + r.NIP, r.BirthPlace + ",", r.BirthDate.Indonesian(),
		r.Rank, "TMT " + r.RankTMT.Indonesian(), r.Education, r.CurrentPosition, r.ProposedPosition}
	if r.Notes != "" {
		parts = append(parts, r.Notes)
	}
	return strings.Join(parts, " ")
}

func TestSubmissionLetterText(t *testing.T) {
	l := sampleLetter(4)
	_, pages := letterPDF(t, l)
	if len(pages) != 2 {
		t.Fatalf("4 candidates on %d pages, want 2 (letter + attachment)", len(pages))
	}
	first := pages[0]
	mustContain(t, first,
		"KEMENTERIAN AGAMA REPUBLIK INDONESIA",
		"KANTOR KEMENTERIAN AGAMA KABUPATEN PURBALINGGA",
		"Jalan Letkol Isdiman Nomor 2, Purbalingga 53311; Telepon (0281) 891016",
		"Website: purbalingga.kemenag.go.id; Email: kabpurbalingga@kemenag.go.id",
		"Nomor : Purbalingga, 30 November 2026 B-1234/Kk.11.03/1/KP.07.6/11/2026",
		"Sifat : Biasa", "Lampiran : 1 (satu) berkas",
		"Hal : Usulan Pengangkatan dalam Jabatan Fungsional Pranata Komputer Ahli Pertama melalui Pengangkatan Pertama",
		"Yth. Kepala Kantor Wilayah Kementerian Agama Provinsi Jawa Tengah di Semarang",
		"mengusulkan 4 (empat) orang pegawai untuk diangkat dalam Jabatan Fungsional Pranata Komputer jenjang Ahli Pertama",
		"Kepala, H. Akhmad Sodiq, S.Ag., M.Si. NIP 197003051996031002",
		"Tembusan: 1. Kepala Kantor Wilayah",
		"Kode verifikasi: ABCD-1234 \u2014 periksa keaslian di https://usulan.jateng.kemenag.go.id/v/ABCD-1234",
		"Halaman 1 dari 2",
	)
	att := pages[1]
	mustContain(t, att,
		"LAMPIRAN SURAT KEPALA KANTOR KEMENTERIAN AGAMA KABUPATEN PURBALINGGA",
		"NOMOR : B-1234/Kk.11.03/1/KP.07.6/11/2026 TANGGAL : 30 November 2026",
		"DAFTAR NOMINATIF USULAN PENGANGKATAN DALAM JABATAN FUNGSIONAL PRANATA KOMPUTER AHLI PERTAMA MELALUI PENGANGKATAN PERTAMA",
		"No. Nama / NIP Tempat, Tanggal Lahir Pangkat/Gol. TMT Pendidikan Jabatan Saat Ini Jabatan yang Diusulkan Ket.",
		"Halaman 2 dari 2",
	)
	all := strings.Join(pages, " ")
	for i, r := range l.Rows {
		mustContain(t, att, rowText(i, r))
		if n := strings.Count(all, r.NIP); n != 1 {
			t.Errorf("NIP %s printed %d times", r.NIP, n)
		}
	}
	for _, name := range hardNames {
		mustContain(t, all, name)
	}
	if strings.ContainsRune(all, '\uFFFD') {
		t.Error("a character was replaced by U+FFFD")
	}
}

func TestNominativeSpansPagesWithHeader(t *testing.T) {
	for _, n := range []int{60, 200} {
		t.Run(itoa(n), func(t *testing.T) {
			l := sampleLetter(n)
			_, pages := letterPDF(t, l)
			if n == 60 && len(pages) < 3 {
				t.Fatalf("60 candidates on %d pages, want at least 3", len(pages))
			}
			if n == 200 && (len(pages) < 12 || len(pages) > 20) {
				t.Fatalf("200 candidates on %d pages, want 12..20", len(pages))
			}
			const header = "No. Nama / NIP Tempat, Tanggal Lahir Pangkat/Gol. TMT Pendidikan Jabatan Saat Ini Jabatan yang Diusulkan Ket."
			tablePages := 0
			for p, text := range pages {
				if !strings.Contains(text, fmt.Sprintf("Halaman %d dari %d", p+1, len(pages))) {
					t.Errorf("page %d lacks its page number", p+1)
				}
				hasRow := false
				for _, r := range l.Rows {
					if strings.Contains(text, r.NIP) {
						hasRow = true
						break
					}
				}
				if !hasRow {
					continue
				}
				tablePages++
				if strings.Count(text, header) != 1 {
					t.Errorf("page %d: table header printed %d times", p+1, strings.Count(text, header))
				}
			}
			if tablePages < 2 {
				t.Errorf("the list sits on %d page(s)", tablePages)
			}
			// Every row whole on exactly one page (never split), every NIP once.
			for i, r := range l.Rows {
				want := rowText(i, r)
				on := 0
				for _, text := range pages {
					if strings.Contains(text, want) {
						on++
					}
				}
				if on != 1 {
					t.Errorf("row %d whole on %d pages", i+1, on)
				}
				if c := strings.Count(strings.Join(pages, " "), r.NIP); c != 1 {
					t.Errorf("NIP %s printed %d times", r.NIP, c)
				}
			}
		})
	}
}

func TestLongNameWrapsInsideCell(t *testing.T) {
	l := sampleLetter(2)
	long := "Prof. Dr. H. Raden Mas Muḥammad ʿAbdurraḥmān Wiryosoemarto Hadiningrat Kusumobroto, S.Kom., M.Kom., M.T., Ph.D."
	l.Rows[1].Name = long
	_, pages := letterPDF(t, l)
	att := pages[1]
	// The name is wrapped over several lines of its cell, words kept whole,
	// and the NIP still follows it in the same cell.
	mustContain(t, att, long+" NIP "+l.Rows[1].NIP)
}

func TestDraftLetter(t *testing.T) {
	l := sampleLetter(3)
	l.Draft = true
	_, pages := letterPDF(t, l)
	all := strings.Join(pages, " ")
	for p, text := range pages {
		if !strings.Contains(text, "DRAF") {
			t.Errorf("page %d has no DRAF watermark", p+1)
		}
	}
	mustContain(t, pages[0], "Nomor : Purbalingga, 30 November 2026 (belum bernomor)")
	if strings.Contains(all, "B-1234") {
		t.Error("a draft shows the letter number")
	}
	if strings.Contains(all, "Kode verifikasi") {
		t.Error("a draft carries a verification code")
	}
}

func TestReprintIsByteIdentical(t *testing.T) {
	l := sampleLetter(25)
	a, _ := letterPDF(t, l)
	// Render concurrently too: the shared fonts must not leak state between
	// documents.
	var wg sync.WaitGroup
	outs := make([][]byte, 4)
	for i := range outs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			var b bytes.Buffer
			if err := RenderSubmissionLetter(&b, l); err != nil {
				t.Error(err)
			}
			outs[i] = b.Bytes()
		}(i)
	}
	wg.Wait()
	for i, b := range outs {
		if !bytes.Equal(a, b) {
			t.Fatalf("render %d differs from the first (%d vs %d bytes)", i, len(b), len(a))
		}
	}
	// A different document in between must not change the next one.
	other := sampleLetter(3)
	other.Rows[0].Name = "Ẓ Ḥ ḥ ẓ ’ é — Ā ǅ"
	letterPDF(t, other)
	c, _ := letterPDF(t, l)
	if !bytes.Equal(a, c) {
		t.Fatal("output changed after rendering another document")
	}
}

func TestFontFastPathMatchesSlowPath(t *testing.T) {
	fs := loadedFonts()
	if fs.err != nil {
		t.Fatal(fs.err)
	}
	if !fs.fast {
		t.Fatal("the shared-font fast path is off: gofpdf internals changed (see fonts.go)")
	}
	slow := *fs
	slow.fast = false
	mk := func(f *fontSet) []byte {
		d := newDoc(f, docMeta{title: "Uji", date: models.MustDate("2026-11-30")})
		d.newPage(portrait, letterMargins)
		d.kop(purbalingga())
		d.paragraphs(hardNames, 11, 5.6, 2)
		d.font("B", 11)
		d.lines(d.left(), d.contentW(), 5.6, "Tebal: "+strings.Join(hardNames, "; "), "L")
		var b bytes.Buffer
		if err := d.output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	if a, b := mk(fs), mk(&slow); !bytes.Equal(a, b) {
		t.Fatalf("fast path output (%d bytes) differs from gofpdf's own font loading (%d bytes)", len(a), len(b))
	}
}

func TestGlyphCoverage(t *testing.T) {
	if err := Prepare(); err != nil {
		t.Fatal(err)
	}
	fs := loadedFonts()
	// → joins the states of a path on the obstacle map (export.go).
	for _, r := range "’‘“”–—…ḥẓḤẒéÉāĀšŠǅ€№ÀÿŽ→" {
		if !fs.has[r] {
			t.Errorf("font subset lacks %q (U+%04X)", r, r)
		}
	}
	// A character outside the subset prints as U+FFFD instead of breaking the
	// document; an astral one (outside the BMP, which gofpdf cannot address)
	// too.
	l := sampleLetter(2)
	l.Rows[0].Name = "Ahmad ع 😀 Fauzi"
	_, pages := letterPDF(t, l)
	mustContain(t, pages[1], "Ahmad \uFFFD \uFFFD Fauzi")
}

func TestLetterEdgeCases(t *testing.T) {
	// Nothing but an office: defaults everywhere, no attachment, no date.
	_, pages := letterPDF(t, SubmissionLetter{Office: purbalingga()})
	if len(pages) != 1 {
		t.Fatalf("empty letter on %d pages", len(pages))
	}
	mustContain(t, pages[0], "Lampiran : -", "Kepala, H. Akhmad Sodiq")

	// A number too long to share its line with the date: the date moves above.
	l := sampleLetter(1)
	l.Number = "B-123456/Kk.11.03/1/KP.07.6/11/2026/TAMBAHAN-PANJANG-SEKALI-UNTUK-UJI"
	_, pages = letterPDF(t, l)
	mustContain(t, pages[0], "Purbalingga, 30 November 2026 Nomor : "+l.Number)

	// Characters the fonts cannot show (here outside the BMP) in every place.
	l = sampleLetter(1)
	l.Hal = "Usulan 😀 uji"
	l.Office.Name += " 😀"
	l.Tembusan = []string{"Arsip 😀"}
	l.Signatory = Signatory{Title: "Plt. Kepala", Name: "Nama 😀", NIP: "197003051996031002"}
	_, pages = letterPDF(t, l)
	mustContain(t, pages[0], "Hal : Usulan \uFFFD uji", "Arsip \uFFFD", "Plt. Kepala, Nama \uFFFD")

	// A long body flows onto a continuation page without losing text.
	l = sampleLetter(1)
	for i := 0; i < 12; i++ {
		l.Body = append(l.Body, fmt.Sprintf("Paragraf %d. %s", i+1, strings.Repeat("Isi surat yang panjang untuk menguji pindah halaman. ", 6)))
	}
	l.Tembusan = []string{"Satu-satunya tembusan"}
	_, pages = letterPDF(t, l)
	if len(pages) < 3 {
		t.Fatalf("long letter on %d pages", len(pages))
	}
	all := strings.Join(pages, " ")
	mustContain(t, all, "Paragraf 12.", "Tembusan: Satu-satunya tembusan", "Kode verifikasi: ABCD-1234")
}

func TestVerificationSheet(t *testing.T) {
	v := sampleVerification()
	data := render(t, func(b *bytes.Buffer) error { return RenderVerificationSheet(b, v) })
	pages, err := pdfPages(data)
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(pages, " ")
	mustContain(t, all,
		"KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI JAWA TENGAH",
		"LEMBAR VERIFIKASI",
		"Nomor surat usulan : B-1234/Kk.11.03/1/KP.07.6/11/2026",
		"Dasar Hukum", "PP 11/2017", "PermenPANRB 1/2023", "PermenPANRB 32/2020",
		"No. Persyaratan Hasil Dasar Hukum Temuan dan Catatan",
		"Batas usia Usia paling tinggi 53 tahun pada saat pengangkatan Memenuhi PP 11/2017 jo. PP 17/2020 Pasal 127 Usia 31 tahun",
		"Perlu penilaian", "Data belum lengkap", "Tidak berlaku", "Belum diunggah",
		"Catatan: Relevansi program studi perlu dinilai pembina",
		"Kesimpulan: MEMENUHI SYARAT",
		v.OverrideNote,
		"Semarang, 3 Desember 2026 Verifikator, Ren\u00e9 Kusuma Wardhani, S.H. NIP 198904122015032001",
	)
	for _, c := range v.Candidates {
		mustContain(t, all, c.Name+" \u2014 NIP "+c.NIP)
	}
	// Default legal bases when none are given.
	v.LegalBases = nil
	v.Candidates = nil
	data = render(t, func(b *bytes.Buffer) error { return RenderVerificationSheet(b, v) })
	pages, _ = pdfPages(data)
	mustContain(t, strings.Join(pages, " "), "Peraturan Pemerintah Nomor 11 Tahun 2017 (PP 11/2017)", "(PermenPANRB 1/2023)")
}

func TestStaffingLetter(t *testing.T) {
	s := sampleStaffing()
	data := render(t, func(b *bytes.Buffer) error { return RenderStaffingLetter(b, s) })
	pages, err := pdfPages(data)
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(pages, " ")
	mustContain(t, all,
		"KANTOR KEMENTERIAN AGAMA KABUPATEN PURBALINGGA",
		"Nomor : Purbalingga, 30 November 2026 B-88/Kk.11.03/1/KP.00.1/11/2026",
		"Hal : Usulan Kebutuhan Tenaga Pendukung",
		"PERHATIAN: mekanisme yang diusulkan tidak diperkenankan",
		"Undang-Undang Nomor 20 Tahun 2023",
		"Nama jabatan : Pengelola Laman dan Media Sosial",
		"Jumlah kebutuhan : 2 (dua) orang",
		"Jangka waktu : 1 Januari 2027 s.d. 31 Desember 2027",
		"Honorarium : Rp 2.070.000 per orang per bulan",
		"1 S1/D3 Teknik Informatika, Sistem Informasi atau Ilmu Komunikasi 18 s.d. 35 tahun",
		"Uraian tugas 1. Memperbarui isi laman",
		"Justifikasi kebutuhan Pengelolaan laman",
		"Kode verifikasi: WXYZ-9876",
	)
	// The warning comes before the details.
	if strings.Index(all, "PERHATIAN") > strings.Index(all, "Nama jabatan") {
		t.Error("the lawfulness warning is not printed before the details")
	}
	s.Warning = ""
	s.Draft = true
	data = render(t, func(b *bytes.Buffer) error { return RenderStaffingLetter(b, s) })
	pages, _ = pdfPages(data)
	all = strings.Join(pages, " ")
	if strings.Contains(all, "PERHATIAN") || strings.Contains(all, "B-88") || !strings.Contains(all, "DRAF") {
		t.Error("draft without warning printed wrongly")
	}
}

func TestRecap(t *testing.T) {
	r := sampleRecap()
	data := render(t, func(b *bytes.Buffer) error { return RenderRecap(b, r) })
	pages, err := pdfPages(data)
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(pages, " ")
	_, cols, total := RecapTotals(r)
	want := "JUMLAH"
	for _, n := range cols {
		want += " " + itoa(n)
	}
	want += " " + itoa(total)
	mustContain(t, all,
		"KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI JAWA TENGAH",
		"REKAPITULASI USULAN", "Periode 1 Januari 2026 s.d. 30 November 2026",
		"No. Kantor Kementerian Agama Draf Diajukan Diperiksa Perlu Perbaikan",
		"1 Kabupaten Cilacap 0 5 3 1 6 4 2 0 5 26",
		want,
		"Semarang, 30 November 2026 a.n. Kepala Kepala Bagian Tata Usaha, Drs. H. Mohammad Arief, M.M.",
	)
	if total != 162 {
		t.Errorf("total %d, want 162", total)
	}
}

func TestFormatting(t *testing.T) {
	for n, want := range map[int64]string{0: "Rp 0", 999: "Rp 999", 1000: "Rp 1.000", 2070000: "Rp 2.070.000",
		1234567890: "Rp 1.234.567.890", -2500: "Rp -2.500"} {
		if got := FormatRupiah(n); got != want {
			t.Errorf("FormatRupiah(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int]string{0: "nol", 1: "satu", 10: "sepuluh", 11: "sebelas", 12: "dua belas",
		19: "sembilan belas", 20: "dua puluh", 60: "enam puluh", 99: "sembilan puluh sembilan", 100: "seratus",
		101: "seratus satu", 111: "seratus sebelas", 200: "dua ratus", 1000: "seribu", 1500: "seribu lima ratus",
		2026: "dua ribu dua puluh enam", 1000000: "satu juta"} {
		if got := terbilang(n); got != want {
			t.Errorf("terbilang(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestWrap(t *testing.T) {
	d := newDoc(loadedFonts(), docMeta{title: "x"})
	d.newPage(portrait, letterMargins)
	d.font("", 8.5)
	long := "Prof. Dr. H. Raden Mas Muḥammad ʿAbdurraḥmān Wiryosoemarto Hadiningrat, S.Kom., M.Kom. " +
		"https://usulan.jateng.kemenag.go.id/verifikasi/ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	const w = 51.0
	lines := d.wrap(long, w)
	if len(lines) < 3 {
		t.Fatalf("wrapped into %d lines: %q", len(lines), lines)
	}
	for _, line := range lines {
		if d.width(line) > w+0.01 {
			t.Errorf("line %q is %.1f mm wide, more than %.1f", line, d.width(line), w)
		}
	}
	if !strings.Contains(strings.Join(lines, " "), "Muḥammad ʿAbdurraḥmān") {
		t.Errorf("words split although they fit: %q", lines)
	}
	if strings.Join(strings.Fields(strings.Join(lines, "")), "") != strings.Join(strings.Fields(long), "") {
		t.Errorf("text lost in wrapping: %q", lines)
	}
	if got := d.wrap("satu\n\ndua", 100); len(got) != 3 || got[1] != "" {
		t.Errorf("newlines not kept: %q", got)
	}
}

// TestVerificationConclusionStaysWithTheSignature varies the sheet's length
// so that the end falls at every point of a page: the signature must never
// stand on a page without the conclusion above it.
func TestVerificationConclusionStaysWithTheSignature(t *testing.T) {
	base := sampleVerification()
	for extra := 0; extra < 70; extra++ {
		v := base
		v.OverrideNote = ""
		c := v.Candidates[0]
		for i := 0; i < extra; i++ {
			c.Checklist = append(c.Checklist, ChecklistItem{Document: fmt.Sprintf("Dokumen tambahan %d", i+1), Finding: "Sesuai"})
		}
		v.Candidates = []VerifiedCandidate{c}
		var buf bytes.Buffer
		if err := RenderVerificationSheet(&buf, v); err != nil {
			t.Fatal(err)
		}
		pages, err := pdfPages(buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		last := pages[len(pages)-1]
		if strings.Contains(last, v.VerifierNIP) && !strings.Contains(last, "Kesimpulan:") {
			t.Errorf("%d extra rows: the signature's page has no conclusion", extra)
		}
	}
}
