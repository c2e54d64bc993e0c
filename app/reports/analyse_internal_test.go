package reports

import (
	"slices"
	"testing"

	"github.com/kemenagjateng/usulan/models"
)

func TestParseStaysReadsOffsetsFromFilingAndRefusesWhatItCannotRead(t *testing.T) {
	codes, entries, err := parseStays([]byte("submitted:0 in_review:86400 revision_requested:-5"), 1000, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []uint8{uint8(stateCode[models.StatusSubmitted]), uint8(stateCode[models.StatusInReview]),
		uint8(stateCode[models.StatusRevisionRequested])}
	if !slices.Equal(codes, want) || !slices.Equal(entries, []int64{1000, 87400, 995}) {
		t.Fatalf("codes %v entries %v", codes, entries)
	}
	for _, bad := range []string{"submitted", "submitted:", "bogus:1", "submitted:x"} {
		if _, _, err := parseStays([]byte(bad), 0, nil, nil); err == nil {
			t.Errorf("%q read without error", bad)
		}
	}
}
