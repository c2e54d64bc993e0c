package documents

import (
	"io"
	"strings"

	"github.com/kemenagjateng/usulan/models"
)

// draftNumber is printed instead of a letter number on a draft.
const draftNumber = "(belum bernomor)"

// draftFooter is the footer note of every draft page.
const draftFooter = "DRAF \u2014 belum bernomor dan belum ditandatangani; bukan dokumen resmi."

// issuerName names the system in the verification block.
const issuerName = "Kementerian Agama Provinsi Jawa Tengah"

// DefaultSubmissionHal is the default "Hal" of a submission letter.
func DefaultSubmissionHal(l SubmissionLetter) string {
	if strings.TrimSpace(l.Route) == models.KenaikanJenjang.Label() {
		// "Usulan Kenaikan Jenjang Jabatan Fungsional Pranata Komputer ke Ahli Muda"
		hal := "Usulan Kenaikan Jenjang Jabatan Fungsional"
		if p := strings.TrimSpace(l.Position); p != "" {
			hal += " " + p
		}
		if lv := strings.TrimSpace(l.Level); lv != "" {
			hal += " ke " + lv
		}
		return hal
	}
	hal := "Usulan Pengangkatan dalam Jabatan Fungsional"
	if pos := joinNonEmpty(" ", l.Position, l.Level); pos != "" {
		hal += " " + pos
	}
	if r := strings.TrimSpace(l.Route); r != "" {
		hal += " melalui " + r
	}
	return hal
}

// DefaultSubmissionBody builds the usual body of a JFT proposal letter from
// the office, position, level, route and number of candidates.
func DefaultSubmissionBody(l SubmissionLetter) []string {
	who := "pegawai"
	if n := len(l.Rows); n > 0 {
		who = countWords(n) + " orang pegawai"
	}
	target := "Jabatan Fungsional"
	if p := strings.TrimSpace(l.Position); p != "" {
		target += " " + p
	}
	if lv := strings.TrimSpace(l.Level); lv != "" {
		target += " jenjang " + lv
	}
	if r := strings.TrimSpace(l.Route); r != "" {
		target += " melalui " + strings.ToLower(r)
	}
	office := strings.TrimSpace(l.Office.Name)
	if office == "" {
		office = "kantor kami"
	}
	purpose := "untuk diangkat dalam " + target
	if strings.TrimSpace(l.Route) == models.KenaikanJenjang.Label() {
		target = "Jabatan Fungsional"
		if p := strings.TrimSpace(l.Position); p != "" {
			target += " " + p
		}
		if lv := strings.TrimSpace(l.Level); lv != "" {
			target += " jenjang " + lv
		}
		purpose = "untuk dinaikkan jenjang jabatannya ke " + target + " berdasarkan angka kredit pada Penetapan Angka Kredit (PAK) terakhir"
	}
	return []string{
		"Berdasarkan Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil " +
			"sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020 dan Peraturan Menteri " +
			"Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 1 Tahun 2023 tentang Jabatan " +
			"Fungsional, serta dalam rangka memenuhi kebutuhan jabatan fungsional di lingkungan " + office +
			", dengan hormat kami mengusulkan " + who + " " + purpose +
			", sebagaimana tercantum dalam daftar nominatif terlampir.",
		"Berkas persyaratan administrasi setiap pegawai disampaikan melalui aplikasi Usulan untuk " +
			"diverifikasi lebih lanjut.",
		"Demikian usulan ini kami sampaikan. Atas perhatian dan kerja sama Bapak/Ibu, kami ucapkan terima kasih.",
	}
}

func (l SubmissionLetter) withDefaults() SubmissionLetter {
	if strings.TrimSpace(l.Sifat) == "" {
		l.Sifat = "Biasa"
	}
	if strings.TrimSpace(l.Lampiran) == "" {
		if len(l.Rows) > 0 {
			l.Lampiran = "1 (satu) berkas"
		} else {
			l.Lampiran = "-"
		}
	}
	if strings.TrimSpace(l.Hal) == "" {
		l.Hal = DefaultSubmissionHal(l)
	}
	if strings.TrimSpace(l.Addressee) == "" {
		l.Addressee = DefaultAddressee
	}
	if strings.TrimSpace(l.AddresseeCity) == "" {
		l.AddresseeCity = DefaultAddresseeCity
	}
	if len(l.Body) == 0 {
		l.Body = DefaultSubmissionBody(l)
	}
	if l.Signatory.IsZero() {
		l.Signatory = HeadSignatory(l.Office)
	}
	if l.Draft {
		l.Number = draftNumber
	}
	return l
}

// RenderSubmissionLetter writes the surat usulan, with its daftar nominatif
// as an attachment (landscape pages) when it has rows.
func RenderSubmissionLetter(w io.Writer, l SubmissionLetter) error {
	fs := loadedFonts()
	if fs.err != nil {
		return fs.err
	}
	l = l.withDefaults()
	d := newDoc(fs, docMeta{
		title:   "Surat " + l.Hal,
		subject: "Nomor " + l.Number,
		author:  l.Office.Name,
		date:    l.Date,
	})
	d.draft = l.Draft
	if l.Draft {
		d.footerNote = draftFooter
	}
	l.draw(d)
	return d.output(w)
}

