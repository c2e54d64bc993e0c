package views

import (
	"net/url"
	"strconv"
)

// AuditData is the audit trail page: the filters as typed, one page of rows.
type AuditData struct {
	Actor, Action, From, To string
	Actions                 []Option
	Rows                    []AuditRow
	Page, PerPage, Total    int
	Errors                  map[string]string
}

// AuditRow is one event: when ("30 November 2026 14.05 WIB"), who, what,
// about whom, and its detail as lines ("Peran: operator → verifikator").
type AuditRow struct {
	At, Actor, Action, ActionLabel, Subject string
	Detail                                  []string
}

// Pages is the number of pages (at least 1).
func (d AuditData) Pages() int {
	if d.PerPage <= 0 || d.Total == 0 {
		return 1
	}
	return (d.Total + d.PerPage - 1) / d.PerPage
}

// PageURL is the page's URL for page n with the current filters.
func (d AuditData) PageURL(n int) string {
	v := url.Values{}
	for k, s := range map[string]string{"actor": d.Actor, "action": d.Action, "from": d.From, "to": d.To} {
		if s != "" {
			v.Set(k, s)
		}
	}
	v.Set("page", strconv.Itoa(n))
	return "/admin/audit?" + v.Encode()
}
