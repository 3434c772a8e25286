package document

import (
	"strings"

	"golang.org/x/net/html"
)

// chromeOf says which chrome element n opens, "" when it is none.
//
// By element: nav, dialog and form always; header and footer unless inside
// main content (an article's or section's header is part of it, as HTML
// maps them to banner and contentinfo only at page level); aside outside
// main content. By ARIA role: navigation, banner, contentinfo,
// complementary (outside main content), dialog, alertdialog, search, menu,
// menubar. By class or id, for the furniture themes build from divs: cookie
// and consent banners, announcement and promotion bars, breadcrumbs and
// newsletter sign-ups anywhere; menus, drawers, pop-ups, site headers,
// footers and sidebars outside main content.
func (wk *walker) chromeOf(n *html.Node) string {
	inContent := wk.inArticle > 0
	switch n.Data {
	case "nav":
		return "nav"
	case "dialog":
		return "dialog"
	case "form":
		return "form"
	case "header":
		if !inContent {
			return "header"
		}
	case "footer":
		if !inContent {
			return "footer"
		}
	case "aside":
		if wk.inMain == 0 {
			return "aside"
		}
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "role":
			switch strings.ToLower(strings.TrimSpace(a.Val)) {
			case "navigation", "menu", "menubar":
				return "nav"
			case "banner":
				if !inContent {
					return "header"
				}
			case "contentinfo":
				if !inContent {
					return "footer"
				}
			case "complementary":
				if wk.inMain == 0 {
					return "aside"
				}
			case "dialog", "alertdialog":
				return "dialog"
			case "search":
				return "form"
			}
		case "aria-modal":
			if strings.EqualFold(a.Val, "true") {
				return "dialog"
			}
		case "class", "id":
			if c := chromeName(a.Val, inContent); c != "" {
				return c
			}
		}
	}
	return ""
}

// chromeWords maps class and id words to chrome; the bool says the word
// counts inside main content too.
var chromeWords = map[string]struct {
	chrome   string
	anywhere bool
}{
	"cookie": {"cookie", true}, "cookies": {"cookie", true}, "consent": {"cookie", true}, "gdpr": {"cookie", true},
	"onetrust": {"cookie", true}, "cookiebot": {"cookie", true}, "cookiebanner": {"cookie", true},
	"announcement": {"banner", true}, "announcementbar": {"banner", true}, "promobar": {"banner", true},
	"topbar": {"banner", true}, "noticebar": {"banner", true}, "ticker": {"banner", true}, "marquee": {"banner", true},
	"uspbar": {"banner", true}, "sitewidebanner": {"banner", true}, "promobanner": {"banner", true},
	"breadcrumb": {"breadcrumb", true}, "breadcrumbs": {"breadcrumb", true},
	"newsletter": {"form", true},
	"megamenu":   {"nav", false}, "navbar": {"nav", false}, "navmenu": {"nav", false}, "sitenav": {"nav", false},
	"mainmenu": {"nav", false}, "mobilemenu": {"nav", false}, "menudrawer": {"nav", false}, "drawer": {"nav", false},
	"offcanvas": {"nav", false}, "navigation": {"nav", false},
	"modal": {"dialog", false}, "popup": {"dialog", false}, "lightbox": {"dialog", false},
	"siteheader": {"header", false}, "masthead": {"header", false}, "headerwrapper": {"header", false},
	"sitefooter": {"footer", false}, "pagefooter": {"footer", false}, "footer": {"footer", false},
	"sidebar": {"aside", false},
}

// joinedClass drops a class name's dashes and underscores.
var joinedClass = strings.NewReplacer("-", "", "_", "")

// chromeName reads a class or id value: each class, and each class with
// its dashes and underscores dropped ("announcement-bar" is
// "announcementbar"), is looked up, as is each of its words.
func chromeName(v string, inContent bool) string {
	if v == "" || len(v) > 500 {
		return ""
	}
	for _, class := range strings.Fields(v) {
		class = strings.ToLower(class)
		if c := chromeLookup(joinedClass.Replace(class), inContent); c != "" {
			return c
		}
		for _, w := range strings.FieldsFunc(class, func(r rune) bool { return r == '-' || r == '_' }) {
			if c := chromeLookup(w, inContent); c != "" {
				return c
			}
		}
	}
	return ""
}

func chromeLookup(w string, inContent bool) string {
	c, ok := chromeWords[w]
	if !ok || (inContent && !c.anywhere) {
		return ""
	}
	return c.chrome
}
