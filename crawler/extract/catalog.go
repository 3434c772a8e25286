package extract

import (
	"github.com/cxbench/cxbench/signal"
)

// How the findings of a competitor's pages combine into its signals is
// data: one entry per built-in signal. Each page contributes findings
// (what its text, links, widgets and structured data state); for each
// signal the combiner
//
//  1. keeps the findings of the pages' main content; findings read in
//     page chrome (navigation, footer, announcement bars) or in blocks
//     repeated on most of the site's pages count only when a signal
//     allows it (chrome) and no main content states anything, and their
//     evidence says so;
//  2. keeps the findings of the pages of the signal's topic (trust), when
//     there are any: a returns page speaks for the return window more
//     than a banner on the home page;
//  3. picks: the largest or smallest number, the first positive (a
//     negative only when there is no positive), the first negative, the
//     smallest stated threshold, or the count of distinct findings;
//  4. applies the catalog's falsity (signal.Catalog): a presence signal
//     is false after a complete crawl without a positive (with the
//     explicit "we don't..." as evidence when there is one) and absent
//     otherwise; a policy signal is false only on explicit negative
//     evidence.
//
// Signals whose combination is a computation of its own (ratings, reading
// ease, site facts) name a function instead.

// pick says how findings combine.
type pick int

const (
	largest   pick = iota // the largest number
	smallest              // the smallest number
	positive              // the first true; else the first explicit false
	negative              // the first explicit false; else the first true
	threshold             // the smallest stated order value; a 0 implied by a plain statement loses to any stated one
	distinct              // the number of distinct findings (keys)
)

// rule is one signal's entry in the catalog.
type rule struct {
	signal string
	pick   pick
	// trust: page kinds whose findings outrank the others'.
	trust []string
	// chrome: findings from page chrome and repeated blocks may decide
	// when the main content of every page is silent.
	chrome bool
	// needs: the signal is only set when this bool signal came out true.
	needs string
	// what a presence signal looks for, for the evidence of false.
	what string
}

// catalog is in signal-catalog order; a signal's entry comes after the
// signal it needs.
var catalog = []rule{
	{signal: signal.SupportResponseHours, pick: smallest, trust: []string{signal.KindContact, signal.KindFAQ}, chrome: true},
	{signal: signal.ContactPhone, pick: negative, what: "support phone number"},
	{signal: signal.ContactEmail, pick: positive, what: "support e-mail address"},
	{signal: signal.ContactChat, pick: positive, what: "live chat"},
	{signal: signal.ContactSocial, pick: distinct, what: "social network profile link"},
	{signal: signal.PolicyReturnDays, pick: largest, trust: []string{signal.KindReturns}, chrome: true},
	{signal: signal.PolicyFreeReturns, pick: negative, trust: []string{signal.KindReturns}, chrome: true},
	{signal: signal.PolicyFreeShipping, pick: positive, trust: []string{signal.KindShipping}, chrome: true},
	{signal: signal.PolicyFreeShippingThreshold, pick: threshold, trust: []string{signal.KindShipping}, chrome: true,
		needs: signal.PolicyFreeShipping},
	{signal: signal.PolicyWarrantyMonths, pick: largest, trust: []string{signal.KindWarranty}, chrome: true},
	{signal: signal.PolicyPriceMatch, pick: positive, what: "price-match guarantee", chrome: true},
	{signal: signal.PolicyPrivacy, pick: positive, what: "privacy policy"},
	{signal: signal.PolicyAccessibility, pick: positive, what: "accessibility statement"},
	{signal: signal.PolicySustainability, pick: positive, what: "sustainability page"},
	{signal: signal.PricingPublic, pick: positive, what: "prices"},
	{signal: signal.LoyaltyProgram, pick: positive, what: "loyalty programme", chrome: true},
	{signal: signal.SelfServiceFAQ, pick: positive, what: "FAQ or help centre"},
}

// computed are the signals combined by a function of their own; each
// function sets the signals named.
var computed = []struct {
	signals []string
	combine func(results []*pageResult, pages []signal.Page) map[string]signal.Signal
}{
	{[]string{signal.RatingValue, signal.RatingCount}, ratingSignals},
	{[]string{signal.ClarityReadingEase}, readingEaseSignal},
	{[]string{signal.ResponseMedianMS, signal.SitePages, signal.SiteHTTPS}, siteSignals},
}

// chromeNote is the evidence note of a finding read in page chrome.
const chromeNote = "stated only in site-wide page chrome (a banner, menu or footer, or a block repeated on most pages); no page's main content says anything about it"
