package documents

import (
	"io"
	"strings"
)

// formMargins are the margins of forms and lists (portrait).
var formMargins = margins{l: 20, t: 12, r: 15, b: 18}

// DefaultLegalBases are printed on a verification sheet that lists none.
var DefaultLegalBases = []string{
	"Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;",
	"Peraturan Pemerintah Nomor 11 Tahun 2017 (PP 11/2017) tentang Manajemen Pegawai Negeri Sipil sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020;",
	"Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 1 Tahun 2023 (PermenPANRB 1/2023) tentang Jabatan Fungsional;",
	"Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi tentang jabatan fungsional yang diusulkan (PermenPANRB 32/2020 untuk Pranata Komputer; PermenPANRB 6/2014 untuk Pranata Hubungan Masyarakat).",
}

// resultTone colours a rule or checklist result.
func resultTone(result string) tone {
	r := strings.ToLower(strings.TrimSpace(result))
	switch {
	case strings.HasPrefix(r, "tidak memenuhi"), strings.HasPrefix(r, "tidak sesuai"),
		strings.HasPrefix(r, "belum"), strings.HasPrefix(r, "ditolak"):
		return toneRed
	case strings.HasPrefix(r, "memenuhi"), strings.HasPrefix(r, "sesuai"), strings.HasPrefix(r, "lengkap"):
		return toneGreen
	case strings.HasPrefix(r, "tidak berlaku"):
		return toneGrey
	case r == "":
		return toneBlack
	}
	return toneAmber
}

// RenderVerificationSheet writes the lembar verifikasi: per candidate each
// requirement with its result and legal basis, the document checklist, the
// conclusion and the verifier's signature.
func RenderVerificationSheet(w io.Writer, v VerificationSheet) error {
	fs := loadedFonts()
	if fs.err != nil {
		return fs.err
	}
	d := newDoc(fs, docMeta{
		title:   "Lembar Verifikasi Usulan " + v.ProposalNumber,
		subject: "Usulan " + joinNonEmpty(" ", v.Position, v.Level) + " - " + v.ProposalOffice,
		author:  v.Kanwil.Name,
		date:    v.Date,
	})
	d.draft = v.Draft
	if v.Draft {
		d.footerNote = "DRAF \u2014 hasil verifikasi belum final."
	}
	newPage := func() { d.newPage(portrait, formMargins) }
	d.onBreak = newPage
	newPage()
	d.kop(v.Kanwil)

	title := "LEMBAR VERIFIKASI\nUSULAN PENGANGKATAN DALAM JABATAN FUNGSIONAL"
	if pos := joinNonEmpty(" ", v.Position, v.Level); pos != "" {
		title += "\n" + strings.ToUpper(pos)
	}
	d.heading(title, 11.5)
	d.skip(4)

	info := []metaField{
		{"Nomor surat usulan", v.ProposalNumber},
		{"Tanggal surat usulan", indonesianDate(v.ProposalDate)},
		{"Kantor pengusul", v.ProposalOffice},
		{"Jabatan fungsional", joinNonEmpty(" ", v.Position, v.Level)},
		{"Jalur pengangkatan", v.Route},
		{"Jumlah calon", countWords(len(v.Candidates)) + " orang"},
	}
	d.keyValues(d.left(), d.contentW(), info, 10, 5)
	d.skip(3)

	bases := v.LegalBases
	if len(bases) == 0 {
		bases = DefaultLegalBases
	}
	d.subheading("Dasar Hukum", 10, 10)
	d.skip(0.5)
	d.numbered(d.left(), d.contentW(), bases, 9, 4.3)
	d.skip(4)

	for i, c := range v.Candidates {
		d.candidateSection(i, c, newPage)
	}

	d.skip(2)
	sig := Signatory{Title: "Verifikator", Name: v.VerifierName, NIP: v.VerifierNIP}
	sigDate := v.Kanwil.place() + ", " + indonesianDate(v.Date)
	if s := strings.TrimSpace(v.Conclusion); s != "" {
		// Keep the conclusion with the signature: a signature alone on the
		// last page is what a forger would want.
		d.ensure(12 + d.signatureHeight(sig, sigDate, 7))
		d.font("B", 10.5)
		d.ensure(12)
		label := "Kesimpulan: "
		lw := d.width(label)
		d.text(d.left(), d.y(), lw, 5.5, label, "L")
		d.setTone(resultTone(s))
		d.lines(d.left()+lw, d.contentW()-lw, 5.5, strings.ToUpper(s), "L")
		d.setTone(toneBlack)
		d.skip(3)
	}
	if s := strings.TrimSpace(v.DecisionNote); s != "" {
		d.box("Catatan verifikator", s, 11, 107, 58)
		d.skip(3)
	}
	if s := strings.TrimSpace(v.OverrideNote); s != "" {
		d.box("Alasan kantor pengusul tetap mengajukan (syarat tidak terpenuhi)", s, 150, 90, 0)
		d.skip(3)
	}
	d.skip(4)
	d.signature(sig, sigDate)
	if !v.Draft && (v.VerifyCode != "" || v.VerifyURL != "") {
		d.verifyBlock(v.VerifyCode, v.VerifyURL, issuerName)
	}
	return d.output(w)
}

