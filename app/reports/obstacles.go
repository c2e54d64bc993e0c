// Package reports adds up the workflow's history for the province: the
// obstacle map (where and why proposals stall) and the staffing forecast.
// Every figure is an SQL aggregate over indexed columns; Go only assembles
// rows and interpolates percentiles from the few ranked rows SQL returns.
//
// Scope: aggregates are computed over every office, so province-wide
// figures are the same for everyone; what names or counts one office (its
// row, the per-office reason counts, the oldest items, obstacle reports) is
// given to a regency user for its own office only.
package reports

import (
	"context"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/models"
)

// Service answers the report queries against one database.
type Service struct {
	DB *bun.DB
	// Now is the current instant (UTC); Today the current date in Asia/Jakarta.
	Now   func() time.Time
	Today func() models.Date
}

// New returns a Service with the given clock (the workflow service's).
func New(db *bun.DB, now func() time.Time, today func() models.Date) *Service {
	return &Service{DB: db, Now: now, Today: today}
}

// Filter selects the proposals a map covers: filed (submitted) within
// [From, To] (dates in Asia/Jakarta), optionally of one kind and position.
type Filter struct {
	From, To models.Date
	Kind     string
	Position string
}

// Stat is the time spent in one state: the number of stays, their median
// and 90th percentile in seconds (linear interpolation between ranks, as
// PostgreSQL's percentile_cont). A stay still open counts up to now.
type Stat struct {
	Count   int   `json:"count"`
	MedianS int64 `json:"median_s"`
	P90S    int64 `json:"p90_s"`
}

// Figures are the map's numbers for one office or the province.
type Figures struct {
	Total       int                    `json:"total"`
	ByStatus    map[models.Status]int  `json:"by_status"`
	TimeInState map[models.Status]Stat `json:"time_in_state"`
	// SentBack counts proposals sent back for revision at least once;
	// Rejected those rejected; Rounds the mean number of submissions
	// (first submission plus resubmissions) per proposal.
	SentBack int     `json:"sent_back"`
	Rejected int     `json:"rejected"`
	Rounds   float64 `json:"rounds"`
	// OpenObstacles counts obstacle reports not yet closed, by category.
	OpenObstacles map[string]int `json:"open_obstacles"`
}

// OfficeFigures is one office's row.
type OfficeFigures struct {
	Office string `json:"office"`
	Name   string `json:"name"`
	Figures
}

// Reason is one item found wanting (or a rejection), with its count
// province-wide and per office (only the caller's office for a regency user).
type Reason struct {
	Item    string         `json:"item"`
	Label   string         `json:"label"`
	Count   int            `json:"count"`
	Offices map[string]int `json:"offices"`
}

// Waiting is a proposal waiting in a state, oldest first.
type Waiting struct {
	ID         int64         `json:"id"`
	Office     string        `json:"office"`
	OfficeName string        `json:"office_name"`
	Status     models.Status `json:"status"`
	Since      time.Time     `json:"since"`
	WaitingS   int64         `json:"waiting_s"`
}

// Path is one process variant: the states a proposal went through after
// filing, how many proposals took it and their median total time (from
// filing to the last change, or to now when not finished).
type Path struct {
	States  []models.Status `json:"states"`
	Count   int             `json:"count"`
	MedianS int64           `json:"median_s"`
}

// Period is the map's period.
type Period struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Kind     string `json:"kind,omitempty"`
	Position string `json:"position,omitempty"`
}

// Map is the obstacle map (GET /api/v1/reports/obstacles).
type Map struct {
	Period   Period          `json:"period"`
	Province Figures         `json:"province"`
	Offices  []OfficeFigures `json:"offices"`
	Reasons  []Reason        `json:"reasons"`
	Oldest   []Waiting       `json:"oldest"`
	Paths    []Path          `json:"paths"`
	// Regional: the caller sees one office (Offices holds its row only).
	Regional bool `json:"-"`
}

// TimedStates are the states whose time is measured: every state after
// filing that a proposal leaves again (the end states are not waits).
var TimedStates = []models.Status{models.StatusSubmitted, models.StatusInReview, models.StatusRevisionRequested,
	models.StatusVerified, models.StatusForwarded}

