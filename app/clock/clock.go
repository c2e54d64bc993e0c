// Package clock is the one place Usulan reads the time of day. Every service
// takes a Clock; production wires Real, tests one that starts on a set day.
// Nothing outside cmd/ and this package calls time.Now (a test enforces it),
// so no test depends on the date the machine happens to have.
package clock

import (
	"sync"
	"time"

	"github.com/kemenagjateng/usulan/models"
)

// Clock tells the current instant.
type Clock interface {
	// Now is the current instant, in UTC.
	Now() time.Time
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now().UTC() }

// Real is the machine's clock.
var Real Clock = realClock{}

// Today is the calendar date in Asia/Jakarta (WIB) at c's current instant.
func Today(c Clock) models.Date { return models.DateOf(c.Now().In(models.Jakarta)) }

// Func adapts a function to a Clock (e.g. to follow another service's clock).
type Func func() time.Time

// Now calls f.
func (f Func) Now() time.Time { return f().UTC() }

// Running is a clock that started at a chosen instant and runs forward at the
// machine's pace, so successive readings stay ordered like real ones while
// the date stays the one chosen (unless a test runs for hours).
type Running struct {
	start time.Time
	since time.Time // monotonic reading when start was set
}

// StartingAt returns a clock that reads start now and runs forward from it.
func StartingAt(start time.Time) *Running {
	return &Running{start: start.UTC(), since: time.Now()}
}

// On returns a clock that starts on day at 10.00 WIB (a working hour, so the
// UTC instant falls on the same calendar day) and runs forward from it.
func On(day models.Date) *Running {
	return StartingAt(time.Date(day.Year, day.Month, day.Day, 10, 0, 0, 0, models.Jakarta))
}

// Now is start plus the time elapsed since the clock was made.
func (r *Running) Now() time.Time { return r.start.Add(time.Since(r.since)) }

// Manual is a clock that stands still until it is set or advanced; safe for
// concurrent use. Tests of expiry, limits and reminders move it explicitly.
type Manual struct {
	mu sync.Mutex
	t  time.Time
}

// NewManual returns a Manual clock reading t.
func NewManual(t time.Time) *Manual { return &Manual{t: t.UTC()} }

// Now is the instant last set.
func (m *Manual) Now() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.t
}

// Set moves the clock to t.
func (m *Manual) Set(t time.Time) {
	m.mu.Lock()
	m.t = t.UTC()
	m.mu.Unlock()
}

// Advance moves the clock forward by d.
func (m *Manual) Advance(d time.Duration) {
	m.mu.Lock()
	m.t = m.t.Add(d)
	m.mu.Unlock()
}

// Stopwatch starts measuring elapsed wall time (for logs and metrics, never
// for dates) and returns a function that reports it.
func Stopwatch() func() time.Duration {
	start := time.Now()
	return func() time.Duration { return time.Since(start) }
}
