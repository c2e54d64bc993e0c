package employees

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/models"
)

// MaxRows bounds one upload.
const MaxRows = 2000

// SheetName is the data sheet of the template (the first sheet is read when
// a workbook has no sheet of that name).
const SheetName = "Pegawai"

// Row is one data row of an uploaded spreadsheet.
type Row struct {
	Line      int                   `json:"line"` // row number as the spreadsheet shows it
	Candidate eligibility.Candidate `json:"candidate"`
	Bad       bool                  `json:"bad,omitempty"`      // has at least one CellError
	Existing  bool                  `json:"existing,omitempty"` // the NIP is already in the uploader's register (it will be updated)
}

// CellError is one refused cell (or row, or file) of an upload. Line 0 is
// the whole file; Column "" the whole row.
type CellError struct {
	Line    int    `json:"line"`
	Column  string `json:"column"` // spreadsheet column letter, e.g. "C"
	Header  string `json:"header"` // the column's header, e.g. "tanggal_lahir"
	Value   string `json:"value"`
	Message string `json:"message"`
}

// Parsed is an upload read into rows and errors. Nothing is stored.
type Parsed struct {
	Filename string      `json:"filename"`
	NIPCol   string      `json:"nip_column"` // letter of the nip column
	Rows     []Row       `json:"rows"`
	Errors   []CellError `json:"errors"`
}

// BadRows counts the rows with at least one error.
func (p *Parsed) BadRows() int {
	n := 0
	for _, r := range p.Rows {
		if r.Bad {
			n++
		}
	}
	return n
}

// Parse reads an uploaded register spreadsheet: XLSX (the data sheet named
// "Pegawai", or the first sheet) or CSV (UTF-8; comma, semicolon or tab
// separated, detected from the header line). Row 1 is the header, spelled
// as in the template (case, spaces and a trailing "*" do not matter);
// columns "nip" and "nama" are required; "skp_TTTT" columns carry ratings.
// Every cell is read as ParseRecord and Prepare read a form, and each
// refusal becomes a CellError naming the row and column. The error return
// is for a file that cannot be read at all (apperror, field "file").
func Parse(filename string, data []byte) (*Parsed, error) {
	var grid [][]cell
	var err error
	switch strings.ToLower(filepath.Ext(filename)) {
	case ".xlsx", ".xlsm":
		grid, err = readXLSX(data)
	case ".csv", ".txt":
		grid, err = readCSV(data)
	default:
		return nil, apperror.InvalidField("file", "Berkas harus XLSX atau CSV (unduh templat di halaman ini).")
	}
	if err != nil {
		return nil, err
	}
	p := &Parsed{Filename: filepath.Base(filename)}
	if len(grid) == 0 {
		return nil, apperror.InvalidField("file", "Berkas kosong: baris pertama harus judul kolom seperti pada templat.")
	}

	// Header.
	type col struct {
		Column
		letter string
	}
	header := grid[0]
	cols := make([]*col, len(header))
	seen := map[string]string{}
	for j, h := range header {
		letter := colLetter(j)
		key := normalizeHeader(h.text)
		if key == "" || key == "no" || key == "nomor" {
			continue
		}
		c, ok := columnByHeader(key)
		if !ok {
			p.Errors = append(p.Errors, CellError{Line: h.line, Column: letter, Header: h.text, Value: h.text,
				Message: fmt.Sprintf("Kolom %q tidak dikenal. Gunakan judul kolom seperti pada templat.", h.text)})
			continue
		}
		if prev, dup := seen[c.Header]; dup {
			p.Errors = append(p.Errors, CellError{Line: h.line, Column: letter, Header: h.text, Value: h.text,
				Message: fmt.Sprintf("Kolom %s sudah ada di kolom %s.", c.Header, prev)})
			continue
		}
		seen[c.Header] = letter
		cols[j] = &col{Column: c, letter: letter}
	}
	for _, req := range []string{"nip", "nama"} {
		if _, ok := seen[req]; !ok {
			p.Errors = append(p.Errors, CellError{Line: 1, Header: req,
				Message: fmt.Sprintf("Kolom wajib %q tidak ada pada baris judul.", req)})
		}
	}
	if len(p.Errors) > 0 {
		return p, nil
	}

	byField := map[string]*col{}
	for _, c := range cols {
		if c != nil {
			byField[c.Field] = c
		}
	}
	p.NIPCol = byField["nip"].letter
	firstNIP := map[string]int{}
	for _, cells := range grid[1:] {
		rec := Record{}
		line, empty := 0, true
		var rowErrs []CellError
		refused := map[string]bool{} // fields already reported from the cell itself
		for j, c := range cells {
			if line == 0 || c.line < line {
				line = c.line
			}
			if j >= len(cols) || cols[j] == nil {
				if strings.TrimSpace(c.text) != "" && j >= len(cols) {
					rowErrs = append(rowErrs, CellError{Line: c.line, Column: colLetter(j), Value: c.text,
						Message: "Sel berisi data tetapi kolomnya tidak berjudul."})
				}
				continue
			}
			col := cols[j]
			v := strings.TrimSpace(c.text)
			if v != "" {
				empty = false
			}
			switch {
			case col.Field == "nip" && c.number && v != "":
				rowErrs = append(rowErrs, CellError{Line: c.line, Column: col.letter, Header: col.Header, Value: v,
					Message: "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang. Format kolom NIP sebagai Teks lalu ketik ulang NIP."})
				refused[col.Field] = true
			case col.Date && c.number && v != "":
				d, err := excelSerialDate(v)
				if err != nil {
					rowErrs = append(rowErrs, CellError{Line: c.line, Column: col.letter, Header: col.Header, Value: v,
						Message: "Sel tanggal tidak dapat dibaca."})
					refused[col.Field] = true
				} else {
					v = d.String()
				}
			}
			rec[col.Field] = v
		}
		if empty {
			continue
		}
		if len(p.Rows) >= MaxRows {
			p.Errors = append(p.Errors, CellError{Line: line,
				Message: fmt.Sprintf("Paling banyak %d baris pegawai dalam satu unggahan; pecah berkas menjadi beberapa bagian.", MaxRows)})
			break
		}
		cand, ferrs := ParseRecord(rec)
		if len(ferrs) == 0 {
			if err := Prepare(&cand); err != nil {
				if e, ok := apperror.As(err); ok {
					ferrs = e.Fields
				}
			}
		}
		for field, msg := range ferrs {
			if refused[field] {
				continue
			}
			ce := CellError{Line: line, Value: rec[field], Message: msg}
			if c := byField[field]; c != nil {
				ce.Column, ce.Header = c.letter, c.Header
			}
			rowErrs = append(rowErrs, ce)
		}
		if len(rowErrs) == 0 && len(refused) == 0 {
			if prev, dup := firstNIP[cand.NIP]; dup {
				c := byField["nip"]
				rowErrs = append(rowErrs, CellError{Line: line, Column: c.letter, Header: c.Header, Value: cand.NIP,
					Message: fmt.Sprintf("NIP sama dengan baris %d.", prev)})
			} else {
				firstNIP[cand.NIP] = line
			}
		}
		sortCellErrors(rowErrs)
		p.Errors = append(p.Errors, rowErrs...)
		p.Rows = append(p.Rows, Row{Line: line, Candidate: cand, Bad: len(rowErrs) > 0})
	}
	if len(p.Rows) == 0 && len(p.Errors) == 0 {
		p.Errors = append(p.Errors, CellError{Line: 2, Message: "Tidak ada baris pegawai di bawah baris judul."})
	}
	return p, nil
}

