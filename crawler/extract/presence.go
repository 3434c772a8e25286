package extract

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"

	"github.com/cxbench/cxbench/crawler/extract/document"
	"github.com/cxbench/cxbench/crawler/extract/lang"
	"github.com/cxbench/cxbench/crawler/extract/policytext"
	"github.com/cxbench/cxbench/signal"
)

// presenceRule says how a presence signal is recognised: a link whose text
// and URL both name it (method "link"), a fetched page of its kind whose
// content confirms it, or a page whose title or main heading names it.
type presenceRule struct {
	signal   string
	kind     string         // page kind whose content can confirm it
	linkText *regexp.Regexp // link text must match...
	linkURL  *regexp.Regexp // ...and so must the link's URL (path, query or host)
	content  *regexp.Regexp // a page of the kind confirms it when its text matches
	heading  *regexp.Regexp // a page whose <h1> or <title> matches is one
	// textGate: the lower-cased link text must contain one of these for
	// linkText to be tried (a cheap test, derived from linkText).
	textGate []string
	// concept names the signal's words in the language vocabularies
	// (package lang), for pages in other languages.
	concept string
}

var presenceRules = []presenceRule{
	{
		signal:   signal.PolicyPrivacy,
		concept:  "presence_privacy",
		textGate: []string{"privacy", "datenschutz", "confidentialit", "privacidad"},
		kind:     signal.KindPrivacy,
		linkText: regexp.MustCompile(`(?i)\bprivacy\b|\bdatenschutz|\bconfidentialit|\bprivacidad\b`),
		linkURL:  regexp.MustCompile(`(?i)privacy|datenschutz|confidentialit|privacidad|privacite|privacidade`),
		content:  regexp.MustCompile(`(?i)personal (?:data|information)|\bcookies?\b|\bdata\b.*\bcollect|\bcollect\b.*\b(?:data|information)\b|\bgdpr\b|\bccpa\b`),
		heading:  regexp.MustCompile(`(?i)\bprivacy (?:policy|notice|statement|centre|center)\b`),
	},
	{
		signal:   signal.PolicyAccessibility,
		concept:  "presence_accessibility",
		textGate: []string{"accessibility", "vpat", "conformance", "a11y"},
		kind:     signal.KindAccessibility,
		linkText: regexp.MustCompile(`(?i)\baccessibility\b|\bvpat\b|\bconformance\b|\ba11y\b`),
		linkURL:  regexp.MustCompile(`(?i)accessib|a11y|vpat|conformance|/acr\b`),
		content: regexp.MustCompile(`(?i)\bwcag\b|\bvpat\b|\bconformance\b|\bscreen[- ]readers?\b|\bassistive technolog|` +
			`\baccessibility (?:statement|policy|commitment|standards?|guidelines|features|feedback|of (?:this|our) (?:website|site|app))|` +
			`\b(?:web|website|digital|online|site) accessibility\b|\b(?:website|site|app) (?:is |are )?accessible\b`),
		heading: regexp.MustCompile(`(?i)\baccessibility (?:statement|policy|commitment|conformance)|\bvpat\b|\baccessibility conformance report\b|^accessibility$`),
	},
	{
		signal:   signal.PolicySustainability,
		concept:  "presence_sustainability",
		textGate: []string{"sustainab", "environment", "impact", "climate", "esg", "responsibility", "planet", "carbon", "net zero"},
		kind:     signal.KindSustainability,
		linkText: regexp.MustCompile(`(?i)\bsustainab|\benvironment(?:al)?\b|\bour impact\b|\bimpact report\b|^impact$|\bsocial impact\b|\bclimate\b|\besg\b|\b(?:corporate )?(?:social )?responsibility\b|\bour planet\b|\bcarbon neutral|\bnet zero\b`),
		linkURL:  regexp.MustCompile(`(?i)sustainab|environment|impact|climate|esg|responsib|csr|planet|carbon|net-?zero`),
		content:  regexp.MustCompile(`(?i)sustainab|\benvironment|\bclimate\b|\bcarbon\b|\bemissions?\b|\bimpact\b|\besg\b|\bresponsib|\brenewable\b|\brecycl|\bplanet\b`),
		heading:  regexp.MustCompile(`(?i)\bsustainability\b|\benvironmental (?:policy|commitment|impact)|\bour impact\b|\bimpact report\b|\bclimate (?:commitment|action|pledge)\b|\besg report\b|\bcorporate (?:social )?responsibility\b`),
	},
	{
		signal:   signal.SelfServiceFAQ,
		concept:  "presence_faq",
		textGate: []string{"faq", "frequently", "help", "support", "knowledge"},
		kind:     signal.KindFAQ,
		linkText: regexp.MustCompile(`(?i)\bfaqs?\b|\bfrequently asked\b|\bhelp (?:cent(?:er|re)|desk|hub)\b|^help$|^help & support$|^help and support$|\bsupport (?:cent(?:er|re)|hub|portal)\b|\bknowledge ?base\b|^customer help$`),
		linkURL:  regexp.MustCompile(`(?i)faq|help|support|knowledge|/kb\b|/hc/|questions`),
		content:  regexp.MustCompile(`(?i)\bfaqs?\b|frequently asked|\bhelp\b|\bquestions?\b|\bsupport\b|\bknowledge\b|\?\s*$`),
		heading:  regexp.MustCompile(`(?i)\bfaqs?\b|\bfrequently asked questions\b|\bhelp (?:cent(?:er|re)|desk)\b|\bsupport cent(?:er|re)\b|\bknowledge base\b`),
	},
	{
		signal:   signal.LoyaltyProgram,
		concept:  "presence_loyalty",
		textGate: []string{"reward", "loyalty", "point", "vip", "member", "insider", "frequent"},
		kind:     signal.KindLoyalty,
		linkText: regexp.MustCompile(`(?i)\brewards?\b|\bloyalty\b|\bpoints? (?:program|programme|club)\b|\bvip\b|\bmembership\b|\bmember (?:perks|benefits|rewards|club)\b|\binsiders? club\b|\bfrequent (?:reader|buyer|shopper|customer)s?\b`),
		linkURL:  regexp.MustCompile(`(?i)reward|loyalty|points|vip|member|club|perks|frequent`),
		content:  regexp.MustCompile(`(?i)\brewards?\b|\bpoints\b|\bloyalty\b|\bvip\b|\bmembers?(?:hip)?\b|\bperks\b|\btiers?\b`),
		heading:  regexp.MustCompile(`(?i)\b(?:rewards?|loyalty|vip|points|membership|members|frequent (?:reader|buyer|shopper|customer))\s+(?:program|programme|club|card|scheme|perks|benefits)\b`),
	},
	{
		signal:   signal.PolicyPriceMatch,
		concept:  "presence_price_match",
		textGate: []string{"price"},
		linkText: regexp.MustCompile(`(?i)\bprice[\s-]?(?:match|beat|promise)|\blowest price guarantee\b|\bprice guarantee\b`),
		linkURL:  regexp.MustCompile(`(?i)price[-_]?(?:match|beat|promise|guarantee)|lowest-price`),
	},
}

