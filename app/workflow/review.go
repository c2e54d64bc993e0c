package workflow

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/documents"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// Findings a verifier records per item (DOMAIN.md §4: check item by item).
const (
	FindingOK      = "sesuai"
	FindingWanting = "tidak_sesuai"
)

// FindingLabel is a finding's Indonesian text ("" for not yet checked).
func FindingLabel(f string) string {
	switch f {
	case FindingOK:
		return "Sesuai"
	case FindingWanting:
		return "Tidak sesuai"
	}
	return ""
}

// Finding is the verifier's current finding on one item of a proposal: a
// rule outcome ("rule:<id>") or a checklist document ("doc:<id>"), for one
// candidate (Subject = NIP) or the proposal itself (Subject ""). Decisions
// snapshot them into their event, so later changes never rewrite what was
// decided on.
type Finding struct {
	bun.BaseModel `bun:"table:findings"`

	ID         int64     `bun:"id,pk,autoincrement"`
	ProposalID int64     `bun:"proposal_id,notnull"`
	Subject    string    `bun:"subject,notnull"`
	Item       string    `bun:"item,notnull"`
	Finding    string    `bun:"finding,notnull"`
	Note       string    `bun:"note,notnull"`
	ReviewerID *int64    `bun:"reviewer_id"`
	UpdatedAt  time.Time `bun:"updated_at,notnull"`
}

// FindingInput is one finding as sent by the page or the API.
//
// The validate tags are its field rules; the item must be one of the
// proposal's (RecordFindings).
type FindingInput struct {
	Candidate string `json:"candidate"`                                                                                                                                                                                                  // NIP; "" for an item of the whole proposal
	Item      string `json:"item"`                                                                                                                                                                                                       // "rule:max_age", "doc:sk_cpns"
	Finding   string `json:"finding" validate:"required_with=Note,omitempty,oneof=sesuai tidak_sesuai" msg:"Temuan harus sesuai atau tidak_sesuai." msg_required_with:"Pilih sesuai atau tidak sesuai untuk butir yang diberi catatan."` // "sesuai", "tidak_sesuai", or "" to clear
	Note      string `json:"note" validate:"max=4000" msg:"Catatan paling panjang 4000 karakter."`
}

// Normalize writes each NIP without spaces and trims items and notes.
func (in *FindingsInput) Normalize() {
	for i := range in.Findings {
		f := &in.Findings[i]
		f.Candidate = models.NormalizeNIP(f.Candidate)
		f.Item, f.Note = strings.TrimSpace(f.Item), strings.TrimSpace(f.Note)
	}
}

// FindingsInput is the body of PUT /proposals/{id}/findings.
type FindingsInput struct {
	Version  int64          `json:"version"` // optional: when given it must be current
	Findings []FindingInput `json:"findings" validate:"dive"`
	// MarkRemainingOK (the page's "mark the rest Sesuai"): every item still
	// without a finding after these is recorded sesuai, except a rule whose
	// outcome is fail, missing or manual (a failure, no data, or the
	// verifier's own judgement) and a document not uploaded.
	MarkRemainingOK bool `json:"-"`
}

// ReviewItem is one line of the item-by-item review.
type ReviewItem struct {
	Item    string `json:"item"` // "rule:<id>" or "doc:<id>"
	Kind    string `json:"kind"` // "rule" or "doc"
	Label   string `json:"label"`
	Result  string `json:"result,omitempty"` // rules: pass, fail, missing, manual, not_applicable
	Detail  string `json:"detail,omitempty"`
	Basis   string `json:"basis,omitempty"`
	Finding string `json:"finding"`
	Note    string `json:"note"`
	// Documents: the current upload (nil: not uploaded) and whether it was
	// added or replaced since the last review.
	Attachment *Attachment `json:"attachment,omitempty"`
	Changed    bool        `json:"changed,omitempty"`
}

