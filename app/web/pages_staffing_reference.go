package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/staffing"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

// The admin's reference data of staffing requests: pay caps, letter
// classifications and default qualifications, one page per kind
// (/reference/{kind}) with its rows and an add/change form.

func validRefKind(k string) bool {
	return k == views.RefPayCaps || k == views.RefClassifications || k == views.RefQualifications
}

func validity(from, to models.Date) string {
	switch {
	case from.IsZero() && to.IsZero():
		return "sejak awal, seterusnya"
	case from.IsZero():
		return "sampai " + to.Indonesian()
	case to.IsZero():
		return "mulai " + from.Indonesian()
	}
	return from.Indonesian() + " – " + to.Indonesian()
}

func kindLabel(k string) string {
	if k == models.KindStaffing {
		return "Tenaga pendukung"
	}
	return "Usulan JFT"
}

func (s *Server) referencePage(c *fiber.Ctx) error {
	kind := c.Params("kind")
	if !validRefKind(kind) {
		return apperror.NotFound()
	}
	form := views.ReferenceForm{Values: map[string]string{}}
	if id, err := strconv.ParseInt(c.Query("edit"), 10, 64); err == nil && id > 0 {
		vals, err := s.referenceValues(c.UserContext(), kind, id)
		if err != nil {
			return err
		}
		form.ID, form.Values = id, vals
	}
	return s.renderReference(c, 200, kind, form)
}

// referenceValues loads row id of kind as form values.
func (s *Server) referenceValues(ctx context.Context, kind string, id int64) (map[string]string, error) {
	v := map[string]string{}
	optInt := func(p *int) string {
		if p == nil {
			return ""
		}
		return strconv.Itoa(*p)
	}
	switch kind {
	case views.RefPayCaps:
		rows, err := staffing.ListPayCaps(ctx, s.DB)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if r.ID == id {
				v["year"], v["office"], v["mechanism"] = strconv.Itoa(r.Year), r.OfficeCode(), r.Mechanism
				v["amount"], v["source"], v["confidence"], v["note"] = strconv.FormatInt(r.Amount, 10), r.Source, r.Confidence, r.Note
				return v, nil
			}
		}
	case views.RefClassifications:
		rows, err := staffing.ListClassifications(ctx, s.DB)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if r.ID == id {
				v["kind"], v["code"], v["label"], v["source"], v["confidence"] = r.Kind, r.Code, r.Label, r.Source, r.Confidence
				v["valid_from"], v["valid_to"] = r.ValidFrom.String(), r.ValidTo.String()
				return v, nil
			}
		}
	case views.RefQualifications:
		r, err := staffing.GetQualification(ctx, s.DB, id)
		if err != nil {
			return nil, err
		}
		v["name"], v["education_level"], v["education_field"] = r.Name, r.EducationLevel, r.EducationField
		v["age_min"], v["age_max"], v["source"], v["confidence"] = optInt(r.AgeMin), optInt(r.AgeMax), r.Source, r.Confidence
		v["valid_from"], v["valid_to"] = r.ValidFrom.String(), r.ValidTo.String()
		return v, nil
	}
	return nil, apperror.NotFound()
}

