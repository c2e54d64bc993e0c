package web

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestNoPageScrollsSidewaysOnAPhone opens every page an operator, a head
// of office, a verifier and an admin uses in chromium 390 px wide: none is
// wider than the screen, and the menu is a button that opens every item.
// USULAN_SCREENSHOTS=/dir keeps a screenshot of each (and the log gives
// each page's height).
func TestNoPageScrollsSidewaysOnAPhone(t *testing.T) {
	bctx := browserContext(t)
	e := newEnv(t)
	p := e.create("op_pbg", jftBody(ahmad, siti))
	inReview := e.submitted(true) // submitted by kp_pbg, claimed by ver1
	e.employee("op_pbg", ahmad)
	base := serve(t, e)
	// Cleanups, not defers: the walks below are parallel subtests, which
	// run after this function has returned.
	deadline, cancelDeadline := context.WithTimeout(bctx, 180*time.Second)
	t.Cleanup(cancelDeadline)
	id := itoa(p.ID)
	pages := map[string][]string{
		"op_pbg": {"/", "/proposals", "/proposals/new", "/proposals/" + id, "/proposals/" + id + "/edit", "/inbox",
			"/notifications", "/staffing/new", "/employees", "/employees/new", "/whatif", "/batch", "/formations",
			"/rules", "/recap"},
		"kp_pbg": {"/proposals/" + id, "/proposals/" + id + "/submit", "/inbox"},
		// The provincial pages; those the same for every role (rules, what-if,
		// notifications) are opened once, as the operator.
		"ver1": {"/inbox", "/proposals", "/proposals/" + itoa(inReview.ID), "/proposals/" + itoa(inReview.ID) + "/review",
			"/recap", "/peta", "/kendala", "/proyeksi", "/employees"},
		"admin1": {"/", "/admin/offices", "/admin/offices/Kk.11.03", "/admin/required-documents", "/admin/users",
			"/admin/users/new", "/reference/pay-caps", "/formations", "/batch?office=Kk.11.03&source=register"},
	}
	// The walks share one Chromium, each in a browser context of its own:
	// the operator's pages in two halves, the kepala's, the verifier's and
	// the admin's.
	walks := []struct {
		name, user string
		paths      []string
		menu       bool
	}{
		{"operator-1", "op_pbg", pages["op_pbg"][:8], true},
		{"operator-2", "op_pbg", pages["op_pbg"][8:], false},
		{"kepala", "kp_pbg", pages["kp_pbg"], true},
		{"verifier", "ver1", pages["ver1"], true},
		{"admin", "admin1", pages["admin1"], true},
	}
	for _, w := range walks {
		t.Run(w.name, func(t *testing.T) {
			t.Parallel()
			user := w.user
			ctx, cancel := chromedp.NewContext(deadline, chromedp.WithNewBrowserContext())
			b := &person{t: t, ctx: ctx, base: base}
			defer cancel()
			b.run("phone viewport", chromedp.EmulateViewport(390, 900, chromedp.EmulateMobile))
			b.login(user)
			for _, path := range w.paths {
				b.open(path)
				size, err := chromedp.Run(b.ctx, chromedp.Evaluate[[2]int](`[Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), document.documentElement.scrollHeight]`))
				if err != nil {
					t.Fatal(err)
				}
				width := size[0]
				t.Logf("%s as %s: %d px tall", path, user, size[1])
				if width > 390 {
					t.Errorf("%s as %s is %d px wide at 390 px: it scrolls sideways", path, user, width)
				}
				b.shot("phone-" + user + "-" + shotName(path))
			}
			if !w.menu {
				return
			}
			// The menu: closed, then every item one under another.
			b.open("/proposals")
			shown, _ := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`getComputedStyle(document.getElementById("main-nav")).display !== "none"`))
			if shown {
				t.Errorf("the menu is open before it is asked for")
			}
			b.run("open the menu", chromedp.Click(chromedp.CSS("#nav-button")))
			n, _ := chromedp.Run(b.ctx, chromedp.Evaluate[int](`Array.from(document.querySelectorAll("#main-nav a")).filter(a => a.getBoundingClientRect().width > 0 && a.getBoundingClientRect().right <= 390).length`))
			all, _ := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll("#main-nav a").length`))
			if n != all || all < 10 {
				t.Errorf("%s: %d of %d menu items visible once the menu is open", user, n, all)
			}
			b.shot("phone-" + user + "-menu")
		})
	}
}

func shotName(path string) string {
	out := []byte{}
	for _, r := range []byte(path) {
		if r == '/' || r == '?' || r == '&' || r == '=' {
			r = '_'
		}
		out = append(out, r)
	}
	if len(out) <= 1 {
		return "home"
	}
	return string(out[1:])
}
