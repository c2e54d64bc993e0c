package scopecheck

import (
	"context"
	"path"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/uptrace/bun"
)

// Module is the import path of the application.
const Module = "github.com/kemenagjateng/usulan"

// Store is the package every query on an office-owned table must come from.
const Store = "app/store"

// Pending are the places whose queries on office-owned tables have not
// moved into app/store yet (issue 12): a package ("app/workflow"), one
// file of a package ("app/workflow/list.go", or a pattern of files) or one
// function ("app/notify.UnreadUpTo"). Origin lets their queries pass.
// Every place has moved: the list is empty and is to stay so (a test says
// it is); a new query on an office-owned table goes through app/store.
var Pending = []string{}

// Exempt are the places allowed to name office-owned tables for good:
// migrations and test helpers that build fixtures (queries written in
// *_test.go files are exempt too).
var Exempt = []string{
	"app/db",
	"migrations",
	"app/access/scopecheck", // the Hook's own look-ups of parent rows
	"app/db/dbtest",
	"app/workflow/workflowtest",
	// A measuring tool, not the application: it replays, verbatim, the SQL
	// it captured from the application's own use cases (run through the
	// store), so the statements keep the store's scope; it writes nothing.
	"cmd/perf",
}

// Personal are tables of rows owned by a user (not an office) that also
// go through app/store, scoped to the principal's own rows.
var Personal = []string{"notifications"}

// ownedRE finds the tables a query reads or writes.
var ownedRE = regexp.MustCompile(`(?i)\b(?:FROM|JOIN|UPDATE|INTO)\s+"?([a-z_]+)"?`)

// Origin is a bun query hook for tests: any query that names an
// office-owned table (Owned, Children) or a Personal one must have been run from app/store,
// whoever the principal is and whether there is one at all. A query whose
// nearest application frame is in a Pending or Exempt place, or in a
// *_test.go file, passes; any other is a finding.
type Origin struct {
	// Pending replaces the package's Pending list when not nil (tests).
	Pending []string

	mu       sync.Mutex
	findings map[string]string // site → one query
}

// BeforeQuery checks where the query comes from.
func (o *Origin) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context {
	if !namesOwned(e.Query) {
		return ctx
	}
	site, ok := o.site()
	if ok {
		return ctx
	}
	o.mu.Lock()
	if o.findings == nil {
		o.findings = map[string]string{}
	}
	if _, seen := o.findings[site]; !seen {
		o.findings[site] = e.Query
	}
	o.mu.Unlock()
	return ctx
}

// AfterQuery does nothing.
func (o *Origin) AfterQuery(context.Context, *bun.QueryEvent) {}

// Findings are the queries on office-owned tables run from outside
// app/store, one per call site, sorted.
func (o *Origin) Findings() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make([]string, 0, len(o.findings))
	for site, q := range o.findings {
		out = append(out, "query on an office-owned table outside "+Store+" ("+site+"): "+q)
	}
	sort.Strings(out)
	return out
}

func namesOwned(q string) bool {
	for _, m := range ownedRE.FindAllStringSubmatch(q, -1) {
		t := strings.ToLower(m[1])
		if _, ok := Children[t]; ok {
			return true
		}
		for _, o := range append(Owned[:len(Owned):len(Owned)], Personal...) {
			if o == t {
				return true
			}
		}
	}
	return false
}

// site finds the nearest frame of the application on the stack: ok when
// it is in app/store, in an Exempt or Pending place or in a test file;
// site names it ("app/workflow/notes.go:42").
func (o *Origin) site() (site string, ok bool) {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		if pkg, isApp := appPackage(f.Function); isApp {
			file := f.File[strings.LastIndexByte(f.File, '/')+1:]
			site = pkg + "/" + file + ":" + strconv.Itoa(f.Line)
			fn := f.Function[len(Module)+1+len(pkg)+1:] // "UnreadUpTo", "(*Service).List.func1"
			if pkg == Store || strings.HasSuffix(file, "_test.go") || listed(Exempt, pkg, file, fn) != "" {
				return site, true
			}
			pending := o.Pending
			if pending == nil {
				pending = Pending
			}
			return site, listed(pending, pkg, file, fn) != ""
		}
		if !more {
			return "", true // no application frame (the runtime, a library's goroutine): not judged
		}
	}
}

// appPackage is the application package of a function name
// ("github.com/…/app/store.(*Select).Scan" → "app/store").
func appPackage(fn string) (string, bool) {
	if !strings.HasPrefix(fn, Module+"/") {
		return "", false
	}
	rest := fn[len(Module)+1:]
	slash := strings.LastIndexByte(rest, '/')
	dot := strings.IndexByte(rest[slash+1:], '.')
	if dot < 0 {
		return rest, true
	}
	return rest[:slash+1+dot], true
}

// listed is the entry of list naming pkg, pkg/file (a file entry may be
// a path.Match pattern, "app/staffing/recap*.go") or the function fn of
// pkg (its closures too), or "".
func listed(list []string, pkg, file, fn string) string {
	for _, e := range list {
		if strings.HasPrefix(pkg+"."+fn+".", e+".") { // the package, the function or one of its closures
			return e
		}
		if ok, _ := path.Match(e, pkg+"/"+file); ok {
			return e
		}
	}
	return ""
}
