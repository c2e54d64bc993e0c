// Package background assembles the job engine of the server: the kinds of
// job Usulan works (the e-mail outbox, the daily service-level run) on one
// River client over the application's database. cmd/usulan serve starts it
// with the web server and stops it gracefully with it.
package background

import (
	"context"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/kemenagjateng/usulan/app/jobs"
	"github.com/kemenagjateng/usulan/app/notify"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

// Deps is what the workers need.
type Deps struct {
	// Workflow is the use cases the workers call (its DB, clock, BaseURL).
	Workflow *workflow.Service
	// Mailer sends the outbox (nil: e-mail off, messages complete unsent).
	Mailer notify.Mailer
	Log    *slog.Logger
	// PollInterval and RetryPolicy: see jobs.Config (tests shorten them).
	PollInterval time.Duration
	RetryPolicy  river.ClientRetryPolicy
	// NoPeriodic leaves the daily run out (tests enqueue it themselves).
	NoPeriodic bool
	// DatabaseURL is the PostgreSQL URL of the workflow's database (see
	// jobs.Config.DatabaseURL; unused on SQLite).
	DatabaseURL string
}

// RemindArgs is the daily service-level run (workflow.RemindOverdue).
type RemindArgs struct{}

// Kind names the job.
func (RemindArgs) Kind() string { return "sla_remind" }

// InsertOpts: one run per day at most is queued, whoever queues it.
func (RemindArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: 24 * time.Hour}, MaxAttempts: 5}
}

// RemindWorker runs RemindOverdue on the workflow's clock.
type RemindWorker struct {
	river.WorkerDefaults[RemindArgs]
	Workflow *workflow.Service
	Log      *slog.Logger
}

// Work runs one reminder pass; a failed pass is retried (what it had
// committed is not sent again).
func (w *RemindWorker) Work(ctx context.Context, _ *river.Job[RemindArgs]) error {
	res, err := w.Workflow.RemindOverdue(ctx)
	if err == nil && w.Log != nil && (res.Reminded > 0 || res.Escalated > 0) {
		w.Log.Info("service-level reminders", "reminded", res.Reminded, "escalated", res.Escalated)
	}
	return err
}

// DailyAt is a River schedule: every day at Hour:00 in Asia/Jakarta.
type DailyAt struct{ Hour int }

// Next is the first Hour:00 WIB after t.
func (d DailyAt) Next(t time.Time) time.Time {
	l := t.In(models.Jakarta)
	n := time.Date(l.Year(), l.Month(), l.Day(), d.Hour, 0, 0, 0, models.Jakarta)
	if !n.After(t) {
		n = n.AddDate(0, 0, 1)
	}
	return n
}

// New returns the engine with every worker registered; Start starts it.
// The daily run is queued at 07.00 WIB and once at start-up (a server that
// was down at seven still reminds that day; the reminders table keeps
// either from sending twice).
func New(d Deps) (*jobs.Engine, error) {
	w := river.NewWorkers()
	river.AddWorker(w, &notify.MailWorker{Mailer: d.Mailer})
	river.AddWorker(w, &RemindWorker{Workflow: d.Workflow, Log: d.Log})
	cfg := jobs.Config{Workers: w, PollInterval: d.PollInterval, RetryPolicy: d.RetryPolicy, Log: d.Log,
		DatabaseURL: d.DatabaseURL}
	if !d.NoPeriodic {
		cfg.Periodic = []*river.PeriodicJob{river.NewPeriodicJob(DailyAt{Hour: 7},
			func() (river.JobArgs, *river.InsertOpts) { return RemindArgs{}, nil },
			&river.PeriodicJobOpts{ID: "sla_remind", RunOnStart: true})}
	}
	return jobs.New(d.Workflow.DB, cfg)
}
