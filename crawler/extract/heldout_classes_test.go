package extract

import (
	"net/url"
	"testing"

	"github.com/cxbench/cxbench/config"
	"github.com/cxbench/cxbench/signal"
	"github.com/google/go-cmp/cmp"
)

// TestChatByButtonText: an explicit live-chat button or link counts as
// contact.chat without a vendor script, by its text or its aria-label.
func TestChatByButtonText(t *testing.T) {
	tests := []struct {
		name string
		body string
		want any // true, or nil for absent (the crawl is not complete)
	}{
		{"button text names a person", `<button class="cta">Chat with a Garden Advisor</button>`, true},
		{"aria-label says open live chat", `<button aria-label="Open live chat">Talk to Mia</button>`, true},
		{"link to start a chat", `<a href="/support#chat">Start a chat</a>`, true},
		{"chat with our team", `<a href="/help/chat">Chat with our team</a>`, true},
		{"role button without href", `<a role="button" aria-label="Live chat">💬</a>`, true},
		// Near-misses.
		{"chatter is not chat", `<a href="/blog/chatter">Garden chatter</a>`, nil},
		{"question about chat", `<a href="/faq#chat">Do you have live chat?</a>`, nil},
		{"negated chat", `<button>Live chat is not available</button>`, nil},
		{"whatsapp chat is a messaging channel", `<a href="https://wa.me/15550100">Chat with us on WhatsApp</a>`, nil},
		{"wa.me link with chat text", `<a href="https://wa.me/15550100">Chat now</a>`, nil},
		{"live chat in prose only", `<p>Live chat with a real person, any time.</p>`, nil},
		{"live chat inside a script", `<script>var label = "Open live chat";</script>`, nil},
		{"chat with a long sentence", `<a href="/c">Chat with a friend about the weather and plan your next garden party together today</a>`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tCollect(t, nil, config.Competitor{}, []tPage{{url: "https://shop.test/garden/roses", html: tDoc(tc.body)}}, false)
			var gotV any
			if s, ok := got[signal.ContactChat]; ok {
				b, _ := s.Value.BoolValue()
				gotV = b
			}
			if diff := cmp.Diff(tc.want, gotV); diff != "" {
				t.Errorf("contact.chat mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSocialNetworkRegional: regional networks' profile links count;
// share endpoints, home pages, marketplaces and donation pages do not.
func TestSocialNetworkRegional(t *testing.T) {
	tests := []struct{ name, url, want string }{
		{"LINE official account", "https://line.me/R/ti/p/@acmeshop", "line"},
		{"LINE short path", "https://line.me/ti/p/@acmeshop", "line"},
		{"LINE account page", "https://page.line.me/acmeshop", "line"},
		{"LINE short link", "https://lin.ee/AbC123", "line"},
		{"VK community", "https://vk.com/acmeshop", "vk"},
		{"Weibo profile", "https://weibo.com/acmeshop", "weibo"},
		{"Xing company page", "https://www.xing.com/pages/acme-gmbh", "xing"},
		{"Snapchat add", "https://www.snapchat.com/add/acmeshop", "snapchat"},
		{"Reddit user", "https://www.reddit.com/user/acmeshop/", "reddit"},
		{"Bluesky profile", "https://bsky.app/profile/acme.example", "bluesky"},
		// Near-misses.
		{"LINE message share", "https://line.me/R/msg/text/?hello", ""},
		{"LINE home page", "https://line.me/en/", ""},
		{"LINE share plugin", "https://social-plugins.line.me/lineit/share?url=x", ""},
		{"bare LINE page host", "https://page.line.me/", ""},
		{"VK share", "https://vk.com/share.php?url=x", ""},
		{"Weibo share", "https://service.weibo.com/share/share.php?url=x", ""},
		{"Xing profile of a person", "https://www.xing.com/profile/Some_One", ""},
		{"Reddit submit", "https://www.reddit.com/submit?url=x", ""},
		{"Etsy shop", "https://www.etsy.com/shop/acmeshop", ""},
		{"Amazon store", "https://www.amazon.com/stores/acme/page/1", ""},
		{"eBay store", "https://www.ebay.com/str/acmeshop", ""},
		{"JustGiving page", "https://www.justgiving.com/acme-charity", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, err := url.Parse(tc.url)
			if err != nil {
				t.Fatalf("parsing %q: %v", tc.url, err)
			}
			if diff := cmp.Diff(tc.want, socialNetwork(u)); diff != "" {
				t.Errorf("socialNetwork(%q) mismatch (-want +got):\n%s", tc.url, diff)
			}
		})
	}
}

// TestSocialCountsLINE: a LINE official account beside other networks.
func TestSocialCountsLINE(t *testing.T) {
	body := `<footer><a href="https://line.me/R/ti/p/@acmeshop">LINE</a> <a href="https://www.instagram.com/acmeshop/">Instagram</a>` +
		` <a href="https://social-plugins.line.me/lineit/share?url=x">Send with LINE</a></footer>`
	got := tCollect(t, nil, config.Competitor{}, []tPage{{url: "https://shop.test/", html: tDoc(body)}}, false)
	s, ok := got[signal.ContactSocial]
	if !ok {
		t.Fatal("contact.social absent, want 2")
	}
	n, _ := s.Value.Float()
	if diff := cmp.Diff(2.0, n); diff != "" {
		t.Errorf("contact.social mismatch (-want +got):\n%s", diff)
	}
}
