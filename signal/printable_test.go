package signal

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPrintable(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Acme Outdoor", "Acme Outdoor"},
		{"accents and symbols stay", "Café Müller — 30 días, 4.5 ★, 日本語", "Café Müller — 30 días, 4.5 ★, 日本語"},
		{"clear screen", "Acme\x1b[2J\x1b[H Outdoor", "Acme Outdoor"},
		{"colours", "\x1b[31;1mred\x1b[0m", "red"},
		{"window title, BEL-terminated", "Acme\x1b]0;pwned\x07 Shop", "Acme Shop"},
		{"window title, ST-terminated", "Acme\x1b]0;pwned\x1b\\ Shop", "Acme Shop"},
		{"hyperlink", "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"unterminated OSC eats the rest", "Acme\x1b]0;title", "Acme"},
		{"escape inside OSC starts anew", "a\x1b]0;t\x1b[2Jb", "ab"},
		{"DCS", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"two-byte escape", "a\x1bcb\x1b(Bc", "abc"},
		{"ESC at the end", "abc\x1b", "abc"},
		{"C1 CSI", "a\u009b2Jb", "ab"},
		{"C1 OSC with ST", "a\u009d0;t\u009cb", "ab"},
		{"other C1", "a\u0085b\u0084c", "abc"},
		{"C0 controls", "a\x00b\x07c\x08d\x7fe", "abcde"},
		{"line breaks and tabs become spaces", "Acme\r\nOutdoor\tShop\u2028x\ny", "Acme Outdoor Shop x y"},
		{"carriage return cannot overwrite", "evil\rgood", "evil good"},
		{"bidi override", "invoice\u202egpj.exe", "invoicegpj.exe"},
		{"bidi isolates and marks", "a\u2066b\u2069c\u200fd\u061ce", "abcde"},
		{"invalid UTF-8", "a\xffb\xc3", "a\uFFFDb\uFFFD"},
		{"raw 8-bit CSI byte is not a control", "a\x9b2Jb", "a\uFFFD2Jb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Printable(tt.in); got != tt.want {
				t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzPrintable(f *testing.F) {
	for _, s := range []string{"Acme", "\x1b[2J", "\x1b]0;t\x07", "\u009b1m", "a\u202eb", "\xff\x1b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Printable(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Printable(%q) = %q: invalid UTF-8", s, got)
		}
		for _, r := range got {
			if r < 0x20 || r >= 0x7f && r < 0xa0 || bidiControl(r) || r == '\u2028' || r == '\u2029' {
				t.Fatalf("Printable(%q) = %q keeps %U", s, got, r)
			}
		}
		if Printable(got) != got {
			t.Fatalf("Printable is not idempotent on %q", s)
		}
		if len(got) > len(s)*3 { // U+FFFD (3 bytes) per invalid byte at most
			t.Fatalf("Printable(%q) grew to %d bytes", s, len(got))
		}
		if plainASCII(s) && got != s || strings.ContainsRune(s, 0x1b) && strings.ContainsRune(got, 0x1b) {
			t.Fatalf("Printable(%q) = %q", s, got)
		}
	})
}
