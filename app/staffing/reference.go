package staffing

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/db"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/models"
)

// ConfidenceLabel is the Indonesian name of a confidence mark (DOMAIN.md):
// H official text, M secondary sources, L practice.
func ConfidenceLabel(c string) string {
	switch c {
	case "H":
		return "Tinggi (naskah resmi)"
	case "M":
		return "Sedang (sumber sekunder)"
	case "L":
		return "Rendah (praktik)"
	}
	return c
}

// ---- pay caps ----

// PayCap is a monthly pay ceiling for staffing requests (PMK standar biaya
// masukan, or a regency minimum wage where higher) for one budget year, one
// office (none = every office) and one mechanism ("" = every mechanism). It
// is in force from 1 January to 31 December of Year.
type PayCap struct {
	bun.BaseModel `bun:"table:pay_caps"`

	ID         int64     `bun:"id,pk,autoincrement" json:"id"`
	Year       int       `bun:"year,notnull" json:"year"`
	OfficeID   *int64    `bun:"office_id" json:"-"`
	Mechanism  string    `bun:"mechanism,notnull" json:"mechanism"`
	Amount     int64     `bun:"amount,notnull" json:"amount"`
	Source     string    `bun:"source,notnull" json:"source"`
	Confidence string    `bun:"confidence,notnull" json:"confidence"`
	Note       string    `bun:"note,notnull" json:"note"`
	UpdatedBy  *int64    `bun:"updated_by" json:"-"`
	CreatedAt  time.Time `bun:"created_at,notnull" json:"-"`
	UpdatedAt  time.Time `bun:"updated_at,notnull" json:"updated_at"`

	Office *models.Office `bun:"rel:belongs-to,join:office_id=id" json:"-"`
}

// OfficeCode is the cap's office code, "" for every office.
func (c *PayCap) OfficeCode() string {
	if c.Office == nil {
		return ""
	}
	return c.Office.Code
}

// ValidFrom and ValidTo are the budget year's first and last day.
func (c *PayCap) ValidFrom() models.Date { return models.Date{Year: c.Year, Month: 1, Day: 1} }

// ValidTo is 31 December of the cap's year.
func (c *PayCap) ValidTo() models.Date { return models.Date{Year: c.Year, Month: 12, Day: 31} }

// PayCapInput is a pay cap as an admin types it (API and form); its
// validate tags are its field rules.
type PayCapInput struct {
	Year       int           `json:"year" form:"year" validate:"min=2000,max=2100" msg:"Tahun anggaran harus antara 2000 dan 2100."`
	Office     string        `json:"office" form:"office"` // office code, "" = every office
	Mechanism  string        `json:"mechanism" form:"mechanism" validate:"omitempty,mechanism"`
	Amount     *input.Rupiah `json:"amount" form:"amount" validate:"required,min=0,max=1000000000" msg:"Batas honor harus bilangan bulat rupiah, 0 sampai 1.000.000.000." msg_required:"Batas honor wajib diisi."`
	Source     string        `json:"source" form:"source" validate:"notblank,max=500" msg_notblank:"Wajib diisi." msg_max:"Paling panjang 500 karakter."`
	Confidence string        `json:"confidence" form:"confidence" validate:"oneof=H M L" msg:"Tingkat keyakinan harus H, M atau L."`
	Note       string        `json:"note" form:"note" validate:"max=2000" msg:"Paling panjang 2000 karakter."`
}

// Normalize trims the texts; no confidence means M.
func (in *PayCapInput) Normalize() {
	in.Office, in.Source, in.Note = strings.TrimSpace(in.Office), strings.TrimSpace(in.Source), strings.TrimSpace(in.Note)
	if in.Confidence == "" {
		in.Confidence = "M"
	}
}

// ListPayCaps returns every cap, newest year first.
func ListPayCaps(ctx context.Context, idb bun.IDB) ([]*PayCap, error) {
	var caps []*PayCap
	err := idb.NewSelect().Model(&caps).Relation("Office").
		OrderExpr("pay_cap.year DESC, pay_cap.office_id IS NOT NULL, pay_cap.mechanism, pay_cap.id").Scan(ctx)
	return caps, err
}

