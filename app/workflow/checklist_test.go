package workflow_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/app/workflow/workflowtest"
	"github.com/kemenagjateng/usulan/models"
)

func status422(t *testing.T, err error, want ...string) *apperror.Error {
	t.Helper()
	ae, ok := apperror.As(err)
	if !ok || ae.Status != 422 {
		t.Fatalf("want a 422, got %v", err)
	}
	for _, w := range want {
		if !strings.Contains(ae.Message, w) {
			t.Errorf("the refusal %q does not name %q", ae.Message, w)
		}
	}
	return ae
}

// TestSubmitIsRefusedWhileARequiredDocumentIsMissing: the checklist counts
// per candidate and for the proposal; submit names every missing document
// and goes through once they are in; a document the admin no longer
// requires does not hold it up.
func TestSubmitIsRefusedWhileARequiredDocumentIsMissing(t *testing.T) {
	e := newPlanEnv(t)
	prop, err := e.svc.Create(e.ctx, e.op, e.input(2))
	if err != nil {
		t.Fatal(err)
	}
	cl, err := e.svc.Checklist(e.ctx, e.op, prop.ID)
	if err != nil {
		t.Fatal(err)
	}
	// 8 documents per PNS candidate on pengangkatan_pertama, 1 for the proposal.
	if cl.Required != 17 || cl.Uploaded != 0 || len(cl.Items) != 17 || len(cl.Groups) != 3 ||
		cl.Groups[0].Required != 8 || cl.Groups[2].NIP != "" || cl.Groups[2].Required != 1 {
		t.Fatalf("checklist: required %d uploaded %d items %d groups %d", cl.Required, cl.Uploaded, len(cl.Items), len(cl.Groups))
	}
	if it := cl.Items[16]; it.Item != "doc:formasi" || it.NIP != nil || it.Status != workflow.DocMissing || it.AttachmentID != nil {
		t.Errorf("the proposal's own document: %+v", it)
	}
	// One document uploaded through the service.
	if _, err := e.svc.Upload(e.ctx, e.op, prop.ID, workflow.UploadInput{Candidate: prop.Candidates[0].NIP, Item: "doc:ijazah",
		Version: prop.Version, FileName: "ijazah.pdf", Content: workflowtest.PDF}); err != nil {
		t.Fatal(err)
	}
	cur, _ := e.svc.Get(e.ctx, e.admin, prop.ID)
	_, err = e.svc.Apply(e.ctx, e.kp, prop.ID, workflow.TransitionInput{Action: workflow.ActSubmit, Version: cur.Version,
		OverrideNote: "tetap"})
	if err == nil {
		t.Fatal("submitted with 16 of 17 documents missing")
	}
	ae := status422(t, err, "1 dari 17 diunggah", "Calon 1 — SK CPNS", "Calon 2 — Ijazah dan transkrip nilai",
		"Usulan (seluruhnya) — Bukti formasi/kebutuhan (peta jabatan)")
	if strings.Contains(ae.Fields["documents"], "Calon 1 — Ijazah") || strings.Count(ae.Fields["documents"], "; ") != 15 {
		t.Errorf("the refusal lists the wrong documents: %s", ae.Fields["documents"])
	}
	if cur, _ := e.svc.Get(e.ctx, e.admin, prop.ID); cur.Status != models.StatusDraft || cur.LetterNumber != nil {
		t.Fatalf("a refused submit moved the proposal: %s %v", cur.Status, cur.LetterNumber)
	}
	// The admin stops requiring the health certificate; the rest is uploaded.
	if err := e.svc.SetRequirement(e.ctx, e.op, models.KindJFT, "pengangkatan_pertama", "sehat", false); err == nil {
		t.Error("an operator changed the required documents")
	}
	if err := e.svc.SetRequirement(e.ctx, e.admin, models.KindJFT, "pengangkatan_pertama", "sehat", false); err != nil {
		t.Fatal(err)
	}
	workflowtest.AttachRequired(t, e.db, prop.ID)
	cl, _ = e.svc.Checklist(e.ctx, e.op, prop.ID)
	if cl.Required != 15 || cl.Uploaded != 15 {
		t.Errorf("after uploading: %d of %d, want 15 of 15", cl.Uploaded, cl.Required)
	}
	if _, err := e.do(e.kp, prop, workflow.ActSubmit); err != nil {
		t.Fatalf("submit with every required document: %v", err)
	}
}

