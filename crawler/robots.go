package crawler

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/jimsmart/grobotstxt"
)

// maxRobotsBytes bounds the robots.txt read (RFC 9309 section 2.5 asks
// for at least 500 KiB; rules beyond the limit are ignored).
const maxRobotsBytes = 512 << 10

// maxRobotsSitemaps bounds the Sitemap: lines kept from one robots.txt.
const maxRobotsSitemaps = 100

// robotsRules is one robots.txt as it applies to our user agent. Matching
// is grobotstxt's, a port of Google's parser: the longest matching rule
// wins, Allow wins a tie, "*" matches any run of characters and a final
// "$" anchors the end, rules before any User-agent line belong to no
// group, and a group for our product token replaces the "*" group.
type robotsRules struct {
	body  string // normalised text handed to the matcher
	agent string // our product token
	// crawlDelay is the Crawl-delay of the group that applies (0: none).
	crawlDelay time.Duration
	sitemaps   []string
}

// parseRobots reads a robots.txt body for the product token agent. The
// body may be cut at maxRobotsBytes: truncated tells so, and the partial
// last line is then dropped (a cut "Allow: /public" would read as
// "Allow: /").
func parseRobots(body []byte, truncated bool, agent string) *robotsRules {
	if truncated {
		if i := bytes.LastIndexAny(body, "\r\n"); i >= 0 {
			body = body[:i+1]
		} else {
			body = nil
		}
	}
	text := normalizePercent(string(body))
	meta := &robotsMeta{agent: agent}
	grobotstxt.Parse(text, meta)
	r := &robotsRules{body: text, agent: agent, sitemaps: meta.sitemaps}
	switch {
	case meta.oursSeen:
		r.crawlDelay = meta.oursDelay
	default:
		r.crawlDelay = meta.globalDelay
	}
	return r
}

// allows reports whether the rules let us fetch requestURI (the path and
// query exactly as they go on the wire) on origin. A path with escaped
// slashes or backslashes is also checked as a server that decodes them
// before resolving dot segments would read it ("/a/..%2Fprivate" as
// "/private"): both readings must be allowed.
func (r *robotsRules) allows(origin, requestURI string) bool {
	if r == nil {
		return true
	}
	// A full URL, so that a path starting with "//" is not read as a host.
	if !grobotstxt.AgentAllowed(r.body, r.agent, origin+normalizePercent(requestURI)) {
		return false
	}
	if alt, ok := decodedSlashes(requestURI); ok {
		return grobotstxt.AgentAllowed(r.body, r.agent, origin+normalizePercent(alt))
	}
	return true
}

// decodedSlashes returns requestURI's path with %2F and %5C (and "\")
// decoded to "/" and dot segments resolved, if it has any of them.
func decodedSlashes(requestURI string) (string, bool) {
	p, query, hasQuery := strings.Cut(requestURI, "?")
	lower := strings.ToLower(p)
	if !strings.Contains(lower, "%2f") && !strings.Contains(lower, "%5c") && !strings.Contains(p, "\\") {
		return "", false
	}
	p = strings.NewReplacer("%2f", "/", "%2F", "/", "%5c", "/", "%5C", "/", "\\", "/").Replace(p)
	var out []string
	for seg := range strings.SplitSeq(p, "/") {
		switch strings.ToLower(seg) {
		case ".", "%2e":
		case "..", ".%2e", "%2e.", "%2e%2e":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
		default:
			out = append(out, seg)
		}
	}
	p = strings.Join(out, "/")
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if hasQuery {
		p += "?" + query
	}
	return p, true
}

// productToken is the part of a user agent that robots.txt groups name:
// its leading token ("cxbench" for "cxbench/1.2 (+https://...)").
func productToken(userAgent string) string {
	i := 0
	for i < len(userAgent) && isTokenChar(userAgent[i]) {
		i++
	}
	return userAgent[:i]
}

