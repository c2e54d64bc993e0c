// Package employees is the employee register of each office (issue 3): the
// civil servants an office may propose, with the data the eligibility rules
// read, and the use cases built on it — list, search, add, edit, remove;
// import a spreadsheet after the user confirms it; and the batch check
// "who in my office can be proposed now?".
//
// Every read and write goes through an access.Principal: regency roles see
// and keep their own office's register, provincial roles read every
// office's. Another office's employee is apperror.NotFound, exactly as a
// missing one.
package employees

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/db"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// Service runs the register use cases against one database.
type Service struct {
	DB *bun.DB
	// Clock tells the time; Now and Today read it.
	Clock clock.Clock
	// Vacancy, when set, answers whether an open formation exists for an
	// office × target on a date (the formations ledger): nil when no
	// formation is set there. The batch check uses it for rule vacancy.
	Vacancy func(ctx context.Context, officeID int64, t eligibility.Target, ref models.Date) *bool
}

// New returns a Service on clk.
func New(d *bun.DB, clk clock.Clock) *Service {
	return &Service{DB: d, Clock: clk}
}

// Now is the current instant (UTC).
func (s *Service) Now() time.Time { return s.Clock.Now() }

// Today is the current calendar date in Asia/Jakarta.
func (s *Service) Today() models.Date { return clock.Today(s.Clock) }

// Employee is one register entry as pages and the API show it.
type Employee struct {
	ID         int64                 `json:"id"`
	Office     string                `json:"office"` // office code
	OfficeName string                `json:"office_name"`
	Version    int64                 `json:"version"`
	Candidate  eligibility.Candidate `json:"data"`
	UpdatedAt  time.Time             `json:"updated_at"`
	officeID   int64
}

// OfficeID is the employee's office.
func (e *Employee) OfficeID() int64 { return e.officeID }

// Summary is one row of the register list.
type Summary struct {
	ID         int64     `bun:"id" json:"id"`
	NIP        string    `bun:"nip" json:"nip"`
	Name       string    `bun:"name" json:"name"`
	Office     string    `bun:"office_code" json:"office"`
	OfficeName string    `bun:"office_name" json:"office_name"`
	Data       string    `bun:"data" json:"-"`
	UpdatedAt  time.Time `bun:"updated_at" json:"updated_at"`
	// From Data, for the list's columns.
	Rank            models.Rank           `bun:"-" json:"rank,omitempty"`
	EducationLevel  models.EducationLevel `bun:"-" json:"education_level,omitempty"`
	CurrentPosition string                `bun:"-" json:"current_position,omitempty"`
}

// Filter selects register entries. Zero values mean "any".
type Filter struct {
	Q       string // NIP (digits, spaces allowed) or part of the name
	Office  string // office code; ignored for regency roles
	Page    int    // 1-based
	PerPage int    // 1..100, default 20
}

func (f *Filter) normalize() {
	if f.Page < 1 {
		f.Page = 1
	}
	if f.PerPage < 1 {
		f.PerPage = 20
	}
	f.PerPage = min(f.PerPage, 100)
	f.Q = strings.TrimSpace(f.Q)
	if len(f.Q) > 100 {
		f.Q = f.Q[:100]
	}
}

func (s *Service) filtered(p access.Principal, f Filter) *store.Select {
	return store.For(s.DB, p).Employees().Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Join("JOIN offices AS o ON o.id = e.office_id")
		if f.Office != "" && !p.Regional() {
			q = q.Where("o.code = ?", f.Office)
		}
		if f.Q != "" {
			if digits := models.NormalizeNIP(f.Q); isDigits(digits) {
				q = q.Where("e.nip LIKE ?", escapeLike(digits)+"%")
			} else {
				q = q.Where("lower(e.name) LIKE ? ESCAPE '\\'", "%"+strings.ToLower(escapeLike(f.Q))+"%")
			}
		}
		return q
	})
}

// List returns one page of the register the principal may see, by name,
// and the total: two queries whatever the page size.
func (s *Service) List(ctx context.Context, p access.Principal, f Filter) ([]Summary, int, error) {
	f.normalize()
	total, err := s.filtered(p, f).Count(ctx)
	if err != nil {
		return nil, 0, err
	}
	var rows []Summary
	err = s.filtered(p, f).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.ColumnExpr("e.id, e.nip, e.name, e.data, e.updated_at, o.code AS office_code, o.name AS office_name").
			OrderExpr("e.name, e.id").Limit(int64(f.PerPage)).Offset(int64((f.Page - 1) * f.PerPage))
	}).Scan(ctx, &rows)
	if err != nil {
		return nil, 0, err
	}
	for i := range rows {
		var c eligibility.Candidate
		if json.Unmarshal([]byte(rows[i].Data), &c) == nil {
			rows[i].Rank, rows[i].EducationLevel, rows[i].CurrentPosition = c.Rank, c.EducationLevel, c.CurrentPosition
		}
	}
	return rows, int(total), nil
}