// EngineCaps returns the caps in the shape the rule engine reads. An empty
// table gives an empty (non-nil) slice: no cap at all, so pay is judged by
// the verifier.
func EngineCaps(ctx context.Context, idb bun.IDB) ([]eligibility.PayCap, error) {
	rows, err := ListPayCaps(ctx, idb)
	if err != nil {
		return nil, err
	}
	out := make([]eligibility.PayCap, 0, len(rows))
	for _, r := range rows {
		out = append(out, eligibility.PayCap{Year: r.Year, Office: r.OfficeCode(), Mechanism: r.Mechanism,
			Amount: r.Amount, Source: r.Source, Confidence: r.Confidence})
	}
	return out, nil
}

// validate checks in's fields and its office (which must exist) and
// returns the office's id (nil for every office).
func (in *PayCapInput) validate(ctx context.Context, idb bun.IDB) (*int64, error) {
	f := input.Problems(in)
	var officeID *int64
	if in.Office != "" {
		o, err := officeByCode(ctx, idb, in.Office)
		if e, ok := apperror.As(err); ok {
			f["office"] = e.Fields["office"]
		} else if err != nil {
			return nil, err
		} else {
			officeID = &o.ID
		}
	}
	if len(f) > 0 {
		return nil, apperror.Invalid(f)
	}
	return officeID, nil
}

// SavePayCap creates (id 0) or changes a pay cap (admin only). A second cap
// for the same year, office and mechanism is 409.
func SavePayCap(ctx context.Context, idb bun.IDB, p access.Principal, id int64, in PayCapInput, now time.Time) (*PayCap, error) {
	if err := mustAdmin(p); err != nil {
		return nil, err
	}
	officeID, err := in.validate(ctx, idb)
	if err != nil {
		return nil, err
	}
	c := &PayCap{ID: id, Year: in.Year, OfficeID: officeID, Mechanism: in.Mechanism, Amount: int64(*in.Amount),
		Source: in.Source, Confidence: in.Confidence, Note: in.Note, UpdatedBy: actor(p), CreatedAt: now, UpdatedAt: now}
	if id == 0 {
		_, err = idb.NewInsert().Model(c).Returning("id").Exec(ctx)
	} else {
		var res sql.Result
		res, err = idb.NewUpdate().Model(c).
			Column("year", "office_id", "mechanism", "amount", "source", "confidence", "note", "updated_by", "updated_at").
			WherePK().Exec(ctx)
		if err == nil {
			if n, _ := res.RowsAffected(); n != 1 {
				return nil, apperror.NotFound()
			}
		}
	}
	if db.IsUniqueViolation(err) {
		return nil, apperror.Conflict("Sudah ada batas honor untuk tahun, kantor dan mekanisme yang sama; ubah yang itu.")
	}
	return c, err
}

// DeletePayCap removes a pay cap (admin only).
func DeletePayCap(ctx context.Context, idb bun.IDB, p access.Principal, id int64) error {
	return deleteRow(ctx, idb, p, (*PayCap)(nil), id)
}

func deleteRow(ctx context.Context, idb bun.IDB, p access.Principal, model any, id int64) error {
	if err := mustAdmin(p); err != nil {
		return err
	}
	res, err := idb.NewDelete().Model(model).Where("id = ?", id).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return apperror.NotFound()
	}
	return nil
}

// ---- letter classifications ----

// Classification is the archive classification printed in the letter number
// of one kind of filing ("jft" or "staffing"), in force from ValidFrom to
// ValidTo (zero = open).
type Classification struct {
	bun.BaseModel `bun:"table:letter_classifications"`

	ID         int64       `bun:"id,pk,autoincrement" json:"id"`
	Kind       string      `bun:"kind,notnull" json:"kind"`
	Code       string      `bun:"code,notnull" json:"code"`
	Label      string      `bun:"label,notnull" json:"label"`
	Source     string      `bun:"source,notnull" json:"source"`
	Confidence string      `bun:"confidence,notnull" json:"confidence"`
	ValidFrom  models.Date `bun:"valid_from,type:text" json:"valid_from"`
	ValidTo    models.Date `bun:"valid_to,type:text" json:"valid_to"`
	UpdatedBy  *int64      `bun:"updated_by" json:"-"`
	CreatedAt  time.Time   `bun:"created_at,notnull" json:"-"`
	UpdatedAt  time.Time   `bun:"updated_at,notnull" json:"updated_at"`
}