// candidateSection prints one candidate's rules and checklist.
func (d *doc) candidateSection(i int, c VerifiedCandidate, newPage func()) {
	head := itoa(i+1) + ". " + strings.TrimSpace(c.Name)
	if c.NIP != "" {
		head += "  \u2014  NIP " + c.NIP
	}
	// Keep the heading with the table header and a first row.
	d.subheading(head, 10, 28)
	d.skip(1.5)

	rules := &table{
		cols: []column{
			{"No.", 8, "C"},
			{"Persyaratan", 52, "L"},
			{"Hasil", 24, "L"},
			{"Dasar Hukum", 42, "L"},
			{"Temuan dan Catatan", 49, "L"},
		},
		size: 8.5, headSize: 8.5, lineH: 3.8, padX: 1.4, padY: 1.3,
		newPage: newPage,
	}
	rows := make([][]cell, len(c.Rules))
	for j, r := range c.Rules {
		req := cell{{text: r.Rule, bold: true}}
		if s := strings.TrimSpace(r.Detail); s != "" {
			req = append(req, span{text: s})
		}
		var notes cell
		if s := strings.TrimSpace(r.Finding); s != "" {
			notes = append(notes, span{text: s})
		}
		if s := strings.TrimSpace(r.Note); s != "" {
			notes = append(notes, span{text: "Catatan: " + s, color: toneGrey})
		}
		rows[j] = []cell{
			txt(itoa(j + 1)), req,
			{{text: r.Result, bold: true, color: resultTone(r.Result)}},
			txt(r.Basis), notes,
		}
	}
	if len(rows) > 0 {
		d.drawTable(rules, rows)
		d.skip(3)
	}

	if len(c.Checklist) > 0 {
		d.subheading("Kelengkapan dokumen", 9.5, 16)
		d.skip(1)
		docs := &table{
			cols: []column{
				{"No.", 8, "C"},
				{"Dokumen", 72, "L"},
				{"Hasil Pemeriksaan", 35, "L"},
				{"Catatan", 60, "L"},
			},
			size: 8.5, headSize: 8.5, lineH: 3.8, padX: 1.4, padY: 1.3,
			newPage: newPage,
		}
		rows := make([][]cell, len(c.Checklist))
		for j, it := range c.Checklist {
			rows[j] = []cell{
				txt(itoa(j + 1)), txt(it.Document),
				{{text: it.Finding, bold: true, color: resultTone(it.Finding)}},
				txt(it.Note),
			}
		}
		d.drawTable(docs, rows)
		d.skip(2)
	}
	if s := strings.TrimSpace(c.Conclusion); s != "" {
		d.font("", 9.5)
		d.ensure(5)
		label := "Kesimpulan untuk calon ini: "
		lw := d.width(label)
		d.text(d.left(), d.y(), lw, 4.6, label, "L")
		d.font("B", 9.5)
		d.setTone(resultTone(s))
		d.lines(d.left()+lw, d.contentW()-lw, 4.6, s, "L")
		d.setTone(toneBlack)
	}
	d.skip(5)
}
