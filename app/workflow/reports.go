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

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/documents"
	"github.com/kemenagjateng/usulan/models"
)

// ExportXLSX writes every proposal of a filtered list (not just one page)
// that the principal may see, as a spreadsheet, and returns how many rows it
// wrote. The rows come from one query in the list's order (read row by row,
// in one snapshot, so a proposal changed meanwhile is neither lost nor
// doubled) and go to the sheet one at a time: memory stays flat whatever
// the size.
func (s *Service) ExportXLSX(ctx context.Context, p access.Principal, f Filter, w io.Writer) (int, error) {
	if err := s.prepare(ctx, &f); err != nil {
		return 0, err
	}
	rows, err := s.withSummaryColumns(s.filtered(p, f)).
		OrderExpr("p.updated_at DESC, p.id DESC").
		Rows(ctx)
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
	// From the counters the proposals table's triggers keep: whole months
	// from proposal_counts_month, the days before and after them from
	// proposal_counts_day, so a year costs the same at any number of
	// proposals.
	for _, part := range recapParts(from, to) {
		var got []struct {
			OfficeID int64         `bun:"office_id"`
			Status   models.Status `bun:"status"`
			N        int           `bun:"n"`
		}
		cq := s.DB.NewSelect().TableExpr(part.table+" AS p").ColumnExpr("p.office_id, p.status, sum(p.n) AS n").
			Where("p."+part.column+" >= ? AND p."+part.column+" <= ?", part.from, part.to).GroupExpr("p.office_id, p.status")
		if err := p.ScopeProposals(cq, "p").Scan(ctx, &got); err != nil {
			return nil, err
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

// recapPart is a range of counter rows: table, key column, inclusive bounds.
type recapPart struct{ table, column, from, to string }

// recapParts splits [from, to] into the whole months inside it (read from
// proposal_counts_month) and the days before and after them (from
// proposal_counts_day).
func recapParts(from, to models.Date) []recapPart {
	day := func(d models.Date) string { return d.String() }
	first := models.Date{Year: from.Year, Month: from.Month, Day: 1}
	if from.Day != 1 {
		first = first.AddDate(0, 1, 0)
	}
	// lastEnd is the first day after the last whole month.
	lastEnd := models.Date{Year: to.Year, Month: to.Month, Day: 1}
	if to.AddDate(0, 0, 1).Day == 1 {
		lastEnd = lastEnd.AddDate(0, 1, 0)
	}
	if !first.Before(lastEnd) {
		return []recapPart{{"proposal_counts_day", "day", day(from), day(to)}}
	}
	var parts []recapPart
	if from.Before(first) {
		parts = append(parts, recapPart{"proposal_counts_day", "day", day(from), day(first.AddDate(0, 0, -1))})
	}
	parts = append(parts, recapPart{"proposal_counts_month", "month", day(first)[:7], day(lastEnd.AddDate(0, 0, -1))[:7]})
	if !to.Before(lastEnd) {
		parts = append(parts, recapPart{"proposal_counts_day", "day", day(lastEnd), day(to)})
	}
	return parts
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
	err := s.DB.NewSelect().TableExpr("issued_documents AS d").
		Join("JOIN proposals AS p ON p.id = d.proposal_id").Join("JOIN offices AS o ON o.id = p.office_id").
		ColumnExpr("d.kind, d.sha256, d.created_at, p.status, o.name AS office_name").
		ColumnExpr("coalesce(d.letter_number, p.letter_number) AS letter_number").
		ColumnExpr("coalesce(d.letter_date, p.letter_date) AS letter_date").
		Where("d.verify_code = ?", code).Limit(1).Scan(ctx, &row)
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
