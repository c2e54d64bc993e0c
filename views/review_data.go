package views

import (
	"strings"

	"github.com/kemenagjateng/usulan/models"
)

// ReviewPanelData is the review part of a proposal page: what the office
// must fix, the required documents with their uploads, the way to the
// item-by-item review.
type ReviewPanelData struct {
	ProposalID  int64
	Version     int64
	CanUpload   bool
	ReviewLink  string // "" when the caller has nothing to see there
	ReviewLabel string
	UploadLimit string
	Revision    *RevisionBox
	Docs        []DocSubject
	// Required and Uploaded count the proposal's required documents.
	Required, Uploaded int
}

// RevisionBox is the last request for revision, as sent to the office.
type RevisionBox struct {
	At, By, Note string
	Items        []WantingRow
}

// WantingRow is one item found wanting.
type WantingRow struct{ Subject, Label, Note string }

// Text is the item and the verifier's note: "Ijazah: tidak terbaca".
func (w WantingRow) Text() string {
	if w.Note == "" {
		return w.Label
	}
	return w.Label + ": " + w.Note
}

// DocSubject is a candidate (or the whole proposal) with its documents.
type DocSubject struct {
	Candidate, Name    string
	Docs               []DocRow
	Required, Uploaded int // required documents of this subject, and how many are uploaded
}

// DocRow is one required document and its current upload.
type DocRow struct {
	Item, Label           string
	FileName, URL, Info   string
	Finding, FindingLabel string
	Note                  string
	Changed               bool
	Required              bool
}

// ReviewPageData is the verifier's item-by-item review page: the
// exceptions first (rules that did not pass automatically, documents not
// uploaded, anything found wanting), then the passing items folded per
// candidate, with one button that accepts every passing item not yet
// checked.
type ReviewPageData struct {
	ID           int64
	Version      int64
	Subject      string
	OfficeName   string
	LetterNumber string
	Status       models.Status
	Reviewer     string
	OverrideNote string
	CanRecord    bool
	Wanting      int
	// Exceptions holds, per candidate (or the proposal), the items needing
	// the verifier's own judgement; Passing the rest, folded.
	Exceptions []ReviewSubjectRow
	Passing    []ReviewSubjectRow
	// Candidates counts the subjects; Clean those without an exception.
	Candidates, Clean int
	// ExceptionCount and PassingCount count the items; PassingOpen the
	// passing items without a finding (what "accept all" marks Sesuai).
	ExceptionCount, PassingCount, PassingOpen int
	Changes                                   *ChangesView
	Revision                                  *RevisionBox
	Actions                                   []ActionForm
	Errors                                    map[string]string
	Message                                   string
	// Notes keeps the decision notes typed, per action, when the page is
	// shown again after an error.
	Notes map[string]string
	// Unlawful is the unlawful staffing mechanism's detail: verifying is
	// not offered.
	Unlawful string
	// NoNIP: the verifier looking has no NIP, so the verification sheet
	// would print none (issue 11); the page asks them to have an admin fill it.
	NoNIP bool
}

// ReviewSubjectRow is a candidate (or the proposal) with rules and documents.
type ReviewSubjectRow struct {
	Candidate, Name, Verdict string
	Rules, Docs              []ReviewRow
	// Accepted counts the rows found sesuai, Open those without a finding.
	Accepted, Open int
}

// Len is the number of rows.
func (s ReviewSubjectRow) Len() int { return len(s.Rules) + len(s.Docs) }

// ReviewRow is one item with its finding. The form posts its finding as
// "finding:<candidate>:<item>" and its note as "note:<candidate>:<item>".
type ReviewRow struct {
	Candidate, Item, Label      string
	Result, Detail, Basis       string
	Finding, Note               string
	FileName, FileURL, FileInfo string
	Changed                     bool
}

// FindingName is the form field of the row's finding.
func (r ReviewRow) FindingName() string { return "finding:" + r.Candidate + ":" + r.Item }

// NoteName is the form field of the row's note.
func (r ReviewRow) NoteName() string { return "note:" + r.Candidate + ":" + r.Item }

// FieldID is an HTML id for the row's controls ("x" + candidate + item).
func (r ReviewRow) FieldID(suffix string) string {
	return "i_" + r.Candidate + "_" + strings.NewReplacer(":", "_", ".", "_").Replace(r.Item) + "_" + suffix
}

// ChangesView is what the office changed since the last review.
type ChangesView struct {
	Since  string
	Fields []ChangeRow
	Docs   []ChangeRow
}

// ChangeRow is one change: where, what, before → after.
type ChangeRow struct{ Subject, Field, Before, After string }

// InboxData is the inbox page.
type InboxData struct {
	Sections []InboxSectionView
	Total    int
	Bulk     BulkBox // the bulk form and its last results (bulk.templ)
}

// InboxSectionView is one list of the inbox.
type InboxSectionView struct {
	Key, Title string
	Rows       []InboxRow
}

// InboxRow is a proposal waiting, with how long.
type InboxRow struct {
	ID                                int64
	Subject, OfficeName, LetterNumber string
	Status                            models.Status
	Verdict, Waited, Since            string
}

// NotificationsData is the notifications page.
type NotificationsData struct {
	Items  []NotificationRow
	Email  string
	MailOn bool
	Error  string
}

// NotificationRow is one notification.
type NotificationRow struct {
	ID               int64
	Message, At, URL string
	Unread           bool
}

// SubmitConfirmData is the confirmation step before submit or resubmit.
type SubmitConfirmData struct {
	ID                 int64
	Version            int64
	Action, Label      string
	Subject            string
	OfficeName         string
	LetterNumber       string
	LetterDate         string
	Candidates         []ConfirmCandidate
	Docs               []ConfirmDocs
	Required, Uploaded int
	OfficeGaps         []string
	Unlawful           string
	NeedOverride       bool
	Blocked            bool
	Staffing           bool
	// FilingNotice says where today stands in the filing windows;
	// FilingClosed refuses the submission (issue 15).
	FilingNotice string
	FilingClosed bool
}

// ConfirmCandidate is a candidate with the rules they fail.
type ConfirmCandidate struct {
	Name, NIP, Verdict string
	Failing            []string
}

// ConfirmDocs is a candidate's (or the proposal's) documents: the count and
// the required ones still missing.
type ConfirmDocs struct {
	Name               string
	Required, Uploaded int
	Missing            []string
}

// RequirementsData is the admin's table of required documents.
type RequirementsData struct{ Groups []RequirementGroup }

// RequirementGroup is one kind and route.
type RequirementGroup struct {
	Title string
	Rows  []RequirementRow
}

// RequirementRow is one document and whether it is required.
type RequirementRow struct {
	Kind, Route, Item, Label, Basis string
	Required                        bool
}
