// Package crawler fetches competitors' public pages politely and hands each
// HTML page to an extract.Collector, which turns the pages into signals.
//
// # Politeness
//
// Politeness is on by default and enforced by the crawler itself, not by
// colly's options, because colly's defaults get several things wrong for a
// polite crawler (it ignores robots.txt by default, does not re-check
// redirect targets, ignores Crawl-delay, sleeps through cancellation and
// treats a "*" LimitRule as one semaphore for every host):
//
//   - Every host (competitor sites, allowed hosts, third-party review sites)
//     has one gate shared by the whole run: at most one request to the host
//     at a time, and at least the delay (crawl.delay, or the host's
//     robots.txt Crawl-delay when that is longer) between the end of one
//     request and the start of the next. Waiting for the gate watches the
//     context, so Ctrl-C stops a crawl at once.
//   - robots.txt is fetched (through the gate) before the first page of an
//     origin and consulted for every URL, including every redirect target:
//     redirects are followed by the crawler, hop by hop, never by the HTTP
//     client. The most specific User-agent group matching our user agent
//     applies. Following RFC 9309, a 4xx robots.txt means no restrictions
//     and a 5xx or unreachable robots.txt means "disallow everything" for
//     the rest of the run (after the usual retries). crawl.ignore_robots
//     turns all of this off, Crawl-delay included.
//   - Requests carry an identifying user agent (config.DefaultUserAgent
//     unless crawl.user_agent says otherwise).
//   - 429 and 503 responses are retried (crawl.retries times) after the
//     Retry-After the server asked for, or an exponential back-off; the wait
//     holds back every request to that host, not only the retried one.
//
// # Finding the pages that matter
//
// Each competitor has its own priority frontier: links whose URL or anchor
// text suggests returns, shipping, warranty, contact, help, FAQ, privacy,
// accessibility, sustainability, loyalty, pricing or reviews are fetched
// before other pages, shallower before deeper, so a small page budget still
// reaches the policy pages of a large shop. sitemap.xml (and robots.txt
// Sitemap: lines) seed the frontier too. The crawl stays on the competitor's
// host (a "www." prefix aside), its extra start pages' hosts and the allowed
// hosts, never fetches a URL twice (requested or final URL, compared after
// normalisation; "/help" and "/help/" count as one page) and skips links to
// obvious non-HTML files.
//
// # Budget and completeness
//
// crawl.max_pages counts page requests per competitor (a redirect chain is
// one), review pages included; robots.txt and sitemap requests are not
// charged to it. Start pages have depth 0 and sitemap entries depth 1. A
// competitor's crawl is complete when its start page was fetched and it
// ran out of pages to fetch before the budget, crawl.max_depth or its
// memory bound cut anything off, and the context was not cancelled.
//
// # Measurement
//
// Page.MS is the time from handing the request to the transport to reading
// the last byte of the body, and Page.TTFBMS the time to the first response
// byte, both taken by an httptrace-instrumented http.RoundTripper, so waits
// for the host gate are never counted.
//
// colly is used as the HTTP back end, one synchronous collector per
// competitor. Its COLLY_* environment variables are never read: collectors
// are built without colly.NewCollector.
package crawler