// Get loads one employee within the principal's scope; another office's
// employee is apperror.NotFound.
func (s *Service) Get(ctx context.Context, p access.Principal, id int64) (*Employee, error) {
	return s.get(ctx, store.For(s.DB, p), "employee.id = ?", id)
}

// GetByNIP is Get by NIP (spaces allowed).
func (s *Service) GetByNIP(ctx context.Context, p access.Principal, nip string) (*Employee, error) {
	return s.get(ctx, store.For(s.DB, p), "employee.nip = ?", models.NormalizeNIP(nip))
}

func (s *Service) get(ctx context.Context, st *store.Store, where string, arg any) (*Employee, error) {
	m, err := st.EmployeeBy(ctx, where, arg)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperror.NotFound()
	}
	if err != nil {
		return nil, err
	}
	return view(m)
}

func view(m *models.Employee) (*Employee, error) {
	e := &Employee{ID: m.ID, Version: m.Version, UpdatedAt: m.UpdatedAt, officeID: m.OfficeID}
	if m.Office != nil {
		e.Office, e.OfficeName = m.Office.Code, m.Office.Name
	}
	if err := json.Unmarshal([]byte(m.Data), &e.Candidate); err != nil {
		return nil, fmt.Errorf("employee %d: %w", m.ID, err)
	}
	return e, nil
}

