package extract

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/cxbench/cxbench/crawler/extract/lang"
	"github.com/cxbench/cxbench/signal"
	"golang.org/x/net/html"
)

// link is one <a href> (or <area>) of a page.
type link struct {
	raw    string   // the href as written
	u      *url.URL // resolved against the page URL; nil when unparsable
	text   string   // link text, or aria-label / title / image alt
	label  string   // aria-label when the text is not empty (read for chat only)
	button bool     // a <button> (or role=button), not a link
}

const (
	maxLinks   = 5000 // links considered per page
	maxScripts = 500  // scripts considered per page
	maxInline  = 200_000
)

// pageLinks collects the page's links and script sources.
func pageLinks(root *html.Node, base *url.URL) (links []link, scripts []string) {
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > maxDOMDepth {
			return
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "a", "area":
				if href, ok := attrOK(n, "href"); !ok && strings.EqualFold(attr(n, "role"), "button") && len(links) < maxLinks {
					links = append(links, link{text: nodeText(n, 300), label: strings.TrimSpace(attr(n, "aria-label")), button: true})
				} else if ok && len(links) < maxLinks {
					l := link{raw: strings.TrimSpace(href), text: nodeText(n, 300)}
					if l.text == "" {
						l.text = firstNonEmpty(attr(n, "aria-label"), attr(n, "title"), imgAlt(n))
					} else {
						l.label = strings.TrimSpace(attr(n, "aria-label"))
					}
					if u, err := url.Parse(l.raw); err == nil {
						if base != nil {
							u = base.ResolveReference(u)
						}
						l.u = u
					}
					links = append(links, l)
				}
			case "button":
				if len(links) < maxLinks {
					t, label := nodeText(n, 300), ""
					if t == "" {
						t = firstNonEmpty(attr(n, "aria-label"), attr(n, "title"))
					} else {
						label = strings.TrimSpace(attr(n, "aria-label"))
					}
					links = append(links, link{text: t, label: label, button: true})
				}
			case "script":
				if len(scripts) < maxScripts {
					if src := attr(n, "src"); src != "" {
						scripts = append(scripts, src)
					} else if n.FirstChild != nil && n.FirstChild.Type == html.TextNode {
						s := n.FirstChild.Data
						if len(s) > maxInline {
							s = s[:maxInline]
						}
						scripts = append(scripts, s)
					}
				}
				return
			case "iframe":
				if src := attr(n, "src"); src != "" && len(scripts) < maxScripts {
					scripts = append(scripts, src)
				}
			case "style", "template":
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(root, 0)
	return links, scripts
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

func imgAlt(n *html.Node) string {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == "img" {
			return attr(c, "alt")
		}
	}
	return ""
}

// ---- phone ----

var (
	// phoneCandidate is a run of digits with phone punctuation.
	phoneCandidate = regexp.MustCompile(`\+?\(?\d[\d\s().\-/]{5,22}\d`)
	phoneLabel     = regexp.MustCompile(`(?i)(phone|tel\b|tel\.|telephone|call\b|call us|ring\b|hotline|toll[- ]free|freephone|mobile|helpline|customer (?:service|care|support)|support line|☎|📞|\bt:|\bp:|\bfax\b|\bf:)`)
	phoneStrong    = []*regexp.Regexp{
		regexp.MustCompile(`^\+\d`),
		regexp.MustCompile(`^\(\d{3}\)\s?\d{3}[\s.\-]\d{4}$`),
		regexp.MustCompile(`^(?:1[\s.\-])?\d{3}[\s.\-]\d{3}[\s.\-]\d{4}$`),
		regexp.MustCompile(`^0\d{2,4}[\s\-]\d{3,4}[\s\-]?\d{3,4}$`),
	}
	dateLike = regexp.MustCompile(`^\d{1,4}[./\-]\d{1,2}[./\-]\d{1,4}$|^\d{4}\s?[\-–]\s?\d{4}$`)
	// noPhone is an explicit statement that there is no phone support.
	noPhone = regexp.MustCompile(`(?i)\b(?:(?:do|does|can)\s*not|don't|don’t|doesn't|doesn’t|can't|can’t|cannot|are\s+(?:not\s+able|unable)\s+to|unable\s+to)\s+(?:currently\s+)?(?:offer|provide|have|take|accept|answer|support|do)\s+(?:any\s+|a\s+)?(?:phone|telephone|calls?)(?:[\s-]+(?:based\s+)?(?:support|line|number|calls?|service|centre|center|enquiries|inquiries))?\b` +
		`|\bno\s+(?:phone|telephone)\s+(?:support|line|number|service)\b` +
		`|\b(?:phone|telephone)\s+support\s+is\s+(?:not\s+(?:offered|provided|available)|unavailable)\s*[.!;]` +
		`|\bnot\s+(?:reachable|available|contactable)\s+by\s+(?:phone|telephone)\b` +
		`|\bno\s+call\s+cent(?:re|er)\b` +
		`|\b(?:support|help|customer\s+(?:service|care))\s+(?:is\s+)?(?:available\s+|offered\s+|provided\s+)?(?:only\s+)?(?:by|via|through|over)\s+(?:e-?mail|chat|live\s+chat|e-?mail\s+(?:and|or|&)\s+(?:live\s+)?chat)\s+only\b` +
		`|\b(?:e-?mail|online|chat)[\s-]only\s+(?:support|customer\s+(?:service|care))\b`)
)

// digitCount counts the ASCII digits of s.
func digitCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// textPhone finds a phone number in one line of visible text. labelled
// is true when a phone label ("Phone:", "Call us", "Tel.") precedes it;
// otherwise the number is formatted unmistakably as a phone number
// (+44 20..., (555) 010-4477, 1-800-...). A number labelled fax is not a
// phone line.
func textPhone(line string) (num string, labelled, ok bool) {
	if digitCount(line) < 7 { // a phone number has 7 digits or more
		return "", false, false
	}
	for _, loc := range phoneCandidate.FindAllStringIndex(line, 20) {
		num := strings.TrimSpace(line[loc[0]:loc[1]])
		if digits := digitCount(num); digits < 7 || digits > 15 || dateLike.MatchString(num) {
			continue
		}
		// A decimal number or a price is not a phone.
		if loc[0] > 0 && strings.ContainsAny(line[loc[0]-1:loc[0]], "$€£.,") {
			continue
		}
		before := line[max(0, loc[0]-40):loc[0]]
		labels := phoneLabel.FindAllString(before, -1)
		if len(labels) == 0 {
			// "Telefon:", "Teléfono", "Telefoon" in the other languages.
			if re := lang.Union("phone_label"); re != nil && re.MatchString(strings.ToLower(before)) {
				return num, true, true
			}
		}
		if len(labels) > 0 {
			last := strings.ToLower(labels[len(labels)-1])
			if strings.Contains(last, "fax") || last == "f:" {
				continue
			}
			return num, true, true
		}
		for _, re := range phoneStrong {
			if re.MatchString(num) {
				return num, false, true
			}
		}
	}
	return "", false, false
}

// qualifiedNo is what follows a "no phone support" statement that limits
// it to some times, orders or plans ("on weekends", "for trade orders").
var qualifiedNo = regexp.MustCompile(`(?i)^[^.!?]{0,40}?\b(?:on|at|during|outside|after|before|between|until|from|for|in|with)\s+(?:the\s+)?(?:weekends?|sundays?|saturdays?|(?:public |bank )?holidays?|nights?|evenings?|\d|international|business|wholesale|trade|free|basic|starter|orders?\s+(?:over|under|outside))`)

// lowerMapped returns s in lower case and, for each byte offset of it
// (and its end), the offset in s of the character it belongs to.
func lowerMapped(s string) (string, []int) {
	var b strings.Builder
	b.Grow(len(s))
	at := make([]int, 0, len(s)+1)
	for i, r := range s {
		n := b.Len()
		b.WriteRune(unicode.ToLower(r))
		for range b.Len() - n {
			at = append(at, i)
		}
	}
	return b.String(), append(at, len(s))
}

// noPhoneAt finds an unqualified statement that there is no phone support.
func noPhoneAt(line string) ([]int, bool) {
	if re := lang.Union("no_phone"); re != nil {
		// The vocabularies match lower-case text, which may be longer or
		// shorter than line ("Ⱥ" has 2 bytes, "ⱥ" 3): offsets go back
		// through the map.
		low, at := lowerMapped(line)
		if m := re.FindStringSubmatchIndex(low); m != nil {
			return []int{at[m[2]], at[m[3]]}, true
		}
	}
	for _, loc := range noPhone.FindAllStringIndex(line, 5) {
		if !qualifiedNo.MatchString(line[loc[1]:]) {
			return loc, true
		}
	}
	return nil, false
}

// phoneLabelLine reports a short line that labels a phone number on the
// next line ("Phone", "Call us", "Telephone:"), not a fax.
func phoneLabelLine(line string) bool {
	if len(line) > 40 || hasFold(line, "fax") {
		return false
	}
	return phoneLabel.MatchString(line)
}

// telPhone checks a tel: link; one labelled fax does not count.
func telPhone(l link) bool {
	if !strings.HasPrefix(strings.ToLower(l.raw), "tel:") {
		return false
	}
	if digitCount(l.raw) < 5 {
		return false
	}
	return !strings.Contains(strings.ToLower(l.text), "fax")
}

// ---- email ----

var (
	emailRe = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}\.)+[A-Za-z]{2,24}\b`)
	// obfuscatedEmail is an address written to defeat scrapers:
	// "help [at] acme [dot] com", "help(at)acme.com".
	obfuscatedEmail = regexp.MustCompile(`(?i)\b([a-z0-9][a-z0-9._%+\-]{0,63})\s*(?:\[at\]|\(at\)|\{at\}|\[@\]|\(@\))\s*([a-z0-9\-]+(?:\s*(?:\[dot\]|\(dot\)|\{dot\}|\.)\s*[a-z0-9\-]+)+)`)
	dotWord         = regexp.MustCompile(`(?i)\s*(?:\[dot\]|\(dot\)|\{dot\}|\.)\s*`)
)

// textEmails finds the e-mail addresses written in a line, including
// obfuscated ones.
func textEmails(line string) []string {
	out := emailRe.FindAllString(line, 10)
	for _, m := range obfuscatedEmail.FindAllStringSubmatch(line, 5) {
		out = append(out, m[1]+"@"+dotWord.ReplaceAllString(m[2], "."))
	}
	return out
}

var fileExt = map[string]bool{
	"png": true, "jpg": true, "jpeg": true, "gif": true, "svg": true, "webp": true, "avif": true,
	"ico": true, "bmp": true, "tif": true, "tiff": true, "css": true, "js": true, "json": true,
	"html": true, "htm": true, "php": true, "mp4": true, "webm": true, "pdf": true, "woff": true,
	"woff2": true, "ttf": true, "map": true,
}

// placeholderDomain and placeholderLocal are addresses shown as examples
// (form placeholders, documentation), not real contact addresses.
var placeholderDomain = map[string]bool{
	"example.com": true, "example.org": true, "example.net": true, "example.edu": true,
	"domain.com": true, "yourdomain.com": true, "yoursite.com": true, "yourcompany.com": true,
	"company.com": true, "email.com": true, "address.com": true, "test.com": true,
	"website.com": true, "sentry.io": true, "wixpress.com": true, "sentry.wixpress.com": true,
	"sentry-next.wixpress.com": true, "mysite.com": true, "yourstore.com": true,
}

var placeholderLocal = map[string]bool{
	"you": true, "your": true, "yourname": true, "your.name": true, "your-name": true, "name": true,
	"email": true, "youremail": true, "your.email": true, "user": true, "username": true,
	"someone": true, "somebody": true, "john.doe": true, "jane.doe": true, "johndoe": true,
	"janedoe": true, "john": true, "jane": true, "firstname.lastname": true, "first.last": true,
	"firstname": true, "test": true, "example": true, "me": true, "name.surname": true,
}

// nonSupportLocal are mailboxes that are not for customers' questions.
var nonSupportLocal = map[string]bool{
	"privacy": true, "dpo": true, "gdpr": true, "dataprotection": true, "data-protection": true,
	"legal": true, "press": true, "media": true, "pr": true, "careers": true, "jobs": true,
	"recruiting": true, "recruitment": true, "hr": true, "investors": true, "investor": true,
	"ir": true, "abuse": true, "security": true, "noreply": true, "no-reply": true,
	"donotreply": true, "do-not-reply": true, "unsubscribe": true, "postmaster": true,
	"webmaster": true, "dmca": true, "copyright": true,
}

// supportEmail validates an address found on a page.
func supportEmail(addr string) bool {
	addr = strings.ToLower(strings.TrimSpace(addr))
	at := strings.LastIndexByte(addr, '@')
	if at <= 0 || at == len(addr)-1 {
		return false
	}
	local, domain := addr[:at], strings.TrimSuffix(addr[at+1:], ".")
	dot := strings.LastIndexByte(domain, '.')
	if dot <= 0 {
		return false
	}
	tld := domain[dot+1:]
	if fileExt[tld] || len(tld) < 2 {
		return false
	}
	for _, r := range tld {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	if placeholderDomain[domain] || placeholderLocal[local] || nonSupportLocal[local] {
		return false
	}
	// name@2x.png style image names were caught by the TLD; "@2x" hosts too.
	return !strings.HasPrefix(domain, "2x.") && !strings.HasPrefix(domain, "3x.")
}

// mailtoEmail reads the address of a mailto: link.
func mailtoEmail(raw string) (string, bool) {
	if len(raw) < 7 || !strings.EqualFold(raw[:7], "mailto:") {
		return "", false
	}
	addr := raw[7:]
	if i := strings.IndexAny(addr, "?#"); i >= 0 {
		addr = addr[:i]
	}
	if u, err := url.PathUnescape(addr); err == nil {
		addr = u
	}
	addr = strings.TrimSpace(strings.Split(addr, ",")[0])
	if !emailRe.MatchString(addr) || !supportEmail(addr) {
		return "", false
	}
	return addr, true
}

// ---- chat ----

// chatVendors maps a fragment of a chat widget's script URL or loader
// snippet to the vendor's name.
var chatVendors = []struct{ pattern, vendor string }{
	{"widget.intercom.io", "Intercom"}, {"js.intercomcdn.com", "Intercom"}, {"intercomsettings", "Intercom"},
	{"static.zdassets.com", "Zendesk"}, {"zopim.com", "Zendesk"}, {"ze-snippet", "Zendesk"}, {"zendesk.com/embeddable", "Zendesk"},
	{"js.driftt.com", "Drift"}, {"js.drift.com", "Drift"}, {"drift.load(", "Drift"},
	{"cdn.livechatinc.com", "LiveChat"}, {"__lc.license", "LiveChat"},
	{"embed.tawk.to", "Tawk.to"},
	{"client.crisp.chat", "Crisp"}, {"$crisp", "Crisp"},
	{"js.usemessages.com", "HubSpot"}, {"hubspotconversations", "HubSpot"}, {"js.hs-scripts.com", "HubSpot"},
	{"wchat.freshchat.com", "Freshchat"}, {"freshchat.com/js", "Freshchat"}, {"fcwidget", "Freshchat"},
	{"fw-cdn.com", "Freshworks"}, {"widget.freshworks.com", "Freshworks"},
	{"static.olark.com", "Olark"},
	{"gorgias.chat", "Gorgias"}, {"gorgias.io/widget", "Gorgias"},
	{"code.tidio.co", "Tidio"},
	{"lptag", "LivePerson"}, {"liveperson.net", "LivePerson"}, {"lpsnmedia.net", "LivePerson"},
	{"cdn.gladly.com", "Gladly"}, {"gladlyconfig", "Gladly"},
	{"kustomerapp.com", "Kustomer"},
	{"beacon-v2.helpscout.net", "Help Scout"}, {"helpscout.net/beacon", "Help Scout"},
	{"call.chatra.io", "Chatra"}, {"chatra.io", "Chatra"},
	{"smartsuppchat.com", "Smartsupp"},
	{"userlike-cdn-widgets", "Userlike"}, {"userlike.com", "Userlike"},
	{"cdn.reamaze.com", "Re:amaze"},
	{"chat-assets.frontapp.com", "Front"},
	{"embeddedservice", "Salesforce"}, {"salesforceliveagent.com", "Salesforce"}, {"liveagent", "Salesforce"},
	{"comm100.com", "Comm100"}, {"purechat.com", "Pure Chat"}, {"salesiq.zoho", "Zoho SalesIQ"},
	{"code.jivosite.com", "JivoChat"}, {"jivochat.com", "JivoChat"}, {"app.chaport.com", "Chaport"},
	{"trengo.eu", "Trengo"}, {"static.trengo.com", "Trengo"}, {"richpanel.com", "Richpanel"},
	{"customerchat.js", "Facebook Messenger"}, {"olark.identify", "Olark"},
}

// chatWidget returns the vendor of a chat widget script, if any.
func chatWidget(script string) (vendor, match string, ok bool) {
	low := strings.ToLower(script)
	for _, v := range chatVendors {
		if i := strings.Index(low, v.pattern); i >= 0 {
			return v.vendor, snippetAround(script, i, len(v.pattern)), true
		}
	}
	return "", "", false
}

func snippetAround(s string, i, n int) string {
	from, to := max(0, i-60), min(len(s), i+n+60)
	for from > 0 && from < len(s) && !utf8Start(s[from]) {
		from--
	}
	for to < len(s) && !utf8Start(s[to]) {
		to++
	}
	return signal.Snip(s[from:to])
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

var (
	// liveChatText: "Live chat", "Open live chat", "Chat with us", "Chat with
	// a Sleep Expert" (up to two words before the person), "Chat now",
	// "Start a chat". A chat on a messaging app ("Chat on WhatsApp") is no
	// live chat offered by the site and does not match.
	liveChatText = regexp.MustCompile(`(?i)\blive[\s-]?chat\b|\bchat\s+(?:with\s+(?:us|our\s+(?:team|experts?|agents?|advisors?|advisers?|specialists?)|` +
		`an?\s+(?:[a-z]+\s+){0,2}?(?:agent|expert|specialist|advisor|adviser|human|person|representative|consultant|stylist|member of (?:our|the) team))|now|live|online)\b|` +
		`\bstart\s+(?:a\s+)?(?:live\s+)?chat\b`)
	noChat = regexp.MustCompile(`(?i)\b(?:no|not|don't|don’t|do\s+not|does\s+not|doesn't|cannot|can't|unavailable)\b`)
)

