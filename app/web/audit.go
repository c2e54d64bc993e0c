package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/audit"
)

// auditDownload records a download or export of personal data (UU 27/2022)
// before its first byte is sent: when the event cannot be written, nothing
// is sent. subject names what was downloaded ("proposal:12",
// "attachment:7", "employees", …); the detail keeps the file name and the
// query that chose the rows.
func (s *Server) auditDownload(c *fiber.Ctx, action, subject, file string) error {
	detail := map[string]any{"file": file}
	if q := string(c.Request().URI().QueryString()); q != "" {
		detail["query"] = q
	}
	return audit.Record(c.UserContext(), s.DB, audit.Event{At: s.Workflow.Now(), Action: action,
		Subject: subject, Detail: detail})
}

func proposalSubject(id int64) string { return "proposal:" + strconv.FormatInt(id, 10) }
