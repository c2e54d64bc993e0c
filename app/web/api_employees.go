package web

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/eligibility"
	"github.com/kemenagjateng/usulan/app/employees"
	"github.com/kemenagjateng/usulan/app/input"
)

// The employee register in the JSON API: the same use cases and scope as
// the pages. An employee is the candidate object of ELIGIBILITY.md §3 with
// id, office, version and updated_at beside it.

// employeeJSON is one employee in the API.
type employeeJSON struct {
	ID         int64  `json:"id"`
	Office     string `json:"office"`
	OfficeName string `json:"office_name"`
	Version    int64  `json:"version"`
	eligibility.Candidate
	UpdatedAt time.Time `json:"updated_at"`
}

func toEmployeeJSON(e *employees.Employee) employeeJSON {
	return employeeJSON{ID: e.ID, Office: e.Office, OfficeName: e.OfficeName, Version: e.Version,
		Candidate: e.Candidate, UpdatedAt: e.UpdatedAt}
}

// employeeBody is an employee as the API sends it: the candidate object of
// ELIGIBILITY.md §3 with "version" beside it (PUT). The candidate's fields
// are checked by the register (employees.Prepare: its validate tags, the
// same messages as the employee form's); version here.
type employeeBody struct {
	Version               int64 `json:"version" validate:"min=1" msg:"Versi wajib dikirim untuk mencegah perubahan yang saling menimpa."`
	eligibility.Candidate `validate:"-"`
}

func (s *Server) apiEmployeeList(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	page, _ := strconv.Atoi(c.Query("page"))
	per, _ := strconv.Atoi(c.Query("per_page"))
	rows, total, err := s.Employees.List(c.UserContext(), p, employees.Filter{Q: c.Query("q"), Office: c.Query("office"),
		Page: page, PerPage: per})
	if err != nil {
		return err
	}
	if rows == nil {
		rows = []employees.Summary{}
	}
	return c.JSON(fiber.Map{"items": rows, "total": total, "page": max(page, 1), "per_page": perPageOr(per)})
}

func (s *Server) apiEmployeeGet(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	e, err := s.Employees.Get(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	return c.JSON(toEmployeeJSON(e))
}

func (s *Server) apiEmployeeCreate(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	var in employeeBody
	if err := input.DecodeJSON(c.Body(), &in); err != nil {
		return err
	}
	e, err := s.Employees.Create(c.UserContext(), p, in.Candidate)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(toEmployeeJSON(e))
}

// apiEmployeeUpdate is PUT: the body replaces the employee's data; its
// "version" must be the current one.
func (s *Server) apiEmployeeUpdate(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	if _, err := s.Employees.Get(c.UserContext(), p, id); err != nil {
		return err
	}
	var in employeeBody
	if err := input.DecodeJSON(c.Body(), &in); err != nil {
		return err
	}
	if err := input.Check(&in); err != nil {
		return err
	}
	e, err := s.Employees.Update(c.UserContext(), p, id, in.Version, in.Candidate)
	if err != nil {
		return err
	}
	return c.JSON(toEmployeeJSON(e))
}

func (s *Server) apiEmployeeDelete(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	if err := s.Employees.Delete(c.UserContext(), p, id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// apiEmployeeMove moves an employee to another office (admin; the move is
// on the employee's history).
func (s *Server) apiEmployeeMove(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	if _, err := s.Employees.Get(c.UserContext(), p, id); err != nil {
		return err // 404 before any word on the body
	}
	var in employees.MoveInput
	if err := input.JSON(c.Body(), &in); err != nil {
		return err
	}
	e, err := s.Employees.Move(c.UserContext(), p, id, in)
	if err != nil {
		return err
	}
	return c.JSON(toEmployeeJSON(e))
}

// apiEmployeeEvents is the employee's history, oldest first.
func (s *Server) apiEmployeeEvents(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	evs, err := s.Employees.History(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": evs})
}
