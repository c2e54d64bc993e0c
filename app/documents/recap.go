package documents

import (
	"io"
	"strings"
)

// DefaultRecapTitle is the title of a recap that has none.
const DefaultRecapTitle = "REKAPITULASI USULAN"

// RecapTotals sums the counts: per row (in row order), per status column,
// and all together.
func RecapTotals(r Recap) (rows []int, cols []int, all int) {
	cols = make([]int, len(r.Statuses))
	rows = make([]int, len(r.Rows))
	for i, row := range r.Rows {
		for j, n := range row.Counts {
			if j < len(cols) {
				cols[j] += n
				rows[i] += n
			}
		}
		all += rows[i]
	}
	return rows, cols, all
}

// RenderRecap writes the provincial recapitulation (offices × statuses, with
// row and column totals) on landscape pages.
func RenderRecap(w io.Writer, r Recap) error {
	fs := loadedFonts()
	if fs.err != nil {
		return fs.err
	}
	title := strings.TrimSpace(r.Title)
	if title == "" {
		title = DefaultRecapTitle
	}
	d := newDoc(fs, docMeta{title: title, author: r.Kanwil.Name, date: r.Date})
	d.draft = r.Draft
	if r.Draft {
		d.footerNote = "DRAF"
	}
	newPage := func() { d.newPage(landscape, landscapeMargins) }
	d.onBreak = newPage
	newPage()
	d.kop(r.Kanwil)
	d.heading(strings.ToUpper(title), 12)
	if s := strings.TrimSpace(r.Subtitle); s != "" {
		d.heading(strings.ToUpper(s), 11)
	}
	if !r.From.IsZero() || !r.To.IsZero() {
		d.font("", 10)
		d.lines(d.left(), d.contentW(), 5, "Periode "+indonesianDate(r.From)+" s.d. "+indonesianDate(r.To), "C")
	}
	d.skip(4)

	// Column widths: the office name takes what the counts leave.
	const noW, totalW = 9.0, 18.0
	statusW := 20.0
	if n := len(r.Statuses); n > 0 {
		statusW = (d.contentW() - noW - totalW - 70) / float64(n)
		if statusW > 24 {
			statusW = 24
		}
	}
	officeW := d.contentW() - noW - totalW - statusW*float64(len(r.Statuses))
	// "Kantor Kementerian Agama Kabupaten Cilacap" on every row says little
	// more than "Kabupaten Cilacap": move the common prefix to the header.
	officeHead, names := "Kantor", make([]string, len(r.Rows))
	const prefix = "Kantor Kementerian Agama "
	common := len(r.Rows) > 0
	for i, row := range r.Rows {
		names[i] = strings.TrimSpace(row.Office)
		common = common && strings.HasPrefix(names[i], prefix) && len(names[i]) > len(prefix)
	}
	if common {
		officeHead = strings.TrimSpace(prefix)
		for i := range names {
			names[i] = strings.TrimPrefix(names[i], prefix)
		}
	}
	cols := []column{{"No.", noW, "C"}, {officeHead, officeW, "L"}}
	for _, s := range r.Statuses {
		cols = append(cols, column{s, statusW, "C"})
	}
	cols = append(cols, column{"Jumlah", totalW, "C"})
	t := &table{cols: cols, size: 9, headSize: 8.5, lineH: 4.2, padX: 1.3, padY: 1.5, newPage: newPage}

	rowTotals, colTotals, all := RecapTotals(r)
	rows := make([][]cell, 0, len(r.Rows)+1)
	for i, row := range r.Rows {
		c := []cell{txt(itoa(i + 1)), txt(names[i])}
		for j := range r.Statuses {
			n := 0
			if j < len(row.Counts) {
				n = row.Counts[j]
			}
			c = append(c, txt(itoa(n)))
		}
		c = append(c, cell{{text: itoa(rowTotals[i]), bold: true}})
		rows = append(rows, c)
	}
	total := []cell{txt(""), {{text: "JUMLAH", bold: true}}}
	for _, n := range colTotals {
		total = append(total, cell{{text: itoa(n), bold: true}})
	}
	total = append(total, cell{{text: itoa(all), bold: true}})
	rows = append(rows, total)
	d.drawTable(t, rows)

	if !r.Signatory.IsZero() {
		d.skip(6)
		d.signature(r.Signatory, r.Kanwil.place()+", "+indonesianDate(r.Date))
	}
	return d.output(w)
}
