package documents

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// popplerPages renders data with pdftotext -layout, one string per page.
func popplerPages(t *testing.T, data []byte) []string {
	t.Helper()
	pdftotext := needTool(t, "pdftotext")
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(string(out), "\f"), "\f")
}

// goPages reads data back in-process (pdfPages): the layout loops below
// render 40 letters each, and a pdftotext process per letter cost seconds.
func goPages(t *testing.T, data []byte) []string {
	t.Helper()
	pages, err := pdfPages(data)
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// TestAStaffingLetterNeverLeavesTheClosingAlone: with a justification long
// enough to push the signature over, the last section goes with it; the
// head's long name with two titles stays on one line (read with pdftotext
// -layout, which keeps lines, on the first and the last letter).
func TestAStaffingLetterNeverLeavesTheClosingAlone(t *testing.T) {
	t.Parallel()
	s := sampleStaffing()
	s.Signatory = Signatory{Title: "Kepala", Name: "Dr. H. Muhammad Abdurrahman Wahidin Syamsuddin, S.Ag., M.Pd.I.",
		NIP: "197003051996031002"}
	const rounds = 40
	for extra := 0; extra < rounds; extra++ {
		data := render(t, func(b *bytes.Buffer) error { return RenderStaffingLetter(b, s) })
		for i, p := range goPages(t, data) {
			if !strings.Contains(p, "Demikian usulan ini") {
				continue
			}
			before := p[:strings.Index(p, "Demikian usulan ini")]
			if strings.TrimSpace(before) == "" {
				t.Errorf("%d extra paragraphs: page %d starts with the closing:\n%s", extra, i+1, p)
			}
			if !strings.Contains(p, "Tembusan") {
				t.Errorf("%d extra paragraphs: the Tembusan is not on the signature's page", extra)
			}
		}
		if extra == 0 || extra == rounds-1 {
			signed := false
			for _, p := range popplerPages(t, data) {
				signed = signed || strings.Contains(p, "Dr. H. Muhammad Abdurrahman Wahidin Syamsuddin, S.Ag., M.Pd.I.")
			}
			if !signed {
				t.Errorf("%d extra paragraphs: the head's name is broken", extra)
			}
		}
		// One more line of justification each round, so the closing meets
		// the page's end at every possible height.
		s.Justification[len(s.Justification)-1] += " Beban kerja pengelolaan informasi publik terus meningkat setiap tahun anggaran berjalan."
	}
}

// TestAStaffingLetterWithoutNotesCarriesItsLastParagraph: with no legal
// notes, the justification's last paragraph goes over with the closing.
func TestAStaffingLetterWithoutNotesCarriesItsLastParagraph(t *testing.T) {
	t.Parallel()
	s := sampleStaffing()
	s.LegalNotes = nil
	for extra := 0; extra < 40; extra++ {
		data := render(t, func(b *bytes.Buffer) error { return RenderStaffingLetter(b, s) })
		for i, p := range goPages(t, data) {
			if k := strings.Index(p, "Demikian usulan ini"); k >= 0 && strings.TrimSpace(p[:k]) == "" {
				t.Errorf("%d extra lines: page %d starts with the closing", extra, i+1)
			}
		}
		s.Justification[0] += " Beban kerja pengelolaan informasi publik terus meningkat setiap tahun anggaran berjalan."
	}
}
