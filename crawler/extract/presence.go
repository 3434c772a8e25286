package extract

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"

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
}

var presenceRules = []presenceRule{
	{
		signal:   signal.PolicyPrivacy,
		kind:     signal.KindPrivacy,
		linkText: regexp.MustCompile(`(?i)\bprivacy\b|\bdatenschutz|\bconfidentialit|\bprivacidad\b`),
		linkURL:  regexp.MustCompile(`(?i)privacy|datenschutz|confidentialit|privacidad|privacite|privacidade`),
		content:  regexp.MustCompile(`(?i)personal (?:data|information)|\bcookies?\b|\bdata\b.*\bcollect|\bcollect\b.*\b(?:data|information)\b|\bgdpr\b|\bccpa\b`),
		heading:  regexp.MustCompile(`(?i)\bprivacy (?:policy|notice|statement|centre|center)\b`),
	},
	{
		signal:   signal.PolicyAccessibility,
		kind:     signal.KindAccessibility,
		linkText: regexp.MustCompile(`(?i)\baccessibility\b|\bvpat\b|\bconformance\b|\ba11y\b`),
		linkURL:  regexp.MustCompile(`(?i)accessib|a11y|vpat|conformance|/acr\b`),
		content:  regexp.MustCompile(`(?i)\baccessib|\bwcag\b|\bvpat\b|\bconformance\b|\bscreen readers?\b|\bdisabilit`),
		heading:  regexp.MustCompile(`(?i)\baccessibility (?:statement|policy|commitment|conformance)|\bvpat\b|\baccessibility conformance report\b|^accessibility$`),
	},
	{
		signal:   signal.PolicySustainability,
		kind:     signal.KindSustainability,
		linkText: regexp.MustCompile(`(?i)\bsustainab|\benvironment(?:al)?\b|\bour impact\b|\bimpact report\b|^impact$|\bsocial impact\b|\bclimate\b|\besg\b|\b(?:corporate )?(?:social )?responsibility\b|\bour planet\b|\bcarbon neutral|\bnet zero\b`),
		linkURL:  regexp.MustCompile(`(?i)sustainab|environment|impact|climate|esg|responsib|csr|planet|carbon|net-?zero`),
		content:  regexp.MustCompile(`(?i)sustainab|\benvironment|\bclimate\b|\bcarbon\b|\bemissions?\b|\bimpact\b|\besg\b|\bresponsib|\brenewable\b|\brecycl|\bplanet\b`),
		heading:  regexp.MustCompile(`(?i)\bsustainability\b|\benvironmental (?:policy|commitment|impact)|\bour impact\b|\bimpact report\b|\bclimate (?:commitment|action|pledge)\b|\besg report\b|\bcorporate (?:social )?responsibility\b`),
	},
	{
		signal:   signal.SelfServiceFAQ,
		kind:     signal.KindFAQ,
		linkText: regexp.MustCompile(`(?i)\bfaqs?\b|\bfrequently asked\b|\bhelp (?:cent(?:er|re)|desk|hub)\b|^help$|^help & support$|^help and support$|\bsupport (?:cent(?:er|re)|hub|portal)\b|\bknowledge ?base\b|^customer help$`),
		linkURL:  regexp.MustCompile(`(?i)faq|help|support|knowledge|/kb\b|/hc/|questions`),
		content:  regexp.MustCompile(`(?i)\bfaqs?\b|frequently asked|\bhelp\b|\bquestions?\b|\bsupport\b|\bknowledge\b|\?\s*$`),
		heading:  regexp.MustCompile(`(?i)\bfaqs?\b|\bfrequently asked questions\b|\bhelp (?:cent(?:er|re)|desk)\b|\bsupport cent(?:er|re)\b|\bknowledge base\b`),
	},
	{
		signal:   signal.LoyaltyProgram,
		kind:     signal.KindLoyalty,
		linkText: regexp.MustCompile(`(?i)\brewards?\b|\bloyalty\b|\bpoints? (?:program|programme|club)\b|\bvip\b|\bmembership\b|\bmember (?:perks|benefits|rewards|club)\b|\binsiders? club\b|\bfrequent (?:reader|buyer|shopper|customer)s?\b`),
		linkURL:  regexp.MustCompile(`(?i)reward|loyalty|points|vip|member|club|perks|frequent`),
		content:  regexp.MustCompile(`(?i)\brewards?\b|\bpoints\b|\bloyalty\b|\bvip\b|\bmembers?(?:hip)?\b|\bperks\b|\btiers?\b`),
		heading:  regexp.MustCompile(`(?i)\b(?:rewards?|loyalty|vip|points|membership|members|frequent (?:reader|buyer|shopper|customer))\s+(?:program|programme|club|card|scheme|perks|benefits)\b`),
	},
	{
		signal:   signal.PolicyPriceMatch,
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
func linkPresence(r presenceRule, l link, page *url.URL) bool {
	if l.u == nil || l.text == "" || len(l.text) > 120 {
		return false
	}
	switch strings.ToLower(l.u.Scheme) {
	case "http", "https", "":
	default:
		return false
	}
	if !r.linkText.MatchString(l.text) {
		return false
	}
	target := l.u.Host + l.u.EscapedPath() + "?" + l.u.RawQuery + "#" + l.u.Fragment
	if !r.linkURL.MatchString(target) {
		return false
	}
	if r.signal == signal.PolicyPrivacy && privacyNotPolicy.MatchString(l.text) {
		return false
	}
	return !thirdPartyHost(l.u, page)
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

var bigFigure = regexp.MustCompile(`^(?:[kKmMbB]|bn|mn|\s?(?:thousand|million|billion|trillion))\b`)

// textPrice finds a price in one line of visible text.
func textPrice(line string) (string, bool) {
	if len(line) > 600 || notAPrice.MatchString(line) {
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

var (
	valuesHeading = regexp.MustCompile(`(?i)commitment|\bimpact\b|responsib|\bplanet\b|environment|sustainab|climate|\bvalues\b|\bethic|conscious|\bgreen\b|footprint|\bmission\b|\bpromise to\b`)
	ecoTerms      = regexp.MustCompile(`(?i)sustainab|\bcarbon\b|emission|\bclimate\b|renewable|recycl|\borganic\b|\benvironment|\bplanet\b|\bethical|deadstock|\bresale\b|\brepair|\bb corp|fair ?trade|footprint|offset|net[ -]zero|circular|biodegradable|compost|plastic[- ]free|responsibly sourced|\bupcycl|\bsolar\b|\bwaste\b`)
)

// ecoPage reports main text that speaks about the environment: at least
// three different terms of the topic. It returns the first line naming one.
func ecoPage(text string) (string, bool) {
	terms := map[string]bool{}
	first := ""
	for _, line := range strings.Split(text, "\n") {
		for _, m := range ecoTerms.FindAllString(line, -1) {
			terms[strings.ToLower(m)] = true
			if first == "" {
				first = line
			}
		}
	}
	return first, len(terms) >= 3
}
