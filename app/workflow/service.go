package workflow

import (
	"context"
	"log/slog"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/db"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/notify"
	"github.com/kemenagjateng/usulan/models"
)

// Service runs the proposal use cases against one database.
type Service struct {
	DB *bun.DB
	// Clock tells the time; Now and Today read it. Tests set it to pin dates.
	Clock clock.Clock
	// BaseURL prefixes verification links printed on issued documents.
	BaseURL string
	// PayCaps, when set, replaces the pay caps an admin keeps (pay_caps table).
	PayCaps func(ctx context.Context) []eligibility.PayCap
	// UploadLimit is the largest document accepted, in bytes (0: DefaultUploadLimit).
	UploadLimit int
	// Mailer, when set (SMTP_URL), turns e-mail on: the workflow's
	// notifications also go into the outbox (notify.QueueMail), which the
	// job engine's notify.MailWorker sends. Log records what went wrong.
	Mailer notify.Mailer
	Log    *slog.Logger
	// TotalCap is where a list's count stops (0: DefaultTotalCap).
	TotalCap int
}

// New returns a Service on clk.
func New(db *bun.DB, baseURL string, clk clock.Clock) *Service {
	return &Service{DB: db, BaseURL: baseURL, Clock: clk}
}

// Now is the current instant (UTC).
func (s *Service) Now() time.Time { return s.Clock.Now() }

// Today is the current calendar date in Asia/Jakarta.
func (s *Service) Today() models.Date { return clock.Today(s.Clock) }

func (s *Service) payCaps(ctx context.Context) []eligibility.PayCap {
	if s.PayCaps != nil {
		return s.PayCaps(ctx)
	}
	return s.storedPayCaps(ctx) // the pay_caps table (formations.go)
}

// inTx runs fn in a transaction, committed when fn returns nil. On
// PostgreSQL a transaction ended as a deadlock victim or for a
// serialization failure is run again (db.InTx), so fn may run more than
// once: it must set what it hands out afresh on each run.
func (s *Service) inTx(ctx context.Context, fn func(tx bun.Tx) error) error {
	return db.InTx(ctx, s.DB, func(ctx context.Context, tx bun.Tx) error { return fn(tx) })
}

// SetClock makes the service live on day from now on: Today answers day and
// Now runs from day 10.00 WIB as real time passes (instants stay ordered).
// Tests pin dates with it, so a test written for 30 November 2026 still
// holds in a later year.
func (s *Service) SetClock(day models.Date) { s.Clock = clock.On(day) }

// PayCapsFor returns the pay caps in force (admin-kept, or the defaults).
func (s *Service) PayCapsFor(ctx context.Context) []eligibility.PayCap { return s.payCaps(ctx) }
