package workflow

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
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
func recordReasons(ctx context.Context, st *store.Store, a Action, proposalID, eventID int64, findings []WantingItem, now time.Time) error {
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
	_, err := st.Insert(&rows).Exec(ctx)
	return err
}

// ReportSpell is a stay of a filed proposal in one state, kept for the
// obstacle map (app/reports): opened when a transition enters the state,
// closed (left_at, next_state) by the next one. Instants are Unix seconds.
type ReportSpell struct {
	bun.BaseModel `bun:"table:report_spells"`

	ID         int64         `bun:"id,pk,autoincrement"`
	ProposalID int64         `bun:"proposal_id,notnull"`
	OfficeID   int64         `bun:"office_id,notnull"`
	Kind       string        `bun:"kind,notnull"`
	Position   string        `bun:"position,notnull"`
	FiledAt    int64         `bun:"filed_at,notnull"`
	State      models.Status `bun:"state,notnull"`
	Entered    int64         `bun:"entered,notnull"`
	LeftAt     *int64        `bun:"left_at"`
	NextState  *string       `bun:"next_state"`
}

// recordSpell closes the proposal's open stay and opens one in to (inside
// the transition's transaction). Proposals never filed (a draft withdrawn)
// have no stays.
func recordSpell(ctx context.Context, st *store.Store, cur *models.Proposal, a Action, to models.Status, now time.Time) error {
	filed := now
	switch {
	case a == ActSubmit:
	case cur.SubmittedAt != nil:
		filed = *cur.SubmittedAt
	default:
		return nil
	}
	at := now.Unix()
	if _, err := st.UpdateModel((*ReportSpell)(nil)).Apply(func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("left_at = ?", at).Set("next_state = ?", string(to)).
			Where("proposal_id = ? AND left_at IS NULL", cur.ID)
	}).Exec(ctx); err != nil {
		return err
	}
	// A proposal's stays carry its current kind and position: the map
	// filters by them and reads one proposal's stays together in the
	// index order (filed_at, kind, position, proposal_id), so a position
	// changed during a revision is written back to the earlier stays.
	if _, err := st.UpdateModel((*ReportSpell)(nil)).Apply(func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("kind = ?", cur.Kind).Set("position = ?", cur.Position).
			Where("proposal_id = ? AND (kind <> ? OR position <> ?)", cur.ID, cur.Kind, cur.Position)
	}).Exec(ctx); err != nil {
		return err
	}
	if _, err := st.Insert(&ReportSpell{ProposalID: cur.ID, OfficeID: cur.OfficeID, Kind: cur.Kind,
		Position: cur.Position, FiledAt: filed.Unix(), State: to, Entered: at}).Exec(ctx); err != nil {
		return err
	}
	if _, err := st.Exec(ctx, TimelinesSQL(st.DB(), "s.proposal_id = ?")+`
ON CONFLICT (proposal_id) DO UPDATE SET office_id = excluded.office_id, kind = excluded.kind,
    position = excluded.position, filed_at = excluded.filed_at, stays = excluded.stays`, cur.ID); err != nil {
		return err
	}
	_, err := st.Exec(ctx, ReasonsFromTimelinesSQL+" WHERE proposal_id = ?", cur.ID)
	return err
}

// ReasonsFromTimelinesSQL copies each decision reason's proposal facts
// (office, filing instant, kind, position) from report_timelines; callers
// append a WHERE on decision_reasons.
const ReasonsFromTimelinesSQL = `UPDATE decision_reasons SET (office_id, filed_at, kind, position) =
    (SELECT t.office_id, t.filed_at, t.kind, t.position FROM report_timelines AS t
     WHERE t.proposal_id = decision_reasons.proposal_id)`

// TimelinesSQL is the INSERT that writes report_timelines rows (one per
// proposal: its stays in order as "state:offset …", offset in seconds from
// filing) from the report_spells rows matching where (on alias s), as the
// migration that added the table does.
func TimelinesSQL(d bun.IDB, where string) string {
	agg := "group_concat"
	if d.Dialect().Name().String() == "pg" {
		agg = "string_agg"
	}
	return `INSERT INTO report_timelines (proposal_id, office_id, kind, position, filed_at, stays)
SELECT s.proposal_id, max(s.office_id), max(s.kind), max(s.position), max(s.filed_at),
    ` + agg + `(s.state || ':' || (s.entered - s.filed_at), ' ' ORDER BY s.id)
FROM report_spells AS s WHERE ` + where + `
GROUP BY s.proposal_id`
}

// JFPostsSQL writes jf_posts, the JF post each person last received by a
// completed JFT proposal (the latest proposal id wins), from the completed
// proposals matching where (on alias p), as the migration that added the
// table does. One row per NIP even when where matches several proposals.
const JFPostsSQL = `INSERT INTO jf_posts (nip, proposal_id, office_id, position, level, decree_date)
SELECT x.nip, x.id, x.office_id, x.position, x.level, x.decree_date FROM (
    SELECT c.nip, p.id, p.office_id, p.position, p.level, p.decree_date,
        ROW_NUMBER() OVER (PARTITION BY c.nip ORDER BY p.id DESC) AS n
    FROM candidates AS c JOIN proposals AS p ON p.id = c.proposal_id
    WHERE p.status = 'completed' AND p.kind = 'jft' AND c.verdict <> 'not_eligible' AND %s
) AS x
WHERE x.n = 1
ON CONFLICT (nip) DO UPDATE SET proposal_id = excluded.proposal_id, office_id = excluded.office_id,
    position = excluded.position, level = excluded.level, decree_date = excluded.decree_date
WHERE excluded.proposal_id > jf_posts.proposal_id`
