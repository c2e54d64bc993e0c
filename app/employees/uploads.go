package employees

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/db"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// UploadTTL is how long a parsed upload waits for its confirmation.
const UploadTTL = 24 * time.Hour

// Upload is a parsed spreadsheet kept for its uploader until confirmed.
type Upload struct {
	Parsed
	Token      string
	CreatedAt  time.Time
	ImportedAt *time.Time
	// CanImport: the uploader may write a register and the file has no error.
	CanImport bool
	// New and Updated count the rows that would be added and updated.
	New, Updated int
}

// Stash keeps a parsed upload for the principal and returns it with its
// token. For regency roles the NIPs are first looked up: one in another
// office's register becomes an error on its row (an import could not take
// it), one in the own register marks the row as an update. Nothing reaches
// the register here.
func (s *Service) Stash(ctx context.Context, p access.Principal, parsed *Parsed) (*Upload, error) {
	if p.Regional() {
		if err := s.markExisting(ctx, store.For(s.DB, p), parsed); err != nil {
			return nil, err
		}
	}
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	payload, err := json.Marshal(parsed)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	m := &models.EmployeeUpload{Token: hex.EncodeToString(b), UserID: p.UserID, Filename: parsed.Filename,
		RowCount: len(parsed.Rows), ErrorCount: len(parsed.Errors), Payload: string(payload), CreatedAt: now}
	if p.Regional() {
		m.OfficeID = &p.OfficeID
	}
	// Old uploads are dropped as new ones come: nobody confirms a day-old preview.
	if _, err := s.DB.NewDelete().Table("employee_uploads").Where("created_at < ?", now.Add(-UploadTTL)).Exec(ctx); err != nil {
		return nil, err
	}
	if _, err := s.DB.NewInsert().Model(m).Exec(ctx); err != nil {
		return nil, err
	}
	return s.Upload(ctx, p, m.Token)
}

// markExisting looks the rows' NIPs up in the whole register (a NIP is
// unique across the province): another office's NIP is an error on its row,
// the own office's marks the row Existing.
func (s *Service) markExisting(ctx context.Context, st *store.Store, parsed *Parsed) error {
	p := st.Principal()
	nips := make([]string, 0, len(parsed.Rows))
	for _, r := range parsed.Rows {
		if !r.Bad {
			nips = append(nips, r.Candidate.NIP)
		}
	}
	// Which office holds each NIP, across the province: another office's
	// NIP is refused, never shown.
	owner, err := st.EmployeeOffices(ctx, nips, "NIPs on other offices' registers are refused")
	if err != nil {
		return err
	}
	nipCol, nipHeader := parsed.NIPCol, "nip"
	added := false
	for i := range parsed.Rows {
		r := &parsed.Rows[i]
		o, ok := owner[r.Candidate.NIP]
		switch {
		case !ok || r.Bad:
		case o == p.OfficeID:
			r.Existing = true
		default:
			parsed.Errors = append(parsed.Errors, CellError{Line: r.Line, Column: nipCol, Header: nipHeader, Value: r.Candidate.NIP,
				Message: "NIP sudah terdaftar pada daftar pegawai kantor lain. Bila pegawai pindah tugas, minta Kanwil memindahkannya."})
			added = true
		}
	}
	if added {
		sortErrorsByLine(parsed.Errors)
		parsed.markBad()
	}
	return nil
}

func sortErrorsByLine(es []CellError) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && (es[j].Line < es[j-1].Line || es[j].Line == es[j-1].Line && colKey(es[j].Column) < colKey(es[j-1].Column)); j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

