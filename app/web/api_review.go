package web

import (
	"io"
	"mime"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/audit"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/notify"
	"github.com/kemenagjateng/usulan/app/workflow"
)

// apiReview is GET /api/v1/proposals/{id}/review: per candidate the rule
// outcomes and required documents with the verifier's findings, the changes
// since the last review and the last request for revision.
func (s *Server) apiReview(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	r, err := s.Workflow.Review(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	return c.JSON(r)
}

// apiChecklist is GET /api/v1/proposals/{id}/checklist: the required
// documents with their status and the counts.
func (s *Server) apiChecklist(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	cl, err := s.Workflow.Checklist(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	return c.JSON(cl)
}

// apiFindings is PUT /api/v1/proposals/{id}/findings.
func (s *Server) apiFindings(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	var in workflow.FindingsInput
	if err := input.DecodeJSON(c.Body(), &in); err != nil {
		return err
	}
	r, err := s.Workflow.RecordFindings(c.UserContext(), p, id, in)
	if err != nil {
		return err
	}
	return c.JSON(r)
}

func (s *Server) apiAttachmentList(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	items, err := s.Workflow.Attachments(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	if items == nil {
		items = []workflow.Attachment{}
	}
	return c.JSON(fiber.Map{"items": items, "total": len(items)})
}

// apiAttachmentUpload is POST /api/v1/proposals/{id}/attachments, a
// multipart form: file, item (checklist document id), candidate (NIP; empty
// for a document of the whole proposal) and version.
func (s *Server) apiAttachmentUpload(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	in, err := s.uploadInput(c)
	if err != nil {
		return err
	}
	a, err := s.Workflow.Upload(c.UserContext(), p, id, in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(a)
}

// uploadInput reads the multipart upload form; the file is read up to one
// byte past the limit, so an oversized file is refused without reading it all.
func (s *Server) uploadInput(c *fiber.Ctx) (workflow.UploadInput, error) {
	in := workflow.UploadInput{Candidate: c.FormValue("candidate"), Item: c.FormValue("item")}
	if in.Candidate == "" {
		in.Candidate = c.FormValue("nip") // the name the README gives
	}
	in.Version, _ = strconv.ParseInt(c.FormValue("version"), 10, 64)
	fh, err := c.FormFile("file")
	if err != nil {
		return in, apperror.InvalidField("file", "Pilih berkas yang akan diunggah.")
	}
	in.FileName = fh.Filename
	f, err := fh.Open()
	if err != nil {
		return in, err
	}
	defer f.Close()
	in.Content, err = io.ReadAll(io.LimitReader(f, int64(s.Workflow.UploadLimitBytes())+1))
	return in, err
}

// attachmentFile sends one uploaded document (pages and API), within scope.
// The type is the one sniffed at upload; the name is sent as a parameter,
// never as markup.
func (s *Server) attachmentFile(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	aid, err := strconv.ParseInt(c.Params("aid"), 10, 64)
	if err != nil || aid < 1 {
		return apperror.NotFound()
	}
	a, err := s.Workflow.AttachmentFile(c.UserContext(), p, id, aid)
	if err != nil {
		return err
	}
	if err := s.auditDownload(c, audit.DownloadAttachment, "attachment:"+strconv.FormatInt(aid, 10)+" "+proposalSubject(id), a.FileName); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, a.ContentType)
	c.Set(fiber.HeaderContentDisposition, mime.FormatMediaType("inline", map[string]string{"filename": a.FileName}))
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	c.Set("X-Content-Type-Options", "nosniff")
	return c.Send(a.Content)
}

func (s *Server) apiNotifications(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	items, err := notify.List(c.UserContext(), s.DB, p, 100)
	if err != nil {
		return err
	}
	if items == nil {
		items = []notify.Notification{}
	}
	unread, err := notify.Unread(c.UserContext(), s.DB, p)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items, "unread": unread})
}

// apiNotificationsRead marks notifications read: {"ids": [..]}, or all.
func (s *Server) apiNotificationsRead(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	var in struct {
		IDs []int64 `json:"ids"`
	}
	if len(c.Body()) > 0 {
		if err := input.DecodeJSON(c.Body(), &in); err != nil {
			return err
		}
	}
	if err := notify.MarkRead(c.UserContext(), s.DB, p, in.IDs, s.Workflow.Now()); err != nil {
		return err
	}
	return s.apiNotifications(c)
}
