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
// may be taken, the state it leads to, who may take it, whether a note (a
// reason) is required, and what it checks and does, as named steps that
// Apply runs in the declared order (transition_steps.go):
//   - Guards, before the transaction, after the common checks (scope, role,
//     state, version, note);
//   - Update, the columns set with the status;
//   - Prepare, in the transaction before the event (may refuse; fills the
//     event's data);
//   - Effects, in the transaction after the event, before the notifications;
//   - Afterward, after the commit, best effort.
type Transition struct {
	Action       Action
	From         []models.Status
	To           models.Status
	Roles        []models.Role
	NoteRequired bool
	Label        string // the button's Indonesian text

	Guards    []step
	Update    setter
	Prepare   []step
	Effects   []step
	Afterward []step
}

// Transitions is the whole state machine (DOMAIN.md §4). The pages, the API
// and the tests all read this table.
var Transitions = []Transition{
	{Action: ActSubmit, From: []models.Status{models.StatusDraft}, To: models.StatusSubmitted,
		Roles: []models.Role{models.RoleKepala}, Label: "Ajukan ke Kanwil",
		Guards:  []step{filingWindow, lawfulMechanism, failingNeedsOverride, submitGate},
		Update:  setSubmitted,
		Prepare: []step{quota, checklist},
		Effects: []step{letter}},
	{Action: ActClaim, From: []models.Status{models.StatusSubmitted}, To: models.StatusInReview,
		Roles: []models.Role{models.RoleVerifikator}, Label: "Ambil untuk verifikasi",
		Guards:  []step{separationOfDuties},
		Update:  setReviewer,
		Effects: []step{claimed}},
	{Action: ActRequestRevision, From: []models.Status{models.StatusInReview}, To: models.StatusRevisionRequested,
		Roles: []models.Role{models.RoleVerifikator}, NoteRequired: true, Label: "Kembalikan untuk perbaikan",
		Guards:  []step{separationOfDuties, decidingVerifier},
		Prepare: []step{checklist, findings, findingsData, onBehalf}},
	{Action: ActResubmit, From: []models.Status{models.StatusRevisionRequested}, To: models.StatusInReview,
		Roles: []models.Role{models.RoleKepala}, Label: "Ajukan ulang",
		Guards:  []step{lawfulMechanism, failingNeedsOverride, submitGate},
		Update:  setResubmitted,
		Prepare: []step{quota, checklist},
		Effects: []step{reissue}},
	{Action: ActVerify, From: []models.Status{models.StatusInReview}, To: models.StatusVerified,
		Roles: []models.Role{models.RoleVerifikator}, Label: "Memenuhi syarat",
		Guards:    []step{separationOfDuties, decidingVerifier, verifyAllowed},
		Prepare:   []step{checklist, findings, nothingWanting, findingsData, onBehalf},
		Afterward: []step{verificationSheet}},
	{Action: ActReject, From: []models.Status{models.StatusInReview}, To: models.StatusRejected,
		Roles: []models.Role{models.RoleVerifikator}, NoteRequired: true, Label: "Tidak memenuhi syarat",
		Guards:    []step{separationOfDuties, decidingVerifier},
		Prepare:   []step{checklist, findings, findingsData, onBehalf},
		Afterward: []step{verificationSheet}},
	{Action: ActForward, From: []models.Status{models.StatusVerified}, To: models.StatusForwarded,
		Roles: []models.Role{models.RoleVerifikator, models.RoleAdmin}, Label: "Teruskan untuk penetapan SK"},
	{Action: ActComplete, From: []models.Status{models.StatusForwarded}, To: models.StatusCompleted,
		Roles: []models.Role{models.RoleVerifikator, models.RoleAdmin}, Label: "Catat SK (selesai)",
		Guards:  []step{decreeFields},
		Update:  setDecree,
		Prepare: []step{decreeData},
		Effects: []step{jfPosts}},
	{Action: ActWithdraw, From: []models.Status{models.StatusDraft, models.StatusSubmitted, models.StatusInReview,
		models.StatusRevisionRequested}, To: models.StatusWithdrawn,
		Roles: []models.Role{models.RoleKepala}, Label: "Tarik usulan"},
	{Action: ActRelease, From: []models.Status{models.StatusInReview}, To: models.StatusSubmitted,
		Roles: []models.Role{models.RoleVerifikator, models.RoleAdmin}, NoteRequired: true, Label: "Lepaskan dari verifikator",
		Guards: []step{claimerReleases},
		Update: clearReviewer},
	{Action: ActReassign, From: []models.Status{models.StatusInReview}, To: models.StatusInReview,
		Roles: []models.Role{models.RoleAdmin}, Label: "Alihkan ke verifikator lain",
		Guards:  []step{reassignAllowed},
		Update:  setReassigned,
		Prepare: []step{reassignData},
		Effects: []step{reassigned}},
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
