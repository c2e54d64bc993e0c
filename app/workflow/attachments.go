package workflow

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// DefaultUploadLimit is the largest document accepted when the Service has
// no limit of its own (config.UploadLimit, UPLOAD_LIMIT_BYTES).
const DefaultUploadLimit = 2 << 20

// AllowedContentTypes are the types a document may have, as sniffed from its
// content (never from its name): PDF, JPEG, PNG.
var AllowedContentTypes = map[string]string{
	"application/pdf": "PDF",
	"image/jpeg":      "JPEG",
	"image/png":       "PNG",
}

// Attachment is an uploaded document for one checklist item of a proposal,
// for one candidate (Subject = the NIP) or the whole proposal (Subject "").
// A replaced document is kept (ReplacedAt set), so what was reviewed stays
// readable.
type Attachment struct {
	bun.BaseModel `bun:"table:attachments"`

	ID          int64      `bun:"id,pk,autoincrement" json:"id"`
	ProposalID  int64      `bun:"proposal_id,notnull" json:"-"`
	Subject     string     `bun:"subject,notnull" json:"candidate"`
	Item        string     `bun:"item,notnull" json:"item"`
	FileName    string     `bun:"file_name,notnull" json:"file_name"`
	ContentType string     `bun:"content_type,notnull" json:"content_type"`
	Size        int64      `bun:"size,notnull" json:"size"`
	SHA256      string     `bun:"sha256,notnull" json:"sha256"`
	Content     []byte     `bun:"content" json:"-"`
	UploadedBy  *int64     `bun:"uploaded_by" json:"-"`
	CreatedAt   time.Time  `bun:"created_at,notnull" json:"uploaded_at"`
	ReplacedAt  *time.Time `bun:"replaced_at" json:"replaced_at"`
}

// UploadInput is one document to store.
type UploadInput struct {
	Candidate string // NIP of the candidate; "" for a document of the whole proposal
	Item      string // checklist document id (Checklist), with or without the "doc:" prefix
	Version   int64  // the proposal's current version
	FileName  string // as sent; kept as text only
	Content   []byte
}

func (s *Service) uploadLimit() int {
	if s.UploadLimit > 0 {
		return s.UploadLimit
	}
	return DefaultUploadLimit
}

// UploadLimitBytes is the largest document accepted, in bytes.
func (s *Service) UploadLimitBytes() int { return s.uploadLimit() }

// Upload stores a document for a checklist item. Checks, in order: scope
// (404), role (403: operator or kepala of the office), state (409: draft or
// revision_requested only), version (409), the item and candidate exist for
// this proposal (400), the size (413) and the type sniffed from the content
// (415). The document, the version bump and an "upload" event (naming the
// document it replaces, if any) are one transaction.
func (s *Service) Upload(ctx context.Context, p access.Principal, id int64, in UploadInput) (*Attachment, error) {
	cur, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if !p.CanFile() {
		return nil, apperror.Forbidden("Hanya operator atau kepala Kankemenag yang dapat mengunggah dokumen.")
	}
	if !cur.Status.Editable() {
		return nil, apperror.Conflict("Dokumen hanya dapat diunggah saat usulan berstatus Draf atau Perlu perbaikan.")
	}
	if in.Version == 0 {
		return nil, apperror.InvalidField("version", "Versi wajib dikirim.")
	}
	if in.Version != cur.Version {
		return nil, staleVersion(cur.Version)
	}
	doc, subject, name, err := checkUploadTarget(cur, in.Candidate, in.Item)
	if err != nil {
		return nil, err
	}
	if len(in.Content) == 0 {
		return nil, apperror.InvalidField("file", "Pilih berkas yang akan diunggah.")
	}
	if len(in.Content) > s.uploadLimit() {
		return nil, &apperror.Error{Status: 413, Message: "Berkas terlalu besar.",
			Fields: map[string]string{"file": fmt.Sprintf("Ukuran berkas paling besar %s.", humanSize(int64(s.uploadLimit())))}}
	}
	ctype := sniff(in.Content)
	if _, ok := AllowedContentTypes[ctype]; !ok {
		return nil, &apperror.Error{Status: 415, Message: "Jenis berkas tidak diterima.",
			Fields: map[string]string{"file": "Berkas harus PDF, JPEG atau PNG (diperiksa dari isinya, bukan dari namanya)."}}
	}
	sum := sha256.Sum256(in.Content)
	now := s.Now()
	a := &Attachment{ProposalID: cur.ID, Subject: subject, Item: doc.ID, FileName: cleanFileName(in.FileName, ctype),
		ContentType: ctype, Size: int64(len(in.Content)), SHA256: hex.EncodeToString(sum[:]), Content: in.Content,
		UploadedBy: &p.UserID, CreatedAt: now}
	err = s.inTx(ctx, func(tx bun.Tx) error {
		st := store.For(tx, p)
		a.ID = 0 // a new id on each run
		res, err := st.UpdateModel((*models.Proposal)(nil)).Apply(func(q *bun.UpdateQuery) *bun.UpdateQuery {
			return q.
				Set("version = version + 1").Set("updated_at = ?", now).
				Where("id = ?", cur.ID).Where("version = ?", in.Version).
				Where("status IN (?)", bun.List([]models.Status{models.StatusDraft, models.StatusRevisionRequested}))
		}).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return staleVersion(0)
		}
		var old Attachment
		err = st.Model(&old).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.ExcludeColumn("content").
				Where("proposal_id = ? AND subject = ? AND item = ? AND replaced_at IS NULL", cur.ID, subject, doc.ID).
				Limit(1)
		}).Scan(ctx)
		hasOld := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if hasOld {
			if _, err := st.UpdateModel((*Attachment)(nil)).Apply(func(q *bun.UpdateQuery) *bun.UpdateQuery {
				return q.Set("replaced_at = ?", now).
					Where("proposal_id = ? AND subject = ? AND item = ? AND replaced_at IS NULL", cur.ID, subject, doc.ID)
			}).Exec(ctx); err != nil {
				return err
			}
		}
		if _, err := st.Insert(a).Apply(func(q *bun.InsertQuery) *bun.InsertQuery {
			return q.Returning("id")
		}).Exec(ctx); err != nil {
			return err
		}
		data := map[string]any{"candidate": subject, "name": name, "item": "doc:" + doc.ID, "label": doc.Label,
			"attachment_id": a.ID, "file_name": a.FileName, "content_type": ctype, "size": a.Size, "sha256": a.SHA256}
		if hasOld {
			data["replaced"] = map[string]any{"attachment_id": old.ID, "file_name": old.FileName, "sha256": old.SHA256}
		}
		return addEvent(ctx, st, cur.ID, p.UserID, "upload", cur.Status, cur.Status, "", data, now)
	})
	if err != nil {
		return nil, err
	}
	a.Content = nil
	return a, nil
}