// ReviewSubject is a candidate (or the proposal itself) with its items.
type ReviewSubject struct {
	Candidate string       `json:"candidate"` // NIP; "" for the proposal itself
	Name      string       `json:"name"`
	Verdict   string       `json:"verdict,omitempty"`
	Rules     []ReviewItem `json:"rules"`
	Documents []ReviewItem `json:"documents"`
}

// FieldChange is one field changed by the office since the last review.
type FieldChange struct {
	Subject string `json:"subject"` // candidate name and NIP, or "" for the proposal
	Field   string `json:"field"`
	Before  string `json:"before"`
	After   string `json:"after"`
}

// DocumentChange is one document added or replaced since the last review.
type DocumentChange struct {
	Subject     string    `json:"subject"`
	Item        string    `json:"item"`
	Label       string    `json:"label"`
	FileName    string    `json:"file_name"`
	Replaced    bool      `json:"replaced"`
	OldFileName string    `json:"old_file_name,omitempty"`
	At          time.Time `json:"at"`
}

// Changes is what the office changed since the verifier last sent the
// proposal back (the last request_revision).
type Changes struct {
	Since     time.Time        `json:"since"`
	Fields    []FieldChange    `json:"fields"`
	Documents []DocumentChange `json:"documents"`
}

// WantingItem is an item found wanting, as sent back to the office.
type WantingItem struct {
	Candidate string `json:"candidate"`
	Name      string `json:"name"`
	Item      string `json:"item"`
	Label     string `json:"label"`
	Finding   string `json:"finding"`
	Note      string `json:"note"`
}

// RevisionRequest is the last request_revision: its reason and the items
// found wanting, from the event (what was sent, not today's findings).
type RevisionRequest struct {
	At    time.Time     `json:"at"`
	By    string        `json:"by"`
	Note  string        `json:"note"`
	Items []WantingItem `json:"items"`
}

// Review is the item-by-item review of a proposal: for each candidate the
// rule outcomes and the required documents side by side with the verifier's
// findings, what changed since the last review, and the last request for
// revision.
type Review struct {
	ProposalID   int64            `json:"proposal_id"`
	Status       models.Status    `json:"status"`
	Version      int64            `json:"version"`
	Reviewer     string           `json:"reviewer,omitempty"`
	OverrideNote string           `json:"override_note,omitempty"`
	Subjects     []ReviewSubject  `json:"subjects"`
	Changes      *Changes         `json:"changes,omitempty"`
	Revision     *RevisionRequest `json:"revision,omitempty"`
	// CanRecord: the caller may record findings and decide now.
	CanRecord bool `json:"can_record"`
	// Wanting counts the items currently found wanting.
	Wanting int `json:"wanting"`
	// Marked counts the items RecordFindings marked sesuai on MarkRemainingOK.
	Marked int `json:"-"`
}

// findingKey identifies an item of a proposal.
type findingKey struct{ subject, item string }

// catalog lists the items of a proposal: per candidate its rules and
// documents, then the proposal's own documents (and, for a staffing request,
// its rules).
func catalog(prop *models.Proposal) ([]ReviewSubject, error) {
	var out []ReviewSubject
	route := models.Route(prop.Route)
	docs := ChecklistFor(prop.Kind, route)
	for _, c := range prop.Candidates {
		cv, err := CandidateOf(c)
		if err != nil {
			return nil, err
		}
		sub := ReviewSubject{Candidate: c.NIP, Name: c.Name, Verdict: c.Verdict, Rules: ruleItems(cv.Checks), Documents: []ReviewItem{}}
		for _, d := range docs {
			if d.appliesTo(true, cv.EmploymentStatus) {
				sub.Documents = append(sub.Documents, ReviewItem{Item: "doc:" + d.ID, Kind: "doc", Label: d.Label, Basis: d.Basis})
			}
		}
		out = append(out, sub)
	}
	whole := ReviewSubject{Candidate: "", Name: "Usulan (seluruhnya)", Rules: []ReviewItem{}, Documents: []ReviewItem{}}
	if prop.Kind == models.KindStaffing {
		whole.Name, whole.Verdict = "Permintaan tenaga pendukung", prop.Verdict
		if prop.Checks != nil {
			var res eligibility.Result
			if err := json.Unmarshal([]byte(*prop.Checks), &res); err != nil {
				return nil, err
			}
			whole.Rules = ruleItems(res.Checks)
		}
	}
	for _, d := range docs {
		if d.appliesTo(false, "") {
			whole.Documents = append(whole.Documents, ReviewItem{Item: "doc:" + d.ID, Kind: "doc", Label: d.Label, Basis: d.Basis})
		}
	}
	if len(whole.Rules)+len(whole.Documents) > 0 {
		out = append(out, whole)
	}
	return out, nil
}

