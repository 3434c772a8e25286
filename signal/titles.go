package signal

// titles are the built-in signals' names for people, as reports show them
// where a rubric criterion does not name the signal itself.
var titles = map[string]string{
	RatingValue:                 "Customer rating",
	RatingCount:                 "Number of reviews",
	ResponseMedianMS:            "Site response time",
	SupportResponseHours:        "Promised support reply time",
	ContactPhone:                "Phone support",
	ContactEmail:                "E-mail support",
	ContactChat:                 "Live chat",
	ContactSocial:               "Social channels",
	PolicyReturnDays:            "Return window",
	PolicyFreeReturns:           "Free returns",
	PolicyFreeShipping:          "Free shipping",
	PolicyFreeShippingThreshold: "Free-shipping threshold",
	PolicyWarrantyMonths:        "Warranty",
	PolicyPriceMatch:            "Price match",
	PolicyPrivacy:               "Privacy policy",
	PolicyAccessibility:         "Accessibility statement",
	PolicySustainability:        "Sustainability commitments",
	PricingPublic:               "Public prices",
	LoyaltyProgram:              "Loyalty programme",
	SelfServiceFAQ:              "FAQ / help centre",
	ClarityReadingEase:          "Policy readability",
	SiteHTTPS:                   "HTTPS",
	SitePages:                   "Pages fetched",
}

// Title returns the name for people of a built-in signal ("Return window"
// for policy.return_days), or "" for a signal outside the catalog.
func Title(name string) string { return titles[name] }
