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
)

// maxRobotsRedirects is how many redirects a robots.txt fetch follows
// (RFC 9309 section 2.3.1.2 asks for at least five).
const maxRobotsRedirects = 5

// errDisallowed is returned for URLs robots.txt forbids.
var errDisallowed = errors.New("disallowed by robots.txt")

// hosts holds the run-wide politeness state: a gate per host and the
// robots.txt of every origin (scheme, host and port), shared by all
// competitors.
type hosts struct {
	delay         time.Duration
	maxCrawlDelay time.Duration
	maxRetryWait  time.Duration
	robotsOn      bool
	agent         string // product token robots.txt groups are matched on
	retries       int
	backoff       time.Duration
	now           func() time.Time
	// ctx is the run's: a robots.txt load outlives the competitor whose
	// request started it (others may be waiting for it).
	ctx context.Context
	// redirectHosts are the hosts every robots.txt may redirect to besides
	// its own site: the allowed hosts of the configuration.
	redirectHosts scope

	mu     sync.Mutex
	gates  map[string]*gate      // by host[:port]
	robots map[robotsKey]*robots // by origin and network
}

// robotsKey names one robots.txt load: an origin as seen through one
// network (a competitor that may not reach private addresses must not
// reuse a load that could, or the other way round).
type robotsKey struct {
	origin  string
	private bool
}

// gate lets one request at a time through to a host, with at least delay
// between the end of one request and the start of the next.
type gate struct {
	slot chan struct{} // capacity 1: held during a request

	mu     sync.Mutex
	next   time.Time     // earliest start of the next request
	delay  time.Duration // max(configured delay, capped Crawl-delay)
	closed error         // the host asked us to stay away for the run
}

// robots is one origin's robots.txt, loaded once.
type robots struct {
	origin  string
	once    sync.Once
	done    chan struct{} // closed once loaded
	rules   *robotsRules  // nil: no restrictions
	denyAll bool          // robots.txt unreachable, 5xx or redirected off-site
	// unreachable: robots.txt could not be fetched at all, so neither can
	// anything else on the origin.
	unreachable bool
	reason      string // why denyAll
}

func newHosts(ctx context.Context, s settings, backoff time.Duration) *hosts {
	hs := &hosts{
		delay: s.delay, maxCrawlDelay: s.MaxCrawlDelay.D(), maxRetryWait: s.MaxRetryWait.D(),
		robotsOn: !s.IgnoreRobots, agent: productToken(s.UserAgent), retries: s.Retries, backoff: backoff,
		now: time.Now, ctx: ctx, gates: map[string]*gate{}, robots: map[robotsKey]*robots{},
	}
	for _, h := range s.AllowedHosts {
		hs.redirectHosts.add(h)
	}
	return hs
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

func (hs *hosts) robotsOf(u *url.URL, private bool) *robots {
	origin := u.Scheme + "://" + u.Host
	hs.mu.Lock()
	defer hs.mu.Unlock()
	k := robotsKey{origin, private}
	r := hs.robots[k]
	if r == nil {
		r = &robots{origin: origin, done: make(chan struct{})}
		hs.robots[k] = r
	}
	return r
}

// acquire waits for the gate's slot and for its delay to pass; it gives
// up when ctx is done or the host has been closed for the run.
func (hs *hosts) acquire(ctx context.Context, g *gate) error {
	select {
	case g.slot <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	for {
		g.mu.Lock()
		closed, wait := g.closed, g.next.Sub(hs.now())
		g.mu.Unlock()
		if closed != nil {
			<-g.slot
			return closed
		}
		if wait <= 0 {
			return nil
		}
		// Re-checked after the wait: a Crawl-delay read meanwhile may
		// have moved the next start.
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			<-g.slot
			return ctx.Err()
		}
	}
}

// release frees the slot; the next request may start after the gate's
// delay, or after retryAfter when that is longer.
func (hs *hosts) release(g *gate, retryAfter time.Duration) {
	g.mu.Lock()
	g.next = hs.now().Add(max(g.delay, retryAfter))
	g.mu.Unlock()
	<-g.slot
}

// setDelay raises the gate's delay to d (a robots.txt Crawl-delay,
// capped), moving the next start accordingly.
func (g *gate) setDelay(d time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if d > g.delay {
		if !g.next.IsZero() {
			g.next = g.next.Add(d - g.delay)
		}
		g.delay = d
	}
}

// close stops every later request to the host, with err as the reason.
func (g *gate) close(err error) {
	g.mu.Lock()
	if g.closed == nil {
		g.closed = err
	}
	g.mu.Unlock()
}

func (g *gate) closedErr() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.closed
}

// allowed reports whether robots.txt lets us fetch u through network nw,
// loading robots.txt first when this is the origin's first URL, and
// returns u's gate. The error wraps errDisallowed, says the site is
// unreachable or closed, or is ctx's error.
func (hs *hosts) allowed(ctx context.Context, u *url.URL, nw *network) (*gate, error) {
	g := hs.gate(u)
	if err := g.closedErr(); err != nil {
		return g, err
	}
	if !hs.robotsOn {
		return g, nil
	}
	r := hs.robotsOf(u, nw.private)
	// Loaded in its own goroutine, under the run's context, so that every
	// waiter, the first one included, can give up when its ctx is done
	// without spoiling the load for the others.
	r.once.Do(func() { go hs.load(r, nw) })
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
	if !r.rules.allows(r.origin, u.RequestURI()) {
		return g, errDisallowed
	}
	return g, nil
}

