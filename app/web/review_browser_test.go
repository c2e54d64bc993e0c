package web

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestTheReviewAndAdminPagesFitAPhone opens, in chromium 390 px wide, the
// inbox and the review page of a 20-candidate proposal (with its folds opened) as the
// verifier and the user and audit pages as the admin: none is wider than
// the screen. USULAN_SCREENSHOTS=/dir keeps a screenshot of each, at 390 px
// and at 1280 px.
func TestTheReviewAndAdminPagesFitAPhone(t *testing.T) {
	bctx := browserContext(t) // the one Chromium of this test binary
	e := newEnv(t)
	p := e.twentyCandidates()
	// The trail has a user change and a download to show.
	e.api("admin1", "PATCH", "/api/v1/users/"+itoa(e.userID("ver2")), map[string]any{"nip": ""}, nil)
	e.api("kp_pbg", "GET", "/api/v1/proposals/"+itoa(p.ID)+"/letter.pdf", nil, new([]byte))
	base := serve(t, e)
	walks := []struct {
		name, user string
		paths      []string
	}{
		{"verifier", "ver1", []string{"/inbox", "/proposals/" + itoa(p.ID) + "/review"}},
		{"admin", "admin1", []string{"/admin/users", "/admin/users/" + itoa(e.userID("ver2")), "/admin/users/" + itoa(e.userID("ver2")) + "/edit", "/admin/audit"}},
	}
	for _, w := range walks {
		t.Run(w.name, func(t *testing.T) {
			t.Parallel()
			// The deadline starts when the walk does: a parallel subtest may
			// wait long for its turn on a busy machine.
			deadline, cancelDeadline := context.WithTimeout(bctx, 120*time.Second)
			defer cancelDeadline()
			ctx, cancel := chromedp.NewContext(deadline, chromedp.WithNewBrowserContext())
			defer cancel()
			b := &person{t: t, ctx: ctx, base: base}
			b.run("phone viewport", chromedp.EmulateViewport(390, 900, chromedp.EmulateMobile))
			b.login(w.user)
			for _, path := range w.paths {
				b.open(path)
				b.shot("phone-" + w.user + "-" + shotName(path))
				b.run("open the folds", openFolds) // what is folded must fit too
				width, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)`))
				if err != nil {
					t.Fatal(err)
				}
				if width > 390 {
					t.Errorf("%s is %d px wide at 390 px: it scrolls sideways", path, width)
				}
			}
			if os.Getenv("USULAN_SCREENSHOTS") == "" {
				return
			}
			b.run("desktop viewport", chromedp.EmulateViewport(1280, 900))
			for _, path := range w.paths {
				b.open(path)
				b.shot("desktop-" + w.user + "-" + shotName(path))
				if strings.HasSuffix(path, "/review") {
					b.run("open the first fold", void(chromedp.Evaluate[bool](`document.querySelector("details.passing").open = true`)))
					b.shot("desktop-" + w.user + "-" + shotName(path) + "-first-fold")
				}
			}
		})
	}
}
