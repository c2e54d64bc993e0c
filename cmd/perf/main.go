// Command perf measures Usulan at several sizes on both databases and prints
// a Markdown report (docs/performance.md holds the last run):
//
//	go run ./cmd/perf -sizes 1000,100000 -dbs sqlite,pg -duration 5s
//
// For each database and size it fills a fresh database with `usulan demo`
// (or reuses one already filled), starts the server as its own process and
// then, at -conns concurrent connections, measures requests/s and p50/p99 of
// the list page, the API list, two searches, the recap, /peta (when the
// route exists), the dashboard and the inbox; the export's time, rows and
// the server's peak RSS while making it; and the peak RSS of -conns
// concurrent logins. Beside each page it runs the page's own SQL (captured
// from the same use case) at the same concurrency: through pgbench on
// PostgreSQL, through database/sql in this process on SQLite.
//
// It needs the usulan binary (built to a temporary directory unless -bin is
// given) and, for PostgreSQL, pgbench and a role that may create databases.
// This is a measuring tool, not a test: its figures depend on the machine.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"
	"github.com/xuri/excelize/v2"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/auth"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/db"
	"github.com/kemenagjateng/usulan/app/workflow"
	"github.com/kemenagjateng/usulan/models"
)

const demoPassword = "contoh-usulan-2026"

type options struct {
	sizes     []int
	dbs       []string
	pgAdmin   string
	dir       string
	bin       string
	port      int
	conns     int
	duration  time.Duration
	employees int
	pages     map[string]bool // paths to measure (all when empty)
	pagesOnly bool            // skip the export and the logins
	showSQL   bool            // print each page's captured statements
}

func main() {
	var o options
	sizes := flag.String("sizes", "1000,100000", "proposal counts, comma-separated")
	dbs := flag.String("dbs", "sqlite,pg", "databases: sqlite, pg")
	flag.StringVar(&o.pgAdmin, "pg", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "PostgreSQL URL of a role that may create databases")
	flag.StringVar(&o.dir, "dir", filepath.Join(os.TempDir(), "usulan-perf"), "where SQLite files and logs go")
	flag.StringVar(&o.bin, "bin", "", "usulan binary (default: built from ./cmd/usulan)")
	flag.IntVar(&o.port, "port", 3113, "server port")
	flag.IntVar(&o.conns, "conns", 32, "concurrent connections")
	flag.DurationVar(&o.duration, "duration", 5*time.Second, "load per measurement")
	flag.IntVar(&o.employees, "employees", 1000, "employees in each demo database")
	pages := flag.String("pages", "", "measure only these paths, comma-separated (e.g. /,/inbox)")
	flag.BoolVar(&o.pagesOnly, "pages-only", false, "skip the export and the concurrent logins")
	flag.BoolVar(&o.showSQL, "show-sql", false, "print the statements each page's use case sends")
	flag.Parse()
	if *pages != "" {
		o.pages = map[string]bool{}
		for _, p := range strings.Split(*pages, ",") {
			o.pages[strings.TrimSpace(p)] = true
		}
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			fail(err)
		}
		o.sizes = append(o.sizes, n)
	}
	o.dbs = strings.Split(*dbs, ",")
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		fail(err)
	}
	if o.bin == "" {
		o.bin = filepath.Join(o.dir, "usulan")
		cmd := exec.Command("go", "build", "-o", o.bin, "./cmd/usulan")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			fail(err)
		}
	}
	var results []*run
	for _, kind := range o.dbs {
		for _, n := range o.sizes {
			r, err := measure(o, strings.TrimSpace(kind), n)
			if err != nil {
				fail(fmt.Errorf("%s %d: %w", kind, n, err))
			}
			results = append(results, r)
		}
	}
	report(os.Stdout, o, results)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "perf:", err)
	os.Exit(1)
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, time.Now().Format("15:04:05 ")+format+"\n", args...)
}

// stat is one load measurement.
type stat struct {
	n        int
	errors   int
	rps      float64
	p50, p99 time.Duration
}

func (s stat) String() string {
	if s.n == 0 {
		return "—"
	}
	e := ""
	if s.errors > 0 {
		e = fmt.Sprintf(" (%d errors)", s.errors)
	}
	return fmt.Sprintf("%.0f/s · %s · %s%s", s.rps, ms(s.p50), ms(s.p99), e)
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64) + " ms"
}

