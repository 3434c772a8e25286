package crawler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/crawler/extract"
	"github.com/cxbench/cxbench/pagestore"
	"github.com/cxbench/cxbench/signal"
)

// maxSitemaps bounds the sitemap files read per competitor.
const maxSitemaps = 5

// maxAnchor bounds the anchor text kept per link, in bytes.
const maxAnchor = 200

// compCrawl is the state of one competitor's crawl.
type compCrawl struct {
	*run
	comp       config.Competitor
	out        *signal.Competitor
	nw         *network
	f          *fetcher
	collector  *extract.Collector
	scope      scope
	fr         *frontier
	done       map[string]bool   // page keys requested or reached by redirect
	classified map[string]string // extract.Classify by page key and anchor
	home       *url.URL          // the main start page
	homeFinal  *url.URL          // where it led, after redirects
	fetched    int               // pages charged to the budget
	cut        bool              // a link was dropped for depth or frontier size
	homeOK     bool              // the main start page was fetched as HTML
	broken     bool              // a page's extraction failed: signals may be missing
	storeFull  bool              // the page store dropped a page of this competitor
	measured   []signal.Page
}

// crawl crawls one competitor into out, for at most crawl.max_time. A
// panic anywhere in it (a bug met by a hostile page) ends this
// competitor's crawl with a recorded error; the other competitors and
// whatever this one collected are kept.
func (r *run) crawl(ctx context.Context, comp config.Competitor, out *signal.Competitor) {
	var cc *compCrawl
	defer func() {
		if p := recover(); p != nil {
			r.contain(p, comp, out, cc)
		}
	}()
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, r.s.MaxTime.D())
	defer cancel()
	nw := r.network(ctx, comp)
	cc = &compCrawl{
		run:  r,
		comp: comp,
		out:  out,
		nw:   nw,
		f: &fetcher{
			coll:         newCollector(r.s.UserAgent, int(r.s.MaxBody), r.s.Timeout.D(), nw.transport, time.Now),
			hosts:        r.hosts,
			maxBody:      int(r.s.MaxBody),
			retries:      r.s.Retries,
			backoff:      r.backoff,
			maxRetryWait: r.s.MaxRetryWait.D(),
			timeout:      r.s.Timeout.D(),
			log:          r.log,
		},
		fr:         newFrontier(),
		done:       map[string]bool{},
		classified: map[string]string{},
	}
	if r.c.Extractor != nil {
		cc.collector = r.c.Extractor.NewCollector(comp)
	}
	if r.obs != nil {
		r.obs.Started(comp, r.s.MaxPages)
	}
	r.log.Info("crawl started", "competitor", comp.ID, "url", comp.URL)

	cc.seed()
	complete := cc.loop(ctx)
	if errors.Is(ctx.Err(), context.DeadlineExceeded) && parent.Err() == nil {
		cc.fail(signal.CrawlError{URL: comp.URL, Message: fmt.Sprintf(
			"crawl stopped after %s (crawl.max_time); the %d pages fetched by then are kept", r.s.MaxTime.D(), len(out.Pages))})
	}
	out.Complete = complete
	if cc.collector != nil {
		out.Signals = cc.signals(complete)
	}
	if r.c.Pages != nil {
		r.c.Pages.Finished(comp.ID, cc.measured)
	}
	cc.finished()
}

// contain turns panic p in a competitor's crawl into a recorded error of
// that competitor, keeping the signals of the pages read so far; the run
// goes on.
func (r *run) contain(p any, comp config.Competitor, out *signal.Competitor, cc *compCrawl) {
	r.log.Error("internal error", "competitor", comp.ID, "doing", "crawling", "panic", p, "stack", string(debug.Stack()))
	e := signal.CrawlError{URL: comp.URL, Message: clip(fmt.Sprintf("crawling: internal error: %v", p), 300)}
	out.Errors = append(out.Errors, e)
	out.Complete = false
	// Whatever panics from here on (the extractor, the observer) is
	// logged and dropped.
	safely := func(doing string, f func()) {
		defer func() {
			if p := recover(); p != nil {
				r.log.Error("internal error", "competitor", comp.ID, "doing", doing, "panic", p)
			}
		}()
		f()
	}
	if cc != nil && r.c.Pages != nil {
		r.c.Pages.Finished(comp.ID, cc.measured)
	}
	if cc != nil && cc.collector != nil {
		safely("combining signals", func() {
			if sig := cc.collector.Finish(cc.measured, false); sig != nil {
				out.Signals = sig
			}
		})
	}
	if r.obs != nil {
		safely("reporting progress", func() {
			r.obs.Failed(comp, e)
			r.obs.Finished(comp, out)
		})
	}
}

