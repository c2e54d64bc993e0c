package workflow

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/documents"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/offices"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// officeWithEmblem is officeDoc with the emblem the admin uploaded.
func officeWithEmblem(ctx context.Context, db bun.IDB, o *models.Office) (documents.Office, error) {
	d := officeDoc(o)
	var err error
	d.Emblem, err = offices.Emblem(ctx, db)
	return d, err
}

// officeDoc copies an office record into the documents' plain type.
func officeDoc(o *models.Office) documents.Office {
	return documents.Office{Code: o.Code, Kind: documents.OfficeKind(o.Kind), Name: o.Name, City: o.City,
		Address: o.Address, Phone: o.Phone, Website: o.Website, Email: o.Email,
		HeadName: o.HeadName, HeadNIP: o.HeadNIP, HeadTitle: o.HeadTitle}
}

// EducationText is an education level as the ministry writes it in letters
// (D-III, D-IV, S1), or as entered when it is not a known level.
func EducationText(e models.EducationLevel) string {
	if l := e.Label(); l != "" && !strings.Contains(l, "/") {
		return l
	}
	return string(e) // SMA, SMP, SD: as written

}

// nominativeRows is the daftar nominatif of a proposal, from the snapshots.
func nominativeRows(p *models.Proposal) ([]documents.NominativeRow, error) {
	proposed := models.Position(p.Position).Label() + " " + models.Level(p.Level).Label()
	levelUp := models.Route(p.Route) == models.KenaikanJenjang
	if levelUp {
		proposed = "Kenaikan jenjang ke " + proposed
	}
	rows := make([]documents.NominativeRow, 0, len(p.Candidates))
	for _, c := range p.Candidates {
		cv, err := CandidateOf(c)
		if err != nil {
			return nil, err
		}
		edu := strings.TrimSpace(EducationText(cv.EducationLevel) + " " + cv.EducationField)
		if cv.EducationInstitution != "" {
			edu += ", " + cv.EducationInstitution
		}
		if cv.EducationYear != 0 {
			edu += " (" + strconv.Itoa(cv.EducationYear) + ")"
		}
		rank := ""
		if cv.Rank != "" {
			rank = models.Rank(cv.Rank).Label()
		}
		// Ket. is the office's own note (blank by default), after the PAK on
		// a kenaikan jenjang; never the app's verdict.
		current, notes := cv.CurrentPosition, c.OfficeNote
		if post := cv.CurrentPost; post != nil && post.Kind == models.PostJF {
			jf := post.Position.Label() + " " + post.Level.Label()
			if current == "" {
				current = jf
			} else if !strings.Contains(current, post.Level.Label()) {
				current += " (" + jf + ")"
			}
			if !post.TMT.IsZero() {
				current += ", TMT " + post.TMT.Indonesian()
			}
		}
		if levelUp && cv.CreditPoints != nil {
			pak := "Angka kredit " + strings.Replace(strconv.FormatFloat(*cv.CreditPoints, 'f', -1, 64), ".", ",", 1)
			if !cv.CreditPointsDate.IsZero() {
				pak += " (PAK " + cv.CreditPointsDate.Indonesian() + ")"
			}
			notes = strings.TrimSuffix(pak+"; "+notes, "; ")
		}
		rows = append(rows, documents.NominativeRow{Name: cv.Name, NIP: cv.NIP, BirthPlace: cv.BirthPlace,
			BirthDate: cv.BirthDate, Rank: rank, RankTMT: cv.RankTMT, Education: edu,
			CurrentPosition: current, ProposedPosition: proposed, Notes: notes})
	}
	return rows, nil
}

func verdictNote(v string) string {
	switch v {
	case "eligible":
		return "Syarat terpenuhi"
	case "incomplete":
		return "Perlu dilengkapi/dinilai verifikator"
	case "not_eligible":
		return "Syarat tidak terpenuhi"
	}
	return ""
}

// VerifyURL is the public page that tells a genuine document from an altered one.
func (s *Service) VerifyURL(code string) string { return s.BaseURL + "/v/" + code }

// renderLetter renders a proposal's letter: the JFT submission letter with
// its nominative list, or the staffing request letter.
func (s *Service) renderLetter(ctx context.Context, st *store.Store, p *models.Proposal, signer Signer, code string, draft bool) ([]byte, error) {
	l, err := s.letterDoc(ctx, st, p, signer, code, draft)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	switch v := l.(type) {
	case documents.StaffingLetter:
		err = documents.RenderStaffingLetter(&buf, v)
	case documents.SubmissionLetter:
		err = documents.RenderSubmissionLetter(&buf, v)
	}
	return buf.Bytes(), err
}

