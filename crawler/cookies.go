package crawler

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"sync"

	"golang.org/x/net/publicsuffix"
)

// Cookie jar bounds. A browser keeps about 180 cookies per domain of at
// most 4 KiB each; a crawler that reads public pages needs far fewer
// (consent and session cookies), and a site that sets hundreds must not
// make every later request heavier.
const (
	maxCookiesPerHost     = 50
	maxCookieBytes        = 4096     // name and value
	maxCookieBytesPerHost = 32 << 10 // names and values of the cookies kept
)

// boundedJar is a competitor's cookie jar: cookiejar with the public
// suffix list (no cookies for a whole public suffix), keeping at most
// maxCookiesPerHost distinct cookies set by each host, of at most
// maxCookieBytesPerHost together and maxCookieBytes each. Updates to a
// cookie already kept pass if they fit.
type boundedJar struct {
	jar *cookiejar.Jar

	mu   sync.Mutex
	kept map[string]*hostCookies // by setting host
}

// hostCookies are the cookies one host set: sizes by name, domain and path.
type hostCookies struct {
	size  map[string]int
	bytes int
}

func newBoundedJar() *boundedJar {
	jar, _ := cookiejar.New(&cookiejar.Options{PublicSuffixList: publicsuffix.List}) // never fails
	return &boundedJar{jar: jar, kept: map[string]*hostCookies{}}
}

func (j *boundedJar) SetCookies(u *url.URL, cookies []*http.Cookie) {
	host := u.Hostname()
	var keep []*http.Cookie
	j.mu.Lock()
	kept := j.kept[host]
	if kept == nil {
		kept = &hostCookies{size: map[string]int{}}
		j.kept[host] = kept
	}
	for _, c := range cookies {
		n := len(c.Name) + len(c.Value)
		k := c.Name + "\x00" + c.Domain + "\x00" + c.Path
		old, known := kept.size[k]
		if n > maxCookieBytes || !known && len(kept.size) >= maxCookiesPerHost || kept.bytes-old+n > maxCookieBytesPerHost {
			continue
		}
		kept.size[k] = n
		kept.bytes += n - old
		keep = append(keep, c)
	}
	j.mu.Unlock()
	if len(keep) > 0 {
		j.jar.SetCookies(u, keep)
	}
}

func (j *boundedJar) Cookies(u *url.URL) []*http.Cookie { return j.jar.Cookies(u) }
