// Package sla keeps the service levels of the review (issue 15): a target per
// status in working days, set by the admin, counted on a calendar of Monday
// to Friday less the holidays the admin keeps (libur nasional and cuti
// bersama, dated reference data). The inbox dates each waiting proposal by
// it, and a daily job reminds, then escalates, what is overdue.
package sla

import (
	"slices"
	"sort"
	"time"

	"github.com/kemenagjateng/usulan/models"
)

// Calendar tells working days: Monday to Friday, less its holidays.
type Calendar struct {
	holidays map[models.Date]bool
	// weekdayHolidays are the holidays falling Monday to Friday, as day
	// numbers (dayNumber), ascending and each once.
	weekdayHolidays []int64
}

// NewCalendar returns the calendar with the given holidays.
func NewCalendar(holidays ...models.Date) Calendar {
	m := make(map[models.Date]bool, len(holidays))
	var weekdays []int64
	for _, d := range holidays {
		if !m[d] && isWeekday(d) {
			weekdays = append(weekdays, dayNumber(d))
		}
		m[d] = true
	}
	slices.Sort(weekdays)
	return Calendar{holidays: m, weekdayHolidays: weekdays}
}

func isWeekday(d models.Date) bool {
	wd := d.Time().Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// dayNumber is d's day counted from 1 January 1970 (negative before).
func dayNumber(d models.Date) int64 { return d.Time().Unix() / 86400 }

// monday1900 is the day number of Monday 1 January 1900 (models.MinDate).
var monday1900 = dayNumber(models.NewDate(1900, time.January, 1))

// weekdaysBefore counts the Mondays to Fridays from 1 January 1900 up to,
// not including, day number n (n ≥ monday1900).
func weekdaysBefore(n int64) int64 {
	k := n - monday1900
	return 5*(k/7) + min(k%7, 5)
}

// IsWorkingDay reports whether d is a Monday to Friday that is no holiday.
func (c Calendar) IsWorkingDay(d models.Date) bool {
	switch d.Time().Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	return !c.holidays[d]
}

// AddWorkingDays is the n-th working day after d (n ≥ 1), d itself not
// counted whatever day it is: a proposal entering a status on Friday with a
// target of 1 is due on Monday (Tuesday when Monday is a holiday). n ≤ 0
// gives d.
func (c Calendar) AddWorkingDays(d models.Date, n int) models.Date {
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// WorkingDaysBetween counts the working days after from up to and
// including to (0 when to is not after from): how many working days a stay
// from from to to has used, or how late a date past its due date is.
//
// It costs the same for a day or for years: the weekdays are counted by
// arithmetic and the holidays among them by binary search (the inbox dates
// a hundred stays late by hundreds of days on every view).
func (c Calendar) WorkingDaysBetween(from, to models.Date) int {
	a, b := dayNumber(from)+1, dayNumber(to) // the days (from, to]
	if b < a {
		return 0
	}
	if a < monday1900 { // before models.MinDate: day by day
		n := 0
		for d := from.AddDate(0, 0, 1); !d.After(to); d = d.AddDate(0, 0, 1) {
			if c.IsWorkingDay(d) {
				n++
			}
		}
		return n
	}
	weekdays := weekdaysBefore(b+1) - weekdaysBefore(a)
	lo := sort.Search(len(c.weekdayHolidays), func(i int) bool { return c.weekdayHolidays[i] >= a })
	hi := sort.Search(len(c.weekdayHolidays), func(i int) bool { return c.weekdayHolidays[i] > b })
	return int(weekdays) - (hi - lo)
}

// LastStartDue is the latest day a stay may have begun on and still be due
// before today with a target of n working days: every stay begun on it or
// earlier is overdue, every one begun later is not (AddWorkingDays is
// monotonic in its start). Lets a query select the overdue by a range on
// the entry instant instead of a computation per row.
func (c Calendar) LastStartDue(today models.Date, n int) models.Date {
	d := today.AddDate(0, 0, -1)
	for !c.AddWorkingDays(d, n).Before(today) {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

// DayOf is the calendar date of an instant in Asia/Jakarta (WIB), where the
// working days are counted.
func DayOf(t time.Time) models.Date { return models.DateOf(t.In(models.Jakarta)) }

// StartOfDay is the first instant of d in Asia/Jakarta.
func StartOfDay(d models.Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, models.Jakarta)
}