// letterDoc is the content of a proposal's letter (a documents.StaffingLetter
// or documents.SubmissionLetter), for one print or a bundle.
func (s *Service) letterDoc(ctx context.Context, st *store.Store, p *models.Proposal, signer Signer, code string, draft bool) (documents.BundleLetter, error) {
	office, err := officeWithEmblem(ctx, st.DB(), p.Office)
	if err != nil {
		return nil, err
	}
	sig := documents.Signatory{Title: signer.Title, Name: signer.Name, NIP: signer.NIP}
	date := p.LetterDate
	if date.IsZero() {
		date = s.Today()
	}
	number, verifyURL := "", ""
	if p.LetterNumber != nil {
		number = *p.LetterNumber
	}
	if code != "" {
		verifyURL = s.VerifyURL(code)
	}
	if p.Kind == models.KindStaffing {
		sr, err := StaffingOf(p)
		if err != nil {
			return nil, err
		}
		l := staffingLetter(sr, p)
		l.Office, l.Number, l.Date, l.Draft, l.Signatory, l.VerifyCode, l.VerifyURL = office, number, date, draft, sig, code, verifyURL
		return l, nil
	}
	if err := FillNotes(ctx, st, p); err != nil {
		return nil, err
	}
	rows, err := nominativeRows(p)
	if err != nil {
		return nil, err
	}
	return documents.SubmissionLetter{Office: office, Number: number, Date: date,
		Position: models.Position(p.Position).Label(), Level: models.Level(p.Level).Label(),
		Route: models.Route(p.Route).Label(), Signatory: sig, Rows: rows, Draft: draft,
		VerifyCode: code, VerifyURL: verifyURL,
		Tembusan: []string{"Kepala Bagian Tata Usaha Kantor Wilayah Kementerian Agama Provinsi Jawa Tengah"}}, nil
}

func staffingLetter(sr *eligibility.StaffingRequest, p *models.Proposal) documents.StaffingLetter {
	l := documents.StaffingLetter{Title: sr.PositionTitle, Count: sr.Count,
		Mechanism: models.StaffingMechanism(sr.Mechanism).Label(), PeriodStart: sr.PeriodStart, PeriodEnd: sr.PeriodEnd,
		MonthlyPay: sr.MonthlyPay, BudgetSource: sr.BudgetSource}
	q := documents.Qualification{Education: EducationText(sr.EducationLevel), Field: sr.EducationField, Skills: sr.Skills}
	if sr.AgeMin != nil {
		q.AgeMin = *sr.AgeMin
	}
	if sr.AgeMax != nil {
		q.AgeMax = *sr.AgeMax
	}
	l.Qualifications = []documents.Qualification{q}
	l.Tembusan = []string{"Kepala Bagian Tata Usaha Kantor Wilayah Kementerian Agama Provinsi Jawa Tengah"}
	for _, t := range strings.Split(sr.Tasks, "\n") {
		if strings.TrimSpace(t) != "" {
			l.Tasks = append(l.Tasks, strings.TrimSpace(t))
		}
	}
	for _, j := range strings.Split(sr.Justification, "\n") {
		if strings.TrimSpace(j) != "" {
			l.Justification = append(l.Justification, strings.TrimSpace(j))
		}
	}
	if v, err := View(p); err == nil {
		for _, c := range v.Checks {
			if c.Rule == "mechanism_lawful" && c.Result == "fail" {
				l.Warning = c.Detail + " (" + c.Basis + ")"
			}
		}
	}
	return l
}

// Letter returns the proposal's letter PDF: the stored bytes once issued
// (every print the same), or a fresh draft with a "DRAF" watermark and no
// number before submission.
func (s *Service) Letter(ctx context.Context, p access.Principal, id int64) ([]byte, string, error) {
	st := store.For(s.DB, p)
	prop, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, "", err
	}
	doc, err := st.IssuedDocument(ctx, id, "letter")
	if err == nil {
		return doc.Content, letterFileName(prop), nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, "", err
	}
	signer, err := s.signatory(ctx, s.DB, prop, p)
	if err != nil {
		return nil, "", err
	}
	pdf, err := s.renderLetter(ctx, st, prop, signer, "", true)
	return pdf, letterFileName(prop), err
}

func letterFileName(p *models.Proposal) string {
	name := "surat-usulan-" + strconv.FormatInt(p.ID, 10)
	if p.LetterNumber == nil {
		name += "-draf"
	}
	return name + ".pdf"
}