func summarize(lat []time.Duration, errs int, wall time.Duration) stat {
	if len(lat) == 0 {
		return stat{errors: errs}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pick := func(q float64) time.Duration { return lat[min(len(lat)-1, int(q*float64(len(lat))))] }
	return stat{n: len(lat), errors: errs, rps: float64(len(lat)) / wall.Seconds(), p50: pick(0.50), p99: pick(0.99)}
}

// page is one measured request and, where it has one, its own SQL.
type page struct {
	name, path string
	bearer     bool
	sql        []string // the use case's statements, captured
	http, db   stat
}

type run struct {
	kind       string
	size       int
	fill       time.Duration
	pages      []*page
	export     time.Duration
	exportRows int
	exportRSS  int // KiB, peak during the export
	baseRSS    int // KiB, after the load
	loginRSS   int // KiB, peak during the logins
	freshRSS   int // KiB, the fresh server before the logins
	loginTime  time.Duration
}

func measure(o options, kind string, size int) (*run, error) {
	r := &run{kind: kind, size: size}
	url, err := prepare(o, kind, size, r)
	if err != nil {
		return nil, err
	}
	token, err := output(o.bin, url, "token", "create", "--username", "demo_verifikator_1")
	if err != nil {
		return nil, err
	}
	token = strings.TrimSpace(token)
	if i := strings.LastIndex(token, "\n"); i >= 0 {
		token = token[i+1:]
	}
	r.pages = []*page{
		{name: "Daftar usulan (halaman)", path: "/proposals"},
		{name: "Daftar usulan (API)", path: "/api/v1/proposals", bearer: true},
		{name: "Cari nama (q=nur'aini hidayat)", path: "/proposals?q=" + urlEscape("nur'aini hidayat")},
		{name: "Cari nomor surat (q=B-17/Kk.11.03)", path: "/proposals?q=" + urlEscape("B-17/Kk.11.03")},
		{name: "Rekap (tahun berjalan)", path: "/recap"},
		{name: "Peta (/peta)", path: "/peta"},
		{name: "Beranda", path: "/"},
		{name: "Kotak masuk", path: "/inbox"},
	}
	if o.pages != nil {
		var keep []*page
		for _, p := range r.pages {
			if o.pages[p.path] {
				keep = append(keep, p)
			}
		}
		r.pages = keep
	}
	users, err := captureSQL(url, r.pages, o.conns)
	if err != nil {
		return nil, err
	}
	if o.showSQL {
		for _, p := range r.pages {
			for _, q := range p.sql {
				logf("%s %d %s SQL: %s", kind, size, p.path, q)
			}
		}
	}

	srv, err := startServer(o, url)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	client, err := login(o, "demo_verifikator_1")
	if err != nil {
		return nil, err
	}
	for _, p := range r.pages {
		req := func() (*http.Request, error) {
			rq, err := http.NewRequest("GET", base(o)+p.path, nil)
			if err == nil && p.bearer {
				rq.Header.Set("Authorization", "Bearer "+token)
			}
			return rq, err
		}
		if resp, err := client.Get(base(o) + p.path); err != nil || resp.StatusCode == 404 {
			if resp != nil {
				resp.Body.Close()
			}
			logf("%s %d: %s answers 404, left out", kind, size, p.path)
			continue
		} else {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		p.http = load(o, client, req)
		logf("%s %d %-36s http %s", kind, size, p.name, p.http)
		if len(p.sql) > 0 {
			if kind == "pg" {
				p.db, err = pgbench(o, url, p.sql)
			} else {
				p.db, err = sqlBench(o, url, p.sql)
			}
			if err != nil {
				return nil, err
			}
			logf("%s %d %-36s sql  %s", kind, size, p.name, p.db)
		}
	}
	r.baseRSS = srv.rss("VmRSS")
	if o.pagesOnly {
		return r, nil
	}

	// The export: every row, its time, and the server's peak memory meanwhile.
	srv.resetPeak()
	start := time.Now()
	resp, err := client.Get(base(o) + "/proposals/export.xlsx")
	if err != nil {
		return nil, err
	}
	file := filepath.Join(o.dir, "export.xlsx")
	out, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	_, err = io.Copy(out, resp.Body)
	resp.Body.Close()
	out.Close()
	if err != nil || resp.StatusCode != 200 {
		return nil, fmt.Errorf("export: %d %v", resp.StatusCode, err)
	}
	r.export = time.Since(start)
	r.exportRSS = srv.rss("VmHWM")
	if r.exportRows, err = countRows(file); err != nil {
		return nil, err
	}
	logf("%s %d export %s, %d rows, peak RSS %d KiB", kind, size, r.export, r.exportRows, r.exportRSS)

	// Logins at once, on a freshly started server: the argon2 hashes are
	// bounded, so memory stays low.
	srv.stop()
	if srv, err = startServer(o, url); err != nil {
		return nil, err
	}
	defer srv.stop()
	r.freshRSS = srv.rss("VmRSS")
	srv.resetPeak()
	start = time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, o.conns)
	for _, u := range users { // one user each: the login limit counts per user
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := login(o, u); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return nil, fmt.Errorf("concurrent logins: %w", err)
	}
	r.loginTime = time.Since(start)
	r.loginRSS = srv.rss("VmHWM")
	logf("%s %d %d logins in %s, peak RSS %d KiB (from %d KiB)", kind, size, o.conns, r.loginTime, r.loginRSS, r.freshRSS)
	return r, nil
}

func base(o options) string { return fmt.Sprintf("http://127.0.0.1:%d", o.port) }

func urlEscape(s string) string { return url.QueryEscape(s) }

// prepare makes (or reuses) a database of size proposals and returns its URL.
func prepare(o options, kind string, size int, r *run) (string, error) {
	var dbURL string
	switch kind {
	case "sqlite":
		dbURL = "sqlite://" + filepath.Join(o.dir, fmt.Sprintf("perf-%d.db", size))
	case "pg":
		name := fmt.Sprintf("usulan_perf_%d", size)
		admin, err := db.Open(o.pgAdmin)
		if err != nil {
			return "", err
		}
		var exists int
		_ = admin.NewRaw("SELECT count(*) FROM pg_database WHERE datname = ?", name).Scan(context.Background(), &exists)
		if exists == 0 {
			if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
				admin.Close()
				return "", err
			}
		}
		admin.Close()
		u, err := url.Parse(o.pgAdmin)
		if err != nil {
			return "", err
		}
		u.Path = "/" + name
		dbURL = u.String()
	default:
		return "", fmt.Errorf("unknown database %q", kind)
	}
	start := time.Now()
	out, err := output(o.bin, dbURL, "demo", "--proposals", strconv.Itoa(size), "--employees", strconv.Itoa(o.employees), "--quiet")
	switch {
	case err == nil:
		r.fill = time.Since(start)
		logf("%s %d: filled in %s", kind, size, r.fill.Round(time.Second))
	case strings.Contains(out, "sudah berisi usulan"):
		logf("%s %d: reusing the database already filled", kind, size)
	default:
		return "", fmt.Errorf("demo: %v: %s", err, out)
	}
	return dbURL, nil
}

