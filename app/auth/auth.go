// Package auth keeps users, password hashes (argon2id), API tokens (stored as
// SHA-256) and the login rate limit. There are no default accounts: the first
// admin is made with `usulan user create`.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/hex"
	"errors"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/alexedwards/argon2id"
	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/app/audit"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/config"
	appdb "github.com/kemenagjateng/usulan/app/db"
	"github.com/kemenagjateng/usulan/app/input"
	"github.com/kemenagjateng/usulan/models"
)

// Service keeps users, passwords, tokens and login limits in one database,
// on one clock. Hash are the argon2id parameters of new password hashes
// (config.Config.PasswordHash).
type Service struct {
	DB    bun.IDB
	Clock clock.Clock
	Hash  *argon2id.Params

	dummyOnce sync.Once
	dummy     string
}

// New returns a Service; hash nil means config.DefaultPasswordHash.
func New(db bun.IDB, clk clock.Clock, hash *argon2id.Params) *Service {
	if hash == nil {
		p := config.DefaultPasswordHash
		hash = &p
	}
	return &Service{DB: db, Clock: clk, Hash: hash}
}

// WithDB returns a copy of s working in db (e.g. a transaction).
func (s *Service) WithDB(db bun.IDB) *Service { return &Service{DB: db, Clock: s.Clock, Hash: s.Hash} }

func (s *Service) now() time.Time { return s.Clock.Now().UTC() }

// dummyHash is compared against when the user does not exist, so a login's
// time does not tell whether a username exists. It is made on first use,
// not at start-up.
func (s *Service) dummyHash() string {
	s.dummyOnce.Do(func() { s.dummy, _ = s.HashPassword(context.Background(), "usulan-dummy-password") })
	return s.dummy
}

// hashSlots bounds the argon2id computations running at once: each
// allocates its memory parameter (19 MiB) afresh, so 32 logins at once took
// the server past 120 MB. One at a time keeps the heap at about twice that
// (measured: 32 concurrent hashes peak at 52 MB RSS with one slot, 91 MB with
// two); a hash takes about 40 ms, so the 32nd login waits about 1.3 s. The
// others wait their turn, or give up with their request.
var hashSlots = make(chan struct{}, 1)

