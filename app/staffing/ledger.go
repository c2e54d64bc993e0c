package staffing

import (
	"context"
	"fmt"
	"sort"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// LedgerProposal is one proposal behind a number of the ledger.
type LedgerProposal struct {
	ID           int64         `bun:"id" json:"id"`
	OfficeID     int64         `bun:"office_id" json:"-"`
	OfficeCode   string        `bun:"office_code" json:"office"`
	OfficeName   string        `bun:"office_name" json:"-"`
	Position     string        `bun:"position" json:"-"`
	Level        string        `bun:"level" json:"-"`
	Status       models.Status `bun:"status" json:"status"`
	LetterNumber *string       `bun:"letter_number" json:"letter_number"`
	Candidates   int           `bun:"n" json:"candidates"`
}

// LedgerRow is the ledger of one office × position × level in the year:
// planned (nil when no formation is set), filled, reserved and available
// (planned − filled − reserved; nil without a formation), with the
// proposals behind the filled and the reserved counts.
type LedgerRow struct {
	OfficeID    int64           `json:"-"`
	OfficeCode  string          `json:"office"`
	OfficeName  string          `json:"office_name"`
	Position    models.Position `json:"position"`
	Level       models.Level    `json:"level"`
	Year        int             `json:"year"`
	FormationID int64           `json:"formation_id,omitempty"`
	Version     int64           `json:"version,omitempty"`
	Basis       string          `json:"basis,omitempty"`
	Planned     *int            `json:"planned"`
	Filled      int             `json:"filled"`
	Reserved    int             `json:"reserved"`
	Available   *int            `json:"available"`
	// FilledBy and ReservedBy list the first LedgerFilter.Listed proposals
	// behind Filled and Reserved (by letter number); FilledProposals and
	// ReservedProposals count them all.
	FilledBy          []LedgerProposal `json:"filled_by"`
	ReservedBy        []LedgerProposal `json:"reserved_by"`
	FilledProposals   int              `json:"filled_proposals"`
	ReservedProposals int              `json:"reserved_proposals"`
}

// Formula spells the row's arithmetic, e.g. "3 − 1 − 2 = 0".
func (r LedgerRow) Formula() string {
	if r.Planned == nil {
		return ""
	}
	return fmt.Sprintf("%d − %d − %d = %d", *r.Planned, r.Filled, r.Reserved, *r.Available)
}

// Ledger is the staffing plan of one office, or of the province (Office nil),
// for one year.
type Ledger struct {
	Year    int            `json:"year"`
	Office  *models.Office `json:"office,omitempty"`
	Rows    []LedgerRow    `json:"items"`
	Planned int            `json:"planned"` // totals over the rows with a formation
	Filled  int            `json:"filled"`
	// Reserved and Available are totals over the rows with a formation.
	Reserved  int `json:"reserved"`
	Available int `json:"available"`
	// Unplanned counts candidates (filled or reserved) in rows without a formation.
	Unplanned int `json:"unplanned"`
}

// LedgerFilter selects a ledger: one office by code ("" = every office the
// principal sees) and a year. Listed is how many proposals each row lists
// behind its filled and its reserved numbers (0: DefaultListed).
type LedgerFilter struct {
	Office string
	Year   int
	Listed int
}

// DefaultListed is how many proposals a row lists behind each number
// unless the filter says otherwise; the rest are counted
// (FilledProposals, ReservedProposals), so a province with thousands of
// proposals a year answers in the same size.
const DefaultListed = 20

// LoadLedger computes the ledger: the formations, the totals counted by the
// database and at most f.Listed proposals per row and kind, whatever the
// number of proposals in the year. A regency role sees its own office only:
// another office's code is 404, and "" means its own.
func LoadLedger(ctx context.Context, idb bun.IDB, p access.Principal, f LedgerFilter) (*Ledger, error) {
	if f.Year < MinYear || f.Year > MaxYear {
		return nil, apperror.InvalidField("year", fmt.Sprintf("Tahun harus antara %d dan %d.", MinYear, MaxYear))
	}
	l := &Ledger{Year: f.Year}
	var officeID int64
	switch {
	case f.Office != "":
		o := new(models.Office)
		if err := idb.NewSelect().Model(o).Where("code = ?", f.Office).Scan(ctx); err != nil {
			return nil, apperror.NotFound()
		}
		if !p.SeesOffice(o.ID) {
			return nil, apperror.NotFound()
		}
		l.Office, officeID = o, o.ID
	case p.Regional():
		o := new(models.Office)
		if err := idb.NewSelect().Model(o).Where("id = ?", p.OfficeID).Scan(ctx); err != nil {
			return nil, err
		}
		l.Office, officeID = o, o.ID
	}

	st := store.For(idb, p)
	var forms []*Formation
	if err := st.Model(&forms).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		q = q.Relation("Office").Where("formation.year = ?", f.Year)
		if officeID > 0 {
			q = q.Where("formation.office_id = ?", officeID)
		}
		return q
	}).Scan(ctx); err != nil {
		return nil, err
	}
	listed := f.Listed
	if listed <= 0 {
		listed = DefaultListed
	}
	// Totals per office × position × level and filled/reserved, counted by
	// the database; then at most listed proposals of each, ranked there.
	counted := append(append([]models.Status{}, ReservedStatuses...), FilledStatuses...)
	base := func(cols func(*bun.SelectQuery) *bun.SelectQuery) *store.Select {
		return st.From("proposals AS p").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
			q = q.Where("p.kind = ?", models.KindJFT).Where("p.status IN (?)", bun.List(counted)).Where(yearExpr+" = ?", f.Year)
			if officeID > 0 {
				q = q.Where("p.office_id = ?", officeID)
			}
			return cols(q)
		})
	}
	filledExpr := "CASE WHEN p.status IN (?) THEN 1 ELSE 0 END"
	var totals []struct {
		OfficeID   int64  `bun:"office_id"`
		Position   string `bun:"position"`
		Level      string `bun:"level"`
		Filled     int    `bun:"filled"`
		Proposals  int    `bun:"proposals"`
		Candidates int    `bun:"candidates"`
	}
	if err := base(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.ColumnExpr("p.office_id, p.position, p.level").
			ColumnExpr(filledExpr+" AS filled", bun.List(FilledStatuses)).
			ColumnExpr("count(*) AS proposals").
			ColumnExpr("sum((SELECT count(*) FROM candidates AS c WHERE c.proposal_id = p.id)) AS candidates").
			GroupExpr("p.office_id, p.position, p.level, 4")
	}).Scan(ctx, &totals); err != nil {
		return nil, err
	}
	ranked := base(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.ColumnExpr("p.id, p.office_id, p.position, p.level, p.status, p.letter_number").
			ColumnExpr("ROW_NUMBER() OVER (PARTITION BY p.office_id, p.position, p.level, "+filledExpr+
				" ORDER BY p.letter_number, p.id) AS rn", bun.List(FilledStatuses))
	})
	var props []LedgerProposal
	if err := ranked.Wrap("x").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Join("JOIN offices AS o ON o.id = x.office_id").
			ColumnExpr("x.id, x.office_id, o.code AS office_code, o.name AS office_name, x.position, x.level, x.status, x.letter_number").
			ColumnExpr("(SELECT count(*) FROM candidates AS c WHERE c.proposal_id = x.id) AS n").
			Where("x.rn <= ?", listed).OrderExpr("x.letter_number, x.id")
	}).Scan(ctx, &props); err != nil {
		return nil, err
	}
	var names []struct {
		ID   int64  `bun:"id"`
		Code string `bun:"code"`
		Name string `bun:"name"`
	}
	if err := idb.NewSelect().Table("offices").Column("id", "code", "name").Scan(ctx, &names); err != nil {
		return nil, err
	}
	officeName := map[int64][2]string{}
	for _, o := range names {
		officeName[o.ID] = [2]string{o.Code, o.Name}
	}

	type key struct {
		office          int64
		position, level string
	}
	rows := map[key]*LedgerRow{}
	get := func(k key) *LedgerRow {
		r, ok := rows[k]
		if !ok {
			n := officeName[k.office]
			r = &LedgerRow{OfficeID: k.office, OfficeCode: n[0], OfficeName: n[1], Position: models.Position(k.position),
				Level: models.Level(k.level), Year: f.Year, FilledBy: []LedgerProposal{}, ReservedBy: []LedgerProposal{}}
			rows[k] = r
		}
		return r
	}
	for _, fm := range forms {
		r := get(key{fm.OfficeID, fm.Position, fm.Level})
		q := fm.Quota
		r.Planned, r.FormationID, r.Version, r.Basis = &q, fm.ID, fm.Version, fm.Basis
	}
	for _, t := range totals {
		r := get(key{t.OfficeID, t.Position, t.Level})
		if t.Filled == 1 {
			r.Filled, r.FilledProposals = t.Candidates, t.Proposals
		} else {
			r.Reserved, r.ReservedProposals = t.Candidates, t.Proposals
		}
	}
	for _, pr := range props {
		r := get(key{pr.OfficeID, pr.Position, pr.Level})
		if isFilled(pr.Status) {
			r.FilledBy = append(r.FilledBy, pr)
		} else {
			r.ReservedBy = append(r.ReservedBy, pr)
		}
	}
	for _, r := range rows {
		if r.Planned != nil {
			a := *r.Planned - r.Filled - r.Reserved
			r.Available = &a
			l.Planned += *r.Planned
			l.Filled += r.Filled
			l.Reserved += r.Reserved
			l.Available += a
		} else {
			l.Unplanned += r.Filled + r.Reserved
		}
		l.Rows = append(l.Rows, *r)
	}
	sort.Slice(l.Rows, func(i, j int) bool {
		a, b := l.Rows[i], l.Rows[j]
		if a.OfficeCode != b.OfficeCode {
			return a.OfficeCode < b.OfficeCode
		}
		if a.Position != b.Position {
			return positionOrder(a.Position) < positionOrder(b.Position)
		}
		return a.Level.Order() < b.Level.Order()
	})
	if l.Rows == nil {
		l.Rows = []LedgerRow{}
	}
	return l, nil
}

func positionOrder(p models.Position) int {
	for i, x := range models.AllPositions() {
		if x == p {
			return i
		}
	}
	return 99
}