// Upload loads a kept upload of the principal's own (another user's token,
// an unknown one or an expired one is apperror.NotFound).
func (s *Service) Upload(ctx context.Context, p access.Principal, token string) (*Upload, error) {
	m, err := s.loadUpload(ctx, s.DB, p, token)
	if err != nil {
		return nil, err
	}
	u := &Upload{Token: m.Token, CreatedAt: m.CreatedAt, ImportedAt: m.ImportedAt}
	if err := json.Unmarshal([]byte(m.Payload), &u.Parsed); err != nil {
		return nil, err
	}
	u.CanImport = p.CanFile() && len(u.Errors) == 0 && len(u.Rows) > 0 && m.ImportedAt == nil
	for _, r := range u.Rows {
		if r.Existing {
			u.Updated++
		} else {
			u.New++
		}
	}
	return u, nil
}

func (s *Service) loadUpload(ctx context.Context, idb bun.IDB, p access.Principal, token string) (*models.EmployeeUpload, error) {
	if len(token) != 32 {
		return nil, apperror.NotFound()
	}
	m := new(models.EmployeeUpload)
	err := idb.NewSelect().Model(m).Where("token = ?", token).Where("user_id = ?", p.UserID).
		Where("created_at >= ?", s.Now().Add(-UploadTTL)).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperror.NotFound()
	}
	return m, err
}

// ImportResult says what an import did.
type ImportResult struct {
	Created, Updated int
}

// Import puts every row of a confirmed upload into the principal's register
// in one transaction: new NIPs are added, NIPs already in the own register
// are updated. It is all or nothing: an upload with any error is refused
// (422), and so is one whose NIP has meanwhile appeared in another office
// (409, nothing imported). An upload is imported once (409 the second time).
func (s *Service) Import(ctx context.Context, p access.Principal, token string) (ImportResult, error) {
	var res ImportResult
	if err := canWrite(p); err != nil {
		return res, err
	}
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		m, err := s.loadUpload(ctx, tx, p, token)
		if err != nil {
			return err
		}
		now := s.Now()
		// Claim the upload first: of two confirmations at once, one imports.
		r, err := tx.NewUpdate().Table("employee_uploads").Set("imported_at = ?", now).
			Where("id = ?", m.ID).Where("imported_at IS NULL").Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n != 1 {
			return apperror.Conflict("Berkas ini sudah diimpor.")
		}
		var parsed Parsed
		if err := json.Unmarshal([]byte(m.Payload), &parsed); err != nil {
			return err
		}
		if len(parsed.Errors) > 0 {
			return apperror.Unprocessable("Berkas masih berisi kesalahan; perbaiki lalu unggah ulang. Tidak ada data yang diimpor.", nil)
		}
		st := store.For(tx, p)
		if err := s.markExisting(ctx, st, &parsed); err != nil {
			return err
		}
		if len(parsed.Errors) > 0 {
			e := parsed.Errors[0]
			return apperror.Conflict(fmt.Sprintf("Tidak ada data yang diimpor: baris %d — %s", e.Line, e.Message))
		}
		var fresh []*models.Employee
		for _, row := range parsed.Rows {
			c := row.Candidate
			if err := Prepare(&c); err != nil {
				return err
			}
			data, err := json.Marshal(c)
			if err != nil {
				return err
			}
			if row.Existing {
				if err := st.UpdateEmployeeByNIP(ctx, c.NIP, store.EmployeeChange{Name: c.Name, Data: string(data), At: now}); err != nil {
					return err
				}
				res.Updated++
				continue
			}
			fresh = append(fresh, &models.Employee{OfficeID: p.OfficeID, NIP: c.NIP, Name: c.Name, Data: string(data),
				Version: 1, CreatedBy: &p.UserID, UpdatedBy: &p.UserID, CreatedAt: now, UpdatedAt: now})
		}
		for start := 0; start < len(fresh); start += 200 {
			chunk := fresh[start:min(start+200, len(fresh))]
			if err := st.InsertEmployees(ctx, chunk...); err != nil {
				if db.IsUniqueViolation(err) {
					return apperror.Conflict("Tidak ada data yang diimpor: sebagian NIP baru saja didaftarkan orang lain. Unggah ulang berkas.")
				}
				return err
			}
		}
		res.Created = len(fresh)
		return nil
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}
