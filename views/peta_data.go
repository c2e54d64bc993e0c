package views

import (
	"fmt"
	"math"
	"net/url"
	"sort"
	"strings"

	"github.com/kemenagjateng/usulan/app/reports"
	"github.com/kemenagjateng/usulan/models"
)

// PetaData is the obstacle map page (/peta): the filter as typed, the map
// and its charts, and the pictures' geometry computed from them.
type PetaData struct {
	From, To, Kind, Position string
	Error                    string
	Map                      *reports.Map
	Charts                   *reports.Charts
	Regional                 bool
}

// ListURL is the proposal list of the map's proposals (filed in the
// period, of its kind and position) narrowed by key=value pairs, e.g.
// "reason", "doc:skp" or "path", "submitted>in_review>verified".
func (d PetaData) ListURL(kv ...string) string {
	v := url.Values{}
	v.Set("filed_from", d.From)
	v.Set("filed_to", d.To)
	if d.Kind != "" {
		v.Set("kind", d.Kind)
	}
	if d.Position != "" {
		v.Set("position", d.Position)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return "/proposals?" + v.Encode()
}

// PathKey is a path's states as the proposal list's path filter takes them.
func PathKey(states []models.Status) string {
	parts := make([]string, len(states))
	for i, s := range states {
		parts[i] = string(s)
	}
	return strings.Join(parts, ">")
}

// Query is the filter as a query string (for export and drill-down links).
func (d PetaData) Query() string {
	v := url.Values{}
	v.Set("from", d.From)
	v.Set("to", d.To)
	if d.Kind != "" {
		v.Set("kind", d.Kind)
	}
	if d.Position != "" {
		v.Set("position", d.Position)
	}
	return v.Encode()
}

// Days formats seconds as days with one decimal ("2,5").
func Days(s int64) string {
	return strings.Replace(fmt.Sprintf("%.1f", float64(s)/86400), ".", ",", 1)
}

// Dec formats a number with a decimal comma.
func Dec(x float64) string { return strings.Replace(fmt.Sprintf("%.2f", x), ".", ",", 1) }

// ListURL is the proposal list filtered to an office and a status.
func ListURL(office string, st models.Status) string {
	v := url.Values{}
	if office != "" {
		v.Set("office", office)
	}
	if st != "" {
		v.Set("status", string(st))
	}
	return "/proposals?" + v.Encode()
}

// ShortOffice drops "Kantor Kementerian Agama " from an office name.
func ShortOffice(name string) string { return strings.TrimPrefix(name, "Kantor Kementerian Agama ") }

// ObstacleCategories are the obstacle report categories in display order.
var ObstacleCategories = []string{"sdm", "anggaran", "sarana", "konten", "lainnya"}

// HeatCell is one cell of the office × state picture.
type HeatCell struct {
	X, Y, W, H string
	TX, TY     string
	Fill, Ink  string
	Text, Href string
	Title      string
}

// HeatRow is one row (an office or the province).
type HeatRow struct {
	Label, LY string
	Cells     []HeatCell
}

// Heat is the office × state heat table of median waiting days.
type Heat struct {
	Width, Height string
	Heads         []HeatCell
	Rows          []HeatRow
}

const heatLabelW, heatCellW, heatRowH = 190.0, 124.0, 24.0

func ff(x float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", x), "0"), ".")
}

// heatColor shades from pale (short waits) to deep red (long waits),
// relative to the longest median shown.
func heatColor(v, max float64) (fill, ink string) {
	if v <= 0 || max <= 0 {
		return "#f3f5f4", "#5d6762"
	}
	t := math.Min(1, v/max)
	r := int(255 - t*(255-163))
	g := int(244 - t*(244-35))
	b := int(214 - t*(214-27))
	ink = "#1d2421"
	if t > 0.55 {
		ink = "#ffffff"
	}
	return fmt.Sprintf("#%02x%02x%02x", r, g, b), ink
}

// HeatOf lays out the heat table: the province first, then each office row.
func HeatOf(m *reports.Map) Heat {
	states := reports.TimedStates
	var max float64
	figs := []struct {
		code, label string
		f           reports.Figures
	}{{"", "Provinsi (seluruh kantor)", m.Province}}
	for _, o := range m.Offices {
		figs = append(figs, struct {
			code, label string
			f           reports.Figures
		}{o.Office, ShortOffice(o.Name), o.Figures})
	}
	for _, x := range figs {
		for _, st := range states {
			max = math.Max(max, float64(x.f.TimeInState[st].MedianS))
		}
	}
	h := Heat{Width: ff(heatLabelW + heatCellW*float64(len(states))), Height: ff(heatRowH * float64(len(figs)+2))}
	for i, st := range states {
		x := heatLabelW + heatCellW*float64(i)
		h.Heads = append(h.Heads, HeatCell{X: ff(x), TX: ff(x + heatCellW/2), TY: ff(heatRowH * 1.3), Text: st.Label()})
	}
	for r, x := range figs {
		y := heatRowH * float64(r+2)
		row := HeatRow{Label: x.label, LY: ff(y + heatRowH*0.68)}
		for i, st := range states {
			s := x.f.TimeInState[st]
			cx := heatLabelW + heatCellW*float64(i)
			fill, ink := heatColor(float64(s.MedianS), max)
			c := HeatCell{X: ff(cx + 1), Y: ff(y + 1), W: ff(heatCellW - 2), H: ff(heatRowH - 2), TX: ff(cx + heatCellW/2),
				TY: ff(y + heatRowH*0.68), Fill: fill, Ink: ink, Text: "–"}
			if s.Count > 0 {
				c.Text = Days(s.MedianS)
				c.Title = fmt.Sprintf("%s, %s: median %s hari, p90 %s hari, %d kali", x.label, st.Label(), Days(s.MedianS),
					Days(s.P90S), s.Count)
				c.Href = ListURL(x.code, st)
			}
			row.Cells = append(row.Cells, c)
		}
		h.Rows = append(h.Rows, row)
	}
	return h
}

// Bar is one horizontal bar with its label.
type Bar struct {
	Label, Value, Href, Title string
	Y, TY, W, VX              string
	Own                       string // the caller's own office's share (regency), as a width
}

// Bars is a horizontal bar chart.
type Bars struct {
	Width, Height, LabelW string
	Rows                  []Bar
}

// ReasonBars draws the top reasons (at most n); for a regency user the
// darker part is its own office's count.
func ReasonBars(m *reports.Map, n int, ownCode string) Bars {
	rs := m.Reasons
	if len(rs) > n {
		rs = rs[:n]
	}
	const labelW, barW, rowH = 260.0, 320.0, 26.0
	extra := 60.0
	if ownCode != "" {
		extra = 190
	}
	b := Bars{Width: ff(labelW + barW + extra), Height: ff(rowH*float64(len(rs)) + 4), LabelW: ff(labelW)}
	max := 1
	for _, r := range rs {
		if r.Count > max {
			max = r.Count
		}
	}
	for i, r := range rs {
		y := rowH * float64(i)
		w := barW * float64(r.Count) / float64(max)
		label := r.Label
		if rs := []rune(label); len(rs) > 36 {
			label = string(rs[:35]) + "…"
		}
		bar := Bar{Label: label, Value: Itoa(r.Count), Y: ff(y + 4), TY: ff(y + rowH*0.65), W: ff(w),
			VX: ff(labelW + w + 6), Title: fmt.Sprintf("%s (%s): %d", r.Label, r.Item, r.Count)}
		if ownCode != "" {
			own := r.Offices[ownCode]
			bar.Own = ff(barW * float64(own) / float64(max))
			bar.Value = fmt.Sprintf("%d (kantor Anda %d)", r.Count, own)
		}
		b.Rows = append(b.Rows, bar)
	}
	return b
}

// TrendBar is one month's pair of bars.
type TrendBar struct {
	Label, LX                  string
	FX, FY, FH, DX, DY, DH, BW string
	Title                      string
}

// Trend is the filed/decided per month picture.
type Trend struct {
	Width, Height, Base string
	Max, MaxY           string
	Months              []TrendBar
}

// TrendOf lays out the monthly bars.
func TrendOf(c *reports.Charts) Trend {
	const colW, plotH, top = 52.0, 160.0, 16.0
	t := Trend{Width: ff(40 + colW*float64(len(c.Trend))), Height: ff(top + plotH + 34), Base: ff(top + plotH), MaxY: ff(top)}
	max := 1
	for _, m := range c.Trend {
		max = int(math.Max(float64(max), math.Max(float64(m.Filed), float64(m.Decided))))
	}
	t.Max = Itoa(max)
	for i, m := range c.Trend {
		x := 40 + colW*float64(i)
		fh := plotH * float64(m.Filed) / float64(max)
		dh := plotH * float64(m.Decided) / float64(max)
		mo, _ := models.ParseDate(m.Month + "-01")
		t.Months = append(t.Months, TrendBar{Label: shortMonth(mo), LX: ff(x + colW/2),
			FX: ff(x + 6), FY: ff(top + plotH - fh), FH: ff(fh), DX: ff(x + colW/2), DY: ff(top + plotH - dh), DH: ff(dh),
			BW: ff(colW/2 - 6), Title: fmt.Sprintf("%s: %d diajukan, %d diputus", m.Month, m.Filed, m.Decided)})
	}
	return t
}

var monthsShort = []string{"Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"}

func shortMonth(d models.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%s %02d", monthsShort[d.Month-1], d.Year%100)
}

// FlowBand is one state's band of the cumulative flow.
type FlowBand struct {
	State  models.Status
	Label  string
	Points string
	Fill   string
	LY     string
}

// Flow is the cumulative flow diagram.
type Flow struct {
	Width, Height, PlotW, Base string
	Max                        string
	Bands                      []FlowBand
	Ticks                      []TrendBar
}

var flowColors = map[models.Status]string{
	models.StatusCompleted: "#0b6b3a", models.StatusRejected: "#a3231b", models.StatusWithdrawn: "#9aa39f",
	models.StatusForwarded: "#4f9a6c", models.StatusVerified: "#9ccfae", models.StatusInReview: "#1f4e8c",
	models.StatusRevisionRequested: "#e0a82e", models.StatusSubmitted: "#8fb1de",
}

// FlowOf stacks the weekly counts in FlowStates order.
func FlowOf(c *reports.Charts) Flow {
	const plotW, plotH, top, left = 640.0, 200.0, 10.0, 40.0
	f := Flow{Width: ff(left + plotW + 150), Height: ff(top + plotH + 30), PlotW: ff(plotW), Base: ff(top + plotH)}
	n := len(c.Flow)
	if n == 0 {
		return f
	}
	max := 1
	for _, w := range c.Flow {
		s := 0
		for _, st := range reports.FlowStates {
			s += w.Counts[st]
		}
		if s > max {
			max = s
		}
	}
	f.Max = Itoa(max)
	x := func(i int) float64 {
		if n == 1 {
			return left
		}
		return left + plotW*float64(i)/float64(n-1)
	}
	y := func(v int) float64 { return top + plotH - plotH*float64(v)/float64(max) }
	below := make([]int, n)
	for _, st := range reports.FlowStates {
		var upper, lower []string
		for i, w := range c.Flow {
			lower = append(lower, ff(x(i))+","+ff(y(below[i])))
			below[i] += w.Counts[st]
			upper = append(upper, ff(x(i))+","+ff(y(below[i])))
		}
		for i, j := 0, len(lower)-1; i < j; i, j = i+1, j-1 {
			lower[i], lower[j] = lower[j], lower[i]
		}
		band := FlowBand{State: st, Label: st.Label(), Points: strings.Join(append(upper, lower...), " "), Fill: flowColors[st]}
		f.Bands = append(f.Bands, band)
	}
	// Legend, top state first.
	for i := range f.Bands {
		f.Bands[i].LY = ff(top + 12 + 18*float64(len(f.Bands)-1-i))
	}
	step := int(math.Max(1, math.Ceil(float64(n)/8)))
	for i := 0; i < n; i += step {
		f.Ticks = append(f.Ticks, TrendBar{LX: ff(x(i)), Label: fmt.Sprintf("%d %s", c.Flow[i].Start.Day, monthsShort[c.Flow[i].Start.Month-1])})
	}
	return f
}

// PathLabel writes a path as "Diajukan → Sedang diverifikasi → …".
func PathLabel(st []models.Status) string {
	parts := make([]string, len(st))
	for i, s := range st {
		parts[i] = s.Label()
	}
	return strings.Join(parts, " → ")
}

var petaStatuses = []models.Status{models.StatusSubmitted, models.StatusInReview, models.StatusRevisionRequested,
	models.StatusVerified, models.StatusRejected, models.StatusForwarded, models.StatusCompleted, models.StatusWithdrawn}

func ownCode(d PetaData) string {
	if d.Regional && len(d.Map.Offices) == 1 {
		return d.Map.Offices[0].Office
	}
	return ""
}

func sumMap(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// reasonOffices lists the offices counting a reason most (at most 5), by name.
func reasonOffices(r reports.Reason, m *reports.Map) string {
	names := map[string]string{}
	for _, o := range m.Offices {
		names[o.Office] = ShortOffice(o.Name)
	}
	type oc struct {
		code string
		n    int
	}
	var l []oc
	for code, n := range r.Offices {
		l = append(l, oc{code, n})
	}
	sort.Slice(l, func(i, j int) bool { return l[i].n > l[j].n || (l[i].n == l[j].n && l[i].code < l[j].code) })
	var parts []string
	for i, x := range l {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("dan %d kantor lain", len(l)-5))
			break
		}
		name := names[x.code]
		if name == "" {
			name = x.code
		}
		parts = append(parts, fmt.Sprintf("%s %d", name, x.n))
	}
	return strings.Join(parts, ", ")
}

