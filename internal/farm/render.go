package farm

import (
	"fmt"
	"html"
	"math/rand/v2"
	"strings"
)

// Render returns page n of site s: the same bytes every time.
func (f *Farm) Render(s *Site, n int) []byte {
	r := rand.New(rand.NewPCG(uint64(s.Index)<<20|uint64(n), 0xfa57))
	p := f.page(n)
	var b strings.Builder
	b.Grow(32 << 10)
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s – %s</title>
<meta name="description" content="%s sells outdoor equipment for hiking, camping and climbing.">
<style>%s</style>
`, html.EscapeString(p.title), html.EscapeString(s.Name), html.EscapeString(s.Name), css)
	if n == 0 {
		fmt.Fprintf(&b, `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":%q,"url":%q,"aggregateRating":{"@type":"AggregateRating","ratingValue":"%.1f","reviewCount":"%d","bestRating":"5"}}</script>
`, s.Name, s.URL, s.Rating, s.RatingCount)
	}
	b.WriteString("</head>\n<body>\n")
	f.header(&b, s)
	b.WriteString(`<main class="page">` + "\n")
	fmt.Fprintf(&b, "<h1>%s</h1>\n", html.EscapeString(p.title))
	switch {
	case n == 0:
		f.home(&b, s, r)
	case n <= len(policyPages):
		policy(&b, s, p.path, r)
	default:
		f.productPage(&b, s, n-len(policyPages), r)
	}
	b.WriteString("</main>\n")
	f.footer(&b, s)
	b.WriteString("</body>\n</html>\n")
	return []byte(b.String())
}

func (f *Farm) header(b *strings.Builder, s *Site) {
	fmt.Fprintf(b, `<div class="bar"><span>Free shipping %s</span><span>%d-day returns</span></div>
<header class="head"><a class="logo" href="/">%s</a>
<nav aria-label="Main"><a href="/">Home</a> `, shippingShort(s), s.ReturnDays, html.EscapeString(s.Name))
	for i, pp := range policyPages {
		if i+1 < f.Pages {
			fmt.Fprintf(b, `<a href="%s">%s</a> `, pp.path, pp.title)
		}
	}
	b.WriteString(`<a href="/cart">Cart</a></nav>` + "\n" + `<nav aria-label="Shop" class="mega"><ul>`)
	for p := 1; p <= 12 && p+len(policyPages) < f.Pages; p++ {
		fmt.Fprintf(b, `<li><a href="/products/p-%03d">%s</a></li>`, p, product(p))
	}
	b.WriteString("</ul></nav>\n</header>\n")
}

func shippingShort(s *Site) string {
	if s.FreeShipping == 0 {
		return "on every order"
	}
	return fmt.Sprintf("on orders over $%d", s.FreeShipping)
}

func (f *Farm) footer(b *strings.Builder, s *Site) {
	b.WriteString(`<footer class="foot"><div class="cols"><div><h3>Customer service</h3><ul>`)
	if s.Phone {
		fmt.Fprintf(b, `<li>Call us: <a href="tel:+15550100%03d">+1 555 0100 %03d</a> (Mon–Fri 8–18)</li>`, s.Index%1000, s.Index%1000)
	}
	fmt.Fprintf(b, `<li>E-mail: <a href="mailto:help@%s.example">help@%s.example</a></li>`, s.ID, s.ID)
	if s.Chat {
		b.WriteString(`<li><a href="/help/contact#chat">Live chat</a> with our team</li>`)
	}
	b.WriteString(`</ul></div><div><h3>Follow us</h3><ul>`)
	for _, n := range s.Social {
		fmt.Fprintf(b, `<li><a href="https://www.%s.com/%s" rel="me">%s</a></li>`, n, s.ID, strings.ToUpper(n[:1])+n[1:])
	}
	fmt.Fprintf(b, `</ul></div><div><h3>About</h3><p>%s has equipped hikers and climbers since %d. `+
		`We test every product on real trails before it goes on sale.</p></div></div>`+"\n"+
		`<p class="legal">© 2026 %s. All prices include sales tax.</p></footer>`+"\n",
		html.EscapeString(s.Name), 1950+s.Index%70, html.EscapeString(s.Name))
}

func (f *Farm) home(b *strings.Builder, s *Site, r *rand.Rand) {
	fmt.Fprintf(b, "<p>Rated %.1f out of 5 by %d customers.</p>\n", s.Rating, s.RatingCount)
	paragraphs(b, r, 12+r.IntN(6))
	b.WriteString(`<section class="grid">` + "\n")
	for p := 1; p+len(policyPages) < f.Pages; p++ {
		fmt.Fprintf(b, `<div class="card"><a href="/products/p-%03d">%s</a><span class="price">$%d.%02d</span></div>`+"\n",
			p, product(p), price(s, p)/100, price(s, p)%100)
	}
	b.WriteString("</section>\n")
}

func price(s *Site, p int) int {
	return 1999 + (s.Index*7919+p*104729)%48000
}

func (f *Farm) productPage(b *strings.Builder, s *Site, p int, r *rand.Rand) {
	name := product(p)
	rating := float64(35+r.IntN(16)) / 10
	count := 1 + r.IntN(400)
	fmt.Fprintf(b, `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":%q,"sku":"%s-%03d",`+
		`"offers":{"@type":"Offer","price":"%d.%02d","priceCurrency":"USD","availability":"https://schema.org/InStock"},`+
		`"aggregateRating":{"@type":"AggregateRating","ratingValue":"%.1f","reviewCount":"%d"}}</script>`+"\n",
		name, s.ID, p, price(s, p)/100, price(s, p)%100, rating, count)
	fmt.Fprintf(b, `<p class="price">$%d.%02d</p><p>Rated %.1f by %d customers. <a href="/cart?add=%d">Add to cart</a></p>`+"\n",
		price(s, p)/100, price(s, p)%100, rating, count, p)
	b.WriteString("<h2>Description</h2>\n")
	paragraphs(b, r, 15+r.IntN(40))
	b.WriteString("<h2>Reviews</h2>\n<ul class=\"reviews\">\n")
	for range 3 + r.IntN(6) {
		fmt.Fprintf(b, "<li><strong>%d/5</strong> %s</li>\n", 3+r.IntN(3), sentence(r))
	}
	b.WriteString("</ul>\n<h2>You may also like</h2>\n<ul>")
	for k := 1; k <= 4; k++ {
		q := (p+k*3-1)%max(1, f.Pages-1-len(policyPages)) + 1
		if q+len(policyPages) < f.Pages {
			fmt.Fprintf(b, `<li><a href="/products/p-%03d">%s</a></li>`, q, product(q))
		}
	}
	b.WriteString("</ul>\n")
}

