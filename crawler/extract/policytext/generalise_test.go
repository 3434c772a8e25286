package policytext

import (
	"testing"

	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

// The tests below cover phrasing families found by a corpus written blind
// to the rules: each family in several wordings, with near-misses that
// must not trigger.

func TestExtractReturnCostBorneByCustomer(t *testing.T) {
	runCases(t, []extractCase{
		{name: "postage costs are the responsibility of the shopper", kind: signal.KindReturns,
			text: "Postage costs for returned parcels are the responsibility of the shopper, unless the item is faulty.",
			want: map[string]string{fr: "false!"}},
		{name: "return carriage borne by the purchaser",
			text: "Return carriage charges shall be borne by the purchaser.",
			want: map[string]string{fr: "false!"}},
		{name: "the client bears the cost of returning", kind: signal.KindReturns,
			text: "The client bears the cost of returning the goods to our warehouse.",
			want: map[string]string{fr: "false!"}},
		{name: "you will need to pay for return postage",
			text: "You'll need to pay for the return postage yourself when you change your mind.",
			want: map[string]string{fr: "false!"}},
		{name: "consumers cover the full return shipping cost",
			text: "Consumers cover the full return shipping cost for unwanted items.",
			want: map[string]string{fr: "false!"}},
		{name: "return delivery is at the buyer's own expense",
			text: "Return delivery is at the buyer's own expense.",
			want: map[string]string{fr: "false!"}},
		{name: "the cost of posting items back is your responsibility",
			text: "The cost of posting items back to us is your responsibility.",
			want: map[string]string{fr: "false!"}},
		{name: "shipping for returns is paid by the sender",
			text: "Shipping for returns is paid by the sender.",
			want: map[string]string{fr: "false!"}},
		{name: "return freight costs are met by the customer",
			text: "Return freight costs will be met by the customer in full.",
			want: map[string]string{fr: "false!"}},
		{name: "responsible for the cost of sending your return",
			text: "Shoppers are responsible for the cost of sending their return to us.",
			want: map[string]string{fr: "false!"}},
		{name: "you foot the bill for shipping goods back",
			text: "You foot the bill for shipping goods back to the studio.",
			want: map[string]string{fr: "false!"}},
		{name: "we do not cover return postage",
			text: "We do not cover return postage costs.",
			want: map[string]string{fr: "false!"}},
		{name: "exemption for faulty goods does not make returns free", kind: signal.KindReturns,
			text: "Return shipping fees are covered by the customer, except where the goods arrived damaged.\nWe pay return postage for faulty items.",
			want: map[string]string{fr: "false!"}},
		// Near-misses.
		{name: "seller pays return postage",
			text: "Return postage is the responsibility of the seller.",
			want: map[string]string{}},
		{name: "customer is not responsible for return costs",
			text: "The customer is not responsible for any return shipping costs.",
			want: map[string]string{}},
		{name: "packing duty is not a cost", kind: signal.KindReturns,
			text: "You are responsible for packing your return securely.",
			want: map[string]string{}},
		{name: "return shipping charges refunded",
			text: "Return shipping charges are refunded to you once the item is back with us.",
			want: map[string]string{}},
		{name: "paying for express shipping is not paying for returns",
			text: "Customers who pay for express shipping can still return items.",
			want: map[string]string{}},
		{name: "we cover return postage is free returns",
			text: "Return postage is covered by us.",
			want: map[string]string{fr: "true"}},
	})
}

func TestExtractRatingCountNouns(t *testing.T) {
	runCases(t, []extractCase{
		{name: "by N guests", text: "Rated 4.6 out of 5 by 1,904 guests",
			want: map[string]string{rv: "4.6", rc: "1904"}},
		{name: "by over N happy parents", text: "Rated 4.9/5 by over 7,250 happy parents.",
			want: map[string]string{rv: "4.9", rc: "7250"}},
		{name: "by N members", text: "Our club is rated 4.7 out of 5 by 815 members.",
			want: map[string]string{rv: "4.7", rc: "815"}},
		{name: "based on N ratings", text: "4.3 out of 5, based on 642 ratings",
			want: map[string]string{rv: "4.3", rc: "642"}},
		{name: "count in brackets", text: "Average 4.4 out of 5 (2,118 reviews)",
			want: map[string]string{rv: "4.4", rc: "2118"}},
		{name: "from N verified reviews", text: "4.8 stars from 930 verified reviews",
			want: map[string]string{rv: "4.8", rc: "930"}},
		{name: "k suffix lower case", text: "Rated 4.5 out of 5 from 3.4k reviews",
			want: map[string]string{rv: "4.5", rc: "3400"}},
		{name: "K suffix upper case", text: "4.1/5 · 2K ratings",
			want: map[string]string{rv: "4.1", rc: "2000"}},
		{name: "adjective before reviews", text: "4.2 out of 5 stars, 87 written reviews",
			want: map[string]string{rv: "4.2", rc: "87"}},
		{name: "stars then a count", text: "4.5 out of 5 stars 318 global ratings",
			want: map[string]string{rv: "4.5", rc: "318"}},
		// Near-misses: no count.
		{name: "by a year is no count", text: "Rated 4.5 out of 5 by 2024 standards",
			want: map[string]string{rv: "4.5"}},
		{name: "by N years is no count", text: "Rated 4.4 out of 5, up by 2 points this year",
			want: map[string]string{rv: "4.4"}},
		{name: "time span before reviews is no count", text: "Rated 4.6 out of 5 over 30 days of reviews",
			want: map[string]string{rv: "4.6"}},
	})
}

func TestExtractThresholdBeatsFootnote(t *testing.T) {
	runCases(t, []extractCase{
		{name: "footnote about the delivery area", kind: signal.KindShipping,
			text: "Free ground shipping on orders over $60*\n*Free ground shipping is available for addresses in the lower 48 states.",
			want: map[string]string{fs: "true", fst: "60"}},
		{name: "footnote about excluded goods", kind: signal.KindShipping,
			text: "Free delivery when you spend £35+\nFree delivery excludes furniture and oversized items.",
			want: map[string]string{fs: "true", fst: "35"}},
		{name: "explicit all orders still wins",
			text: "Free shipping over $50.\nThis month, free shipping on every order.",
			want: map[string]string{fs: "true", fst: "0"}},
		{name: "plain statement alone is 0",
			text: "We are happy to offer free standard delivery to our customers.",
			want: map[string]string{fs: "true", fst: "0"}},
		{name: "fee below an order value gives the threshold",
			text: "Enjoy free tracked delivery to your door.\nBaskets under €40 are charged €4.50 for delivery.",
			want: map[string]string{fs: "true", fst: "40"}},
		{name: "fee named below an order value", kind: signal.KindShipping,
			text: "Delivery is free of charge.\nA small delivery fee applies to orders below £25.",
			want: map[string]string{fs: "true", fst: "25"}},
		// Near-misses.
		{name: "a fee below an order value alone is not free shipping",
			text: "Orders under $30 ship for a flat $5.95.",
			want: map[string]string{}},
		{name: "weight is not an order value",
			text: "We offer free shipping.\nParcels under 2 kg ship for $4.95.",
			want: map[string]string{fs: "true", fst: "0"}},
		{name: "international fee below a value is another service",
			text: "We offer free shipping.\nInternational orders under $100 ship for $25.",
			want: map[string]string{fs: "true", fst: "0"}},
	})
}

func TestExtractFreeDeliveryWording(t *testing.T) {
	runCases(t, []extractCase{
		{name: "free with a product word between", text: "Free router delivery with every broadband plan.",
			want: map[string]string{fs: "true"}},
		{name: "free doorstep delivery", text: "We offer free doorstep delivery.",
			want: map[string]string{fs: "true", fst: "0"}},
		{name: "next-day on all orders", text: "Free next-day delivery on all orders.",
			want: map[string]string{fs: "true", fst: "0"}},
		{name: "delivered free", text: "Your new phone is delivered free, usually within two working days.",
			want: map[string]string{fs: "true", fst: "0"}},
		{name: "sent free above a spend", text: "Orders are sent free to anyone who spends over $75.",
			want: map[string]string{fs: "true", fst: "75"}},
		{name: "delivery on the house", text: "Delivery is on the house for every order.",
			want: map[string]string{fs: "true", fst: "0"}},
		{name: "no charge for delivery", text: "There is no charge for delivery within the city.",
			want: map[string]string{fs: "true", fst: "0"}},
		{name: "shipping at no extra cost", text: "Standard shipping comes at no extra cost.",
			want: map[string]string{fs: "true", fst: "0"}},
		{name: "we deliver for free", text: "We deliver for free to any address in Ireland.",
			want: map[string]string{fs: "true", fst: "0"}},
		{name: "complimentary mainland delivery", text: "Complimentary UK mainland delivery.",
			want: map[string]string{fs: "true", fst: "0"}},
		// Near-misses.
		{name: "next-day only is not standard", text: "Free next-working-day courier delivery when you order by 2pm.",
			want: map[string]string{}},
		{name: "free gift on delivery", text: "Free gift with delivery of any mattress.",
			want: map[string]string{}},
		{name: "free assembly on delivery", text: "Free assembly on delivery of any wardrobe.",
			want: map[string]string{}},
		{name: "free click and collect", text: "Free click and collect delivery.",
			want: map[string]string{}},
		{name: "member-only free express", text: "Free express delivery for members.",
			want: map[string]string{}},
		{name: "limited negation stays special", text: "Free shipping over $40.\nFree delivery is not available on sale items.",
			want: map[string]string{fs: "true", fst: "40"}},
	})
}

func TestExtractStatutoryGuarantee(t *testing.T) {
	runCases(t, []extractCase{
		{name: "legal guarantee of conformity", text: "Every purchase is protected by a two-year legal guarantee of conformity.",
			want: map[string]string{wm: "24"}},
		{name: "statutory guarantee of N years", text: "Consumers enjoy the statutory guarantee of 3 years on all appliances.",
			want: map[string]string{wm: "36"}},
		{name: "guaranteed against defects for N months", text: "Each lamp is guaranteed against defects for 18 months.",
			want: map[string]string{wm: "18"}},
		{name: "legal warranty lasts from delivery", text: "The legal warranty of conformity lasts 2 years from delivery.",
			want: map[string]string{wm: "24"}},
		{name: "guarantee against non-conformity", text: "You have a 24-month guarantee against non-conformity under consumer law.",
			want: map[string]string{wm: "24"}},
		// Near-misses.
		{name: "money-back guarantee is a return window", text: "Shop with a 60-day money-back guarantee.",
			want: map[string]string{rd: "60"}},
		{name: "claim period under the legal guarantee", text: "Claims under the legal guarantee must be made within 2 months of noticing the fault.",
			want: map[string]string{}},
		{name: "bare guarantee off a warranty page", text: "All products come with a 2 year guarantee.",
			want: map[string]string{}},
		{name: "delivery guarantee", text: "Guaranteed delivery within 2 days.",
			want: map[string]string{}},
	})
}

func TestExtractRatingScope(t *testing.T) {
	tests := []struct {
		name             string
		text             string
		value            float64
		company, several bool
	}{
		{name: "company cue", text: "Shoppers rate our service 4.7 out of 5 on Trustpilot.", value: 4.7, company: true},
		{name: "uncued count-less stars", text: "Rated 4.67 out of 5", value: 4.67},
		{name: "two counted ratings make a listing",
			text: "Oak tray: 4.5 out of 5 (120 reviews)\nLinen throw\n4.8 out of 5 (45 reviews)", value: 4.5, several: true},
		{name: "count-less card stars beside a counted rating",
			text: "Rated 4.8 out of 5 by 5,120 gardeners\nRake Rated 4.1 out of 5 $25", value: 4.8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got *Candidate
			fs := extractText(tc.text, signal.KindHome)
			for i := range fs {
				if fs[i].Signal == rv {
					got = &fs[i]
				}
			}
			if got == nil {
				t.Fatalf("Extract(%q): no rating", tc.text)
			}
			v, _ := got.Value.Float()
			type scope struct {
				Value            float64
				Company, Several bool
			}
			if diff := cmp.Diff(scope{tc.value, tc.company, tc.several}, scope{v, got.Company, got.Several}); diff != "" {
				t.Errorf("Extract(%q) rating (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}
