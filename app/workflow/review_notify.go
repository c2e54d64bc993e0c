package workflow

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/notify"
	"github.com/kemenagjateng/usulan/models"
)

// insertEvent appends an event and returns its id.
func insertEvent(ctx context.Context, tx bun.IDB, proposalID, actorID int64, action string, from, to models.Status,
	note string, data any, now time.Time) (int64, error) {
	ev := &models.Event{ProposalID: proposalID, ActorID: &actorID, Action: action, FromStatus: from, ToStatus: to,
		Note: note, CreatedAt: now.UTC()}
	if data != nil {
		b, err := json.Marshal(data)
		if err != nil {
			return 0, err
		}
		str := string(b)
		ev.Data = &str
	}
	_, err := tx.NewInsert().Model(ev).Returning("id").Exec(ctx)
	return ev.ID, err
}

// audience is who a transition concerns: the office's people, all
// verifiers (a new submission waits for one of them), the reviewer.
type audience struct{ office, verifiers, reviewer bool }

func audienceOf(a Action, cur *models.Proposal) audience {
	switch a {
	case ActSubmit:
		return audience{office: true, verifiers: true}
	case ActClaim, ActRequestRevision, ActVerify, ActReject:
		return audience{office: true}
	case ActResubmit, ActForward, ActComplete:
		return audience{office: true, reviewer: true}
	case ActReassign:
		return audience{reviewer: true}
	case ActWithdraw:
		return audience{office: true, reviewer: true, verifiers: cur.Status == models.StatusSubmitted}
	}
	return audience{}
}

// recipients lists the active users a transition concerns, never the actor.
func recipients(ctx context.Context, tx bun.IDB, cur *models.Proposal, a Action, actor int64) ([]notify.Recipient, error) {
	who := audienceOf(a, cur)
	var out []notify.Recipient
	q := tx.NewSelect().Table("users").Column("id", "name", "email").Where("active = ?", true).Where("id <> ?", actor)
	q = q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Where("1 = 0")
		if who.office {
			q = q.WhereOr("office_id = ? AND role IN ('operator', 'kepala')", cur.OfficeID)
		}
		if who.verifiers {
			q = q.WhereOr("role = 'verifikator'")
		}
		if who.reviewer && cur.ReviewerID != nil {
			q = q.WhereOr("id = ?", *cur.ReviewerID)
		}
		return q
	})
	err := q.OrderExpr("id").Scan(ctx, &out)
	return out, err
}

// proposalSubject names a proposal in messages.
func proposalSubject(p *models.Proposal) string {
	var s string
	if p.Kind == models.KindStaffing {
		s = "Tenaga pendukung: " + staffingTitle(p.Staffing)
	} else {
		s = strings.TrimSpace(models.Position(p.Position).Label() + " " + models.Level(p.Level).Label() +
			" — " + models.Route(p.Route).Label())
	}
	if p.LetterNumber != nil {
		s += " (" + *p.LetterNumber + ")"
	}
	return s
}

// transitionMessage is the one-line notification of a transition.
func transitionMessage(t Transition, cur *models.Proposal, actor, note string) string {
	office := ""
	if cur.Office != nil {
		office = cur.Office.Name
	}
	msg := fmt.Sprintf("%s oleh %s: %s, %s. Status: %s → %s.", ActionLabel(string(t.Action)), actor, proposalSubject(cur), office,
		cur.Status.Label(), t.To.Label())
	if note != "" {
		msg += " Catatan: " + note
	}
	return msg
}

// pendingMail is e-mail to send once the transaction has committed.
type pendingMail struct {
	to      []string
	subject string
	body    string
}

// notifyTransition stores the in-app notifications of a transition inside tx
// and returns the e-mail to send after commit.
func (s *Service) notifyTransition(ctx context.Context, tx bun.IDB, t Transition, cur *models.Proposal,
	actor string, actorID, eventID int64, note string, now time.Time) (*pendingMail, error) {
	to, err := recipients(ctx, tx, cur, t.Action, actorID)
	if err != nil {
		return nil, err
	}
	msg := transitionMessage(t, cur, actor, note)
	if err := notify.Add(ctx, tx, to, cur.ID, eventID, msg, now); err != nil {
		return nil, err
	}
	if s.Mailer == nil {
		return nil, nil
	}
	m := &pendingMail{subject: "[Usulan] " + ActionLabel(string(t.Action)) + ": " + proposalSubject(cur),
		body: msg + "\n\nBuka usulan: " + s.BaseURL + "/proposals/" + strconv.FormatInt(cur.ID, 10) +
			"\n\nPesan ini dikirim otomatis oleh aplikasi Usulan.\n"}
	for _, r := range to {
		if r.Email != "" {
			m.to = append(m.to, r.Email)
		}
	}
	if len(m.to) == 0 {
		return nil, nil
	}
	return m, nil
}

// sendMail sends committed notifications in the background, one message per
// recipient (addresses are not shown to each other). Failures are logged:
// the in-app notification is the record.
func (s *Service) sendMail(m *pendingMail) {
	if m == nil || s.Mailer == nil {
		return
	}
	s.mail.Add(1)
	at := s.Now()
	go func() {
		defer s.mail.Done()
		for _, to := range m.to {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			err := s.Mailer.Send(ctx, notify.Message{To: []string{to}, Subject: m.subject, Body: m.body, Date: at})
			cancel()
			if err != nil && s.Log != nil {
				s.Log.Warn("notification e-mail not sent", "to", to, "err", err)
			}
		}
	}()
}

// WaitMail waits until the e-mail queued so far has been handed to the
// server (tests, shutdown).
func (s *Service) WaitMail() { s.mail.Wait() }
