package documents

import (
	"bytes"
	"testing"
)

func benchmarkLetter(b *testing.B, n int) {
	l := sampleLetter(n)
	var buf bytes.Buffer
	if err := RenderSubmissionLetter(&buf, l); err != nil { // parse fonts outside the loop
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		if err := RenderSubmissionLetter(&buf, l); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/1024, "KiB/pdf")
}

// BenchmarkSubmissionLetter20 renders a letter with 20 candidates (target
// ≤ 15 ms on one core).
func BenchmarkSubmissionLetter20(b *testing.B) { benchmarkLetter(b, 20) }

// BenchmarkSubmissionLetter200 renders a letter with 200 candidates (target
// ≤ 60 ms on one core).
func BenchmarkSubmissionLetter200(b *testing.B) { benchmarkLetter(b, 200) }

// BenchmarkFontsSlowPath measures a one-page document when the fonts are
// parsed for every document (gofpdf's own way), for comparison.
func BenchmarkFontsSlowPath(b *testing.B) {
	fs := loadedFonts()
	slow := *fs
	slow.fast = false
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		d := newDoc(&slow, docMeta{title: "x"})
		d.newPage(portrait, letterMargins)
		d.kop(purbalingga())
		var buf bytes.Buffer
		if err := d.output(&buf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFontsFastPath is BenchmarkFontsSlowPath with the shared fonts.
func BenchmarkFontsFastPath(b *testing.B) {
	fs := loadedFonts()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		d := newDoc(fs, docMeta{title: "x"})
		d.newPage(portrait, letterMargins)
		d.kop(purbalingga())
		var buf bytes.Buffer
		if err := d.output(&buf); err != nil {
			b.Fatal(err)
		}
	}
}
