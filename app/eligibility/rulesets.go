package eligibility

import (
	"github.com/kemenagjateng/usulan/models"
)

// Confidence marks how sure we are of a parameter (DOMAIN.md): H official
// text or an official summary seen; M consistent secondary sources; L common
// practice or inference (always a parameter, never a buried constant).
type Confidence string

const (
	High   Confidence = "H"
	Medium Confidence = "M"
	Low    Confidence = "L"
)

// ruleSet is a body of regulation in force over a period. The engine picks
// the one in force on the reference date and reports its id as rule_set.
// Parameters are dated on their own (param.From/To); a value that changed
// with the rule set simply has an entry ending the day before the set's start.
type ruleSet struct {
	ID, Name string
	Kind     string      // KindJFT or KindStaffing
	From, To models.Date // in force From..To, both inclusive; zero = unbounded
	Basis    string
}

var (
	until2023 = models.Date{Year: 2023, Month: 1, Day: 5} // last day of pp-11-2017
	from2023  = models.Date{Year: 2023, Month: 1, Day: 6} // first day of permenpanrb-1-2023
)

// The JFT rule sets. PP 11/2017 (as amended by PP 17/2020) governed JF
// appointments until PermenPANRB 1/2023 on Jabatan Fungsional, signed and in
// force on 6 January 2023 [H]. No older regime is modelled: every date before
// 2023-01-06 is read under pp-11-2017.
var jftRuleSets = []ruleSet{
	{ID: "pp-11-2017", Kind: KindJFT, Name: "PP 11/2017 jo. PP 17/2020 tentang Manajemen PNS (sebelum PermenPANRB 1/2023)",
		To: until2023, Basis: "PP 11/2017 jo. PP 17/2020"},
	{ID: "permenpanrb-1-2023", Kind: KindJFT, Name: "PermenPANRB 1/2023 tentang Jabatan Fungsional",
		From: from2023, Basis: "PermenPANRB 1/2023"},
}

// The staffing rule sets: UU 20/2023 on ASN, in force 31 October 2023, ends
// new non-ASN appointments (Pasal 65–66) [H].
var staffingRuleSets = []ruleSet{
	{ID: "non-asn-pp-49-2018", Kind: KindStaffing, Name: "Tenaga pendukung non-ASN sebelum UU 20/2023 (PP 48/2005, PP 49/2018)",
		To: models.Date{Year: 2023, Month: 10, Day: 30}, Basis: "PP 49/2018 Pasal 96"},
	{ID: "uu-20-2023", Kind: KindStaffing, Name: "UU 20/2023 tentang ASN: larangan pengangkatan non-ASN baru",
		From: models.Date{Year: 2023, Month: 10, Day: 31}, Basis: "UU 20/2023 Pasal 65–66"},
}

func ruleSetAt(sets []ruleSet, d models.Date) *ruleSet {
	for i := range sets {
		if inRange(d, sets[i].From, sets[i].To) {
			return &sets[i]
		}
	}
	return &sets[len(sets)-1]
}

// dayKey orders dates without going through time.Time.
func dayKey(d models.Date) int { return d.Year*10000 + int(d.Month)*100 + d.Day }

// inRange reports From ≤ d ≤ To, a zero bound being open.
func inRange(d, from, to models.Date) bool {
	k := dayKey(d)
	return (from.IsZero() || k >= dayKey(from)) && (to.IsZero() || k <= dayKey(to))
}

// param is one dated value of a rule parameter with its source.
type param[T any] struct {
	From, To   models.Date // in force From..To, both inclusive; zero = unbounded
	Value      T
	Source     string // regulation and article, as printed in an outcome's basis
	Confidence Confidence
	Note       string // why, or what is uncertain
}

// dated is a parameter's history: entries must not overlap (a test checks).
type dated[T any] []param[T]

// at returns the entry in force on d, or nil.
func (d dated[T]) at(day models.Date) *param[T] {
	for i := range d {
		if inRange(day, d[i].From, d[i].To) {
			return &d[i]
		}
	}
	return nil
}

// infos lists every entry for the admin page, the value written by text.
func (d dated[T]) infos(rule, name string, text func(T) string) []ParameterInfo {
	out := make([]ParameterInfo, len(d))
	for i, p := range d {
		out[i] = ParameterInfo{Rule: rule, Name: name, Value: text(p.Value), EffectiveFrom: p.From,
			EffectiveTo: p.To, Source: p.Source, Confidence: string(p.Confidence), Note: p.Note}
	}
	return out
}

// rule is one entry of a catalog: its stable id, the requirement as printed
// on the verification sheet, the check, and the listing of its parameters.
// check writes the detail sentence into e's buffer and returns the result
// and the basis.
type rule struct {
	ID     string
	Label  string
	check  func(e *evaluation) (result, basis string)
	params func() []ParameterInfo
}

// RuleInfo describes one rule for pages and documents: its id, the kind of
// check it belongs to ("jft" or "staffing") and the requirement in Indonesian.
type RuleInfo struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Label string `json:"label"`
}

