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

// parseSitemap reads a sitemap or sitemap index and returns the page URLs
// and child sitemap URLs it lists, in document order. A truncated or
// malformed document yields what could be read before the damage.
func parseSitemap(body []byte) (pages, children []string) {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	var parent string // "url" or "sitemap"
	inLoc := false
	var loc strings.Builder
	for len(pages)+len(children) < maxSitemapURLs {
		tok, err := d.Token()
		if err != nil {
			// io.EOF, or damage (a truncated body): keep what was read.
			return pages, children
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "url", "sitemap":
				parent = t.Name.Local
			case "loc":
				inLoc = true
				loc.Reset()
			}
		case xml.CharData:
			if inLoc {
				loc.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "loc":
				inLoc = false
				s := strings.TrimSpace(loc.String())
				if s == "" {
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
