package web

import (
	"bytes"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/audit"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/employees"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

// The employee register pages (issue 3): list, add, show, edit, remove,
// export. Every handler reads through the principal's scope.

func (s *Server) employeeList(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	page, _ := strconv.Atoi(c.Query("page"))
	f := employees.Filter{Q: c.Query("q"), Office: c.Query("office"), Page: page}
	rows, total, err := s.Employees.List(c.UserContext(), p, f)
	if err != nil {
		return err
	}
	d := views.EmployeeListData{Total: total, Page: max(page, 1), PerPage: 20, Q: f.Q, Office: f.Office,
		ShowOffice: !p.Regional(), CanWrite: p.CanFile()}
	if d.ShowOffice {
		if d.Offices, err = s.officeOptions(c); err != nil {
			return err
		}
	} else {
		d.Office = ""
	}
	for _, r := range rows {
		d.Rows = append(d.Rows, views.EmployeeRow{ID: r.ID, NIP: r.NIP, Name: r.Name, OfficeName: r.OfficeName,
			Rank: string(r.Rank), Education: r.EducationLevel.Label(), CurrentPosition: r.CurrentPosition})
	}
	return render(c, 200, views.EmployeeList(s.page(c, "Daftar pegawai", "employees"), d))
}

// candidateOptions fills the choices of the candidate fields.
func candidateOptions(f *views.CandidateFields) {
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
	for _, x := range models.AllPositions() {
		f.Positions = append(f.Positions, views.Option{Value: string(x), Label: x.Label()})
	}
	for _, x := range models.AllLevels() {
		f.Levels = append(f.Levels, views.Option{Value: string(x), Label: x.Label()})
	}
}

// candidateFields builds the form fields from a record, showing the
// default rating years plus any year the record has.
func (s *Server) candidateFields(rec employees.Record, errs map[string]string) views.CandidateFields {
	set := map[int]bool{}
	for _, y := range employees.RatingYears(s.Workflow.Today()) {
		set[y] = true
	}
	for k, v := range rec {
		if y, ok := strings.CutPrefix(k, "performance."); ok && v != "" {
			if n, err := strconv.Atoi(y); err == nil && n >= 1900 && n < 2200 {
				set[n] = true
			}
		}
	}
	years := make([]int, 0, len(set))
	for y := range set {
		years = append(years, y)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(years)))
	f := views.CandidateFields{Values: rec, Errors: errs}
	for _, y := range years {
		f.Years = append(f.Years, strconv.Itoa(y))
	}
	candidateOptions(&f)
	return f
}

// readCandidateForm reads the candidate fields of a posted form into a
// Record (as typed) and the Candidate it stands for, with a message per
// bad field.
func readCandidateForm(c *fiber.Ctx) (employees.Record, eligibility.Candidate, map[string]string) {
	rec := employees.Record{}
	for _, col := range employees.Columns() {
		rec[col.Field] = strings.TrimSpace(c.FormValue(col.Field))
	}
	rec["vacancy_available"] = strings.TrimSpace(c.FormValue("vacancy_available"))
	for _, y := range strings.Split(c.FormValue("perf_years"), ",") {
		if y = strings.TrimSpace(y); y != "" && len(y) <= 4 {
			rec["performance."+y] = strings.TrimSpace(c.FormValue("performance." + y))
		}
	}
	extraErrs := map[string]string{}
	if y, r := strings.TrimSpace(c.FormValue("perf_extra_year")), strings.TrimSpace(c.FormValue("perf_extra")); y != "" || r != "" {
		n, err := strconv.Atoi(y)
		switch {
		case err != nil || n < 1900 || n > 2200:
			rec["perf_extra_year"], rec["perf_extra"] = y, r
			extraErrs["perf_extra_year"] = "Tahun SKP harus tahun empat angka, misalnya 2022."
		case r == "":
			rec["perf_extra_year"] = y
			extraErrs["perf_extra_year"] = "Pilih predikat untuk tahun " + y + "."
		default:
			rec["performance."+y] = r
		}
	}
	cand, errs := employees.ParseRecord(rec)
	for k, v := range extraErrs {
		errs[k] = v
	}
	return rec, cand, errs
}

