package workflow

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// DecisionReason is one item found wanting at a decision (a request for
// revision or a rejection), kept beside the event's JSON snapshot so the
// obstacle map counts reasons in SQL (app/reports). A rejection without any
// wanting item is recorded once under ReasonRejectNote.
type DecisionReason struct {
	bun.BaseModel `bun:"table:decision_reasons"`

	ID         int64     `bun:"id,pk,autoincrement"`
	EventID    int64     `bun:"event_id,notnull"`
	ProposalID int64     `bun:"proposal_id,notnull"`
	Action     string    `bun:"action,notnull"`
	Item       string    `bun:"item,notnull"`
	Label      string    `bun:"label,notnull"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
}

// ReasonRejectNote is the item of a rejection whose reason is only its note.
const ReasonRejectNote = "reject:note"

// recordReasons stores the wanting items of a decision event (inside its
// transaction). Verifications record nothing.
func recordReasons(ctx context.Context, tx bun.IDB, a Action, proposalID, eventID int64, findings []WantingItem, now time.Time) error {
	if a != ActRequestRevision && a != ActReject {
		return nil
	}
	var rows []DecisionReason
	for _, f := range findings {
		if f.Finding == FindingWanting {
			rows = append(rows, DecisionReason{EventID: eventID, ProposalID: proposalID, Action: string(a),
				Item: f.Item, Label: f.Label, CreatedAt: now.UTC()})
		}
	}
	if len(rows) == 0 && a == ActReject {
		rows = append(rows, DecisionReason{EventID: eventID, ProposalID: proposalID, Action: string(a),
			Item: ReasonRejectNote, Label: "Ditolak (alasan pada catatan)", CreatedAt: now.UTC()})
	}
	if len(rows) == 0 {
		return nil
	}
	_, err := tx.NewInsert().Model(&rows).Exec(ctx)
	return err
}
