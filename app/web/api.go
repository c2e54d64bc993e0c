package web

import (
	"encoding/json"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/offices"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

func (s *Server) apiOffices(c *fiber.Ctx) error {
	all, err := offices.ListByCode(c.UserContext(), s.DB)
	if err != nil {
		return err
	}
	type officeJSON struct {
		models.Office
		Missing []string `json:"missing"` // what letters need and the record lacks
	}
	items := make([]officeJSON, 0, len(all))
	for i := range all {
		o := officeJSON{Office: all[i], Missing: []string{}}
		for _, k := range []string{"address", "head_name", "head_nip"} {
			if _, ok := workflow.OfficeGaps(&all[i])[k]; ok {
				o.Missing = append(o.Missing, k)
			}
		}
		items = append(items, o)
	}
	return c.JSON(fiber.Map{"items": items, "total": len(items)})
}

// apiCheck is the eligibility check of ELIGIBILITY.md §3 and §4.
// A regency user's JFT check without candidate.vacancy_available reads that
// office's formation ledger, as filing does (ELIGIBILITY.md §6.4); an
// explicit value is taken as given.
func (s *Server) apiCheck(c *fiber.Ctx) error {
	body := c.Body()
	if p, err := principal(c); err == nil && p.Regional() {
		body = s.withLedgerVacancy(c, p.OfficeID, body)
	}
	out, code := eligibility.Run(body, s.Workflow.Today(), s.Workflow.PayCapsFor(c.UserContext()))
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	if code != 0 {
		return c.Status(fiber.StatusBadRequest).Send(reshapeCheckError(out))
	}
	return c.Send(out)
}

// withLedgerVacancy returns body with candidate.vacancy_available set from
// the office's ledger when the body is a readable JFT check that leaves it
// out and a formation is set for its target and year; otherwise body as it
// is (Run then reports any input error).
func (s *Server) withLedgerVacancy(c *fiber.Ctx, officeID int64, body []byte) []byte {
	req, err := eligibility.DecodeRequest(body, s.Workflow.Today())
	if err != nil || req.Candidate.VacancyAvailable != nil {
		return body
	}
	var top map[string]json.RawMessage
	var cand map[string]json.RawMessage
	if json.Unmarshal(body, &top) != nil || json.Unmarshal(top["candidate"], &cand) != nil {
		return body
	}
	open := formationVacancy(s.DB)(c.UserContext(), officeID,
		eligibility.Target{Position: req.Position, Level: req.Level, Route: req.Route}, req.ReferenceDate)
	if open == nil {
		return body
	}
	cand["vacancy_available"], _ = json.Marshal(*open)
	top["candidate"], _ = json.Marshal(cand)
	out, err := json.Marshal(top)
	if err != nil {
		return body
	}
	return out
}

// reshapeCheckError turns the CLI's {"error","field"} into the API's
// {"error","fields":{field: message}}.
func reshapeCheckError(out []byte) []byte {
	var e struct {
		Error string `json:"error"`
		Field string `json:"field"`
	}
	if json.Unmarshal(out, &e) != nil {
		return out
	}
	body := map[string]any{"error": e.Error, "field": e.Field}
	if e.Field != "" {
		body["fields"] = map[string]string{e.Field: e.Error}
	}
	b, _ := json.Marshal(body)
	return b
}

func filterFromQuery(c *fiber.Ctx) workflow.Filter {
	page, _ := strconv.Atoi(c.Query("page"))
	per, _ := strconv.Atoi(c.Query("per_page"))
	return workflow.Filter{Status: models.Status(c.Query("status")), Office: c.Query("office"), Kind: c.Query("kind"),
		Q: c.Query("q"), Page: page, PerPage: per, Position: c.Query("position"), Level: c.Query("level"),
		FiledFrom: c.Query("filed_from"), FiledTo: c.Query("filed_to"), Reason: c.Query("reason"), Path: c.Query("path")}
}

func (s *Server) apiProposalList(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	f := filterFromQuery(c)
	rows, total, err := s.Workflow.List(c.UserContext(), p, f)
	if err != nil {
		return err
	}
	if rows == nil {
		rows = []workflow.Summary{}
	}
	// A search or a drill-down counts up to the cap: past it total is
	// cap+1 and total_capped says it means "more than 10,000".
	return c.JSON(fiber.Map{"items": rows, "total": total, "total_capped": s.Workflow.TotalCapped(f, total),
		"page": max(f.Page, 1), "per_page": perPageOr(f.PerPage)})
}

func perPageOr(n int) int {
	if n < 1 {
		return 20
	}
	return min(n, 100)
}

func (s *Server) apiProposalCreate(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	in, err := s.Workflow.DecodeInput(c.Body())
	if err != nil {
		return err
	}
	prop, err := s.Workflow.Create(c.UserContext(), p, in)
	if err != nil {
		return err
	}
	return s.sendProposal(c.Status(fiber.StatusCreated), prop)
}

func (s *Server) sendProposal(c *fiber.Ctx, prop *models.Proposal) error {
	v, err := workflow.View(prop)
	if err != nil {
		return err
	}
	return c.JSON(v)
}

func idParam(c *fiber.Ctx) (int64, error) {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, apperror.NotFound()
	}
	return id, nil
}

