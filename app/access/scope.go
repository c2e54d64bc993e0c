package access

import "github.com/uptrace/bun"

// ScopeOffice restricts a query on any table with an office_id column
// (aliased by alias, e.g. "e" for employees) to what the principal may see:
// its own office for regency roles, everything for provincial roles. The
// application scopes through app/store; tests use this to count directly
// what a principal should see.
func (p Principal) ScopeOffice(q *bun.SelectQuery, alias string) *bun.SelectQuery {
	if p.Regional() {
		return q.Where("?.office_id = ?", bun.Ident(alias), p.OfficeID)
	}
	return q
}
