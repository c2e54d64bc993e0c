package web

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/audit"
	"github.com/kemenagjateng/usulan/app/auth"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

// The audit trail (admin): GET /api/v1/audit and the page /admin/audit;
// user administration over the API: GET /api/v1/users, PATCH
// /api/v1/users/{id}, and the page /admin/users/{id}/edit.

const auditPerPage = 50

// auditActionLabels are the actions' Indonesian names.
var auditActionLabels = map[string]string{
	audit.UserCreate: "Pengguna dibuat", audit.UserUpdate: "Data pengguna diubah",
	audit.UserDisable: "Pengguna dinonaktifkan", audit.UserEnable: "Pengguna diaktifkan",
	audit.UserPassword: "Kata sandi diganti", audit.TokenCreate: "Token API dibuat",
	audit.TokenRevoke: "Token API dicabut", audit.ExportXLSX: "Ekspor XLSX",
	audit.DownloadPDF: "Unduh PDF", audit.DownloadAttachment: "Unduh dokumen",
	audit.DelegationCreate: "Pelimpahan dibuat", audit.DelegationDelete: "Pelimpahan dicabut",
}

// auditDetailLabels name the detail keys in Indonesian.
var auditDetailLabels = map[string]string{"name": "Nama", "nip": "NIP", "email": "E-mail", "role": "Peran",
	"office": "Kantor", "file": "Berkas", "query": "Filter", "count": "Jumlah", "token_id": "Token"}

// auditFilter reads actor, action, from, to (YYYY-MM-DD), page and per_page.
func auditFilter(c *fiber.Ctx) (audit.Filter, error) {
	f := audit.Filter{Actor: c.Query("actor"), Action: c.Query("action")}
	f.Page, _ = strconv.Atoi(c.Query("page"))
	f.PerPage, _ = strconv.Atoi(c.Query("per_page"))
	var period struct {
		From *models.Date `form:"from" json:"from"`
		To   *models.Date `form:"to" json:"to"`
	}
	err := input.DecodeForm(trimmed(queryValues(c)), &period)
	f.From, f.To = period.From, period.To
	return f, err
}

// apiAudit is GET /api/v1/audit?actor=&action=&from=&to=&page=&per_page=
// (admin): {"items": [{"at", "actor", "action", "subject", "detail"}],
// "total", "page", "per_page"}, newest first.
func (s *Server) apiAudit(c *fiber.Ctx) error {
	f, err := auditFilter(c)
	if err != nil {
		return err
	}
	rows, total, err := audit.List(c.UserContext(), s.DB, f)
	if err != nil {
		return err
	}
	per := f.PerPage
	if per <= 0 {
		per = 50
	}
	return c.JSON(fiber.Map{"items": rows, "total": total, "page": max(f.Page, 1), "per_page": min(per, audit.MaxPerPage)})
}

func (s *Server) auditPage(c *fiber.Ctx) error {
	d := views.AuditData{Actor: c.Query("actor"), Action: c.Query("action"), From: c.Query("from"), To: c.Query("to"),
		PerPage: auditPerPage}
	for _, a := range audit.Actions {
		d.Actions = append(d.Actions, views.Option{Value: a, Label: auditActionLabels[a]})
	}
	status := 200
	f, err := auditFilter(c)
	if err == nil {
		f.PerPage = auditPerPage
		var rows []audit.Entry
		rows, d.Total, err = audit.List(c.UserContext(), s.DB, f)
		d.Page = max(f.Page, 1)
		for _, r := range rows {
			d.Rows = append(d.Rows, views.AuditRow{At: views.TimeID(r.At), Actor: r.Actor, Action: r.Action,
				ActionLabel: auditActionLabels[r.Action], Subject: r.Subject, Detail: auditDetailLines(r.DetailMap())})
		}
	}
	if err != nil {
		e, ok := apperror.As(err)
		if !ok || e.Status != 400 {
			return err
		}
		d.Errors, status = e.Fields, 400
	}
	return render(c, status, views.AuditPage(s.page(c, "Jejak audit", "users"), d))
}

// auditDetailLines writes a detail as lines: "Peran: operator → verifikator"
// for a change, "Berkas: x.pdf" for a value; keys in a stable order.
func auditDetailLines(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		label := auditDetailLabels[k]
		if label == "" {
			label = k
		}
		switch v := m[k].(type) {
		case []any:
			if len(v) == 2 {
				out = append(out, fmt.Sprintf("%s: %s → %s", label, orDash(v[0]), orDash(v[1])))
				continue
			}
			b, _ := json.Marshal(v)
			out = append(out, label+": "+string(b))
		case string:
			out = append(out, label+": "+orDash(v))
		default:
			b, _ := json.Marshal(v)
			out = append(out, label+": "+string(b))
		}
	}
	return out
}