// vocabChat reports an offer of live chat in another language ("Chat en
// direct", "Live-Chat starten").
func vocabChat(text string) bool {
	low := strings.ToLower(text)
	if !strings.Contains(low, "chat") && !strings.Contains(low, "clavard") {
		return false
	}
	re := lang.Union("chat")
	return re != nil && re.MatchString(low)
}

// chatLink reports a link or button that explicitly offers live chat, by
// its text or its aria-label.
func chatLink(l link) bool {
	if !chatText(l.text) && (l.label == "" || !chatText(l.label)) {
		return false
	}
	if l.u != nil && messagingHosts[strings.TrimPrefix(strings.ToLower(l.u.Hostname()), "www.")] {
		return false
	}
	return !messagingApp.MatchString(l.text) && !messagingApp.MatchString(l.label)
}

// messagingApp and messagingHosts: a chat on a messaging app ("Chat with us
// on WhatsApp", a wa.me link) is a messaging channel, not the live chat of
// contact.chat; being conservative, it never counts.
var (
	messagingApp   = regexp.MustCompile(`(?i)\b(?:whats\s?app|messenger|telegram|wechat|viber|line app|sms|text us|imessage)\b`)
	messagingHosts = map[string]bool{"wa.me": true, "api.whatsapp.com": true, "whatsapp.com": true, "web.whatsapp.com": true,
		"m.me": true, "t.me": true, "telegram.me": true, "line.me": true, "page.line.me": true, "lin.ee": true, "viber.me": true}
)