// signals combines the collected pages into signals; a failure there
// loses the signals, not the pages and errors.
func (cc *compCrawl) signals(complete bool) (sig map[string]signal.Signal) {
	defer func() {
		if p := recover(); p != nil {
			cc.internalError(cc.comp.URL, "combining signals", p)
			sig = map[string]signal.Signal{}
		}
	}()
	if sig = cc.collector.Finish(cc.measured, complete); sig == nil {
		sig = map[string]signal.Signal{}
	}
	return sig
}

// finished logs the end of the crawl and tells the observer.
func (cc *compCrawl) finished() {
	cc.log.Info("crawl finished", "competitor", cc.comp.ID, "pages", len(cc.out.Pages), "errors", len(cc.out.Errors), "complete", cc.out.Complete)
	if cc.obs != nil {
		cc.obs.Finished(cc.comp, cc.out)
	}
}

// internalError records a recovered panic: a bug, reported with its stack
// in the log and as a short error in the output.
func (cc *compCrawl) internalError(url, doing string, p any) {
	cc.log.Error("internal error", "competitor", cc.comp.ID, "url", url, "doing", doing, "panic", p, "stack", string(debug.Stack()))
	cc.fail(signal.CrawlError{URL: url, Message: clip(fmt.Sprintf("%s: internal error: %v", doing, p), 300)})
}

// clip cuts s to at most n bytes (hostile text in error messages).
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}

// seed queues the start page, the extra start pages (paths such as
// /help/returns are resolved against the start page) and the review
// pages.
func (cc *compCrawl) seed() {
	for _, h := range cc.s.AllowedHosts {
		cc.scope.add(h)
	}
	for _, h := range cc.comp.AllowedHosts {
		cc.scope.add(h)
	}
	add := func(n *url.URL, raw string, kind string, review bool) *url.URL {
		if n == nil {
			msg := "invalid start URL: want an absolute http or https URL"
			if !review && kind == "" {
				msg += ", or a path such as /returns"
			}
			cc.fail(signal.CrawlError{URL: clip(raw, maxURLLen), Message: msg})
			return nil
		}
		if !review {
			cc.scope.add(n.Host)
		}
		cc.fr.add(&item{u: n, key: pageKey(n), score: scoreSeed, kind: kind, review: review, seed: true})
		return n
	}
	cc.home = add(normalize(parseOrNil(cc.comp.URL)), cc.comp.URL, signal.KindHome, false)
	for _, p := range cc.comp.Pages {
		var n *url.URL
		switch p = strings.TrimSpace(p); {
		case strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "//"):
			if cc.home != nil {
				n = resolveRef(cc.home, p)
			}
		default:
			n = normalize(parseOrNil(p))
		}
		add(n, p, "", false)
	}
	for _, p := range cc.comp.Reviews {
		add(normalize(parseOrNil(p)), p, signal.KindReviews, true)
	}
}

