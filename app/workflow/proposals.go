package workflow

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/staffing"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// MaxCandidates bounds one nominative list.
const MaxCandidates = 500

// Input is what an office files or edits: a JFT proposal (kind "jft") or a
// staffing request (kind "staffing"), in the JSON shape of API.md. The
// validate tags (app/input) are a JFT proposal's field rules, each
// candidate's those of eligibility.Candidate; a staffing request is checked
// as a StaffingBody.
type Input struct {
	Kind          string                  `json:"kind"`
	Position      string                  `json:"position,omitempty" validate:"position"`
	Level         string                  `json:"level,omitempty" validate:"jenjang"`
	Route         string                  `json:"route,omitempty" validate:"route"`
	ReferenceDate models.Date             `json:"reference_date" validate:"indate" label:"Tanggal acuan"`
	Candidates    []eligibility.Candidate `json:"candidates,omitempty" validate:"min=1,max=500,dive" msg_min:"Isi sedikitnya satu calon." msg_max:"Paling banyak 500 calon dalam satu usulan."`
	// Staffing holds a staffing request (kind "staffing").
	Staffing *eligibility.StaffingRequest `json:"-" validate:"-"`
	// proposalID is the proposal being edited (0 when new): the formation
	// ledger leaves it out so that an edit never counts it twice.
	proposalID int64
	// letterDate is the edited proposal's letter date, when it has been
	// submitted: its formation year (staffing.YearOf).
	letterDate models.Date
}

// Normalize writes each candidate's NIP without spaces and trims its name.
func (in *Input) Normalize() {
	for i := range in.Candidates {
		c := &in.Candidates[i]
		c.NIP = models.NormalizeNIP(c.NIP)
		c.Name = strings.TrimSpace(c.Name)
	}
}

// StaffingBody is a staffing request as the API (ELIGIBILITY.md §4,
// without office) and the staffing form send it: the request's validate
// tags, and a monthly pay that must be given (0 is a pay).
type StaffingBody struct {
	eligibility.StaffingRequest
	MonthlyPay *int64 `json:"monthly_pay" validate:"required,min=0" msg:"Honor harus bilangan bulat rupiah, misalnya 2.070.000." msg_required:"Honor bulanan wajib diisi."`
}

// Normalize trims the request's texts.
func (b *StaffingBody) Normalize() { normalizeStaffing(&b.StaffingRequest) }

func normalizeStaffing(r *eligibility.StaffingRequest) {
	for _, p := range []*string{&r.PositionTitle, &r.EducationField, &r.Skills, &r.Tasks, &r.BudgetSource, &r.Justification} {
		*p = strings.TrimSpace(*p)
	}
}

// Input checks b and returns it as a proposal input.
func (b *StaffingBody) Input() (*Input, error) {
	if err := input.Check(b); err != nil {
		return nil, err
	}
	req := b.StaffingRequest
	req.Kind, req.MonthlyPay = models.KindStaffing, *b.MonthlyPay
	return &Input{Kind: models.KindStaffing, ReferenceDate: req.ReferenceDate, Staffing: &req}, nil
}

// DecodeInput reads a proposal body. Unknown fields (and any office or owner
// field) are ignored: the office is always the caller's. Errors are
// *apperror.Error with field names: a value of the wrong type or a
// malformed date (input.DecodeJSON), or, for a staffing request, its field
// rules; a JFT proposal's field rules are checked when it is filed.
func (s *Service) DecodeInput(raw []byte) (*Input, error) {
	var head struct {
		Kind string `json:"kind" validate:"omitempty,kind"`
	}
	if err := input.JSON(raw, &head); err != nil {
		return nil, err
	}
	if head.Kind == models.KindStaffing {
		var b StaffingBody
		if err := input.DecodeJSON(raw, &b); err != nil {
			return nil, err
		}
		return b.Input()
	}
	var in Input
	if err := input.DecodeJSON(raw, &in); err != nil {
		return nil, err
	}
	in.Kind = models.KindJFT
	return &in, nil
}

// validate checks an input's field rules (its validate tags) and that no
// NIP is twice on the list; errors are named as in the API ("position",
// "candidates[0].nip", …).
func (in *Input) validate() error {
	if in.Kind == models.KindStaffing {
		normalizeStaffing(in.Staffing)
		return input.Check(in.Staffing)
	}
	fields := input.Problems(in)
	seen := map[string]int{}
	for i, c := range in.Candidates {
		key := fmt.Sprintf("candidates[%d].nip", i)
		if _, bad := fields[key]; bad {
			continue
		}
		if j, dup := seen[c.NIP]; dup {
			// One person twice on one list: a rule across the list, not a field's.
			fields[key] = fmt.Sprintf("NIP sama dengan calon ke-%d.", j+1)
			continue
		}
		seen[c.NIP] = i
	}
	if len(fields) > 0 {
		return apperror.Invalid(fields)
	}
	return nil
}