func output(bin, dbURL string, args ...string) (string, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL)
	b, err := cmd.CombinedOutput()
	return string(b), err
}

// captureSQL runs each page's use case once in this process, as the server
// would for demo_verifikator_1, and keeps the statements it sends.
// It also returns up to n demo usernames for the concurrent logins.
func captureSQL(dbURL string, pages []*page, n int) ([]string, error) {
	d, err := db.Open(dbURL)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	ctx := context.Background()
	if _, err := db.MigrateUp(ctx, d); err != nil {
		return nil, err
	}
	u, err := auth.UserByUsername(ctx, d, "demo_verifikator_1")
	if err != nil {
		return nil, err
	}
	var users []string
	if err := d.NewSelect().TableExpr("users").Column("username").Where("username LIKE 'demo\\_%' ESCAPE '\\'").
		OrderExpr("username").Limit(int64(n)).Scan(ctx, &users); err != nil {
		return nil, err
	}
	p := access.FromUser(u)
	hook := &capture{}
	svc := workflow.New(d.WithQueryHook(hook), "http://perf", clock.Real)
	for _, pg := range pages {
		hook.take()
		switch {
		case pg.path == "/proposals" || pg.path == "/api/v1/proposals":
			_, _, err = svc.List(ctx, p, workflow.Filter{})
		case strings.HasPrefix(pg.path, "/proposals?q="):
			q, _ := url.QueryUnescape(strings.TrimPrefix(pg.path, "/proposals?q="))
			_, _, err = svc.List(ctx, p, workflow.Filter{Q: q})
		case pg.path == "/recap":
			today := svc.Today()
			_, err = svc.Recap(ctx, p, models.NewDate(today.Year, 1, 1), today)
		case pg.path == "/":
			_, err = svc.Counts(ctx, p)
		case pg.path == "/inbox":
			_, err = svc.Inbox(ctx, p, workflow.InboxFilter{})
		default:
			continue
		}
		if err != nil {
			return nil, err
		}
		pg.sql = hook.take()
	}
	return users, nil
}

type capture struct {
	mu sync.Mutex
	qs []string
}

