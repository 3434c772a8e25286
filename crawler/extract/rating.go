package extract

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/cxbench/cxbench/crawler/extract/document"
	"github.com/cxbench/cxbench/crawler/extract/policytext"
	"github.com/cxbench/cxbench/signal"
	"golang.org/x/net/html"
)

// rating is one aggregate rating found on a page.
type rating struct {
	value    float64 // normalised to 0–5
	count    float64 // reviews (or ratings); valid when hasCount
	hasCount bool
	company  bool // about the company (not one product)
	prose    bool // from text rather than structured data
	review   bool // from a configured third-party review page
	key      string
	ev       signal.Evidence
}

// structuredRatings finds the AggregateRatings in a page's items: those
// attached to an item by aggregateRating (resolving @id references) and
// free-standing AggregateRating nodes (owner from itemReviewed). On a
// company page (configured review page or kind reviews) every rating is
// about the company.
func structuredRatings(set *itemSet, pageURL string, companyPage, review bool) []rating {
	var out []rating
	seen := map[*item]bool{}
	for _, owner := range set.all {
		for _, v := range owner.props["aggregaterating"] {
			r := set.resolve(v)
			if r == nil || seen[r] {
				continue
			}
			seen[r] = true
			if rt, ok := makeRating(r, owner, pageURL, companyPage, review); ok {
				out = append(out, rt)
			}
		}
	}
	for _, r := range set.all {
		if seen[r] || r.is("rating", "review", "aggregaterating") || len(r.props["ratingvalue"]) == 0 ||
			(len(r.props["reviewcount"]) == 0 && len(r.props["ratingcount"]) == 0) {
			continue
		}
		// Sloppy markup: itemprop="aggregateRating" without itemscope puts
		// ratingValue and reviewCount on the product or organization.
		seen[r] = true
		if rt, ok := makeRating(r, r, pageURL, companyPage, review); ok {
			out = append(out, rt)
		}
	}
	for _, r := range set.all {
		if seen[r] || !r.is("aggregaterating") {
			continue
		}
		seen[r] = true
		var owner *item
		for _, v := range r.props["itemreviewed"] {
			if o := set.resolve(v); o != nil {
				owner = o
				break
			}
		}
		if rt, ok := makeRating(r, owner, pageURL, companyPage, review); ok {
			out = append(out, rt)
		}
	}
	return out
}

func makeRating(r, owner *item, pageURL string, companyPage, review bool) (rating, bool) {
	if employerRating(r.types) {
		return rating{}, false // what employees think, not customers
	}
	rv, ok := r.number("ratingvalue", false)
	if !ok || rv <= 0 {
		return rating{}, false
	}
	best := 5.0
	if b, ok := r.number("bestrating", false); ok {
		best = b
	}
	if best <= 0 || rv > best {
		return rating{}, false
	}
	rt := rating{value: round3(rv / best * 5), company: companyPage, review: review}
	// ratingCount is the number of ratings behind ratingValue; reviewCount
	// only those with a written review.
	count, hasCount := r.number("ratingcount", true)
	if !hasCount {
		count, hasCount = r.number("reviewcount", true)
	}
	if hasCount && count > policytext.MaxReviewCount {
		hasCount = false // an ISBN, a SKU or a phone number, not a count
	}
	if hasCount {
		if count <= 0 {
			return rating{}, false // "4.5 stars from 0 reviews" is a template placeholder
		}
		rt.count, rt.hasCount = count, true
	}
	what, name := "unattached", ""
	if owner != nil {
		if len(owner.types) > 0 {
			what = strings.Join(owner.types, ",")
		} else {
			what = "item"
		}
		name = owner.name()
		if isCompanyType(owner.types) {
			rt.company = true
		}
	}
	rt.key = fmt.Sprintf("%s|%s|%g|%g", what, name, rt.value, rt.count)
	snip := fmt.Sprintf("%s %q aggregateRating: ratingValue %s, bestRating %s", what, name,
		signal.FormatNumber(rv), signal.FormatNumber(best))
	if hasCount {
		snip += ", count " + signal.FormatNumber(count)
	}
	rt.ev = signal.Evidence{URL: pageURL, Snippet: signal.Snip(snip), Method: r.method}
	return rt, true
}

// proseRatings turns a page's settled prose rating into a rating. A
// prose rating is the company's on a company page (a configured review
// page or a page of kind reviews); elsewhere, except on product pages,
// when its sentence says it is about the company, its shop or its
// customers overall, or when it states a count and is the only rating of
// the page. A page with several different prose ratings is a listing of
// products, and a count-less "Rated 4.7 out of 5" may be any product's
// stars: both are product-level.
func proseRatings(cs []policytext.Candidate, pageURL, kind string, companyPage, review bool) []rating {
	var out []rating
	for _, c := range cs {
		v, ok := c.Value.Float()
		if c.Signal != signal.RatingValue || !ok || v <= 0 || v > 5 {
			continue
		}
		rt := rating{value: round3(v), prose: true, review: review,
			ev: signal.Evidence{URL: pageURL, Snippet: signal.Snip(c.Snippet), Method: signal.MethodText}}
		if c.HasCount && c.Count > 0 {
			rt.count, rt.hasCount = c.Count, true
		}
		rt.key = fmt.Sprintf("prose|%g|%g", rt.value, rt.count)
		rt.company = companyPage || (kind != signal.KindProduct && (c.Company || (!c.Several && rt.hasCount)))
		out = append(out, rt)
	}
	return out
}

