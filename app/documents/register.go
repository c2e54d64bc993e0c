package documents

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// RegisterColumn is one column of the employee register spreadsheet.
type RegisterColumn struct {
	Header   string // as the parser expects it, e.g. "tanggal_lahir"
	Label    string // Indonesian description
	Help     string // what to write
	Example  string
	Required bool
}

// RegisterXLSX writes the employee register spreadsheet: a sheet "Pegawai"
// with the header row and rows (every cell text, every column formatted as
// text so a typed NIP stays 18 digits) and a sheet "Petunjuk" documenting
// each column with an example. With no rows it is the upload template; with
// the register's rows it is an export that can be uploaded back.
func RegisterXLSX(w io.Writer, cols []RegisterColumn, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	const data, help = "Pegawai", "Petunjuk"
	if err := f.SetSheetName("Sheet1", data); err != nil {
		return err
	}
	if _, err := f.NewSheet(help); err != nil {
		return err
	}
	fixed := "2000-01-01T00:00:00Z"
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "Usulan", Title: "Daftar pegawai", Language: "id-ID",
		Created: fixed, Modified: fixed}); err != nil {
		return err
	}
	textFmt := "@"
	text, err := f.NewStyle(&excelize.Style{CustomNumFmt: &textFmt})
	if err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{CustomNumFmt: &textFmt, Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Color: []string{"E4E8EC"}, Pattern: 1}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{CustomNumFmt: &textFmt, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}

	// Data sheet: columns styled as text before anything is written.
	for j, c := range cols {
		name, _ := excelize.ColumnNumberToName(j + 1)
		if err := f.SetColStyle(data, name, text); err != nil {
			return err
		}
		width := float64(max(len(c.Header), len(c.Example), 8)) + 2
		for _, r := range rows {
			if j < len(r) {
				width = max(width, float64(min(len(r[j]), 50))+2)
			}
		}
		if err := f.SetColWidth(data, name, name, width); err != nil {
			return err
		}
		if err := f.SetCellStr(data, name+"1", c.Header); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(cols), 1)
	if err := f.SetCellStyle(data, "A1", last, head); err != nil {
		return err
	}
	for i, r := range rows {
		for j := range cols {
			if j >= len(r) || r[j] == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
			if err := f.SetCellStr(data, cell, SafeCellText(r[j])); err != nil {
				return err
			}
		}
	}
	if err := f.SetPanes(data, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}

	// Help sheet.
	for j, h := range []string{"Kolom", "Wajib", "Keterangan", "Isi", "Contoh"} {
		cell, _ := excelize.CoordinatesToCellName(j+1, 1)
		if err := f.SetCellStr(help, cell, h); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(help, "A1", "E1", head); err != nil {
		return err
	}
	for i, c := range cols {
		req := ""
		if c.Required {
			req = "wajib"
		}
		for j, v := range []string{c.Header, req, c.Label, c.Help, c.Example} {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
			if err := f.SetCellStr(help, cell, SafeCellText(v)); err != nil {
				return err
			}
		}
	}
	end, _ := excelize.CoordinatesToCellName(5, len(cols)+1)
	if err := f.SetCellStyle(help, "A2", end, wrap); err != nil {
		return err
	}
	for col, wd := range map[string]float64{"A": 30, "B": 8, "C": 34, "D": 60, "E": 24} {
		if err := f.SetColWidth(help, col, col, wd); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// EligibilityRow is one line of a batch eligibility result.
type EligibilityRow struct {
	NIP, Name, Position, Level, Route string
	Result                            string // "Memenuhi syarat" / "Kurang satu syarat"
	Gap                               string // the rule still open, if any
	Detail                            string // its explanation
	Source                            string // "baris 7" for an upload, "" for the register
}

// EligibilityXLSX writes the batch check result ("who can be proposed
// now?"): one row per employee × position × level × route, NIP as text.
func EligibilityXLSX(w io.Writer, title string, rows []EligibilityRow) error {
	cols := []xcol{
		{"No.", xInt}, {"NIP", xText}, {"Nama", xText}, {"Jabatan", xText}, {"Jenjang", xText}, {"Jalur", xText},
		{"Hasil", xText}, {"Syarat yang belum", xText}, {"Keterangan", xText}, {"Sumber", xText},
	}
	data := make([][]xvalue, len(rows))
	for i, r := range rows {
		data[i] = []xvalue{{n: i + 1}, {s: r.NIP}, {s: r.Name}, {s: r.Position}, {s: r.Level}, {s: r.Route},
			{s: r.Result}, {s: r.Gap}, {s: r.Detail}, {s: r.Source}}
	}
	return writeSheet(w, "Hasil Cek Syarat", title, cols, data)
}