// chatText reports a short label that explicitly offers live chat (not a
// question, not a negation).
func chatText(text string) bool {
	text = strings.TrimSpace(text)
	return len(text) < 80 && !strings.HasSuffix(text, "?") && (liveChatText.MatchString(text) || vocabChat(text)) && !noChat.MatchString(text)
}

// ---- social ----

// socialNetwork names the network of a profile link, or "" for anything
// else (share buttons, posts, videos, policies, the network's home page).
//
// Hosts are matched by network, not by exact name: the networks' country
// domains and aliases (pinterest.co.uk, pinterest.com.au, pinterest.ie,
// facebook.de, youtube.co.uk, uk.linkedin.com, ca.pinterest.com, fb.com,
// fb.me, instagr.am, twitter.com and x.com as one) and the www., m.,
// mobile., web. and language (de., es-la.) prefixes all name the same
// network. Other subdomains (help., business., developers.) are the
// network's own pages, never a profile; youtu.be and vm.tiktok.com links
// are single videos.
func socialNetwork(u *url.URL) string {
	if u == nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "") {
		return ""
	}
	host, ok := socialHost(strings.ToLower(strings.TrimSuffix(u.Hostname(), ".")))
	if !ok {
		return ""
	}
	path := strings.ToLower(strings.Trim(u.EscapedPath(), "/"))
	first, rest, _ := strings.Cut(path, "/")
	if first == "" {
		// a bare network home page is not a profile (except name.tumblr.com)
		if strings.HasSuffix(host, ".tumblr.com") && host != "www.tumblr.com" {
			return "tumblr"
		}
		return ""
	}
	if notProfilePath[first] {
		return ""
	}
	shareish := func(words ...string) bool {
		for _, w := range words {
			if first == w {
				return true
			}
		}
		return false
	}
	switch {
	case host == "facebook.com":
		if shareish("sharer", "sharer.php", "share", "share.php", "dialog", "plugins", "tr", "policy", "policies",
			"privacy", "help", "login", "login.php", "legal", "terms", "ads", "business", "events", "watch",
			"hashtag", "v2.0", "v3.0", "docs") || strings.HasPrefix(first, "sharer") ||
			(strings.HasSuffix(first, ".php") && first != "profile.php") {
			return ""
		}
		return "facebook"
	case host == "instagram.com":
		if shareish("p", "reel", "reels", "explore", "accounts", "about", "legal", "tv", "stories") {
			return ""
		}
		return "instagram"
	case host == "twitter.com":
		if shareish("intent", "share", "home", "search", "hashtag", "i", "tos", "privacy", "login", "signup", "settings") ||
			strings.Contains(rest, "status/") || strings.HasPrefix(rest, "status") {
			return ""
		}
		return "x"
	case host == "linkedin.com":
		switch first {
		case "company", "in", "school", "showcase", "groups", "pub":
			if rest != "" {
				return "linkedin"
			}
		}
		return ""
	case host == "youtube.com":
		if shareish("watch", "embed", "results", "playlist", "shorts", "live", "t", "about", "howyoutubeworks", "redirect", "feed", "premium", "kids", "v", "attribution_link") {
			return ""
		}
		return "youtube"
	case host == "tiktok.com":
		if strings.HasPrefix(first, "@") && !strings.Contains(rest, "video/") {
			return "tiktok"
		}
		return ""
	case host == "pinterest.com":
		if shareish("pin", "search", "ideas", "_", "today", "business", "explore", "board", "resource", "oauth") {
			return ""
		}
		return "pinterest"
	case host == "threads.com":
		if strings.HasPrefix(first, "@") && !strings.Contains(rest, "post/") {
			return "threads"
		}
		return ""
	case host == "snapchat.com":
		if first == "add" && rest != "" {
			return "snapchat"
		}
		return ""
	case host == "tumblr.com":
		if shareish("share", "widgets", "login", "register", "privacy", "policy") {
			return ""
		}
		return "tumblr"
	case host == "reddit.com":
		if (first == "r" || first == "user" || first == "u") && rest != "" && !strings.Contains(rest, "comments/") && !strings.Contains(rest, "submit") {
			return "reddit"
		}
		return ""
	case host == "discord.gg" || ((host == "discord.com" || host == "discordapp.com") && first == "invite"):
		return "discord"
	case host == "twitch.tv":
		if shareish("videos", "directory", "p") {
			return ""
		}
		return "twitch"
	case host == "vimeo.com":
		if first != "" && !isDigits(first) && !shareish("channels", "ondemand", "watch", "features", "upgrade", "log_in") {
			return "vimeo"
		}
		return ""
	case host == "line.me":
		// An official account: line.me/R/ti/p/@name or line.me/ti/p/@name
		// (line.me/R/msg/text/... shares a message).
		if (first == "r" && strings.HasPrefix(rest, "ti/p/") && len(rest) > len("ti/p/")) ||
			(first == "ti" && strings.HasPrefix(rest, "p/") && len(rest) > len("p/")) {
			return "line"
		}
		return ""
	case host == "page.line.me":
		return "line" // an official account's page (the bare host is not: first is "")
	case host == "lin.ee":
		return "line" // LINE's short link to add an official account
	case host == "bsky.app":
		if first == "profile" && rest != "" && !strings.Contains(rest, "post/") {
			return "bluesky"
		}
		return ""
	case host == "t.me" || host == "telegram.me":
		if shareish("share", "s") {
			return ""
		}
		return "telegram"
	case host == "vk.com":
		if shareish("share.php", "share") {
			return ""
		}
		return "vk"
	case host == "weibo.com":
		if shareish("share") {
			return ""
		}
		return "weibo"
	case host == "xing.com":
		if first == "pages" || first == "companies" {
			return "xing"
		}
		return ""
	case strings.Contains(host, "mastodon") || host == "mstdn.social" || host == "fosstodon.org":
		if strings.HasPrefix(first, "@") && rest == "" {
			return "mastodon"
		}
		return ""
	}
	return ""
}

