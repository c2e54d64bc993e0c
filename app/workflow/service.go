package workflow

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/notify"
	"github.com/kemenagjateng/usulan/models"
)

// Service runs the proposal use cases against one database.
type Service struct {
	DB *bun.DB
	// Now is the current instant (UTC); Today the current date in Asia/Jakarta.
	// Tests replace them to pin dates.
	Now   func() time.Time
	Today func() models.Date
	// BaseURL prefixes verification links printed on issued documents.
	BaseURL string
	// PayCaps, when set, replaces the pay caps an admin keeps (pay_caps table).
	PayCaps func(ctx context.Context) []eligibility.PayCap
	// UploadLimit is the largest document accepted, in bytes (0: DefaultUploadLimit).
	UploadLimit int
	// Mailer, when set (SMTP_URL), also sends the workflow's notifications by
	// e-mail; Log records mail that could not be sent.
	Mailer notify.Mailer
	Log    *slog.Logger
	mail   sync.WaitGroup
}

// New returns a Service with the real clock.
func New(db *bun.DB, baseURL string) *Service {
	return &Service{DB: db, BaseURL: baseURL,
		Now:   func() time.Time { return time.Now().UTC() },
		Today: models.Today}
}

func (s *Service) payCaps(ctx context.Context) []eligibility.PayCap {
	if s.PayCaps != nil {
		return s.PayCaps(ctx)
	}
	return s.storedPayCaps(ctx) // the pay_caps table (formations.go)
}

// inTx runs fn in a transaction, committed when fn returns nil.
func (s *Service) inTx(ctx context.Context, fn func(tx bun.Tx) error) error {
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error { return fn(tx) })
}

// SetClock makes the service live on day from now on: Today answers day and
// Now runs from day 10.00 WIB as real time passes (instants stay ordered).
// Tests pin dates with it, so a test written for 30 November 2026 still
// holds in a later year.
func (s *Service) SetClock(day models.Date) {
	base := time.Date(day.Year, day.Month, day.Day, 10, 0, 0, 0, models.Jakarta).UTC()
	start := time.Now()
	s.Now = func() time.Time { return base.Add(time.Since(start)) }
	s.Today = func() models.Date { return models.DateOf(s.Now().In(models.Jakarta)) }
}

// PayCapsFor returns the pay caps in force (admin-kept, or the defaults).
func (s *Service) PayCapsFor(ctx context.Context) []eligibility.PayCap { return s.payCaps(ctx) }
