package workflow_test

import (
	"context"
	"fmt"
	"sort"
	"testing"

	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

// A search lists the proposals it finds by id when they are few; when they
// are more, the list's queries search again. Both ways find the same
// proposals. (Not parallel: it changes how many are listed by id.)
func TestASearchFindsTheSameWhetherItListsIDsOrSearchesAgain(t *testing.T) {
	ctx := context.Background()
	db := dbtest.Open(t)
	svc := workflow.New(db, "http://x", clock.On(models.MustDate("2026-11-30")))
	op := listPrincipal(t, db, "op_inline", models.RoleOperator, "Kk.11.03")
	ver := listPrincipal(t, db, "ver_inline", models.RoleVerifikator, "")
	names := []string{"Nur Hidayat", "Siti Nur'aini", "Budi Santoso", "Nurul Huda"}
	for i, name := range names {
		prop, err := svc.Create(ctx, op, &workflow.Input{Kind: "jft", Position: "pranata_komputer", Level: "ahli_pertama",
			Route: "pengangkatan_pertama", Candidates: []eligibility.Candidate{{NIP: "199203152019031004", Name: name}}})
		if err != nil {
			t.Fatal(err)
		}
		letter := fmt.Sprintf("B-%d/Kk.11.03/1/KP.07.6/11/2026", []int{1, 10, 2, 12}[i])
		if _, err := db.NewUpdate().TableExpr("proposals").Set("letter_number = ?", letter).Where("id = ?", prop.ID).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
	find := func(q string) string {
		t.Helper()
		rows, total, err := svc.List(ctx, ver, workflow.Filter{Q: q})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rows {
			out = append(out, *r.LetterNumber)
		}
		sort.Strings(out)
		return fmt.Sprintf("%d %v", total, out)
	}
	want := map[string]string{
		"nur":    "3 [B-1/Kk.11.03/1/KP.07.6/11/2026 B-10/Kk.11.03/1/KP.07.6/11/2026 B-12/Kk.11.03/1/KP.07.6/11/2026]",
		"b-1":    "3 [B-1/Kk.11.03/1/KP.07.6/11/2026 B-10/Kk.11.03/1/KP.07.6/11/2026 B-12/Kk.11.03/1/KP.07.6/11/2026]",
		"b-1/":   "1 [B-1/Kk.11.03/1/KP.07.6/11/2026]",
		"huda":   "1 [B-12/Kk.11.03/1/KP.07.6/11/2026]",
		"b-3/":   "0 []",
		"zainal": "0 []",
	}
	for _, inline := range []int{1000, 1} {
		restore := workflow.SetSearchInline(inline)
		for q, w := range want {
			if got := find(q); got != w {
				t.Errorf("inline %d, q=%q: %s, want %s", inline, q, got, w)
			}
		}
		restore()
	}
}
