package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/audit"
)

const mimeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func sendFile(c *fiber.Ctx, contentType, filename string, b []byte) error {
	c.Set(fiber.HeaderContentType, contentType)
	c.Set(fiber.HeaderContentDisposition, `inline; filename="`+filename+`"`)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.Send(b)
}

func (s *Server) letterPDF(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	pdf, name, err := s.Workflow.Letter(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	if err := s.auditDownload(c, audit.DownloadPDF, proposalSubject(id), name); err != nil {
		return err
	}
	return sendFile(c, "application/pdf", name, pdf)
}

func (s *Server) verificationPDF(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	pdf, err := s.Workflow.VerificationSheet(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	name := "lembar-verifikasi-" + c.Params("id") + ".pdf"
	if err := s.auditDownload(c, audit.DownloadPDF, proposalSubject(id), name); err != nil {
		return err
	}
	return sendFile(c, "application/pdf", name, pdf)
}

func (s *Server) nominativeXLSX(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	x, err := s.Workflow.NominativeXLSX(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	if err := s.auditDownload(c, audit.ExportXLSX, proposalSubject(id), "daftar-nominatif-"+c.Params("id")+".xlsx"); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="daftar-nominatif-`+c.Params("id")+`.xlsx"`)
	c.Set(fiber.HeaderContentType, mimeXLSX)
	return c.Send(x)
}
