package reports

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/staffing"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// Post is a person's current functional post: position and level, with
// where the fact comes from ("proposal": the last completed proposal naming
// them; after issue 10, "register": the register's current post).
type Post struct {
	Position models.Position `json:"position"`
	Level    models.Level    `json:"level"`
	Since    models.Date     `json:"since"`
	Source   string          `json:"source"`
}

// PostSource says who holds which functional post, by NIP, in the offices
// given (nil: all). ProposalPosts (completed proposals) is the one there is
// today; the register's current posts (issue 10) plug in here.
type PostSource func(ctx context.Context, st *store.Store, officeIDs []int64) (map[string]Post, error)

// LevelUp is a JF holder whose credit points reach the next level.
type LevelUp struct {
	NIP          string          `json:"nip"`
	Name         string          `json:"name"`
	Office       string          `json:"office"`
	Position     models.Position `json:"position"`
	From         models.Level    `json:"from"`
	To           models.Level    `json:"to"`
	CreditPoints float64         `json:"credit_points"`
	WhatIfURL    string          `json:"whatif_url"`
}

// LevelUpSource lists the holders whose credit points (PAK) reach the next
// level. Nil until the register keeps credit points (issue 10): the
// forecast then says the line is not available.
type LevelUpSource func(ctx context.Context, s *Service, officeIDs []int64) ([]LevelUp, error)

// Forecast is GET /api/v1/reports/forecast: per office, who holds the two
// JFs, who retires, whose transfer window closes.
type Forecast struct {
	AsOf     models.Date      `json:"as_of"`
	Months   int              `json:"months"`
	Until    models.Date      `json:"until"`
	Offices  []OfficeForecast `json:"offices"`
	LevelUps *[]LevelUp       `json:"level_ups"` // null: not available yet (no credit points in the register)
	Notes    []string         `json:"notes"`
}

// OfficeForecast is one office's staffing and forecast.
type OfficeForecast struct {
	Office string `json:"office"`
	Name   string `json:"name"`
	// Holders counts the JF holders by position and level.
	Holders map[models.Position]map[models.Level]int `json:"holders"`
	// NoJF: nobody in either Pranata Komputer or Pranata Humas.
	NoJF bool `json:"no_jf"`
	// SupportStaff is people engaged by completed staffing requests whose
	// contract runs today; OpenFormations the free formation slots this year.
	SupportStaff   int              `json:"support_staff"`
	OpenFormations int              `json:"open_formations"`
	Pensions       []QuarterCount   `json:"pensions"`
	People         []ForecastPerson `json:"people"`
}

// QuarterCount is the pensions of one quarter at one level ("" = no JF post).
type QuarterCount struct {
	Quarter string       `json:"quarter"` // "2027-Q1"
	Level   models.Level `json:"level"`
	Count   int          `json:"count"`
}

// ForecastPerson is one line of the forecast: a pension within the horizon
// or a transfer window closing within 12 months.
type ForecastPerson struct {
	Kind      string          `json:"kind"` // "pension" or "transfer_limit"
	NIP       string          `json:"nip"`
	Name      string          `json:"name"`
	Date      models.Date     `json:"date"` // pension date, or the last day the age limit holds
	Position  models.Position `json:"position,omitempty"`
	Level     models.Level    `json:"level,omitempty"`
	Detail    string          `json:"detail"`
	WhatIfURL string          `json:"whatif_url"`
}

// ProposalPosts: the position and level of each person's latest completed
// JFT proposal filed by one of the offices, from jf_posts (kept by the
// workflow at completion): one row per person, not per proposal.
func ProposalPosts(ctx context.Context, st *store.Store, officeIDs []int64) (map[string]Post, error) {
	var rows []struct {
		NIP      string      `bun:"nip"`
		Position string      `bun:"position"`
		Level    string      `bun:"level"`
		Decree   models.Date `bun:"decree_date"`
	}
	q := st.From("jf_posts").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Column("nip", "position", "level", "decree_date")
		if officeIDs != nil {
			q = q.Where("office_id IN (?)", bun.List(officeIDs))
		}
		return q
	})
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, err
	}
	out := make(map[string]Post, len(rows))
	for _, r := range rows {
		out[r.NIP] = Post{Position: models.Position(r.Position), Level: models.Level(r.Level), Since: r.Decree, Source: "proposal"}
	}
	return out, nil
}

