package web

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
)

func TestNewProposalBelongsToCallersOfficeWhateverTheBodySays(t *testing.T) {
	e := newEnv(t)
	body := jftBody(ahmad)
	body["office"] = "Kk.11.04"
	body["office_code"] = "Kk.11.04"
	p := e.create("op_pbg", body)
	if p.Office != "Kk.11.03" || p.Status != "draft" || p.Version != 1 {
		t.Fatalf("got office %s status %s version %d", p.Office, p.Status, p.Version)
	}
	if len(p.Candidates) != 1 || len(p.Candidates[0].Checks) == 0 {
		t.Fatalf("candidate outcomes missing: %+v", p.Candidates)
	}
	// With no quota set by the Kanwil, the office's "formasi tersedia" is a
	// judgement for the verifier, not a pass: everything else passes.
	for _, c := range p.Candidates[0].Checks {
		want := c.Result == "pass" || c.Result == "not_applicable"
		if c.Rule == "vacancy" {
			want = c.Result == "manual"
		}
		if !want {
			t.Errorf("%s = %s (%s)", c.Rule, c.Result, c.Detail)
		}
	}
	if p.Candidates[0].Verdict != "incomplete" {
		t.Errorf("verdict %s, want incomplete (vacancy unconfirmed)", p.Candidates[0].Verdict)
	}
}

func TestAnotherOfficeSeesNothingOnAnyRoute(t *testing.T) {
	e := newEnv(t)
	p := e.create("op_pbg", jftBody(ahmad))
	id := itoa(p.ID)
	for _, path := range []string{"/api/v1/proposals/" + id, "/api/v1/proposals/" + id + "/events",
		"/api/v1/proposals/" + id + "/checks", "/api/v1/proposals/" + id + "/letter.pdf",
		"/api/v1/proposals/" + id + "/verification.pdf", "/api/v1/proposals/" + id + "/nominative.xlsx"} {
		var raw []byte
		if st := e.api("op_bjn", "GET", path, nil, &raw); st != 404 {
			t.Errorf("GET %s as another office: %d, want 404", path, st)
		}
	}
	if st := e.api("op_bjn", "PATCH", "/api/v1/proposals/"+id, map[string]any{"level": "ahli_muda", "version": 1}, nil); st != 404 {
		t.Errorf("PATCH as another office: %d", st)
	}
	if st, _ := e.act("kp_bjn", p.ID, "submit", 1, nil); st != 404 {
		t.Errorf("submit as another office's head: %d", st)
	}
	var list struct {
		Items []any `json:"items"`
		Total int   `json:"total"`
	}
	if st := e.api("op_bjn", "GET", "/api/v1/proposals", nil, &list); st != 200 || list.Total != 0 || len(list.Items) != 0 {
		t.Errorf("another office's list: %d total %d", st, list.Total)
	}
	if st := e.api("op_pbg", "GET", "/api/v1/proposals", nil, &list); st != 200 || list.Total != 1 {
		t.Errorf("own list: %d total %d", st, list.Total)
	}
	b := e.browser()
	b.login("op_bjn")
	for _, path := range []string{"/proposals/" + id, "/proposals/" + id + "/edit", "/proposals/" + id + "/letter.pdf"} {
		if resp, _ := b.do("GET", path, nil); resp.StatusCode != 404 {
			t.Errorf("page %s as another office: %d", path, resp.StatusCode)
		}
	}
	_, body := b.do("GET", "/proposals", nil)
	if strings.Contains(body, "/proposals/"+id+"\"") {
		t.Error("another office's list page links the proposal")
	}
	_, home := b.do("GET", "/", nil)
	if !strings.Contains(home, "<strong>0</strong>") {
		t.Error("another office's dashboard counts the proposal")
	}
}

var letterNumberRE = regexp.MustCompile(`^B-(\d+)/Kk\.11\.03/1/KP\.07\.6/\d{2}/\d{4}$`)