// loop fetches the best queued page until the frontier is empty, the
// budget is spent or ctx is done; it reports whether the crawl is complete.
func (cc *compCrawl) loop(ctx context.Context) bool {
	sitemapsDone := cc.s.NoSitemaps || cc.home == nil
	for {
		if ctx.Err() != nil {
			return false
		}
		it := cc.fr.next()
		if it == nil {
			break
		}
		if cc.done[it.key] {
			continue
		}
		if cc.fetched >= cc.s.MaxPages {
			return false // the budget ran out before the frontier did
		}
		g, err := cc.hosts.allowed(ctx, it.u, cc.nw)
		if err != nil {
			if ctx.Err() != nil {
				return false
			}
			cc.done[it.key] = true
			if !errors.Is(err, errDisallowed) {
				// Robots.txt exclusions are not part of the site we
				// measure; pages of an unreachable or closed host are.
				cc.cut = true
			}
			if it.seed {
				cc.fail(signal.CrawlError{URL: it.u.String(), Message: "not fetched: " + err.Error()})
			} else {
				cc.log.Debug("skipped", "competitor", cc.comp.ID, "url", it.u.String(), "reason", err)
			}
			continue
		}
		cc.fetched++
		cc.page(ctx, g, it)
		if !sitemapsDone && ctx.Err() == nil {
			sitemapsDone = true
			cc.sitemaps(ctx)
		}
	}
	if ctx.Err() != nil {
		return false
	}
	return !cc.cut && cc.homeOK && !cc.broken
}

// page fetches one queued page, following redirects hop by hop.
func (cc *compCrawl) page(ctx context.Context, g *gate, it *item) {
	u := it.u
	cc.done[it.key] = true
	chain := []string{it.key}
	for hops := 0; ; hops++ {
		res, err := cc.f.get(ctx, g, u, false, cc.previous(u))
		if ctx.Err() != nil {
			return
		}
		rec := signal.Page{URL: u.String(), Depth: it.depth, Kind: cc.kind(it, u)}
		if res != nil {
			rec.Status, rec.MS, rec.TTFBMS = res.status, res.ms, res.ttfb
		}
		if hops > 0 {
			rec.URL = it.u.String() // a failed chain is recorded under the URL asked for
		}
		if err != nil {
			cc.record(rec, !it.review)
			cc.fail(signal.CrawlError{URL: u.String(), Message: "fetching: " + err.Error()})
			return
		}
		if res.status >= 300 && res.status < 400 && res.location != "" {
			next, msg := cc.redirect(it, u, res.location, hops+1, chain)
			if next == nil {
				if msg != "" {
					cc.record(rec, !it.review)
					cc.fail(signal.CrawlError{URL: u.String(), Status: res.status, Message: msg})
				}
				return
			}
			var err error
			if g, err = cc.hosts.allowed(ctx, next, cc.nw); err != nil {
				if ctx.Err() != nil {
					return
				}
				cc.record(rec, !it.review)
				cc.fail(signal.CrawlError{URL: next.String(), Status: res.status, Message: "redirect target not fetched: " + err.Error()})
				return
			}
			k := pageKey(next)
			cc.done[k] = true
			chain = append(chain, k)
			u = next
			continue
		}
		rec.URL = u.String()
		cc.finish(it, u, rec, res)
		return
	}
}

// redirect checks a redirect from u to location. It returns the target to
// fetch, or nil and a message to record ("" when the target was already
// fetched: not an error, just nothing more to do). A start page may move
// within its site (acme.example to www.acme.example, or shop.acme.example):
// that host is then the competitor's too. Anywhere else only the allowed
// hosts may be entered.
func (cc *compCrawl) redirect(it *item, u *url.URL, location string, hops int, chain []string) (*url.URL, string) {
	next := resolveRef(u, location)
	if next == nil {
		return nil, fmt.Sprintf("redirect to unusable location %q", clip(location, 200))
	}
	if hops > cc.s.MaxRedirects {
		return nil, fmt.Sprintf("stopped after %d redirects", cc.s.MaxRedirects)
	}
	k := pageKey(next)
	if slices.Contains(chain, k) {
		return nil, "redirect loop via " + next.String()
	}
	if cc.done[k] {
		cc.log.Debug("redirect to a page already fetched", "competitor", cc.comp.ID, "url", u.String(), "target", next.String())
		return nil, ""
	}
	if cc.scope.allows(next) || it.review && sameSite(it.u, next) {
		return next, ""
	}
	if it.seed && !it.review {
		if !sameSite(it.u, next) {
			return nil, (&offSiteError{what: "start page", target: next.String()}).Error()
		}
		cc.log.Info("start page moved within its site; crawling the new host too", "competitor", cc.comp.ID, "from", u.String(), "to", next.String())
		cc.scope.add(next.Host)
		return next, ""
	}
	return nil, "redirect to " + next.String() + " leaves the site; not followed"
}

