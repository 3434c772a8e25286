package extract

import (
	"net/url"
	"testing"

	"github.com/cxbench/cxbench/signal"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		url, anchor, want string
	}{
		{"https://shop.test/", "", signal.KindHome},
		{"https://shop.test/index.html", "", signal.KindHome},
		{"https://shop.test/en-gb/", "", signal.KindHome},
		{"https://shop.test/pages/returns-policy", "", signal.KindReturns},
		{"https://shop.test/policies/refund-policy", "", signal.KindReturns},
		{"https://shop.test/help/returns", "", signal.KindReturns},
		{"https://shop.test/shipping-and-returns", "", signal.KindShipping},
		{"https://shop.test/returns-and-exchanges", "", signal.KindReturns},
		{"https://shop.test/delivery-information", "", signal.KindShipping},
		{"https://shop.test/warranty", "", signal.KindWarranty},
		{"https://shop.test/price-match-guarantee", "", signal.KindTerms},
		{"https://shop.test/money-back-guarantee", "", signal.KindReturns},
		{"https://shop.test/contact-us", "", signal.KindContact},
		{"https://shop.test/support/contact", "", signal.KindContact},
		{"https://shop.test/faq", "", signal.KindFAQ},
		{"https://shop.test/help", "", signal.KindFAQ},
		{"https://help.shop.test/hc/en-us", "", signal.KindFAQ},
		{"https://support.shop.test/", "", signal.KindFAQ},
		{"https://shop.test/legal/privacy", "", signal.KindPrivacy},
		{"https://shop.test/accessibility-statement", "", signal.KindAccessibility},
		{"https://shop.test/about/sustainability", "", signal.KindSustainability},
		{"https://shop.test/our-impact", "", signal.KindSustainability},
		{"https://shop.test/rewards", "", signal.KindLoyalty},
		{"https://shop.test/pricing", "", signal.KindPricing},
		{"https://shop.test/plans", "", signal.KindPricing},
		{"https://shop.test/reviews", "", signal.KindReviews},
		{"https://www.trustpilot.com/review/shop.test", "", signal.KindReviews},
		{"https://shop.test/products/trail-boot", "", signal.KindProduct},
		{"https://shop.test/collections/men/products/trail-boot", "", signal.KindProduct},
		{"https://shop.test/terms-of-service", "", signal.KindTerms},
		{"https://shop.test/products/trail-boot/reviews", "", signal.KindProduct},
		{"https://shop.test/products/return-address-labels", "", signal.KindProduct},
		{"https://shop.test/pages/reviews", "", signal.KindReviews},
		{"https://shop.test/blog/our-returns-policy-explained", "", signal.KindOther},
		{"https://shop.test/page.php?id=12", "Delivery & Returns", signal.KindReturns},
		{"https://shop.test/page.php?id=13", "Frequently asked questions", signal.KindFAQ},
		{"https://shop.test/p?id=14", "Contact", signal.KindContact},
		{"https://shop.test/about", "", signal.KindOther},
		{"https://shop.test/about", "About us", signal.KindOther},
	}
	for _, tc := range tests {
		u, err := url.Parse(tc.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := Classify(u, tc.anchor); got != tc.want {
			t.Errorf("Classify(%s, %q) = %q, want %q", tc.url, tc.anchor, got, tc.want)
		}
	}
	if got := Classify(nil, "Returns"); got != signal.KindOther {
		t.Errorf("Classify(nil) = %q, want other", got)
	}
}
