package web

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/offices"
	"github.com/kemenagjateng/usulan/app/reports"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

func (s *Server) dashboard(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	counts, err := s.Workflow.Counts(c.UserContext(), p)
	if err != nil {
		return err
	}
	d := views.DashboardData{}
	for _, st := range models.AllStatuses {
		d.Counts = append(d.Counts, views.StatusCount{Status: st, N: counts[st]})
		d.Total += counts[st]
	}
	return render(c, 200, views.Dashboard(s.page(c, "Beranda", "home"), d))
}

func statusOptions() []views.Option {
	var out []views.Option
	for _, st := range models.AllStatuses {
		out = append(out, views.Option{Value: string(st), Label: st.Label()})
	}
	return out
}

func (s *Server) officeOptions(c *fiber.Ctx) ([]views.Option, error) {
	all, err := offices.ListByCode(c.UserContext(), s.DB)
	if err != nil {
		return nil, err
	}
	out := make([]views.Option, 0, len(all))
	for _, o := range all {
		out = append(out, views.Option{Value: o.Code, Label: o.Name})
	}
	return out, nil
}

// subject is how a proposal is named in lists and headings.
func subject(kind, position, level, route, title string) string {
	if kind == models.KindStaffing {
		return "Tenaga pendukung: " + title
	}
	return views.Join(" ", models.Position(position).Label(), models.Level(level).Label()) +
		" — " + models.Route(route).Label()
}

func (s *Server) proposalList(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	f := filterFromQuery(c)
	rows, total, err := s.Workflow.List(c.UserContext(), p, f)
	if err != nil {
		return err
	}
	d := views.ListData{Total: total, Capped: total > s.Workflow.ListTotalCap(), Page: max(f.Page, 1), PerPage: perPageOr(f.PerPage), Status: string(f.Status),
		Kind: f.Kind, Office: f.Office, Q: f.Q, Statuses: statusOptions(), ShowOffice: !p.Regional()}
	if d.ShowOffice {
		if d.Offices, err = s.officeOptions(c); err != nil {
			return err
		}
	}
	d.Drill, d.DrillText = drillOf(f)
	for _, r := range rows {
		row := views.ListRow{ID: r.ID, Kind: r.Kind, OfficeName: r.OfficeName, Status: r.Status,
			Subject: subject(r.Kind, r.Position, r.Level, r.Route, r.Title), LetterNumber: views.Str(r.LetterNumber),
			Verdict: r.Verdict, Candidates: r.CandidateCount, Requested: r.Requested, Updated: views.TimeID(r.UpdatedAt),
			Overdue: r.Overdue}
		if r.Due != nil {
			row.Due = r.Due.Indonesian()
		}
		d.Rows = append(d.Rows, row)
	}
	return render(c, 200, views.ProposalList(s.page(c, "Daftar usulan", "proposals"), d))
}

// drillOf is the list's drill-down filters (from /peta or the ledger) as
// query parameters and in words.
func drillOf(f workflow.Filter) ([][2]string, string) {
	var kv [][2]string
	var words []string
	add := func(key, value, text string) {
		if value != "" {
			kv = append(kv, [2]string{key, value})
			words = append(words, text)
		}
	}
	add("position", f.Position, "jabatan "+models.Position(f.Position).Label())
	add("level", f.Level, "jenjang "+models.Level(f.Level).Label())
	from, _ := models.ParseDate(f.FiledFrom)
	to, _ := models.ParseDate(f.FiledTo)
	add("filed_from", f.FiledFrom, "diajukan sejak "+from.Indonesian())
	add("filed_to", f.FiledTo, "diajukan sampai "+to.Indonesian())
	add("reason", f.Reason, "alasan “"+reports.ReasonLabel(f.Reason)+"”")
	if f.Path != "" {
		var states []string
		for _, st := range strings.Split(f.Path, ">") {
			states = append(states, models.Status(st).Label())
		}
		add("path", f.Path, "jalur "+strings.Join(states, " → "))
	}
	return kv, strings.Join(words, ", ")
}

// formOptions fills the choices of the proposal form.
func formOptions(f *views.ProposalForm) {
	for _, x := range models.AllPositions() {
		f.Positions = append(f.Positions, views.Option{Value: string(x), Label: x.Label()})
	}
	for _, x := range models.AllLevels() {
		f.Levels = append(f.Levels, views.Option{Value: string(x), Label: x.Label()})
	}
	for _, x := range models.AllRoutes() {
		f.Routes = append(f.Routes, views.Option{Value: string(x), Label: x.Label()})
	}
	for _, x := range models.AllEmploymentStatuses() {
		f.Statuses = append(f.Statuses, views.Option{Value: string(x), Label: x.Label()})
	}
	for _, x := range models.AllRanks() {
		f.Ranks = append(f.Ranks, views.Option{Value: string(x), Label: x.Label()})
	}
	for _, x := range models.AllEducationLevels() {
		f.Educations = append(f.Educations, views.Option{Value: string(x), Label: x.Label()})
	}
	for _, x := range models.AllPerformanceRatings() {
		f.Ratings = append(f.Ratings, views.Option{Value: string(x), Label: x.Label()})
	}
	for _, x := range models.AllPostKinds() {
		f.PostKinds = append(f.PostKinds, views.Option{Value: string(x), Label: x.Label()})
	}
}