// kind is a page's kind: forced for start and review pages, else
// extract.Classify's guess.
func (cc *compCrawl) kind(it *item, u *url.URL) string {
	if it.kind != "" {
		return it.kind
	}
	k := cc.classify(u, pageKey(u), it.anchor)
	if k == "" {
		return signal.KindOther
	}
	return k
}

// finish records a final (non-redirect) response and, for an HTML page,
// hands it to the extractor and queues its links.
func (cc *compCrawl) finish(it *item, u *url.URL, rec signal.Page, res *response) {
	ok := res.status >= 200 && res.status < 300
	isHTML := ok && !res.skipped && res.html()
	body, cut := res.body, false
	if isHTML {
		var parts int
		body, parts, cut = cutParts(res.body, cc.maxParts)
		// Stored before taking the gate: writing a page is no reason to
		// hold up the other competitors' parsing.
		cc.keep(it, u, rec.Kind, res, body, res.truncated || cut)
		// Parsing and extracting hold the run-wide parse gate. A page
		// fetched before this competitor's time ran out is still read;
		// only the run's end stops it.
		release, err := cc.parse.acquire(cc.ctx, len(body), parts)
		if err != nil {
			cc.record(rec, false)
			return
		}
		defer release()
	}
	rec.Bytes = len(res.body)
	rec.Truncated = res.truncated || cut
	rec.NotModified = res.notModified
	cc.record(rec, !it.review && (!ok || isHTML))
	switch {
	case !ok:
		msg := "HTTP " + statusText(res.status)
		if (res.status == http.StatusTooManyRequests || res.status == http.StatusServiceUnavailable) && res.retryAfter > cc.s.MaxRetryWait.D() {
			msg += fmt.Sprintf(" asking for a pause of %s (Retry-After), longer than crawl.max_retry_wait %s: no more requests to %s in this run",
				res.retryAfter.Round(time.Second), cc.s.MaxRetryWait.D(), u.Host)
		}
		cc.fail(signal.CrawlError{URL: u.String(), Status: res.status, Message: msg})
		return
	case !isHTML:
		cc.log.Debug("not HTML", "competitor", cc.comp.ID, "url", u.String(), "content_type", res.contentType)
		return
	}
	if res.truncated {
		cc.fail(signal.CrawlError{URL: u.String(), Status: res.status,
			Message: fmt.Sprintf("body truncated at %d bytes (crawl.max_body)", cc.s.MaxBody)})
	}
	if cut {
		cc.fail(signal.CrawlError{URL: u.String(), Status: res.status,
			Message: fmt.Sprintf("page cut at %d of %d bytes (more than %d elements, attributes and text runs, counted at their most)", len(body), len(res.body), cc.maxParts)})
	}
	page, err := parsePage(u, body, res.contentType, res.header.Get("Content-Language"), rec.Kind, it.depth, it.review)
	if err != nil {
		cc.fail(signal.CrawlError{URL: u.String(), Status: res.status, Message: err.Error()})
		return
	}
	doc := page.Doc
	if it.seed && it.kind == signal.KindHome {
		cc.homeOK, cc.homeFinal = true, u
	}
	var rules pageRules
	if cc.hosts.robotsOn {
		rules = readPageRules(res.header, doc, cc.hosts.agent)
	}
	if lang := cc.extract(page).Lang; lang != "" {
		cc.out.Pages[len(cc.out.Pages)-1].Lang = lang
	}
	switch {
	case it.review:
	case rules.nofollow:
		cc.log.Debug("nofollow: links not followed", "competitor", cc.comp.ID, "url", u.String())
	default:
		cc.links(doc, u, it.depth)
	}
}

