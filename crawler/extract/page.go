package extract

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/cxbench/cxbench/crawler/extract/document"
	"github.com/cxbench/cxbench/crawler/extract/lang"
	"github.com/cxbench/cxbench/crawler/extract/policytext"
	"github.com/cxbench/cxbench/signal"
	"golang.org/x/net/html"
)

// pageResult is everything one page contributed.
type pageResult struct {
	seq    int
	url    string
	u      *url.URL
	kind   string
	review bool
	topics map[string]bool

	ratings []rating
	// cands are the page's policy-text candidates (ratings aside), settled
	// in Finish once it is known which blocks repeat on most pages.
	cands []policytext.Candidate
	// blocks are the hashes of the page's distinct blocks.
	blocks []uint64
	lang   string

	phone, noPhone, email, chat *signal.Evidence
	social                      map[string]signal.Evidence
	// presence holds positive evidence for presence signals
	// (policy.privacy, selfservice.faq, pricing.public...).
	presence map[string]signal.Evidence

	policyText string // main text of a policy page (returns, shipping, warranty, terms)
	custom     map[string]customHit
}

// maxPolicyText bounds the main text kept per policy page (bytes).
const maxPolicyText = 200_000

// policyKinds are the pages whose main text clarity.reading_ease measures.
var policyKinds = map[string]bool{
	signal.KindReturns: true, signal.KindShipping: true, signal.KindWarranty: true, signal.KindTerms: true,
}

// analyse extracts the findings of one page.
func analyse(p *Page, custom []customRule, mainContent func(*Page, *document.Document)) *pageResult {
	r := &pageResult{
		u:        p.URL,
		kind:     p.Kind,
		review:   p.Review,
		social:   map[string]signal.Evidence{},
		presence: map[string]signal.Evidence{},
		custom:   map[string]customHit{},
	}
	if r.kind == "" {
		r.kind = signal.KindOther
	}
	if p.URL != nil {
		r.url = p.URL.String()
	}
	r.topics = pageTopics(r.kind, p.URL)

	// Structured data.
	set := &itemSet{}
	jsonBytes, blocks := 0, 0
	p.Doc.Find(`script`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		typ := strings.ToLower(s.AttrOr("type", ""))
		if !strings.Contains(typ, "ld+json") {
			return true
		}
		src := scriptText(s.Nodes[0])
		blocks++
		jsonBytes += len(src)
		if blocks > maxJSONBlocks || jsonBytes > maxJSONTotal {
			return false
		}
		set.addJSONLD(parseLenientJSON(src))
		return true
	})
	for _, n := range p.Doc.Nodes {
		set.addMicrodata(n)
		set.addRDFa(n)
	}

	// The document: blocks in context, plus FAQ answers the page gives
	// only in its structured data.
	doc := document.Parse(p.Doc.Nodes, document.Options{ContentLanguage: p.ContentLanguage})
	if mainContent != nil {
		mainContent(p, doc)
	}
	addFAQAnswers(doc, set)
	r.lang = doc.Lang
	r.blocks = blockHashes(doc)
	text := doc.Text()
	lines := strings.Split(text, "\n")

	companyPage := p.Review || r.kind == signal.KindReviews
	r.ratings = structuredRatings(set, r.url, companyPage, p.Review)
	var ratingCands []policytext.Candidate
	for _, c := range policytext.Extract(doc, r.kind) {
		if c.Signal == signal.RatingValue {
			ratingCands = append(ratingCands, c)
		} else {
			r.cands = append(r.cands, c)
		}
	}
	prose := proseRatings(policytext.Settle(ratingCands), r.url, r.kind, companyPage, p.Review)
	if !companyPage {
		// Stars inside a product card are that product's, whatever they say.
		var cards []string
		for i := range prose {
			if !prose[i].company {
				continue
			}
			if cards == nil {
				cards = productCards(p.Doc.Nodes)
			}
			if inProductCard(cards, prose[i].ev.Snippet) {
				prose[i].company = false
			}
		}
	}
	r.ratings = mergeProse(r.ratings, prose)
	if p.Review {
		// A third-party review page speaks only for the rating: its links,
		// widgets and text are the review site's, not the company's.
		r.cands, r.blocks = nil, nil
		return r
	}

	var links []link
	var scripts []string
	for _, n := range p.Doc.Nodes {
		l, s := pageLinks(n, p.URL)
		links = append(links, l...)
		scripts = append(scripts, s...)
	}
	r.contact(links, scripts, lines)
	r.structuredContact(set)
	r.presenceFrom(p, doc, set, links, lines)

	if policyKinds[r.kind] {
		t := doc.MainText()
		if len(t) > maxPolicyText {
			t = t[:maxPolicyText]
		}
		r.policyText = t
	}

	if len(custom) > 0 {
		src := &pageSource{doc: p.Doc, text: text}
		for _, cr := range custom {
			if cr.kinds != nil && !cr.kinds[r.kind] {
				continue
			}
			if h, ok := cr.run(src, r.url); ok {
				r.custom[cr.name] = h
			}
		}
	}
	return r
}

