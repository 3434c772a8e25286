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
	maxCookiesPerHost = 50
	maxCookieBytes    = 4096 // name and value
)

// boundedJar is a competitor's cookie jar: cookiejar with the public
// suffix list (no cookies for a whole public suffix), keeping at most
// maxCookiesPerHost distinct cookies set by each host and none larger
// than maxCookieBytes. Updates to a cookie already kept always pass.
type boundedJar struct {
	jar *cookiejar.Jar

	mu   sync.Mutex
	kept map[string]map[string]bool // by setting host: cookie name, domain and path
}

func newBoundedJar() *boundedJar {
	jar, _ := cookiejar.New(&cookiejar.Options{PublicSuffixList: publicsuffix.List}) // never fails
	return &boundedJar{jar: jar, kept: map[string]map[string]bool{}}
}

func (j *boundedJar) SetCookies(u *url.URL, cookies []*http.Cookie) {
	host := u.Hostname()
	var keep []*http.Cookie
	j.mu.Lock()
	kept := j.kept[host]
	if kept == nil {
		kept = map[string]bool{}
		j.kept[host] = kept
	}
	for _, c := range cookies {
		if len(c.Name)+len(c.Value) > maxCookieBytes {
			continue
		}
		k := c.Name + "\x00" + c.Domain + "\x00" + c.Path
		if !kept[k] {
			if len(kept) >= maxCookiesPerHost {
				continue
			}
			kept[k] = true
		}
		keep = append(keep, c)
	}
	j.mu.Unlock()
	if len(keep) > 0 {
		j.jar.SetCookies(u, keep)
	}
}

func (j *boundedJar) Cookies(u *url.URL) []*http.Cookie { return j.jar.Cookies(u) }
