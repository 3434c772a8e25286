package extract

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/cxbench/cxbench/crawler/extract/lang"
	"github.com/cxbench/cxbench/signal"
)

// kindRule recognises a page kind by its URL (path and query) or, failing
// that, by the text of the link that led to it.
type kindRule struct {
	kind   string
	path   *regexp.Regexp
	anchor *regexp.Regexp
}

// The URL rules, one per kind.
var (
	priceMatchRule = kindRule{signal.KindTerms, // price match and price promise policies
		regexp.MustCompile(`price[-_]?(?:match|beat|promise|guarantee)|lowest[-_]price`),
		regexp.MustCompile(`(?i)\bprice[\s-]?(?:match|beat|promise)|\bprice guarantee\b`)}
	returnsRule = kindRule{signal.KindReturns,
		regexp.MustCompile(`return|refund|exchange|retour|ruecksend|rucksend|devolucion|money[-_]?back|satisfaction[-_]?guarantee`),
		regexp.MustCompile(`(?i)\breturns?\b|\brefunds?\b|\bexchanges?\b|\bmoney[\s-]back\b`)}
	shippingRule = kindRule{signal.KindShipping,
		regexp.MustCompile(`shipping|delivery|deliveries|dispatch|versand|livraison|envio|postage|freight|lieferung`),
		regexp.MustCompile(`(?i)\bshipping\b|\bdelivery\b|\bpostage\b|\bdispatch\b`)}
	warrantyRule = kindRule{signal.KindWarranty,
		regexp.MustCompile(`warrant|guarantee|garantie|garantia`),
		regexp.MustCompile(`(?i)\bwarrant(?:y|ies)\b|\bguarantee\b`)}
	contactRule = kindRule{signal.KindContact,
		regexp.MustCompile(`contact|kontakt|get[-_]?in[-_]?touch|reach[-_]us|customer[-_]?(?:service|care)|call[-_]us|email[-_]us`),
		regexp.MustCompile(`(?i)\bcontact\b|\bget in touch\b|\bcustomer (?:service|care)\b|\bcall us\b|\bemail us\b`)}
	faqRule = kindRule{signal.KindFAQ,
		regexp.MustCompile(`faq|(?:^|/)help(?:$|[/._-])|helpcent|help[-_]cent|support|knowledge|(?:^|/)kb(?:$|/)|(?:^|/)hc(?:$|/)|questions|(?:^|/)answers`),
		regexp.MustCompile(`(?i)\bfaqs?\b|\bfrequently asked\b|\bhelp\b|\bsupport\b|\bknowledge ?base\b`)}
)

// Order matters: the first rule whose pattern matches wins, so specific
// topics come before broad ones (/help/returns is a returns page,
// /legal/privacy a privacy page, /price-match-guarantee not a warranty).
var kindRules = []kindRule{
	// A product page stays one whatever its slug (/products/return-labels,
	// /products/boot/reviews).
	{signal.KindProduct,
		regexp.MustCompile(`(?:^|/)(?:products?|p|item|items|dp|sku|gp/product)/[^/?]+`),
		nil},
	priceMatchRule,
	returnsRule,
	shippingRule,
	warrantyRule,
	{signal.KindPrivacy,
		regexp.MustCompile(`privacy|datenschutz|gdpr|data[-_]?protection|privacidad|confidentialit`),
		regexp.MustCompile(`(?i)\bprivacy\b`)},
	{signal.KindAccessibility,
		regexp.MustCompile(`accessib|a11y|vpat|conformance|wcag|(?:^|/)acr(?:$|[/._-])`),
		regexp.MustCompile(`(?i)\baccessibility\b|\bvpat\b`)},
	contactRule,
	faqRule,
	{signal.KindSustainability,
		regexp.MustCompile(`sustainab|environment|(?:^|[/_-])impact|climate|(?:^|[/_-])esg(?:$|[/._-])|social[-_]responsib|corporate[-_]responsib|(?:^|[/_-])responsibility(?:$|[/._-])|(?:^|[/_-])csr(?:$|[/._-])|planet|carbon|net[-_]?zero`),
		regexp.MustCompile(`(?i)\bsustainab|\benvironment|\bimpact\b|\bclimate\b|\besg\b|\bresponsibility\b`)},
	{signal.KindLoyalty,
		regexp.MustCompile(`reward|loyalty|(?:^|[/_-])points(?:$|[/._-])|(?:^|[/_-])vip(?:$|[/._-])|membership|(?:^|[/_-])club(?:$|[/._-])|perks`),
		regexp.MustCompile(`(?i)\brewards?\b|\bloyalty\b|\bvip\b|\bmembership\b|\bpoints\b`)},
	{signal.KindPricing,
		regexp.MustCompile(`pricing|(?:^|/)plans?(?:$|[/._-])|(?:^|/)prices(?:$|[/._-])|price[-_]list|tarif|compare[-_]plans`),
		regexp.MustCompile(`(?i)\bpricing\b|\bplans?\b|\bprices\b`)},
	{signal.KindReviews,
		regexp.MustCompile(`reviews?(?:$|[/._-])|testimonial|trustpilot|ratings?(?:$|[/._-])`),
		regexp.MustCompile(`(?i)\breviews?\b|\btestimonials?\b`)},
	{signal.KindTerms,
		regexp.MustCompile(`terms|conditions|(?:^|/)tos(?:$|[/._-])|(?:^|/)legal(?:$|[/._-])|(?:^|/)agb|(?:^|/)cgv|policies|policy`),
		regexp.MustCompile(`(?i)\bterms\b|\bconditions\b|\blegal\b|\bpolicies\b`)},
}

