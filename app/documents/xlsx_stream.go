package documents

import (
	"archive/zip"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/kemenagjateng/usulan/models"
)

// ProposalListWriter writes a list of proposals as a spreadsheet one row at a
// time through excelize's stream writer, so an export of 100,000 proposals
// holds one row in memory, not the list (rows past excelize's 16 MB chunk go
// to a temporary file). Column widths are fixed, since they must be set
// before the first row.
type ProposalListWriter struct {
	f      *excelize.File
	sw     *excelize.StreamWriter
	row    int
	styles struct{ text, num, dateTime int }
}

var proposalListCols = []struct {
	head  string
	width float64
}{
	{"Nomor/ID", 10}, {"Kantor", 46}, {"Jenis", 19}, {"Jabatan/Judul", 36}, {"Jenjang", 14},
	{"Jalur", 24}, {"Status", 22}, {"Nomor Surat", 34}, {"Jumlah Calon", 10}, {"Dibuat", 18}, {"Diperbarui", 18},
}

// NewProposalListWriter starts a proposal list spreadsheet: header row bold
// and frozen, identifiers as text, times in Asia/Jakarta.
func NewProposalListWriter() (*ProposalListWriter, error) {
	w := &ProposalListWriter{f: excelize.NewFile()}
	fail := func(err error) (*ProposalListWriter, error) {
		w.f.Close()
		return nil, err
	}
	const sheet = "Daftar Usulan"
	if err := w.f.SetSheetName("Sheet1", sheet); err != nil {
		return fail(err)
	}
	fixed := "2000-01-01T00:00:00Z" // no wall clock in the file
	if err := w.f.SetDocProps(&excelize.DocProperties{Creator: "Usulan", Language: "id-ID", Created: fixed, Modified: fixed}); err != nil {
		return fail(err)
	}
	textFmt, dateTimeFmt := "@", XLSXDateTimeFormat
	top := &excelize.Alignment{Vertical: "top"}
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = w.f.NewStyle(s)
		return id
	}
	border := []excelize.Border{
		{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1},
	}
	head := mk(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Color: []string{"E4E8EC"}, Pattern: 1},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    border, CustomNumFmt: &textFmt,
	})
	w.styles.text = mk(&excelize.Style{CustomNumFmt: &textFmt, Alignment: top})
	w.styles.num = mk(&excelize.Style{NumFmt: 1, Alignment: top})
	w.styles.dateTime = mk(&excelize.Style{CustomNumFmt: &dateTimeFmt, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}})
	if err != nil {
		return fail(err)
	}
	if w.sw, err = w.f.NewStreamWriter(sheet); err != nil {
		return fail(err)
	}
	for j, c := range proposalListCols {
		if err := w.sw.SetColWidth(j+1, j+1, c.width); err != nil {
			return fail(err)
		}
	}
	if err := w.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fail(err)
	}
	cells := make([]interface{}, len(proposalListCols))
	for j, c := range proposalListCols {
		cells[j] = excelize.Cell{StyleID: head, Value: c.head}
	}
	if err := w.sw.SetRow("A1", cells); err != nil {
		return fail(err)
	}
	w.row = 1
	return w, nil
}

// Add writes one proposal as the next row.
func (w *ProposalListWriter) Add(r ProposalListRow) error {
	w.row++
	text := func(s string) excelize.Cell { return excelize.Cell{StyleID: w.styles.text, Value: SafeCellText(s)} }
	when := func(t time.Time) interface{} {
		if t.IsZero() {
			return nil
		}
		local := t.In(models.Jakarta)
		wall := time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), local.Minute(), 0, 0, time.UTC)
		return excelize.Cell{StyleID: w.styles.dateTime, Value: wall}
	}
	cell, _ := excelize.CoordinatesToCellName(1, w.row)
	return w.sw.SetRow(cell, []interface{}{
		text(r.ID), text(r.Office), text(r.Kind), text(r.Title), text(r.Level), text(r.Route),
		text(r.Status), text(r.LetterNumber), excelize.Cell{StyleID: w.styles.num, Value: r.Candidates},
		when(r.CreatedAt), when(r.UpdatedAt),
	})
}

// Rows is how many proposals were written.
func (w *ProposalListWriter) Rows() int { return w.row - 1 }

// Finish writes the workbook to out and releases the writer. The zip is
// written straight to out as it is built: excelize's WriteTo assembles the
// whole archive in a bytes.Buffer first, so its zip writer is pointed at out
// instead (the buffer it is handed stays empty), and memory does not grow
// with the rows (the sheet itself is kept by the stream writer in a
// temporary file past 16 MB).
func (w *ProposalListWriter) Finish(out io.Writer) error {
	defer w.f.Close()
	if err := w.sw.Flush(); err != nil {
		return err
	}
	w.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(out) })
	_, err := w.f.WriteTo(out)
	return err
}

// Close releases the writer without writing (after an error).
func (w *ProposalListWriter) Close() error { return w.f.Close() }
