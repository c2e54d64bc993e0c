package web

import (
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// twentyCandidates files a proposal of 20 candidates (the first three of
// rank IV/a, so a rule fails for them), has the head submit it and ver1
// claim it: a real day's load for the review page.
func (e *env) twentyCandidates() proposalJSON {
	e.t.Helper()
	var cands []map[string]any
	for i := 1; i <= 20; i++ {
		c := candidate(fmt.Sprintf("199001%02d2019031%03d", i, i), fmt.Sprintf("Calon Nomor %d, S.Kom.", i),
			fmt.Sprintf("1990-01-%02d", i), "L")
		if i <= 3 {
			c["rank"] = "IV/a"
		}
		cands = append(cands, c)
	}
	p := e.create("op_pbg", jftBody(cands...))
	st, p := e.act("kp_pbg", p.ID, "submit", p.Version, map[string]any{"override_note": "Pangkat tiga calon menyusul"})
	if st != 200 {
		e.t.Fatalf("submit: %d %s", st, p.Error)
	}
	if st, p = e.act("ver1", p.ID, "claim", p.Version, nil); st != 200 {
		e.t.Fatalf("claim: %d %s", st, p.Error)
	}
	return p
}

// isException is the review page's rule, restated: a rule not passed
// automatically, a document not uploaded, anything found wanting.
func isException(kind string, it reviewItemJSON) bool {
	if it.Finding == "tidak_sesuai" {
		return true
	}
	if kind == "rule" {
		return it.Result != "pass" && it.Result != "not_applicable"
	}
	return it.Attachment == nil
}

var (
	selectRE  = regexp.MustCompile(`<select name="(finding:[^"]*)"`)
	noteRE    = regexp.MustCompile(`<input type="text" name="(note:[^"]*)"`)
	controlRE = regexp.MustCompile(`<(input|select|textarea)\b`)
)

// TestTheReviewPageOfTwentyCandidatesPutsExceptionsFirstAndAcceptsThePassingAtOnce:
// with 20 candidates the form has two controls per item (it had six), the
// items needing judgement come first, the passing ones are folded per
// candidate, and one button (CSRF, version-checked) records every passing
// item Sesuai — with what was typed — and nothing else.
func TestTheReviewPageOfTwentyCandidatesPutsExceptionsFirstAndAcceptsThePassingAtOnce(t *testing.T) {
	e := newEnv(t)
	p := e.twentyCandidates()
	r := e.review("ver1", p.ID)
	var items, exceptions, passing, folds int
	var failing []string // the exception items, "nip:item"
	for _, s := range r.Subjects {
		pass := 0
		for _, it := range s.Rules {
			items++
			if isException("rule", it) {
				exceptions++
				failing = append(failing, s.Candidate+":"+it.Item)
			} else {
				pass++
			}
		}
		for _, it := range s.Documents {
			items++
			if isException("doc", it) {
				exceptions++
				failing = append(failing, s.Candidate+":"+it.Item)
			} else {
				pass++
			}
		}
		passing += pass
		if pass > 0 {
			folds++
		}
	}
	if len(r.Subjects) != 21 || exceptions < 3 || passing < 400 {
		t.Fatalf("fixture: %d subjects, %d exceptions, %d passing", len(r.Subjects), exceptions, passing)
	}
	b := e.browser()
	b.login("ver1")
	_, page := b.do("GET", "/proposals/"+itoa(p.ID)+"/review", nil)
	start := strings.Index(page, `id="review-form"`)
	end := strings.Index(page[start:], "</form>") + start
	form := page[start:end]
	// Two controls per item, the CSRF token and the version, and one note per decision.
	decisions := strings.Count(form, "<textarea")
	if got, want := len(controlRE.FindAllString(form, -1)), 2*items+2+decisions; got != want || decisions != 3 {
		t.Errorf("%d controls in the form, want %d (%d items; %d decisions)", got, want, items, decisions)
	}
	t.Logf("20 candidates: %d items, %d controls (six per item before: %d)", items, 2*items+2+decisions, 6*items+3+decisions)
	if n := len(selectRE.FindAllString(form, -1)); n != items {
		t.Errorf("%d finding choices, want %d", n, items)
	}
	if n := len(noteRE.FindAllString(form, -1)); n != items {
		t.Errorf("%d note fields, want %d", n, items)
	}
	// The exceptions first, the passing items after "#lolos", folded.
	lolos := strings.Index(form, `id="lolos"`)
	if lolos < 0 {
		t.Fatal("no passing section")
	}
	if n := strings.Count(form[:lolos], ` data-item=`); n != exceptions {
		t.Errorf("%d items before the passing section, want the %d exceptions", n, exceptions)
	}
	for _, f := range failing {
		if i := strings.Index(form, `name="finding:`+f+`"`); i < 0 || i > lolos {
			t.Errorf("exception %s is not in the first section", f)
		}
	}
	if n := strings.Count(form[lolos:], `<details class="passing"`); n != folds {
		t.Errorf("%d folds, want %d", n, folds)
	}
	if strings.Count(form[lolos:], `<details class="passing" open`) != 0 {
		t.Error("a fold is open")
	}
	if n := strings.Count(form[lolos:], ` data-item=`); n != passing {
		t.Errorf("%d folded items, want %d", n, passing)
	}
	if !strings.Contains(page, fmt.Sprintf(`id="accept-passing">Terima %d butir yang lolos sebagai Sesuai</button>`, passing)) {
		t.Errorf("no accept-all button for %d items", passing)
	}
	summary := fmt.Sprintf(`<strong>20</strong> calon · <a href="#pengecualian"><strong>%d</strong> butir perlu diperiksa</a> · <a href="#lolos"><strong>%d</strong> butir lolos otomatis</a>`,
		exceptions, passing)
	if !strings.Contains(strings.Join(strings.Fields(page), " "), summary) {
		i := strings.Index(page, `id="review-summary"`)
		t.Errorf("summary missing: %s\n%s", summary, page[i:i+600])
	}

	// The form as the browser sends it: every control, one exception typed.
	tok := csrfRE.FindStringSubmatch(page)[1]
	post := url.Values{"_csrf": {tok}, "version": {versionOn(t, page)}, "mark": {"remaining_ok"}}
	for _, m := range selectRE.FindAllStringSubmatch(form, -1) {
		post.Set(html.UnescapeString(m[1]), "")
	}
	for _, m := range noteRE.FindAllStringSubmatch(form, -1) {
		post.Set(html.UnescapeString(m[1]), "")
	}
	typed := failing[0]
	post.Set("finding:"+typed, "tidak_sesuai")
	post.Set("note:"+typed, "Pangkat belum sesuai")
	// A stale version is refused, and nothing is recorded.
	stale := url.Values{}
	for k, v := range post {
		stale[k] = v
	}
	stale.Set("version", itoa(p.Version+1))
	if resp, _ := b.do("POST", "/proposals/"+itoa(p.ID)+"/findings", stale); resp.StatusCode != 409 {
		t.Fatalf("stale version: %d, want 409", resp.StatusCode)
	}
	if n, _ := e.db.NewSelect().Table("findings").Where("proposal_id = ?", p.ID).Count(t.Context()); n != 0 {
		t.Fatalf("%d findings after a refused save", n)
	}
	// Without the token it is refused too.
	noToken := url.Values{"version": post["version"], "mark": {"remaining_ok"}}
	if resp, _ := b.do("POST", "/proposals/"+itoa(p.ID)+"/findings", noToken); resp.StatusCode != 403 {
		t.Fatalf("no CSRF token: %d", resp.StatusCode)
	}
	resp, _ := b.do("POST", "/proposals/"+itoa(p.ID)+"/findings", post)
	if resp.StatusCode != 303 {
		t.Fatalf("accept all: %d", resp.StatusCode)
	}
	var sesuai, wanting int
	if err := e.db.NewSelect().Table("findings").ColumnExpr("count(*)").Where("proposal_id = ? AND finding = 'sesuai'", p.ID).Scan(t.Context(), &sesuai); err != nil {
		t.Fatal(err)
	}
	if err := e.db.NewSelect().Table("findings").ColumnExpr("count(*)").Where("proposal_id = ? AND finding = 'tidak_sesuai'", p.ID).Scan(t.Context(), &wanting); err != nil {
		t.Fatal(err)
	}
	if sesuai != passing || wanting != 1 {
		t.Fatalf("after accept all: %d sesuai (want %d), %d tidak sesuai (want 1)", sesuai, passing, wanting)
	}
	after := e.review("ver1", p.ID)
	for _, s := range after.Subjects {
		for _, group := range []struct {
			kind string
			its  []reviewItemJSON
		}{{"rule", s.Rules}, {"doc", s.Documents}} {
			for _, it := range group.its {
				key := s.Candidate + ":" + it.Item
				want := "sesuai"
				switch {
				case key == typed:
					want = "tidak_sesuai"
				case isException(group.kind, reviewItemJSON{Item: it.Item, Result: it.Result, Attachment: it.Attachment}):
					want = ""
				}
				if it.Finding != want {
					t.Errorf("%s: %q, want %q", key, it.Finding, want)
				}
			}
		}
	}
	_, page = b.do("GET", "/proposals/"+itoa(p.ID)+"/review", nil)
	if strings.Contains(page, `id="accept-passing"`) || !strings.Contains(page, "Pangkat belum sesuai") {
		t.Error("after accepting: the button is still offered, or the typed note is lost")
	}
}
