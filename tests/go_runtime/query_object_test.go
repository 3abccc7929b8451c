package apicoretest

import (
	"reflect"
	"testing"

	"apicoretest/apicore"
)

type entry struct {
	Zeta  string            `json:"Zeta,omitempty"`
	ID    string            `json:"Id"`
	Score float64           `json:"Score"`
	Attrs map[string]string `json:"Attributes,omitempty"`
}

// An object inside a query value is compact JSON with its keys sorted, "&" and "<" as they
// are, as the Python and TypeScript runtimes write it (generator/core/query.py nested_json).
func TestFormatJSONSortsKeysAndLeavesHTMLCharacters(t *testing.T) {
	got := apicore.FormatJSON(entry{Zeta: "<z&>", ID: "1", Score: 2})
	if want := `{"Id":"1","Score":2,"Zeta":"<z&>"}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if got := apicore.FormatJSON([]any{map[string]any{"b": 1, "a": []int{2}}}); got != `[{"a":[2],"b":1}]` {
		t.Errorf("got %s", got)
	}
}

// A scalar held as any (an enum of strings and numbers, firebrowse's tss_code) is its text, as the other
// runtimes write it: a string without quotes, a number or boolean as JSON writes it.
func TestFormatJSONWritesAScalarAsItsText(t *testing.T) {
	for value, want := range map[any]string{"01": "01", 8: "8", 2.5: "2.5", true: "true", `a"b`: `a"b`} {
		if got := apicore.FormatJSON(value); got != want {
			t.Errorf("FormatJSON(%#v) = %s, want %s", value, got, want)
		}
	}
}

func TestQueryObjectSpellsAnObjectByItsStyle(t *testing.T) {
	value := struct {
		Kind string         `json:"Kind"`
		Meta map[string]any `json:"Meta,omitempty"`
		Skip *string        `json:"Skip"`
	}{Kind: "a&b", Meta: map[string]any{"z": 1, "a": "x"}}
	cases := []struct {
		style   string
		explode bool
		want    []apicore.QueryParam
	}{
		{"form", true, []apicore.QueryParam{{Name: "Kind", Value: "a&b"}, {Name: "Meta", Value: `{"a":"x","z":1}`}}},
		{"form", false, []apicore.QueryParam{{Name: "o", Value: `Kind,a&b,Meta,{"a":"x","z":1}`}}},
		{"deepObject", false, []apicore.QueryParam{{Name: "o[Kind]", Value: "a&b"}, {Name: "o[Meta]", Value: `{"a":"x","z":1}`}}},
	}
	for _, c := range cases {
		got, err := apicore.QueryObject("o", value, c.style, c.explode)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s/%v: got %v, %v; want %v", c.style, c.explode, got, err, c.want)
		}
	}
	if got, err := apicore.QueryObject("o", map[string]string{}, "form", true); err != nil || len(got) != 0 {
		t.Errorf("an empty object: got %v, %v; want no pair", got, err)
	}
}
