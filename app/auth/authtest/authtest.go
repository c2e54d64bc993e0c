// Package authtest gives tests an auth.Service that hashes passwords with
// config.CheapPasswordHash, so creating users costs microseconds, not the
// 19 MiB and tens of milliseconds a production hash takes.
package authtest

import (
	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/app/auth"
	"github.com/kemenagjateng/usulan/app/clock"
	"github.com/kemenagjateng/usulan/app/config"
)

// New returns an auth.Service on db and clk with cheap password hashing.
func New(db bun.IDB, clk clock.Clock) *auth.Service {
	p := config.CheapPasswordHash
	return auth.New(db, clk, &p)
}
