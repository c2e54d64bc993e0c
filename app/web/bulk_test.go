package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/kemenagjateng/usulan/models"
)

// Bulk work, delegation and filing periods (issue 15).

type bulkResultJSON struct {
	ID     int64  `json:"id"`
	OK     bool   `json:"ok"`
	Status int    `json:"status"`
	Error  string `json:"error"`
}

func (e *env) bulk(user string, body map[string]any) (int, map[int64]bulkResultJSON, []bulkResultJSON) {
	e.t.Helper()
	var out struct {
		Results []bulkResultJSON `json:"results"`
		Error   string           `json:"error"`
	}
	st := e.api(user, "POST", "/api/v1/bulk/transitions", body, &out)
	byID := map[int64]bulkResultJSON{}
	for _, r := range out.Results {
		byID[r.ID] = r
	}
	return st, byID, out.Results
}

// submittedBy files a proposal of office (op_/kp_ prefix pbg or bjn) and has
// its head submit it.
func (e *env) submittedBy(office string) proposalJSON {
	e.t.Helper()
	p := e.create("op_"+office, jftBody(ahmad))
	st, p := e.act("kp_"+office, p.ID, "submit", p.Version, nil)
	if st != 200 {
		e.t.Fatalf("submit: %d %s", st, p.Error)
	}
	return p
}

func (e *env) status(id int64) (models.Status, string) {
	e.t.Helper()
	var row struct {
		Status string `bun:"status"`
		Decree string `bun:"decree_number"`
	}
	if err := e.db.NewSelect().Table("proposals").Column("status", "decree_number").Where("id = ?", id).Scan(context.Background(), &row); err != nil {
		e.t.Fatal(err)
	}
	return models.Status(row.Status), row.Decree
}

