package reports

import (
	"context"
	"fmt"
	"math/rand"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

// SeedHistory writes n filed proposals with their timelines straight into
// the database (bulk inserts, explicit ids), spread over the year before
// now across every regency office: the shape of a busy province, for the
// benchmark and for looking at the pages.
func SeedHistory(ctx context.Context, d *bun.DB, n int, now time.Time, seed int64) error {
	rng := rand.New(rand.NewSource(seed))
	var offices []int64
	if err := d.NewSelect().Table("offices").Column("id").Where("kind <> 'kanwil'").Order("code").Scan(ctx, &offices); err != nil {
		return err
	}
	var actor int64
	if err := d.NewSelect().Table("users").Column("id").Order("id").Limit(1).Scan(ctx, &actor); err != nil {
		return fmt.Errorf("seedHistory needs a user: %w", err)
	}
	// Bulk work for no user, over every office.
	sys := store.System(d, "seeding the report history in bulk")
	maxOf := func(table string) int64 {
		var id int64
		_ = sys.From(table).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.ColumnExpr("coalesce(max(id), 0)")
		}).Scan(ctx, &id)
		return id
	}
	maxID := maxOf("proposals")
	items := []string{"rule:performance", "rule:education_field", "rule:experience", "rule:competency_test", "doc:skp",
		"doc:ijazah", "doc:sk_jabatan", "rule:max_age", "doc:sehat", "rule:vacancy"}
	hour := time.Hour
	start := now.AddDate(-1, 0, 0)
	const batch = 500
	var props []models.Proposal
	var evs []models.Event
	var reasons []seedReason
	var spells []seedSpell
	flush := func() error {
		if len(props) > 0 {
			if _, err := sys.Insert(&props).Exec(ctx); err != nil {
				return err
			}
		}
		if len(evs) > 0 {
			for i := 0; i < len(evs); i += 2000 {
				j := min(i+2000, len(evs))
				chunk := evs[i:j]
				if _, err := sys.Insert(&chunk).Exec(ctx); err != nil {
					return err
				}
			}
		}
		for i := 0; i < len(spells); i += 2000 {
			chunk := spells[i:min(i+2000, len(spells))]
			if _, err := sys.Insert(&chunk).Exec(ctx); err != nil {
				return err
			}
		}
		if len(reasons) > 0 {
			if _, err := sys.Insert(&reasons).Exec(ctx); err != nil {
				return err
			}
		}
		props, evs, reasons, spells = props[:0], evs[:0], reasons[:0], spells[:0]
		return nil
	}
	evID := maxOf("events")
	for i := 0; i < n; i++ {
		id := maxID + int64(i) + 1
		office := offices[rng.Intn(len(offices))]
		// Some offices are slow: their waits are stretched.
		slow := 1.0 + float64(office%7)/3
		filed := start.Add(time.Duration(rng.Int63n(int64(now.Sub(start)))))
		t := filed.Add(-time.Duration(1+rng.Intn(72)) * hour)
		pos := []string{"pranata_komputer", "pranata_humas"}[rng.Intn(2)]
		p := models.Proposal{ID: id, Kind: models.KindJFT, OfficeID: office, Version: 1, Position: pos, Level: "ahli_pertama",
			Route: "pengangkatan_pertama", StateSince: t, CreatedAt: t, UpdatedAt: t}
		status := models.StatusDraft
		open := -1
		ev := func(action string, to models.Status, at time.Time) bool {
			if at.After(now) {
				return false
			}
			evID++
			evs = append(evs, models.Event{ID: evID, ProposalID: id, ActorID: &actor, Action: action, FromStatus: status,
				ToStatus: to, CreatedAt: at})
			if to != models.StatusDraft {
				if open >= 0 {
					l, nx := at.Unix(), string(to)
					spells[open].LeftAt, spells[open].NextState = &l, &nx
				}
				spells = append(spells, seedSpell{ProposalID: id, OfficeID: office, Kind: models.KindJFT, Position: pos,
					FiledAt: filed.Unix(), State: to, Entered: at.Unix()})
				open = len(spells) - 1
			}
			if to != status {
				p.StateSince = at
			}
			status = to
			p.UpdatedAt = at
			return true
		}
		wait := func(meanHours float64) time.Duration {
			return time.Duration(rng.ExpFloat64() * meanHours * slow * float64(hour))
		}
		ev("create", models.StatusDraft, t)
		t = filed
		ev("submit", models.StatusSubmitted, t)
		sa := filed
		p.SubmittedAt = &sa
		func() {
			t = t.Add(wait(40))
			if !ev("claim", models.StatusInReview, t) {
				return
			}
			for round := 0; round < 3 && rng.Float64() < 0.35; round++ {
				t = t.Add(wait(30))
				if !ev("request_revision", models.StatusRevisionRequested, t) {
					return
				}
				for k := 0; k <= rng.Intn(2); k++ {
					reasons = append(reasons, seedReason{EventID: evID, ProposalID: id, Action: "request_revision",
						Item: items[int(rng.ExpFloat64()*2.5)%len(items)], CreatedAt: t})
				}
				t = t.Add(wait(120))
				if !ev("resubmit", models.StatusInReview, t) {
					return
				}
			}
			t = t.Add(wait(30))
			if rng.Float64() < 0.1 {
				if ev("reject", models.StatusRejected, t) {
					reasons = append(reasons, seedReason{EventID: evID, ProposalID: id, Action: "reject",
						Item: items[rng.Intn(len(items))], CreatedAt: t})
				}
				return
			}
			if !ev("verify", models.StatusVerified, t) {
				return
			}
			t = t.Add(wait(60))
			if !ev("forward", models.StatusForwarded, t) {
				return
			}
			t = t.Add(wait(300))
			ev("complete", models.StatusCompleted, t)
		}()
		p.Status = status
		props = append(props, p)
		if len(props) == batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if _, err := sys.Exec(ctx, workflow.TimelinesSQL(d, "s.proposal_id > ?"), maxID); err != nil {
		return err
	}
	if _, err := sys.Exec(ctx, workflow.ReasonsFromTimelinesSQL+" WHERE proposal_id > ?", maxID); err != nil {
		return err
	}
	if d.Dialect().Name().String() == "pg" {
		for _, tb := range []string{"proposals", "events", "decision_reasons", "report_spells"} {
			if _, err := sys.Exec(ctx, fmt.Sprintf("SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT max(id) FROM %s))", tb, tb)); err != nil {
				return err
			}
		}
		_, err := sys.Exec(ctx, "ANALYZE")
		return err
	}
	_, err := sys.Exec(ctx, "ANALYZE")
	return err
}

