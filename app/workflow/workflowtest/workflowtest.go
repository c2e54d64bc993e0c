// Package workflowtest holds helpers for tests that take proposals through
// the workflow: an office record complete enough to number letters, and the
// required documents uploaded (and found sesuai) as a real office and
// verifier would, so tests meet the completeness gate rather than weaken it.
package workflowtest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

// PDF is a tiny document whose type sniffs as application/pdf.
var PDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// Offices are the letterhead data the tests give the regency offices they use.
var Offices = map[string][3]string{
	"Kk.11.03": {"Jl. Letkol Isdiman No. 5, Purbalingga", "Drs. H. Ahmad Muhdzir, M.Pd.I.", "196805101994031001"},
	"Kk.11.04": {"Jl. Pemuda No. 2, Banjarnegara", "H. Siti Aminah, S.Ag., M.Si.", "197001022000032001"},
	"Kk.11.05": {"Jl. Kebumen No. 1, Kebumen", "H. Ahmad Fauzan, S.Ag., M.Pd.", "196905051995031002"},
}

// CompleteOffices fills the address, phone and head of office of the
// offices in Offices (all of them when codes is empty), as an admin does
// before the first submission.
func CompleteOffices(t testing.TB, db bun.IDB, codes ...string) {
	t.Helper()
	if len(codes) == 0 {
		for c := range Offices {
			codes = append(codes, c)
		}
	}
	for _, c := range codes {
		o, ok := Offices[c]
		if !ok {
			t.Fatalf("workflowtest: no office data for %s", c)
		}
		if _, err := db.NewUpdate().Table("offices").Set("address = ?", o[0]).Set("phone = ?", "(0281) 891000").
			Set("head_name = ?", o[1]).Set("head_nip = ?", o[2]).Set("head_title = ?", "Kepala").
			Where("code = ?", c).Exec(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}

// AttachRequired stores a PDF for every required document of the
// proposal's checklist that has none, straight into the table (no event, no version
// change), so a test's versions and timelines stay as they were written.
func AttachRequired(t testing.TB, db *bun.DB, id int64) {
	t.Helper()
	ctx := context.Background()
	svc := workflow.New(db, "", clock.NewManual(time.Date(2026, 11, 30, 3, 0, 0, 0, time.UTC)))
	cl, err := svc.Checklist(ctx, access.Principal{Role: models.RoleAdmin}, id)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(PDF)
	for _, it := range cl.Items {
		if !it.Required || it.Status != workflow.DocMissing {
			continue
		}
		subject := ""
		if it.NIP != nil {
			subject = *it.NIP
		}
		a := &workflow.Attachment{ProposalID: id, Subject: subject, Item: it.Item[len("doc:"):], FileName: "dokumen.pdf",
			ContentType: "application/pdf", Size: int64(len(PDF)), SHA256: hex.EncodeToString(sum[:]), Content: PDF,
			CreatedAt: svc.Now()}
		if _, err := db.NewInsert().Model(a).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

// AcceptDocuments records the finding sesuai for every uploaded document of
// the proposal that has no finding yet, as the given verifier.
func AcceptDocuments(t testing.TB, db *bun.DB, id, reviewerID int64) {
	t.Helper()
	ctx := context.Background()
	var atts []workflow.Attachment
	if err := db.NewSelect().Model(&atts).ExcludeColumn("content").Where("proposal_id = ? AND replaced_at IS NULL", id).
		Scan(ctx); err != nil {
		t.Fatal(err)
	}
	for _, a := range atts {
		f := &workflow.Finding{ProposalID: id, Subject: a.Subject, Item: "doc:" + a.Item, Finding: workflow.FindingOK,
			ReviewerID: &reviewerID, UpdatedAt: a.CreatedAt}
		if _, err := db.NewInsert().Model(f).On("CONFLICT (proposal_id, subject, item) DO NOTHING").Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
}
