package documents

import (
	"fmt"
	"time"

	"github.com/kemenagjateng/usulan/models"
)

// The names integrators check character for character.
var hardNames = []string{
	"Siti Nur\u2019aini, S.Kom.",
	"Dr. H. Mu\u1e25ammad \u1e24afi\u1e93, M.Kom.",
	"Ren\u00e9 Wibowo, A.Md.",
	"Drs. H. Ahmad Muhdzir, M.Pd.I.",
}

func purbalingga() Office {
	return Office{
		Code:     "Kk.11.03",
		Kind:     KindKabupaten,
		Name:     "Kantor Kementerian Agama Kabupaten Purbalingga",
		City:     "Purbalingga",
		Address:  "Jalan Letkol Isdiman Nomor 2, Purbalingga 53311",
		Phone:    "(0281) 891016",
		Fax:      "(0281) 891016",
		Website:  "purbalingga.kemenag.go.id",
		Email:    "kabpurbalingga@kemenag.go.id",
		HeadName: "H. Akhmad Sodiq, S.Ag., M.Si.",
		HeadNIP:  "197003051996031002",
	}
}

func kanwil() Office {
	return Office{
		Code:     "Kw.11",
		Kind:     KindKanwil,
		Name:     "Kantor Wilayah Kementerian Agama Provinsi Jawa Tengah",
		City:     "Semarang",
		Address:  "Jalan Sisingamangaraja Nomor 5, Semarang 50232",
		Phone:    "(024) 8310062",
		Fax:      "(024) 8413326",
		Website:  "jateng.kemenag.go.id",
		Email:    "kanwiljateng@kemenag.go.id",
		HeadName: "Dr. H. Saiful Mujab, M.A.",
		HeadNIP:  "196806121994031004",
	}
}

// candidateNIP builds a distinct, well-formed NIP for candidate i.
func candidateNIP(i int) string {
	birth := models.NewDate(1980+i%15, time.Month(1+i%12), 1+i%28)
	return fmt.Sprintf("%04d%02d%02d2015%02d%d%03d", birth.Year, int(birth.Month), birth.Day, 1+i%12, 1+i%2, i+1)
}

func candidateRows(n int) []NominativeRow {
	rows := make([]NominativeRow, n)
	for i := range rows {
		name := fmt.Sprintf("Pegawai Nomor %d, S.Kom.", i+1)
		if i < len(hardNames) {
			name = hardNames[i]
		}
		notes := ""
		if i%7 == 3 {
			notes = "Formasi tahun 2026 tersedia"
		}
		rows[i] = NominativeRow{
			Name:             name,
			NIP:              candidateNIP(i),
			BirthPlace:       []string{"Purbalingga", "Banyumas", "Kabupaten Banjarnegara", "Semarang"}[i%4],
			BirthDate:        models.NewDate(1980+i%15, time.Month(1+i%12), 1+i%28),
			Rank:             []string{"Penata Muda (III/a)", "Penata Muda Tingkat I (III/b)", "Pengatur (II/c)"}[i%3],
			RankTMT:          models.NewDate(2021, time.April, 1),
			Education:        []string{"S1 Teknik Informatika", "D3 Manajemen Informatika", "S2 Ilmu Komputer"}[i%3],
			CurrentPosition:  []string{"Pengelola Data", "Pranata Kearsipan pada Subbagian Tata Usaha", "Pengadministrasi Umum"}[i%3],
			ProposedPosition: "Pranata Komputer Ahli Pertama",
			Notes:            notes,
		}
	}
	return rows
}

func sampleLetter(n int) SubmissionLetter {
	return SubmissionLetter{
		Office:     purbalingga(),
		Number:     "B-1234/Kk.11.03/1/KP.07.6/11/2026",
		Date:       models.MustDate("2026-11-30"),
		Position:   "Pranata Komputer",
		Level:      "Ahli Pertama",
		Route:      "Pengangkatan Pertama",
		Tembusan:   []string{"Kepala Kantor Wilayah Kementerian Agama Provinsi Jawa Tengah (sebagai laporan)", "Kepala Subbagian Tata Usaha Kantor Kementerian Agama Kabupaten Purbalingga"},
		Rows:       candidateRows(n),
		VerifyCode: "ABCD-1234",
		VerifyURL:  "https://usulan.jateng.kemenag.go.id/v/ABCD-1234",
	}
}

