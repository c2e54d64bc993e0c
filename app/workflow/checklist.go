package workflow

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/store"
	"github.com/kemenagjateng/usulan/models"
)

// Checklist item statuses (API.md: GET /proposals/{id}/checklist).
const (
	DocMissing  = "missing"  // no current upload
	DocUploaded = "uploaded" // uploaded, not yet found sesuai or wanting (or the finding is not shown yet)
	DocAccepted = "accepted" // the verifier found it sesuai
	DocWanting  = "wanting"  // the verifier found it tidak sesuai
)

// RequiredDocument is an admin's choice whether one document of the
// catalogue (the Go table Checklist) is required for one kind and route
// ("" for a staffing request). A document with no row is required: the Go
// table is the default, so documents added to it later are required until
// an admin says otherwise.
type RequiredDocument struct {
	bun.BaseModel `bun:"table:required_documents"`

	ID        int64     `bun:"id,pk,autoincrement" json:"-"`
	Kind      string    `bun:"kind,notnull" json:"kind"`
	Route     string    `bun:"route,notnull" json:"route"`
	Item      string    `bun:"item,notnull" json:"item"`
	Required  bool      `bun:"required,notnull" json:"required"`
	UpdatedBy *int64    `bun:"updated_by" json:"-"`
	UpdatedAt time.Time `bun:"updated_at,notnull" json:"updated_at"`
}

// RequirementRow is one line of the admin's table of required documents.
type RequirementRow struct {
	Kind     string       `json:"kind"`
	Route    models.Route `json:"route"`
	Item     string       `json:"item"`
	Label    string       `json:"label"`
	Basis    string       `json:"basis"`
	Required bool         `json:"required"`
}

// requirementRoutes are the routes a kind's documents are kept for.
func requirementRoutes(kind string) []models.Route {
	if kind == models.KindJFT {
		return models.AllRoutes()
	}
	return []models.Route{""}
}

