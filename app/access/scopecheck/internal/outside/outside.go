// Package outside runs queries on office-owned tables from outside
// app/store, for the tests of scopecheck.Origin.
package outside

import (
	"context"

	"github.com/uptrace/bun"
)

// Employees reads the employees table directly (what Origin flags).
func Employees(ctx context.Context, db bun.IDB) error {
	var ids []int64
	return db.NewSelect().Table("employees").Column("id").Scan(ctx, &ids)
}

// Offices reads a table that is not office-owned (what Origin lets pass).
func Offices(ctx context.Context, db bun.IDB) error {
	var ids []int64
	return db.NewSelect().Table("offices").Column("id").Scan(ctx, &ids)
}
