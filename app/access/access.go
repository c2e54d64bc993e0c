// Package access turns a user into a principal and its permissions. The
// principal's office scope is applied to every query by the storage layer
// (app/store), so another office's record is answered exactly like a
// missing one (404) on every path: page, API, PDF, export, count and upload
// (DOMAIN.md §2).
package access

import (
	"context"

	"github.com/kemenagjateng/usulan/models"
)

// Principal is the acting user as the rest of the application sees it.
type Principal struct {
	UserID     int64
	Username   string
	Name       string
	NIP        string
	Role       models.Role
	OfficeID   int64 // 0 for provincial roles
	OfficeCode string
}

// FromUser builds the principal of u (u.Office must be loaded for regency roles).
func FromUser(u *models.User) Principal {
	p := Principal{UserID: u.ID, Username: u.Username, Name: u.DisplayName(), NIP: u.NIP, Role: u.Role}
	if u.OfficeID != nil {
		p.OfficeID = *u.OfficeID
	}
	if u.Office != nil {
		p.OfficeCode = u.Office.Code
	}
	return p
}

// Regional reports whether the principal sees one office only.
func (p Principal) Regional() bool { return p.Role.Regional() }

// SeesOffice reports whether the principal may see records of officeID.
func (p Principal) SeesOffice(officeID int64) bool {
	return !p.Regional() || p.OfficeID == officeID
}

// CanFile reports whether the principal may create and edit its office's proposals.
func (p Principal) CanFile() bool { return p.Regional() }

// IsAdmin reports whether the principal keeps users, offices and reference data.
func (p Principal) IsAdmin() bool { return p.Role == models.RoleAdmin }

type ctxKey int

const (
	principalKey ctxKey = iota
	unscopedKey
)

// WithPrincipal returns ctx carrying p: the web layer attaches the caller to
// every request's context, so a query hook (tests: access/scopecheck) can
// tell whose query it is.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey, p)
}

// PrincipalFrom is the principal WithPrincipal attached, if any.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey).(Principal)
	return p, ok
}

// Unscoped marks ctx for a deliberate read across offices on behalf of a
// regency principal (e.g. refusing a NIP that another office's register
// holds, without revealing that record); why names the reason. The scope
// check of the tests lets such queries pass.
func Unscoped(ctx context.Context, why string) context.Context {
	return context.WithValue(ctx, unscopedKey, why)
}

// UnscopedReason is the reason Unscoped recorded, or "".
func UnscopedReason(ctx context.Context) string {
	s, _ := ctx.Value(unscopedKey).(string)
	return s
}