// evaluate computes each candidate's outcomes (or the staffing request's) as
// of the proposal's reference date, or today when none is set.
func (s *Service) evaluate(ctx context.Context, in *Input, officeCode string) (cands []*models.Candidate, verdict string, checks *string, err error) {
	ref := in.ReferenceDate
	if ref.IsZero() {
		ref = s.Today()
	}
	if in.Kind == models.KindStaffing {
		req := *in.Staffing
		req.ReferenceDate = ref
		req.Office = officeCode
		res := eligibility.EvaluateStaffing(req, s.payCaps(ctx))
		b, err := json.Marshal(res)
		if err != nil {
			return nil, "", nil, err
		}
		str := string(b)
		return nil, res.Verdict, &str, nil
	}
	if err := s.refuseForeignEmployees(ctx, in.Candidates, officeCode); err != nil {
		return nil, "", nil, err
	}
	// A formation set for this office, position, level and year decides
	// each candidate's vacancy from the ledger (formations.go).
	// The formation year is the submission's (staffing.YearOf), not the
	// reference date's.
	year := staffing.YearOf(&models.Proposal{LetterDate: in.letterDate}, s.Today())
	ledger, err := s.vacancyLedger(ctx, in, officeCode, year)
	if err != nil {
		return nil, "", nil, err
	}
	worst := "eligible"
	for i, c := range in.Candidates {
		ec := c
		if ledger != nil {
			ec = applyVacancy(ledger, c, i+1)
		}
		res := eligibility.Evaluate(eligibility.Request{ReferenceDate: ref, Position: models.Position(in.Position),
			Level: models.Level(in.Level), Route: models.Route(in.Route), Candidate: ec})
		if ledger != nil {
			explainVacancy(&res, ledger, in, officeCode, year, i+1, len(in.Candidates))
		} else {
			unconfirmedVacancy(&res, in, officeCode, year)
		}
		data, err := json.Marshal(c)
		if err != nil {
			return nil, "", nil, err
		}
		rb, err := json.Marshal(res)
		if err != nil {
			return nil, "", nil, err
		}
		cands = append(cands, &models.Candidate{Seq: i + 1, NIP: c.NIP, Name: c.Name, Data: string(data),
			Verdict: res.Verdict, Result: string(rb)})
		worst = worseVerdict(worst, res.Verdict)
	}
	return cands, worst, nil, nil
}

// refuseForeignEmployees refuses candidates whose NIP is on another office's
// employee register: an office files only for its own people (the register
// holds each NIP once in the province). The Kanwil moves a person who
// changed office.
func (s *Service) refuseForeignEmployees(ctx context.Context, cands []eligibility.Candidate, officeCode string) error {
	if len(cands) == 0 {
		return nil
	}
	nips := make([]string, 0, len(cands))
	for _, c := range cands {
		nips = append(nips, c.NIP)
	}
	var foreign []string
	st := store.System(s.DB, "a NIP on another office's register is refused without showing that record")
	if err := st.From("employees AS e").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Join("JOIN offices AS o ON o.id = e.office_id").
			Column("e.nip").Where("e.nip IN (?)", bun.List(nips)).Where("o.code <> ?", officeCode)
	}).Scan(ctx, &foreign); err != nil {
		return err
	}
	if len(foreign) == 0 {
		return nil
	}
	fields := map[string]string{}
	for i, c := range cands {
		for _, f := range foreign {
			if c.NIP == f {
				fields[fmt.Sprintf("candidates[%d].nip", i)] = "NIP ini terdaftar pada daftar pegawai kantor lain. " +
					"Bila pegawai pindah tugas, minta Kanwil memindahkannya ke kantor Anda."
			}
		}
	}
	return apperror.Unprocessable("Ada calon yang terdaftar sebagai pegawai kantor lain.", fields)
}