func TestBulkTransitionsReportEachItemAndNeverRollBackTheOthers(t *testing.T) {
	e := newEnv(t)
	a, b, own := e.submittedBy("pbg"), e.submittedBy("pbg"), e.submittedBy("pbg")
	other := e.submittedBy("bjn")
	// ver1 once submitted "own" (separation of duties: never claims it).
	if _, err := e.db.NewUpdate().Table("proposals").Set("submitted_by = ?", e.userID("ver1")).Where("id = ?", own.ID).
		Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	st, res, list := e.bulk("ver1", map[string]any{"ids": []int64{a.ID, own.ID, 999999, b.ID, other.ID, a.ID}, "action": "claim"})
	if st != 200 || len(list) != 5 {
		t.Fatalf("bulk claim: %d %+v", st, list)
	}
	if list[0].ID != a.ID || list[4].ID != other.ID {
		t.Errorf("results not in the order given: %+v", list)
	}
	for _, id := range []int64{a.ID, b.ID, other.ID} {
		if r := res[id]; !r.OK || r.Status != 200 || r.Error != "" {
			t.Errorf("claim %d: %+v, want ok", id, r)
		}
		if s, _ := e.status(id); s != models.StatusInReview {
			t.Errorf("proposal %d is %s after a bulk claim, want in_review (a refused item rolled it back?)", id, s)
		}
	}
	if r := res[own.ID]; r.OK || r.Status != 403 || !strings.Contains(r.Error, "ajukan sendiri") {
		t.Errorf("own submission: %+v, want 403 separation of duties", r)
	}
	if r := res[999999]; r.OK || r.Status != 404 {
		t.Errorf("missing id: %+v, want 404", r)
	}
	if s, _ := e.status(own.ID); s != models.StatusSubmitted {
		t.Errorf("refused item moved to %s", s)
	}
	// Again: each item is now in the wrong state (409), one by one.
	_, res, _ = e.bulk("ver1", map[string]any{"ids": []int64{a.ID, own.ID}, "action": "claim"})
	if r := res[a.ID]; r.OK || r.Status != 409 {
		t.Errorf("second claim: %+v, want 409", r)
	}
	// A head acting on another office's proposal: 404 in its result, its own goes through.
	draft := e.create("op_pbg", jftBody(siti))
	_, res, _ = e.bulk("kp_pbg", map[string]any{"ids": []int64{other.ID, draft.ID}, "action": "withdraw"})
	if r := res[other.ID]; r.OK || r.Status != 404 {
		t.Errorf("other office's id: %+v, want 404", r)
	}
	if r := res[draft.ID]; !r.OK || r.Status != 200 {
		t.Errorf("own draft withdraw: %+v, want ok", r)
	}
	// Whole-request errors.
	if st, _, _ := e.bulk("ver1", map[string]any{"ids": []int64{}, "action": "claim"}); st != 400 {
		t.Errorf("no ids: %d, want 400", st)
	}
	if st, _, _ := e.bulk("ver1", map[string]any{"ids": []int64{a.ID}, "action": "fly"}); st != 400 {
		t.Errorf("unknown action: %d, want 400", st)
	}

	// Forward several (each with its own version), then complete several
	// with one collective SK; the one not forwarded is refused alone.
	e.forceState(a.ID, models.StatusVerified)
	e.forceState(b.ID, models.StatusVerified)
	if _, err := e.db.NewUpdate().Table("proposals").Set("version = version + 5").Where("id = ?", b.ID).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, res, _ = e.bulk("ver1", map[string]any{"ids": []int64{a.ID, b.ID}, "action": "forward"})
	if !res[a.ID].OK || !res[b.ID].OK {
		t.Fatalf("bulk forward: %+v", res)
	}
	_, res, _ = e.bulk("admin1", map[string]any{"ids": []int64{a.ID, other.ID, b.ID}, "action": "complete",
		"decree_number": "KW.11/KP.07.6/123/2026", "decree_date": "2026-11-30"})
	if !res[a.ID].OK || !res[b.ID].OK || res[other.ID].OK || res[other.ID].Status != 409 {
		t.Fatalf("bulk complete: %+v", res)
	}
	for _, id := range []int64{a.ID, b.ID} {
		if s, dec := e.status(id); s != models.StatusCompleted || dec != "KW.11/KP.07.6/123/2026" {
			t.Errorf("proposal %d: %s %q, want completed with the collective SK", id, s, dec)
		}
	}
	// A missing SK number refuses every item with 422, by field.
	e.forceState(other.ID, models.StatusForwarded)
	_, res, _ = e.bulk("admin1", map[string]any{"ids": []int64{other.ID}, "action": "complete"})
	if r := res[other.ID]; r.OK || r.Status != 422 {
		t.Errorf("complete without SK: %+v, want 422", r)
	}
}

func TestMergedLettersPDFHoldsEachLetterAndNothingOutOfScope(t *testing.T) {
	e := newEnv(t)
	a, b := e.submittedBy("pbg"), e.submittedBy("pbg")
	other := e.submittedBy("bjn")
	numA, numB, numOther := *e.get("ver1", a.ID).LetterNumber, *e.get("ver1", b.ID).LetterNumber, *e.get("ver1", other.ID).LetterNumber
	var raw []byte
	if st := e.api("kp_pbg", "GET", "/api/v1/letters.pdf?ids="+itoa(a.ID)+","+itoa(b.ID), nil, &raw); st != 200 {
		t.Fatalf("merged letters: %d %s", st, raw)
	}
	text := pdfText(t, raw)
	for _, n := range []string{numA, numB} {
		if strings.Count(text, n) < 1 {
			t.Errorf("merged PDF lacks letter %s", n)
		}
	}
	if strings.Contains(text, numOther) || strings.Contains(text, "Kk.11.04") {
		t.Errorf("merged PDF of Purbalingga holds another office's letter")
	}
	// Each letter numbers its own pages from 1.
	if n := strings.Count(text, "Halaman 1 dari"); n != 2 {
		t.Errorf("%d first pages, want 2 (one per letter)", n)
	}
	// Another office's id: refused, nothing printed.
	raw = nil
	if st := e.api("kp_pbg", "GET", "/api/v1/letters.pdf?ids="+itoa(a.ID)+","+itoa(other.ID), nil, &raw); st != 404 {
		t.Fatalf("out of scope id: %d, want 404", st)
	}
	if strings.HasPrefix(string(raw), "%PDF") || !strings.Contains(string(raw), itoa(other.ID)) {
		t.Errorf("refusal: %s", raw)
	}
	// A verifier prints across offices.
	raw = nil
	if st := e.api("ver1", "GET", "/api/v1/letters.pdf?ids="+itoa(other.ID)+","+itoa(a.ID), nil, &raw); st != 200 {
		t.Fatalf("verifier merged letters: %d", st)
	}
	text = pdfText(t, raw)
	if !strings.Contains(text, numOther) || !strings.Contains(text, numA) || strings.Contains(text, numB) {
		t.Errorf("verifier's merged PDF holds the wrong letters")
	}
	if st := e.api("ver1", "GET", "/api/v1/letters.pdf?ids=x", nil, nil); st != 400 {
		t.Errorf("bad ids: %d, want 400", st)
	}
}

