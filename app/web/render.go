package web

import (
	"io/fs"
	"mime"
	"path"

	"github.com/a-h/templ"
	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/views"
)

// page fills what every page needs (user, CSRF token, flash) — nobody forgets them.
func (s *Server) page(c *fiber.Ctx, title, active string) views.Page {
	p := views.Page{Title: title, User: currentUser(c), CSRF: csrfToken(c), Active: active}
	s.navCounts(c, &p)
	rs := s.session(c)
	if f, ok := rs.get("flash").(string); ok && f != "" {
		p.Flash = f
		rs.del("flash")
	}
	if f, ok := rs.get("flash_error").(string); ok && f != "" {
		p.FlashError = f
		rs.del("flash_error")
	}
	return p
}

// flash keeps a one-time message for the next page.
func (s *Server) flash(c *fiber.Ctx, msg string) {
	s.session(c).set("flash", msg)
}

// flashError keeps a one-time refusal for the next page, shown as an alert.
func (s *Server) flashError(c *fiber.Ctx, msg string) {
	s.session(c).set("flash_error", msg)
}

func render(c *fiber.Ctx, status int, comp templ.Component) error {
	c.Status(status)
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	if currentUser(c) != nil {
		// A shared office computer must not show a logged-in page from its
		// cache after logout.
		c.Set(fiber.HeaderCacheControl, "private, no-store")
	}
	return comp.Render(c.UserContext(), c.Response().BodyWriter())
}

func (s *Server) renderError(c *fiber.Ctx, e *apperror.Error) error {
	title := "Terjadi kesalahan"
	switch e.Status {
	case 404:
		title = "Tidak ditemukan"
	case 403:
		title = "Tidak berwenang"
	case 409:
		title = "Tidak dapat diproses"
	}
	return render(c, e.Status, views.ErrorPage(s.page(c, title, ""), e.Status, e.Message))
}

func (s *Server) static(c *fiber.Ctx) error {
	name := path.Clean("static/" + c.Params("*"))
	b, err := fs.ReadFile(views.Static, name)
	if err != nil {
		return fiber.ErrNotFound
	}
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		c.Set(fiber.HeaderContentType, ct)
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=3600")
	return c.Send(b)
}
