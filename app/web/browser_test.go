package web

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/kemenagjateng/usulan/app/clock"

	"github.com/kemenagjateng/usulan/app/workflow/workflowtest"
)

// chromiumPath finds Debian's headless Chromium: the old headless shell
// (chromium-headless-shell: starts and draws in a fraction of the time of
// the full browser), else chromium itself. $CHROMIUM names another. The
// test skips without one, unless CI is set (then it fails).
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium-headless-shell", "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is missing (apt-get install chromium-headless-shell)")
	}
	t.Skip("chromium not installed")
	return ""
}

// chromium is the one headless browser of this test binary: the walks
// each open browser contexts of their own in it (own cookies, own
// viewport). TestMain ends it.
var chromium struct {
	once sync.Once
	ctx  context.Context
	stop func()
	err  error
}

// browserContext starts the shared browser on first use (1280 × 900) and
// returns its context; a walk derives its own contexts from it.
func browserContext(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath(t)
	chromium.once.Do(func() {
		dir, err := os.MkdirTemp("", "usulan-chromium-")
		if err != nil {
			chromium.err = err
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
			chromedp.Flag("disable-background-networking", true), chromedp.WindowSize(1280, 900),
			chromedp.UserDataDir(dir))
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		bctx, cancelBrowser := chromedp.NewContext(actx)
		chromium.ctx = bctx
		chromium.stop = func() {
			cancelBrowser()
			cancelAlloc()
			_ = os.RemoveAll(dir)
		}
		chromium.err = chromedp.Do(bctx, chromedp.Navigate("about:blank"))
	})
	if chromium.err != nil {
		t.Fatalf("starting chromium: %v", chromium.err)
	}
	return chromium.ctx
}

// TestMain ends the shared browser once every test has run.
func TestMain(m *testing.M) {
	code := m.Run()
	if chromium.stop != nil {
		chromium.stop()
	}
	os.Exit(code)
}

// serve runs e's app on 127.0.0.1:0 until the test ends and returns its base URL.
func serve(t *testing.T, e *env) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = e.app.Listener(ln) }()
	t.Cleanup(func() { _ = e.app.ShutdownWithTimeout(5 * time.Second) })
	return "http://" + ln.Addr().String()
}

// person drives one headless chromium through the app as a person would.
type person struct {
	t    *testing.T
	ctx  context.Context
	base string
}

func (b *person) run(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	elapsed := clock.Stopwatch()
	defer func() { b.t.Logf("%-24s %v", what, elapsed().Round(time.Millisecond)) }()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v\n%s", what, err, b.text())
	}
}

// void drops an action's value.
func void[T any](a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := a(ctx, t)
		return chromedp.Void{}, err
	}
}

// clickNav clicks what submits a form or follows a link and waits until the
// next page has loaded.
func clickNav(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		void(chromedp.Evaluate[bool](`window.__leaving = true`)),
		chromedp.Click(chromedp.CSS(sel)),
		waitNewPage,
	)
}

