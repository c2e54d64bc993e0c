package workflow

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/documents"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// ExportXLSX writes every proposal of a filtered list (not just one page)
// that the principal may see, as a spreadsheet, and returns how many rows it
// wrote. The rows come from one query in the list's order (read row by row,
// in one snapshot, so a proposal changed meanwhile is neither lost nor
// doubled) and go to the sheet one at a time: memory stays flat whatever
// the size.
func (s *Service) ExportXLSX(ctx context.Context, p access.Principal, f Filter, w io.Writer) (int, error) {
	st := store.For(s.DB, p)
	if err := s.prepare(ctx, st, &f); err != nil {
		return 0, err
	}
	rows, err := s.filtered(st, f).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return s.withSummaryColumns(q).OrderExpr("p.updated_at DESC, p.id DESC")
	}).Rows(ctx)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	xw, err := documents.NewProposalListWriter()
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var r Summary
		if err := s.DB.ScanRow(ctx, rows, &r); err != nil {
			xw.Close()
			return 0, err
		}
		kind, title := "Jabatan Fungsional", models.Position(r.Position).Label()
		if r.Kind == models.KindStaffing {
			kind, title = "Tenaga Pendukung", staffingTitle(r.Staffing)
		}
		if err := xw.Add(documents.ProposalListRow{ID: strconv.FormatInt(r.ID, 10), Office: r.OfficeName,
			Kind: kind, Title: title, Level: models.Level(r.Level).Label(), Route: models.Route(r.Route).Label(),
			Status: r.Status.Label(), LetterNumber: derefStr(r.LetterNumber), Candidates: r.CandidateCount,
			CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}); err != nil {
			xw.Close()
			return 0, err
		}
	}
	if err := rows.Err(); err != nil {
		xw.Close()
		return 0, err
	}
	rows.Close()
	return xw.Rows(), xw.Finish(w)
}

// RecapRow is one office's proposal counts per status.
type RecapRow struct {
	OfficeCode string
	OfficeName string
	Counts     map[models.Status]int
}

// Recap counts, per office and status, the proposals created in the period
// [from, to] (dates in Asia/Jakarta). Regency roles get their own office only.
func (s *Service) Recap(ctx context.Context, p access.Principal, from, to models.Date) ([]RecapRow, error) {
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return nil, apperror.Invalid(map[string]string{"from": "Isi periode dengan tanggal awal tidak melewati tanggal akhir."})
	}
	var offices []models.Office
	q := s.DB.NewSelect().Model(&offices).Where("kind <> 'kanwil'").Order("code")
	if p.Regional() {
		q = q.Where("id = ?", p.OfficeID)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, err
	}
	var counts []struct {
		OfficeID int64         `bun:"office_id"`
		Status   models.Status `bun:"status"`
		N        int           `bun:"n"`
	}
	// From the counters the proposals table's triggers keep (recapParts):
	// a year to date is this year's row per office and status, less the
	// days after today, so it costs the same at any number of proposals.
	st := store.For(s.DB, p)
	for _, part := range recapParts(from, to, s.Today()) {
		var got []struct {
			OfficeID int64         `bun:"office_id"`
			Status   models.Status `bun:"status"`
			N        int           `bun:"n"`
		}
		err := st.From(part.table+" AS p").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.ColumnExpr("p.office_id, p.status, sum(p.n) AS n").
				Where("p."+part.column+" >= ? AND p."+part.column+" <= ?", part.from, part.to).GroupExpr("p.office_id, p.status")
		}).Scan(ctx, &got)
		if err != nil {
			return nil, err
		}
		for i := range got {
			got[i].N *= part.sign
		}
		counts = append(counts, got...)
	}
	byOffice := map[int64]map[models.Status]int{}
	for _, c := range counts {
		if c.N == 0 {
			continue
		}
		if byOffice[c.OfficeID] == nil {
			byOffice[c.OfficeID] = map[models.Status]int{}
		}
		byOffice[c.OfficeID][c.Status] += c.N
	}
	rows := make([]RecapRow, 0, len(offices))
	for _, o := range offices {
		m := byOffice[o.ID]
		if m == nil {
			m = map[models.Status]int{}
		}
		rows = append(rows, RecapRow{OfficeCode: o.Code, OfficeName: o.Name, Counts: m})
	}
	return rows, nil
}

// recapPart is a range of counter rows: table, key column, inclusive
// bounds, and whether its counts are added (sign 1) or taken away (-1).
type recapPart struct {
	table, column, from, to string
	sign                    int
}

// recapCover is a set of parts and its cost: the counter keys (days,
// months, years) it reads up to today. Keys after today cost nothing: no
// proposal is created in the future, so their rows are absent.
type recapCover struct {
	parts []recapPart
	cost  int
}

func (c recapCover) plus(o recapCover) recapCover {
	return recapCover{append(append([]recapPart{}, c.parts...), o.parts...), c.cost + o.cost}
}

