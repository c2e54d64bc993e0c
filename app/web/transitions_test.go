package web

import (
	"context"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

// actors are one user per role, all allowed to see office Kk.11.03; ver1 is
// the verifier who claimed the proposal once it is in review.
var actors = map[models.Role]string{models.RoleOperator: "op_pbg", models.RoleKepala: "kp_pbg",
	models.RoleVerifikator: "ver1", models.RoleAdmin: "admin1"}

// complete answers for every action: a note (a reason where one is
// required) and the decree.
var everyExtra = map[string]any{"note": "Catatan pengujian", "decree_number": "B-77/Kw.11/KP.07.6/12/2026",
	"decree_date": "2026-11-30"}

// TestTransitionTableHoldsForEveryStateActionAndRole walks every state ×
// action × role: a role the table does not name gets 403, a state the action
// does not start from gets 409 (nothing changes, no event), and the rest
// move the proposal to the table's target state with exactly one event.
// Another office gets 404 for everything.
func TestTransitionTableHoldsForEveryStateActionAndRole(t *testing.T) {
	e := newEnv(t)
	everyExtra := with(everyExtra, "to_user", e.userID("ver2")) // reassign's target
	refused := map[models.Status]proposalJSON{}
	for _, st := range models.AllStatuses {
		p := e.create("op_pbg", jftBody(ahmad))
		e.forceState(p.ID, st)
		refused[st] = p
	}
	roles := []models.Role{models.RoleOperator, models.RoleKepala, models.RoleVerifikator, models.RoleAdmin}
	for _, st := range models.AllStatuses {
		for _, tr := range workflow.Transitions {
			// Another office: 404, whatever the role would be.
			if code, _ := e.act("kp_bjn", refused[st].ID, string(tr.Action), 1, everyExtra); code != 404 {
				t.Errorf("%s on %s by another office: %d, want 404", tr.Action, st, code)
			}
			for _, role := range roles {
				want := 200
				switch {
				case !tr.AllowsRole(role):
					want = 403
				case !tr.AllowsFrom(st):
					want = 409
				}
				id := refused[st].ID
				if want == 200 {
					p := e.create("op_pbg", jftBody(ahmad))
					e.forceState(p.ID, st)
					e.acceptDocs(p.ID)
					id = p.ID
				}
				before := e.countEvents(id, "")
				code, got := e.act(actors[role], id, string(tr.Action), 1, everyExtra)
				if code != want {
					t.Errorf("%s from %s by %s: %d (%s), want %d", tr.Action, st, role, code, got.Error, want)
					continue
				}
				after := e.countEvents(id, "")
				if want != 200 {
					if after != before {
						t.Errorf("%s from %s by %s was refused but wrote an event", tr.Action, st, role)
					}
					if cur := e.get("admin1", id); cur.Status != string(st) || cur.Version != 1 {
						t.Errorf("%s from %s by %s was refused but changed the proposal: %s v%d", tr.Action, st, role, cur.Status, cur.Version)
					}
					continue
				}
				if got.Status != string(tr.To) || got.Version != 2 || after != before+1 {
					t.Errorf("%s from %s by %s: status %s v%d events +%d, want %s v2 +1", tr.Action, st, role,
						got.Status, got.Version, after-before, tr.To)
				}
			}
		}
	}
}

func TestTheTableIsTheOneTheDomainDescribes(t *testing.T) {
	// DOMAIN.md §4 in one line each; a change to the table must change this.
	want := map[workflow.Action]string{
		workflow.ActSubmit:          "draft>submitted kepala",
		workflow.ActClaim:           "submitted>in_review verifikator",
		workflow.ActRequestRevision: "in_review>revision_requested verifikator note",
		workflow.ActResubmit:        "revision_requested>in_review kepala",
		workflow.ActVerify:          "in_review>verified verifikator",
		workflow.ActReject:          "in_review>rejected verifikator note",
		workflow.ActForward:         "verified>forwarded verifikator,admin",
		workflow.ActComplete:        "forwarded>completed verifikator,admin",
		workflow.ActWithdraw:        "draft,submitted,in_review,revision_requested>withdrawn kepala",
		workflow.ActRelease:         "in_review>submitted verifikator,admin note",
		workflow.ActReassign:        "in_review>in_review admin",
	}
	if len(workflow.Transitions) != len(want) {
		t.Fatalf("%d transitions, want %d", len(workflow.Transitions), len(want))
	}
	for _, tr := range workflow.Transitions {
		var from, roles []string
		for _, f := range tr.From {
			from = append(from, string(f))
		}
		for _, r := range tr.Roles {
			roles = append(roles, string(r))
		}
		got := join(from, ",") + ">" + string(tr.To) + " " + join(roles, ",")
		if tr.NoteRequired {
			got += " note"
		}
		if got != want[tr.Action] {
			t.Errorf("%s: %q, want %q", tr.Action, got, want[tr.Action])
		}
	}
}

func join(xs []string, sep string) string {
	out := ""
	for i, x := range xs {
		if i > 0 {
			out += sep
		}
		out += x
	}
	return out
}

func TestSendingBackOrRejectingNeedsAReason(t *testing.T) {
	e := newEnv(t)
	p := e.submitted(true)
	for _, a := range []string{"request_revision", "reject"} {
		for _, note := range []any{nil, "", "   \n "} {
			extra := map[string]any{}
			if note != nil {
				extra["note"] = note
			}
			code, got := e.act("ver1", p.ID, a, p.Version, extra)
			if code != 422 || got.Fields["note"] == "" {
				t.Errorf("%s with note %q: %d %v, want 422 with a note field", a, note, code, got.Fields)
			}
		}
	}
	if e.countEvents(p.ID, "request_revision")+e.countEvents(p.ID, "reject") != 0 {
		t.Fatal("a refused decision left an event")
	}
	if code, got := e.act("ver1", p.ID, "reject", p.Version, map[string]any{"note": "Ijazah bukan bidang informatika"}); code != 200 || got.Status != "rejected" {
		t.Fatalf("reject with a reason: %d %s", code, got.Error)
	}
}

func TestCompletingRecordsTheDecreeNumberAndDate(t *testing.T) {
	e := newEnv(t)
	p := e.create("op_pbg", jftBody(ahmad))
	e.forceState(p.ID, models.StatusForwarded)
	code, got := e.act("admin1", p.ID, "complete", 1, nil)
	if code != 422 || got.Fields["decree_number"] == "" || got.Fields["decree_date"] == "" {
		t.Fatalf("complete without SK: %d %v", code, got.Fields)
	}
	code, _ = e.act("admin1", p.ID, "complete", 1, map[string]any{"decree_number": " 123/Kw.11/2026 ", "decree_date": "2026-11-30"})
	if code != 200 {
		t.Fatalf("complete: %d", code)
	}
	var v map[string]any
	e.api("op_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID), nil, &v)
	if v["decree_number"] != "123/Kw.11/2026" || v["decree_date"] != "2026-11-30" || v["status"] != "completed" {
		t.Fatalf("decree not recorded: %v %v %v", v["decree_number"], v["decree_date"], v["status"])
	}
	evs := events(e, "op_pbg", p.ID)
	last := evs[len(evs)-1]
	if last.Action != "complete" || !strings.Contains(string(last.Data), "123/Kw.11/2026") {
		t.Fatalf("timeline lacks the decree: %+v", last)
	}
}

type eventJSON struct {
	Action string          `json:"action"`
	From   string          `json:"from"`
	To     string          `json:"to"`
	Note   string          `json:"note"`
	Actor  string          `json:"actor"`
	At     string          `json:"at"`
	Data   json.RawMessage `json:"data"`
}

func events(e *env, user string, id int64) []eventJSON {
	e.t.Helper()
	var out struct {
		Items []eventJSON `json:"items"`
	}
	if st := e.api(user, "GET", "/api/v1/proposals/"+itoa(id)+"/events", nil, &out); st != 200 {
		e.t.Fatalf("events: %d", st)
	}
	return out.Items
}

func TestNobodyReviewsAProposalTheyFiledOrSubmitted(t *testing.T) {
	e := newEnv(t)
	p := e.create("op_pbg", jftBody(ahmad))
	_, p = e.act("kp_pbg", p.ID, "submit", p.Version, nil)
	// The head who submitted later moves to the province as a verifier.
	if _, err := e.db.NewUpdate().Table("users").Set("role = 'verifikator'").Where("username = 'kp_pbg'").Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	if code, got := e.act("kp_pbg", p.ID, "claim", p.Version, nil); code != 403 {
		t.Fatalf("submitter claims: %d %s, want 403", code, got.Error)
	}
	// Even when someone else's claim is handed over, the submitter decides nothing.
	if _, err := e.db.NewUpdate().Table("proposals").Set("status = 'in_review'").Set("reviewer_id = ?", e.userID("kp_pbg")).
		Where("id = ?", p.ID).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"verify", "reject", "request_revision"} {
		if code, _ := e.act("kp_pbg", p.ID, a, p.Version, map[string]any{"note": "x"}); code != 403 {
			t.Errorf("submitter %s: %d, want 403", a, code)
		}
	}
	if code, _ := e.findings("kp_pbg", p.ID, finding(ahmadNIP, "rule:max_age", "sesuai", "")); code != 403 {
		t.Errorf("submitter records findings: %d, want 403", code)
	}
	// The same for the operator who filed it.
	if _, err := e.db.NewUpdate().Table("users").Set("role = 'verifikator'").Where("username = 'op_pbg'").Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.NewUpdate().Table("proposals").Set("reviewer_id = ?", e.userID("op_pbg")).Where("id = ?", p.ID).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	if code, _ := e.act("op_pbg", p.ID, "verify", p.Version, nil); code != 403 {
		t.Errorf("filer verifies: %d, want 403", code)
	}
}

const (
	ahmadNIP = "199203152019031004"
	sitiNIP  = "199508172020122003"
)

func TestOnlyTheVerifierWhoClaimedDecides(t *testing.T) {
	e := newEnv(t)
	p := e.submitted(true)
	for _, a := range []string{"verify", "reject", "request_revision"} {
		if code, _ := e.act("ver2", p.ID, a, p.Version, map[string]any{"note": "x"}); code != 403 {
			t.Errorf("another verifier %s: %d, want 403", a, code)
		}
	}
	if code, _ := e.findings("ver2", p.ID, finding(ahmadNIP, "doc:sk_cpns", "sesuai", "")); code != 403 {
		t.Errorf("another verifier records findings: %d, want 403", code)
	}
	if r := e.review("ver2", p.ID); r.CanRecord {
		t.Error("another verifier is offered the findings form")
	}
	e.acceptDocs(p.ID)
	if code, _ := e.act("ver1", p.ID, "verify", p.Version, nil); code != 200 {
		t.Fatalf("claimer verifies: %d", code)
	}
}

func TestStaleOrMissingVersionIsRefused(t *testing.T) {
	e := newEnv(t)
	p := e.submitted(false)
	if code, _ := e.act("ver1", p.ID, "claim", p.Version-1, nil); code != 409 {
		t.Fatalf("stale claim: %d, want 409", code)
	}
	if code, _ := e.act("ver1", p.ID, "claim", 0, nil); code != 400 {
		t.Fatalf("claim without version: %d, want 400", code)
	}
	if e.countEvents(p.ID, "claim") != 0 {
		t.Fatal("a refused claim left an event")
	}
}

// TestRacingActionsLeaveOneEffect runs two conflicting actions at once, from
// the same version: exactly one wins, the other is a conflict, one event.
func TestRacingActionsLeaveOneEffect(t *testing.T) {
	e := newEnv(t)
	type racer struct {
		user, action string
		extra        map[string]any
	}
	cases := []struct {
		name   string
		claim  bool
		racers [2]racer
	}{
		{"two verifiers claim", false, [2]racer{{"ver1", "claim", nil}, {"ver2", "claim", nil}}},
		{"verify against reject", true, [2]racer{{"ver1", "verify", nil}, {"ver1", "reject", map[string]any{"note": "Tidak memenuhi"}}}},
		{"send back against withdraw", true, [2]racer{{"ver1", "request_revision", map[string]any{"note": "Lengkapi"}}, {"kp_pbg", "withdraw", nil}}},
	}
	for _, c := range cases {
		p := e.submitted(c.claim)
		e.acceptDocs(p.ID) // so that verify can win the race
		before := e.countEvents(p.ID, "")
		var wg sync.WaitGroup
		codes := make([]int, 2)
		for i, r := range c.racers {
			wg.Add(1)
			go func(i int, r racer) {
				defer wg.Done()
				codes[i], _ = e.act(r.user, p.ID, r.action, p.Version, r.extra)
			}(i, r)
		}
		wg.Wait()
		sort.Ints(codes)
		if codes[0] != 200 || codes[1] != 409 {
			t.Errorf("%s: %v, want [200 409]", c.name, codes)
		}
		if n := e.countEvents(p.ID, ""); n != before+1 {
			t.Errorf("%s: %d new events, want 1", c.name, n-before)
		}
	}
	var last int
	if err := e.db.NewSelect().Table("letter_counters").ColumnExpr("max(last_seq)").Scan(t.Context(), &last); err != nil || last != len(cases) {
		t.Fatalf("letter numbers used: %d %v, want %d (one per submission)", last, err, len(cases))
	}
}

// TestATransitionChangesNothingButItsOwnFields compares the office's data
// before and after each step of a review.
func TestATransitionChangesNothingButItsOwnFields(t *testing.T) {
	e := newEnv(t)
	p := e.create("op_pbg", jftBody(ahmad, siti))
	data := func() any {
		var v map[string]any
		e.api("admin1", "GET", "/api/v1/proposals/"+itoa(p.ID), nil, &v)
		for _, k := range []string{"status", "status_label", "version", "updated_at", "letter_number", "letter_date",
			"override_note", "decree_number", "decree_date"} {
			delete(v, k)
		}
		return v
	}
	want := data()
	steps := []struct {
		user, action string
		extra        map[string]any
	}{
		{"kp_pbg", "submit", nil}, {"ver1", "claim", nil},
		{"ver1", "request_revision", map[string]any{"note": "Lengkapi SKP"}},
		{"kp_pbg", "resubmit", nil}, {"ver1", "verify", nil}, {"admin1", "forward", nil},
		{"admin1", "complete", map[string]any{"decree_number": "1/2026", "decree_date": "2026-11-30"}},
	}
	v := p.Version
	for _, s := range steps {
		if s.action == "verify" {
			e.acceptDocs(p.ID)
		}
		code, got := e.act(s.user, p.ID, s.action, v, s.extra)
		if code != 200 {
			t.Fatalf("%s: %d %s", s.action, code, got.Error)
		}
		v = got.Version
		if got := data(); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s changed the office's data:\n%v\n%v", s.action, got, want)
		}
	}
}

