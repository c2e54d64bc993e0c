package web

import (
	"bytes"
	"net/url"
	"strings"
	"unicode"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/audit"
	"github.com/kemenagjateng/usulan/models"
)

const (
	sessionUserKey  = "uid"
	sessionStartKey = "at" // login instant, Unix microseconds
)

func bearerToken(c *fiber.Ctx) string {
	h := c.Get(fiber.HeaderAuthorization)
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
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

// principalAndID is the caller and the :id of the path (404 for a bad id).
func principalAndID(c *fiber.Ctx) (access.Principal, int64, error) {
	p, err := principal(c)
	if err != nil {
		return p, 0, err
	}
	id, err := idParam(c)
	return p, id, err
}

// requireUser refuses anonymous callers: 401 JSON for the API, a redirect to
// the login page otherwise.
// It also names the user as the actor of the audit events the request writes.
func requireUser(c *fiber.Ctx) error {
	u := currentUser(c)
	if u == nil {
		return apperror.Unauthorized()
	}
	ctx := audit.WithActor(c.UserContext(), audit.Actor{ID: u.ID, Name: u.Username})
	c.SetUserContext(access.WithPrincipal(ctx, access.FromUser(u)))
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

// safeNext keeps a post-login redirect on this site: a path starting with
// one "/", with no backslash, whitespace or control character anywhere
// (browsers drop tabs and newlines, turning "/\t/evil.com" into "//evil.com").
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		return "/"
	}
	for _, r := range next {
		if r <= ' ' || r == 0x7f || r == '\\' || unicode.IsSpace(r) || unicode.IsControl(r) {
			return "/"
		}
	}
	return next
}

// formValues are the request's urlencoded (or multipart text) form fields,
// for input.Form.
func formValues(c *fiber.Ctx) url.Values {
	v := url.Values{}
	if form, err := c.MultipartForm(); err == nil {
		for k, vs := range form.Value {
			v[k] = append(v[k], vs...)
		}
		return v
	}
	c.Request().PostArgs().VisitAll(func(k, val []byte) { v.Add(string(k), string(val)) })
	return v
}

// queryValues are the request's query parameters, for input.DecodeForm.
func queryValues(c *fiber.Ctx) url.Values {
	v := url.Values{}
	c.Request().URI().QueryArgs().VisitAll(func(k, val []byte) { v.Add(string(k), string(val)) })
	return v
}

// refuseNUL answers 400 to a request whose query, body or multipart text
// field carries a NUL character: no field of this application may contain one, and
// the databases refuse it with an error that would otherwise be a 500.
func refuseNUL(c *fiber.Ctx) error {
	bad := func(b []byte) bool {
		return bytes.IndexByte(b, 0) >= 0 || bytes.Contains(bytes.ToLower(b), []byte("%00")) ||
			bytes.Contains(bytes.ToLower(b), []byte(`\u0000`))
	}
	if bad(c.Request().URI().QueryString()) || bad([]byte(c.Path())) {
		return apperror.InvalidField("query", "Karakter NUL tidak diperbolehkan.")
	}
	if !strings.HasPrefix(string(c.Request().Header.ContentType()), "multipart/") {
		if bad(c.Body()) {
			return apperror.InvalidField("body", "Karakter NUL tidak diperbolehkan dalam isian.")
		}
		return c.Next()
	}
	// A multipart form: its text fields may not hold a NUL either (the
	// files may: a PDF is binary). Fiber keeps the parsed form for the
	// handler.
	form, err := c.MultipartForm()
	if err != nil {
		return apperror.InvalidField("body", "Formulir tidak dapat dibaca.")
	}
	for name, values := range form.Value {
		if bad([]byte(name)) {
			return apperror.InvalidField("body", "Karakter NUL tidak diperbolehkan dalam isian.")
		}
		for _, v := range values {
			if bad([]byte(v)) {
				return apperror.InvalidField(name, "Karakter NUL tidak diperbolehkan dalam isian.")
			}
		}
	}
	return c.Next()
}
