package web

import (
	"regexp"
	"testing"
)

var homeCard = regexp.MustCompile(`<span>([^<]+)</span><strong>(\d+)</strong>`)

// homeCounts reads the dashboard's cards: label → number.
func homeCounts(t *testing.T, e *env, user string) map[string]string {
	t.Helper()
	b := e.browser()
	b.login(user)
	_, home := b.do("GET", "/", nil)
	out := map[string]string{}
	for _, m := range homeCard.FindAllStringSubmatch(home, -1) {
		out[m[1]] = m[2]
	}
	return out
}

// TestHomeCountsOnlyTheOfficesOwnProposals seeds a different number of
// proposals in each office and each status, then checks every card of each
// role's dashboard: a regency sees its own numbers, the Kanwil the sum.
func TestHomeCountsOnlyTheOfficesOwnProposals(t *testing.T) {
	e := newEnv(t)
	for i := 0; i < 2; i++ {
		e.create("op_pbg", jftBody(ahmad))
	}
	p := e.create("op_pbg", jftBody(siti))
	if st, _ := e.act("kp_pbg", p.ID, "submit", p.Version, map[string]any{"override_note": "uji"}); st != 200 {
		t.Fatalf("submit: %d", st)
	}
	for i := 0; i < 4; i++ {
		e.create("op_bjn", jftBody(ahmad))
	}
	for user, want := range map[string]map[string]string{
		"op_pbg": {"Semua usulan": "3", "Draf": "2", "Diajukan": "1"},
		"kp_bjn": {"Semua usulan": "4", "Draf": "4"},
		"ver1":   {"Semua usulan": "7", "Draf": "6", "Diajukan": "1"},
	} {
		got := homeCounts(t, e, user)
		for label, n := range want {
			if got[label] != n {
				t.Errorf("%s's card %q: %q, want %s (all cards: %v)", user, label, got[label], n, got)
			}
		}
		for label, n := range got {
			if _, listed := want[label]; !listed && n != "0" {
				t.Errorf("%s's card %q: %s, want 0", user, label, n)
			}
		}
	}
}
