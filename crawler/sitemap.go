package crawler

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
)

// maxSitemapURLs bounds the URLs read from one sitemap (the protocol's own
// limit per file).
const maxSitemapURLs = 50000

// maxSitemapDepth bounds element nesting: a sitemap nests three deep
// (urlset, url, loc); the decoder keeps a stack entry per open element, so
// a "sitemap" of a million unclosed tags would cost a million entries.
const maxSitemapDepth = 32

// parseSitemap reads a sitemap or sitemap index and returns the page URLs
// and child sitemap URLs it lists, in document order. A truncated or
// malformed document, or one nested too deep, yields what could be read
// before the damage.
func parseSitemap(body []byte) (pages, children []string) {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	var parent string           // "url" or "sitemap"
	inLoc, long := false, false // long: the location is beyond maxURLLen
	var loc strings.Builder
	depth := 0
	for len(pages)+len(children) < maxSitemapURLs && depth <= maxSitemapDepth {
		tok, err := d.Token()
		if err != nil {
			// io.EOF, or damage (a truncated body): keep what was read.
			return pages, children
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "url", "sitemap":
				parent = t.Name.Local
			case "loc":
				inLoc, long = true, false
				loc.Reset()
			}
		case xml.CharData:
			switch {
			case !inLoc || long:
			case loc.Len()+len(t) > maxURLLen:
				long = true // dropped: the crawler would not fetch it
			default:
				loc.Write(t)
			}
		case xml.EndElement:
			depth--
			switch t.Name.Local {
			case "loc":
				inLoc = false
				s := strings.TrimSpace(loc.String())
				if s == "" || long {
					continue
				}
				if parent == "sitemap" {
					children = append(children, s)
				} else if parent == "url" {
					pages = append(pages, s)
				}
			case "url", "sitemap":
				parent = ""
			}
		}
	}
	return pages, children
}
