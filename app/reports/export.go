package reports

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/documents"
	"github.com/kemenagjateng/usulan/models"
)

// days formats seconds as days with one decimal and a decimal comma.
func days(s int64) string { return strings.Replace(fmt.Sprintf("%.1f", float64(s)/86400), ".", ",", 1) }

func shortOffice(name string) string { return strings.TrimPrefix(name, "Kantor Kementerian Agama ") }

// mapStatuses are the status columns of the printed map (drafts are never filed).
var mapStatuses = []models.Status{models.StatusSubmitted, models.StatusInReview, models.StatusRevisionRequested,
	models.StatusVerified, models.StatusRejected, models.StatusForwarded, models.StatusCompleted, models.StatusWithdrawn}

// mapDoc is the map as the exports print it, within p's scope.
func (s *Service) mapDoc(ctx context.Context, p access.Principal, f Filter) (documents.ObstacleMapDoc, error) {
	var out documents.ObstacleMapDoc
	m, err := s.Obstacles(ctx, p, f)
	if err != nil {
		return out, err
	}
	var k models.Office
	if err := s.DB.NewSelect().Model(&k).Where("kind = 'kanwil'").Limit(1).Scan(ctx); err != nil {
		return out, err
	}
	now := s.Now().In(models.Jakarta)
	who := p.Name
	if p.NIP != "" {
		who += " (NIP " + p.NIP + ")"
	}
	out = documents.ObstacleMapDoc{
		Kanwil: documents.Office{Code: k.Code, Kind: documents.OfficeKind(k.Kind), Name: k.Name, City: k.City,
			Address: k.Address, Phone: k.Phone, Website: k.Website, Email: k.Email, HeadName: k.HeadName,
			HeadNIP: k.HeadNIP, HeadTitle: k.HeadTitle},
		Title:  "Peta Kendala Usulan",
		Period: f.From.Indonesian() + " s.d. " + f.To.Indonesian(), PrintedBy: who, Date: s.Today(),
		PrintedAt: fmt.Sprintf("%s %02d.%02d WIB", models.DateOf(now).Indonesian(), now.Hour(), now.Minute()),
		Scope:     "Seluruh kantor kabupaten/kota",
	}
	if f.Kind != "" || f.Position != "" {
		var parts []string
		if f.Kind == models.KindJFT {
			parts = append(parts, "jabatan fungsional")
		} else if f.Kind == models.KindStaffing {
			parts = append(parts, "tenaga pendukung")
		}
		if f.Position != "" {
			parts = append(parts, models.Position(f.Position).Label())
		}
		out.Period += " (" + strings.Join(parts, ", ") + ")"
	}
	if p.Regional() && len(m.Offices) == 1 {
		out.Scope = "Angka provinsi dan " + m.Offices[0].Name
	}

	rows := []struct {
		label string
		f     Figures
	}{{"Provinsi", m.Province}}
	for _, o := range m.Offices {
		rows = append(rows, struct {
			label string
			f     Figures
		}{shortOffice(o.Name), o.Figures})
	}

	sum := documents.ReportTable{Title: "Ringkasan per kantor", Heads: []string{"Kantor", "Jumlah"},
		Widths: []float64{0, 15}, Align: []string{"L", "C"}, Numeric: []bool{false, true}}
	for _, st := range mapStatuses {
		sum.Heads, sum.Widths, sum.Align, sum.Numeric = append(sum.Heads, st.Label()), append(sum.Widths, 17), append(sum.Align, "C"), append(sum.Numeric, true)
	}
	sum.Heads = append(sum.Heads, "Pernah dikembalikan", "Ditolak", "Rata-rata pengajuan", "Kendala terbuka")
	sum.Widths = append(sum.Widths, 19, 14, 17, 30)
	sum.Align = append(sum.Align, "C", "C", "C", "L")
	sum.Numeric = append(sum.Numeric, true, true, true, false)
	for _, r := range rows {
		row := []string{r.label, strconv.Itoa(r.f.Total)}
		for _, st := range mapStatuses {
			row = append(row, strconv.Itoa(r.f.ByStatus[st]))
		}
		var obs []string
		for _, c := range Categories {
			if n := r.f.OpenObstacles[c]; n > 0 {
				obs = append(obs, fmt.Sprintf("%s %d", CategoryLabel(c), n))
			}
		}
		row = append(row, strconv.Itoa(r.f.SentBack), strconv.Itoa(r.f.Rejected),
			strings.Replace(fmt.Sprintf("%.2f", r.f.Rounds), ".", ",", 1), strings.Join(obs, ", "))
		sum.Rows = append(sum.Rows, row)
	}

	heat := documents.ReportTable{Title: "Lama menunggu di tiap tahap (hari)", Heads: []string{"Kantor"}, Widths: []float64{0},
		Note: "Tiap sel: median / persentil ke-90 (banyaknya). Dihitung dari riwayat usulan; tahap yang masih berjalan dihitung sampai saat cetak."}
	for _, st := range TimedStates {
		heat.Heads, heat.Widths, heat.Align = append(heat.Heads, st.Label()), append(heat.Widths, 38), append(heat.Align, "C")
	}
	heat.Align = append([]string{"L"}, heat.Align...)
	for _, r := range rows {
		row := []string{r.label}
		for _, st := range TimedStates {
			x := r.f.TimeInState[st]
			if x.Count == 0 {
				row = append(row, "–")
			} else {
				row = append(row, fmt.Sprintf("%s / %s (%d)", days(x.MedianS), days(x.P90S), x.Count))
			}
		}
		heat.Rows = append(heat.Rows, row)
	}

	rs := documents.ReportTable{Title: "Alasan dikembalikan atau ditolak", Heads: []string{"No.", "Butir", "Kode", "Jumlah (provinsi)", "Per kantor"},
		Widths: []float64{10, 70, 45, 25, 0}, Align: []string{"C", "L", "L", "C", "L"}, Numeric: []bool{true, false, false, true, false}}
	for i, r := range m.Reasons {
		var per []string
		for code, n := range r.Offices {
			per = append(per, fmt.Sprintf("%s: %d", code, n))
		}
		sort.Strings(per)
		rs.Rows = append(rs.Rows, []string{strconv.Itoa(i + 1), r.Label, r.Item, strconv.Itoa(r.Count), strings.Join(per, "; ")})
	}

	paths := documents.ReportTable{Title: "Alur yang ditempuh usulan", Heads: []string{"Alur", "Jumlah usulan", "Median lama (hari)"},
		Widths: []float64{0, 28, 32}, Align: []string{"L", "C", "C"}, Numeric: []bool{false, true, true}}
	for _, pa := range m.Paths {
		parts := make([]string, len(pa.States))
		for i, st := range pa.States {
			parts[i] = st.Label()
		}
		paths.Rows = append(paths.Rows, []string{strings.Join(parts, " → "), strconv.Itoa(pa.Count), days(pa.MedianS)})
	}

	old := documents.ReportTable{Title: "Menunggu paling lama", Heads: []string{"Usulan", "Kantor", "Tahap", "Sejak", "Lama (hari)"},
		Widths: []float64{20, 0, 50, 50, 25}, Align: []string{"C", "L", "L", "L", "C"}, Numeric: []bool{true, false, false, false, true}}
	for _, w := range m.Oldest {
		since := w.Since.In(models.Jakarta)
		old.Rows = append(old.Rows, []string{strconv.FormatInt(w.ID, 10), shortOffice(w.OfficeName), w.Status.Label(),
			fmt.Sprintf("%s %02d.%02d WIB", models.DateOf(since).Indonesian(), since.Hour(), since.Minute()), days(w.WaitingS)})
	}
	out.Tables = []documents.ReportTable{sum, heat, rs, paths, old}
	return out, nil
}

// MapPDF prints the map on the Kanwil's letterhead.
func (s *Service) MapPDF(ctx context.Context, p access.Principal, f Filter) ([]byte, error) {
	d, err := s.mapDoc(ctx, p, f)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = documents.RenderObstacleMap(&buf, d)
	return buf.Bytes(), err
}

// MapXLSX writes the map as a spreadsheet, one sheet per table.
func (s *Service) MapXLSX(ctx context.Context, p access.Principal, f Filter) ([]byte, error) {
	d, err := s.mapDoc(ctx, p, f)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = documents.ObstacleMapXLSX(&buf, d)
	return buf.Bytes(), err
}
