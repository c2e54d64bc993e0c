package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/audit"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/reports"
	"github.com/kemenagjateng/usulan/views"
)

// petaPage is the obstacle map (/peta).
func (s *Server) petaPage(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	f, err := s.mapFilter(c)
	d := views.PetaData{From: f.From.String(), To: f.To.String(), Kind: f.Kind, Position: f.Position, Regional: p.Regional()}
	if err == nil {
		rs := s.reportService()
		d.Map, d.Charts, err = rs.MapAndCharts(c.UserContext(), p, f)
	}
	status := 200
	if err != nil {
		e, ok := apperror.As(err)
		if !ok {
			return err
		}
		d.Error, status, d.Map = e.Message, e.Status, nil
		for _, m := range e.Fields {
			d.Error = m
		}
	}
	return render(c, status, views.PetaPage(s.page(c, "Peta kendala", "peta"), d))
}

// petaXLSX exports the map as a spreadsheet (pages and API).
func (s *Server) petaXLSX(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	f, err := s.mapFilter(c)
	if err != nil {
		return err
	}
	x, err := s.reportService().MapXLSX(c.UserContext(), p, f)
	if err != nil {
		return err
	}
	if err := s.auditDownload(c, audit.ExportXLSX, "peta", "peta-kendala-"+f.From.String()+"-"+f.To.String()+".xlsx"); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="peta-kendala-`+f.From.String()+`-`+f.To.String()+`.xlsx"`)
	c.Set(fiber.HeaderContentType, mimeXLSX)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.Send(x)
}

// petaPDF prints the map on the Kanwil's letterhead (pages and API).
func (s *Server) petaPDF(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	f, err := s.mapFilter(c)
	if err != nil {
		return err
	}
	pdf, err := s.reportService().MapPDF(c.UserContext(), p, f)
	if err != nil {
		return err
	}
	name := "peta-kendala-" + f.From.String() + "-" + f.To.String() + ".pdf"
	if err := s.auditDownload(c, audit.DownloadPDF, "peta", name); err != nil {
		return err
	}
	return sendFile(c, "application/pdf", name, pdf)
}

// proyeksiPage is the staffing forecast (/proyeksi).
func (s *Server) proyeksiPage(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	months, err := forecastMonths(c)
	d := views.ProyeksiData{Months: months}
	if err == nil {
		d.Forecast, err = s.reportService().Forecast(c.UserContext(), p, months, nil, nil)
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
	return render(c, status, views.ProyeksiPage(s.page(c, "Proyeksi pegawai", "peta"), d))
}

// kendalaList lists obstacle reports; regency users also get the form.
func (s *Server) kendalaList(c *fiber.Ctx) error {
	return s.renderKendalaList(c, 200, views.KendalaForm{Since: s.Workflow.Today().String()})
}

func (s *Server) renderKendalaList(c *fiber.Ctx, status int, form views.KendalaForm) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	f := reports.ObstacleFilter{Status: c.Query("status", "active"), Category: c.Query("category"), Office: c.Query("office")}
	if f.Status == "all" {
		f.Status = ""
	}
	list, err := s.reportService().ListObstacles(c.UserContext(), p, f)
	if err != nil {
		return err
	}
	d := views.KendalaListData{Items: list, Status: c.Query("status", "active"), Category: f.Category, Form: form, CanReport: p.Regional()}
	return render(c, status, views.KendalaListPage(s.page(c, "Laporan kendala", "peta"), d))
}

// kendalaCreate records an obstacle from the form.
func (s *Server) kendalaCreate(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	form := views.KendalaForm{Category: c.FormValue("category"), Description: c.FormValue("description"),
		Since: c.FormValue("since"), Proposals: c.FormValue("proposals")}
	var in reports.ObstacleInput
	var ob *reports.Obstacle
	if err = input.DecodeForm(formValues(c), &in); err == nil {
		ob, err = s.reportService().CreateObstacle(c.UserContext(), p, in)
	}
	if err != nil {
		ae, ok := apperror.As(err)
		if !ok || ae.Status != 400 {
			return err
		}
		form.Errors = ae.Fields
		return s.renderKendalaList(c, 400, form)
	}
	s.flash(c, "Kendala #"+strconv.FormatInt(ob.ID, 10)+" tercatat dan dikirim ke Kanwil.")
	return c.Redirect("/kendala/"+strconv.FormatInt(ob.ID, 10), fiber.StatusSeeOther)
}

// kendalaShow is one obstacle with its timeline and the answer form.
func (s *Server) kendalaShow(c *fiber.Ctx) error {
	return s.renderKendala(c, 200, "")
}

func (s *Server) renderKendala(c *fiber.Ctx, status int, errMsg string) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	id, err := obstacleID(c)
	if err != nil {
		return err
	}
	ob, err := s.reportService().GetObstacle(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	d := views.KendalaData{Obstacle: ob, Kanwil: !p.Regional(), Error: errMsg}
	return render(c, status, views.KendalaPage(s.page(c, "Kendala #"+strconv.FormatInt(id, 10), "peta"), d))
}

// kendalaAct answers, comments, closes or reopens from the form.
func (s *Server) kendalaAct(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	id, err := obstacleID(c)
	if err != nil {
		return err
	}
	var in reports.ObstacleAction
	if err = input.DecodeForm(formValues(c), &in); err == nil {
		_, err = s.reportService().ActOnObstacle(c.UserContext(), p, id, in)
	}
	if err != nil {
		ae, ok := apperror.As(err)
		if !ok || ae.Status == 404 {
			return err
		}
		msg := ae.Message
		for _, m := range ae.Fields {
			msg = m
		}
		return s.renderKendala(c, ae.Status, msg)
	}
	s.flash(c, "Tersimpan.")
	return c.Redirect("/kendala/"+strconv.FormatInt(id, 10), fiber.StatusSeeOther)
}
