package policytext

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

// summary renders findings as signal -> value, with a "!" suffix for
// Negative findings, so that tables can state exactly what must be found
// (and, by omission, what must be absent).
func summary(t *testing.T, fs []Candidate) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range fs {
		if _, dup := out[f.Signal]; dup {
			t.Errorf("two findings for %s", f.Signal)
		}
		v := f.Value.String()
		if f.Negative {
			v += "!"
		}
		out[f.Signal] = v
		if f.Signal == signal.RatingValue && f.HasCount {
			out[signal.RatingCount] = signal.Number(f.Count).String()
		}
		if f.Snippet == "" || utf8.RuneCountInString(f.Snippet) > signal.MaxSnippet {
			t.Errorf("%s: bad snippet %q", f.Signal, f.Snippet)
		}
		if _, ok := signal.Lookup(f.Signal); !ok {
			t.Errorf("unknown signal %q", f.Signal)
		}
	}
	return out
}

type extractCase struct {
	name string
	kind string // "" means signal.KindOther
	text string
	want map[string]string
}

func runCases(t *testing.T, cases []extractCase) {
	t.Helper()
	seen := map[string]bool{}
	for _, tc := range cases {
		if seen[tc.name] {
			t.Fatalf("duplicate case name %q", tc.name)
		}
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			kind := tc.kind
			if kind == "" {
				kind = signal.KindOther
			}
			want := tc.want
			if want == nil {
				want = map[string]string{}
			}
			got := summary(t, extractText(tc.text, kind))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Extract(%q) mismatch (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

const (
	rd  = signal.PolicyReturnDays
	fr  = signal.PolicyFreeReturns
	fs  = signal.PolicyFreeShipping
	fst = signal.PolicyFreeShippingThreshold
	wm  = signal.PolicyWarrantyMonths
	sh  = signal.SupportResponseHours
	pm  = signal.PolicyPriceMatch
	lp  = signal.LoyaltyProgram
	rv  = signal.RatingValue
	rc  = signal.RatingCount
)

func TestExtractReturnDays(t *testing.T) {
	runCases(t, []extractCase{
		{name: "hyphenated 30-day returns", text: "Enjoy hassle-free 30-day returns on everything you buy.", want: map[string]string{rd: "30"}},
		{name: "words and digits", text: "You may return any item within thirty (30) days of receipt.", want: map[string]string{rd: "30"}},
		{name: "two weeks", text: "Items can be returned within two weeks of delivery.", want: map[string]string{rd: "14"}},
		{name: "a fortnight", text: "You have a fortnight to send your order back.", want: map[string]string{rd: "14"}},
		{name: "1 month", text: "Our return window is 1 month from the date of purchase.", want: map[string]string{rd: "30"}},
		{name: "a year", text: "Changed your mind? You can return it for up to a year.", want: map[string]string{rd: "365"}},
		{name: "one year return policy", text: "We offer a one year return policy.", want: map[string]string{rd: "365"}},
		{name: "1 year to return", text: "You have 1 year to return unused products.", want: map[string]string{rd: "365"}},
		{name: "60 days of delivery", text: "Returns are accepted within 60 days of delivery.", want: map[string]string{rd: "60"}},
		{name: "100 nights to try", text: "You have 100 nights to try your new mattress.", want: map[string]string{rd: "100"}},
		{name: "100-night trial", text: "Every mattress comes with a 100-night trial.", want: map[string]string{rd: "100"}},
		{name: "money-back guarantee", text: "Every order is backed by our 90-day money-back guarantee.", want: map[string]string{rd: "90"}},
		{name: "money back guarantee for days", text: "We offer a money back guarantee for 60 days.", want: map[string]string{rd: "60"}},
		{name: "satisfaction guarantee window", text: "Our 45-day satisfaction guarantee means you can shop without worry.", want: map[string]string{rd: "45"}},
		{name: "accepted up to 45 days after purchase", text: "Returns accepted up to 45 days after purchase.", want: map[string]string{rd: "45"}},
		{name: "twenty-one days", text: "Unworn items may be returned within twenty-one days.", want: map[string]string{rd: "21"}},
		{name: "ninety days words", text: "You can return items within ninety days of purchase.", want: map[string]string{rd: "90"}},
		{name: "30days no space", text: "Returns: 30days from delivery", want: map[string]string{rd: "30"}},
		{name: "30 day return policy", text: "We have a 30 day return policy.", want: map[string]string{rd: "30"}},
		{name: "return period colon", text: "Return period: 14 days.", want: map[string]string{rd: "14"}},
		{name: "returnable within", text: "Most items are returnable within 30 days.", want: map[string]string{rd: "30"}},
		{name: "send it back", text: "Not happy? Send it back within 28 days for a refund.", want: map[string]string{rd: "28"}},
		{name: "days to change your mind", text: "You have 30 days to change your mind.", want: map[string]string{rd: "30"}},
		{name: "comma separated clause", text: "You may return items, unworn and with tags attached, within 30 days.", want: map[string]string{rd: "30"}},
		{name: "if clause then return", text: "If you are not completely satisfied with your purchase, you can return it within 60 days.", want: map[string]string{rd: "60"}},
		{name: "EU withdrawal", text: "You have the right to withdraw from this contract within 14 days without giving any reason.", want: map[string]string{rd: "14"}},
		{name: "business days return window", text: "Items must be returned within 10 business days of delivery.", want: map[string]string{rd: "10"}},
		{name: "weeks", text: "Please return unwanted items within 4 weeks.", want: map[string]string{rd: "28"}},
		{name: "three months", text: "We accept returns for three months after purchase.", want: map[string]string{rd: "90"}},
		{name: "returns page anchored without cue", kind: signal.KindReturns, text: "Items must be unworn, in original packaging and within 30 days of delivery.", want: map[string]string{rd: "30"}},
		{name: "other page anchored without cue", text: "Items must be unworn, in original packaging and within 30 days of delivery.", want: nil},
		{name: "label value table", text: "<table><tr><td>Return window</td><td>30 days</td></tr><tr><td>Refunds</td><td>5 days</td></tr></table>", want: map[string]string{rd: "30"}},
		{name: "heading then anchored sentence", text: "<h2>Returns</h2><p>All items within 45 days of purchase qualify.</p>", want: map[string]string{rd: "45"}},
		{name: "lines without structure pair nothing", text: "Return window\n30 days", want: nil},
		{name: "sale shorter does not replace general", text: "You can return most items within 30 days. Sale items can be returned within 14 days.", want: map[string]string{rd: "30"}},
		{name: "clearance only window absent", text: "Clearance items may be returned within 7 days.", want: nil},
		{name: "electronics shorter", text: "Electronics must be returned within 15 days; all other items can be returned within 60 days.", want: map[string]string{rd: "60"}},
		{name: "members longer not ordinary", text: "Returns are accepted within 30 days. Members get 60 days to return items.", want: map[string]string{rd: "30", lp: "true"}},
		{name: "holiday extended not ordinary", text: "Our standard return window is 30 days. Extended holiday returns: items purchased in November can be returned within 60 days.", want: map[string]string{rd: "30"}},
		{name: "holiday heading", text: "Return policy\nYou can return items within 30 days.\nHoliday returns\nGifts bought between 1 November and 24 December can be returned for 60 days.", want: map[string]string{rd: "30"}},
		{name: "except sale items still ordinary", text: "All items except sale items can be returned within 30 days.", want: map[string]string{rd: "30"}},
		{name: "non-sale ordinary", text: "Non-sale items can be returned within 30 days.", want: map[string]string{rd: "30"}},
		{name: "refund processing range", text: "Refunds are issued within 5-7 business days.", want: nil},
		{name: "refund processing en dash", text: "Once we receive your return, refunds are issued within 5–7 business days.", want: nil},
		{name: "allow 10 days for refund", text: "Please allow 10 days for your refund to appear on your statement.", want: nil},
		{name: "refund after return received", text: "We will refund you within 14 days of receiving your returned item.", want: nil},
		{name: "returned items refunded", text: "Returned items are refunded within 14 days.", want: nil},
		{name: "window and refund in one sentence", text: "If you return an item within 30 days, we'll refund your money within 5 days.", want: map[string]string{rd: "30"}},
		{name: "delivery time not window", text: "Standard delivery takes 3-5 working days.", want: nil},
		{name: "return shipping transit", text: "Returns usually take 7 days to reach our warehouse.", want: nil},
		{name: "exchange processing", text: "Exchanges are processed within 3 business days.", want: nil},
		{name: "warranty is not return window", text: "All products carry a 2-year warranty.", want: map[string]string{wm: "24"}},
		{name: "business years", text: "We've been in business for 30 years and we stand behind every product.", want: nil},
		{name: "business years with window", text: "We've been in business for 30 years and accept returns within 60 days.", want: map[string]string{rd: "60"}},
		{name: "cancel within 24 hours", text: "Orders can be cancelled within 24 hours of purchase.", want: nil},
		{name: "cancel within days", text: "You may cancel your order within 2 days of purchase.", want: nil},
		{name: "report damage 48 hours", text: "Please report any damage within 48 hours of delivery.", want: nil},
		{name: "report damage days", text: "Damaged items must be reported within 7 days of delivery.", want: nil},
		{name: "notify damaged arrival", text: "If your item arrives damaged, notify us within 3 days.", want: nil},
		{name: "range return not window", text: "Returns are processed in 3 to 5 days.", want: nil},
		{name: "open 7 days a week", text: "Our returns desk is open 7 days a week.", want: nil},
		{name: "label valid", text: "Your return label is valid for 14 days.", want: nil},
		{name: "claims window", text: "Warranty claims must be made within 30 days of discovering a defect.", want: nil},
		{name: "we do not accept returns", text: "We do not accept returns.", want: map[string]string{rd: "0!"}},
		{name: "all sales are final", text: "All sales are final.", want: map[string]string{rd: "0!"}},
		{name: "no returns on sale items", text: "No returns on sale items.", want: nil},
		{name: "no returns after 30 days is a window", text: "No returns after 30 days.", want: map[string]string{rd: "30"}},
		{name: "positive beats refusal on other goods", text: "We do not accept returns on personalised items. Everything else can be returned within 30 days.", want: map[string]string{rd: "30"}},
		{name: "max of ordinary windows", text: "Returns within 14 days get a full refund. Returns within 30 days get store credit.", want: map[string]string{rd: "30"}},
		{name: "faulty items longer", text: "You can return unwanted items within 30 days. Faulty items can be returned within 1 year.", want: map[string]string{rd: "30"}},
		{name: "gift returns longer", text: "Returns are accepted within 30 days. Gifts may be returned within 90 days.", want: map[string]string{rd: "30"}},
		{name: "decimal rating not window", text: "Returns rated 4.8/5 by customers", want: map[string]string{rv: "4.8"}},
		{name: "UK returns phrasing", text: "You can return unwanted goods to us within 28 days of receiving them.", want: map[string]string{rd: "28"}},
		{name: "postmarked window", text: "Returns must be postmarked within 30 days of the delivery date.", want: map[string]string{rd: "30"}},
		{name: "ship back within", text: "Items must be shipped back within 21 days of delivery.", want: map[string]string{rd: "21"}},
		{name: "contact us processing time", text: "Our team will inspect your return within 3 days.", want: nil},
		{name: "take advantage not veto", text: "Take advantage of our 60-day return policy.", want: map[string]string{rd: "60"}},
		{name: "bullets banner", text: "Free shipping over $50 • 30-day returns • Price match guarantee", want: map[string]string{rd: "30", fs: "true", fst: "50", pm: "true"}},
	})
}

func TestExtractFreeReturns(t *testing.T) {
	runCases(t, []extractCase{
		{name: "free returns", text: "We offer free returns on all orders.", want: map[string]string{fr: "true"}},
		{name: "prepaid label", text: "Every order includes a prepaid return label.", want: map[string]string{fr: "true"}},
		{name: "free return label", text: "Simply print your free return label and drop the parcel off.", want: map[string]string{fr: "true"}},
		{name: "we cover return shipping", text: "We cover return shipping.", want: map[string]string{fr: "true"}},
		{name: "returns are free", text: "Returns are always free.", want: map[string]string{fr: "true"}},
		{name: "return shipping on us", text: "Return shipping is on us.", want: map[string]string{fr: "true"}},
		{name: "no return fees", text: "There are no return fees.", want: map[string]string{fr: "true"}},
		{name: "free exchanges and returns", text: "Free exchanges and returns within 30 days.", want: map[string]string{fr: "true", rd: "30"}},
		{name: "free shipping both ways", text: "Free shipping both ways on every order.", want: map[string]string{fr: "true", fs: "true", fst: "0"}},
		{name: "free exchanges only", text: "Exchanges are always free.", want: nil},
		{name: "free exchanges phrase", text: "Enjoy free exchanges on all full-price items.", want: nil},
		{name: "paid by customer", text: "Return shipping is paid by the customer.", want: map[string]string{fr: "false!"}},
		{name: "return fee deducted", text: "A $5.95 return fee is deducted from your refund.", want: map[string]string{fr: "false!"}},
		{name: "restocking fee", text: "A 15% restocking fee applies to all returns.", want: map[string]string{fr: "false!"}},
		{name: "customers responsible", text: "Customers are responsible for return shipping costs.", want: map[string]string{fr: "false!"}},
		{name: "you pay for return", text: "You will need to pay for return postage.", want: map[string]string{fr: "false!"}},
		{name: "at your own expense", text: "Items must be returned at your own expense.", want: map[string]string{fr: "false!"}},
		{name: "return shipping amount", text: "Return shipping is $6.95.", want: map[string]string{fr: "false!"}},
		{name: "returns cost amount", text: "UK returns cost £3.95 per parcel.", want: map[string]string{fr: "false!"}},
		{name: "amount returns fee", text: "A £2.95 returns fee applies.", want: map[string]string{fr: "false!"}},
		{name: "faulty free but otherwise paid", text: "Return shipping is free for faulty items. For all other returns, customers are responsible for return shipping costs.", want: map[string]string{fr: "false!"}},
		{name: "faulty free only", text: "We pay return shipping for defective items.", want: nil},
		{name: "negative beats positive", text: "Free returns!\nReturn shipping costs are deducted from your refund.", want: map[string]string{fr: "false!"}},
		{name: "no restocking fee is not free returns", text: "We never charge a restocking fee.", want: nil},
		{name: "we do not offer free returns", text: "We do not offer free returns.", want: map[string]string{fr: "false!"}},
		{name: "international paid special", text: "Free returns within the US. International customers are responsible for return shipping.", want: map[string]string{fr: "true"}},
		{name: "original shipping non refundable", text: "Original shipping charges are non-refundable.", want: nil},
		{name: "returns are not free", text: "Please note that returns are not free.", want: map[string]string{fr: "false!"}},
	})
}

func TestExtractFreeShipping(t *testing.T) {
	runCases(t, []extractCase{
		{name: "standard over 50", text: "Free standard shipping on orders over $50.", want: map[string]string{fs: "true", fst: "50"}},
		{name: "all orders", text: "Free shipping on all orders.", want: map[string]string{fs: "true", fst: "0"}},
		{name: "UK delivery pounds or more", text: "Free UK delivery on orders of £40 or more.", want: map[string]string{fs: "true", fst: "40"}},
		{name: "spend euro", text: "Spend €75 for free delivery.", want: map[string]string{fs: "true", fst: "75"}},
		{name: "european format after", text: "Kostenloser Versand? Free shipping on orders above 1.234,50 €.", want: map[string]string{fs: "true", fst: "1234.5"}},
		{name: "decimals", text: "Free shipping on orders over $49.99.", want: map[string]string{fs: "true", fst: "49.99"}},
		{name: "comma thousands", text: "Free freight on orders over $1,000.", want: map[string]string{fs: "true", fst: "1000"}},
		{name: "CA dollars", text: "Free shipping on orders over CA$75.", want: map[string]string{fs: "true", fst: "75"}},
		{name: "A dollars", text: "Enjoy free delivery when you spend A$99 or more.", want: map[string]string{fs: "true", fst: "99"}},
		{name: "USD code", text: "Free shipping for orders over 100 USD.", want: map[string]string{fs: "true", fst: "100"}},
		{name: "plus sign", text: "Orders $35+ ship free.", want: map[string]string{fs: "true", fst: "35"}},
		{name: "orders over ship free", text: "All orders over $75 ship free within the contiguous US.", want: map[string]string{fs: "true", fst: "75"}},
		{name: "threshold before comma", text: "On orders over £30, delivery is free.", want: map[string]string{fs: "true", fst: "30"}},
		{name: "bare number", text: "Free shipping on orders over 50.", want: map[string]string{fs: "true", fst: "50"}},
		{name: "banner only", text: "FREE SHIPPING", want: map[string]string{fs: "true"}},
		{name: "plain statement", text: "We offer free shipping to every address in Canada.", want: map[string]string{fs: "true", fst: "0"}},
		{name: "shipping is free", text: "Shipping is always free.", want: map[string]string{fs: "true", fst: "0"}},
		{name: "no shipping fees", text: "There are no shipping fees on any order.", want: map[string]string{fs: "true", fst: "0"}},
		{name: "label value free", text: "<dl><dt>Standard shipping</dt><dd>Free</dd></dl>", want: map[string]string{fs: "true"}},
		{name: "do not offer free shipping", text: "We do not offer free shipping.", want: map[string]string{fs: "false!"}},
		{name: "no longer offer", text: "We no longer offer free shipping.", want: map[string]string{fs: "false!"}},
		{name: "never free", text: "Shipping is never free.", want: map[string]string{fs: "false!"}},
		{name: "not available", text: "Free shipping is not available.", want: map[string]string{fs: "false!"}},
		{name: "free express only", text: "Enjoy free express shipping on orders over $150.", want: nil},
		{name: "express is free", text: "Express shipping is free on orders over $200.", want: nil},
		{name: "free next-day", text: "Free next-day delivery for orders over £100.", want: nil},
		{name: "members only", text: "Members get free shipping on every order.", want: map[string]string{lp: "true"}},
		{name: "free shipping on returns", text: "Free shipping on returns and exchanges.", want: nil},
		{name: "free return shipping not standard", text: "We offer free return shipping.", want: map[string]string{fr: "true"}},
		{name: "promo code", text: "Get free shipping with code FREESHIP.", want: nil},
		{name: "first order", text: "Free delivery on your first order.", want: nil},
		{name: "standard plus express cost", text: "Free standard shipping on orders over $50; express shipping costs $15.", want: map[string]string{fs: "true", fst: "50"}},
		{name: "international special domestic kept", text: "Free UK delivery over £40; free international delivery over £150.", want: map[string]string{fs: "true", fst: "40"}},
		{name: "under threshold negation", text: "Orders under $50 do not qualify for free shipping.", want: map[string]string{fs: "true", fst: "50"}},
		{name: "two thresholds min", text: "Free shipping on orders over $50.\nFree shipping on orders over $75 to Alaska and Hawaii.", want: map[string]string{fs: "true", fst: "50"}},
		{name: "international not free special", text: "Free shipping on US orders over $50. International shipping is never free.", want: map[string]string{fs: "true", fst: "50"}},
		{name: "gbp suffix", text: "Free delivery on orders over 40 GBP.", want: map[string]string{fs: "true", fst: "40"}},
		{name: "shipping cost not threshold", text: "Standard shipping costs $5.95.", want: nil},
		{name: "free gift not shipping", text: "Get a free gift with every order over $100.", want: nil},
		{name: "spend and get", text: "Spend $60 and get free standard delivery.", want: map[string]string{fs: "true", fst: "60"}},
		{name: "minimum order", text: "Free shipping with a minimum order of $25.", want: map[string]string{fs: "true", fst: "25"}},
	})
}

func TestExtractWarranty(t *testing.T) {
	runCases(t, []extractCase{
		{name: "2-year warranty", text: "All our products come with a 2-year warranty.", want: map[string]string{wm: "24"}},
		{name: "12-month limited", text: "This item includes a 12-month limited warranty.", want: map[string]string{wm: "12"}},
		{name: "lifetime warranty", text: "Our knives carry a lifetime warranty.", want: map[string]string{wm: "1200"}},
		{name: "limited lifetime", text: "Backed by a limited lifetime warranty.", want: map[string]string{wm: "1200"}},
		{name: "guaranteed for life", text: "Every bag is guaranteed against defects for life.", want: map[string]string{wm: "1200"}},
		{name: "90-day warranty", text: "Accessories carry a 90-day warranty.", want: nil},
		{name: "90-day warranty general", text: "All new products have a 90-day warranty.", want: map[string]string{wm: "3"}},
		{name: "five (5) year guarantee", text: "We provide a five (5) year guarantee against manufacturing defects.", want: map[string]string{wm: "60"}},
		{name: "warranty of years", text: "All furniture has a warranty of 10 years.", want: map[string]string{wm: "120"}},
		{name: "warranty colon", text: "Warranty: 2 years", want: map[string]string{wm: "24"}},
		{name: "warranty label cell", text: "<h3>Warranty</h3><p>3 years</p>", want: map[string]string{wm: "36"}},
		{name: "warranty period is", text: "The warranty period is 24 months from the date of purchase.", want: map[string]string{wm: "24"}},
		{name: "covered by warranty for", text: "Your bike is covered by our warranty for 5 years.", want: map[string]string{wm: "60"}},
		{name: "guaranteed against defects for years", text: "All frames are guaranteed against defects in materials and workmanship for 7 years.", want: map[string]string{wm: "84"}},
		{name: "money-back guarantee not warranty", text: "Try it with our 30-day money-back guarantee.", want: map[string]string{rd: "30"}},
		{name: "satisfaction guarantee not warranty", text: "100% satisfaction guarantee for 60 days.", want: map[string]string{rd: "60"}},
		{name: "bare guarantee no cue", text: "Comes with a 1-year guarantee of happiness.", want: nil},
		{name: "bare guarantee on warranty page", kind: signal.KindWarranty, text: "Every product comes with a 3-year guarantee.", want: map[string]string{wm: "36"}},
		{name: "extended warranty for purchase", text: "A 2-year warranty is included. An extended warranty of 5 years is available for purchase.", want: map[string]string{wm: "24"}},
		{name: "extendable by registration", text: "Includes a 2-year warranty, extendable to 5 years when you register your product.", want: map[string]string{wm: "24"}},
		{name: "batteries shorter", text: "Our tools carry a 3-year warranty. Batteries have a 1-year warranty.", want: map[string]string{wm: "36"}},
		{name: "largest of products", text: "Sofas come with a 5-year warranty. Chairs come with a 2-year warranty.", want: map[string]string{wm: "60"}},
		{name: "statutory EU", text: "The statutory warranty of 2 years applies to all products.", want: map[string]string{wm: "24"}},
		{name: "one-year limited", text: "One-year limited warranty on all electronics.", want: map[string]string{wm: "12"}},
		{name: "warranty claim window", text: "Warranty claims must be reported within 30 days.", want: nil},
		{name: "repair turnaround", text: "Warranty repairs are completed within 14 days.", want: nil},
		{name: "parts and labour", text: "All appliances come with a 2 year parts and labour warranty.", want: map[string]string{wm: "24"}},
		{name: "weeks warranty", text: "Used items have a 12 week warranty.", want: nil},
		{name: "in business years not warranty", text: "We have been in business for 40 years and guarantee quality.", want: nil},
		{name: "lifetime satisfaction guarantee not warranty", text: "Lifetime satisfaction guarantee on every purchase.", want: nil},
	})
}

func TestExtractSupportHours(t *testing.T) {
	runCases(t, []extractCase{
		{name: "reply within 24 hours", text: "We reply within 24 hours.", want: map[string]string{sh: "24"}},
		{name: "2 business days", text: "Our team will respond within 2 business days.", want: map[string]string{sh: "48"}},
		{name: "30 minutes", text: "Live chat agents respond within 30 minutes.", want: map[string]string{sh: "0.5"}},
		{name: "under 4 hours", text: "Our team responds in under 4 hours.", want: map[string]string{sh: "4"}},
		{name: "same-day response", text: "Email us for a same-day response.", want: map[string]string{sh: "24"}},
		{name: "one working day", text: "We aim to answer all emails within one working day.", want: map[string]string{sh: "24"}},
		{name: "smallest of channels", text: "Email: we reply within 24 hours. Live chat: we respond within 2 minutes.", want: map[string]string{sh: "0.03"}},
		{name: "get back to you", text: "Send us a message and we'll get back to you within 48 hours.", want: map[string]string{sh: "48"}},
		{name: "hear from us", text: "You'll hear from us within one business day.", want: map[string]string{sh: "24"}},
		{name: "duration first", text: "Within 12 hours, one of our experts will get back to you.", want: map[string]string{sh: "12"}},
		{name: "24h response", text: "24h response guaranteed.", want: map[string]string{sh: "24"}},
		{name: "response time colon", text: "Average response time: under 2 hours.", want: map[string]string{sh: "2"}},
		{name: "half an hour", text: "We usually reply within half an hour.", want: map[string]string{sh: "0.5"}},
		{name: "range upper", text: "Expect a reply within 24-48 hours.", want: map[string]string{sh: "48"}},
		{name: "next business day", text: "We respond to all enquiries by the next business day.", want: map[string]string{sh: "24"}},
		{name: "ship within not reply", text: "Orders ship within 2 business days.", want: nil},
		{name: "dispatch 24h", text: "In-stock items are dispatched within 24 hours.", want: nil},
		{name: "delivery days", text: "Delivery takes 3-5 business days.", want: nil},
		{name: "refund times", text: "We'll respond with a refund within 5 days.", want: nil},
		{name: "open 24 hours", text: "Our phone line is open 24 hours.", want: nil},
		{name: "24/7 support", text: "24/7 customer support by phone and chat.", want: nil},
		{name: "available hours", text: "Support is available 9am-5pm, Monday to Friday.", want: nil},
		{name: "available and reply", text: "Our team is available Monday to Friday and replies within 4 hours.", want: map[string]string{sh: "4"}},
		{name: "24 hours a day", text: "We answer calls 24 hours a day, 7 days a week.", want: nil},
		{name: "since 1998", text: "Answering your questions since 1998.", want: nil},
		{name: "privacy request 30 days", text: "We will respond to your request within 30 days.", kind: signal.KindPrivacy, want: nil},
		{name: "data request anywhere", text: "We will respond to data access requests within 30 days.", want: nil},
		{name: "review counts", text: "We have answered 5,000 questions.", want: nil},
		{name: "return request response", text: "We respond to return requests within 2 business days.", want: nil},
		{name: "minutes abbrev", text: "Chat replies in under 5 mins.", want: map[string]string{sh: "0.08"}},
		{name: "2hrs", text: "We reply within 2hrs during office hours.", want: map[string]string{sh: "2"}},
	})
}

func TestExtractPriceMatchAndLoyalty(t *testing.T) {
	runCases(t, []extractCase{
		{name: "match any lower price", text: "We'll match any lower price.", want: map[string]string{pm: "true"}},
		{name: "price match guarantee", text: "Shop with confidence with our Price Match Guarantee.", want: map[string]string{pm: "true"}},
		{name: "beat any price", text: "We beat any price!", want: map[string]string{pm: "true"}},
		{name: "found it cheaper", text: "Found it cheaper elsewhere? We'll match it.", want: map[string]string{pm: "true"}},
		{name: "lowest price guarantee", text: "Lowest price guarantee on all TVs.", want: map[string]string{pm: "true"}},
		{name: "we do not price match", text: "We do not offer price matching.", want: map[string]string{pm: "false!"}},
		{name: "dont price match", text: "Sorry, we don't price match.", want: map[string]string{pm: "false!"}},
		{name: "price matching not available", text: "Price matching is not available on sale items.", want: map[string]string{pm: "false!"}},
		{name: "heading then negation", text: "Price match\nWe do not match competitors' prices.", want: map[string]string{pm: "false!"}},
		{name: "price adjustment not match", text: "We do not offer price adjustments.", want: nil},
		{name: "prices shown", text: "All prices include VAT.", want: nil},
		{name: "earn points", text: "Earn points on every purchase.", want: map[string]string{lp: "true"}},
		{name: "join rewards club", text: "Join our rewards club today.", want: map[string]string{lp: "true"}},
		{name: "vip members", text: "VIP members get early access to sales.", want: map[string]string{lp: "true"}},
		{name: "loyalty program", text: "Our loyalty program gives back.", want: map[string]string{lp: "true"}},
		{name: "points per dollar", text: "Get 1 point for every $1 spent.", want: map[string]string{lp: "true"}},
		{name: "redeem points", text: "Redeem your points at checkout.", want: map[string]string{lp: "true"}},
		{name: "member prices", text: "Sign in to see member prices.", want: map[string]string{lp: "true"}},
		{name: "reward yourself fluff", text: "Reward yourself with something special.", want: nil},
		{name: "award winning", text: "Award-winning customer service.", want: nil},
		{name: "pick-up points", text: "Collect your parcel from one of 5,000 pick-up points.", want: nil},
		{name: "team members", text: "Our team members receive ongoing training.", want: nil},
		{name: "no loyalty program", text: "We don't have a loyalty program.", want: map[string]string{lp: "false!"}},
		{name: "rewarding career", text: "Join a rewarding career with us.", want: nil},
	})
}

func TestExtractRating(t *testing.T) {
	runCases(t, []extractCase{
		{name: "rated out of by customers", text: "Rated 4.8 out of 5 by 3,210 customers", want: map[string]string{rv: "4.8", rc: "3210"}},
		{name: "slash from reviews", text: "4.7/5 from 2,315 reviews", want: map[string]string{rv: "4.7", rc: "2315"}},
		{name: "stars parens", text: "4.6 stars (1,204 reviews)", want: map[string]string{rv: "4.6", rc: "1204"}},
		{name: "trustpilot bar", text: "Excellent 4.9 | 12,345 reviews on Trustpilot", want: map[string]string{rv: "4.9", rc: "12345"}},
		{name: "ten scale", text: "Customers rated us 9.2/10", want: map[string]string{rv: "4.6"}},
		{name: "trustscore", text: "TrustScore 4.5 | 980 reviews", want: map[string]string{rv: "4.5", rc: "980"}},
		{name: "count before value", text: "Over 10,000 customers rate us 4.9 out of 5.", want: map[string]string{rv: "4.9", rc: "10000"}},
		{name: "average of", text: "Based on 1,234 reviews, our average rating is 4.7.", want: map[string]string{rv: "4.7", rc: "1234"}},
		{name: "k count", text: "4.8/5 from 12k+ reviews", want: map[string]string{rv: "4.8", rc: "12000"}},
		{name: "parens bare count", text: "Google rating 4.8 (320)", want: map[string]string{rv: "4.8", rc: "320"}},
		{name: "single review quote", text: "★★★★★ \"Great shop, fast delivery!\" — Anna", want: nil},
		{name: "five stars quote", text: "\"I'd give them 5 stars!\" - Mark", want: nil},
		{name: "woo single review", text: "Rated 5 out of 5", want: nil},
		{name: "five star reviews count", text: "Over 10,000 5-star reviews.", want: nil},
		{name: "widget without numbers", text: "★★★★☆", want: nil},
		{name: "percent not rating", text: "98% of customers would recommend us.", want: nil},
		{name: "date not rating", text: "Updated 4/5/2024.", want: nil},
		{name: "company rating preferred", text: "Product: 4.2 stars (12 reviews)\nOur customers rate us 4.8/5 on Trustpilot from 5,210 reviews.", want: map[string]string{rv: "4.8", rc: "5210"}},
		{name: "european decimal", text: "Note moyenne: rated 4,6/5 by 812 customers", want: map[string]string{rv: "4.6", rc: "812"}},
	})
}

func TestExtractMixedPage(t *testing.T) {
	page := strings.Join([]string{
		"Shipping & Returns",
		"Shipping",
		"We offer free standard shipping on all orders over $75. Orders ship within 1-2 business days.",
		"Express shipping is available for $14.95.",
		"Returns",
		"You can return unworn items within 30 days of delivery for a full refund.",
		"Sale items are final sale and cannot be returned.",
		"Return shipping is free with our prepaid label, except for international orders.",
		"Refunds are processed within 5–7 business days after we receive your return.",
		"Warranty",
		"All watches include a 2-year warranty against manufacturing defects.",
		"Contact",
		"Email support@example.com and we'll reply within 24 hours (excluding weekends).",
		"We've been helping customers since 2009 and have 4.8/5 from 2,100 reviews.",
	}, "\n")
	want := map[string]string{rd: "30", fr: "true", fs: "true", fst: "75", wm: "24", sh: "24", rv: "4.8", rc: "2100"}
	got := summary(t, extractText(page, signal.KindReturns))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mixed page mismatch (-want +got):\n%s", diff)
	}
}

// TestExtractRealWorldPhrasings covers phrasings seen on real shops
// (Shopify-style templates, UK/US/EU wording, banners).
func TestExtractRealWorldPhrasings(t *testing.T) {
	runCases(t, []extractCase{
		{name: "policy lasts", text: "Our returns policy lasts 30 days.", want: map[string]string{rd: "30"}},
		{name: "template gone by", text: "If 30 days have gone by since your purchase, unfortunately we can't offer you a refund or exchange.", want: map[string]string{rd: "30"}},
		{name: "template eligibility", text: "To be eligible for a return, your item must be unused and in the same condition that you received it.", want: nil},
		{name: "accept returns minus shipping", text: "We accept returns up to 30 days after delivery, if the item is unused, and we will refund the full order amount minus the shipping costs for the return.", want: map[string]string{rd: "30"}},
		{name: "365 days any reason", text: "You can return your order for any reason within 365 days.", want: map[string]string{rd: "365"}},
		{name: "free returns within 100 days", text: "Free returns within 100 days.", want: map[string]string{rd: "100", fr: "true"}},
		{name: "return or exchange", text: "Return or exchange within 30 days of purchase.", want: map[string]string{rd: "30"}},
		{name: "refunds credited", text: "Refunds will be credited within 10 working days.", want: nil},
		{name: "cooling-off period", text: "We offer a 14-day cooling-off period.", want: map[string]string{rd: "14"}},
		{name: "cannot accept returns after", text: "Please note that we cannot accept returns after 28 days.", want: map[string]string{rd: "28"}},
		{name: "initiated within receipt", text: "Returns must be initiated within 15 days of receipt.", want: map[string]string{rd: "15"}},
		{name: "start your return", text: "Start your return within 30 days.", want: map[string]string{rd: "30"}},
		{name: "purchase date eligible", text: "Returns made within 90 days of the purchase date are eligible for a full refund.", want: map[string]string{rd: "90"}},
		{name: "in store or by mail", text: "Online orders may be returned in store or by mail within 60 days.", want: map[string]string{rd: "60"}},
		{name: "free and easy dash", text: "Returns are free and easy — you have 30 days.", want: map[string]string{rd: "30", fr: "true"}},
		{name: "flat fee deducted", text: "Unfortunately, we don't offer free returns; a flat fee of $7.50 will be deducted from your refund.", want: map[string]string{fr: "false!"}},
		{name: "return postage free UK", text: "Return postage is free for UK customers.", want: map[string]string{fr: "true"}},
		{name: "free returns label", text: "We'll send you a free returns label.", want: map[string]string{fr: "true"}},
		{name: "subject to return shipping fee", text: "All returns are subject to a $10 return shipping fee.", want: map[string]string{fr: "false!"}},
		{name: "guarantee a response", text: "We guarantee a response to all enquiries within 2 hours during business hours.", want: map[string]string{sh: "2"}},
		{name: "responds 1-2 business days", text: "Our friendly team typically responds in 1-2 business days.", want: map[string]string{sh: "48"}},
		{name: "typical response time", text: "Customer service hours: Mon-Fri 8am-8pm EST. Typical response time 4 hours.", want: map[string]string{sh: "4"}},
		{name: "respond 48 hours weekdays", text: "We aim to respond to all emails within 48 hours, Monday to Friday.", want: map[string]string{sh: "48"}},
		{name: "less than an hour", text: "Our customer support team is here 24/7 and will get back to you in less than an hour.", want: map[string]string{sh: "1"}},
		{name: "a few hours", text: "We usually respond within a few hours.", want: nil},
		{name: "answers in minutes", text: "Answers in minutes, not days.", want: nil},
		{name: "UK mainland only", text: "Free delivery on orders over £50 (UK mainland only).", want: map[string]string{fs: "true", fst: "50"}},
		{name: "caps banner", text: "FREE UK DELIVERY OVER £40", want: map[string]string{fs: "true", fst: "40"}},
		{name: "dollar plus", text: "Free Shipping on orders $99+", want: map[string]string{fs: "true", fst: "99"}},
		{name: "or more", text: "Get free shipping on orders of $35 or more.", want: map[string]string{fs: "true", fst: "35"}},
		{name: "euro or more", text: "Free standard delivery when you spend €60 or more.", want: map[string]string{fs: "true", fst: "60"}},
		{name: "prime members 2-day", text: "Free 2-day shipping for Prime members.", want: nil},
		{name: "calculated at checkout", text: "Shipping is calculated at checkout.", want: nil},
		{name: "flat shipping cost", text: "Shipping costs £4.99 for all orders.", want: nil},
		{name: "complimentary shipping", text: "Enjoy complimentary shipping on all orders.", want: map[string]string{fs: "true", fst: "0"}},
		{name: "euro after all orders over", text: "Free shipping on all orders over 75 €", want: map[string]string{fs: "true", fst: "75"}},
		{name: "no minimum order", text: "Free shipping anywhere in the US. No minimum order.", want: map[string]string{fs: "true", fst: "0"}},
		{name: "threshold label", text: "Free shipping threshold: $50", want: map[string]string{fs: "true", fst: "50"}},
		{name: "qualify for free shipping", text: "Orders over $50 qualify for free shipping.", want: map[string]string{fs: "true", fst: "50"}},
		{name: "final sale items", text: "All Sale items are final sale.", want: nil},
		{name: "manufacturer's warranty of", text: "Products are covered by a manufacturer's warranty of 1 year.", want: map[string]string{wm: "12"}},
		{name: "stand behind 10-year", text: "We stand behind our products with a 10-year warranty.", want: map[string]string{wm: "120"}},
		{name: "bare guarantee banner", text: "Backed by our 5 year guarantee", want: nil},
		{name: "2 years warranty plural", text: "This product has a 2 years warranty.", want: map[string]string{wm: "24"}},
		{name: "warranty period colon months", text: "Warranty period: 36 months", want: map[string]string{wm: "36"}},
		{name: "stars from happy customers", text: "4.9 out of 5 stars from 1,000+ happy customers", want: map[string]string{rv: "4.9", rc: "1000"}},
		{name: "star symbol k reviews", text: "Our customers love us: 4.7 ★ on Google (2.3k reviews)", want: map[string]string{rv: "4.7", rc: "2300"}},
		{name: "trustpilot rating parens", text: "Trustpilot rating: 4.6/5 (8,912 reviews)", want: map[string]string{rv: "4.6", rc: "8912"}},
		{name: "five-star review count only", text: "Over 50,000 five-star reviews", want: nil},
		{name: "collect stamps scheme", text: "Our loyalty scheme lets you collect stamps.", want: map[string]string{lp: "true"}},
		{name: "newsletter discount", text: "Sign up for our newsletter and get 10% off.", want: nil},
		{name: "unlock exclusive rewards", text: "Become a member and unlock exclusive rewards.", want: map[string]string{lp: "true"}},
		{name: "price match promise difference", text: "Price match promise: if you find it cheaper, we'll refund the difference.", want: map[string]string{pm: "true"}},
		{name: "beat competitor price", text: "We will beat any competitor's price by 10%.", want: map[string]string{pm: "true"}},
		{name: "dont offer free shipping at the moment", text: "Sorry, we don't offer free shipping at the moment.", want: map[string]string{fs: "false!"}},
	})
}

func TestReadingEase(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		min, max float64
	}{
		{name: "empty", text: "", min: 0, max: 0},
		{name: "very plain", text: "The cat sat on the mat. It was a good day.", min: 90, max: 100},
		{name: "plain policy", text: "You can send it back in 30 days. We pay for the post.", min: 80, max: 100},
		{name: "legalese", text: "Notwithstanding the foregoing, the purchaser acknowledges that any indemnification obligations shall survive termination of this agreement.", min: 0, max: 20},
		{name: "headings count as sentences", text: "Returns\nShipping\nWarranty", min: 0, max: 100},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ReadingEase(tc.text)
			if got < tc.min || got > tc.max {
				t.Errorf("ReadingEase(%q) = %.1f, want in [%v, %v]", tc.text, got, tc.min, tc.max)
			}
		})
	}
	// The formula itself, on a text whose counts are known: 2 sentences, 9
	// words, 11 syllables ("The cat sat on the mat. Returns are easy.").
	want := 206.835 - 1.015*9/2 - 84.6*11/9
	if got := ReadingEase("The cat sat on the mat. Returns are easy."); got < want-0.01 || got > want+0.01 {
		t.Errorf("formula: got %.3f, want %.3f", got, want)
	}
}

