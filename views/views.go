// Package views holds the pages as templ components (*.templ, with the
// generated *_templ.go committed) and the static assets, embedded.
package views

import (
	"embed"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/models"
)

//go:embed static
var Static embed.FS

// Page is what every page needs: title, the user, the CSRF token, a flash.
type Page struct {
	Title string
	User  *models.User
	CSRF  string
	Flash string
	// FlashError is a one-time refusal: shown as an alert, never in the success box.
	FlashError string
	Active     string // navigation key
	// InboxCount and Unread are the navigation badges: proposals waiting
	// for the user and unread notifications.
	InboxCount int
	Unread     int
}

// IsRegional reports whether the page's user is a regency role.
func (p Page) IsRegional() bool { return p.User != nil && p.User.Role.Regional() }

// OfficeLabel is the user's office name, or "Kanwil" for provincial roles.
func (p Page) OfficeLabel() string {
	if p.User == nil {
		return ""
	}
	if p.User.Office != nil {
		return p.User.Office.Name
	}
	return "Kantor Wilayah Kementerian Agama Provinsi Jawa Tengah"
}

// DateID formats a date as "30 November 2026" (empty for none).
func DateID(d models.Date) string { return d.Indonesian() }

// TimeID formats an instant in Asia/Jakarta as "30 November 2026 14.05 WIB".
func TimeID(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	l := t.In(models.Jakarta)
	return fmt.Sprintf("%s %02d.%02d WIB", models.DateOf(l).Indonesian(), l.Hour(), l.Minute())
}

// Waited says how long since t, in Indonesian ("3 hari", "5 jam", "12 menit").
func Waited(t time.Time, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d >= 48*time.Hour:
		return strconv.Itoa(int(d.Hours()/24)) + " hari"
	case d >= time.Hour:
		return strconv.Itoa(int(d.Hours())) + " jam"
	default:
		return strconv.Itoa(int(d.Minutes())) + " menit"
	}
}

// Str dereferences an optional string.
func Str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Itoa is strconv.Itoa for templates.
func Itoa[T ~int | ~int64](n T) string { return strconv.FormatInt(int64(n), 10) }

// MinDateISO and MaxDateISO bound every date input (models.MinDate …
// models.MaxDate); the server refuses anything outside them too.
var (
	MinDateISO = models.MinDate.String()
	MaxDateISO = models.MaxDate.String()
)

// BadgeCap is the largest number a navigation badge shows: the counts behind
// the badges stop there (so they cost the same at any size) and show "99+".
const BadgeCap = 99

// Badge is a navigation badge's text: the number, or "99+" past BadgeCap.
func Badge(n int) string {
	if n > BadgeCap {
		return Itoa(BadgeCap) + "+"
	}
	return Itoa(n)
}

// ResultLabel is an outcome's Indonesian name.
func ResultLabel(r string) string { return eligibility.ResultLabel(r) }

// VerdictLabel is the Indonesian name of a rule check's verdict. It says
// "syarat …" so that it is never read as the workflow status ("Memenuhi
// syarat" is the verifier's decision, not the engine's).
func VerdictLabel(v string) string {
	switch v {
	case "eligible":
		return "Syarat terpenuhi"
	case "incomplete":
		return "Syarat perlu dilengkapi/dinilai"
	case "not_eligible":
		return "Syarat tidak terpenuhi"
	}
	return v
}

// Join joins non-empty parts with sep.
func Join(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// RuleLabel is the short Indonesian name of a rule id, for tables on pages
// (the rule catalog keeps it beside the long one the verification sheet uses).
func RuleLabel(rule string) string { return eligibility.RuleShortLabel(rule) }

// RatingsFor narrows the rating choices to the scale in force in year: the
// pre-2022 names (cukup, buruk) only for years before 2022, the current
// ones (butuh perbaikan, sangat kurang) from 2022 on. A stored value of the
// other scale stays listed so it is never silently lost.
func RatingsFor(all []Option, year, current string) []Option {
	y, err := strconv.Atoi(strings.TrimSpace(year))
	if err != nil {
		return all
	}
	old := map[string]bool{"cukup": true, "buruk": true}
	current2022 := map[string]bool{"butuh_perbaikan": true, "sangat_kurang": true}
	out := make([]Option, 0, len(all))
	for _, o := range all {
		if o.Value != current && ((y >= 2022 && old[o.Value]) || (y < 2022 && current2022[o.Value])) {
			continue
		}
		out = append(out, o)
	}
	return out
}