func TestDelegationGrantsOnItsFirstDayAndWithdrawsTheDayAfterItsLast(t *testing.T) {
	e := newEnv(t)
	ids := make([]int64, 3)
	for i := range ids {
		p := e.submittedBy("pbg")
		e.forceState(p.ID, models.StatusInReview) // claimed by ver1
		ids[i] = p.ID
	}
	// ver2 may not name a substitute for ver1; ver1 names ver2 for 7–11 December.
	var dj struct {
		ID     int64             `json:"id"`
		Active bool              `json:"active"`
		Fields map[string]string `json:"fields"`
	}
	if st := e.api("ver2", "POST", "/api/v1/delegations", map[string]any{"from_user": "ver1", "to_user": "ver2",
		"start": "2026-12-07", "end": "2026-12-11"}, &dj); st != 403 {
		t.Fatalf("ver2 delegates for ver1: %d, want 403", st)
	}
	if st := e.api("ver1", "POST", "/api/v1/delegations", map[string]any{"to_user": "ver2",
		"start": "2026-12-11", "end": "2026-12-07"}, &dj); st != 422 || dj.Fields["end"] == "" {
		t.Fatalf("reversed range: %d %+v, want 422 on end", st, dj)
	}
	if st := e.api("ver1", "POST", "/api/v1/delegations", map[string]any{"from_user": "ver1", "to_user": "ver2",
		"start": "2026-12-07", "end": "2026-12-11", "note": "cuti tahunan"}, &dj); st != 201 || dj.Active {
		t.Fatalf("delegate: %d %+v", st, dj)
	}
	if st := e.api("admin1", "POST", "/api/v1/delegations", map[string]any{"from_user": "ver1", "to_user": "ver2",
		"start": "2026-12-10", "end": "2026-12-20"}, nil); st != 422 {
		t.Errorf("overlapping delegation: %d, want 422", st)
	}
	var list struct {
		Items []struct {
			ID       int64  `json:"id"`
			FromUser string `json:"from_user"`
			ToUser   string `json:"to_user"`
			Start    string `json:"start"`
		} `json:"items"`
	}
	if st := e.api("ver2", "GET", "/api/v1/delegations", nil, &list); st != 200 || len(list.Items) != 1 ||
		list.Items[0].FromUser != "ver1" || list.Items[0].ToUser != "ver2" || list.Items[0].Start != "2026-12-07" {
		t.Fatalf("list: %d %+v", st, list)
	}
	decide := func(day string, id int64) int {
		t.Helper()
		e.svc.SetClock(models.MustDate(day))
		cur := e.get("ver2", id)
		st, _ := e.act("ver2", id, "request_revision", cur.Version, map[string]any{"note": "Lengkapi SKP 2025."})
		return st
	}
	delegatedRows := func(day string) int {
		t.Helper()
		e.svc.SetClock(models.MustDate(day))
		var in struct {
			Sections []struct {
				Key   string `json:"key"`
				Items []struct {
					ID int64 `json:"id"`
				} `json:"items"`
			} `json:"sections"`
		}
		e.api("ver2", "GET", "/api/v1/inbox", nil, &in)
		for _, s := range in.Sections {
			if s.Key == "delegated" {
				return len(s.Items)
			}
		}
		return -1
	}
	if n := delegatedRows("2026-12-06"); n != -1 {
		t.Errorf("the day before: %d delegated rows, want no such section", n)
	}
	if st := decide("2026-12-06", ids[0]); st != 403 {
		t.Errorf("the day before the range: %d, want 403", st)
	}
	if n := delegatedRows("2026-12-07"); n != 3 {
		t.Errorf("first day: %d delegated rows, want 3", n)
	}
	if st := decide("2026-12-07", ids[0]); st != 200 {
		t.Errorf("first day of the range: %d, want 200", st)
	}
	if st, _ := e.findings("ver2", ids[2], finding(ahmadNIP, "rule:max_age", "sesuai", "")); st != 200 {
		t.Errorf("substitute records a finding on the first day: %d, want 200", st)
	}
	if st := decide("2026-12-11", ids[1]); st != 200 {
		t.Errorf("last day of the range: %d, want 200", st)
	}
	if n := delegatedRows("2026-12-12"); n != -1 {
		t.Errorf("the day after: %d delegated rows, want no such section", n)
	}
	if st := decide("2026-12-12", ids[2]); st != 403 {
		t.Errorf("the day after the range: %d, want 403", st)
	}
	if st, _ := e.findings("ver2", ids[2], finding(ahmadNIP, "rule:max_age", "", "")); st != 403 {
		t.Errorf("substitute records a finding the day after: %d, want 403", st)
	}
	// The timeline says for whom: API and page.
	var evs struct {
		Items []struct {
			Action     string `json:"action"`
			Actor      string `json:"actor"`
			OnBehalfOf string `json:"on_behalf_of"`
		} `json:"items"`
	}
	e.api("ver2", "GET", "/api/v1/proposals/"+itoa(ids[0])+"/events", nil, &evs)
	last := evs.Items[len(evs.Items)-1]
	if last.Action != "request_revision" || last.Actor != "Pak ver2" || last.OnBehalfOf != "Pak ver1" {
		t.Errorf("last event: %+v, want request_revision by Pak ver2 for Pak ver1", last)
	}
	br := e.browser()
	br.login("kp_pbg")
	if _, body := br.do("GET", "/proposals/"+itoa(ids[0]), nil); !strings.Contains(body, "Pak ver2 (Verifikator Kanwil) atas nama Pak ver1") {
		t.Errorf("proposal page lacks \"atas nama\": %s", between(body, `class="timeline"`, "</ol>"))
	}
	// Only the delegating verifier (or an admin) withdraws it.
	if st := e.api("ver2", "DELETE", "/api/v1/delegations/"+itoa(dj.ID), nil, nil); st != 403 {
		t.Errorf("substitute deletes: %d, want 403", st)
	}
	if st := e.api("ver1", "DELETE", "/api/v1/delegations/"+itoa(dj.ID), nil, nil); st != 204 {
		t.Errorf("delete: %d, want 204", st)
	}
}

