package crawler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"mime"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gocolly/colly/v2"
	"github.com/saintfish/chardet"
	"golang.org/x/net/html/charset"
)

// timing is one request's measurement, filled in by timingTransport.
type timing struct {
	mu        sync.Mutex
	start     time.Time
	firstByte time.Time
	end       time.Time
}

func (m *timing) setEnd(t time.Time) {
	m.mu.Lock()
	if m.end.IsZero() {
		m.end = t
	}
	m.mu.Unlock()
}

// ms returns the total and time-to-first-byte in milliseconds.
func (m *timing) ms() (total, ttfb float64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.start.IsZero() {
		return 0, 0
	}
	if !m.end.IsZero() {
		total = millis(m.end.Sub(m.start))
	}
	if !m.firstByte.IsZero() {
		ttfb = millis(m.firstByte.Sub(m.start))
	}
	return total, ttfb
}

func millis(d time.Duration) float64 {
	return float64(d.Round(10*time.Microsecond)) / float64(time.Millisecond)
}

type timingKey struct{}

// timingTransport measures requests whose context carries a *timing: from
// the call to RoundTrip to the first response byte (httptrace) and to the
// end of the body (EOF or Close, whichever comes first).
type timingTransport struct {
	base http.RoundTripper
	now  func() time.Time
}

func (t *timingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	m, _ := req.Context().Value(timingKey{}).(*timing)
	if m == nil {
		return t.base.RoundTrip(req)
	}
	m.mu.Lock()
	m.start = t.now()
	m.mu.Unlock()
	trace := &httptrace.ClientTrace{GotFirstResponseByte: func() {
		m.mu.Lock()
		m.firstByte = t.now()
		m.mu.Unlock()
	}}
	resp, err := t.base.RoundTrip(req.WithContext(httptrace.WithClientTrace(req.Context(), trace)))
	if err != nil {
		m.setEnd(t.now())
		return nil, err
	}
	resp.Body = &timedBody{ReadCloser: resp.Body, m: m, now: t.now}
	return resp, nil
}

type timedBody struct {
	io.ReadCloser
	m   *timing
	now func() time.Time
}

func (b *timedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil {
		b.m.setEnd(b.now())
	}
	return n, err
}

func (b *timedBody) Close() error {
	b.m.setEnd(b.now())
	return b.ReadCloser.Close()
}

// response is the outcome of one request (one redirect hop).
type response struct {
	status      int
	header      http.Header // as received (Content-Encoding removed once inflated)
	location    string
	contentType string // as sent, charset included
	body        []byte // decompressed bytes, at most maxBody
	truncated   bool
	skipped     bool // body not downloaded (not HTML, an error or a redirect)
	retryAfter  time.Duration
	ms, ttfb    float64
	wantAny     bool // sitemaps: read any 2xx body
	notModified bool // a 304 answered with the stored body
}

// stored is a page the last run kept, for a conditional request: the
// headers kept with it (validators, Content-Type; pagestore.Page.Header)
// and its body.
type stored struct {
	header map[string]string
	body   []byte
}

// html reports whether the response is an HTML page.
func (r *response) html() bool {
	if r.contentType == "" {
		return strings.Contains(http.DetectContentType(r.body), "text/html")
	}
	return isHTMLType(r.contentType)
}

func isHTMLType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

const respKey = "cxbench.response"

// fetcher fetches one competitor's URLs, one at a time, through colly.
type fetcher struct {
	coll         *colly.Collector
	hosts        *hosts
	maxBody      int
	retries      int
	backoff      time.Duration
	maxRetryWait time.Duration
	timeout      time.Duration
	log          *slog.Logger
}

// newCollector builds a synchronous colly collector without
// colly.NewCollector, so COLLY_* environment variables are never read.
// It does not follow redirects, check robots.txt, remember visited URLs,
// convert charsets or decompress bodies (transport does, so that maxBody
// limits the decompressed bytes): the crawler does all of that itself.
// Its cookie jar is bounded (see boundedJar).
func newCollector(userAgent string, maxBody int, timeout time.Duration, transport http.RoundTripper, now func() time.Time) *colly.Collector {
	c := &colly.Collector{}
	c.Init()
	c.SetCookieJar(newBoundedJar())
	c.UserAgent = userAgent
	c.MaxBodySize = maxBody + 1 // one byte more tells truncation apart
	c.IgnoreRobotsTxt = true
	c.AllowURLRevisit = true
	c.ParseHTTPErrorResponse = true
	c.Async = false
	c.DetectCharset = false
	c.MaxDepth = 0
	c.Headers = &http.Header{"Accept": {"text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"}}
	c.SetRequestTimeout(timeout)
	c.WithTransport(transport)
	c.SetRedirectHandler(func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse })
	c.OnResponseHeaders(func(r *colly.Response) {
		res, _ := r.Ctx.GetAny(respKey).(*response)
		if res == nil {
			return
		}
		res.status = r.StatusCode
		res.header = r.Headers.Clone()
		res.location = r.Headers.Get("Location")
		res.contentType = r.Headers.Get("Content-Type")
		res.retryAfter = parseRetryAfter(r.Headers.Get("Retry-After"), now())
		ok := r.StatusCode >= 200 && r.StatusCode < 300
		if !ok || !res.wantAny && res.contentType != "" && !isHTMLType(res.contentType) {
			res.skipped = true
			r.Request.Abort()
			return
		}
		// Keep colly from converting the body: we decode it ourselves,
		// looking at <meta charset> too, which colly does not.
		if mt, _, err := mime.ParseMediaType(res.contentType); err == nil {
			r.Headers.Set("Content-Type", mt)
		}
	})
	c.OnResponse(func(r *colly.Response) {
		res, _ := r.Ctx.GetAny(respKey).(*response)
		if res == nil {
			return
		}
		res.body = r.Body
		if len(res.body) > maxBody {
			res.body, res.truncated = res.body[:maxBody], true
		}
	})
	return c
}

