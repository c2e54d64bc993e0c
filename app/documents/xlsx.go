package documents

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/kemenagjateng/usulan/models"
)

// Spreadsheet exports. Every text (names, NIPs, numbers, labels) is written
// as a string cell in a column formatted as text ("@"), so Excel neither turns
// an 18-digit NIP into 1.98E+17 nor evaluates anything; dates are real dates
// with a date format; no cell holds a formula.

// xkind is how a spreadsheet column is written.
type xkind int

const (
	xText     xkind = iota // string cell, text format
	xInt                   // number cell
	xDate                  // models.Date as a date
	xDateTime              // time.Time instant as Asia/Jakarta date and time
)

type xcol struct {
	head string
	kind xkind
}

// xvalue is one cell value; only the field matching the column kind is used.
type xvalue struct {
	s  string
	n  int
	d  models.Date
	ts time.Time
}

// SafeCellText makes a text inert in a spreadsheet: a value that begins with
// "=", "+", "-", "@", a tab or a carriage return (which Excel, or a later CSV
// export, could read as a formula) is prefixed with a single quote. A lone
// "-" (the usual "nothing" mark) is left as it is.
func SafeCellText(s string) string {
	if s == "" || s == "-" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// writeSheet writes a title (optional), a bold frozen header row and the
// rows, with column widths fitted to the content.
func writeSheet(w io.Writer, sheet, title string, cols []xcol, rows [][]xvalue) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	// A fixed creation date keeps the file free of the wall clock.
	fixed := "2000-01-01T00:00:00Z"
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "Usulan", Title: title, Language: "id-ID", Created: fixed, Modified: fixed,
	}); err != nil {
		return err
	}

	textFmt := "@"
	styles := struct{ title, head, text, num, date, dateTime int }{}
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	border := []excelize.Border{
		{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1},
	}
	dateFmt, dateTimeFmt := XLSXDateFormat, XLSXDateTimeFormat
	styles.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	styles.head = mk(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Color: []string{"E4E8EC"}, Pattern: 1},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    border, CustomNumFmt: &textFmt,
	})
	styles.text = mk(&excelize.Style{CustomNumFmt: &textFmt, Alignment: &excelize.Alignment{Vertical: "top"}})
	styles.num = mk(&excelize.Style{NumFmt: 1, Alignment: &excelize.Alignment{Vertical: "top"}})
	styles.date = mk(&excelize.Style{CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}})
	styles.dateTime = mk(&excelize.Style{CustomNumFmt: &dateTimeFmt, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}})
	if err != nil {
		return err
	}

	// Column styles first: SetColStyle restyles cells already written.
	for j, c := range cols {
		name, _ := excelize.ColumnNumberToName(j + 1)
		style := styles.text
		switch c.kind {
		case xInt:
			style = styles.num
		case xDate:
			style = styles.date
		case xDateTime:
			style = styles.dateTime
		}
		if err := f.SetColStyle(sheet, name, style); err != nil {
			return err
		}
	}
	headRow := 1
	if title != "" {
		headRow = 3
		if err := f.SetCellStr(sheet, "A1", SafeCellText(title)); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, "A1", "A1", styles.title); err != nil {
			return err
		}
	}
	widths := make([]int, len(cols))
	for j, c := range cols {
		name, _ := excelize.ColumnNumberToName(j + 1)
		cell := fmt.Sprintf("%s%d", name, headRow)
		if err := f.SetCellStr(sheet, cell, c.head); err != nil {
			return err
		}
		widths[j] = longestLine(c.head)
	}
	first, _ := excelize.CoordinatesToCellName(1, headRow)
	last, _ := excelize.CoordinatesToCellName(len(cols), headRow)
	if err := f.SetCellStyle(sheet, first, last, styles.head); err != nil {
		return err
	}

	for i, row := range rows {
		r := headRow + 1 + i
		for j, c := range cols {
			if j >= len(row) {
				break
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, r)
			v := row[j]
			var err error
			n := 0
			switch c.kind {
			case xText:
				s := SafeCellText(v.s)
				err = f.SetCellStr(sheet, cell, s)
				n = longestLine(s)
			case xInt:
				err = f.SetCellInt(sheet, cell, int64(v.n))
				n = len(itoa(v.n))
			case xDate:
				if !v.d.IsZero() {
					err = f.SetCellValue(sheet, cell, v.d.Time())
					if err == nil {
						err = f.SetCellStyle(sheet, cell, cell, styles.date)
					}
				}
				n = 10
			case xDateTime:
				if !v.ts.IsZero() {
					local := v.ts.In(models.Jakarta)
					wall := time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), local.Minute(), 0, 0, time.UTC)
					err = f.SetCellValue(sheet, cell, wall)
					if err == nil {
						err = f.SetCellStyle(sheet, cell, cell, styles.dateTime)
					}
				}
				n = 16
			}
			if err != nil {
				return err
			}
			if n > widths[j] {
				widths[j] = n
			}
		}
	}
	for j, n := range widths {
		name, _ := excelize.ColumnNumberToName(j + 1)
		wd := float64(int(float64(n)*1.1 + 2.5)) // whole characters
		if wd < 6 {
			wd = 6
		}
		if wd > 60 {
			wd = 60
		}
		if err := f.SetColWidth(sheet, name, name, wd); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, YSplit: headRow, TopLeftCell: fmt.Sprintf("A%d", headRow+1), ActivePane: "bottomLeft",
	}); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// longestLine is the length in characters of the longest line of s.
func longestLine(s string) int {
	n := 0
	for _, line := range strings.Split(s, "\n") {
		if l := utf8.RuneCountInString(line); l > n {
			n = l
		}
	}
	return n
}

// NominativeXLSX writes a daftar nominatif as a spreadsheet: a title row
// (when title is not empty), a frozen bold header and one row per candidate.
func NominativeXLSX(w io.Writer, title string, rows []NominativeRow) error {
	cols := []xcol{
		{"No.", xInt}, {"Nama", xText}, {"NIP", xText}, {"Tempat Lahir", xText}, {"Tanggal Lahir", xDate},
		{"Pangkat/Golongan", xText}, {"TMT Pangkat", xDate}, {"Pendidikan", xText},
		{"Jabatan Saat Ini", xText}, {"Jabatan yang Diusulkan", xText}, {"Keterangan", xText},
	}
	data := make([][]xvalue, len(rows))
	for i, r := range rows {
		data[i] = []xvalue{
			{n: i + 1}, {s: r.Name}, {s: r.NIP}, {s: r.BirthPlace}, {d: r.BirthDate},
			{s: r.Rank}, {d: r.RankTMT}, {s: r.Education},
			{s: r.CurrentPosition}, {s: r.ProposedPosition}, {s: r.Notes},
		}
	}
	return writeSheet(w, "Daftar Nominatif", title, cols, data)
}

// ProposalListXLSX writes a list of proposals as a spreadsheet with a frozen
// bold header; created and updated times are shown in Asia/Jakarta. Long
// lists go through ProposalListWriter row by row instead.
func ProposalListXLSX(w io.Writer, rows []ProposalListRow) error {
	pw, err := NewProposalListWriter()
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := pw.Add(r); err != nil {
			pw.Close()
			return err
		}
	}
	return pw.Finish(w)
}

// The number formats of dates and instants in every spreadsheet: day first,
// as Indonesian readers write them (a calendar date, and an instant shown in
// Asia/Jakarta to the minute).
const (
	XLSXDateFormat     = "dd-mm-yyyy"
	XLSXDateTimeFormat = "dd-mm-yyyy hh:mm"
)
