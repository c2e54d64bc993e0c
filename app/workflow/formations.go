package workflow

import (
	"context"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/staffing"
	"github.com/kemenagjateng/usulan/models"
)

// The staffing plan in the workflow (issue 5): the vacancy rule reads the
// ledger, a submission re-checks the quota inside its transaction, the
// letter's archive classification and the pay caps come from the reference
// data an admin keeps.

// vacancyLedger is the ledger of the proposal's office × position × level ×
// formation year, without the proposal itself, or nil when no formation is
// set (the candidates' own vacancy_available then stands).
func (s *Service) vacancyLedger(ctx context.Context, in *Input, officeCode string, year int) (*staffing.Tally, error) {
	var ids []int64
	if err := s.DB.NewSelect().Table("offices").Column("id").Where("code = ?", officeCode).Scan(ctx, &ids); err != nil {
		return nil, err
	}
	if len(ids) != 1 || in.Kind != models.KindJFT {
		return nil, nil
	}
	officeID := ids[0]
	t, err := staffing.Count(ctx, s.DB, officeID, in.Position, in.Level, year, in.proposalID, false)
	if err != nil || !t.Configured {
		return nil, err
	}
	return &t, nil
}

// applyVacancy decides candidate seq's (1-based) vacancy from the ledger:
// the first Available candidates of the list get a slot, the rest do not.
func applyVacancy(t *staffing.Tally, c eligibility.Candidate, seq int) eligibility.Candidate {
	ok := seq <= t.Available()
	c.VacancyAvailable = &ok
	return c
}

// unconfirmedVacancy: with no quota set by the Kanwil for this office,
// position, level and year, the office's own "formasi tersedia" cannot pass
// the vacancy rule by itself — it becomes a judgement for the verifier, who
// checks the proof of vacancy (peta jabatan/formasi) on the checklist. An
// office that says there is none still fails.
func unconfirmedVacancy(res *eligibility.Result, in *Input, officeCode string, year int) {
	for i := range res.Checks {
		o := &res.Checks[i]
		if o.Rule != "vacancy" || o.Result != eligibility.Pass {
			continue
		}
		o.Result = eligibility.Manual
		o.Detail = fmt.Sprintf("Kanwil belum menetapkan formasi %s %s untuk %s tahun %d; kantor menyatakan formasi "+
			"tersedia — verifikator memeriksa bukti formasi/peta jabatan",
			models.Position(in.Position).Label(), models.Level(in.Level).Label(), officeCode, year)
	}
	res.Recount()
}

// explainVacancy rewrites the vacancy outcome's detail with the ledger's
// numbers, e.g. "formasi Pranata Komputer Ahli Pertama Kk.11.03 tahun 2026:
// kuota 3, terisi 1, dipesan 2 oleh usulan lain, tersisa 0 (3 − 1 − 2); calon
// ke-1 dari 1 dalam usulan ini melebihi sisa formasi".
func explainVacancy(res *eligibility.Result, t *staffing.Tally, in *Input, officeCode string, year, seq, n int) {
	for i := range res.Checks {
		o := &res.Checks[i]
		if o.Rule != "vacancy" {
			continue
		}
		d := ledgerSentence(t, in.Position, in.Level, officeCode, year) + fmt.Sprintf("; calon ke-%d dari %d dalam usulan ini ", seq, n)
		if o.Result == eligibility.Pass {
			d += "mendapat formasi"
		} else {
			d += "melebihi sisa formasi"
		}
		o.Detail = d
	}
}

func ledgerSentence(t *staffing.Tally, position, level, officeCode string, year int) string {
	return fmt.Sprintf("formasi %s %s %s tahun %d: kuota %d, terisi %d, dipesan %d oleh usulan lain yang sedang diproses, tersisa %d (%d − %d − %d)",
		models.Position(position).Label(), models.Level(level).Label(), officeCode, year,
		t.Planned, t.Filled, t.Reserved, t.Available(), t.Planned, t.Filled, t.Reserved)
}

// checkQuota re-counts the formation inside the submit (or resubmit)
// transaction, the formation row locked, after the proposal's own status has
// changed: when its candidates do not fit in what the others left, the
// submission is refused (422) with the numbers. Two submissions racing for
// the last slot are decided one after the other: one succeeds. Proposals of
// offices, positions or levels without a formation are not limited.
func (s *Service) checkQuota(ctx context.Context, tx bun.Tx, prop *models.Proposal) error {
	if prop.Kind != models.KindJFT {
		return nil
	}
	year := staffing.YearOf(prop, models.DateOf(s.Now().In(models.Jakarta)))
	t, err := staffing.Count(ctx, tx, prop.OfficeID, prop.Position, prop.Level, year, prop.ID, true)
	if err != nil || !t.Configured {
		return err
	}
	n := len(prop.Candidates)
	if n <= t.Available() {
		return nil
	}
	code := ""
	if prop.Office != nil {
		code = prop.Office.Code
	}
	msg := "Formasi tidak cukup: " + ledgerSentence(&t, prop.Position, prop.Level, code, year) +
		fmt.Sprintf(", sedangkan usulan ini memuat %d calon.", n)
	return apperror.Unprocessable(upperFirst(msg)+" Kurangi calon, tunggu formasi terbuka, atau minta admin menambah kuota.",
		map[string]string{"vacancy": msg})
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// classificationFor is the archive classification of a letter of kind
// dated d: the one an admin set, or the built-in one.
func (s *Service) classificationFor(ctx context.Context, db bun.IDB, kind string, d models.Date) (string, error) {
	code, err := staffing.ClassificationAt(ctx, db, kind, d)
	if err != nil || code != "" {
		return code, err
	}
	if kind == models.KindStaffing {
		return ClassificationStaffing, nil
	}
	return ClassificationJFT, nil
}

// storedPayCaps are the pay caps an admin keeps (pay_caps table); on a read
// failure, the built-in defaults.
func (s *Service) storedPayCaps(ctx context.Context) []eligibility.PayCap {
	caps, err := staffing.EngineCaps(ctx, s.DB)
	if err != nil {
		return eligibility.DefaultPayCaps()
	}
	return caps
}

// validateStaffing checks what a filed staffing request needs beyond what
// the check contract reads: a title for the letter.
func validateStaffing(r *eligibility.StaffingRequest) error {
	f := map[string]string{}
	r.PositionTitle = strings.TrimSpace(r.PositionTitle)
	if r.PositionTitle == "" {
		f["position_title"] = "Nama jabatan/tugas wajib diisi."
	}
	if len([]rune(r.PositionTitle)) > 200 {
		f["position_title"] = "Paling panjang 200 karakter."
	}
	if r.Count > 1000 {
		f["count"] = "Paling banyak 1.000 orang dalam satu permintaan."
	}
	for field, v := range map[string]string{"justification": r.Justification, "tasks": r.Tasks, "skills": r.Skills,
		"budget_source": r.BudgetSource, "education_field": r.EducationField} {
		if len([]rune(v)) > MaxNoteLength {
			f[field] = fmt.Sprintf("Paling panjang %d karakter.", MaxNoteLength)
		}
	}
	if len(f) > 0 {
		return apperror.Invalid(f)
	}
	return nil
}
