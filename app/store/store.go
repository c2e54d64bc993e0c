// Package store is the storage layer of office-owned data (issue 12):
// proposals and their children (candidates, events, attachments, findings,
// notes, issued documents, decision reasons), employees and their events,
// formations, obstacles and the report tables. Every read and write of
// those tables goes through a Store, which is built for one principal
// (For) and applies that principal's office scope inside each query, so a
// caller cannot forget it: another office's row is answered exactly like a
// missing one.
//
// Notifications are personal: every principal reads and marks its own.
//
// The scope of a regency principal is
//   - on a table with an office_id: alias.office_id = <office>;
//   - on a child table (candidates, events, …): the parent column is
//     restricted to the parent rows of the office, parent_id IN (SELECT id
//     FROM parent WHERE office_id = <office>).
//
// Provincial principals see every office. A deliberate read across offices
// on behalf of a regency principal is Unscoped(why); a job that acts for
// no user is System(why). Both are explicit and name their reason.
//
// Services compose what they need with Apply: the conditions they add are
// grouped, so an OR of theirs cannot undo the scope ("scope AND (…)").
// Queries are run by the Store (Scan, Count, Exec), never by the caller:
// in tests the query hook app/access/scopecheck.Origin flags any query on
// an office-owned table that was not run from this package.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
)

// Table describes an office-owned table: either it has an office_id
// column, or it is a child of Parent through Column; or a table of
// personal rows (notifications), owned by the user in User.
type Table struct {
	Name   string
	Parent string // "" for a table with office_id
	Column string // the column that points at Parent's id
	User   string // the column naming the owning user, for personal rows
}

// Tables are the office-owned tables, by name (app/access/scopecheck keeps
// the same list for its checks).
var Tables = map[string]Table{
	"proposals":          {Name: "proposals"},
	"employees":          {Name: "employees"},
	"formations":         {Name: "formations"},
	"formation_events":   {Name: "formation_events"},
	"obstacles":          {Name: "obstacles"},
	"report_spells":      {Name: "report_spells"},
	"report_timelines":   {Name: "report_timelines"},
	"jf_posts":           {Name: "jf_posts"},
	"candidates":         {Name: "candidates", Parent: "proposals", Column: "proposal_id"},
	"events":             {Name: "events", Parent: "proposals", Column: "proposal_id"},
	"attachments":        {Name: "attachments", Parent: "proposals", Column: "proposal_id"},
	"findings":           {Name: "findings", Parent: "proposals", Column: "proposal_id"},
	"candidate_notes":    {Name: "candidate_notes", Parent: "proposals", Column: "proposal_id"},
	"issued_documents":   {Name: "issued_documents", Parent: "proposals", Column: "proposal_id"},
	"decision_reasons":   {Name: "decision_reasons", Parent: "proposals", Column: "proposal_id"},
	"employee_events":    {Name: "employee_events", Parent: "employees", Column: "employee_id"},
	"obstacle_events":    {Name: "obstacle_events", Parent: "obstacles", Column: "obstacle_id"},
	"obstacle_proposals": {Name: "obstacle_proposals", Parent: "obstacles", Column: "obstacle_id"},
	"notifications":      {Name: "notifications", User: "user_id"},
	// The counters the proposals table's triggers keep, per office.
	"proposal_counts_total": {Name: "proposal_counts_total"},
	"proposal_counts_year":  {Name: "proposal_counts_year"},
	"proposal_counts_month": {Name: "proposal_counts_month"},
	"proposal_counts_day":   {Name: "proposal_counts_day"},
}

// Store runs the queries of one principal on one database handle (a
// *bun.DB or a bun.Tx).
type Store struct {
	db     bun.IDB
	p      access.Principal
	office int64  // the one office seen, 0 for every office
	why    string // set: no office scope (Unscoped, System)
}