// thirdPartyPolicyHosts publish their own policies, linked from embedded
// widgets (reCAPTCHA's "Privacy - Terms", payment badges); those links say
// nothing about the company's own policies.
var thirdPartyPolicyHosts = []string{
	"google.com", "policies.google.com", "hcaptcha.com", "cloudflare.com", "paypal.com", "stripe.com",
	"klarna.com", "afterpay.com", "affirm.com", "apple.com", "facebook.com", "twitter.com", "x.com",
	"youtube.com", "instagram.com", "linkedin.com", "tiktok.com", "pinterest.com", "shopify.com",
	"trustpilot.com", "zendesk.com", "intercom.com", "hubspot.com", "microsoft.com", "amazon.com",
	"accessibe.com", "userway.org", "onetrust.com", "cookiebot.com",
}

func thirdPartyHost(u *url.URL, page *url.URL) bool {
	if u == nil || u.Host == "" || (page != nil && strings.EqualFold(u.Hostname(), page.Hostname())) {
		return false
	}
	h := strings.ToLower(u.Hostname())
	for _, t := range thirdPartyPolicyHosts {
		if h == t || strings.HasSuffix(h, "."+t) {
			return true
		}
	}
	return false
}

var privacyNotPolicy = regexp.MustCompile(`(?i)\b(?:choices|do not sell|don't sell|opt[\s-]?out|preferences|settings|request)\b`)

