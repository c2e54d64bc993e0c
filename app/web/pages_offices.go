package web

import (
	"io"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/offices"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

// officeGapText names what an office record lacks for letters ("" when complete).
func officeGapText(o *models.Office) string {
	gaps := workflow.OfficeGaps(o)
	var out []string
	for _, k := range []struct{ key, label string }{{"address", "alamat"}, {"head_name", "nama kepala"}, {"head_nip", "NIP kepala"}} {
		if _, ok := gaps[k.key]; ok {
			out = append(out, k.label)
		}
	}
	return strings.Join(out, ", ")
}

// officeList is the admin's list of offices, each flagged when its record
// lacks what letters need, with the emblem every letterhead prints.
func (s *Server) officeList(c *fiber.Ctx) error {
	list, err := offices.List(c.UserContext(), s.DB)
	if err != nil {
		return err
	}
	emblem, err := offices.Emblem(c.UserContext(), s.DB)
	if err != nil {
		return err
	}
	d := views.OfficeListData{HasEmblem: len(emblem) > 0}
	for i := range list {
		row := views.OfficeRow{Office: list[i], Missing: officeGapText(&list[i])}
		if row.Missing != "" {
			d.Incomplete++
		}
		d.Rows = append(d.Rows, row)
	}
	return render(c, 200, views.OfficeListPage(s.page(c, "Data kantor", "admin"), d))
}

// emblemInput reads the uploaded emblem (up to one byte past the limit).
func emblemInput(c *fiber.Ctx) ([]byte, error) {
	fh, err := c.FormFile("file")
	if err != nil {
		return nil, apperror.InvalidField("file", "Pilih berkas PNG lambang Kementerian Agama.")
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, offices.EmblemLimit+1))
}

// emblemUpload is POST /admin/emblem (the office list's form).
func (s *Server) emblemUpload(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	b, err := emblemInput(c)
	if err == nil {
		err = offices.SetEmblem(c.UserContext(), s.DB, p, b, s.Workflow.Now())
	}
	if err != nil {
		ae, ok := apperror.As(err)
		if !ok || ae.Status == 403 {
			return err
		}
		s.flashError(c, "Lambang tidak disimpan: "+pageMessage(ae))
		return c.Redirect("/admin/offices", fiber.StatusSeeOther)
	}
	s.flash(c, "Lambang tersimpan; setiap kop surat kini mencetaknya.")
	return c.Redirect("/admin/offices", fiber.StatusSeeOther)
}

// apiEmblemUpload is POST /api/v1/offices/emblem (multipart, field "file").
func (s *Server) apiEmblemUpload(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	b, err := emblemInput(c)
	if err != nil {
		return err
	}
	if err := offices.SetEmblem(c.UserContext(), s.DB, p, b, s.Workflow.Now()); err != nil {
		return err
	}
	return c.JSON(fiber.Map{"emblem": true})
}

// emblemImage is GET /admin/emblem.png: the stored emblem.
func (s *Server) emblemImage(c *fiber.Ctx) error {
	b, err := offices.Emblem(c.UserContext(), s.DB)
	if err != nil {
		return err
	}
	if len(b) == 0 {
		return apperror.NotFound()
	}
	c.Set(fiber.HeaderContentType, "image/png")
	c.Set("X-Content-Type-Options", "nosniff")
	return c.Send(b)
}
