// Package web is the HTTP face of Usulan: one Fiber app, one route table,
// thin handlers for the pages (templ views) and the JSON API (/api/v1). Both
// call the same use cases in app/workflow behind the same access layer.
package web

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/helmet"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/gofiber/fiber/v2/middleware/session"
	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/auth"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/config"
	"github.com/kemenagjateng/usulan/app/db"
	"github.com/kemenagjateng/usulan/app/employees"
	"github.com/kemenagjateng/usulan/app/reports"
	"github.com/kemenagjateng/usulan/app/workflow"
)

// Deps is what the web layer needs.
type Deps struct {
	DB       *bun.DB
	Config   *config.Config
	Workflow *workflow.Service
	Log      *slog.Logger
	// Employees is the register (nil: one on DB with the workflow's clock).
	Employees *employees.Service
	// Auth keeps users and logins (nil: one on DB with the workflow's clock
	// and Config.PasswordHash).
	Auth *auth.Service
}

// Server holds the handlers' shared state.
type Server struct {
	Deps
	sessions *session.Store
	reports  *reports.Service // one per server: it keeps the built obstacle maps
}

const (
	sessionCookie = "usulan_session"
	csrfFormField = "_csrf"
	csrfHeader    = "X-CSRF-Token"
	localUser     = "user"
	localCSRF     = "csrf"
)

// New builds the Fiber application with every route.
func New(d Deps) *fiber.App {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	if d.Employees == nil {
		d.Employees = employees.New(d.DB, clock.Func(d.Workflow.Now)) // follows the workflow's clock
		d.Employees.Vacancy = formationVacancy(d.DB)
	}
	if d.Auth == nil {
		d.Auth = auth.New(d.DB, clock.Func(d.Workflow.Now), d.Config.PasswordHash)
	}
	s := &Server{Deps: d, reports: reports.New(d.DB, clock.Func(d.Workflow.Now))}
	s.sessions = session.New(session.Config{
		Storage:        &auth.SessionStore{DB: d.DB, Clock: d.Auth.Clock},
		Expiration:     8 * time.Hour,
		KeyLookup:      "cookie:" + sessionCookie,
		CookieHTTPOnly: true,
		CookieSecure:   d.Config.SecureCookie,
		CookieSameSite: "Lax",
	})
	registerSessionTypes(s.sessions)
	fc := fiber.Config{
		AppName:               "Usulan",
		DisableStartupMessage: true,
		ErrorHandler:          s.errorHandler,
		BodyLimit:             d.Config.UploadLimit + 1<<20,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          60 * time.Second,
	}
	if len(d.Config.TrustedProxies) > 0 {
		// Behind a proxy c.IP() is the client named in X-Forwarded-For, but
		// only when the peer is one of the trusted proxies.
		fc.ProxyHeader = fiber.HeaderXForwardedFor
		fc.EnableTrustedProxyCheck = true
		fc.TrustedProxies = d.Config.TrustedProxies
		fc.EnableIPValidation = true
	}
	app := fiber.New(fc)
	app.Use(recover.New())
	app.Use(s.logRequests)
	app.Use(refuseNUL)
	app.Use(helmet.New(helmet.Config{
		ReferrerPolicy:            "same-origin",
		ContentSecurityPolicy:     "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
		CrossOriginEmbedderPolicy: "unsafe-none",
	}))
	app.Use(s.transportHeaders)

	app.Get("/healthz", func(c *fiber.Ctx) error { return c.SendString("ok") })
	app.Get("/readyz", s.ready)
	app.Get("/static/*", s.static)

	app.Use(s.sessionMiddleware)

	s.routes(app)
	return app
}

// transportHeaders: with an https BASE_URL, browsers are told to use HTTPS
// only (TLS usually ends at the proxy, so the request itself may look like
// plain HTTP); API answers hold personal data and are never cached.
func (s *Server) transportHeaders(c *fiber.Ctx) error {
	if s.Config.SecureCookie {
		c.Set(fiber.HeaderStrictTransportSecurity, "max-age=31536000; includeSubDomains")
	}
	if strings.HasPrefix(c.Path(), "/api/") {
		c.Set(fiber.HeaderCacheControl, "private, no-store")
	}
	return c.Next()
}

func (s *Server) ready(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
	defer cancel()
	if err := s.DB.PingContext(ctx); err != nil {
		return c.Status(fiber.StatusServiceUnavailable).SendString("database unreachable")
	}
	return c.SendString("ready")
}

func (s *Server) logRequests(c *fiber.Ctx) error {
	elapsed := clock.Stopwatch()
	err := c.Next()
	status := c.Response().StatusCode()
	if err != nil {
		if e, ok := apperror.As(err); ok {
			status = e.Status
		} else if fe := (*fiber.Error)(nil); errors.As(err, &fe) {
			status = fe.Code
		} else {
			status = 500
		}
	}
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	s.Log.Log(c.UserContext(), level, "request", "method", c.Method(), "path", c.Path(), "status", status,
		"duration_ms", elapsed().Milliseconds())
	return err
}

// isAPI reports whether the caller expects JSON: an /api path, or (for a
// request so malformed that its path is unknown) a bearer token.
func isAPI(c *fiber.Ctx) bool {
	return strings.HasPrefix(c.Path(), "/api/") || strings.HasPrefix(string(c.Request().URI().Path()), "/api/") ||
		bearerToken(c) != ""
}

// errorHandler renders every error once: JSON for the API, a page otherwise.
// Domain errors keep their status; anything unexpected is a logged 500 with
// no detail shown.
func (s *Server) errorHandler(c *fiber.Ctx, err error) error {
	e, ok := apperror.As(err)
	if !ok {
		var fe *fiber.Error
		if errors.As(err, &fe) {
			e = &apperror.Error{Status: fe.Code, Message: fiberMessage(fe)}
		} else if db.IsUnavailable(err) {
			s.Log.Warn("database unavailable", "method", c.Method(), "path", c.Path(), "err", err)
			c.Set(fiber.HeaderRetryAfter, "5")
			e = &apperror.Error{Status: fiber.StatusServiceUnavailable,
				Message: "Basis data sedang tidak dapat dihubungi. Coba lagi beberapa saat lagi."}
		} else {
			s.Log.Error("unhandled error", "method", c.Method(), "path", c.Path(), "err", err)
			e = &apperror.Error{Status: 500, Message: "Terjadi kesalahan pada server. Silakan coba lagi."}
		}
	}
	if isAPI(c) {
		body := fiber.Map{"error": e.Message}
		if len(e.Fields) > 0 {
			body["fields"] = e.Fields
		}
		return c.Status(e.Status).JSON(body)
	}
	if e.Status == fiber.StatusUnauthorized {
		return c.Redirect("/login?next=" + urlQueryEscape(c.OriginalURL()))
	}
	return s.renderError(c, e)
}

func fiberMessage(fe *fiber.Error) string {
	switch fe.Code {
	case fiber.StatusNotFound:
		return "Halaman tidak ditemukan."
	case fiber.StatusMethodNotAllowed:
		return "Metode tidak diizinkan."
	case fiber.StatusRequestEntityTooLarge:
		return "Berkas atau isian terlalu besar."
	}
	if fe.Code < 500 {
		return "Permintaan tidak dapat diproses."
	}
	return "Terjadi kesalahan pada server."
}
