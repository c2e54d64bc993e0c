package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/offices"
	"github.com/kemenagjateng/usulan/app/staffing"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

// JSON API of the staffing plan and the staffing reference data (issue 5).
// Reads are open to every role within its scope; writes are the admin's.

// apiLedger: GET /api/v1/formations?year=&office= — the ledger with the
// proposals behind each number.
func (s *Server) apiLedger(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	year, err := s.yearParam(c)
	if err != nil {
		return err
	}
	l, err := staffing.LoadLedger(c.UserContext(), s.DB, p, staffing.LedgerFilter{Office: c.Query("office"), Year: year})
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"year": l.Year, "office": officeCodeOf(l.Office), "items": l.Rows, "total": len(l.Rows),
		"planned": l.Planned, "filled": l.Filled, "reserved": l.Reserved, "available": l.Available, "unplanned": l.Unplanned,
		"formula": "available = planned - filled - reserved"})
}

func officeCodeOf(o *models.Office) any {
	if o == nil {
		return nil
	}
	return o.Code
}

type formationJSON struct {
	ID       int64  `json:"id"`
	Office   string `json:"office"`
	Position string `json:"position"`
	Level    string `json:"level"`
	Year     int    `json:"year"`
	Quota    int    `json:"quota"`
	Basis    string `json:"basis"`
	Version  int64  `json:"version"`
}

// apiFormationSet: POST /api/v1/formations — set a quota (admin).
func (s *Server) apiFormationSet(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	var in staffing.QuotaInput
	if err := input.DecodeJSON(c.Body(), &in); err != nil {
		return err
	}
	f, err := staffing.SetQuota(c.UserContext(), s.DB, p, in, s.Workflow.Now())
	if err != nil {
		return err
	}
	status := fiber.StatusOK
	if f.Version == 1 {
		status = fiber.StatusCreated
	}
	return c.Status(status).JSON(formationJSON{ID: f.ID, Office: f.Office.Code, Position: f.Position, Level: f.Level,
		Year: f.Year, Quota: f.Quota, Basis: f.Basis, Version: f.Version})
}

// apiFormationDelete: DELETE /api/v1/formations/{id} with {"version", "basis"} (admin).
func (s *Server) apiFormationDelete(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	var in struct {
		Version int64  `json:"version"`
		Basis   string `json:"basis"`
	}
	if err := input.DecodeJSON(c.Body(), &in); err != nil {
		return err
	}
	if err := staffing.DeleteFormation(c.UserContext(), s.DB, p, id, in.Version, in.Basis, s.Workflow.Now()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// apiFormationEvents: GET /api/v1/formations/events?office=&year= — the quota timeline.
func (s *Server) apiFormationEvents(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	var officeID int64
	if code := c.Query("office"); code != "" {
		o, err := offices.Get(c.UserContext(), s.DB, code)
		if ae, ok := apperror.As(err); ok && ae.Status == fiber.StatusNotFound || err == nil && !p.SeesOffice(o.ID) {
			return apperror.NotFound()
		}
		if err != nil {
			return err
		}
		officeID = o.ID
	}
	year := 0
	if c.Query("year") != "" {
		if year, err = s.yearParam(c); err != nil {
			return err
		}
	}
	evs, err := staffing.Events(c.UserContext(), s.DB, p, officeID, year)
	if err != nil {
		return err
	}
	type item struct {
		ID          int64  `json:"id"`
		Office      string `json:"office"`
		Position    string `json:"position"`
		Level       string `json:"level"`
		Year        int    `json:"year"`
		Action      string `json:"action"`
		QuotaBefore *int   `json:"quota_before"`
		QuotaAfter  *int   `json:"quota_after"`
		Note        string `json:"note"`
		Actor       string `json:"actor"`
		At          string `json:"at"`
	}
	items := make([]item, 0, len(evs))
	for _, e := range evs {
		it := item{ID: e.ID, Position: e.Position, Level: e.Level, Year: e.Year, Action: e.Action,
			QuotaBefore: e.QuotaBefore, QuotaAfter: e.QuotaAfter, Note: e.Note, At: e.CreatedAt.UTC().Format("2006-01-02T15:04:05Z")}
		if e.Office != nil {
			it.Office = e.Office.Code
		}
		if e.Actor != nil {
			it.Actor = e.Actor.Username
		}
		items = append(items, it)
	}
	return c.JSON(fiber.Map{"items": items, "total": len(items)})
}

// apiReferenceList: GET /api/v1/reference/{pay-caps|classifications|qualifications}.
func (s *Server) apiReferenceList(c *fiber.Ctx) error {
	ctx := c.UserContext()
	switch c.Params("kind") {
	case views.RefPayCaps:
		rows, err := staffing.ListPayCaps(ctx, s.DB)
		if err != nil {
			return err
		}
		type item struct {
			*staffing.PayCap
			Office    string      `json:"office"`
			ValidFrom models.Date `json:"valid_from"`
			ValidTo   models.Date `json:"valid_to"`
		}
		items := make([]item, 0, len(rows))
		for _, r := range rows {
			items = append(items, item{PayCap: r, Office: r.OfficeCode(), ValidFrom: r.ValidFrom(), ValidTo: r.ValidTo()})
		}
		return c.JSON(fiber.Map{"items": items, "total": len(items)})
	case views.RefClassifications:
		rows, err := staffing.ListClassifications(ctx, s.DB)
		if err != nil {
			return err
		}
		return c.JSON(fiber.Map{"items": rows, "total": len(rows)})
	case views.RefQualifications:
		rows, err := staffing.ListQualifications(ctx, s.DB)
		if err != nil {
			return err
		}
		return c.JSON(fiber.Map{"items": rows, "total": len(rows)})
	}
	return apperror.NotFound()
}

// apiReferenceSave: POST /api/v1/reference/{kind} (create, 201) and
// PUT /api/v1/reference/{kind}/{id} (replace) — admin only.
func (s *Server) apiReferenceSave(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	var id int64
	if c.Params("id") != "" {
		if id, err = idParam(c); err != nil {
			return err
		}
	}
	ctx, now := c.UserContext(), s.Workflow.Now()
	var out any
	switch c.Params("kind") {
	case views.RefPayCaps:
		var in staffing.PayCapInput
		if err := input.DecodeJSON(c.Body(), &in); err != nil {
			return err
		}
		out, err = staffing.SavePayCap(ctx, s.DB, p, id, in, now)
	case views.RefClassifications:
		var in staffing.ClassificationInput
		if err := input.DecodeJSON(c.Body(), &in); err != nil {
			return err
		}
		out, err = staffing.SaveClassification(ctx, s.DB, p, id, in, now)
	case views.RefQualifications:
		var in staffing.QualificationInput
		if err := input.DecodeJSON(c.Body(), &in); err != nil {
			return err
		}
		out, err = staffing.SaveQualification(ctx, s.DB, p, id, in, now)
	default:
		return apperror.NotFound()
	}
	if err != nil {
		return err
	}
	status := fiber.StatusOK
	if id == 0 {
		status = fiber.StatusCreated
	}
	return c.Status(status).JSON(out)
}

// apiReferenceDelete: DELETE /api/v1/reference/{kind}/{id} — admin only.
func (s *Server) apiReferenceDelete(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	if err := s.deleteReference(c.UserContext(), p, c.Params("kind"), id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
