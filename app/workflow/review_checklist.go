package workflow

import "github.com/kemenagjateng/usulan/models"

// ChecklistDoc is one required document of a proposal (DOMAIN.md §3.1): a
// PDF or image the office uploads and the verifier checks. The table below is
// the one place that says which document each route needs; the upload form,
// the review page, the verification sheet and the tests all read it.
type ChecklistDoc struct {
	ID    string // stable id, used in URLs, the API ("doc:<id>") and findings
	Label string // Indonesian name on pages and the verification sheet
	// Kind is the proposal kind that needs it ("jft" or "staffing").
	Kind string
	// Routes are the JFT routes that need it; empty means every route.
	Routes []models.Route
	// PerProposal documents are one for the whole proposal (e.g. the proof
	// of vacancy); the others are one per candidate.
	PerProposal bool
	// NotForCPNS documents do not exist yet for a CPNS candidate (no SK PNS
	// before the PNS appointment).
	NotForCPNS bool
	Basis      string // where the requirement comes from, with its confidence
}

// Checklist is the table of required documents. JFT documents follow
// DOMAIN.md §3.1 [M]; the staffing documents are common practice [L].
var Checklist = []ChecklistDoc{
	{ID: "sk_cpns", Label: "SK CPNS", Kind: models.KindJFT, Basis: "DOMAIN.md §3.1 [M]"},
	{ID: "sk_pns", Label: "SK PNS", Kind: models.KindJFT, NotForCPNS: true, Basis: "DOMAIN.md §3.1 [M]"},
	{ID: "sk_pangkat", Label: "SK pangkat terakhir", Kind: models.KindJFT, Basis: "DOMAIN.md §3.1 [M]"},
	{ID: "sk_jabatan", Label: "SK jabatan terakhir", Kind: models.KindJFT, Basis: "DOMAIN.md §3.1 [M]"},
	{ID: "ijazah", Label: "Ijazah dan transkrip nilai", Kind: models.KindJFT, Basis: "DOMAIN.md §3.1 [M]"},
	{ID: "skp", Label: "SKP/penilaian kinerja tahun yang disyaratkan", Kind: models.KindJFT, Basis: "DOMAIN.md §3.1 [M]"},
	{ID: "sehat", Label: "Surat keterangan sehat", Kind: models.KindJFT, Basis: "DOMAIN.md §3.1 [M]"},
	{ID: "integritas", Label: "Pakta integritas dan pernyataan tidak sedang menjalani hukuman disiplin",
		Kind: models.KindJFT, Basis: "DOMAIN.md §3.1 [M]"},
	{ID: "pengalaman", Label: "Bukti pengalaman di bidang tugas", Kind: models.KindJFT,
		Routes: []models.Route{models.Perpindahan}, Basis: "DOMAIN.md §3.1 [M]"},
	{ID: "ukom", Label: "Sertifikat uji kompetensi atau rekomendasi instansi pembina", Kind: models.KindJFT,
		Routes: []models.Route{models.Perpindahan, models.Promosi, models.KenaikanJenjang}, Basis: "DOMAIN.md §3.1 [M]"},
	{ID: "pak", Label: "Penetapan Angka Kredit (PAK) terakhir", Kind: models.KindJFT,
		Routes: []models.Route{models.KenaikanJenjang}, Basis: "PermenPANRB 1/2023; Peraturan BKN 3/2023 [H]"},
	{ID: "formasi", Label: "Bukti formasi/kebutuhan (peta jabatan)", Kind: models.KindJFT, PerProposal: true,
		Basis: "DOMAIN.md §3.1 [M]"},
	{ID: "abk", Label: "Analisis beban kerja/justifikasi kebutuhan", Kind: models.KindStaffing, PerProposal: true,
		Basis: "praktik umum [L]"},
	{ID: "anggaran", Label: "Bukti ketersediaan anggaran (DIPA/POK)", Kind: models.KindStaffing, PerProposal: true,
		Basis: "praktik umum [L]"},
}

// ChecklistFor lists the documents a proposal of kind on route needs, in
// table order.
func ChecklistFor(kind string, route models.Route) []ChecklistDoc {
	var out []ChecklistDoc
	for _, d := range Checklist {
		if d.Kind != kind {
			continue
		}
		if len(d.Routes) > 0 && !containsRoute(d.Routes, route) {
			continue
		}
		out = append(out, d)
	}
	return out
}

// ChecklistDocByID finds a document of the table.
func ChecklistDocByID(id string) (ChecklistDoc, bool) {
	for _, d := range Checklist {
		if d.ID == id {
			return d, true
		}
	}
	return ChecklistDoc{}, false
}

// appliesTo reports whether d is needed for a candidate of the given
// employment status (subject "" = the proposal itself).
func (d ChecklistDoc) appliesTo(perCandidate bool, status models.EmploymentStatus) bool {
	if d.PerProposal == perCandidate {
		return false
	}
	return !(d.NotForCPNS && status == models.EmploymentCPNS)
}

func containsRoute(rs []models.Route, r models.Route) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}
