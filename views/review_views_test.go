package views

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/a-h/templ"

	"github.com/kemenagjateng/usulan/models"
)

// TestReviewViewsRenderAndEscape renders the review workflow's pages with
// hostile text in every free field: file names, notes, reasons.
func TestReviewViewsRenderAndEscape(t *testing.T) {
	p := Page{Title: "Uji", CSRF: "tok123", User: &models.User{Username: "ver1", Role: models.RoleVerifikator},
		InboxCount: 3, Unread: 2}
	evil := "<script>alert(1)</script>"
	box := &RevisionBox{At: "30 November 2026", By: evil, Note: evil, Items: []WantingRow{{Subject: evil, Label: "Ijazah", Note: evil}}}
	row := ReviewRow{Candidate: "199203152019031004", Item: "doc:ijazah", Label: "Ijazah", Finding: "tidak_sesuai",
		Note: evil, FileName: evil + ".pdf", FileURL: "/proposals/1/attachments/1", Changed: true}
	panel := ReviewPanelData{ProposalID: 1, Version: 3, CanUpload: true, Revision: box, ReviewLink: "/proposals/1/review",
		ReviewLabel: "Periksa", Docs: []DocSubject{{Candidate: "199203152019031004", Name: evil, Docs: []DocRow{{Item: "ijazah",
			Label: "Ijazah", FileName: evil, URL: "/proposals/1/attachments/1", Finding: "tidak_sesuai", FindingLabel: "Tidak sesuai", Note: evil}}}}}
	cases := map[string]templ.Component{
		"review": ReviewPage(p, ReviewPageData{ID: 1, Version: 3, Subject: "Pranata Komputer", Status: models.StatusInReview,
			OverrideNote: evil, CanRecord: true, Wanting: 1, Revision: box, NoNIP: true,
			Exceptions: []ReviewSubjectRow{{Candidate: "199203152019031004", Name: evil, Rules: []ReviewRow{row}, Docs: []ReviewRow{row}}},
			Passing:    []ReviewSubjectRow{{Candidate: "199203152019031004", Name: evil, Rules: []ReviewRow{row}, Open: 1}},
			Changes: &ChangesView{Since: "kemarin", Fields: []ChangeRow{{Subject: evil, Field: "Nama", Before: evil, After: evil}},
				Docs: []ChangeRow{{Subject: evil, Field: "Ijazah", Before: evil, After: evil}}},
			Actions: []ActionForm{{Action: "verify", Label: "Memenuhi syarat"}}, Message: evil}),
		"inbox": InboxPage(p, InboxData{Total: 1, Sections: []InboxSectionView{{Key: "unclaimed", Title: "Masuk",
			Rows: []InboxRow{{ID: 1, Subject: evil, OfficeName: evil, Status: models.StatusSubmitted, Waited: "3 hari"}}}}}),
		"notifications": NotificationsPage(p, NotificationsData{Items: []NotificationRow{{ID: 1, Message: evil, URL: "/proposals/1",
			Unread: true}}, Email: evil, Error: evil}),
		"show": ProposalShow(p, ShowData{ID: 1, Kind: "jft", Status: models.StatusRevisionRequested, Subject: "X", Review: panel,
			Events: []EventRow{{Action: "Dikembalikan", Details: []string{evil}}}}),
	}
	for name, c := range cases {
		var buf bytes.Buffer
		if err := c.Render(context.Background(), &buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		html := buf.String()
		if strings.Contains(html, evil) {
			t.Errorf("%s renders user text as markup", name)
		}
		if !strings.Contains(html, `value="tok123"`) || !strings.Contains(html, `<span class="count">3</span>`) {
			t.Errorf("%s lacks the CSRF token or the inbox count", name)
		}
	}
}
