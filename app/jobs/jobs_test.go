package jobs_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/jobs"
)

type pingArgs struct {
	N int `json:"n"`
}

func (pingArgs) Kind() string { return "test_ping" }

type pingWorker struct {
	river.WorkerDefaults[pingArgs]
	seen *atomic.Int64
}

func (w *pingWorker) Work(ctx context.Context, j *river.Job[pingArgs]) error {
	w.seen.Add(int64(j.Args.N))
	return nil
}

func TestSpike(t *testing.T) {
	t0 := time.Now()
	d := dbtest.Open(t)
	t.Log("open", time.Since(t0))
	ctx := context.Background()
	if err := d.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := jobs.Enqueue(ctx, tx, pingArgs{N: 5})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var seen atomic.Int64
	w := river.NewWorkers()
	river.AddWorker(w, &pingWorker{seen: &seen})
	e, err := jobs.New(d, jobs.Config{Workers: w, PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ch, cancel := e.Client.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed)
	defer cancel()
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	select {
	case ev := <-ch:
		t.Logf("%s %v", ev.Kind, ev.Job.Errors)
	case <-time.After(10 * time.Second):
		t.Fatal("timeout")
	}
	t.Log("done", time.Since(t0))
	if err := e.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	t.Log("stopped", time.Since(t0))
	if seen.Load() != 5 {
		t.Fatal(seen.Load())
	}
}
