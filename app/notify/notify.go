// Package notify keeps the in-app notifications of the workflow (one row per
// user and event, written in the transaction of the change) and sends them by
// e-mail as well when an SMTP server is configured (SMTP_URL).
package notify

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/store"
)

// Notification is one message for one user about one proposal event.
type Notification struct {
	bun.BaseModel `bun:"table:notifications"`

	ID         int64  `bun:"id,pk,autoincrement" json:"id"`
	UserID     int64  `bun:"user_id,notnull" json:"-"`
	ProposalID *int64 `bun:"proposal_id" json:"proposal_id"`
	EventID    *int64 `bun:"event_id" json:"event_id"`
	// ObstacleID is the obstacle report (kendala) a notice is about.
	ObstacleID *int64     `bun:"obstacle_id" json:"obstacle_id,omitempty"`
	Message    string     `bun:"message,notnull" json:"message"`
	CreatedAt  time.Time  `bun:"created_at,notnull" json:"created_at"`
	ReadAt     *time.Time `bun:"read_at" json:"read_at"`
}

// Recipient is a user to notify, with the e-mail address the user gave ("" for none).
type Recipient struct {
	UserID int64  `bun:"id"`
	Name   string `bun:"name"`
	Email  string `bun:"email"`
}

// Add stores one notification per recipient inside tx (written for the
// recipients, whoever acts).
func Add(ctx context.Context, tx bun.IDB, to []Recipient, proposalID, eventID int64, msg string, now time.Time) error {
	if len(to) == 0 {
		return nil
	}
	rows := make([]Notification, 0, len(to))
	for _, r := range to {
		p, e := proposalID, eventID
		rows = append(rows, Notification{UserID: r.UserID, ProposalID: &p, EventID: &e, Message: msg, CreatedAt: now.UTC()})
	}
	return store.System(tx, "notifications for an event's recipients").InsertNotifications(ctx, &rows)
}

// Unread counts the principal's unread notifications.
func Unread(ctx context.Context, db bun.IDB, p access.Principal) (int, error) {
	n, err := store.For(db, p).Model((*Notification)(nil)).Where("read_at IS NULL").Count(ctx)
	return int(n), err
}

// UnreadUpTo is Unread stopped at limit+1 (the badge shows "99+" past limit).
func UnreadUpTo(ctx context.Context, db bun.IDB, p access.Principal, limit int) (int, error) {
	var n int
	// Through notifications_unread, which holds the unread alone (the
	// store's scope is the principal's user_id). (No ORDER BY: with one,
	// PostgreSQL may walk the primary key backwards through every user's
	// notifications until limit+1 are the user's.)
	err := store.For(db, p).Model((*Notification)(nil)).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.ColumnExpr("1").Where("read_at IS NULL").Limit(int64(limit + 1))
	}).Wrap("t").Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.ColumnExpr("count(*)")
	}).Scan(ctx, &n)
	return n, err
}

// List returns the principal's latest notifications, newest first (at most limit).
func List(ctx context.Context, db bun.IDB, p access.Principal, limit int) ([]Notification, error) {
	if limit < 1 || limit > 200 {
		limit = 50
	}
	var out []Notification
	err := store.For(db, p).Model(&out).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.OrderExpr("id DESC").Limit(int64(limit))
	}).Scan(ctx)
	return out, err
}

// MarkRead marks the principal's notifications read: the given ids, or all when ids is empty.
func MarkRead(ctx context.Context, db bun.IDB, p access.Principal, ids []int64, now time.Time) error {
	_, err := store.For(db, p).UpdateModel((*Notification)(nil)).Apply(func(q *bun.UpdateQuery) *bun.UpdateQuery {
		q = q.Set("read_at = ?", now.UTC()).Where("read_at IS NULL")
		if len(ids) > 0 {
			q = q.Where("id IN (?)", bun.List(ids))
		}
		return q
	}).Exec(ctx)
	return err
}

// Email returns the address a user receives notifications at ("" for none).
func Email(ctx context.Context, db bun.IDB, userID int64) (string, error) {
	var email string
	err := db.NewSelect().Table("users").Column("email").Where("id = ?", userID).Scan(ctx, &email)
	return email, err
}

// address is a notification address as typed: "" or an e-mail address.
type address struct {
	Email string `json:"email" validate:"eq=|mailaddr"`
}

// SetEmail keeps the address a user receives notifications at; "" stops e-mail.
func SetEmail(ctx context.Context, db bun.IDB, userID int64, email string, now time.Time) error {
	email = strings.TrimSpace(email)
	if err := input.Check(&address{Email: email}); err != nil {
		return err
	}
	_, err := db.NewUpdate().Table("users").Set("email = ?", email).Set("updated_at = ?", now.UTC()).
		Where("id = ?", userID).Exec(ctx)
	return err
}
