// Package workflow holds the proposal use cases — file, edit, transition,
// list — each in one transaction on bun, behind the access layer. The pages
// and the JSON API both call it, so a rule holds everywhere at once.
package workflow

import "github.com/kemenagjateng/usulan/models"

// Action is a workflow action (API.md: transitions).
type Action string

// The actions of DOMAIN.md §4.
const (
	ActSubmit          Action = "submit"
	ActClaim           Action = "claim"
	ActRequestRevision Action = "request_revision"
	ActResubmit        Action = "resubmit"
	ActVerify          Action = "verify"
	ActReject          Action = "reject"
	ActForward         Action = "forward"
	ActComplete        Action = "complete"
	ActWithdraw        Action = "withdraw"
	// ActRelease returns a claimed proposal to the queue: the claiming
	// verifier lets it go, or an admin reassigns it when that verifier is
	// away. Not in DOMAIN.md §4; added so a claim can never strand a proposal.
	ActRelease Action = "release"
	// ActReassign moves a claimed proposal to another verifier (to_user),
	// staying in review: an admin, one by one or for all of one verifier's
	// claims at once (delegation.go, issue 15).
	ActReassign Action = "reassign"
)

// Transition is one row of the state machine: from which states an action
// may be taken, the state it leads to, who may take it and whether a note
// (a reason) is required.
type Transition struct {
	Action       Action
	From         []models.Status
	To           models.Status
	Roles        []models.Role
	NoteRequired bool
	Label        string // the button's Indonesian text
}

// Transitions is the whole state machine (DOMAIN.md §4). The pages, the API
// and the tests all read this table.
var Transitions = []Transition{
	{ActSubmit, []models.Status{models.StatusDraft}, models.StatusSubmitted,
		[]models.Role{models.RoleKepala}, false, "Ajukan ke Kanwil"},
	{ActClaim, []models.Status{models.StatusSubmitted}, models.StatusInReview,
		[]models.Role{models.RoleVerifikator}, false, "Ambil untuk verifikasi"},
	{ActRequestRevision, []models.Status{models.StatusInReview}, models.StatusRevisionRequested,
		[]models.Role{models.RoleVerifikator}, true, "Kembalikan untuk perbaikan"},
	{ActResubmit, []models.Status{models.StatusRevisionRequested}, models.StatusInReview,
		[]models.Role{models.RoleKepala}, false, "Ajukan ulang"},
	{ActVerify, []models.Status{models.StatusInReview}, models.StatusVerified,
		[]models.Role{models.RoleVerifikator}, false, "Memenuhi syarat"},
	{ActReject, []models.Status{models.StatusInReview}, models.StatusRejected,
		[]models.Role{models.RoleVerifikator}, true, "Tidak memenuhi syarat"},
	{ActForward, []models.Status{models.StatusVerified}, models.StatusForwarded,
		[]models.Role{models.RoleVerifikator, models.RoleAdmin}, false, "Teruskan untuk penetapan SK"},
	{ActComplete, []models.Status{models.StatusForwarded}, models.StatusCompleted,
		[]models.Role{models.RoleVerifikator, models.RoleAdmin}, false, "Catat SK (selesai)"},
	{ActWithdraw, []models.Status{models.StatusDraft, models.StatusSubmitted, models.StatusInReview,
		models.StatusRevisionRequested}, models.StatusWithdrawn,
		[]models.Role{models.RoleKepala}, false, "Tarik usulan"},
	{ActRelease, []models.Status{models.StatusInReview}, models.StatusSubmitted,
		[]models.Role{models.RoleVerifikator, models.RoleAdmin}, true, "Lepaskan dari verifikator"},
	{ActReassign, []models.Status{models.StatusInReview}, models.StatusInReview,
		[]models.Role{models.RoleAdmin}, false, "Alihkan ke verifikator lain"},
}

// Lookup returns the transition for an action.
func Lookup(a Action) (Transition, bool) {
	for _, t := range Transitions {
		if t.Action == a {
			return t, true
		}
	}
	return Transition{}, false
}

// AllowsRole reports whether role may take the transition.
func (t Transition) AllowsRole(r models.Role) bool {
	for _, x := range t.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// AllowsFrom reports whether the transition may start in s.
func (t Transition) AllowsFrom(s models.Status) bool {
	for _, x := range t.From {
		if x == s {
			return true
		}
	}
	return false
}

// Available lists the transitions role may take from s, in table order.
func Available(role models.Role, s models.Status) []Transition {
	var out []Transition
	for _, t := range Transitions {
		if t.Action == ActReassign {
			continue // needs a target verifier: taken from the delegation page (/delegations)
		}
		if t.AllowsRole(role) && t.AllowsFrom(s) {
			out = append(out, t)
		}
	}
	return out
}

// ActionLabel is the Indonesian name of an action as shown on the timeline.
func ActionLabel(a string) string {
	switch a {
	case "create":
		return "Dibuat"
	case "edit":
		return "Diubah"
	case "upload":
		return "Dokumen diunggah"
	case "notes":
		return "Keterangan calon (Ket.) diubah"
	}
	if l, ok := pastTense[Action(a)]; ok {
		return l
	}
	return a
}

// pastTense names what happened, for the timeline and notifications (the
// table's Label is the button's imperative).
var pastTense = map[Action]string{
	ActSubmit:          "Diajukan ke Kanwil",
	ActClaim:           "Diambil untuk diverifikasi",
	ActRequestRevision: "Dikembalikan untuk perbaikan",
	ActResubmit:        "Diajukan ulang setelah perbaikan",
	ActVerify:          "Dinyatakan memenuhi syarat",
	ActReject:          "Dinyatakan tidak memenuhi syarat",
	ActForward:         "Diteruskan untuk penetapan SK",
	ActComplete:        "SK dicatat (selesai)",
	ActWithdraw:        "Ditarik oleh kantor",
	ActRelease:         "Dilepas dari verifikator (kembali ke antrean)",
	ActReassign:        "Dialihkan ke verifikator lain",
}