func ruleItems(checks []eligibility.Outcome) []ReviewItem {
	out := make([]ReviewItem, 0, len(checks))
	for _, o := range checks {
		label := eligibility.RuleLabel(o.Rule)
		if label == "" {
			label = o.Rule
		}
		out = append(out, ReviewItem{Item: "rule:" + o.Rule, Kind: "rule", Label: label, Result: o.Result,
			Detail: o.Detail, Basis: o.Basis})
	}
	return out
}

func loadFindings(ctx context.Context, st *store.Store, proposalID int64) (map[findingKey]Finding, error) {
	var rows []Finding
	if err := st.Model(&rows).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Where("proposal_id = ?", proposalID)
	}).Scan(ctx); err != nil {
		return nil, err
	}
	out := make(map[findingKey]Finding, len(rows))
	for _, f := range rows {
		out[findingKey{f.Subject, f.Item}] = f
	}
	return out, nil
}

// mayReview says why p may not record findings or decide on prop (nil when
// it may): the claiming verifier, or their substitute today (delegation.go).
func (s *Service) mayReview(ctx context.Context, p access.Principal, prop *models.Proposal) error {
	if p.Role != models.RoleVerifikator {
		return apperror.Forbidden("Hanya verifikator Kanwil yang memeriksa usulan.")
	}
	if sameUser(prop.CreatedBy, p.UserID) || sameUser(prop.SubmittedBy, p.UserID) {
		return apperror.Forbidden("Anda tidak dapat memeriksa usulan yang Anda buat atau ajukan sendiri.")
	}
	if prop.Status != models.StatusInReview {
		return apperror.Conflict("Temuan hanya dapat dicatat saat usulan berstatus Sedang diverifikasi.")
	}
	return s.mayActFor(ctx, p, prop)
}

// Review builds the item-by-item review of a proposal, within scope.
func (s *Service) Review(ctx context.Context, p access.Principal, id int64) (*Review, error) {
	prop, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, err
	}
	return s.buildReview(ctx, p, prop)
}

// ReviewOf is Review for a proposal already loaded through Get (in scope).
func (s *Service) ReviewOf(ctx context.Context, p access.Principal, prop *models.Proposal) (*Review, error) {
	return s.buildReview(ctx, p, prop)
}

