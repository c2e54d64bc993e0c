package web

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kemenagjateng/usulan/models"
)

type inboxJSON struct {
	Sections []struct {
		Key         string `json:"key"`
		Total       int    `json:"total"`
		TotalCapped bool   `json:"total_capped"`
		Target      int    `json:"target_working_days"`
		Items       []struct {
			ID            int64        `json:"id"`
			Due           *models.Date `json:"due_date"`
			Overdue       bool         `json:"overdue"`
			DaysLate      int          `json:"working_days_late"`
			Resubmissions int          `json:"resubmissions"`
		} `json:"items"`
	} `json:"sections"`
	Total int    `json:"total"`
	Error string `json:"error"`
}

// section returns "id:due:late" of a section's rows, in order.
func (in inboxJSON) section(key string) string {
	var out []string
	for _, s := range in.Sections {
		if s.Key != key {
			continue
		}
		for _, it := range s.Items {
			due := "-"
			if it.Due != nil {
				due = it.Due.String()
			}
			r := fmt.Sprintf("%d:%s", it.ID, due)
			if it.Overdue {
				r += fmt.Sprintf(":late%d", it.DaysLate)
			}
			if it.Resubmissions > 0 {
				r += fmt.Sprintf(":resub%d", it.Resubmissions)
			}
			out = append(out, r)
		}
	}
	return strings.Join(out, " ")
}

// enteredOn sets when a proposal entered its status: day at 10.00 WIB.
func (e *env) enteredOn(id int64, day string) {
	e.t.Helper()
	d := models.MustDate(day)
	at := time.Date(d.Year, d.Month, d.Day, 10, 0, 0, 0, models.Jakarta)
	if _, err := e.db.NewUpdate().Table("proposals").Set("state_since = ?", at).Where("id = ?", id).Exec(e.t.Context()); err != nil {
		e.t.Fatal(err)
	}
}

