package documents

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteSamples writes sample documents for a person to look at:
//
//	DOCS_SAMPLES=/tmp/docs go test ./app/documents -run TestWriteSamples
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("DOCS_SAMPLES")
	if dir == "" {
		t.Skip("DOCS_SAMPLES not set")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	draft := sampleLetter(5)
	draft.Draft = true
	samples := map[string]func(*bytes.Buffer) error{
		"letter-3.pdf":     func(b *bytes.Buffer) error { return RenderSubmissionLetter(b, sampleLetter(3)) },
		"letter-60.pdf":    func(b *bytes.Buffer) error { return RenderSubmissionLetter(b, sampleLetter(60)) },
		"letter-draft.pdf": func(b *bytes.Buffer) error { return RenderSubmissionLetter(b, draft) },
	}
	samples["verification.pdf"] = func(b *bytes.Buffer) error { return RenderVerificationSheet(b, sampleVerification()) }
	samples["staffing-unlawful.pdf"] = func(b *bytes.Buffer) error { return RenderStaffingLetter(b, sampleStaffing()) }
	samples["recap.pdf"] = func(b *bytes.Buffer) error { return RenderRecap(b, sampleRecap()) }
	for name, render := range samples {
		var b bytes.Buffer
		if err := render(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