// keep hands an HTML page, as it will be parsed, to the page store.
func (cc *compCrawl) keep(it *item, u *url.URL, kind string, res *response, body []byte, truncated bool) {
	if cc.c.Pages == nil {
		return
	}
	kept := cc.c.Pages.Keep(cc.comp.ID, pagestore.Page{
		URL: u.String(), Status: res.status, Header: keptHeaders(res.header), Kind: kind, Depth: it.depth,
		Review: it.review, FetchedAt: cc.now().UTC(), Truncated: truncated, NotModified: res.notModified,
	}, body)
	if !kept && !cc.storeFull {
		cc.storeFull = true
		cc.log.Warn("this competitor's share of the page store is used up; its further pages are read but not kept",
			"competitor", cc.comp.ID, "url", u.String())
	}
}

// withoutNUL drops NUL bytes from UTF-8 text: the HTML parser drops or
// replaces them anyway, XML forbids them, and a body of nothing else (the
// usual decompression bomb) would cost the parser a long text run.
func withoutNUL(b []byte) []byte {
	if bytes.IndexByte(b, 0) < 0 {
		return b
	}
	return bytes.ReplaceAll(b, []byte{0}, nil)
}

// extract hands a page to OnPage and the extractor. A panic there loses
// this page's signals (and makes the crawl incomplete, so that nothing is
// reported missing because of it), not the crawl.
func (cc *compCrawl) extract(page *extract.Page) (added extract.Added) {
	defer func() {
		if p := recover(); p != nil {
			cc.broken = true
			cc.internalError(page.URL.String(), "extracting signals", p)
		}
	}()
	if cc.c.OnPage != nil {
		cc.c.OnPage(cc.comp, page)
	}
	if cc.collector != nil {
		added = cc.collector.Add(page)
	}
	return added
}

// links queues the in-scope links of a page, but not those marked
// rel="nofollow".
func (cc *compCrawl) links(doc *goquery.Document, u *url.URL, depth int) {
	base := newLinkBase(u)
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok && base != nil {
		if b := base.resolve(href); b != nil {
			base = newLinkBase(b)
		}
	}
	if base == nil {
		return
	}
	doc.Find("a[href], area[href]").Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Attr("href")
		href = strings.TrimSpace(href)
		if href == "" || strings.HasPrefix(href, "#") || cc.hosts.robotsOn && relNofollow(s.AttrOr("rel", "")) {
			return
		}
		n := base.resolve(href)
		if n == nil || nonHTML(n) || !cc.scope.allows(n) {
			return
		}
		key := pageKey(n)
		if cc.done[key] {
			return
		}
		if depth+1 > cc.s.MaxDepth {
			if !cc.fr.known(key) {
				cc.cut = true
			}
			return
		}
		if !cc.fr.known(key) && cc.fr.full() {
			cc.cut = true
			return
		}
		anchor := anchorText(s)
		kind := cc.classify(n, key, anchor)
		cc.fr.add(&item{u: n, key: key, anchor: anchor, depth: depth + 1, score: linkScore(n, anchor, kind, depth+1)})
	})
}

// The memo of link kinds keeps at most maxClassified entries, each
// shorter than maxMemoKey bytes.
const (
	maxClassified = 20000
	maxMemoKey    = 300
)

// classify is extract.Classify, remembered per URL and anchor text: shop
// navigation repeats the same links on every page.
func (cc *compCrawl) classify(u *url.URL, key, anchor string) string {
	memo := key + "\x00" + anchor
	if k, ok := cc.classified[memo]; ok {
		return k
	}
	k := extract.Classify(u, anchor)
	if len(cc.classified) < maxClassified && len(memo) < maxMemoKey {
		cc.classified[memo] = k
	}
	return k
}