// Prepare makes a candidate fit for the register: NIP without spaces, name
// trimmed, birth date and gender taken from the NIP when not given, and no
// vacancy (a formation is not an employee's datum). It then checks what the
// register needs: the candidate's validate tags (a well-formed NIP, a name,
// the enums, bounded numbers and texts; app/input, the same messages on
// pages and in the API), then the NIP's birth + 18 check and a birth date
// and gender that agree with the NIP. The error is apperror.Invalid keyed
// by the JSON field names.
func Prepare(c *eligibility.Candidate) error {
	c.NIP = models.NormalizeNIP(c.NIP)
	c.Name = collapseSpaces(c.Name)
	c.VacancyAvailable = nil
	fields := input.Problems(c)
	if _, bad := fields["nip"]; !bad {
		n := models.MustNIP(c.NIP) // the nip tag parsed it
		if err := n.ValidateAt(models.Date{}); err != nil {
			fields["nip"] = upperFirst(err.Error()) + "."
		} else {
			// A birth date or gender that contradicts the NIP is a typo in one
			// of them; stored, it would silently fail nip_consistency later.
			if _, bad := fields["birth_date"]; !bad && !c.BirthDate.IsZero() && c.BirthDate != n.BirthDate() {
				fields["birth_date"] = "Tanggal lahir tidak sesuai dengan NIP (NIP menunjukkan " +
					n.BirthDate().Indonesian() + "). Periksa salah satunya, atau kosongkan agar diambil dari NIP."
			}
			if _, bad := fields["gender"]; !bad && c.Gender != "" && c.Gender != n.Gender() {
				fields["gender"] = "Jenis kelamin tidak sesuai dengan NIP (digit ke-15). Periksa salah satunya, " +
					"atau kosongkan agar diambil dari NIP."
			}
			FillFromNIP(c)
		}
	}
	if len(fields) > 0 {
		return apperror.Invalid(fields)
	}
	return nil
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// FillFromNIP sets the birth date and gender a well-formed NIP carries
// when they were not given (forms say "kosong = dari NIP"). A malformed NIP
// leaves the candidate as it is.
func FillFromNIP(c *eligibility.Candidate) {
	n, err := models.ParseNIP(c.NIP)
	if err != nil {
		return
	}
	if c.BirthDate.IsZero() {
		c.BirthDate = n.BirthDate()
	}
	if c.Gender == "" {
		c.Gender = n.Gender()
	}
}

// nipTaken is the answer for a NIP already in the register. It says no more
// than that: whose it is stays behind the scope.
func nipTaken() *apperror.Error {
	return &apperror.Error{Status: 409, Message: "NIP sudah terdaftar.",
		Fields: map[string]string{"nip": "NIP sudah terdaftar pada daftar pegawai. Satu NIP hanya boleh ada di satu kantor."}}
}

func canWrite(p access.Principal) error {
	if !p.CanFile() {
		return apperror.Forbidden("Daftar pegawai diisi oleh operator atau kepala Kankemenag masing-masing.")
	}
	return nil
}

// Create adds an employee to the principal's own office.
func (s *Service) Create(ctx context.Context, p access.Principal, c eligibility.Candidate) (*Employee, error) {
	if err := canWrite(p); err != nil {
		return nil, err
	}
	if err := Prepare(&c); err != nil {
		return nil, err
	}
	data, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	m := &models.Employee{OfficeID: p.OfficeID, NIP: c.NIP, Name: c.Name, Data: string(data), Version: 1,
		CreatedBy: &p.UserID, UpdatedBy: &p.UserID, CreatedAt: now, UpdatedAt: now}
	if err := store.For(s.DB, p).InsertEmployees(ctx, m); err != nil {
		if db.IsUniqueViolation(err) {
			return nil, nipTaken()
		}
		return nil, err
	}
	return s.Get(ctx, p, m.ID)
}

// Update replaces an employee's data. version must be the current one
// (409 otherwise, nothing overwritten).
func (s *Service) Update(ctx context.Context, p access.Principal, id, version int64, c eligibility.Candidate) (*Employee, error) {
	cur, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if err := canWrite(p); err != nil {
		return nil, err
	}
	if err := Prepare(&c); err != nil {
		return nil, err
	}
	if version != cur.Version {
		return nil, stale()
	}
	data, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	ok, err := store.For(s.DB, p).UpdateEmployee(ctx, id, version,
		store.EmployeeChange{NIP: c.NIP, Name: c.Name, Data: string(data), At: s.Now()})
	if err != nil {
		if db.IsUniqueViolation(err) {
			return nil, nipTaken()
		}
		return nil, err
	}
	if !ok {
		return nil, stale()
	}
	return s.Get(ctx, p, id)
}

func stale() error {
	return apperror.Conflict("Data pegawai telah diubah orang lain sejak Anda membukanya. Muat ulang halaman lalu ulangi.")
}

// Delete removes an employee from the register. Proposals keep their
// snapshot (candidates are copies, not references).
func (s *Service) Delete(ctx context.Context, p access.Principal, id int64) error {
	if _, err := s.Get(ctx, p, id); err != nil {
		return err
	}
	if err := canWrite(p); err != nil {
		return err
	}
	return store.For(s.DB, p).DeleteEmployee(ctx, id, p.OfficeID)
}

// Candidates returns the register entries of ids within scope, in the order
// given; any id outside the scope (or missing) is apperror.NotFound. Filing
// uses it to snapshot employees into a proposal.
func (s *Service) Candidates(ctx context.Context, p access.Principal, ids []int64) ([]eligibility.Candidate, error) {
	out := make([]eligibility.Candidate, 0, len(ids))
	for _, id := range ids {
		e, err := s.Get(ctx, p, id)
		if err != nil {
			return nil, err
		}
		out = append(out, e.Candidate)
	}
	return out, nil
}

// Each calls fn for every employee of officeID the principal may see, by
// name, reading the register in pages so memory stays flat whatever its
// size. officeID 0 means the principal's own office (regency roles) and is
// refused for provincial roles, who must name one.
func (s *Service) Each(ctx context.Context, p access.Principal, officeID int64, fn func(*Employee) error) error {
	if p.Regional() {
		officeID = p.OfficeID
	}
	if officeID == 0 {
		return apperror.InvalidField("office", "Pilih kantor.")
	}
	if !p.SeesOffice(officeID) {
		return apperror.NotFound()
	}
	const page = 200
	lastName, lastID := "", int64(0)
	for {
		ms, err := store.For(s.DB, p).EmployeePage(ctx, officeID, lastName, lastID, page)
		if err != nil {
			return err
		}
		for _, m := range ms {
			e, err := view(m)
			if err != nil {
				return err
			}
			if err := fn(e); err != nil {
				return err
			}
		}
		if len(ms) < page {
			return nil
		}
		lastName, lastID = ms[len(ms)-1].Name, ms[len(ms)-1].ID
	}
}

// OfficeIDByCode resolves an office code ("Kk.11.03"); unknown is NotFound.
func (s *Service) OfficeIDByCode(ctx context.Context, code string) (int64, error) {
	var id int64
	err := s.DB.NewSelect().Table("offices").Column("id").Where("code = ?", code).Scan(ctx, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, apperror.NotFound()
	}
	return id, err
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// itoa is strconv.Itoa, short.
func itoa(n int) string { return strconv.Itoa(n) }
