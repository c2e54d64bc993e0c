package web

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/audit"
	"github.com/kemenagjateng/usulan/app/documents"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/employees"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

// The batch check (issue 3): "who in my office can be proposed now?" over
// the register or an uploaded spreadsheet, with the upload kept until its
// uploader confirms the import (all rows in one transaction).

// batchPerPage is the rows of one page of results (and of the people with
// no possible target); the XLSX has every filtered finding.
const batchPerPage = 50

// batchFilter keeps the findings of one target part and outcome ("" is any).
type batchFilter struct{ position, level, route, outcome string }

// readBatchFilter reads the filters from the query into d (with their
// options); a value that is not an option counts as "any".
func readBatchFilter(c *fiber.Ctx, d *views.BatchData) batchFilter {
	pick := func(key string, opts []views.Option) string {
		v := c.Query(key)
		for _, o := range opts {
			if o.Value == v {
				return v
			}
		}
		return ""
	}
	for _, x := range models.AllPositions() {
		d.Positions = append(d.Positions, views.Option{Value: string(x), Label: x.Label()})
	}
	for _, x := range models.AllLevels() {
		d.Levels = append(d.Levels, views.Option{Value: string(x), Label: x.Label()})
	}
	for _, x := range models.AllRoutes() {
		d.Routes = append(d.Routes, views.Option{Value: string(x), Label: x.Label()})
	}
	d.Outcomes = []views.Option{{Value: eligibility.Eligible, Label: "Memenuhi syarat"},
		{Value: eligibility.Incomplete, Label: "Kurang satu syarat"}}
	d.Position, d.Level, d.Route, d.Outcome = pick("position", d.Positions), pick("level", d.Levels),
		pick("route", d.Routes), pick("outcome", d.Outcomes)
	return batchFilter{d.Position, d.Level, d.Route, d.Outcome}
}

func (f batchFilter) keeps(x employees.Finding) bool {
	return (f.position == "" || f.position == string(x.Target.Position)) &&
		(f.level == "" || f.level == string(x.Target.Level)) &&
		(f.route == "" || f.route == string(x.Target.Route)) &&
		(f.outcome == "" || f.outcome == x.Verdict)
}

// batchResults collects one page of the filtered findings and of the
// people with no possible target into d, counting them all.
type batchResults struct {
	d      *views.BatchData
	filter batchFilter
	shown  []employees.Finding
	misses []employees.Miss
	last   string // the person of the previous finding (findings come person by person)
}

func newBatchResults(c *fiber.Ctx, d *views.BatchData, o *employees.BatchOptions) *batchResults {
	r := &batchResults{d: d, filter: readBatchFilter(c, d)}
	d.PerPage, d.Page, d.MissPage = batchPerPage, max(1, c.QueryInt("page", 1)), max(1, c.QueryInt("mpage", 1))
	o.OnMiss = func(m employees.Miss) {
		if d.MissTotal >= (d.MissPage-1)*batchPerPage && d.MissTotal < d.MissPage*batchPerPage {
			r.misses = append(r.misses, m)
		}
		d.MissTotal++
	}
	return r
}

func (r *batchResults) add(x employees.Finding) {
	d := r.d
	d.All++
	if who := x.NIP + "/" + strconv.Itoa(x.Row) + "/" + strconv.FormatInt(x.EmployeeID, 10); who != r.last {
		d.People++
		r.last = who
	}
	if !r.filter.keeps(x) {
		return
	}
	if d.Total >= (d.Page-1)*batchPerPage && d.Total < d.Page*batchPerPage {
		r.shown = append(r.shown, x)
	}
	d.Total++
}