func acquireHashSlot(ctx context.Context) error {
	select {
	case hashSlots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// bigHash is the memory parameter (KiB) from which a finished hash's block
// is handed back at once (the tests' cheap parameters stay below it).
const bigHash = 4096

// releaseHashSlot frees the slot. After a big hash it first collects the
// hash's block (19 MiB with the default parameters), garbage by now, and
// hands its pages back to the system: without it the heap grows to twice
// its live size between collections (measured on a fresh server, 32
// concurrent logins: 88 MB peak RSS with one slot alone, 68 MB with
// runtime.GC, 48 MB with debug.FreeOSMemory). Collecting this small heap and
// faulting the block in again cost a few milliseconds against about 40 ms
// for the hash.
func releaseHashSlot(memoryKiB uint32) {
	if memoryKiB >= bigHash {
		debug.FreeOSMemory()
	}
	<-hashSlots
}

// HashPassword hashes a password with s.Hash, within the bound on concurrent
// hashes.
func (s *Service) HashPassword(ctx context.Context, password string) (string, error) {
	if err := acquireHashSlot(ctx); err != nil {
		return "", err
	}
	defer releaseHashSlot(s.Hash.Memory)
	return argon2id.CreateHash(password, s.Hash)
}

// comparePassword checks a password against a hash, within the bound on
// concurrent hashes.
func comparePassword(ctx context.Context, password, hash string) (bool, error) {
	var memory uint32
	if p, _, _, err := argon2id.DecodeHash(hash); err == nil {
		memory = p.Memory
	}
	if err := acquireHashSlot(ctx); err != nil {
		return false, err
	}
	defer releaseHashSlot(memory)
	return argon2id.ComparePasswordAndHash(password, hash)
}

// MinPasswordLength and MaxPasswordLength bound a new password, in characters.
const (
	MinPasswordLength = 10
	MaxPasswordLength = 200
)

// NewUser is the input of CreateUser (the new-user form, the command
// line). Its validate tags are its field rules (app/input); the office is
// checked against the role by CreateUser.
type NewUser struct {
	Username   string      `json:"username" form:"username" validate:"username"`
	Name       string      `json:"name" form:"name" validate:"max=200" msg:"Nama paling panjang 200 karakter."`
	NIP        string      `json:"nip" form:"nip" validate:"omitempty,nip" label:"NIP"`
	Role       models.Role `json:"role" form:"role" validate:"role"`
	OfficeCode string      `json:"office" form:"office"`
	Password   string      `json:"password" form:"password" validate:"min=10,max=200" msg_min:"Kata sandi minimal 10 karakter." msg_max:"Kata sandi paling panjang 200 karakter."`
	// Confirm, when set, must equal Password (forms ask for it twice).
	Confirm *string `json:"password_confirm" form:"password_confirm" validate:"omitnil,eqfield=Password" msg:"Konfirmasi kata sandi tidak sama."`
}

// Normalize trims the username, the name and the office and writes the NIP
// without spaces.
func (in *NewUser) Normalize() {
	in.Username, in.Name, in.OfficeCode = strings.TrimSpace(in.Username), strings.TrimSpace(in.Name), strings.TrimSpace(in.OfficeCode)
	in.NIP = models.NormalizeNIP(strings.TrimSpace(in.NIP))
}

// CreateUser validates and stores a user. Regency roles need an office;
// provincial roles must not have a regency office. Errors are *apperror.Error
// with field names (username, role, office, password).
func (s *Service) CreateUser(ctx context.Context, in NewUser) (*models.User, error) {
	db := s.DB
	fields := input.Problems(&in)
	officeID, err := roleOffice(ctx, db, in.Role, in.OfficeCode, fields)
	if err != nil {
		return nil, err
	}
	if len(fields) > 0 {
		return nil, apperror.Invalid(fields)
	}
	if n, err := db.NewSelect().Model((*models.User)(nil)).Where("username = ?", in.Username).Count(ctx); err != nil {
		return nil, err
	} else if n > 0 {
		return nil, apperror.InvalidField("username", "Nama pengguna sudah dipakai.")
	}
	hash, err := s.HashPassword(ctx, in.Password)
	if err != nil {
		return nil, err
	}
	now := s.now()
	u := &models.User{Username: in.Username, Name: in.Name, NIP: in.NIP,
		Role: in.Role, OfficeID: officeID, PasswordHash: hash, Active: true, CreatedAt: now, UpdatedAt: now}
	err = appdb.InTx(ctx, db, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(u).Returning("id").Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Event{At: now, Action: audit.UserCreate,
			Subject: audit.UserSubject(u.ID, u.Username),
			Detail:  map[string]any{"name": u.Name, "nip": u.NIP, "role": string(u.Role), "office": in.OfficeCode}})
	})
	if err != nil {
		if appdb.IsUniqueViolation(err) { // created meanwhile by someone else
			return nil, apperror.InvalidField("username", "Nama pengguna sudah dipakai.")
		}
		return nil, err
	}
	return u, nil
}

// roleOffice checks that an office code suits a role (regency roles need a
// Kankemenag; provincial roles have none, or the Kanwil) and returns the
// office's id (nil for none). Problems go into fields["office"].
func roleOffice(ctx context.Context, db bun.IDB, role models.Role, code string, fields map[string]string) (*int64, error) {
	if role.Regional() && code == "" {
		fields["office"] = "Kantor wajib diisi untuk operator dan kepala."
	}
	if code == "" {
		return nil, nil
	}
	var o models.Office
	err := db.NewSelect().Model(&o).Where("code = ?", code).Scan(ctx)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		fields["office"] = "Kode kantor tidak dikenal."
	case err != nil:
		return nil, err
	case role.Regional() && o.IsKanwil():
		fields["office"] = "Operator dan kepala harus pada Kankemenag kabupaten/kota."
	case role.Valid() && !role.Regional() && !o.IsKanwil():
		fields["office"] = "Verifikator dan admin tidak terikat pada Kankemenag; kosongkan kantor."
	default:
		return &o.ID, nil
	}
	return nil, nil
}