// markBad flags the rows that have errors (after errors were added later).
func (p *Parsed) markBad() {
	bad := map[int]bool{}
	for _, e := range p.Errors {
		bad[e.Line] = true
	}
	for i := range p.Rows {
		p.Rows[i].Bad = bad[p.Rows[i].Line]
	}
}

func sortCellErrors(es []CellError) {
	// Column order within a row, so the list reads left to right.
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && colKey(es[j].Column) < colKey(es[j-1].Column); j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

func colKey(letter string) int {
	n := 0
	for _, r := range letter {
		n = n*26 + int(r-'A'+1)
	}
	return n
}

// cell is one spreadsheet cell as text, with its row number and whether the
// spreadsheet stored it as a number (an XLSX numeric or date cell).
type cell struct {
	text   string
	line   int
	number bool
}

func readXLSX(data []byte) ([][]cell, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, apperror.InvalidField("file", "Berkas XLSX tidak dapat dibuka. Simpan ulang sebagai Excel Workbook (.xlsx) atau CSV.")
	}
	defer f.Close()
	sheet := ""
	for _, name := range f.GetSheetList() {
		if strings.EqualFold(name, SheetName) {
			sheet = name
		}
	}
	if sheet == "" {
		list := f.GetSheetList()
		if len(list) == 0 {
			return nil, apperror.InvalidField("file", "Berkas XLSX tidak berisi lembar kerja.")
		}
		sheet = list[0]
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, apperror.InvalidField("file", "Lembar "+sheet+" tidak dapat dibaca.")
	}
	if len(rows) > MaxRows+50 {
		rows = rows[:MaxRows+50] // enough to report "too many rows" without reading a huge sheet
	}
	grid := make([][]cell, 0, len(rows))
	for i, r := range rows {
		cells := make([]cell, len(r))
		for j, v := range r {
			cells[j] = cell{text: v, line: i + 1}
			if v != "" && i > 0 {
				name, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if t, err := f.GetCellType(sheet, name); err == nil && (t == excelize.CellTypeNumber || t == excelize.CellTypeUnset) {
					cells[j].number = true
				}
			}
		}
		if len(cells) == 0 {
			cells = []cell{{line: i + 1}}
		}
		grid = append(grid, cells)
	}
	return grid, nil
}

func readCSV(data []byte) ([][]cell, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		return nil, apperror.InvalidField("file", "Berkas CSV harus berkodean UTF-8 (di Excel: Simpan Sebagai → CSV UTF-8).")
	}
	first := data
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		first = data[:i]
	}
	sep := ','
	if n := bytes.Count(first, []byte(";")); n > bytes.Count(first, []byte(",")) {
		sep = ';'
	}
	if n := bytes.Count(first, []byte("\t")); n > bytes.Count(first, []byte(string(sep))) {
		sep = '\t'
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sep
	r.FieldsPerRecord = -1
	var grid [][]cell
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, apperror.InvalidField("file", fmt.Sprintf("CSV rusak di baris %d: periksa tanda petik (\").", pe.StartLine))
			}
			return nil, apperror.InvalidField("file", "CSV tidak dapat dibaca.")
		}
		line, _ := r.FieldPos(0)
		cells := make([]cell, len(rec))
		for j, v := range rec {
			cells[j] = cell{text: v, line: line}
		}
		grid = append(grid, cells)
		if len(grid) > MaxRows+50 {
			break
		}
	}
	return grid, nil
}

// excelSerialDate reads an Excel date serial ("33678") as a calendar date.
func excelSerialDate(v string) (models.Date, error) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 1 || f > 2958465 {
		return models.Date{}, fmt.Errorf("bukan tanggal")
	}
	t, err := excelize.ExcelDateToTime(f, false)
	if err != nil {
		return models.Date{}, err
	}
	return models.DateOf(t), nil
}

func colLetter(j int) string {
	s, _ := excelize.ColumnNumberToName(j + 1)
	return s
}