func (c *capture) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context { return ctx }
func (c *capture) AfterQuery(_ context.Context, ev *bun.QueryEvent) {
	c.mu.Lock()
	c.qs = append(c.qs, ev.Query)
	c.mu.Unlock()
}
func (c *capture) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	q := c.qs
	c.qs = nil
	return q
}

type server struct {
	cmd *exec.Cmd
}

func startServer(o options, dbURL string) (*server, error) {
	cmd := exec.Command(o.bin, "serve")
	logFile, err := os.Create(filepath.Join(o.dir, "server.log"))
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL, fmt.Sprintf("ADDR=127.0.0.1:%d", o.port),
		"BASE_URL="+base(o), "DATA_DIR="+o.dir, "LOG_FORMAT=json")
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd}
	for i := 0; i < 600; i++ {
		if resp, err := http.Get(base(o) + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return s, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.stop()
	return nil, errors.New("server did not start (see server.log)")
}

func (s *server) stop() {
	_ = s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		_ = s.cmd.Process.Kill()
	}
}

// rss reads a memory figure (VmRSS, VmHWM) of the server in KiB.
func (s *server) rss(field string) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, field+":") {
			n, _ := strconv.Atoi(strings.Fields(line)[1])
			return n
		}
	}
	return 0
}

// resetPeak starts VmHWM again from the current RSS.
func (s *server) resetPeak() {
	_ = os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", s.cmd.Process.Pid), []byte("5"), 0)
}

var csrfRE = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// login signs a user in through the login form and returns a client holding
// the session.
func login(o options, username string) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Transport: transport(o),
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(base(o) + "/login")
	if err != nil {
		return nil, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfRE.FindSubmatch(body)
	if m == nil {
		return nil, errors.New("no CSRF token on /login")
	}
	resp, err = client.PostForm(base(o)+"/login", url.Values{"_csrf": {string(m[1])}, "username": {username},
		"password": {demoPassword}})
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("login %s: %d", username, resp.StatusCode)
	}
	return client, nil
}

var (
	sharedTransport *http.Transport
	transportOnce   sync.Once
)

func transport(o options) *http.Transport {
	transportOnce.Do(func() {
		sharedTransport = &http.Transport{MaxIdleConns: 4 * o.conns, MaxIdleConnsPerHost: 4 * o.conns}
	})
	return sharedTransport
}

// load sends requests from o.conns goroutines for o.duration (after a
// second of warm-up) and measures them.
func load(o options, client *http.Client, mk func() (*http.Request, error)) stat {
	var mu sync.Mutex
	var lat []time.Duration
	errs := 0
	run := func(d time.Duration, keep bool) time.Duration {
		var wg sync.WaitGroup
		start := time.Now()
		deadline := start.Add(d)
		for i := 0; i < o.conns; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var mine []time.Duration
				bad := 0
				for time.Now().Before(deadline) {
					req, err := mk()
					if err != nil {
						bad++
						continue
					}
					t := time.Now()
					resp, err := client.Do(req)
					if err == nil {
						_, err = io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						if resp.StatusCode != 200 {
							err = fmt.Errorf("status %d", resp.StatusCode)
						}
					}
					if err != nil {
						bad++
						continue
					}
					mine = append(mine, time.Since(t))
				}
				if keep {
					mu.Lock()
					lat = append(lat, mine...)
					errs += bad
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		return time.Since(start)
	}
	run(time.Second, false)
	wall := run(o.duration, true)
	return summarize(lat, errs, wall)
}

// pgbench runs the statements as one pgbench transaction at o.conns clients.
func pgbench(o options, dbURL string, sql []string) (stat, error) {
	dir, err := os.MkdirTemp(o.dir, "pgbench")
	if err != nil {
		return stat{}, err
	}
	defer os.RemoveAll(dir)
	script := filepath.Join(dir, "page.sql")
	var b strings.Builder
	for _, q := range sql {
		b.WriteString(strings.Join(strings.Fields(q), " "))
		b.WriteString(";\n")
	}
	if err := os.WriteFile(script, []byte(b.String()), 0o644); err != nil {
		return stat{}, err
	}
	cmd := exec.Command("pgbench", "-n", "-c", strconv.Itoa(o.conns), "-j", "2", "-T", strconv.Itoa(int(o.duration.Seconds())),
		"-f", script, "-l", "--log-prefix", filepath.Join(dir, "log"), dbURL)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return stat{}, fmt.Errorf("pgbench: %v: %s", err, out)
	}
	logs, _ := filepath.Glob(filepath.Join(dir, "log*"))
	var lat []time.Duration
	for _, f := range logs {
		fh, err := os.Open(f)
		if err != nil {
			return stat{}, err
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			// client_id transaction_no time script_no time_epoch time_us
			fields := strings.Fields(sc.Text())
			if len(fields) >= 3 {
				us, _ := strconv.Atoi(fields[2])
				lat = append(lat, time.Duration(us)*time.Microsecond)
			}
		}
		fh.Close()
	}
	return summarize(lat, 0, o.duration), nil
}

