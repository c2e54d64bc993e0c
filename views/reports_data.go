package views

import "github.com/kemenagjateng/usulan/models"

// RecapData is the recap page: offices × statuses for a period.
type RecapData struct {
	From, To string
	Statuses []models.Status
	Rows     []RecapRowView
	Totals   []int
	Total    int
	Error    string
}

// RecapRowView is one office's counts, in Statuses order.
type RecapRowView struct {
	Office string
	Counts []int
	Total  int
}

// VerifyData is the public verification page of an issued document.
type VerifyData struct {
	Code         string
	Found        bool
	Kind         string
	LetterNumber string
	LetterDate   string
	OfficeName   string
	Status       models.Status
	SHA256       string
	IssuedAt     string
	// ProposalOffice is the office whose proposal a verification sheet verified.
	ProposalOffice string
}

// OfficeForm is the admin's office edit form, as typed.
type OfficeForm struct {
	Code, Kind                                 string
	Name, City, Address, Phone, Website, Email string
	HeadName, HeadNIP, HeadTitle               string
	Errors                                     map[string]string
}

// Err is a field's error.
func (f OfficeForm) Err(k string) string { return f.Errors[k] }

// OfficeListData is the admin's list of offices.
type OfficeListData struct {
	Rows       []OfficeRow
	Incomplete int
	HasEmblem  bool
}

// OfficeRow is an office and what its record lacks for letters ("" when complete).
type OfficeRow struct {
	Office  models.Office
	Missing string
}
