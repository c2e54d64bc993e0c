package demo

import (
	"strings"
	"testing"

	"github.com/kemenagjateng/usulan/app/reports"
)

// Every item the demo finds wanting is a real rule or checklist document
// (or one whose label the demo stores): the obstacle map names it for
// people instead of printing its id.
func TestDemoReasonsAreRealRulesAndDocuments(t *testing.T) {
	items := append([]string{}, wantingItems...)
	for k := range wantingNotes {
		items = append(items, k)
	}
	for _, it := range items {
		l := reports.ReasonLabel(it)
		if stored, ok := reasonLabels[it]; ok {
			l = stored // stored with the decision, as the map reads it
		}
		if l == it || strings.Contains(l, ":") {
			t.Errorf("%s has no label (%q)", it, l)
		}
	}
}