// For is the store of principal p on db (a *bun.DB or a transaction).
func For(db bun.IDB, p access.Principal) *Store {
	s := &Store{db: db, p: p}
	if p.Regional() {
		s.office = p.OfficeID
	}
	return s
}

// ForOffice is a store that sees one office only, whoever asks: for
// figures of an office the caller names (a formation's tally), which then
// cannot count another office's rows.
func ForOffice(db bun.IDB, officeID int64) *Store { return &Store{db: db, office: officeID} }

// System is a store without a principal, for work done for no user (jobs,
// the outbox, backfills): it sees every office. why names the work.
func System(db bun.IDB, why string) *Store { return &Store{db: db, why: "system: " + why} }

// Tx is the same store on tx (inside db.InTx / RunInTx).
func (s *Store) Tx(tx bun.IDB) *Store { c := *s; c.db = tx; return &c }

// Unscoped is the same store reading across offices on purpose, for a
// regency principal too (e.g. refusing a NIP another office's register
// holds without revealing that record); why names the reason, and the
// queries run on a context marked access.Unscoped(why).
func (s *Store) Unscoped(why string) *Store { c := *s; c.why = why; return &c }

// Principal is the store's principal.
func (s *Store) Principal() access.Principal { return s.p }

// DB is the handle the store runs on, for queries on tables that are not
// office-owned (offices, users, reference data).
func (s *Store) DB() bun.IDB { return s.db }

// scoped reports whether queries get the office predicate.
func (s *Store) scoped() bool { return s.why == "" && s.office != 0 }

func (s *Store) ctx(ctx context.Context) context.Context {
	if s.why != "" {
		return access.Unscoped(ctx, s.why)
	}
	return ctx
}

// predicate is the scope of table under alias (SQL with one ? for the
// office), or "" when the principal sees every office.
func (s *Store) predicate(t Table, alias string) (string, []any) {
	col := func(c string) string {
		if alias == "" {
			return c
		}
		return `"` + alias + `".` + c
	}
	if t.User != "" { // personal rows: the principal's own, whatever the role
		if s.why != "" {
			return "", nil
		}
		return col(t.User) + " = ?", []any{s.p.UserID}
	}
	if !s.scoped() {
		return "", nil
	}
	if t.Parent == "" {
		return col("office_id") + " = ?", []any{s.office}
	}
	return col(t.Column) + " IN (SELECT id FROM " + t.Parent + " WHERE office_id = ?)", []any{s.office}
}

func table(name string) Table {
	t, ok := Tables[name]
	if !ok {
		panic(fmt.Sprintf("store: %q is not an office-owned table", name))
	}
	return t
}

// modelTable is the table and alias bun gives model (a pointer to a struct
// or to a slice of structs or struct pointers).
func (s *Store) modelTable(model any) (Table, string) {
	typ := reflect.TypeOf(model)
	for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
		typ = typ.Elem()
	}
	st := s.db.Dialect().Tables().Get(typ)
	return table(st.Name), st.Alias
}

// splitAlias splits "employees AS e" (or "employees") into name and alias.
func splitAlias(expr string) (string, string) {
	f := strings.Fields(expr)
	switch {
	case len(f) == 3 && strings.EqualFold(f[1], "AS"):
		return f[0], f[2]
	case len(f) == 1:
		return f[0], ""
	}
	panic(fmt.Sprintf("store: table expression %q: want \"table\" or \"table AS alias\"", expr))
}

// Select is a scoped SELECT the store runs.
type Select struct {
	s *Store
	q *bun.SelectQuery
}

// Model starts a scoped SELECT of model (its table must be office-owned),
// aliased as bun aliases the model (models.Employee: "employee").
func (s *Store) Model(model any) *Select {
	t, alias := s.modelTable(model)
	q := s.db.NewSelect().Model(model)
	if w, args := s.predicate(t, alias); w != "" {
		q = q.Where(w, args...)
	}
	return &Select{s: s, q: q}
}

