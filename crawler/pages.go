package crawler

import (
	"net/http"
	"net/url"

	"github.com/cxbench/cxbench/pagestore"
)

// keptHeaders are the headers of a response the page store keeps.
func keptHeaders(h http.Header) map[string]string {
	var kept map[string]string
	for k, v := range h {
		name, ok := pagestore.KeptHeader(k)
		if ok && len(v) > 0 {
			if kept == nil {
				kept = map[string]string{}
			}
			kept[name] = v[0]
		}
	}
	return kept
}

// previous returns what the last run stored about u, when the page can
// be revalidated: stored whole, with a validator.
func (cc *compCrawl) previous(u *url.URL) *stored {
	if cc.c.Previous == nil {
		return nil
	}
	p, ok := cc.c.Previous.Lookup(cc.comp.ID, u.String())
	if !ok || p.Truncated || p.Header["ETag"] == "" && p.Header["Last-Modified"] == "" {
		return nil
	}
	body, err := cc.c.Previous.Body(p)
	if err != nil {
		cc.log.Warn("stored page unreadable; fetching it whole", "competitor", cc.comp.ID, "url", u.String(), "error", err)
		return nil
	}
	return &stored{header: p.Header, body: body}
}