func orDash(v any) string {
	if s, ok := v.(string); ok {
		if s == "" {
			return "—"
		}
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// userJSON is a user as the API shows it (never the password hash).
type userJSON struct {
	ID        int64     `json:"id"`
	Username  string    `json:"username"`
	Name      string    `json:"name"`
	NIP       string    `json:"nip"`
	Email     string    `json:"email"`
	Role      string    `json:"role"`
	Office    *string   `json:"office"` // office code; null for none (Kanwil)
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func toUserJSON(u *models.User) userJSON {
	out := userJSON{ID: u.ID, Username: u.Username, Name: u.Name, NIP: u.NIP, Email: u.Email, Role: string(u.Role),
		Active: u.Active, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
	if u.Office != nil {
		code := u.Office.Code
		out.Office = &code
	}
	return out
}

// apiUserList is GET /api/v1/users?q=&page=&per_page= (admin).
func (s *Server) apiUserList(c *fiber.Ctx) error {
	page, _ := strconv.Atoi(c.Query("page"))
	per, _ := strconv.Atoi(c.Query("per_page"))
	per = min(perPageOr(per), 500)
	users, total, err := auth.ListUsers(c.UserContext(), s.DB, auth.UserFilter{Q: c.Query("q"), Page: page, PerPage: per})
	if err != nil {
		return err
	}
	items := make([]userJSON, 0, len(users))
	for i := range users {
		items = append(items, toUserJSON(&users[i]))
	}
	return c.JSON(fiber.Map{"items": items, "total": total, "page": max(page, 1), "per_page": per})
}

// apiUserPatch is PATCH /api/v1/users/{id} (admin): {"name", "nip",
// "email", "role", "office"}, each optional; 200 with the user. An admin
// cannot change their own role (409): the last admin could lock everyone out.
func (s *Server) apiUserPatch(c *fiber.Ctx) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	var in auth.UserChanges
	if err := input.DecodeJSON(c.Body(), &in); err != nil {
		return err
	}
	if err := s.updateUser(c, id, in); err != nil {
		return err
	}
	u, err := auth.GetUser(c.UserContext(), s.DB, id)
	if err != nil {
		return err
	}
	return c.JSON(toUserJSON(u))
}

// updateUser applies changes, refusing an admin's change of their own role.
func (s *Server) updateUser(c *fiber.Ctx, id int64, in auth.UserChanges) error {
	if me := currentUser(c); me != nil && me.ID == id && in.Role != nil && models.Role(*in.Role) != me.Role {
		return apperror.Conflict("Anda tidak dapat mengubah peran akun Anda sendiri; minta admin lain.")
	}
	_, err := s.Auth.UpdateUser(c.UserContext(), id, in)
	return err
}

// userEditForm fills the edit form's choices.
func (s *Server) userEditForm(c *fiber.Ctx, f views.UserEditForm) (views.UserEditForm, error) {
	nf, err := s.userForm(c, views.UserForm{})
	if err != nil {
		return f, err
	}
	f.Roles, f.Offices = nf.Roles, nf.Offices
	return f, nil
}

func (s *Server) userEdit(c *fiber.Ctx) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	u, err := auth.GetUser(c.UserContext(), s.DB, id)
	if err != nil {
		return err
	}
	f := views.UserEditForm{ID: u.ID, Username: u.Username, Name: u.Name, NIP: u.NIP, Email: u.Email, Role: string(u.Role)}
	if u.Office != nil && !u.Office.IsKanwil() {
		f.Office = u.Office.Code
	}
	if f, err = s.userEditForm(c, f); err != nil {
		return err
	}
	return render(c, 200, views.UserEditPage(s.page(c, "Ubah pengguna "+u.Username, "users"), f))
}

func (s *Server) userUpdate(c *fiber.Ctx) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	u, err := auth.GetUser(c.UserContext(), s.DB, id)
	if err != nil {
		return err
	}
	var in auth.UserChanges
	err = input.DecodeForm(formValues(c), &in)
	for _, p := range []**string{&in.Name, &in.NIP, &in.Email, &in.Role, &in.Office} {
		if *p == nil { // the form sends every field: one left empty clears it
			*p = new(string)
		}
	}
	name, nip, email, role, office := *in.Name, *in.NIP, *in.Email, *in.Role, *in.Office
	if err == nil {
		err = s.updateUser(c, id, in)
	}
	if err != nil {
		e, ok := apperror.As(err)
		if !ok || e.Status == 404 {
			return err
		}
		fields := e.Fields
		if len(fields) == 0 {
			fields = map[string]string{"role": e.Message}
		}
		f, ferr := s.userEditForm(c, views.UserEditForm{ID: u.ID, Username: u.Username, Name: name, NIP: nip,
			Email: email, Role: role, Office: office, Errors: fields})
		if ferr != nil {
			return ferr
		}
		return render(c, e.Status, views.UserEditPage(s.page(c, "Ubah pengguna "+u.Username, "users"), f))
	}
	s.flash(c, "Data pengguna "+u.Username+" disimpan.")
	return c.Redirect("/admin/users/"+strconv.FormatInt(id, 10), fiber.StatusSeeOther)
}
