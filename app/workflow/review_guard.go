package workflow

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// LawfulRoutesText names the lawful ways to get support staff since
// 31 October 2023, for messages (the pages list them in views).
const LawfulRoutesText = "Sejak 31 Oktober 2023 instansi dilarang mengangkat pegawai non-ASN baru " +
	"(UU 20/2023 Pasal 65–66). Jalur yang sah: alih daya (outsourcing) melalui pengadaan barang/jasa, " +
	"atau PPPK paruh waktu (mulai 13 Januari 2025) bagi orang yang sudah terdata dalam basis data non-ASN BKN."

// UnlawfulMechanism reports whether a staffing request's mechanism fails
// rule mechanism_lawful on its reference date, with the rule's detail.
func UnlawfulMechanism(p *models.Proposal) (string, bool) {
	if p.Kind != models.KindStaffing || p.Checks == nil {
		return "", false
	}
	var res eligibility.Result
	if json.Unmarshal([]byte(*p.Checks), &res) != nil {
		return "", false
	}
	for _, c := range res.Checks {
		if c.Rule == "mechanism_lawful" && c.Result == eligibility.Fail {
			return c.Detail, true
		}
	}
	return "", false
}

// unlawfulSubmit refuses to submit a staffing request whose mechanism fails
// rule mechanism_lawful: no override note helps and no letter number is spent
// on it (ELIGIBILITY.md §6.3). The message says why and names the lawful routes.
func unlawfulSubmit(p *models.Proposal) error {
	detail, bad := UnlawfulMechanism(p)
	if !bad {
		return nil
	}
	msg := "Permintaan tenaga pendukung ini tidak dapat diajukan karena mekanismenya tidak sah: " +
		strings.TrimSuffix(detail, ".") + "."
	if !strings.Contains(detail, "Jalur yang sah") {
		msg += " " + LawfulRoutesText
	}
	msg += " Ubah mekanismenya lalu ajukan kembali; alasan tetap mengajukan tidak berlaku untuk mekanisme yang tidak sah."
	return apperror.Unprocessable(msg, map[string]string{
		"mechanism": "Mekanisme tidak sah; permintaan tidak dapat diajukan. Pilih alih daya (outsourcing) atau PPPK paruh waktu."})
}

// NeedsVerifyNote reports whether verifying p needs a note: a candidate (or
// the staffing request) fails a rule and was submitted on an override.
func NeedsVerifyNote(p *models.Proposal) bool { return len(failingCandidates(p)) > 0 }

// verifyGuard is what verifying needs beyond the transition table, checked
// before the decision's transaction (in this order):
//   - a staffing request whose mechanism is unlawful is never verified: it
//     goes back for revision or is rejected (UU 20/2023 Pasal 65–66);
//   - no item may be found wanting; the message names every one (the check
//     in the transaction stays, against a finding recorded meanwhile);
//   - a proposal that fails a rule (submitted on an override note) is
//     verified only with a note saying why.
func (s *Service) verifyGuard(ctx context.Context, st *store.Store, cur *models.Proposal, note string) error {
	if detail, bad := UnlawfulMechanism(cur); bad {
		msg := "Permintaan tenaga pendukung ini tidak dapat diverifikasi karena mekanismenya tidak sah: " +
			strings.TrimSuffix(detail, ".") + "."
		if !strings.Contains(detail, "Pasal 65–66") {
			msg += " " + LawfulRoutesText
		}
		msg += " Kembalikan untuk perbaikan agar kantor mengganti mekanismenya, atau tolak."
		return apperror.Unprocessable(msg, map[string]string{
			"mechanism": "Mekanisme tidak sah menurut UU 20/2023 Pasal 65–66; permintaan tidak dapat diverifikasi."})
	}
	findings, err := findingsSnapshot(ctx, st, cur)
	if err != nil {
		return err
	}
	if err := wantingError(findings); err != nil {
		return err
	}
	if err := unacceptedDocumentsError(ctx, st, cur); err != nil {
		return err
	}
	if NeedsVerifyNote(cur) && note == "" {
		return apperror.Unprocessable("Usulan ini tidak memenuhi syarat ("+strings.Join(failingCandidates(cur), "; ")+
			") dan diajukan dengan alasan tetap mengajukan. Tuliskan pada catatan mengapa usulan tetap diverifikasi.",
			map[string]string{"note": "Wajib diisi: jelaskan mengapa usulan yang tidak memenuhi syarat tetap diverifikasi."})
	}
	return nil
}

// wantingError is the 422 for verifying while items are found wanting,
// naming all of them (nil when none is).
func wantingError(findings []WantingItem) error {
	var names []string
	for _, f := range findings {
		if f.Finding != FindingWanting {
			continue
		}
		line := f.Name + " — " + f.Label
		if f.Note != "" {
			line += " (" + f.Note + ")"
		}
		names = append(names, line)
	}
	if len(names) == 0 {
		return nil
	}
	list := strings.Join(names, "; ")
	return apperror.Unprocessable("Masih ada "+strconv.Itoa(len(names))+" butir yang tidak sesuai: "+list+
		". Kembalikan untuk perbaikan, tolak, atau ubah temuannya lebih dahulu.",
		map[string]string{"findings": list})
}
