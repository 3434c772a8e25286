package policytext

import (
	"testing"

	"github.com/cxbench/cxbench/signal"
)

// Phrasing families from the third blind corpus: each in wordings of our
// own, with near-misses that must not trigger.

func TestExtractReturnWindowBesideRefundTime(t *testing.T) {
	runCases(t, []extractCase{
		{name: "refunds made after the returned goods arrive do not win", kind: signal.KindReturns,
			text: "You may send items back within 10 days of arrival.\nRefunds are made within 21 days of receiving the returned goods.",
			want: map[string]string{rd: "10"}},
		{name: "refund paid after your return is received", kind: signal.KindReturns,
			text: "Returns are welcome within 15 days of delivery. Your refund will be paid within 30 days of us getting your return.",
			want: map[string]string{rd: "15"}},
		{name: "refund sent once the return arrives", kind: signal.KindReturns,
			text: "Unused goods can be returned within 7 days of purchase. Refunds are usually sent within 28 days of receipt of the returned item.",
			want: map[string]string{rd: "7"}},
		// Near-misses: a refund processing time alone is no window.
		{name: "refund time alone", kind: signal.KindReturns,
			text: "Refunds are made within 14 days of receiving the returned goods.",
			want: map[string]string{}},
		{name: "a refund guarantee window is still a window",
			text: "Our refund window is 45 days from delivery.",
			want: map[string]string{rd: "45"}},
	})
}

func TestExtractChangeOfMindRefused(t *testing.T) {
	runCases(t, []extractCase{
		{name: "unable to accept returns if you simply change your mind", kind: signal.KindReturns,
			text: "As every item is second-hand, we're unable to accept returns if you simply change your mind. Faulty goods may be returned within 30 days.",
			want: map[string]string{rd: "0!"}},
		{name: "no returns for change of mind",
			text: "We do not accept returns for change of mind.\nDefective products can be sent back within 60 days.",
			want: map[string]string{rd: "0!"}},
		{name: "cannot offer refunds because you changed your mind",
			text: "We cannot offer refunds or exchanges because you changed your mind.",
			want: map[string]string{rd: "0!"}},
		{name: "no change-of-mind returns",
			text: "Please choose carefully: no change-of-mind returns.",
			want: map[string]string{rd: "0!"}},
		{name: "change of mind returns are not accepted",
			text: "Change of mind returns are not accepted on any order.",
			want: map[string]string{rd: "0!"}},
		// Near-misses.
		{name: "an ordinary window beside the refusal wins", kind: signal.KindReturns,
			text: "Returns are accepted within 14 days of delivery. We do not accept returns for change of mind on opened cosmetics.",
			want: map[string]string{rd: "14"}},
		{name: "change of mind welcome",
			text: "Changed your mind? You can return any item within 30 days.",
			want: map[string]string{rd: "30"}},
		{name: "a question about changing my mind",
			text: "Can I return something if I change my mind?",
			want: map[string]string{}},
		{name: "we accept change of mind returns",
			text: "We happily accept returns if you change your mind.",
			want: map[string]string{}},
		{name: "refusal without the change of mind keeps its qualifier rule",
			text: "We do not accept returns if the seal is broken.",
			want: map[string]string{}},
	})
}

func TestExtractWarrantyVerbForms(t *testing.T) {
	runCases(t, []extractCase{
		{name: "company warrants products free from defects for months",
			text: "Acme Tools warrants that its products are free from defects in materials and workmanship for 18 months from the date of shipment.",
			want: map[string]string{wm: "18"}},
		{name: "warranted for two years",
			text: "Every frame is warranted for two years against manufacturing faults.",
			want: map[string]string{wm: "24"}},
		{name: "covered for months against manufacturing defects",
			text: "All appliances are covered for 24 months against manufacturing defects.",
			want: map[string]string{wm: "24"}},
		// Near-misses.
		{name: "warrants without a duration",
			text: "The seller warrants that it has the right to sell the goods.",
			want: map[string]string{}},
		{name: "covered for delivery time is no warranty",
			text: "Orders are covered by tracking and usually delivered within 5 days.",
			want: map[string]string{}},
		{name: "claims must be reported within days",
			text: "Warranty claims must be reported within 14 days of discovering the fault.",
			want: map[string]string{}},
	})
}

func TestExtractWarrantyCompoundUnits(t *testing.T) {
	runCases(t, []extractCase{
		{name: "months slash miles powertrain warranty",
			text: "Each car we sell comes with a 6-month/6,000-mile limited powertrain warranty.",
			want: map[string]string{wm: "6"}},
		{name: "months slash miles spaced",
			text: "Certified vehicles include a 12 months / 12,000 miles warranty.",
			want: map[string]string{wm: "12"}},
		{name: "years or kilometres after the warranty",
			text: "Warranty: 5 years or 100,000 km, whichever comes first.",
			want: map[string]string{wm: "60"}},
		{name: "years or km before the noun",
			text: "A 3 years or 60,000 km manufacturer warranty applies.",
			want: map[string]string{wm: "36"}},
		// Near-misses.
		{name: "mileage alone is no duration",
			text: "Our warranty covers the first 30,000 miles.",
			want: map[string]string{}},
		{name: "service interval is no warranty",
			text: "Service every 12 months or 10,000 miles to keep the car running well.",
			want: map[string]string{}},
	})
}

func TestExtractSlowReplyPromises(t *testing.T) {
	runCases(t, []extractCase{
		{name: "ten working days", text: "We aim to respond to all enquiries within 10 working days.",
			want: map[string]string{sh: "240"}},
		{name: "three weeks", text: "Our volunteers reply to messages within 3 weeks.",
			want: map[string]string{sh: "504"}},
		{name: "thirty days is the longest read", text: "We will answer your letter within 30 days.",
			want: map[string]string{sh: "720"}},
		// Near-misses.
		{name: "over a month is no reply time", text: "We respond to every suggestion within 6 weeks.",
			want: map[string]string{}},
		{name: "data request answered within a month", text: "We will respond to a subject access request within 30 days.",
			want: map[string]string{}},
		{name: "posted within working days is shipping", text: "Orders are posted by our volunteers within 5 working days.",
			want: map[string]string{}},
	})
}
