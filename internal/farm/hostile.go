package farm

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Hostile is a farm of hostile sites on loopback: each one sets a trap a
// crawler must survive without crashing, stalling, running out of memory
// or going where it should not. A polite crawler fetches nothing from
// OffLimits: every request it receives is a bug.
type Hostile struct {
	Sites []HostileSite
	// OffLimits is the "other host" hostile sites redirect to.
	OffLimits *httptest.Server

	offLimits atomic.Int64
	servers   []*httptest.Server
	bomb      []byte
	bombGz    []byte // the bomb gzipped again
	bombZlib  []byte
	tick      time.Duration
	pageBytes int
	bodies    sync.Map // generated bodies by name
}

// HostileSite is one trap.
type HostileSite struct {
	ID   string // hostile-gzip-bomb, ...
	Trap string // what it does, in a few words
	URL  string
}

// HostileOptions tune the farm; zero values give the defaults.
type HostileOptions struct {
	// BombBytes is what a decompression bomb inflates to (default 1 GiB;
	// the compressed body is about 1/1000 of it).
	BombBytes int64
	// Tick is the pause between the bytes of a slow body (default 200ms).
	Tick time.Duration
	// PageBytes is the size of the largest pages (dense trees, link and
	// attribute floods); default 6 MiB, beyond the default max_body.
	PageBytes int
}

// hostileTrap is a trap's handler, given the farm and its own server URL.
type hostileTrap struct {
	id, trap string
	serve    func(h *Hostile, self string, w http.ResponseWriter, r *http.Request)
}

