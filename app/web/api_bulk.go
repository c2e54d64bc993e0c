package web

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/workflow"
)

// Bulk work, delegation and filing periods (issue 15).

// apiBulkTransitions is POST /api/v1/bulk/transitions: 200 with a result per
// proposal, each as that proposal alone would have been answered.
func (s *Server) apiBulkTransitions(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	var in workflow.BulkInput
	if err := input.DecodeJSON(c.Body(), &in); err != nil {
		return err
	}
	res, err := s.Workflow.BulkApply(c.UserContext(), p, in)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"results": res})
}

// parseIDs reads "1,2,3" (or repeated ids=…) into ids (400 on a bad one).
func parseIDs(c *fiber.Ctx) ([]int64, error) {
	var out []int64
	for _, raw := range c.Context().QueryArgs().PeekMulti("ids") {
		for _, part := range strings.Split(string(raw), ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			id, err := strconv.ParseInt(part, 10, 64)
			if err != nil || id <= 0 {
				return nil, apperror.InvalidField("ids", "Nomor usulan tidak sah: "+part)
			}
			out = append(out, id)
		}
	}
	return out, nil
}

// lettersPDF is GET /letters.pdf?ids=1,2,3 (and under /api/v1): the letters
// of several proposals in one PDF; 404 without printing anything when an id
// is out of the caller's scope.
func (s *Server) lettersPDF(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	ids, err := parseIDs(c)
	if err != nil {
		return err
	}
	pdf, err := s.Workflow.LetterBundle(c.UserContext(), p, ids)
	if err != nil {
		return err
	}
	return sendFile(c, "application/pdf", "surat-usulan-gabungan.pdf", pdf)
}

func (s *Server) apiDelegationList(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	items, err := s.Workflow.Delegations(c.UserContext(), p)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items, "total": len(items)})
}

func (s *Server) apiDelegationCreate(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	var in workflow.DelegationInput
	if err := input.DecodeJSON(c.Body(), &in); err != nil {
		return err
	}
	d, err := s.Workflow.CreateDelegation(c.UserContext(), p, in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(d)
}

func (s *Server) apiDelegationDelete(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	if err := s.Workflow.DeleteDelegation(c.UserContext(), p, id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// apiReassign is POST /api/v1/delegations/reassign (admin): every claim of
// one verifier moves to another, with a result per proposal.
func (s *Server) apiReassign(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	var in workflow.ReassignInput
	if err := input.DecodeJSON(c.Body(), &in); err != nil {
		return err
	}
	res, err := s.Workflow.ReassignAll(c.UserContext(), p, in)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"results": res})
}

func (s *Server) apiFilingPeriodList(c *fiber.Ctx) error {
	items, err := s.Workflow.FilingPeriods(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items, "total": len(items)})
}

func (s *Server) apiFilingPeriodCreate(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	var in workflow.FilingPeriodInput
	if err := input.DecodeJSON(c.Body(), &in); err != nil {
		return err
	}
	f, err := s.Workflow.CreateFilingPeriod(c.UserContext(), p, in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(f)
}

func (s *Server) apiFilingPeriodDelete(c *fiber.Ctx) error {
	p, id, err := principalAndID(c)
	if err != nil {
		return err
	}
	if err := s.Workflow.DeleteFilingPeriod(c.UserContext(), p, id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
