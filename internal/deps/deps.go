//go:build tools

// Package deps pins modules that helpers are about to use.
package deps

import (
	_ "github.com/PuerkitoBio/goquery"
	_ "github.com/andybalholm/cascadia"
	_ "github.com/chromedp/cdproto/cdp"
	_ "github.com/chromedp/chromedp"
	_ "github.com/go-echarts/go-echarts/v2/charts"
	_ "github.com/gocolly/colly/v2"
	_ "github.com/google/go-cmp/cmp"
	_ "github.com/invopop/jsonschema"
	_ "github.com/spf13/cobra"
	_ "github.com/temoto/robotstxt"
	_ "github.com/vbauerster/mpb/v8"
	_ "go.yaml.in/yaml/v3"
	_ "golang.org/x/net/html/charset"
	_ "golang.org/x/term"
)
