package eligibility

import "testing"

func TestEveryRuleHasAShortAndALongLabel(t *testing.T) {
	for _, r := range Rules() {
		if RuleShortLabel(r.ID) == r.ID || RuleLabel(r.ID) == r.ID {
			t.Errorf("rule %s lacks a label", r.ID)
		}
	}
}
