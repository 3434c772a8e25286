package config

// Version is the cxbench release; the build may override it with
// -ldflags "-X github.com/cxbench/cxbench/config.Version=…".
var Version = "0.1.0-dev"

// ProjectURL is where people who see our user agent can read about us.
const ProjectURL = "https://github.com/cxbench/cxbench"

// DefaultUserAgent names the tool, its version and where to read about it.
func DefaultUserAgent() string { return "cxbench/" + Version + " (+" + ProjectURL + ")" }
