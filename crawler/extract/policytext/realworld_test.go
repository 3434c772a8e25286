package policytext

import (
	"testing"

	"github.com/cxbench/cxbench/signal"
)

// Classes of real-world text the extraction issue names, in wordings of
// our own.
func TestExtractRealWorldClasses(t *testing.T) {
	runCases(t, []extractCase{
		// Platform template pages: instructions and placeholders are not policy.
		{name: "template placeholder window", kind: signal.KindReturns,
			text: "We have a [NUMBER]-day return policy, which means you have [NUMBER] days after receiving your item to request a return.",
			want: nil},
		{name: "template instruction beside real policy", kind: signal.KindReturns,
			text: "<h1>Refund policy</h1><p>Edit this text in your store admin to describe your return policy. For example: customers may return items within 14 days.</p><p>You can return unworn items within 30 days of delivery.</p>",
			want: map[string]string{rd: "30"}},
		{name: "lorem ipsum policy", kind: signal.KindShipping,
			text: "Lorem ipsum dolor sit amet, free shipping on orders over $50 consectetur adipiscing elit.",
			want: nil},
		{name: "x days placeholder", kind: signal.KindReturns,
			text: "Items can be returned within XX days of purchase.", want: nil},
		// Free returns only for exchanges or store credit.
		{name: "free only for exchanges", kind: signal.KindReturns,
			text: "Exchanges are free. For refunds to your original payment method, a $6.95 return shipping fee is deducted from your refund.",
			want: map[string]string{fr: "false!"}},
		{name: "free returns for store credit only", kind: signal.KindReturns,
			text: "Free returns when you choose store credit. Refunds to card cost $5.",
			want: map[string]string{fr: "false!"}},
		// Return costs, phrased many ways.
		{name: "restock fee", kind: signal.KindReturns,
			text: "A 15% restock fee applies to all returns.", want: map[string]string{fr: "false!"}},
		{name: "buyer responsible for return shipping", kind: signal.KindReturns,
			text: "Buyer is responsible for return shipping costs.", want: map[string]string{fr: "false!"}},
		{name: "postage costs covered by you", kind: signal.KindReturns,
			text: "Return postage costs are covered by you unless the item is faulty.", want: map[string]string{fr: "false!"}},
		{name: "not covered by the shop", kind: signal.KindReturns,
			text: "The cost of sending items back is not covered by Brightlane.", want: map[string]string{fr: "false!"}},
		{name: "deducted from refund", kind: signal.KindReturns,
			text: "A return label fee of £3.50 will be deducted from your refund.", want: map[string]string{fr: "false!"}},
		// Trial periods in nights.
		{name: "100-night trial", kind: signal.KindReturns,
			text: "Every mattress comes with a 100-night trial. Not in love? We'll pick it up and refund you.", want: map[string]string{rd: "100"}},
		// Statutory cancellation windows.
		{name: "cancel up to 14 days after receiving", kind: signal.KindTerms,
			text: "You may cancel your order up to 14 days after receiving your goods and get a full refund.", want: map[string]string{rd: "14"}},
		{name: "statutory window beside the shop's", kind: signal.KindReturns,
			text: "You have a statutory right to withdraw within 14 days. On top of that, you can return items within 30 days.", want: map[string]string{rd: "30"}},
		{name: "statutory window larger than the shop's is no return window", kind: signal.KindTerms,
			text: "<h2>Right of withdrawal</h2><p>You may withdraw from the contract within 14 days of receipt.</p><h2>Returns</h2><p>Returns are accepted within 7 days.</p>", want: map[string]string{rd: "7"}},
		{name: "order cancellation is no window", kind: signal.KindTerms,
			text: "You can cancel your order within 30 minutes of placing it.", want: nil},
		// Reply promises.
		{name: "allow up to 2 business days", kind: signal.KindContact,
			text: "Please allow up to 2 business days for a response.", want: map[string]string{sh: "48"}},
		{name: "typically replies within a few hours is no promise", kind: signal.KindContact,
			text: "Our team typically replies within a few hours.", want: nil},
		// Exclusion lists.
		{name: "apart from exclusion", kind: signal.KindReturns,
			text: "All items apart from swimwear and earrings can be returned within 60 days.", want: map[string]string{rd: "60"}},
		{name: "beside exclusion", kind: signal.KindReturns,
			text: "Beside gift cards and personalised items, everything can be returned within 45 days.", want: map[string]string{rd: "45"}},
		// A price-match page naming others' membership programmes.
		{name: "others' membership prices", kind: signal.KindOther,
			text: "<h1>Price match guarantee</h1><p>We match any lower advertised price. We don't match Costco or Amazon Prime member prices, or warehouse club membership pricing.</p>",
			want: map[string]string{pm: "true"}},
		// Classes found by the second blind round, in our own words.
		{name: "destination-limited refusal is special", kind: signal.KindShipping,
			text: "Free standard delivery on UK orders over £40. We don't offer free delivery to Ireland or the Channel Islands.",
			want: map[string]string{fs: "true", fst: "40"}},
		{name: "shipping charged on every order", kind: signal.KindShipping,
			text: "<h1>Delivery</h1><p>Delivery is charged on every order, from $9.95.</p><p>Free pickup from our warehouse.</p>",
			want: map[string]string{fs: "false!"}},
		{name: "a threshold named is no offer", kind: signal.KindShipping,
			text: "Some remote postcodes pay a surcharge; the free delivery threshold still applies.", want: nil},
		{name: "membership page perks are special", kind: signal.KindOther,
			text: "<h1>Club Plus membership</h1><p>Our membership costs $39 a year. Members get:</p><ul><li>Free express shipping on every order</li><li>90-day returns</li></ul>",
			want: map[string]string{lp: "true"}},
		{name: "inspection time is no window", kind: signal.KindReturns,
			text: "<details><summary>How do I return a faulty part?</summary><p>Send it to us and we'll test it within 3 business days of receiving it.</p></details>",
			want: nil},
		{name: "equipment returned when the service ends", kind: signal.KindOther,
			text: "When your contract ends, the modem must be returned within 30 days, or a £60 non-return charge applies.", want: nil},
		{name: "a non-return charge is no return cost", kind: signal.KindReturns,
			text: "Send it back in the prepaid returns bag we include; a non-return fee of £40 applies only if you keep it.",
			want: map[string]string{fr: "true"}},
		{name: "returns cost nothing", kind: signal.KindReturns,
			text: "Drop it at any store or book a courier – returns cost you nothing either way.", want: map[string]string{fr: "true"}},
		{name: "seller's own policy on a marketplace listing is special", kind: signal.KindProduct,
			text: "<h2>This seller's policies</h2><p>Returns accepted within 14 days of delivery.</p><p>Free UK delivery from this seller.</p>",
			want: nil},
		{name: "perishable goods: the shop's refusal", kind: signal.KindReturns,
			text: "Our cakes are perishable, so we're unable to accept returns or exchanges.", want: map[string]string{rd: "0!"}},
		{name: "perishable items only", kind: signal.KindReturns,
			text: "Perishable items cannot be returned. Everything else can be returned within 30 days.", want: map[string]string{rd: "30"}},
		{name: "a date is no holiday window", kind: signal.KindReturns,
			text: "Policy updated January 2026: items may be returned within 21 days of delivery.", want: map[string]string{rd: "21"}},
		{name: "holiday purchases are special", kind: signal.KindReturns,
			text: "Items bought between 1 November and 24 December can be returned until 31 January. Otherwise, returns within 30 days.",
			want: map[string]string{rd: "30"}},
		{name: "long legal warranty sentence", kind: signal.KindTerms,
			text: "Supplier warrants that all goods supplied will conform to the Supplier's published specifications and will be free from defects in materials and workmanship for a period of six (6) months from delivery.",
			want: map[string]string{wm: "6"}},
		// Ratings whose count stands apart.
		{name: "count in its own block", kind: signal.KindReviews,
			text: "<h1>Acme</h1><p>Reviews 9,870</p><p>TrustScore 4.1 out of 5</p>", want: map[string]string{rv: "4.1", rc: "9870"}},
		{name: "count block after the score", kind: signal.KindReviews,
			text: "<p>Excellent 4.6 out of 5</p><p>2,310 reviews</p>", want: map[string]string{rv: "4.6", rc: "2310"}},
		{name: "two count blocks pair with nothing", kind: signal.KindReviews,
			text: "<p>Rated 4.6 out of 5</p><p>210 reviews</p><p>95 reviews</p>", want: map[string]string{rv: "4.6"}},
		{name: "employees' rating is no customer rating", kind: signal.KindOther,
			text: "Rated 3.9 out of 5 by 210 employees on Glassdoor.", want: nil},
		// Long headings and inline spans.
		{name: "long heading decides nothing special", kind: signal.KindReturns,
			text: "<h2>Changed your mind about something you bought from us online or in one of our stores?</h2><p>Bring it back within <span>30</span> <span>days</span> for a refund.</p>",
			want: map[string]string{rd: "30"}},
		{name: "sale heading makes a window special", kind: signal.KindReturns,
			text: "<h2>Standard returns</h2><p>Return within 30 days.</p><h2>Final sale and clearance items</h2><p>Returns accepted within 60 days for store credit.</p>",
			want: map[string]string{rd: "30"}},
		{name: "a menu item is no section heading", kind: signal.KindReturns,
			text: "<nav><ul><li>Sale</li><li>Clearance</li></ul></nav><main><h1>Returns</h1><p>Return anything within 90 days.</p></main>",
			want: map[string]string{rd: "90"}},
		{name: "banner is no main statement", kind: signal.KindShipping,
			text: `<div class="announcement-bar">Free shipping on all orders!</div><main><h1>Shipping</h1><p>Standard shipping costs $4.95. We do not offer free shipping.</p></main>`,
			want: map[string]string{fs: "false!"}},
	})
}
