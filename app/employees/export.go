package employees

import (
	"context"
	"encoding/csv"
	"io"
	"sort"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/documents"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/models"
)

func registerColumns(cols []Column) []documents.RegisterColumn {
	out := make([]documents.RegisterColumn, len(cols))
	for i, c := range cols {
		out[i] = documents.RegisterColumn{Header: c.Header, Label: c.Label, Help: c.Help, Example: c.Example, Required: c.Required}
	}
	return out
}

// TemplateXLSX writes the upload template: the columns (ratings for years)
// on sheet "Pegawai" and their documentation on sheet "Petunjuk".
func TemplateXLSX(w io.Writer, years []int) error {
	return documents.RegisterXLSX(w, registerColumns(TemplateColumns(years)), nil)
}

// TemplateCSV writes the upload template as CSV: a UTF-8 byte order mark
// (so Excel reads the file as UTF-8) and the header row.
func TemplateCSV(w io.Writer, years []int) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	var head []string
	for _, c := range TemplateColumns(years) {
		head = append(head, c.Header)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// ExportXLSX writes the register of officeID (0 = the principal's own) in
// the template's layout, so it can be edited and uploaded back. The rating
// columns are the template's years plus every year any employee has.
func (s *Service) ExportXLSX(ctx context.Context, p access.Principal, officeID int64, w io.Writer) error {
	var cands []eligibility.Candidate
	yearSet := map[int]bool{}
	for _, y := range RatingYears(s.Today()) {
		yearSet[y] = true
	}
	err := s.Each(ctx, p, officeID, func(e *Employee) error {
		cands = append(cands, e.Candidate)
		for _, y := range PerformanceYears(e.Candidate) {
			yearSet[y] = true
		}
		return nil
	})
	if err != nil {
		return err
	}
	years := make([]int, 0, len(yearSet))
	for y := range yearSet {
		years = append(years, y)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(years)))
	cols := TemplateColumns(years)
	rows := make([][]string, len(cands))
	for i, c := range cands {
		rec := ToRecord(c)
		rec["employment_status"] = models.EmploymentStatus(c.EmploymentStatus).Label()
		row := make([]string, len(cols))
		for j, col := range cols {
			row[j] = rec[col.Field]
		}
		rows[i] = row
	}
	return documents.RegisterXLSX(w, registerColumns(cols), rows)
}

// ResultRows turns findings into the rows of the result spreadsheet.
func ResultRows(fs []Finding) []documents.EligibilityRow {
	out := make([]documents.EligibilityRow, len(fs))
	for i, f := range fs {
		r := documents.EligibilityRow{NIP: f.NIP, Name: f.Name, Position: f.Target.Position.Label(),
			Level: f.Target.Level.Label(), Route: f.Target.Route.Label(), Result: FindingLabel(f)}
		if f.Gap != nil {
			r.Gap, r.Detail = eligibility.RuleLabel(f.Gap.Rule), f.Gap.Detail
		}
		if f.Row > 0 {
			r.Source = "baris " + itoa(f.Row)
		}
		out[i] = r
	}
	return out
}

// FindingLabel is "Memenuhi syarat" or "Kurang satu syarat".
func FindingLabel(f Finding) string {
	if f.Gap == nil {
		return "Memenuhi syarat"
	}
	return "Kurang satu syarat"
}