// waitNewPage waits until the page marked by clickNav has gone and the next
// one has loaded; evaluation errors while the page changes are retried.
func waitNewPage(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
	for {
		done, err := chromedp.Evaluate[bool](`window.__leaving === undefined && document.readyState === "complete"`)(ctx, t)
		if err == nil && done {
			return chromedp.Void{}, nil
		}
		select {
		case <-ctx.Done():
			return chromedp.Void{}, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (b *person) open(path string) {
	b.t.Helper()
	b.run("open "+path, chromedp.Navigate(b.base+path))
}

func (b *person) login(user string) {
	b.t.Helper()
	b.open("/login")
	b.run("login "+user,
		chromedp.SetValue(chromedp.CSS("#username"), user),
		chromedp.SetValue(chromedp.CSS("#password"), testPassword),
		clickNav(`form[action="/login"] button[type=submit]`))
}

// shot saves a full-page screenshot when USULAN_SCREENSHOTS names a folder
// (for looking at the pages; the test asserts nothing on pixels).
func (b *person) shot(name string) {
	b.t.Helper()
	dir := os.Getenv("USULAN_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

func (b *person) text() string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil {
		return "(page unreadable: " + err.Error() + ")"
	}
	return s
}

func (b *person) expect(what string, wants ...string) {
	b.t.Helper()
	txt := b.text()
	for _, w := range wants {
		if !strings.Contains(txt, w) {
			b.t.Fatalf("%s: page lacks %q:\n%s", what, w, txt)
		}
	}
}

// action submits the workflow form of one action on the proposal page.
func actionButton(action string) string {
	return `form:has(input[name="action"][value="` + action + `"]) button[type=submit]`
}

// item selects inside one item of the review page.
func item(id, inner string) string { return `div.item[data-item="` + id + `"] ` + inner }

// openFolds opens the review page's folded passing items.
var openFolds = void(chromedp.Evaluate[bool](`document.querySelectorAll("details.passing").forEach(d => d.open = true), true`))

var proposalURLRE = regexp.MustCompile(`/proposals/(\d+)$`)

// TestBrowserWalksTheReviewRound: the operator files, the head submits, the
// verifier claims, marks two items tidak sesuai and sends it back; the
// operator fixes both and the head resubmits; the verifier sees the diff and
// verifies. The app runs in-process on 127.0.0.1:0.
func TestBrowserWalksTheReviewRound(t *testing.T) {
	bctx := browserContext(t)
	e := newEnv(t)
	base := serve(t, e)
	deadline, cancelDeadline := context.WithTimeout(bctx, 120*time.Second)
	defer cancelDeadline()
	// Each person has a browser context of their own (own cookies); the
	// three log in at once.
	people := map[string]*person{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for _, user := range []string{"op_pbg", "kp_pbg", "ver1"} {
		ctx, cancel := chromedp.NewContext(deadline, chromedp.WithNewBrowserContext())
		t.Cleanup(cancel)
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/login"),
				chromedp.SetValue(chromedp.CSS("#username"), user),
				chromedp.SetValue(chromedp.CSS("#password"), testPassword),
				clickNav(`form[action="/login"] button[type=submit]`))
			if err != nil {
				errs <- fmt.Errorf("login %s: %w", user, err)
				return
			}
			mu.Lock()
			people[user] = &person{t: t, ctx: ctx, base: base}
			mu.Unlock()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	dir := t.TempDir()
	scan1, scan2 := filepath.Join(dir, "ijazah-buram.pdf"), filepath.Join(dir, "ijazah-jelas.png")
	if err := os.WriteFile(scan1, samplePDF, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(scan2, samplePNG, 0o600); err != nil {
		t.Fatal(err)
	}
	const nip = "199203152019031004"

	op, head, ver := people["op_pbg"], people["kp_pbg"], people["ver1"]

	// The operator files a proposal and uploads the ijazah.
	b := op
	b.open("/proposals/new")
	b.run("fill the form",
		chromedp.SetValue(chromedp.CSS("#level"), "ahli_pertama"),
		chromedp.SetValue(chromedp.CSS("#route"), "pengangkatan_pertama"),
		chromedp.SetValue(chromedp.CSS("#c0_nip"), nip),
		chromedp.SetValue(chromedp.CSS("#c0_name"), "Ahmad Fauzi, S.Kom."),
		chromedp.SetValue(chromedp.CSS("#c0_birth_date"), "1992-03-15"),
		chromedp.SetValue(chromedp.CSS("#c0_gender"), "L"),
		chromedp.SetValue(chromedp.CSS("#c0_rank"), "III/a"),
		chromedp.SetValue(chromedp.CSS("#c0_education_level"), "S1"),
		chromedp.SetValue(chromedp.CSS("#c0_education_field"), "Sastra Inggris"),
		clickNav(`button[name="do"][value="save"]`))
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	m := proposalURLRE.FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("after filing the browser is at %s:\n%s", loc, b.text())
	}
	path := "/proposals/" + m[1]
	b.run("upload the ijazah",
		chromedp.SetUploadFiles(chromedp.CSS("#file_"+nip+"_ijazah"), []string{scan1}),
		clickNav("#upload_"+nip+"_ijazah"))
	b.expect("after upload", "ijazah-buram.pdf")
	id, _ := strconv.ParseInt(m[1], 10, 64)
	workflowtest.AttachRequired(t, e.db, id) // the other documents, as the office uploads them
	b.shot("1-operator-draft")

	// The head submits.
	b = head
	b.open(path)
	b.run("submit", clickNav("#go_submit"))
	b.expect("the confirmation", "Konfirmasi: Ajukan ke Kanwil", "B-1/Kk.11.03/1/KP.07.6/", "9 dari 9 sudah diunggah")
	b.shot("2-confirm-submit")
	b.run("confirm", clickNav("#confirm-submit"))
	b.expect("after submit", "Diajukan", "/Kk.11.03/1/KP.07.6/")

	// The verifier finds it in the inbox, claims it, marks two items and sends it back.
	b = ver
	b.open("/inbox")
	b.expect("verifier's inbox", "Usulan masuk, belum diambil", "Pranata Komputer Ahli Pertama")
	b.shot("2-verifier-inbox")
	b.open(path)
	b.run("claim", clickNav(actionButton("claim")))
	b.run("open the review", clickNav("#review-link"))
	b.run("record findings", openFolds,
		chromedp.SetValue(chromedp.CSS(item("rule:education_field", `select`)), "tidak_sesuai"),
		chromedp.SetValue(chromedp.CSS(item("rule:education_field", `input[type=text]`)), "Jurusan harus informatika"),
		chromedp.SetValue(chromedp.CSS(item("doc:ijazah", `select`)), "tidak_sesuai"),
		chromedp.SetValue(chromedp.CSS(item("doc:ijazah", `input[type=text]`)), "Pindaian ijazah buram"),
		clickNav("#save-findings"))
	b.expect("after saving findings", "2 butir tidak sesuai")
	b.shot("3-review-findings")
	b.run("send back",
		chromedp.SetValue(chromedp.CSS("#note_request_revision"), "Perbaiki jurusan dan ijazah"),
		clickNav("#do_request_revision"))
	b.expect("after sending back", "Perlu perbaikan")

	// The operator sees what to fix, fixes the field and replaces the document.
	b = op
	b.open(path)
	b.expect("office's page", "Yang perlu diperbaiki", "Jurusan harus informatika", "Pindaian ijazah buram",
		"Perbaiki jurusan dan ijazah")
	b.shot("4-office-what-to-fix")
	b.open(path + "/edit")
	b.run("fix the field",
		chromedp.SetValue(chromedp.CSS("#c0_education_field"), "Teknik Informatika"),
		clickNav(`button[name="do"][value="save"]`))
	b.run("replace the ijazah",
		chromedp.SetUploadFiles(chromedp.CSS("#file_"+nip+"_ijazah"), []string{scan2}),
		clickNav("#upload_"+nip+"_ijazah"))
	b.expect("after replacing", "ijazah-jelas.png")

	// The head resubmits.
	b = head
	b.open(path)
	b.run("resubmit", clickNav("#go_resubmit"))
	b.run("confirm", clickNav("#confirm-submit"))
	b.expect("after resubmit", "Sedang diverifikasi")

	// The verifier sees what changed and verifies.
	b = ver
	b.open(path + "/review")
	b.expect("the diff", "Perubahan sejak pemeriksaan terakhir", "Sastra Inggris", "Teknik Informatika",
		"ijazah-buram.pdf", "ijazah-jelas.png")
	b.shot("5-review-diff")
	b.run("accept both items", openFolds,
		chromedp.SetValue(chromedp.CSS(item("rule:education_field", `select`)), "sesuai"),
		chromedp.SetValue(chromedp.CSS(item("doc:ijazah", `select`)), "sesuai"),
		clickNav("#save-findings"))
	b.run("accept the passing items", clickNav("#accept-passing"))
	b.run("verify", clickNav("#do_verify"))
	b.expect("after verifying", "Memenuhi syarat")
	b.shot("6-verified")
	var status string
	if err := e.db.NewSelect().Table("proposals").Column("status").Where("id = ?", m[1]).Scan(t.Context(), &status); err != nil || status != "verified" {
		t.Fatalf("status %q %v, want verified", status, err)
	}
}
