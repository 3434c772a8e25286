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
//     robots.txt Crawl-delay when that is longer, capped at
//     crawl.max_crawl_delay) between the end of one request and the start
//     of the next. Waiting for the gate watches the context, so Ctrl-C
//     stops a crawl at once.
//   - robots.txt is fetched (through the gate) before the first page of an
//     origin and read with grobotstxt, a port of Google's parser (RFC 9309):
//     the group naming our product token, else "*"; longest match, Allow
//     on ties, "*" and "$". Crawl-delay, which grobotstxt leaves out, is
//     read by robotsMeta with the same grouping. Every URL is checked as it
//     is requested: URLs are normalised by the WHATWG parser that colly
//     uses, so dot segments (also "%2e" ones) are resolved before the
//     check, and a path with escaped slashes is checked decoded too.
//     Redirects are followed by the crawler, hop by hop, never by the HTTP
//     client, and every hop is checked. robots.txt redirects are followed
//     (up to five, each through its host's gate) within the origin's site
//     or to allowed hosts. 2xx: the rules; 4xx or more than five redirects:
//     no restrictions; 429, 5xx (after the retries) or a redirect to
//     another site: nothing on the origin is fetched in this run;
//     unreachable: "site unreachable". crawl.ignore_robots turns all of
//     this off, Crawl-delay and page directives included.
//   - Page directives: nofollow (or none) in <meta name="robots">, a meta
//     named after our product token or an X-Robots-Tag header stops the
//     page's links being followed, as rel="nofollow" stops one link's.
//     noindex pages are read: cxbench builds no index (see pageRules).
//   - Requests carry an identifying user agent (config.DefaultUserAgent
//     unless crawl.user_agent says otherwise).
//   - 429 and 503 responses and network errors are retried (crawl.retries
//     times) after the Retry-After the server asked for, or an exponential
//     back-off; the wait holds back every request to that host, not only
//     the retried one. A Retry-After beyond crawl.max_retry_wait is not
//     waited for: the host's gate is closed for the rest of the run.
//
// # Hostile sites
//
// Every site is assumed hostile; none may crash, stall or exhaust the run,
// or lead it elsewhere:
//
//   - Scope: a crawl enters the competitor's host ("www." aside), its
//     extra start pages' hosts and the allowed hosts. A start page may
//     redirect within its site (same registrable domain, by the public
//     suffix list), which then joins the scope, or to an allowed host;
//     elsewhere it is a recorded error.
//   - Addresses: cxbench's own transport connects only to public
//     addresses, checked at dial time on the resolved address (DNS
//     rebinding included), unless the competitor's own host is not public
//     (guardedDialer, network).
//   - Memory: bodies are read up to crawl.max_body after decompression,
//     in every gzip form (inflateTransport; colly never inflates); pages
//     are cut at maxPageParts parts, counted from the bytes as an upper
//     bound no tokenizer state can hide (cutParts); parsing and extraction
//     pass a run-wide gate weighted by parts and bytes (parseGate);
//     headers, URLs, the frontier, sitemaps and cookie jars are bounded.
//   - Time: crawl.max_time ends a competitor's crawl, keeping what it
//     fetched; every wait watches the context.
//   - Failures: a panic while reading one page costs that page (recorded,
//     crawl incomplete); one elsewhere ends that competitor's crawl with a
//     recorded error, keeping its pages and signals. A robots.txt load
//     runs under the run's context, so a competitor that gives up waiting
//     for it does not spoil it for the others.
//
// # Finding the pages that matter
//
// Each competitor has its own priority frontier: links whose URL or anchor
// text suggests returns, shipping, warranty, contact, help, FAQ, privacy,
// accessibility, sustainability, loyalty, pricing or reviews are fetched
// before other pages, shallower before deeper, so a small page budget still
// reaches the policy pages of a large shop. sitemap.xml (and robots.txt
// Sitemap: lines) seed the frontier too. The crawl never fetches a URL
// twice (requested or final URL, compared after normalisation; "/help" and
// "/help/" count as one page) and skips links to obvious non-HTML files.
// Extra start pages given as paths (/help/returns) are resolved against
// the competitor's URL.
//
// # Budget and completeness
//
// crawl.max_pages counts page requests per competitor (a redirect chain is
// one), review pages included; robots.txt and sitemap requests are not
// charged to it. Start pages have depth 0 and sitemap entries depth 1. A
// competitor's crawl is complete when its start page was fetched and it
// ran out of pages to fetch before the budget, crawl.max_depth, its memory
// bounds, crawl.max_time or an unreachable or closed host cut anything
// off, no page's extraction failed, and the context was not cancelled.
// Pages robots.txt disallows are not part of the site measured.
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
// are built without colly.NewCollector. Every fetched response passes
// fetcher.once as a response (status, headers, decompressed body), the
// place to hand bodies to a store.
package crawler
