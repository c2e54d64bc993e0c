package demo_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/app/demo"
	"github.com/kemenagjateng/usulan/models"
)

func TestDemoFillsEveryStateWithValidPeopleAndRefusesRealData(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.Open(t)
	now := time.Date(2026, 11, 30, 3, 0, 0, 0, time.UTC)
	sum, err := demo.Fill(ctx, db, demo.Options{Proposals: 1200, Employees: 150, Password: "contoh-usulan-2026", Seed: 7, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Proposals != 1200 || sum.Employees != 150 || sum.Users != 74 {
		t.Fatalf("summary %+v", sum)
	}
	var byStatus []struct {
		Status models.Status `bun:"status"`
		N      int           `bun:"n"`
	}
	if err := db.NewSelect().TableExpr("proposals").ColumnExpr("status, count(*) AS n").GroupExpr("status").Scan(ctx, &byStatus); err != nil {
		t.Fatal(err)
	}
	if len(byStatus) != len(models.AllStatuses) {
		t.Fatalf("states present: %+v, want all %d", byStatus, len(models.AllStatuses))
	}
	// Every history ends in the proposal's state; every submitted one has a letter number.
	var bad int
	if err := db.NewRaw(`SELECT count(*) FROM proposals AS p WHERE p.status <> (SELECT e.to_status FROM events AS e
		WHERE e.proposal_id = p.id ORDER BY e.id DESC LIMIT 1)
		OR (p.status NOT IN ('draft') AND p.letter_number IS NULL)
		OR p.updated_at > ? OR p.created_at > p.updated_at`, now).Scan(ctx, &bad); err != nil {
		t.Fatal(err)
	}
	if bad != 0 {
		t.Fatalf("%d proposals whose history, letter number or times do not fit their state", bad)
	}
	var nips []string
	if err := db.NewSelect().TableExpr("employees").Column("nip").Scan(ctx, &nips); err != nil {
		t.Fatal(err)
	}
	for _, n := range nips {
		if _, err := models.ParseNIP(n); err != nil {
			t.Fatalf("NIP %s: %v", n, err)
		}
	}
	var results []string
	if err := db.NewSelect().TableExpr("candidates").Column("result").Limit(200).Scan(ctx, &results); err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if !strings.Contains(r, `"rule":"nip_format","result":"pass"`) {
			t.Fatalf("a candidate fails nip_format: %.300s", r)
		}
	}
	if n, _ := db.NewSelect().TableExpr("findings").Where("finding = 'tidak_sesuai'").Count(ctx); n == 0 {
		t.Fatal("no finding wanting")
	}
	// Every decision that found something wanting has its reasons, as the
	// workflow records them, so the obstacle map counts them.
	var missing, wrong, items int
	if err := db.NewRaw(`SELECT count(*) FROM events AS e WHERE e.action IN ('request_revision', 'reject')
		AND NOT EXISTS (SELECT 1 FROM decision_reasons AS r WHERE r.event_id = e.id)`).Scan(ctx, &missing); err != nil {
		t.Fatal(err)
	}
	if err := db.NewRaw(`SELECT count(*) FROM decision_reasons AS r JOIN events AS e ON e.id = r.event_id
		WHERE e.action <> r.action OR e.proposal_id <> r.proposal_id OR e.created_at <> r.created_at`).Scan(ctx, &wrong); err != nil {
		t.Fatal(err)
	}
	if err := db.NewRaw(`SELECT count(DISTINCT item) FROM decision_reasons`).Scan(ctx, &items); err != nil {
		t.Fatal(err)
	}
	if missing != 0 || wrong != 0 || items < 8 {
		t.Fatalf("decisions without reasons %d, reasons not matching their event %d, distinct items %d (want 0, 0, ≥ 8)", missing, wrong, items)
	}
	if _, err := demo.Fill(ctx, db, demo.Options{Proposals: 1, Password: "contoh-usulan-2026", Now: now}); !errors.Is(err, demo.ErrNotEmpty) {
		t.Fatalf("a second fill: %v, want ErrNotEmpty", err)
	}
}