// ClassificationInput is a classification as an admin types it (API and
// form); its validate tags are its field rules.
type ClassificationInput struct {
	Kind       string      `json:"kind" form:"kind" validate:"kind"`
	Code       string      `json:"code" form:"code" validate:"klasifikasi"`
	Label      string      `json:"label" form:"label" validate:"max=300" msg:"Paling panjang 300 karakter."`
	Source     string      `json:"source" form:"source" validate:"notblank,max=500" msg_notblank:"Wajib diisi." msg_max:"Paling panjang 500 karakter."`
	Confidence string      `json:"confidence" form:"confidence" validate:"oneof=H M L" msg:"Tingkat keyakinan harus H, M atau L."`
	ValidFrom  models.Date `json:"valid_from" form:"valid_from" validate:"indate" label:"Berlaku mulai"`
	ValidTo    models.Date `json:"valid_to" form:"valid_to" validate:"indate,notbefore=ValidFrom" label:"Berlaku sampai" msg_notbefore:"Tanggal akhir berlaku tidak boleh sebelum tanggal mulai."`
}

// Normalize trims the texts and writes the code in capitals; no
// confidence means M.
func (in *ClassificationInput) Normalize() {
	in.Code, in.Label, in.Source = strings.ToUpper(strings.TrimSpace(in.Code)), strings.TrimSpace(in.Label), strings.TrimSpace(in.Source)
	if in.Confidence == "" {
		in.Confidence = "M"
	}
}

// ListClassifications returns every classification, by kind then start.
func ListClassifications(ctx context.Context, idb bun.IDB) ([]*Classification, error) {
	var out []*Classification
	err := idb.NewSelect().Model(&out).OrderExpr("kind, coalesce(valid_from, ''), id").Scan(ctx)
	return out, err
}

// ClassificationAt is the code in force for kind on d: the one with the
// latest start among those valid on d; "" when none is.
func ClassificationAt(ctx context.Context, idb bun.IDB, kind string, d models.Date) (string, error) {
	var c Classification
	ds := d.String()
	err := idb.NewSelect().Model(&c).Where("kind = ?", kind).
		Where("(valid_from IS NULL OR valid_from <= ?)", ds).Where("(valid_to IS NULL OR valid_to >= ?)", ds).
		OrderExpr("coalesce(valid_from, '') DESC, id DESC").Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return c.Code, err
}

// SaveClassification creates (id 0) or changes a classification (admin only).
func SaveClassification(ctx context.Context, idb bun.IDB, p access.Principal, id int64, in ClassificationInput, now time.Time) (*Classification, error) {
	if err := mustAdmin(p); err != nil {
		return nil, err
	}
	if err := input.Check(&in); err != nil {
		return nil, err
	}
	c := &Classification{ID: id, Kind: in.Kind, Code: in.Code, Label: in.Label, Source: in.Source, Confidence: in.Confidence,
		ValidFrom: in.ValidFrom, ValidTo: in.ValidTo, UpdatedBy: actor(p), CreatedAt: now, UpdatedAt: now}
	return c, save(ctx, idb, c, id, "kind", "code", "label", "source", "confidence", "valid_from", "valid_to", "updated_by", "updated_at")
}

// DeleteClassification removes a classification (admin only); with none in
// force the built-in code is used.
func DeleteClassification(ctx context.Context, idb bun.IDB, p access.Principal, id int64) error {
	return deleteRow(ctx, idb, p, (*Classification)(nil), id)
}

func save(ctx context.Context, idb bun.IDB, model any, id int64, cols ...string) error {
	if id == 0 {
		_, err := idb.NewInsert().Model(model).Returning("id").Exec(ctx)
		return err
	}
	res, err := idb.NewUpdate().Model(model).Column(cols...).WherePK().Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return apperror.NotFound()
	}
	return nil
}

// ---- default qualifications ----

// Qualification is a default qualification offered on the staffing request
// form (office practice, not law: DOMAIN.md §3.2 [L]), in force from
// ValidFrom to ValidTo (zero = open).
type Qualification struct {
	bun.BaseModel `bun:"table:staffing_qualification_defaults"`

	ID             int64       `bun:"id,pk,autoincrement" json:"id"`
	Name           string      `bun:"name,notnull" json:"name"`
	EducationLevel string      `bun:"education_level,notnull" json:"education_level"`
	EducationField string      `bun:"education_field,notnull" json:"education_field"`
	AgeMin         *int        `bun:"age_min" json:"age_min"`
	AgeMax         *int        `bun:"age_max" json:"age_max"`
	Source         string      `bun:"source,notnull" json:"source"`
	Confidence     string      `bun:"confidence,notnull" json:"confidence"`
	ValidFrom      models.Date `bun:"valid_from,type:text" json:"valid_from"`
	ValidTo        models.Date `bun:"valid_to,type:text" json:"valid_to"`
	UpdatedBy      *int64      `bun:"updated_by" json:"-"`
	CreatedAt      time.Time   `bun:"created_at,notnull" json:"-"`
	UpdatedAt      time.Time   `bun:"updated_at,notnull" json:"updated_at"`
}