func scriptText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		if b.Len() > maxJSONBlock {
			break
		}
	}
	return b.String()
}

func (r *pageResult) evidence(snippet string, m signal.Method) *signal.Evidence {
	return &signal.Evidence{URL: r.url, Snippet: signal.Snip(snippet), Method: m}
}

// contact finds phone, e-mail, chat and social links.
func (r *pageResult) contact(links []link, scripts, lines []string) {
	helpPage := r.topics[signal.KindContact] || r.topics[signal.KindFAQ]
	for _, l := range links {
		if r.phone == nil && telPhone(l) {
			r.phone = r.evidence(l.raw+" "+l.text, signal.MethodLink)
		}
		if r.email == nil {
			if addr, ok := mailtoEmail(l.raw); ok {
				r.email = r.evidence("mailto:"+addr+" "+l.text, signal.MethodLink)
			}
		}
		if r.chat == nil && chatLink(l) && (l.button || (l.u != nil && l.u.Scheme != "mailto" && l.u.Scheme != "tel")) {
			r.chat = r.evidence(strings.TrimSpace(l.text+" "+l.label+" "+l.raw), signal.MethodLink)
		}
		if net := socialNetwork(l.u); net != "" {
			if _, dup := r.social[net]; !dup {
				r.social[net] = signal.Evidence{URL: r.url, Snippet: signal.Snip(l.raw), Method: signal.MethodLink}
			}
		}
	}
	for _, s := range scripts {
		if r.chat != nil {
			break
		}
		if vendor, snip, ok := chatWidget(s); ok {
			r.chat = r.evidence(vendor+": "+snip, signal.MethodWidget)
		}
	}
	prev := ""
	for _, line := range lines {
		if r.phone == nil && prev != "" && phoneLabelLine(prev) {
			// "Phone" as a heading or term, the number on the next line.
			if num, _, ok := textPhone(line); ok && len(line) < len(num)+40 {
				r.phone = r.evidence(prev+" "+line, signal.MethodText)
			}
		}
		if r.noPhone == nil && len(line) < 2000 && (hasFold(line, "phone") || hasFold(line, "call") || hasFold(line, "only")) {
			if loc, ok := noPhoneAt(line); ok {
				r.noPhone = r.evidence(sentenceAround(line, loc[0], loc[1]), signal.MethodText)
			}
		}
		if r.email == nil && (strings.IndexByte(line, '@') >= 0 || hasFold(line, "at]") || hasFold(line, "at)") || hasFold(line, "at}")) {
			for _, addr := range textEmails(line) {
				if supportEmail(addr) {
					r.email = r.evidence(line, signal.MethodText)
					break
				}
			}
		}
		// A labelled phone number counts on any page (a footer's "Call us
		// 0800 ..."); an unlabelled one only on contact and help pages.
		if r.phone == nil {
			if _, labelled, ok := textPhone(line); ok && (labelled || helpPage) {
				r.phone = r.evidence(line, signal.MethodText)
			}
		}
		if helpPage && r.chat == nil && len(line) < 200 && !strings.HasSuffix(line, "?") && hasFold(line, "chat") && (liveChatText.MatchString(line) || vocabChat(line)) && !noChat.MatchString(line) &&
			!messagingApp.MatchString(line) {
			r.chat = r.evidence(line, signal.MethodText)
		}
		prev = line
	}
}

