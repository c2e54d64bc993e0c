package web

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/sla"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

// Service levels (issue 15): the admin's target per status in working days
// (/admin/sla, /api/v1/sla) and the holidays the working days skip
// (/reference/holidays, /api/v1/reference/holidays).

// slaBody is the body of PUT /api/v1/sla and the answer of GET.
type slaBody struct {
	Targets []sla.Target `json:"targets" validate:"min=1" msg:"Kirim paling sedikit satu batas waktu."`
}

// apiSLA: GET /api/v1/sla (admin) — {"targets": [{"status", "label", "working_days"}]}.
func (s *Server) apiSLA(c *fiber.Ctx) error {
	ts, err := sla.Targets(c.UserContext(), s.DB)
	if err != nil {
		return err
	}
	return c.JSON(slaBody{Targets: ts})
}

// apiSLASet: PUT /api/v1/sla (admin) — {"targets": [{"status", "working_days"}]};
// the statuses given are replaced (0 removes a target), the others kept.
func (s *Server) apiSLASet(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	var in slaBody
	if err := input.JSON(c.Body(), &in); err != nil {
		return err
	}
	if err := sla.SetTargets(c.UserContext(), s.DB, in.Targets, p.UserID, s.Workflow.Now()); err != nil {
		return err
	}
	return s.apiSLA(c)
}

func (s *Server) slaPage(c *fiber.Ctx) error { return s.renderSLA(c, 200, nil, nil) }

func (s *Server) renderSLA(c *fiber.Ctx, status int, typed map[string]string, errs map[string]string) error {
	ts, err := sla.Targets(c.UserContext(), s.DB)
	if err != nil {
		return err
	}
	d := views.SLAData{Errors: errs}
	for _, t := range ts {
		v := ""
		if t.WorkingDays > 0 {
			v = strconv.Itoa(t.WorkingDays)
		}
		if typed != nil {
			v = typed[string(t.Status)]
		}
		d.Rows = append(d.Rows, views.SLARow{Status: string(t.Status), Label: t.Label, Holder: slaHolder(t.Status), Value: v})
	}
	return render(c, status, views.SLAPage(s.page(c, "Batas waktu layanan", "reference"), d))
}

// slaHolder says who a target binds (and who is reminded).
func slaHolder(st models.Status) string {
	switch st {
	case models.StatusSubmitted:
		return "verifikator mengambil usulan masuk"
	case models.StatusInReview:
		return "verifikator memutus (memenuhi syarat, tidak memenuhi syarat, atau kembalikan)"
	case models.StatusRevisionRequested:
		return "kantor memperbaiki dan mengajukan ulang"
	case models.StatusVerified:
		return "admin meneruskan untuk penetapan SK"
	case models.StatusForwarded:
		return "admin mencatat SK"
	}
	return ""
}

func (s *Server) slaSave(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	typed := map[string]string{}
	errs := map[string]string{}
	var ts []sla.Target
	for _, st := range sla.Statuses {
		v := strings.TrimSpace(c.FormValue(string(st)))
		typed[string(st)] = v
		n := 0
		if v != "" {
			if n, err = strconv.Atoi(v); err != nil {
				errs["targets."+string(st)] = "Isi angka hari kerja (kosongkan bila tanpa batas)."
				continue
			}
		}
		ts = append(ts, sla.Target{Status: st, WorkingDays: n})
	}
	if len(errs) == 0 {
		err = sla.SetTargets(c.UserContext(), s.DB, ts, p.UserID, s.Workflow.Now())
		if err == nil {
			s.flash(c, "Batas waktu layanan tersimpan.")
			return c.Redirect("/admin/sla", fiber.StatusSeeOther)
		}
		e, ok := apperror.As(err)
		if !ok || e.Status != 400 {
			return err
		}
		errs = e.Fields
	}
	return s.renderSLA(c, 400, typed, errs)
}

// apiHolidays: GET /api/v1/reference/holidays?from=&to= — {"items": [{"id", "date", "name"}]}.
func (s *Server) apiHolidays(c *fiber.Ctx) error {
	var q struct {
		From models.Date `form:"from" json:"from"`
		To   models.Date `form:"to" json:"to"`
	}
	if err := input.DecodeForm(queryValues(c), &q); err != nil {
		return err
	}
	hs, err := sla.Holidays(c.UserContext(), s.DB, q.From, q.To)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": hs})
}

// apiHolidayCreate: POST /api/v1/reference/holidays (admin) — {"date", "name"} → 201.
func (s *Server) apiHolidayCreate(c *fiber.Ctx) error {
	var in sla.NewHoliday
	if err := input.DecodeJSON(c.Body(), &in); err != nil {
		return err
	}
	h, err := sla.AddHoliday(c.UserContext(), s.DB, in.Date, in.Name, s.Workflow.Now())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(h)
}

// apiHolidayDelete: DELETE /api/v1/reference/holidays/{id} (admin) → 204.
func (s *Server) apiHolidayDelete(c *fiber.Ctx) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if err := sla.DeleteHoliday(c.UserContext(), s.DB, id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) holidaysPage(c *fiber.Ctx) error { return s.renderHolidays(c, 200, "", "", nil, "") }

func (s *Server) renderHolidays(c *fiber.Ctx, status int, date, name string, errs map[string]string, msg string) error {
	hs, err := sla.Holidays(c.UserContext(), s.DB, models.Date{}, models.Date{})
	if err != nil {
		return err
	}
	d := views.HolidaysData{Date: date, Name: name, Errors: errs, Message: msg}
	for _, h := range hs {
		d.Rows = append(d.Rows, views.HolidayRow{ID: h.ID, Date: h.Day.Indonesian(), Weekday: views.WeekdayID(h.Day), Name: h.Name})
	}
	return render(c, status, views.HolidaysPage(s.page(c, "Hari libur", "reference"), d))
}

func (s *Server) holidaySave(c *fiber.Ctx) error {
	date, name := strings.TrimSpace(c.FormValue("date")), c.FormValue("name")
	var in sla.NewHoliday
	err := input.DecodeForm(trimmed(formValues(c)), &in)
	if err == nil {
		_, err = sla.AddHoliday(c.UserContext(), s.DB, in.Date, in.Name, s.Workflow.Now())
	}
	day := in.Date
	if err != nil {
		e, ok := apperror.As(err)
		if !ok || (e.Status != 400 && e.Status != 409) {
			return err
		}
		return s.renderHolidays(c, e.Status, date, name, e.Fields, e.Message)
	}
	s.flash(c, "Hari libur "+day.Indonesian()+" tersimpan.")
	return c.Redirect("/reference/holidays", fiber.StatusSeeOther)
}

func (s *Server) holidayDelete(c *fiber.Ctx) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if err := sla.DeleteHoliday(c.UserContext(), s.DB, id); err != nil {
		return err
	}
	s.flash(c, "Hari libur dihapus.")
	return c.Redirect("/reference/holidays", fiber.StatusSeeOther)
}
