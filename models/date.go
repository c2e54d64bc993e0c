// Package models holds the bun table structs and the small pure domain types
// (Date, NIP, Rank, Level, ...) shared by every layer.
package models

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar date with no time zone (DOMAIN.md §6: "a calendar date is
// a date"). It is stored as ISO text "YYYY-MM-DD" on both databases, so it never
// passes through a time zone. The zero Date is "no date" (NULL in the database,
// null in JSON).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateLayout is the only accepted text form of a Date.
const DateLayout = "2006-01-02"

// MinDate and MaxDate bound every date the product accepts (ELIGIBILITY.md
// §6.4): a date outside 1900-01-01 … 2100-12-31 is an input error, so no
// derived date (a pension start, a year of ratings) leaves what the product
// can store and print.
var (
	MinDate = Date{1900, time.January, 1}
	MaxDate = Date{2100, time.December, 31}
)

// InBounds reports MinDate ≤ d ≤ MaxDate.
func (d Date) InBounds() bool { return !d.Before(MinDate) && !d.After(MaxDate) }

// ParseDate parses "YYYY-MM-DD" strictly: the date must exist (no 2023-02-29)
// and lie within MinDate … MaxDate.
func ParseDate(s string) (Date, error) {
	d, err := parseDateUnbounded(s)
	if err != nil {
		return Date{}, err
	}
	if !d.InBounds() {
		return Date{}, fmt.Errorf("tanggal %q di luar rentang 1 Januari 1900 – 31 Desember 2100", s)
	}
	return d, nil
}

func parseDateUnbounded(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil || len(s) != len(DateLayout) {
		return Date{}, fmt.Errorf("tanggal %q tidak valid (format YYYY-MM-DD)", s)
	}
	return DateOf(t), nil
}

// MustDate is ParseDate for literals in code and tests; it panics on bad input.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// NewDate builds a Date, normalising overflow the way time.Date does.
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// DateOf takes the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Jakarta is Asia/Jakarta (WIB); time/tzdata is embedded by cmd/usulan.
var Jakarta = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		return time.FixedZone("WIB", 7*3600)
	}
	return loc
}()

// IsZero reports whether d is "no date".
func (d Date) IsZero() bool { return d.Year == 0 && d.Month == 0 && d.Day == 0 }

// Time is midnight UTC of d, for arithmetic only (never for storage).
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDate adds years, months and days like time.Time.AddDate.
func (d Date) AddDate(y, m, dd int) Date { return DateOf(d.Time().AddDate(y, m, dd)) }

// Before, After and Equal compare calendar dates.
func (d Date) Before(o Date) bool { return d.Time().Before(o.Time()) }
func (d Date) After(o Date) bool  { return d.Time().After(o.Time()) }
func (d Date) Equal(o Date) bool  { return d == o }

// String is "YYYY-MM-DD", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// BulanIndonesia are the month names used in letters.
var BulanIndonesia = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
	"Agustus", "September", "Oktober", "November", "Desember"}

// Indonesian formats d as in a letter: "30 November 2026" ("" for the zero Date).
func (d Date) Indonesian() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %d", d.Day, BulanIndonesia[d.Month-1], d.Year)
}

// MarshalJSON writes "YYYY-MM-DD" or null.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD", "" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("tanggal harus berupa teks YYYY-MM-DD")
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	p, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// Value stores the date as ISO text (NULL for the zero Date).
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads ISO text (or a driver's time.Time, taking its calendar date as written).
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	case time.Time:
		*d = Date{v.Year(), v.Month(), v.Day()}
		return nil
	}
	return fmt.Errorf("models.Date: cannot scan %T", src)
}

func (d *Date) scanText(s string) error {
	if s == "" {
		*d = Date{}
		return nil
	}
	if len(s) > len(DateLayout) {
		s = s[:len(DateLayout)]
	}
	// Stored rows are read as written, even one saved before the bounds.
	p, err := parseDateUnbounded(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}
