package models

import (
	"time"

	"github.com/uptrace/bun"
)

// Office is a Kemenag office: the Kanwil (code "Kw.11") or a Kankemenag
// ("Kk.11.NN"). Letterheads and letter numbers are built from it.
type Office struct {
	bun.BaseModel `bun:"table:offices"`

	ID             int64     `bun:"id,pk,autoincrement" json:"-"`
	Code           string    `bun:"code,notnull" json:"code"`
	Kind           string    `bun:"kind,notnull" json:"kind"` // kanwil | kabupaten | kota
	Name           string    `bun:"name,notnull" json:"name"`
	City           string    `bun:"city,notnull" json:"city"`
	Address        string    `bun:"address,notnull" json:"address"`
	Phone          string    `bun:"phone,notnull" json:"phone"`
	Website        string    `bun:"website,notnull" json:"website"`
	Email          string    `bun:"email,notnull" json:"email"`
	HeadName       string    `bun:"head_name,notnull" json:"head_name"`
	HeadNIP        string    `bun:"head_nip,notnull" json:"head_nip"`
	HeadTitle      string    `bun:"head_title,notnull" json:"head_title"`
	CodeConfidence string    `bun:"code_confidence,notnull" json:"code_confidence"`
	CreatedAt      time.Time `bun:"created_at,notnull" json:"-"`
	UpdatedAt      time.Time `bun:"updated_at,notnull" json:"-"`
}

// IsKanwil reports whether o is the provincial office.
func (o *Office) IsKanwil() bool { return o.Kind == "kanwil" }

// Role is what a user may do (DOMAIN.md §2).
type Role string

// The four roles.
const (
	RoleOperator    Role = "operator"
	RoleKepala      Role = "kepala"
	RoleVerifikator Role = "verifikator"
	RoleAdmin       Role = "admin"
)

// Valid reports whether r is one of the four roles.
func (r Role) Valid() bool {
	switch r {
	case RoleOperator, RoleKepala, RoleVerifikator, RoleAdmin:
		return true
	}
	return false
}

// Regional reports whether r is scoped to one regency office.
func (r Role) Regional() bool { return r == RoleOperator || r == RoleKepala }

// Label is the role's Indonesian name.
func (r Role) Label() string {
	switch r {
	case RoleOperator:
		return "Operator Kankemenag"
	case RoleKepala:
		return "Kepala Kankemenag"
	case RoleVerifikator:
		return "Verifikator Kanwil"
	case RoleAdmin:
		return "Admin Kanwil"
	}
	return string(r)
}

// User is a person who logs in. Regency roles belong to one office.
type User struct {
	bun.BaseModel `bun:"table:users"`

	ID           int64  `bun:"id,pk,autoincrement"`
	Username     string `bun:"username,notnull"`
	Name         string `bun:"name,notnull"`
	NIP          string `bun:"nip,notnull"`
	Email        string `bun:"email,notnull"` // notifications by e-mail go here ("" for none)
	Role         Role   `bun:"role,notnull"`
	OfficeID     *int64 `bun:"office_id"`
	PasswordHash string `bun:"password_hash,notnull"`
	Active       bool   `bun:"active,notnull"`
	// SessionsAfter ends every browser session started before it (set on
	// disable and on a password reset).
	SessionsAfter *time.Time `bun:"sessions_after"`
	CreatedAt     time.Time  `bun:"created_at,notnull"`
	UpdatedAt     time.Time  `bun:"updated_at,notnull"`

	Office *Office `bun:"rel:belongs-to,join:office_id=id"`
}

// DisplayName is the name, or the username when no name was given.
func (u *User) DisplayName() string {
	if u.Name != "" {
		return u.Name
	}
	return u.Username
}

// APIToken is a bearer token; only its SHA-256 is stored.
type APIToken struct {
	bun.BaseModel `bun:"table:api_tokens"`

	ID         int64      `bun:"id,pk,autoincrement"`
	UserID     int64      `bun:"user_id,notnull"`
	TokenHash  string     `bun:"token_hash,notnull"`
	CreatedAt  time.Time  `bun:"created_at,notnull"`
	LastUsedAt *time.Time `bun:"last_used_at"`
}

// Status is a proposal's workflow state (DOMAIN.md §4).
type Status string

// The workflow states.
const (
	StatusDraft             Status = "draft"
	StatusSubmitted         Status = "submitted"
	StatusInReview          Status = "in_review"
	StatusRevisionRequested Status = "revision_requested"
	StatusVerified          Status = "verified"
	StatusRejected          Status = "rejected"
	StatusForwarded         Status = "forwarded"
	StatusCompleted         Status = "completed"
	StatusWithdrawn         Status = "withdrawn"
)

// AllStatuses lists the states in workflow order.
var AllStatuses = []Status{StatusDraft, StatusSubmitted, StatusInReview, StatusRevisionRequested,
	StatusVerified, StatusRejected, StatusForwarded, StatusCompleted, StatusWithdrawn}

// Valid reports whether s is a workflow state.
func (s Status) Valid() bool {
	for _, x := range AllStatuses {
		if s == x {
			return true
		}
	}
	return false
}