func (s *Service) buildReview(ctx context.Context, p access.Principal, prop *models.Proposal) (*Review, error) {
	st := store.For(s.DB, p)
	subjects, err := catalog(prop)
	if err != nil {
		return nil, err
	}
	findings, err := loadFindings(ctx, st, prop.ID)
	if err != nil {
		return nil, err
	}
	atts, err := listAttachments(ctx, st, prop.ID)
	if err != nil {
		return nil, err
	}
	current := map[findingKey]*Attachment{}
	for i := range atts {
		a := &atts[i]
		if a.ReplacedAt == nil {
			current[findingKey{a.Subject, "doc:" + a.Item}] = a
		}
	}
	evs, err := st.ProposalEvents(ctx, prop.ID)
	if err != nil {
		return nil, err
	}
	r := &Review{ProposalID: prop.ID, Status: prop.Status, Version: prop.Version, OverrideNote: prop.OverrideNote,
		CanRecord: s.mayReview(ctx, p, prop) == nil}
	if prop.ReviewerID != nil {
		var name string
		if err := s.DB.NewSelect().Table("users").ColumnExpr("coalesce(nullif(name, ''), username)").
			Where("id = ?", *prop.ReviewerID).Scan(ctx, &name); err == nil {
			r.Reviewer = name
		}
	}
	r.Revision, r.Changes, err = revisionAndChanges(prop, evs)
	if err != nil {
		return nil, err
	}
	changed := map[findingKey]bool{}
	if r.Changes != nil {
		for _, d := range r.Changes.Documents {
			changed[findingKey{d.Subject, d.Item}] = true
		}
	}
	// While a review is in progress the findings are the verifier's working
	// notes: the office sees them once they are sent back or decided.
	hidden := p.Regional() && prop.Status == models.StatusInReview
	for i := range subjects {
		sub := &subjects[i]
		fill := func(items []ReviewItem) {
			for j := range items {
				k := findingKey{sub.Candidate, items[j].Item}
				if f, ok := findings[k]; ok && !hidden {
					items[j].Finding, items[j].Note = f.Finding, f.Note
					if f.Finding == FindingWanting {
						r.Wanting++
					}
				}
				items[j].Attachment = current[k]
				items[j].Changed = changed[k]
			}
		}
		fill(sub.Rules)
		fill(sub.Documents)
	}
	r.Subjects = subjects
	return r, nil
}

