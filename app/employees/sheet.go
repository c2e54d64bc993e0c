package employees

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
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
	// NIP is the row's NIP as written (empty for a file error or a row
	// without one), so every row error says whose row it is.
	NIP string `json:"nip,omitempty"`
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
	var over bool // more than MaxRows data rows: reading stopped
	var err error
	switch strings.ToLower(filepath.Ext(filename)) {
	case ".xlsx", ".xlsm":
		grid, over, err = readXLSX(data)
	case ".csv", ".txt":
		grid, over, err = readCSV(data)
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
			p.Errors = append(p.Errors, CellError{Line: line, Message: tooManyRows})
			over = false // reported
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
		for i := range rowErrs {
			rowErrs[i].NIP = strings.TrimSpace(rec["nip"])
		}
		p.Errors = append(p.Errors, rowErrs...)
		p.Rows = append(p.Rows, Row{Line: line, Candidate: cand, Bad: len(rowErrs) > 0})
	}
	if over {
		// The reader stopped past MaxRows rows that are not blank, some of
		// which had data only in untitled columns.
		last := grid[len(grid)-1]
		p.Errors = append(p.Errors, CellError{Line: last[0].line, Message: tooManyRows})
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

// Bounds on what an upload may make the server read. A spreadsheet packs
// many rows in few bytes (100,000 rows fit in 20 KB of XLSX), so the size of
// the upload alone bounds nothing. Reading stops after MaxRows+1 rows, but
// blank rows before that cost time too, in proportion to their XML, so the
// unpacked size is bounded as well.
const (
	// maxUnzipped bounds an XLSX unpacked (all its parts together); the full
	// template of MaxRows rows is about 2.4 MB.
	maxUnzipped = 16 << 20
	// maxSheetXML is the largest worksheet excelize keeps in memory; a
	// larger one is streamed from a temporary file.
	maxSheetXML = 8 << 20
	// maxSharedStrings bounds the shared-strings part, which excelize
	// decodes whole, at about 25 bytes of memory per byte (MaxRows rows of
	// 30 distinct texts need about 2.5 MB).
	maxSharedStrings = 4 << 20
	// maxCols bounds the columns of a row (the template has about 30).
	maxCols = 256
)

// tooManyRows is the message for a file with more than MaxRows employees.
var tooManyRows = fmt.Sprintf("Berkas berisi terlalu banyak baris: paling banyak %d baris pegawai dalam satu unggahan; pecah berkas menjadi beberapa bagian.", MaxRows)

// rowReader collects a sheet's rows as they are read: the header (the first
// row, even when blank) and at most MaxRows+1 non-blank data rows. Reading
// stops there, so a sheet of a million rows costs what one of MaxRows+1 does.
type rowReader struct {
	grid [][]cell
	data int
	// over: the sheet holds more than MaxRows non-blank data rows; reading
	// stopped at the first row over the limit.
	over bool
}

// add keeps one row (cells in column order) and reports whether to read on.
func (r *rowReader) add(line int, vals []string) (bool, error) {
	n := len(vals)
	for n > 0 && strings.TrimSpace(vals[n-1]) == "" {
		n--
	}
	if n > maxCols {
		return false, apperror.InvalidField("file", fmt.Sprintf(
			"Sel %s%d berisi data di luar %d kolom pertama. Hapus isi kolom itu, atau salin data ke templat.",
			colLetter(n-1), line, maxCols))
	}
	if len(r.grid) > 0 && n == 0 {
		return true, nil // blank data row
	}
	cells := make([]cell, max(n, 1))
	for j := range cells {
		cells[j].line = line
		if j < n {
			cells[j].text = vals[j]
		}
	}
	r.grid = append(r.grid, cells)
	if len(r.grid) == 1 {
		return true, nil // header
	}
	r.data++
	if r.data > MaxRows {
		r.over = true
		return false, nil
	}
	return true, nil
}

// readXLSX reads the data sheet of a workbook with excelize's streaming row
// iterator, stopping after MaxRows+1 data rows.
func readXLSX(data []byte) ([][]cell, bool, error) {
	unreadable := apperror.InvalidField("file", "Berkas XLSX tidak dapat dibuka. Simpan ulang sebagai Excel Workbook (.xlsx) atau CSV.")
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, false, unreadable
	}
	// The sizes the archive declares are enforced while unpacking
	// (archive/zip refuses an entry longer than declared).
	var unzipped uint64
	tooBig := false
	for _, zf := range zr.File {
		unzipped += min(zf.UncompressedSize64, maxUnzipped+1)
		tooBig = tooBig || unzipped > maxUnzipped ||
			strings.EqualFold(partPath(zf.Name), "xl/sharedStrings.xml") && zf.UncompressedSize64 > maxSharedStrings
	}
	if tooBig {
		return nil, false, apperror.InvalidField("file", fmt.Sprintf(
			"Isi berkas XLSX terlalu besar untuk dibaca (paling besar %d MB setelah dibuka). Hapus lembar, gambar dan baris kosong yang tidak perlu, atau pecah berkas menjadi beberapa bagian.",
			maxUnzipped>>20))
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxSheetXML})
	if err != nil {
		return nil, false, unreadable
	}
	defer f.Close()
	list := f.GetSheetList()
	if len(list) == 0 {
		return nil, false, apperror.InvalidField("file", "Berkas XLSX tidak berisi lembar kerja.")
	}
	sheet := list[0]
	for _, name := range list {
		if strings.EqualFold(name, SheetName) {
			sheet = name
		}
	}
	broken := apperror.InvalidField("file", "Lembar "+sheet+" tidak dapat dibaca. Buka berkas di Excel lalu simpan ulang sebagai Excel Workbook (.xlsx), atau unggah CSV.")
	part, err := sheetPart(zr, f.CharsetReader, sheet)
	if err != nil {
		return nil, false, broken
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, false, broken
	}
	defer rows.Close()
	var rr rowReader
	for line := 1; rows.Next(); line++ {
		vals, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, false, broken
		}
		more, err := rr.add(line, vals)
		if err != nil {
			return nil, false, err
		}
		if !more {
			break
		}
	}
	if rows.Error() != nil {
		return nil, false, broken
	}
	if len(rr.grid) > 1 {
		if err := markNumbers(part, f.CharsetReader, rr.grid); err != nil {
			return nil, false, broken
		}
	}
	return rr.grid, rr.over, nil
}

