package models

import (
	"time"

	"github.com/uptrace/bun"
)

// Employee is one civil servant in an office's register. Data is the JSON of
// eligibility.Candidate (the data the rules read); NIP and Name are copied
// out of it for lookups and lists. The NIP is unique across the province: a
// civil servant belongs to one office. Version increases on every change.
type Employee struct {
	bun.BaseModel `bun:"table:employees"`

	ID        int64     `bun:"id,pk,autoincrement"`
	OfficeID  int64     `bun:"office_id,notnull"`
	NIP       string    `bun:"nip,notnull"`
	Name      string    `bun:"name,notnull"`
	Data      string    `bun:"data,notnull"`
	Version   int64     `bun:"version,notnull"`
	CreatedBy *int64    `bun:"created_by"`
	UpdatedBy *int64    `bun:"updated_by"`
	CreatedAt time.Time `bun:"created_at,notnull"`
	UpdatedAt time.Time `bun:"updated_at,notnull"`

	Office *Office `bun:"rel:belongs-to,join:office_id=id"`
}

// EmployeeUpload is a parsed register spreadsheet waiting for its
// uploader's confirmation (Payload: JSON of the parsed rows and row errors).
// Token is random and is only looked up together with UserID.
type EmployeeUpload struct {
	bun.BaseModel `bun:"table:employee_uploads"`

	ID         int64      `bun:"id,pk,autoincrement"`
	Token      string     `bun:"token,notnull"`
	UserID     int64      `bun:"user_id,notnull"`
	OfficeID   *int64     `bun:"office_id"`
	Filename   string     `bun:"filename,notnull"`
	RowCount   int        `bun:"row_count,notnull"`
	ErrorCount int        `bun:"error_count,notnull"`
	Payload    string     `bun:"payload,notnull"`
	ImportedAt *time.Time `bun:"imported_at"`
	CreatedAt  time.Time  `bun:"created_at,notnull"`
}