// levelUpOf: a JF holder whose latest PAK reaches the next level, as the
// rule engine's kenaikan_jenjang route judges it (current_level and
// credit_points both pass on today).
func levelUpOf(c eligibility.Candidate, post Post, today models.Date) (LevelUp, bool) {
	if c.CreditPoints == nil || !post.Position.Valid() {
		return LevelUp{}, false
	}
	levels := post.Position.Levels()
	for i, l := range levels {
		if l != post.Level || i+1 >= len(levels) {
			continue
		}
		next := levels[i+1]
		res := eligibility.Evaluate(eligibility.Request{Kind: eligibility.KindJFT, ReferenceDate: today,
			Position: post.Position, Level: next, Route: models.KenaikanJenjang, Candidate: c})
		passed := 0
		for _, o := range res.Checks {
			if (o.Rule == "current_level" || o.Rule == "credit_points") && o.Result == eligibility.Pass {
				passed++
			}
		}
		if passed == 2 {
			return LevelUp{NIP: c.NIP, Name: c.Name, Position: post.Position, From: post.Level, To: next,
				CreditPoints: *c.CreditPoints}, true
		}
	}
	return LevelUp{}, false
}

// retirementAge is the BUP of a level (PP 11/2017 Pasal 239, DOMAIN.md §6);
// 58 for someone with no JF post (administrative positions).
func retirementAge(l models.Level) int {
	switch l {
	case models.AhliMadya:
		return 60
	case models.AhliUtama:
		return 65
	}
	return 58
}

// PensionDate is the first day of the month after the month in which age
// is reached.
func PensionDate(birth models.Date, age int) models.Date {
	y, m := birth.Year+age, birth.Month+1
	if m > 12 {
		y, m = y+1, 1
	}
	return models.NewDate(y, m, 1)
}

// transferAge is the "paling tinggi" age for a transfer into the level a
// rank leads to (PermenPANRB 1/2023: 53; Ahli Madya 55; Ahli Utama 60).
func transferAge(r models.Rank) (int, models.Level) {
	switch r {
	case "IV/a", "IV/b", "IV/c":
		return 55, models.AhliMadya
	case "IV/d", "IV/e":
		return 60, models.AhliUtama
	case "II/c", "II/d":
		return 53, models.Terampil
	case "III/c", "III/d":
		return 53, models.AhliMuda
	}
	return 53, models.AhliPertama
}

// lastDayAtAge is the last day on which the completed age is still ≤ age:
// the day before the (age+1)th birthday (29 February counts from 1 March).
func lastDayAtAge(birth models.Date, age int) models.Date {
	t := time.Date(birth.Year+age+1, birth.Month, birth.Day, 0, 0, 0, 0, time.UTC)
	if birth.Month == 2 && birth.Day == 29 && t.Month() != 2 {
		t = time.Date(birth.Year+age+1, 3, 1, 0, 0, 0, 0, time.UTC)
	}
	return models.DateOf(t.AddDate(0, 0, -1))
}

func quarterOf(d models.Date) string { return fmt.Sprintf("%d-Q%d", d.Year, (int(d.Month)-1)/3+1) }

func whatIf(employeeID int64, pos models.Position, l models.Level, route models.Route) string {
	v := url.Values{}
	v.Set("employee", fmt.Sprint(employeeID))
	if pos != "" {
		v.Set("position", string(pos))
	}
	if l != "" {
		v.Set("level", string(l))
	}
	if route != "" {
		v.Set("route", string(route))
	}
	return "/whatif?" + v.Encode()
}

