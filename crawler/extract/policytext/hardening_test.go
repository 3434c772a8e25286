package policytext

import (
	"testing"

	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

// Questions are not evidence; a yes/no answer right after one is.
func TestExtractQuestionsAndAnswers(t *testing.T) {
	runCases(t, []extractCase{
		{name: "bare price match question", text: "Can I get a price match?", want: nil},
		{name: "question then negative answer", text: "Will you match a competitor's price?\nSorry, we don't match competitors' prices.", want: map[string]string{pm: "false!"}},
		{name: "question then plain no", text: "Do you price match?\nNo.", want: map[string]string{pm: "false!"}},
		{name: "question then plain yes", text: "Is there a price match guarantee?\nYes - just send us the link.", want: map[string]string{pm: "true"}},
		{name: "loyalty question alone", text: "Is there a loyalty card?", want: nil},
		{name: "loyalty question not at the moment", text: "Do you run a points scheme?\nNot at the moment, but subscribers hear about member-only events first.", want: map[string]string{lp: "false!"}},
		{name: "loyalty question unfortunately not", text: "Is there a VIP club?\nUnfortunately not.", want: map[string]string{lp: "false!"}},
		{name: "loyalty question answered with the programme", text: "Do you reward regular customers?\nWe do! Collect points with every order and swap them for vouchers.", want: map[string]string{lp: "true"}},
		{name: "free returns question alone", text: "Are free returns available on sale items?", want: nil},
		{name: "free shipping question then yes", text: "Do you offer free shipping?\nYes, on every order within the UK.", want: map[string]string{fs: "true", fst: "0"}},
		{name: "free shipping question then no", text: "Is delivery free?\nNo, a flat $6 fee applies.", want: map[string]string{fs: "false!"}},
		{name: "rhetorical question then statement", text: "Changed your mind? Send it back within 45 days for a full refund.", want: map[string]string{rd: "45"}},
		{name: "question with a following unrelated answer", text: "Do you price match?\nWe review our prices every week.", want: nil},
		{name: "yes inside a word is no answer", text: "Do you price match?\nYesterday's prices are not honoured.", want: nil},
	})
}

// "No." and "Yes." answer; they are not abbreviations and do not negate
// what follows.
func TestExtractOneWordAnswers(t *testing.T) {
	runCases(t, []extractCase{
		{name: "no then free returns", text: "Will I pay to send things back?\nNo. Returning is free: we email you a prepaid label.", want: map[string]string{fr: "true"}},
		{name: "no comma then free returns", text: "Any fee for returns?\nNo, returns are free of charge.", want: map[string]string{fr: "true"}},
		{name: "yes then return costs", text: "Do I pay for returns?\nYes. Return shipping is $4.50.", want: map[string]string{fr: "false!"}},
		{name: "no then no free shipping", text: "No. We do not offer free shipping.", want: map[string]string{fs: "false!"}},
		{name: "dash answer", text: "Is there a catch? No - free returns, always.", want: map[string]string{fr: "true"}},
	})
}

func TestSplitLineAnswers(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"no then capital", "No. Returns are free.", []string{"No.", "Returns are free."}},
		{"yes then capital", "Yes. We ship abroad.", []string{"Yes.", "We ship abroad."}},
		{"number abbreviation", "See item No. 12 for details.", []string{"See item No. 12 for details."}},
		{"model number with letters", "Model No. X200 has a warranty.", []string{"Model No. X200 has a warranty."}},
		{"lower-case after no", "Total no. of items is shown.", []string{"Total no. of items is shown."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, splitLine(tc.in)); diff != "" {
				t.Errorf("splitLine(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

// Separators are clause boundaries and a duration belongs to the topic
// noun next to it.
func TestExtractClauseAttachment(t *testing.T) {
	runCases(t, []extractCase{
		{name: "dot banner", text: "Free delivery from 49 € · 60 days free returns · 2-year warranty",
			want: map[string]string{rd: "60", fr: "true", fs: "true", fst: "49", wm: "24"}},
		{name: "pipe banner", text: "30-day returns | 1 year warranty | Free UK shipping over £40",
			want: map[string]string{rd: "30", wm: "12", fs: "true", fst: "40"}},
		{name: "bullet banner", text: "Free returns within 100 days • Lifetime guarantee against defects",
			want: map[string]string{rd: "100", fr: "true", wm: "1200"}},
		{name: "comma list warranty after returns", text: "Returns within 30 days, warranty of 2 years.", want: map[string]string{rd: "30", wm: "24"}},
		{name: "warranty first then return", text: "Every clock has a 5-year warranty and 45 days to return it.", want: map[string]string{rd: "45", wm: "60"}},
		{name: "brand warranty", text: "All kettles come with a 3-year Brewmaster warranty.", want: map[string]string{wm: "36"}},
		{name: "brand warranty with modifier", text: "Includes a 2-year Nordlys limited warranty.", want: map[string]string{wm: "24"}},
		{name: "claim deadline is not a warranty", text: "You have 30 days to claim the warranty after a fault appears.", want: nil},
		{name: "money-back guarantee stays a return window", text: "Try it with our 60-day money-back guarantee.", want: map[string]string{rd: "60"}},
	})
}

// Tables and definition lists: rows pair as label/value, a value cell is
// read with its label and its column header.
func TestExtractTables(t *testing.T) {
	runCases(t, []extractCase{
		{name: "general window beside a category window", kind: signal.KindReturns,
			text: `<table><tr><th>Items</th><th>Return period</th></tr><tr><td>Most items</td><td>45 days from purchase</td></tr>` +
				`<tr><td>Opened electronics</td><td>10 days from purchase</td></tr></table>`,
			want: map[string]string{rd: "45"}},
		{name: "larger window only for holiday orders", kind: signal.KindReturns,
			text: `<h2>Return windows</h2><table><tr><td>Standard orders</td><td>30 days after delivery</td></tr>` +
				`<tr><td>Holiday orders</td><td>60 days after delivery</td></tr></table>`,
			want: map[string]string{rd: "30"}},
		{name: "value row does not borrow the next label", kind: signal.KindReturns,
			text: `<table><tr><th></th><th>Window</th></tr><tr><td>Everything else</td><td>21 days of receipt</td></tr>` +
				`<tr><td>Return shipping</td><td>We pay it.</td></tr></table>`,
			want: map[string]string{rd: "21"}},
		{name: "sla table with response column", kind: signal.KindContact,
			text: `<table><thead><tr><th>Priority</th><th>First response</th></tr></thead><tbody>` +
				`<tr><td>Urgent - site down</td><td>30 minutes</td></tr><tr><td>Normal</td><td>4 hours</td></tr></tbody></table>`,
			want: map[string]string{sh: "0.5"}},
		{name: "delivery table is not a reply time", kind: signal.KindContact,
			text: `<table><tr><th>Service</th><th>Delivery time</th></tr><tr><td>Express</td><td>1 day</td></tr>` +
				`<tr><td>Standard</td><td>3 days</td></tr></table>`,
			want: nil},
		{name: "response column beside a dispatch column", kind: signal.KindContact,
			text: `<table><tr><th>Channel</th><th>Response time</th><th>Dispatch time</th></tr>` +
				`<tr><td>In stock items</td><td>-</td><td>2 days</td></tr></table>`,
			want: nil},
		{name: "definition list", kind: signal.KindReturns,
			text: `<dl><dt>Return window</dt><dd>30 days</dd><dt>Refunds</dt><dd>Within 5 business days</dd></dl>`,
			want: map[string]string{rd: "30"}},
		{name: "shipping rate table with a free cell", kind: signal.KindShipping,
			text: `<h2>Delivery rates</h2><table><tr><th>Order value</th><th>Standard</th><th>Express</th></tr>` +
				`<tr><td>Under £50</td><td>£3.95</td><td>£7.95</td></tr><tr><td>£50 and over</td><td>Free</td><td>£5.95</td></tr></table>`,
			want: map[string]string{fs: "true", fst: "50"}},
		{name: "free express cell only is special", kind: signal.KindShipping,
			text: `<table><caption>Shipping options</caption><tr><th>Method</th><th>Cost</th></tr>` +
				`<tr><td>Standard</td><td>$5.95</td></tr><tr><td>Express for members</td><td>Free</td></tr></table>`,
			want: nil},
		{name: "free click and collect is no free shipping", kind: signal.KindShipping,
			text: `<table><caption>Delivery options</caption><tr><th>Option</th><th>Price</th></tr>` +
				`<tr><td>Home delivery</td><td>€4.95</td></tr><tr><td>Click &amp; collect</td><td>Free</td></tr></table>`,
			want: nil},
		{name: "free cell in a range row", kind: signal.KindShipping,
			text: `<h3>Shipping costs</h3><table><tr><th>Basket total</th><th>Standard delivery</th></tr>` +
				`<tr><td>$0.00 - $34.99</td><td>$4.99</td></tr><tr><td>$35.00+</td><td>FREE</td></tr></table>`,
			want: map[string]string{fs: "true", fst: "35"}},
		{name: "free return drop-off is not free shipping", kind: signal.KindReturns,
			text: `<table><caption>Return shipping</caption><tr><th>Method</th><th>Cost</th></tr><tr><td>Drop-off</td><td>Free</td></tr></table>`,
			want: nil},
	})
}

// Support reply promises in answers and as "first response".
func TestExtractReplyPhrasings(t *testing.T) {
	runCases(t, []extractCase{
		{name: "answer to a how-fast question", text: "How quickly will you answer my email?\nBasic plan: within 2 business days. Premium: within 3 hours.", want: map[string]string{sh: "3"}},
		{name: "delivery question is no reply question", text: "How long does delivery take?\nWithin 3 days.", want: nil},
		{name: "initial response", text: "Business plan: 2-hour initial response.", want: map[string]string{sh: "2"}},
		{name: "first response sla", text: "Includes a 30-minute first-response SLA.", want: map[string]string{sh: "0.5"}},
		{name: "get back within business day", text: "We'll get back to you within 1 business day.", want: map[string]string{sh: "24"}},
		{name: "response time label", text: "Response time: 24h", want: map[string]string{sh: "24"}},
		{name: "refund is no reply", text: "Refunds are sent within 5 days of our response.", want: nil},
	})
}

// Goods collected from the customer (furniture, mattresses) and fees
// deducted on a returns page.
func TestExtractCollectionReturns(t *testing.T) {
	runCases(t, []extractCase{
		{name: "pick up free with refund", text: "If you change your mind, we'll pick it up free of charge and refund you in full.", want: map[string]string{fr: "true"}},
		{name: "collection fee on returns", text: "A $49 collection fee applies to returns.", want: map[string]string{fr: "false!"}},
		{name: "collection fee on a returns page", kind: signal.KindReturns, text: "We collect the sofa from your home. A collection charge of £60 applies.", want: map[string]string{fr: "false!"}},
		{name: "free collection for local orders is click and collect", text: "Free collection from our warehouse for local orders.", want: nil},
		{name: "faulty collection is special", text: "If it arrives damaged, we collect it free of charge and refund you.", want: nil},
		{name: "deducted fee on a returns page", kind: signal.KindReturns, text: "A $15 handling fee is deducted from your refund.", want: map[string]string{fr: "false!"}},
		{name: "deducted fee elsewhere without returns", text: "A $15 service fee is deducted from your refund.", want: nil},
	})
}

func TestExtractMembership(t *testing.T) {
	runCases(t, []extractCase{
		{name: "free membership", text: "Our free membership gives guests early check-in and a welcome drink.", want: map[string]string{lp: "true"}},
		{name: "become a member", text: "Become a member and save 10% on every booking.", want: map[string]string{lp: "true"}},
		{name: "member of the team", text: "Become a member of our design team.", want: nil},
		{name: "staff gym membership", text: "Staff enjoy a free gym membership.", want: nil},
		{name: "no rewards scheme", text: "We don't currently have a rewards scheme.", want: map[string]string{lp: "false!"}},
	})
}

// Phrasings shops use, and look-alikes that must not trigger.
func TestExtractCommonPhrasings(t *testing.T) {
	runCases(t, []extractCase{
		{name: "returns accepted within", text: "Returns accepted within 30 days.", want: map[string]string{rd: "30"}},
		{name: "send it back for up to", text: "You can send it back for up to 60 days.", want: map[string]string{rd: "60"}},
		{name: "day return policy", text: "We have a 30 day return policy.", want: map[string]string{rd: "30"}},
		{name: "return it free within", text: "Return it free within 100 days.", want: map[string]string{rd: "100", fr: "true"}},
		{name: "exchanges or refunds within", text: "Exchanges or refunds within 14 days of receipt.", want: map[string]string{rd: "14"}},
		{name: "free shipping over", text: "Free shipping over $35", want: map[string]string{fs: "true", fst: "35"}},
		{name: "orders plus ship free", text: "Orders $75+ ship free.", want: map[string]string{fs: "true", fst: "75"}},
		{name: "free delivery when you spend", text: "Free standard delivery when you spend £50.", want: map[string]string{fs: "true", fst: "50"}},
		{name: "complimentary shipping all orders", text: "Complimentary shipping on all orders.", want: map[string]string{fs: "true", fst: "0"}},
		{name: "lifetime guarantee against defects", text: "Lifetime guarantee against defects.", want: map[string]string{wm: "1200"}},
		{name: "limited one-year warranty", text: "Limited one-year warranty.", want: map[string]string{wm: "12"}},
		{name: "refund processing is not a window", text: "Refunds are processed within 30 days.", want: nil},
		{name: "dispatch time is not a window", text: "Orders ship within 2 business days.", want: nil},
		{name: "warranty claim deadline", text: "Warranty claims must be made within 30 days of discovering a fault.", want: nil},
		{name: "express only free is special", text: "Express shipping: free over $200.", want: nil},
	})
}

// FAQ answers are read with their question.
func TestExtractAnswersWithTheirQuestion(t *testing.T) {
	runCases(t, []extractCase{
		{name: "how long question, bare window", text: "<details><summary>How long do I have to return an item?</summary><p>45 days from delivery.</p></details>",
			want: map[string]string{rd: "45"}},
		{name: "can I return question, within", text: "<dl><dt>Can I return an item?</dt><dd>Stocked items, within 60 days with an RMA.</dd></dl>",
			want: map[string]string{rd: "60"}},
		{name: "refund time question is no window", text: "<details><summary>How long do refunds take to arrive?</summary><p>5 to 7 days.</p></details>",
			want: nil},
		{name: "return question, unrelated duration", text: "<h3>Can I return a gift?</h3><p>Gift receipts are valid for 2 years.</p>",
			want: nil},
		{name: "free shipping question, bare condition", text: "<details><summary>Is shipping free?</summary><p>Only on orders over $25.</p></details>",
			want: map[string]string{fs: "true", fst: "25"}},
		{name: "free shipping question, yes with threshold", text: "<h3>Do you offer free shipping?</h3><p>Yes, on orders over $40 within the US.</p>",
			want: map[string]string{fs: "true", fst: "40"}},
		{name: "answer in structured data only", text: `<p>Help</p>`, want: nil},
	})
}