// done turns the collected page into rows.
func (r *batchResults) done(p access.Principal, ref models.Date) {
	r.d.Findings = findingRows(p, r.shown, ref)
	for _, m := range r.misses {
		row := views.MissRow{EmployeeID: m.EmployeeID, Line: m.Row, NIP: m.NIP, Name: m.Name,
			Nearest: m.Nearest.Position.Label() + " " + m.Nearest.Level.Label() + ", " + m.Nearest.Route.Label()}
		for _, o := range m.Reasons {
			row.Reasons = append(row.Reasons, eligibility.RuleLabel(o.Rule)+": "+o.Detail)
		}
		if m.EmployeeID > 0 {
			q := targetQuery(m.Nearest)
			q.Set("employee", strconv.FormatInt(m.EmployeeID, 10))
			q.Set("reference_date", ref.String())
			row.WhatIfURL = "/whatif?" + q.Encode() + "#hasil"
		}
		r.d.Misses = append(r.d.Misses, row)
	}
}

// batchOptions reads the options shared by the register and upload
// results. On a first visit (no reference_date in the query) the formation
// is assumed open: otherwise the formation alone keeps everyone "one short".
func (s *Server) batchOptions(c *fiber.Ctx, d *views.BatchData) (employees.BatchOptions, error) {
	o := employees.BatchOptions{ReferenceDate: s.Workflow.Today()}
	_, visited := c.Queries()["reference_date"]
	o.AssumeVacancy = c.Query("vacancy") == "1" || !visited
	d.AssumeVacancy = o.AssumeVacancy
	d.LedgerWired = s.Employees.Vacancy != nil
	d.RefDate, d.RefLabel = o.ReferenceDate.String(), o.ReferenceDate.Indonesian()
	if v := strings.TrimSpace(c.Query("reference_date")); v != "" {
		ref, err := employees.ParseDateText(v)
		if err != nil {
			d.RefDate = v
			return o, apperror.InvalidField("reference_date", err.Error())
		}
		o.ReferenceDate, d.RefDate, d.RefLabel = ref, ref.String(), ref.Indonesian()
	}
	return o, nil
}

func (s *Server) batchBase(c *fiber.Ctx, p access.Principal) (views.BatchData, error) {
	d := views.BatchData{ShowOffice: !p.Regional(), CanWrite: p.CanFile()}
	for _, col := range employees.TemplateColumns(employees.RatingYears(s.Workflow.Today())) {
		d.Columns = append(d.Columns, views.ColumnDoc{Header: col.Header, Label: col.Label, Help: col.Help,
			Example: col.Example, Required: col.Required})
	}
	if d.ShowOffice {
		var err error
		if d.Offices, err = s.officeOptions(c); err != nil {
			return d, err
		}
		d.Office = c.Query("office")
	}
	return d, nil
}

func (s *Server) batchPage(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	d, err := s.batchBase(c, p)
	if err != nil {
		return err
	}
	o, err := s.batchOptions(c, &d)
	status := 200
	if err != nil {
		d.Message, status = fieldMessage(err, "reference_date"), 400
	} else if c.Query("source") == "register" {
		if d.ShowOffice && d.Office == "" {
			d.Message, status = "Pilih kantor yang daftar pegawainya akan diperiksa.", 400
		} else if err := s.batchRegister(c, p, &d, o); err != nil {
			return err
		}
	}
	return render(c, status, views.BatchPage(s.page(c, "Cek massal", "whatif"), d))
}

// registerOffice resolves the office a register batch reads: the user's own
// for regency roles, the chosen one for provincial roles.
func (s *Server) registerOffice(c *fiber.Ctx, p access.Principal, code string) (int64, error) {
	if p.Regional() {
		return p.OfficeID, nil
	}
	if code == "" {
		return 0, apperror.InvalidField("office", "Pilih kantor.")
	}
	return s.Employees.OfficeIDByCode(c.UserContext(), code)
}

