package web

import (
	"regexp"
	"strings"
	"testing"
)

var tagRE = regexp.MustCompile(`<[^>]*>`)

// The list's total is exact, whatever its size, when it filters by status,
// kind and office only (it comes from the counters): never "lebih dari" for
// such a list. A search counts up to the cap and says "lebih dari" past it.
func TestTheListSaysMoreThanOnlyForATotalCountedUpToTheCap(t *testing.T) {
	e := newEnv(t)
	e.svc.TotalCap = 2
	for i := 0; i < 4; i++ {
		e.create("op_pbg", jftBody(ahmad))
	}
	b := e.browser()
	b.login("ver1")
	var got struct {
		Total       int  `json:"total"`
		TotalCapped bool `json:"total_capped"`
	}
	for _, c := range []struct {
		path, text string
		total      int
		capped     bool
	}{
		{"/proposals", "4 usulan", 4, false},
		{"/proposals?office=Kk.11.03&status=draft", "4 usulan", 4, false},
		{"/proposals?q=ahmad", "lebih dari 2 usulan", 3, true},
	} {
		resp, body := b.do("GET", c.path, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", c.path, resp.StatusCode)
		}
		text := strings.Join(strings.Fields(tagRE.ReplaceAllString(body, " ")), " ")
		if !strings.Contains(text, c.text) || c.capped != strings.Contains(text, "lebih dari") {
			t.Errorf("%s: want %q in the page:\n%s", c.path, c.text, text)
		}
		if st := e.api("ver1", "GET", "/api/v1"+c.path, nil, &got); st != 200 || got.Total != c.total || got.TotalCapped != c.capped {
			t.Errorf("API %s: %d total %d capped %v, want %d %v", c.path, st, got.Total, got.TotalCapped, c.total, c.capped)
		}
	}
}
