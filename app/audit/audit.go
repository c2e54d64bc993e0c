// Package audit keeps the audit trail required by UU 27/2022 on personal
// data protection: who administered users and API tokens, who exported or
// downloaded personal data, who delegated their work. The trail is
// append-only: this package has no update or delete, and a trigger on
// audit_events refuses both (PostgreSQL and SQLite).
//
// A change and its event are written in one transaction: call Record with
// the transaction that makes the change, so a change that fails leaves no
// event and an event that cannot be written fails the change. A download
// writes its event before the first byte is sent.
package audit

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/models"
)

// Actions recorded. Subjects are "user:<id> <username>", "proposal:<id>",
// "attachment:<id>", "delegation:<id>" or a free text naming the export.
const (
	UserCreate         = "user.create"
	UserUpdate         = "user.update"
	UserDisable        = "user.disable"
	UserEnable         = "user.enable"
	UserPassword       = "user.password"
	TokenCreate        = "token.create"
	TokenRevoke        = "token.revoke"
	ExportXLSX         = "export.xlsx"
	DownloadPDF        = "download.pdf"
	DownloadAttachment = "download.attachment"
	DelegationCreate   = "delegation.create"
	DelegationDelete   = "delegation.delete"
)

// Actions lists the known actions, for the search page's choices.
var Actions = []string{UserCreate, UserUpdate, UserDisable, UserEnable, UserPassword, TokenCreate, TokenRevoke,
	ExportXLSX, DownloadPDF, DownloadAttachment, DelegationCreate, DelegationDelete}

// Actor is who acts: a logged-in user (ID set) or the command line (ID 0,
// Name "cli" or "cli:<os user>").
type Actor struct {
	ID   int64
	Name string
}

type actorKey struct{}

// WithActor returns ctx carrying the actor Record writes when an Event names none.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom is the actor ctx carries (zero when none).
func ActorFrom(ctx context.Context) Actor {
	a, _ := ctx.Value(actorKey{}).(Actor)
	return a
}

// Event is one entry to record. At is the instant (from the caller's
// clock; required). Actor, when zero, is taken from the context
// (WithActor), else System. Detail is any
// JSON-encodable value, usually a map (e.g. {"role": ["operator",
// "verifikator"]} for a change from → to).
type Event struct {
	At      time.Time
	Actor   Actor
	Action  string
	Subject string
	Detail  any
}

// Entry is one stored event.
type Entry struct {
	bun.BaseModel `bun:"table:audit_events"`

	ID      int64     `bun:"id,pk,autoincrement" json:"id"`
	At      time.Time `bun:"at,notnull" json:"at"`
	ActorID *int64    `bun:"actor_id" json:"actor_id"`
	Actor   string    `bun:"actor,notnull" json:"actor"`
	Action  string    `bun:"action,notnull" json:"action"`
	Subject string    `bun:"subject,notnull" json:"subject"`
	Detail  string    `bun:"detail,notnull" json:"-"`
}

// DetailMap is the entry's detail decoded (nil when empty or not an object).
func (e *Entry) DetailMap() map[string]any {
	var m map[string]any
	if json.Unmarshal([]byte(e.Detail), &m) != nil {
		return nil
	}
	return m
}

// MarshalJSON writes the detail as JSON, not as a string holding JSON.
func (e Entry) MarshalJSON() ([]byte, error) {
	type plain Entry
	detail := json.RawMessage(e.Detail)
	if !json.Valid(detail) {
		detail = json.RawMessage("{}")
	}
	return json.Marshal(struct {
		plain
		Detail json.RawMessage `json:"detail"`
	}{plain(e), detail})
}

// System is the actor of an event whose context names none (set-up code,
// tests); the web layer and the command line always name theirs.
var System = Actor{Name: "system"}

// Record writes e in db — the transaction of the change it records.
func Record(ctx context.Context, db bun.IDB, e Event) error {
	if e.At.IsZero() {
		return errors.New("audit: event without an instant")
	}
	if e.Action == "" {
		return errors.New("audit: event without an action")
	}
	a := e.Actor
	if a.ID == 0 && a.Name == "" {
		a = ActorFrom(ctx)
	}
	if a.ID == 0 && a.Name == "" {
		a = System
	}
	detail := "{}"
	if e.Detail != nil {
		b, err := json.Marshal(e.Detail)
		if err != nil {
			return err
		}
		detail = string(b)
	}
	row := &Entry{At: e.At.UTC(), Actor: a.Name, Action: e.Action, Subject: e.Subject, Detail: detail}
	if a.ID != 0 {
		row.ActorID = &a.ID
	}
	_, err := db.NewInsert().Model(row).Returning("id").Exec(ctx)
	return err
}

// UserSubject names a user as an event's subject: "user:12 budi".
func UserSubject(id int64, username string) string {
	return "user:" + itoa(id) + " " + username
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// Filter selects events. Actor is a username (exact, case-insensitive);
// Action is an action ("user.update") or a family ("user" for every
// user.*); From and To are calendar days in Asia/Jakarta, both included.
type Filter struct {
	Actor, Action string
	From, To      *models.Date
	Page          int // from 1
	PerPage       int // default 50, at most 500
}

// MaxPerPage bounds one page of the trail.
const MaxPerPage = 500

// List returns one page of events, newest first, and how many match.
// A From after To is a 400 naming "from".
func List(ctx context.Context, db bun.IDB, f Filter) ([]Entry, int, error) {
	if f.PerPage <= 0 {
		f.PerPage = 50
	}
	f.PerPage = min(f.PerPage, MaxPerPage)
	if f.Page < 1 {
		f.Page = 1
	}
	if f.From != nil && f.To != nil && f.To.Before(*f.From) {
		return nil, 0, apperror.InvalidField("from", "Tanggal awal sesudah tanggal akhir.")
	}
	rows := []Entry{}
	q := db.NewSelect().Model(&rows)
	if s := strings.ToLower(strings.TrimSpace(f.Actor)); s != "" {
		q = q.Where("lower(actor) = ?", s)
	}
	if s := strings.TrimSpace(f.Action); s != "" {
		if strings.Contains(s, ".") {
			q = q.Where("action = ?", s)
		} else {
			q = q.Where("action LIKE ?", s+".%")
		}
	}
	if f.From != nil {
		q = q.Where("at >= ?", startOf(*f.From))
	}
	if f.To != nil {
		q = q.Where("at < ?", startOf(f.To.AddDate(0, 0, 1)))
	}
	n, err := q.OrderExpr("at DESC, id DESC").Limit(int64(f.PerPage)).
		Offset(int64((f.Page - 1) * f.PerPage)).ScanAndCount(ctx)
	return rows, int(n), err
}

// startOf is the first instant of day d in Asia/Jakarta, in UTC.
func startOf(d models.Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, models.Jakarta).UTC()
}
