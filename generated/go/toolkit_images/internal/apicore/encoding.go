// Copied by generator 0.1.0 from templates/go/runtime/encoding.go. Do not edit.
package apicore

import (
	"bytes"
	"encoding/json"
	"fmt"
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

// QueryObject spells an object parameter (a struct or a map) by its OpenAPI style:
// "form" with explode gives each member a pair of its own (key=value), "form"
// without it one pair name=key,value,key,value, "deepObject" name[key]=value; a
// member that is an object or array is its JSON (FormatJSON). A value that is no
// object goes as EncodeQuery writes it. No members: no pair.
func QueryObject(name string, value any, style string, explode bool) ([]QueryParam, error) {
	if err := checkTexts(name, value); err != nil {
		return nil, err
	}
	parts, object, err := simpleParts(name, value, false, func(text string) string { return text })
	if err != nil || len(parts) == 0 {
		return nil, err
	}
	if object == nil || !*object {
		return EncodeQuery(name, parts, style, explode), nil
	}
	pairs := make([]QueryParam, 0, len(parts)/2)
	switch {
	case style == "deepObject":
		for i := 0; i+1 < len(parts); i += 2 {
			pairs = append(pairs, QueryParam{Name: name + "[" + parts[i] + "]", Value: parts[i+1]})
		}
	case explode:
		for i := 0; i+1 < len(parts); i += 2 {
			pairs = append(pairs, QueryParam{Name: parts[i], Value: parts[i+1]})
		}
	default:
		pairs = append(pairs, QueryParam{Name: name, Value: strings.Join(parts, ",")})
	}
	return pairs, nil
}

// FormatJSON is a value of any type as the clients of every language write it inside
// a path, query, header or cookie value: an object or array as compact JSON with the
// keys of its objects sorted, "&", "<" and ">" as they are; a string as its text (an
// enum of strings and numbers is held as any); anything else as JSON writes it ("" if
// it has no JSON).
func FormatJSON(value any) string {
	data, err := json.Marshal(value)
	if err != nil {
		return ""
	}
	return jsonText(data)
}

func canonicalJSON(data []byte) string {
	var plain any
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.UseNumber()
	if decoder.Decode(&plain) != nil {
		return string(data)
	}
	var out bytes.Buffer
	encoder := json.NewEncoder(&out)
	encoder.SetEscapeHTML(false)
	if encoder.Encode(plain) != nil {
		return string(data)
	}
	return strings.TrimSuffix(out.String(), "\n")
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
	return ExpandPathSegments(template, values, nil)
}

// ExpandPathSegments is ExpandPath where a name in segments takes that text as it
// is (a value PathValue wrote by its style, already percent-encoded).
func ExpandPathSegments(template string, values, segments map[string]string) (string, error) {
	var failure error
	expanded := pathParameter.ReplaceAllStringFunc(template, func(match string) string {
		name := match[1 : len(match)-1]
		value, ok := values[name]
		written, encoded := segments[name]
		if encoded {
			value, ok = written, true
		}
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
		if encoded {
			return value
		}
		return escapeSegment(value)
	})
	if failure != nil {
		return "", failure
	}
	return expanded, nil
}

// PathValue writes a path parameter by OpenAPI's style, percent-encoded: "simple"
// ("1,2"; an object "k,v", exploded "k=v"), "label" (".1,2", exploded ".1.2") or
// "matrix" (";id=1,2", exploded ";id=1;id=2"). A list's items, an object's keys
// and values and a scalar are read from value's JSON; every name, key and item is
// percent-encoded, the delimiters are not. Text that is not UTF-8 is refused.
func PathValue(name string, value any, style string, explode bool) (string, error) {
	if err := checkTexts(name, value); err != nil {
		return "", err
	}
	parts, object, err := simpleParts(name, value, explode, escapeSegment)
	if err != nil {
		return "", err
	}
	key := escapeSegment(name)
	scalar := object == nil
	switch style {
	case "label":
		if explode {
			return "." + strings.Join(parts, "."), nil
		}
		return "." + strings.Join(parts, ","), nil
	case "matrix":
		switch {
		case len(parts) == 0 || (scalar && parts[0] == ""):
			return ";" + key, nil
		case scalar:
			return ";" + key + "=" + parts[0], nil
		case explode && *object:
			return ";" + strings.Join(parts, ";"), nil
		case explode:
			return ";" + key + "=" + strings.Join(parts, ";"+key+"="), nil
		}
		return ";" + key + "=" + strings.Join(parts, ","), nil
	}
	return strings.Join(parts, ","), nil
}

// SimpleValue is a header parameter by OpenAPI's simple style: a list's items
// joined by commas, an object as "k,v" (exploded "k=v"), read from value's JSON;
// false for an empty list or object (no header is sent).
func SimpleValue(name string, value any, explode bool) (string, bool, error) {
	if err := checkTexts(name, value); err != nil {
		return "", false, err
	}
	parts, object, err := simpleParts(name, value, explode, func(text string) string { return text })
	if err != nil || (object != nil && len(parts) == 0) {
		return "", false, err
	}
	return strings.Join(parts, ","), true, nil
}

// checkTexts refuses a string, or a list's string, that is not UTF-8 (JSON would
// write U+FFFD in its place).
func checkTexts(name string, value any) error {
	switch typed := value.(type) {
	case string:
		return CheckText(name, typed)
	case []string:
		for _, item := range typed {
			if err := CheckText(name, item); err != nil {
				return err
			}
		}
	}
	return nil
}

// simpleParts are the texts of value's JSON, each escaped: a list's items, an
// object's keys and values in turn ("key=value" each when exploded), or one
// scalar's; object is nil for a scalar, else whether value is an object. Null
// items and members are left out.
func simpleParts(name string, value any, explode bool, escape func(string) string) (parts []string, object *bool, err error) {
	unreadable := func(err error) error {
		return &ArgumentError{Parameter: name, Problem: "cannot be written as text: " + err.Error()}
	}
	data, err := json.Marshal(value)
	if err != nil {
		return nil, nil, unreadable(err)
	}
	isObject := len(data) > 0 && data[0] == '{'
	if len(data) == 0 || (data[0] != '[' && !isObject) {
		return []string{escape(jsonText(data))}, nil, nil
	}
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.UseNumber()
	if _, err := decoder.Token(); err != nil {
		return nil, nil, unreadable(err)
	}
	parts = []string{}
	for decoder.More() {
		key := ""
		if isObject {
			token, err := decoder.Token()
			if err != nil {
				return nil, nil, unreadable(err)
			}
			key, _ = token.(string)
		}
		var item json.RawMessage
		if err := decoder.Decode(&item); err != nil {
			return nil, nil, unreadable(err)
		}
		switch {
		case string(item) == "null":
		case !isObject:
			parts = append(parts, escape(jsonText(item)))
		case explode:
			parts = append(parts, escape(key)+"="+escape(jsonText(item)))
		default:
			parts = append(parts, escape(key), escape(jsonText(item)))
		}
	}
	return parts, &isObject, nil
}

// jsonText is one JSON value as text: a string without its quotes, anything else as written.
func jsonText(raw json.RawMessage) string {
	var text string
	if err := json.Unmarshal(raw, &text); err == nil {
		return text
	}
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		return canonicalJSON(trimmed) // an object or array inside the value, as FormatJSON writes it
	}
	return string(trimmed)
}

// escapeSegment percent-encodes every byte of text but RFC 3986's unreserved characters.
func escapeSegment(text string) string {
	var escaped strings.Builder
	for index := 0; index < len(text); index++ {
		c := text[index]
		if (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || strings.IndexByte("-._~", c) >= 0 {
			escaped.WriteByte(c)
		} else {
			fmt.Fprintf(&escaped, "%%%02X", c)
		}
	}
	return escaped.String()
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
