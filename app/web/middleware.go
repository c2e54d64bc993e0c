package web

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/auth"
	"github.com/kemenagjateng/usulan/models"
)

const sessionUserKey = "uid"

func bearerToken(c *fiber.Ctx) string {
	h := c.Get(fiber.HeaderAuthorization)
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// loadUser finds the caller from a bearer token or the session cookie and
// keeps it in the request's locals. An invalid token is 401 at once.
func (s *Server) loadUser(c *fiber.Ctx) error {
	if tok := bearerToken(c); tok != "" {
		u, err := auth.UserByToken(c.UserContext(), s.DB, tok)
		if err != nil {
			return err
		}
		c.Locals(localUser, u)
		return c.Next()
	}
	if c.Cookies(sessionCookie) != "" {
		sess, err := s.sessions.Get(c)
		if err != nil {
			return err
		}
		if id, ok := sess.Get(sessionUserKey).(int64); ok && id > 0 {
			u, err := auth.UserByID(c.UserContext(), s.DB, id)
			if err == nil {
				c.Locals(localUser, u)
			}
		}
	}
	return c.Next()
}

// currentUser is the logged-in user, or nil.
func currentUser(c *fiber.Ctx) *models.User {
	u, _ := c.Locals(localUser).(*models.User)
	return u
}

// principal is the caller as the access layer sees it; 401 when nobody is logged in.
func principal(c *fiber.Ctx) (access.Principal, error) {
	u := currentUser(c)
	if u == nil {
		return access.Principal{}, apperror.Unauthorized()
	}
	return access.FromUser(u), nil
}

// requireUser refuses anonymous callers: 401 JSON for the API, a redirect to
// the login page otherwise.
func requireUser(c *fiber.Ctx) error {
	if currentUser(c) == nil {
		return apperror.Unauthorized()
	}
	return c.Next()
}

func requireAdmin(c *fiber.Ctx) error {
	u := currentUser(c)
	if u == nil {
		return apperror.Unauthorized()
	}
	if u.Role != models.RoleAdmin {
		return apperror.Forbidden("")
	}
	return c.Next()
}

func csrfToken(c *fiber.Ctx) string {
	t, _ := c.Locals(localCSRF).(string)
	return t
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

// safeNext keeps a post-login redirect on this site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}