func sampleVerification() VerificationSheet {
	rows := candidateRows(3)
	v := VerificationSheet{
		Kanwil:         kanwil(),
		ProposalNumber: "B-1234/Kk.11.03/1/KP.07.6/11/2026",
		ProposalDate:   models.MustDate("2026-11-30"),
		ProposalOffice: "Kantor Kementerian Agama Kabupaten Purbalingga",
		Position:       "Pranata Komputer",
		Level:          "Ahli Pertama",
		Route:          "Pengangkatan Pertama",
		Conclusion:     "Memenuhi syarat",
		OverrideNote:   "Predikat kinerja 2025 belum terbit; verifikator menerima SKP periode berjalan sebagai pengganti.",
		VerifierName:   "Ren\u00e9 Kusuma Wardhani, S.H.",
		VerifierNIP:    "198904122015032001",
		Date:           models.MustDate("2026-12-03"),
	}
	for i, r := range rows {
		c := VerifiedCandidate{Name: r.Name, NIP: r.NIP, Conclusion: "Memenuhi syarat"}
		c.Rules = []RuleResult{
			{Rule: "Status kepegawaian", Result: "Memenuhi", Detail: "Berstatus PNS", Basis: "PermenPANRB 1/2023 Pasal 19 ayat (1) huruf a", Finding: "PNS sejak 1 April 2016"},
			{Rule: "Batas usia", Result: "Memenuhi", Detail: "Usia paling tinggi 53 tahun pada saat pengangkatan", Basis: "PP 11/2017 jo. PP 17/2020 Pasal 127", Finding: "Usia 31 tahun"},
			{Rule: "Pendidikan", Result: []string{"Memenuhi", "Perlu penilaian", "Memenuhi"}[i], Detail: "Paling rendah S1/D4 bidang informatika, komputer atau yang relevan", Basis: "PermenPANRB 32/2020 Pasal 26", Finding: r.Education, Note: []string{"", "Relevansi program studi perlu dinilai pembina", ""}[i]},
			{Rule: "Predikat kinerja", Result: []string{"Memenuhi", "Memenuhi", "Data belum lengkap"}[i], Detail: "Paling rendah Baik dalam 2 (dua) tahun terakhir", Basis: "PermenPANRB 1/2023 Pasal 19 ayat (1) huruf e", Finding: "2024: Baik; 2025: Baik"},
			{Rule: "Uji kompetensi", Result: "Tidak berlaku", Detail: "Hanya untuk perpindahan dan promosi", Basis: "PermenPANRB 1/2023 Pasal 21"},
		}
		c.Checklist = []ChecklistItem{
			{Document: "SK CPNS", Finding: "Sesuai"},
			{Document: "SK PNS", Finding: "Sesuai"},
			{Document: "SK pangkat terakhir", Finding: "Sesuai"},
			{Document: "Ijazah dan transkrip", Finding: "Sesuai", Note: "Legalisir 2024"},
			{Document: "SKP 2 (dua) tahun terakhir", Finding: []string{"Sesuai", "Sesuai", "Belum diunggah"}[i]},
			{Document: "Surat keterangan sehat", Finding: "Sesuai"},
		}
		v.Candidates = append(v.Candidates, c)
	}
	return v
}

