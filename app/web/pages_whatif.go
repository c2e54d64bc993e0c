package web

import (
	"sort"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/employees"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

// The what-if page (issue 3): a candidate typed or picked from the register,
// a target, and every rule's outcome, without filing anything. GET shows the
// form (prefilled from ?employee=ID; checked at once when the target is in
// the query too); POST checks what was typed.

func targetOptions(d *views.WhatIfData) {
	for _, x := range models.AllPositions() {
		d.Positions = append(d.Positions, views.Option{Value: string(x), Label: x.Label()})
	}
	for _, x := range models.AllLevels() {
		d.Levels = append(d.Levels, views.Option{Value: string(x), Label: x.Label()})
	}
	for _, x := range models.AllRoutes() {
		d.Routes = append(d.Routes, views.Option{Value: string(x), Label: x.Label()})
	}
}

func (s *Server) whatIfPage(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	d := views.WhatIfData{Position: c.Query("position"), Level: c.Query("level"), Route: c.Query("route"),
		ReferenceDate: c.Query("reference_date"), Q: strings.TrimSpace(c.Query("q"))}
	if d.Position == "" {
		d.Position = string(models.PranataKomputer)
	}
	targetOptions(&d)
	rec := employees.Record{"employment_status": "pns"}
	if d.Q != "" {
		rows, _, err := s.Employees.List(c.UserContext(), p, employees.Filter{Q: d.Q, PerPage: 10})
		if err != nil {
			return err
		}
		d.Searched = true
		for _, r := range rows {
			m := views.EmployeeRow{ID: r.ID, NIP: r.NIP, Name: r.Name}
			if !p.Regional() {
				m.OfficeName = r.OfficeName
			}
			d.Matches = append(d.Matches, m)
		}
	}
	var cand eligibility.Candidate
	if id := c.Query("employee"); id != "" {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n < 1 {
			return apperror.NotFound()
		}
		e, err := s.Employees.Get(c.UserContext(), p, n)
		if err != nil {
			return err
		}
		d.EmployeeID, d.EmployeeName = e.ID, e.Candidate.Name
		cand = e.Candidate
		rec = employees.ToRecord(e.Candidate)
	}
	d.Fields = s.candidateFields(rec, nil)
	if d.EmployeeID > 0 && d.Level != "" && d.Route != "" {
		s.whatIfEvaluate(c, p, &d, cand)
	}
	return render(c, 200, views.WhatIfPage(s.page(c, "Cek syarat", "whatif"), d))
}

func (s *Server) whatIfCheck(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	d := views.WhatIfData{Position: c.FormValue("position"), Level: c.FormValue("level"), Route: c.FormValue("route"),
		ReferenceDate: strings.TrimSpace(c.FormValue("reference_date"))}
	targetOptions(&d)
	if id, _ := strconv.ParseInt(c.FormValue("employee"), 10, 64); id > 0 {
		// The data checked is what was typed; the pick only names the
		// employee (and is refused like any other read outside the scope).
		e, err := s.Employees.Get(c.UserContext(), p, id)
		if err != nil {
			return err
		}
		d.EmployeeID, d.EmployeeName = e.ID, e.Candidate.Name
	}
	rec, cand, errs := readCandidateForm(c)
	if ie := eligibility.ValidateTarget(d.Position, d.Level, d.Route); ie != nil {
		errs[ie.Field] = ie.Message
	}
	if d.ReferenceDate != "" {
		if _, err := employees.ParseDateText(d.ReferenceDate); err != nil {
			errs["reference_date"] = err.Error()
		}
	}
	if _, bad := errs["nip"]; !bad {
		if ie := cand.Validate(); ie != nil {
			errs[ie.Field] = ie.Message
		}
	}
	d.Fields = s.candidateFields(rec, errs)
	if len(errs) > 0 {
		d.Message = "Periksa kembali isian yang ditandai."
		return render(c, 400, views.WhatIfPage(s.page(c, "Cek syarat", "whatif"), d))
	}
	employees.FillFromNIP(&cand)
	s.whatIfEvaluate(c, p, &d, cand)
	if d.Result != nil && d.EmployeeID == 0 && p.CanFile() {
		// Typed data: the button carries it to a new proposal.
		d.ProposeFields = []views.Hidden{{Name: "position", Value: d.Position}, {Name: "level", Value: d.Level},
			{Name: "route", Value: d.Route}, {Name: "reference_date", Value: d.ReferenceDate}}
		for k, v := range rec {
			if v != "" {
				d.ProposeFields = append(d.ProposeFields, views.Hidden{Name: k, Value: v})
			}
		}
		if years := c.FormValue("perf_years"); years != "" {
			d.ProposeFields = append(d.ProposeFields, views.Hidden{Name: "perf_years", Value: years})
		}
		sort.Slice(d.ProposeFields, func(i, j int) bool { return d.ProposeFields[i].Name < d.ProposeFields[j].Name })
	}
	return render(c, 200, views.WhatIfPage(s.page(c, "Cek syarat", "whatif"), d))
}

// whatIfEvaluate checks cand against d's target and lists the other
// targets it is eligible (or one item short) for.
func (s *Server) whatIfEvaluate(c *fiber.Ctx, p access.Principal, d *views.WhatIfData, cand eligibility.Candidate) {
	ref := s.Workflow.Today()
	if d.ReferenceDate != "" {
		if r, err := employees.ParseDateText(d.ReferenceDate); err == nil {
			ref = r
		}
	}
	if ie := eligibility.ValidateTarget(d.Position, d.Level, d.Route); ie != nil {
		d.Message = ie.Message
		return
	}
	t := eligibility.Target{Position: models.Position(d.Position), Level: models.Level(d.Level), Route: models.Route(d.Route)}
	if p.Regional() {
		// Where the province set a quota for this office and target, the
		// ledger answers the vacancy rule, as it does when filing.
		if open := formationVacancy(s.DB)(c.UserContext(), p.OfficeID, t, ref); open != nil {
			cand.VacancyAvailable = open
		}
	}
	res := eligibility.Evaluate(eligibility.Request{Kind: eligibility.KindJFT, ReferenceDate: ref, Position: t.Position,
		Level: t.Level, Route: t.Route, Candidate: cand})
	r := &views.WhatIfResult{Verdict: res.Verdict, RuleSet: res.RuleSet, RefDate: ref.Indonesian(),
		Target: views.Join(" ", t.Position.Label(), t.Level.Label()) + " — " + t.Route.Label(), Checks: checkRows(res.Checks)}
	if dv := res.Derived; dv != nil {
		if dv.AgeYears != nil {
			r.Derived = append(r.Derived, views.Fact{Label: "Usia pada tanggal acuan",
				Value: strconv.Itoa(*dv.AgeYears) + " tahun " + strconv.Itoa(*dv.AgeMonths) + " bulan"})
		}
		if !dv.RetirementDate.IsZero() {
			r.Derived = append(r.Derived, views.Fact{Label: "Mulai pensiun (BUP jenjang ini)", Value: dv.RetirementDate.Indonesian()})
		}
		if t.Route == models.KenaikanJenjang {
			if pts, years, ok := eligibility.EstimateCreditPoints(cand, ref); ok {
				r.Derived = append(r.Derived, views.Fact{Label: "Perkiraan angka kredit dari SKP (bukan PAK)",
					Value: strings.Replace(strconv.FormatFloat(pts, 'f', -1, 64), ".", ",", 1) + " dari SKP " +
						strconv.Itoa(years[0]) + "–" + strconv.Itoa(years[len(years)-1]) +
						" (perkiraan; syarat angka kredit membaca PAK)"})
			}
		}
		if len(dv.PerformanceYears) > 0 {
			var ys []string
			for _, y := range dv.PerformanceYears {
				ys = append(ys, strconv.Itoa(y))
			}
			r.Derived = append(r.Derived, views.Fact{Label: "Tahun SKP yang dinilai", Value: strings.Join(ys, ", ")})
		}
	}
	d.Result = r
	others := s.Employees.OpportunitiesOf(c.UserContext(), d.EmployeeID, cand, employees.BatchOptions{ReferenceDate: ref})
	kept := others[:0]
	for _, f := range others {
		if f.Target != t {
			kept = append(kept, f)
		}
	}
	d.Others = findingRows(p, kept, ref)
	if d.EmployeeID > 0 && p.CanFile() {
		q := targetQuery(t)
		q.Set("employee", strconv.FormatInt(d.EmployeeID, 10))
		d.ProposeURL = "/proposals/new?" + q.Encode()
	}
}

// proposalFromWhatIf is POST /proposals/new/whatif: the what-if's typed
// data and target become a new proposal's form, to be saved from there.
func (s *Server) proposalFromWhatIf(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	if !p.CanFile() {
		return apperror.Forbidden("Hanya operator atau kepala Kankemenag yang dapat membuat usulan.")
	}
	_, cand, _ := readCandidateForm(c)
	employees.FillFromNIP(&cand)
	y1, y2 := s.ratingYears()
	f := views.ProposalForm{Position: c.FormValue("position"), Level: c.FormValue("level"), Route: c.FormValue("route"),
		ReferenceDate: c.FormValue("reference_date"), Candidates: []views.CandidateForm{candidateForm(cand, y1, y2)}}
	formOptions(&f)
	return render(c, 200, views.ProposalFormPage(s.page(c, "Usulan baru", "new"), f))
}
