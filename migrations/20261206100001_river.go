package migrations

import (
	"context"
	"database/sql"
	"log/slog"

	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"
)

// riverVersion is the River schema version these migrations bring a
// database to (River v0.51.2's newest). When River is upgraded and its
// schema moves on, add a migration that calls riverMigrate with the new
// version.
const riverVersion = 8

// River's job tables (river_job, river_leader, river_queue, …) come from
// River's own migrator, run as one step of ours, so that `usulan migrate`,
// the server's start-up and every test database create them on both
// databases. River keeps its version in river_migration.
func init() {
	Migrations.MustRegister(func(ctx context.Context, db *bun.DB) error {
		return riverMigrate(ctx, db, rivermigrate.DirectionUp, riverVersion)
	}, func(ctx context.Context, db *bun.DB) error {
		return riverMigrate(ctx, db, rivermigrate.DirectionDown, -1)
	})
}

func riverMigrate(ctx context.Context, db *bun.DB, dir rivermigrate.Direction, target int) error {
	var driver riverdriver.Driver[*sql.Tx]
	if db.Dialect().Name() == dialect.PG {
		driver = riverdatabasesql.New(db.DB)
	} else {
		driver = riversqlite.New(db.DB)
	}
	m, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: discard})
	if err != nil {
		return err
	}
	_, err = m.Migrate(ctx, dir, &rivermigrate.MigrateOpts{TargetVersion: target})
	return err
}

var discard = slog.New(slog.DiscardHandler)
