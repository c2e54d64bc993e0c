package reports_test

import (
	"os"
	"strings"
	"testing"
	"text/template"

	"github.com/kemenagjateng/usulan/app/db"
	"github.com/kemenagjateng/usulan/app/reports"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/migrations"
	"github.com/kemenagjateng/usulan/models"
)

// The migration that adds report_spells fills it from the event log of the
// proposals filed before it: the rows must be those the workflow writes.
func TestReportSpellsBackfillMatchesWhatTheWorkflowWrites(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	type spell struct {
		ProposalID int64   `bun:"proposal_id"`
		OfficeID   int64   `bun:"office_id"`
		Kind       string  `bun:"kind"`
		Position   string  `bun:"position"`
		FiledAt    int64   `bun:"filed_at"`
		State      string  `bun:"state"`
		Entered    int64   `bun:"entered"`
		LeftAt     *int64  `bun:"left_at"`
		NextState  *string `bun:"next_state"`
	}
	read := func() []spell {
		var out []spell
		if err := e.db.NewSelect().Table("report_spells").Column("proposal_id", "office_id", "kind", "position", "filed_at",
			"state", "entered", "left_at", "next_state").Order("proposal_id", "entered", "id").Scan(e.ctx, &out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	kept := read()
	if len(kept) != 14 {
		t.Fatalf("%d stays kept by the workflow, want 14", len(kept))
	}
	raw, err := os.ReadFile("../../migrations/20261205140002_report_spells.tx.up.sql")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(string(raw), "--bun:split")
	var sb strings.Builder
	if err := template.Must(template.New("m").Parse(parts[len(parts)-1])).Execute(&sb, migrations.Dialect(db.DialectName(e.db))); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.ExecContext(e.ctx, "DELETE FROM report_spells"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.ExecContext(e.ctx, sb.String()); err != nil {
		t.Fatalf("backfill: %v\n%s", err, sb.String())
	}
	filled := read()
	if len(filled) != len(kept) {
		t.Fatalf("backfill wrote %d stays, the workflow %d", len(filled), len(kept))
	}
	str := func(p *string) string {
		if p == nil {
			return "<nil>"
		}
		return *p
	}
	i64 := func(p *int64) int64 {
		if p == nil {
			return -1
		}
		return *p
	}
	// RebuildSpells (for bulk-filled data) writes the same.
	if err := reports.RebuildSpells(e.ctx, e.db); err != nil {
		t.Fatal(err)
	}
	if again := read(); len(again) != len(kept) || again[3].Entered != kept[3].Entered || str(again[3].NextState) != str(kept[3].NextState) {
		t.Fatalf("rebuild wrote %d stays, the workflow %d", len(again), len(kept))
	}
	for i := range kept {
		a, b := kept[i], filled[i]
		if a.ProposalID != b.ProposalID || a.OfficeID != b.OfficeID || a.Kind != b.Kind || a.Position != b.Position ||
			a.FiledAt != b.FiledAt || a.State != b.State || a.Entered != b.Entered || i64(a.LeftAt) != i64(b.LeftAt) ||
			str(a.NextState) != str(b.NextState) {
			t.Fatalf("stay %d: workflow %+v, backfill %+v", i, a, b)
		}
	}
}

// report_timelines holds each proposal's stays in order as the workflow
// writes them; the migration's backfill and RebuildSpells write the same.
func TestReportTimelinesMatchTheStaysBackfilledOrRebuilt(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ps := e.seed()
	type timeline struct {
		ProposalID int64  `bun:"proposal_id"`
		OfficeID   int64  `bun:"office_id"`
		Position   string `bun:"position"`
		FiledAt    int64  `bun:"filed_at"`
		Stays      string `bun:"stays"`
	}
	read := func() []timeline {
		var out []timeline
		if err := e.db.NewSelect().Table("report_timelines").Column("proposal_id", "office_id", "position", "filed_at", "stays").
			Order("proposal_id").Scan(e.ctx, &out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	kept := read()
	if len(kept) != 6 {
		t.Fatalf("%d timelines, want 6: %+v", len(kept), kept)
	}
	// P1: submit t0, claim +1d, sent back +3d, resubmit +5d, verified +6d.
	p1 := ps["P1"].ID
	for _, tl := range kept {
		if tl.ProposalID == p1 && tl.Stays != "submitted:0 in_review:86400 revision_requested:259200 in_review:432000 verified:518400" {
			t.Fatalf("P1 stays %q", tl.Stays)
		}
	}
	raw, err := os.ReadFile("../../migrations/20261207000002_report_timelines.tx.up.sql")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(string(raw), "--bun:split")
	var sb strings.Builder
	if err := template.Must(template.New("m").Parse(parts[len(parts)-1])).Execute(&sb, migrations.Dialect(db.DialectName(e.db))); err != nil {
		t.Fatal(err)
	}
	for _, fill := range []func() error{
		func() error { _, err := e.db.ExecContext(e.ctx, sb.String()); return err },
		func() error { return reports.RebuildSpells(e.ctx, e.db) },
	} {
		if _, err := e.db.ExecContext(e.ctx, "DELETE FROM report_timelines"); err != nil {
			t.Fatal(err)
		}
		if err := fill(); err != nil {
			t.Fatal(err)
		}
		got := read()
		if len(got) != len(kept) {
			t.Fatalf("%d timelines, the workflow wrote %d", len(got), len(kept))
		}
		for i := range kept {
			if got[i] != kept[i] {
				t.Fatalf("timeline %d: workflow %+v, filled %+v", i, kept[i], got[i])
			}
		}
	}
}

// Completing a JFT proposal records its candidates' post in jf_posts; the
// migration's backfill and RebuildSpells (for bulk-filled data) write the
// same rows.
func TestJFPostsAreWrittenAtCompletionAndRebuiltTheSame(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ps := e.seed()
	e.do(e.ver, ps["P1"], workflow.ActForward)
	cur, _ := e.wf.Get(e.ctx, e.admin, ps["P1"].ID)
	if _, err := e.wf.Apply(e.ctx, e.ver, cur.ID, workflow.TransitionInput{Action: workflow.ActComplete, Version: cur.Version,
		DecreeNumber: "B-1/Kw.11/KP.07.6/06/2026", DecreeDate: models.MustDate("2026-06-01")}); err != nil {
		t.Fatal(err)
	}
	type post struct {
		NIP        string `bun:"nip"`
		ProposalID int64  `bun:"proposal_id"`
		Position   string `bun:"position"`
		Level      string `bun:"level"`
		DecreeDate string `bun:"decree_date"`
	}
	read := func() []post {
		var out []post
		if err := e.db.NewSelect().Table("jf_posts").Column("nip", "proposal_id", "position", "level", "decree_date").
			Order("nip").Scan(e.ctx, &out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	kept := read()
	if len(kept) != 1 || kept[0].NIP != cur.Candidates[0].NIP || kept[0].ProposalID != cur.ID ||
		kept[0].Position != "pranata_komputer" || kept[0].Level != "ahli_pertama" || kept[0].DecreeDate != "2026-06-01" {
		t.Fatalf("jf_posts %+v", kept)
	}
	raw, err := os.ReadFile("../../migrations/20261207000004_jf_posts.tx.up.sql")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(string(raw), "--bun:split")
	for _, fill := range []func() error{
		func() error { _, err := e.db.ExecContext(e.ctx, parts[len(parts)-1]); return err },
		func() error { return reports.RebuildSpells(e.ctx, e.db) },
	} {
		if _, err := e.db.ExecContext(e.ctx, "DELETE FROM jf_posts"); err != nil {
			t.Fatal(err)
		}
		if err := fill(); err != nil {
			t.Fatal(err)
		}
		if got := read(); len(got) != 1 || got[0] != kept[0] {
			t.Fatalf("rebuilt %+v, the workflow wrote %+v", got, kept)
		}
	}
}