// Rules lists every rule, JFT rules first, each catalog in evaluation order.
func Rules() []RuleInfo {
	var out []RuleInfo
	for _, r := range jftRules {
		out = append(out, RuleInfo{ID: r.ID, Kind: KindJFT, Label: r.Label})
	}
	for _, r := range staffingRules {
		out = append(out, RuleInfo{ID: r.ID, Kind: KindStaffing, Label: r.Label})
	}
	return out
}

// RuleLabel is the Indonesian requirement of rule id ("" if unknown), e.g.
// "Batas usia perpindahan" for max_age.
func RuleLabel(id string) string {
	for _, r := range Rules() {
		if r.ID == id {
			return r.Label
		}
	}
	return ""
}

// RuleSetInfo describes one rule set for the admin page.
type RuleSetInfo struct {
	ID            string          `json:"id"`
	Kind          string          `json:"kind"` // "jft" or "staffing"
	Name          string          `json:"name"`
	EffectiveFrom models.Date     `json:"effective_from"` // null = no start modelled
	EffectiveTo   models.Date     `json:"effective_to"`   // last day in force; null = still in force
	Basis         string          `json:"basis"`
	Parameters    []ParameterInfo `json:"parameters"`
}

// ParameterInfo is one parameter value in force during (part of) a rule set:
// the rule that reads it, what it is, its value in words, the dates it holds
// (clipped to the rule set; zero = unbounded), its source and confidence.
type ParameterInfo struct {
	Rule          string      `json:"rule"`
	Name          string      `json:"name"`
	Value         string      `json:"value"`
	EffectiveFrom models.Date `json:"effective_from"`
	EffectiveTo   models.Date `json:"effective_to"`
	Source        string      `json:"source"`
	Confidence    string      `json:"confidence"`
	Note          string      `json:"note,omitempty"`
	// ManualOutcome, for a JFT parameter marked [L], says which outcome is
	// "manual" instead of "fail" because of it (ELIGIBILITY.md §6: an [L]
	// value never fails a candidate alone).
	ManualOutcome string `json:"manual_outcome,omitempty"`
}

// lowManualOutcomes says, per JFT rule, what a shortfall against one of its
// [L] values gives; lowManualDefault for a rule not listed.
var lowManualOutcomes = map[string]string{
	"education_level": "Pendidikan SLTA sampai D-II untuk jenjang keterampilan: perlu penilaian verifikator, bukan tidak memenuhi (di bawah SLTA tetap tidak memenuhi menurut PP 11/2017 Pasal 78(1)d).",
	"experience":      "Masa kurang dari nilai ini: perlu penilaian verifikator, bukan tidak memenuhi.",
	"performance":     "Predikat di bawah nilai ini: perlu penilaian verifikator, bukan tidak memenuhi.",
}

const lowManualDefault = "Kekurangan terhadap nilai ini: perlu penilaian verifikator, bukan tidak memenuhi."

// LowManualOutcome is ParameterInfo.ManualOutcome for a JFT rule's [L] value.
func LowManualOutcome(rule string) string {
	if s, ok := lowManualOutcomes[rule]; ok {
		return s
	}
	return lowManualDefault
}

// RuleSets lists every rule set (JFT first, oldest first) with every
// parameter value in force during it, in rule order. A value whose dates span
// several sets appears in each, its dates clipped to the set.
func RuleSets() []RuleSetInfo {
	var out []RuleSetInfo
	add := func(sets []ruleSet, rules []rule) {
		for _, s := range sets {
			info := RuleSetInfo{ID: s.ID, Kind: s.Kind, Name: s.Name, EffectiveFrom: s.From, EffectiveTo: s.To, Basis: s.Basis}
			for _, r := range rules {
				if r.params == nil {
					continue
				}
				for _, p := range r.params() {
					if from, to, ok := overlap(p.EffectiveFrom, p.EffectiveTo, s.From, s.To); ok {
						p.EffectiveFrom, p.EffectiveTo = from, to
						if s.Kind == KindJFT && p.Confidence == string(Low) {
							p.ManualOutcome = LowManualOutcome(p.Rule)
						}
						info.Parameters = append(info.Parameters, p)
					}
				}
			}
			out = append(out, info)
		}
	}
	add(jftRuleSets, jftRules)
	add(staffingRuleSets, staffingRules)
	return out
}

// overlap intersects two inclusive ranges with open (zero) bounds.
func overlap(aFrom, aTo, bFrom, bTo models.Date) (from, to models.Date, ok bool) {
	from, to = aFrom, aTo
	if from.IsZero() || (!bFrom.IsZero() && dayKey(bFrom) > dayKey(from)) {
		from = bFrom
	}
	if to.IsZero() || (!bTo.IsZero() && dayKey(bTo) < dayKey(to)) {
		to = bTo
	}
	ok = from.IsZero() || to.IsZero() || dayKey(from) <= dayKey(to)
	return from, to, ok
}

// staticParam lists a parameter that has no dates (it holds throughout).
func staticParam(rule, name, value, source string, c Confidence, note string) ParameterInfo {
	return ParameterInfo{Rule: rule, Name: name, Value: value, Source: source, Confidence: string(c), Note: note}
}
