package views

import "strconv"

// Reference data kinds (URL segments of /reference/{kind}).
const (
	RefPayCaps         = "pay-caps"
	RefClassifications = "classifications"
	RefQualifications  = "qualifications"
)

// ReferencePage is the admin's page of one kind of staffing reference data:
// its rows (each with source, confidence and validity) and a form to add a
// row or change one.
type ReferencePage struct {
	Kind            string
	PayCaps         []RefPayCapRow
	Classifications []RefClassificationRow
	Qualifications  []RefQualificationRow
	Form            ReferenceForm
	Offices         []Option
	Mechanisms      []Option
	Educations      []Option
	Kinds           []Option
	Confidences     []Option
}

// RefPayCapRow is one pay cap as listed.
type RefPayCapRow struct {
	ID                                                        int64
	Year, Office, Mechanism, Amount, Source, Confidence, Note string
	Validity                                                  string
}

// RefClassificationRow is one letter classification as listed.
type RefClassificationRow struct {
	ID                                    int64
	Kind, Code, Label, Source, Confidence string
	Validity                              string
	InForce                               bool
}

// RefQualificationRow is one default qualification as listed.
type RefQualificationRow struct {
	ID                                        int64
	Name, Education, Ages, Source, Confidence string
	Validity                                  string
}

// ReferenceForm is the add/change form, as typed: Values by field name.
type ReferenceForm struct {
	ID      int64
	Values  map[string]string
	Errors  map[string]string
	Message string
}

// V is the typed value of field k.
func (f ReferenceForm) V(k string) string { return f.Values[k] }

// Err is the error of field k, or "".
func (f ReferenceForm) Err(k string) string { return f.Errors[k] }

// URL is the page of the reference kind.
func (d ReferencePage) URL() string { return "/reference/" + d.Kind }

// EditURL opens row id in the form.
func (d ReferencePage) EditURL(id int64) string {
	return "/reference/" + d.Kind + "?edit=" + strconv.FormatInt(id, 10) + "#form"
}

// DeleteURL removes row id.
func (d ReferencePage) DeleteURL(id int64) string {
	return "/reference/" + d.Kind + "/" + strconv.FormatInt(id, 10) + "/delete"
}