// StartHostile serves every trap, each on its own loopback server.
func StartHostile(opts HostileOptions) (*Hostile, error) {
	if opts.BombBytes <= 0 {
		opts.BombBytes = 1 << 30
	}
	if opts.Tick <= 0 {
		opts.Tick = 200 * time.Millisecond
	}
	if opts.PageBytes <= 0 {
		opts.PageBytes = 6 << 20
	}
	h := &Hostile{tick: opts.Tick, pageBytes: opts.PageBytes}
	var err error
	if h.bomb, err = GzipBomb(opts.BombBytes); err != nil {
		return nil, err
	}
	if h.bombGz, err = gzipBytes(h.bomb); err != nil {
		return nil, err
	}
	// zlib has a single stream, compressed for real: a smaller bomb.
	if h.bombZlib, err = zlibBomb(min(opts.BombBytes/16, 64<<20)); err != nil {
		return nil, err
	}
	h.prepare()
	h.OffLimits = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.offLimits.Add(1)
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><body><a href="/secret">secret</a></body></html>`)
	}))
	h.servers = append(h.servers, h.OffLimits)
	for _, t := range hostileTraps {
		var self string
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			t.serve(h, self, w, r)
		}))
		self = srv.URL
		h.servers = append(h.servers, srv)
		h.Sites = append(h.Sites, HostileSite{ID: "hostile-" + t.id, Trap: t.trap, URL: srv.URL + "/"})
	}
	return h, nil
}

// Close stops every server.
func (h *Hostile) Close() {
	for _, s := range h.servers {
		s.CloseClientConnections()
		s.Close()
	}
}

// OffLimitsRequests is the number of requests OffLimits received.
func (h *Hostile) OffLimitsRequests() int64 { return h.offLimits.Load() }

// Competitors returns the YAML lines of the hostile competitors, for a
// benchmarks.yaml competitors: list.
func (h *Hostile) Competitors() string {
	var b strings.Builder
	for _, s := range h.Sites {
		fmt.Fprintf(&b, "  - id: %s\n    url: %s\n", s.ID, s.URL)
	}
	return b.String()
}

// Config is f's configuration (see Farm.Config) with the hostile sites
// added as competitors.
func (h *Hostile) Config(crawl string, f *Farm) ([]byte, error) {
	data, err := f.Config(crawl)
	if err != nil {
		return nil, err
	}
	i := bytes.Index(data, []byte("\nrubric:"))
	if i < 0 {
		return nil, fmt.Errorf("building hostile configuration: no rubric: section")
	}
	return append(append(append([]byte{}, data[:i+1]...), h.Competitors()...), data[i+1:]...), nil
}

// GzipBomb returns a gzip stream that inflates to n zero bytes (rounded
// up to MiB): concatenated gzip members of 1 MiB each, about 1 KB apiece,
// so 1 GiB costs about 1 MB and no time to build.
func GzipBomb(n int64) ([]byte, error) {
	member, err := gzipBytes(make([]byte, 1<<20))
	if err != nil {
		return nil, err
	}
	count := int((n + 1<<20 - 1) >> 20)
	return bytes.Repeat(member, count), nil
}

func gzipBytes(p []byte) ([]byte, error) {
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(p); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// zlibBomb is a zlib stream of n zero bytes (zlib has one member, so it is
// compressed for real).
func zlibBomb(n int64) ([]byte, error) {
	var b bytes.Buffer
	zw, err := zlib.NewWriterLevel(&b, zlib.BestCompression)
	if err != nil {
		return nil, err
	}
	zero := make([]byte, 1<<20)
	for w := int64(0); w < n; w += int64(len(zero)) {
		if _, err := zw.Write(zero); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Helpers for the traps.

func page(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, "<!doctype html><html><head><title>Shop</title></head><body>"+body+"</body></html>")
}

func robotsAllowAll(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/plain")
	fmt.Fprint(w, "User-agent: *\nAllow: /\n")
}

// stream writes chunk until the client goes away, pausing tick between
// writes when tick > 0.
func stream(w http.ResponseWriter, r *http.Request, chunk []byte, tick time.Duration) {
	f, _ := w.(http.Flusher)
	for r.Context().Err() == nil {
		if _, err := w.Write(chunk); err != nil {
			return
		}
		if f != nil {
			f.Flush()
		}
		if tick > 0 {
			select {
			case <-r.Context().Done():
			case <-time.After(tick):
			}
		}
	}
}

// standard serves robots.txt allowing everything and a home page with
// body; it reports whether it answered.
func standard(w http.ResponseWriter, r *http.Request, body string) bool {
	switch r.URL.Path {
	case "/robots.txt":
		robotsAllowAll(w)
	case "/":
		page(w, body)
	default:
		return false
	}
	return true
}

var hostileTraps = []hostileTrap{
	{"gzip-bomb", "home page: Content-Encoding gzip, 1 MB inflating to 1 GiB", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(h.bomb)
	}},
	{"x-gzip-bomb", "home page: Content-Encoding x-gzip bomb", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "x-gzip")
		w.Write(h.bomb)
	}},
	{"double-gzip-bomb", "home page: Content-Encoding gzip, gzip (a bomb gzipped twice)", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip, gzip")
		w.Write(h.bombGz)
	}},
	{"deflate-bomb", "home page: Content-Encoding deflate, 64 MiB of zeros", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "deflate")
		w.Write(h.bombZlib)
	}},
	{"gzip-content-type", "home page: application/x-gzip bomb (not HTML)", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		w.Header().Set("Content-Type", "application/x-gzip")
		w.Write(h.bomb)
	}},
	{"sitemap-gzip-bomb", "sitemap.xml: Content-Encoding gzip bomb", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/sitemap.xml" {
			w.Header().Set("Content-Type", "application/xml")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(h.bomb)
			return
		}
		if !standard(w, r, `<a href="/help/returns">Returns</a>`) {
			page(w, "<p>Returns within 30 days.</p>")
		}
	}},
	{"sitemap-xmlgz-bomb", "robots.txt names sitemap.xml.gz, a gzip bomb as octet-stream", func(h *Hostile, self string, w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprintf(w, "User-agent: *\nAllow: /\nSitemap: %s/sitemap.xml.gz\n", self)
		case "/sitemap.xml.gz":
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write(h.bomb)
		default:
			page(w, "<p>Welcome.</p>")
		}
	}},
	{"sitemap-gzip-type-bomb", "sitemap.xml served as application/gzip, a bomb", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/sitemap.xml" {
			w.Header().Set("Content-Type", "application/gzip")
			w.Write(h.bomb)
			return
		}
		standard(w, r, "<p>Welcome.</p>")
	}},
	{"robots-gzip-bomb", "robots.txt: Content-Encoding gzip bomb", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			w.Header().Set("Content-Type", "text/plain")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(h.bomb)
			return
		}
		page(w, "<p>Welcome.</p>")
	}},
	{"robots-endless", "robots.txt: endless Disallow lines", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			w.Header().Set("Content-Type", "text/plain")
			w.Write([]byte("User-agent: *\n"))
			stream(w, r, []byte("Disallow: /private/area/that/is/long\n"), 0)
			return
		}
		page(w, `<a href="/private/area/that/is/long/x">no</a><p>Welcome.</p>`)
	}},
	{"robots-binary", "robots.txt: 300 KB of random bytes", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			w.Write([]byte(h.body("robots-binary")))
			return
		}
		page(w, "<p>Welcome.</p>")
	}},
	{"robots-slow", "robots.txt: one byte per tick, forever", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			stream(w, r, []byte("#"), h.tick)
			return
		}
		page(w, "<p>Welcome.</p>")
	}},
	{"endless-body", "home page: an endless body", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		stream(w, r, bytes.Repeat([]byte("<p>and on and on</p>\n"), 1000), 0)
	}},
	{"slowloris-body", "home page: headers, then one byte per tick forever", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		stream(w, r, []byte(" "), h.tick)
	}},
	{"slowloris-headers", "home page: never answers", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		<-r.Context().Done()
	}},
	{"redirect-chain", "every page redirects to a new one", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n+1), http.StatusFound)
	}},
	{"redirect-loop", "home and /a redirect to each other", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			robotsAllowAll(w)
		case "/":
			http.Redirect(w, r, "/a", http.StatusFound)
		default:
			http.Redirect(w, r, "/", http.StatusFound)
		}
	}},
	{"redirect-other-host", "home page redirects to another host", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		http.Redirect(w, r, h.OffLimits.URL+"/", http.StatusMovedPermanently)
	}},
	{"redirect-private", "home page redirects to a cloud metadata address", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	}},
	{"robots-redirect-other-host", "robots.txt redirects to another host", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.Redirect(w, r, h.OffLimits.URL+"/robots.txt", http.StatusMovedPermanently)
			return
		}
		page(w, "<p>Welcome.</p>")
	}},
	{"link-redirects-off-site", "a link redirects to another host", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/out" {
			http.Redirect(w, r, h.OffLimits.URL+"/secret", http.StatusFound)
			return
		}
		standard(w, r, `<a href="/out">Our partner</a>`)
	}},
	{"crawl-delay-absurd", "robots.txt asks for a Crawl-delay of three thousand years", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nCrawl-delay: 99999999999\n")
			return
		}
		page(w, `<a href="/help/returns">Returns</a><a href="/help/shipping">Shipping</a><a href="/help/contact">Contact</a>`)
	}},
	{"retry-after-absurd", "every page: 503 with Retry-After of 31 years", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		w.Header().Set("Retry-After", "999999999")
		http.Error(w, "come back later", http.StatusServiceUnavailable)
	}},
	{"retry-after-date", "every page: 429 with Retry-After in the year 9999", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		w.Header().Set("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}},
	{"retry-after-zero", "every page: 503 with Retry-After 0, forever", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		w.Header().Set("Retry-After", "0")
		http.Error(w, "busy", http.StatusServiceUnavailable)
	}},
	{"cookie-flood", "every response sets 100 new 1 KB cookies", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		n := cookieSeq.Add(1)
		value := strings.Repeat("v", 1000)
		for i := range 100 {
			http.SetCookie(w, &http.Cookie{Name: fmt.Sprintf("c%d_%d", n, i), Value: value, Path: "/"})
		}
		if !standard(w, r, h.body("cookie-links")) {
			page(w, h.body("cookie-links"))
		}
	}},
	{"huge-headers", "home page: 2 MB of response headers", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		v := strings.Repeat("x", 8000)
		for i := range 256 {
			w.Header().Set(fmt.Sprintf("X-Pad-%d", i), v)
		}
		page(w, "<p>Welcome.</p>")
	}},
	{"deep-nesting", "home page: 100,000 nested elements", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		page(w, strings.Repeat("<div>", 100000)+"deep"+strings.Repeat("</div>", 100000))
	}},
	{"dense-dom", "home page: 6 MB of <p>, the densest tree", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		page(w, h.body("dense-dom"))
	}},
	{"link-flood", "home page: 6 MB of distinct links", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		page(w, h.body("link-flood"))
	}},
	{"attribute-flood", "home page: one element with 6 MB of attributes", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		page(w, h.body("attribute-flood"))
	}},
	{"bad-charset", "declared charsets that do not exist, invalid UTF-8", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=x-no-such-charset")
		fmt.Fprint(w, "<html><head><meta charset=\"utf-7\"><meta http-equiv=\"Content-Type\" content=\"text/html; charset=\xff\xfe\"></head><body>\xff\xfe\xc3\x28 Returns within \xe2\x82 30 days</body></html>")
	}},
	{"binary-html", "home page: 1 MB of random bytes as text/html", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(h.body("binary-html")))
	}},
	{"parser-torture", "misnested formatting elements, foreign content, unclosed comment", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		page(w, strings.Repeat("<b><i><a href=/x><u><table><tr><td><svg><foreignObject><math><mi><template>", 3000)+
			"</a></b><p><!-- never closed <script>")
	}},
	{"sitemap-endless-index", "every sitemap is an index naming a new one", func(h *Hostile, self string, w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/sitemap") {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/sitemap"), ".xml"))
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
			for i := 1; i <= 1000; i++ {
				fmt.Fprintf(w, "<sitemap><loc>%s/sitemap%d.xml</loc></sitemap>", self, n*1000+i)
			}
			fmt.Fprint(w, "</sitemapindex>")
			return
		}
		standard(w, r, "<p>Welcome.</p>")
	}},
	{"sitemap-long-urls", "sitemap: 50,000 URLs of 3,000 characters", func(h *Hostile, self string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/sitemap.xml" {
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprint(w, `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
			tail := strings.Repeat("a", 3000)
			for i := range 50000 {
				fmt.Fprintf(w, "<url><loc>%s/p/%d/%s</loc></url>", self, i, tail)
			}
			fmt.Fprint(w, "</urlset>")
			return
		}
		if !standard(w, r, "<p>Welcome.</p>") {
			page(w, "<p>A product.</p>")
		}
	}},
	{"calendar-trap", "every page links to a next page, forever", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		n, _ := strconv.Atoi(r.URL.Query().Get("d"))
		page(w, fmt.Sprintf(`<a href="/cal?d=%d">Next day</a><a href="/cal?d=%d">Next week</a>`, n+1, n+7))
	}},
	{"content-length-lie", "home page: Content-Length 1 MB, 20 bytes sent", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", "1000000")
		w.Write([]byte("<html><body>cut off")) // the server then drops the connection
	}},
	{"huge-location", "home page: a redirect with a 100 KB Location", func(h *Hostile, _ string, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robotsAllowAll(w)
			return
		}
		w.Header().Set("Location", "/"+strings.Repeat("%41", 100<<10/3))
		w.WriteHeader(http.StatusFound)
	}},
}