// once performs one GET; the caller holds the host's gate.
func (f *fetcher) once(ctx context.Context, u *url.URL, wantAny bool, cond *stored) (*response, error) {
	m := &timing{}
	res := &response{wantAny: wantAny}
	cctx := colly.NewContext()
	cctx.Put(respKey, res)
	f.coll.Context = context.WithValue(ctx, timingKey{}, m)
	var hdr http.Header
	if cond != nil {
		hdr = f.coll.Headers.Clone()
		if v := cond.header["ETag"]; v != "" {
			hdr.Set("If-None-Match", v)
		}
		if v := cond.header["Last-Modified"]; v != "" {
			hdr.Set("If-Modified-Since", v)
		}
	}
	err := f.coll.Request(http.MethodGet, u.String(), nil, cctx, hdr)
	res.ms, res.ttfb = m.ms()
	if errors.Is(err, colly.ErrAbortedAfterHeaders) {
		err = nil
	}
	if err != nil {
		return res, f.describe(err)
	}
	return res, nil
}

// describe turns a transport error into a short, wrapped one.
func (f *fetcher) describe(err error) error {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return fmt.Errorf("timeout after %s: %w", f.timeout, err)
	}
	return err
}

// get fetches u through its host's gate g, retrying 429, 503 and network
// errors. With cond, the request is conditional, and a 304 Not Modified
// comes back as a 200 carrying cond's body and Content-Type, and the
// headers the 304 left out, marked notModified.
func (f *fetcher) get(ctx context.Context, g *gate, u *url.URL, wantAny bool, cond *stored) (*response, error) {
	for attempt := 0; ; attempt++ {
		if err := f.hosts.acquire(ctx, g); err != nil {
			return nil, err
		}
		res, err := f.once(ctx, u, wantAny, cond)
		if err == nil && cond != nil && res.status == http.StatusNotModified {
			res.status, res.skipped, res.notModified = http.StatusOK, false, true
			if res.header == nil {
				res.header = http.Header{}
			}
			for k, v := range cond.header {
				if k == "Content-Type" || res.header.Get(k) == "" {
					res.header.Set(k, v)
				}
			}
			res.body, res.contentType = cond.body, cond.header["Content-Type"]
		}
		busy := err == nil && (res.status == http.StatusTooManyRequests || res.status == http.StatusServiceUnavailable)
		if busy && res.retryAfter > f.maxRetryWait {
			// The host asks for a longer pause than we wait: no more
			// requests to it in this run.
			g.close(fmt.Errorf("%s asked for a pause of %s (Retry-After), longer than crawl.max_retry_wait %s", u.Host, res.retryAfter.Round(time.Second), f.maxRetryWait))
			f.log.Info("host closed for the run", "host", u.Host, "retry_after", res.retryAfter)
		}
		retry := ctx.Err() == nil && (err != nil && !errors.Is(err, errNonPublic) || busy) &&
			attempt < f.retries && res.retryAfter <= f.maxRetryWait
		wait := time.Duration(0)
		if retry {
			wait = backoff(f.backoff, attempt, res.retryAfter)
			f.log.Debug("retrying", "url", u.String(), "status", res.status, "err", err, "wait", wait)
		}
		f.hosts.release(g, wait)
		if !retry {
			if err == nil && ctx.Err() != nil {
				err = ctx.Err()
			}
			return res, err
		}
	}
}

// backoff is the wait before retry number attempt+1: the server's
// Retry-After, or base doubled per attempt.
func backoff(base time.Duration, attempt int, retryAfter time.Duration) time.Duration {
	if retryAfter > 0 {
		return retryAfter
	}
	return base << attempt
}

// parseRetryAfter reads a Retry-After header (seconds or an HTTP date).
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		switch {
		case s < 0:
			return 0
		case s > int64(math.MaxInt64/time.Second):
			return math.MaxInt64 // absurd, and never waited for
		}
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// decode converts an HTML body to UTF-8. The encoding comes from a byte
// order mark, the Content-Type header, a <meta charset> or <meta
// http-equiv> in the first 1024 bytes, and failing those from the bytes
// themselves: valid UTF-8, else the most likely charset, else
// windows-1252.
func decode(body []byte, contentType string) []byte {
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	if !certain && !declaresCharset(body) {
		switch {
		case utf8.Valid(body):
			name = "utf-8"
		default:
			if g, err := chardet.NewHtmlDetector().DetectBest(body[:min(len(body), maxGuessBytes)]); err == nil && g.Confidence >= 30 {
				if e, n := charset.Lookup(g.Charset); e != nil {
					enc, name = e, n
				}
			}
		}
	}
	if name == "utf-8" {
		return bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	return out
}

// maxGuessBytes is how much of a body the charset guess reads.
const maxGuessBytes = 64 << 10

// declaresCharset reports whether the start of an HTML document mentions a
// charset (a <meta> declaration that DetermineEncoding has honoured).
func declaresCharset(body []byte) bool {
	if len(body) > 1024 {
		body = body[:1024]
	}
	return bytes.Contains(bytes.ToLower(body), []byte("charset"))
}