// ratingYears are the two most recent full years, the ones the rules read.
func (s *Server) ratingYears() (string, string) {
	y := s.Workflow.Today().Year
	return strconv.Itoa(y - 1), strconv.Itoa(y - 2)
}

func (s *Server) blankCandidate() views.CandidateForm {
	y1, y2 := s.ratingYears()
	return views.CandidateForm{EmploymentStatus: "pns", PerfYear1: y1, PerfYear2: y2}
}

func (s *Server) proposalNew(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	if !p.CanFile() {
		return apperror.Forbidden("Hanya operator atau kepala Kankemenag yang dapat membuat usulan.")
	}
	f := views.ProposalForm{Position: string(models.PranataKomputer), Candidates: []views.CandidateForm{s.blankCandidate()}}
	if err := s.prefillFromRegister(c, p, &f); err != nil {
		return err
	}
	formOptions(&f)
	return render(c, 200, views.ProposalFormPage(s.page(c, "Usulan baru", "new"), f))
}

// readForm reads the proposal form as typed (nothing is lost on an error).
func (s *Server) readForm(c *fiber.Ctx) views.ProposalForm {
	f := views.ProposalForm{Position: c.FormValue("position"), Level: c.FormValue("level"), Route: c.FormValue("route"),
		ReferenceDate: c.FormValue("reference_date"), Pick: c.FormValue("pick")}
	f.Version, _ = strconv.ParseInt(c.FormValue("version"), 10, 64)
	n, _ := strconv.Atoi(c.FormValue("count"))
	n = min(max(n, 1), workflow.MaxCandidates)
	y1, y2 := s.ratingYears()
	for i := 0; i < n; i++ {
		v := func(k string) string { return strings.TrimSpace(c.FormValue("c" + strconv.Itoa(i) + "_" + k)) }
		cf := views.CandidateForm{NIP: v("nip"), Name: v("name"), BirthPlace: v("birth_place"), BirthDate: v("birth_date"),
			Gender: v("gender"), EmploymentStatus: v("employment_status"), Rank: v("rank"), RankTMT: v("rank_tmt"),
			CurrentPosition: v("current_position"), EducationLevel: v("education_level"), EducationField: v("education_field"),
			EducationInstitution: v("education_institution"), EducationYear: v("education_year"),
			PerfYear1: v("perf1_year"), PerfRating1: v("perf1"), PerfYear2: v("perf2_year"), PerfRating2: v("perf2"),
			ExperienceMonths: v("experience_months"), CompetencyTest: v("competency"), DisciplineOngoing: v("discipline"),
			LastDiscipline: v("last_discipline"), Health: v("health"), Integrity: v("integrity"), Vacancy: v("vacancy"),
			CurrentPositionTMT: v("current_position_tmt"), PostKind: v("post_kind"), PostPosition: v("post_position"),
			PostLevel: v("post_level"), CreditPoints: v("credit_points"), PAKDate: v("pak_date")}
		if cf.PerfYear1 == "" {
			cf.PerfYear1, cf.PerfYear2 = y1, y2
		}
		f.Candidates = append(f.Candidates, cf)
	}
	return f
}