// cookieSeq numbers the cookie flood's responses, so every one sets new
// cookies.
var cookieSeq atomic.Int64

// prepare generates the large bodies once, before any request.
func (h *Hostile) prepare() {
	n := h.pageBytes
	links := func(prefix string, count int) string {
		b := make([]byte, 0, count*24)
		for i := range count {
			b = append(strconv.AppendInt(append(append(b, `<a href="`...), prefix...), int64(i), 10), `">x</a>`...)
		}
		return string(b)
	}
	attrs := []byte("<div")
	for i := 0; len(attrs) < n; i++ {
		attrs = strconv.AppendInt(append(attrs, " a"...), int64(i), 10)
	}
	for name, body := range map[string]string{
		"dense-dom":       strings.Repeat("<p>", n/3),
		"link-flood":      links("/item/", n/24),
		"attribute-flood": string(append(attrs, ">x</div>"...)),
		"binary-html":     randomBytes(3, min(n, 1<<20)),
		"robots-binary":   randomBytes(1, 300<<10),
		"cookie-links":    links("/p/", 30),
	} {
		h.bodies.Store(name, body)
	}
}

// body is a body made by prepare.
func (h *Hostile) body(name string) string {
	v, _ := h.bodies.Load(name)
	return v.(string)
}

// randomBytes is n bytes from a seeded generator.
func randomBytes(seed uint64, n int) string {
	rnd := rand.New(rand.NewPCG(seed, seed+1))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rnd.UintN(256))
	}
	return string(b)
}