// newPassword is a password as typed, with its confirmation when the form
// asks for it twice (MinPasswordLength … MaxPasswordLength characters).
type newPassword struct {
	Password string  `json:"password" validate:"min=10,max=200" msg_min:"Kata sandi minimal 10 karakter." msg_max:"Kata sandi paling panjang 200 karakter."`
	Confirm  *string `json:"password_confirm" validate:"omitnil,eqfield=Password" msg:"Konfirmasi kata sandi tidak sama."`
}

// UserByID loads an active user with its office.
func UserByID(ctx context.Context, db bun.IDB, id int64) (*models.User, error) {
	u := new(models.User)
	err := db.NewSelect().Model(u).Relation("Office").Where("?TableAlias.id = ?", id).
		Where("?TableAlias.active = ?", true).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperror.Unauthorized()
	}
	return u, err
}

// UserByUsername loads a user with its office.
func UserByUsername(ctx context.Context, db bun.IDB, username string) (*models.User, error) {
	u := new(models.User)
	err := db.NewSelect().Model(u).Relation("Office").Where("?TableAlias.username = ?", username).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperror.NotFound()
	}
	return u, err
}

// Login limits. Failed attempts are counted per (username, address) pair
// and per username alone, never per address alone: many people share one
// address (an office behind NAT, or the load balancer in front of the app
// servers), and one person's typos must not lock out the others.
const (
	// MaxFailures is how many failed logins one username may have from one
	// address within FailureWindow; the next attempt is refused.
	MaxFailures = 5
	// MaxUserFailures is how many failed logins one username may have from
	// all addresses together within FailureWindow (guessing spread over
	// many addresses).
	MaxUserFailures = 20
	FailureWindow   = 15 * time.Minute
)

// ErrBadCredentials is returned for a wrong username or password (one message for both).
var ErrBadCredentials = &apperror.Error{Status: 401, Message: "Nama pengguna atau kata sandi salah."}

// ErrTooManyAttempts is returned while a username is locked.
var ErrTooManyAttempts = apperror.TooManyRequests("Terlalu banyak percobaan masuk. Coba lagi 15 menit lagi.")

// loginKeys are the attempt counters of one login: the (username, address)
// pair and the username alone. Usernames are at most 40 characters; longer
// input is cut so it cannot bloat the table.
func loginKeys(username, remote string) (pair, user string) {
	if len(username) > 64 {
		username = username[:64]
	}
	if len(remote) > 64 {
		remote = remote[:64]
	}
	return "pair:" + remote + "|" + username, "user:" + username
}

// Login checks a username and password. Every attempt is first recorded and
// then counted, the new one included, so parallel attempts cannot all slip
// under the limit: past MaxFailures for the (username, address) pair or
// MaxUserFailures for the username it refuses (429) without checking the
// password, and forgets the refused attempt. A success forgets the pair's
// failures.
func (s *Service) Login(ctx context.Context, username, password, remote string) (*models.User, error) {
	db := s.DB
	username = strings.TrimSpace(username)
	now := s.now()
	pairKey, userKey := loginKeys(username, remote)
	rows := []loginAttempt{{Key: pairKey, CreatedAt: now}, {Key: userKey, CreatedAt: now}}
	if _, err := db.NewInsert().Model(&rows).Returning("id").Exec(ctx); err != nil {
		return nil, err
	}
	ids := []int64{rows[0].ID, rows[1].ID}
	forget := func() error {
		_, err := db.NewDelete().Model((*loginAttempt)(nil)).Where("id IN (?)", bun.List(ids)).Exec(ctx)
		return err
	}
	for _, lim := range []struct {
		key string
		max int64
	}{{pairKey, MaxFailures}, {userKey, MaxUserFailures}} {
		n, err := db.NewSelect().Model((*loginAttempt)(nil)).Where("key = ?", lim.key).
			Where("created_at > ?", now.Add(-FailureWindow)).Count(ctx)
		if err != nil {
			return nil, err
		}
		if n > lim.max {
			if err := forget(); err != nil {
				return nil, err
			}
			return nil, ErrTooManyAttempts
		}
	}
	u, err := UserByUsername(ctx, db, username)
	hash := s.dummyHash()
	if err == nil && u.Active {
		hash = u.PasswordHash
	}
	ok, cmpErr := comparePassword(ctx, password, hash)
	if cmpErr != nil || !ok || err != nil || !u.Active {
		return nil, ErrBadCredentials // the attempt stays counted
	}
	if _, err := db.NewDelete().Model((*loginAttempt)(nil)).
		Where("key = ? OR id IN (?)", pairKey, bun.List(ids)).Exec(ctx); err != nil {
		return nil, err
	}
	return u, nil
}

