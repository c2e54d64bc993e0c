package documents

import (
	"io"
	"strings"
)

// DefaultStaffingHal is the default "Hal" of a staffing request.
const DefaultStaffingHal = "Usulan Kebutuhan Tenaga Pendukung"

// DefaultStaffingBody is the opening paragraph of a staffing request.
func DefaultStaffingBody(s StaffingLetter) []string {
	office := strings.TrimSpace(s.Office.Name)
	if office == "" {
		office = "kantor kami"
	}
	return []string{
		"Dalam rangka menunjang pelaksanaan tugas dan fungsi di lingkungan " + office +
			", dengan hormat kami mengusulkan kebutuhan tenaga pendukung dengan rincian sebagai berikut.",
	}
}

// staffingClosing ends the letter.
const staffingClosing = "Demikian usulan ini kami sampaikan. Atas perhatian dan persetujuan Bapak/Ibu, kami ucapkan terima kasih."

func (s StaffingLetter) withDefaults() StaffingLetter {
	if strings.TrimSpace(s.Sifat) == "" {
		s.Sifat = "Biasa"
	}
	if strings.TrimSpace(s.Lampiran) == "" {
		s.Lampiran = "-"
	}
	if strings.TrimSpace(s.Hal) == "" {
		s.Hal = DefaultStaffingHal
	}
	if strings.TrimSpace(s.Addressee) == "" {
		s.Addressee = DefaultAddressee
	}
	if strings.TrimSpace(s.AddresseeCity) == "" {
		s.AddresseeCity = DefaultAddresseeCity
	}
	if len(s.Body) == 0 {
		s.Body = DefaultStaffingBody(s)
	}
	if s.Signatory.IsZero() {
		s.Signatory = HeadSignatory(s.Office)
	}
	if s.Draft {
		s.Number = draftNumber
	}
	return s
}

// ageRange prints "18 s.d. 35 tahun", "paling tinggi 35 tahun", ...
func ageRange(lo, hi int) string {
	switch {
	case lo > 0 && hi > 0:
		return itoa(lo) + " s.d. " + itoa(hi) + " tahun"
	case hi > 0:
		return "paling tinggi " + itoa(hi) + " tahun"
	case lo > 0:
		return "paling rendah " + itoa(lo) + " tahun"
	}
	return "-"
}

// RenderStaffingLetter writes the usulan tenaga pendukung as a letter: the
// request's details, qualifications, tasks and justification, with the
// caller's lawfulness warning boxed before the details.
func RenderStaffingLetter(w io.Writer, s StaffingLetter) error {
	fs := loadedFonts()
	if fs.err != nil {
		return fs.err
	}
	s = s.withDefaults()
	d := newDoc(fs, docMeta{
		title:   s.Hal + " - " + s.Title,
		subject: "Nomor " + s.Number,
		author:  s.Office.Name,
		date:    s.Date,
	})
	d.draft = s.Draft
	if s.Draft {
		d.footerNote = draftFooter
	}
	s.draw(d)
	return d.output(w)
}