// From starts a scoped SELECT on "table AS alias" (table office-owned).
func (s *Store) From(expr string) *Select {
	name, alias := splitAlias(expr)
	q := s.db.NewSelect().TableExpr(expr)
	if w, args := s.predicate(table(name), alias); w != "" {
		q = q.Where(w, args...)
	}
	return &Select{s: s, q: q}
}

// Apply lets fn add columns, joins, conditions, order and limits; the
// conditions fn adds are grouped and ANDed with the scope.
func (q *Select) Apply(fn func(*bun.SelectQuery) *bun.SelectQuery) *Select {
	q.q = q.q.WhereGroup(" AND ", fn)
	return q
}

// Where is Apply with one condition.
func (q *Select) Where(cond string, args ...any) *Select {
	q.q = q.q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery { return q.Where(cond, args...) })
	return q
}

// Subquery is the scoped query, to use inside another store query (as
// "x IN (?)"); run on its own outside the store, the tests flag it.
func (q *Select) Subquery() *bun.SelectQuery { return q.q }

// Scan runs the query into dest (or the model).
func (q *Select) Scan(ctx context.Context, dest ...any) error { return q.q.Scan(q.s.ctx(ctx), dest...) }

// Count runs SELECT count(*) of the query.
func (q *Select) Count(ctx context.Context) (int64, error) { return q.q.Count(q.s.ctx(ctx)) }

// ScanAndCount is Scan and Count.
func (q *Select) ScanAndCount(ctx context.Context, dest ...any) (int64, error) {
	return q.q.ScanAndCount(q.s.ctx(ctx), dest...)
}

// Wrap is a query on the rows of q: SELECT … FROM (q) AS alias (q keeps
// its scope inside).
func (q *Select) Wrap(alias string) *Select {
	return &Select{s: q.s, q: q.s.db.NewSelect().TableExpr("(?) AS ?", q.q, bun.Ident(alias))}
}

// Over is a query on the rows of q, a query the caller built and the store
// cannot scope (a UNION of searches across offices): only on an Unscoped
// or System store, whose reason covers it.
func (s *Store) Over(q *bun.SelectQuery, alias string) *Select {
	if s.why == "" {
		panic("store: Over on a scoped store")
	}
	return &Select{s: s, q: s.db.NewSelect().TableExpr("(?) AS ?", q, bun.Ident(alias))}
}

// Exists reports whether the query finds a row.
func (q *Select) Exists(ctx context.Context) (bool, error) { return q.q.Exists(q.s.ctx(ctx)) }

// Rows runs the query and returns its rows (the caller closes them).
func (q *Select) Rows(ctx context.Context) (*sql.Rows, error) { return q.q.Rows(q.s.ctx(ctx)) }

// Exec runs a statement the store cannot scope (an INSERT … SELECT that
// derives report rows, say): the caller names in it only rows it read
// through the store. Keep these few and reviewed.
func (s *Store) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return s.db.ExecContext(s.ctx(ctx), query, args...)
}

// ScanRaw runs a SELECT the store cannot scope into dest (figures over
// every office, say): only on an Unscoped or System store, whose reason
// covers it. Keep these few and reviewed, like Exec.
func (s *Store) ScanRaw(ctx context.Context, dest any, query string, args ...any) error {
	if s.why == "" {
		panic("store: ScanRaw on a scoped store")
	}
	return s.db.NewRaw(query, args...).Scan(s.ctx(ctx), dest)
}

// Update is a scoped UPDATE the store runs.
type Update struct {
	s *Store
	q *bun.UpdateQuery
}

// UpdateModel starts a scoped UPDATE of model (office-owned table).
func (s *Store) UpdateModel(model any) *Update {
	t, alias := s.modelTable(model)
	q := s.db.NewUpdate().Model(model)
	if w, args := s.predicate(t, alias); w != "" {
		q = q.Where(w, args...)
	}
	return &Update{s: s, q: q}
}

