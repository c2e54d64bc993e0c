package workflow

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// Archive classifications (DOMAIN.md §4): KP.07.6 = Kepegawaian / Mutasi /
// Jabatan struktural-fungsional [H]; staffing requests use KP.00.1 (formasi)
// [M] until an admin sets another.
const (
	ClassificationJFT      = "KP.07.6"
	ClassificationStaffing = "KP.00.1"
	// ProcessingUnit is the unit part of the number: 1 = Subbag Tata Usaha [M].
	ProcessingUnit = "1"
)

// LetterNumber formats a submission letter number (DOMAIN.md §4):
// B-{seq}/{office code}/{unit}/{classification}/{MM}/{YYYY}, e.g.
// "B-12/Kk.11.03/1/KP.07.6/11/2026".
func LetterNumber(seq int, officeCode, classification string, d models.Date) string {
	return fmt.Sprintf("B-%d/%s/%s/%s/%02d/%04d", seq, officeCode, ProcessingUnit, classification, int(d.Month), d.Year)
}

// nextSeq takes the next running number for an office, year and
// classification inside tx. The counter row is upserted and incremented in
// one statement, so concurrent submissions queue on it and get consecutive
// numbers; a rolled-back submission gives its number back (no gaps).
func nextSeq(ctx context.Context, tx bun.IDB, officeID int64, year int, classification string) (int, error) {
	var seq int
	err := tx.NewRaw(`INSERT INTO letter_counters (office_id, year, classification, last_seq) VALUES (?, ?, ?, 1)
		ON CONFLICT (office_id, year, classification) DO UPDATE SET last_seq = letter_counters.last_seq + 1
		RETURNING last_seq`, officeID, year, classification).Scan(ctx, &seq)
	return seq, err
}

// issueLetter numbers the proposal and stores its letter as issued.
func (s *Service) issueLetter(ctx context.Context, tx bun.Tx, cur *models.Proposal, p access.Principal, now time.Time) error {
	st := store.For(tx, p)
	date := s.Today()
	class, err := s.classificationFor(ctx, tx, cur.Kind, date) // admin-set (formations.go)
	if err != nil {
		return err
	}
	// One running number per office and calendar year, whatever the archive
	// classification (DOMAIN.md §4): the office keeps one agenda book, so a
	// JFT letter and a staffing letter never share a number.
	seq, err := nextSeq(ctx, tx, cur.OfficeID, date.Year, "")
	if err != nil {
		return err
	}
	number := LetterNumber(seq, cur.Office.Code, class, date)
	if _, err := st.UpdateModel((*models.Proposal)(nil)).Apply(func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.
			Set("letter_number = ?", number).Set("letter_date = ?", date).
			Where("id = ?", cur.ID)
	}).Exec(ctx); err != nil {
		return err
	}
	cur.LetterNumber = &number
	cur.LetterDate = date
	cur.Status = models.StatusSubmitted
	signer, err := s.signatory(ctx, tx, cur, p)
	if err != nil {
		return err
	}
	code := newVerifyCode()
	pdf, err := s.renderLetter(ctx, st, cur, signer, code, false)
	if err != nil {
		return err
	}
	return storeIssued(ctx, st, cur.ID, "letter", code, pdf, now, &number, date)
}

// reissueLetter replaces the proposal's letter after a revision round: the
// previous letter stays stored (its verification code now says it was
// replaced) and a new letter with a new number carries the corrected data.
func (s *Service) reissueLetter(ctx context.Context, tx bun.Tx, cur *models.Proposal, p access.Principal, now time.Time) error {
	st := store.For(tx, p)
	if _, err := st.UpdateModel((*models.IssuedDocument)(nil)).Apply(func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.
			Set("kind = ? || CAST(id AS TEXT)", SupersededLetter+"-").
			Where("proposal_id = ? AND kind = 'letter'", cur.ID)
	}).Exec(ctx); err != nil {
		return err
	}
	// The letter shows the data as resubmitted.
	fresh, err := getScoped(ctx, st, cur.ID)
	if err != nil {
		return err
	}
	return s.issueLetter(ctx, tx, fresh, p, now)
}

func storeIssued(ctx context.Context, st *store.Store, proposalID int64, kind, code string, content []byte, now time.Time,
	number *string, date models.Date) error {
	sum := sha256.Sum256(content)
	doc := &models.IssuedDocument{ProposalID: proposalID, Kind: kind, VerifyCode: code,
		SHA256: hex.EncodeToString(sum[:]), Content: content, CreatedAt: now, LetterNumber: number, LetterDate: date}
	_, err := st.Insert(doc).Exec(ctx)
	return err
}

// SupersededLetter starts the kind of an issued letter replaced by a later
// one ("letter-superseded-{id}", unique per row). Superseded letters are kept
// and their codes still verify, but only the current "letter" is printed.
const SupersededLetter = "letter-superseded"

// verifyAlphabet has no look-alike characters (no 0/O, 1/I/L).
const verifyAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// newVerifyCode is a short random code printed on an issued document,
// e.g. "K7QM-2XPD".
func newVerifyCode() string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	out := make([]byte, 0, 9)
	for i, x := range b {
		if i == 4 {
			out = append(out, '-')
		}
		out = append(out, verifyAlphabet[int(x)%len(verifyAlphabet)])
	}
	return string(out)
}

// signatory is who signs the office's letter: the head of office as recorded
// on the office (admin-kept), or else the kepala who submits (or prints a
// draft). Anyone else printing a draft gets an empty signature block rather
// than their own name under "Kepala".
func (s *Service) signatory(_ context.Context, _ bun.IDB, cur *models.Proposal, p access.Principal) (Signer, error) {
	o := cur.Office
	if o.HeadName != "" {
		return Signer{Title: o.HeadTitle, Name: o.HeadName, NIP: o.HeadNIP}, nil
	}
	if p.Role == models.RoleKepala {
		return Signer{Title: "Kepala", Name: p.Name, NIP: p.NIP}, nil
	}
	return Signer{Title: "Kepala"}, nil
}

// Signer is the signature block of a letter.
type Signer struct{ Title, Name, NIP string }
