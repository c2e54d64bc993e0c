package workflow

import (
	"fmt"
	"testing"

	"github.com/kemenagjateng/usulan/models"
)

// The recap reads a handful of counter keys whatever the period: a year to
// date is one year row range less the days after today (none exist), so
// its cost does not grow with the months that have passed.
func TestRecapPartsReadAYearToDateAsTheYearLessTheDaysAfterToday(t *testing.T) {
	d := models.MustDate
	cases := []struct {
		from, to, today string
		want            string
	}{
		{"2026-01-01", "2026-12-05", "2026-12-05",
			"[{proposal_counts_year year 2026 2026 1} {proposal_counts_day day 2026-12-06 2026-12-31 -1}]"},
		{"2026-01-01", "2026-12-31", "2026-12-05", "[{proposal_counts_year year 2026 2026 1}]"},
		{"2026-03-01", "2026-05-31", "2026-12-05", "[{proposal_counts_month month 2026-03 2026-05 1}]"},
		{"2026-03-05", "2026-03-07", "2026-12-05", "[{proposal_counts_day day 2026-03-05 2026-03-07 1}]"},
		// Most of a past month: the month less its first two days.
		{"2026-03-03", "2026-03-31", "2026-12-05",
			"[{proposal_counts_month month 2026-03 2026-03 1} {proposal_counts_day day 2026-03-01 2026-03-02 -1}]"},
		// Two whole years and today's year so far.
		{"2024-01-01", "2026-12-05", "2026-12-05",
			"[{proposal_counts_year year 2024 2024 1} {proposal_counts_year year 2025 2025 1} {proposal_counts_year year 2026 2026 1} {proposal_counts_day day 2026-12-06 2026-12-31 -1}]"},
	}
	for _, c := range cases {
		got := fmt.Sprint(recapParts(d(c.from), d(c.to), d(c.today)))
		if got != c.want {
			t.Errorf("%s..%s (today %s):\n got %s\nwant %s", c.from, c.to, c.today, got, c.want)
		}
	}
}