// markNumbers flags the data cells the worksheet stores as numbers (no "t"
// attribute, or t="n"): a NIP typed as a number, which has lost its last
// digits, and an Excel date cell. excelize's row iterator yields values
// only, so the worksheet part is scanned once more, as a stream, up to the
// last row read; rows and cells are numbered as excelize numbers them.
func markNumbers(part *zip.File, charset func(string, io.Reader) (io.Reader, error), grid [][]cell) error {
	rc, err := part.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	d.CharsetReader = charset
	last := grid[len(grid)-1][0].line
	g, row, col := 1, 0, 0 // grid[0] is the header
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "row":
				next := row + 1
				if r, err := strconv.Atoi(xmlAttr(el, "r")); err == nil && r > 0 {
					next = r
				}
				if next <= row {
					// excelize would have put this row's cells in another row.
					return fmt.Errorf("row %d after row %d", next, row)
				}
				if row, col = next, 0; row > last {
					return nil
				}
				for g < len(grid) && grid[g][0].line < row {
					g++
				}
			case "c":
				next := col + 1
				if ref := xmlAttr(el, "r"); ref != "" {
					if c, _, err := excelize.CellNameToCoordinates(ref); err == nil {
						next = c
					}
				}
				if next <= col {
					// excelize would have put this value in another column.
					return fmt.Errorf("cell %d after cell %d of row %d", next, col, row)
				}
				col = next
				if t := xmlAttr(el, "t"); (t == "" || t == "n") && g < len(grid) && grid[g][0].line == row &&
					col <= len(grid[g]) && grid[g][col-1].text != "" {
					grid[g][col-1].number = true
				}
			}
		case xml.EndElement:
			if el.Name.Local == "sheetData" {
				return nil
			}
		}
	}
}

func xmlAttr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// sheetPart finds the worksheet part of the named sheet the way excelize
// does: the package relationships name the workbook, the workbook gives the
// sheet's relationship id, and the workbook's relationships its target.
func sheetPart(zr *zip.Reader, charset func(string, io.Reader) (io.Reader, error), sheet string) (*zip.File, error) {
	type rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	open := func(name string, v any) error {
		zf := zipEntry(zr, name)
		if zf == nil {
			return fmt.Errorf("no part %s", name)
		}
		rc, err := zf.Open()
		if err != nil {
			return err
		}
		defer rc.Close()
		d := xml.NewDecoder(rc)
		d.CharsetReader = charset
		return d.Decode(v)
	}
	wb := "xl/workbook.xml"
	var pkg rels
	if err := open("_rels/.rels", &pkg); err == nil {
		for _, r := range pkg.Rel {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wb = strings.TrimPrefix(partPath(r.Target), "/")
			}
		}
	}
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := open(wb, &book); err != nil {
		return nil, err
	}
	var wbRels rels
	if err := open(path.Join(path.Dir(wb), "_rels", path.Base(wb)+".rels"), &wbRels); err != nil {
		return nil, err
	}
	for _, s := range book.Sheets {
		if !strings.EqualFold(s.Name, sheet) {
			continue
		}
		for _, r := range wbRels.Rel {
			if r.ID != s.RID {
				continue
			}
			target := partPath(r.Target)
			if !strings.HasPrefix(target, "/") {
				target = path.Join(path.Dir(wb), target)
			}
			if zf := zipEntry(zr, strings.TrimPrefix(path.Clean(target), "/")); zf != nil {
				return zf, nil
			}
		}
	}
	return nil, fmt.Errorf("no worksheet %q", sheet)
}

func partPath(p string) string { return strings.ReplaceAll(p, "\\", "/") }

// zipEntry finds a part by name (as excelize, reading "\\" as "/").
func zipEntry(zr *zip.Reader, name string) *zip.File {
	var fold *zip.File
	for _, zf := range zr.File {
		n := partPath(zf.Name)
		if n == name {
			return zf
		}
		if fold == nil && strings.EqualFold(n, name) {
			fold = zf
		}
	}
	return fold
}

// readCSV reads a CSV upload, stopping after MaxRows+1 data rows.
func readCSV(data []byte) ([][]cell, bool, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		return nil, false, apperror.InvalidField("file", "Berkas CSV harus berkodean UTF-8 (di Excel: Simpan Sebagai → CSV UTF-8).")
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
	r.ReuseRecord = true
	var rr rowReader
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, false, apperror.InvalidField("file", fmt.Sprintf("CSV rusak di baris %d: periksa tanda petik (\").", pe.StartLine))
			}
			return nil, false, apperror.InvalidField("file", "CSV tidak dapat dibaca.")
		}
		line, _ := r.FieldPos(0)
		more, err := rr.add(line, rec)
		if err != nil {
			return nil, false, err
		}
		if !more {
			break
		}
	}
	return rr.grid, rr.over, nil
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