// linkPresence checks one link against a rule.
// foreign says the page is not in English: its links are read with the
// language vocabularies too.
func linkPresence(r presenceRule, l link, page *url.URL, foreign bool) bool {
	if l.u == nil || l.text == "" || len(l.text) > 120 {
		return false
	}
	if strings.HasSuffix(strings.TrimSpace(l.text), "?") {
		// A question ("Do you price match?") is not evidence; its answer is.
		return false
	}
	switch strings.ToLower(l.u.Scheme) {
	case "http", "https", "":
	default:
		return false
	}
	low := strings.ToLower(l.text)
	gated := false
	for _, g := range r.textGate {
		if strings.Contains(low, g) {
			gated = true
			break
		}
	}
	target := l.u.Host + l.u.EscapedPath() + "?" + l.u.RawQuery + "#" + l.u.Fragment
	english := gated && r.linkText.MatchString(l.text) && r.linkURL.MatchString(target)
	if !english && !(foreign && vocabLink(r, low, l.u)) {
		return false
	}
	if r.signal == signal.PolicyPrivacy && privacyNotPolicy.MatchString(l.text) {
		return false
	}
	return !thirdPartyHost(l.u, page)
}

// vocabLink checks a link with the rule's words in the other languages:
// the text names the signal and so does the URL ("Datenschutzerklärung"
// -> /datenschutz).
func vocabLink(r presenceRule, low string, u *url.URL) bool {
	text := lang.Union(r.concept)
	if text == nil || !text.MatchString(low) {
		return false
	}
	path := strings.ToLower(u.Host + u.EscapedPath() + "?" + u.RawQuery)
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	path = lang.Fold(path)
	for _, re := range []*regexp.Regexp{lang.URLUnion(r.concept), lang.URLUnion("kind:" + r.kind), r.linkURL} {
		if re != nil && re.MatchString(path) {
			return true
		}
	}
	return false
}

// vocabHeading reports whether the page's main heading or title names the
// signal in another language ("Erklärung zur Barrierefreiheit").
func vocabHeading(r presenceRule, h1, title string) (string, bool) {
	re := lang.Union(r.concept)
	if re == nil {
		return "", false
	}
	return headingNames(re, strings.ToLower(h1), strings.ToLower(title))
}

// notFound reports a soft error page.
var notFound = regexp.MustCompile(`(?i)\b(?:page not found|404|not be found|no longer exists|doesn't exist|does not exist)\b`)

// ---- pricing ----

var (
	// amountRe is a currency amount: symbol or code before or after digits.
	amountRe = regexp.MustCompile(`(?:\b(?:US|CA|AU|NZ|HK|SG|MX|NT|R)\$|\$|[€£¥₹₩₺₽]|\b(?:USD|EUR|GBP|CAD|AUD|CHF|JPY|SEK|NOK|DKK|NZD|INR|PLN|CZK|HUF|ZAR|BRL|MXN|SGD|HKD)\s?)\s?(\d+(?:[.,\s]\d{3})*(?:[.,]\d{1,2})?)` +
		`|(\d+(?:[.\s]\d{3})*(?:,\d{1,2})?)\s?(?:€|£|zł|Kč|kr\b|CHF\b|EUR\b|USD\b|GBP\b|SEK\b|NOK\b|DKK\b|PLN\b)`)
	// notAPrice marks amounts that are policy terms, promotions or company
	// figures rather than prices of what is sold.
	notAPrice = regexp.MustCompile(`(?i)shipping|deliver|postage|\borders? (?:over|above|of)\b|\bspend\b|\boff\b|\bsave\b|\bsavings?\b|discount|coupon|voucher|gift ?cards?|\bcredits?\b|\bfees?\b|refund|\breturns?\b|minimum|threshold|reward|\bearn\b|\bpoints\b|cash ?back|donat|raised|funding|revenue|million|billion|\bsalary\b|\bworth\b|\bup to\b|\bbonus\b|\binsurance\b|\bsubtotal\b|\bcart\b|\bbasket\b|\bfine\b|\bpenalty\b|\bpenalties\b|\bfrom\s+\d+\s+countries\b`)
)

// mayHavePrice is a cheap test before amountRe: a digit, and a currency
// symbol or code.
func mayHavePrice(line string) bool {
	if strings.IndexAny(line, "0123456789") < 0 {
		return false
	}
	if strings.ContainsAny(line, "$€£¥₹₩₺₽") || strings.Contains(line, "zł") || strings.Contains(line, "Kč") || strings.Contains(line, "kr") {
		return true
	}
	for _, c := range currencyCodes {
		if strings.Contains(line, c) {
			return true
		}
	}
	return false
}

