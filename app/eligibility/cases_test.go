package eligibility

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/kemenagjateng/usulan/models"
)

// workedCase is the format of testdata/cases/*/*.json (shared with the
// acceptance script run_cases.py): an input and what must hold of the output.
type workedCase struct {
	Input  json.RawMessage `json:"input"`
	Expect struct {
		ExitStatus *int              `json:"exit_status"`
		Verdict    string            `json:"verdict"`
		Checks     map[string]string `json:"checks"`
		Derived    map[string]any    `json:"derived"`
	} `json:"expect"`
}

// caseToday is the "today" used for cases that leave reference_date out.
var caseToday = models.MustDate("2026-11-30")

// TestWorkedCasesHold runs every worked case through Run, the way `usulan
// check FILE` does, and compares exit status, verdict, rule results and
// derived values as run_cases.py does.
func TestWorkedCasesHold(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "cases", "*", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases found: %v", err)
	}
	for _, f := range files {
		name := filepath.Base(filepath.Dir(f)) + "/" + filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var c workedCase
			if err := json.Unmarshal(data, &c); err != nil {
				t.Fatalf("case file: %v", err)
			}
			out, code := Run(c.Input, caseToday, nil)
			wantCode := 0
			if c.Expect.ExitStatus != nil {
				wantCode = *c.Expect.ExitStatus
			}
			if code != wantCode {
				t.Fatalf("exit %d, want %d; output %s", code, wantCode, out)
			}
			var got map[string]any
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("output is not JSON: %v\n%s", err, out)
			}
			if code != 0 {
				if got["error"] == "" || got["error"] == nil {
					t.Errorf("error output without message: %s", out)
				}
				if _, ok := got["field"]; !ok {
					t.Errorf("error output without field: %s", out)
				}
				return
			}
			if c.Expect.Verdict != "" && got["verdict"] != c.Expect.Verdict {
				t.Errorf("verdict %v, want %s", got["verdict"], c.Expect.Verdict)
			}
			results := map[string]string{}
			for _, ch := range got["checks"].([]any) {
				m := ch.(map[string]any)
				results[m["rule"].(string)] = m["result"].(string)
			}
			rules := make([]string, 0, len(c.Expect.Checks))
			for r := range c.Expect.Checks {
				rules = append(rules, r)
			}
			sort.Strings(rules)
			for _, r := range rules {
				if results[r] != c.Expect.Checks[r] {
					t.Errorf("%s = %q, want %q", r, results[r], c.Expect.Checks[r])
				}
			}
			derived, _ := got["derived"].(map[string]any)
			for k, want := range c.Expect.Derived {
				if !reflect.DeepEqual(derived[k], want) {
					t.Errorf("derived.%s = %v, want %v", k, derived[k], want)
				}
			}
			if t.Failed() {
				t.Logf("output:\n%s", out)
			}
		})
	}
}
