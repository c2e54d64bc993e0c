package web

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/auth"
	"github.com/kemenagjateng/usulan/app/clock"
)

// sessionQueries counts the statements that read and write the sessions table.
type sessionQueries struct {
	mu            sync.Mutex
	reads, writes int
}

func (q *sessionQueries) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	return ctx
}
func (q *sessionQueries) AfterQuery(_ context.Context, ev *bun.QueryEvent) {
	s := strings.ToLower(ev.Query)
	if !strings.Contains(s, "sessions") || strings.Contains(s, "sessions_after") && !strings.Contains(s, `"sessions"`) {
		return
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if strings.HasPrefix(s, "select") {
		q.reads++
	} else {
		q.writes++
	}
}

func (q *sessionQueries) take() (int, int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	r, w := q.reads, q.writes
	q.reads, q.writes = 0, 0
	return r, w
}

func TestAPageViewReadsTheSessionOnceAndWritesItOnlyWhenItChanges(t *testing.T) {
	e := newEnv(t)
	q := &sessionQueries{}
	hooked := e.db.WithQueryHook(q) // the app below reads sessions and users through it
	e.app = New(Deps{DB: hooked, Config: e.cfg, Workflow: e.svc,
		Auth: auth.New(hooked, clock.Func(e.svc.Now), e.cfg.PasswordHash), Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	b := e.browser()
	b.login("op_pbg")
	b.do("GET", "/proposals", nil) // may renew nothing: login just wrote everything
	q.take()
	for i := 0; i < 3; i++ {
		resp, body := b.do("GET", "/proposals", nil)
		if resp.StatusCode != 200 || !strings.Contains(body, `name="_csrf"`) {
			t.Fatalf("list page: %d", resp.StatusCode)
		}
		if r, w := q.take(); r != 1 || w != 0 {
			t.Fatalf("page view %d: %d session reads and %d writes, want 1 and 0", i+1, r, w)
		}
	}
	// A flash message is a change: written once, then cleared (one more write) when shown.
	tok := b.csrf("/proposals")
	q.take()
	resp, _ := b.do("POST", "/logout", url.Values{"_csrf": {"wrong"}})
	if resp.StatusCode != 403 {
		t.Fatalf("a wrong CSRF token: %d, want 403", resp.StatusCode)
	}
	if _, w := q.take(); w != 0 {
		t.Fatalf("a refused POST wrote the session %d times", w)
	}
	resp, _ = b.do("POST", "/logout", url.Values{"_csrf": {tok}})
	if resp.StatusCode != 303 {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
	if resp, _ := b.do("GET", "/proposals", nil); resp.StatusCode != 302 && resp.StatusCode != 303 {
		t.Fatalf("after logout the list answered %d, want a redirect to login", resp.StatusCode)
	}
}