func TestAdminMovesAllOfOneVerifiersClaimsInOneStep(t *testing.T) {
	e := newEnv(t)
	a, b, c := e.submittedBy("pbg"), e.submittedBy("pbg"), e.submittedBy("bjn")
	for _, p := range []proposalJSON{a, b, c} {
		e.forceState(p.ID, models.StatusInReview) // claimed by ver1
	}
	// ver2 once submitted c: it stays with ver1, the others move.
	if _, err := e.db.NewUpdate().Table("proposals").Set("submitted_by = ?", e.userID("ver2")).Where("id = ?", c.ID).
		Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
	if st := e.api("ver1", "POST", "/api/v1/delegations/reassign", map[string]any{"from_user": "ver1", "to_user": "ver2"}, nil); st != 403 {
		t.Errorf("verifier reassigns: %d, want 403", st)
	}
	br := e.browser()
	br.login("admin1")
	tok := br.csrf("/delegations")
	resp, body := br.do("POST", "/delegations/reassign", url.Values{"_csrf": {tok},
		"from_user": {itoa(e.userID("ver1"))}, "to_user": {itoa(e.userID("ver2"))}})
	if resp.StatusCode != 200 || !strings.Contains(body, "2 dari 3 usulan dialihkan.") ||
		!strings.Contains(body, `data-id="`+itoa(c.ID)+`" data-status="403"`) {
		t.Fatalf("reassign page: %d %s", resp.StatusCode, between(body, "<main", "</main>"))
	}
	var rev []int64
	if err := e.db.NewSelect().Table("proposals").Column("reviewer_id").Where("id IN (?, ?, ?)", a.ID, b.ID, c.ID).
		Order("id").Scan(context.Background(), &rev); err != nil {
		t.Fatal(err)
	}
	if rev[0] != e.userID("ver2") || rev[1] != e.userID("ver2") || rev[2] != e.userID("ver1") {
		t.Errorf("reviewers after the move: %v", rev)
	}
	if n := e.countEvents(a.ID, "reassign"); n != 1 {
		t.Errorf("%d reassign events, want 1", n)
	}
	var told int
	if err := e.db.NewSelect().Table("notifications").ColumnExpr("count(*)").Where("user_id = ? AND event_id IN (SELECT id FROM events WHERE proposal_id = ? AND action = 'reassign')", e.userID("ver2"), a.ID).
		Scan(context.Background(), &told); err != nil || told != 1 {
		t.Errorf("the new verifier got %d notifications (%v), want 1", told, err)
	}
	// Now ver2 decides a; ver1 no longer may.
	cur := e.get("ver1", a.ID)
	if st, _ := e.act("ver1", a.ID, "request_revision", cur.Version, map[string]any{"note": "x"}); st != 403 {
		t.Errorf("former verifier decides: %d, want 403", st)
	}
	if st, _ := e.act("ver2", a.ID, "request_revision", cur.Version, map[string]any{"note": "Lengkapi."}); st != 200 {
		t.Errorf("new verifier decides: %d, want 200", st)
	}
}

