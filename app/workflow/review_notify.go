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
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// insertEvent appends an event and returns its id.
func insertEvent(ctx context.Context, st *store.Store, proposalID, actorID int64, action string, from, to models.Status,
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
	err := st.InsertEvent(ctx, ev)
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

// notifyTransition stores the in-app notifications of a transition inside tx
// and, when e-mail is on (Mailer set), puts one message per recipient with an
// address in the outbox in the same transaction (notify.QueueMail): the
// e-mail exists exactly when the change does, and a River worker sends it.
func (s *Service) notifyTransition(ctx context.Context, tx bun.Tx, t Transition, cur *models.Proposal,
	actor string, actorID, eventID int64, note string, now time.Time) error {
	to, err := recipients(ctx, tx, cur, t.Action, actorID)
	if err != nil {
		return err
	}
	msg := transitionMessage(t, cur, actor, note)
	if err := notify.Add(ctx, tx, to, cur.ID, eventID, msg, now); err != nil {
		return err
	}
	return s.queueMail(ctx, tx, to, "[Usulan] "+ActionLabel(string(t.Action))+": "+proposalSubject(cur),
		msg+"\n\nBuka usulan: "+s.BaseURL+"/proposals/"+strconv.FormatInt(cur.ID, 10), now)
}

// queueMail puts one e-mail per recipient with an address in the outbox,
// inside tx (nothing when e-mail is off).
func (s *Service) queueMail(ctx context.Context, tx bun.Tx, to []notify.Recipient, subject, body string, now time.Time) error {
	if s.Mailer == nil {
		return nil
	}
	m := notify.Message{Subject: subject, Body: body + "\n\nPesan ini dikirim otomatis oleh aplikasi Usulan.\n", Date: now}
	for _, r := range to {
		if r.Email != "" {
			m.To = append(m.To, r.Email)
		}
	}
	return notify.QueueMail(ctx, tx, m)
}
