package workflow

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/eligibility"
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
	// PayCaps returns the pay caps an admin keeps (nil: the built-in defaults).
	PayCaps func(ctx context.Context) []eligibility.PayCap
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
	return eligibility.DefaultPayCaps()
}

// inTx runs fn in a transaction, committed when fn returns nil.
func (s *Service) inTx(ctx context.Context, fn func(tx bun.Tx) error) error {
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error { return fn(tx) })
}

// PayCapsFor returns the pay caps in force (admin-kept, or the defaults).
func (s *Service) PayCapsFor(ctx context.Context) []eligibility.PayCap { return s.payCaps(ctx) }