// reviewHosts are third-party review sites; their pages are reviews pages.
var reviewHosts = []string{
	"trustpilot.com", "reviews.io", "sitejabber.com", "yelp.com", "bbb.org", "g2.com", "capterra.com",
	"feefo.com", "reevoo.com", "trustedshops.com", "trustedshops.de", "ekomi.com", "productreview.com.au",
	"resellerratings.com", "judge.me", "yotpo.com", "consumeraffairs.com", "glassdoor.com", "trustradius.com",
}

var (
	homePath = regexp.MustCompile(`^/?(?:(?:index|default|home)(?:\.[a-z]+)?)?$|^/[a-z]{2}(?:[-_][a-z]{2})?/?$`)
	// articles are about a topic, they are not the topic's page.
	articlePath = regexp.MustCompile(`^/(?:[a-z]{2}(?:[-_][a-z]{2})?/)?(?:blog|blogs|news|press|article|articles|stories|magazine|journal|posts?)(?:/|$)`)
)

// Classify guesses a page's kind from its URL and the text of the link
// that led to it (anchor may be empty), before the page is fetched. The
// URL decides when it names a topic; the anchor text is the fallback. Blog
// and news articles are "other" whatever their topic.
func Classify(u *url.URL, anchor string) string {
	if u == nil {
		return signal.KindOther
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	for _, h := range reviewHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return signal.KindReviews
		}
	}
	path := strings.ToLower(u.EscapedPath())
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	target := path
	if u.RawQuery != "" {
		target += "?" + strings.ToLower(u.RawQuery)
	}
	// Host names such as help.acme.com or support.acme.com.
	sub, _, _ := strings.Cut(host, ".")
	switch sub {
	case "help", "support", "faq", "kb", "knowledge", "helpcenter", "helpdesk":
		if kind := classifyTarget(target); kind != signal.KindOther && kind != signal.KindHome {
			return kind
		}
		return signal.KindFAQ
	}
	if homePath.MatchString(path) && u.RawQuery == "" {
		return signal.KindHome
	}
	if articlePath.MatchString(path) {
		return signal.KindOther
	}
	if kind := classifyTarget(target); kind != signal.KindOther {
		return kind
	}
	anchor = strings.TrimSpace(anchor)
	if anchor != "" && len(anchor) < 80 {
		low := strings.ToLower(anchor)
		for _, r := range kindRules {
			if r.anchor != nil && r.anchor.MatchString(anchor) {
				return r.kind
			}
			if re := lang.Union("kind:" + r.kind); re != nil && re.MatchString(low) {
				return r.kind
			}
		}
	}
	return signal.KindOther
}

// classifyTarget applies the URL rules; when returns and shipping both
// match (a /shipping-and-returns page), the one named first in the URL wins.
//
// Each rule also knows its kind's words in every language with a
// vocabulary (package lang): /widerrufsbelehrung, /livraison,
// /preguntas-frecuentes.
func classifyTarget(target string) string {
	folded := lang.Fold(target)
	for _, r := range kindRules {
		loc := r.path.FindStringIndex(target)
		if loc == nil {
			if re := lang.URLUnion("kind:" + r.kind); re != nil {
				loc = re.FindStringIndex(folded)
			}
		}
		if loc == nil {
			continue
		}
		if r.kind == signal.KindReturns {
			if s := shippingRule.path.FindStringIndex(target); s != nil && s[0] < loc[0] {
				return signal.KindShipping
			}
		}
		return r.kind
	}
	return signal.KindOther
}

// pageTopics are the policy topics a page speaks for: its kind, plus
// topics its URL names (a /shipping-returns page is both).
func pageTopics(kind string, u *url.URL) map[string]bool {
	t := map[string]bool{kind: true}
	if u == nil {
		return t
	}
	target := strings.ToLower(u.EscapedPath())
	if p, err := url.PathUnescape(target); err == nil {
		target = p
	}
	folded := lang.Fold(target)
	for _, r := range []kindRule{returnsRule, shippingRule, warrantyRule, contactRule, faqRule} {
		if r.path.MatchString(target) {
			t[r.kind] = true
		} else if re := lang.URLUnion("kind:" + r.kind); re != nil && re.MatchString(folded) {
			t[r.kind] = true
		}
	}
	return t
}
