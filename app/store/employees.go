package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/models"
)

// EmployeeBy loads one employee (with its office) matching where (on alias
// "employee"); sql.ErrNoRows when missing or outside the scope.
func (s *Store) EmployeeBy(ctx context.Context, where string, arg any) (*models.Employee, error) {
	m := new(models.Employee)
	err := s.Model(m).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Relation("Office").Where(where, arg)
	}).Scan(ctx)
	if err != nil {
		return nil, err
	}
	return m, nil
}

// EmployeeByID is EmployeeBy id.
func (s *Store) EmployeeByID(ctx context.Context, id int64) (*models.Employee, error) {
	return s.EmployeeBy(ctx, "employee.id = ?", id)
}

// EmployeeByNIP is EmployeeBy NIP (normalized).
func (s *Store) EmployeeByNIP(ctx context.Context, nip string) (*models.Employee, error) {
	return s.EmployeeBy(ctx, "employee.nip = ?", nip)
}

// Employees is a scoped query on the register as "employees AS e".
func (s *Store) Employees() *Select { return s.From("employees AS e") }

// EmployeePage is up to limit employees of officeID with their offices,
// by name then id, after (lastName, lastID) when lastID is not 0.
func (s *Store) EmployeePage(ctx context.Context, officeID int64, lastName string, lastID int64, limit int) ([]*models.Employee, error) {
	var ms []*models.Employee
	err := s.Model(&ms).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Relation("Office").Where("employee.office_id = ?", officeID).OrderExpr("employee.name, employee.id").Limit(int64(limit))
		if lastID != 0 {
			q = q.Where("(employee.name > ? OR (employee.name = ? AND employee.id > ?))", lastName, lastName, lastID)
		}
		return q
	}).Scan(ctx)
	return ms, err
}

// InsertEmployees adds employees (of the principal's office, for a regency
// principal).
func (s *Store) InsertEmployees(ctx context.Context, ms ...*models.Employee) error {
	var err error
	if len(ms) == 1 {
		_, err = s.Insert(ms[0]).Apply(func(q *bun.InsertQuery) *bun.InsertQuery { return q.Returning("id") }).Exec(ctx)
	} else {
		_, err = s.Insert(&ms).Exec(ctx)
	}
	return err
}

// EmployeeChange is what UpdateEmployee writes.
type EmployeeChange struct {
	NIP, Name, Data string
	At              time.Time
}

// UpdateEmployee writes c over employee id at version (NIP too when
// c.NIP is set), bumps the version and records the principal as the
// editor; false when no row matched (stale version, or outside the scope).
func (s *Store) UpdateEmployee(ctx context.Context, id, version int64, c EmployeeChange) (bool, error) {
	res, err := s.Update("employees").Apply(func(q *bun.UpdateQuery) *bun.UpdateQuery {
		if c.NIP != "" {
			q = q.Set("nip = ?", c.NIP)
		}
		return q.Set("name = ?", c.Name).Set("data = ?", c.Data).
			Set("version = version + 1").Set("updated_by = ?", s.p.UserID).Set("updated_at = ?", c.At).
			Where("id = ?", id).Where("version = ?", version)
	}).Exec(ctx)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// UpdateEmployeeByNIP is UpdateEmployee of the employee of the
// principal's office with nip, whatever its version.
func (s *Store) UpdateEmployeeByNIP(ctx context.Context, nip string, c EmployeeChange) error {
	_, err := s.Update("employees").Apply(func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("name = ?", c.Name).Set("data = ?", c.Data).
			Set("version = version + 1").Set("updated_by = ?", s.p.UserID).Set("updated_at = ?", c.At).
			Where("nip = ?", nip).Where("office_id = ?", s.p.OfficeID)
	}).Exec(ctx)
	return err
}

// DeleteEmployee removes employee id of officeID.
func (s *Store) DeleteEmployee(ctx context.Context, id, officeID int64) error {
	_, err := s.Delete("employees").Apply(func(q *bun.DeleteQuery) *bun.DeleteQuery {
		return q.Where("id = ?", id).Where("office_id = ?", officeID)
	}).Exec(ctx)
	return err
}

// MoveEmployee puts employee id (of office from, at version) on office
// to's register; false when no row matched.
func (s *Store) MoveEmployee(ctx context.Context, id, version, from, to int64, at time.Time) (bool, error) {
	res, err := s.Update("employees").Apply(func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("office_id = ?", to).Set("version = version + 1").Set("updated_by = ?", s.p.UserID).
			Set("updated_at = ?", at).Where("id = ?", id).Where("office_id = ?", from).Where("version = ?", version)
	}).Exec(ctx)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// EmployeeEvent is a row of employee_events.
type EmployeeEvent struct {
	bun.BaseModel `bun:"table:employee_events"`

	ID           int64     `bun:",pk,autoincrement"`
	EmployeeID   int64     `bun:",notnull"`
	Action       string    `bun:",notnull"`
	FromOfficeID *int64    `bun:"from_office_id"`
	ToOfficeID   *int64    `bun:"to_office_id"`
	ActorID      *int64    `bun:"actor_id"`
	Note         string    `bun:",notnull"`
	CreatedAt    time.Time `bun:",notnull"`
}

// InsertEmployeeEvent records an event of an employee.
func (s *Store) InsertEmployeeEvent(ctx context.Context, ev *EmployeeEvent) error {
	_, err := s.Insert(ev).Exec(ctx)
	return err
}

// EmployeeEvents is a scoped query on employee_events as "ev".
func (s *Store) EmployeeEvents() *Select { return s.From("employee_events AS ev") }

// EmployeeOffices maps each of nips held by the register to its office,
// across the province whatever the store's scope: a NIP is unique in the
// province, and another office's is refused without being shown (why
// marks the read as deliberate).
func (s *Store) EmployeeOffices(ctx context.Context, nips []string, why string) (map[string]int64, error) {
	owner := map[string]int64{}
	u := s.Unscoped(why)
	for start := 0; start < len(nips); start += 500 {
		chunk := nips[start:min(start+500, len(nips))]
		var found []struct {
			NIP      string `bun:"nip"`
			OfficeID int64  `bun:"office_id"`
		}
		if err := u.From("employees").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Column("nip", "office_id").Where("nip IN (?)", bun.List(chunk))
		}).Scan(ctx, &found); err != nil {
			return nil, err
		}
		for _, f := range found {
			owner[f.NIP] = f.OfficeID
		}
	}
	return owner, nil
}
