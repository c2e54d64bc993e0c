package workflow_test

import (
	"testing"

	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

// A workflow write that PostgreSQL ends as a deadlock victim is run again,
// and the run again starts afresh: every action below is made to fail with
// 40P01 on its first run (a test trigger on events fails every other
// event), then succeeds with exactly one effect: one letter number taken
// per letter, one event per action, the claim's reviewer, the counters in
// step. SQLite runs one writer at a time: no victims.
func TestAWriteEndedAsADeadlockVictimRunsAgainAfresh(t *testing.T) {
	e := newPlanEnv(t)
	if e.db.Dialect().Name().String() != "pg" {
		t.Skip("SQLite serializes writers")
	}
	prop := e.file(e.op, 1)
	for _, q := range []string{
		`CREATE SEQUENCE test_victims`,
		`CREATE FUNCTION test_victim() RETURNS trigger AS $$
		BEGIN
			IF nextval('test_victims') % 2 = 1 THEN
				RAISE EXCEPTION 'injected deadlock' USING ERRCODE = '40P01';
			END IF;
			RETURN NULL;
		END $$ LANGUAGE plpgsql`,
		`CREATE TRIGGER test_victim AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION test_victim()`,
	} {
		if _, err := e.db.ExecContext(e.ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	e.must(e.kp, prop, workflow.ActSubmit)
	e.must(e.ver, prop, workflow.ActClaim, workflow.ActRequestRevision)
	e.must(e.kp, prop, workflow.ActResubmit)

	var runs int64
	if err := e.db.NewRaw("SELECT last_value FROM test_victims").Scan(e.ctx, &runs); err != nil || runs != 8 {
		t.Fatalf("%d event inserts (%v), want 8: four actions, each run twice", runs, err)
	}
	cur := e.current(prop)
	if cur.Status != models.StatusInReview || cur.Version != 5 || cur.ReviewerID == nil || *cur.ReviewerID != e.ver.UserID ||
		cur.LetterNumber == nil || *cur.LetterNumber != "B-2/Kk.11.03/1/KP.07.6/11/2026" {
		t.Fatalf("after the runs again: %s v%d reviewer %v letter %v", cur.Status, cur.Version, cur.ReviewerID, cur.LetterNumber)
	}
	if n := e.events(prop); n != 5 { // create, submit, claim, request_revision, resubmit
		t.Fatalf("%d events, want 5", n)
	}
	var letters int
	if err := e.db.NewRaw("SELECT count(*) FROM issued_documents WHERE proposal_id = ? AND kind LIKE 'letter%'", prop.ID).
		Scan(e.ctx, &letters); err != nil || letters != 2 {
		t.Fatalf("%d letters issued (%v), want 2", letters, err)
	}
	var counted int
	if err := e.db.NewRaw("SELECT coalesce(sum(n), 0) FROM proposal_counts_month WHERE status = ?", models.StatusInReview).
		Scan(e.ctx, &counted); err != nil || counted != 1 {
		t.Fatalf("in_review counted %d (%v), want 1", counted, err)
	}
}
