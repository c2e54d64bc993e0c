package auth

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/config"
	"github.com/kemenagjateng/usulan/app/db/dbtest"
	"github.com/kemenagjateng/usulan/models"
)

const pw = "rahasia-Sekali-123"

// testClock is where every test of this package starts; a test moves it
// when it needs time to pass.
var testStart = time.Date(2026, 11, 30, 3, 0, 0, 0, time.UTC)

func setup(t *testing.T, users ...string) (*bun.DB, *Service, map[string]*models.User) {
	t.Helper()
	t.Parallel()
	d := dbtest.Open(t)
	cheap := config.CheapPasswordHash
	s := New(d, clock.NewManual(testStart), &cheap)
	out := map[string]*models.User{}
	for _, name := range users {
		u, err := s.CreateUser(context.Background(), NewUser{Username: name, Role: models.RoleVerifikator, Password: pw})
		if err != nil {
			t.Fatalf("create %s: %v", name, err)
		}
		out[name] = u
	}
	return d, s, out
}

func status(err error) int {
	if err == nil {
		return 200
	}
	if e, ok := apperror.As(err); ok {
		return e.Status
	}
	return 500
}

func failures(t *testing.T, d bun.IDB, key string) int {
	t.Helper()
	n, err := d.NewSelect().Model((*loginAttempt)(nil)).Where("key = ?", key).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func TestWrongLoginsOfOneUserDoNotLockOthersBehindTheSameAddress(t *testing.T) {
	_, s, _ := setup(t, "ani", "budi")
	ctx := context.Background()
	const nat = "203.0.113.7"
	for i := 0; i < MaxFailures; i++ {
		if _, err := s.Login(ctx, "ani", "salah-terus-123", nat); status(err) != 401 {
			t.Fatalf("wrong attempt %d: %v", i+1, err)
		}
	}
	if _, err := s.Login(ctx, "budi", pw, nat); err != nil {
		t.Fatalf("another user behind the same address is locked out: %v", err)
	}
	if _, err := s.Login(ctx, "ani", pw, nat); status(err) != 429 {
		t.Fatalf("the guessed user from the same address with the right password: %v, want 429", err)
	}
	if _, err := s.Login(ctx, "ani", pw, "198.51.100.1"); err != nil {
		t.Fatalf("the guessed user from another address: %v", err)
	}
}

func TestGuessingOneUserFromManyAddressesLocksTheUser(t *testing.T) {
	d, s, _ := setup(t, "ani")
	ctx := context.Background()
	for i := 0; i < MaxUserFailures; i++ {
		if _, err := s.Login(ctx, "ani", "salah-terus-123", "10.1.0."+strconv.Itoa(i)); status(err) != 401 {
			t.Fatalf("wrong attempt %d: %v", i+1, err)
		}
	}
	if _, err := s.Login(ctx, "ani", pw, "10.2.0.1"); status(err) != 429 {
		t.Fatalf("after %d failures from as many addresses: %v, want 429", MaxUserFailures, err)
	}
	// A refused attempt is not kept, so it does not stretch the lock.
	if n := failures(t, d, "user:ani"); n != MaxUserFailures {
		t.Fatalf("user counter %d, want %d", n, MaxUserFailures)
	}
}

func TestParallelWrongLoginsCannotOutrunTheLimit(t *testing.T) {
	d, s, _ := setup(t, "ani")
	const n = 20
	var wg sync.WaitGroup
	codes := make(chan int, n)
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, err := s.Login(context.Background(), "ani", "salah-terus-123", "203.0.113.7")
			codes <- status(err)
		}()
	}
	close(start)
	wg.Wait()
	close(codes)
	count := map[int]int{}
	for c := range codes {
		count[c]++
	}
	if count[401] < 1 || count[401] > MaxFailures || count[401]+count[429] != n {
		t.Fatalf("outcomes %v: at most %d passwords may be checked, the rest refused", count, MaxFailures)
	}
	pair, _ := loginKeys("ani", "203.0.113.7")
	if got := failures(t, d, pair); got != count[401] {
		t.Fatalf("%d failures kept, %d passwords checked", got, count[401])
	}
}

