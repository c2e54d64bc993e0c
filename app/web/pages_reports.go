package web

import (
	"io"
	"os"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/audit"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/offices"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

// recapPeriod reads ?from=&to=, defaulting to the current year so far.
func (s *Server) recapPeriod(c *fiber.Ctx) (models.Date, models.Date, error) {
	today := s.Workflow.Today()
	q := struct {
		From models.Date `form:"from" json:"from" msg:"Tanggal awal tidak valid."`
		To   models.Date `form:"to" json:"to" msg:"Tanggal akhir tidak valid."`
	}{models.NewDate(today.Year, 1, 1), today}
	err := input.DecodeForm(queryValues(c), &q)
	return q.From, q.To, err
}

func (s *Server) recapPage(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	d := views.RecapData{Statuses: models.AllStatuses}
	from, to, err := s.recapPeriod(c)
	d.From, d.To = from.String(), to.String()
	if err == nil {
		var rows []workflow.RecapRow
		rows, err = s.Workflow.Recap(c.UserContext(), p, from, to)
		if err == nil {
			d.Totals = make([]int, len(d.Statuses))
			for _, r := range rows {
				rv := views.RecapRowView{Office: r.OfficeName}
				for i, st := range d.Statuses {
					n := r.Counts[st]
					rv.Counts = append(rv.Counts, n)
					rv.Total += n
					d.Totals[i] += n
				}
				d.Total += rv.Total
				d.Rows = append(d.Rows, rv)
			}
		}
	}
	status := 200
	if err != nil {
		e, ok := apperror.As(err)
		if !ok {
			return err
		}
		d.Error, status = e.Message, e.Status
		for _, m := range e.Fields {
			d.Error = m
		}
	}
	return render(c, status, views.RecapPage(s.page(c, "Rekapitulasi", "recap"), d))
}

func (s *Server) recapPDF(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	from, to, err := s.recapPeriod(c)
	if err != nil {
		return err
	}
	pdf, err := s.Workflow.RecapPDF(c.UserContext(), p, from, to)
	if err != nil {
		return err
	}
	name := "rekapitulasi-" + from.String() + "-" + to.String() + ".pdf"
	if err := s.auditDownload(c, audit.DownloadPDF, "recap", name); err != nil {
		return err
	}
	return sendFile(c, "application/pdf", name, pdf)
}

// exportXLSX is the filtered proposal list as a spreadsheet (pages and API).
func (s *Server) exportXLSX(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	// The workbook goes to a temporary file and is streamed from there: an
	// error before the end is still a proper error page, and the response
	// does not hold the file in memory.
	tmp, err := os.CreateTemp("", "usulan-export-*.xlsx")
	if err != nil {
		return err
	}
	n, err := s.Workflow.ExportXLSX(c.UserContext(), p, filterFromQuery(c), tmp)
	if err != nil {
		closeAndRemove(tmp)
		return err
	}
	size, err := tmp.Seek(0, io.SeekCurrent)
	if err == nil {
		_, err = tmp.Seek(0, io.SeekStart)
	}
	if err != nil {
		closeAndRemove(tmp)
		return err
	}
	if err := s.auditDownload(c, audit.ExportXLSX, "proposals", "daftar-usulan.xlsx"); err != nil {
		closeAndRemove(tmp)
		return err
	}
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="daftar-usulan.xlsx"`)
	c.Set(fiber.HeaderContentType, mimeXLSX)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	c.Set("X-Total-Count", strconv.Itoa(n))
	c.Response().SetBodyStream(tempFile{tmp}, int(size)) // fasthttp closes it when sent
	return nil
}

// tempFile is a temporary file removed when closed.
type tempFile struct{ *os.File }

func (t tempFile) Close() error { return closeAndRemove(t.File) }

func closeAndRemove(f *os.File) error {
	err := f.Close()
	if rerr := os.Remove(f.Name()); err == nil {
		err = rerr
	}
	return err
}

// verifyPage is public: anyone holding a letter can check its code.
func (s *Server) verifyPage(c *fiber.Ctx) error {
	code := c.Params("code")
	d := views.VerifyData{Code: code}
	v, err := s.Workflow.Verify(c.UserContext(), code)
	status := 200
	switch {
	case err == nil:
		d.Found, d.Kind, d.LetterNumber, d.LetterDate = true, v.Kind, v.LetterNumber, v.LetterDate.Indonesian()
		d.OfficeName, d.Status, d.SHA256, d.IssuedAt = v.OfficeName, v.Status, v.SHA256, views.TimeID(v.IssuedAt)
		d.ProposalOffice = v.ProposalOffice
	default:
		if e, ok := apperror.As(err); !ok || e.Status != 404 {
			return err
		}
		status = 404
	}
	return render(c, status, views.VerifyPage(s.page(c, "Verifikasi dokumen", ""), d))
}

func officeForm(o *models.Office) views.OfficeForm {
	return views.OfficeForm{Code: o.Code, Kind: o.Kind, Name: o.Name, City: o.City, Address: o.Address, Phone: o.Phone,
		Website: o.Website, Email: o.Email, HeadName: o.HeadName, HeadNIP: o.HeadNIP, HeadTitle: o.HeadTitle}
}

func (s *Server) officeEdit(c *fiber.Ctx) error {
	o, err := offices.Get(c.UserContext(), s.DB, c.Params("code"))
	if err != nil {
		return err
	}
	return render(c, 200, views.OfficeFormPage(s.page(c, "Ubah data kantor", "admin"), officeForm(o)))
}

func (s *Server) officeUpdate(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	var e offices.Edit
	if err = input.DecodeForm(formValues(c), &e); err == nil {
		_, err = offices.Update(c.UserContext(), s.DB, p, c.Params("code"), e, s.Workflow.Now())
	}
	if err != nil {
		ae, ok := apperror.As(err)
		if !ok || ae.Status != 400 {
			return err
		}
		f := views.OfficeForm{Code: c.Params("code"), Name: e.Name, City: e.City, Address: e.Address, Phone: e.Phone,
			Website: e.Website, Email: e.Email, HeadName: e.HeadName, HeadNIP: e.HeadNIP, HeadTitle: e.HeadTitle,
			Errors: ae.Fields}
		return render(c, 400, views.OfficeFormPage(s.page(c, "Ubah data kantor", "admin"), f))
	}
	s.flash(c, "Data kantor "+c.Params("code")+" tersimpan.")
	return c.Redirect("/admin/offices", fiber.StatusSeeOther)
}

func (s *Server) apiOfficeUpdate(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	cur, err := offices.Get(c.UserContext(), s.DB, c.Params("code"))
	if err != nil {
		return err
	}
	e := offices.Edit{Name: cur.Name, City: cur.City, Address: cur.Address, Phone: cur.Phone, Website: cur.Website,
		Email: cur.Email, HeadName: cur.HeadName, HeadNIP: cur.HeadNIP, HeadTitle: cur.HeadTitle}
	if err := input.DecodeJSON(c.Body(), &e); err != nil {
		return err
	}
	o, err := offices.Update(c.UserContext(), s.DB, p, c.Params("code"), e, s.Workflow.Now())
	if err != nil {
		return err
	}
	return c.JSON(o)
}