// Requirements lists, per kind and route, every document of the catalogue
// that applies and whether it is required now.
func (s *Service) Requirements(ctx context.Context) ([]RequirementRow, error) {
	set, err := loadRequirements(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	var out []RequirementRow
	for _, kind := range []string{models.KindJFT, models.KindStaffing} {
		for _, r := range requirementRoutes(kind) {
			for _, d := range ChecklistFor(kind, r) {
				out = append(out, RequirementRow{Kind: kind, Route: r, Item: d.ID, Label: d.Label, Basis: d.Basis,
					Required: set.required(kind, r, d.ID)})
			}
		}
	}
	return out, nil
}

// requirement is the kind and route of a required-document setting; a
// staffing request has no route, a JFT proposal needs one.
type requirement struct {
	Kind  string `json:"kind" validate:"kind"`
	Route string `json:"route" validate:"required_if=Kind jft,omitempty,route" msg_required_if:"Pilih jalur."`
}

// SetRequirement records whether a document is required for a kind and
// route; admins only.
func (s *Service) SetRequirement(ctx context.Context, p access.Principal, kind string, route models.Route, item string, required bool) error {
	if !p.IsAdmin() {
		return apperror.Forbidden("Hanya admin Kanwil yang dapat mengubah daftar dokumen wajib.")
	}
	if kind == models.KindStaffing {
		route = ""
	}
	if err := input.Check(&requirement{Kind: kind, Route: string(route)}); err != nil {
		return err
	}
	item = strings.TrimPrefix(strings.TrimSpace(item), "doc:")
	found := false
	for _, d := range ChecklistFor(kind, route) {
		found = found || d.ID == item
	}
	if !found {
		return apperror.InvalidField("item", "Dokumen ini tidak termasuk kelengkapan jenis dan jalur usulan tersebut.")
	}
	row := &RequiredDocument{Kind: kind, Route: string(route), Item: item, Required: required, UpdatedBy: &p.UserID,
		UpdatedAt: s.Now()}
	_, err := s.DB.NewInsert().Model(row).On("CONFLICT (kind, route, item) DO UPDATE").
		Set("required = EXCLUDED.required").Set("updated_by = EXCLUDED.updated_by").
		Set("updated_at = EXCLUDED.updated_at").Exec(ctx)
	return err
}

type requirementSet map[[3]string]bool

func (rs requirementSet) required(kind string, route models.Route, item string) bool {
	if kind == models.KindStaffing {
		route = ""
	}
	if v, ok := rs[[3]string{kind, string(route), item}]; ok {
		return v
	}
	return true
}

func loadRequirements(ctx context.Context, db bun.IDB) (requirementSet, error) {
	var rows []RequiredDocument
	if err := db.NewSelect().Model(&rows).Scan(ctx); err != nil {
		return nil, err
	}
	out := requirementSet{}
	for _, r := range rows {
		out[[3]string{r.Kind, r.Route, r.Item}] = r.Required
	}
	return out, nil
}

// ChecklistItem is one document of a proposal's checklist.
type ChecklistItem struct {
	Item         string  `json:"item"` // "doc:<id>"
	Label        string  `json:"label"`
	NIP          *string `json:"nip"` // nil for a document of the whole proposal
	Name         string  `json:"name"`
	Required     bool    `json:"required"`
	Status       string  `json:"status"`
	AttachmentID *int64  `json:"attachment_id"`
	Note         string  `json:"note,omitempty"`
}

// ChecklistGroup is the documents of one candidate (or the proposal) with
// its counts, for pages.
type ChecklistGroup struct {
	NIP      string // "" for the proposal
	Name     string
	Items    []ChecklistItem
	Required int
	Uploaded int
}

// ProposalChecklist is a proposal's required documents and their status
// (API.md: GET /proposals/{id}/checklist).
type ProposalChecklist struct {
	Items    []ChecklistItem  `json:"items"`
	Required int              `json:"required"`
	Uploaded int              `json:"uploaded"`
	Groups   []ChecklistGroup `json:"-"`
}

// Missing lists the required items not uploaded, as "name — label".
func (c *ProposalChecklist) Missing() []string {
	var out []string
	for _, it := range c.Items {
		if it.Required && it.Status == DocMissing {
			out = append(out, it.Name+" — "+it.Label)
		}
	}
	return out
}

// Checklist returns a proposal's checklist, within scope.
func (s *Service) Checklist(ctx context.Context, p access.Principal, id int64) (*ProposalChecklist, error) {
	prop, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, err
	}
	return s.ChecklistOf(ctx, p, prop)
}