func TestSuccessForgetsThePairsFailuresButNotOtherAddresses(t *testing.T) {
	d, s, _ := setup(t, "ani")
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		s.Login(ctx, "ani", "salah-terus-123", "10.0.0.1")
	}
	s.Login(ctx, "ani", "salah-terus-123", "10.0.0.2")
	if _, err := s.Login(ctx, "ani", pw, "10.0.0.1"); err != nil {
		t.Fatal(err)
	}
	p1, user := loginKeys("ani", "10.0.0.1")
	p2, _ := loginKeys("ani", "10.0.0.2")
	if a, b, u := failures(t, d, p1), failures(t, d, p2), failures(t, d, user); a != 0 || b != 1 || u != 4 {
		t.Fatalf("after success: pair %d (want 0), other pair %d (want 1), user %d (want 4)", a, b, u)
	}
}

func TestDisabledUserIsRefusedEverywhereAndComesBack(t *testing.T) {
	d, s, us := setup(t, "ani")
	ctx := context.Background()
	tok, err := s.CreateToken(ctx, "ani")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetActive(ctx, us["ani"].ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UserByToken(ctx, tok); status(err) != 401 {
		t.Fatalf("token of a disabled user: %v", err)
	}
	if _, err := UserByID(ctx, d, us["ani"].ID); status(err) != 401 {
		t.Fatalf("session of a disabled user: %v", err)
	}
	if _, err := s.Login(ctx, "ani", pw, "10.0.0.1"); status(err) != 401 {
		t.Fatalf("login of a disabled user: %v", err)
	}
	if err := s.SetActive(ctx, us["ani"].ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UserByToken(ctx, tok); err != nil {
		t.Fatalf("token after enabling: %v", err)
	}
	if err := s.SetActive(ctx, 999999, false); status(err) != 404 {
		t.Fatalf("missing user: %v", err)
	}
}

func TestTokenUseIsRecordedAtMostHourly(t *testing.T) {
	d, s, us := setup(t, "ani")
	ctx := context.Background()
	tok, _ := s.CreateToken(ctx, "ani")
	lastUsed := func() *time.Time {
		var tk models.APIToken
		if err := d.NewSelect().Model(&tk).Where("user_id = ?", us["ani"].ID).Scan(ctx); err != nil {
			t.Fatal(err)
		}
		return tk.LastUsedAt
	}
	if lastUsed() != nil {
		t.Fatal("a new token has a last use")
	}
	if _, err := s.UserByToken(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if lu := lastUsed(); lu == nil || !lu.Equal(testStart) {
		t.Fatalf("first use not recorded at %v: %v", testStart, lu)
	}
	clk := s.Clock.(*clock.Manual)
	clk.Advance(TokenTouchInterval - time.Second)
	s.UserByToken(ctx, tok)
	if lu := lastUsed(); lu == nil || !lu.Equal(testStart) {
		t.Fatalf("rewritten within the hour: %v, want %v", lu, testStart)
	}
	clk.Advance(2 * time.Second)
	s.UserByToken(ctx, tok)
	if lu := lastUsed(); lu == nil || !lu.Equal(clk.Now()) {
		t.Fatalf("stale last use not refreshed to %v: %v", clk.Now(), lu)
	}
	sum, err := Tokens(ctx, d, us["ani"].ID)
	if err != nil || sum.Count != 1 || sum.LastUsed == nil {
		t.Fatalf("summary %+v %v", sum, err)
	}
}

func TestRevokeTokensDeletesAllOfOneUsersTokens(t *testing.T) {
	_, s, us := setup(t, "ani", "budi")
	ctx := context.Background()
	t1, _ := s.CreateToken(ctx, "ani")
	t2, _ := s.CreateToken(ctx, "ani")
	tb, _ := s.CreateToken(ctx, "budi")
	n, err := s.RevokeTokens(ctx, us["ani"].ID)
	if err != nil || n != 2 {
		t.Fatalf("revoked %d, %v", n, err)
	}
	for _, tok := range []string{t1, t2} {
		if _, err := s.UserByToken(ctx, tok); status(err) != 401 {
			t.Fatalf("revoked token still works: %v", err)
		}
	}
	if _, err := s.UserByToken(ctx, tb); err != nil {
		t.Fatalf("another user's token was revoked: %v", err)
	}
}

func TestSetPasswordFollowsTheRulesAndUnlocks(t *testing.T) {
	_, s, us := setup(t, "ani")
	ctx := context.Background()
	id := us["ani"].ID
	bad := "lain-lagi-9876"
	err := s.SetPassword(ctx, id, "pendek", &bad)
	if e, ok := apperror.As(err); !ok || e.Status != 400 || e.Fields["password"] == "" || e.Fields["password_confirm"] == "" {
		t.Fatalf("short, unconfirmed password: %v", err)
	}
	for i := 0; i <= MaxFailures; i++ {
		s.Login(ctx, "ani", "salah-terus-123", "10.0.0.1")
	}
	const next = "kata-sandi-Baru-456"
	if err := s.SetPassword(ctx, id, next, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Login(ctx, "ani", next, "10.0.0.1"); err != nil {
		t.Fatalf("new password, after a reset of a locked user: %v", err)
	}
	if _, err := s.Login(ctx, "ani", pw, "10.0.0.3"); !errors.Is(err, ErrBadCredentials) {
		t.Fatalf("old password: %v", err)
	}
	if err := s.SetPassword(ctx, 999999, next, nil); status(err) != 404 {
		t.Fatalf("missing user: %v", err)
	}
}

func TestCreateUserChecksConfirmationAndOfficeKind(t *testing.T) {
	_, s, _ := setup(t)
	ctx := context.Background()
	other := "bukan-yang-sama"
	_, err := s.CreateUser(ctx, NewUser{Username: "ver9", Role: models.RoleVerifikator, OfficeCode: "Kk.11.03",
		NIP: "1980", Password: pw, Confirm: &other})
	e, ok := apperror.As(err)
	if !ok || e.Fields["password_confirm"] == "" || e.Fields["office"] == "" || !strings.HasPrefix(e.Fields["nip"], "NIP harus 18 angka") {
		t.Fatalf("verifier with a regency office, a short NIP and a wrong confirmation: %v", err)
	}
	u, err := s.CreateUser(ctx, NewUser{Username: "ver9", Role: models.RoleVerifikator, NIP: "19800101 200501 2 002",
		Password: pw, Confirm: &[]string{pw}[0]})
	if err != nil || u.NIP != "198001012005012002" || u.OfficeID != nil {
		t.Fatalf("valid verifier: %+v %v", u, err)
	}
}

func TestListUsersSearchesAndPages(t *testing.T) {
	d, _, _ := setup(t, "ani", "budi", "ani_2", "anix")
	ctx := context.Background()
	// "_" is a literal, not a wildcard.
	if us, n, err := ListUsers(ctx, d, UserFilter{Q: "ani_"}); err != nil || n != 1 || len(us) != 1 || us[0].Username != "ani_2" {
		t.Fatalf("search ani_: %d %v %v", n, us, err)
	}
	us, n, err := ListUsers(ctx, d, UserFilter{Page: 2, PerPage: 3})
	if err != nil || n != 4 || len(us) != 1 || us[0].Username != "budi" {
		t.Fatalf("page 2: %d %v %v", n, us, err)
	}
}

// TestFailuresExpireAfterTheWindow moves the clock: a locked pair is refused
// until FailureWindow has passed since its failures, then let in.
func TestFailuresExpireAfterTheWindow(t *testing.T) {
	_, s, _ := setup(t, "ani")
	ctx := context.Background()
	clk := s.Clock.(*clock.Manual)
	for i := 0; i < MaxFailures; i++ {
		if _, err := s.Login(ctx, "ani", "salah-terus-123", "10.0.0.9"); status(err) != 401 {
			t.Fatalf("wrong attempt %d: %v", i+1, err)
		}
	}
	if _, err := s.Login(ctx, "ani", pw, "10.0.0.9"); !errors.Is(err, ErrTooManyAttempts) {
		t.Fatalf("locked pair let in: %v", err)
	}
	clk.Advance(FailureWindow - time.Second)
	if _, err := s.Login(ctx, "ani", pw, "10.0.0.9"); !errors.Is(err, ErrTooManyAttempts) {
		t.Fatalf("one second before the window ends: %v", err)
	}
	clk.Advance(time.Second)
	if _, err := s.Login(ctx, "ani", pw, "10.0.0.9"); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}

// TestConfigLoadNeverWeakensTheHash checks that production parameters come
// from the environment only upward.
func TestConfigLoadNeverWeakensTheHash(t *testing.T) {
	t.Setenv("ARGON2_MEMORY_KIB", "1024")
	if _, err := config.Load(); err == nil {
		t.Fatal("1 MiB accepted")
	}
	t.Setenv("ARGON2_MEMORY_KIB", "65536")
	c, err := config.Load()
	if err != nil || c.PasswordHash.Memory != 65536 || c.PasswordHash.Iterations != config.DefaultPasswordHash.Iterations {
		t.Fatalf("stronger memory: %+v %v", c.PasswordHash, err)
	}
}