// flexNetworks are networks whose links may use any of their country
// domains (name.<cc>, name.co.<cc>, name.com.<cc>) besides name.com.
var flexNetworks = map[string]bool{
	"facebook": true, "instagram": true, "pinterest": true, "youtube": true, "linkedin": true,
	"tiktok": true, "twitter": true, "vimeo": true, "reddit": true, "snapchat": true,
}

// socialAliases maps other hosts of a network to its canonical host; ""
// means the host only serves single posts or videos, never a profile.
var socialAliases = map[string]string{
	"fb.com": "facebook.com", "fb.me": "facebook.com", "instagr.am": "instagram.com",
	"x.com": "twitter.com", "pin.it": "pinterest.com", "threads.net": "threads.com",
	"youtube-nocookie.com": "youtube.com", "youtu.be": "", "fb.watch": "", "vm.tiktok.com": "",
	"vt.tiktok.com": "", "t.co": "",
}

// plainSubdomains are host prefixes that still name the network's main
// site (as do two-letter country or language prefixes: "uk.", "es-la.").
var plainSubdomains = map[string]bool{"www": true, "m": true, "mobile": true, "web": true, "touch": true}

// notProfilePath are first path segments that are a network's own pages
// or share endpoints on every network.
var notProfilePath = map[string]bool{
	"share": true, "sharer": true, "sharer.php": true, "share.php": true, "intent": true, "dialog": true,
	"privacy": true, "policy": true, "policies": true, "legal": true, "terms": true, "tos": true,
	"help": true, "support": true, "login": true, "logout": true, "signup": true, "register": true,
	"settings": true, "hashtag": true, "search": true, "explore": true, "home": true, "business": true,
	"about": true, "careers": true, "jobs": true, "developers": true, "ads": true, "safety": true,
	"community-guidelines": true, "cookies": true, "download": true,
}