func TestAClaimCanBeReleasedByItsVerifierOrAnAdminSoNothingIsStranded(t *testing.T) {
	e := newEnv(t)
	p := e.create("op_pbg", jftBody(ahmad))
	_, got := e.act("kp_pbg", p.ID, "submit", p.Version, nil)
	_, got = e.act("ver1", p.ID, "claim", got.Version, nil)
	if st, _ := e.act("ver2", p.ID, "release", got.Version, map[string]any{"note": "saya ambil"}); st != 403 {
		t.Fatalf("another verifier released the claim: %d", st)
	}
	if st, _ := e.act("admin1", p.ID, "release", got.Version, nil); st != 422 {
		t.Fatalf("release without a reason: %d", st)
	}
	st, got := e.act("admin1", p.ID, "release", got.Version, map[string]any{"note": "ver1 cuti"})
	if st != 200 || got.Status != "submitted" {
		t.Fatalf("admin release: %d %s", st, got.Status)
	}
	_, got = e.act("ver2", p.ID, "claim", got.Version, nil)
	e.acceptDocs(p.ID)
	if st, got = e.act("ver2", p.ID, "verify", got.Version, map[string]any{"note": "ok"}); st != 200 || got.Status != "verified" {
		t.Fatalf("the new verifier decides: %d %s", st, got.Status)
	}
}