func obstacleSummary(m map[string]int) string {
	var parts []string
	for _, c := range ObstacleCategories {
		if m[c] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", reports.CategoryLabel(c), m[c]))
		}
	}
	if len(parts) == 0 {
		return "–"
	}
	return strings.Join(parts, ", ")
}

// ProyeksiData is the forecast page (/proyeksi).
type ProyeksiData struct {
	Months   int
	Forecast *reports.Forecast
	Error    string
}

// HolderCount is "Ahli Pertama 2, Ahli Muda 1" for one position ("–" for none).
func HolderCount(m map[models.Level]int, pos models.Position) string {
	var parts []string
	for _, l := range pos.Levels() {
		if m[l] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", l.Label(), m[l]))
		}
	}
	if len(parts) == 0 {
		return "–"
	}
	return strings.Join(parts, ", ")
}

// LevelOrNone is a level's label, or "tanpa JF".
func LevelOrNone(l models.Level) string {
	if l == "" {
		return "tanpa JF"
	}
	return l.Label()
}

// ForecastKind names a forecast line's kind.
func ForecastKind(k string) string {
	if k == "pension" {
		return "Pensiun"
	}
	return "Kesempatan terakhir perpindahan"
}

// KendalaForm is the obstacle report form as typed.
type KendalaForm struct {
	Category, Description, Since, Proposals string
	Errors                                  map[string]string
}

