package crawler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// maxRobotsBytes bounds a robots.txt file (Google reads 500 KiB).
const maxRobotsBytes = 512 << 10

// errDisallowed is returned for URLs robots.txt forbids.
var errDisallowed = errors.New("disallowed by robots.txt")

// hosts holds the run-wide politeness state: a gate per host and the
// robots.txt of every origin (scheme, host and port), shared by all
// competitors.
type hosts struct {
	delay     time.Duration
	robotsOn  bool
	userAgent string
	client    *http.Client // for robots.txt
	retries   int
	backoff   time.Duration
	now       func() time.Time

	mu     sync.Mutex
	gates  map[string]*gate   // by host[:port]
	robots map[string]*robots // by origin
}

// gate lets one request at a time through to a host, with at least delay
// between the end of one request and the start of the next.
type gate struct {
	slot  chan struct{} // capacity 1: held during a request
	next  time.Time     // earliest start of the next request; guarded by slot
	delay time.Duration // max(configured delay, Crawl-delay); guarded by slot
}

// robots is one origin's robots.txt, loaded once.
type robots struct {
	origin  string
	once    sync.Once
	done    chan struct{} // closed once loaded
	group   *robotstxt.Group
	denyAll bool // robots.txt unreachable or 5xx
	// unreachable: robots.txt could not be fetched at all, so neither can
	// anything else on the origin.
	unreachable bool
	reason      string // why denyAll
	sitemaps    []string
}

func newHosts(delay time.Duration, robotsOn bool, userAgent string, client *http.Client, retries int, backoff time.Duration) *hosts {
	return &hosts{
		delay: delay, robotsOn: robotsOn, userAgent: userAgent, client: client, retries: retries, backoff: backoff,
		now: time.Now, gates: map[string]*gate{}, robots: map[string]*robots{},
	}
}

// gate returns u's host's gate.
func (hs *hosts) gate(u *url.URL) *gate {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	g := hs.gates[u.Host]
	if g == nil {
		g = &gate{slot: make(chan struct{}, 1), delay: hs.delay}
		hs.gates[u.Host] = g
	}
	return g
}

func (hs *hosts) robotsOf(u *url.URL) *robots {
	origin := u.Scheme + "://" + u.Host
	hs.mu.Lock()
	defer hs.mu.Unlock()
	r := hs.robots[origin]
	if r == nil {
		r = &robots{origin: origin, done: make(chan struct{})}
		hs.robots[origin] = r
	}
	return r
}

// acquire waits for the gate's slot and for its delay to pass; it gives
// up when ctx is done.
func (hs *hosts) acquire(ctx context.Context, g *gate) error {
	select {
	case g.slot <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	if wait := g.next.Sub(hs.now()); wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			<-g.slot
			return ctx.Err()
		}
	}
	return nil
}

// release frees the slot; the next request may start after the gate's
// delay, or after retryAfter when that is longer.
func (hs *hosts) release(g *gate, retryAfter time.Duration) {
	g.next = hs.now().Add(max(g.delay, retryAfter))
	<-g.slot
}

// allowed reports whether robots.txt lets us fetch u, loading robots.txt
// first when this is the origin's first URL, and returns u's gate. The
// error wraps errDisallowed, says the site is unreachable, or is ctx's
// error.
func (hs *hosts) allowed(ctx context.Context, u *url.URL) (*gate, error) {
	g := hs.gate(u)
	if !hs.robotsOn {
		return g, nil
	}
	r := hs.robotsOf(u)
	// Loaded in its own goroutine so that every waiter, the first one
	// included, can give up when ctx is done.
	r.once.Do(func() { go hs.load(ctx, r, g) })
	select {
	case <-r.done:
	case <-ctx.Done():
		return g, ctx.Err()
	}
	switch {
	case r.unreachable:
		return g, fmt.Errorf("site unreachable (robots.txt: %s)", r.reason)
	case r.denyAll:
		return g, fmt.Errorf("%w (%s)", errDisallowed, r.reason)
	}
	if r.group == nil {
		return g, nil
	}
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	if !r.group.Test(p) {
		return g, errDisallowed
	}
	return g, nil
}

// load fetches and applies an origin's robots.txt through the host's gate,
// retrying 429, 503 and network errors like pages. 2xx: the rules of the
// most specific group matching our user agent, and its Crawl-delay; 4xx:
// no restrictions; 5xx or unreachable: everything disallowed (RFC 9309
// section 2.3.1).
func (hs *hosts) load(ctx context.Context, r *robots, g *gate) {
	defer close(r.done)
	for attempt := 0; ; attempt++ {
		if err := hs.acquire(ctx, g); err != nil {
			r.denyAll, r.reason = true, "crawl cancelled"
			return
		}
		status, body, retryAfter, err := hs.getRobots(ctx, r.origin+"/robots.txt")
		retry := ctx.Err() == nil && (err != nil || status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable) &&
			attempt < hs.retries && retryAfter <= maxRetryAfter
		if retry {
			hs.release(g, backoff(hs.backoff, attempt, retryAfter))
			continue
		}
		switch {
		case ctx.Err() != nil:
			r.denyAll, r.reason = true, "crawl cancelled"
		case err != nil:
			r.denyAll, r.unreachable, r.reason = true, true, err.Error()
		case status >= 500 || status == http.StatusTooManyRequests:
			r.denyAll, r.reason = true, fmt.Sprintf("robots.txt answered HTTP %d", status)
		case status >= 200 && status < 300:
			// An unparsable file states no rules we can honour.
			if data, err := robotstxt.FromBytes(body); err == nil {
				r.group = data.FindGroup(hs.userAgent)
				r.sitemaps = data.Sitemaps
				// The slot is held: g.delay is ours to change.
				if r.group != nil && r.group.CrawlDelay > g.delay {
					g.delay = r.group.CrawlDelay
				}
			}
		default:
			// 3xx left after redirects, 4xx: no restrictions.
		}
		hs.release(g, 0)
		return
	}
}

func (hs *hosts) getRobots(ctx context.Context, u string) (status int, body []byte, retryAfter time.Duration, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, nil, 0, err
	}
	req.Header.Set("User-Agent", hs.userAgent)
	resp, err := hs.client.Do(req)
	if err != nil {
		return 0, nil, 0, err
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(io.LimitReader(resp.Body, maxRobotsBytes))
	if err != nil {
		return 0, nil, 0, err
	}
	return resp.StatusCode, body, parseRetryAfter(resp.Header.Get("Retry-After"), hs.now()), nil
}