// draw lays the letter out on d from a new page (l has its defaults).
func (l SubmissionLetter) draw(d *doc) {
	d.letter(l.Office, l.Date, []metaField{
		{"Nomor", l.Number}, {"Sifat", l.Sifat}, {"Lampiran", l.Lampiran}, {"Hal", l.Hal},
	}, l.Addressee, l.AddresseeCity, l.Body)
	d.skip(6)
	d.signature(l.Signatory, "")
	d.skip(6)
	d.tembusan(l.Tembusan)
	if !l.Draft && (l.VerifyCode != "" || l.VerifyURL != "") {
		d.verifyBlock(l.VerifyCode, l.VerifyURL, issuerName)
	}
	if len(l.Rows) > 0 {
		d.nominative(l)
	}
}

// letter draws the first page of a letter up to the end of the body.
func (d *doc) letter(o Office, date models.Date, fields []metaField,
	addressee, city string, body []string) {
	d.newPage(portrait, letterMargins)
	d.kop(o)
	placeDate := o.place() + ", " + date.Indonesian()
	d.letterMeta(fields, placeDate)
	d.skip(6)
	d.addressee(addressee, city)
	d.skip(6)
	d.paragraphs(body, 11, 5.6, 2.8)
}

// nominative draws the daftar nominatif on landscape pages.
func (d *doc) nominative(l SubmissionLetter) {
	newPage := func() { d.newPage(landscape, landscapeMargins) }
	newPage()
	// Attachment heading, top right (TND: LAMPIRAN / SURAT ... / NOMOR / TANGGAL).
	const lineH = 4.4
	const blockW = 118.0
	x := d.right() - blockW
	d.font("", 9)
	signer := strings.TrimSuffix(strings.TrimSpace(strings.Split(l.Signatory.Title, "\n")[0]), ",")
	if signer == "" || strings.HasPrefix(strings.ToLower(signer), "a.n") {
		signer = "Kepala"
	}
	d.text(x, d.y(), blockW, lineH, "LAMPIRAN", "L")
	d.skip(lineH)
	d.lines(x, blockW, lineH, strings.ToUpper("Surat "+signer+" "+l.Office.Name), "L")
	d.keyValues(x, blockW, []metaField{{"NOMOR", l.Number}, {"TANGGAL", indonesianDate(l.Date)}}, 9, lineH)
	d.skip(5)
	title := "DAFTAR NOMINATIF USULAN PENGANGKATAN DALAM JABATAN FUNGSIONAL"
	if pos := joinNonEmpty(" ", l.Position, l.Level); pos != "" {
		title += " " + strings.ToUpper(pos)
	}
	if r := strings.TrimSpace(l.Route); r == models.KenaikanJenjang.Label() {
		title = "DAFTAR NOMINATIF " + strings.ToUpper(DefaultSubmissionHal(SubmissionLetter{Position: l.Position, Level: l.Level, Route: r}))
	} else if r != "" {
		title += "\nMELALUI " + strings.ToUpper(r)
	}
	d.heading(title, 11)
	d.heading(strings.ToUpper(l.Office.Name), 11)
	d.skip(4)

	t := &table{
		cols: []column{
			{"No.", 9, "C"},
			{"Nama / NIP", 54, "L"},
			{"Tempat, Tanggal Lahir", 36, "L"},
			{"Pangkat/Gol. TMT", 35, "L"},
			{"Pendidikan", 33, "L"},
			{"Jabatan Saat Ini", 36, "L"},
			{"Jabatan yang Diusulkan", 36, "L"},
			{"Ket.", 28, "L"},
		},
		size: 8.5, headSize: 8.5, lineH: 3.9, padX: 1.5, padY: 1.4,
		newPage:      newPage,
		keepWithLast: d.signatureHeight(l.Signatory, "", 6),
	}
	rows := make([][]cell, len(l.Rows))
	for i, r := range l.Rows {
		var birth cell
		switch place, date := strings.TrimSpace(r.BirthPlace), r.BirthDate.Indonesian(); {
		case place != "" && date != "":
			birth = cell{{text: place + ","}, {text: date}}
		default:
			birth = txt(place + date)
		}
		rank := cell{{text: r.Rank}}
		if !r.RankTMT.IsZero() {
			rank = append(rank, span{text: "TMT " + r.RankTMT.Indonesian()})
		}
		name := cell{{text: r.Name}}
		if r.NIP != "" {
			name = append(name, span{text: "NIP " + r.NIP})
		}
		rows[i] = []cell{
			txt(itoa(i + 1)), name, birth, rank, txt(r.Education),
			txt(r.CurrentPosition), txt(r.ProposedPosition), txt(r.Notes),
		}
	}
	d.drawTable(t, rows)
	d.skip(6)
	d.onBreak = newPage
	d.signature(l.Signatory, "")
}