// sqlBench runs the statements in this process from o.conns goroutines
// through database/sql with the application's own driver settings.
func sqlBench(o options, dbURL string, sql []string) (stat, error) {
	d, err := db.Open(dbURL)
	if err != nil {
		return stat{}, err
	}
	defer d.Close() // the application's own pool settings
	var mu sync.Mutex
	var lat []time.Duration
	errs := 0
	var firstErr error
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(o.duration)
	for i := 0; i < o.conns; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for time.Now().Before(deadline) {
				t := time.Now()
				ok := true
				for _, q := range sql {
					rows, err := d.QueryContext(context.Background(), q)
					if err != nil {
						mu.Lock()
						errs++
						if firstErr == nil {
							firstErr = err
						}
						mu.Unlock()
						ok = false
						break
					}
					for rows.Next() {
					}
					rows.Close()
				}
				if ok {
					mine = append(mine, time.Since(t))
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if firstErr != nil && len(lat) == 0 {
		return stat{}, firstErr
	}
	return summarize(lat, errs, time.Since(start)), nil
}

// countRows counts the data rows of the exported sheet with excelize's row
// iterator (the file is not loaded whole).
func countRows(file string) (int, error) {
	f, err := excelize.OpenFile(file)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetName(0))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n - 1, rows.Error()
}

func report(w io.Writer, o options, runs []*run) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "Measured with `go run ./cmd/perf -sizes %s -dbs %s -conns %d -duration %s` on %s.\n\n",
		joinInts(o.sizes), strings.Join(o.dbs, ","), o.conns, o.duration, time.Now().UTC().Format("2 January 2006 15:04 UTC"))
	fmt.Fprintf(&b, "Each cell: requests (or SQL transactions) per second · p50 · p99, at %d concurrent connections.\n\n", o.conns)
	for _, kind := range o.dbs {
		var rs []*run
		for _, r := range runs {
			if r.kind == kind {
				rs = append(rs, r)
			}
		}
		if len(rs) == 0 {
			continue
		}
		title := map[string]string{"sqlite": "SQLite", "pg": "PostgreSQL"}[kind]
		sqlName := map[string]string{"sqlite": "its SQL (database/sql)", "pg": "its SQL (pgbench)"}[kind]
		fmt.Fprintf(&b, "### %s\n\n| | ", title)
		for _, r := range rs {
			fmt.Fprintf(&b, "%d usulan | ", r.size)
		}
		b.WriteString("\n|---|")
		for range rs {
			b.WriteString("---|")
		}
		b.WriteString("\n")
		for i, p := range rs[0].pages {
			fmt.Fprintf(&b, "| %s | ", p.name)
			for _, r := range rs {
				fmt.Fprintf(&b, "%s | ", r.pages[i].http)
			}
			b.WriteString("\n")
			if len(p.sql) > 0 {
				fmt.Fprintf(&b, "| ↳ %s | ", sqlName)
				for _, r := range rs {
					fmt.Fprintf(&b, "%s | ", r.pages[i].db)
				}
				b.WriteString("\n")
			}
		}
		if o.pagesOnly {
			b.WriteString("\n")
			continue
		}
		b.WriteString("| Ekspor XLSX (semua baris) | ")
		for _, r := range rs {
			fmt.Fprintf(&b, "%s, %d baris, puncak RSS %d MB | ", r.export.Round(time.Millisecond), r.exportRows, r.exportRSS/1024)
		}
		fmt.Fprintf(&b, "\n| %d login bersamaan (server baru) | ", o.conns)
		for _, r := range rs {
			fmt.Fprintf(&b, "%s, puncak RSS %d MB (awal %d MB) | ", r.loginTime.Round(time.Millisecond), r.loginRSS/1024, r.freshRSS/1024)
		}
		b.WriteString("\n| RSS setelah beban | ")
		for _, r := range rs {
			fmt.Fprintf(&b, "%d MB | ", r.baseRSS/1024)
		}
		b.WriteString("\n\n")
	}
	w.Write(b.Bytes())
}

func joinInts(ns []int) string {
	var s []string
	for _, n := range ns {
		s = append(s, strconv.Itoa(n))
	}
	return strings.Join(s, ",")
}
