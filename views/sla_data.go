package views

import "github.com/kemenagjateng/usulan/models"

// Reference tabs of the service levels.
const (
	RefHolidays = "holidays"
	RefSLA      = "sla"
)

// SLAData is the service-level page.
type SLAData struct {
	Rows   []SLARow
	Errors map[string]string // "targets.<status>"
}

// SLARow is one status's target as shown and typed.
type SLARow struct{ Status, Label, Holder, Value string }

// HolidaysData is the holidays page and its form.
type HolidaysData struct {
	Rows       []HolidayRow
	Date, Name string
	Errors     map[string]string
	Message    string
}

// HolidayRow is one holiday.
type HolidayRow struct {
	ID                  int64
	Date, Weekday, Name string
}

// WeekdayID is the Indonesian name of d's day of the week.
func WeekdayID(d models.Date) string {
	return [...]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}[d.Time().Weekday()%7]
}
