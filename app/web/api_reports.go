package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/app/reports"
	"github.com/kemenagjateng/usulan/models"
)

// reportService is the report service on the workflow's clock.
func (s *Server) reportService() *reports.Service {
	return s.reports
}

// mapFilter reads ?from=&to=&kind=&position=, the period defaulting to the
// current year so far.
func (s *Server) mapFilter(c *fiber.Ctx) (reports.Filter, error) {
	today := s.Workflow.Today()
	f := reports.Filter{From: models.NewDate(today.Year, 1, 1), To: today}
	if err := input.DecodeForm(queryValues(c), &f); err != nil {
		return f, err
	}
	return f, f.Validate()
}

// apiObstacleMap is GET /api/v1/reports/obstacles.
func (s *Server) apiObstacleMap(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	f, err := s.mapFilter(c)
	if err != nil {
		return err
	}
	m, err := s.reportService().Obstacles(c.UserContext(), p, f)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.JSON(m)
}

// apiObstacleCharts is GET /api/v1/reports/obstacles/charts: the monthly
// trend and the weekly cumulative flow the map page draws.
func (s *Server) apiObstacleCharts(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	f, err := s.mapFilter(c)
	if err != nil {
		return err
	}
	ch, err := s.reportService().Charts(c.UserContext(), p, f, 0)
	if err != nil {
		return err
	}
	return c.JSON(ch)
}

// apiObstacleList is GET /api/v1/obstacles.
func (s *Server) apiObstacleList(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	l, err := s.reportService().ListObstacles(c.UserContext(), p, reports.ObstacleFilter{Status: c.Query("status"),
		Category: c.Query("category"), Office: c.Query("office")})
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": l, "total": len(l)})
}

// apiObstacleCreate is POST /api/v1/obstacles.
func (s *Server) apiObstacleCreate(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	var in reports.ObstacleInput
	if err := input.DecodeJSON(c.Body(), &in); err != nil {
		return err
	}
	ob, err := s.reportService().CreateObstacle(c.UserContext(), p, in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(ob)
}

func obstacleID(c *fiber.Ctx) (int64, error) {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, apperror.NotFound()
	}
	return id, nil
}

// apiObstacleGet is GET /api/v1/obstacles/{id}.
func (s *Server) apiObstacleGet(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	id, err := obstacleID(c)
	if err != nil {
		return err
	}
	ob, err := s.reportService().GetObstacle(c.UserContext(), p, id)
	if err != nil {
		return err
	}
	return c.JSON(ob)
}

// apiObstacleAct is POST /api/v1/obstacles/{id}/actions.
func (s *Server) apiObstacleAct(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	id, err := obstacleID(c)
	if err != nil {
		return err
	}
	var in reports.ObstacleAction
	if err := input.DecodeJSON(c.Body(), &in); err != nil {
		return err
	}
	ob, err := s.reportService().ActOnObstacle(c.UserContext(), p, id, in)
	if err != nil {
		return err
	}
	return c.JSON(ob)
}

// forecastMonths reads ?months= (default 24).
func forecastMonths(c *fiber.Ctx) (int, error) {
	q := struct {
		Months int `form:"months" json:"months" msg:"Jangka proyeksi harus bilangan bulan."`
	}{24}
	err := input.DecodeForm(queryValues(c), &q)
	return q.Months, err
}

// apiForecast is GET /api/v1/reports/forecast?months=24.
func (s *Server) apiForecast(c *fiber.Ctx) error {
	p, err := principal(c)
	if err != nil {
		return err
	}
	months, err := forecastMonths(c)
	if err != nil {
		return err
	}
	f, err := s.reportService().Forecast(c.UserContext(), p, months, nil, nil)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.JSON(f)
}