// checkUploadTarget resolves the checklist document and the candidate a
// document is for.
func checkUploadTarget(cur *models.Proposal, candidate, item string) (ChecklistDoc, string, string, error) {
	item = strings.TrimPrefix(strings.TrimSpace(item), "doc:")
	var doc ChecklistDoc
	found := false
	for _, d := range ChecklistFor(cur.Kind, models.Route(cur.Route)) {
		if d.ID == item {
			doc, found = d, true
		}
	}
	if !found {
		return doc, "", "", apperror.InvalidField("item", "Dokumen ini tidak termasuk kelengkapan usulan ini.")
	}
	if doc.PerProposal {
		return doc, "", "", nil
	}
	nip := models.NormalizeNIP(candidate)
	for _, c := range cur.Candidates {
		if c.NIP == nip {
			return doc, nip, c.Name, nil
		}
	}
	return doc, "", "", apperror.InvalidField("candidate", "Pilih calon (NIP) pada usulan ini untuk dokumen ini.")
}

// sniff detects the type from the first bytes (net/http's algorithm, which
// follows the WHATWG MIME sniffing standard).
func sniff(b []byte) string {
	ct := http.DetectContentType(b)
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	return strings.TrimSpace(ct)
}

// cleanFileName keeps a file name as plain text: the base name, no control
// characters, at most 150 characters, and a name from the type when nothing
// is left.
func cleanFileName(name, ctype string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(name)
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if name == "." || name == "/" || name == "" {
		name = "dokumen." + strings.ToLower(AllowedContentTypes[ctype])
	}
	if utf8.RuneCountInString(name) > 150 {
		r := []rune(name)
		name = string(r[:150])
	}
	return name
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		if n%(1<<20) == 0 {
			return fmt.Sprintf("%d MB", n>>20)
		}
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bita", n)
}

// HumanSize formats a byte count for pages ("1,5 MB").
func HumanSize(n int64) string { return strings.ReplaceAll(humanSize(n), ".", ",") }

// Attachments lists a proposal's documents (current and replaced, newest
// first), without their content, within scope.
func (s *Service) Attachments(ctx context.Context, p access.Principal, id int64) ([]Attachment, error) {
	if _, err := s.Get(ctx, p, id); err != nil {
		return nil, err
	}
	return listAttachments(ctx, store.For(s.DB, p), id)
}

func listAttachments(ctx context.Context, st *store.Store, id int64) ([]Attachment, error) {
	var out []Attachment
	err := st.Model(&out).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.ExcludeColumn("content").Where("proposal_id = ?", id).
			OrderExpr("id DESC")
	}).Scan(ctx)
	return out, err
}

// AttachmentFile returns one document with its content, within scope: another
// office's document is 404, exactly like a missing one.
func (s *Service) AttachmentFile(ctx context.Context, p access.Principal, id, attachmentID int64) (*Attachment, error) {
	st := store.For(s.DB, p)
	if _, err := s.Get(ctx, p, id); err != nil {
		return nil, err
	}
	a := new(Attachment)
	err := st.Model(a).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Where("id = ? AND proposal_id = ?", attachmentID, id)
	}).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperror.NotFound()
	}
	return a, err
}
