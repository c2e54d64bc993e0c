package workflow

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/notify"
	"github.com/kemenagjateng/usulan/app/sla"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// Reminder levels (sla_reminders.level).
const (
	RemindHolder   = 1 // past the due date: the holder is reminded
	RemindEscalate = 2 // past it by a second period: the admins are told
)

// RemindResult counts what one run of RemindOverdue sent.
type RemindResult struct {
	Reminded  int `json:"reminded"`  // proposals whose holder was reminded
	Escalated int `json:"escalated"` // proposals escalated to the admins
}

// remindBatch bounds the proposals handled in one transaction.
const remindBatch = 200

type overdueRow struct {
	ID         int64         `bun:"id"`
	Status     models.Status `bun:"status"`
	StateSince time.Time     `bun:"state_since"`
}

// RemindOverdue is the daily service-level run (a River periodic job, see
// app/background): for every status with a target, each proposal past its
// due date on the clock's today has its holder reminded once — the
// verifiers for an unclaimed submission, the claiming verifier in review,
// the office's operators and head when sent back, the admins for verified
// and forwarded ones — and once past it by a second period the admins are
// told (escalation). In-app and, when e-mail is on, one digest e-mail per
// person through the outbox, in the transaction that records the reminder.
// A reminder is recorded once per stay in a status (sla_reminders is unique
// on proposal, entry instant and level), so a second run, a retried job or
// two servers send nothing twice; a proposal that moves on starts afresh.
func (s *Service) RemindOverdue(ctx context.Context) (RemindResult, error) {
	var out RemindResult
	pol, err := sla.Load(ctx, s.DB)
	if err != nil {
		return out, err
	}
	today := s.Today()
	for _, st := range sla.Statuses {
		for _, level := range []int{RemindHolder, RemindEscalate} {
			before, ok := pol.OverdueBefore(st, today, level)
			if !ok {
				continue
			}
			for {
				n, more, err := s.remindBatch(ctx, pol, st, level, before)
				if err != nil {
					return out, err
				}
				if level == RemindHolder {
					out.Reminded += n
				} else {
					out.Escalated += n
				}
				if !more {
					break
				}
			}
		}
	}
	return out, nil
}

// remindWhy is the reason the reminders job reads every office's proposals.
const remindWhy = "the service-level reminders of every office"

// remindBatch records and sends up to remindBatch reminders of one level for
// proposals in status st that entered it before `before`, in one
// transaction; more says whether another batch may wait.
func (s *Service) remindBatch(ctx context.Context, pol sla.Policy, st models.Status, level int, before time.Time) (int, bool, error) {
	now := s.Now()
	sent, more := 0, false
	err := s.inTx(ctx, func(tx bun.Tx) error {
		sent, more = 0, false
		var rows []overdueRow
		err := store.System(tx, remindWhy).From("proposals AS p").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.ColumnExpr("p.id, p.status, p.state_since").
				Where("p.status = ?", st).Where("p.state_since < ?", before).
				Where("NOT EXISTS (SELECT 1 FROM sla_reminders AS r WHERE r.proposal_id = p.id AND r.state_since = p.state_since AND r.level = ?)", level).
				OrderExpr("p.state_since, p.id").Limit(remindBatch + 1)
		}).Scan(ctx, &rows)
		if err != nil {
			return err
		}
		if len(rows) > remindBatch {
			rows, more = rows[:remindBatch], true
		}
		var ids []int64
		due := map[int64]models.Date{}
		for _, r := range rows {
			d, _ := pol.Due(r.Status, r.StateSince)
			res, err := tx.NewRaw(`INSERT INTO sla_reminders (proposal_id, status, state_since, level, due, created_at)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (proposal_id, state_since, level) DO NOTHING`,
				r.ID, r.Status, r.StateSince, level, d.String(), now.UTC()).Exec(ctx)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				ids, due[r.ID] = append(ids, r.ID), d
			}
		}
		if len(ids) == 0 {
			return nil
		}
		sent = len(ids)
		return s.sendReminders(ctx, tx, ids, due, level, pol.Targets[st], now)
	})
	return sent, more, err
}

