package reports_test

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

type timingHook struct{}

func (timingHook) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context { return ctx }
func (timingHook) AfterQuery(_ context.Context, e *bun.QueryEvent) {
	q := e.Query
	if len(q) > 160 {
		q = q[:160]
	}
	fmt.Printf("%8v %s\n", time.Since(e.StartTime).Round(time.Millisecond), q)
}
