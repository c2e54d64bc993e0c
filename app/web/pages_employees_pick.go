package web

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

// Filing from the register (issue 3): the proposal form takes employees
// from the office's register and copies their data into candidate rows,
// which are then saved as the proposal's snapshot; later changes to the
// register do not reach the proposal.

// prefillFromRegister fills a new proposal form from the query:
// ?employee=ID (repeatable) and ?position=&level=&route=. An employee outside
// the principal's scope is apperror.NotFound.
func (s *Server) prefillFromRegister(c *fiber.Ctx, p access.Principal, f *views.ProposalForm) error {
	if v := c.Query("position"); models.Position(v).Valid() {
		f.Position = v
	}
	if v := c.Query("level"); models.Level(v).Valid() {
		f.Level = v
	}
	if v := c.Query("route"); models.Route(v).Valid() {
		f.Route = v
	}
	ids := c.Context().QueryArgs().PeekMulti("employee")
	if len(ids) == 0 {
		return nil
	}
	y1, y2 := s.ratingYears()
	var rows []views.CandidateForm
	for _, raw := range ids {
		id, err := strconv.ParseInt(string(raw), 10, 64)
		if err != nil || id < 1 {
			return apperror.NotFound()
		}
		e, err := s.Employees.Get(c.UserContext(), p, id)
		if err != nil {
			return err
		}
		rows = append(rows, candidateForm(e.Candidate, y1, y2))
	}
	f.Candidates = rows
	return nil
}

// pickFromRegister adds the employees whose NIPs were typed in the form's
// "pick" box as candidate rows (replacing empty rows). NIPs not in the
// register the principal sees stay in the box with a message.
func (s *Server) pickFromRegister(c *fiber.Ctx, p access.Principal, f *views.ProposalForm) {
	y1, y2 := s.ratingYears()
	var kept []views.CandidateForm
	have := map[string]bool{}
	for _, cf := range f.Candidates {
		if strings.TrimSpace(cf.NIP) == "" && strings.TrimSpace(cf.Name) == "" {
			continue
		}
		kept = append(kept, cf)
		have[models.NormalizeNIP(cf.NIP)] = true
	}
	var missing []string
	for _, nip := range strings.FieldsFunc(f.Pick, func(r rune) bool { return r == ',' || r == ';' || r == '\n' || r == '\r' }) {
		nip = models.NormalizeNIP(nip)
		if nip == "" || have[nip] {
			continue
		}
		e, err := s.Employees.GetByNIP(c.UserContext(), p, nip)
		if err != nil {
			missing = append(missing, nip)
			continue
		}
		kept = append(kept, candidateForm(e.Candidate, y1, y2))
		have[nip] = true
	}
	if len(kept) == 0 {
		kept = []views.CandidateForm{s.blankCandidate()}
	}
	f.Candidates, f.Pick = kept, strings.Join(missing, "\n")
	if len(missing) > 0 {
		if f.Errors == nil {
			f.Errors = map[string]string{}
		}
		f.Errors["pick"] = "Tidak ada di daftar pegawai kantor Anda: " + strings.Join(missing, ", ") + "."
	}
}
