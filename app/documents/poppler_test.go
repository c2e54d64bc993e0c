package documents

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// needTool finds an outside program; without it the test is skipped, unless
// CI is set, where it fails (ARCHITECTURE.md §4).
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s not found (install poppler-utils); required when CI is set", name)
		}
		t.Skipf("%s not found (install poppler-utils)", name)
	}
	return p
}

// TestPopplerReadsLetter checks the letter the way integrators do: with
// pdftotext -layout, page by page, white space collapsed.
func TestPopplerReadsLetter(t *testing.T) {
	pdftotext := needTool(t, "pdftotext")
	pdfinfo := needTool(t, "pdfinfo")
	l := sampleLetter(60)
	data, _ := letterPDF(t, l)
	path := filepath.Join(t.TempDir(), "letter.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command(pdfinfo, path).Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo: %s", info)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	if pages < 3 {
		t.Fatalf("60 candidates on %d pages", pages)
	}
	var texts []string
	tablePages := 0
	for i := 1; i <= pages; i++ {
		out, err := exec.Command(pdftotext, "-f", strconv.Itoa(i), "-l", strconv.Itoa(i), "-layout", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := string(out)
		texts = append(texts, text)
		for _, r := range l.Rows {
			if strings.Contains(text, r.NIP) {
				tablePages++
				if !strings.Contains(text, "NIP") || !strings.Contains(text, "Nama / NIP") {
					t.Errorf("page %d: no table header", i)
				}
				break
			}
		}
	}
	if tablePages < 2 {
		t.Errorf("the list sits on %d page(s)", tablePages)
	}
	flat := strings.Join(strings.Fields(strings.Join(texts, " ")), " ")
	for _, r := range l.Rows {
		if n := strings.Count(flat, r.NIP); n != 1 {
			t.Errorf("NIP %s printed %d times", r.NIP, n)
		}
	}
	for _, want := range append([]string{"KEMENTERIAN AGAMA", "PURBALINGGA", l.Number, "30 November 2026",
		"Kode verifikasi: ABCD-1234"}, hardNames...) {
		if !strings.Contains(flat, want) {
			t.Errorf("pdftotext text lacks %q", want)
		}
	}
}
