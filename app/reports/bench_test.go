package reports_test

import (
	"context"
	"io"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/auth"
	"github.com/kemenagjateng/usulan/app/auth/authtest"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/reports"
	"github.com/kemenagjateng/usulan/models"
	"github.com/kemenagjateng/usulan/views"
)

// BenchmarkObstacleMapPage measures what /peta does for a year: the map,
// its charts and the page render, over BENCH_PROPOSALS proposals (default
// 100,000) and their events, seeded once.
//
//	go test -run XXX -bench ObstacleMapPage -benchtime 5x ./app/reports/
func BenchmarkObstacleMapPage(b *testing.B) {
	n := 100000
	if v, err := strconv.Atoi(os.Getenv("BENCH_PROPOSALS")); err == nil {
		n = v
	}
	ctx := context.Background()
	d := dbtest.Open(b)
	now := time.Date(2026, 11, 30, 3, 0, 0, 0, time.UTC)
	if _, err := authtest.New(d, clock.NewManual(now)).CreateUser(ctx, auth.NewUser{Username: "ver1", Role: models.RoleVerifikator, Password: "rahasia-Sekali-123"}); err != nil {
		b.Fatal(err)
	}
	u, _ := auth.UserByUsername(ctx, d, "ver1")
	p := access.FromUser(u)
	if err := reports.SeedHistory(ctx, d, n, now, 1); err != nil {
		b.Fatal(err)
	}
	var events int
	_ = d.NewSelect().Table("events").ColumnExpr("count(*)").Scan(ctx, &events)
	b.Logf("seeded %d proposals, %d events", n, events)
	rs := reports.New(d, clock.NewManual(now))
	f := reports.Filter{From: models.MustDate("2025-12-01"), To: models.MustDate("2026-11-30")}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m, c, err := rs.MapAndCharts(ctx, p, f)
		if err != nil {
			b.Fatal(err)
		}
		if err := views.PetaPage(views.Page{Title: "Peta", User: u}, views.PetaData{From: f.From.String(), To: f.To.String(),
			Map: m, Charts: c}).Render(ctx, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
