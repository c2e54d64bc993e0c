package reports

import (
	"context"
	"fmt"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/sync/singleflight"

	"github.com/kemenagjateng/usulan/app/access"
	"github.com/kemenagjateng/usulan/app/store"
)

// MapMaxAge bounds how long a built map is served again while the data
// under it is unchanged: open stays count up to now, so a map ages even
// when nothing is written (30 seconds on stays measured in days).
const MapMaxAge = 30 * time.Second

// mapCacheSize is how many maps (period × kind × position × audience)
// are kept.
const mapCacheSize = 128

// mapKey names one built map (with its charts): the filter and the
// audience (0 for the province's roles, else the regency office whose rows
// are kept).
type mapKey struct {
	f        Filter
	audience int64
}

type mapEntry struct {
	version mapVersion
	at      time.Time
	m       *Map
	c       *Charts
}

// mapVersion identifies the data a map was built from. Every change the
// map shows writes one of these rows in its transaction: a transition an
// event (with the proposal's stays and reasons), an obstacle report an
// obstacle event, an office its updated_at.
type mapVersion struct {
	Events         int64  `bun:"events"`
	ObstacleEvents int64  `bun:"obstacle_events"`
	Offices        string `bun:"offices"`
}

// mapCache keeps built maps while their version is current and they are
// younger than MapMaxAge, and lets concurrent requests for the same map
// share one build. A map is read-only once built: callers must not change
// what Obstacles or MapAndCharts return.
type mapCache struct {
	lru   *lru.Cache[mapKey, mapEntry]
	group singleflight.Group
}

func newMapCache() *mapCache {
	c, err := lru.New[mapKey, mapEntry](mapCacheSize)
	if err != nil {
		panic(err) // only for a size below 1
	}
	return &mapCache{lru: c}
}

// version reads the current mapVersion: three index lookups.
func (s *Service) version(ctx context.Context, p access.Principal) (mapVersion, error) {
	var v mapVersion
	// The highest ids of the whole province: they say whether anything
	// changed, and nothing of another office's rows.
	st := store.For(s.DB, p).Unscoped("version of the obstacle map's data")
	err := st.ScanRaw(ctx, &v, `SELECT (SELECT coalesce(max(id), 0) FROM events) AS events,
		(SELECT coalesce(max(id), 0) FROM obstacle_events) AS obstacle_events,
		(SELECT coalesce(CAST(max(updated_at) AS TEXT), '') || ':' || CAST(count(*) AS TEXT) FROM offices) AS offices`)
	return v, err
}

// cachedBuild answers build(p, f) from the cache when it can.
func (s *Service) cachedBuild(ctx context.Context, p access.Principal, f Filter) (*Map, *Charts, error) {
	if err := f.Validate(); err != nil {
		return nil, nil, err
	}
	key := mapKey{f: f}
	if p.Regional() {
		key.audience = p.OfficeID
	}
	v, err := s.version(ctx, p)
	if err != nil {
		return nil, nil, err
	}
	now := s.Now()
	fresh := func(e mapEntry) bool {
		return e.version == v && !now.Before(e.at) && now.Sub(e.at) < MapMaxAge
	}
	if e, ok := s.maps.lru.Get(key); ok && fresh(e) {
		return e.m, e.c, nil
	}
	flight := fmt.Sprintf("%v|%v", key, v)
	res, err, _ := s.maps.group.Do(flight, func() (any, error) {
		if e, ok := s.maps.lru.Get(key); ok && fresh(e) {
			return e, nil
		}
		// The build is shared: a caller that goes away does not cancel
		// it for the others waiting on it.
		m, c, err := s.build(context.WithoutCancel(ctx), p, f)
		if err != nil {
			return nil, err
		}
		e := mapEntry{version: v, at: now, m: m, c: c}
		s.maps.lru.Add(key, e)
		return e, nil
	})
	if err != nil {
		return nil, nil, err
	}
	e := res.(mapEntry)
	return e.m, e.c, nil
}