func (c recapCover) minus(o recapCover) recapCover {
	out := recapCover{append([]recapPart{}, c.parts...), c.cost + o.cost}
	for _, p := range o.parts {
		p.sign = -p.sign
		out.parts = append(out.parts, p)
	}
	return out
}

// cheaper is the cover of lower cost, then of fewer parts.
func cheaper(a, b recapCover) recapCover {
	if b.cost < a.cost || b.cost == a.cost && len(b.parts) < len(a.parts) {
		return b
	}
	return a
}

// recapParts covers the Jakarta creation dates [from, to] with the counter
// tables proposal_counts_year, _month and _day (migrations 20261206500001,
// 20261208000001), reading as few keys as it can: whole years and months
// from their tables, and a year or month mostly covered as the whole less
// what lies outside the period. A year to date (1 January to today) is one
// year's rows less the days after today, which have none.
func recapParts(from, to, today models.Date) []recapPart {
	if to.Before(from) {
		return nil
	}
	var c recapCover
	for y := from.Year; y <= to.Year; y++ {
		a, b := models.NewDate(y, 1, 1), models.NewDate(y, 12, 31)
		if a.Before(from) {
			a = from
		}
		if b.After(to) {
			b = to
		}
		c = c.plus(coverYear(a, b, today))
	}
	return c.parts
}

// coverYear covers [a, b], both in one year.
func coverYear(a, b, today models.Date) recapCover {
	jan1, dec31 := models.NewDate(a.Year, 1, 1), models.NewDate(a.Year, 12, 31)
	whole := recapCover{[]recapPart{{"proposal_counts_year", "year", a.String()[:4], a.String()[:4], 1}}, keyCost(jan1, today)}
	if a == jan1 && b == dec31 {
		return whole
	}
	return wholeOrLess(whole, jan1, dec31, a, b, func(x, y models.Date) recapCover { return coverMonths(x, y, today) })
}

// wholeOrLess covers [a, b] inside the period [first, last] that whole
// covers: by inner, or as whole less inner's cover of what lies outside
// [a, b], whichever is cheaper.
func wholeOrLess(whole recapCover, first, last, a, b models.Date, inner func(a, b models.Date) recapCover) recapCover {
	sub := whole
	if first.Before(a) {
		sub = sub.minus(inner(first, a.AddDate(0, 0, -1)))
	}
	if b.Before(last) {
		sub = sub.minus(inner(b.AddDate(0, 0, 1), last))
	}
	return cheaper(inner(a, b), sub)
}

// coverMonths covers [a, b], both in one year: the whole months inside as
// one range, the partial months at either end by coverMonth.
func coverMonths(a, b, today models.Date) recapCover {
	if a.Year == b.Year && a.Month == b.Month {
		return coverMonth(a, b, today)
	}
	var c recapCover
	first := a // first day of the first whole month
	if a.Day != 1 {
		c = c.plus(coverMonth(a, lastOfMonth(a), today))
		first = lastOfMonth(a).AddDate(0, 0, 1)
	}
	end := b // last day of the last whole month
	var tail recapCover
	if b != lastOfMonth(b) {
		tail = coverMonth(models.NewDate(b.Year, b.Month, 1), b, today)
		end = models.NewDate(b.Year, b.Month, 1).AddDate(0, 0, -1)
	}
	if !end.Before(first) {
		n := 0
		for m := first; !m.After(end); m = m.AddDate(0, 1, 0) {
			n += keyCost(m, today)
		}
		c = c.plus(recapCover{[]recapPart{{"proposal_counts_month", "month", first.String()[:7], end.String()[:7], 1}}, n})
	}
	return c.plus(tail)
}

// coverMonth covers [a, b], both in one month: its days, or the whole
// month less the days outside [a, b].
func coverMonth(a, b, today models.Date) recapCover {
	first, last := models.NewDate(a.Year, a.Month, 1), lastOfMonth(a)
	whole := recapCover{[]recapPart{{"proposal_counts_month", "month", a.String()[:7], a.String()[:7], 1}}, keyCost(first, today)}
	if a == first && b == last {
		return whole
	}
	return wholeOrLess(whole, first, last, a, b, func(x, y models.Date) recapCover { return coverDays(x, y, today) })
}

// coverDays reads the days [a, b] from proposal_counts_day.
func coverDays(a, b, today models.Date) recapCover {
	n := 0
	for d := a; !d.After(b) && !d.After(today); d = d.AddDate(0, 0, 1) {
		n++
	}
	return recapCover{[]recapPart{{"proposal_counts_day", "day", a.String(), b.String(), 1}}, n}
}

// keyCost is 1 for a counter key whose period starts by today, else 0.
func keyCost(start, today models.Date) int {
	if start.After(today) {
		return 0
	}
	return 1
}

