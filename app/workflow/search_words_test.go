package workflow_test

import (
	"context"
	"slices"
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

// lastPage keeps the last query that found a search's proposals (LIMIT
// 1001: up to 1,000 are listed by id in the list's queries) and the last
// query of a list page (LIMIT 20).
type lastPage struct {
	mu      sync.Mutex
	q, page string
}

func (l *lastPage) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context { return ctx }
func (l *lastPage) AfterQuery(_ context.Context, ev *bun.QueryEvent) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if strings.Contains(ev.Query, "LIMIT 1001") {
		l.q = ev.Query
	}
	if strings.Contains(ev.Query, "LIMIT 20") {
		l.page = ev.Query
	}
}

// A search of words finds names and staffing titles through the word
// indexes: every word typed is the start of a word, in any order, in any
// case, with either apostrophe (or none) and without diacritics; the word
// indexes follow renames and deletes; a part from inside a word is still
// found, by the trigram fallback; the total stays capped.
func TestSearchFindsWordsThroughTheWordIndex(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.Open(t)
	svc := workflow.New(db, "http://x", clock.On(models.MustDate("2026-11-30")))
	op := listPrincipal(t, db, "op_words", models.RoleOperator, "Kk.11.03")
	ver := listPrincipal(t, db, "ver_words", models.RoleVerifikator, "")
	names := []string{"Nur'aini Hidayat", "Siti Nur’aini", "Ahmad Hidayatullah", "Dédé Suryani", "Nurul Huda", "Budi Santoso"}
	ids := map[string]int64{}
	for _, name := range names {
		prop, err := svc.Create(ctx, op, &workflow.Input{Kind: "jft", Position: "pranata_komputer", Level: "ahli_pertama",
			Route: "pengangkatan_pertama", Candidates: []eligibility.Candidate{{NIP: "199203152019031004", Name: name}}})
		if err != nil {
			t.Fatal(err)
		}
		ids[name] = prop.ID
	}
	in, err := svc.DecodeInput([]byte(`{"kind":"staffing","position_title":"Pengelola Situs Web","count":1,
		"mechanism":"outsourcing","education_level":"S1","monthly_pay":2000000,"budget_source":"DIPA",
		"justification":"Situs tidak terkelola."}`))
	if err != nil {
		t.Fatal(err)
	}
	staffing, err := svc.Create(ctx, op, in)
	if err != nil {
		t.Fatal(err)
	}
	ids["title"] = staffing.ID

	hook := &lastPage{}
	svc.DB = db.WithQueryHook(hook)
	found := func(q string) []int64 {
		t.Helper()
		rows, total, err := svc.List(ctx, ver, workflow.Filter{Q: q})
		if err != nil {
			t.Fatal(err)
		}
		out := []int64{}
		for _, r := range rows {
			out = append(out, r.ID)
		}
		if total != len(out) {
			t.Fatalf("q=%q: total %d, rows %d", q, total, len(out))
		}
		slices.Sort(out)
		return out
	}
	want := func(keys ...string) []int64 {
		out := []int64{}
		for _, k := range keys {
			out = append(out, ids[k])
		}
		slices.Sort(out)
		return out
	}
	check := func(cases []struct {
		q    string
		want []int64
	}) {
		t.Helper()
		for _, c := range cases {
			if got := found(c.q); !slices.Equal(got, c.want) {
				t.Errorf("q=%q found %v, want %v", c.q, got, c.want)
			}
		}
	}
	check([]struct {
		q    string
		want []int64
	}{
		// Word prefixes, all required, in any order.
		{"nur ai hid", want("Nur'aini Hidayat")},
		{"hid nur ai", want("Nur'aini Hidayat")},
		{"hidayat nur’aini", want("Nur'aini Hidayat")},
		{"hidayat nur'aini", want("Nur'aini Hidayat")},
		{"hidayat", want("Nur'aini Hidayat", "Ahmad Hidayatullah")},
		{"hidayatul", want("Ahmad Hidayatullah")},
		{"nur", want("Nur'aini Hidayat", "Siti Nur’aini", "Nurul Huda")},
		// Either apostrophe, or none, finds both spellings; case is folded.
		{"nur'aini", want("Nur'aini Hidayat", "Siti Nur’aini")},
		{"NUR’AINI", want("Nur'aini Hidayat", "Siti Nur’aini")},
		{"nuraini", want("Nur'aini Hidayat", "Siti Nur’aini")},
		{"Siti NUR'", want("Siti Nur’aini")},
		// Diacritics are folded both ways.
		{"dede", want("Dédé Suryani")},
		{"DÉDÉ sur", want("Dédé Suryani")},
		// A staffing title is searched by its words too.
		{"pengelola web", want("title")},
		{"situs", want("title")},
		// Nothing starts so: the trigram fallback finds the part inside a word.
		{"ayatul", want("Ahmad Hidayatullah")},
		{"ur’ain", want("Nur'aini Hidayat", "Siti Nur’aini")},
		{"siti budi", want()},
		{"zzz", want()},
	})

	// The inbox's filter is the same search (a head's drafts).
	head := listPrincipal(t, db, "kepala_words", models.RoleKepala, "Kk.11.03")
	for q, wantIDs := range map[string][]int64{"hid nur’ai": want("Nur'aini Hidayat"), "ayatul": want("Ahmad Hidayatullah")} {
		box, err := svc.Inbox(ctx, head, workflow.InboxFilter{Q: q})
		if err != nil {
			t.Fatal(err)
		}
		got := []int64{}
		for _, sec := range box.Sections {
			for _, it := range sec.Items {
				got = append(got, it.ID)
			}
		}
		if !slices.Equal(got, wantIDs) || box.Total != len(wantIDs) {
			t.Errorf("inbox q=%q: %v (total %d), want %v", q, got, box.Total, wantIDs)
		}
	}

	// The word indexes follow a rename and a deleted candidate.
	if _, err := db.NewUpdate().TableExpr("candidates").Set("name = ?", "Budi Prasetyo").
		Where("proposal_id = ?", ids["Budi Santoso"]).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.NewDelete().TableExpr("candidates").Where("proposal_id = ?", ids["Nurul Huda"]).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.NewUpdate().TableExpr("proposals").
		Set("staffing = replace(staffing, 'Pengelola Situs Web', 'Penata Arsip')").
		Where("id = ?", ids["title"]).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	check([]struct {
		q    string
		want []int64
	}{
		{"budi pras", want("Budi Santoso")},
		{"santoso", want()},
		{"nurul", want()},
		{"nur", want("Nur'aini Hidayat", "Siti Nur’aini")},
		{"penata ars", want("title")},
		{"pengelola", want()},
	})

	// The total stops counting past the cap, as without a search.
	svc.TotalCap = 1
	if _, total, err := svc.List(ctx, ver, workflow.Filter{Q: "nur"}); err != nil || total != 2 {
		t.Fatalf("capped total %d (%v), want 2 (the cap + 1)", total, err)
	}
	svc.TotalCap = 0

	// The plan of a name's search reads the word indexes, not the trigrams.
	found("nur'aini hidayat")
	hook.mu.Lock()
	query, page := hook.q, hook.page
	hook.mu.Unlock()
	if query == "" {
		t.Fatal("no search query seen")
	}
	// The words are looked up once; the page lists the proposals found by id.
	if strings.Contains(page, "MATCH") || strings.Contains(page, "search_prefixes") {
		t.Errorf("the page searches the words again:\n%s", page)
	}
	text := dbtest.Plan(t, db, query)
	for _, index := range []string{"candidates_words", "proposals_words"} {
		if !strings.Contains(text, index) {
			t.Errorf("the search does not use %s:\n%s", index, text)
		}
	}
	if strings.Contains(text, "candidates_search") || strings.Contains(text, "proposals_search") {
		t.Errorf("a search the words answer reads a trigram index:\n%s", text)
	}
	if db.Dialect().Name().String() == "pg" {
		if !strings.Contains(text, "Bitmap Index Scan on candidates_words") {
			t.Errorf("the search does not scan the GIN index candidates_words:\n%s", text)
		}
	} else if !strings.Contains(text, "SCAN candidates_words VIRTUAL TABLE INDEX") ||
		!strings.Contains(text, "SCAN proposals_words VIRTUAL TABLE INDEX") {
		t.Errorf("the search does not read the FTS5 indexes:\n%s", text)
	}
}
