package apicoretest

import (
	"errors"
	"testing"

	"apicoretest/apicore"
)

// The same pairs are checked against the generator's core (generator/core/cookies.py)
// in tests/go/test_go_minimal_documents.py, so Go sends what the other styles send.
func TestCookieHeaderEncodesWhatNoCookieOctetIs(t *testing.T) {
	cases := map[string]string{
		"plain-text_1.2":  "c=plain-text_1.2",
		"a b;c,d\"e\\f%g": "c=a%20b%3Bc%2Cd%22e%5Cf%25g",
		"\u00e9\t\x7f":    "c=%C3%A9%09%7F",
	}
	for value, want := range cases {
		got, err := apicore.CookieHeader([][2]string{{"c", value}})
		if err != nil || got != want {
			t.Errorf("CookieHeader(%q) = %q, %v; want %q", value, got, err, want)
		}
	}
}

func TestCookieHeaderJoinsPairsInOrder(t *testing.T) {
	got, err := apicore.CookieHeader([][2]string{{"b", "2"}, {"a", "1"}})
	if err != nil || got != "b=2; a=1" {
		t.Fatalf("got %q, %v", got, err)
	}
}

func TestCookieHeaderRefusesAValueThatIsNotUTF8(t *testing.T) {
	_, err := apicore.CookieHeader([][2]string{{"ok", "1"}, {"session", "a\xffb"}})
	var argument *apicore.ArgumentError
	if !errors.As(err, &argument) || argument.Parameter != "session" {
		t.Fatalf("want an ArgumentError naming the cookie, got %v", err)
	}
}
