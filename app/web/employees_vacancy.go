package web

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/staffing"
	"github.com/kemenagjateng/usulan/models"
)

// formationVacancy answers the register's batch check from the formations
// ledger (issue 5): for an office × position × level in the reference
// date's year, whether quota minus filled minus reserved is above zero; nil
// where no formation is set (or the ledger cannot be read), so the batch
// falls back to the user's choice.
func formationVacancy(db bun.IDB) func(ctx context.Context, officeID int64, t eligibility.Target, ref models.Date) *bool {
	return func(ctx context.Context, officeID int64, t eligibility.Target, ref models.Date) *bool {
		tally, err := staffing.Count(ctx, db, officeID, string(t.Position), string(t.Level), ref.Year, 0, false)
		if err != nil || !tally.Configured {
			return nil
		}
		open := tally.Available() > 0
		return &open
	}
}
