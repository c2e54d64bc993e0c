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
	rs := s.session(c)
	if rs == nil {
		return apperror.Unauthorized()
	}
	if err := rs.sess.Destroy(); err != nil {
		return err
	}
	sess, err := s.sessions.Get(c)
	if err != nil {
		return err
	}
	if err := sess.Regenerate(); err != nil {
		return err
	}
	rs.sess = sess
	rs.set(sessionUserKey, u.ID)
	rs.set(sessionStartKey, s.Auth.Clock.Now().UnixMicro())
	rs.set(sessionCSRFKey, newCSRFToken()) // saved when the request ends
	rs.set(sessionSeenKey, s.Auth.Clock.Now().Unix())
	return c.Redirect(safeNext(next), fiber.StatusSeeOther)
}

func (s *Server) logout(c *fiber.Ctx) error {
	if rs := s.session(c); rs != nil && !rs.destroyed {
		_ = rs.sess.Destroy()
		rs.destroyed = true
	}
	return c.Redirect("/login", fiber.StatusSeeOther)
}
