package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/auth"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/offices"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

// User administration (admin only): list, create, enable/disable, a new
// password, revoke API tokens. The same operations exist on the command line.

const usersPerPage = 50

func (s *Server) userList(c *fiber.Ctx) error {
	page, _ := strconv.Atoi(c.Query("page"))
	if page < 1 {
		page = 1
	}
	d := views.UserListData{Q: c.Query("q"), Page: page, PerPage: usersPerPage}
	users, total, err := auth.ListUsers(c.UserContext(), s.DB, auth.UserFilter{Q: d.Q, Page: page, PerPage: usersPerPage})
	if err != nil {
		return err
	}
	d.Total = total
	noNIP, err := auth.VerifiersWithoutNIP(c.UserContext(), s.DB)
	if err != nil {
		return err
	}
	for _, u := range noNIP {
		d.NoNIP = append(d.NoNIP, views.UserRow{ID: u.ID, Username: u.Username, Name: u.Name})
	}
	for _, u := range users {
		d.Rows = append(d.Rows, views.UserRow{ID: u.ID, Username: u.Username, Name: u.Name, NIP: u.NIP,
			Office: userOffice(&u), Role: string(u.Role), RoleLabel: u.Role.Label(), Active: u.Active})
	}
	return render(c, 200, views.UserListPage(s.page(c, "Pengguna", "users"), d))
}

func userOffice(u *models.User) string {
	if u.Office == nil {
		return "Kanwil"
	}
	return u.Office.Code + " · " + u.Office.Name
}

// userForm is the new-user form with its choices filled in.
func (s *Server) userForm(c *fiber.Ctx, f views.UserForm) (views.UserForm, error) {
	list, err := offices.List(c.UserContext(), s.DB)
	if err != nil {
		return f, err
	}
	for _, o := range list {
		if o.IsKanwil() {
			continue // provincial roles have no office
		}
		f.Offices = append(f.Offices, views.Option{Value: o.Code, Label: o.Code + " · " + o.Name})
	}
	for _, r := range []models.Role{models.RoleOperator, models.RoleKepala, models.RoleVerifikator, models.RoleAdmin} {
		f.Roles = append(f.Roles, views.Option{Value: string(r), Label: r.Label()})
	}
	return f, nil
}

func (s *Server) userNew(c *fiber.Ctx) error {
	f, err := s.userForm(c, views.UserForm{})
	if err != nil {
		return err
	}
	return render(c, 200, views.UserFormPage(s.page(c, "Tambah pengguna", "users"), f))
}

func (s *Server) userCreate(c *fiber.Ctx) error {
	var in auth.NewUser
	err := input.DecodeForm(formValues(c), &in)
	if in.Confirm == nil { // the form always asks twice: an empty confirmation must match too
		in.Confirm = new(string)
	}
	var u *models.User
	if err == nil {
		u, err = s.Auth.CreateUser(c.UserContext(), in)
	}
	if err != nil {
		ae, ok := apperror.As(err)
		if !ok || ae.Status != 400 {
			return err
		}
		f, ferr := s.userForm(c, views.UserForm{Username: in.Username, Name: in.Name, NIP: in.NIP,
			Role: string(in.Role), Office: in.OfficeCode, Errors: ae.Fields})
		if ferr != nil {
			return ferr
		}
		return render(c, 400, views.UserFormPage(s.page(c, "Tambah pengguna", "users"), f))
	}
	s.flash(c, "Pengguna "+u.Username+" dibuat.")
	return c.Redirect("/admin/users/"+strconv.FormatInt(u.ID, 10), fiber.StatusSeeOther)
}

// userDetail loads the user of the :id parameter as its admin page shows it.
func (s *Server) userDetail(c *fiber.Ctx) (views.UserDetail, error) {
	id, err := c.ParamsInt("id")
	if err != nil {
		return views.UserDetail{}, apperror.NotFound()
	}
	u, err := auth.GetUser(c.UserContext(), s.DB, int64(id))
	if err != nil {
		return views.UserDetail{}, err
	}
	ts, err := auth.Tokens(c.UserContext(), s.DB, u.ID)
	if err != nil {
		return views.UserDetail{}, err
	}
	d := views.UserDetail{ID: u.ID, Username: u.Username, Name: u.Name, NIP: u.NIP, Office: userOffice(u),
		RoleLabel: u.Role.Label(), Active: u.Active, CreatedAt: views.TimeID(u.CreatedAt),
		UpdatedAt: views.TimeID(u.UpdatedAt), Tokens: ts.Count, Email: u.Email,
		NoNIP: u.Role == models.RoleVerifikator && u.NIP == ""}
	if me := currentUser(c); me != nil && me.ID == u.ID {
		d.Self = true
	}
	if ts.LastUsed != nil {
		d.TokenLastUsed = views.TimeID(*ts.LastUsed)
	}
	return d, nil
}

func (s *Server) userShow(c *fiber.Ctx) error {
	d, err := s.userDetail(c)
	if err != nil {
		return err
	}
	return render(c, 200, views.UserDetailPage(s.page(c, "Pengguna "+d.Username, "users"), d))
}

func (s *Server) userSetActive(c *fiber.Ctx) error {
	d, err := s.userDetail(c)
	if err != nil {
		return err
	}
	var form struct {
		Active string `form:"active" json:"active" validate:"oneof=1 0" msg:"Status harus 1 (aktif) atau 0 (nonaktif)."`
	}
	if err := input.Form(formValues(c), &form); err != nil {
		return err
	}
	active := form.Active == "1"
	if !active && d.Self {
		return apperror.Conflict("Anda tidak dapat menonaktifkan akun Anda sendiri.")
	}
	if err := s.Auth.SetActive(c.UserContext(), d.ID, active); err != nil {
		return err
	}
	if active {
		s.flash(c, "Pengguna "+d.Username+" diaktifkan kembali.")
	} else {
		s.flash(c, "Pengguna "+d.Username+" dinonaktifkan: tidak dapat masuk, sesi dan token API-nya ditolak.")
	}
	return c.Redirect("/admin/users/"+strconv.FormatInt(d.ID, 10), fiber.StatusSeeOther)
}

func (s *Server) userPassword(c *fiber.Ctx) error {
	d, err := s.userDetail(c)
	if err != nil {
		return err
	}
	confirm := c.FormValue("password_confirm")
	if err := s.Auth.SetPassword(c.UserContext(), d.ID, c.FormValue("password"), &confirm); err != nil {
		ae, ok := apperror.As(err)
		if !ok || ae.Status != 400 {
			return err
		}
		d.Errors = ae.Fields
		return render(c, 400, views.UserDetailPage(s.page(c, "Pengguna "+d.Username, "users"), d))
	}
	s.flash(c, "Kata sandi pengguna "+d.Username+" diganti.")
	return c.Redirect("/admin/users/"+strconv.FormatInt(d.ID, 10), fiber.StatusSeeOther)
}

func (s *Server) userRevokeTokens(c *fiber.Ctx) error {
	d, err := s.userDetail(c)
	if err != nil {
		return err
	}
	n, err := s.Auth.RevokeTokens(c.UserContext(), d.ID)
	if err != nil {
		return err
	}
	s.flash(c, strconv.Itoa(n)+" token API pengguna "+d.Username+" dicabut.")
	return c.Redirect("/admin/users/"+strconv.FormatInt(d.ID, 10), fiber.StatusSeeOther)
}