// mergeProse adds a page's prose ratings to its structured ones. Prose
// that repeats a structured rating of the page (its visible rendering) is
// dropped; on a page with product-level structured ratings, the other
// prose ratings are product widgets too.
func mergeProse(structured, prose []rating) []rating {
	productPage := false
	for _, s := range structured {
		if !s.company {
			productPage = true
		}
	}
	out := structured
next:
	for _, p := range prose {
		for _, s := range structured {
			if math.Abs(s.value-p.value) < 0.01 && (!p.hasCount || !s.hasCount || s.count == p.count) {
				continue next
			}
		}
		if productPage && !p.review {
			p.company = false
		}
		out = append(out, p)
	}
	return out
}

// combineRatings picks rating.value and rating.count: company-level
// structured, then company-level prose, then product-level structured, then
// product-level prose. Among company-level ratings, those from configured
// review pages come first, then the one with the most reviews (ties: first
// found). Product-level ratings are averaged, weighted by review count
// (ratings without a count are left out when others have one; all equal
// weight when none has), and their counts summed.
func combineRatings(all []rating) (value, count signal.Signal, hasCount, ok bool) {
	tiers := [4][]rating{}
	for _, r := range all {
		t := 0
		switch {
		case r.company && !r.prose:
			t = 0
		case r.company:
			t = 1
		case !r.prose:
			t = 2
		default:
			t = 3
		}
		tiers[t] = append(tiers[t], r)
	}
	for t, rs := range tiers {
		if len(rs) == 0 {
			continue
		}
		rs = dedupeRatings(rs)
		if t < 2 {
			best := pickCompany(rs)
			value = signal.Signal{Value: signal.Number(best.value), Evidence: []signal.Evidence{best.ev}}
			if best.hasCount {
				count = signal.Signal{Value: signal.Number(best.count), Evidence: []signal.Evidence{best.ev}}
			}
			return value, count, best.hasCount, true
		}
		return averageRatings(rs)
	}
	return value, count, false, false
}

func dedupeRatings(rs []rating) []rating {
	seen := map[string]bool{}
	var out []rating
	for _, r := range rs {
		if seen[r.key] {
			continue
		}
		seen[r.key] = true
		out = append(out, r)
	}
	return out
}

func pickCompany(rs []rating) rating {
	var review []rating
	for _, r := range rs {
		if r.review {
			review = append(review, r)
		}
	}
	if len(review) > 0 {
		rs = review
	}
	best := rs[0]
	for _, r := range rs[1:] {
		if r.hasCount && (!best.hasCount || r.count > best.count) {
			best = r
		}
	}
	return best
}

func averageRatings(rs []rating) (value, count signal.Signal, hasCount, ok bool) {
	var counted []rating
	for _, r := range rs {
		if r.hasCount {
			counted = append(counted, r)
		}
	}
	var evs []signal.Evidence
	if len(counted) > 0 {
		var sum, n float64
		for _, r := range counted {
			sum += r.value * r.count
			n += r.count
		}
		evs = ratingEvidence(counted)
		value = signal.Signal{Value: signal.Number(round3(sum / n)), Evidence: evs}
		count = signal.Signal{Value: signal.Number(n), Evidence: evs}
		return value, count, true, true
	}
	var sum float64
	for _, r := range rs {
		sum += r.value
	}
	evs = ratingEvidence(rs)
	value = signal.Signal{Value: signal.Number(round3(sum / float64(len(rs)))), Evidence: evs}
	return value, count, false, true
}

// ratingEvidence keeps the evidence of the (up to five) ratings with the
// most reviews.
func ratingEvidence(rs []rating) []signal.Evidence {
	rs = append([]rating(nil), rs...)
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].count > rs[j].count })
	if len(rs) > 5 {
		rs = rs[:5]
	}
	evs := make([]signal.Evidence, len(rs))
	for i, r := range rs {
		evs[i] = r.ev
	}
	return evs
}

// maxCardText bounds the text of one product card (bytes): a whole grid
// of products is not one card, its items are.
const maxCardText = 2000

// productCards returns the visible text of the page's product cards:
// listing items that show one product. A card is an li, article, div,
// section or figure whose class or id names a product ("product",
// "product-card", "grid__product"), or an li or article that holds a link
// and a price. Cards hold at most maxCardText bytes of text.
func productCards(roots []*html.Node) []string {
	var out []string
	stack := append([]*html.Node(nil), roots...)
	for len(stack) > 0 && len(out) < maxLinks {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode && document.Invisible(n) {
			continue
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "li", "article", "div", "section", "figure":
				named := strings.Contains(strings.ToLower(attr(n, "class")), "product") ||
					strings.Contains(strings.ToLower(attr(n, "id")), "product")
				if named || n.Data == "li" || n.Data == "article" {
					if t := document.VisibleText([]*html.Node{n}, maxCardText+1); len(t) <= maxCardText &&
						(named || (hasLink(n) && linesPrice(t))) {
						out = append(out, t)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			stack = append(stack, c)
		}
	}
	return out
}

// hasLink reports an <a href> inside n.
func hasLink(n *html.Node) bool {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.Type == html.ElementNode && c.Data == "a" {
			if _, ok := attrOK(c, "href"); ok {
				return true
			}
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			stack = append(stack, k)
		}
	}
	return false
}

// linesPrice reports a price on one of the lines of t.
func linesPrice(t string) bool {
	for _, line := range strings.Split(t, "\n") {
		if _, ok := textPrice(line); ok {
			return true
		}
	}
	return false
}

// inProductCard reports whether a prose rating's sentence is shown inside
// one of cards.
func inProductCard(cards []string, snippet string) bool {
	snippet = strings.TrimSuffix(snippet, "…")
	if snippet == "" {
		return false
	}
	for _, c := range cards {
		if strings.Contains(c, snippet) {
			return true
		}
	}
	return false
}