// VerificationSheet renders the lembar verifikasi of a JFT proposal: each
// candidate's rule outcomes with their legal basis, the reviewer and the
// conclusion so far (a draft until the proposal is decided).
//
// Once the proposal is decided (verified or rejected) the sheet is issued:
// rendered once with a verification code, stored with its sha256, and every
// later print returns those bytes.
func (s *Service) VerificationSheet(ctx context.Context, p access.Principal, id int64) ([]byte, error) {
	st := store.For(s.DB, p)
	prop, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if prop.Kind != models.KindJFT {
		return nil, apperror.NotFound()
	}
	decidedAt, decided, err := s.decisionTime(ctx, st, prop)
	if err != nil {
		return nil, err
	}
	if !decided {
		return s.renderVerificationSheet(ctx, p, prop, s.Today(), "")
	}
	doc, err := st.IssuedDocument(ctx, id, "verification")
	if err == nil {
		return doc.Content, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	code := newVerifyCode()
	pdf, err := s.renderVerificationSheet(ctx, p, prop, models.DateOf(decidedAt.In(models.Jakarta)), code)
	if err != nil {
		return nil, err
	}
	// Two first prints at once: the unique (proposal_id, kind) keeps one; both
	// callers then return the stored bytes.
	sum := sha256.Sum256(pdf)
	_, err = st.Insert(&models.IssuedDocument{ProposalID: id, Kind: "verification", VerifyCode: code,
		SHA256: hex.EncodeToString(sum[:]), Content: pdf, CreatedAt: s.Now(),
		LetterNumber: prop.LetterNumber, LetterDate: prop.LetterDate}).Apply(func(q *bun.InsertQuery) *bun.InsertQuery {
		return q.
			On("CONFLICT (proposal_id, kind) DO NOTHING")
	}).Exec(ctx)
	if err != nil {
		return nil, err
	}
	if doc, err = st.IssuedDocument(ctx, id, "verification"); err != nil {
		return nil, err
	}
	return doc.Content, nil
}

// decisionTime is when the proposal was verified or rejected, if it was.
func (s *Service) decisionTime(ctx context.Context, st *store.Store, prop *models.Proposal) (time.Time, bool, error) {
	switch prop.Status {
	case models.StatusVerified, models.StatusRejected, models.StatusForwarded, models.StatusCompleted:
	default:
		return time.Time{}, false, nil
	}
	ev, err := st.LastDecision(ctx, prop.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, err
	}
	return ev.CreatedAt, true, nil
}

func (s *Service) renderVerificationSheet(ctx context.Context, p access.Principal, prop *models.Proposal, date models.Date, code string) ([]byte, error) {
	st := store.For(s.DB, p)
	var kanwil models.Office
	if err := s.DB.NewSelect().Model(&kanwil).Where("kind = 'kanwil'").Limit(1).Scan(ctx); err != nil {
		return nil, err
	}
	kanwilDoc, err := officeWithEmblem(ctx, s.DB, &kanwil)
	if err != nil {
		return nil, err
	}
	sheet := documents.VerificationSheet{Kanwil: kanwilDoc, ProposalNumber: derefStr(prop.LetterNumber),
		ProposalDate: prop.LetterDate, ProposalOffice: prop.Office.Name,
		Position: models.Position(prop.Position).Label(), Level: models.Level(prop.Level).Label(),
		Route: models.Route(prop.Route).Label(), OverrideNote: prop.OverrideNote, Date: date,
		Draft: prop.Status != models.StatusVerified && prop.Status != models.StatusRejected &&
			prop.Status != models.StatusForwarded && prop.Status != models.StatusCompleted}
	switch prop.Status {
	case models.StatusVerified, models.StatusForwarded, models.StatusCompleted:
		sheet.Conclusion = "Memenuhi syarat"
	case models.StatusRejected:
		sheet.Conclusion = "Tidak memenuhi syarat"
	}
	// The decision's note, and who decided, from its event (issue 11).
	signer := prop.ReviewerID
	if !sheet.Draft {
		ev, err := st.LastDecision(ctx, prop.ID)
		switch {
		case err == nil:
			sheet.DecisionNote = ev.Note
			if ev.ActorID != nil {
				signer = ev.ActorID
			}
		case !errors.Is(err, sql.ErrNoRows):
			return nil, err
		}
	}
	if signer != nil {
		var u models.User
		if err := s.DB.NewSelect().Model(&u).Where("id = ?", *signer).Scan(ctx); err == nil {
			sheet.VerifierName, sheet.VerifierNIP = u.DisplayName(), u.NIP
		}
	}
	review, err := s.ReviewOf(ctx, p, prop)
	if err != nil {
		return nil, err
	}
	sheet.Candidates = verifiedCandidates(review)
	if code != "" {
		sheet.VerifyCode, sheet.VerifyURL = code, s.VerifyURL(code)
	}
	var buf bytes.Buffer
	err = documents.RenderVerificationSheet(&buf, sheet)
	return buf.Bytes(), err
}

// NominativeXLSX is the nominative list as a spreadsheet (NIP as text).
func (s *Service) NominativeXLSX(ctx context.Context, p access.Principal, id int64) ([]byte, error) {
	prop, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if err := FillNotes(ctx, store.For(s.DB, p), prop); err != nil {
		return nil, err
	}
	rows, err := nominativeRows(prop)
	if err != nil {
		return nil, err
	}
	title := "Daftar Nominatif " + models.Position(prop.Position).Label() + " " + models.Level(prop.Level).Label()
	if models.Route(prop.Route) == models.KenaikanJenjang {
		title = "Daftar Nominatif Kenaikan Jenjang " + models.Position(prop.Position).Label() + " ke " + models.Level(prop.Level).Label()
	}
	if prop.LetterNumber != nil {
		title += " — " + *prop.LetterNumber
	}
	var buf bytes.Buffer
	err = documents.NominativeXLSX(&buf, title, rows)
	return buf.Bytes(), err
}

func derefStr(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func resultLabel(r string) string { return eligibility.ResultLabel(r) }
