package workflow_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/notify"
	"github.com/kemenagjateng/usulan/app/sla"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

// notes lists a user's notifications, oldest first.
func (e *planEnv) notes(userID int64) []notify.Notification {
	e.t.Helper()
	ns, err := notify.List(e.ctx, e.db, access.Principal{UserID: userID}, 200)
	if err != nil {
		e.t.Fatal(err)
	}
	for i, j := 0, len(ns)-1; i < j; i, j = i+1, j-1 {
		ns[i], ns[j] = ns[j], ns[i]
	}
	return ns
}

func (e *planEnv) reminders() (level1, level2 int) {
	e.t.Helper()
	var rows []struct {
		Level int `bun:"level"`
	}
	if err := e.db.NewSelect().Table("sla_reminders").Column("level").Scan(e.ctx, &rows); err != nil {
		e.t.Fatal(err)
	}
	for _, r := range rows {
		if r.Level == 1 {
			level1++
		} else {
			level2++
		}
	}
	return
}

func (e *planEnv) remind(want workflow.RemindResult) {
	e.t.Helper()
	got, err := e.svc.RemindOverdue(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	if got != want {
		e.t.Fatalf("on %s: %+v, want %+v", e.svc.Today(), got, want)
	}
}

// A submission nobody claims is due 3 working days after it came in: the
// verifiers are reminded the day after, once; after a second period the
// admins are told, once; e-mail goes through the outbox with each.
func TestOverdueSubmissionRemindsTheVerifiersThenEscalatesToTheAdminsOnce(t *testing.T) {
	e := newPlanEnv(t)
	// Monday 30 November 2026, 10.00 WIB; Thursday 3 December a holiday.
	clk := clock.NewManual(time.Date(2026, 11, 30, 3, 0, 0, 0, time.UTC))
	e.svc.Clock = clk
	e.svc.Mailer = notify.MailerFunc(nil) // e-mail on: the outbox is written
	if _, err := sla.AddHoliday(e.ctx, e.db, models.MustDate("2026-12-03"), "Libur uji", e.svc.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.NewUpdate().Table("users").Set("email = 'ver1@kemenag.test'").Where("id = ?", e.ver.UserID).Exec(e.ctx); err != nil {
		t.Fatal(err)
	}
	prop := e.file(e.op, 1)
	e.must(e.kp, prop, workflow.ActSubmit) // due Friday 4 December (Tue, Wed, Fri)
	ver0, admin0 := len(e.notes(e.ver.UserID)), len(e.notes(e.admin.UserID))
	mails := func() int {
		n, err := e.db.NewSelect().Table("river_job").Where("kind = 'mail'").Count(e.ctx)
		if err != nil {
			t.Fatal(err)
		}
		return int(n)
	}
	mail0 := mails()

	day := func(s string) {
		d := models.MustDate(s)
		clk.Set(time.Date(d.Year, d.Month, d.Day, 7, 0, 0, 0, models.Jakarta))
	}
	day("2026-12-04") // the due date itself: in time
	e.remind(workflow.RemindResult{})
	day("2026-12-07") // Monday: overdue
	e.remind(workflow.RemindResult{Reminded: 1})
	e.remind(workflow.RemindResult{}) // the job runs twice: nothing twice
	ns := e.notes(e.ver.UserID)
	if len(ns) != ver0+1 || ns[len(ns)-1].ProposalID == nil || *ns[len(ns)-1].ProposalID != prop.ID {
		t.Fatalf("verifier notifications %d, want %d with the proposal", len(ns), ver0+1)
	}
	if msg := ns[len(ns)-1].Message; !contains(msg, "Pengingat batas waktu", "30 November 2026", "4 Desember 2026") {
		t.Fatalf("reminder reads %q", msg)
	}
	if len(e.notes(e.admin.UserID)) != admin0 {
		t.Fatal("the admins were told before a second period passed")
	}
	if mails() != mail0+1 {
		t.Fatalf("%d e-mails queued, want one for ver1 (the one address)", mails()-mail0)
	}
	// A second period of 3 working days after 4 December: Wednesday 9 December.
	day("2026-12-09")
	e.remind(workflow.RemindResult{})
	day("2026-12-10")
	e.remind(workflow.RemindResult{Escalated: 1})
	e.remind(workflow.RemindResult{})
	as := e.notes(e.admin.UserID)
	if len(as) != admin0+1 || !contains(as[len(as)-1].Message, "Eskalasi batas waktu") {
		t.Fatalf("admin notifications %d, want one escalation", len(as)-admin0)
	}
	if len(e.notes(e.ver.UserID)) != ver0+1 {
		t.Fatal("the verifier was reminded again")
	}
	if l1, l2 := e.reminders(); l1 != 1 || l2 != 1 {
		t.Fatalf("reminders %d/%d, want 1/1", l1, l2)
	}
	// Claimed: a new stay, a new clock (10 working days, due 24 December).
	e.must(e.ver, prop, workflow.ActClaim)
	day("2026-12-24")
	e.remind(workflow.RemindResult{})
	day("2026-12-25")
	e.remind(workflow.RemindResult{Reminded: 1})
	if ns := e.notes(e.ver.UserID); len(ns) != ver0+2 {
		t.Fatalf("the claiming verifier got %d reminders, want 2", len(ns)-ver0)
	}
}

func contains(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
