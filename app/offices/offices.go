// Package offices keeps the office records (DOMAIN.md §1): name, address,
// phone, website, e-mail and head of office, from which letterheads,
// signature blocks and letter numbers are built. Only admins change them.
package offices

import (
	"context"
	"database/sql"
	"errors"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/models"
)

// List returns every office, the Kanwil first.
func List(ctx context.Context, db bun.IDB) ([]models.Office, error) {
	var out []models.Office
	err := db.NewSelect().Model(&out).OrderExpr("CASE WHEN kind = 'kanwil' THEN 0 ELSE 1 END, code").Scan(ctx)
	return out, err
}

// ListByCode returns every office in code order (the API's and the office
// pickers' order).
func ListByCode(ctx context.Context, db bun.IDB) ([]models.Office, error) {
	var out []models.Office
	err := db.NewSelect().Model(&out).Order("code").Scan(ctx)
	return out, err
}

// Get returns one office by code.
func Get(ctx context.Context, db bun.IDB, code string) (*models.Office, error) {
	o := new(models.Office)
	err := db.NewSelect().Model(o).Where("code = ?", code).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperror.NotFound()
	}
	return o, err
}

// Edit is what an admin may change of an office. The code is fixed: letter
// numbers already issued carry it.
type Edit struct {
	Name      string `json:"name"`
	City      string `json:"city"`
	Address   string `json:"address"`
	Phone     string `json:"phone"`
	Website   string `json:"website"`
	Email     string `json:"email"`
	HeadName  string `json:"head_name"`
	HeadNIP   string `json:"head_nip"`
	HeadTitle string `json:"head_title"`
}

// Validate returns field errors in Indonesian.
func (e *Edit) Validate() error {
	f := map[string]string{}
	trim := func(p *string) { *p = strings.TrimSpace(*p) }
	for _, p := range []*string{&e.Name, &e.City, &e.Address, &e.Phone, &e.Website, &e.Email, &e.HeadName, &e.HeadNIP, &e.HeadTitle} {
		trim(p)
	}
	if e.Name == "" {
		f["name"] = "Nama kantor wajib diisi."
	}
	if e.City == "" {
		f["city"] = "Kota tempat surat ditandatangani wajib diisi."
	}
	for k, v := range map[string]string{"name": e.Name, "city": e.City, "address": e.Address, "phone": e.Phone,
		"website": e.Website, "email": e.Email, "head_name": e.HeadName, "head_title": e.HeadTitle} {
		if utf8.RuneCountInString(v) > 200 {
			f[k] = "Paling panjang 200 karakter."
		}
	}
	if e.Email != "" {
		if _, err := mail.ParseAddress(e.Email); err != nil {
			f["email"] = "Alamat surel tidak valid."
		}
	}
	if e.HeadNIP != "" {
		n, err := models.ParseNIP(e.HeadNIP)
		if err != nil {
			f["head_nip"] = err.Error()
		} else {
			e.HeadNIP = n.String()
		}
	}
	if e.HeadTitle == "" {
		e.HeadTitle = "Kepala"
	}
	if len(f) > 0 {
		return apperror.Invalid(f)
	}
	return nil
}

// Update changes an office record; admins only.
func Update(ctx context.Context, db bun.IDB, p access.Principal, code string, e Edit, now time.Time) (*models.Office, error) {
	if !p.IsAdmin() {
		return nil, apperror.Forbidden("Hanya admin Kanwil yang dapat mengubah data kantor.")
	}
	o, err := Get(ctx, db, code)
	if err != nil {
		return nil, err
	}
	if err := e.Validate(); err != nil {
		return nil, err
	}
	o.Name, o.City, o.Address, o.Phone, o.Website, o.Email = e.Name, e.City, e.Address, e.Phone, e.Website, e.Email
	o.HeadName, o.HeadNIP, o.HeadTitle, o.UpdatedAt = e.HeadName, e.HeadNIP, e.HeadTitle, now.UTC()
	_, err = db.NewUpdate().Model(o).
		Column("name", "city", "address", "phone", "website", "email", "head_name", "head_nip", "head_title", "updated_at").
		WherePK().Exec(ctx)
	return o, err
}