// socialHost maps host to its network's canonical host ("facebook.com"
// for "de-de.facebook.com" or "fb.me"); ok is false for a host that is a
// network's but can never be a profile (help.instagram.com, youtu.be).
// Hosts of no known network come back with their www./m./mobile. prefix
// removed, and ok true (the caller's cases then match nothing).
func socialHost(host string) (string, bool) {
	if h, found := socialAliases[strings.TrimPrefix(host, "www.")]; found {
		return h, h != ""
	}
	labels := strings.Split(host, ".")
	n := len(labels)
	// The public suffix: com, a country code, or co./com. + a country code.
	suffix := 0
	switch {
	case n >= 3 && len(labels[n-1]) == 2 && (labels[n-2] == "co" || labels[n-2] == "com"):
		suffix = 2
	case n >= 2 && (labels[n-1] == "com" || len(labels[n-1]) == 2):
		suffix = 1
	}
	if suffix > 0 && n > suffix {
		name := labels[n-suffix-1]
		if flexNetworks[name] {
			if n-suffix-1 == 0 {
				return name + ".com", true
			}
			if n-suffix-1 > 1 {
				return "", false
			}
			sub := labels[0]
			if plainSubdomains[sub] || localeLabel(sub) {
				return name + ".com", true
			}
			return "", false // help.instagram.com, business.linkedin.com
		}
	}
	for _, p := range []string{"www.", "m.", "mobile."} {
		host = strings.TrimPrefix(host, p)
	}
	if h, found := socialAliases[host]; found {
		return h, h != ""
	}
	return host, true
}

// localeLabel reports a country or language host label: "uk", "de", "es-la", "pt-br".
func localeLabel(s string) bool {
	letters := func(t string) bool {
		return len(t) == 2 && t[0] >= 'a' && t[0] <= 'z' && t[1] >= 'a' && t[1] <= 'z'
	}
	if a, b, ok := strings.Cut(s, "-"); ok {
		return letters(a) && letters(b)
	}
	return letters(s)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// sortedNetworks returns the keys of m in order.
func sortedNetworks(m map[string]signal.Evidence) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}