// QualificationInput is a default qualification as an admin types it (API
// and form); its validate tags are its field rules.
type QualificationInput struct {
	Name           string      `json:"name" form:"name" validate:"notblank,max=200" msg_notblank:"Wajib diisi." msg_max:"Paling panjang 200 karakter."`
	EducationLevel string      `json:"education_level" form:"education_level" validate:"omitempty,education"`
	EducationField string      `json:"education_field" form:"education_field" validate:"max=200" msg:"Paling panjang 200 karakter."`
	AgeMin         *int        `json:"age_min" form:"age_min" validate:"omitnil,min=15,max=70" msg:"Usia harus antara 15 dan 70 tahun."`
	AgeMax         *int        `json:"age_max" form:"age_max" validate:"omitnil,min=15,max=70,gtefield=AgeMin" msg:"Usia harus antara 15 dan 70 tahun." msg_gtefield:"Usia maksimal tidak boleh kurang dari usia minimal."`
	Source         string      `json:"source" form:"source" validate:"notblank,max=500" msg_notblank:"Wajib diisi." msg_max:"Paling panjang 500 karakter."`
	Confidence     string      `json:"confidence" form:"confidence" validate:"oneof=H M L" msg:"Tingkat keyakinan harus H, M atau L."`
	ValidFrom      models.Date `json:"valid_from" form:"valid_from" validate:"indate" label:"Berlaku mulai"`
	ValidTo        models.Date `json:"valid_to" form:"valid_to" validate:"indate,notbefore=ValidFrom" label:"Berlaku sampai" msg_notbefore:"Tanggal akhir berlaku tidak boleh sebelum tanggal mulai."`
}

// Normalize trims the texts; no confidence means L.
func (in *QualificationInput) Normalize() {
	in.Name, in.EducationField, in.Source = strings.TrimSpace(in.Name), strings.TrimSpace(in.EducationField), strings.TrimSpace(in.Source)
	if in.Confidence == "" {
		in.Confidence = "L"
	}
}

// ListQualifications returns every default qualification.
func ListQualifications(ctx context.Context, idb bun.IDB) ([]*Qualification, error) {
	var out []*Qualification
	err := idb.NewSelect().Model(&out).OrderExpr("id").Scan(ctx)
	return out, err
}

// QualificationsAt returns the defaults in force on d.
func QualificationsAt(ctx context.Context, idb bun.IDB, d models.Date) ([]*Qualification, error) {
	var out []*Qualification
	ds := d.String()
	err := idb.NewSelect().Model(&out).
		Where("(valid_from IS NULL OR valid_from <= ?)", ds).Where("(valid_to IS NULL OR valid_to >= ?)", ds).
		OrderExpr("id").Scan(ctx)
	return out, err
}

// GetQualification loads one default qualification (404 when missing).
func GetQualification(ctx context.Context, idb bun.IDB, id int64) (*Qualification, error) {
	q := new(Qualification)
	err := idb.NewSelect().Model(q).Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperror.NotFound()
	}
	return q, err
}

// SaveQualification creates (id 0) or changes a default qualification (admin only).
func SaveQualification(ctx context.Context, idb bun.IDB, p access.Principal, id int64, in QualificationInput, now time.Time) (*Qualification, error) {
	if err := mustAdmin(p); err != nil {
		return nil, err
	}
	if err := input.Check(&in); err != nil {
		return nil, err
	}
	q := &Qualification{ID: id, Name: in.Name, EducationLevel: in.EducationLevel, EducationField: in.EducationField,
		AgeMin: in.AgeMin, AgeMax: in.AgeMax, Source: in.Source, Confidence: in.Confidence,
		ValidFrom: in.ValidFrom, ValidTo: in.ValidTo, UpdatedBy: actor(p), CreatedAt: now, UpdatedAt: now}
	return q, save(ctx, idb, q, id, "name", "education_level", "education_field", "age_min", "age_max", "source",
		"confidence", "valid_from", "valid_to", "updated_by", "updated_at")
}

// DeleteQualification removes a default qualification (admin only).
func DeleteQualification(ctx context.Context, idb bun.IDB, p access.Principal, id int64) error {
	return deleteRow(ctx, idb, p, (*Qualification)(nil), id)
}