// seedReason is a decision_reasons row as the seeder writes it.
type seedReason struct {
	bun.BaseModel `bun:"table:decision_reasons"`

	ID         int64     `bun:"id,pk,autoincrement"`
	EventID    int64     `bun:"event_id,notnull"`
	ProposalID int64     `bun:"proposal_id,notnull"`
	Action     string    `bun:"action,notnull"`
	Item       string    `bun:"item,notnull"`
	Label      string    `bun:"label,notnull"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
}

// seedSpell is a report_spells row as the seeder writes it.
type seedSpell struct {
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

// RebuildSpells refills report_spells from the event log (the statement of
// the migration that added it), for data written without the workflow, such
// as `usulan demo`'s bulk fill. The items found wanting (decision_reasons)
// are not rebuilt: they come from the workflow's decisions only.
func RebuildSpells(ctx context.Context, d bun.IDB) error {
	pg := d.Dialect().Name().String() == "pg"
	epoch := func(col string) string {
		if pg {
			return "CAST(extract(epoch FROM " + col + ") AS BIGINT)"
		}
		return "CAST(strftime('%s', " + col + ") AS INTEGER)"
	}
	// Bulk work for no user, over every office.
	sys := store.System(d, "rebuilding the report tables from the event log")
	if _, err := sys.Exec(ctx, "DELETE FROM report_spells"); err != nil {
		return err
	}
	_, err := sys.Exec(ctx, `INSERT INTO report_spells (proposal_id, office_id, kind, position, filed_at, state, entered, left_at, next_state)
SELECT x.proposal_id, p.office_id, p.kind, p.position, `+epoch("p.submitted_at")+`, x.state, x.entered, x.left_at, x.next_state
FROM (
    SELECT e.proposal_id, e.to_status AS state, `+epoch("e.created_at")+` AS entered,
        LEAD(`+epoch("e.created_at")+`) OVER (PARTITION BY e.proposal_id ORDER BY e.id) AS left_at,
        LEAD(e.to_status) OVER (PARTITION BY e.proposal_id ORDER BY e.id) AS next_state
    FROM events AS e
    WHERE e.to_status <> e.from_status
) AS x
JOIN proposals AS p ON p.id = x.proposal_id
WHERE p.submitted_at IS NOT NULL AND x.state <> 'draft'`)
	if err != nil {
		return err
	}
	if _, err := sys.Exec(ctx, "DELETE FROM report_timelines"); err != nil {
		return err
	}
	if _, err = sys.Exec(ctx, workflow.TimelinesSQL(d, "1 = 1")); err != nil {
		return err
	}
	if _, err = sys.Exec(ctx, workflow.ReasonsFromTimelinesSQL); err != nil {
		return err
	}
	if _, err := sys.Exec(ctx, "DELETE FROM jf_posts"); err != nil {
		return err
	}
	_, err = sys.Exec(ctx, fmt.Sprintf(workflow.JFPostsSQL, "1 = 1"))
	return err
}
