package apicoretest

import (
	"errors"
	"net/url"
	"testing"

	"apicoretest/apicore"
)

var regionVariables = []apicore.ServerVariable{
	{Name: "region", Default: "us", Enum: []string{"us", "eu"}},
	{Name: "base", Default: "v1"},
}

func serverURL(t *testing.T, options ...apicore.Option) (string, error) {
	t.Helper()
	config := apicore.NewConfig("", "test/1", options...)
	return apicore.ServerURL("https://{region}.example.com/{base}/{base}", regionVariables, config.ServerVariables)
}

func TestServerURLFillsEveryVariableWithItsValueOrDefault(t *testing.T) {
	got, err := serverURL(t)
	if err != nil || got != "https://us.example.com/v1/v1" {
		t.Fatalf("defaults: %q, %v", got, err)
	}
	got, err = serverURL(t, apicore.WithServerVariable("region", "eu"), apicore.WithServerVariable("base", "v2"))
	if err != nil || got != "https://eu.example.com/v2/v2" {
		t.Fatalf("given: %q, %v", got, err)
	}
}

func TestServerURLRefusesAValueOutsideTheEnumAndAnUnknownName(t *testing.T) {
	cases := []struct {
		options []apicore.Option
		refused string
	}{
		{[]apicore.Option{apicore.WithServerVariable("region", "US")}, "region"},
		// unknown names before values, the first in order whatever the map's
		{[]apicore.Option{apicore.WithServerVariable("zone", "x"), apicore.WithServerVariable("a", "x"), apicore.WithServerVariable("region", "US")}, "a"},
	}
	for _, c := range cases {
		_, err := serverURL(t, c.options...)
		var refused *apicore.ArgumentError
		if !errors.As(err, &refused) || refused.Parameter != c.refused {
			t.Fatalf("%s: %v", c.refused, err)
		}
	}
}

func TestServerURLEscapesAllButUnreservedSlashColonAndAt(t *testing.T) {
	got, err := serverURL(t, apicore.WithServerVariable("base", "a/../b:c@d?e#f%g h\r\n\x00é"))
	want := "a/../b:c@d%3Fe%23f%25g%20h%0D%0A%00%C3%A9"
	if err != nil || got != "https://us.example.com/"+want+"/"+want {
		t.Fatalf("%q, %v", got, err)
	}
	if _, err := url.Parse(got); err != nil {
		t.Fatal(err)
	}
}