// currencyCodes are the codes amountRe knows.
var currencyCodes = []string{"USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "SEK", "NOK", "DKK", "NZD", "INR", "PLN",
	"CZK", "HUF", "ZAR", "BRL", "MXN", "SGD", "HKD"}

var bigFigure = regexp.MustCompile(`^(?:[kKmMbB]|bn|mn|\s?(?:thousand|million|billion|trillion))\b`)

// textPrice finds a price in one line of visible text.
func textPrice(line string) (string, bool) {
	if len(line) > 600 || !mayHavePrice(line) || notAPrice.MatchString(line) {
		return "", false
	}
	for _, m := range amountRe.FindAllStringSubmatchIndex(line, 10) {
		var num string
		switch {
		case m[2] >= 0:
			num = line[m[2]:m[3]]
		case m[4] >= 0:
			num = line[m[4]:m[5]]
		}
		// "$4.45M", "$2bn", "$3 billion" are company figures.
		if bigFigure.MatchString(line[m[1]:]) {
			continue
		}
		if f, ok := parseNumber(num); ok && f > 0 {
			return line[m[0]:m[1]], true
		}
	}
	return "", false
}

// priceWords may stand next to an amount on a line that shows a price
// ("Price: $49", "From €12/month", "Now £5 each").
var priceWords = map[string]bool{
	"price": true, "prices": true, "from": true, "now": true, "only": true, "sale": true, "was": true,
	"just": true, "each": true, "per": true, "month": true, "mo": true, "year": true, "yr": true,
	"annually": true, "monthly": true, "yearly": true, "user": true, "seat": true, "night": true,
	"person": true, "incl": true, "inc": true, "vat": true, "tax": true, "excl": true, "starting": true,
	"at": true, "regular": true, "usd": true, "eur": true, "gbp": true, "cad": true, "aud": true,
	"chf": true, "our": true, "unit": true, "item": true, "kg": true, "lb": true, "pair": true,
}

// priceLine reports a line that shows nothing but a price and price words.
func priceLine(line, amount string) bool {
	rest := strings.Replace(line, amount, " ", 1)
	for _, w := range strings.FieldsFunc(strings.ToLower(rest), func(r rune) bool {
		return !unicode.IsLetter(r)
	}) {
		if len(w) > 1 && !priceWords[w] {
			return false
		}
	}
	return true
}

// offerPrice finds a priced Offer in the page's structured data.
func offerPrice(set *itemSet) (*item, string, bool) {
	for _, it := range set.all {
		if !it.is("offer", "aggregateoffer", "pricespecification", "unitpricespecification") &&
			len(it.props["pricecurrency"]) == 0 {
			continue
		}
		for _, p := range []string{"price", "lowprice", "highprice"} {
			if f, ok := it.number(p, false); ok && f > 0 {
				return it, p + " " + it.text(p) + " " + it.text("pricecurrency"), true
			}
		}
		// schema.org puts the amount in priceSpecification too.
		for _, v := range it.props["pricespecification"] {
			if ps := set.resolve(v); ps != nil {
				if f, ok := ps.number("price", false); ok && f > 0 {
					return ps, "price " + ps.text("price") + " " + ps.text("pricecurrency"), true
				}
			}
		}
	}
	return nil, "", false
}

// Content-based page classification.
//
// A page whose URL and link text say nothing ("/our-ocean-pledge",
// "/about/why") is still a sustainability page, an accessibility
// statement, a privacy policy or an FAQ when its heading and its main text
// say so. Each topic has heading words and content terms; a page counts
// when its <h1> or <title> has a heading word and its main text (no
// navigation, header or footer) has at least minTerms different content
// terms, or, for sustainability and FAQ, without a heading word when the
// main text is dense with them (at least denseTerms different terms and
// one term per densityWords words of text). A single passing mention
// ("we use recycled packaging" on a shipping page) is never enough.

