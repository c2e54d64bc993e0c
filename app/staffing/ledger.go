package staffing

import (
	"context"
	"fmt"
	"sort"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
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
	OfficeID    int64            `json:"-"`
	OfficeCode  string           `json:"office"`
	OfficeName  string           `json:"office_name"`
	Position    models.Position  `json:"position"`
	Level       models.Level     `json:"level"`
	Year        int              `json:"year"`
	FormationID int64            `json:"formation_id,omitempty"`
	Version     int64            `json:"version,omitempty"`
	Basis       string           `json:"basis,omitempty"`
	Planned     *int             `json:"planned"`
	Filled      int              `json:"filled"`
	Reserved    int              `json:"reserved"`
	Available   *int             `json:"available"`
	FilledBy    []LedgerProposal `json:"filled_by"`
	ReservedBy  []LedgerProposal `json:"reserved_by"`
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
// principal sees) and a year.
type LedgerFilter struct {
	Office string
	Year   int
}

// LoadLedger computes the ledger in two queries. A regency role sees its own
// office only: another office's code is 404, and "" means its own.
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

	var forms []*Formation
	q := idb.NewSelect().Model(&forms).Relation("Office").Where("formation.year = ?", f.Year)
	if officeID > 0 {
		q = q.Where("formation.office_id = ?", officeID)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, err
	}
	var props []LedgerProposal
	pq := idb.NewSelect().TableExpr("proposals AS p").Join("JOIN offices AS o ON o.id = p.office_id").
		ColumnExpr("p.id, p.office_id, o.code AS office_code, o.name AS office_name, p.position, p.level, p.status, p.letter_number").
		ColumnExpr("(SELECT count(*) FROM candidates AS c WHERE c.proposal_id = p.id) AS n").
		Where("p.kind = ?", models.KindJFT).
		Where("p.status IN (?)", bun.List(append(append([]models.Status{}, ReservedStatuses...), FilledStatuses...))).
		Where(yearExpr+" = ?", f.Year).
		OrderExpr("p.letter_number, p.id")
	pq = p.ScopeProposals(pq, "p")
	if officeID > 0 {
		pq = pq.Where("p.office_id = ?", officeID)
	}
	if err := pq.Scan(ctx, &props); err != nil {
		return nil, err
	}

	type key struct {
		office          int64
		position, level string
	}
	rows := map[key]*LedgerRow{}
	get := func(k key, code, name string) *LedgerRow {
		r, ok := rows[k]
		if !ok {
			r = &LedgerRow{OfficeID: k.office, OfficeCode: code, OfficeName: name, Position: models.Position(k.position),
				Level: models.Level(k.level), Year: f.Year, FilledBy: []LedgerProposal{}, ReservedBy: []LedgerProposal{}}
			rows[k] = r
		}
		return r
	}
	for _, fm := range forms {
		r := get(key{fm.OfficeID, fm.Position, fm.Level}, fm.Office.Code, fm.Office.Name)
		q := fm.Quota
		r.Planned, r.FormationID, r.Version, r.Basis = &q, fm.ID, fm.Version, fm.Basis
	}
	for _, pr := range props {
		r := get(key{pr.OfficeID, pr.Position, pr.Level}, pr.OfficeCode, pr.OfficeName)
		if isFilled(pr.Status) {
			r.Filled += pr.Candidates
			r.FilledBy = append(r.FilledBy, pr)
		} else {
			r.Reserved += pr.Candidates
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
