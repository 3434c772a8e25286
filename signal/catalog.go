// Package signal is the vocabulary shared by every stage of cxbench: signal
// names and types, values with their evidence, page kinds and the
// signals.json document. It imports nothing else of this module, so the
// crawler and the scoring engine meet here without importing each other.
package signal

import "sort"

// Type is the value type of a signal.
type Type string

// Signal value types.
const (
	TypeNumber Type = "number"
	TypeBool   Type = "bool"
	TypeString Type = "string"
)

// Falsity says when a boolean signal may be false rather than absent.
type Falsity int

const (
	// NotBool marks number and string signals.
	NotBool Falsity = iota
	// Presence signals are false when a complete crawl found no positive
	// evidence, and absent when the page budget cut the crawl short.
	Presence
	// Policy signals are false only on explicit negative evidence.
	Policy
	// Observed signals are always known once any page was fetched (site.https).
	Observed
)

// Direction says which way a signal's value is better, for explanations and
// change detection.
type Direction int

const (
	Neutral Direction = iota
	HigherIsBetter
	LowerIsBetter
)

// Built-in signal names (the contract other tools rely on: keep them).
const (
	RatingValue                 = "rating.value"
	RatingCount                 = "rating.count"
	ResponseMedianMS            = "response.median_ms"
	SupportResponseHours        = "support.response_hours"
	ContactPhone                = "contact.phone"
	ContactEmail                = "contact.email"
	ContactChat                 = "contact.chat"
	ContactSocial               = "contact.social"
	PolicyReturnDays            = "policy.return_days"
	PolicyFreeReturns           = "policy.free_returns"
	PolicyFreeShipping          = "policy.free_shipping"
	PolicyFreeShippingThreshold = "policy.free_shipping_threshold"
	PolicyWarrantyMonths        = "policy.warranty_months"
	PolicyPriceMatch            = "policy.price_match"
	PolicyPrivacy               = "policy.privacy"
	PolicyAccessibility         = "policy.accessibility"
	PolicySustainability        = "policy.sustainability"
	PricingPublic               = "pricing.public"
	LoyaltyProgram              = "loyalty.program"
	SelfServiceFAQ              = "selfservice.faq"
	ClarityReadingEase          = "clarity.reading_ease"
	SiteHTTPS                   = "site.https"
	SitePages                   = "site.pages"
)

// Spec describes one signal of the catalog.
type Spec struct {
	Name        string
	Type        Type
	Unit        string
	Falsity     Falsity
	Better      Direction
	Description string
}

var builtins = []Spec{
	{RatingValue, TypeNumber, "stars (0–5)", NotBool, HigherIsBetter, "aggregate customer rating, normalised to 0–5"},
	{RatingCount, TypeNumber, "reviews", NotBool, HigherIsBetter, "number of reviews behind rating.value"},
	{ResponseMedianMS, TypeNumber, "ms", NotBool, LowerIsBetter, "median time from request to full body over fetched HTML pages"},
	{SupportResponseHours, TypeNumber, "hours", NotBool, LowerIsBetter, "promised customer-support reply time (smallest stated)"},
	{ContactPhone, TypeBool, "", Presence, HigherIsBetter, "a support phone number is published"},
	{ContactEmail, TypeBool, "", Presence, HigherIsBetter, "a support e-mail address is published"},
	{ContactChat, TypeBool, "", Presence, HigherIsBetter, "live chat is offered"},
	{ContactSocial, TypeNumber, "networks", NotBool, HigherIsBetter, "distinct social networks linked to"},
	{PolicyReturnDays, TypeNumber, "days", NotBool, HigherIsBetter, "return window for ordinary purchases"},
	{PolicyFreeReturns, TypeBool, "", Policy, HigherIsBetter, "an ordinary return costs the customer nothing"},
	{PolicyFreeShipping, TypeBool, "", Policy, HigherIsBetter, "standard shipping is free (on all orders or above a threshold)"},
	{PolicyFreeShippingThreshold, TypeNumber, "currency", NotBool, LowerIsBetter, "minimum order value for free shipping (0 = always free)"},
	{PolicyWarrantyMonths, TypeNumber, "months", NotBool, HigherIsBetter, "product warranty against defects"},
	{PolicyPriceMatch, TypeBool, "", Presence, HigherIsBetter, "a price-match or price-beat guarantee is offered"},
	{PolicyPrivacy, TypeBool, "", Presence, HigherIsBetter, "a privacy policy page is published"},
	{PolicyAccessibility, TypeBool, "", Presence, HigherIsBetter, "an accessibility statement is published"},
	{PolicySustainability, TypeBool, "", Presence, HigherIsBetter, "a sustainability or social-impact page is published"},
	{PricingPublic, TypeBool, "", Presence, HigherIsBetter, "prices are shown on public pages"},
	{LoyaltyProgram, TypeBool, "", Presence, HigherIsBetter, "a loyalty, rewards or membership programme is offered"},
	{SelfServiceFAQ, TypeBool, "", Presence, HigherIsBetter, "an FAQ or help centre is published"},
	{ClarityReadingEase, TypeNumber, "Flesch (0–100)", NotBool, HigherIsBetter, "Flesch reading ease of the policy pages (the adaptation for their language)"},
	{SiteHTTPS, TypeBool, "", Observed, HigherIsBetter, "pages are served over HTTPS"},
	{SitePages, TypeNumber, "pages", NotBool, Neutral, "HTML pages fetched successfully"},
}

var byName = func() map[string]Spec {
	m := make(map[string]Spec, len(builtins))
	for _, s := range builtins {
		m[s.Name] = s
	}
	return m
}()

// Builtins returns the built-in catalog in its documented order.
func Builtins() []Spec { return append([]Spec(nil), builtins...) }

// Lookup returns the built-in spec of name.
func Lookup(name string) (Spec, bool) {
	s, ok := byName[name]
	return s, ok
}

// Names returns the built-in signal names, sorted.
func Names() []string {
	names := make([]string, 0, len(builtins))
	for _, s := range builtins {
		names = append(names, s.Name)
	}
	sort.Strings(names)
	return names
}
