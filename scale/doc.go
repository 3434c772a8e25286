// Package scale holds cxbench's performance-at-scale benchmark suite (in
// its test files): crawls of generated loopback site farms of 10, 100 and
// 500 competitors × 30 pages, with politeness on and off, next to a bare
// colly crawl of the same farm; peak memory of the crawling process;
// scoring and report generation after the crawl; extraction CPU; and the
// growth exponents. Figures and how to read them: BENCHMARKS.md.
//
//	go test ./scale -run '^$' -bench . -benchtime 1x -timeout 30m
package scale
