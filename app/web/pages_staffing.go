package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/input"
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

// staffingFields is the staffing request form as posted, read by input.Form.
// The json tags are the API's field names, so a value that cannot be read
// is reported where the API reports it; the request it stands for
// (workflow.StaffingBody) is checked exactly as the API's.
type staffingFields struct {
	PositionTitle  string                   `form:"position_title" json:"position_title"`
	Count          int                      `form:"count" json:"count" msg:"Jumlah harus bilangan bulat, paling sedikit 1."`
	Mechanism      models.StaffingMechanism `form:"mechanism" json:"mechanism"`
	EducationLevel models.EducationLevel    `form:"education_level" json:"education_level"`
	EducationField string                   `form:"education_field" json:"education_field"`
	AgeMin         *int                     `form:"age_min" json:"age_min" msg:"Usia harus bilangan bulat tahun."`
	AgeMax         *int                     `form:"age_max" json:"age_max" msg:"Usia harus bilangan bulat tahun."`
	Skills         string                   `form:"skills" json:"skills"`
	Tasks          string                   `form:"tasks" json:"tasks"`
	Justification  string                   `form:"justification" json:"justification"`
	PeriodStart    models.Date              `form:"period_start" json:"period_start"`
	PeriodEnd      models.Date              `form:"period_end" json:"period_end"`
	MonthlyPay     *input.Rupiah            `form:"monthly_pay" json:"monthly_pay" msg:"Honor harus bilangan bulat rupiah, misalnya 2.070.000."`
	BudgetSource   string                   `form:"budget_source" json:"budget_source"`
	ReferenceDate  models.Date              `form:"reference_date" json:"reference_date"`
}

// body is the staffing request the form stands for.
func (f staffingFields) body() *workflow.StaffingBody {
	b := &workflow.StaffingBody{StaffingRequest: eligibility.StaffingRequest{Kind: models.KindStaffing,
		ReferenceDate: f.ReferenceDate, PositionTitle: f.PositionTitle, Count: f.Count, Mechanism: f.Mechanism,
		EducationLevel: f.EducationLevel, EducationField: f.EducationField, AgeMin: f.AgeMin, AgeMax: f.AgeMax,
		Skills: f.Skills, Tasks: f.Tasks, BudgetSource: f.BudgetSource, PeriodStart: f.PeriodStart,
		PeriodEnd: f.PeriodEnd, Justification: f.Justification}}
	if f.MonthlyPay != nil {
		pay := int64(*f.MonthlyPay)
		b.MonthlyPay = &pay
	}
	return b
}

// trimmed is v with every value trimmed (a form's fields as the user meant them).
func trimmed(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		for _, x := range vs {
			out[k] = append(out[k], strings.TrimSpace(x))
		}
	}
	return out
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
	var sf staffingFields
	err := input.DecodeForm(trimmed(formValues(c)), &sf)
	var prop *models.Proposal
	if err == nil {
		var in *workflow.Input
		if in, err = sf.body().Input(); err == nil {
			prop, err = s.fileOrUpdate(c, p, id, f.Version, in)
		}
	}
	if err != nil {
		e, ok := apperror.As(err)
		if !ok || (e.Status != 400 && e.Status != 409) {
			return err
		}
		f.Errors, f.Message = e.Fields, formMessage(e)
		return render(c, e.Status, views.StaffingFormPage(s.page(c, title, "staffing"), f))
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