// structuredContact reads the company's telephone, e-mail and social
// profiles (sameAs) from its structured data (Organization, LocalBusiness,
// ContactPoint...). faxNumber is a different property and is not read.
func (r *pageResult) structuredContact(set *itemSet) {
	for _, it := range set.all {
		if !isCompanyType(it.types) && !it.is("contactpoint") {
			continue
		}
		if r.phone == nil {
			if tel := it.text("telephone"); tel != "" {
				if digits := digitCount(tel); digits >= 7 && digits <= 15 {
					r.phone = r.evidence("telephone "+tel, it.method)
				}
			}
		}
		if r.email == nil {
			if e := strings.TrimPrefix(strings.ToLower(it.text("email")), "mailto:"); e != "" && emailRe.MatchString(e) && supportEmail(e) {
				r.email = r.evidence("email "+e, it.method)
			}
		}
		if !isCompanyType(it.types) {
			continue
		}
		for _, v := range it.props["sameas"] {
			raw, ok := v.(string)
			if !ok {
				continue
			}
			u, err := url.Parse(strings.TrimSpace(raw))
			if err != nil {
				continue
			}
			if net := socialNetwork(u); net != "" {
				if _, dup := r.social[net]; !dup {
					r.social[net] = signal.Evidence{URL: r.url, Snippet: signal.Snip("sameAs " + raw), Method: it.method}
				}
			}
		}
	}
}

// sentenceAround returns the sentence of line around [i, j).
func sentenceAround(line string, i, j int) string {
	start := strings.LastIndexAny(line[:i], ".!?")
	if start < 0 {
		start = 0
	} else {
		start++
	}
	end := strings.IndexAny(line[j:], ".!?")
	if end < 0 {
		end = len(line)
	} else {
		end += j + 1
	}
	return strings.TrimSpace(line[start:end])
}

