package crawler

import (
	"bufio"
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cxbench/cxbench/config"
)

// hit is one request as the test server saw it.
type hit struct {
	Host string
	Path string
	UA   string
	// Cookies is the number of cookies the request carried.
	Cookies int
	Start   time.Time // arrival
	End     time.Time // handler returned
}

// testSite is a loopback HTTP server that serves a testdata site and
// records every request with server-side times.
type testSite struct {
	*httptest.Server
	dir       string
	routes    map[string]http.HandlerFunc // exact paths; "" is the fallback
	redirects map[string][2]string        // path -> target, status
	headers   map[string]string           // path -> Content-Type

	mu        sync.Mutex
	hits      []hit
	active    int
	maxActive int
}

// newSite serves testdata/sites/<dir> (dir may be "" for a purely
// generated site) plus routes, which win over files.
func newSite(t testing.TB, dir string, routes map[string]http.HandlerFunc) *testSite {
	t.Helper()
	s := &testSite{routes: routes, redirects: map[string][2]string{}, headers: map[string]string{}}
	if dir != "" {
		s.dir = filepath.Join("testdata", "sites", dir)
		readPairs(t, filepath.Join(s.dir, "_redirects"), func(k, v string) {
			f := strings.Fields(v)
			s.redirects[k] = [2]string{f[0], f[1]}
		})
		readPairs(t, filepath.Join(s.dir, "_headers"), func(k, v string) { s.headers[k] = v })
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func readPairs(t testing.TB, name string, f func(k, v string)) {
	file, err := os.Open(name)
	if os.IsNotExist(err) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), " ")
		if ok {
			f(k, strings.TrimSpace(v))
		}
	}
}

func (s *testSite) serve(w http.ResponseWriter, r *http.Request) {
	// Recorded on arrival, so a test sees requests whose handler is still
	// running when the crawl gives up on them.
	s.mu.Lock()
	i := len(s.hits)
	s.hits = append(s.hits, hit{Host: r.Host, Path: r.URL.RequestURI(), UA: r.UserAgent(), Cookies: len(r.Cookies()), Start: time.Now()})
	s.active++
	s.maxActive = max(s.maxActive, s.active)
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.active--
		s.hits[i].End = time.Now()
		s.mu.Unlock()
	}()
	if f, ok := s.routes[r.URL.Path]; ok {
		f(w, r)
		return
	}
	if rd, ok := s.redirects[r.URL.Path]; ok {
		code, _ := strconv.Atoi(rd[1])
		http.Redirect(w, r, rd[0], code)
		return
	}
	if s.dir != "" && s.serveFile(w, r) {
		return
	}
	if f, ok := s.routes[""]; ok {
		f(w, r)
		return
	}
	http.NotFound(w, r)
}

func (s *testSite) serveFile(w http.ResponseWriter, r *http.Request) bool {
	p := strings.TrimSuffix(path.Clean(r.URL.Path), "/")
	candidates := []string{p, p + ".html", p + "/index.html"}
	if p == "" {
		candidates = []string{"/index.html"}
	}
	for _, c := range candidates {
		b, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(c)))
		if err != nil {
			continue
		}
		b = []byte(strings.ReplaceAll(string(b), "{{origin}}", s.URL))
		ct := map[string]string{".html": "text/html", ".txt": "text/plain", ".xml": "application/xml"}[path.Ext(c)]
		if v, ok := s.headers[p]; ok {
			ct = v
		}
		w.Header().Set("Content-Type", ct)
		w.Write(b)
		return true
	}
	return false
}

// reset forgets the recorded requests.
func (s *testSite) reset() {
	s.mu.Lock()
	s.hits, s.maxActive = nil, 0
	s.mu.Unlock()
}

// log returns the recorded requests in arrival order.
func (s *testSite) log() []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := slices.Clone(s.hits)
	slices.SortFunc(out, func(a, b hit) int { return a.Start.Compare(b.Start) })
	return out
}

// paths returns the requested paths, sorted.
func (s *testSite) paths() []string {
	var out []string
	for _, h := range s.log() {
		out = append(out, h.Path)
	}
	slices.Sort(out)
	return out
}

// hosts returns the Host headers of the requests, as "host path" in
// arrival order.
func (s *testSite) hostPaths() []string {
	var out []string
	for _, h := range s.log() {
		out = append(out, strings.Split(h.Host, ":")[0]+" "+h.Path)
	}
	return out
}

// fakeDNS resolves test host names ("acme.test") to addresses; loopback
// names make the competitor private, public ones (with loopbackDial) let
// the address guard act as it would on the internet.
type fakeDNS map[string]string

func (f fakeDNS) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	a, ok := f[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	return []netip.Addr{netip.MustParseAddr(a)}, nil
}

// loopbackDial connects to 127.0.0.1 on the port asked for, whatever the
// address: the test's public addresses are served on loopback.
func loopbackDial(ctx context.Context, network, addr string) (net.Conn, error) {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	var d net.Dialer
	return d.DialContext(ctx, network, net.JoinHostPort("127.0.0.1", port))
}

// port returns a test server's port.
func (s *testSite) port() string {
	_, p, _ := net.SplitHostPort(s.Listener.Addr().String())
	return p
}

// at returns the site's URL under another host name.
func (s *testSite) at(host string) string { return "http://" + net.JoinHostPort(host, s.port()) }

// clearCollyEnv removes COLLY_* variables for the test.
func clearCollyEnv(t *testing.T) {
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "COLLY_") {
			t.Setenv(k, "")
			os.Unsetenv(k)
		}
	}
}

// testCrawler returns a crawler with test-friendly settings: no delay and
// fast retries unless s says otherwise.
func testCrawler(t *testing.T, s config.Crawl) *Crawler {
	clearCollyEnv(t)
	if s.Delay == 0 {
		s.Delay = -1
	}
	if s.Timeout == 0 {
		s.Timeout = config.Duration(5 * time.Second)
	}
	return &Crawler{
		Settings:     s,
		RetryBackoff: 5 * time.Millisecond,
		Logger:       slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
}

// testWriter sends log lines to t.Log (shown with -v or on failure).
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func comp(id, u string) config.Competitor {
	return config.Competitor{ID: id, Name: strings.ToUpper(id), URL: u}
}
