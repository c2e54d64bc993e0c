// Package scopecheck is a bun query hook for tests: it watches every query
// run on behalf of a regency principal (access.WithPrincipal on the
// context) and records those that read or change office-owned rows without
// being scoped to that principal's office. Test environments install it and
// fail on any finding, so a scope removed anywhere shows up in the suite.
//
// A query is scoped when, for each office-owned table it names:
//   - tables with an office_id (proposals, employees, formations, …): the
//     query compares office_id with the principal's office;
//   - child tables (candidates, events, attachments, findings, notes, issued
//     documents, …): the query also names the parent table with that
//     predicate (a join), or filters the parent id by values whose parent
//     rows all belong to the principal's office (checked in the database).
//
// Inserts are not checked (they take the office from the principal), nor
// queries on a context marked access.Unscoped.
//
// Origin (origin.go), installed on every test database by dbtest.Open,
// checks where such queries come from: only app/store may run them
// (issue 12); Pending, the places not moved there yet, is empty and a test
// keeps it so. Exempt are migrations and test fixtures.
package scopecheck

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
)

// Owned are the tables with an office_id column that belong to an office.
var Owned = []string{"proposals", "employees", "formations", "formation_events", "obstacles", "report_spells",
	"report_timelines", "jf_posts"}

// Children are office-owned tables without an office_id: the parent table
// and the column that points at it.
var Children = map[string]struct{ Parent, Column string }{
	"candidates":         {"proposals", "proposal_id"},
	"events":             {"proposals", "proposal_id"},
	"attachments":        {"proposals", "proposal_id"},
	"findings":           {"proposals", "proposal_id"},
	"candidate_notes":    {"proposals", "proposal_id"},
	"issued_documents":   {"proposals", "proposal_id"},
	"decision_reasons":   {"proposals", "proposal_id"},
	"employee_events":    {"employees", "employee_id"},
	"obstacle_events":    {"obstacles", "obstacle_id"},
	"obstacle_proposals": {"obstacles", "obstacle_id"},
}

// OwnedVia: owned tables whose writes name the parent instead of their id.
var OwnedVia = map[string]struct{ Parent, Column string }{
	"report_spells":    {"proposals", "proposal_id"},
	"report_timelines": {"proposals", "proposal_id"},
}

// Hook records unscoped queries; Findings lists them.
type Hook struct {
	DB *bun.DB

	mu       sync.Mutex
	findings map[string]string // query shape → one full query
	owner    map[string]int64  // "proposals/12" → office (rows that never change office)
}

var (
	tableRE  = regexp.MustCompile(`(?i)\b(?:FROM|JOIN|UPDATE)\s+"?([a-z_]+)"?`)
	numberRE = regexp.MustCompile(`\b\d+\b`)
)

// BeforeQuery checks the query.
func (h *Hook) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context {
	p, ok := access.PrincipalFrom(ctx)
	if !ok || !p.Regional() || access.UnscopedReason(ctx) != "" {
		return ctx
	}
	q := e.Query
	op := strings.ToUpper(strings.Fields(strings.TrimLeft(q, " \t\n("))[0])
	if op == "INSERT" || op == "BEGIN" || op == "COMMIT" || op == "ROLLBACK" || op == "SAVEPOINT" || op == "RELEASE" {
		return ctx
	}
	if reason := h.unscoped(p, op, q); reason != "" {
		h.mu.Lock()
		if h.findings == nil {
			h.findings = map[string]string{}
		}
		shape := numberRE.ReplaceAllString(q, "N")
		if _, seen := h.findings[shape]; !seen {
			h.findings[shape] = reason + ": " + q
		}
		h.mu.Unlock()
	}
	return ctx
}

// AfterQuery does nothing.
func (h *Hook) AfterQuery(context.Context, *bun.QueryEvent) {}