// sendReminders writes the notifications of the reminders just recorded and
// queues one e-mail per person listing them.
func (s *Service) sendReminders(ctx context.Context, tx bun.Tx, ids []int64, due map[int64]models.Date, level, target int, now time.Time) error {
	sys := store.System(tx, remindWhy)
	var props []*models.Proposal
	if err := sys.Model(&props).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Relation("Office").Where("proposal.id IN (?)", bun.List(ids)).OrderExpr("proposal.state_since, proposal.id")
	}).Scan(ctx); err != nil {
		return err
	}
	h := holders{tx: tx, office: map[int64][]notify.Recipient{}, user: map[int64][]notify.Recipient{}}
	var notes []notify.Notification
	lines := map[int64][]string{}
	people := map[int64]notify.Recipient{}
	for _, p := range props {
		var to []notify.Recipient
		var err error
		if level == RemindEscalate {
			to, err = h.role(ctx, models.RoleAdmin)
		} else {
			to, err = h.of(ctx, p)
		}
		if err != nil {
			return err
		}
		office := ""
		if p.Office != nil {
			office = p.Office.Name
		}
		d := due[p.ID]
		msg := fmt.Sprintf("Pengingat batas waktu: %s, %s, berstatus %s sejak %s, seharusnya selesai %s (%d hari kerja).",
			proposalSubject(p), office, p.Status.Label(), sla.DayOf(p.StateSince).Indonesian(), d.Indonesian(), target)
		if level == RemindEscalate {
			msg = fmt.Sprintf("Eskalasi batas waktu: %s, %s, berstatus %s sejak %s, lewat dari batas %s lebih dari %d hari kerja lagi.",
				proposalSubject(p), office, p.Status.Label(), sla.DayOf(p.StateSince).Indonesian(), d.Indonesian(), target)
		}
		for _, r := range to {
			pid := p.ID
			notes = append(notes, notify.Notification{UserID: r.UserID, ProposalID: &pid, Message: msg, CreatedAt: now.UTC()})
			people[r.UserID] = r
			lines[r.UserID] = append(lines[r.UserID], "- "+msg+"\n  "+s.BaseURL+"/proposals/"+strconv.FormatInt(p.ID, 10))
		}
	}
	if len(notes) > 0 {
		if err := sys.InsertNotifications(ctx, &notes); err != nil {
			return err
		}
	}
	users := make([]int64, 0, len(people))
	for id := range people {
		users = append(users, id)
	}
	sort.Slice(users, func(i, j int) bool { return users[i] < users[j] })
	subject := "[Usulan] Pengingat batas waktu: %d usulan"
	if level == RemindEscalate {
		subject = "[Usulan] Eskalasi batas waktu: %d usulan"
	}
	for _, id := range users {
		r := people[id]
		body := "Yth. " + r.Name + ",\n\nUsulan berikut melewati batas waktu layanan:\n\n" + strings.Join(lines[id], "\n")
		if err := s.queueMail(ctx, tx, []notify.Recipient{r}, fmt.Sprintf(subject, len(lines[id])), body, now); err != nil {
			return err
		}
	}
	return nil
}

// holders finds who holds a proposal, remembering each answer for the run.
type holders struct {
	tx     bun.IDB
	office map[int64][]notify.Recipient
	user   map[int64][]notify.Recipient
	roles  map[models.Role][]notify.Recipient
}

func (h *holders) role(ctx context.Context, r models.Role) ([]notify.Recipient, error) {
	if out, ok := h.roles[r]; ok {
		return out, nil
	}
	var out []notify.Recipient
	if err := h.tx.NewSelect().Table("users").Column("id", "name", "email").Where("active = ?", true).
		Where("role = ?", r).OrderExpr("id").Scan(ctx, &out); err != nil {
		return nil, err
	}
	if h.roles == nil {
		h.roles = map[models.Role][]notify.Recipient{}
	}
	h.roles[r] = out
	return out, nil
}

// of is who must act on p now: the claiming verifier in review (the
// verifiers when that account is inactive), the verifiers for a submission
// nobody claimed, the office's operators and head when it was sent back, the
// admins for the steps after verification.
func (h *holders) of(ctx context.Context, p *models.Proposal) ([]notify.Recipient, error) {
	switch p.Status {
	case models.StatusSubmitted:
		return h.role(ctx, models.RoleVerifikator)
	case models.StatusInReview:
		if p.ReviewerID != nil {
			out, ok := h.user[*p.ReviewerID]
			if !ok {
				if err := h.tx.NewSelect().Table("users").Column("id", "name", "email").Where("active = ?", true).
					Where("id = ?", *p.ReviewerID).Scan(ctx, &out); err != nil {
					return nil, err
				}
				h.user[*p.ReviewerID] = out
			}
			if len(out) > 0 {
				return out, nil
			}
		}
		return h.role(ctx, models.RoleVerifikator)
	case models.StatusRevisionRequested:
		out, ok := h.office[p.OfficeID]
		if !ok {
			if err := h.tx.NewSelect().Table("users").Column("id", "name", "email").Where("active = ?", true).
				Where("office_id = ? AND role IN ('operator', 'kepala')", p.OfficeID).OrderExpr("id").Scan(ctx, &out); err != nil {
				return nil, err
			}
			h.office[p.OfficeID] = out
		}
		return out, nil
	}
	return h.role(ctx, models.RoleAdmin)
}