// isTokenChar reports whether c may appear in an HTTP token (RFC 9110),
// less "!" and "&" as Google's parser has it.
func isTokenChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("#$%'*+-.^_`|~", c) >= 0
}

// robotsMeta collects what grobotstxt's matcher leaves out: the
// Crawl-delay of the group that applies to us, and the Sitemap lines. It
// follows the matcher's grouping: consecutive User-agent lines form one
// group, which ends at the next User-agent line after a rule.
type robotsMeta struct {
	agent string

	inGlobal, inOurs, afterRule bool
	oursSeen                    bool // a group names our product token
	oursDelay, globalDelay      time.Duration
	sitemaps                    []string
}

func (m *robotsMeta) HandleRobotsStart() {}
func (m *robotsMeta) HandleRobotsEnd()   {}

func (m *robotsMeta) HandleUserAgent(_ int, value string) {
	if m.afterRule {
		m.inGlobal, m.inOurs, m.afterRule = false, false, false
	}
	if value == "*" || strings.HasPrefix(value, "* ") || strings.HasPrefix(value, "*\t") {
		m.inGlobal = true
		return
	}
	if tok := productToken(value); tok != "" && m.agent != "" && strings.EqualFold(tok, m.agent) {
		m.inOurs, m.oursSeen = true, true
	}
}

func (m *robotsMeta) HandleAllow(int, string)    { m.rule() }
func (m *robotsMeta) HandleDisallow(int, string) { m.rule() }

func (m *robotsMeta) rule() {
	if m.inGlobal || m.inOurs {
		m.afterRule = true
	}
}

func (m *robotsMeta) HandleSitemap(_ int, value string) {
	if value != "" && len(m.sitemaps) < maxRobotsSitemaps {
		m.sitemaps = append(m.sitemaps, value)
	}
}

// HandleUnknownAction reads Crawl-delay lines. A value that is not a
// non-negative number of seconds is ignored, like any unknown line: it
// does not void the rest of the file.
func (m *robotsMeta) HandleUnknownAction(_ int, action, value string) {
	if !strings.EqualFold(action, "crawl-delay") || !m.inGlobal && !m.inOurs {
		return
	}
	s, err := strconv.ParseFloat(value, 64)
	if err != nil && !math.IsInf(s, 1) || math.IsNaN(s) || s < 0 {
		return // "1e999" is out of range but clearly huge: it counts
	}
	// Large values saturate; the crawler caps them anyway.
	d := time.Duration(math.MaxInt64)
	if s < float64(math.MaxInt64)/float64(time.Second) {
		d = time.Duration(s * float64(time.Second))
	}
	if m.inOurs {
		m.oursDelay = max(m.oursDelay, d)
	}
	if m.inGlobal {
		m.globalDelay = max(m.globalDelay, d)
	}
}

// normalizePercent puts percent-encoding in the form RFC 9309 section
// 2.2.2 compares: escapes of unreserved characters decoded ("%7E" is
// "~", "%62" is "b"), other escapes in upper case ("%c3%a9" is
// "%C3%A9"). Octets outside ASCII are left to the matcher, which encodes
// them. The result is equivalent to s as a URL (RFC 3986 section 6.2.2).
func normalizePercent(s string) string {
	i := strings.IndexByte(s, '%')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if c != '%' || i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
			b.WriteByte(c)
			continue
		}
		v := unhex(s[i+1])<<4 | unhex(s[i+2])
		if isUnreserved(v) {
			b.WriteByte(v)
		} else {
			b.WriteByte('%')
			b.WriteByte(upperHex(s[i+1]))
			b.WriteByte(upperHex(s[i+2]))
		}
		i += 2
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

func upperHex(c byte) byte {
	if 'a' <= c && c <= 'f' {
		return c - 'a' + 'A'
	}
	return c
}

// isUnreserved reports whether c is an RFC 3986 unreserved character.
func isUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}