// Err is a field's error.
func (f KendalaForm) Err(k string) string { return f.Errors[k] }

// KendalaListData is the obstacle list page.
type KendalaListData struct {
	Items     []reports.Obstacle
	Status    string
	Category  string
	Form      KendalaForm
	CanReport bool
}

// KendalaData is one obstacle's page.
type KendalaData struct {
	Obstacle *reports.Obstacle
	Kanwil   bool
	Error    string
}

// ObstacleActionLabel names a timeline entry.
func ObstacleActionLabel(a string) string {
	switch a {
	case "create":
		return "Dilaporkan"
	case "answer":
		return "Dijawab Kanwil"
	case "comment":
		return "Catatan"
	case "close":
		return "Ditutup"
	case "reopen":
		return "Dibuka kembali"
	}
	return a
}

func countKind(ps []reports.ForecastPerson, kind string) int {
	n := 0
	for _, x := range ps {
		if x.Kind == kind {
			n++
		}
	}
	return n
}

// kendalaURL is the obstacle list of one office (all offices for "").
func kendalaURL(code string) string {
	if code == "" {
		return "/kendala"
	}
	return "/kendala?office=" + url.QueryEscape(code)
}

// Points writes credit points with a decimal comma ("112,5", "100").
func Points(x float64) string {
	return strings.Replace(strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.3f", x), "0"), "."), ".", ",", 1)
}
