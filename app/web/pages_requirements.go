package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

// requirementsPage is GET /admin/required-documents: per kind and route,
// which documents of the catalogue are required (admin-kept reference data).
func (s *Server) requirementsPage(c *fiber.Ctx) error {
	rows, err := s.Workflow.Requirements(c.UserContext())
	if err != nil {
		return err
	}
	d := views.RequirementsData{}
	for _, r := range rows {
		group := "Tenaga pendukung"
		if r.Kind == models.KindJFT {
			group = "Jabatan fungsional — " + r.Route.Label()
		}
		if n := len(d.Groups); n == 0 || d.Groups[n-1].Title != group {
			d.Groups = append(d.Groups, views.RequirementGroup{Title: group})
		}
		g := &d.Groups[len(d.Groups)-1]
		g.Rows = append(g.Rows, views.RequirementRow{Kind: r.Kind, Route: string(r.Route), Item: r.Item, Label: r.Label,
			Basis: r.Basis, Required: r.Required})
	}
	return render(c, 200, views.RequirementsPage(s.page(c, "Dokumen wajib", "required-docs"), d))
}

// requirementSave is POST /admin/required-documents: one row's choice.
func (s *Server) requirementSave(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	err = s.Workflow.SetRequirement(c.UserContext(), p, c.FormValue("kind"), models.Route(c.FormValue("route")),
		c.FormValue("item"), c.FormValue("required") == "1")
	if err != nil {
		ae, ok := apperror.As(err)
		if !ok || ae.Status != 400 {
			return err
		}
		s.flashError(c, "Tidak disimpan: "+pageMessage(ae))
	} else {
		s.flash(c, "Daftar dokumen wajib tersimpan.")
	}
	return c.Redirect("/admin/required-documents", fiber.StatusSeeOther)
}

// apiRequirements is GET /api/v1/required-documents.
func (s *Server) apiRequirements(c *fiber.Ctx) error {
	rows, err := s.Workflow.Requirements(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": rows, "total": len(rows)})
}

// apiRequirementSet is PUT /api/v1/required-documents:
// {"kind", "route", "item", "required"} (admin).
func (s *Server) apiRequirementSet(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	var in struct {
		Kind     string `json:"kind"`
		Route    string `json:"route"`
		Item     string `json:"item"`
		Required *bool  `json:"required" validate:"required" msg:"Isi true atau false."`
	}
	if err := input.JSON(c.Body(), &in); err != nil {
		return err
	}
	if err := s.Workflow.SetRequirement(c.UserContext(), p, in.Kind, models.Route(in.Route), in.Item, *in.Required); err != nil {
		return err
	}
	return s.apiRequirements(c)
}