func sampleStaffing() StaffingLetter {
	return StaffingLetter{
		Office: purbalingga(),
		Number: "B-88/Kk.11.03/1/KP.00.1/11/2026",
		Date:   models.MustDate("2026-11-30"),
		Title:  "Pengelola Laman dan Media Sosial",
		Count:  2,
		// A new honorer appointment after 31 October 2023: the caller flags it.
		Mechanism: "Pengangkatan tenaga honorer (pramubakti) oleh kantor",
		Qualifications: []Qualification{
			{Education: "S1/D3", Field: "Teknik Informatika, Sistem Informasi atau Ilmu Komunikasi", AgeMin: 18, AgeMax: 35, Skills: "Pengelolaan laman (CMS), desain grafis, penulisan berita"},
			{Education: "SMK", Field: "Multimedia", AgeMin: 18, AgeMax: 30, Skills: "Fotografi dan videografi kegiatan"},
		},
		Tasks: []string{
			"Memperbarui isi laman purbalingga.kemenag.go.id paling sedikit tiga kali seminggu;",
			"Mengelola akun media sosial resmi kantor dan menjawab pertanyaan masyarakat;",
			"Mendokumentasikan kegiatan kantor dalam foto dan video;",
			"Menyusun laporan bulanan layanan informasi publik kepada PPID.",
		},
		Justification: []string{
			"Pengelolaan laman dan media sosial saat ini dirangkap oleh Kepala Subbagian Tata Usaha yang sekaligus menjabat sebagai PPID, sehingga pembaruan informasi publik sering tertunda.",
			"Tidak terdapat PNS atau PPPK di lingkungan kantor yang memiliki kompetensi dan waktu untuk melaksanakan tugas tersebut secara penuh.",
		},
		PeriodStart:  models.MustDate("2027-01-01"),
		PeriodEnd:    models.MustDate("2027-12-31"),
		MonthlyPay:   2070000,
		BudgetSource: "DIPA Kantor Kementerian Agama Kabupaten Purbalingga Tahun Anggaran 2027, akun 521219",
		Warning: "Sejak 31 Oktober 2023 instansi pemerintah dilarang mengangkat pegawai non-ASN baru " +
			"(Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara Pasal 65 dan 66). " +
			"Mekanisme pengangkatan tenaga honorer yang dipilih tidak dapat diproses; gunakan alih daya melalui " +
			"pengadaan jasa atau PPPK paruh waktu bagi pegawai yang terdata dalam basis data non-ASN BKN.",
		LegalNotes: []string{
			"Batas honorarium mengacu pada Peraturan Menteri Keuangan tentang Standar Biaya Masukan yang berlaku (Jawa Tengah: Rp 2.070.000 per orang per bulan).",
		},
		Tembusan:   []string{"Kepala Subbagian Tata Usaha Kantor Kementerian Agama Kabupaten Purbalingga"},
		VerifyCode: "WXYZ-9876",
		VerifyURL:  "https://usulan.jateng.kemenag.go.id/v/WXYZ-9876",
	}
}

func sampleRecap() Recap {
	names := []string{"Kantor Kementerian Agama Kabupaten Cilacap", "Kantor Kementerian Agama Kabupaten Banyumas",
		"Kantor Kementerian Agama Kabupaten Purbalingga", "Kantor Kementerian Agama Kabupaten Banjarnegara",
		"Kantor Kementerian Agama Kota Semarang", "Kantor Kementerian Agama Kota Tegal"}
	r := Recap{
		Kanwil:    kanwil(),
		From:      models.MustDate("2026-01-01"),
		To:        models.MustDate("2026-11-30"),
		Date:      models.MustDate("2026-11-30"),
		Statuses:  []string{"Draf", "Diajukan", "Diperiksa", "Perlu Perbaikan", "Memenuhi Syarat", "Tidak Memenuhi Syarat", "Diteruskan", "Selesai", "Ditarik"},
		Signatory: Signatory{Title: "a.n. Kepala\nKepala Bagian Tata Usaha", Name: "Drs. H. Mohammad Arief, M.M.", NIP: "196905171994031003"},
	}
	for i, n := range names {
		counts := make([]int, len(r.Statuses))
		for j := range counts {
			counts[j] = (i*3 + j*5) % 7
		}
		r.Rows = append(r.Rows, RecapRow{Office: n, Counts: counts})
	}
	return r
}
