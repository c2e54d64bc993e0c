package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/kemenagjateng/usulan/app/auth"
	"github.com/kemenagjateng/usulan/app/config"
	"github.com/kemenagjateng/usulan/models"
)

// behindProxy rebuilds e's application as if behind a load balancer at the
// test connection's address (0.0.0.0), trusted by TRUSTED_PROXIES.
func behindProxy(e *env, proxies ...string) {
	cfg := &config.Config{BaseURL: "http://usulan.test", UploadLimit: 2 << 20, DataDir: e.t.TempDir(), TrustedProxies: proxies}
	e.app = New(Deps{DB: e.db, Config: cfg, Workflow: e.svc, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
}

// loginRequest is a login form post with its CSRF token and cookies ready,
// optionally as forwarded by a proxy for client address from.
func (e *env) loginRequest(user, password, from string) *http.Request {
	e.t.Helper()
	b := e.browser()
	tok := b.csrf("/login")
	form := url.Values{"_csrf": {tok}, "username": {user}, "password": {password}}
	req := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if from != "" {
		req.Header.Set("X-Forwarded-For", from)
	}
	for k, v := range b.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	return req
}

func (e *env) tryLogin(user, password, from string) int {
	e.t.Helper()
	resp, err := e.app.Test(e.loginRequest(user, password, from), -1)
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestFailedLoginsBehindOneAddressLockOnlyTheGuessedUser(t *testing.T) {
	e := newEnv(t) // every request comes from one address, as behind NAT
	for i := 0; i < auth.MaxFailures; i++ {
		if st := e.tryLogin("kp_pbg", "bukan-ini-123", ""); st != 401 {
			t.Fatalf("wrong attempt %d: %d", i+1, st)
		}
	}
	if st := e.tryLogin("admin1", testPassword, ""); st != 303 {
		t.Fatalf("another user from the same address: %d, want 303", st)
	}
	if st := e.tryLogin("kp_pbg", testPassword, ""); st != 429 {
		t.Fatalf("guessed user from the same address, right password: %d, want 429", st)
	}
}

func TestTrustedProxyNamesTheClientAddress(t *testing.T) {
	e := newEnv(t)
	behindProxy(e, "0.0.0.0")
	for i := 0; i < auth.MaxFailures; i++ {
		e.tryLogin("kp_pbg", "bukan-ini-123", "10.9.0.1")
	}
	if st := e.tryLogin("kp_pbg", testPassword, "10.9.0.1"); st != 429 {
		t.Fatalf("same client: %d, want 429", st)
	}
	if st := e.tryLogin("kp_pbg", testPassword, "10.9.0.2"); st != 303 {
		t.Fatalf("same user from another client behind the proxy: %d, want 303", st)
	}

	// Guessing spread over many addresses locks the username.
	for i := 0; i < auth.MaxUserFailures; i++ {
		if st := e.tryLogin("ver1", "bukan-ini-123", "10.8.0."+itoa(int64(i+1))); st != 401 {
			t.Fatalf("wrong attempt %d: %d", i+1, st)
		}
	}
	if st := e.tryLogin("ver1", testPassword, "10.7.0.1"); st != 429 {
		t.Fatalf("after %d failures from as many addresses: %d, want 429", auth.MaxUserFailures, st)
	}
}

func TestUntrustedPeersCannotChooseTheirAddress(t *testing.T) {
	e := newEnv(t) // no TRUSTED_PROXIES: X-Forwarded-For is ignored
	for i := 0; i < auth.MaxFailures; i++ {
		e.tryLogin("kp_pbg", "bukan-ini-123", "10.9.0."+itoa(int64(i+1)))
	}
	if st := e.tryLogin("kp_pbg", testPassword, "10.9.9.9"); st != 429 {
		t.Fatalf("a forged X-Forwarded-For escaped the limit: %d", st)
	}
	behindProxy(e, "192.0.2.1") // a proxy, but not the peer
	if st := e.tryLogin("kp_pbg", testPassword, "10.9.9.8"); st != 429 {
		t.Fatalf("X-Forwarded-For from a peer that is not a trusted proxy: %d", st)
	}
}

func TestTrustedProxiesSettingIsChecked(t *testing.T) {
	t.Setenv("TRUSTED_PROXIES", " 10.0.0.0/8, 192.0.2.1 ,")
	cfg, err := config.Load()
	if err != nil || len(cfg.TrustedProxies) != 2 || cfg.TrustedProxies[0] != "10.0.0.0/8" || cfg.TrustedProxies[1] != "192.0.2.1" {
		t.Fatalf("parsed %v, %v", cfg, err)
	}
	t.Setenv("TRUSTED_PROXIES", "10.0.0.0/8,load-balancer")
	if _, err := config.Load(); err == nil {
		t.Fatal("a name instead of an address was accepted")
	}
}

func TestParallelWrongLoginsCheckAtMostTheLimit(t *testing.T) {
	e := newEnv(t)
	const n = 20
	reqs := make([]*http.Request, n)
	for i := range reqs {
		reqs[i] = e.loginRequest("kp_pbg", "bukan-ini-123", "")
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	count := map[int]int{}
	for _, req := range reqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := 0
			if resp, err := e.app.Test(req, -1); err == nil {
				st = resp.StatusCode
				resp.Body.Close()
			}
			mu.Lock()
			count[st]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if count[401] < 1 || count[401] > auth.MaxFailures || count[401]+count[429] != n {
		t.Fatalf("outcomes %v: at most %d passwords may be checked, the rest 429", count, auth.MaxFailures)
	}
}

func TestDisabledUserLosesSessionAndToken(t *testing.T) {
	e := newEnv(t)
	op := e.browser()
	op.login("op_pbg")
	adm := e.browser()
	adm.login("admin1")
	id := userID(t, e, "op_pbg")
	tok := adm.csrf("/admin/users/" + id)
	if resp, body := adm.do("POST", "/admin/users/"+id+"/active", url.Values{"_csrf": {tok}, "active": {"0"}}); resp.StatusCode != 303 {
		t.Fatalf("disable: %d %s", resp.StatusCode, body)
	}
	if resp, _ := op.do("GET", "/proposals", nil); resp.StatusCode != 302 || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Fatalf("session of a disabled user: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if st := e.api("op_pbg", "GET", "/api/v1/proposals", nil, nil); st != 401 {
		t.Fatalf("token of a disabled user: %d", st)
	}
	if _, body := adm.do("GET", "/admin/users?q=op_pbg", nil); !strings.Contains(body, "Nonaktif") {
		t.Fatal("list does not show the user as disabled")
	}
	tok = adm.csrf("/admin/users/" + id)
	adm.do("POST", "/admin/users/"+id+"/active", url.Values{"_csrf": {tok}, "active": {"1"}})
	if st := e.api("op_pbg", "GET", "/api/v1/proposals", nil, nil); st != 200 {
		t.Fatalf("token after enabling: %d", st)
	}
	// The session from before the disable stays dead: a device that was the
	// reason for disabling must log in again.
	if resp, _ := op.do("GET", "/proposals", nil); resp.StatusCode != 302 {
		t.Fatalf("old session after re-enabling: %d, want 302 to login", resp.StatusCode)
	}
	op.login("op_pbg")
	if resp, _ := op.do("GET", "/proposals", nil); resp.StatusCode != 200 {
		t.Fatalf("a new login after re-enabling: %d", resp.StatusCode)
	}
	// An admin cannot lock themselves out.
	me := userID(t, e, "admin1")
	tok = adm.csrf("/admin/users/" + me)
	if resp, _ := adm.do("POST", "/admin/users/"+me+"/active", url.Values{"_csrf": {tok}, "active": {"0"}}); resp.StatusCode != 409 {
		t.Fatalf("self-disable: %d, want 409", resp.StatusCode)
	}
}

func TestUserAdminPagesAreForAdminsOnly(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.login("op_pbg")
	for _, path := range []string{"/admin/users", "/admin/users/new", "/admin/users/" + userID(t, e, "kp_pbg")} {
		if resp, _ := b.do("GET", path, nil); resp.StatusCode != 403 {
			t.Errorf("operator GET %s: %d, want 403", path, resp.StatusCode)
		}
	}
	tok := b.csrf("/")
	if resp, _ := b.do("POST", "/admin/users", url.Values{"_csrf": {tok}, "username": {"x_new"}, "role": {"admin"},
		"password": {testPassword}, "password_confirm": {testPassword}}); resp.StatusCode != 403 {
		t.Errorf("operator creating a user: %d", resp.StatusCode)
	}
	if resp, _ := b.do("POST", "/admin/users/"+userID(t, e, "op_pbg")+"/password", url.Values{"_csrf": {tok},
		"password": {"kata-sandi-Baru-456"}, "password_confirm": {"kata-sandi-Baru-456"}}); resp.StatusCode != 403 {
		t.Errorf("operator resetting a password: %d", resp.StatusCode)
	}
}

func TestAdminCreatesAUserAndErrorsKeepWhatWasTyped(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.login("admin1")
	if resp, body := b.do("GET", "/admin/users?q=bjn", nil); resp.StatusCode != 200 || !strings.Contains(body, "op_bjn") || strings.Contains(body, "op_pbg") {
		t.Fatalf("search: %d", resp.StatusCode)
	}
	if _, body := b.do("GET", "/", nil); !strings.Contains(body, `href="/admin/users"`) {
		t.Fatal("no Pengguna link in the admin's navigation")
	}
	const typed = "sandi-Rahasia-789"
	tok := b.csrf("/admin/users/new")
	resp, body := b.do("POST", "/admin/users", url.Values{"_csrf": {tok}, "username": {"op_sm"}, "name": {"Bu Sari"},
		"nip": {"198001012005012002"}, "role": {"operator"}, "office": {"Kk.11.99"},
		"password": {typed}, "password_confirm": {typed + "x"}})
	if resp.StatusCode != 400 {
		t.Fatalf("bad office: %d", resp.StatusCode)
	}
	for _, want := range []string{"Kode kantor tidak dikenal", "Konfirmasi kata sandi tidak sama", `value="op_sm"`,
		`value="Bu Sari"`, `value="198001012005012002"`, `<option value="operator" selected`, `name="_csrf"`} {
		if !strings.Contains(body, want) {
			t.Errorf("error page lacks %q", want)
		}
	}
	if strings.Contains(body, typed) {
		t.Error("the typed password was sent back")
	}
	if n, _ := e.db.NewSelect().Model((*models.User)(nil)).Where("username = ?", "op_sm").Count(context.Background()); n != 0 {
		t.Fatal("a user was created from an invalid form")
	}
	tok = b.csrf("/admin/users/new")
	resp, _ = b.do("POST", "/admin/users", url.Values{"_csrf": {tok}, "username": {"op_sm"}, "name": {"Bu Sari"},
		"role": {"operator"}, "office": {"Kk.11.03"}, "password": {typed}, "password_confirm": {typed}})
	if resp.StatusCode != 303 || !strings.HasPrefix(resp.Header.Get("Location"), "/admin/users/") {
		t.Fatalf("create: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, body := b.do("GET", resp.Header.Get("Location"), nil); !strings.Contains(body, "Pengguna op_sm dibuat") || !strings.Contains(body, "Kk.11.03") {
		t.Fatal("detail page after create lacks the flash or the office")
	}
	if st := e.tryLogin("op_sm", typed, ""); st != 303 {
		t.Fatalf("new user's login: %d", st)
	}
}

func TestAdminResetsAPasswordAndRevokesTokens(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	b.login("admin1")
	victim := e.browser()
	victim.login("op_pbg")
	id := userID(t, e, "op_pbg")
	tok := b.csrf("/admin/users/" + id)
	resp, body := b.do("POST", "/admin/users/"+id+"/password", url.Values{"_csrf": {tok}, "password": {"pendek"}, "password_confirm": {"pendek"}})
	if resp.StatusCode != 400 || !strings.Contains(body, "minimal 10 karakter") || strings.Contains(body, `value="pendek"`) {
		t.Fatalf("short password: %d", resp.StatusCode)
	}
	const next = "kata-sandi-Baru-456"
	tok = b.csrf("/admin/users/" + id)
	if resp, _ := b.do("POST", "/admin/users/"+id+"/password", url.Values{"_csrf": {tok}, "password": {next}, "password_confirm": {next}}); resp.StatusCode != 303 {
		t.Fatalf("reset: %d", resp.StatusCode)
	}
	if st := e.tryLogin("op_pbg", testPassword, ""); st != 401 {
		t.Fatalf("old password after reset: %d", st)
	}
	if resp, _ := victim.do("GET", "/proposals", nil); resp.StatusCode != 302 {
		t.Fatalf("a session opened before the reset: %d, want 302 to login", resp.StatusCode)
	}
	if st := e.tryLogin("op_pbg", next, ""); st != 303 {
		t.Fatalf("new password: %d", st)
	}

	// Using a token records when; revoking makes it 401.
	if st := e.api("op_pbg", "GET", "/api/v1/proposals", nil, nil); st != 200 {
		t.Fatalf("token: %d", st)
	}
	if _, body := b.do("GET", "/admin/users/"+id, nil); !strings.Contains(body, "1 token") || !strings.Contains(body, "terakhir dipakai") {
		t.Fatal("detail page does not show the token and its last use")
	}
	tok = b.csrf("/admin/users/" + id)
	if resp, _ := b.do("POST", "/admin/users/"+id+"/tokens/revoke", url.Values{"_csrf": {tok}}); resp.StatusCode != 303 {
		t.Fatalf("revoke: %d", resp.StatusCode)
	}
	if st := e.api("op_pbg", "GET", "/api/v1/proposals", nil, nil); st != 401 {
		t.Fatalf("revoked token: %d, want 401", st)
	}
	if st := e.api("kp_pbg", "GET", "/api/v1/proposals", nil, nil); st != 200 {
		t.Fatalf("another user's token: %d", st)
	}
}

func userID(t *testing.T, e *env, username string) string {
	t.Helper()
	u, err := auth.UserByUsername(context.Background(), e.db, username)
	if err != nil {
		t.Fatal(err)
	}
	return itoa(u.ID)
}