// WaitingStates are the states in which a proposal waits on someone.
var waitingStates = TimedStates

// MaxPeriodDays bounds a map's period.
const MaxPeriodDays = 3 * 366

// Validate checks the filter; bad input is a 400 with field messages.
func (f Filter) Validate() error {
	fields := map[string]string{}
	if f.From.IsZero() || f.To.IsZero() || f.To.Before(f.From) {
		fields["from"] = "Isi periode dengan tanggal awal tidak melewati tanggal akhir."
	} else if f.span() > MaxPeriodDays {
		fields["to"] = "Periode paling panjang tiga tahun."
	}
	if f.Kind != "" && f.Kind != models.KindJFT && f.Kind != models.KindStaffing {
		fields["kind"] = "Jenis usulan tidak dikenal."
	}
	if f.Position != "" && !models.Position(f.Position).Valid() {
		fields["position"] = "Jabatan tidak dikenal."
	}
	if len(fields) > 0 {
		return apperror.Invalid(fields)
	}
	return nil
}

func (f Filter) span() int {
	return int(f.To.Time().Sub(f.From.Time()).Hours() / 24)
}

// bounds are the period's instants [start, end) in UTC.
func (f Filter) bounds() (time.Time, time.Time) {
	start := time.Date(f.From.Year, f.From.Month, f.From.Day, 0, 0, 0, 0, models.Jakarta).UTC()
	end := time.Date(f.To.Year, f.To.Month, f.To.Day, 0, 0, 0, 0, models.Jakarta).AddDate(0, 0, 1).UTC()
	return start, end
}

// filed restricts a query on proposals aliased p to the filter.
func (f Filter) filed(q *bun.SelectQuery) *bun.SelectQuery {
	start, end := f.bounds()
	q = q.Where("p.submitted_at >= ? AND p.submitted_at < ?", start, end)
	if f.Kind != "" {
		q = q.Where("p.kind = ?", f.Kind)
	}
	if f.Position != "" {
		q = q.Where("p.position = ?", f.Position)
	}
	return q
}

// spellsIn restricts a query on report_spells aliased s to the filter.
func (f Filter) spellsIn(q *bun.SelectQuery) *bun.SelectQuery {
	start, end := f.bounds()
	q = q.Where("s.filed_at >= ? AND s.filed_at < ?", start.Unix(), end.Unix())
	if f.Kind != "" {
		q = q.Where("s.kind = ?", f.Kind)
	}
	if f.Position != "" {
		q = q.Where("s.position = ?", f.Position)
	}
	return q
}

// epoch is the SQL expression of a timestamp column's Unix seconds.
func (s *Service) epoch(col string) string {
	if s.DB.Dialect().Name().String() == "pg" {
		return "CAST(extract(epoch FROM " + col + ") AS BIGINT)"
	}
	return "CAST(strftime('%s', " + col + ") AS INTEGER)"
}

func (s *Service) pg() bool { return s.DB.Dialect().Name().String() == "pg" }

type office struct {
	ID   int64  `bun:"id"`
	Code string `bun:"code"`
	Name string `bun:"name"`
}

func (s *Service) offices(ctx context.Context) ([]office, error) {
	var out []office
	err := s.DB.NewSelect().Table("offices").Column("id", "code", "name").Where("kind <> 'kanwil'").
		Order("code").Scan(ctx, &out)
	return out, err
}

func newFigures() Figures {
	return Figures{ByStatus: map[models.Status]int{}, TimeInState: map[models.Status]Stat{},
		OpenObstacles: map[string]int{}}
}