func worseVerdict(a, b string) string {
	rank := map[string]int{"eligible": 0, "incomplete": 1, "not_eligible": 2}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// Create files a new proposal for the principal's own office (never one
// named in the body) as a draft, with its outcomes computed.
func (s *Service) Create(ctx context.Context, p access.Principal, in *Input) (*models.Proposal, error) {
	if !p.CanFile() {
		return nil, apperror.Forbidden("Hanya operator atau kepala Kankemenag yang dapat membuat usulan.")
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	if err := s.checkReferenceDate(in.ReferenceDate); err != nil {
		return nil, err
	}
	if in.ReferenceDate.IsZero() {
		// The outcomes are computed as of this date and kept: record it, so a
		// later reading (or recomputation on edit) uses the same date.
		in.ReferenceDate = s.Today()
	}
	cands, verdict, checks, err := s.evaluate(ctx, in, p.OfficeCode)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	prop := &models.Proposal{Kind: in.Kind, OfficeID: p.OfficeID, Status: models.StatusDraft, Version: 1,
		Position: in.Position, Level: in.Level, Route: in.Route, ReferenceDate: in.ReferenceDate,
		Verdict: verdict, Checks: checks, CreatedBy: &p.UserID, StateSince: now, CreatedAt: now, UpdatedAt: now}
	if in.Kind == models.KindStaffing {
		in.Staffing.Office = "" // the office is the proposal's, never the body's
		b, err := json.Marshal(in.Staffing)
		if err != nil {
			return nil, err
		}
		str := string(b)
		prop.Staffing = &str
	}
	var created *models.Proposal
	err = s.inTx(ctx, func(tx bun.Tx) error {
		st := store.For(tx, p)
		prop.ID = 0 // new ids on each run
		for _, c := range cands {
			c.ID = 0
		}
		if _, err := st.Insert(prop).Apply(func(q *bun.InsertQuery) *bun.InsertQuery {
			return q.Returning("id")
		}).Exec(ctx); err != nil {
			return err
		}
		if err := insertCandidates(ctx, st, prop.ID, cands); err != nil {
			return err
		}
		if err := addEvent(ctx, st, prop.ID, p.UserID, "create", "", models.StatusDraft, "", nil, now); err != nil {
			return err
		}
		// The answer is read in the transaction that wrote it: a read after
		// the commit could fail (an outage) and turn a saved proposal into
		// an error that invites a duplicate.
		created, err = getScoped(ctx, st, prop.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return created, nil
}

func insertCandidates(ctx context.Context, st *store.Store, proposalID int64, cands []*models.Candidate) error {
	if len(cands) == 0 {
		return nil
	}
	for _, c := range cands {
		c.ProposalID = proposalID
	}
	return st.InsertCandidates(ctx, cands)
}

// Get loads one proposal with its office and candidates, within the
// principal's scope: another office's proposal is apperror.NotFound.
func (s *Service) Get(ctx context.Context, p access.Principal, id int64) (*models.Proposal, error) {
	return getScoped(ctx, store.For(s.DB, p), id)
}

func getScoped(ctx context.Context, st *store.Store, id int64) (*models.Proposal, error) {
	prop, err := st.ProposalByID(ctx, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperror.NotFound()
	}
	return prop, err
}

// patchHead is what PATCH reads before the proposal: the version (required)
// and a reference date that must be a date.
type patchHead struct {
	Version       *int64      `json:"version" validate:"required,min=1" msg:"Versi harus bilangan bulat positif." msg_required:"Versi wajib dikirim untuk mencegah perubahan yang saling menimpa."`
	ReferenceDate models.Date `json:"reference_date" validate:"indate" label:"Tanggal acuan"`
}

// Patch edits a proposal: the fields in raw (a JSON object, API.md PATCH)
// replace the current ones; "version" must equal the current version. Only
// drafts and proposals sent back for revision are editable (409 otherwise).
func (s *Service) Patch(ctx context.Context, p access.Principal, id int64, raw []byte) (*models.Proposal, error) {
	var head patchHead
	if err := input.JSON(raw, &head); err != nil {
		return nil, err
	}
	var patch map[string]json.RawMessage
	if err := json.Unmarshal(raw, &patch); err != nil {
		return nil, err // input.JSON read it as an object
	}
	version := *head.Version
	cur, err := s.editable(ctx, p, id, version)
	if err != nil {
		return nil, err
	}
	// Overlay the patch on the current input and validate the whole.
	base, err := currentInputJSON(cur)
	if err != nil {
		return nil, err
	}
	for k, v := range patch {
		switch k {
		case "version", "id", "office", "office_code", "status", "letter_number", "kind":
			continue
		case "reference_date":
			// Clearing it keeps the date the outcomes were computed on; a new
			// date must lie within the bounds.
			d := head.ReferenceDate
			if d.IsZero() {
				continue
			}
			if d != cur.ReferenceDate {
				if err := s.checkReferenceDate(d); err != nil {
					return nil, err
				}
			}
		}
		base[k] = v
	}
	merged, err := json.Marshal(base)
	if err != nil {
		return nil, err
	}
	in, err := s.DecodeInput(merged)
	if err != nil {
		return nil, err
	}
	return s.replace(ctx, p, cur, version, in, base)
}

// Update replaces a proposal's input with in, as the edit forms send it
// (every field given): Patch with typed input. version must be the current
// one; an empty reference date keeps the date the outcomes were computed
// on, a new one must lie within the bounds. The kind cannot change.
func (s *Service) Update(ctx context.Context, p access.Principal, id, version int64, in *Input) (*models.Proposal, error) {
	if version < 1 {
		return nil, apperror.InvalidField("version", "Versi wajib dikirim untuk mencegah perubahan yang saling menimpa.")
	}
	cur, err := s.editable(ctx, p, id, version)
	if err != nil {
		return nil, err
	}
	if in.Kind != cur.Kind {
		return nil, apperror.InvalidField("kind", "Jenis usulan tidak dapat diubah.")
	}
	switch {
	case in.ReferenceDate.IsZero():
		in.ReferenceDate = cur.ReferenceDate
	case in.ReferenceDate != cur.ReferenceDate:
		if err := s.checkReferenceDate(in.ReferenceDate); err != nil {
			return nil, err
		}
	}
	if in.Staffing != nil {
		in.Staffing.ReferenceDate = in.ReferenceDate
	}
	after, err := inputJSON(in)
	if err != nil {
		return nil, err
	}
	return s.replace(ctx, p, cur, version, in, after)
}

// replace stores in as cur's new input (after checking it) with the
// outcomes recomputed, bumps the version and records the edit with the
// input before and after.
func (s *Service) replace(ctx context.Context, p access.Principal, cur *models.Proposal, version int64, in *Input,
	after any) (*models.Proposal, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	in.proposalID, in.letterDate = cur.ID, cur.LetterDate
	cands, verdict, checks, err := s.evaluate(ctx, in, cur.Office.Code)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	upd := &models.Proposal{ID: cur.ID, Position: in.Position, Level: in.Level, Route: in.Route,
		ReferenceDate: in.ReferenceDate, Verdict: verdict, Checks: checks, UpdatedAt: now}
	if in.Kind == models.KindStaffing {
		in.Staffing.Office = ""
		b, _ := json.Marshal(in.Staffing)
		str := string(b)
		upd.Staffing = &str
	}
	before, _ := currentInputJSON(cur)
	var edited *models.Proposal
	err = s.inTx(ctx, func(tx bun.Tx) error {
		st := store.For(tx, p)
		for _, c := range cands {
			c.ID = 0 // new ids on each run
		}
		res, err := st.UpdateModel(upd).Apply(func(q *bun.UpdateQuery) *bun.UpdateQuery {
			return q.
				Column("position", "level", "route", "reference_date", "verdict", "checks", "staffing", "updated_at").
				Set("version = version + 1").
				Where("id = ?", cur.ID).Where("version = ?", version).
				Where("status IN (?)", bun.List([]models.Status{models.StatusDraft, models.StatusRevisionRequested}))
		}).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return staleVersion(0)
		}
		if _, err := st.DeleteModel((*models.Candidate)(nil)).Apply(func(q *bun.DeleteQuery) *bun.DeleteQuery {
			return q.Where("proposal_id = ?", cur.ID)
		}).Exec(ctx); err != nil {
			return err
		}
		if err := insertCandidates(ctx, st, cur.ID, cands); err != nil {
			return err
		}
		diff := map[string]any{"before": before, "after": after}
		if err := addEvent(ctx, st, cur.ID, p.UserID, "edit", cur.Status, cur.Status, "", diff, now); err != nil {
			return err
		}
		edited, err = getScoped(ctx, st, cur.ID) // the answer, read where it was written
		return err
	})
	if err != nil {
		return nil, err
	}
	return edited, nil
}

// inputJSON is an input as an input object (what currentInputJSON reads
// from a stored proposal).
func inputJSON(in *Input) (map[string]json.RawMessage, error) {
	out := map[string]json.RawMessage{}
	put := func(k string, v any) error {
		b, err := json.Marshal(v)
		out[k] = b
		return err
	}
	if in.Kind == models.KindStaffing {
		b, err := json.Marshal(in.Staffing)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, &out); err != nil {
			return nil, err
		}
		delete(out, "office")
	} else {
		for k, v := range map[string]any{"position": in.Position, "level": in.Level, "route": in.Route,
			"candidates": in.Candidates} {
			if err := put(k, v); err != nil {
				return nil, err
			}
		}
	}
	if err := put("kind", in.Kind); err != nil {
		return nil, err
	}
	if err := put("reference_date", in.ReferenceDate); err != nil {
		return nil, err
	}
	return out, nil
}

// Bounds of a filed proposal's reference date around today, in days. The
// rules in force, the open routes and the quota year all follow this date,
// so an office cannot pick a past date to reopen a closed route or a future
// year without a quota [L: a product decision, not a regulation].
const (
	ReferenceDaysBack  = 30
	ReferenceDaysAhead = 90
)

// checkReferenceDate refuses a reference date outside the bounds (the zero
// date means today and is always fine).
func (s *Service) checkReferenceDate(d models.Date) error {
	if d.IsZero() {
		return nil
	}
	today := s.Today()
	from, to := today.AddDate(0, 0, -ReferenceDaysBack), today.AddDate(0, 0, ReferenceDaysAhead)
	if d.Before(from) || d.After(to) {
		return apperror.InvalidField("reference_date", fmt.Sprintf(
			"Tanggal acuan usulan harus antara %s dan %s (kosongkan untuk hari ini); untuk simulasi tanggal lain gunakan halaman Cek syarat.",
			from.Indonesian(), to.Indonesian()))
	}
	return nil
}

func staleVersion(current int64) error {
	msg := "Usulan telah diubah oleh orang lain sejak Anda membukanya. Muat ulang halaman lalu ulangi."
	return apperror.Conflict(msg)
}

// currentInputJSON is the proposal as an input object (what PATCH overlays).
func currentInputJSON(p *models.Proposal) (map[string]json.RawMessage, error) {
	out := map[string]json.RawMessage{}
	put := func(k string, v any) {
		b, _ := json.Marshal(v)
		out[k] = b
	}
	put("kind", p.Kind)
	if p.Kind == models.KindStaffing {
		if p.Staffing != nil {
			if err := json.Unmarshal([]byte(*p.Staffing), &out); err != nil {
				return nil, err
			}
		}
		put("kind", p.Kind)
		put("reference_date", p.ReferenceDate)
		return out, nil
	}
	put("position", p.Position)
	put("level", p.Level)
	put("route", p.Route)
	put("reference_date", p.ReferenceDate)
	cands := make([]json.RawMessage, 0, len(p.Candidates))
	sort.Slice(p.Candidates, func(i, j int) bool { return p.Candidates[i].Seq < p.Candidates[j].Seq })
	for _, c := range p.Candidates {
		cands = append(cands, json.RawMessage(c.Data))
	}
	put("candidates", cands)
	return out, nil
}

func addEvent(ctx context.Context, st *store.Store, proposalID, actorID int64, action string, from, to models.Status,
	note string, data any, now time.Time) error {
	ev := &models.Event{ProposalID: proposalID, ActorID: &actorID, Action: action, FromStatus: from, ToStatus: to,
		Note: note, CreatedAt: now.UTC()}
	if data != nil {
		b, err := json.Marshal(data)
		if err != nil {
			return err
		}
		str := string(b)
		ev.Data = &str
	}
	return st.InsertEvent(ctx, ev)
}

// Events returns a proposal's timeline, oldest first, within scope.
func (s *Service) Events(ctx context.Context, p access.Principal, id int64) ([]*models.Event, error) {
	st := store.For(s.DB, p)
	if _, err := s.Get(ctx, p, id); err != nil {
		return nil, err
	}
	return st.ProposalEvents(ctx, id)
}

// editable loads proposal id for an edit by p: within scope (404), by a
// filing role (403), in an editable state (409) and at version (409, stale).
func (s *Service) editable(ctx context.Context, p access.Principal, id, version int64) (*models.Proposal, error) {
	cur, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if !p.CanFile() {
		return nil, apperror.Forbidden("Hanya operator atau kepala Kankemenag yang dapat mengubah usulan.")
	}
	if !cur.Status.Editable() {
		return nil, apperror.Conflict("Usulan berstatus " + cur.Status.Label() + " tidak dapat diubah.")
	}
	if cur.Version != version {
		return nil, staleVersion(cur.Version)
	}
	return cur, nil
}
