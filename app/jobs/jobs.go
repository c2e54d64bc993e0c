// Package jobs is Usulan's background work, on River (riverqueue/river): jobs
// live in the river_job table of the application's own database, PostgreSQL
// (riverdatabasesql over bun's pgdriver) or SQLite (riversqlite over
// modernc). A job is enqueued with Enqueue inside the transaction of the change
// that causes it, so it exists exactly when the change does; an Engine works
// the jobs, retries a failed one with backoff (attempt⁴ seconds plus jitter,
// 25 attempts by default, about three weeks) and, because the queue is a
// table, picks up after a restart whatever was left.
//
// River's tables are created by the schema migrations (migrations/
// 20261206100001_river.go runs rivermigrate), so every database and every
// test database has them.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"
)

// Args is one kind of job: a JSON-encodable struct with a Kind() name
// (river.JobArgs). Give it InsertOpts() to set uniqueness or attempts.
type Args = river.JobArgs

// Driver returns River's driver for db's dialect (both over *sql.Tx).
func Driver(db *sql.DB, d dialect.Name) riverdriver.Driver[*sql.Tx] {
	if d == dialect.PG {
		return riverdatabasesql.New(db)
	}
	return riversqlite.New(db)
}

var inserters struct {
	mu sync.Mutex
	m  map[dialect.Name]*river.Client[*sql.Tx]
}

// inserter is an insert-only River client for a dialect (no pool: it only
// ever writes inside the caller's transaction).
func inserter(d dialect.Name) (*river.Client[*sql.Tx], error) {
	inserters.mu.Lock()
	defer inserters.mu.Unlock()
	if c := inserters.m[d]; c != nil {
		return c, nil
	}
	c, err := river.NewClient(Driver(nil, d), &river.Config{Logger: quiet})
	if err != nil {
		return nil, err
	}
	if inserters.m == nil {
		inserters.m = map[dialect.Name]*river.Client[*sql.Tx]{}
	}
	inserters.m[d] = c
	return c, nil
}

var quiet = slog.New(slog.DiscardHandler)

// Enqueue adds a job inside tx: it runs only once tx has committed and
// vanishes with it if tx rolls back. Returns whether a job was inserted (false
// when a unique job of the same key already exists: River's UniqueOpts).
func Enqueue(ctx context.Context, tx bun.Tx, args Args) (bool, error) {
	return EnqueueOpts(ctx, tx, args, nil)
}

// EnqueueOpts is Enqueue with River's insert options (queue, priority,
// scheduled time, uniqueness, attempts), which override the args' own.
func EnqueueOpts(ctx context.Context, tx bun.Tx, args Args, opts *river.InsertOpts) (bool, error) {
	if tx.Tx == nil {
		return false, errors.New("jobs: Enqueue needs a transaction")
	}
	c, err := inserter(tx.Dialect().Name())
	if err != nil {
		return false, err
	}
	res, err := c.InsertTx(ctx, tx.Tx, args, opts)
	if err != nil {
		return false, err
	}
	return !res.UniqueSkippedAsDuplicate, nil
}

// Config sets up an Engine.
type Config struct {
	// Workers are the job kinds this engine works (river.AddWorker).
	Workers *river.Workers
	// Periodic are jobs enqueued on a schedule by the elected leader.
	Periodic []*river.PeriodicJob
	// MaxWorkers is how many jobs run at once (0: 4; SQLite serialises the
	// writes anyway).
	MaxWorkers int
	// PollInterval is how often the queue is read for new jobs (0: 1 s).
	// Neither driver here listens for notifications: polling it is.
	PollInterval time.Duration
	// RetryPolicy replaces River's (attempt⁴ s + jitter); tests shorten it.
	RetryPolicy river.ClientRetryPolicy
	Log         *slog.Logger
	// DatabaseURL is the PostgreSQL URL of db (required there; unused on
	// SQLite). The engine opens a small pool of its own through pgx's
	// database/sql driver: bun's pgdriver fills in query parameters on the
	// client and misreads the apostrophes in comments of some of River's
	// queries (leader election fails with "there is no parameter $2").
	// Enqueue still writes in bun's transactions; those queries are unaffected.
	DatabaseURL string
}

// Engine works the queue of one database.
type Engine struct {
	Client *river.Client[*sql.Tx]
	own    *sql.DB // the engine's PostgreSQL pool (nil on SQLite)
}

// New returns an engine on db; Start starts it.
func New(db *bun.DB, cfg Config) (*Engine, error) {
	if cfg.MaxWorkers <= 0 {
		cfg.MaxWorkers = 4
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = time.Second
	}
	log := cfg.Log
	if log == nil {
		log = quiet
	}
	pool, own := db.DB, (*sql.DB)(nil)
	if db.Dialect().Name() == dialect.PG {
		if cfg.DatabaseURL == "" {
			return nil, errors.New("jobs: the PostgreSQL engine needs Config.DatabaseURL")
		}
		pc, err := pgx.ParseConfig(cfg.DatabaseURL)
		if err != nil {
			return nil, err
		}
		own = stdlib.OpenDB(*pc)
		own.SetMaxOpenConns(cfg.MaxWorkers + 4)
		pool = own
	}
	c, err := river.NewClient(Driver(pool, db.Dialect().Name()), &river.Config{
		Workers:           cfg.Workers,
		PeriodicJobs:      cfg.Periodic,
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.MaxWorkers}},
		FetchPollInterval: cfg.PollInterval,
		FetchCooldown:     min(cfg.PollInterval, 100*time.Millisecond),
		PollOnly:          true,
		RetryPolicy:       cfg.RetryPolicy,
		Logger:            log,
	})
	if err != nil {
		if own != nil {
			own.Close()
		}
		return nil, err
	}
	return &Engine{Client: c, own: own}, nil
}

// Start starts working jobs until ctx ends or Stop is called.
func (e *Engine) Start(ctx context.Context) error { return e.Client.Start(ctx) }

// Stop lets running jobs finish (until ctx ends, then cancels them) and stops.
// A job cut short is picked up again on the next start.
func (e *Engine) Stop(ctx context.Context) error {
	err := e.Client.Stop(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		err = e.Client.StopAndCancel(context.Background())
	}
	if e.own != nil {
		if cerr := e.own.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// FixedRetry is a retry policy that tries again d after the failed attempt
// began (tests use it instead of River's minutes-long backoff).
type FixedRetry time.Duration

// NextRetry is the failed attempt's start plus the delay.
func (f FixedRetry) NextRetry(j *rivertype.JobRow) time.Time {
	at := j.ScheduledAt
	if j.AttemptedAt != nil {
		at = *j.AttemptedAt
	}
	return at.Add(time.Duration(f))
}