// load fetches and applies an origin's robots.txt. 2xx: the rules of the
// group for our product token (else the "*" group) and its Crawl-delay,
// capped; 4xx, or more than five redirects: no restrictions; 5xx, 429 or
// unreachable, after the retries: everything disallowed (RFC 9309 section
// 2.3.1); a redirect to another site: everything disallowed, since its
// rules cannot be read.
func (hs *hosts) load(r *robots, nw *network) {
	defer close(r.done)
	defer func() {
		// grobotstxt panics on some states it thinks impossible: no rules
		// we can honour means we fetch nothing there.
		if p := recover(); p != nil {
			r.rules, r.denyAll, r.reason = nil, true, fmt.Sprintf("robots.txt could not be read: %v", p)
		}
	}()
	origin, err := url.Parse(r.origin)
	if err != nil {
		r.denyAll, r.unreachable, r.reason = true, true, err.Error()
		return
	}
	res, err := hs.fetchRobots(origin, nw)
	var off *offSiteError
	switch {
	case hs.ctx.Err() != nil:
		r.denyAll, r.reason = true, "crawl cancelled"
	case errors.As(err, &off):
		r.denyAll, r.reason = true, off.Error()
	case errors.Is(err, errRobotsRedirects):
		// Unavailable (RFC 9309 section 2.3.1.2): no restrictions.
	case err != nil:
		r.denyAll, r.unreachable, r.reason = true, true, err.Error()
	case res.status >= 500 || res.status == http.StatusTooManyRequests:
		r.denyAll, r.reason = true, fmt.Sprintf("robots.txt answered HTTP %d", res.status)
	case res.status >= 200 && res.status < 300:
		r.rules = parseRobots(res.body, res.truncated, hs.agent)
		if d := min(r.rules.crawlDelay, hs.maxCrawlDelay); d > 0 {
			hs.gate(origin).setDelay(d)
		}
	default:
		// 4xx, or a 3xx without a usable Location: no restrictions.
	}
}

// errRobotsRedirects: a robots.txt fetch met more than
// maxRobotsRedirects redirects.
var errRobotsRedirects = fmt.Errorf("robots.txt: more than %d redirects", maxRobotsRedirects)

// offSiteError: a redirect led to a host the crawl may not enter.
type offSiteError struct {
	what, target string
}

func (e *offSiteError) Error() string {
	return fmt.Sprintf("%s redirects to %s, another site: not followed (list its host in allowed_hosts to allow it)", e.what, e.target)
}

// robotsResponse is the last response of a robots.txt fetch.
type robotsResponse struct {
	status    int
	body      []byte
	truncated bool
}

// fetchRobots fetches origin's robots.txt, following redirects hop by hop
// (within the origin's site or to allowed hosts), each hop through its
// host's gate, retrying 5xx, 429 and network errors like pages.
func (hs *hosts) fetchRobots(origin *url.URL, nw *network) (*robotsResponse, error) {
	ctx := hs.ctx
	u := origin.JoinPath("/robots.txt")
	hops, attempt := 0, 0
	for {
		g := hs.gate(u)
		if err := hs.acquire(ctx, g); err != nil {
			return nil, err
		}
		res, loc, retryAfter, err := hs.getRobots(ctx, u, nw)
		retry := ctx.Err() == nil && attempt < hs.retries && retryAfter <= hs.maxRetryWait &&
			(err != nil && !errors.Is(err, errNonPublic) || err == nil && (res.status >= 500 || res.status == http.StatusTooManyRequests))
		if retry {
			hs.release(g, backoff(hs.backoff, attempt, retryAfter))
			attempt++
			continue
		}
		hs.release(g, 0)
		if err != nil || res.status < 300 || res.status >= 400 || loc == "" {
			return res, err
		}
		if hops++; hops > maxRobotsRedirects {
			return nil, errRobotsRedirects
		}
		next := resolveRef(u, loc)
		if next == nil {
			return res, nil // unusable Location: as a 3xx without one
		}
		if !sameSite(origin, next) && !hs.redirectHosts.allows(next) {
			return nil, &offSiteError{what: "robots.txt", target: next.String()}
		}
		u, attempt = next, 0
	}
}

// getRobots makes one robots.txt request.
func (hs *hosts) getRobots(ctx context.Context, u *url.URL, nw *network) (res *robotsResponse, location string, retryAfter time.Duration, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, "", 0, err
	}
	req.Header.Set("User-Agent", nw.userAgent)
	resp, err := nw.robots.Do(req)
	if err != nil {
		return nil, "", 0, err
	}
	defer resp.Body.Close()
	res = &robotsResponse{status: resp.StatusCode}
	retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), hs.now())
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		res.body, err = io.ReadAll(io.LimitReader(resp.Body, maxRobotsBytes+1))
		if err != nil {
			return nil, "", 0, fmt.Errorf("reading robots.txt: %w", err)
		}
		if len(res.body) > maxRobotsBytes {
			res.body, res.truncated = res.body[:maxRobotsBytes], true
		}
	}
	return res, resp.Header.Get("Location"), retryAfter, nil
}