// presenceFrom finds positive evidence for presence signals.
func (r *pageResult) presenceFrom(p *Page, doc *document.Document, set *itemSet, links []link, lines []string) {
	title := strings.TrimSpace(p.Doc.Find("title").First().Text())
	h1 := ""
	if s := p.Doc.Find("h1").First(); s.Length() > 0 {
		h1 = document.VisibleText(s.Nodes, 500)
	}
	soft404 := notFound.MatchString(title) || notFound.MatchString(h1)
	// Pages in other languages are also read with the vocabularies' words.
	foreign := doc.Lang != "" && doc.Lang != "en"
	for _, rule := range presenceRules {
		if _, done := r.presence[rule.signal]; done {
			continue
		}
		if !soft404 && rule.kind != "" && r.kind == rule.kind {
			var words *regexp.Regexp
			if foreign {
				words = lang.Union(rule.concept)
			}
			for _, line := range lines {
				if rule.content.MatchString(line) || (words != nil && len(line) < 2000 && words.MatchString(strings.ToLower(line))) {
					r.presence[rule.signal] = *r.evidence(line, signal.MethodText)
					break
				}
			}
			if _, ok := r.presence[rule.signal]; ok {
				continue
			}
		}
		if !soft404 && rule.heading != nil {
			if h, ok := headingNames(rule.heading, h1, title); ok {
				r.presence[rule.signal] = *r.evidence(h, signal.MethodText)
				continue
			}
		}
		if !soft404 && rule.concept != "" && foreign {
			if h, ok := vocabHeading(rule, h1, title); ok {
				r.presence[rule.signal] = *r.evidence(h, signal.MethodText)
				continue
			}
		}
		for _, l := range links {
			if linkPresence(rule, l, r.u, foreign) {
				r.presence[rule.signal] = *r.evidence(l.text+" → "+l.raw, signal.MethodLink)
				break
			}
		}
	}
	// A values page ("Our commitments") whose main text is about the
	// environment is a sustainability page.
	if !soft404 && r.kind != signal.KindProduct && r.kind != signal.KindReviews {
		r.contentPresence(doc, title, h1, lines)
	}
	// An FAQPage in structured data is an FAQ.
	if _, ok := r.presence[signal.SelfServiceFAQ]; !ok {
		for _, it := range set.all {
			if it.is("faqpage", "qapage") {
				r.presence[signal.SelfServiceFAQ] = *r.evidence("@type "+strings.Join(it.types, ","), it.method)
				break
			}
		}
	}
	// Prices: a priced Offer anywhere, or amounts shown on product,
	// pricing and home pages; on other pages a line showing just a price
	// ("Price: $49") or three different amounts (a listing). Policy,
	// help and contact pages quote fees and thresholds, not prices.
	if it, snip, ok := offerPrice(set); ok {
		r.presence[signal.PricingPublic] = *r.evidence("Offer "+strings.TrimSpace(snip), it.method)
	} else if v, ok := p.Doc.Find(`meta[property="product:price:amount"], meta[property="og:price:amount"]`).First().Attr("content"); ok {
		if f, ok := parseNumber(v); ok && f > 0 {
			r.presence[signal.PricingPublic] = *r.evidence(`meta product:price:amount `+v, signal.MethodRDFa)
		}
	}
	if _, ok := r.presence[signal.PricingPublic]; !ok && r.kind != signal.KindReviews {

		need := 0
		switch r.kind {
		case signal.KindProduct, signal.KindPricing, signal.KindHome:
			need = 1
		case signal.KindOther:
			need = 3
		}
		if need > 0 {
			seen := map[string]bool{}
			first := ""
			for _, line := range lines {
				if amt, ok := textPrice(line); ok && !companyLineRe.MatchString(line) {
					// (A line of the company's register, "Capitale sociale €
					// 1.500.000 i.v.", states no price.)
					if first == "" {
						first = line
					}
					seen[amt] = true
					if len(seen) >= need || priceLine(line, amt) {
						if priceLine(line, amt) {
							first = line
						}
						r.presence[signal.PricingPublic] = *r.evidence(first, signal.MethodText)
						break
					}
				}
			}
		}
	}
}

// companyLineRe: a line of a company's legal particulars (share capital,
// VAT and register numbers), whose amounts are no prices.
var companyLineRe = regexp.MustCompile(`(?i)capitale sociale|capital social|share capital|stammkapital|grundkapital|maatschappelijk kapitaal|\bp\.?\s?iva\b|\bvat (?:no|number|reg)|handelsregister|registro delle imprese|\brcs\b|\bsiren\b|\bkvk\b|\bcif\b|\bn\.?i\.?f\b|\bfatturato\b|\bturnover\b`)

var titleSeparators = regexp.MustCompile(`\s[|–—·:-]\s|\s?[|–—·]\s?`)

// headingNames reports whether the page's main heading, or one part of its
// title ("Privacy Policy | Acme"), is mostly the name of the page: the
// match covers close to half of it, so "The help desk software for teams"
// is no help centre.
func headingNames(re *regexp.Regexp, h1, title string) (string, bool) {
	cands := []string{h1}
	if len(title) < 200 {
		cands = append(cands, titleSeparators.Split(title, -1)...)
	}
	for _, c := range cands {
		c = strings.TrimSpace(c)
		if c == "" || len(c) > 80 || strings.HasSuffix(c, "?") {
			continue // a question names a topic, it is not the topic's page
		}
		if loc := re.FindStringIndex(c); loc != nil && (loc[1]-loc[0])*20 >= len(c)*9 {
			return c, true
		}
	}
	return "", false
}

// hasFold reports whether s contains the lower-case ASCII word sub,
// ignoring ASCII case: a cheap filter before a regular expression.
func hasFold(s, sub string) bool {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for j < n {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
			j++
		}
		if j == n {
			return true
		}
	}
	return false
}
