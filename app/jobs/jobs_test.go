package jobs_test

import (
	"context"
	"errors"
	"sync"
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

// pingWorker records the jobs it finished; with block set, job 2 runs until
// its context ends (a long job in flight when the server stops).
type pingWorker struct {
	river.WorkerDefaults[pingArgs]
	mu      sync.Mutex
	done    []int
	block   bool
	started chan int
}

func (w *pingWorker) Work(ctx context.Context, j *river.Job[pingArgs]) error {
	if w.started != nil {
		w.started <- j.Args.N
	}
	if w.block && j.Args.N == 2 {
		<-ctx.Done()
		return ctx.Err()
	}
	w.mu.Lock()
	w.done = append(w.done, j.Args.N)
	w.mu.Unlock()
	return nil
}

func engine(t *testing.T, d *bun.DB, w *pingWorker) (*jobs.Engine, <-chan *river.Event) {
	t.Helper()
	ws := river.NewWorkers()
	river.AddWorker(ws, w)
	e, err := jobs.New(d, jobs.Config{Workers: ws, PollInterval: 20 * time.Millisecond, RetryPolicy: jobs.FixedRetry(10 * time.Millisecond),
		DatabaseURL: dbtest.URLOf(d)})
	if err != nil {
		t.Fatal(err)
	}
	ch, cancel := e.Client.Subscribe(river.EventKindJobCompleted)
	t.Cleanup(cancel)
	if err := e.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	return e, ch
}

func waitCompleted(t *testing.T, ch <-chan *river.Event, n int) []int {
	t.Helper()
	var got []int
	for len(got) < n {
		select {
		case ev := <-ch:
			var a pingArgs
			if err := unmarshal(ev.Job.EncodedArgs, &a); err != nil {
				t.Fatal(err)
			}
			got = append(got, a.N)
		case <-time.After(30 * time.Second):
			t.Fatalf("only %v completed, want %d jobs", got, n)
		}
	}
	return got
}

// Jobs are written in the caller's transaction (a rolled-back one leaves
// none), wait while no engine runs, and a job cut short by a stop is worked
// by the next engine on the same database.
func TestJobsSurviveARestartAndFollowTheirTransaction(t *testing.T) {
	d := dbtest.Open(t)
	ctx := context.Background()
	if err := d.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for _, n := range []int{1, 2} {
			if _, err := jobs.Enqueue(ctx, tx, pingArgs{N: n}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	rollback := errors.New("rolled back")
	if err := d.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := jobs.Enqueue(ctx, tx, pingArgs{N: 100}); err != nil {
			return err
		}
		return rollback
	}); !errors.Is(err, rollback) {
		t.Fatal(err)
	}
	// First server: job 1 completes, job 2 is still running when it stops.
	w1 := &pingWorker{block: true, started: make(chan int, 10)}
	e1, ch1 := engine(t, d, w1)
	if got := waitCompleted(t, ch1, 1); got[0] != 1 {
		t.Fatalf("first engine completed %v", got)
	}
	for n := range w1.started {
		if n == 2 {
			break
		}
	}
	stopCtx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if err := e1.Stop(stopCtx); err != nil {
		t.Fatal(err)
	}
	// Second server: picks job 2 up; the rolled-back job never existed.
	w2 := &pingWorker{}
	e2, ch2 := engine(t, d, w2)
	defer e2.Stop(ctx) //nolint:errcheck
	if got := waitCompleted(t, ch2, 1); got[0] != 2 {
		t.Fatalf("second engine completed %v", got)
	}
	var states []string
	if err := d.NewSelect().Table("river_job").Column("state").OrderExpr("id").Scan(ctx, &states); err != nil {
		t.Fatal(err)
	}
	if len(states) != 2 || states[0] != "completed" || states[1] != "completed" {
		t.Fatalf("river_job states %v, want two completed (job 100 rolled back)", states)
	}
}
