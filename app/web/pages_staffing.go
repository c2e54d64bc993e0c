package web

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/staffing"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

// staffingOptions fills the choices of the staffing form, the default
// qualifications in force and the pay caps an admin set.
func (s *Server) staffingOptions(c *fiber.Ctx, f *views.StaffingForm) error {
	for _, m := range models.AllStaffingMechanisms() {
		f.Mechanisms = append(f.Mechanisms, views.Option{Value: string(m), Label: m.Label()})
	}
	for _, e := range models.AllEducationLevels() {
		f.Educations = append(f.Educations, views.Option{Value: string(e), Label: e.Label()})
	}
	ctx := c.UserContext()
	qs, err := staffing.QualificationsAt(ctx, s.DB, s.Workflow.Today())
	if err != nil {
		return err
	}
	for _, q := range qs {
		f.Presets = append(f.Presets, views.QualificationPreset{ID: q.ID, Name: q.Name, Summary: qualificationSummary(q),
			Source: q.Source + " [" + q.Confidence + "]"})
	}
	caps, err := staffing.ListPayCaps(ctx, s.DB)
	if err != nil {
		return err
	}
	for _, cp := range caps {
		f.Caps = append(f.Caps, payCapLine(cp))
	}
	return nil
}

func qualificationSummary(q *staffing.Qualification) string {
	parts := []string{}
	if q.EducationLevel != "" {
		parts = append(parts, views.Join(" ", models.EducationLevel(q.EducationLevel).Label(), q.EducationField))
	}
	if a := ageText(q.AgeMin, q.AgeMax); a != "" {
		parts = append(parts, a)
	}
	return strings.Join(parts, ", ")
}

func ageText(lo, hi *int) string {
	switch {
	case lo != nil && hi != nil:
		return strconv.Itoa(*lo) + "–" + strconv.Itoa(*hi) + " tahun"
	case lo != nil:
		return "paling rendah " + strconv.Itoa(*lo) + " tahun"
	case hi != nil:
		return "paling tinggi " + strconv.Itoa(*hi) + " tahun"
	}
	return ""
}

func payCapLine(c *staffing.PayCap) string {
	office := "semua kantor"
	if code := c.OfficeCode(); code != "" {
		office = code
	}
	mech := "semua mekanisme"
	if c.Mechanism != "" {
		mech = models.StaffingMechanism(c.Mechanism).Label()
	}
	return "Tahun " + strconv.Itoa(c.Year) + ", " + office + ", " + mech + ": " + models.Rupiah(c.Amount) +
		" per bulan (" + c.Source + ")"
}

// applyPreset fills the qualification fields from a default qualification
// (?preset=ID, or the form's preset button, which keeps what was typed); an
// unknown id is ignored.
func (s *Server) applyPreset(c *fiber.Ctx, f *views.StaffingForm) {
	raw := c.Query("preset")
	if v := c.FormValue("preset"); v != "" {
		raw = v
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id < 1 {
		return
	}
	q, err := staffing.GetQualification(c.UserContext(), s.DB, id)
	if err != nil {
		return
	}
	f.EducationLevel, f.EducationField = q.EducationLevel, q.EducationField
	f.AgeMin, f.AgeMax = "", ""
	if q.AgeMin != nil {
		f.AgeMin = strconv.Itoa(*q.AgeMin)
	}
	if q.AgeMax != nil {
		f.AgeMax = strconv.Itoa(*q.AgeMax)
	}
}

func (s *Server) staffingNew(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	if !p.CanFile() {
		return apperror.Forbidden("Hanya operator atau kepala Kankemenag yang dapat membuat permintaan.")
	}
	f := views.StaffingForm{Count: "1"}
	s.applyPreset(c, &f)
	if err := s.staffingOptions(c, &f); err != nil {
		return err
	}
	return render(c, 200, views.StaffingFormPage(s.page(c, "Permintaan tenaga pendukung", "staffing"), f))
}

// staffingEditPage is the edit form of a staffing request (reached through
// /proposals/{id}/edit, like a JFT proposal).
func (s *Server) staffingEditPage(c *fiber.Ctx, prop *models.Proposal) error {
	sr, err := workflow.StaffingOf(prop)
	if err != nil {
		return err
	}
	f := views.StaffingForm{ID: prop.ID, Version: prop.Version}
	if sr != nil {
		f.PositionTitle, f.Count, f.Mechanism = sr.PositionTitle, strconv.Itoa(sr.Count), string(sr.Mechanism)
		f.EducationLevel, f.EducationField, f.Skills, f.Tasks = string(sr.EducationLevel), sr.EducationField, sr.Skills, sr.Tasks
		f.Justification, f.BudgetSource = sr.Justification, sr.BudgetSource
		f.PeriodStart, f.PeriodEnd = sr.PeriodStart.String(), sr.PeriodEnd.String()
		f.MonthlyPay = strconv.FormatInt(sr.MonthlyPay, 10)
		if sr.AgeMin != nil {
			f.AgeMin = strconv.Itoa(*sr.AgeMin)
		}
		if sr.AgeMax != nil {
			f.AgeMax = strconv.Itoa(*sr.AgeMax)
		}
	}
	f.ReferenceDate = prop.ReferenceDate.String()
	s.applyPreset(c, &f)
	if err := s.staffingOptions(c, &f); err != nil {
		return err
	}
	return render(c, 200, views.StaffingFormPage(s.page(c, "Ubah permintaan tenaga pendukung", "proposals"), f))
}

// readStaffingForm reads the form as typed (nothing is lost on an error).
func readStaffingForm(c *fiber.Ctx) views.StaffingForm {
	v := func(k string) string { return strings.TrimSpace(c.FormValue(k)) }
	f := views.StaffingForm{PositionTitle: v("position_title"), Count: v("count"), Mechanism: v("mechanism"),
		EducationLevel: v("education_level"), EducationField: v("education_field"), AgeMin: v("age_min"), AgeMax: v("age_max"),
		Skills: v("skills"), Tasks: v("tasks"), Justification: v("justification"), PeriodStart: v("period_start"),
		PeriodEnd: v("period_end"), MonthlyPay: v("monthly_pay"), BudgetSource: v("budget_source"),
		ReferenceDate: v("reference_date")}
	f.Version, _ = strconv.ParseInt(c.FormValue("version"), 10, 64)
	return f
}

// parseRupiah reads "2070000", "2.070.000" or "Rp 2.070.000" as whole rupiah.
func parseRupiah(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "Rp"), "rp")
	s = strings.NewReplacer(".", "", " ", "", "\u00a0", "").Replace(s)
	if s == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// staffingBody turns the form into the API's JSON body (kind "staffing"),