type topicRule struct {
	signal   string
	heading  *regexp.Regexp
	terms    *regexp.Regexp
	minTerms int
	// dense: with no heading word, at least denseTerms different terms
	// and one term every densityWords words (0: heading required).
	denseTerms, densityWords int
	// stems: one of them is in every term; fewer than denseTerms stems in
	// the lower-cased page text rule the dense test out cheaply.
	stems []string
	// topic is the rule's name in the language vocabularies: pages in
	// other languages are named by the words of "<topic>_heading" and
	// confirmed by those of "<topic>_terms".
	topic string
}

var topicRules = []topicRule{
	{
		signal: signal.PolicySustainability,
		heading: regexp.MustCompile(`(?i)commitment|\bimpact\b|responsib|\bplanet\b|environment|sustainab|climate|\bvalues\b|\bethic|conscious|\bgreen\b|footprint|` +
			`\bmission\b|\bpromise\b|\bpledge\b|\bforests?\b|\btrees?\b|\bwild|\bgiving\b|\bgive back\b|\bearth\b|\bocean\b|\bnature\b|people (?:and|&) planet|\bour world\b|` +
			`conservation|stewardship|\b1% for\b|fair ?trade|\bcircular|\bcarbon\b|\besg\b|\bcsr\b`),
		terms: regexp.MustCompile(`sustainab|\bcarbon\b|emission|\bclimate\b|renewable|recycl|\borganic\b|\benvironment|\bplanet\b|\bethical|deadstock|\bresale\b|\brepair|` +
			`\bb corp|fair ?trade|footprint|offset|net[ -]zero|circular|biodegradable|compost|plastic[- ]free|responsibly sourced|\bupcycl|\bsolar\b|\bwaste\b|` +
			`landfill|shoreline|coastline|clean[- ]?ups?\b|\bocean|watershed|conservation|biodiversity|pollution|\bsocial impact\b|\bliving wage|` +
			`\bethically sourced|\bfair wages?\b|\bre-?forest|\btrees? planted|\bplant(?:ed|ing)? (?:a )?trees?\b|\bwildlife\b|\bdonat(?:e|es|ed|ing|ion|ions)\b.{0,60}\b(?:charit|conservation|environment|ocean|planet|communit|nonprofit|non-profit)`),
		minTerms: 3, denseTerms: 6, densityWords: 40, topic: "sustainability",
		stems: []string{"sustainab", "carbon", "emission", "climate", "renewable", "recycl", "organic", "environment", "planet",
			"ethical", "deadstock", "resale", "repair", "b corp", "fair", "footprint", "offset", "net", "circular", "biodegradable",
			"compost", "plastic", "responsibly", "upcycl", "solar", "waste", "landfill", "shoreline", "coastline", "clean", "ocean",
			"watershed", "conservation", "biodiversity", "pollution", "social impact", "living wage", "forest", "tree", "wildlife", "donat"},
	},
	{
		signal:   signal.PolicyAccessibility,
		heading:  regexp.MustCompile(`(?i)\baccessib|\bvpat\b|\bwcag\b|\ba11y\b|\binclusive design\b`),
		terms:    regexp.MustCompile(`\bwcag\b|\bscreen[- ]readers?\b|\bassistive\b|\bdisabilit|\bkeyboard\b|\balt(?:ernative)? text\b|\bcontrast\b|\baria\b|\bada\b|conformance|\bsection 508\b|\ben 301 549\b|\bcaptions?\b|\bimpair`),
		minTerms: 2, topic: "accessibility",
	},
	{
		signal:   signal.PolicyPrivacy,
		heading:  regexp.MustCompile(`(?i)\bprivacy\b|\bdata protection\b|\bpersonal (?:data|information)\b|\bdatenschutz`),
		terms:    regexp.MustCompile(`personal (?:data|information)|\bcookies?\b|\bgdpr\b|\bccpa\b|\bdata controller\b|\bdata subjects?\b|\bprocess(?:ing)? (?:your|of) (?:personal )?data\b|\bretention\b|\bthird part(?:y|ies)\b|\bopt[- ]out\b|\byour rights\b`),
		minTerms: 2,
	},
	{
		signal:   signal.SelfServiceFAQ,
		heading:  regexp.MustCompile(`(?i)\bfaqs?\b|\bquestions\b|\bq ?& ?a\b|\bhelp\b|\bsupport\b|\bask(?:ed)?\b`),
		minTerms: 4, denseTerms: 6,
	},
}

