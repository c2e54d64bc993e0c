package web

import "github.com/gofiber/fiber/v2"

// routes is the one route table of the application.
func (s *Server) routes(app *fiber.App) {
	// Pages.
	app.Get("/login", s.loginForm)
	app.Post("/login", s.loginSubmit)
	app.Post("/logout", s.logout)

	pages := app.Group("", requireUser)
	pages.Get("/", s.dashboard)
	pages.Get("/proposals", s.proposalList)
	pages.Get("/proposals/new", s.proposalNew)
	pages.Post("/proposals", s.proposalCreate)
	pages.Get("/proposals/:id<int>", s.proposalShow)
	pages.Get("/proposals/:id<int>/edit", s.proposalEdit)
	pages.Post("/proposals/:id<int>", s.proposalUpdate)
	pages.Post("/proposals/:id<int>/transitions", s.proposalTransition)
	pages.Get("/proposals/:id<int>/letter.pdf", s.letterPDF)
	pages.Get("/proposals/:id<int>/verification.pdf", s.verificationPDF)
	pages.Get("/proposals/:id<int>/nominative.xlsx", s.nominativeXLSX)

	// JSON API (API.md).
	api := app.Group("/api/v1", requireUser)
	api.Get("/offices", s.apiOffices)
	api.Post("/eligibility/check", s.apiCheck)
	api.Get("/proposals", s.apiProposalList)
	api.Post("/proposals", s.apiProposalCreate)
	api.Get("/proposals/:id<int>", s.apiProposalGet)
	api.Patch("/proposals/:id<int>", s.apiProposalPatch)
	api.Post("/proposals/:id<int>/transitions", s.apiProposalTransition)
	api.Get("/proposals/:id<int>/events", s.apiProposalEvents)
	api.Get("/proposals/:id<int>/checks", s.apiProposalChecks)
	api.Get("/proposals/:id<int>/letter.pdf", s.letterPDF)
	api.Get("/proposals/:id<int>/verification.pdf", s.verificationPDF)
	api.Get("/proposals/:id<int>/nominative.xlsx", s.nominativeXLSX)
	api.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
}