// formBody turns the form into the API's JSON body, so the form and the API
// go through one decoder and one validation. Malformed numbers become field
// errors here.
func formBody(f views.ProposalForm) ([]byte, map[string]string) {
	errs := map[string]string{}
	body := map[string]any{"kind": "jft", "position": f.Position, "level": f.Level, "route": f.Route, "version": f.Version}
	if f.ReferenceDate != "" {
		body["reference_date"] = f.ReferenceDate
	}
	yn := func(s string) any {
		switch s {
		case "ya":
			return true
		case "tidak":
			return false
		}
		return nil
	}
	var cands []map[string]any
	for i, cf := range f.Candidates {
		key := func(k string) string { return "candidates[" + strconv.Itoa(i) + "]." + k }
		c := map[string]any{"nip": cf.NIP, "name": cf.Name}
		set := func(k, v string) {
			if v != "" {
				c[k] = v
			}
		}
		set("birth_place", cf.BirthPlace)
		set("birth_date", cf.BirthDate)
		set("gender", cf.Gender)
		set("employment_status", cf.EmploymentStatus)
		set("rank", cf.Rank)
		set("rank_tmt", cf.RankTMT)
		set("current_position", cf.CurrentPosition)
		set("current_position_tmt", cf.CurrentPositionTMT)
		set("credit_points_date", cf.PAKDate)
		if cf.PostKind != "" || cf.PostPosition != "" || cf.PostLevel != "" {
			post := map[string]any{"kind": cf.PostKind}
			if cf.PostPosition != "" {
				post["position"] = cf.PostPosition
			}
			if cf.PostLevel != "" {
				post["level"] = cf.PostLevel
			}
			if cf.CurrentPositionTMT != "" {
				post["tmt"] = cf.CurrentPositionTMT
			}
			c["current_post"] = post
		}
		if cf.CreditPoints != "" {
			if v, err := strconv.ParseFloat(strings.Replace(cf.CreditPoints, ",", ".", 1), 64); err == nil && v >= 0 {
				c["credit_points"] = v
			} else {
				errs[key("credit_points")] = "Angka kredit harus angka 0 atau lebih, misalnya 112,5."
			}
		}
		set("education_level", cf.EducationLevel)
		set("education_field", cf.EducationField)
		set("education_institution", cf.EducationInstitution)
		if cf.EducationYear != "" {
			if y, err := strconv.Atoi(cf.EducationYear); err == nil && y > 1900 && y < 2200 {
				c["education_year"] = y
			} else {
				errs[key("education_year")] = "Tahun lulus harus angka tahun, misalnya 2014."
			}
		}
		perf := map[string]string{}
		if cf.PerfRating1 != "" {
			perf[cf.PerfYear1] = cf.PerfRating1
		}
		if cf.PerfRating2 != "" {
			perf[cf.PerfYear2] = cf.PerfRating2
		}
		if len(perf) > 0 {
			c["performance"] = perf
		}
		if cf.ExperienceMonths != "" {
			if m, err := strconv.Atoi(cf.ExperienceMonths); err == nil && m >= 0 {
				c["experience_months"] = m
			} else {
				errs[key("experience_months")] = "Pengalaman harus bilangan bulat bulan, 0 atau lebih."
			}
		}
		if v := yn(cf.CompetencyTest); v != nil {
			c["competency_test_passed"] = v
		}
		if v := yn(cf.DisciplineOngoing); v != nil || cf.LastDiscipline != "" {
			d := map[string]any{"ongoing": v}
			if cf.LastDiscipline != "" {
				d["last_moderate_or_severe"] = cf.LastDiscipline
			}
			c["discipline"] = d
		}
		if v := yn(cf.Health); v != nil {
			c["health_statement"] = v
		}
		if v := yn(cf.Integrity); v != nil {
			c["integrity_statement"] = v
		}
		if v := yn(cf.Vacancy); v != nil {
			c["vacancy_available"] = v
		}
		cands = append(cands, c)
	}
	body["candidates"] = cands
	b, _ := json.Marshal(body)
	return b, errs
}

// saveForm handles both create and update: add/remove rows re-render the
// form; errors re-render it with what was typed and a message per field.
func (s *Server) saveForm(c *fiber.Ctx, p access.Principal, id int64) error {
	f := s.readForm(c)
	f.ID = id
	formOptions(&f)
	title := "Usulan baru"
	if id > 0 {
		title = "Ubah usulan"
	}
	switch c.FormValue("do") {
	case "add":
		f.Candidates = append(f.Candidates, s.blankCandidate())
		return render(c, 200, views.ProposalFormPage(s.page(c, title, "new"), f))
	case "remove":
		if len(f.Candidates) > 1 {
			f.Candidates = f.Candidates[:len(f.Candidates)-1]
		}
		return render(c, 200, views.ProposalFormPage(s.page(c, title, "new"), f))
	case "pick":
		s.pickFromRegister(c, p, &f)
		return render(c, 200, views.ProposalFormPage(s.page(c, title, "new"), f))
	}
	body, errs := formBody(f)
	if len(errs) > 0 {
		f.Errors, f.Message = errs, "Periksa kembali isian yang ditandai."
		return render(c, 400, views.ProposalFormPage(s.page(c, title, "new"), f))
	}
	prop, formErr, err := s.fileOrPatch(c, p, id, body)
	if err != nil {
		return err
	}
	if formErr != nil {
		f.Errors, f.Message = formErr.Fields, formMessage(formErr)
		return render(c, formErr.Status, views.ProposalFormPage(s.page(c, title, "new"), f))
	}
	s.flash(c, "Usulan tersimpan. Hasil pemeriksaan syarat diperbarui.")
	return c.Redirect("/proposals/"+strconv.FormatInt(prop.ID, 10), fiber.StatusSeeOther)
}