func (s *Server) employeeNew(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	if !p.CanFile() {
		return apperror.Forbidden("Daftar pegawai diisi oleh operator atau kepala Kankemenag masing-masing.")
	}
	f := views.EmployeeForm{Fields: s.candidateFields(employees.Record{"employment_status": "pns"}, nil)}
	return render(c, 200, views.EmployeeFormPage(s.page(c, "Tambah pegawai", "employees"), f))
}

func (s *Server) employeeCreate(c *fiber.Ctx) error {
	return s.employeeSave(c, 0)
}

func (s *Server) employeeUpdate(c *fiber.Ctx) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	return s.employeeSave(c, id)
}

// employeeSave handles add and edit: errors re-render the form with what
// was typed and a message per field.
func (s *Server) employeeSave(c *fiber.Ctx, id int64) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	if id > 0 {
		if _, err := s.Employees.Get(c.UserContext(), p, id); err != nil {
			return err
		}
	}
	if !p.CanFile() {
		return apperror.Forbidden("Daftar pegawai diisi oleh operator atau kepala Kankemenag masing-masing.")
	}
	version, _ := strconv.ParseInt(c.FormValue("version"), 10, 64)
	rec, cand, errs := readCandidateForm(c)
	title := "Tambah pegawai"
	if id > 0 {
		title = "Ubah data pegawai"
	}
	again := func(status int, msg string, fields map[string]string) error {
		f := views.EmployeeForm{ID: id, Version: version, Fields: s.candidateFields(rec, fields), Message: msg}
		return render(c, status, views.EmployeeFormPage(s.page(c, title, "employees"), f))
	}
	if len(errs) > 0 {
		return again(400, "Periksa kembali isian yang ditandai.", errs)
	}
	var e *employees.Employee
	if id > 0 {
		e, err = s.Employees.Update(c.UserContext(), p, id, version, cand)
	} else {
		e, err = s.Employees.Create(c.UserContext(), p, cand)
	}
	if err != nil {
		ae, ok := apperror.As(err)
		if !ok || (ae.Status != 400 && ae.Status != 409) {
			return err
		}
		msg := ae.Message
		if ae.Status == 400 {
			msg = "Periksa kembali isian yang ditandai."
		}
		return again(ae.Status, msg, ae.Fields)
	}
	s.flash(c, "Data pegawai "+e.Candidate.Name+" tersimpan.")
	return c.Redirect("/employees/"+strconv.FormatInt(e.ID, 10), fiber.StatusSeeOther)
}

