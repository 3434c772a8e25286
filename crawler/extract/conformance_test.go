package extract

import (
	"strings"
	"testing"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

// Structured-data conformance: company ratings for every Organization and
// LocalBusiness subtype (by schema.org's hierarchy), employer ratings left
// out, microdata itemref followed, ratingCount preferred, and digit runs
// that are identifiers never read as counts.
func TestStructuredDataConformance(t *testing.T) {
	home := "https://shop.test/"
	product := `{"@type":"Product","name":"Mouthwash","aggregateRating":{"ratingValue":3.1,"reviewCount":5000}}`
	tests := []struct {
		name  string
		pages []tPage
		value any
		count any
	}{
		{"dentist (LocalBusiness > MedicalBusiness > Dentist) beats a product",
			[]tPage{{url: home, html: tDoc(ld(`[` + product + `,{"@type":"Dentist","name":"Smile Co","aggregateRating":{"ratingValue":4.9,"reviewCount":212}}]`))}},
			4.9, 212.0},
		{"hair salon in microdata",
			[]tPage{{url: home, html: tDoc(`<div itemscope itemtype="https://schema.org/HairSalon"><span itemprop="name">Cut Above</span>
				<div itemprop="aggregateRating" itemscope itemtype="https://schema.org/AggregateRating">
				<span itemprop="ratingValue">4.7</span>/5 from <span itemprop="ratingCount">98</span> clients</div></div>`)}},
			4.7, 98.0},
		{"plumber in RDFa",
			[]tPage{{url: home, html: tDoc(`<div vocab="https://schema.org/" typeof="Plumber"><span property="name">Pipe Pros</span>
				<div property="aggregateRating" typeof="AggregateRating"><span property="ratingValue">4.5</span> (<span property="reviewCount">61</span>)</div></div>`)}},
			4.5, 61.0},
		{"restaurant is a food establishment is a local business",
			[]tPage{{url: "https://shop.test/menu", html: tDoc(ld(`{"@type":"Restaurant","aggregateRating":{"ratingValue":"4.2","ratingCount":"1,050"}}`))},
				{url: "https://shop.test/products/x", html: tDoc(ld(product))}},
			4.2, 1050.0},
		{"employer rating is not a customer rating",
			[]tPage{{url: home, html: tDoc(ld(`{"@type":"Organization","name":"Acme","aggregateRating":{"@type":"EmployerAggregateRating","ratingValue":3.2,"ratingCount":140}}`))}},
			nil, nil},
		{"free-standing employer rating is no rating either",
			[]tPage{{url: home, html: tDoc(ld(`{"@type":"EmployerAggregateRating","itemReviewed":{"@type":"Organization","name":"Acme"},"ratingValue":3.9,"ratingCount":88}`))}},
			nil, nil},
		{"microdata itemref to a rating in the footer",
			[]tPage{{url: home, html: tDoc(`<div itemscope itemtype="https://schema.org/Store" itemref="site-rating"><h1 itemprop="name">Acme</h1></div>
				<p>Some text</p><footer><div id="site-rating" itemprop="aggregateRating" itemscope itemtype="https://schema.org/AggregateRating">
				Rated <span itemprop="ratingValue">4.6</span> by <span itemprop="reviewCount">2,310</span> shoppers</div></footer>`)}},
			4.6, 2310.0},
		{"itemref cycles are harmless",
			[]tPage{{url: home, html: tDoc(`<div id="a" itemscope itemtype="https://schema.org/Organization" itemref="b"><span itemprop="name">A</span></div>
				<div id="b"><div itemprop="department" itemscope itemtype="https://schema.org/Organization" itemref="a"></div></div>`)}},
			nil, nil},
		{"references past the page's budget are dropped, the page is read on",
			[]tPage{{url: home, html: tDoc(strings.Repeat(`<div itemscope itemref="big"></div>`, 1500) +
				`<div id="big">` + strings.Repeat(`<span itemprop="description">x</span>`, 20) + `</div>` +
				`<div itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Acme</span>
				<div itemprop="aggregateRating" itemscope itemtype="https://schema.org/AggregateRating">
				<span itemprop="ratingValue">4.3</span> from <span itemprop="ratingCount">120</span></div></div>`)}},
			4.3, 120.0},
		{"ratingCount preferred over reviewCount",
			[]tPage{{url: home, html: tDoc(ld(`{"@type":"Organization","aggregateRating":{"ratingValue":4.4,"reviewCount":310,"ratingCount":1820}}`))}},
			4.4, 1820.0},
		{"an ISBN as review count is no count",
			[]tPage{{url: "https://shop.test/products/book", html: tDoc(ld(`{"@type":"Book","name":"Tides","aggregateRating":{"ratingValue":4.1,"reviewCount":"9780306406157"}}`))}},
			4.1, nil},
		{"8/10 stars from 200 users",
			[]tPage{{url: home, html: tDoc(`<p>Our customers give us 8/10 stars from 200 users.</p>`)}},
			4.0, 200.0},
		{"a phone number is no count",
			[]tPage{{url: home, html: tDoc(`<p>Rated 4.8 out of 5 by our customers. Questions? Call 18005551234 reviews team.</p>`)}},
			4.8, nil},
		{"a SKU is no count",
			[]tPage{{url: home, html: tDoc(`<p>Excellent 4.6 out of 5 · SKU 400123456789 reviews</p>`)}},
			4.6, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tCollect(t, nil, config.Competitor{}, tc.pages, true)
			want := map[string]any{signal.RatingValue: tc.value, signal.RatingCount: tc.count}
			if diff := cmp.Diff(want, tPick(got, signal.RatingValue, signal.RatingCount)); diff != "" {
				t.Errorf("ratings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSchemaHierarchy(t *testing.T) {
	for _, tc := range []struct {
		types []string
		want  bool
	}{
		{[]string{"dentist"}, true}, {[]string{"hairsalon"}, true}, {[]string{"plumber"}, true},
		{[]string{"foodestablishment"}, true}, {[]string{"bakery"}, true}, {[]string{"hotel"}, true},
		{[]string{"corporation"}, true}, {[]string{"ngo"}, true}, {[]string{"brand"}, true}, {[]string{"website"}, true},
		{[]string{"onlinebusiness"}, true}, {[]string{"autodealer"}, true}, {[]string{"collegeoruniversity"}, true},
		{[]string{"product"}, false}, {[]string{"book"}, false}, {[]string{"offer"}, false}, {[]string{"webpage"}, false},
		{[]string{"person"}, false}, {[]string{"place"}, false}, {[]string{"aggregaterating"}, false},
		{[]string{"myonlinestore"}, true}, {[]string{"thing"}, false},
	} {
		if got := isCompanyType(tc.types); got != tc.want {
			t.Errorf("isCompanyType(%v) = %v, want %v", tc.types, got, tc.want)
		}
	}
	if !employerRating([]string{"employeraggregaterating"}) || employerRating([]string{"aggregaterating"}) {
		t.Error("employerRating is wrong")
	}
}
