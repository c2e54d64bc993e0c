package web

import (
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

// inboxFilterFromQuery reads ?office=&kind=&route=&q=&section=&page=&per_page=.
func inboxFilterFromQuery(c *fiber.Ctx) workflow.InboxFilter {
	return workflow.InboxFilter{Office: c.Query("office"), Kind: c.Query("kind"), Route: c.Query("route"),
		Q: c.Query("q"), Section: c.Query("section"), Page: c.QueryInt("page", 1), PerPage: c.QueryInt("per_page", 0)}
}

func (s *Server) inboxPage(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	f := inboxFilterFromQuery(c)
	in, err := s.Workflow.Inbox(c.UserContext(), p, f)
	if err != nil {
		return err
	}
	now := s.Workflow.Now()
	d := views.InboxData{Total: in.Total, Office: f.Office, Kind: f.Kind, Route: f.Route, Q: f.Q, Section: f.Section,
		ShowOffice: !p.Regional(), Admin: p.Role == models.RoleAdmin, Bulk: bulkBox(c, p)} // bulk form: pages_bulk.go
	if d.ShowOffice {
		if d.Offices, err = s.officeOptions(c); err != nil {
			return err
		}
	}
	for _, x := range models.AllRoutes() {
		d.Routes = append(d.Routes, views.Option{Value: string(x), Label: x.Label()})
	}
	link := func(section string, page int) string {
		v := url.Values{}
		for k, x := range map[string]string{"office": f.Office, "kind": f.Kind, "route": f.Route, "q": f.Q, "section": section} {
			if x != "" {
				v.Set(k, x)
			}
		}
		if page > 1 {
			v.Set("page", strconv.Itoa(page))
		}
		if len(v) == 0 {
			return "/inbox"
		}
		return "/inbox?" + v.Encode()
	}
	for _, sec := range in.Sections {
		sv := views.InboxSectionView{Key: sec.Key, Title: sec.Title, Total: sec.Total, Capped: sec.TotalCapped, Target: sec.Target}
		if sec.Page > 1 {
			sv.PrevURL = link(sec.Key, sec.Page-1)
		}
		if sec.Page*sec.PerPage < sec.Total {
			sv.NextURL = link(sec.Key, sec.Page+1)
		}
		if f.Section == "" && sv.NextURL != "" {
			sv.AllURL = link(sec.Key, 1)
		}
		for _, it := range sec.Items {
			r := views.InboxRow{ID: it.ID, OfficeName: it.OfficeName, Status: it.Status,
				Subject: subject(it.Kind, it.Position, it.Level, it.Route, it.Title), LetterNumber: views.Str(it.LetterNumber),
				Verdict: it.Verdict, Waited: views.Waited(it.WaitingSince, now), Since: views.TimeID(it.WaitingSince),
				Resubmissions: it.Resubmissions, Overdue: it.Overdue, DaysLate: it.DaysLate}
			if it.Due != nil {
				r.Due = it.Due.Indonesian()
			}
			sv.Rows = append(sv.Rows, r)
		}
		d.Sections = append(d.Sections, sv)
	}
	return render(c, 200, views.InboxPage(s.page(c, "Kotak masuk", "inbox"), d))
}

// apiInbox: GET /api/v1/inbox?office=&kind=&route=&q=&section=&page=&per_page=.
func (s *Server) apiInbox(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	in, err := s.Workflow.Inbox(c.UserContext(), p, inboxFilterFromQuery(c))
	if err != nil {
		return err
	}
	return c.JSON(in)
}
