package auth

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"
)

// No more than cap(hashSlots) hashes run at once, however many logins come,
// and a request that gives up while waiting gets no hash.
func TestConcurrentHashesAreBounded(t *testing.T) {
	var running, peak atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < 12; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := acquireHashSlot(context.Background()); err != nil {
				t.Error(err)
				return
			}
			n := running.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(2 * time.Millisecond)
			running.Add(-1)
			releaseHashSlot(0)
		}()
	}
	wg.Wait()
	if peak.Load() > int64(cap(hashSlots)) || cap(hashSlots) != 1 {
		t.Fatalf("%d hashes ran at once, slots %d; want at most 1", peak.Load(), cap(hashSlots))
	}
	ctx, cancel := context.WithCancel(context.Background())
	hashSlots <- struct{}{}
	cancel()
	s := &Service{Hash: &argon2id.Params{Memory: 8, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}}
	if _, err := s.HashPassword(ctx, "rahasia-Sekali-123"); err == nil {
		t.Fatal("a hash waiting for a slot ignored its cancelled request")
	}
	<-hashSlots
}
