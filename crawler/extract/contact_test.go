package extract

import (
	"net/url"
	"strings"
	"testing"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

func TestContact(t *testing.T) {
	contactURL := "https://shop.test/contact"
	tests := []struct {
		name     string
		pages    []tPage
		complete bool
		want     map[string]any
	}{
		{
			name:     "tel and mailto links",
			pages:    []tPage{{url: "https://shop.test/", html: tDoc(`<footer><a href="tel:+1-800-555-0199">Call us</a> <a href="mailto:support@shop.test?subject=Hi">Email</a></footer>`)}},
			complete: true,
			want:     map[string]any{signal.ContactPhone: true, signal.ContactEmail: true, signal.ContactChat: false},
		},
		{
			name:     "visible number labelled phone on the contact page",
			pages:    []tPage{{url: contactURL, html: tDoc(`<p>Phone: 020 7946 0958 (Mon–Fri 9:00–17:00)</p><p>Write to help@shop.test</p>`)}},
			complete: true,
			want:     map[string]any{signal.ContactPhone: true, signal.ContactEmail: true, signal.ContactChat: false},
		},
		{
			name:     "US toll-free format without label on a help page",
			pages:    []tPage{{url: "https://shop.test/help", html: tDoc(`<p>1-800-555-0123</p>`)}},
			complete: false,
			want:     map[string]any{signal.ContactPhone: true, signal.ContactEmail: nil, signal.ContactChat: nil},
		},
		{
			name:     "unlabelled number on a page that is not a contact or help page does not count",
			pages:    []tPage{{url: "https://shop.test/about", html: tDoc(`<p>Head office (555) 010-4477</p>`)}},
			complete: false,
			want:     map[string]any{signal.ContactPhone: nil, signal.ContactEmail: nil, signal.ContactChat: nil},
		},
		{
			name:     "labelled number in a footer counts on any page",
			pages:    []tPage{{url: "https://shop.test/about", html: tDoc(`<footer><p>Questions? Call us on 0800 123 4567</p></footer>`)}},
			complete: false,
			want:     map[string]any{signal.ContactPhone: true, signal.ContactEmail: nil, signal.ContactChat: nil},
		},
		{
			name:     "no phone support only at weekends is not a no",
			pages:    []tPage{{url: contactURL, html: tDoc(`<p>We do not offer phone support on weekends.</p>`)}},
			complete: false,
			want:     map[string]any{signal.ContactPhone: nil, signal.ContactEmail: nil, signal.ContactChat: nil},
		},
		{
			name:     "fax numbers and 'no phone support' (testdata), crawl cut short: absent",
			pages:    []tPage{{url: contactURL, html: "@contact-fax.html"}},
			complete: false,
			want:     map[string]any{signal.ContactPhone: nil, signal.ContactEmail: true, signal.ContactChat: nil},
		},
		{
			name:     "fax numbers and 'no phone support' (testdata), complete crawl: false",
			pages:    []tPage{{url: contactURL, html: "@contact-fax.html"}},
			complete: true,
			want:     map[string]any{signal.ContactPhone: false, signal.ContactEmail: true, signal.ContactChat: false},
		},
		{
			name:     "label on the line before the number",
			pages:    []tPage{{url: "https://shop.test/about", html: tDoc(`<dl><dt>Telephone</dt><dd>0161 496 0000</dd></dl>`)}},
			complete: false,
			want:     map[string]any{signal.ContactPhone: true, signal.ContactEmail: nil, signal.ContactChat: nil},
		},
		{
			name:     "obfuscated address",
			pages:    []tPage{{url: "https://shop.test/about", html: tDoc(`<p>Write to hello [at] quill-mark [dot] co [dot] uk</p>`)}},
			complete: false,
			want:     map[string]any{signal.ContactPhone: nil, signal.ContactEmail: true, signal.ContactChat: nil},
		},
		{
			name: "telephone and email in structured data; faxNumber is not a phone",
			pages: []tPage{{url: "https://shop.test/", html: tDoc(ld(`{"@type":"Organization","faxNumber":"+1 415 555 0100",
				"contactPoint":{"@type":"ContactPoint","telephone":"+1-800-555-0142","email":"care@shop.test","contactType":"customer service"}}`))}},
			complete: false,
			want:     map[string]any{signal.ContactPhone: true, signal.ContactEmail: true, signal.ContactChat: nil},
		},
		{
			name:     "structured faxNumber alone",
			pages:    []tPage{{url: "https://shop.test/", html: tDoc(ld(`{"@type":"LocalBusiness","faxNumber":"+1 415 555 0100","email":"you@example.com"}`))}},
			complete: true,
			want:     map[string]any{signal.ContactPhone: false, signal.ContactEmail: false, signal.ContactChat: false},
		},
		{
			name:     "fax only, complete crawl",
			pages:    []tPage{{url: contactURL, html: tDoc(`<p>Fax: +1 415 555 0100</p><p><a href="tel:+14155550101">Fax line</a></p>`)}},
			complete: true,
			want:     map[string]any{signal.ContactPhone: false, signal.ContactEmail: false, signal.ContactChat: false},
		},
		{
			name:     "fax only, incomplete crawl",
			pages:    []tPage{{url: contactURL, html: tDoc(`<p>Fax: +1 415 555 0100</p>`)}},
			complete: false,
			want:     map[string]any{signal.ContactPhone: nil, signal.ContactEmail: nil, signal.ContactChat: nil},
		},
		{
			name: "dates, years, order numbers and prices are not phones",
			pages: []tPage{{url: contactURL, html: tDoc(`<p>Updated 2024-01-15</p><p>© 1998-2024 Shop</p><p>Order 123456789 shipped</p>
				<p>Total $1,234,567.00</p><p>Hours 09:00-17:30</p>`)}},
			complete: true,
			want:     map[string]any{signal.ContactPhone: false, signal.ContactEmail: false, signal.ContactChat: false},
		},
		{
			name: "placeholder and image addresses are not e-mail",
			pages: []tPage{{url: contactURL, html: tDoc(`<form><label>Email</label></form><p>e.g. you@example.com or name@domain.com</p>
				<img src="/img/logo@2x.png" alt=""><p>logo@2x.png</p><p>Careers: jobs@shop.test</p><a href="mailto:?subject=share">Share by email</a>`)}},
			complete: true,
			want:     map[string]any{signal.ContactPhone: false, signal.ContactEmail: false, signal.ContactChat: false},
		},
		{
			name:     "visible address on any page",
			pages:    []tPage{{url: "https://shop.test/faq", html: tDoc(`<p>Questions? orders@shop-team.co.uk</p>`)}},
			complete: true,
			want:     map[string]any{signal.ContactPhone: false, signal.ContactEmail: true, signal.ContactChat: false},
		},
		{
			name:     "live chat button",
			pages:    []tPage{{url: "https://shop.test/", html: tDoc(`<a href="#chat" class="btn">Live chat</a>`)}},
			complete: true,
			want:     map[string]any{signal.ContactPhone: false, signal.ContactEmail: false, signal.ContactChat: true},
		},
		{
			name:     "chat button",
			pages:    []tPage{{url: "https://shop.test/", html: tDoc(`<button type="button" class="chat-launcher">Chat with us</button>`)}},
			complete: false,
			want:     map[string]any{signal.ContactPhone: nil, signal.ContactEmail: nil, signal.ContactChat: true},
		},
		{
			name:     "an FAQ question about chat is not a chat button",
			pages:    []tPage{{url: "https://shop.test/faq", html: tDoc(`<a href="/faq#chat">Do you offer live chat?</a>`)}},
			complete: false,
			want:     map[string]any{signal.ContactPhone: nil, signal.ContactEmail: nil, signal.ContactChat: nil},
		},
		{
			name:     "support by e-mail only means no phone",
			pages:    []tPage{{url: contactURL, html: tDoc(`<p>Support is available by email only.</p><p>Tel: +1 415 555 0100</p>`)}},
			complete: true,
			want:     map[string]any{signal.ContactPhone: false, signal.ContactEmail: false, signal.ContactChat: false},
		},
		{
			name:     "we can't take calls",
			pages:    []tPage{{url: contactURL, html: tDoc(`<p>Sorry, we can't take calls. Use the form below.</p>`)}},
			complete: true,
			want:     map[string]any{signal.ContactPhone: false, signal.ContactEmail: false, signal.ContactChat: false},
		},
		{
			name:     "chat mentioned as not offered",
			pages:    []tPage{{url: contactURL, html: tDoc(`<p>We don't offer live chat at the moment.</p>`)}},
			complete: true,
			want:     map[string]any{signal.ContactPhone: false, signal.ContactEmail: false, signal.ContactChat: false},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tCollect(t, nil, config.Competitor{}, tc.pages, tc.complete)
			if diff := cmp.Diff(tc.want, tPick(got, signal.ContactPhone, signal.ContactEmail, signal.ContactChat)); diff != "" {
				t.Errorf("contact (-want +got):\n%s", diff)
			}
		})
	}
}