func (s *Server) apiProposalGet(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	prop, err := s.Workflow.Get(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	return s.sendProposal(c, prop)
}

func (s *Server) apiProposalPatch(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	prop, err := s.Workflow.Patch(c.UserContext(), p, id, c.Body())
	if err != nil {
		return err
	}
	return s.sendProposal(c, prop)
}

func (s *Server) apiProposalTransition(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	var in workflow.TransitionInput
	if err := input.DecodeJSON(c.Body(), &in); err != nil {
		return err
	}
	prop, err := s.Workflow.Apply(c.UserContext(), p, id, in)
	if err != nil {
		return err
	}
	return s.sendProposal(c, prop)
}

// EventView is one timeline entry in the API.
type EventView struct {
	ID          int64           `json:"id"`
	Action      string          `json:"action"`
	ActionLabel string          `json:"action_label"`
	From        models.Status   `json:"from"`
	To          models.Status   `json:"to"`
	Note        string          `json:"note"`
	Actor       string          `json:"actor"`
	ActorRole   models.Role     `json:"actor_role"`
	Data        json.RawMessage `json:"data,omitempty"`
	At          string          `json:"at"`
	// OnBehalfOf names the absent verifier a substitute acted for ("atas nama").
	OnBehalfOf string `json:"on_behalf_of,omitempty"`
}

func (s *Server) apiProposalEvents(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	evs, err := s.Workflow.Events(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	items := make([]EventView, 0, len(evs))
	for _, e := range evs {
		v := EventView{ID: e.ID, Action: e.Action, ActionLabel: workflow.ActionLabel(e.Action), From: e.FromStatus,
			To: e.ToStatus, Note: e.Note, At: e.CreatedAt.UTC().Format("2006-01-02T15:04:05Z")}
		if e.Actor != nil {
			v.Actor, v.ActorRole = e.Actor.DisplayName(), e.Actor.Role
		}
		if e.Data != nil {
			v.Data = json.RawMessage(*e.Data)
		}
		v.OnBehalfOf = workflow.OnBehalfOf(e)
		items = append(items, v)
	}
	return c.JSON(fiber.Map{"items": items, "total": len(items)})
}

func (s *Server) apiProposalChecks(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	prop, err := s.Workflow.Get(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	v, err := workflow.View(prop)
	if err != nil {
		return err
	}
	if prop.Kind == models.KindStaffing {
		return c.JSON(fiber.Map{"verdict": v.Verdict, "checks": v.Checks})
	}
	type cand struct {
		NIP     string                `json:"nip"`
		Name    string                `json:"name"`
		Verdict string                `json:"verdict"`
		Checks  []eligibility.Outcome `json:"checks"`
	}
	out := make([]cand, 0, len(v.Candidates))
	for _, cv := range v.Candidates {
		out = append(out, cand{cv.NIP, cv.Name, cv.Verdict, cv.Checks})
	}
	return c.JSON(fiber.Map{"verdict": v.Verdict, "candidates": out})
}
