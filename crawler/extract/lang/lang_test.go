package lang

import "testing"

func TestVocabulariesLoad(t *testing.T) {
	if err := Check(); err != nil {
		t.Fatal(err)
	}
	for _, code := range Codes() {
		if For(code) == nil {
			t.Errorf("For(%q) = nil", code)
		}
	}
}