func TestFilingWindowsAtTheirFirstAndLastDayAndTheDayAfter(t *testing.T) {
	e := newEnv(t)
	for _, w := range []map[string]any{
		{"kind": "jft", "route": "pengangkatan_pertama", "start": "2026-12-01", "end": "2026-12-31"},
		{"kind": "jft", "route": "pengangkatan_pertama", "start": "2027-03-01", "end": "2027-03-31"},
		{"kind": "jft", "route": "kenaikan_jenjang", "start": "2027-06-01", "end": "2027-06-30"},
	} {
		if st := e.api("admin1", "POST", "/api/v1/filing-periods", w, nil); st != 201 {
			t.Fatalf("window %v: %d", w, st)
		}
	}
	if st := e.api("kp_pbg", "POST", "/api/v1/filing-periods", map[string]any{"kind": "jft", "start": "2026-12-01", "end": "2026-12-02"}, nil); st != 403 {
		t.Errorf("head opens a window: %d, want 403", st)
	}
	var bad struct {
		Fields map[string]string `json:"fields"`
	}
	if st := e.api("admin1", "POST", "/api/v1/filing-periods", map[string]any{"kind": "jft", "route": "x", "start": "2026-12-02", "end": "2026-12-01"}, &bad); st != 422 ||
		bad.Fields["route"] == "" || bad.Fields["end"] == "" {
		t.Errorf("bad window: %d %+v", st, bad)
	}
	submit := func(day string) (int, proposalJSON) {
		t.Helper()
		e.svc.SetClock(models.MustDate(day))
		body := jftBody(ahmad)
		delete(body, "reference_date") // today
		p := e.create("op_pbg", body)  // a draft is always allowed
		return e.act("kp_pbg", p.ID, "submit", p.Version, nil)
	}
	// 30 November: closed, the next window opens 1 December.
	st, got := submit("2026-11-30")
	if st != 422 || !strings.Contains(got.Error, "Masa pengajuan berikutnya dibuka 1 Desember 2026") {
		t.Fatalf("before the window: %d %q, want 422 naming 1 Desember 2026", st, got.Error)
	}
	closed := got.ID
	if closed == 0 {
		// The refusal answers the error, not the proposal: find the draft.
		if err := e.db.NewSelect().Table("proposals").ColumnExpr("max(id)").Scan(context.Background(), &closed); err != nil {
			t.Fatal(err)
		}
	}
	br := e.browser()
	br.login("kp_pbg")
	if _, body := br.do("GET", "/proposals/"+itoa(closed), nil); !strings.Contains(body, "Masa pengajuan berikutnya dibuka 1 Desember 2026.") {
		t.Errorf("proposal page lacks the next window")
	}
	if _, body := br.do("GET", "/proposals/"+itoa(closed)+"/submit", nil); !strings.Contains(body, `id="filing-notice">Masa pengajuan sedang ditutup. Masa pengajuan berikutnya dibuka 1 Desember 2026.`) {
		t.Errorf("confirmation page lacks the next window: %s", between(body, "<main", "</main>"))
	}
	if st, got := submit("2026-12-01"); st != 200 || got.Status != "submitted" {
		t.Errorf("first day: %d %q", st, got.Error)
	}
	if st, got := submit("2026-12-31"); st != 200 {
		t.Errorf("last day: %d %q", st, got.Error)
	}
	if st, got := submit("2027-01-01"); st != 422 || !strings.Contains(got.Error, "1 Maret 2027") {
		t.Errorf("the day after: %d %q, want 422 naming 1 Maret 2027", st, got.Error)
	}
	// Other routes and kinds have no window: open all year.
	e.svc.SetClock(models.MustDate("2027-01-01"))
	body := jftBody(ahmad)
	body["route"] = "perpindahan"
	delete(body, "reference_date")
	p := e.create("op_pbg", body)
	if st, got := e.act("kp_pbg", p.ID, "submit", p.Version, nil); st == 422 && strings.Contains(got.Error, "Masa pengajuan") {
		t.Errorf("a route without windows was held back: %q", got.Error)
	}
	var list struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	if st := e.api("kp_pbg", "GET", "/api/v1/filing-periods", nil, &list); st != 200 || len(list.Items) != 3 {
		t.Fatalf("list: %d %+v", st, list)
	}
	for _, it := range list.Items {
		if st := e.api("admin1", "DELETE", "/api/v1/filing-periods/"+itoa(it.ID), nil, nil); st != 204 {
			t.Errorf("delete: %d", st)
		}
	}
	if st, got := submit("2027-01-01"); st != 200 {
		t.Errorf("no windows left: %d %q", st, got.Error)
	}
}