// Obstacles builds the obstacle map for the filter, as p may see it.
func (s *Service) Obstacles(ctx context.Context, p access.Principal, f Filter) (*Map, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	offs, err := s.offices(ctx)
	if err != nil {
		return nil, err
	}
	m := &Map{Period: Period{From: f.From.String(), To: f.To.String(), Kind: f.Kind, Position: f.Position},
		Province: newFigures(), Regional: p.Regional(), Reasons: []Reason{}, Oldest: []Waiting{}, Paths: []Path{}}
	byID := map[int64]*Figures{}
	codeOf := map[int64]string{}
	all := make([]OfficeFigures, len(offs))
	for i, o := range offs {
		all[i] = OfficeFigures{Office: o.Code, Name: o.Name, Figures: newFigures()}
		byID[o.ID] = &all[i].Figures
		codeOf[o.ID] = o.Code
	}
	fig := func(id int64) *Figures {
		if x := byID[id]; x != nil {
			return x
		}
		return &Figures{ByStatus: map[models.Status]int{}, TimeInState: map[models.Status]Stat{}, OpenObstacles: map[string]int{}}
	}

	// Counts by status (the open stay's state), sent back, rejected and
	// submissions (the first, plus every return from revision to review).
	var counts []struct {
		OfficeID    int64         `bun:"office_id"`
		State       models.Status `bun:"state"`
		Open        int           `bun:"open"`
		Proposals   int           `bun:"proposals"`
		Resubmitted int           `bun:"resubmitted"`
	}
	q := f.spellsIn(s.DB.NewSelect().TableExpr("report_spells AS s").
		ColumnExpr("s.office_id, s.state").
		ColumnExpr("sum(CASE WHEN s.left_at IS NULL THEN 1 ELSE 0 END) AS open").
		ColumnExpr("count(DISTINCT s.proposal_id) AS proposals").
		ColumnExpr("sum(CASE WHEN s.next_state = 'in_review' THEN 1 ELSE 0 END) AS resubmitted")).
		GroupExpr("s.office_id, s.state")
	if err := q.Scan(ctx, &counts); err != nil {
		return nil, err
	}
	subs := map[int64]int{}
	provSubs := 0
	for _, c := range counts {
		x := fig(c.OfficeID)
		if c.Open > 0 {
			x.ByStatus[c.State] += c.Open
			x.Total += c.Open
			m.Province.ByStatus[c.State] += c.Open
			m.Province.Total += c.Open
		}
		switch c.State {
		case models.StatusRevisionRequested:
			x.SentBack += c.Proposals
			m.Province.SentBack += c.Proposals
			subs[c.OfficeID] += c.Resubmitted
			provSubs += c.Resubmitted
		case models.StatusRejected:
			x.Rejected += c.Proposals
			m.Province.Rejected += c.Proposals
		}
	}
	for id, x := range byID {
		if x.Total > 0 {
			x.Rounds = round2(float64(x.Total+subs[id]) / float64(x.Total))
		}
	}
	if m.Province.Total > 0 {
		m.Province.Rounds = round2(float64(m.Province.Total+provSubs) / float64(m.Province.Total))
	}

	// Time in each state.
	stats, err := s.timeInState(ctx, f)
	if err != nil {
		return nil, err
	}
	for k, st := range stats {
		if k.office == 0 {
			m.Province.TimeInState[k.state] = st
		} else {
			fig(k.office).TimeInState[k.state] = st
		}
	}

	// Reasons.
	var reasons []struct {
		Item     string `bun:"item"`
		Label    string `bun:"label"`
		OfficeID int64  `bun:"office_id"`
		N        int    `bun:"n"`
	}
	q = f.filed(s.DB.NewSelect().TableExpr("decision_reasons AS r").Join("JOIN proposals AS p ON p.id = r.proposal_id").
		ColumnExpr("r.item, max(r.label) AS label, p.office_id, count(*) AS n")).GroupExpr("r.item, p.office_id")
	if err := q.Scan(ctx, &reasons); err != nil {
		return nil, err
	}
	idx := map[string]int{}
	for _, r := range reasons {
		i, ok := idx[r.Item]
		if !ok {
			i = len(m.Reasons)
			idx[r.Item] = i
			m.Reasons = append(m.Reasons, Reason{Item: r.Item, Label: reasonLabel(r.Item, r.Label), Offices: map[string]int{}})
		}
		m.Reasons[i].Count += r.N
		if p.SeesOffice(r.OfficeID) {
			m.Reasons[i].Offices[codeOf[r.OfficeID]] += r.N
		}
	}
	sort.SliceStable(m.Reasons, func(i, j int) bool {
		if m.Reasons[i].Count != m.Reasons[j].Count {
			return m.Reasons[i].Count > m.Reasons[j].Count
		}
		return m.Reasons[i].Item < m.Reasons[j].Item
	})

	// Oldest waiting, paths, open obstacles.
	if m.Oldest, err = s.oldest(ctx, p, f, 10); err != nil {
		return nil, err
	}
	if m.Paths, err = s.paths(ctx, f); err != nil {
		return nil, err
	}
	var obs []struct {
		OfficeID int64  `bun:"office_id"`
		Category string `bun:"category"`
		N        int    `bun:"n"`
	}
	if err := s.DB.NewSelect().Table("obstacles").ColumnExpr("office_id, category, count(*) AS n").
		Where("status <> 'closed'").GroupExpr("office_id, category").Scan(ctx, &obs); err != nil {
		return nil, err
	}
	for _, o := range obs {
		fig(o.OfficeID).OpenObstacles[o.Category] += o.N
		m.Province.OpenObstacles[o.Category] += o.N
	}

	for _, o := range all {
		if p.Regional() && codeOf[p.OfficeID] != o.Office {
			continue
		}
		m.Offices = append(m.Offices, o)
	}
	if m.Offices == nil {
		m.Offices = []OfficeFigures{}
	}
	return m, nil
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// reasonLabel names an item: the rule's short label, else the label stored
// at the decision (a checklist document's name).
func reasonLabel(item, stored string) string {
	if id, ok := strings.CutPrefix(item, "rule:"); ok {
		if l := eligibility.RuleShortLabel(id); l != id {
			return l
		}
	}
	if stored != "" {
		return stored
	}
	return item
}

type groupKey struct {
	office int64
	state  models.Status
}

// percentileRanks is the SQL condition picking, among rows ranked rn of n,
// those the median and the 90th percentile interpolate between.
const percentileRanks = `(rn = (n - 1) * 5 / 10 + 1 OR rn = ((n - 1) * 5 + 9) / 10 + 1
	OR rn = (n - 1) * 9 / 10 + 1 OR rn = ((n - 1) * 9 + 9) / 10 + 1)`

// percentile interpolates the p-th percentile (0..1) of n sorted values
// from the values at the ranks percentileRanks picked.
func percentile(byRank map[int]int64, n int, p float64) int64 {
	h := float64(n-1) * p
	lo := int(math.Floor(h))
	frac := h - float64(lo)
	v := float64(byRank[lo+1])
	if frac > 0 {
		v += frac * float64(byRank[lo+2]-byRank[lo+1])
	}
	return int64(math.Round(v))
}

func (s *Service) timeInState(ctx context.Context, f Filter) (map[groupKey]Stat, error) {
	now := s.Now().Unix()
	var rows []struct {
		OfficeID int64         `bun:"office_id"`
		State    models.Status `bun:"state"`
		N        int           `bun:"n"`
		RN       int           `bun:"rn"`
		Dur      int64         `bun:"dur"`
	}
	d := f.spellsIn(s.DB.NewSelect().TableExpr("report_spells AS s").
		ColumnExpr("s.office_id, s.state, coalesce(s.left_at, ?) - s.entered AS dur", now).
		Where("s.state IN (?)", bun.In(TimedStates)))
	ranked := func(part string) *bun.SelectQuery {
		return s.DB.NewSelect().TableExpr("d").ColumnExpr("dur").
			ColumnExpr("row_number() OVER (PARTITION BY " + part + " ORDER BY dur) AS rn").
			ColumnExpr("count(*) OVER (PARTITION BY " + part + ") AS n")
	}
	err := s.DB.NewSelect().With("d", d).
		With("r", ranked("office_id, state").ColumnExpr("office_id, state").
			UnionAll(ranked("state").ColumnExpr("0 AS office_id, state"))).
		TableExpr("r").ColumnExpr("office_id, state, n, rn, dur").
		Where(percentileRanks).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	type acc struct {
		n     int
		ranks map[int]int64
	}
	groups := map[groupKey]*acc{}
	for _, r := range rows {
		k := groupKey{r.OfficeID, r.State}
		g := groups[k]
		if g == nil {
			g = &acc{n: r.N, ranks: map[int]int64{}}
			groups[k] = g
		}
		g.ranks[r.RN] = r.Dur
	}
	out := make(map[groupKey]Stat, len(groups))
	for k, g := range groups {
		out[k] = Stat{Count: g.n, MedianS: percentile(g.ranks, g.n, 0.5), P90S: percentile(g.ranks, g.n, 0.9)}
	}
	return out, nil
}

// oldest lists the proposals waiting longest in their current state.
func (s *Service) oldest(ctx context.Context, p access.Principal, f Filter, limit int) ([]Waiting, error) {
	now := s.Now()
	var rows []struct {
		ProposalID int64         `bun:"proposal_id"`
		Code       string        `bun:"code"`
		Name       string        `bun:"name"`
		State      models.Status `bun:"state"`
		Entered    int64         `bun:"entered"`
	}
	q := f.spellsIn(s.DB.NewSelect().TableExpr("report_spells AS s").Join("JOIN offices AS o ON o.id = s.office_id").
		ColumnExpr("s.proposal_id, o.code, o.name, s.state, s.entered").
		Where("s.left_at IS NULL AND s.state IN (?)", bun.In(waitingStates))).
		OrderExpr("s.entered, s.proposal_id").Limit(int64(limit))
	if err := p.ScopeOffice(q, "s").Scan(ctx, &rows); err != nil {
		return nil, err
	}
	out := make([]Waiting, 0, len(rows))
	for _, r := range rows {
		since := time.Unix(r.Entered, 0).UTC()
		out = append(out, Waiting{ID: r.ProposalID, Office: r.Code, OfficeName: r.Name, Status: r.State, Since: since,
			WaitingS: int64(now.Sub(since).Seconds())})
	}
	return out, nil
}

// MaxPaths bounds the variants listed.
const MaxPaths = 12

// paths lists the process variants, most frequent first.
func (s *Service) paths(ctx context.Context, f Filter) ([]Path, error) {
	now := s.Now().Unix()
	agg := "group_concat(s.state, '>' ORDER BY s.id)"
	if s.pg() {
		agg = "string_agg(s.state, '>' ORDER BY s.id)"
	}
	per := f.spellsIn(s.DB.NewSelect().TableExpr("report_spells AS s").
		ColumnExpr(agg+" AS path").
		ColumnExpr("CASE WHEN max(CASE WHEN s.left_at IS NULL AND s.state IN ('rejected', 'completed', 'withdrawn') THEN 1 ELSE 0 END) = 1 "+
			"THEN max(s.entered) ELSE ? END - min(s.filed_at) AS total", now)).GroupExpr("s.proposal_id")
	var rows []struct {
		Path string `bun:"path"`
		N    int    `bun:"n"`
		RN   int    `bun:"rn"`
		Dur  int64  `bun:"dur"`
	}
	err := s.DB.NewSelect().With("pp", per).
		With("r", s.DB.NewSelect().TableExpr("pp").ColumnExpr("path, total AS dur").
			ColumnExpr("row_number() OVER (PARTITION BY path ORDER BY total) AS rn").
			ColumnExpr("count(*) OVER (PARTITION BY path) AS n")).
		TableExpr("r").ColumnExpr("path, n, rn, dur").
		Where("(rn = (n - 1) / 2 + 1 OR rn = n / 2 + 1)").Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	type acc struct {
		n     int
		ranks map[int]int64
	}
	groups := map[string]*acc{}
	for _, r := range rows {
		g := groups[r.Path]
		if g == nil {
			g = &acc{n: r.N, ranks: map[int]int64{}}
			groups[r.Path] = g
		}
		g.ranks[r.RN] = r.Dur
	}
	out := make([]Path, 0, len(groups))
	for path, g := range groups {
		var states []models.Status
		for _, st := range strings.Split(path, ">") {
			states = append(states, models.Status(st))
		}
		out = append(out, Path{States: states, Count: g.n, MedianS: percentile(g.ranks, g.n, 0.5)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return pathKey(out[i].States) < pathKey(out[j].States)
	})
	if len(out) > MaxPaths {
		out = out[:MaxPaths]
	}
	return out, nil
}

func pathKey(st []models.Status) string {
	parts := make([]string, len(st))
	for i, s := range st {
		parts[i] = string(s)
	}
	return strings.Join(parts, ">")
}
