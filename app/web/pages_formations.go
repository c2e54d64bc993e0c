package web

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/staffing"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

// yearParam reads ?year=, defaulting to this year; a malformed year is 400.
func (s *Server) yearParam(c *fiber.Ctx) (int, error) {
	y := c.Query("year")
	if y == "" {
		return s.Workflow.Today().Year, nil
	}
	n, err := strconv.Atoi(y)
	if err != nil || n < staffing.MinYear || n > staffing.MaxYear {
		return 0, apperror.InvalidField("year", fmt.Sprintf("Tahun harus antara %d dan %d.", staffing.MinYear, staffing.MaxYear))
	}
	return n, nil
}

// ledgerPage is the staffing plan of one office or of the province.
func (s *Server) ledgerPage(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	year, err := s.yearParam(c)
	if err != nil {
		return err
	}
	form := views.QuotaForm{Office: c.Query("office"), Year: strconv.Itoa(year)}
	return s.renderLedger(c, p, 200, year, c.Query("office"), form)
}

func (s *Server) renderLedger(c *fiber.Ctx, p access.Principal, status, year int, office string, form views.QuotaForm) error {
	ctx := c.UserContext()
	l, err := staffing.LoadLedger(ctx, s.DB, p, staffing.LedgerFilter{Office: office, Year: year, Listed: ledgerListed})
	if err != nil {
		return err
	}
	d := views.LedgerPage{Year: year, Province: l.Office == nil, CanChoose: !p.Regional(), IsAdmin: p.IsAdmin(), Form: form,
		Totals: views.LedgerTotals{Planned: l.Planned, Filled: l.Filled, Reserved: l.Reserved, Available: l.Available,
			Unplanned: l.Unplanned}}
	if l.Office != nil {
		d.OfficeCode, d.OfficeName = l.Office.Code, l.Office.Name
	}
	today := s.Workflow.Today().Year
	for y := today - 2; y <= today+2; y++ {
		d.Years = append(d.Years, y)
	}
	if year < today-2 || year > today+2 {
		d.Years = append([]int{year}, d.Years...)
	}
	if d.CanChoose || d.IsAdmin {
		offices, err := s.officeOptions(c)
		if err != nil {
			return err
		}
		for _, o := range offices {
			if o.Value != "Kw.11" {
				d.Offices = append(d.Offices, views.Option{Value: o.Value, Label: o.Value + " · " + o.Label})
			}
		}
	}
	for _, x := range models.AllPositions() {
		d.Positions = append(d.Positions, views.Option{Value: string(x), Label: x.Label()})
	}
	for _, x := range models.AllLevels() {
		d.Levels = append(d.Levels, views.Option{Value: string(x), Label: x.Label()})
	}
	for _, r := range l.Rows {
		rv := views.LedgerRowView{FormationID: r.FormationID, Version: r.Version, OfficeCode: r.OfficeCode,
			OfficeName: r.OfficeName, Position: r.Position.Label(), Level: r.Level.Label(), Basis: r.Basis,
			Filled: r.Filled, Reserved: r.Reserved, Formula: r.Formula(),
			FilledBy: ledgerProposals(r.FilledBy, ledgerListed), ReservedBy: ledgerProposals(r.ReservedBy, ledgerListed)}
		if more := r.FilledProposals + r.ReservedProposals - len(rv.FilledBy) - len(rv.ReservedBy); more > 0 {
			rv.More = more
			rv.MoreURL = "/proposals?" + url.Values{"kind": {models.KindJFT}, "office": {r.OfficeCode},
				"position": {string(r.Position)}, "level": {string(r.Level)}}.Encode()
		}
		if r.Planned != nil {
			rv.HasPlan, rv.Planned, rv.Available = true, *r.Planned, *r.Available
		}
		rv.PositionCode, rv.LevelCode = string(r.Position), string(r.Level)
		d.Rows = append(d.Rows, rv)
	}
	var officeID int64
	if l.Office != nil {
		officeID = l.Office.ID
	}
	evs, err := staffing.Events(ctx, s.DB, p, officeID, year)
	if err != nil {
		return err
	}
	for _, e := range evs {
		row := views.QuotaEventRow{At: views.TimeID(e.CreatedAt), Note: e.Note,
			Subject: models.Position(e.Position).Label() + " " + models.Level(e.Level).Label() + " " + strconv.Itoa(e.Year),
			Change:  quotaChange(e)}
		if e.Office != nil {
			row.Office = e.Office.Code + " · " + e.Office.Name
		}
		if e.Actor != nil {
			row.Actor = e.Actor.DisplayName() + " (" + e.Actor.Role.Label() + ")"
		}
		d.Events = append(d.Events, row)
	}
	title := "Formasi " + strconv.Itoa(year)
	return render(c, status, views.LedgerView(s.page(c, title, "formations"), d))
}

func quotaChange(e *staffing.FormationEvent) string {
	itoa := func(p *int) string {
		if p == nil {
			return "—"
		}
		return strconv.Itoa(*p)
	}
	switch e.Action {
	case "create":
		return "Kuota ditetapkan: " + itoa(e.QuotaAfter)
	case "update":
		return "Kuota diubah: " + itoa(e.QuotaBefore) + " → " + itoa(e.QuotaAfter)
	case "delete":
		return "Formasi dihapus (kuota sebelumnya " + itoa(e.QuotaBefore) + ")"
	}
	return e.Action
}