func policy(b *strings.Builder, s *Site, path string, r *rand.Rand) {
	b.WriteString("<article>\n")
	switch path {
	case "/help/returns":
		fmt.Fprintf(b, "<p>You can return any unused item within %d days of delivery for a full refund.</p>\n", s.ReturnDays)
		if s.FreeReturns {
			b.WriteString("<p>Returns are free: use the prepaid label in your parcel.</p>\n")
		} else {
			b.WriteString("<p>Return shipping is paid by the customer; we refund the original shipping cost for faulty items.</p>\n")
		}
	case "/help/shipping":
		if s.FreeShipping == 0 {
			b.WriteString("<p>Standard shipping is free on every order.</p>\n")
		} else {
			fmt.Fprintf(b, "<p>Free standard shipping on orders over $%d. Below that, standard shipping costs $6.95.</p>\n", s.FreeShipping)
		}
		b.WriteString("<p>Orders placed before 2 pm ship the same working day. Express delivery is available at checkout.</p>\n")
	case "/help/contact":
		fmt.Fprintf(b, "<p>Our support team replies to every message within %d hours.</p>\n", s.ReplyHours)
		fmt.Fprintf(b, `<p>Write to <a href="mailto:help@%s.example">help@%s.example</a>.</p>`+"\n", s.ID, s.ID)
		if s.Chat {
			b.WriteString(`<p id="chat">Live chat is open every day from 8 am to 10 pm.</p>` + "\n")
		}
	case "/help/faq":
		for range 6 {
			fmt.Fprintf(b, "<h3>%s?</h3>\n<p>%s %s</p>\n", strings.TrimSuffix(sentence(r), "."), sentence(r), sentence(r))
		}
	case "/privacy":
		b.WriteString("<p>This privacy policy explains which personal data we collect, why, and your rights under data protection law.</p>\n")
	case "/accessibility":
		b.WriteString("<p>We aim to meet WCAG 2.1 level AA across our website. Tell us if anything is hard to use.</p>\n")
	case "/about/sustainability":
		b.WriteString("<p>Our sustainability report covers the environmental impact of our products, packaging and transport.</p>\n")
	case "/rewards":
		b.WriteString("<p>Join our rewards programme: earn one point per dollar and redeem points for discounts.</p>\n")
	case "/warranty":
		fmt.Fprintf(b, "<p>Every product comes with a %d-month warranty against manufacturing defects.</p>\n", s.WarrantyMonths)
		if s.PriceMatch {
			b.WriteString("<p>Price match guarantee: found it cheaper elsewhere? We match the price.</p>\n")
		}
	}
	paragraphs(b, r, 12+r.IntN(20))
	b.WriteString("</article>\n")
}