// Findings are the unscoped queries seen, one per shape, sorted.
func (h *Hook) Findings() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]string, 0, len(h.findings))
	for _, f := range h.findings {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

func (h *Hook) unscoped(p access.Principal, op, q string) string {
	tables := map[string]bool{}
	for _, m := range tableRE.FindAllStringSubmatch(q, -1) {
		tables[strings.ToLower(m[1])] = true
	}
	scopedTo := func(table string) bool { return tables[table] && hasOfficePredicate(q, p.OfficeID) }
	write := op == "UPDATE" || op == "DELETE"
	for _, t := range Owned {
		if !tables[t] || hasOfficePredicate(q, p.OfficeID) {
			continue
		}
		// A write by id (after a scoped read) is checked against the rows.
		col, parent := "id", t
		if via, ok := OwnedVia[t]; ok {
			col, parent = via.Column, via.Parent
		}
		if ids := parentIDs(q, col); write && len(ids) > 0 {
			if bad := h.foreign(parent, ids, p.OfficeID); bad != "" {
				return bad
			}
			continue
		}
		return "no office predicate on " + t
	}
	for t, c := range Children {
		if !tables[t] || scopedTo(c.Parent) {
			continue
		}
		ids := parentIDs(q, c.Column)
		if len(ids) == 0 {
			return "no " + c.Column + " filter nor a scoped " + c.Parent + " join on " + t
		}
		if bad := h.foreign(c.Parent, ids, p.OfficeID); bad != "" {
			return bad
		}
	}
	return ""
}

var (
	officeRE = regexp.MustCompile(`office_id"?\s*(?:=\s*|IN\s*\(\s*)(\d+)\b`)
	idREs    sync.Map // column → *regexp.Regexp
)

// hasOfficePredicate: office_id = N or office_id IN (N) with N the office.
func hasOfficePredicate(q string, office int64) bool {
	for _, m := range officeRE.FindAllStringSubmatch(q, -1) {
		if m[1] == strconv.FormatInt(office, 10) {
			return true
		}
	}
	return false
}

// parentIDs are the values col is compared with (= N or IN (N, …)).
func parentIDs(q, col string) []int64 {
	re, ok := idREs.Load(col)
	if !ok {
		re, _ = idREs.LoadOrStore(col, regexp.MustCompile(`\b`+col+`"?\s*(?:=\s*(\d+)|IN\s*\(([\d,\s]+)\))`))
	}
	var out []int64
	for _, m := range re.(*regexp.Regexp).FindAllStringSubmatch(q, -1) {
		list := m[1]
		if list == "" {
			list = m[2]
		}
		for _, s := range strings.Split(list, ",") {
			if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
				out = append(out, n)
			}
		}
	}
	return out
}

// foreign names a parent row of another office among ids ("" when none;
// rows not visible outside the query's transaction count as the office's).
func (h *Hook) foreign(parent string, ids []int64, office int64) string {
	cacheable := parent != "employees" // an employee may move to another office
	var offices []int64
	var unknown []int64
	h.mu.Lock()
	for _, id := range ids {
		if o, ok := h.owner[parent+"/"+strconv.FormatInt(id, 10)]; ok && cacheable {
			offices = append(offices, o)
		} else {
			unknown = append(unknown, id)
		}
	}
	h.mu.Unlock()
	if len(unknown) > 0 {
		var rows []struct {
			ID       int64 `bun:"id"`
			OfficeID int64 `bun:"office_id"`
		}
		if err := h.DB.NewSelect().Table(parent).Column("id", "office_id").Where("id IN (?)", bun.List(unknown)).
			Scan(context.Background(), &rows); err != nil {
			return ""
		}
		h.mu.Lock()
		if h.owner == nil {
			h.owner = map[string]int64{}
		}
		for _, r := range rows {
			offices = append(offices, r.OfficeID)
			if cacheable {
				h.owner[parent+"/"+strconv.FormatInt(r.ID, 10)] = r.OfficeID
			}
		}
		h.mu.Unlock()
	}
	for _, o := range offices {
		if o != office {
			return fmt.Sprintf("%s of office %d read for office %d", parent, o, office)
		}
	}
	return ""
}
