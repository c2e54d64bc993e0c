package sla

import (
	"testing"
	"time"

	"github.com/kemenagjateng/usulan/models"
)

func d(s string) models.Date { return models.MustDate(s) }

func TestWorkingDaysSkipWeekendsHolidaysAndCrossYearEnds(t *testing.T) {
	// 25 December 2026 (Friday) is Natal, 24 December cuti bersama, 1 January
	// 2027 (Friday) Tahun Baru.
	cal := NewCalendar(d("2026-12-24"), d("2026-12-25"), d("2027-01-01"))
	cases := []struct {
		from string
		n    int
		want string
	}{
		{"2026-11-30", 3, "2026-12-03"},  // Monday + 3: Thursday
		{"2026-12-04", 1, "2026-12-07"},  // Friday + 1: Monday
		{"2026-12-05", 1, "2026-12-07"},  // Saturday + 1: Monday
		{"2026-12-06", 1, "2026-12-07"},  // Sunday + 1: Monday
		{"2026-12-04", 5, "2026-12-11"},  // a whole week
		{"2026-12-23", 1, "2026-12-28"},  // Wednesday; Thursday and Friday are holidays
		{"2026-12-23", 3, "2026-12-30"},  // 28, 29, 30 December
		{"2026-12-30", 2, "2027-01-04"},  // 31 Dec, then 1 Jan (holiday), weekend: Monday 4 Jan
		{"2026-12-31", 1, "2027-01-04"},  // across the year end over a holiday and a weekend
		{"2026-12-21", 10, "2027-01-07"}, // 21 Dec 2026 + 10 across both holiday spans
		{"2027-02-26", 2, "2027-03-02"},  // across a month end (February)
		{"2028-02-28", 1, "2028-02-29"},  // leap day is a Tuesday
		{"2026-11-30", 0, "2026-11-30"},
	}
	for _, c := range cases {
		if got := cal.AddWorkingDays(d(c.from), c.n); got != d(c.want) {
			t.Errorf("%s + %d working days = %s, want %s", c.from, c.n, got, c.want)
		}
	}
	if !cal.IsWorkingDay(d("2026-12-31")) || cal.IsWorkingDay(d("2026-12-25")) || cal.IsWorkingDay(d("2026-12-26")) {
		t.Error("IsWorkingDay: 31 Dec is one, Natal and Saturdays are not")
	}
	between := []struct {
		from, to string
		want     int
	}{
		{"2026-11-30", "2026-12-07", 5}, // Tue..Fri + Mon
		{"2026-12-23", "2027-01-04", 5}, // 28, 29, 30, 31 Dec, 4 Jan
		{"2026-12-07", "2026-12-07", 0},
		{"2026-12-07", "2026-12-01", 0},
	}
	for _, c := range between {
		if got := cal.WorkingDaysBetween(d(c.from), d(c.to)); got != c.want {
			t.Errorf("working days %s..%s = %d, want %d", c.from, c.to, got, c.want)
		}
	}
}

func TestLastStartDueSplitsOverdueFromOnTime(t *testing.T) {
	cal := NewCalendar(d("2026-12-25"), d("2027-01-01"))
	for _, n := range []int{1, 3, 10, 14} {
		for today := d("2026-12-01"); today.Before(d("2027-01-20")); today = today.AddDate(0, 0, 1) {
			last := cal.LastStartDue(today, n)
			// Every start on or before last is overdue, the day after is not.
			if !cal.AddWorkingDays(last, n).Before(today) {
				t.Fatalf("n=%d today=%s: start %s is not overdue", n, today, last)
			}
			if cal.AddWorkingDays(last.AddDate(0, 0, 1), n).Before(today) {
				t.Fatalf("n=%d today=%s: start %s is overdue too", n, today, last.AddDate(0, 0, 1))
			}
		}
	}
}

func TestPolicyDatesAStayAndTheInstantOfOverdue(t *testing.T) {
	p := Policy{Targets: map[models.Status]int{models.StatusSubmitted: 3}, Calendar: NewCalendar()}
	// Entered on Monday 30 November 2026 at 23.30 WIB (16.30 UTC): due Thursday.
	since := time.Date(2026, 11, 30, 16, 30, 0, 0, time.UTC)
	due, ok := p.Due(models.StatusSubmitted, since)
	if !ok || due != d("2026-12-03") {
		t.Fatalf("due %s %v", due, ok)
	}
	if _, ok := p.Due(models.StatusInReview, since); ok {
		t.Error("a status without a target has a due date")
	}
	if Overdue(due, d("2026-12-03")) || !Overdue(due, d("2026-12-04")) {
		t.Error("overdue only after the due date")
	}
	// On Friday 4 December, whatever entered before Tuesday 00.00 WIB is overdue.
	at, ok := p.OverdueBefore(models.StatusSubmitted, d("2026-12-04"), 1)
	if !ok || !at.Equal(time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC)) {
		t.Fatalf("overdue before %s", at)
	}
	// Escalation after a second period: entered before Monday 30 Nov 00.00 WIB... on 4 Dec none.
	at2, _ := p.OverdueBefore(models.StatusSubmitted, d("2026-12-09"), 2)
	if !at2.Equal(time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC)) {
		t.Fatalf("escalation before %s", at2)
	}
}

// WorkingDaysBetween counts by arithmetic; it must agree with walking the
// days one by one for any range: weekends, holidays on weekdays and on
// weekends, a holiday given twice, ranges across years and leap days,
// empty and reversed ranges.
func TestWorkingDaysBetweenAgreesWithCountingDayByDay(t *testing.T) {
	d := models.MustDate
	cal := NewCalendar(d("2024-02-29"), d("2024-12-25"), d("2024-12-25"), d("2025-01-01"), d("2025-03-29"),
		d("2025-03-31"), d("2025-12-25"), d("2026-01-01"), d("2026-08-17"), d("2026-11-28"), d("1900-01-01"))
	slow := func(from, to models.Date) int {
		n := 0
		for x := from.AddDate(0, 0, 1); !x.After(to); x = x.AddDate(0, 0, 1) {
			if cal.IsWorkingDay(x) {
				n++
			}
		}
		return n
	}
	starts := []models.Date{d("1900-01-01"), d("1900-01-06"), d("2023-12-29"), d("2024-02-28"), d("2024-12-24"),
		d("2025-03-28"), d("2025-03-30"), d("2026-11-27"), d("2026-11-30")}
	for _, from := range starts {
		for _, span := range []int{-3, 0, 1, 2, 5, 6, 7, 8, 13, 31, 365, 366, 729, 1000} {
			to := from.AddDate(0, 0, span)
			if got, want := cal.WorkingDaysBetween(from, to), slow(from, to); got != want {
				t.Errorf("%s..%s: %d, want %d", from, to, got, want)
			}
		}
	}
}

// BenchmarkWorkingDaysBetween dates a stay two years late (the inbox does
// this for each of its rows).
func BenchmarkWorkingDaysBetween(b *testing.B) {
	cal := NewCalendar(models.MustDate("2025-01-01"), models.MustDate("2025-12-25"), models.MustDate("2026-08-17"))
	from, to := models.MustDate("2024-12-11"), models.MustDate("2026-12-06")
	for b.Loop() {
		cal.WorkingDaysBetween(from, to)
	}
}
