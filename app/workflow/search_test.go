package workflow_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

// lastSelect keeps the last SELECT on proposals that carries a search.
type lastSelect struct {
	mu sync.Mutex
	q  string
}

func (l *lastSelect) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context { return ctx }
func (l *lastSelect) AfterQuery(_ context.Context, ev *bun.QueryEvent) {
	if strings.Contains(ev.Query, "LIMIT 20") && (strings.Contains(ev.Query, "LIKE") || strings.Contains(ev.Query, "MATCH")) {
		l.mu.Lock()
		l.q = ev.Query
		l.mu.Unlock()
	}
}

// A search finds a name typed in part and with either apostrophe, a NIP, a
// letter number written later and a name changed later. The middle of a
// letter number goes through the trigram indexes on both databases, its
// start through proposals_letter_prefix; a name's part from
// inside a word ("ur’ain") is found by the trigram fallback of a words
// search that the word indexes cannot answer (TestSearchFindsWords…).
func TestSearchFindsPartsThroughTheTrigramIndex(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.Open(t)
	svc := workflow.New(db, "http://x", clock.On(models.MustDate("2026-11-30")))
	op := listPrincipal(t, db, "op_srch", models.RoleOperator, "Kk.11.03")
	ver := listPrincipal(t, db, "ver_srch", models.RoleVerifikator, "")
	var ids []int64
	for _, name := range []string{"Siti Nur’aini", "Muhammad Ma'ruf", "Budi Santoso"} {
		prop, err := svc.Create(ctx, op, &workflow.Input{Kind: "jft", Position: "pranata_komputer", Level: "ahli_pertama",
			Route: "pengangkatan_pertama", Candidates: []eligibility.Candidate{{NIP: "199203152019031004", Name: name}}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, prop.ID)
	}
	if _, err := db.NewUpdate().TableExpr("proposals").Set("letter_number = ?", "B-77/Kk.11.03/1/KP.07.6/11/2026").
		Where("id = ?", ids[2]).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.NewUpdate().TableExpr("candidates").Set("name = ?", "Budi Prasetyo").
		Where("proposal_id = ?", ids[2]).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	hook := &lastSelect{}
	svc.DB = db.WithQueryHook(hook)
	found := func(q string) []int64 {
		t.Helper()
		rows, total, err := svc.List(ctx, ver, workflow.Filter{Q: q})
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, r := range rows {
			out = append(out, r.ID)
		}
		if total != len(out) {
			t.Fatalf("q=%q: total %d, rows %d", q, total, len(out))
		}
		return out
	}
	for q, want := range map[string][]int64{
		"nur'aini": {ids[0]}, "NUR’AINI": {ids[0]}, "ur’ain": {ids[0]}, "ma’ruf": {ids[1]}, "ma'ruf": {ids[1]},
		"b-77/kk": {ids[2]}, "prasetyo": {ids[2]}, "santoso": nil, "19920315": {ids[2], ids[1], ids[0]},
		"77/Kk.11.03": {ids[2]}, "B-7": {ids[2]}, "B-77/KK.11.03/1": {ids[2]}, "b-77/kk.11.04": nil, "b-7/": nil,
	} {
		got := found(q)
		if len(got) != len(want) {
			t.Errorf("q=%q found %v, want %v", q, got, want)
			continue
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("q=%q found %v, want %v", q, got, want)
			}
		}
	}

	// The plan of a search of a letter number's middle reads both trigram
	// indexes.
	hook.mu.Lock()
	hook.q = ""
	hook.mu.Unlock()
	found("77/kk")
	hook.mu.Lock()
	query := hook.q
	hook.mu.Unlock()
	if query == "" {
		t.Fatal("no search query seen")
	}
	text := dbtest.Plan(t, db, query)
	for _, index := range []string{"candidates_search", "proposals_search"} {
		if !strings.Contains(text, index) || strings.Contains(text, "SCAN candidates\n") {
			t.Fatalf("the search does not use %s:\n%s", index, text)
		}
	}
	if db.Dialect().Name().String() != "pg" && !strings.Contains(text, "VIRTUAL TABLE INDEX") {
		t.Fatalf("the search does not read the FTS5 index:\n%s", text)
	}

	// A letter number typed from its start reads the letters that begin so,
	// through proposals_letter_prefix, and no trigram index; the page then
	// lists the few found by id.
	grab := &lastPage{}
	svc.DB = db.WithQueryHook(grab)
	found("B-77/Kk.11")
	if grab.q == "" || grab.page == "" {
		t.Fatal("no search or page query seen")
	}
	text = dbtest.Plan(t, db, grab.q)
	if !strings.Contains(text, "proposals_letter_prefix") || strings.Contains(text, "_search") {
		t.Fatalf("a letter number's start is not searched through proposals_letter_prefix:\n%s", text)
	}
	if strings.Contains(grab.page, "letter_number) LIKE") || strings.Contains(grab.page, "letter_number) >=") {
		t.Errorf("the page searches the letter numbers again:\n%s", grab.page)
	}
}
