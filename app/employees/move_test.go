package employees

import (
	"testing"

	"github.com/kemenagjateng/usulan/app/apperror"
)

func status(err error) int {
	if e, ok := apperror.As(err); ok {
		return e.Status
	}
	return 0
}

func TestAdminMovesAnEmployeeWithAnEvent(t *testing.T) {
	f := newFixture(t)
	e := mustCreate(t, f, f.pbg, ahmad())

	// Regency users never move people, not even their own; the verifier
	// neither; another office's employee stays not found.
	if _, err := f.svc.Move(ctx, f.pbg, e.ID, MoveInput{Office: "Kk.11.04", Version: e.Version}); status(err) != 403 {
		t.Fatalf("operator moving own employee: %v", err)
	}
	if _, err := f.svc.Move(ctx, f.pbg2, e.ID, MoveInput{Office: "Kk.11.04", Version: e.Version}); status(err) != 403 {
		t.Fatalf("kepala moving own employee: %v", err)
	}
	if _, err := f.svc.Move(ctx, f.bjn, e.ID, MoveInput{Office: "Kk.11.04", Version: e.Version}); status(err) != 404 {
		t.Fatalf("other office pulling an employee: %v", err)
	}
	if _, err := f.svc.Move(ctx, f.ver, e.ID, MoveInput{Office: "Kk.11.04", Version: e.Version}); status(err) != 403 {
		t.Fatalf("verifier moving: %v", err)
	}
	// Field errors: unknown, missing or the same office.
	for _, to := range []string{"Kk.99.99", "", "Kk.11.03"} {
		_, err := f.svc.Move(ctx, f.adm, e.ID, MoveInput{Office: to, Version: e.Version})
		if ae, ok := apperror.As(err); !ok || ae.Status != 422 || ae.Fields["office"] == "" {
			t.Fatalf("move to %q: %v", to, err)
		}
	}
	if _, err := f.svc.Move(ctx, f.adm, e.ID, MoveInput{Office: "Kk.11.04", Version: e.Version + 1}); status(err) != 409 {
		t.Fatalf("stale version: %v", err)
	}

	moved, err := f.svc.Move(ctx, f.adm, e.ID, MoveInput{Office: "Kk.11.04", Version: e.Version, Note: "SK mutasi 12/2026"})
	if err != nil {
		t.Fatal(err)
	}
	if moved.Office != "Kk.11.04" || moved.Version != e.Version+1 {
		t.Fatalf("moved: %s v%d", moved.Office, moved.Version)
	}
	// The old office no longer sees the person; the new one does.
	if _, err := f.svc.Get(ctx, f.pbg, e.ID); status(err) != 404 {
		t.Fatalf("old office after the move: %v", err)
	}
	if _, err := f.svc.Get(ctx, f.bjn, e.ID); err != nil {
		t.Fatalf("new office after the move: %v", err)
	}
	// One event, seen by the new office and the Kanwil, not the old office.
	evs, err := f.svc.History(ctx, f.bjn, e.ID)
	if err != nil || len(evs) != 1 {
		t.Fatalf("history: %+v %v", evs, err)
	}
	ev := evs[0]
	if ev.Action != EventMove || ev.FromOffice != "Kk.11.03" || ev.ToOffice != "Kk.11.04" || ev.Actor != "admin1" ||
		ev.Note != "SK mutasi 12/2026" || ev.At.IsZero() {
		t.Fatalf("event: %+v", ev)
	}
	if _, err := f.svc.History(ctx, f.pbg, e.ID); status(err) != 404 {
		t.Fatalf("old office reading the history: %v", err)
	}
}
