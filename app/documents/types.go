package documents

import (
	"strings"
	"time"

	"github.com/kemenagjateng/usulan/models"
)

// OfficeKind tells the provincial office from the regency and city offices.
type OfficeKind string

// The three kinds of office (DOMAIN.md §1).
const (
	KindKanwil    OfficeKind = "kanwil"
	KindKabupaten OfficeKind = "kabupaten"
	KindKota      OfficeKind = "kota"
)

// DefaultAddressee is the usual addressee of a regency office's letter.
const DefaultAddressee = "Kepala Kantor Wilayah Kementerian Agama Provinsi Jawa Tengah"

// DefaultAddresseeCity is where the default addressee sits.
const DefaultAddresseeCity = "Semarang"

// Office is what a letterhead (kop surat) and a signature block need to know
// about an office. It is a plain copy of the editable office record.
type Office struct {
	Code      string     // "Kk.11.03" (Kw.11 for the kanwil)
	Kind      OfficeKind // kanwil, kabupaten or kota
	Name      string     // "Kantor Kementerian Agama Kabupaten Purbalingga"
	City      string     // place printed before the date: "Purbalingga"
	Address   string     // "Jalan Letkol Isdiman Nomor 2, Purbalingga 53311"
	Phone     string     // "(0281) 891016"
	Fax       string     // optional
	Website   string     // "purbalingga.kemenag.go.id"
	Email     string     // "kabpurbalingga@kemenag.go.id"
	HeadName  string     // name of the head of office, with titles
	HeadNIP   string     // 18-digit NIP of the head of office
	HeadTitle string     // title in the signature block, e.g. "Kepala"; defaults to "Kepala"
	// Emblem is the ministry emblem (PNG) printed at the left of the
	// letterhead; none when empty.
	Emblem []byte
}

// place is the city printed before a date ("Purbalingga, 30 November 2026").
func (o Office) place() string {
	if s := strings.TrimSpace(o.City); s != "" {
		return s
	}
	// Fall back to the last word(s) of the name: "... Kabupaten Purbalingga".
	name := strings.TrimSpace(o.Name)
	for _, sep := range []string{" Kabupaten ", " Kota ", " Provinsi "} {
		if i := strings.LastIndex(name, sep); i >= 0 {
			return strings.TrimSpace(name[i+len(sep):])
		}
	}
	return name
}

// Signatory is the official who signs a document.
type Signatory struct {
	// Title is printed above the signature space, one line per "\n", for example
	// "Kepala," or "a.n. Kepala,\nKepala Subbagian Tata Usaha,". A missing
	// trailing comma is added.
	Title string
	Name  string // printed bold, exactly as given
	NIP   string // printed as "NIP 19...", omitted when empty
}

// IsZero reports whether no signatory was given.
func (s Signatory) IsZero() bool { return s.Title == "" && s.Name == "" && s.NIP == "" }

// HeadSignatory is the head of office as the signatory ("Kepala,").
func HeadSignatory(o Office) Signatory {
	title := strings.TrimSpace(o.HeadTitle)
	if title == "" {
		title = "Kepala"
	}
	return Signatory{Title: title, Name: o.HeadName, NIP: o.HeadNIP}
}

// NominativeRow is one candidate in a daftar nominatif (the snapshot taken at
// filing). Every text is printed exactly as given.
type NominativeRow struct {
	Name             string      // full name with front and back titles
	NIP              string      // 18 digits, printed once
	BirthPlace       string      // "Purbalingga"
	BirthDate        models.Date // printed "17 Agustus 1995"
	Rank             string      // "Penata Muda (III/a)"
	RankTMT          models.Date // TMT of the rank
	Education        string      // "S1 Teknik Informatika"
	CurrentPosition  string      // "Pengelola Data" (with unit, if wanted)
	ProposedPosition string      // "Pranata Komputer Ahli Pertama"
	Notes            string      // Keterangan; must not repeat the NIP
}

// SubmissionLetter is the surat usulan from a Kantor Kementerian Agama to the
// Kepala Kanwil, with its daftar nominatif as an attachment.
type SubmissionLetter struct {
	Office   Office
	Number   string      // letter number; ignored (not printed) in a draft
	Date     models.Date // letter date
	Sifat    string      // default "Biasa"
	Lampiran string      // default "1 (satu) berkas"
	Hal      string      // default built from Position, Level and Route

	Addressee     string // default DefaultAddressee
	AddresseeCity string // default DefaultAddresseeCity

	// Position, Level and Route are labels ("Pranata Komputer", "Ahli
	// Pertama", "Pengangkatan Pertama") used by the default Hal, body and
	// attachment title.
	Position string
	Level    string
	Route    string

	// Body holds the body paragraphs; when empty DefaultSubmissionBody is used.
	Body []string

	Signatory Signatory // default HeadSignatory(Office)
	Tembusan  []string  // copies to, printed as a numbered list

	Rows []NominativeRow // the daftar nominatif; no attachment when empty

	// Draft prints a "DRAF" watermark on every page and no letter number.
	Draft bool
	// VerifyCode and VerifyURL, for an issued letter, print a QR code of
	// VerifyURL and the code at the foot of the letter's last page.
	VerifyCode string
	VerifyURL  string
}