// RecordFindings stores the verifier's findings (upserting each item; an
// empty finding clears it). Only the verifier who claimed the proposal, while
// it is in review, and never on a proposal they filed or submitted.
//
// An item turned from tidak_sesuai to sesuai loses its note unless a
// different note comes with it: the note said what was wrong, and a form
// (or client) sending the old note back with the new finding would
// otherwise leave it standing against an item now found in order.
func (s *Service) RecordFindings(ctx context.Context, p access.Principal, id int64, in FindingsInput) (*Review, error) {
	prop, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, err
	}
	if err := s.mayReview(ctx, p, prop); err != nil {
		return nil, err
	}
	if in.Version != 0 && in.Version != prop.Version {
		return nil, staleVersion(prop.Version)
	}
	subjects, err := catalog(prop)
	if err != nil {
		return nil, err
	}
	known := map[findingKey]bool{}
	for _, sub := range subjects {
		for _, it := range append(append([]ReviewItem{}, sub.Rules...), sub.Documents...) {
			known[findingKey{sub.Candidate, it.Item}] = true
		}
	}
	fields := input.Problems(&in)
	for i, f := range in.Findings {
		if !known[findingKey{f.Candidate, f.Item}] {
			fields[fmt.Sprintf("findings[%d].item", i)] = "Butir pemeriksaan tidak dikenal untuk usulan ini."
		}
	}
	if len(fields) > 0 {
		return nil, apperror.Invalid(fields)
	}
	now := s.Now()
	marked := 0
	asked := slices.Clone(in.Findings) // each run starts from what was asked
	err = s.inTx(ctx, func(tx bun.Tx) error {
		st := store.For(tx, p)
		in.Findings, marked = slices.Clone(asked), 0
		// Lock the proposal row and re-check its state, so no finding lands
		// after a decision committed meanwhile.
		reviewer := p.UserID // or the absent verifier a substitute stands in for
		if prop.ReviewerID != nil {
			reviewer = *prop.ReviewerID
		}
		res, err := st.UpdateModel((*models.Proposal)(nil)).Apply(func(q *bun.UpdateQuery) *bun.UpdateQuery {
			return q.Set("version = version").
				Where("id = ? AND status = ? AND reviewer_id = ?", prop.ID, models.StatusInReview, reviewer)
		}).Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperror.Conflict("Status usulan telah berubah. Muat ulang halaman lalu ulangi.")
		}
		stored, err := loadFindings(ctx, st, prop.ID)
		if err != nil {
			return err
		}
		for i := range in.Findings {
			f := &in.Findings[i]
			if old, ok := stored[findingKey{f.Candidate, f.Item}]; ok && old.Finding == FindingWanting &&
				f.Finding == FindingOK && f.Note == old.Note {
				f.Note = ""
			}
		}
		if in.MarkRemainingOK {
			rest, err := remainingOK(ctx, st, prop.ID, subjects, stored, in.Findings)
			if err != nil {
				return err
			}
			marked = len(rest)
			in.Findings = append(in.Findings, rest...)
		}
		for _, f := range in.Findings {
			if f.Finding == "" {
				if _, ok := stored[findingKey{f.Candidate, f.Item}]; !ok {
					continue // nothing to clear (a form posts every item it shows)
				}
				if _, err := st.DeleteModel((*Finding)(nil)).Apply(func(q *bun.DeleteQuery) *bun.DeleteQuery {
					return q.
						Where("proposal_id = ? AND subject = ? AND item = ?", prop.ID, f.Candidate, f.Item)
				}).Exec(ctx); err != nil {
					return err
				}
				continue
			}
			row := &Finding{ProposalID: prop.ID, Subject: f.Candidate, Item: f.Item, Finding: f.Finding, Note: f.Note,
				ReviewerID: &p.UserID, UpdatedAt: now}
			if _, err := st.Insert(row).Apply(func(q *bun.InsertQuery) *bun.InsertQuery {
				return q.
					On("CONFLICT (proposal_id, subject, item) DO UPDATE").
					Set("finding = EXCLUDED.finding").Set("note = EXCLUDED.note").
					Set("reviewer_id = EXCLUDED.reviewer_id").Set("updated_at = EXCLUDED.updated_at")
			}).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	r, err := s.Review(ctx, p, id)
	if err != nil {
		return nil, err
	}
	r.Marked = marked
	return r, nil
}

// remainingOK is the findings MarkRemainingOK adds: sesuai for every item
// with no finding once in is applied, except a rule not passed (fail,
// missing, manual) and a document not uploaded.
func remainingOK(ctx context.Context, st *store.Store, proposalID int64, subjects []ReviewSubject,
	stored map[findingKey]Finding, in []FindingInput) ([]FindingInput, error) {
	has := map[findingKey]bool{}
	for k := range stored {
		has[k] = true
	}
	for _, f := range in {
		has[findingKey{f.Candidate, f.Item}] = f.Finding != ""
	}
	atts, err := listAttachments(ctx, st, proposalID)
	if err != nil {
		return nil, err
	}
	uploaded := map[findingKey]bool{}
	for _, a := range atts {
		if a.ReplacedAt == nil {
			uploaded[findingKey{a.Subject, "doc:" + a.Item}] = true
		}
	}
	var out []FindingInput
	for _, sub := range subjects {
		for _, it := range sub.Rules {
			k := findingKey{sub.Candidate, it.Item}
			if !has[k] && (it.Result == eligibility.Pass || it.Result == eligibility.NotApplicable) {
				out = append(out, FindingInput{Candidate: sub.Candidate, Item: it.Item, Finding: FindingOK})
			}
		}
		for _, it := range sub.Documents {
			k := findingKey{sub.Candidate, it.Item}
			if !has[k] && uploaded[k] {
				out = append(out, FindingInput{Candidate: sub.Candidate, Item: it.Item, Finding: FindingOK})
			}
		}
	}
	return out, nil
}

// findingsSnapshot is the recorded findings with their labels, for a
// decision's event (read inside the decision's transaction).
func findingsSnapshot(ctx context.Context, st *store.Store, prop *models.Proposal) ([]WantingItem, error) {
	findings, err := loadFindings(ctx, st, prop.ID)
	if err != nil {
		return nil, err
	}
	subjects, err := catalog(prop)
	if err != nil {
		return nil, err
	}
	out := []WantingItem{}
	for _, sub := range subjects {
		for _, it := range append(append([]ReviewItem{}, sub.Rules...), sub.Documents...) {
			if f, ok := findings[findingKey{sub.Candidate, it.Item}]; ok {
				out = append(out, WantingItem{Candidate: sub.Candidate, Name: sub.Name, Item: it.Item, Label: it.Label,
					Finding: f.Finding, Note: f.Note})
			}
		}
	}
	return out, nil
}

// eventData is the part of an event's data the review reads.
type eventData struct {
	Before    map[string]json.RawMessage `json:"before"`
	Findings  []WantingItem              `json:"findings"`
	Candidate string                     `json:"candidate"`
	Name      string                     `json:"name"`
	Item      string                     `json:"item"`
	Label     string                     `json:"label"`
	FileName  string                     `json:"file_name"`
	Replaced  *struct {
		FileName string `json:"file_name"`
	} `json:"replaced"`
}

// revisionAndChanges reads the timeline: the last request for revision (what
// the office must fix) and what changed after it (what the verifier must
// look at again).
func revisionAndChanges(prop *models.Proposal, evs []*models.Event) (*RevisionRequest, *Changes, error) {
	last := -1
	for i, e := range evs {
		if e.Action == string(ActRequestRevision) {
			last = i
		}
	}
	if last < 0 {
		return nil, nil, nil
	}
	rev := evs[last]
	rr := &RevisionRequest{At: rev.CreatedAt, Note: rev.Note, Items: []WantingItem{}}
	if rev.Actor != nil {
		rr.By = rev.Actor.DisplayName()
	}
	if rev.Data != nil {
		var d eventData
		if err := json.Unmarshal([]byte(*rev.Data), &d); err != nil {
			return nil, nil, err
		}
		for _, it := range d.Findings {
			if it.Finding == FindingWanting {
				rr.Items = append(rr.Items, it)
			}
		}
	}
	ch := &Changes{Since: rev.CreatedAt, Fields: []FieldChange{}, Documents: []DocumentChange{}}
	var before map[string]json.RawMessage
	for _, e := range evs[last+1:] {
		if e.Data == nil {
			continue
		}
		var d eventData
		if err := json.Unmarshal([]byte(*e.Data), &d); err != nil {
			return nil, nil, err
		}
		switch e.Action {
		case "edit":
			if before == nil {
				before = d.Before
			}
		case "upload":
			dc := DocumentChange{Subject: d.Candidate, Item: d.Item, Label: d.Label, FileName: d.FileName, At: e.CreatedAt}
			if d.Replaced != nil {
				dc.Replaced, dc.OldFileName = true, d.Replaced.FileName
			}
			// A document uploaded twice since the review shows once, as its latest.
			kept := ch.Documents[:0]
			for _, x := range ch.Documents {
				if x.Subject == dc.Subject && x.Item == dc.Item {
					dc.Replaced = dc.Replaced && x.Replaced
					dc.OldFileName = x.OldFileName
					continue
				}
				kept = append(kept, x)
			}
			ch.Documents = append(kept, dc)
		}
	}
	if before != nil {
		after, err := currentInputJSON(prop)
		if err != nil {
			return nil, nil, err
		}
		ch.Fields = diffInputs(prop.Kind, before, after)
	}
	return rr, ch, nil
}

// diffInputs lists the fields that differ between two proposal inputs (as
// stored on edit events): the proposal's own fields, then per candidate
// (matched by NIP) the added, removed and changed ones.
func diffInputs(kind string, before, after map[string]json.RawMessage) []FieldChange {
	out := []FieldChange{}
	if kind == models.KindStaffing {
		keys := unionKeys(before, after)
		for _, k := range keys {
			if k == "kind" || k == "office" {
				continue
			}
			b, a := flatValue(before[k]), flatValue(after[k])
			if b != a {
				out = append(out, FieldChange{Field: fieldLabel(k), Before: b, After: a})
			}
		}
		return out
	}
	for _, k := range []string{"position", "level", "route", "reference_date"} {
		b, a := flatValue(before[k]), flatValue(after[k])
		if b != a {
			out = append(out, FieldChange{Field: fieldLabel(k), Before: enumLabel(k, b), After: enumLabel(k, a)})
		}
	}
	bc, border := candidatesByNIP(before["candidates"])
	ac, aorder := candidatesByNIP(after["candidates"])
	for _, nip := range aorder {
		a := ac[nip]
		subject := candidateSubject(a, nip)
		b, ok := bc[nip]
		if !ok {
			out = append(out, FieldChange{Subject: subject, Field: "Calon", Before: "—", After: "ditambahkan"})
			continue
		}
		fb, fa := map[string]string{}, map[string]string{}
		flatten("", b, fb)
		flatten("", a, fa)
		for _, k := range unionKeys(fb, fa) {
			vb, va := fb[k], fa[k]
			if vb == "" {
				vb = "—"
			}
			if va == "" {
				va = "—"
			}
			if vb != va {
				out = append(out, FieldChange{Subject: subject, Field: fieldLabel(k), Before: enumLabel(k, vb), After: enumLabel(k, va)})
			}
		}
	}
	for _, nip := range border {
		if _, ok := ac[nip]; !ok {
			out = append(out, FieldChange{Subject: candidateSubject(bc[nip], nip), Field: "Calon", Before: "ada", After: "dihapus"})
		}
	}
	return out
}

func candidatesByNIP(raw json.RawMessage) (map[string]map[string]any, []string) {
	var list []map[string]any
	_ = json.Unmarshal(raw, &list)
	out := map[string]map[string]any{}
	var order []string
	for _, c := range list {
		nip, _ := c["nip"].(string)
		nip = models.NormalizeNIP(nip)
		if _, dup := out[nip]; !dup {
			order = append(order, nip)
		}
		out[nip] = c
	}
	return out, order
}

func candidateSubject(c map[string]any, nip string) string {
	name, _ := c["name"].(string)
	return strings.TrimSpace(name + " (" + nip + ")")
}

// flatten turns a JSON object into dotted paths → display values.
func flatten(prefix string, v any, out map[string]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, y := range x {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			flatten(p, y, out)
		}
	default:
		out[prefix] = display(x)
	}
}