// vocabTerms counts the distinct words of a vocabulary concept in lines
// and returns the first line holding one.
func vocabTerms(v *lang.Vocab, concept string, lines []string) (int, string) {
	seen := map[string]bool{}
	first := ""
	for _, l := range lines {
		if len(l) > 4000 {
			l = l[:4000]
		}
		for _, m := range v.FindAll(concept, l, 8) {
			w := l[m[0]:m[1]]
			if !seen[w] {
				seen[w] = true
				if first == "" {
					first = l
				}
			}
		}
	}
	return len(seen), first
}

// maxDenseText bounds the visible text of a page classified by term
// density alone (bytes): pages about one topic are short, and the test
// scans the whole text.
const maxDenseText = 64 << 10

func textLen(lines []string) int {
	n := 0
	for _, l := range lines {
		n += len(l) + 1
	}
	return n
}

// contentPresence classifies the page by its heading and main text.
func (r *pageResult) contentPresence(doc *document.Document, title, h1 string, lines []string) {
	var main []string
	mainLines := func() []string {
		if main == nil {
			main = strings.Split(strings.ToLower(doc.MainText()), "\n")
		}
		return main
	}
	lowPage := ""
	v := policytext.Vocab(doc.Lang)
	for _, rule := range topicRules {
		if _, ok := r.presence[rule.signal]; ok {
			continue
		}
		named := rule.heading.MatchString(h1) || rule.heading.MatchString(title)
		if v != nil && rule.topic != "" && rule.terms != nil {
			// Another language: named by the vocabulary's heading words,
			// confirmed by its terms in the main text.
			if v.Has(rule.topic+"_heading", strings.ToLower(h1)) || v.Has(rule.topic+"_heading", strings.ToLower(title)) {
				distinct, first := vocabTerms(v, rule.topic+"_terms", mainLines())
				if distinct >= rule.minTerms {
					r.presence[rule.signal] = *r.evidence(first, signal.MethodText)
					continue
				}
			}
		}
		if !named && rule.denseTerms == 0 {
			continue
		}
		if rule.terms == nil {
			// FAQ: question headings with their answers.
			if countQuestions(lines) < rule.minTerms {
				continue // cheap test on the whole page first
			}
			n, first := 0, ""
			ml := mainLines()
			for i, l := range ml {
				if isQuestionLine(l) && i+1 < len(ml) && !isQuestionLine(ml[i+1]) {
					n++
					if first == "" {
						first = l
					}
				}
			}
			if (named && n >= rule.minTerms) || n >= rule.denseTerms {
				r.presence[rule.signal] = *r.evidence(first, signal.MethodText)
			}
			continue
		}
		if !named {
			if textLen(lines) > maxDenseText {
				continue // a devoted page is not a 64 KB listing
			}
			if lowPage == "" {
				lowPage = strings.ToLower(strings.Join(lines, "\n"))
			}
			n := 0
			for _, st := range rule.stems {
				if strings.Contains(lowPage, st) {
					n++
				}
			}
			if n < rule.denseTerms {
				continue
			}
		}
		distinct, hits, words, first := topicTerms(rule.terms, mainLines())
		ok := named && distinct >= rule.minTerms
		if !ok && rule.denseTerms > 0 {
			ok = distinct >= rule.denseTerms && hits*rule.densityWords >= words
		}
		if ok {
			r.presence[rule.signal] = *r.evidence(first, signal.MethodText)
		}
	}
}

// topicTerms counts the different terms of re in lines, all their
// occurrences and the words of lines; first is the first line naming one.
func topicTerms(re *regexp.Regexp, lines []string) (distinct, hits, words int, first string) {
	terms := map[string]bool{}
	for _, line := range lines {
		words += len(strings.Fields(line))
		for _, m := range re.FindAllString(line, 50) {
			hits++
			t := strings.ToLower(m)
			if len(t) > 20 {
				t = t[:20] // "donated ... to charity" counts once
			}
			terms[t] = true
			if first == "" {
				first = line
			}
		}
	}
	return len(terms), hits, words, first
}

func isQuestionLine(l string) bool {
	l = strings.TrimSpace(l)
	return len(l) >= 8 && len(l) <= 200 && strings.HasSuffix(l, "?")
}

func countQuestions(lines []string) int {
	n := 0
	for _, l := range lines {
		if isQuestionLine(l) {
			n++
		}
	}
	return n
}