// Update starts a scoped UPDATE of table (office-owned, no alias).
func (s *Store) Update(name string) *Update {
	q := s.db.NewUpdate().Table(name)
	if w, args := s.predicate(table(name), name); w != "" {
		q = q.Where(w, args...)
	}
	return &Update{s: s, q: q}
}

// Apply lets fn set columns and add conditions (grouped, ANDed with the scope).
func (q *Update) Apply(fn func(*bun.UpdateQuery) *bun.UpdateQuery) *Update {
	q.q = q.q.WhereGroup(" AND ", fn)
	return q
}

// Exec runs the update; dest receives RETURNING columns, if any.
func (q *Update) Exec(ctx context.Context, dest ...any) (sql.Result, error) {
	return q.q.Exec(q.s.ctx(ctx), dest...)
}

// Delete is a scoped DELETE the store runs.
type Delete struct {
	s *Store
	q *bun.DeleteQuery
}

// DeleteModel starts a scoped DELETE of model (office-owned table).
func (s *Store) DeleteModel(model any) *Delete {
	t, alias := s.modelTable(model)
	q := s.db.NewDelete().Model(model)
	if w, args := s.predicate(t, alias); w != "" {
		q = q.Where(w, args...)
	}
	return &Delete{s: s, q: q}
}

// Delete starts a scoped DELETE on table (office-owned, no alias).
func (s *Store) Delete(name string) *Delete {
	q := s.db.NewDelete().Table(name)
	if w, args := s.predicate(table(name), name); w != "" {
		q = q.Where(w, args...)
	}
	return &Delete{s: s, q: q}
}

// Apply lets fn add conditions (grouped, ANDed with the scope).
func (q *Delete) Apply(fn func(*bun.DeleteQuery) *bun.DeleteQuery) *Delete {
	q.q = q.q.WhereGroup(" AND ", fn)
	return q
}

// Exec runs the delete.
func (q *Delete) Exec(ctx context.Context, dest ...any) (sql.Result, error) {
	return q.q.Exec(q.s.ctx(ctx), dest...)
}

// Insert is an INSERT the store runs. A regency principal's row of a
// table with office_id must carry that office (checked before it runs);
// a child row names a parent the caller has read through the store.
type Insert struct {
	s   *Store
	q   *bun.InsertQuery
	err error
}

// Insert starts an INSERT of model (office-owned table).
func (s *Store) Insert(model any) *Insert {
	t, _ := s.modelTable(model)
	in := &Insert{s: s, q: s.db.NewInsert().Model(model)}
	if s.scoped() && t.Parent == "" {
		in.err = checkOffice(model, s.office)
	}
	return in
}

// Apply lets fn add RETURNING, ON CONFLICT and the like.
func (q *Insert) Apply(fn func(*bun.InsertQuery) *bun.InsertQuery) *Insert {
	q.q = fn(q.q)
	return q
}

// Exec runs the insert; dest receives RETURNING columns, if any.
func (q *Insert) Exec(ctx context.Context, dest ...any) (sql.Result, error) {
	if q.err != nil {
		return nil, q.err
	}
	return q.q.Exec(q.s.ctx(ctx), dest...)
}

// checkOffice refuses rows of model (a struct, or a slice of them) whose
// OfficeID is not office.
func checkOffice(model any, office int64) error {
	v := reflect.Indirect(reflect.ValueOf(model))
	check := func(v reflect.Value) error {
		v = reflect.Indirect(v)
		if f := v.FieldByName("OfficeID"); f.IsValid() && f.CanInt() && f.Int() != office {
			return fmt.Errorf("store: a row of office %d inserted for office %d", f.Int(), office)
		}
		return nil
	}
	if v.Kind() == reflect.Slice {
		for i := 0; i < v.Len(); i++ {
			if err := check(v.Index(i)); err != nil {
				return err
			}
		}
		return nil
	}
	return check(v)
}