func (s *Server) batchRegister(c *fiber.Ctx, p access.Principal, d *views.BatchData, o employees.BatchOptions) error {
	officeID, err := s.registerOffice(c, p, d.Office)
	if err != nil {
		return err
	}
	d.Source, d.BasePath = "register", "/batch"
	res := newBatchResults(c, d, &o)
	if err := s.Employees.CheckRegister(c.UserContext(), p, officeID, o, res.add); err != nil {
		return err
	}
	n, err := s.registerSize(c, p, d.Office)
	if err != nil {
		return err
	}
	d.Checked = n
	res.done(p, o.ReferenceDate)
	d.XLSXURL = "/batch/results.xlsx?" + d.Query()
	return nil
}

func (s *Server) registerSize(c *fiber.Ctx, p access.Principal, office string) (int, error) {
	_, total, err := s.Employees.List(c.UserContext(), p, employees.Filter{Office: office, PerPage: 1})
	return total, err
}

func sendXLSX(c *fiber.Ctx, name string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	c.Set(fiber.HeaderContentType, mimeXLSX)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.Send(buf.Bytes())
}

func (s *Server) batchRegisterXLSX(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	var d views.BatchData
	o, err := s.batchOptions(c, &d)
	if err != nil {
		return err
	}
	officeID, err := s.registerOffice(c, p, c.Query("office"))
	if err != nil {
		return err
	}
	filter := readBatchFilter(c, &d)
	var all []employees.Finding
	if err := s.Employees.CheckRegister(c.UserContext(), p, officeID, o, func(f employees.Finding) {
		if filter.keeps(f) {
			all = append(all, f)
		}
	}); err != nil {
		return err
	}
	title := "Pegawai yang dapat diusulkan per " + o.ReferenceDate.Indonesian()
	if err := s.auditDownload(c, audit.ExportXLSX, "batch:register", "cek-syarat-"+o.ReferenceDate.String()+".xlsx"); err != nil {
		return err
	}
	return sendXLSX(c, "cek-syarat-"+o.ReferenceDate.String()+".xlsx", func(w io.Writer) error {
		return documents.EligibilityXLSX(w, title, employees.ResultRows(all))
	})
}

func (s *Server) batchTemplateXLSX(c *fiber.Ctx) error {
	return sendXLSX(c, "templat-pegawai.xlsx", func(w io.Writer) error {
		return employees.TemplateXLSX(w, employees.RatingYears(s.Workflow.Today()))
	})
}