// Editable reports whether a proposal in s may be edited (DOMAIN.md §4).
func (s Status) Editable() bool { return s == StatusDraft || s == StatusRevisionRequested }

// Label is the state's Indonesian name.
func (s Status) Label() string {
	switch s {
	case StatusDraft:
		return "Draf"
	case StatusSubmitted:
		return "Diajukan"
	case StatusInReview:
		return "Sedang diverifikasi"
	case StatusRevisionRequested:
		return "Perlu perbaikan"
	case StatusVerified:
		return "Memenuhi syarat"
	case StatusRejected:
		return "Tidak memenuhi syarat"
	case StatusForwarded:
		return "Diteruskan"
	case StatusCompleted:
		return "Selesai (SK terbit)"
	case StatusWithdrawn:
		return "Ditarik"
	}
	return string(s)
}

// Proposal kinds.
const (
	KindJFT      = "jft"
	KindStaffing = "staffing"
)

// Proposal is one filing of an office: a JFT proposal (position, level,
// route and candidates) or a staffing request (fields in Staffing, JSON).
// Version increases on every change and guards against lost updates.
type Proposal struct {
	bun.BaseModel `bun:"table:proposals"`

	ID            int64      `bun:"id,pk,autoincrement"`
	Kind          string     `bun:"kind,notnull"`
	OfficeID      int64      `bun:"office_id,notnull"`
	Status        Status     `bun:"status,notnull"`
	Version       int64      `bun:"version,notnull"`
	Position      string     `bun:"position,notnull"`
	Level         string     `bun:"level,notnull"`
	Route         string     `bun:"route,notnull"`
	ReferenceDate Date       `bun:"reference_date,type:text"`
	LetterNumber  *string    `bun:"letter_number"`
	LetterDate    Date       `bun:"letter_date,type:text"`
	OverrideNote  string     `bun:"override_note,notnull"`
	Verdict       string     `bun:"verdict,notnull"`
	Staffing      *string    `bun:"staffing"` // JSON of the staffing request fields
	Checks        *string    `bun:"checks"`   // JSON of the staffing request's eligibility result
	DecreeNumber  string     `bun:"decree_number,notnull"`
	DecreeDate    Date       `bun:"decree_date,type:text"`
	CreatedBy     *int64     `bun:"created_by"`
	SubmittedBy   *int64     `bun:"submitted_by"`
	ReviewerID    *int64     `bun:"reviewer_id"`
	SubmittedAt   *time.Time `bun:"submitted_at"`
	CreatedAt     time.Time  `bun:"created_at,notnull"`
	UpdatedAt     time.Time  `bun:"updated_at,notnull"`

	Office     *Office      `bun:"rel:belongs-to,join:office_id=id"`
	Candidates []*Candidate `bun:"rel:has-many,join:id=proposal_id"`
}

// Candidate is one person on a JFT proposal's nominative list: a snapshot of
// the employee's data at filing (Data, JSON of eligibility.Candidate) and the
// rule outcomes computed from it (Result, JSON of eligibility.Result).
type Candidate struct {
	bun.BaseModel `bun:"table:candidates"`

	ID         int64  `bun:"id,pk,autoincrement"`
	ProposalID int64  `bun:"proposal_id,notnull"`
	Seq        int    `bun:"seq,notnull"`
	NIP        string `bun:"nip,notnull"`
	Name       string `bun:"name,notnull"`
	Data       string `bun:"data,notnull"`
	Verdict    string `bun:"verdict,notnull"`
	Result     string `bun:"result,notnull"`
	// OfficeNote is the office's own remark on the candidate, printed in the
	// "Ket." column of the nominative list; blank by default.
	// Loaded from candidate_notes where shown (workflow.FillNotes).
	OfficeNote string `bun:"-"`
}

// Event is one entry of a proposal's append-only timeline.
type Event struct {
	bun.BaseModel `bun:"table:events"`

	ID         int64     `bun:"id,pk,autoincrement"`
	ProposalID int64     `bun:"proposal_id,notnull"`
	ActorID    *int64    `bun:"actor_id"`
	Action     string    `bun:"action,notnull"`
	FromStatus Status    `bun:"from_status,notnull"`
	ToStatus   Status    `bun:"to_status,notnull"`
	Note       string    `bun:"note,notnull"`
	Data       *string   `bun:"data"`
	CreatedAt  time.Time `bun:"created_at,notnull"`

	Actor *User `bun:"rel:belongs-to,join:actor_id=id"`
}

// IssuedDocument is a document as issued (stored bytes, sha256, verification
// code): every later print returns the same bytes.
type IssuedDocument struct {
	bun.BaseModel `bun:"table:issued_documents"`

	ID         int64  `bun:"id,pk,autoincrement"`
	ProposalID int64  `bun:"proposal_id,notnull"`
	Kind       string `bun:"kind,notnull"`
	VerifyCode string `bun:"verify_code,notnull"`
	SHA256     string `bun:"sha256,notnull"`
	Content    []byte `bun:"content,notnull"`
	// LetterNumber and LetterDate are those printed on the document.
	LetterNumber *string   `bun:"letter_number"`
	LetterDate   Date      `bun:"letter_date,type:text"`
	CreatedAt    time.Time `bun:"created_at,notnull"`
}