// ChecklistOf is Checklist for a proposal already loaded through Get.
func (s *Service) ChecklistOf(ctx context.Context, p access.Principal, prop *models.Proposal) (*ProposalChecklist, error) {
	r, err := s.buildReview(ctx, p, prop)
	if err != nil {
		return nil, err
	}
	set, err := loadRequirements(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	return checklistFromReview(prop, r, set), nil
}

func checklistFromReview(prop *models.Proposal, r *Review, set requirementSet) *ProposalChecklist {
	out := &ProposalChecklist{Items: []ChecklistItem{}}
	for _, sub := range r.Subjects {
		g := ChecklistGroup{NIP: sub.Candidate, Name: sub.Name}
		for _, it := range sub.Documents {
			ci := ChecklistItem{Item: it.Item, Label: it.Label, Name: sub.Name, Status: DocMissing, Note: it.Note,
				Required: set.required(prop.Kind, models.Route(prop.Route), strings.TrimPrefix(it.Item, "doc:"))}
			if sub.Candidate != "" {
				nip := sub.Candidate
				ci.NIP = &nip
			}
			if it.Attachment != nil {
				aid := it.Attachment.ID
				ci.AttachmentID = &aid
				switch it.Finding {
				case FindingOK:
					ci.Status = DocAccepted
				case FindingWanting:
					ci.Status = DocWanting
				default:
					ci.Status = DocUploaded
				}
			}
			if ci.Required {
				g.Required++
				out.Required++
				if ci.Status != DocMissing {
					g.Uploaded++
					out.Uploaded++
				}
			}
			g.Items = append(g.Items, ci)
			out.Items = append(out.Items, ci)
		}
		if len(g.Items) > 0 {
			out.Groups = append(out.Groups, g)
		}
	}
	return out
}

// missingDocumentsError is the 422 for submitting while required documents
// are missing, naming every one.
func (s *Service) missingDocumentsError(ctx context.Context, prop *models.Proposal) error {
	cl, err := s.ChecklistOf(ctx, access.Principal{Role: models.RoleAdmin}, prop)
	if err != nil {
		return err
	}
	missing := cl.Missing()
	if len(missing) == 0 {
		return nil
	}
	list := strings.Join(missing, "; ")
	return apperror.Unprocessable(fmt.Sprintf("Dokumen wajib belum lengkap (%d dari %d diunggah). Belum diunggah: %s. "+
		"Unggah dokumennya lebih dahulu.", cl.Uploaded, cl.Required, list), map[string]string{"documents": list})
}

// unacceptedDocumentsError is the 422 for verifying while a required
// document is missing or not found sesuai, naming every one (read in tx so
// it holds against findings recorded meanwhile).
func unacceptedDocumentsError(ctx context.Context, st *store.Store, prop *models.Proposal) error {
	subjects, err := catalog(prop)
	if err != nil {
		return err
	}
	findings, err := loadFindings(ctx, st, prop.ID)
	if err != nil {
		return err
	}
	atts, err := listAttachments(ctx, st, prop.ID)
	if err != nil {
		return err
	}
	uploaded := map[findingKey]bool{}
	for _, a := range atts {
		if a.ReplacedAt == nil {
			uploaded[findingKey{a.Subject, "doc:" + a.Item}] = true
		}
	}
	set, err := loadRequirements(ctx, st.DB())
	if err != nil {
		return err
	}
	var missing, unchecked []string
	for _, sub := range subjects {
		for _, it := range sub.Documents {
			if !set.required(prop.Kind, models.Route(prop.Route), strings.TrimPrefix(it.Item, "doc:")) {
				continue
			}
			k := findingKey{sub.Candidate, it.Item}
			switch {
			case !uploaded[k]:
				missing = append(missing, sub.Name+" — "+it.Label)
			case findings[k].Finding != FindingOK:
				unchecked = append(unchecked, sub.Name+" — "+it.Label)
			}
		}
	}
	if len(missing)+len(unchecked) == 0 {
		return nil
	}
	var parts []string
	fields := map[string]string{}
	if len(missing) > 0 {
		parts = append(parts, "belum diunggah: "+strings.Join(missing, "; "))
		fields["documents"] = strings.Join(missing, "; ")
	}
	if len(unchecked) > 0 {
		parts = append(parts, "belum dinyatakan sesuai: "+strings.Join(unchecked, "; "))
		fields["findings"] = strings.Join(unchecked, "; ")
	}
	return apperror.Unprocessable("Usulan belum dapat dinyatakan memenuhi syarat: dokumen wajib "+
		strings.Join(parts, "; dokumen wajib ")+". Periksa setiap dokumen, atau kembalikan untuk perbaikan.", fields)
}

// OfficeGaps names what an office record lacks for a letter's letterhead
// and signature (field → message); empty when complete.
func OfficeGaps(o *models.Office) map[string]string {
	f := map[string]string{}
	if o == nil {
		return f
	}
	if strings.TrimSpace(o.Address) == "" {
		f["address"] = "Alamat kantor belum diisi."
	}
	if strings.TrimSpace(o.HeadName) == "" {
		f["head_name"] = "Nama kepala kantor belum diisi."
	}
	if strings.TrimSpace(o.HeadNIP) == "" {
		f["head_nip"] = "NIP kepala kantor belum diisi."
	}
	return f
}

// officeIncompleteError is the 422 for numbering a letter while the office
// record lacks what the letterhead and signature need.
func officeIncompleteError(o *models.Office) error {
	gaps := OfficeGaps(o)
	if len(gaps) == 0 {
		return nil
	}
	var names []string
	for _, k := range []string{"address", "head_name", "head_nip"} {
		if _, ok := gaps[k]; ok {
			names = append(names, map[string]string{"address": "alamat (address)", "head_name": "nama kepala (head_name)",
				"head_nip": "NIP kepala (head_nip)"}[k])
		}
	}
	return apperror.Unprocessable("Surat belum dapat diberi nomor: data kantor "+o.Name+" belum lengkap ("+
		strings.Join(names, ", ")+"). Minta admin Kanwil melengkapi data kantor lebih dahulu.", gaps)
}

// submitGuard is what submit and resubmit need beyond the rules (the
// unlawful mechanism is unlawfulSubmit's): every required document
// uploaded, and an office record that gives the letter its letterhead and
// signature.
func (s *Service) submitGuard(ctx context.Context, cur *models.Proposal) error {
	if err := s.missingDocumentsError(ctx, cur); err != nil {
		return err
	}
	return officeIncompleteError(cur.Office)
}

// ChecklistFromReview is the checklist of a review already built (pages
// that show both build the review once).
func (s *Service) ChecklistFromReview(ctx context.Context, prop *models.Proposal, r *Review) (*ProposalChecklist, error) {
	set, err := loadRequirements(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	return checklistFromReview(prop, r, set), nil
}

// SubmitPreview is what the head sees before submitting: the number the
// letter will take, the checklist, what would refuse the submission, and
// whether a reason is needed for failing candidates.
type SubmitPreview struct {
	Proposal     *models.Proposal
	Action       Action
	LetterNumber string // the number it will take (if nobody else submits first)
	Checklist    *ProposalChecklist
	OfficeGaps   map[string]string
	Unlawful     string // the rule's detail when a staffing mechanism is unlawful
	Failing      []string
	Blocked      bool // something refuses the submission whatever the head writes
	// Filing is where today stands in the filing windows (submit only; filing.go).
	Filing FilingWindow
}

// PreviewSubmit prepares the confirmation step of submit or resubmit; it
// takes no number and changes nothing.
func (s *Service) PreviewSubmit(ctx context.Context, p access.Principal, id int64) (*SubmitPreview, error) {
	prop, err := s.Get(ctx, p, id)
	if err != nil {
		return nil, err
	}
	act := ActSubmit
	if prop.Status == models.StatusRevisionRequested {
		act = ActResubmit
	}
	t, _ := Lookup(act)
	if !t.AllowsRole(p.Role) {
		return nil, apperror.Forbidden("Hanya kepala Kankemenag yang dapat mengajukan usulan.")
	}
	if !t.AllowsFrom(prop.Status) {
		return nil, apperror.Conflict("Usulan berstatus " + prop.Status.Label() + " tidak dapat diajukan.")
	}
	cl, err := s.ChecklistOf(ctx, p, prop)
	if err != nil {
		return nil, err
	}
	pv := &SubmitPreview{Proposal: prop, Action: act, Checklist: cl, OfficeGaps: OfficeGaps(prop.Office),
		Failing: failingCandidates(prop)}
	pv.Unlawful, _ = UnlawfulMechanism(prop)
	pv.Blocked = pv.Unlawful != "" || len(cl.Missing()) > 0 || len(pv.OfficeGaps) > 0
	if act == ActSubmit {
		if pv.Filing, err = s.FilingWindowFor(ctx, prop.Kind, prop.Route); err != nil {
			return nil, err
		}
		pv.Blocked = pv.Blocked || !pv.Filing.Open
	}
	date := s.Today()
	class, err := s.classificationFor(ctx, s.DB, prop.Kind, date)
	if err != nil {
		return nil, err
	}
	var last int
	err = s.DB.NewSelect().Table("letter_counters").Column("last_seq").
		Where("office_id = ? AND year = ? AND classification = ''", prop.OfficeID, date.Year).Scan(ctx, &last)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	pv.LetterNumber = LetterNumber(last+1, prop.Office.Code, class, date)
	return pv, nil
}