func (s *Server) renderReference(c *fiber.Ctx, status int, kind string, form views.ReferenceForm) error {
	ctx := c.UserContext()
	d := views.ReferencePage{Kind: kind, Form: form}
	for _, x := range []string{"H", "M", "L"} {
		d.Confidences = append(d.Confidences, views.Option{Value: x, Label: staffing.ConfidenceLabel(x)})
	}
	if form.V("confidence") == "" {
		if kind == views.RefQualifications {
			d.Form.Values["confidence"] = "L"
		} else {
			d.Form.Values["confidence"] = "M"
		}
	}
	today := s.Workflow.Today()
	switch kind {
	case views.RefPayCaps:
		offices, err := s.officeOptions(c)
		if err != nil {
			return err
		}
		for _, o := range offices {
			if o.Value != "Kw.11" {
				d.Offices = append(d.Offices, views.Option{Value: o.Value, Label: o.Value + " · " + o.Label})
			}
		}
		for _, m := range models.AllStaffingMechanisms() {
			d.Mechanisms = append(d.Mechanisms, views.Option{Value: string(m), Label: m.Label()})
		}
		rows, err := staffing.ListPayCaps(ctx, s.DB)
		if err != nil {
			return err
		}
		for _, r := range rows {
			row := views.RefPayCapRow{ID: r.ID, Year: strconv.Itoa(r.Year), Office: "Semua kantor",
				Mechanism: "Semua mekanisme", Amount: models.Rupiah(r.Amount), Source: r.Source,
				Confidence: staffing.ConfidenceLabel(r.Confidence), Note: r.Note, Validity: validity(r.ValidFrom(), r.ValidTo())}
			if r.Office != nil {
				row.Office = r.Office.Code + " · " + r.Office.Name
			}
			if r.Mechanism != "" {
				row.Mechanism = models.StaffingMechanism(r.Mechanism).Label()
			}
			d.PayCaps = append(d.PayCaps, row)
		}
	case views.RefClassifications:
		d.Kinds = []views.Option{{Value: models.KindJFT, Label: kindLabel(models.KindJFT)},
			{Value: models.KindStaffing, Label: kindLabel(models.KindStaffing)}}
		rows, err := staffing.ListClassifications(ctx, s.DB)
		if err != nil {
			return err
		}
		inForce := map[string]string{}
		for _, k := range []string{models.KindJFT, models.KindStaffing} {
			if inForce[k], err = staffing.ClassificationAt(ctx, s.DB, k, today); err != nil {
				return err
			}
		}
		shown := map[string]bool{}
		for _, r := range rows {
			row := views.RefClassificationRow{ID: r.ID, Kind: kindLabel(r.Kind), Code: r.Code, Label: r.Label,
				Source: r.Source, Confidence: staffing.ConfidenceLabel(r.Confidence), Validity: validity(r.ValidFrom, r.ValidTo)}
			// The one in force is the one ClassificationAt picks; mark a single row per kind.
			valid := (r.ValidFrom.IsZero() || !r.ValidFrom.After(today)) && (r.ValidTo.IsZero() || !r.ValidTo.Before(today))
			if valid && r.Code == inForce[r.Kind] && !shown[r.Kind] {
				row.InForce, shown[r.Kind] = true, true
			}
			d.Classifications = append(d.Classifications, row)
		}
	case views.RefQualifications:
		for _, e := range models.AllEducationLevels() {
			d.Educations = append(d.Educations, views.Option{Value: string(e), Label: e.Label()})
		}
		rows, err := staffing.ListQualifications(ctx, s.DB)
		if err != nil {
			return err
		}
		for _, r := range rows {
			d.Qualifications = append(d.Qualifications, views.RefQualificationRow{ID: r.ID, Name: r.Name,
				Education: views.Join(" ", models.EducationLevel(r.EducationLevel).Label(), r.EducationField),
				Ages:      ageText(r.AgeMin, r.AgeMax), Source: r.Source, Confidence: staffing.ConfidenceLabel(r.Confidence),
				Validity: validity(r.ValidFrom, r.ValidTo)})
		}
	}
	return render(c, status, views.ReferenceView(s.page(c, "Data referensi", "reference"), d))
}

// referenceSave adds (id 0) or changes a row from the form.
func (s *Server) referenceSave(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	kind := c.Params("kind")
	if !validRefKind(kind) {
		return apperror.NotFound()
	}
	id, _ := strconv.ParseInt(c.FormValue("id"), 10, 64)
	vals := map[string]string{}
	for _, k := range []string{"year", "office", "mechanism", "amount", "source", "confidence", "note", "kind", "code",
		"label", "name", "education_level", "education_field", "age_min", "age_max", "valid_from", "valid_to"} {
		vals[k] = strings.TrimSpace(c.FormValue(k))
	}
	err = s.saveReference(c.UserContext(), p, kind, id, trimmed(formValues(c)))
	if err == nil {
		s.flash(c, "Data referensi tersimpan.")
		return c.Redirect("/reference/"+kind, fiber.StatusSeeOther)
	}
	e, ok := apperror.As(err)
	if !ok || (e.Status != 400 && e.Status != 409) {
		return err
	}
	form := views.ReferenceForm{ID: id, Values: vals, Errors: e.Fields, Message: e.Message}
	if e.Status == 400 {
		form.Message = "Periksa kembali isian yang ditandai."
	}
	return s.renderReference(c, e.Status, kind, form)
}

// saveReference decodes the form into the kind's input (the API's) and
// saves it.
func (s *Server) saveReference(ctx context.Context, p access.Principal, kind string, id int64, v url.Values) error {
	now := s.Workflow.Now()
	switch kind {
	case views.RefPayCaps:
		var in staffing.PayCapInput
		if err := input.DecodeForm(v, &in); err != nil {
			return err
		}
		_, err := staffing.SavePayCap(ctx, s.DB, p, id, in, now)
		return err
	case views.RefClassifications:
		var in staffing.ClassificationInput
		if err := input.DecodeForm(v, &in); err != nil {
			return err
		}
		_, err := staffing.SaveClassification(ctx, s.DB, p, id, in, now)
		return err
	default:
		var in staffing.QualificationInput
		if err := input.DecodeForm(v, &in); err != nil {
			return err
		}
		_, err := staffing.SaveQualification(ctx, s.DB, p, id, in, now)
		return err
	}
}

func (s *Server) deleteReference(ctx context.Context, p access.Principal, kind string, id int64) error {
	switch kind {
	case views.RefPayCaps:
		return staffing.DeletePayCap(ctx, s.DB, p, id)
	case views.RefClassifications:
		return staffing.DeleteClassification(ctx, s.DB, p, id)
	case views.RefQualifications:
		return staffing.DeleteQualification(ctx, s.DB, p, id)
	}
	return apperror.NotFound()
}

func (s *Server) referenceDelete(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	kind := c.Params("kind")
	if err := s.deleteReference(c.UserContext(), p, kind, id); err != nil {
		return err
	}
	s.flash(c, "Data referensi dihapus.")
	return c.Redirect("/reference/"+kind, fiber.StatusSeeOther)
}