func TestChatWidgets(t *testing.T) {
	tests := []struct {
		name, html, vendor string
	}{
		{"Intercom", `<script src="https://widget.intercom.io/widget/abc123"></script>`, "Intercom"},
		{"Intercom inline settings", `<script>window.intercomSettings = {app_id: "x"};</script>`, "Intercom"},
		{"Zendesk snippet", `<script id="ze-snippet" src="https://static.zdassets.com/ekr/snippet.js?key=k"></script>`, "Zendesk"},
		{"Zopim", `<script src="//v2.zopim.com/?abc"></script>`, "Zendesk"},
		{"Drift", `<script src="https://js.driftt.com/include/1/abc.js"></script>`, "Drift"},
		{"LiveChat", `<script>window.__lc = {}; window.__lc.license = 123;</script><script src="https://cdn.livechatinc.com/tracking.js"></script>`, "LiveChat"},
		{"Tawk.to inline loader", `<script>var s1=document.createElement("script");s1.src='https://embed.tawk.to/abc/default';</script>`, "Tawk.to"},
		{"Crisp", `<script>window.$crisp=[];window.CRISP_WEBSITE_ID="x";</script>`, "Crisp"},
		{"HubSpot conversations", `<script src="https://js.usemessages.com/conversations-embed.js"></script>`, "HubSpot"},
		{"HubSpot loader", `<script id="hs-script-loader" async defer src="//js.hs-scripts.com/123.js"></script>`, "HubSpot"},
		{"Freshchat", `<script src="https://wchat.freshchat.com/js/widget.js"></script>`, "Freshchat"},
		{"Olark", `<script src="https://static.olark.com/jsclient/loader.js"></script>`, "Olark"},
		{"Gorgias", `<script src="https://config.gorgias.chat/bundle-loader/01GYC"></script>`, "Gorgias"},
		{"Tidio", `<script src="//code.tidio.co/abcdef.js" async></script>`, "Tidio"},
		{"LivePerson", `<script>window.lpTag=window.lpTag||{};lpTag.site='123';</script>`, "LivePerson"},
		{"Gladly", `<script src="https://cdn.gladly.com/chat-sdk/widget.js"></script>`, "Gladly"},
		{"Kustomer", `<script src="https://cdn.kustomerapp.com/chat-web/widget.js"></script>`, "Kustomer"},
		{"Help Scout Beacon", `<script src="https://beacon-v2.helpscout.net"></script>`, "Help Scout"},
		{"Chatra", `<script src="https://call.chatra.io/chatra.js"></script>`, "Chatra"},
		{"Smartsupp", `<script src="https://www.smartsuppchat.com/loader.js"></script>`, "Smartsupp"},
		{"Userlike", `<script src="https://userlike-cdn-widgets.s3-eu-west-1.amazonaws.com/abc.js"></script>`, "Userlike"},
		{"Re:amaze", `<script src="https://cdn.reamaze.com/assets/reamaze.js"></script>`, "Re:amaze"},
		{"Front chat", `<script src="https://chat-assets.frontapp.com/v1/chat.bundle.js"></script>`, "Front"},
		{"Salesforce embedded service", `<script src="https://service.force.com/embeddedservice/5.0/esw.min.js"></script>`, "Salesforce"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tCollect(t, nil, config.Competitor{}, []tPage{{url: "https://shop.test/", html: tDoc(tc.html)}}, false)
			s, ok := got[signal.ContactChat]
			if !ok {
				t.Fatalf("contact.chat absent, want true (%s)", tc.vendor)
			}
			if b, _ := s.Value.BoolValue(); !b || s.Evidence[0].Method != signal.MethodWidget {
				t.Fatalf("contact.chat = %v by %s, want true by widget", s.Value, s.Evidence[0].Method)
			}
			if v, _, _ := chatWidget(tc.html); v != tc.vendor {
				t.Errorf("vendor = %q, want %q", v, tc.vendor)
			}
		})
	}
	// Analytics and tag managers are not chat.
	for _, src := range []string{
		`<script src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>`,
		`<script src="https://connect.facebook.net/en_US/fbevents.js"></script>`,
	} {
		if v, _, ok := chatWidget(src); ok {
			t.Errorf("chatWidget(%q) = %q, want none", src, v)
		}
	}
}