func flatValue(raw json.RawMessage) string {
	if len(raw) == 0 {
		return "—"
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return string(raw)
	}
	if m, ok := v.(map[string]any); ok {
		flat := map[string]string{}
		flatten("", m, flat)
		var parts []string
		for _, k := range unionKeys(flat, nil) {
			parts = append(parts, k+": "+flat[k])
		}
		return strings.Join(parts, "; ")
	}
	s := display(v)
	if s == "" {
		return "—"
	}
	return s
}

func display(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case bool:
		if x {
			return "ya"
		}
		return "tidak"
	case string:
		return x
	case float64:
		if x == float64(int64(x)) {
			return fmt.Sprintf("%d", int64(x))
		}
		return fmt.Sprintf("%g", x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func unionKeys[V any](a, b map[string]V) []string {
	seen := map[string]bool{}
	var out []string
	for k := range a {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for k := range b {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// fieldLabels names the fields of a proposal and a candidate in Indonesian.
var fieldLabels = map[string]string{
	"position": "Jabatan fungsional", "level": "Jenjang", "route": "Jalur", "reference_date": "Tanggal acuan",
	"nip": "NIP", "name": "Nama", "birth_place": "Tempat lahir", "birth_date": "Tanggal lahir",
	"gender": "Jenis kelamin", "employment_status": "Status kepegawaian", "rank": "Pangkat/golongan",
	"rank_tmt": "TMT golongan", "current_position": "Jabatan saat ini", "current_position_tmt": "TMT jabatan",
	"education_level": "Pendidikan terakhir", "education_field": "Jurusan/program studi",
	"education_institution": "Perguruan tinggi/sekolah", "education_year": "Tahun lulus",
	"experience_months": "Pengalaman (bulan)", "competency_test_passed": "Lulus uji kompetensi",
	"discipline.ongoing":                 "Sedang menjalani hukuman disiplin",
	"discipline.last_moderate_or_severe": "Hukdis sedang/berat terakhir",
	"health_statement":                   "Surat keterangan sehat", "integrity_statement": "Pakta integritas",
	"vacancy_available": "Formasi tersedia", "position_title": "Jabatan/tugas", "count": "Jumlah",
	"mechanism": "Mekanisme", "age_min": "Usia paling rendah", "age_max": "Usia paling tinggi",
	"skills": "Keterampilan", "tasks": "Tugas", "monthly_pay": "Honor per bulan", "budget_source": "Sumber anggaran",
	"period_start": "Awal kontrak", "period_end": "Akhir kontrak", "justification": "Justifikasi",
}

func fieldLabel(k string) string {
	if l, ok := fieldLabels[k]; ok {
		return l
	}
	if y, ok := strings.CutPrefix(k, "performance."); ok {
		return "Predikat kinerja " + y
	}
	return k
}

func enumLabel(k, v string) string {
	var l string
	switch {
	case k == "position":
		l = models.Position(v).Label()
	case k == "level":
		l = models.Level(v).Label()
	case k == "route":
		l = models.Route(v).Label()
	case k == "rank":
		l = models.Rank(v).Label()
	case k == "employment_status":
		l = models.EmploymentStatus(v).Label()
	case strings.HasPrefix(k, "performance."):
		l = models.PerformanceRating(v).Label()
	}
	if l != "" {
		return l
	}
	return v
}

// verifiedCandidates is the review as the verification sheet prints it: per
// candidate the rule outcomes and the document checklist, each with the
// verifier's finding and note; the proposal's own documents go with the
// first candidate's checklist.
func verifiedCandidates(r *Review) []documents.VerifiedCandidate {
	var out []documents.VerifiedCandidate
	var whole []documents.ChecklistItem
	decided := false
	switch r.Status {
	case models.StatusVerified, models.StatusForwarded, models.StatusCompleted, models.StatusRejected:
		decided = true
	}
	for _, sub := range r.Subjects {
		var items []documents.ChecklistItem
		for _, it := range sub.Documents {
			finding := FindingLabel(it.Finding)
			switch {
			case finding != "":
			case it.Attachment == nil:
				finding = "Belum diunggah"
			default:
				finding = "Belum diperiksa"
			}
			items = append(items, documents.ChecklistItem{Document: it.Label, Finding: finding, Note: it.Note})
		}
		if sub.Candidate == "" {
			for _, it := range items {
				it.Document += " (untuk seluruh usulan)"
				whole = append(whole, it)
			}
			continue
		}
		vc := documents.VerifiedCandidate{Name: sub.Name, NIP: sub.Candidate, Checklist: items}
		if !decided {
			// Before the decision the sheet is a draft showing each
			// candidate's rule outcome; once decided, the one conclusion
			// of the sheet stands alone.
			vc.Conclusion = verdictNote(sub.Verdict)
		}
		for _, it := range sub.Rules {
			vc.Rules = append(vc.Rules, documents.RuleResult{Rule: it.Label, Result: resultLabel(it.Result),
				Detail: it.Detail, Basis: it.Basis, Finding: FindingLabel(it.Finding), Note: it.Note})
		}
		out = append(out, vc)
	}
	if len(out) > 0 {
		out[0].Checklist = append(out[0].Checklist, whole...)
	}
	return out
}