func (s *Server) batchTemplateCSV(c *fiber.Ctx) error {
	var buf bytes.Buffer
	if err := employees.TemplateCSV(&buf, employees.RatingYears(s.Workflow.Today())); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="templat-pegawai.csv"`)
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	return c.Send(buf.Bytes())
}

// batchUpload reads the spreadsheet, keeps it for confirmation and shows
// it: row and cell errors, and the check of the rows without errors.
func (s *Server) batchUpload(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	fail := func(msg string) error {
		d, err := s.batchBase(c, p)
		if err != nil {
			return err
		}
		_, _ = s.batchOptions(c, &d)
		d.FileError = msg
		return render(c, 400, views.BatchPage(s.page(c, "Cek massal", "whatif"), d))
	}
	fh, err := c.FormFile("file")
	if err != nil {
		return fail("Pilih berkas XLSX atau CSV.")
	}
	if fh.Size > int64(s.Config.UploadLimit) {
		return fail("Berkas terlalu besar (paling besar " + sizeLabel(s.Config.UploadLimit) + ").")
	}
	f, err := fh.Open()
	if err != nil {
		return fail("Berkas tidak dapat dibaca.")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(s.Config.UploadLimit)+1))
	if err != nil {
		return fail("Berkas tidak dapat dibaca.")
	}
	parsed, err := employees.Parse(fh.Filename, data)
	if err != nil {
		if e, ok := apperror.As(err); ok && e.Fields["file"] != "" {
			return fail(e.Fields["file"])
		}
		return err
	}
	up, err := s.Employees.Stash(c.UserContext(), p, parsed)
	if err != nil {
		return err
	}
	return c.Redirect("/batch/uploads/"+up.Token+"#unggahan", fiber.StatusSeeOther)
}

func (s *Server) batchUploadPage(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	up, err := s.Employees.Upload(c.UserContext(), p, c.Params("token"))
	if err != nil {
		return err
	}
	d, err := s.batchBase(c, p)
	if err != nil {
		return err
	}
	d.Office = ""
	status := 200
	o, err := s.batchOptions(c, &d)
	if err != nil {
		d.Message, status = fieldMessage(err, "reference_date"), 400
	}
	d.Upload = &views.UploadView{Token: up.Token, Filename: up.Filename, Rows: len(up.Rows), BadRows: up.BadRows(),
		New: up.New, Updated: up.Updated, CanImport: up.CanImport, Imported: up.ImportedAt != nil}
	for _, e := range up.Errors {
		d.Upload.Errors = append(d.Upload.Errors, views.CellErrorRow{Line: e.Line, Column: e.Column, Header: e.Header,
			Value: e.Value, Message: e.Message, NIP: e.NIP})
	}
	d.Source, d.BasePath = "upload", "/batch/uploads/"+up.Token
	res := newBatchResults(c, &d, &o)
	s.Employees.CheckRows(c.UserContext(), p.OfficeID, up.Rows, o, res.add)
	d.Checked = len(up.Rows) - up.BadRows()
	res.done(p, o.ReferenceDate)
	d.XLSXURL = "/batch/uploads/" + up.Token + "/results.xlsx?" + d.Query()
	return render(c, status, views.BatchPage(s.page(c, "Cek massal", "whatif"), d))
}

func (s *Server) batchUploadXLSX(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	up, err := s.Employees.Upload(c.UserContext(), p, c.Params("token"))
	if err != nil {
		return err
	}
	var d views.BatchData
	o, err := s.batchOptions(c, &d)
	if err != nil {
		return err
	}
	filter := readBatchFilter(c, &d)
	var all []employees.Finding
	s.Employees.CheckRows(c.UserContext(), p.OfficeID, up.Rows, o, func(f employees.Finding) {
		if filter.keeps(f) {
			all = append(all, f)
		}
	})
	title := "Hasil cek syarat " + up.Filename + " per " + o.ReferenceDate.Indonesian()
	if err := s.auditDownload(c, audit.ExportXLSX, "batch:upload "+up.Filename, "cek-syarat-"+o.ReferenceDate.String()+".xlsx"); err != nil {
		return err
	}
	return sendXLSX(c, "cek-syarat-"+o.ReferenceDate.String()+".xlsx", func(w io.Writer) error {
		return documents.EligibilityXLSX(w, title, employees.ResultRows(all))
	})
}

func (s *Server) batchImport(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	token := c.Params("token")
	res, err := s.Employees.Import(c.UserContext(), p, token)
	if err != nil {
		e, ok := apperror.As(err)
		if !ok || (e.Status != 409 && e.Status != 422) {
			return err
		}
		s.flashError(c, e.Message)
		return c.Redirect("/batch/uploads/"+token+"#unggahan", fiber.StatusSeeOther)
	}
	s.flash(c, "Impor selesai: "+itoaInt(res.Created)+" pegawai baru, "+itoaInt(res.Updated)+" diperbarui.")
	return c.Redirect("/employees", fiber.StatusSeeOther)
}

func itoaInt(n int) string { return strconv.Itoa(n) }

// sizeLabel is a byte count in whole KB or MB, as people read it.
func sizeLabel(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.Itoa(n>>20) + " MB"
	}
	return strconv.Itoa(n>>10) + " KB"
}

// fieldMessage is the message of field in an *apperror.Error (or its text).
func fieldMessage(err error, field string) string {
	if e, ok := apperror.As(err); ok {
		if m := e.Fields[field]; m != "" {
			return m
		}
		return e.Message
	}
	return err.Error()
}