// horizon is how far a forecast looks, in months.
type horizon struct {
	Months int `json:"months" form:"months" validate:"min=1,max=60" msg:"Jangka proyeksi 1 sampai 60 bulan."`
}

// Forecast builds the forecast over the next months (1..60) for the offices
// p may see. Posts and LevelUps default to ProposalPosts and nothing.
func (s *Service) Forecast(ctx context.Context, p access.Principal, months int, posts PostSource, levelUps LevelUpSource) (*Forecast, error) {
	if err := input.Check(&horizon{Months: months}); err != nil {
		return nil, err
	}
	if posts == nil {
		posts = ProposalPosts
	}
	today := s.Today()
	until := models.DateOf(today.Time().AddDate(0, months, 0))
	transferHorizon := models.DateOf(today.Time().AddDate(0, 12, 0))
	f := &Forecast{AsOf: today, Months: months, Until: until, Offices: []OfficeForecast{}}
	offs, err := s.offices(ctx)
	if err != nil {
		return nil, err
	}
	var ids []int64
	idx := map[int64]int{}
	for _, o := range offs {
		if !p.SeesOffice(o.ID) {
			continue
		}
		idx[o.ID] = len(f.Offices)
		ids = append(ids, o.ID)
		f.Offices = append(f.Offices, OfficeForecast{Office: o.Code, Name: o.Name,
			Holders:  map[models.Position]map[models.Level]int{models.PranataKomputer: {}, models.PranataHumas: {}},
			Pensions: []QuarterCount{}, People: []ForecastPerson{}})
	}
	st := store.For(s.DB, p)
	held, err := posts(ctx, st, ids)
	if err != nil {
		return nil, err
	}

	// The register, one query; dates come from each person's data.
	var emps []struct {
		ID       int64  `bun:"id"`
		OfficeID int64  `bun:"office_id"`
		NIP      string `bun:"nip"`
		Name     string `bun:"name"`
		Data     string `bun:"data"`
	}
	// The store's scope: the regency principal's own office.
	err = st.From("employees").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Column("id", "office_id", "nip", "name", "data").OrderExpr("name, id")
	}).Scan(ctx, &emps)
	if err != nil {
		return nil, err
	}
	pens := map[int64]map[string]map[models.Level]int{}
	levelUpsFound := []LevelUp{}
	for _, e := range emps {
		i, ok := idx[e.OfficeID]
		if !ok {
			continue
		}
		of := &f.Offices[i]
		var d eligibility.Candidate
		_ = json.Unmarshal([]byte(e.Data), &d)
		if d.BirthDate.IsZero() {
			if nip, err := models.ParseNIP(e.NIP); err == nil {
				d.BirthDate = nip.BirthDate()
			}
		}
		post, holds := held[e.NIP]
		if cp := d.CurrentPost; cp != nil {
			// The register's current post (issue 10) wins over the last
			// completed proposal.
			holds = cp.Kind == models.PostJF && cp.Position.Valid()
			post = Post{Source: "register", Since: cp.TMT}
			if holds {
				post.Position, post.Level = cp.Position, cp.Level
			}
		}
		if holds {
			if lu, ok := levelUpOf(d, post, today); ok {
				lu.NIP, lu.Name, lu.Office = e.NIP, e.Name, of.Office
				lu.WhatIfURL = whatIf(e.ID, post.Position, lu.To, models.KenaikanJenjang)
				levelUpsFound = append(levelUpsFound, lu)
			}
		}
		if holds && post.Position.Valid() {
			of.Holders[post.Position][post.Level]++
		}
		if d.BirthDate.IsZero() {
			continue
		}
		bup := retirementAge(post.Level)
		if !holds && d.CurrentPost != nil && d.CurrentPost.Kind == models.PostJPT {
			bup = 60
		}
		pd := PensionDate(d.BirthDate, bup)
		if !pd.Before(today) && !until.Before(pd) {
			if pens[e.OfficeID] == nil {
				pens[e.OfficeID] = map[string]map[models.Level]int{}
			}
			qk := quarterOf(pd)
			if pens[e.OfficeID][qk] == nil {
				pens[e.OfficeID][qk] = map[models.Level]int{}
			}
			pens[e.OfficeID][qk][post.Level]++
			of.People = append(of.People, ForecastPerson{Kind: "pension", NIP: e.NIP, Name: e.Name, Date: pd,
				Position: post.Position, Level: post.Level, Detail: fmt.Sprintf("Batas usia pensiun %d tahun", bup),
				WhatIfURL: whatIf(e.ID, post.Position, post.Level, "")})
		}
		if !holds {
			age, lvl := transferAge(d.Rank)
			last := lastDayAtAge(d.BirthDate, age)
			if !last.Before(today) && !transferHorizon.Before(last) {
				of.People = append(of.People, ForecastPerson{Kind: "transfer_limit", NIP: e.NIP, Name: e.Name, Date: last,
					Level: lvl, Detail: fmt.Sprintf("Usia paling tinggi %d tahun untuk perpindahan ke %s", age, lvl.Label()),
					WhatIfURL: whatIf(e.ID, models.PranataKomputer, lvl, models.Perpindahan)})
			}
		}
	}
	for id, byQ := range pens {
		of := &f.Offices[idx[id]]
		for qk, byL := range byQ {
			for l, n := range byL {
				of.Pensions = append(of.Pensions, QuarterCount{Quarter: qk, Level: l, Count: n})
			}
		}
		sort.Slice(of.Pensions, func(i, j int) bool {
			if of.Pensions[i].Quarter != of.Pensions[j].Quarter {
				return of.Pensions[i].Quarter < of.Pensions[j].Quarter
			}
			return of.Pensions[i].Level < of.Pensions[j].Level
		})
	}
	for i := range f.Offices {
		of := &f.Offices[i]
		sort.SliceStable(of.People, func(a, b int) bool { return of.People[a].Date.Before(of.People[b].Date) })
		n := 0
		for _, byL := range of.Holders {
			for _, c := range byL {
				n += c
			}
		}
		of.NoJF = n == 0
	}

	// Support staff engaged: completed staffing requests whose contract runs today.
	var reqs []struct {
		OfficeID int64  `bun:"office_id"`
		Staffing string `bun:"staffing"`
	}
	err = st.From("proposals AS p").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.ColumnExpr("p.office_id, p.staffing").
			Where("p.kind = 'staffing' AND p.status = 'completed' AND p.staffing IS NOT NULL")
	}).Scan(ctx, &reqs)
	if err != nil {
		return nil, err
	}
	for _, r := range reqs {
		var req struct {
			Count       int         `json:"count"`
			PeriodStart models.Date `json:"period_start"`
			PeriodEnd   models.Date `json:"period_end"`
		}
		if json.Unmarshal([]byte(r.Staffing), &req) != nil {
			continue
		}
		if i, ok := idx[r.OfficeID]; ok && !today.Before(req.PeriodStart) && !req.PeriodEnd.Before(today) {
			f.Offices[i].SupportStaff += req.Count
		}
	}

	// Open formations this year.
	ledger, err := staffing.LoadLedger(ctx, s.DB, p, staffing.LedgerFilter{Year: today.Year, Listed: 1})
	if err != nil {
		return nil, err
	}
	for _, r := range ledger.Rows {
		if i, ok := idx[r.OfficeID]; ok && r.Available != nil && *r.Available > 0 {
			f.Offices[i].OpenFormations += *r.Available
		}
	}

	if levelUps != nil {
		l, err := levelUps(ctx, s, ids)
		if err != nil {
			return nil, err
		}
		levelUpsFound = l
	}
	f.LevelUps = &levelUpsFound
	f.Notes = append(f.Notes, "Jabatan saat ini dan angka kredit diambil dari register pegawai; bila register belum mencatat jabatan saat ini, jabatan fungsional diambil dari usulan yang sudah selesai (SK terbit). Batas usia pensiun pegawai tanpa jabatan fungsional 58 tahun (JPT 60).")
	return f, nil
}
