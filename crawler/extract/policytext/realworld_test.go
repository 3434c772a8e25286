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
