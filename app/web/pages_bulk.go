package web

import (
	"sort"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

// Pages of bulk work, delegation and filing periods (issue 15).

// bulkActions are the actions offered on several proposals at once.
var bulkActions = []workflow.Action{workflow.ActClaim, workflow.ActForward, workflow.ActComplete}

// bulkBox is the inbox's bulk form for p, with the results of a run just
// made (inboxBulk leaves them in the request's locals).
func bulkBox(c *fiber.Ctx, p access.Principal) views.BulkBox {
	b, _ := c.Locals("bulk").(views.BulkBox)
	b.Actions = nil
	for _, a := range bulkActions {
		if t, ok := workflow.Lookup(a); ok && t.AllowsRole(p.Role) {
			b.Actions = append(b.Actions, views.Option{Value: string(a), Label: t.Label})
		}
	}
	return b
}

// inboxBulk runs one action on the checked proposals and shows the inbox
// with a result per proposal.
func (s *Server) inboxBulk(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	box := views.BulkBox{Action: c.FormValue("action"), Note: c.FormValue("note"),
		DecreeNumber: strings.TrimSpace(c.FormValue("decree_number")), DecreeDate: strings.TrimSpace(c.FormValue("decree_date"))}
	var in workflow.BulkInput
	err = input.DecodeForm(trimmed(formValues(c)), &in)
	if err == nil {
		var res []workflow.BulkResult
		if res, err = s.Workflow.BulkApply(c.UserContext(), p, in); err == nil {
			for _, r := range res {
				box.Results = append(box.Results, views.BulkResultRow{ID: r.ID, OK: r.OK, Status: r.Status, Error: r.Error})
				if r.OK {
					box.Done++
				} else {
					box.Failed++
				}
			}
		}
	}
	if err != nil {
		e, ok := apperror.As(err)
		if !ok {
			return err
		}
		box.Error = e.Message
		for _, m := range e.Fields {
			box.Error += " " + m
		}
	}
	c.Locals("bulk", box)
	return s.inboxPage(c)
}

func (s *Server) delegationsPage(c *fiber.Ctx) error {
	return s.renderDelegations(c, 200, views.DelegationForm{}, views.ReassignForm{}, nil)
}

func (s *Server) renderDelegations(c *fiber.Ctx, status int, form views.DelegationForm, ra views.ReassignForm,
	results []workflow.BulkResult) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	rows, err := s.Workflow.Delegations(c.UserContext(), p)
	if err != nil {
		return err
	}
	d := views.DelegationsData{IsAdmin: p.IsAdmin(), Form: form, Reassign: ra}
	for _, r := range rows {
		d.Rows = append(d.Rows, views.DelegationRow{ID: r.ID, From: r.FromName, To: r.ToName, Start: r.Start.Indonesian(),
			End: r.End.Indonesian(), Note: r.Note, Active: r.Active, CanDelete: p.IsAdmin() || r.FromID == p.UserID})
	}
	vs, err := s.Workflow.ActiveVerifiers(c.UserContext())
	if err != nil {
		return err
	}
	for _, u := range vs {
		if u.ID != p.UserID {
			d.Verifiers = append(d.Verifiers, views.Option{Value: strconv.FormatInt(u.ID, 10), Label: u.DisplayName()})
		}
	}
	if p.IsAdmin() {
		sort.SliceStable(d.Verifiers, func(i, j int) bool { return d.Verifiers[i].Label < d.Verifiers[j].Label })
	}
	if results != nil {
		done := 0
		for _, r := range results {
			d.Results = append(d.Results, views.BulkResultRow{ID: r.ID, OK: r.OK, Status: r.Status, Error: r.Error})
			if r.OK {
				done++
			}
		}
		d.ResultNote = strconv.Itoa(done) + " dari " + strconv.Itoa(len(results)) + " usulan dialihkan."
		if len(results) == 0 {
			d.ResultNote = "Verifikator itu tidak sedang memegang usulan apa pun."
			d.Results = []views.BulkResultRow{}
		}
	}
	return render(c, status, views.DelegationsPage(s.page(c, "Delegasi verifikator", "delegations"), d))
}