// paragraphs writes n paragraphs of generated prose.
func paragraphs(b *strings.Builder, r *rand.Rand, n int) {
	for range n {
		b.WriteString("<p>")
		for k := range 3 + r.IntN(3) {
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(sentence(r))
		}
		b.WriteString("</p>\n")
	}
}

func sentence(r *rand.Rand) string {
	return fmt.Sprintf("%s %s %s %s %s.",
		subjects[r.IntN(len(subjects))], verbs[r.IntN(len(verbs))], objects[r.IntN(len(objects))],
		places[r.IntN(len(places))], endings[r.IntN(len(endings))])
}

var (
	subjects = []string{"Our design team", "This model", "The new edition", "Every seam", "The outer fabric", "Our customers", "The frame", "The recycled lining"}
	verbs    = []string{"keeps you dry in", "was tested against", "stays comfortable through", "holds up well in", "is built for", "weighs little enough for"}
	objects  = []string{"long days", "heavy rain", "sudden storms", "cold nights", "rocky ground", "hot summers", "multi-day treks"}
	places   = []string{"in the mountains", "on the coast", "in the forest", "above the tree line", "on windy ridges", "in the desert"}
	endings  = []string{"without extra weight", "year after year", "with room to spare", "and packs down small", "at a fair price", "for beginners and experts alike"}
)

const css = `
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "Source Sans Pro", "Trebuchet MS", sans-serif; color: #20232a; background: #fff; line-height: 1.5; }
  .bar { background: #20232a; color: #d7dde5; font-size: .8rem; padding: .3rem 2rem; display: flex; justify-content: space-between; }
  .head { display: flex; align-items: baseline; gap: 2rem; padding: 1.1rem 2rem; border-bottom: 3px solid #2e7d32; flex-wrap: wrap; }
  .head .logo { font-size: 1.5rem; font-weight: 900; color: #2e7d32; text-decoration: none; text-transform: uppercase; letter-spacing: .12em; }
  .head nav a { color: #20232a; text-decoration: none; margin-right: 1.1rem; font-weight: 600; }
  .mega ul { list-style: none; display: grid; grid-template-columns: repeat(4, 1fr); gap: .3rem 1rem; padding: 0; margin: .5rem 0 0; }
  .mega a { font-weight: 400; font-size: .9rem; }
  .page { max-width: 1100px; margin: 0 auto; padding: 2rem; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 1.5rem; }
  .card { background: #f3f4f6; padding: 1rem; display: flex; flex-direction: column; gap: .5rem; }
  .card a { color: #20232a; font-weight: 600; text-decoration: none; }
  .price { font-size: 1.3rem; font-weight: 700; color: #2e7d32; }
  .reviews { list-style: none; padding: 0; }
  .reviews li { border-bottom: 1px solid #e5e7eb; padding: .6rem 0; }
  article p { max-width: 70ch; }
  h1 { font-size: 2rem; margin: 0 0 1rem; }
  h2 { font-size: 1.4rem; margin: 2rem 0 .8rem; }
  h3 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
  .foot { background: #f3f4f6; padding: 2rem; font-size: .88rem; margin-top: 2rem; }
  .foot .cols { display: flex; gap: 3rem; flex-wrap: wrap; max-width: 1100px; margin: 0 auto; }
  .foot ul { list-style: none; padding: 0; margin: 0; }
  .foot a { color: #20232a; }
  .legal { text-align: center; color: #666; margin-top: 2rem; }
  @media (max-width: 700px) { .head { padding: 1rem; } .page { padding: 1rem; } .mega ul { grid-template-columns: 1fr 1fr; } }
  @media print { .bar, .mega, .foot { display: none; } body { color: #000; } }
`
