package views

import "strconv"

// StaffingForm is the staffing request form (usulan tenaga pendukung), as
// typed, with field errors keyed like the API ("monthly_pay", "period_end").
type StaffingForm struct {
	ID             int64
	Version        int64
	PositionTitle  string
	Count          string
	Mechanism      string
	EducationLevel string
	EducationField string
	AgeMin         string
	AgeMax         string
	Skills         string
	Tasks          string
	Justification  string
	PeriodStart    string
	PeriodEnd      string
	MonthlyPay     string
	BudgetSource   string
	ReferenceDate  string
	Errors         map[string]string
	Message        string
	Mechanisms     []Option
	Educations     []Option
	Presets        []QualificationPreset
	Caps           []string // the pay caps in force, one line each
}

// QualificationPreset is a default qualification the form can be filled with.
type QualificationPreset struct {
	ID      int64
	Name    string
	Summary string
	Source  string
}

// Err is the error of a field, or "".
func (f StaffingForm) Err(k string) string { return f.Errors[k] }

// Action is where the form posts.
func (f StaffingForm) Action() string {
	if f.ID > 0 {
		return "/staffing/" + strconv.FormatInt(f.ID, 10)
	}
	return "/staffing"
}

// PresetURL fills the form with preset id.
func (f StaffingForm) PresetURL(id int64) string {
	if f.ID > 0 {
		return "/proposals/" + strconv.FormatInt(f.ID, 10) + "/edit?preset=" + strconv.FormatInt(id, 10)
	}
	return "/staffing/new?preset=" + strconv.FormatInt(id, 10)
}

// lawfulness is what the page says about a staffing request's mechanism:
// Result of rule mechanism_lawful, its detail and basis.
func (d ShowData) lawfulness() (CheckRow, bool) {
	for _, c := range d.Checks {
		if c.Rule == "mechanism_lawful" {
			return c, true
		}
	}
	return CheckRow{}, false
}
