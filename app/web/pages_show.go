package web

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

func (s *Server) proposalShow(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	prop, err := s.Workflow.Get(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	if err := workflow.FillNotes(c.UserContext(), store.For(s.DB, p), prop); err != nil {
		return err
	}
	evs, err := s.Workflow.Events(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	d, err := showData(p, prop, evs)
	if err != nil {
		return err
	}
	if d.Review, err = s.reviewPanel(c, p, prop); err != nil {
		return err
	}
	if d.Plan, err = s.planBox(c.UserContext(), p, prop); err != nil { // pages_formations.go
		return err
	}
	if prop.Status == models.StatusDraft { // filing windows (filing.go)
		w, err := s.Workflow.FilingWindowFor(c.UserContext(), prop.Kind, prop.Route)
		if err != nil {
			return err
		}
		d.FilingNotice = w.Notice()
	}
	return render(c, 200, views.ProposalShow(s.page(c, d.Subject, "proposals"), d))
}

func showData(p access.Principal, prop *models.Proposal, evs []*models.Event) (views.ShowData, error) {
	v, err := workflow.View(prop)
	if err != nil {
		return views.ShowData{}, err
	}
	d := views.ShowData{ID: prop.ID, Kind: prop.Kind, Version: prop.Version, Status: prop.Status,
		OfficeName: v.OfficeName, OfficeCode: v.Office, Position: models.Position(prop.Position).Label(),
		Level: models.Level(prop.Level).Label(), Route: models.Route(prop.Route).Label(),
		RefDate: prop.ReferenceDate.Indonesian(), LetterNumber: views.Str(prop.LetterNumber),
		LetterDate: prop.LetterDate.Indonesian(), Verdict: prop.Verdict, OverrideNote: prop.OverrideNote,
		DecreeNumber: prop.DecreeNumber, DecreeDate: prop.DecreeDate.Indonesian(),
		Editable: prop.Status.Editable(), CanEdit: prop.Status.Editable() && p.CanFile()}
	if d.RefDate == "" {
		d.RefDate = "hari ini (saat diperiksa)"
	}
	title := ""
	if prop.Kind == models.KindStaffing {
		sr, err := workflow.StaffingOf(prop)
		if err != nil {
			return d, err
		}
		if sr != nil {
			title = sr.PositionTitle
			d.Staffing = staffingFacts(sr)
		}
		d.Checks = checkRows(v.Checks)
	}
	d.Subject = subject(prop.Kind, prop.Position, prop.Level, prop.Route, title)
	for i, cv := range v.Candidates {
		cs := views.CandidateShow{Name: cv.Name, NIP: cv.NIP, Verdict: cv.Verdict,
			Facts: candidateFacts(cv.Candidate), Checks: checkRows(cv.Checks)}
		if i < len(prop.Candidates) {
			cs.OfficeNote = prop.Candidates[i].OfficeNote
		}
		d.Candidates = append(d.Candidates, cs)
	}
	failing := prop.Verdict == "not_eligible"
	_, unlawful := workflow.UnlawfulMechanism(prop)
	for _, t := range workflow.Available(p.Role, prop.Status) {
		if unlawful && (t.Action == workflow.ActSubmit || t.Action == workflow.ActResubmit) {
			continue // cannot be submitted at all; the page says why (ELIGIBILITY.md §6.3)
		}
		d.Actions = append(d.Actions, views.ActionForm{Action: string(t.Action), Label: t.Label,
			NoteRequired: t.NoteRequired, NeedDecree: t.Action == workflow.ActComplete,
			NeedOverride: (t.Action == workflow.ActSubmit || t.Action == workflow.ActResubmit) && failing,
			Danger:       t.Action == workflow.ActReject || t.Action == workflow.ActWithdraw})
	}
	for _, e := range evs {
		row := views.EventRow{At: views.TimeID(e.CreatedAt), Action: workflow.ActionLabel(e.Action),
			From: e.FromStatus.Label(), To: e.ToStatus.Label(), Note: e.Note}
		if e.FromStatus == "" {
			row.From = ""
		}
		row.Details = eventDetails(e)
		if e.Actor != nil {
			row.Actor = e.Actor.DisplayName() + " (" + e.Actor.Role.Label() + ")"
		}
		if on := workflow.OnBehalfOf(e); on != "" { // a substitute's decision (delegation.go)
			row.Actor += " atas nama " + on
		}
		d.Events = append(d.Events, row)
	}
	return d, nil
}

func checkRows(checks []eligibility.Outcome) []views.CheckRow {
	out := make([]views.CheckRow, 0, len(checks))
	for _, c := range checks {
		out = append(out, views.CheckRow{Rule: c.Rule, RuleLabel: views.RuleLabel(c.Rule), Result: c.Result,
			Detail: c.Detail, Basis: c.Basis})
	}
	return out
}

func candidateFacts(c eligibility.Candidate) []views.Fact {
	var f []views.Fact
	add := func(label, v string) {
		if strings.TrimSpace(v) != "" {
			f = append(f, views.Fact{Label: label, Value: v})
		}
	}
	add("Tempat, tanggal lahir", views.Join(", ", c.BirthPlace, c.BirthDate.Indonesian()))
	add("Status kepegawaian", models.EmploymentStatus(c.EmploymentStatus).Label())
	add("Pangkat/golongan", views.Join(", TMT ", models.Rank(c.Rank).Label(), c.RankTMT.Indonesian()))
	add("Jabatan saat ini", views.Join(", TMT ", c.CurrentPosition, c.CurrentPositionTMT.Indonesian()))
	if p := c.CurrentPost; p != nil {
		post := p.Kind.Label()
		if p.Kind == models.PostJF {
			post = views.Join(" ", p.Position.Label(), p.Level.Label())
		}
		add("Jenis/jenjang jabatan saat ini", views.Join(", TMT ", post, p.TMT.Indonesian()))
	}
	if c.CreditPoints != nil {
		add("Angka kredit (PAK terakhir)", views.Join(", PAK ",
			strings.Replace(strconv.FormatFloat(*c.CreditPoints, 'f', -1, 64), ".", ",", 1), c.CreditPointsDate.Indonesian()))
	}
	edu := views.Join(" ", eduLabel(c.EducationLevel), c.EducationField)
	if c.EducationInstitution != "" {
		edu += ", " + c.EducationInstitution
	}
	if c.EducationYear != 0 {
		edu += " (" + strconv.Itoa(c.EducationYear) + ")"
	}
	add("Pendidikan", edu)
	return f
}

func staffingFacts(r *eligibility.StaffingRequest) []views.Fact {
	f := []views.Fact{
		{Label: "Jabatan/tugas", Value: r.PositionTitle},
		{Label: "Jumlah", Value: strconv.Itoa(r.Count) + " orang"},
		{Label: "Mekanisme", Value: models.StaffingMechanism(r.Mechanism).Label()},
		{Label: "Kualifikasi", Value: views.Join(", ", views.Join(" ", eduLabel(r.EducationLevel), r.EducationField),
			ageText(r.AgeMin, r.AgeMax))},
		{Label: "Keterampilan", Value: r.Skills},
		{Label: "Uraian tugas", Value: r.Tasks},
		{Label: "Masa kontrak", Value: r.PeriodStart.Indonesian() + " s.d. " + r.PeriodEnd.Indonesian()},
		{Label: "Honor per bulan", Value: models.Rupiah(r.MonthlyPay)},
		{Label: "Sumber anggaran", Value: r.BudgetSource},
		{Label: "Justifikasi", Value: r.Justification},
	}
	return f
}

// proposalTransition takes a workflow action from the proposal page's forms.
func (s *Server) proposalTransition(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	var in workflow.TransitionInput
	if err := input.DecodeForm(formValues(c), &in); err != nil {
		return err
	}
	prop, err := s.Workflow.Apply(c.UserContext(), p, id, in)
	if err != nil {
		e, ok := apperror.As(err)
		if !ok || e.Status == 404 {
			return err
		}
		back := "/proposals/" + strconv.FormatInt(id, 10)
		if _, wanting := e.Fields["findings"]; wanting {
			back += "/review" // items found wanting: the verifier fixes them there
		}
		s.flashError(c, "Tindakan tidak dilakukan: "+pageMessage(e)) // pages_messages.go
		return c.Redirect(back, fiber.StatusSeeOther)
	}
	s.flash(c, "Status usulan kini: "+prop.Status.Label()+".")
	return c.Redirect("/proposals/"+strconv.FormatInt(id, 10), fiber.StatusSeeOther)
}

// submitConfirm is GET /proposals/{id}/submit: the confirmation step before
// submit or resubmit (the number it will take, the candidates, failing rules
// and documents); its form posts to the transitions.
func (s *Server) submitConfirm(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	pv, err := s.Workflow.PreviewSubmit(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	prop := pv.Proposal
	t, _ := workflow.Lookup(pv.Action)
	v, err := workflow.View(prop)
	if err != nil {
		return err
	}
	title := ""
	d := views.SubmitConfirmData{ID: prop.ID, Version: prop.Version, Action: string(pv.Action), Label: t.Label,
		OfficeName: v.OfficeName, LetterNumber: pv.LetterNumber, LetterDate: s.Workflow.Today().Indonesian(),
		Required: pv.Checklist.Required, Uploaded: pv.Checklist.Uploaded, Unlawful: pv.Unlawful,
		NeedOverride: len(pv.Failing) > 0, Blocked: pv.Blocked, Staffing: prop.Kind == models.KindStaffing,
		FilingNotice: pv.Filing.Notice(), FilingClosed: pv.Filing.Restricted && !pv.Filing.Open}
	if prop.Kind == models.KindStaffing {
		if sr, err := workflow.StaffingOf(prop); err == nil && sr != nil {
			title = sr.PositionTitle
		}
		cc := views.ConfirmCandidate{Verdict: prop.Verdict}
		for _, o := range v.Checks {
			if o.Result == eligibility.Fail {
				cc.Failing = append(cc.Failing, views.RuleLabel(o.Rule)+": "+o.Detail)
			}
		}
		d.Candidates = append(d.Candidates, cc)
	}
	d.Subject = subject(prop.Kind, prop.Position, prop.Level, prop.Route, title)
	for _, cv := range v.Candidates {
		cc := views.ConfirmCandidate{Name: cv.Name, NIP: cv.NIP, Verdict: cv.Verdict}
		for _, o := range cv.Checks {
			if o.Result == eligibility.Fail {
				cc.Failing = append(cc.Failing, views.RuleLabel(o.Rule)+": "+o.Detail)
			}
		}
		d.Candidates = append(d.Candidates, cc)
	}
	for _, g := range pv.Checklist.Groups {
		cd := views.ConfirmDocs{Name: g.Name, Required: g.Required, Uploaded: g.Uploaded}
		for _, it := range g.Items {
			if it.Required && it.Status == workflow.DocMissing {
				cd.Missing = append(cd.Missing, it.Label)
			}
		}
		d.Docs = append(d.Docs, cd)
	}
	for _, k := range []string{"address", "head_name", "head_nip"} {
		if m, ok := pv.OfficeGaps[k]; ok {
			d.OfficeGaps = append(d.OfficeGaps, m)
		}
	}
	return render(c, 200, views.SubmitConfirm(s.page(c, "Konfirmasi pengajuan", "proposals"), d))
}

// notesSave is POST /proposals/{id}/notes: the office's "Ket." notes, one
// field note_<NIP> per candidate.
func (s *Server) notesSave(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	in := workflow.NotesInput{Notes: map[string]string{}}
	in.Version, _ = strconv.ParseInt(c.FormValue("version"), 10, 64)
	c.Request().PostArgs().VisitAll(func(k, v []byte) {
		if nip, ok := strings.CutPrefix(string(k), "note_"); ok {
			in.Notes[nip] = string(v)
		}
	})
	back := "/proposals/" + strconv.FormatInt(id, 10)
	if _, err := s.Workflow.SetCandidateNotes(c.UserContext(), p, id, in); err != nil {
		e, ok := apperror.As(err)
		if !ok || e.Status == 404 || e.Status == 403 {
			return err
		}
		s.flashError(c, "Keterangan tidak disimpan: "+pageMessage(e))
		return c.Redirect(back, fiber.StatusSeeOther)
	}
	s.flash(c, "Keterangan calon tersimpan.")
	return c.Redirect(back, fiber.StatusSeeOther)
}

// apiNotes is PUT /api/v1/proposals/{id}/notes: {"version", "notes": {NIP: note}}.
func (s *Server) apiNotes(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	var in workflow.NotesInput
	if err := input.DecodeJSON(c.Body(), &in); err != nil {
		return err
	}
	prop, err := s.Workflow.SetCandidateNotes(c.UserContext(), p, id, in)
	if err != nil {
		return err
	}
	v, err := workflow.View(prop)
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// eduLabel writes an education level as the ministry does (D-III, S1).
func eduLabel(e models.EducationLevel) string { return workflow.EducationText(e) }
