package auth

import (
	"context"
	"strings"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/audit"
	appdb "github.com/kemenagjateng/usulan/app/db"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/models"
)

// UserChanges is what an admin changes on a user (PATCH /api/v1/users/{id},
// the user edit page). A nil field stays as it is.
type UserChanges struct {
	Name  *string `json:"name" form:"name" validate:"omitnil,max=200" msg:"Nama paling panjang 200 karakter."`
	NIP   *string `json:"nip" form:"nip" validate:"omitnil,eq=|nip" label:"NIP"` // 18 digits, spaces allowed; "" clears it
	Email *string `json:"email" form:"email" validate:"omitnil,eq=|mailaddr"`    // "" clears it
	Role  *string `json:"role" form:"role" validate:"omitnil,role"`              // operator | kepala | verifikator | admin
	// Office is an office code ("Kk.11.03"); "" for none. Regency roles
	// (operator, kepala) need a Kankemenag; provincial roles (verifikator,
	// admin) have none: when the role becomes provincial and Office is nil,
	// the office is cleared.
	Office *string `json:"office" form:"office"`
}

// Normalize trims every field given and writes the NIP without spaces (new
// strings: the caller's are left as they are).
func (c *UserChanges) Normalize() {
	for _, p := range []**string{&c.Name, &c.NIP, &c.Email, &c.Role, &c.Office} {
		if *p != nil {
			v := strings.TrimSpace(**p)
			*p = &v
		}
	}
	if c.NIP != nil {
		v := models.NormalizeNIP(*c.NIP)
		c.NIP = &v
	}
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
	fields := input.Problems(&in)
	name, nip, email, role := u.Name, u.NIP, u.Email, u.Role
	office := ""
	if u.Office != nil {
		office = u.Office.Code
	}
	oldOffice := office
	if in.Name != nil {
		name = *in.Name
	}
	if in.NIP != nil {
		nip = *in.NIP
	}
	if in.Email != nil {
		email = *in.Email
	}
	if in.Role != nil {
		role = models.Role(*in.Role)
	}
	if in.Office != nil {
		office = *in.Office
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
	err = appdb.InTx(ctx, s.DB, func(ctx context.Context, tx bun.Tx) error {
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