func lastOfMonth(d models.Date) models.Date {
	return models.NewDate(d.Year, d.Month, 1).AddDate(0, 1, -1)
}

// RecapPDF renders the recap on the Kanwil's letterhead.
func (s *Service) RecapPDF(ctx context.Context, p access.Principal, from, to models.Date) ([]byte, error) {
	rows, err := s.Recap(ctx, p, from, to)
	if err != nil {
		return nil, err
	}
	var kanwil models.Office
	if err := s.DB.NewSelect().Model(&kanwil).Where("kind = 'kanwil'").Limit(1).Scan(ctx); err != nil {
		return nil, err
	}
	kanwilDoc, err := officeWithEmblem(ctx, s.DB, &kanwil)
	if err != nil {
		return nil, err
	}
	r := documents.Recap{Kanwil: kanwilDoc, From: from, To: to, Date: s.Today(),
		Subtitle:  "Usulan Jabatan Fungsional dan Tenaga Pendukung per Kantor dan Status",
		Signatory: documents.HeadSignatory(officeDoc(&kanwil))}
	if kanwil.HeadName == "" {
		// No head recorded for the Kanwil: the person who prints it signs,
		// so the recap always carries place, date and a signatory.
		r.Signatory = documents.Signatory{Title: p.Role.Label(), Name: p.Name, NIP: p.NIP}
	}
	for _, st := range models.AllStatuses {
		r.Statuses = append(r.Statuses, st.Label())
	}
	for _, row := range rows {
		rr := documents.RecapRow{Office: strings.TrimPrefix(row.OfficeName, "Kantor Kementerian Agama ")}
		for _, st := range models.AllStatuses {
			rr.Counts = append(rr.Counts, row.Counts[st])
		}
		r.Rows = append(r.Rows, rr)
	}
	var buf bytes.Buffer
	err = documents.RenderRecap(&buf, r)
	return buf.Bytes(), err
}

// Verification is what the public page /v/{code} shows of an issued
// document: enough to tell a genuine letter from an altered one, nothing more.
type Verification struct {
	Kind         string // document kind label
	LetterNumber string
	LetterDate   models.Date
	OfficeName   string // the issuer: the regency for its letter, the Kanwil for a verification sheet
	// ProposalOffice is the office whose proposal a verification sheet
	// verified ("" for a letter).
	ProposalOffice string
	Status         models.Status
	SHA256         string
	IssuedAt       time.Time
}

// Verify looks an issued document up by its verification code. Unknown
// codes are apperror.NotFound.
func (s *Service) Verify(ctx context.Context, code string) (*Verification, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if len(code) != 9 {
		return nil, apperror.NotFound()
	}
	var row struct {
		Kind         string        `bun:"kind"`
		SHA256       string        `bun:"sha256"`
		CreatedAt    time.Time     `bun:"created_at"`
		LetterNumber *string       `bun:"letter_number"`
		LetterDate   models.Date   `bun:"letter_date"`
		Status       models.Status `bun:"status"`
		OfficeName   string        `bun:"office_name"`
	}
	// Anyone holding a document checks it here, signed in or not: no
	// principal, so no office scope; the code names one document.
	st := store.System(s.DB, "a public check of an issued document by its verification code")
	err := st.From("issued_documents AS d").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Join("JOIN proposals AS p ON p.id = d.proposal_id").Join("JOIN offices AS o ON o.id = p.office_id").
			ColumnExpr("d.kind, d.sha256, d.created_at, p.status, o.name AS office_name").
			ColumnExpr("coalesce(d.letter_number, p.letter_number) AS letter_number").
			ColumnExpr("coalesce(d.letter_date, p.letter_date) AS letter_date").
			Where("d.verify_code = ?", code).Limit(1)
	}).Scan(ctx, &row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperror.NotFound()
	}
	if err != nil {
		return nil, err
	}
	v := &Verification{Kind: DocumentKindLabel(row.Kind), LetterNumber: derefStr(row.LetterNumber),
		LetterDate: row.LetterDate, OfficeName: row.OfficeName, Status: row.Status, SHA256: row.SHA256,
		IssuedAt: row.CreatedAt}
	if row.Kind == "verification" {
		// The Kanwil issues the verification sheet; the number is the
		// regency's letter it verified.
		v.ProposalOffice = row.OfficeName
		if err := s.DB.NewSelect().Table("offices").Column("name").Where("kind = 'kanwil'").Limit(1).
			Scan(ctx, &v.OfficeName); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// DocumentKindLabel names an issued document's kind in Indonesian.
func DocumentKindLabel(kind string) string {
	if strings.HasPrefix(kind, SupersededLetter) {
		return "Surat usulan — sudah diganti dengan surat perbaikan bernomor baru"
	}
	switch kind {
	case "letter":
		return "Surat usulan"
	case "verification":
		return "Lembar verifikasi"
	}
	return kind
}
