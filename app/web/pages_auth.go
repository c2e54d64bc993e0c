package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/views"
)

func (s *Server) loginForm(c *fiber.Ctx) error {
	if currentUser(c) != nil {
		return c.Redirect(safeNext(c.Query("next")))
	}
	return render(c, 200, views.LoginPage(s.page(c, "Masuk", ""), "", c.Query("next"), ""))
}

// loginSubmit checks the password, then starts a new session (the old one,
// with its CSRF token, is destroyed: no session fixation).
func (s *Server) loginSubmit(c *fiber.Ctx) error {
	username, next := c.FormValue("username"), c.FormValue("next")
	u, err := s.Auth.Login(c.UserContext(), username, c.FormValue("password"), c.IP())
	if err != nil {
		e, ok := apperror.As(err)
		if !ok {
			return err
		}
		return render(c, e.Status, views.LoginPage(s.page(c, "Masuk", ""), username, next, e.Message))
	}
	sess, err := s.sessions.Get(c)
	if err != nil {
		return err
	}
	if err := sess.Destroy(); err != nil {
		return err
	}
	sess, err = s.sessions.Get(c)
	if err != nil {
		return err
	}
	if err := sess.Regenerate(); err != nil {
		return err
	}
	sess.Set(sessionUserKey, u.ID)
	sess.Set(sessionStartKey, s.Auth.Clock.Now().UnixMicro())
	if err := sess.Save(); err != nil {
		return err
	}
	return c.Redirect(safeNext(next), fiber.StatusSeeOther)
}

func (s *Server) logout(c *fiber.Ctx) error {
	if sess, err := s.sessions.Get(c); err == nil {
		_ = sess.Destroy()
	}
	return c.Redirect("/login", fiber.StatusSeeOther)
}
