// Copied by generator 0.1.0 from templates/go/runtime/encoding.go. Do not edit.
package apicore

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxJSONDepth is how many arrays and objects a JSON body may nest.
const MaxJSONDepth = 256

// QueryParam is one query pair, its value already formatted as text (it is percent-encoded when sent).
type QueryParam struct {
	Name  string
	Value string
}

var pathParameter = regexp.MustCompile(`\{([^{}]+)\}`)

// EncodeQuery spells an array parameter by its OpenAPI style: "form" with explode
// repeats the name for each item, without it joins with commas;
// "spaceDelimited" and "pipeDelimited" join with a space or a bar. No items: no pair.
func EncodeQuery(name string, items []string, style string, explode bool) []QueryParam {
	if len(items) == 0 {
		return nil
	}
	if explode && (style == "form" || style == "") {
		pairs := make([]QueryParam, 0, len(items))
		for _, item := range items {
			pairs = append(pairs, QueryParam{Name: name, Value: item})
		}
		return pairs
	}
	separator := ","
	switch style {
	case "spaceDelimited":
		separator = " "
	case "pipeDelimited":
		separator = "|"
	}
	return []QueryParam{{Name: name, Value: strings.Join(items, separator)}}
}

// CookieHeader is the Cookie header for (name, value) pairs, in their order,
// joined by "; ": each value percent-encoded as UTF-8 wherever a byte is no
// RFC 6265 cookie-octet (and "%" itself). A value that is not UTF-8 is refused.
func CookieHeader(pairs [][2]string) (string, error) {
	var header strings.Builder
	for index, pair := range pairs {
		if err := CheckText(pair[0], pair[1]); err != nil {
			return "", err
		}
		if index > 0 {
			header.WriteString("; ")
		}
		header.WriteString(pair[0])
		header.WriteByte('=')
		for i := 0; i < len(pair[1]); i++ {
			c := pair[1][i]
			if c > 0x20 && c < 0x7f && !strings.ContainsRune("\"%,;\\", rune(c)) {
				header.WriteByte(c)
			} else {
				fmt.Fprintf(&header, "%%%02X", c)
			}
		}
	}
	return header.String(), nil
}

// ExpandPath is template with each {name} replaced by its value, percent-encoded
// so that it stays one segment. A missing value, "", "." and ".." are refused.
func ExpandPath(template string, values map[string]string) (string, error) {
	var failure error
	expanded := pathParameter.ReplaceAllStringFunc(template, func(match string) string {
		name := match[1 : len(match)-1]
		value, ok := values[name]
		switch {
		case failure != nil:
			return ""
		case !ok:
			failure = &ArgumentError{Parameter: name, Problem: "is required"}
		case value == "" || value == "." || value == "..":
			failure = &ArgumentError{Parameter: name, Problem: strconv.Quote(value) + " is not a usable path segment"}
		default:
			failure = CheckText(name, value)
		}
		return url.PathEscape(value)
	})
	if failure != nil {
		return "", failure
	}
	return expanded, nil
}

// CheckText refuses a value that is not valid UTF-8 (it cannot be sent as text).
func CheckText(label, value string) error {
	if utf8.ValidString(value) {
		return nil
	}
	for index := 0; index < len(value); {
		r, size := utf8.DecodeRuneInString(value[index:])
		if r == utf8.RuneError && size == 1 {
			problem := fmt.Sprintf("contains the byte 0x%02X, which is not UTF-8 text and cannot be sent", value[index])
			return &ArgumentError{Parameter: label, Problem: problem}
		}
		index += size
	}
	return nil
}

// CheckHeaderValue refuses a header value that is not one line of ASCII text
// (CR or LF would end the header and start another). The value itself is never shown.
func CheckHeaderValue(name, value string) error {
	for index := 0; index < len(value); index++ {
		c := value[index]
		if c == '\t' || (c >= 0x20 && c < 0x7f) {
			continue
		}
		if c < 0x20 || c == 0x7f {
			problem := fmt.Sprintf("contains the control character U+%04X; a header value must be one line of text", c)
			return &ArgumentError{Parameter: name, Problem: problem}
		}
		if err := CheckText(name, value); err != nil {
			return err
		}
		r, _ := utf8.DecodeRuneInString(value[index:])
		return &ArgumentError{Parameter: name, Problem: fmt.Sprintf("contains U+%04X; a header value must be ASCII", r)}
	}
	return nil
}

// CheckHeaderName refuses a header name that is not an RFC 9110 token (empty,
// or holding a blank, a separator or a control character).
func CheckHeaderName(name string) error {
	if name == "" {
		return &ArgumentError{Parameter: "header name", Problem: "is empty"}
	}
	for index := 0; index < len(name); index++ {
		c := name[index]
		alphanumeric := (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
		if !alphanumeric && !strings.ContainsRune("!#$%&'*+-.^_`|~", rune(c)) {
			problem := fmt.Sprintf("%s is not a header name: it holds the byte 0x%02X", strconv.QuoteToASCII(name), c)
			return &ArgumentError{Parameter: "header name", Problem: problem}
		}
	}
	return nil
}

// JSONTooDeep is whether data nests more than limit arrays and objects
// (brackets inside strings do not count); linear in its size.
func JSONTooDeep(data []byte, limit int) bool {
	if bytes.Count(data, []byte("["))+bytes.Count(data, []byte("{")) <= limit {
		return false
	}
	depth := 0
	inString := false
	for index := 0; index < len(data); index++ {
		c := data[index]
		if inString {
			if c == '\\' {
				index++
			} else if c == '"' {
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '[', '{':
			depth++
			if depth > limit {
				return true
			}
		case ']', '}':
			depth--
		}
	}
	return false
}

// DecodeJSON is the body of response decoded as JSON into a T; DecodeError when
// it is not JSON, nests deeper than MaxJSONDepth or does not fit T.
func DecodeJSON[T any](response *Response) (T, error) {
	var result T
	if JSONTooDeep(response.Content, MaxJSONDepth) {
		return result, response.decodeError(fmt.Sprintf("JSON nested deeper than %d levels", MaxJSONDepth))
	}
	if err := json.Unmarshal(response.Content, &result); err != nil {
		return result, response.decodeError("not JSON (" + err.Error() + ")")
	}
	return result, nil
}

// EncodeJSON is value as a JSON request body.
func EncodeJSON(value any) ([]byte, error) {
	data, err := json.Marshal(value)
	if err != nil {
		return nil, &ArgumentError{Parameter: "body", Problem: "cannot be written as JSON: " + err.Error()}
	}
	return data, nil
}