// so the form and the API go through one decoder and one validation. Empty
// optional fields are sent as null so that an edit clears them.
func staffingBody(f views.StaffingForm) ([]byte, map[string]string) {
	errs := map[string]string{}
	body := map[string]any{"kind": models.KindStaffing, "version": f.Version, "position_title": f.PositionTitle,
		"mechanism": f.Mechanism, "education_level": f.EducationLevel, "education_field": f.EducationField,
		"skills": f.Skills, "tasks": f.Tasks, "justification": f.Justification, "budget_source": f.BudgetSource}
	date := func(k, v string) {
		if v == "" {
			body[k] = nil
		} else {
			body[k] = v
		}
	}
	date("reference_date", f.ReferenceDate)
	date("period_start", f.PeriodStart)
	date("period_end", f.PeriodEnd)
	num := func(k, v, msg string) {
		if v == "" {
			body[k] = nil
			return
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			errs[k] = msg
			return
		}
		body[k] = n
	}
	num("count", f.Count, "Jumlah harus bilangan bulat, paling sedikit 1.")
	num("age_min", f.AgeMin, "Usia harus bilangan bulat tahun.")
	num("age_max", f.AgeMax, "Usia harus bilangan bulat tahun.")
	if f.MonthlyPay == "" {
		body["monthly_pay"] = nil
	} else if n, ok := parseRupiah(f.MonthlyPay); ok {
		body["monthly_pay"] = n
	} else {
		errs["monthly_pay"] = "Honor harus bilangan bulat rupiah, misalnya 2.070.000."
	}
	b, _ := json.Marshal(body)
	return b, errs
}

// saveStaffing handles create (id 0) and update of a staffing request:
// errors re-render the form with what was typed and a message per field.
func (s *Server) saveStaffing(c *fiber.Ctx, p access.Principal, id int64) error {
	f := readStaffingForm(c)
	f.ID = id
	title := "Permintaan tenaga pendukung"
	if err := s.staffingOptions(c, &f); err != nil {
		return err
	}
	if c.FormValue("preset") != "" {
		// A preset button: fill the qualification, keep the rest as typed, save nothing.
		s.applyPreset(c, &f)
		return render(c, 200, views.StaffingFormPage(s.page(c, title, "staffing"), f))
	}
	body, errs := staffingBody(f)
	if len(errs) > 0 {
		f.Errors, f.Message = errs, "Periksa kembali isian yang ditandai."
		return render(c, 400, views.StaffingFormPage(s.page(c, title, "staffing"), f))
	}
	prop, formErr, err := s.fileOrPatch(c, p, id, body)
	if err != nil {
		return err
	}
	if formErr != nil {
		f.Errors, f.Message = formErr.Fields, formMessage(formErr)
		return render(c, formErr.Status, views.StaffingFormPage(s.page(c, title, "staffing"), f))
	}
	s.flash(c, "Permintaan tersimpan. Hasil pemeriksaan diperbarui.")
	return c.Redirect("/proposals/"+strconv.FormatInt(prop.ID, 10), fiber.StatusSeeOther)
}

func (s *Server) staffingCreate(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	if !p.CanFile() {
		return apperror.Forbidden("Hanya operator atau kepala Kankemenag yang dapat membuat permintaan.")
	}
	return s.saveStaffing(c, p, 0)
}

func (s *Server) staffingUpdate(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	prop, err := s.Workflow.Get(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	if prop.Kind != models.KindStaffing {
		return apperror.NotFound()
	}
	return s.saveStaffing(c, p, id)
}
