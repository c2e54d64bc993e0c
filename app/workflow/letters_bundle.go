package workflow

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/documents"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// MaxLetterBundle bounds the letters of one merged print.
const MaxLetterBundle = 50

// bundleIDs are the proposals of one bundle of letters (MaxLetterBundle at most).
type bundleIDs struct {
	IDs []int64 `json:"ids" validate:"min=1,max=50" msg_min:"Pilih sedikitnya satu usulan." msg_max:"Paling banyak 50 surat sekaligus."`
}

// LetterBundle prints the letters of several proposals as one PDF, in the
// order given (duplicates once). Scoped: if any id is missing or another
// office's, nothing is printed and the answer is 404 naming those ids. An
// issued letter is laid out again from the record with the number, date and
// verification code it was issued under (the stored single letter stays the
// document of record); a proposal not yet submitted prints as a draft. No
// ids, or more than MaxLetterBundle, is 400.
func (s *Service) LetterBundle(ctx context.Context, p access.Principal, ids []int64) ([]byte, error) {
	ids = uniqueIDs(ids)
	if err := input.Check(&bundleIDs{IDs: ids}); err != nil {
		return nil, err
	}
	props := make([]*models.Proposal, 0, len(ids))
	var missing []string
	for _, id := range ids {
		prop, err := s.Get(ctx, p, id)
		if ae, ok := apperror.As(err); ok && ae.Status == 404 {
			missing = append(missing, strconv.FormatInt(id, 10))
			continue
		}
		if err != nil {
			return nil, err
		}
		props = append(props, prop)
	}
	if len(missing) > 0 {
		return nil, &apperror.Error{Status: 404, Message: "Usulan " + strings.Join(missing, ", ") +
			" tidak ditemukan; tidak ada surat yang dicetak.", Fields: map[string]string{"ids": strings.Join(missing, ",")}}
	}
	letters := make([]documents.BundleLetter, 0, len(props))
	for _, prop := range props {
		l, err := s.bundleLetter(ctx, p, prop)
		if err != nil {
			return nil, err
		}
		letters = append(letters, l)
	}
	var buf bytes.Buffer
	err := documents.RenderBundle(&buf, "Surat usulan ("+strconv.Itoa(len(letters))+" usulan)", letters)
	return buf.Bytes(), err
}

// bundleLetter is one proposal's letter as issued (or as a draft).
func (s *Service) bundleLetter(ctx context.Context, p access.Principal, prop *models.Proposal) (documents.BundleLetter, error) {
	st := store.For(s.DB, p)
	doc, err := st.IssuedDocument(ctx, prop.ID, "letter", "verify_code", "letter_number", "letter_date")
	if errors.Is(err, sql.ErrNoRows) {
		signer, err := s.signatory(ctx, s.DB, prop, p)
		if err != nil {
			return nil, err
		}
		return s.letterDoc(ctx, st, prop, signer, "", true)
	}
	if err != nil {
		return nil, err
	}
	if doc.LetterNumber != nil {
		prop.LetterNumber = doc.LetterNumber
	}
	if !doc.LetterDate.IsZero() {
		prop.LetterDate = doc.LetterDate
	}
	// Signed as issued: the head of office on record, or else the kepala
	// who submitted it.
	signer := Signer{Title: "Kepala"}
	if prop.Office.HeadName != "" {
		signer = Signer{Title: prop.Office.HeadTitle, Name: prop.Office.HeadName, NIP: prop.Office.HeadNIP}
	} else if prop.SubmittedBy != nil {
		var u models.User
		if err := s.DB.NewSelect().Model(&u).Where("id = ?", *prop.SubmittedBy).Scan(ctx); err == nil && u.Role == models.RoleKepala {
			signer = Signer{Title: "Kepala", Name: u.DisplayName(), NIP: u.NIP}
		}
	}
	return s.letterDoc(ctx, st, prop, signer, doc.VerifyCode, false)
}
