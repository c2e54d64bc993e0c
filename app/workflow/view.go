package workflow

import (
	"encoding/json"
	"time"

	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/models"
)

// CandidateView is a candidate as the API shows it: the filed data, the
// verdict and the rule outcomes (ELIGIBILITY.md §3).
type CandidateView struct {
	eligibility.Candidate
	Verdict       string                `json:"verdict"`
	RuleSet       string                `json:"rule_set"`
	ReferenceDate models.Date           `json:"reference_date"`
	Derived       *eligibility.Derived  `json:"derived,omitempty"`
	Checks        []eligibility.Outcome `json:"checks"`
}

// ProposalView is a proposal as the API shows it (API.md).
type ProposalView struct {
	ID            int64           `json:"id"`
	Kind          string          `json:"kind"`
	Office        string          `json:"office"`
	OfficeName    string          `json:"office_name"`
	Status        models.Status   `json:"status"`
	StatusLabel   string          `json:"status_label"`
	Version       int64           `json:"version"`
	Position      string          `json:"position,omitempty"`
	Level         string          `json:"level,omitempty"`
	Route         string          `json:"route,omitempty"`
	ReferenceDate models.Date     `json:"reference_date"`
	LetterNumber  *string         `json:"letter_number"`
	LetterDate    models.Date     `json:"letter_date"`
	OverrideNote  string          `json:"override_note,omitempty"`
	DecreeNumber  string          `json:"decree_number,omitempty"`
	DecreeDate    models.Date     `json:"decree_date,omitempty"`
	Verdict       string          `json:"verdict"`
	Candidates    []CandidateView `json:"candidates,omitempty"`
	// Staffing requests: the request's own fields and their outcomes.
	Staffing  json.RawMessage       `json:"staffing,omitempty"`
	Checks    []eligibility.Outcome `json:"checks,omitempty"`
	CreatedAt time.Time             `json:"created_at"`
	UpdatedAt time.Time             `json:"updated_at"`
}

// View builds the API representation of a loaded proposal.
func View(p *models.Proposal) (*ProposalView, error) {
	v := &ProposalView{ID: p.ID, Kind: p.Kind, Status: p.Status, StatusLabel: p.Status.Label(), Version: p.Version,
		Position: p.Position, Level: p.Level, Route: p.Route, ReferenceDate: p.ReferenceDate,
		LetterNumber: p.LetterNumber, LetterDate: p.LetterDate, OverrideNote: p.OverrideNote,
		DecreeNumber: p.DecreeNumber, DecreeDate: p.DecreeDate, Verdict: p.Verdict,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	if p.Office != nil {
		v.Office, v.OfficeName = p.Office.Code, p.Office.Name
	}
	for _, c := range p.Candidates {
		cv, err := CandidateOf(c)
		if err != nil {
			return nil, err
		}
		v.Candidates = append(v.Candidates, cv)
	}
	if p.Staffing != nil {
		v.Staffing = json.RawMessage(*p.Staffing)
	}
	if p.Checks != nil {
		var res eligibility.Result
		if err := json.Unmarshal([]byte(*p.Checks), &res); err != nil {
			return nil, err
		}
		v.Checks = res.Checks
	}
	return v, nil
}

// CandidateOf decodes a stored candidate and its outcomes.
func CandidateOf(c *models.Candidate) (CandidateView, error) {
	var cv CandidateView
	if err := json.Unmarshal([]byte(c.Data), &cv.Candidate); err != nil {
		return cv, err
	}
	var res eligibility.Result
	if err := json.Unmarshal([]byte(c.Result), &res); err != nil {
		return cv, err
	}
	cv.Verdict, cv.RuleSet, cv.ReferenceDate, cv.Derived, cv.Checks = res.Verdict, res.RuleSet, res.ReferenceDate, res.Derived, res.Checks
	return cv, nil
}

// StaffingOf decodes a staffing request's stored fields.
func StaffingOf(p *models.Proposal) (*eligibility.StaffingRequest, error) {
	if p.Staffing == nil {
		return nil, nil
	}
	var r eligibility.StaffingRequest
	err := json.Unmarshal([]byte(*p.Staffing), &r)
	return &r, err
}

func staffingTitle(raw *string) string {
	t, _ := staffingTitleCount(raw)
	return t
}

// staffingTitleCount is a staffing request's title and the number of people
// it asks for.
func staffingTitleCount(raw *string) (string, int) {
	if raw == nil {
		return "", 0
	}
	var x struct {
		Title string `json:"position_title"`
		Count int    `json:"count"`
	}
	_ = json.Unmarshal([]byte(*raw), &x)
	return x.Title, x.Count
}