// RuleResult is one requirement checked for one candidate.
type RuleResult struct {
	Rule    string // "Batas usia paling tinggi"
	Result  string // "Memenuhi", "Tidak memenuhi", "Data belum lengkap", "Perlu penilaian", "Tidak berlaku"
	Detail  string // what the rule asks, e.g. "Usia paling tinggi 53 tahun"
	Basis   string // legal basis, e.g. "PermenPANRB 1/2023 Pasal 19"
	Finding string // what was found, e.g. "Usia 31 tahun 2 bulan"
	Note    string // verifier's note
}

// ChecklistItem is one required document as checked by the verifier.
type ChecklistItem struct {
	Document string // "SK pangkat terakhir"
	Finding  string // "Sesuai", "Tidak sesuai", "Belum diunggah"
	Note     string
}

// VerifiedCandidate is one candidate's part of a verification sheet.
type VerifiedCandidate struct {
	Name       string
	NIP        string
	Rules      []RuleResult
	Checklist  []ChecklistItem
	Conclusion string // per-candidate conclusion, e.g. "Memenuhi syarat"; optional
}

// VerificationSheet is the lembar verifikasi the provincial verifier fills in.
type VerificationSheet struct {
	Kanwil Office // letterhead and place of signing

	ProposalNumber string      // letter number of the proposal
	ProposalDate   models.Date // letter date of the proposal
	ProposalOffice string      // "Kantor Kementerian Agama Kabupaten Purbalingga"

	Position string // "Pranata Komputer"
	Level    string // "Ahli Pertama"
	Route    string // "Pengangkatan Pertama"

	// LegalBases are listed under "Dasar Hukum"; when empty a default list of
	// the cross-JF regulations is printed.
	LegalBases []string

	Candidates []VerifiedCandidate

	Conclusion string // overall conclusion, e.g. "Memenuhi syarat"
	// DecisionNote is the verifier's note on the decision (verify or
	// reject), printed under the conclusion as "Catatan verifikator".
	DecisionNote string
	// OverrideNote is the office's reason for submitting despite a failed
	// rule (the kepala's), printed as such.
	OverrideNote string

	VerifierName string
	VerifierNIP  string
	Date         models.Date // date of verification
	Draft        bool        // watermark "DRAF"
	// VerifyCode and VerifyURL, for an issued sheet, print a QR code of
	// VerifyURL and the code at the foot of the last page.
	VerifyCode string
	VerifyURL  string
}

// Qualification is one row of a staffing request's qualification table.
type Qualification struct {
	Education string // "S1" or "SMA/SMK"
	Field     string // "Teknik Informatika"
	AgeMin    int    // 0 when there is no lower bound
	AgeMax    int    // 0 when there is no upper bound
	Skills    string // "Pengelolaan laman web, desain grafis"
}

// StaffingLetter is the usulan tenaga pendukung, printed as a letter with its
// justification.
type StaffingLetter struct {
	Office   Office
	Number   string // ignored in a draft
	Date     models.Date
	Draft    bool
	Sifat    string // default "Biasa"
	Lampiran string // default "-"
	Hal      string // default "Usulan Kebutuhan Tenaga Pendukung"

	Addressee     string // default DefaultAddressee
	AddresseeCity string // default DefaultAddresseeCity

	Body []string // opening paragraphs; a default is built when empty

	Title          string // position title, e.g. "Pengelola Laman dan Media Sosial"
	Count          int    // number of people asked for
	Mechanism      string // label, e.g. "Alih daya (outsourcing) melalui pengadaan jasa"
	Qualifications []Qualification
	Tasks          []string
	Justification  []string // paragraphs
	PeriodStart    models.Date
	PeriodEnd      models.Date
	MonthlyPay     int64  // whole rupiah per person per month
	BudgetSource   string // "DIPA Kantor Kementerian Agama Kabupaten Purbalingga Tahun Anggaran 2027, akun 521219"

	// Warning, when not empty, is printed in a box before the details: the
	// caller's statement that the mechanism is not lawful on the letter's date
	// and why.
	Warning string
	// LegalNotes are printed under "Catatan" (lawfulness notes, pay cap source).
	LegalNotes []string

	Signatory  Signatory // default HeadSignatory(Office)
	Tembusan   []string
	VerifyCode string
	VerifyURL  string
}

// RecapRow is one office's counts, in the order of Recap.Statuses.
type RecapRow struct {
	Office string
	Counts []int
}

// Recap is the provincial recapitulation of proposals per office and status.
type Recap struct {
	Kanwil   Office      // letterhead
	Title    string      // default "REKAPITULASI USULAN"
	Subtitle string      // optional second title line
	From     models.Date // period start
	To       models.Date // period end
	Date     models.Date // date printed above the signature
	Statuses []string    // column labels ("Draf", "Diajukan", ...)
	Rows     []RecapRow
	// Signatory signs the recap; nothing is printed when it is zero.
	Signatory Signatory
	Draft     bool
}

// ProposalListRow is one proposal in a spreadsheet export of a list.
type ProposalListRow struct {
	ID           string // proposal number or id, written as text
	Office       string
	Kind         string // "Jabatan Fungsional" / "Tenaga Pendukung"
	Title        string // position or staffing title
	Level        string
	Route        string
	Status       string // label
	LetterNumber string
	Candidates   int
	CreatedAt    time.Time // instants, shown in Asia/Jakarta
	UpdatedAt    time.Time
}
