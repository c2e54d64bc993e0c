package notify

import (
	"context"
	"errors"
	"net/textproto"
	"strconv"
	"time"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/jobs"
)

// MailArgs is one e-mail waiting in the outbox (a River job of kind "mail"):
// one recipient, written in the transaction of the change it tells of, sent
// by MailWorker once that has committed and retried with backoff while the
// SMTP server is unreachable, so that neither a mail server nor an
// application that is down loses it.
type MailArgs struct {
	To      string    `json:"to"`
	Subject string    `json:"subject"`
	Body    string    `json:"body"`
	Date    time.Time `json:"date"` // the Date header: when the event happened
}

// Kind names the job.
func (MailArgs) Kind() string { return "mail" }

// QueueMail puts one message per recipient of m in the outbox inside tx
// (recipients without an address are skipped).
func QueueMail(ctx context.Context, tx bun.Tx, m Message) error {
	for _, to := range m.To {
		if to == "" {
			continue
		}
		if _, err := jobs.Enqueue(ctx, tx, MailArgs{To: to, Subject: m.Subject, Body: m.Body, Date: m.Date.UTC()}); err != nil {
			return err
		}
	}
	return nil
}

// MailWorker sends the outbox through Mailer. A nil Mailer (SMTP_URL unset)
// completes each message unsent: e-mail is off, the in-app notification is
// the record. A server that refuses a recipient for good (5xx) ends the job;
// anything else is retried.
type MailWorker struct {
	river.WorkerDefaults[MailArgs]
	Mailer Mailer
}

// Work sends one message. Its Message-ID is derived from the job, so a
// retry after a send whose success was not recorded (a crash between the two)
// carries the same ID and mail clients show it once.
func (w *MailWorker) Work(ctx context.Context, j *river.Job[MailArgs]) error {
	if w.Mailer == nil {
		return nil
	}
	err := w.Mailer.Send(ctx, Message{To: []string{j.Args.To}, Subject: j.Args.Subject, Body: j.Args.Body,
		Date: j.Args.Date, MessageID: "usulan-mail-" + strconv.FormatInt(j.ID, 10)})
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 500 {
		return river.JobCancel(err)
	}
	return err
}

// Timeout bounds one attempt (the SMTP client has its own, shorter).
func (w *MailWorker) Timeout(*river.Job[MailArgs]) time.Duration { return time.Minute }
