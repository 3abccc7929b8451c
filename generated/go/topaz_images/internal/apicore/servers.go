// Copied by generator 0.1.0 from templates/go/runtime/servers.go. Do not edit.
package apicore

import (
	"strconv"
	"strings"
)

// ServerVariable is a {variable} of the API's server URL: its default and,
// when the spec lists them, the only values it may take.
type ServerVariable struct {
	Name    string
	Default string
	Enum    []string
}

// WithServerVariable sets the server variable called name (as the spec and
// the URL template spell it) to value. New checks it: a name the API's server
// does not have, or a value outside the variable's enum, is an *ArgumentError
// naming the variable. It has no effect when WithBaseURL gives the URL.
//
// One option taking the variable's name, rather than one generated option per
// variable: the names are the spec's own text, which after Go's casing may
// collide with the client's other options or each other, and a typed constant
// per enum value would not stop an untyped string constant either, so the
// check belongs at New in any case.
func WithServerVariable(name, value string) Option {
	return func(c *Config) {
		if c.ServerVariables == nil {
			c.ServerVariables = map[string]string{}
		}
		c.ServerVariables[name] = value
	}
}

// ServerURL is template with each {variable} replaced by its value in values
// (its Default when not there), checked against its Enum and percent-encoded
// as the other styles' clients do: RFC 3986 unreserved characters, "/", ":" and
// "@" stay, every other byte becomes %XX (so "?", "#", CR and LF cannot end or
// split the URL).
func ServerURL(template string, variables []ServerVariable, values map[string]string) (string, error) {
	known := make(map[string]bool, len(variables))
	for _, variable := range variables {
		known[variable.Name] = true
	}
	names := make([]string, 0, len(values))
	for name := range values {
		if !known[name] {
			names = append(names, name)
		}
	}
	if len(names) > 0 {
		first := names[0]
		for _, name := range names[1:] {
			if name < first {
				first = name
			}
		}
		return "", &ArgumentError{Parameter: first, Problem: "is not a variable of the API's server URL " + strconv.Quote(template)}
	}
	url := template
	for _, variable := range variables {
		value, given := values[variable.Name]
		if !given {
			value = variable.Default
		}
		if len(variable.Enum) > 0 && !oneOf(value, variable.Enum) {
			quoted := make([]string, len(variable.Enum))
			for i, choice := range variable.Enum {
				quoted[i] = strconv.Quote(choice)
			}
			return "", &ArgumentError{
				Parameter: variable.Name,
				Problem:   "must be one of " + strings.Join(quoted, ", ") + ", got " + strconv.Quote(value),
			}
		}
		url = strings.ReplaceAll(url, "{"+variable.Name+"}", escapeServerValue(value))
	}
	return url, nil
}

func oneOf(value string, choices []string) bool {
	for _, choice := range choices {
		if value == choice {
			return true
		}
	}
	return false
}

func escapeServerValue(value string) string {
	const hex = "0123456789ABCDEF"
	var out strings.Builder
	for i := 0; i < len(value); i++ {
		b := value[i]
		if 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || strings.IndexByte("-._~/:@", b) >= 0 {
			out.WriteByte(b)
			continue
		}
		out.WriteByte('%')
		out.WriteByte(hex[b>>4])
		out.WriteByte(hex[b&15])
	}
	return out.String()
}