func TestOnlyTheHeadSubmitsAndSubmissionNumbersTheLetter(t *testing.T) {
	e := newEnv(t)
	p := e.create("op_pbg", jftBody(ahmad, siti))
	if st, _ := e.act("op_pbg", p.ID, "submit", p.Version, nil); st != 403 {
		t.Fatalf("operator submit: %d, want 403", st)
	}
	st, got := e.act("kp_pbg", p.ID, "submit", p.Version, nil)
	if st != 200 || got.Status != "submitted" || got.LetterNumber == nil || !letterNumberRE.MatchString(*got.LetterNumber) {
		t.Fatalf("submit: %d %+v", st, got)
	}
	// Edits are refused after submission, on the API and the form.
	if st := e.api("op_pbg", "PATCH", "/api/v1/proposals/"+itoa(p.ID), map[string]any{"level": "ahli_muda", "version": got.Version}, nil); st != 409 {
		t.Errorf("PATCH after submit: %d, want 409", st)
	}
	b := e.browser()
	b.login("op_pbg")
	tok := b.csrf("/proposals/" + itoa(p.ID))
	resp, _ := b.do("POST", "/proposals/"+itoa(p.ID), url.Values{"_csrf": {tok}, "version": {itoa(got.Version)},
		"position": {"pranata_komputer"}, "level": {"ahli_muda"}, "route": {"pengangkatan_pertama"}, "count": {"1"},
		"c0_nip": {"199203152019031004"}, "c0_name": {"X"}})
	if resp.StatusCode != 409 {
		t.Errorf("form edit after submit: %d, want 409", resp.StatusCode)
	}
	if resp, _ := b.do("GET", "/proposals/"+itoa(p.ID)+"/edit", nil); resp.StatusCode != 409 {
		t.Errorf("edit page after submit: %d, want 409", resp.StatusCode)
	}
}

func TestTwoRacingSubmitsOfOneProposalGiveOneNumber(t *testing.T) {
	e := newEnv(t)
	p := e.create("op_pbg", jftBody(ahmad))
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i := range codes {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			codes[i], _ = e.act("kp_pbg", p.ID, "submit", p.Version, nil)
		}(i)
	}
	wg.Wait()
	sort.Ints(codes)
	if codes[0] != 200 || codes[1] != 409 {
		t.Fatalf("codes %v, want [200 409]", codes)
	}
	n, err := e.db.NewSelect().Table("events").Where("proposal_id = ? AND action = 'submit'", p.ID).Count(t.Context())
	if err != nil || n != 1 {
		t.Fatalf("submit events: %d %v", n, err)
	}
	var last int
	if err := e.db.NewSelect().Table("letter_counters").Column("last_seq").Scan(t.Context(), &last); err != nil || last != 1 {
		t.Fatalf("counter %d %v, want 1", last, err)
	}
}

func TestConcurrentSubmissionsGetConsecutiveNumbers(t *testing.T) {
	e := newEnv(t)
	const n = 4
	ids := make([]proposalJSON, n)
	for i := range ids {
		ids[i] = e.create("op_pbg", jftBody(ahmad))
	}
	var wg sync.WaitGroup
	nums := make([]string, n)
	for i := range ids {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			st, got := e.act("kp_pbg", ids[i].ID, "submit", ids[i].Version, nil)
			if st == 200 && got.LetterNumber != nil {
				nums[i] = *got.LetterNumber
			}
		}(i)
	}
	wg.Wait()
	var seqs []string
	for _, num := range nums {
		m := letterNumberRE.FindStringSubmatch(num)
		if m == nil {
			t.Fatalf("numbers %v", nums)
		}
		seqs = append(seqs, m[1])
	}
	sort.Strings(seqs)
	if strings.Join(seqs, ",") != "1,2,3,4" {
		t.Fatalf("sequence numbers %v, want 1..4 without gaps", seqs)
	}
}

func TestStaleVersionIsAConflictAndNothingIsOverwritten(t *testing.T) {
	e := newEnv(t)
	p := e.create("op_pbg", jftBody(ahmad))
	var a proposalJSON
	if st := e.api("op_pbg", "PATCH", "/api/v1/proposals/"+itoa(p.ID), map[string]any{"level": "ahli_muda", "version": p.Version}, &a); st != 200 || a.Version != p.Version+1 || a.Level != "ahli_muda" {
		t.Fatalf("first edit: %d %+v", st, a)
	}
	if st := e.api("op_pbg", "PATCH", "/api/v1/proposals/"+itoa(p.ID), map[string]any{"level": "ahli_pertama", "version": p.Version}, nil); st != 409 {
		t.Fatalf("stale edit: %d, want 409", st)
	}
	var got proposalJSON
	e.api("op_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID), nil, &got)
	if got.Level != "ahli_muda" {
		t.Fatalf("stale edit overwrote: level %s", got.Level)
	}
}

func TestBadInputIsAFieldErrorNotAServerError(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name  string
		body  any
		field string
	}{
		{"unknown position", map[string]any{"kind": "jft", "position": "juru_masak", "level": "ahli_pertama", "route": "promosi", "candidates": []any{ahmad}}, "position"},
		{"no candidates", map[string]any{"kind": "jft", "position": "pranata_komputer", "level": "ahli_pertama", "route": "promosi"}, "candidates"},
		{"nip letters", jftBody(map[string]any{"nip": "ABC", "name": "X"}), "candidates[0].nip"},
		{"bad rank", jftBody(map[string]any{"nip": "199203152019031004", "name": "X", "rank": "V/z"}), "candidates[0].rank"},
	}
	for _, c := range cases {
		var out proposalJSON
		st := e.api("op_pbg", "POST", "/api/v1/proposals", c.body, &out)
		if st != 400 || out.Fields[c.field] == "" {
			t.Errorf("%s: %d %+v, want 400 with field %s", c.name, st, out, c.field)
		}
	}
	var raw []byte
	if st := e.api("op_pbg", "POST", "/api/v1/proposals", nil, &raw); st != 400 {
		t.Errorf("empty body: %d", st)
	}
}

