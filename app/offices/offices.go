// Package offices keeps the office records (DOMAIN.md §1): name, address,
// phone, website, e-mail and head of office, from which letterheads,
// signature blocks and letter numbers are built. Only admins change them.
package offices

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/input"
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

// Edit is what an admin may change of an office (the office form, PATCH
// /api/v1/offices/{code}); its validate tags are its field rules. The code
// is fixed: letter numbers already issued carry it.
type Edit struct {
	Name      string `json:"name" form:"name" validate:"notblank,max=200" msg_notblank:"Nama kantor wajib diisi." msg_max:"Paling panjang 200 karakter."`
	City      string `json:"city" form:"city" validate:"notblank,max=200" msg_notblank:"Kota tempat surat ditandatangani wajib diisi." msg_max:"Paling panjang 200 karakter."`
	Address   string `json:"address" form:"address" validate:"max=200" msg:"Paling panjang 200 karakter."`
	Phone     string `json:"phone" form:"phone" validate:"max=200" msg:"Paling panjang 200 karakter."`
	Website   string `json:"website" form:"website" validate:"max=200" msg:"Paling panjang 200 karakter."`
	Email     string `json:"email" form:"email" validate:"eq=|mailaddr"`
	HeadName  string `json:"head_name" form:"head_name" validate:"max=200" msg:"Paling panjang 200 karakter."`
	HeadNIP   string `json:"head_nip" form:"head_nip" validate:"eq=|nip" label:"NIP kepala"`
	HeadTitle string `json:"head_title" form:"head_title" validate:"max=200" msg:"Paling panjang 200 karakter."`
}

// Normalize trims every field, writes the head's NIP without spaces and
// titles an untitled head "Kepala".
func (e *Edit) Normalize() {
	for _, p := range []*string{&e.Name, &e.City, &e.Address, &e.Phone, &e.Website, &e.Email, &e.HeadName, &e.HeadNIP, &e.HeadTitle} {
		*p = strings.TrimSpace(*p)
	}
	e.HeadNIP = models.NormalizeNIP(e.HeadNIP)
	if e.HeadTitle == "" {
		e.HeadTitle = "Kepala"
	}
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
	if err := input.Check(&e); err != nil {
		return nil, err
	}
	o.Name, o.City, o.Address, o.Phone, o.Website, o.Email = e.Name, e.City, e.Address, e.Phone, e.Website, e.Email
	o.HeadName, o.HeadNIP, o.HeadTitle, o.UpdatedAt = e.HeadName, e.HeadNIP, e.HeadTitle, now.UTC()
	_, err = db.NewUpdate().Model(o).
		Column("name", "city", "address", "phone", "website", "email", "head_name", "head_nip", "head_title", "updated_at").
		WherePK().Exec(ctx)
	return o, err
}
