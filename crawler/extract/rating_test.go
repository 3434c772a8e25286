package extract

import (
	"testing"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

func ld(json string) string {
	return `<script type="application/ld+json">` + json + `</script>`
}

func TestRatings(t *testing.T) {
	home := "https://shop.test/"
	tests := []struct {
		name  string
		pages []tPage
		value any // nil: absent
		count any
	}{
		{
			name:  "organization single object",
			pages: []tPage{{url: home, html: tDoc(ld(`{"@context":"https://schema.org","@type":"Organization","name":"Acme","aggregateRating":{"@type":"AggregateRating","ratingValue":4.6,"reviewCount":1234}}`))}},
			value: 4.6, count: 1234.0,
		},
		{
			name:  "numbers as strings with thousands separator",
			pages: []tPage{{url: home, html: tDoc(ld(`{"@type":"Store","aggregateRating":{"ratingValue":"4.7","reviewCount":"12,345"}}`))}},
			value: 4.7, count: 12345.0,
		},
		{
			name:  "decimal comma in a string",
			pages: []tPage{{url: home, html: tDoc(ld(`{"@type":"LocalBusiness","aggregateRating":{"ratingValue":"4,3","ratingCount":"87"}}`))}},
			value: 4.3, count: 87.0,
		},
		{
			name:  "best rating 10",
			pages: []tPage{{url: home, html: tDoc(ld(`{"@type":"Organization","aggregateRating":{"ratingValue":"8.8","bestRating":"10","worstRating":"1","ratingCount":"50"}}`))}},
			value: 4.4, count: 50.0,
		},
		{
			name:  "best rating 100",
			pages: []tPage{{url: home, html: tDoc(ld(`{"@type":"Brand","aggregateRating":{"ratingValue":92,"bestRating":100,"reviewCount":10}}`))}},
			value: 4.6, count: 10.0,
		},
		{
			name:  "value above 5 without best rating is not guessed",
			pages: []tPage{{url: home, html: tDoc(ld(`{"@type":"Organization","aggregateRating":{"ratingValue":8.8,"reviewCount":10}}`))}},
			value: nil, count: nil,
		},
		{
			name:  "zero reviews placeholder is ignored",
			pages: []tPage{{url: home, html: tDoc(ld(`{"@type":"Organization","aggregateRating":{"ratingValue":5,"reviewCount":0}}`))}},
			value: nil, count: nil,
		},
		{
			name:  "graph with id reference, 10-point scale, dotted thousands (testdata)",
			pages: []tPage{{url: home, html: "@jsonld-graph.html"}},
			value: 4.6, count: 3412.0,
		},
		{
			name: "array of objects; company beats product",
			pages: []tPage{{url: home, html: tDoc(ld(`[
				{"@type":"Product","name":"Boot","aggregateRating":{"@type":"AggregateRating","ratingValue":3.0,"reviewCount":9000}},
				{"@type":"WebSite","name":"Acme","aggregateRating":{"@type":"AggregateRating","ratingValue":4.9,"reviewCount":20}}
			]`))}},
			value: 4.9, count: 20.0,
		},
		{
			name: "products only: mean weighted by review count, counts summed",
			pages: []tPage{{url: "https://shop.test/products/a", html: tDoc(ld(`{"@type":"Product","name":"A","aggregateRating":{"ratingValue":4,"reviewCount":10}}`))},
				{url: "https://shop.test/products/b", html: tDoc(ld(`{"@type":"Product","name":"B","aggregateRating":{"ratingValue":5,"reviewCount":30}}`))}},
			value: 4.75, count: 40.0,
		},
		{
			name: "same product on two pages is counted once",
			pages: []tPage{{url: "https://shop.test/products/a", html: tDoc(ld(`{"@type":"Product","name":"A","aggregateRating":{"ratingValue":4,"reviewCount":10}}`))},
				{url: "https://shop.test/collections/all", html: tDoc(ld(`{"@type":"Product","name":"A","aggregateRating":{"ratingValue":4,"reviewCount":10}}`))}},
			value: 4.0, count: 10.0,
		},
		{
			name:  "microdata product grid, reviewCount or ratingCount (testdata)",
			pages: []tPage{{url: "https://shop.test/shop/packs", html: "@microdata-grid.html"}},
			value: 4.571, count: 1400.0,
		},
		{
			name:  "RDFa Lite local business beats product (testdata)",
			pages: []tPage{{url: "https://shop.test/about", html: "@rdfa-org.html"}},
			value: 4.4, count: 812.0,
		},
		{
			name: "microdata organization nested in page",
			pages: []tPage{{url: home, html: tDoc(`<div itemscope itemtype="http://schema.org/Organization"><span itemprop="name">Acme</span>
				<div itemprop="aggregateRating" itemscope itemtype="http://schema.org/AggregateRating"><span itemprop="ratingValue">4.2</span> from <span itemprop="ratingCount">77</span></div></div>`)}},
			value: 4.2, count: 77.0,
		},
		{
			name: "sloppy microdata: aggregateRating without itemscope",
			pages: []tPage{{url: "https://shop.test/products/a", html: tDoc(`<div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">A</h1>
				<div itemprop="aggregateRating"><span itemprop="ratingValue">4.3</span> (<span itemprop="reviewCount">57</span>)</div>
				<div itemprop="review" itemscope itemtype="https://schema.org/Review"><div itemprop="reviewRating" itemscope itemtype="https://schema.org/Rating"><meta itemprop="ratingValue" content="1"></div></div></div>`)}},
			value: 4.3, count: 57.0,
		},
		{
			name: "rating on a configured review page is company-level",
			pages: []tPage{
				{url: "https://shop.test/products/a", html: tDoc(ld(`{"@type":"Product","name":"A","aggregateRating":{"ratingValue":5,"reviewCount":900}}`))},
				{url: "https://reviews.test/acme", kind: signal.KindReviews, review: true, html: tDoc(ld(`{"@type":"AggregateRating","ratingValue":"3.9","reviewCount":"4210"}`))},
			},
			value: 3.9, count: 4210.0,
		},
		{
			name:  "free-standing rating with itemReviewed organization",
			pages: []tPage{{url: home, html: tDoc(ld(`{"@type":"AggregateRating","itemReviewed":{"@type":"Organization","name":"Acme"},"ratingValue":4.1,"reviewCount":61}`))}},
			value: 4.1, count: 61.0,
		},
		{
			name: "broken JSON in the wild: comments, trailing commas, CDATA, entities, raw newline",
			pages: []tPage{{url: home, html: tDoc(ld(`//<![CDATA[
				/* generated */ {"@context": "https://schema.org", // the shop
				"@type": "Organization", "name": "Ben &amp; Jerry's
				Shop", "aggregateRating": {"ratingValue": "4.5", "reviewCount": "220",},}
				//]]>`))}},
			value: 4.5, count: 220.0,
		},
		{
			name:  "HTML-escaped block",
			pages: []tPage{{url: home, html: tDoc(ld(`{&quot;@type&quot;:&quot;Organization&quot;,&quot;aggregateRating&quot;:{&quot;ratingValue&quot;:&quot;4.4&quot;,&quot;reviewCount&quot;:&quot;31&quot;}}`))}},
			value: 4.4, count: 31.0,
		},
		{
			name:  "several objects concatenated in one block",
			pages: []tPage{{url: home, html: tDoc(ld(`{"@type":"BreadcrumbList"} {"@type":"Organization","aggregateRating":{"ratingValue":4.8,"reviewCount":5}}`))}},
			value: 4.8, count: 5.0,
		},
		{
			name:  "individual review ratings are not an aggregate",
			pages: []tPage{{url: home, html: tDoc(ld(`{"@type":"Product","review":[{"@type":"Review","reviewRating":{"@type":"Rating","ratingValue":5}}]}`))}},
			value: nil, count: nil,
		},
		{
			name:  "no rating at all",
			pages: []tPage{{url: home, html: tDoc(`<p>Welcome</p>`)}},
			value: nil, count: nil,
		},
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