// ledgerListed is how many proposals the ledger page lists per row and
// kind (filled, reserved); the rest are counted and linked.
const ledgerListed = 5

func ledgerProposals(ps []staffing.LedgerProposal, limit int) []views.LedgerProposalView {
	ps = ps[:min(limit, len(ps))]
	out := make([]views.LedgerProposalView, 0, len(ps))
	for _, x := range ps {
		label := "Usulan #" + strconv.FormatInt(x.ID, 10)
		if x.LetterNumber != nil {
			label = *x.LetterNumber
		}
		out = append(out, views.LedgerProposalView{ID: x.ID, Label: label, Status: x.Status.Label(),
			StatusCode: string(x.Status), Candidates: x.Candidates})
	}
	return out
}

// formationSave sets a quota from the ledger page (admin only); errors
// re-render the page with what was typed.
func (s *Server) formationSave(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	form := views.QuotaForm{Office: strings.TrimSpace(c.FormValue("office")), Position: c.FormValue("position"),
		Level: c.FormValue("level"), Year: strings.TrimSpace(c.FormValue("year")), Quota: strings.TrimSpace(c.FormValue("quota")),
		Basis: c.FormValue("basis")}
	form.Version, _ = strconv.ParseInt(c.FormValue("version"), 10, 64)
	in := staffing.QuotaInput{Office: form.Office, Position: form.Position, Level: form.Level, Basis: form.Basis, Version: form.Version}
	errs := map[string]string{}
	if y, err := strconv.Atoi(form.Year); err == nil {
		in.Year = y
	} else {
		errs["year"] = "Tahun harus angka, misalnya 2027."
	}
	if form.Quota != "" {
		if q, err := strconv.Atoi(form.Quota); err == nil {
			in.Quota = &q
		} else {
			errs["quota"] = "Kuota harus bilangan bulat."
		}
	}
	year := in.Year
	if year < staffing.MinYear || year > staffing.MaxYear {
		year = s.Workflow.Today().Year
	}
	if len(errs) == 0 {
		_, err = staffing.SetQuota(c.UserContext(), s.DB, p, in, s.Workflow.Now())
		if err == nil {
			s.flash(c, "Kuota tersimpan dan tercatat pada riwayat.")
			return c.Redirect(ledgerURL(form.Office, in.Year), fiber.StatusSeeOther)
		}
		e, ok := apperror.As(err)
		if !ok || (e.Status != 400 && e.Status != 409) {
			return err
		}
		errs = e.Fields
		form.Message = e.Message
	}
	if form.Message == "" || len(errs) > 0 {
		form.Message = strings.TrimSpace("Kuota belum tersimpan. " + form.Message)
	}
	form.Errors = errs
	status := 400
	if len(errs) == 0 {
		status = 409
	}
	office := form.Office
	if office != "" {
		if _, err := staffing.LoadLedger(c.UserContext(), s.DB, p, staffing.LedgerFilter{Office: office, Year: year}); err != nil {
			office = ""
		}
	}
	return s.renderLedger(c, p, status, year, office, form)
}

// formationDelete removes a formation (admin only), with the reason typed.
func (s *Server) formationDelete(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	version, _ := strconv.ParseInt(c.FormValue("version"), 10, 64)
	back := c.FormValue("back")
	if !strings.HasPrefix(back, "/formations") {
		back = "/formations"
	}
	if err := staffing.DeleteFormation(c.UserContext(), s.DB, p, id, version, c.FormValue("basis"), s.Workflow.Now()); err != nil {
		e, ok := apperror.As(err)
		if !ok || e.Status == 404 || e.Status == 403 {
			return err
		}
		msg := e.Message
		for _, m := range e.Fields {
			msg += " " + m
		}
		s.flashError(c, "Formasi tidak dihapus: "+msg)
		return c.Redirect(back, fiber.StatusSeeOther)
	}
	s.flash(c, "Formasi dihapus; penghapusan tercatat pada riwayat.")
	return c.Redirect(back, fiber.StatusSeeOther)
}

func ledgerURL(office string, year int) string {
	v := url.Values{}
	v.Set("year", strconv.Itoa(year))
	if office != "" {
		v.Set("office", office)
	}
	return "/formations?" + v.Encode()
}

// planBox is the formation ledger as it concerns one JFT proposal (nil for
// a staffing request).
func (s *Server) planBox(ctx context.Context, p access.Principal, prop *models.Proposal) (*views.PlanBox, error) {
	if prop.Kind != models.KindJFT || prop.Office == nil {
		return nil, nil
	}
	year := staffing.YearOf(prop, s.Workflow.Today())
	t, err := staffing.Count(ctx, s.DB, prop.OfficeID, prop.Position, prop.Level, year, prop.ID, false)
	if err != nil {
		return nil, err
	}
	b := &views.PlanBox{Configured: t.Configured, Office: prop.Office.Code, Year: year,
		Subject: models.Position(prop.Position).Label() + " " + models.Level(prop.Level).Label(),
		Planned: t.Planned, Filled: t.Filled, Reserved: t.Reserved, Available: t.Available(), Own: len(prop.Candidates),
		LedgerURL: ledgerURL(prop.Office.Code, year)}
	for _, st := range staffing.ReservedStatuses {
		if prop.Status == st {
			b.Counted = "dipesan"
		}
	}
	if prop.Status == models.StatusCompleted {
		b.Counted = "terisi"
	}
	return b, nil
}