// anchorText is a link's text, or its title or aria-label.
func anchorText(s *goquery.Selection) string {
	t := strings.Join(strings.Fields(s.Text()), " ")
	if t == "" {
		t = s.AttrOr("aria-label", s.AttrOr("title", s.AttrOr("alt", "")))
	}
	if len(t) > maxAnchor {
		t = strings.ToValidUTF8(t[:maxAnchor], "")
	}
	return t
}

// sitemaps queues the URLs of the home host's sitemaps: those robots.txt
// names, else /sitemap.xml. Sitemap requests go through the host's gate but
// are not charged to the page budget.
func (cc *compCrawl) sitemaps(ctx context.Context) {
	home := cc.home
	if cc.homeFinal != nil {
		home = cc.homeFinal
	}
	r := cc.hosts.robotsOf(home, cc.nw.private)
	var queue []string
	if cc.hosts.robotsOn {
		if _, err := cc.hosts.allowed(ctx, home, cc.nw); ctx.Err() != nil {
			return
		} else if err == nil && r.rules != nil {
			queue = slices.Clone(r.rules.sitemaps)
		}
	}
	if len(queue) == 0 {
		queue = []string{r.origin + "/sitemap.xml"}
	}
	seen := map[string]bool{}
	for read := 0; len(queue) > 0 && read < maxSitemaps && ctx.Err() == nil; {
		raw := queue[0]
		queue = queue[1:]
		u := normalize(parseOrNil(raw))
		if u == nil || seen[pageKey(u)] || !cc.scope.allows(u) {
			continue
		}
		seen[pageKey(u)] = true
		read++
		g, err := cc.hosts.allowed(ctx, u, cc.nw)
		if err != nil {
			continue
		}
		res, err := cc.f.get(ctx, g, u, true, nil)
		if err != nil || res.status != http.StatusOK {
			cc.log.Debug("no sitemap", "competitor", cc.comp.ID, "url", u.String(), "err", err)
			continue
		}
		if res.truncated {
			cc.fail(signal.CrawlError{URL: u.String(), Status: res.status,
				Message: fmt.Sprintf("sitemap truncated at %d bytes (crawl.max_body); the URLs before the cut are used", cc.s.MaxBody)})
		}
		_, parts, _ := cutParts(res.body, math.MaxInt)
		release, err := cc.parse.acquire(cc.ctx, len(res.body), parts)
		if err != nil {
			return
		}
		pages, children := parseSitemap(withoutNUL(res.body))
		release()
		queue = append(queue, children...)
		for _, p := range pages {
			n := normalize(parseOrNil(p))
			if n == nil || nonHTML(n) || !cc.scope.allows(n) {
				continue
			}
			key := pageKey(n)
			if cc.done[key] || cc.fr.known(key) {
				continue
			}
			if cc.fr.full() {
				cc.cut = true
				break
			}
			depth := min(1, cc.s.MaxDepth)
			cc.fr.add(&item{u: n, key: key, depth: depth, score: linkScore(n, "", cc.classify(n, key, ""), depth)})
		}
	}
}

// record adds a page record. Measured pages (the competitor's own HTML
// pages and failed attempts, not third-party review pages or non-HTML
// files) also go to the extractor's Finish, for response.median_ms,
// site.pages and site.https.
func (cc *compCrawl) record(p signal.Page, measured bool) {
	cc.out.Pages = append(cc.out.Pages, p)
	if measured {
		cc.measured = append(cc.measured, p)
	}
	cc.log.Debug("fetched", "competitor", cc.comp.ID, "url", p.URL, "status", p.Status, "ms", p.MS, "kind", p.Kind)
	if cc.obs != nil {
		cc.obs.Fetched(cc.comp, p)
	}
}

// fail records an error; the crawl goes on.
func (cc *compCrawl) fail(e signal.CrawlError) {
	cc.out.Errors = append(cc.out.Errors, e)
	cc.log.Warn("crawl error", "competitor", cc.comp.ID, "url", e.URL, "status", e.Status, "error", e.Message)
	if cc.obs != nil {
		cc.obs.Failed(cc.comp, e)
	}
}

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("%d %s", code, t)
	}
	return fmt.Sprint(code)
}
