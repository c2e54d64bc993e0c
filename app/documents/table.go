package documents

import "strings"

// column is one column of a table.
type column struct {
	title string
	width float64 // millimetres
	align string  // "L", "C" or "R" for the body cells
}

// span is a paragraph inside a cell.
type span struct {
	text  string
	bold  bool
	color tone
}

// tone is a text colour for a table cell.
type tone int

const (
	toneBlack tone = iota
	toneGreen
	toneRed
	toneAmber
	toneGrey
)

func (d *doc) setTone(t tone) {
	switch t {
	case toneGreen:
		d.pdf.SetTextColor(20, 110, 40)
	case toneRed:
		d.pdf.SetTextColor(180, 20, 20)
	case toneAmber:
		d.pdf.SetTextColor(150, 90, 0)
	case toneGrey:
		d.pdf.SetTextColor(90, 90, 90)
	default:
		d.pdf.SetTextColor(0, 0, 0)
	}
}

// cell is the content of one table cell: paragraphs, each wrapped to the
// column width.
type cell []span

// txt is a cell of one plain paragraph.
func txt(s string) cell { return cell{{text: s}} }

// table describes how a table is drawn.
type table struct {
	cols     []column
	size     float64 // body font size (points)
	headSize float64 // header font size (points)
	lineH    float64 // line height (mm)
	padX     float64
	padY     float64
	// newPage starts the next page when a row does not fit; the header is
	// then drawn again at the top of the new page.
	newPage func()
	// keepWithLast is the height (mm) of what follows the table and must stay
	// on the page of its last row (a signature block): when it would not fit,
	// the last row moves to the next page with it.
	keepWithLast float64
}

// laid is a cell after line breaking.
type laid struct {
	lines []string
	bold  []bool
	tones []tone
}

func (d *doc) layCell(c cell, w float64, size float64) laid {
	var l laid
	for _, sp := range c {
		style := ""
		if sp.bold {
			style = "B"
		}
		d.font(style, size)
		for _, line := range d.wrap(sp.text, w) {
			l.lines = append(l.lines, line)
			l.bold = append(l.bold, sp.bold)
			l.tones = append(l.tones, sp.color)
		}
	}
	return l
}

// headSizeFor is the header font size of a column: the table's header size,
// made smaller (down to 6 pt) until every word of the title fits the column,
// so a header never breaks inside a word.
func (d *doc) headSizeFor(t *table, c column) float64 {
	size := t.headSize
	for size > 6 {
		d.font("B", size)
		fits := true
		for _, word := range strings.Fields(c.title) {
			if d.width(word) > c.width-2*t.padX {
				fits = false
				break
			}
		}
		if fits {
			break
		}
		size -= 0.25
	}
	return size
}

// layHeader lays out the header cells and returns them with the row height.
func (d *doc) layHeader(t *table) ([]laid, []float64, float64) {
	cells := make([]laid, len(t.cols))
	sizes := make([]float64, len(t.cols))
	maxLines := 1
	for i, c := range t.cols {
		sizes[i] = d.headSizeFor(t, c)
		cells[i] = d.layCell(cell{{text: c.title, bold: true}}, c.width-2*t.padX, sizes[i])
		if n := len(cells[i].lines); n > maxLines {
			maxLines = n
		}
	}
	return cells, sizes, float64(maxLines)*t.lineH + 2*t.padY
}

// tableHeader draws the header row at the current y.
func (d *doc) tableHeader(t *table) {
	x, y := d.left(), d.y()
	cells, sizes, h := d.layHeader(t)
	d.pdf.SetFillColor(228, 232, 236)
	d.pdf.SetLineWidth(0.2)
	for i, c := range t.cols {
		d.pdf.Rect(x, y, c.width, h, "FD")
		d.font("B", sizes[i])
		// centre the header text vertically
		off := (h - float64(len(cells[i].lines))*t.lineH) / 2
		for j, line := range cells[i].lines {
			d.text(x+t.padX, y+off+float64(j)*t.lineH, c.width-2*t.padX, t.lineH, line, "C")
		}
		x += c.width
	}
	d.setY(y + h)
}

// headerHeight is the height of the header row.
func (d *doc) headerHeight(t *table) float64 {
	_, _, h := d.layHeader(t)
	return h
}

// drawTable draws the header and rows. A row is never split: when it does
// not fit, a new page is started and the header repeated; the header is
// never left alone at the foot of a page.
func (d *doc) drawTable(t *table, rows [][]cell) {
	headH := d.headerHeight(t)
	first := true
	for ri, row := range rows {
		cells := make([]laid, len(t.cols))
		maxLines := 1
		for i, c := range t.cols {
			if i < len(row) {
				cells[i] = d.layCell(row[i], c.width-2*t.padX, t.size)
			}
			if n := len(cells[i].lines); n > maxLines {
				maxLines = n
			}
		}
		h := float64(maxLines)*t.lineH + 2*t.padY
		need := h
		if first {
			need += headH
		}
		if ri == len(rows)-1 && !first && d.y()+need+t.keepWithLast > d.bottom() {
			need += t.keepWithLast
		}
		if d.y()+need > d.bottom() {
			t.newPage()
			first = true
		}
		if first {
			d.tableHeader(t)
			first = false
		}
		x, y := d.left(), d.y()
		d.pdf.SetLineWidth(0.2)
		for i, c := range t.cols {
			d.pdf.Rect(x, y, c.width, h, "D")
			for j, line := range cells[i].lines {
				style := ""
				if cells[i].bold[j] {
					style = "B"
				}
				d.font(style, t.size)
				if cells[i].tones[j] != toneBlack {
					d.setTone(cells[i].tones[j])
				}
				d.text(x+t.padX, y+t.padY+float64(j)*t.lineH, c.width-2*t.padX, t.lineH, line, c.align)
				if cells[i].tones[j] != toneBlack {
					d.setTone(toneBlack)
				}
			}
			x += c.width
		}
		d.setY(y + h)
	}
	if first && len(rows) == 0 {
		if d.y()+headH > d.bottom() {
			t.newPage()
		}
		d.tableHeader(t)
	}
}

// joinNonEmpty joins the non-empty parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if s := strings.TrimSpace(p); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}
