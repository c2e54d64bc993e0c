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
	"golang.org/x/sync/errgroup"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

// Service answers the report queries against one database.
type Service struct {
	DB *bun.DB
	// Clock tells the time (the workflow's, so open stays count to its now).
	Clock clock.Clock

	maps *mapCache
}

// New returns a Service on clk. Keep one per process: it holds the cache
// of built maps.
func New(db *bun.DB, clk clock.Clock) *Service {
	return &Service{DB: db, Clock: clk, maps: newMapCache()}
}

// Now is the current instant (UTC).
func (s *Service) Now() time.Time { return s.Clock.Now() }

// Today is the current calendar date in Asia/Jakarta.
func (s *Service) Today() models.Date { return clock.Today(s.Clock) }

// Filter selects the proposals a map covers: filed (submitted) within
// [From, To] (dates in Asia/Jakarta), optionally of one kind and position.
//
// The validate tags are its field rules (the form tags read a query).
type Filter struct {
	From     models.Date `json:"from" form:"from" msg:"Tanggal awal tidak valid."`
	To       models.Date `json:"to" form:"to" msg:"Tanggal akhir tidak valid."`
	Kind     string      `json:"kind" form:"kind" validate:"omitempty,kind"`
	Position string      `json:"position" form:"position" validate:"omitempty,position"`
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

// MaxPeriodDays bounds a map's period.
const MaxPeriodDays = 3 * 366

// Validate checks the filter; bad input is a 400 with field messages.
func (f Filter) Validate() error {
	fields := input.Problems(&f)
	if f.From.IsZero() || f.To.IsZero() || f.To.Before(f.From) {
		fields["from"] = "Isi periode dengan tanggal awal tidak melewati tanggal akhir."
	} else if f.span() > MaxPeriodDays {
		fields["to"] = "Periode paling panjang tiga tahun."
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

// kindPosition restricts a query on report_timelines or decision_reasons
// aliased s to the filter's kind and position.
func (f Filter) kindPosition(q *bun.SelectQuery) *bun.SelectQuery {
	if f.Kind != "" {
		q = q.Where("s.kind = ?", f.Kind)
	}
	if f.Position != "" {
		q = q.Where("s.position = ?", f.Position)
	}
	return q
}

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

// Obstacles builds the obstacle map for the filter, as p may see it. The
// map may be one built earlier for the same filter and audience (mapCache:
// the data unchanged since, at most MapMaxAge old); it is shared, so
// callers must not change it.
func (s *Service) Obstacles(ctx context.Context, p access.Principal, f Filter) (*Map, error) {
	m, _, err := s.cachedBuild(ctx, p, f)
	return m, err
}

// MapAndCharts builds the map and its charts in one pass (the /peta page),
// shared and read-only as Obstacles'.
func (s *Service) MapAndCharts(ctx context.Context, p access.Principal, f Filter) (*Map, *Charts, error) {
	return s.cachedBuild(ctx, p, f)
}

func (s *Service) build(ctx context.Context, p access.Principal, f Filter) (*Map, *Charts, error) {
	// The map reads the province for its province figures; rows of offices
	// the principal does not see are dropped here (p.SeesOffice).
	st := store.For(s.DB, p).Unscoped("province figures of the obstacle map")
	if err := f.Validate(); err != nil {
		return nil, nil, err
	}
	chartOffice := int64(0)
	if p.Regional() {
		chartOffice = p.OfficeID
	}
	// The stays, the reasons, the open obstacle reports and the offices
	// are read at once, each on its own connection.
	var (
		offs    []office
		a       *analysis
		reasons []reasonRow
		obs     []obstacleRow
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { offs, err = s.offices(gctx); return })
	// Province figures: every office's rows, deliberately (see above).
	g.Go(func() (err error) { a, err = s.analyse(gctx, st, f, chartOffice); return })
	g.Go(func() (err error) { reasons, err = s.reasonRows(gctx, st, f); return })
	g.Go(func() (err error) { obs, err = s.obstacleRows(gctx, st); return })
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	m := &Map{Period: Period{From: f.From.String(), To: f.To.String(), Kind: f.Kind, Position: f.Position},
		Province: *a.figs[0], Regional: p.Regional(), Reasons: []Reason{}}
	byID := map[int64]office{}
	codeOf := map[int64]string{}
	for _, o := range offs {
		byID[o.ID] = o
		codeOf[o.ID] = o.Code
	}
	fig := func(id int64) *Figures {
		if x := a.figs[id]; x != nil {
			return x
		}
		x := ptr(newFigures())
		a.figs[id] = x
		return x
	}
	m.Oldest = a.oldestFor(p, byID, s.Now(), 10)
	m.Paths = a.pathList()

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

	for _, o := range obs {
		fig(o.OfficeID).OpenObstacles[o.Category] += o.N
		m.Province.OpenObstacles[o.Category] += o.N
	}

	m.Offices = []OfficeFigures{}
	for _, o := range offs {
		if !p.SeesOffice(o.ID) {
			continue
		}
		m.Offices = append(m.Offices, OfficeFigures{Office: o.Code, Name: o.Name, Figures: *fig(o.ID)})
	}
	return m, s.chartsOf(a, f), nil
}

type reasonRow struct {
	Item     string `bun:"item"`
	Label    string `bun:"label"`
	OfficeID int64  `bun:"office_id"`
	N        int    `bun:"n"`
}

// reasonRows counts the items found wanting (and rejections) per item and
// office over the proposals filed in the period.
func (s *Service) reasonRows(ctx context.Context, st *store.Store, f Filter) ([]reasonRow, error) {
	var out []reasonRow
	start, end := f.bounds()
	err := st.From("decision_reasons AS s").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.ColumnExpr("s.item, max(s.label) AS label, s.office_id, count(*) AS n").
			Where("s.filed_at >= ? AND s.filed_at < ?", start.Unix(), end.Unix())
		return f.kindPosition(q).GroupExpr("s.item, s.office_id")
	}).Scan(ctx, &out)
	return out, err
}

type obstacleRow struct {
	OfficeID int64  `bun:"office_id"`
	Category string `bun:"category"`
	N        int    `bun:"n"`
}

// obstacleRows counts the obstacle reports not yet closed per office and
// category.
func (s *Service) obstacleRows(ctx context.Context, st *store.Store) ([]obstacleRow, error) {
	var out []obstacleRow
	err := st.From("obstacles").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.ColumnExpr("office_id, category, count(*) AS n").Where("status <> 'closed'").GroupExpr("office_id, category")
	}).Scan(ctx, &out)
	return out, err
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// ReasonLabel names a reason item ("rule:performance", "doc:skp", …) for
// people: the rule's short label or the checklist document's name.
func ReasonLabel(item string) string { return reasonLabel(item, "") }

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
	if id, ok := strings.CutPrefix(item, "doc:"); ok {
		for _, d := range workflow.Checklist {
			if d.ID == id {
				return d.Label
			}
		}
	}
	return item
}

// MaxPaths bounds the variants listed.
const MaxPaths = 12

func pathKey(st []models.Status) string {
	parts := make([]string, len(st))
	for i, s := range st {
		parts[i] = string(s)
	}
	return strings.Join(parts, ">")
}