func TestSocial(t *testing.T) {
	tests := []struct {
		name     string
		html     string
		complete bool
		want     any
	}{
		{
			name: "profiles counted once per network, x and twitter the same",
			html: tDoc(`<footer><a href="https://www.facebook.com/acme">f</a><a href="https://facebook.com/acme/">f2</a>
				<a href="https://twitter.com/acme">t</a><a href="https://x.com/acme">x</a><a href="https://www.instagram.com/acme/">i</a>
				<a href="https://www.linkedin.com/company/acme">l</a><a href="https://www.youtube.com/@acme">y</a>
				<a href="https://www.tiktok.com/@acme">tt</a><a href="https://pinterest.com/acme/">p</a><a href="https://www.threads.net/@acme">th</a></footer>`),
			complete: false, want: 8.0,
		},
		{
			name: "country domains and aliases count once per network, share endpoints never",
			html: tDoc(`<footer><a href="https://www.pinterest.com.au/fernhollow/">p</a><a href="https://pinterest.com/fernhollow/">p2</a>
				<a href="https://ca.linkedin.com/company/fernhollow">l</a><a href="https://fb.me/fernhollow">f</a>
				<a href="https://www.facebook.co.uk/fernhollow">f2</a></footer>
				<a href="https://www.pinterest.ie/pin/create/button/?url=x">pin it</a>
				<a href="https://www.linkedin.com/shareArticle?mini=true&url=x">share</a>
				<a href="https://x.com/intent/tweet?url=x">post</a>`),
			complete: false, want: 3.0,
		},
		{
			name:     "share buttons do not count (testdata: one instagram profile)",
			html:     "@contact-fax.html",
			complete: true, want: 1.0,
		},
		{
			name: "posts, videos, policy pages and network home pages do not count",
			html: tDoc(`<a href="https://twitter.com/acme/status/123">tweet</a><a href="https://www.youtube.com/watch?v=abc">video</a>
				<a href="https://www.facebook.com/policy.php">fb policy</a><a href="https://www.instagram.com/p/Cxyz/">post</a>
				<a href="https://www.linkedin.com/">LinkedIn</a><a href="https://www.facebook.com/dialog/share?app_id=1">share</a>
				<a href="https://www.reddit.com/submit?url=x">reddit</a>`),
			complete: true, want: 0.0,
		},
		{
			name: "organization sameAs profiles count like links",
			html: tDoc(ld(`{"@type":"Organization","sameAs":["https://www.facebook.com/acme","https://x.com/acme","https://en.wikipedia.org/wiki/Acme"]}`) +
				`<a href="https://twitter.com/acme">t</a>`),
			complete: false, want: 2.0,
		},
		{
			name:     "no links, incomplete crawl: absent",
			html:     tDoc(`<p>hello</p>`),
			complete: false, want: nil,
		},
		{
			name:     "no links, complete crawl: zero",
			html:     tDoc(`<p>hello</p>`),
			complete: true, want: 0.0,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tCollect(t, nil, config.Competitor{}, []tPage{{url: "https://shop.test/", html: tc.html}}, tc.complete)
			if diff := cmp.Diff(map[string]any{signal.ContactSocial: tc.want}, tPick(got, signal.ContactSocial)); diff != "" {
				t.Errorf("social (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSocialNetwork(t *testing.T) {
	tests := map[string]string{
		"https://www.facebook.com/acme":                       "facebook",
		"https://www.facebook.com/sharer/sharer.php?u=x":      "",
		"https://m.facebook.com/acme":                         "facebook",
		"https://twitter.com/intent/tweet?text=x":             "",
		"https://x.com/acme":                                  "x",
		"https://www.linkedin.com/company/acme/":              "linkedin",
		"https://www.linkedin.com/shareArticle?mini=true":     "",
		"https://www.linkedin.com/sharing/share-offsite/?u=x": "",
		"https://www.pinterest.com/pin/create/button/?url=x":  "",
		"https://www.youtube.com/channel/UC123":               "youtube",
		"https://www.youtube.com/embed/abc":                   "",
		"https://acme.tumblr.com/":                            "tumblr",
		"https://www.snapchat.com/add/acme":                   "snapchat",
		"https://mastodon.social/@acme":                       "mastodon",
		"https://bsky.app/profile/acme.test":                  "bluesky",
		"https://discord.gg/acme":                             "discord",
		"https://www.reddit.com/r/acme/":                      "reddit",
		"https://t.me/share/url?url=x":                        "",
		"https://acme.test/facebook":                          "",
		"mailto:hi@acme.test":                                 "",
		// Country domains, aliases and prefixes name the same network.
		"https://www.pinterest.de/fernhollow/":              "pinterest",
		"https://pinterest.co.nz/fernhollow":                "pinterest",
		"https://www.pinterest.com.mx/fernhollow/":          "pinterest",
		"https://nl.pinterest.com/fernhollow/":              "pinterest",
		"https://www.pinterest.fr/pin/create/link/?url=x":   "",
		"https://www.pinterest.co.uk/pin/12345/":            "",
		"https://fr.linkedin.com/company/fernhollow":        "linkedin",
		"https://www.linkedin.com/in/some-founder":          "linkedin",
		"https://uk.linkedin.com/legal/privacy-policy":      "",
		"https://business.linkedin.com/marketing-solutions": "",
		"https://de-de.facebook.com/fernhollow":             "facebook",
		"https://www.facebook.de/fernhollow":                "facebook",
		"https://fb.me/fernhollow":                          "facebook",
		"https://fb.com/fernhollow":                         "facebook",
		"https://web.facebook.com/fernhollow":               "facebook",
		"https://fb.watch/abcDEF/":                          "",
		"https://l.facebook.com/l.php?u=x":                  "",
		"https://business.facebook.com/fernhollow":          "",
		"https://www.facebook.com/help/123":                 "",
		"https://www.facebook.com/policies/cookies/":        "",
		"https://instagr.am/fernhollow":                     "instagram",
		"https://help.instagram.com/581066165581870":        "",
		"https://mobile.twitter.com/fernhollow":             "x",
		"https://twitter.com/share?url=x":                   "",
		"https://x.com/intent/post?text=x":                  "",
		"https://x.com/fernhollow/status/1":                 "",
		"https://x.co/fernhollow":                           "",
		"https://www.youtube.co.uk/@fernhollow":             "youtube",
		"https://m.youtube.com/c/fernhollow":                "youtube",
		"https://youtu.be/dQw4w9WgXcQ":                      "",
		"https://music.youtube.com/channel/UC1":             "",
		"https://www.tiktok.com/@fernhollow":                "tiktok",
		"https://m.tiktok.com/@fernhollow":                  "tiktok",
		"https://vm.tiktok.com/ZM123/":                      "",
		"https://www.tiktok.com/@fernhollow/video/1":        "",
		"https://www.threads.com/@fernhollow":               "threads",
		"https://threads.net/@fernhollow":                   "threads",
		"https://threads.co.uk/@fernhollow":                 "",
		"https://www.fernhollow.co.uk/pinterest":            "",
		"https://pinterest-ideas.example/fernhollow":        "",
		"https://www.tumblr.com/fernhollow":                 "tumblr",
	}
	for raw, want := range tests {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := socialNetwork(u); got != want {
			t.Errorf("socialNetwork(%s) = %q, want %q", raw, got, want)
		}
	}
}

// TestNoPhoneOffsetsInOriginalText: the vocabularies match lower-case
// text, which can be longer than the line ("Ⱥ" → "ⱥ" grows by a byte);
// the statement is still cut from the line as written.
func TestNoPhoneOffsetsInOriginalText(t *testing.T) {
	line := "Phone " + strings.Repeat("Ⱥ", 10) + ". Wir haben KEIN TELEFON, nur E-Mail."
	loc, ok := noPhoneAt(line)
	if !ok {
		t.Fatal("no statement found")
	}
	if got := line[loc[0]:loc[1]]; got != "KEIN TELEFON" {
		t.Errorf("matched %q, want %q", got, "KEIN TELEFON")
	}
	if got := sentenceAround(line, loc[0], loc[1]); got != "Wir haben KEIN TELEFON, nur E-Mail." {
		t.Errorf("sentence %q", got)
	}
}