// fileOrPatch files a new proposal (id 0) or edits one from a form turned
// into the API's JSON body. Bad input (400) and conflicts (409) come back as
// formErr for the form to show with what was typed; anything else is err.
func (s *Server) fileOrPatch(c *fiber.Ctx, p access.Principal, id int64, body []byte) (prop *models.Proposal, formErr *apperror.Error, err error) {
	if id > 0 {
		prop, err = s.Workflow.Patch(c.UserContext(), p, id, body)
	} else {
		var in *workflow.Input
		if in, err = s.Workflow.DecodeInput(body); err == nil {
			prop, err = s.Workflow.Create(c.UserContext(), p, in)
		}
	}
	if err != nil {
		if e, ok := apperror.As(err); ok && (e.Status == 400 || e.Status == 409) {
			return nil, e, nil
		}
		return nil, nil, err
	}
	return prop, nil, nil
}

// formMessage is the message above a form that came back with errors.
func formMessage(e *apperror.Error) string {
	if e.Status == 400 {
		return "Periksa kembali isian yang ditandai."
	}
	return e.Message
}

func (s *Server) proposalCreate(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	if !p.CanFile() {
		return apperror.Forbidden("Hanya operator atau kepala Kankemenag yang dapat membuat usulan.")
	}
	return s.saveForm(c, p, 0)
}

func (s *Server) proposalUpdate(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	if _, err := s.Workflow.Get(c.UserContext(), p, id); err != nil {
		return err
	}
	return s.saveForm(c, p, id)
}

func (s *Server) proposalEdit(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	prop, err := s.Workflow.Get(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	if !p.CanFile() {
		return apperror.Forbidden("")
	}
	if !prop.Status.Editable() {
		return apperror.Conflict("Usulan berstatus " + prop.Status.Label() + " tidak dapat diubah.")
	}
	if prop.Kind == models.KindStaffing {
		return s.staffingEditPage(c, prop) // pages_staffing.go
	}
	f := views.ProposalForm{ID: prop.ID, Version: prop.Version, Position: prop.Position, Level: prop.Level,
		Route: prop.Route, ReferenceDate: prop.ReferenceDate.String()}
	y1, y2 := s.ratingYears()
	for _, cm := range prop.Candidates {
		cv, err := workflow.CandidateOf(cm)
		if err != nil {
			return err
		}
		f.Candidates = append(f.Candidates, candidateForm(cv.Candidate, y1, y2))
	}
	formOptions(&f)
	return render(c, 200, views.ProposalFormPage(s.page(c, "Ubah usulan", "proposals"), f))
}

func candidateForm(c eligibility.Candidate, y1, y2 string) views.CandidateForm {
	yn := func(b *bool) string {
		if b == nil {
			return ""
		}
		if *b {
			return "ya"
		}
		return "tidak"
	}
	cf := views.CandidateForm{NIP: c.NIP, Name: c.Name, BirthPlace: c.BirthPlace, BirthDate: c.BirthDate.String(),
		Gender: string(c.Gender), EmploymentStatus: string(c.EmploymentStatus), Rank: string(c.Rank),
		RankTMT: c.RankTMT.String(), CurrentPosition: c.CurrentPosition, EducationLevel: string(c.EducationLevel),
		EducationField: c.EducationField, EducationInstitution: c.EducationInstitution,
		PerfYear1: y1, PerfYear2: y2, PerfRating1: string(c.Performance[y1]), PerfRating2: string(c.Performance[y2]),
		CompetencyTest: yn(c.CompetencyTestPassed), Health: yn(c.HealthStatement), Integrity: yn(c.IntegrityStatement),
		Vacancy: yn(c.VacancyAvailable)}
	if c.EducationYear != 0 {
		cf.EducationYear = strconv.Itoa(c.EducationYear)
	}
	if c.ExperienceMonths != nil {
		cf.ExperienceMonths = strconv.Itoa(*c.ExperienceMonths)
	}
	if c.Discipline != nil {
		cf.DisciplineOngoing = yn(c.Discipline.Ongoing)
		cf.LastDiscipline = c.Discipline.LastModerateOrSevere.String()
	}
	cf.CurrentPositionTMT, cf.PAKDate = c.CurrentPositionTMT.String(), c.CreditPointsDate.String()
	if p := c.CurrentPost; p != nil {
		cf.PostKind, cf.PostPosition, cf.PostLevel = string(p.Kind), string(p.Position), string(p.Level)
		if cf.CurrentPositionTMT == "" {
			cf.CurrentPositionTMT = p.TMT.String()
		}
	}
	if c.CreditPoints != nil {
		cf.CreditPoints = strings.Replace(strconv.FormatFloat(*c.CreditPoints, 'f', -1, 64), ".", ",", 1)
	}
	return cf
}
