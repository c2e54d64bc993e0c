package web

import (
	"sort"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

// The rules page (issue 3), for every role: each rule set with every
// parameter, its source, confidence and dates; [L] values marked.

func dateOrOpen(d models.Date, open string) string {
	if d.IsZero() {
		return open
	}
	return d.Indonesian()
}

func (s *Server) rulesData(c *fiber.Ctx) views.RulesData {
	today := s.Workflow.Today()
	d := views.RulesData{Today: today.Indonesian()}
	for _, rs := range eligibility.RuleSets() {
		v := views.RuleSetView{ID: rs.ID, Name: rs.Name, Kind: ruleKindLabel(rs.Kind), Basis: rs.Basis,
			From: dateOrOpen(rs.EffectiveFrom, "(tidak dibatasi)"), To: dateOrOpen(rs.EffectiveTo, "sekarang"),
			InForce: inForce(today, rs.EffectiveFrom, rs.EffectiveTo)}
		for _, p := range rs.Parameters {
			v.Params = append(v.Params, views.ParamRow{Rule: p.Rule, RuleLabel: views.RuleLabel(p.Rule), Name: p.Name,
				Value: p.Value, From: dateOrOpen(p.EffectiveFrom, "…"), To: dateOrOpen(p.EffectiveTo, "…"),
				Source: p.Source, Confidence: p.Confidence, Note: p.Note, ManualOutcome: p.ManualOutcome})
		}
		d.Sets = append(d.Sets, v)
	}
	// The rule sets in force today come first; the others keep their order.
	sort.SliceStable(d.Sets, func(i, j int) bool { return d.Sets[i].InForce && !d.Sets[j].InForce })
	for _, r := range eligibility.Rules() {
		d.Catalog = append(d.Catalog, views.RuleRow{ID: r.ID, Kind: ruleKindLabel(r.Kind), Label: r.Label})
	}
	for _, pc := range s.Workflow.PayCapsFor(c.UserContext()) {
		row := views.PayCapRow{Year: strconv.Itoa(pc.Year), Office: pc.Office, Mechanism: pc.Mechanism,
			Amount: models.Rupiah(pc.Amount), Source: pc.Source, Confidence: pc.Confidence}
		if row.Office == "" {
			row.Office = "semua kantor"
		}
		if m := models.StaffingMechanism(pc.Mechanism); m.Valid() {
			row.Mechanism = m.Label()
		} else if row.Mechanism == "" {
			row.Mechanism = "semua mekanisme"
		}
		d.PayCaps = append(d.PayCaps, row)
	}
	return d
}

func ruleKindLabel(k string) string {
	if k == eligibility.KindStaffing {
		return "tenaga pendukung"
	}
	return "jabatan fungsional"
}

func inForce(d, from, to models.Date) bool {
	return (from.IsZero() || !d.Before(from)) && (to.IsZero() || !d.After(to))
}

func (s *Server) rulesPage(c *fiber.Ctx) error {
	return render(c, 200, views.RulesPage(s.page(c, "Aturan", "rules"), s.rulesData(c)))
}

// apiRules is GET /api/v1/rules: the rule sets with their parameters and
// the rule catalog, as the rules page shows them.
func (s *Server) apiRules(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"rule_sets": eligibility.RuleSets(), "rules": eligibility.Rules(),
		"pay_caps": s.Workflow.PayCapsFor(c.UserContext())})
}