func (s *Server) delegationCreate(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	form := views.DelegationForm{From: c.FormValue("from_user"), To: c.FormValue("to_user"),
		Start: strings.TrimSpace(c.FormValue("start")), End: strings.TrimSpace(c.FormValue("end")), Note: c.FormValue("note")}
	var in workflow.DelegationInput
	err = input.DecodeForm(trimmed(formValues(c)), &in)
	errs := input.Fields(err)
	if err != nil && errs == nil {
		return err
	}
	if len(errs) == 0 {
		d, err := s.Workflow.CreateDelegation(c.UserContext(), p, in)
		if err == nil {
			s.flash(c, "Delegasi tersimpan: "+d.ToName+" menggantikan "+d.FromName+" "+d.Start.Indonesian()+" s.d. "+d.End.Indonesian()+".")
			return c.Redirect("/delegations", fiber.StatusSeeOther)
		}
		e, ok := apperror.As(err)
		if !ok || e.Status == 403 {
			return err
		}
		errs, form.Message = e.Fields, e.Message
	}
	form.Errors = errs
	if form.Message == "" {
		form.Message = "Data delegasi belum benar."
	}
	return s.renderDelegations(c, 422, form, views.ReassignForm{}, nil)
}

func (s *Server) delegationDelete(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	if err := s.Workflow.DeleteDelegation(c.UserContext(), p, id); err != nil {
		return err
	}
	s.flash(c, "Delegasi dicabut.")
	return c.Redirect("/delegations", fiber.StatusSeeOther)
}

func (s *Server) reassignSubmit(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	ra := views.ReassignForm{From: c.FormValue("from_user"), To: c.FormValue("to_user"), Note: c.FormValue("note")}
	var in workflow.ReassignInput
	var res []workflow.BulkResult
	if err = input.DecodeForm(formValues(c), &in); err == nil {
		res, err = s.Workflow.ReassignAll(c.UserContext(), p, in)
	}
	if err != nil {
		e, ok := apperror.As(err)
		if !ok || e.Status == 403 {
			return err
		}
		ra.Message, ra.Errors = e.Message, e.Fields
		return s.renderDelegations(c, 422, views.DelegationForm{}, ra, nil)
	}
	if res == nil {
		res = []workflow.BulkResult{}
	}
	return s.renderDelegations(c, 200, views.DelegationForm{}, views.ReassignForm{}, res)
}

func (s *Server) filingPeriodsPage(c *fiber.Ctx) error {
	return s.renderFilingPeriods(c, 200, views.FilingPeriodForm{Kind: models.KindJFT})
}

func (s *Server) renderFilingPeriods(c *fiber.Ctx, status int, form views.FilingPeriodForm) error {
	rows, err := s.Workflow.FilingPeriods(c.UserContext())
	if err != nil {
		return err
	}
	today := s.Workflow.Today()
	d := views.FilingPeriodsData{Form: form,
		Kinds: []views.Option{{Value: models.KindJFT, Label: "Usulan JFT"}, {Value: models.KindStaffing, Label: "Permintaan tenaga pendukung"}}}
	for _, r := range models.AllRoutes() {
		d.Routes = append(d.Routes, views.Option{Value: string(r), Label: r.Label()})
	}
	for _, r := range rows {
		d.Rows = append(d.Rows, views.FilingPeriodRow{ID: r.ID, What: r.Label(), Start: r.Start.Indonesian(), End: r.End.Indonesian(),
			Open: !today.Before(r.Start) && !today.After(r.End), Ahead: r.Start.After(today), Past: r.End.Before(today)})
	}
	return render(c, status, views.FilingPeriodsPage(s.page(c, "Masa pengajuan", "filing-periods"), d))
}

func (s *Server) filingPeriodCreate(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	form := views.FilingPeriodForm{Kind: c.FormValue("kind"), Route: c.FormValue("route"),
		Start: strings.TrimSpace(c.FormValue("start")), End: strings.TrimSpace(c.FormValue("end"))}
	var in workflow.FilingPeriodInput
	err = input.DecodeForm(trimmed(formValues(c)), &in)
	errs := input.Fields(err)
	if err != nil && errs == nil {
		return err
	}
	if in.Kind == models.KindStaffing {
		in.Route = "" // the route select means nothing for staffing
	}
	if len(errs) == 0 {
		f, err := s.Workflow.CreateFilingPeriod(c.UserContext(), p, in)
		if err == nil {
			s.flash(c, "Masa pengajuan tersimpan: "+f.Label()+", "+f.Start.Indonesian()+" s.d. "+f.End.Indonesian()+".")
			return c.Redirect("/admin/filing-periods", fiber.StatusSeeOther)
		}
		e, ok := apperror.As(err)
		if !ok || e.Status == 403 {
			return err
		}
		errs, form.Message = e.Fields, e.Message
	}
	form.Errors = errs
	if form.Message == "" {
		form.Message = "Data masa pengajuan belum benar."
	}
	return s.renderFilingPeriods(c, 422, form)
}

func (s *Server) filingPeriodDelete(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	if err := s.Workflow.DeleteFilingPeriod(c.UserContext(), p, id); err != nil {
		return err
	}
	s.flash(c, "Masa pengajuan dihapus.")
	return c.Redirect("/admin/filing-periods", fiber.StatusSeeOther)
}
