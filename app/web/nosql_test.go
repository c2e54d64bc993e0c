package web

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Handlers call use cases and render; they run no SQL of their own (the
// queries live in app/workflow, app/employees, app/offices, …, behind the
// access layer).
func TestHandlersRunNoSQL(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	query := regexp.MustCompile(`\.(NewSelect|NewInsert|NewUpdate|NewDelete|NewRaw|NewCreateTable|ExecContext|QueryContext|QueryRowContext)\(`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(src), "\n") {
			if query.MatchString(line) {
				t.Errorf("%s:%d runs SQL in the web layer: %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}