func (s *Server) employeeEdit(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	e, err := s.Employees.Get(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	if !p.CanFile() {
		return apperror.Forbidden("Daftar pegawai diisi oleh operator atau kepala Kankemenag masing-masing.")
	}
	f := views.EmployeeForm{ID: e.ID, Version: e.Version, Fields: s.candidateFields(employees.ToRecord(e.Candidate), nil)}
	return render(c, 200, views.EmployeeFormPage(s.page(c, "Ubah data pegawai", "employees"), f))
}

func (s *Server) employeeDelete(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	if err := s.Employees.Delete(c.UserContext(), p, id); err != nil {
		return err
	}
	s.flash(c, "Pegawai dihapus dari daftar. Usulan yang sudah dibuat tidak berubah.")
	return c.Redirect("/employees", fiber.StatusSeeOther)
}

func (s *Server) employeeShow(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	e, err := s.Employees.Get(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	today := s.Workflow.Today()
	d := views.EmployeeShowData{ID: e.ID, NIP: e.Candidate.NIP, Name: e.Candidate.Name, OfficeName: e.OfficeName,
		OfficeCode: e.Office, Version: e.Version, CanWrite: p.CanFile(), RefDate: today.Indonesian(),
		Facts: employeeFacts(e.Candidate), WhatIfURL: "/whatif?employee=" + strconv.FormatInt(e.ID, 10)}
	for _, y := range employees.PerformanceYears(e.Candidate) {
		ys := strconv.Itoa(y)
		d.Ratings = append(d.Ratings, views.Fact{Label: ys, Value: e.Candidate.Performance[ys].Label()})
	}
	found := s.Employees.Opportunities(c.UserContext(), e, employees.BatchOptions{ReferenceDate: today, AssumeVacancy: true})
	d.Opportunities = findingRows(p, found, today)
	return render(c, 200, views.EmployeeShow(s.page(c, e.Candidate.Name, "employees"), d))
}

// employeeFacts are the register data worth a line on the employee's page.
func employeeFacts(c eligibility.Candidate) []views.Fact {
	f := candidateFacts(c)
	add := func(label, v string) {
		if strings.TrimSpace(v) != "" {
			f = append(f, views.Fact{Label: label, Value: v})
		}
	}
	yn := func(b *bool, yes, no string) string {
		switch {
		case b == nil:
			return "belum ada"
		case *b:
			return yes
		}
		return no
	}
	add("Jenis kelamin", c.Gender.Label())
	if c.ExperienceMonths != nil {
		add("Pengalaman di bidang tugas", strconv.Itoa(*c.ExperienceMonths)+" bulan")
	}
	add("Uji kompetensi", yn(c.CompetencyTestPassed, "lulus", "belum/tidak lulus"))
	disc := "belum ada"
	if c.Discipline != nil {
		disc = yn(c.Discipline.Ongoing, "sedang menjalani hukuman disiplin", "tidak sedang menjalani hukuman disiplin")
		if !c.Discipline.LastModerateOrSevere.IsZero() {
			disc += "; hukuman sedang/berat terakhir " + c.Discipline.LastModerateOrSevere.Indonesian()
		}
	}
	add("Hukuman disiplin", disc)
	add("Surat keterangan sehat", yn(c.HealthStatement, "ada", "tidak"))
	add("Pakta integritas", yn(c.IntegrityStatement, "ada", "tidak"))
	return f
}

// findingRows turns batch findings into table rows with links to the full
// check and, for those who may file, to a new proposal.
func findingRows(p access.Principal, fs []employees.Finding, ref models.Date) []views.FindingRow {
	out := make([]views.FindingRow, 0, len(fs))
	for _, f := range fs {
		r := views.FindingRow{EmployeeID: f.EmployeeID, Line: f.Row, NIP: f.NIP, Name: f.Name,
			Position: f.Target.Position.Label(), Level: f.Target.Level.Label(), Route: f.Target.Route.Label(), Verdict: f.Verdict}
		if f.Gap != nil {
			r.Gap, r.GapDetail = eligibility.RuleLabel(f.Gap.Rule), f.Gap.Detail
		}
		if f.EmployeeID > 0 {
			q := targetQuery(f.Target)
			q.Set("employee", strconv.FormatInt(f.EmployeeID, 10))
			pq := url.Values{}
			for k, v := range q {
				pq[k] = v
			}
			q.Set("reference_date", ref.String())
			r.WhatIfURL = "/whatif?" + q.Encode() + "#hasil"
			if p.CanFile() {
				r.ProposeURL = "/proposals/new?" + pq.Encode()
			}
		}
		out = append(out, r)
	}
	return out
}

func targetQuery(t eligibility.Target) url.Values {
	return url.Values{"position": {string(t.Position)}, "level": {string(t.Level)}, "route": {string(t.Route)}}
}

func (s *Server) employeeExport(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	officeID := int64(0)
	if !p.Regional() {
		code := c.Query("office")
		if code == "" {
			return apperror.InvalidField("office", "Pilih kantor yang daftar pegawainya akan diunduh.")
		}
		if officeID, err = s.Employees.OfficeIDByCode(c.UserContext(), code); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if err := s.Employees.ExportXLSX(c.UserContext(), p, officeID, &buf); err != nil {
		return err
	}
	if err := s.auditDownload(c, audit.ExportXLSX, "employees", "daftar-pegawai.xlsx"); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="daftar-pegawai.xlsx"`)
	c.Set(fiber.HeaderContentType, mimeXLSX)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.Send(buf.Bytes())
}