func TestProvincialRolesCannotFile(t *testing.T) {
	e := newEnv(t)
	for _, u := range []string{"ver1", "admin1"} {
		if st := e.api(u, "POST", "/api/v1/proposals", jftBody(ahmad), nil); st != 403 {
			t.Errorf("%s filed: %d", u, st)
		}
	}
}

func TestAPIWithoutTokenIs401AndBadTokenToo(t *testing.T) {
	e := newEnv(t)
	if st := e.api("", "GET", "/api/v1/proposals", nil, nil); st != 401 {
		t.Errorf("no token: %d", st)
	}
	e.tok["nobody"] = "usl_deadbeef"
	if st := e.api("nobody", "GET", "/api/v1/proposals", nil, nil); st != 401 {
		t.Errorf("bad token: %d", st)
	}
}

func TestAFiledProposalIsJudgedOnADateNearToday(t *testing.T) {
	e := newEnv(t)
	for _, d := range []string{"2021-01-01", "2026-10-30", "2027-03-01"} {
		body := jftBody(ahmad)
		body["route"], body["reference_date"] = "penyesuaian", d
		var out proposalJSON
		if st := e.api("op_pbg", "POST", "/api/v1/proposals", body, &out); st != 400 || out.Fields["reference_date"] == "" {
			t.Errorf("reference date %s: %d %+v", d, st, out.Fields)
		}
	}
	body := jftBody(ahmad)
	body["reference_date"] = "2026-11-01" // 29 days back: allowed
	p := e.create("op_pbg", body)
	var got proposalJSON
	// Clearing the date keeps the one the outcomes were computed on.
	if st := e.api("op_pbg", "PATCH", "/api/v1/proposals/"+itoa(p.ID), map[string]any{"reference_date": nil, "version": p.Version}, &got); st != 200 {
		t.Fatalf("clear reference date: %d", st)
	}
	var raw map[string]any
	e.api("op_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID), nil, &raw)
	if raw["reference_date"] != "2026-11-01" {
		t.Fatalf("reference date after clearing: %v", raw["reference_date"])
	}
	if st := e.api("op_pbg", "PATCH", "/api/v1/proposals/"+itoa(p.ID), map[string]any{"reference_date": "2020-01-01", "version": got.Version}, nil); st != 400 {
		t.Fatalf("moving the date far back: %d", st)
	}
}

func TestOverlongTextIsAFieldError(t *testing.T) {
	e := newEnv(t)
	c := candidate("199203152019031004", "Ahmad", "1992-03-15", "L")
	c["current_position"] = strings.Repeat("x", 201)
	var out proposalJSON
	if st := e.api("op_pbg", "POST", "/api/v1/proposals", jftBody(c), &out); st != 400 || out.Fields["candidates[0].current_position"] == "" {
		t.Fatalf("overlong current position: %d %+v", st, out.Fields)
	}
}

func TestInvisibleReasonsAndFutureDecreesAreRefused(t *testing.T) {
	e := newEnv(t)
	p := e.create("op_pbg", jftBody(ahmad))
	_, got := e.act("kp_pbg", p.ID, "submit", p.Version, nil)
	_, got = e.act("ver1", p.ID, "claim", got.Version, nil)
	if st, out := e.act("ver1", p.ID, "reject", got.Version, map[string]any{"note": "\u200b \u2060"}); st != 422 || out.Fields["note"] == "" {
		t.Fatalf("a zero-width reason: %d %+v", st, out.Fields)
	}
	e.acceptDocs(p.ID)
	_, got = e.act("ver1", p.ID, "verify", got.Version, map[string]any{"note": "ok"})
	_, got = e.act("admin1", p.ID, "forward", got.Version, nil)
	if st, out := e.act("admin1", p.ID, "complete", got.Version, map[string]any{"decree_number": "1/2026", "decree_date": "2026-12-15"}); st != 422 || out.Fields["decree_date"] == "" {
		t.Fatalf("a future decree date: %d %+v", st, out.Fields)
	}
	if st, _ := e.act("admin1", p.ID, "complete", got.Version, map[string]any{"decree_number": "1/2026", "decree_date": "2026-11-30"}); st != 200 {
		t.Fatalf("today's decree: %d", st)
	}
}
