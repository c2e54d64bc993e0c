package notify_test

import (
	"context"
	"errors"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/jobs"
	"github.com/kemenagjateng/usulan/app/notify"
	"github.com/kemenagjateng/usulan/app/notify/smtptest"
)

func waitEvents(t *testing.T, ch <-chan *river.Event, n int, what string) {
	t.Helper()
	for i := 0; i < n; i++ {
		select {
		case <-ch:
		case <-time.After(30 * time.Second):
			t.Fatalf("%d of %d %s", i, n, what)
		}
	}
}

// The outbox loses nothing while the mail server and the application are
// down, and sends every message exactly once when both are back.
func TestOutboxDeliversEachMessageOnceAfterAnSMTPOutage(t *testing.T) {
	d := dbtest.Open(t)
	ctx := context.Background()
	srv := smtptest.New(t)
	srv.Stop() // the mail server is down
	at := time.Date(2026, 11, 30, 3, 0, 0, 0, time.UTC)
	// The application writes three messages in two transactions (and one
	// in a transaction that rolls back) while no engine runs.
	if err := d.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		return notify.QueueMail(ctx, tx, notify.Message{To: []string{"ver1@kemenag.test", "", "ver2@kemenag.test"},
			Subject: "Diajukan ke Kanwil: Pranata Komputer", Body: "Usulan baru.", Date: at})
	}); err != nil {
		t.Fatal(err)
	}
	if err := d.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		return notify.QueueMail(ctx, tx, notify.Message{To: []string{"kp_pbg@kemenag.test"}, Subject: "Diambil", Body: "x", Date: at})
	}); err != nil {
		t.Fatal(err)
	}
	rollback := errors.New("rollback")
	if err := d.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := notify.QueueMail(ctx, tx, notify.Message{To: []string{"never@kemenag.test"}, Subject: "x", Body: "x", Date: at}); err != nil {
			return err
		}
		return rollback
	}); !errors.Is(err, rollback) {
		t.Fatal(err)
	}
	mailer, err := notify.ParseSMTPURL(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	mailer.Timeout = 5 * time.Second
	ws := river.NewWorkers()
	river.AddWorker(ws, &notify.MailWorker{Mailer: mailer})
	e, err := jobs.New(d, jobs.Config{Workers: ws, PollInterval: 20 * time.Millisecond, RetryPolicy: jobs.FixedRetry(30 * time.Millisecond),
		DatabaseURL: dbtest.URLOf(d)})
	if err != nil {
		t.Fatal(err)
	}
	failed, cancelF := e.Client.Subscribe(river.EventKindJobFailed)
	defer cancelF()
	done, cancelD := e.Client.Subscribe(river.EventKindJobCompleted)
	defer cancelD()
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer e.Stop(ctx) //nolint:errcheck
	// Every message fails at least once while the server is down…
	waitEvents(t, failed, 6, "failed attempts while the server is down")
	if n := len(srv.Messages()); n != 0 {
		t.Fatalf("%d messages delivered by a server that is down", n)
	}
	// …and arrives once when it is back.
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	waitEvents(t, done, 3, "messages sent after the server came back")
	if err := e.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	var to []string
	for _, m := range srv.Messages() {
		to = append(to, strings.Join(m.To, ","))
		if !strings.Contains(m.Data, "Message-ID: <usulan-mail-") {
			t.Errorf("message without the outbox's Message-ID:\n%s", m.Data)
		}
	}
	sort.Strings(to)
	if strings.Join(to, " ") != "kp_pbg@kemenag.test ver1@kemenag.test ver2@kemenag.test" {
		t.Fatalf("delivered to %v, want each of the three once", to)
	}
	var states []string
	if err := d.NewSelect().Table("river_job").Column("state").Where("kind = 'mail'").Scan(ctx, &states); err != nil {
		t.Fatal(err)
	}
	if len(states) != 3 || states[0] != "completed" || states[1] != "completed" || states[2] != "completed" {
		t.Fatalf("outbox states %v", states)
	}
}
