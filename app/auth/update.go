package auth

import (
	"context"
	"net/mail"
	"strings"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/audit"
	"github.com/kemenagjateng/usulan/models"
)

// UserChanges is what an admin changes on a user (PATCH /api/v1/users/{id},
// the user edit page). A nil field stays as it is.
type UserChanges struct {
	Name  *string `json:"name"`
	NIP   *string `json:"nip"`   // 18 digits, spaces allowed; "" clears it
	Email *string `json:"email"` // "" clears it
	Role  *string `json:"role"`  // operator | kepala | verifikator | admin
	// Office is an office code ("Kk.11.03"); "" for none. Regency roles
	// (operator, kepala) need a Kankemenag; provincial roles (verifikator,
	// admin) have none: when the role becomes provincial and Office is nil,
	// the office is cleared.
	Office *string `json:"office"`
}

// Change is one field's value before and after an update.
type Change struct{ Before, After string }

// UpdateUser validates and applies changes to user id, in one transaction
// with its audit event (user.update, detail {field: [before, after]} for
// each field that changed; nothing is written when nothing changed).
// Changing the role or the office ends the user's browser sessions (their
// next request needs a new login): what they may see and do changed, and a
// session left open elsewhere must not carry on under the new rights
// unnoticed. API tokens stay valid; they act with the new role at once.
//
// Errors: 404 unknown user; 400 with fields name, nip, email, role, office.
// It returns the changes made.
func (s *Service) UpdateUser(ctx context.Context, id int64, in UserChanges) (map[string]Change, error) {
	u, err := GetUser(ctx, s.DB, id)
	if err != nil {
		return nil, err
	}
	fields := map[string]string{}
	name, nip, email, role := u.Name, u.NIP, u.Email, u.Role
	office := ""
	if u.Office != nil {
		office = u.Office.Code
	}
	oldOffice := office
	if in.Name != nil {
		name = strings.TrimSpace(*in.Name)
		if utf8.RuneCountInString(name) > 200 {
			fields["name"] = "Nama paling panjang 200 karakter."
		}
	}
	if in.NIP != nil {
		nip = models.NormalizeNIP(strings.TrimSpace(*in.NIP))
		if nip != "" {
			if _, err := models.ParseNIP(nip); err != nil {
				fields["nip"] = upperFirst(err.Error()) + "."
			}
		}
	}
	if in.Email != nil {
		email = strings.TrimSpace(*in.Email)
		if email != "" {
			if a, err := mail.ParseAddress(email); err != nil || a.Address != email || len(email) > 254 {
				fields["email"] = "Alamat e-mail tidak sah, misalnya nama@kemenag.go.id."
			}
		}
	}
	if in.Role != nil {
		role = models.Role(strings.TrimSpace(*in.Role))
		if !role.Valid() {
			fields["role"] = "Peran harus salah satu dari operator, kepala, verifikator, admin."
		}
	}
	if in.Office != nil {
		office = strings.TrimSpace(*in.Office)
	} else if role.Valid() && !role.Regional() && role != u.Role {
		office = "" // a provincial role has no regency office
	}
	officeID, err := roleOffice(ctx, s.DB, role, office, fields)
	if err != nil {
		return nil, err
	}
	if len(fields) > 0 {
		return nil, apperror.Invalid(fields)
	}
	changes := map[string]Change{}
	note := func(field, before, after string) {
		if before != after {
			changes[field] = Change{before, after}
		}
	}
	note("name", u.Name, name)
	note("nip", u.NIP, nip)
	note("email", u.Email, email)
	note("role", string(u.Role), string(role))
	if officeID == nil {
		office = ""
	}
	note("office", oldOffice, office)
	if len(changes) == 0 {
		return changes, nil
	}
	now := s.now()
	err = s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		q := tx.NewUpdate().Model((*models.User)(nil)).Set("name = ?", name).Set("nip = ?", nip).
			Set("email = ?", email).Set("role = ?", role).Set("office_id = ?", officeID).
			Set("updated_at = ?", now).Where("id = ?", u.ID)
		_, roleChanged := changes["role"]
		_, officeChanged := changes["office"]
		if roleChanged || officeChanged {
			q = q.Set("sessions_after = ?", now)
		}
		if _, err := q.Exec(ctx); err != nil {
			return err
		}
		detail := map[string]any{}
		for k, c := range changes {
			detail[k] = []string{c.Before, c.After}
		}
		return audit.Record(ctx, tx, audit.Event{At: now, Action: audit.UserUpdate,
			Subject: audit.UserSubject(u.ID, u.Username), Detail: detail})
	})
	if err != nil {
		return nil, err
	}
	return changes, nil
}
