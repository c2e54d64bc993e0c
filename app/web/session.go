package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/csrf"
	"github.com/gofiber/fiber/v2/middleware/session"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/auth"
)

// The browser session is read from the database once per request (here) and
// written back once, at the end, only when something in it changed: a new
// CSRF token, a login, a flash message, or the sliding expiry being renewed
// (at most every sessionRenewAfter). Fiber's csrf middleware wrote the session
// on every GET (it extends the token's expiry each time), which cost a commit
// and a log flush per page view.

const (
	sessionCSRFKey    = "csrf"
	sessionSeenKey    = "seen"         // last renewal, Unix seconds
	sessionRenewAfter = int64(15 * 60) // seconds: the 8-hour idle expiry slides in steps of 15 minutes
	localSession      = "session"
)

// reqSession is the request's session, loaded once.
type reqSession struct {
	sess      *session.Session
	dirty     bool
	destroyed bool
}

// session is the request's session (loaded by sessionMiddleware), or nil on
// a bearer-token request.
func (s *Server) session(c *fiber.Ctx) *reqSession {
	rs, _ := c.Locals(localSession).(*reqSession)
	return rs
}

func (r *reqSession) get(key string) any {
	if r == nil || r.destroyed {
		return nil
	}
	return r.sess.Get(key)
}

func (r *reqSession) set(key string, v any) {
	if r == nil || r.destroyed {
		return
	}
	r.sess.Set(key, v)
	r.dirty = true
}

func (r *reqSession) del(key string) {
	if r == nil || r.destroyed {
		return
	}
	r.sess.Delete(key)
	r.dirty = true
}

func newCSRFToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// sessionMiddleware loads the caller (bearer token or session), then guards
// every unsafe request of a session with its CSRF token (synchronizer token:
// the form field or X-CSRF-Token header must equal the session's token; over
// HTTPS the Referer must also be this site), and saves the session after the
// handler when it changed.
func (s *Server) sessionMiddleware(c *fiber.Ctx) error {
	if tok := bearerToken(c); tok != "" {
		// API calls authenticated by a bearer token carry no cookie to forge.
		u, err := s.Auth.UserByToken(c.UserContext(), tok)
		if err != nil {
			return err
		}
		c.Locals(localUser, u)
		return c.Next()
	}
	sess, err := s.sessions.Get(c) // the one read of the request
	if err != nil {
		return err
	}
	rs := &reqSession{sess: sess}
	c.Locals(localSession, rs)
	if id, ok := sess.Get(sessionUserKey).(int64); ok && id > 0 {
		u, err := auth.UserByID(c.UserContext(), s.DB, id)
		at, _ := sess.Get(sessionStartKey).(int64)
		if err == nil && (u.SessionsAfter == nil || at > u.SessionsAfter.UnixMicro()) {
			c.Locals(localUser, u)
		}
	}
	token, _ := sess.Get(sessionCSRFKey).(string)
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions, fiber.MethodTrace:
		if token == "" {
			token = newCSRFToken()
			rs.set(sessionCSRFKey, token)
		}
	default:
		if err := checkCSRF(c, token); err != nil {
			return err
		}
	}
	c.Locals(localCSRF, token)
	if currentUser(c) != nil {
		now := s.Auth.Clock.Now().Unix()
		if seen, _ := sess.Get(sessionSeenKey).(int64); now-seen >= sessionRenewAfter {
			rs.set(sessionSeenKey, now)
		}
	}
	err = c.Next()
	if rs.dirty && !rs.destroyed {
		if serr := rs.sess.Save(); serr != nil && err == nil {
			err = serr
		}
	}
	return err
}

// checkCSRF refuses an unsafe request whose token does not match the
// session's, or (over HTTPS) whose Referer is another site.
func checkCSRF(c *fiber.Ctx, want string) error {
	refused := &apperror.Error{Status: fiber.StatusForbidden,
		Message: "Formulir kedaluwarsa atau tidak sah (CSRF). Muat ulang halaman lalu kirim lagi."}
	if c.Protocol() == "https" {
		ref, err := url.Parse(strings.ToLower(c.Get(fiber.HeaderReferer)))
		if err != nil || ref.Scheme != c.Protocol() || ref.Host != c.Hostname() {
			return refused
		}
	}
	got := c.Get(csrfHeader)
	if got == "" {
		got = c.FormValue(csrfFormField)
	}
	if want == "" || got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return refused
	}
	return nil
}

// registerSessionTypes lets sessions written by Fiber's csrf middleware
// (before this one replaced it) still decode.
func registerSessionTypes(st *session.Store) { st.RegisterType(csrf.Token{}) }