func TestSyllableCount(t *testing.T) {
	tests := map[string]int{
		"cat": 1, "make": 1, "table": 2, "returns": 2, "shipped": 1, "needed": 2, "boxes": 2,
		"easy": 2, "warranty": 3, "indemnification": 6, "30": 0, "the": 1, "purchase": 2,
	}
	got := map[string]int{}
	for w := range tests {
		got[w] = syllableCount(w)
	}
	if diff := cmp.Diff(tests, got); diff != "" {
		t.Errorf("syllableCount mismatch (-want +got):\n%s", diff)
	}
}

func TestSentencesOf(t *testing.T) {
	doc := textDoc(`<body><h1>Help</h1><p>Rated 4.8 out of 5. Orders over $49.99 ship free! See e.g. our FAQ. Open 9 a.m. to 5 p.m. We reply fast?</p>
<h2>Warranty</h2><p>3 years</p><dl><dt>Return window</dt><dd>30 days</dd></dl>
<table><tr><th>Plan</th><th>Response time</th></tr><tr><td>Pro</td><td>4 hours</td></tr></table>
<p>Edit this text to describe your return policy.</p><p>For example: returns within 30 days.</p></body>`)
	var got []string
	for _, s := range sentencesOf(doc) {
		got = append(got, s.orig+" | head="+s.head+" ctx="+s.ctx)
	}
	want := []string{
		"Help | head= ctx=",
		"Rated 4.8 out of 5. | head=help ctx=", "Orders over $49.99 ship free! | head=help ctx=", "See e.g. our FAQ. | head=help ctx=",
		"Open 9 a.m. to 5 p.m. | head=help ctx=", "We reply fast? | head=help ctx=",
		"Warranty | head=help ctx=", "3 years | head=warranty ctx=", "Warranty: 3 years | head=warranty ctx=",
		"Return window | head=warranty ctx=", "30 days | head=warranty ctx=return window", "Return window: 30 days | head=warranty ctx=return window",
		"Pro | head=warranty ctx=plan", "Plan: Pro | head=warranty ctx=plan", "4 hours | head=warranty ctx=response time", "Response time (Pro): 4 hours | head=warranty ctx=response time",
		"Edit this text to describe your return policy. | head=warranty ctx=", "For example: returns within 30 days. | head=warranty ctx=",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sentencesOf mismatch (-want +got):\n%s", diff)
	}
	// The template's instruction and its example state nothing.
	for _, c := range Extract(doc, "returns") {
		if strings.Contains(c.Snippet, "example") || strings.Contains(c.Snippet, "Edit this") {
			t.Errorf("a template's instruction or example gave %+v", c)
		}
	}
}

