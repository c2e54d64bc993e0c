// Package config reads the application's settings from the environment
// (API.md: DATABASE_URL, ADDR, SECRET_KEY, BASE_URL, LOG_FORMAT; also
// DATA_DIR, UPLOAD_LIMIT_BYTES, SMTP_URL, TRUSTED_PROXIES).
package config

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/alexedwards/argon2id"
)

// Config is the whole configuration of one process.
type Config struct {
	DatabaseURL  string // postgres://… or sqlite://PATH / file:PATH
	Addr         string // listen address, e.g. ":3000"
	BaseURL      string // public URL, used in verification links
	SecretKey    string // signs sessions' cookies; generated into the data folder when absent
	LogFormat    string // "text" or "json"
	DataDir      string // where the default SQLite file and the generated secret live
	UploadLimit  int    // bytes, per uploaded document
	SecureCookie bool   // set cookies with Secure (on when BASE_URL is https)
	// SMTPURL, when set, sends notifications by e-mail too:
	// smtp://user:pass@host:587?from=usulan@example.go.id (see notify.ParseSMTPURL).
	SMTPURL string
	// TrustedProxies (TRUSTED_PROXIES, comma-separated IPs or CIDRs) are the
	// reverse proxies / load balancers whose X-Forwarded-For names the client.
	// Empty: none, the client is the connection's peer.
	TrustedProxies []string
	// PasswordHash are the argon2id parameters of new password hashes
	// (ARGON2_MEMORY_KIB, ARGON2_ITERATIONS; never below
	// DefaultPasswordHash). Tests build a Config with cheap ones; a stored
	// hash carries its own parameters, so verifying is unaffected.
	PasswordHash *argon2id.Params
}

// DefaultPasswordHash is OWASP's minimum for argon2id: 19 MiB, 2 passes,
// 1 lane. Load never goes below it.
var DefaultPasswordHash = argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// CheapPasswordHash is for tests only: the smallest argon2id work, so a
// suite that creates hundreds of users spends no time hashing. Load never
// returns it.
var CheapPasswordHash = argon2id.Params{Memory: 8, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// DefaultDatabaseURL is the embedded SQLite file used when nothing is configured.
const DefaultDatabaseURL = "sqlite://data/usulan.db"

// Load reads the environment. It never fails for a missing variable: every
// setting has a default that works on a fresh machine.
func Load() (*Config, error) {
	c := &Config{
		DatabaseURL: env("DATABASE_URL", DefaultDatabaseURL),
		Addr:        env("ADDR", ":3000"),
		BaseURL:     strings.TrimRight(env("BASE_URL", ""), "/"),
		SecretKey:   os.Getenv("SECRET_KEY"),
		LogFormat:   env("LOG_FORMAT", "text"),
		DataDir:     env("DATA_DIR", "data"),
		UploadLimit: 2 << 20,
		SMTPURL:     os.Getenv("SMTP_URL"),
	}
	if v := os.Getenv("UPLOAD_LIMIT_BYTES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("UPLOAD_LIMIT_BYTES: %q bukan bilangan bulat positif", v)
		}
		c.UploadLimit = n
	}
	tp, err := parseTrustedProxies(os.Getenv("TRUSTED_PROXIES"))
	if err != nil {
		return nil, err
	}
	c.TrustedProxies = tp
	ph := DefaultPasswordHash
	for _, v := range []struct {
		key string
		dst *uint32
	}{{"ARGON2_MEMORY_KIB", &ph.Memory}, {"ARGON2_ITERATIONS", &ph.Iterations}} {
		if raw := os.Getenv(v.key); raw != "" {
			n, err := strconv.ParseUint(raw, 10, 32)
			if err != nil || uint32(n) < *v.dst {
				return nil, fmt.Errorf("%s: %q harus bilangan bulat paling sedikit %d", v.key, raw, *v.dst)
			}
			*v.dst = uint32(n)
		}
	}
	c.PasswordHash = &ph
	if c.BaseURL == "" {
		host := c.Addr
		if strings.HasPrefix(host, ":") {
			host = "localhost" + host
		}
		c.BaseURL = "http://" + host
	}
	c.SecureCookie = strings.HasPrefix(c.BaseURL, "https://")
	return c, nil
}

// EnsureSecret returns SECRET_KEY, or a key kept in DataDir/secret.key,
// created on first use with 32 random bytes.
func (c *Config) EnsureSecret() (string, error) {
	if c.SecretKey != "" {
		return c.SecretKey, nil
	}
	path := filepath.Join(c.DataDir, "secret.key")
	if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) >= 32 {
		c.SecretKey = strings.TrimSpace(string(b))
		return c.SecretKey, nil
	}
	if err := os.MkdirAll(c.DataDir, 0o700); err != nil {
		return "", err
	}
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return "", err
	}
	c.SecretKey = hex.EncodeToString(buf)
	if err := os.WriteFile(path, []byte(c.SecretKey+"\n"), 0o600); err != nil {
		return "", err
	}
	return c.SecretKey, nil
}

// parseTrustedProxies reads TRUSTED_PROXIES: IPs or CIDRs, comma-separated.
func parseTrustedProxies(v string) ([]string, error) {
	var out []string
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked().String())
		} else if a, err := netip.ParseAddr(f); err == nil {
			out = append(out, a.Unmap().String()) // the form Fiber compares with
		} else {
			return nil, fmt.Errorf("TRUSTED_PROXIES: %q bukan alamat IP atau CIDR", f)
		}
	}
	return out, nil
}

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
