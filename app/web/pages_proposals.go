package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/input"
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
	d := views.ListData{Total: total, Capped: s.Workflow.TotalCapped(f, total), Page: max(f.Page, 1), PerPage: perPageOr(f.PerPage), Status: string(f.Status),
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

// jftForm is the JFT proposal form as posted, read by input.Form: the
// candidate fields c{i}_{name} are read as candidates.{i}.{name}
// (proposalValues). The json tags are the API's field names, so a value
// that cannot be read is reported where the API reports it, with the same
// message; the proposal it stands for (input) is then checked by the
// workflow exactly as the API's.
type jftForm struct {
	Position      string         `form:"position" json:"position"`
	Level         string         `form:"level" json:"level"`
	Route         string         `form:"route" json:"route"`
	ReferenceDate models.Date    `form:"reference_date" json:"reference_date"`
	Version       int64          `form:"version" json:"version"`
	Candidates    []jftCandidate `form:"candidates" json:"candidates"`
}

// jftCandidate is one candidate's fields on the proposal form.
type jftCandidate struct {
	NIP                  string                   `form:"nip" json:"nip"`
	Name                 string                   `form:"name" json:"name"`
	BirthPlace           string                   `form:"birth_place" json:"birth_place"`
	BirthDate            models.Date              `form:"birth_date" json:"birth_date"`
	Gender               models.Gender            `form:"gender" json:"gender"`
	EmploymentStatus     models.EmploymentStatus  `form:"employment_status" json:"employment_status"`
	Rank                 models.Rank              `form:"rank" json:"rank"`
	RankTMT              models.Date              `form:"rank_tmt" json:"rank_tmt"`
	CurrentPosition      string                   `form:"current_position" json:"current_position"`
	CurrentPositionTMT   models.Date              `form:"current_position_tmt" json:"current_position_tmt"`
	PostKind             models.PostKind          `form:"post_kind" json:"current_post.kind"`
	PostPosition         models.Position          `form:"post_position" json:"current_post.position"`
	PostLevel            models.Level             `form:"post_level" json:"current_post.level"`
	CreditPoints         *input.Decimal           `form:"credit_points" json:"credit_points" msg:"Angka kredit harus angka 0 sampai 100.000, misalnya 112,5."`
	PAKDate              models.Date              `form:"pak_date" json:"credit_points_date"`
	EducationLevel       models.EducationLevel    `form:"education_level" json:"education_level"`
	EducationField       string                   `form:"education_field" json:"education_field"`
	EducationInstitution string                   `form:"education_institution" json:"education_institution"`
	EducationYear        int                      `form:"education_year" json:"education_year" msg:"Tahun lulus harus tahun empat angka, misalnya 2014."`
	Perf1Year            string                   `form:"perf1_year" json:"-"`
	Perf1                models.PerformanceRating `form:"perf1" json:"-"`
	Perf2Year            string                   `form:"perf2_year" json:"-"`
	Perf2                models.PerformanceRating `form:"perf2" json:"-"`
	ExperienceMonths     *int                     `form:"experience_months" json:"experience_months" msg:"Pengalaman harus bilangan bulat bulan, 0 sampai 720."`
	Competency           string                   `form:"competency" json:"-"` // ya, tidak or "" (not given)
	Discipline           string                   `form:"discipline" json:"-"`
	LastDiscipline       models.Date              `form:"last_discipline" json:"discipline"`
	Health               string                   `form:"health" json:"-"`
	Integrity            string                   `form:"integrity" json:"-"`
	Vacancy              string                   `form:"vacancy" json:"-"`
}

// proposalValues is the posted form for input.Form: the fields of the first
// count candidates, c{i}_{name}, renamed candidates.{i}.{name} and trimmed.
func proposalValues(c *fiber.Ctx, count int) url.Values {
	out := url.Values{}
	for k, vs := range formValues(c) {
		if num, field, ok := strings.Cut(strings.TrimPrefix(k, "c"), "_"); ok && strings.HasPrefix(k, "c") && field != "" {
			if i, err := strconv.Atoi(num); err == nil && strconv.Itoa(i) == num && i < count {
				trimmed := make([]string, len(vs))
				for j, v := range vs {
					trimmed[j] = strings.TrimSpace(v)
				}
				out["candidates."+num+"."+field] = trimmed
			}
			continue
		}
		out[k] = vs
	}
	return out
}

// input is the proposal the form stands for (kind jft).
func (f jftForm) input() *workflow.Input {
	in := &workflow.Input{Kind: models.KindJFT, Position: f.Position, Level: f.Level, Route: f.Route,
		ReferenceDate: f.ReferenceDate}
	for _, cf := range f.Candidates {
		in.Candidates = append(in.Candidates, cf.candidate())
	}
	return in
}

// candidate is the candidate the form's fields stand for.
func (cf jftCandidate) candidate() eligibility.Candidate {
	yn := func(s string) *bool {
		var b bool
		switch s {
		case "ya":
			b = true
		case "tidak":
		default:
			return nil
		}
		return &b
	}
	c := eligibility.Candidate{NIP: cf.NIP, Name: cf.Name, BirthPlace: cf.BirthPlace, BirthDate: cf.BirthDate,
		Gender: cf.Gender, EmploymentStatus: cf.EmploymentStatus, Rank: cf.Rank, RankTMT: cf.RankTMT,
		CurrentPosition: cf.CurrentPosition, CurrentPositionTMT: cf.CurrentPositionTMT, CreditPointsDate: cf.PAKDate,
		EducationLevel: cf.EducationLevel, EducationField: cf.EducationField, EducationInstitution: cf.EducationInstitution,
		EducationYear: cf.EducationYear, ExperienceMonths: cf.ExperienceMonths, CompetencyTestPassed: yn(cf.Competency),
		HealthStatement: yn(cf.Health), IntegrityStatement: yn(cf.Integrity), VacancyAvailable: yn(cf.Vacancy)}
	if cf.PostKind != "" || cf.PostPosition != "" || cf.PostLevel != "" {
		c.CurrentPost = &eligibility.CurrentPost{Kind: cf.PostKind, Position: cf.PostPosition, Level: cf.PostLevel,
			TMT: cf.CurrentPositionTMT}
	}
	if cf.CreditPoints != nil {
		v := float64(*cf.CreditPoints)
		c.CreditPoints = &v
	}
	for _, p := range [][2]string{{cf.Perf1Year, string(cf.Perf1)}, {cf.Perf2Year, string(cf.Perf2)}} {
		if p[1] != "" {
			if c.Performance == nil {
				c.Performance = map[string]models.PerformanceRating{}
			}
			c.Performance[p[0]] = models.PerformanceRating(p[1])
		}
	}
	if ongoing := yn(cf.Discipline); ongoing != nil || !cf.LastDiscipline.IsZero() {
		c.Discipline = &eligibility.Discipline{Ongoing: ongoing, LastModerateOrSevere: cf.LastDiscipline}
	}
	return c
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
	var pf jftForm
	if err := input.DecodeForm(proposalValues(c, len(f.Candidates)), &pf); err != nil {
		return s.proposalFormError(c, f, title, err)
	}
	for len(pf.Candidates) < len(f.Candidates) { // a row left blank is a candidate without data
		pf.Candidates = append(pf.Candidates, jftCandidate{})
	}
	prop, err := s.fileOrUpdate(c, p, id, f.Version, pf.input())
	if err != nil {
		return s.proposalFormError(c, f, title, err)
	}
	s.flash(c, "Usulan tersimpan. Hasil pemeriksaan syarat diperbarui.")
	return c.Redirect("/proposals/"+strconv.FormatInt(prop.ID, 10), fiber.StatusSeeOther)
}

// proposalFormError shows the form again with what was typed and a message
// per field, for bad input (400) and a conflict (409); any other error is
// answered as it is.
func (s *Server) proposalFormError(c *fiber.Ctx, f views.ProposalForm, title string, err error) error {
	e, ok := apperror.As(err)
	if !ok || (e.Status != 400 && e.Status != 409) {
		return err
	}
	f.Errors, f.Message = e.Fields, formMessage(e)
	return render(c, e.Status, views.ProposalFormPage(s.page(c, title, "new"), f))
}

// fileOrUpdate files a new proposal (id 0) or replaces one's input (the
// edit forms).
func (s *Server) fileOrUpdate(c *fiber.Ctx, p access.Principal, id, version int64, in *workflow.Input) (*models.Proposal, error) {
	if id > 0 {
		return s.Workflow.Update(c.UserContext(), p, id, version, in)
	}
	return s.Workflow.Create(c.UserContext(), p, in)
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