func TestInboxBulkFormClaimsTheCheckedProposalsAndShowsEachResult(t *testing.T) {
	e := newEnv(t)
	a, b := e.submittedBy("pbg"), e.submittedBy("bjn")
	br := e.browser()
	br.login("ver1")
	_, page := br.do("GET", "/inbox", nil)
	for _, p := range []proposalJSON{a, b} {
		if !strings.Contains(page, `name="ids" form="inbox-bulk" value="`+itoa(p.ID)+`"`) {
			t.Fatalf("inbox lacks the checkbox of %d", p.ID)
		}
	}
	tok := csrfRE.FindStringSubmatch(page)[1]
	// b is claimed meanwhile by ver2: its row fails alone.
	cur := e.get("ver2", b.ID)
	if st, _ := e.act("ver2", b.ID, "claim", cur.Version, nil); st != 200 {
		t.Fatal("ver2 claims")
	}
	resp, body := br.do("POST", "/inbox/bulk", url.Values{"_csrf": {tok}, "action": {"claim"}, "ids": {itoa(a.ID), itoa(b.ID)}})
	if resp.StatusCode != 200 || !strings.Contains(body, "1 berhasil, 1 gagal.") ||
		!strings.Contains(body, `data-id="`+itoa(a.ID)+`" data-status="200"`) ||
		!strings.Contains(body, `data-id="`+itoa(b.ID)+`" data-status="409"`) {
		t.Fatalf("bulk form: %d %s", resp.StatusCode, between(body, "<main", "</main>"))
	}
	if s, _ := e.status(a.ID); s != models.StatusInReview {
		t.Errorf("a is %s", s)
	}
	// Without the CSRF token nothing happens.
	if resp, _ := br.do("POST", "/inbox/bulk", url.Values{"action": {"claim"}, "ids": {itoa(a.ID)}}); resp.StatusCode != 403 {
		t.Errorf("no CSRF: %d, want 403", resp.StatusCode)
	}
}
