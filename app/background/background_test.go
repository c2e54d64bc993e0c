package background_test

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/kemenagjateng/usulan/app/background"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

// The daily service-level run is a River periodic job queued at start-up
// (and at 07.00 WIB), worked on the workflow's clock.
func TestTheDailyRunIsQueuedAtStartAndWorked(t *testing.T) {
	d := dbtest.Open(t)
	svc := workflow.New(d, "http://usulan.test", clock.NewManual(time.Date(2026, 11, 30, 3, 0, 0, 0, time.UTC)))
	e, err := background.New(background.Deps{Workflow: svc, PollInterval: 20 * time.Millisecond, DatabaseURL: dbtest.URLOf(d)})
	if err != nil {
		t.Fatal(err)
	}
	done, cancel := e.Client.Subscribe(river.EventKindJobCompleted)
	defer cancel()
	ctx := context.Background()
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer e.Stop(ctx) //nolint:errcheck
	select {
	case ev := <-done:
		if ev.Job.Kind != "sla_remind" {
			t.Fatalf("completed %s", ev.Job.Kind)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("the daily run was not worked")
	}
}

func TestDailyAtIsSevenInTheMorningInJakarta(t *testing.T) {
	s := background.DailyAt{Hour: 7}
	for _, c := range []struct{ at, want time.Time }{
		{time.Date(2026, 11, 30, 6, 59, 0, 0, models.Jakarta), time.Date(2026, 11, 30, 7, 0, 0, 0, models.Jakarta)},
		{time.Date(2026, 11, 30, 7, 0, 0, 0, models.Jakarta), time.Date(2026, 12, 1, 7, 0, 0, 0, models.Jakarta)},
		{time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 7, 0, 0, 0, models.Jakarta)},
	} {
		if got := s.Next(c.at); !got.Equal(c.want) {
			t.Errorf("after %s: %s, want %s", c.at, got, c.want)
		}
	}
}