// draw lays the letter out on d from a new page (s has its defaults).
func (s StaffingLetter) draw(d *doc) {
	d.letter(s.Office, s.Date, []metaField{
		{"Nomor", s.Number}, {"Sifat", s.Sifat}, {"Lampiran", s.Lampiran}, {"Hal", s.Hal},
	}, s.Addressee, s.AddresseeCity, s.Body)
	d.skip(4)

	if msg := strings.TrimSpace(s.Warning); msg != "" {
		d.box("PERHATIAN: mekanisme yang diusulkan tidak diperkenankan pada tanggal surat ini", msg, 180, 20, 20)
		d.skip(4)
	}

	period := "-"
	if !s.PeriodStart.IsZero() || !s.PeriodEnd.IsZero() {
		period = indonesianDate(s.PeriodStart) + " s.d. " + indonesianDate(s.PeriodEnd)
	}
	pay := "-"
	if s.MonthlyPay > 0 {
		pay = FormatRupiah(s.MonthlyPay) + " per orang per bulan"
	}
	d.keyValues(d.left(), d.contentW(), []metaField{
		{"Nama jabatan", s.Title},
		{"Jumlah kebutuhan", countWords(s.Count) + " orang"},
		{"Mekanisme pemenuhan", s.Mechanism},
		{"Jangka waktu", period},
		{"Honorarium", pay},
		{"Sumber anggaran", s.BudgetSource},
	}, 11, 5.6)
	d.skip(4)

	if len(s.Qualifications) > 0 {
		d.subheading("Kualifikasi", 11, 18)
		d.skip(1)
		t := &table{
			cols: []column{
				{"No.", 9, "C"},
				{"Pendidikan", 24, "L"},
				{"Bidang/Jurusan", 45, "L"},
				{"Usia", 27, "L"},
				{"Keterampilan", 60, "L"},
			},
			size: 9.5, headSize: 9.5, lineH: 4.4, padX: 1.5, padY: 1.4,
			newPage: d.onBreak,
		}
		rows := make([][]cell, len(s.Qualifications))
		for i, q := range s.Qualifications {
			rows[i] = []cell{txt(itoa(i + 1)), txt(q.Education), txt(q.Field), txt(ageRange(q.AgeMin, q.AgeMax)), txt(q.Skills)}
		}
		d.drawTable(t, rows)
		d.skip(4)
	}
	// The sections after the qualifications; the last one goes over with the
	// closing and the signature when they do not fit, so no page holds only
	// "Demikian…" and a signature.
	type section struct {
		title    string
		items    []string
		numbered bool
		size     float64
		lineH    float64
	}
	var sections []section
	if len(s.Tasks) > 0 {
		sections = append(sections, section{"Uraian tugas", s.Tasks, true, 11, 5.6})
	}
	if len(s.Justification) > 0 {
		sections = append(sections, section{"Justifikasi kebutuhan", s.Justification, false, 11, 5.6})
	}
	if len(s.LegalNotes) > 0 {
		sections = append(sections, section{"Catatan", s.LegalNotes, true, 10, 5})
	}
	d.font("", 11)
	closingH := float64(len(d.wrap(staffingClosing, d.contentW())))*5.6 + 6 + d.signatureHeight(s.Signatory, "", 0)
	if n := len(s.Tembusan); n > 0 {
		closingH += 6 + float64(n+1)*4.8 // the Tembusan stays on the signature's page
	}
	for i, sec := range sections {
		last := i == len(sections)-1
		lastItem := []string{sec.items[len(sec.items)-1]}
		if last && len(sec.items) == 1 {
			// One paragraph: its heading and it go over with the closing.
			if h := 7.5 + d.blockHeight(lastItem, sec.numbered, sec.size, sec.lineH) + 4 + closingH; h < d.bottom()-d.m.t-30 {
				d.ensure(h)
			}
		}
		d.subheading(sec.title, 11, 12)
		d.skip(1)
		items := sec.items
		if last && len(items) > 1 {
			items = items[:len(items)-1]
		}
		d.sectionItems(sec.numbered, items, 1, len(sec.items), sec.size, sec.lineH)
		if last && len(sec.items) > 1 {
			// The last paragraph (or item) goes over with the closing, so
			// the page the signature is on has body text above it.
			if h := 2.8 + d.blockHeight(lastItem, sec.numbered, sec.size, sec.lineH) + 4 + closingH; h < d.bottom()-d.m.t-30 {
				d.ensure(h)
			}
			if !sec.numbered {
				d.skip(2.8)
			}
			d.sectionItems(sec.numbered, lastItem, len(sec.items), len(sec.items), sec.size, sec.lineH)
		}
		d.skip(4)
	}
	// Keep the closing sentence with the signature: never a signature alone on a page.
	d.font("", 11)
	d.ensure(closingH)
	d.paragraphs([]string{staffingClosing}, 11, 5.6, 2.8)
	d.skip(6)
	d.signature(s.Signatory, "")
	d.skip(6)
	d.tembusan(s.Tembusan)
	if !s.Draft && (s.VerifyCode != "" || s.VerifyURL != "") {
		d.verifyBlock(s.VerifyCode, s.VerifyURL, issuerName)
	}
}

// sectionItems prints a section's items: numbered from start, or as
// paragraphs.
func (d *doc) sectionItems(numbered bool, items []string, start, total int, size, lineH float64) {
	if numbered {
		d.numberedFrom(d.left(), d.contentW(), items, start, total, size, lineH)
		return
	}
	d.paragraphs(items, size, lineH, 2.8)
}
