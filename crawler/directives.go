package crawler

import (
	"net/http"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// pageRules are the robots directives of one page, from its
// X-Robots-Tag headers and <meta name="robots"> (or a <meta> named after
// our product token).
//
//   - nofollow (or none): no link of the page is followed;
//   - noindex is not read: it keeps a page out of search indexes, and
//     cxbench builds no index. The page is still read for signals, because
//     it is public, customers read it, and skipping it would turn a stated
//     policy into "not found".
type pageRules struct {
	nofollow bool
}

// knownDirectives are the X-Robots-Tag directives that may be followed by
// a colon and a value; any other "name:" prefix names a user agent.
var knownDirectives = map[string]bool{
	"all": true, "noindex": true, "nofollow": true, "none": true, "noarchive": true, "nosnippet": true,
	"indexifembedded": true, "notranslate": true, "noimageindex": true, "unavailable_after": true,
	"max-snippet": true, "max-image-preview": true, "max-video-preview": true, "noodp": true, "noydir": true,
}

// readPageRules collects the directives that apply to the product token
// agent.
func readPageRules(h http.Header, doc *goquery.Document, agent string) pageRules {
	var r pageRules
	for _, v := range h.Values("X-Robots-Tag") {
		if name, rest, ok := strings.Cut(v, ":"); ok {
			name = strings.TrimSpace(name)
			if !knownDirectives[strings.ToLower(name)] && !strings.ContainsAny(name, ", \t") {
				if !strings.EqualFold(name, agent) {
					continue // another crawler's
				}
				v = rest
			}
		}
		r.add(v)
	}
	doc.Find("meta[name][content]").Each(func(_ int, s *goquery.Selection) {
		name := strings.TrimSpace(s.AttrOr("name", ""))
		if strings.EqualFold(name, "robots") || agent != "" && strings.EqualFold(name, agent) {
			r.add(s.AttrOr("content", ""))
		}
	})
	return r
}

// add reads a comma-separated list of directives.
func (r *pageRules) add(list string) {
	for d := range strings.SplitSeq(list, ",") {
		switch strings.ToLower(strings.TrimSpace(d)) {
		case "nofollow", "none":
			r.nofollow = true
		}
	}
}

// relNofollow reports whether a link's rel attribute holds nofollow.
func relNofollow(rel string) bool {
	for _, t := range strings.Fields(rel) {
		if strings.EqualFold(t, "nofollow") {
			return true
		}
	}
	return false
}
