package auth

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/audit"
	appdb "github.com/kemenagjateng/usulan/app/db"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/models"
)

// UserFilter selects a page of the user list.
type UserFilter struct {
	Q       string // part of the username, name or NIP
	Page    int    // from 1
	PerPage int
}

// ListUsers returns one page of users (any state) with their offices, by
// username, and how many match.
func ListUsers(ctx context.Context, db bun.IDB, f UserFilter) ([]models.User, int, error) {
	if f.PerPage <= 0 {
		f.PerPage = 50
	}
	if f.Page < 1 {
		f.Page = 1
	}
	var users []models.User
	q := db.NewSelect().Model(&users).Relation("Office")
	if s := strings.TrimSpace(f.Q); s != "" {
		like := "%" + strings.ToLower(escapeLike(s)) + "%"
		q = q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
			return q.Where("lower(?TableAlias.username) LIKE ? ESCAPE '\\'", like).
				WhereOr("lower(?TableAlias.name) LIKE ? ESCAPE '\\'", like).
				WhereOr("?TableAlias.nip LIKE ? ESCAPE '\\'", like)
		})
	}
	n, err := q.OrderExpr("?TableAlias.username").Limit(int64(f.PerPage)).
		Offset(int64((f.Page - 1) * f.PerPage)).ScanAndCount(ctx)
	return users, int(n), err
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// VerifiersWithoutNIP lists the active verifiers who have no NIP, by
// username: the verification sheets they decide print no NIP (issue 11).
func VerifiersWithoutNIP(ctx context.Context, db bun.IDB) ([]models.User, error) {
	var users []models.User
	err := db.NewSelect().Model(&users).Where("role = ?", models.RoleVerifikator).Where("nip = ''").
		Where("active = ?", true).Order("username").Scan(ctx)
	return users, err
}

// GetUser loads a user in any state, with its office; 404 when missing.
func GetUser(ctx context.Context, db bun.IDB, id int64) (*models.User, error) {
	u := new(models.User)
	err := db.NewSelect().Model(u).Relation("Office").Where("?TableAlias.id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperror.NotFound()
	}
	return u, err
}

// SetActive enables or disables a user. A disabled user cannot log in, and
// neither their sessions nor their API tokens are accepted any more (both
// load the user through UserByID, which wants an active one). Disabling ends
// their browser sessions for good; enabling them again restores the API
// tokens (revoke those separately) but not the sessions.
func (s *Service) SetActive(ctx context.Context, id int64, active bool) error {
	u, err := GetUser(ctx, s.DB, id)
	if err != nil {
		return err
	}
	now := s.now()
	return appdb.InTx(ctx, s.DB, func(ctx context.Context, tx bun.Tx) error {
		q := tx.NewUpdate().Model((*models.User)(nil)).Set("active = ?", active).Set("updated_at = ?", now).Where("id = ?", id)
		if !active {
			q = q.Set("sessions_after = ?", now) // re-enabling must not revive old sessions
		}
		res, err := q.Exec(ctx)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperror.NotFound()
		}
		action := audit.UserDisable
		if active {
			action = audit.UserEnable
		}
		return audit.Record(ctx, tx, audit.Event{At: now, Action: action, Subject: audit.UserSubject(u.ID, u.Username)})
	})
}

// SetPassword replaces a user's password (same rules as CreateUser; confirm,
// when set, must match) and clears the user's failed logins, so a locked-out
// user can log in with the new one at once.
func (s *Service) SetPassword(ctx context.Context, id int64, password string, confirm *string) error {
	db := s.DB
	if err := input.Check(&newPassword{Password: password, Confirm: confirm}); err != nil {
		return err
	}
	u, err := GetUser(ctx, db, id)
	if err != nil {
		return err
	}
	hash, err := s.HashPassword(ctx, password)
	if err != nil {
		return err
	}
	return appdb.InTx(ctx, db, func(ctx context.Context, tx bun.Tx) error {
		now := s.now()
		if _, err := tx.NewUpdate().Model((*models.User)(nil)).Set("password_hash = ?", hash).
			Set("updated_at = ?", now).Set("sessions_after = ?", now). // a reset ends every open session
			Where("id = ?", u.ID).Exec(ctx); err != nil {
			return err
		}
		_, userKey := loginKeys(u.Username, "")
		if _, err := tx.NewDelete().Model((*loginAttempt)(nil)).Where("key = ?", userKey).
			WhereOr("key LIKE ? ESCAPE '\\'", "pair:%|"+escapeLike(u.Username)).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Event{At: now, Action: audit.UserPassword, Subject: audit.UserSubject(u.ID, u.Username)})
	})
}

// RevokeTokens deletes every API token of a user and says how many there
// were; 404 for an unknown user. Recorded as token.revoke with the count.
func (s *Service) RevokeTokens(ctx context.Context, userID int64) (int, error) {
	u, err := GetUser(ctx, s.DB, userID)
	if err != nil {
		return 0, err
	}
	n := 0
	err = appdb.InTx(ctx, s.DB, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewDelete().Model((*models.APIToken)(nil)).Where("user_id = ?", userID).Exec(ctx)
		if err != nil {
			return err
		}
		k, err := res.RowsAffected()
		if err != nil {
			return err
		}
		n = int(k)
		return audit.Record(ctx, tx, audit.Event{At: s.now(), Action: audit.TokenRevoke,
			Subject: audit.UserSubject(u.ID, u.Username), Detail: map[string]any{"count": n}})
	})
	return n, err
}

// TokenSummary is how many API tokens a user has and when one was last used
// (to within TokenTouchInterval).
type TokenSummary struct {
	Count    int
	LastUsed *time.Time
}

// Tokens summarises a user's API tokens.
func Tokens(ctx context.Context, db bun.IDB, userID int64) (TokenSummary, error) {
	var ts []models.APIToken
	if err := db.NewSelect().Model(&ts).Where("user_id = ?", userID).Scan(ctx); err != nil {
		return TokenSummary{}, err
	}
	s := TokenSummary{Count: len(ts)}
	for _, t := range ts {
		if t.LastUsedAt != nil && (s.LastUsed == nil || t.LastUsedAt.After(*s.LastUsed)) {
			s.LastUsed = t.LastUsedAt
		}
	}
	return s, nil
}