// TestVerifyNeedsEveryRequiredDocumentFoundSesuai and resubmit needs the
// documents of a candidate added during the revision round.
func TestVerifyAndResubmitNeedEveryRequiredDocument(t *testing.T) {
	e := newPlanEnv(t)
	prop := e.file(e.op, 1)
	e.must(e.kp, prop, workflow.ActSubmit)
	e.must(e.ver, prop, workflow.ActClaim)
	cur, _ := e.svc.Get(e.ctx, e.admin, prop.ID)
	_, err := e.svc.Apply(e.ctx, e.ver, prop.ID, workflow.TransitionInput{Action: workflow.ActVerify, Version: cur.Version, Note: "ok"})
	status422(t, err, "belum dinyatakan sesuai", "Calon 1 — SK CPNS", "Usulan (seluruhnya) — Bukti formasi")
	// All but one found sesuai: still refused, naming that one.
	workflowtest.AcceptDocuments(t, e.db, prop.ID, e.ver.UserID)
	if _, err := e.db.NewDelete().Table("findings").Where("proposal_id = ? AND item = 'doc:skp'", prop.ID).Exec(e.ctx); err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.Apply(e.ctx, e.ver, prop.ID, workflow.TransitionInput{Action: workflow.ActVerify, Version: cur.Version, Note: "ok"})
	ae := status422(t, err, "Calon 1 — SKP/penilaian kinerja tahun yang disyaratkan")
	if strings.Contains(ae.Message, "SK CPNS") {
		t.Errorf("the refusal names a document found sesuai: %s", ae.Message)
	}
	// Sent back; the office adds a candidate without documents: resubmit is refused.
	e.must(e.ver, prop, workflow.ActRequestRevision)
	cur, _ = e.svc.Get(e.ctx, e.admin, prop.ID)
	newcomers := e.input(1).Candidates
	raw, _ := json.Marshal(map[string]any{"version": cur.Version, "candidates": newcomers})
	if _, err := e.svc.Patch(e.ctx, e.op, prop.ID, raw); err != nil {
		t.Fatal(err)
	}
	cur, _ = e.svc.Get(e.ctx, e.admin, prop.ID)
	_, err = e.svc.Apply(e.ctx, e.kp, prop.ID, workflow.TransitionInput{Action: workflow.ActResubmit, Version: cur.Version})
	status422(t, err, "Belum diunggah: "+newcomers[0].Name+" — SK CPNS")
}

// TestNumberingNeedsACompleteOfficeRecord: no letter number is spent while
// the office lacks address, head's name and NIP; the refusal names them.
func TestNumberingNeedsACompleteOfficeRecord(t *testing.T) {
	e := newPlanEnv(t)
	if _, err := e.db.NewUpdate().Table("offices").Set("address = ''").Set("head_name = ''").Set("head_nip = ''").
		Where("code = 'Kk.11.03'").Exec(e.ctx); err != nil {
		t.Fatal(err)
	}
	prop := e.file(e.op, 1)
	_, err := e.do(e.kp, prop, workflow.ActSubmit)
	ae := status422(t, err, "alamat (address)", "nama kepala (head_name)", "NIP kepala (head_nip)")
	if len(ae.Fields) != 3 || ae.Fields["address"] == "" {
		t.Errorf("fields %v", ae.Fields)
	}
	if cur, _ := e.svc.Get(e.ctx, e.admin, prop.ID); cur.LetterNumber != nil || cur.Status != models.StatusDraft {
		t.Fatalf("a refused submit spent number %v", *cur.LetterNumber)
	}
	workflowtest.CompleteOffices(t, e.db, "Kk.11.03")
	p, err := e.do(e.kp, prop, workflow.ActSubmit)
	if err != nil || p.LetterNumber == nil || !strings.HasPrefix(*p.LetterNumber, "B-1/Kk.11.03/") {
		t.Fatalf("submit on a complete record: %v", err)
	}
}
