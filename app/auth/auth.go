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
	"strings"
	"time"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"
	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/apperror"
	"github.com/kemenagjateng/usulan/models"
)

// Params are the argon2id parameters (OWASP's 19 MiB, 2 passes, 1 lane).
var Params = &argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// MinPasswordLength is the shortest password accepted, in characters.
const MinPasswordLength = 10

// dummyHash is compared against when the user does not exist, so a login's
// time does not tell whether a username exists.
var dummyHash, _ = argon2id.CreateHash("usulan-dummy-password", Params)

// NewUser is the input of CreateUser.
type NewUser struct {
	Username   string
	Name       string
	NIP        string
	Role       models.Role
	OfficeCode string
	Password   string
}

// CreateUser validates and stores a user. Regency roles need an office;
// provincial roles must not have a regency office. Errors are *apperror.Error
// with field names (username, role, office, password).
func CreateUser(ctx context.Context, db bun.IDB, in NewUser) (*models.User, error) {
	fields := map[string]string{}
	in.Username = strings.TrimSpace(in.Username)
	if !validUsername(in.Username) {
		fields["username"] = "Nama pengguna 3–40 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung."
	}
	if !in.Role.Valid() {
		fields["role"] = "Peran harus salah satu dari operator, kepala, verifikator, admin."
	}
	if utf8.RuneCountInString(in.Password) < MinPasswordLength {
		fields["password"] = "Kata sandi minimal 10 karakter."
	}
	var officeID *int64
	if in.Role.Regional() {
		if in.OfficeCode == "" {
			fields["office"] = "Kantor wajib diisi untuk operator dan kepala."
		}
	}
	if in.OfficeCode != "" {
		var o models.Office
		err := db.NewSelect().Model(&o).Where("code = ?", in.OfficeCode).Scan(ctx)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			fields["office"] = "Kode kantor tidak dikenal."
		case err != nil:
			return nil, err
		case in.Role.Regional() && o.IsKanwil():
			fields["office"] = "Operator dan kepala harus pada Kankemenag kabupaten/kota."
		default:
			officeID = &o.ID
		}
	}
	if len(fields) > 0 {
		return nil, apperror.Invalid(fields)
	}
	if n, err := db.NewSelect().Model((*models.User)(nil)).Where("username = ?", in.Username).Count(ctx); err != nil {
		return nil, err
	} else if n > 0 {
		return nil, apperror.InvalidField("username", "Nama pengguna sudah dipakai.")
	}
	hash, err := argon2id.CreateHash(in.Password, Params)
	if err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	u := &models.User{Username: in.Username, Name: strings.TrimSpace(in.Name), NIP: strings.ReplaceAll(in.NIP, " ", ""),
		Role: in.Role, OfficeID: officeID, PasswordHash: hash, Active: true, CreatedAt: now, UpdatedAt: now}
	if _, err := db.NewInsert().Model(u).Returning("id").Exec(ctx); err != nil {
		return nil, err
	}
	return u, nil
}

func validUsername(s string) bool {
	if len(s) < 3 || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return true
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

// Login limits: at most MaxFailures failed attempts per username and per
// client address within FailureWindow.
const (
	MaxFailures   = 5
	FailureWindow = 15 * time.Minute
)

// ErrBadCredentials is returned for a wrong username or password (one message for both).
var ErrBadCredentials = &apperror.Error{Status: 401, Message: "Nama pengguna atau kata sandi salah."}

// Login checks a username and password, counting failures per username and
// per address; after MaxFailures in FailureWindow it refuses (429) without
// checking the password.
func Login(ctx context.Context, db bun.IDB, username, password, remote string) (*models.User, error) {
	username = strings.TrimSpace(username)
	now := time.Now().UTC()
	keys := []string{"user:" + username, "ip:" + remote}
	for _, k := range keys {
		n, err := db.NewSelect().Model((*loginAttempt)(nil)).Where("key = ?", k).
			Where("created_at > ?", now.Add(-FailureWindow)).Count(ctx)
		if err != nil {
			return nil, err
		}
		if n >= MaxFailures {
			return nil, apperror.TooManyRequests("Terlalu banyak percobaan masuk. Coba lagi 15 menit lagi.")
		}
	}
	u, err := UserByUsername(ctx, db, username)
	hash := dummyHash
	if err == nil && u.Active {
		hash = u.PasswordHash
	}
	ok, cmpErr := argon2id.ComparePasswordAndHash(password, hash)
	if cmpErr != nil || !ok || err != nil || !u.Active {
		for _, k := range keys {
			if _, err := db.NewInsert().Model(&loginAttempt{Key: k, CreatedAt: now}).Exec(ctx); err != nil {
				return nil, err
			}
		}
		return nil, ErrBadCredentials
	}
	_, _ = db.NewDelete().Model((*loginAttempt)(nil)).Where("key IN (?)", bun.In(keys)).Exec(ctx)
	return u, nil
}

// loginAttempt is one failed login, counted per username and per address.
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
func CreateToken(ctx context.Context, db bun.IDB, username string) (string, error) {
	u, err := UserByUsername(ctx, db, username)
	if err != nil {
		return "", err
	}
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return "", err
	}
	token := TokenPrefix + hex.EncodeToString(buf)
	t := &models.APIToken{UserID: u.ID, TokenHash: hashToken(token), CreatedAt: time.Now().UTC()}
	if _, err := db.NewInsert().Model(t).Exec(ctx); err != nil {
		return "", err
	}
	return token, nil
}

// UserByToken finds the active user owning a token.
func UserByToken(ctx context.Context, db bun.IDB, token string) (*models.User, error) {
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
	return UserByID(ctx, db, t.UserID)
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