// The inbox dates each row by the admin's target in working days, skipping
// weekends and the holidays kept at /api/v1/reference/holidays, lists the
// overdue first, filters, pages and marks resubmissions; the targets and
// holidays are the admin's (API and pages).
func TestInboxDueDatesOverdueFirstFiltersAndTheAdminsTargets(t *testing.T) {
	e := newEnv(t)
	// Holidays: the admin's, checked.
	var h struct {
		ID    int64  `json:"id"`
		Error string `json:"error"`
	}
	if st := e.api("admin1", "POST", "/api/v1/reference/holidays", map[string]any{"date": "2026-11-26", "name": "Libur uji"}, &h); st != 201 || h.ID == 0 {
		t.Fatalf("add holiday: %d", st)
	}
	for _, c := range []struct {
		user string
		body map[string]any
		want int
	}{
		{"admin1", map[string]any{"date": "2026-11-26", "name": "Lagi"}, 409},
		{"admin1", map[string]any{"date": "2026-11-27", "name": " "}, 400},
		{"admin1", map[string]any{"date": "26-11-2026", "name": "x"}, 400},
		{"ver1", map[string]any{"date": "2026-11-27", "name": "x"}, 403},
	} {
		if st := e.api(c.user, "POST", "/api/v1/reference/holidays", c.body, nil); st != c.want {
			t.Errorf("holiday %v by %s: %d, want %d", c.body, c.user, st, c.want)
		}
	}
	// Three submissions entering on Friday 20, Wednesday 25 and Monday 30 November.
	old, mid, fresh := e.submitted(false), e.submitted(false), e.submitted(false)
	e.enteredOn(old.ID, "2026-11-20")
	e.enteredOn(mid.ID, "2026-11-25")
	e.enteredOn(fresh.ID, "2026-11-30")
	var in inboxJSON
	if st := e.api("ver1", "GET", "/api/v1/inbox", nil, &in); st != 200 {
		t.Fatalf("inbox: %d", st)
	}
	// 3 working days: 20 Nov → 25 Nov (2 working days late on 30 Nov: 27th,
	// 30th; the 26th is the holiday); 25 Nov → 1 Dec; 30 Nov → 3 Dec.
	want := fmt.Sprintf("%d:2026-11-25:late2 %d:2026-12-01 %d:2026-12-03", old.ID, mid.ID, fresh.ID)
	if got := in.section("unclaimed"); got != want {
		t.Fatalf("unclaimed %s, want %s", got, want)
	}
	// The proposal list dates its rows the same way.
	var list struct {
		Items []struct {
			ID      int64        `json:"id"`
			Due     *models.Date `json:"due_date"`
			Overdue bool         `json:"overdue"`
		} `json:"items"`
	}
	e.api("ver1", "GET", "/api/v1/proposals?status=submitted", nil, &list)
	for _, it := range list.Items {
		if (it.ID == old.ID) != it.Overdue || it.Due == nil || (it.ID == mid.ID && it.Due.String() != "2026-12-01") {
			t.Errorf("list row %d: due %v overdue %v", it.ID, it.Due, it.Overdue)
		}
	}
	// Filters and pages.
	letter := url.QueryEscape(*mid.LetterNumber)
	for q, w := range map[string]string{
		"?kind=staffing":                       "",
		"?office=Kk.11.04":                     "",
		"?office=Kk.11.03&kind=jft":            want,
		"?route=perpindahan":                   "",
		"?route=pengangkatan_pertama":          want,
		"?q=" + letter:                         fmt.Sprintf("%d:2026-12-01", mid.ID),
		"?section=unclaimed&per_page=2":        fmt.Sprintf("%d:2026-11-25:late2 %d:2026-12-01", old.ID, mid.ID),
		"?section=unclaimed&per_page=2&page=2": fmt.Sprintf("%d:2026-12-03", fresh.ID),
	} {
		var got inboxJSON
		if st := e.api("ver1", "GET", "/api/v1/inbox"+q, nil, &got); st != 200 {
			t.Fatalf("%s: %d", q, st)
		}
		if s := got.section("unclaimed"); s != w {
			t.Errorf("%s: %q, want %q", q, s, w)
		}
		if strings.Contains(q, "per_page=2") && (len(got.Sections) != 1 || got.Sections[0].Total != 3) {
			t.Errorf("%s: %d sections, want the one with its total 3", q, len(got.Sections))
		}
	}
	if st := e.api("ver1", "GET", "/api/v1/inbox?kind=lain", nil, nil); st != 400 {
		t.Errorf("bad kind: %d", st)
	}
	// A resubmission is marked in the reviewer's section (10 working days from its return).
	back := e.submitted(true)
	_, back = e.act("ver1", back.ID, "request_revision", back.Version, map[string]any{"note": "Lengkapi"})
	if st, p := e.act("kp_pbg", back.ID, "resubmit", back.Version, nil); st != 200 {
		t.Fatalf("resubmit: %d %s", st, p.Error)
	}
	e.api("ver1", "GET", "/api/v1/inbox?section=reviewing", nil, &in)
	if got := in.section("reviewing"); got != fmt.Sprintf("%d:2026-12-14:resub1", back.ID) {
		t.Errorf("reviewing %s", got)
	}
	// The page says the same in Indonesian.
	b := e.browser()
	b.login("ver1")
	_, page := b.do("GET", "/inbox", nil)
	for _, s := range []string{"25 November 2026", "Terlambat 2 hari kerja", "3 Desember 2026", "Diajukan ulang", "batas 3 hari kerja", `name="route"`} {
		if !strings.Contains(page, s) {
			t.Errorf("inbox page lacks %q", s)
		}
	}
	if i, j := strings.Index(page, "25 November 2026"), strings.Index(page, "3 Desember 2026"); i < 0 || j < i {
		t.Error("the overdue row is not first on the page")
	}

	// Targets: the admin's only; 5 working days move the due dates.
	var sl struct {
		Targets []struct {
			Status      string `json:"status"`
			WorkingDays int    `json:"working_days"`
		} `json:"targets"`
	}
	if st := e.api("ver1", "GET", "/api/v1/sla", nil, nil); st != 403 {
		t.Errorf("sla for a verifier: %d", st)
	}
	if st := e.api("admin1", "GET", "/api/v1/sla", nil, &sl); st != 200 || fmt.Sprint(sl.Targets) != "[{submitted 3} {in_review 10} {revision_requested 14} {verified 0} {forwarded 0}]" {
		t.Fatalf("sla: %d %v", st, sl.Targets)
	}
	var bad struct {
		Fields map[string]string `json:"fields"`
	}
	if st := e.api("admin1", "PUT", "/api/v1/sla", map[string]any{"targets": []map[string]any{{"status": "draft", "working_days": 2}, {"status": "submitted", "working_days": 999}}}, &bad); st != 400 ||
		bad.Fields["targets.draft"] == "" || bad.Fields["targets.submitted"] == "" {
		t.Errorf("bad targets: %d %v", st, bad.Fields)
	}
	if st := e.api("admin1", "PUT", "/api/v1/sla", map[string]any{"targets": []map[string]any{{"status": "submitted", "working_days": 5}, {"status": "verified", "working_days": 2}}}, &sl); st != 200 ||
		fmt.Sprint(sl.Targets) != "[{submitted 5} {in_review 10} {revision_requested 14} {verified 2} {forwarded 0}]" {
		t.Fatalf("put sla: %d %v", st, sl.Targets)
	}
	e.api("ver1", "GET", "/api/v1/inbox?section=unclaimed", nil, &in)
	if got := in.section("unclaimed"); !strings.HasSuffix(got, fmt.Sprintf("%d:2026-12-07", fresh.ID)) {
		t.Errorf("after 5 days: %s", got)
	}
	// Removing the holiday moves the dates back onto 26 November.
	if st := e.api("admin1", "DELETE", "/api/v1/reference/holidays/"+itoa(h.ID), nil, nil); st != 204 {
		t.Fatalf("delete holiday: %d", st)
	}
	if st := e.api("admin1", "DELETE", "/api/v1/reference/holidays/"+itoa(h.ID), nil, nil); st != 404 {
		t.Errorf("delete again: %d", st)
	}
	// The admin pages.
	a := e.browser()
	a.login("admin1")
	tok := a.csrf("/admin/sla")
	if resp, page := a.do("POST", "/admin/sla", url.Values{"_csrf": {tok}, "submitted": {"tiga"}}); resp.StatusCode != 400 || !strings.Contains(page, "Isi angka hari kerja") {
		t.Errorf("bad target form: %d", resp.StatusCode)
	}
	if resp, _ := a.do("POST", "/admin/sla", url.Values{"_csrf": {tok}, "submitted": {"4"}, "in_review": {"10"}, "revision_requested": {"14"}}); resp.StatusCode != 303 {
		t.Errorf("save targets: %d", resp.StatusCode)
	}
	if _, page := a.do("GET", "/admin/sla", nil); !strings.Contains(page, `name="submitted" value="4"`) || !strings.Contains(page, `name="verified" value=""`) {
		t.Error("the targets page does not show what was saved (the verified target emptied)")
	}
	tok = a.csrf("/reference/holidays")
	if resp, _ := a.do("POST", "/reference/holidays", url.Values{"_csrf": {tok}, "date": {"2026-12-25"}, "name": {"Hari Raya Natal"}}); resp.StatusCode != 303 {
		t.Errorf("add holiday page: %d", resp.StatusCode)
	}
	if _, page := a.do("GET", "/reference/holidays", nil); !strings.Contains(page, "25 Desember 2026") || !strings.Contains(page, "Jumat") || !strings.Contains(page, "Hari Raya Natal") {
		t.Error("holiday list lacks Natal on Friday")
	}
	if resp, _ := a.do("POST", "/reference/holidays", url.Values{"_csrf": {tok}, "date": {"2026-12-25"}, "name": {"Natal"}}); resp.StatusCode != 409 {
		t.Errorf("duplicate holiday page: %d", resp.StatusCode)
	}
}