// loginAttempt is one login attempt under one counter key ("pair:ADDR|USER"
// or "user:USER"); failed ones are kept for FailureWindow.
type loginAttempt struct {
	bun.BaseModel `bun:"table:login_attempts"`
	ID            int64     `bun:"id,pk,autoincrement"`
	Key           string    `bun:"key,notnull"`
	CreatedAt     time.Time `bun:"created_at,notnull"`
}

// TokenPrefix starts every API token, so a leaked one is easy to recognise.
const TokenPrefix = "usl_"

// CreateToken makes a new API token for username and returns it in clear;
// only its SHA-256 is stored, so it is shown once.
func (s *Service) CreateToken(ctx context.Context, username string) (string, error) {
	db := s.DB
	u, err := UserByUsername(ctx, db, username)
	if err != nil {
		return "", err
	}
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return "", err
	}
	token := TokenPrefix + hex.EncodeToString(buf)
	t := &models.APIToken{UserID: u.ID, TokenHash: hashToken(token), CreatedAt: s.now()}
	err = appdb.InTx(ctx, db, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.NewInsert().Model(t).Returning("id").Exec(ctx); err != nil {
			return err
		}
		// The token's id, never the token or its hash.
		return audit.Record(ctx, tx, audit.Event{At: t.CreatedAt, Action: audit.TokenCreate,
			Subject: audit.UserSubject(u.ID, u.Username), Detail: map[string]any{"token_id": t.ID}})
	})
	if err != nil {
		return "", err
	}
	return token, nil
}

// UserByToken finds the active user owning a token.
func (s *Service) UserByToken(ctx context.Context, token string) (*models.User, error) {
	db := s.DB
	if !strings.HasPrefix(token, TokenPrefix) {
		return nil, apperror.Unauthorized()
	}
	h := hashToken(token)
	var t models.APIToken
	err := db.NewSelect().Model(&t).Where("token_hash = ?", h).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperror.Unauthorized()
	}
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare([]byte(t.TokenHash), []byte(h)) != 1 {
		return nil, apperror.Unauthorized()
	}
	u, err := UserByID(ctx, db, t.UserID) // a disabled user's tokens are refused
	if err != nil {
		return nil, err
	}
	if err := touchToken(ctx, db, &t, s.now()); err != nil {
		return nil, err
	}
	return u, nil
}

// TokenTouchInterval is how stale api_tokens.last_used_at may get: it is
// written at most once per interval per token, not on every request.
const TokenTouchInterval = time.Hour

// touchToken records that t was used at now, unless it was recorded less than
// TokenTouchInterval ago. The WHERE repeats the check, so parallel requests
// write it once.
func touchToken(ctx context.Context, db bun.IDB, t *models.APIToken, now time.Time) error {
	stale := now.Add(-TokenTouchInterval)
	if t.LastUsedAt != nil && t.LastUsedAt.After(stale) {
		return nil
	}
	_, err := db.NewUpdate().Model((*models.APIToken)(nil)).Set("last_used_at = ?", now).
		Where("id = ?", t.ID).Where("(last_used_at IS NULL OR last_used_at < ?)", stale).Exec(ctx)
	return err
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
