package workflow_test

import (
	"strings"
	"testing"

	"github.com/kemenagjateng/usulan/app/workflow"
)

// The declared steps of each action, in the order Apply runs them; a step
// added, dropped or moved shows here.
func TestTransitionsDeclareTheirSteps(t *testing.T) {
	want := map[workflow.Action]string{
		workflow.ActSubmit:          "guards filing_window lawful_mechanism failing_needs_override submit_gate | prepare quota checklist_snapshot | effects issue_letter | afterward",
		workflow.ActClaim:           "guards separation_of_duties | prepare | effects claimed | afterward",
		workflow.ActRequestRevision: "guards separation_of_duties deciding_verifier | prepare checklist_snapshot findings_snapshot findings_data on_behalf_of | effects | afterward",
		workflow.ActResubmit:        "guards lawful_mechanism failing_needs_override submit_gate | prepare quota checklist_snapshot | effects reissue_letter | afterward",
		workflow.ActVerify:          "guards separation_of_duties deciding_verifier verify_allowed | prepare checklist_snapshot findings_snapshot nothing_wanting findings_data on_behalf_of | effects | afterward verification_sheet",
		workflow.ActReject:          "guards separation_of_duties deciding_verifier | prepare checklist_snapshot findings_snapshot findings_data on_behalf_of | effects | afterward verification_sheet",
		workflow.ActForward:         "guards | prepare | effects | afterward",
		workflow.ActComplete:        "guards decree_fields | prepare decree_data | effects jf_posts | afterward",
		workflow.ActWithdraw:        "guards | prepare | effects | afterward",
		workflow.ActRelease:         "guards claimer_releases | prepare | effects | afterward",
		workflow.ActReassign:        "guards reassign_allowed | prepare reassign_data | effects reassigned | afterward",
	}
	for _, tr := range workflow.Transitions {
		var b strings.Builder
		for i, part := range []struct {
			name  string
			steps []string
		}{
			{"guards", names(tr.Guards)}, {"prepare", names(tr.Prepare)}, {"effects", names(tr.Effects)},
			{"afterward", names(tr.Afterward)},
		} {
			if i > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(strings.TrimSpace(part.name + " " + strings.Join(part.steps, " ")))
		}
		if got := b.String(); got != want[tr.Action] {
			t.Errorf("%s:\n got %s\nwant %s", tr.Action, got, want[tr.Action])
		}
	}
}

func names[S ~[]E, E interface{ StepName() string }](steps S) []string {
	out := make([]string, 0, len(steps))
	for _, s := range steps {
		out = append(out, s.StepName())
	}
	return out
}