func TestParseAmount(t *testing.T) {
	tests := map[string]float64{
		"50": 50, "49.99": 49.99, "49,99": 49.99, "1,000": 1000, "1.234,50": 1234.5, "1,234.50": 1234.5, "1.000": 1000,
	}
	got := map[string]float64{}
	for s := range tests {
		v, ok := parseAmount(s)
		if !ok {
			t.Errorf("parseAmount(%q) failed", s)
		}
		got[s] = v
	}
	if diff := cmp.Diff(tests, got); diff != "" {
		t.Errorf("parseAmount mismatch (-want +got):\n%s", diff)
	}
}

func TestFindDurations(t *testing.T) {
	type d struct {
		N      float64
		Unit   string
		Ranged bool
	}
	tests := map[string][]d{
		"thirty (30) days":       {{30, "day", false}},
		"twenty-one days":        {{21, "day", false}},
		"a fortnight":            {{1, "fortnight", false}},
		"half an hour":           {{0.5, "hour", false}},
		"5-7 business days":      {{7, "day", true}},
		"five to seven days":     {{7, "day", true}},
		"between 5 and 7 days":   {{7, "day", true}},
		"one or two days":        {{2, "day", true}},
		"24h":                    {{24, "hour", false}},
		"30days":                 {{30, "day", false}},
		"a 30-day window":        {{30, "day", false}},
		"1 ½ hours":              {{1.5, "hour", false}},
		"a hundred nights":       {{100, "night", false}},
		"happy birthday":         nil,
		"every day":              nil,
		"2 years and 6 months":   {{2, "year", false}, {6, "month", false}},
		"within one working day": {{1, "day", false}},
	}
	for in, want := range tests {
		var got []d
		for _, x := range findDurations(in) {
			got = append(got, d{x.n, x.unit, x.ranged})
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("findDurations(%q) mismatch (-want +got):\n%s", in, diff)
		}
	}
}
