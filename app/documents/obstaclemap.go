package documents

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kemenagjateng/usulan/models"
)

// ReportTable is one titled table of a report (the obstacle map's
// sections): column heads with widths in millimetres (0 shares what is left)
// and rows of text.
type ReportTable struct {
	Title  string
	Heads  []string
	Widths []float64
	Align  []string // "L", "C", "R" per column (default "L")
	Rows   [][]string
	// Numeric marks the columns written as numbers in a spreadsheet.
	Numeric []bool
	// Note is printed under the title (a legend or a caveat).
	Note string
}

// ObstacleMapDoc is the obstacle map as printed for the coordination
// meeting: on the Kanwil's letterhead, with who printed it, where and when.
type ObstacleMapDoc struct {
	Kanwil    Office
	Title     string // "PETA KENDALA USULAN"
	Period    string // "1 Januari 2026 s.d. 30 November 2026"
	Scope     string // "Seluruh kantor" or the regency's name
	PrintedBy string // name (and NIP) of who printed it
	Date      models.Date
	PrintedAt string // "30 November 2026 14.05 WIB"
	Tables    []ReportTable
}

// RenderObstacleMap writes the map on landscape A4 pages.
func RenderObstacleMap(w io.Writer, m ObstacleMapDoc) error {
	fs := loadedFonts()
	if fs.err != nil {
		return fs.err
	}
	title := strings.TrimSpace(m.Title)
	if title == "" {
		title = "PETA KENDALA USULAN"
	}
	d := newDoc(fs, docMeta{title: title, author: m.Kanwil.Name, date: m.Date})
	d.footerNote = "Dicetak oleh " + m.PrintedBy + " melalui Usulan, " + m.PrintedAt
	newPage := func() { d.newPage(landscape, landscapeMargins) }
	d.onBreak = newPage
	newPage()
	d.kop(m.Kanwil)
	d.heading(strings.ToUpper(title), 12)
	d.font("", 10)
	d.lines(d.left(), d.contentW(), 5, "Usulan yang diajukan "+m.Period, "C")
	if m.Scope != "" {
		d.lines(d.left(), d.contentW(), 5, m.Scope, "C")
	}
	d.skip(3)
	for _, t := range m.Tables {
		d.skip(3)
		d.subheading(t.Title, 10.5, 14)
		if t.Note != "" {
			d.font("", 8.5)
			d.lines(d.left(), d.contentW(), 4, t.Note, "L")
			d.skip(1)
		}
		cols := make([]column, len(t.Heads))
		fixed, free := 0.0, 0
		for i := range t.Heads {
			if i < len(t.Widths) && t.Widths[i] > 0 {
				fixed += t.Widths[i]
			} else {
				free++
			}
		}
		for i, h := range t.Heads {
			wd := 0.0
			if i < len(t.Widths) {
				wd = t.Widths[i]
			}
			if wd == 0 && free > 0 {
				wd = (d.contentW() - fixed) / float64(free)
			}
			al := "L"
			if i < len(t.Align) && t.Align[i] != "" {
				al = t.Align[i]
			}
			cols[i] = column{h, wd, al}
		}
		tb := &table{cols: cols, size: 8.5, headSize: 8, lineH: 4, padX: 1.2, padY: 1.2, newPage: newPage}
		rows := make([][]cell, 0, len(t.Rows))
		for _, r := range t.Rows {
			c := make([]cell, len(cols))
			for j := range cols {
				v := ""
				if j < len(r) {
					v = r[j]
				}
				c[j] = txt(v)
			}
			rows = append(rows, c)
		}
		if len(rows) == 0 {
			d.font("", 9)
			d.lines(d.left(), d.contentW(), 4.5, "Tidak ada data.", "L")
			continue
		}
		d.drawTable(tb, rows)
	}
	d.skip(6)
	d.font("", 9.5)
	d.ensure(12)
	d.lines(d.left(), d.contentW(), 4.5, m.Kanwil.place()+", "+indonesianDate(m.Date), "R")
	d.lines(d.left(), d.contentW(), 4.5, "Dicetak oleh "+m.PrintedBy, "R")
	return d.output(w)
}

// ObstacleMapXLSX writes one sheet per table (text cells are made inert;
// numeric columns are numbers).
func ObstacleMapXLSX(w io.Writer, m ObstacleMapDoc) error {
	f := excelize.NewFile()
	defer f.Close()
	fixed := "2000-01-01T00:00:00Z"
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "Usulan", Title: m.Title, Language: "id-ID",
		Created: fixed, Modified: fixed}); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	for i, t := range m.Tables {
		name := sheetName(t.Title, i)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		put := func(col, row int, v string, numeric bool) error {
			cell, _ := excelize.CoordinatesToCellName(col, row)
			if numeric {
				var x float64
				if _, err := fmt.Sscan(strings.Replace(v, ",", ".", 1), &x); err == nil {
					return f.SetCellFloat(name, cell, x, -1, 64)
				}
			}
			return f.SetCellStr(name, cell, SafeCellText(v))
		}
		if err := put(1, 1, m.Title+" — "+t.Title, false); err != nil {
			return err
		}
		if err := put(1, 2, "Periode: "+m.Period+". "+m.Scope+". Dicetak oleh "+m.PrintedBy+", "+m.PrintedAt, false); err != nil {
			return err
		}
		for j, h := range t.Heads {
			if err := put(j+1, 4, h, false); err != nil {
				return err
			}
			cn, _ := excelize.ColumnNumberToName(j + 1)
			wd := 12.0
			if j < len(t.Widths) && t.Widths[j] == 0 {
				wd = 40
			}
			if err := f.SetColWidth(name, cn, cn, wd); err != nil {
				return err
			}
		}
		last, _ := excelize.CoordinatesToCellName(len(t.Heads), 4)
		if err := f.SetCellStyle(name, "A4", last, bold); err != nil {
			return err
		}
		for r, row := range t.Rows {
			for j, v := range row {
				if err := put(j+1, r+5, v, j < len(t.Numeric) && t.Numeric[j]); err != nil {
					return err
				}
			}
		}
	}
	return f.Write(w)
}

// sheetName is a valid, unique sheet name (31 characters, no []:*?/\).
func sheetName(title string, i int) string {
	r := strings.NewReplacer("[", "", "]", "", ":", "", "*", "", "?", "", "/", "-", "\\", "-")
	s := r.Replace(title)
	prefix := fmt.Sprintf("%d ", i+1)
	if rs := []rune(s); len(rs) > 31-len(prefix) {
		s = string(rs[:31-len(prefix)])
	}
	return prefix + s
}
