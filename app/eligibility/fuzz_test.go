package eligibility

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRun feeds arbitrary bytes to the check contract: it must never panic,
// must answer exit 0 with a result or exit 2 with an error, and always JSON.
func FuzzRun(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "cases", "*", "*.json"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		var c workedCase
		if json.Unmarshal(data, &c) == nil {
			f.Add([]byte(c.Input))
		}
	}
	f.Add([]byte(`{"candidate":{"nip":"1"},"position":"pranata_humas","level":"mahir","route":"promosi"}`))
	f.Add([]byte(`{"kind":"staffing","count":1,"monthly_pay":0}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		out, code := Run(in, caseToday, nil)
		var m map[string]any
		if err := json.Unmarshal(out, &m); err != nil {
			t.Fatalf("output is not JSON: %v\n%s", err, out)
		}
		switch code {
		case 0:
			if m["verdict"] == nil || m["checks"] == nil {
				t.Fatalf("exit 0 without a result: %s", out)
			}
		case 2:
			if m["error"] == nil {
				t.Fatalf("exit 2 without an error: %s", out)
			}
		default:
			t.Fatalf("exit %d", code)
		}
	})
}
