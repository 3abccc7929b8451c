// Copied by generator 0.1.0 from templates/go/runtime/follow.go. Do not edit.
package apicore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// PaginationError is a pager refusing the next page: the server named the same
// cursor or next link twice, or a next link off the API's scheme, host and port
// (nothing is sent there: the API's credentials never leave its host).
type PaginationError struct {
	// Problem says what was refused.
	Problem string
	// Next is the cursor or link refused.
	Next string
}

func (e *PaginationError) Error() string { return "pagination stopped: " + e.Problem }

// FollowKind is how an answer names the next page.
type FollowKind int

const (
	// FollowCursor sends back a cursor: a next token in the body, or the last item's id.
	FollowCursor FollowKind = iota
	// FollowNextURL requests the link a body property holds.
	FollowNextURL
	// FollowLink requests the link of the Link header whose rel is "next" (RFC 8288).
	FollowLink
)

// Follow says where an answer names the next page (the spec's x-pagination);
// each path is the JSON property names leading to a value.
type Follow struct {
	Kind FollowKind
	// Items is the property holding the page's items (empty: the body is the list).
	Items []string
	// NextCursor is the property holding the next cursor (FollowCursor).
	NextCursor []string
	// LastItem is the item property whose value, on the page's last item, is the
	// next cursor (FollowCursor without NextCursor).
	LastItem string
	// HasMore is a boolean property: anything but true ends the list.
	HasMore []string
	// NextURL is the property holding the next page's link (FollowNextURL).
	NextURL []string
}

// FollowFunc fetches one page: the first with cursor and next both ""; each
// later one with the cursor (FollowCursor) or the absolute link (the other
// kinds, sent as Request.URL) the answer before named. It returns the page's
// items and the response they were read from.
type FollowFunc[T any] func(ctx context.Context, cursor, next string) ([]T, *Response, error)

// NewFollowPager is a pager whose every answer names the next page, as follow
// says. It ends at an answer naming none (HasMore not true, no cursor, no
// link); an empty page naming one goes on. The same cursor or link twice is a
// *PaginationError, after the items of the page that named it; so is a link off
// the API's host (Request.URL).
func NewFollowPager[T any](fetch FollowFunc[T], follow Follow) *Pager[T] {
	seen := map[string]bool{}
	cursor, next := "", ""
	return newPager(func(ctx context.Context) ([]T, bool, error) {
		items, response, err := fetch(ctx, cursor, next)
		if err != nil {
			return nil, false, err
		}
		following := NextPage(follow, response)
		if following == "" {
			return items, false, nil
		}
		if seen[following] {
			return items, false, &PaginationError{Problem: fmt.Sprintf("the server named the same next page twice (%q)", following), Next: following}
		}
		seen[following] = true
		if follow.Kind == FollowCursor {
			cursor = following
		} else {
			next = following
		}
		return items, true, nil
	})
}

// NextPage is the cursor or absolute link of the page after response, as
// follow says; "" when it names none. Relative links are resolved against the
// URL response answers.
func NextPage(follow Follow, response *Response) string {
	if response == nil || response.Response == nil {
		return ""
	}
	if follow.Kind == FollowLink {
		target, ok := NextLink(strings.Join(response.Header.Values("Link"), ", "))
		if !ok {
			return ""
		}
		return resolveLink(response, target)
	}
	var body any
	decoder := json.NewDecoder(bytes.NewReader(response.Content))
	decoder.UseNumber()
	if JSONTooDeep(response.Content, MaxJSONDepth) || decoder.Decode(&body) != nil {
		return ""
	}
	if len(follow.HasMore) > 0 {
		if more, ok := at(body, follow.HasMore).(bool); !ok || !more {
			return ""
		}
	}
	if follow.Kind == FollowNextURL {
		target, _ := at(body, follow.NextURL).(string)
		if target == "" {
			return ""
		}
		return resolveLink(response, target)
	}
	var value any
	if len(follow.NextCursor) > 0 {
		value = at(body, follow.NextCursor)
	} else if follow.LastItem != "" {
		if items, ok := at(body, follow.Items).([]any); ok && len(items) > 0 {
			value = at(items[len(items)-1], []string{follow.LastItem})
		}
	}
	switch cursor := value.(type) {
	case string:
		return cursor
	case json.Number:
		return cursor.String()
	}
	return ""
}

// at is the value at path inside value (nil when a step is missing or not an object).
func at(value any, path []string) any {
	for _, key := range path {
		object, ok := value.(map[string]any)
		if !ok {
			return nil
		}
		if value, ok = object[key]; !ok {
			return nil
		}
	}
	return value
}

func resolveLink(response *Response, target string) string {
	link, err := url.Parse(target)
	if err != nil {
		return ""
	}
	if response.Request != nil && response.Request.URL != nil {
		link = response.Request.URL.ResolveReference(link)
	}
	if !link.IsAbs() {
		return ""
	}
	link.Fragment, link.RawFragment = "", ""
	return link.String()
}

// SameOrigin is link parsed when it has the scheme, host and port of base
// (ports as their scheme's default when not written); else a *PaginationError.
func SameOrigin(base, link string) (*url.URL, error) {
	target, err := url.Parse(link)
	if err != nil || !target.IsAbs() || target.Host == "" {
		return nil, &PaginationError{Problem: fmt.Sprintf("the next page's link %q is not an absolute URL; refused", link), Next: link}
	}
	home, err := url.Parse(base)
	if err != nil || origin(home) != origin(target) {
		return nil, &PaginationError{
			Problem: fmt.Sprintf("the next page's link %q is not on the API's host (%s); refused, the API's credentials are never sent elsewhere", link, origin(home)),
			Next:    link,
		}
	}
	return target, nil
}

func origin(u *url.URL) string {
	if u == nil {
		return ""
	}
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[scheme]
	}
	return scheme + "://" + strings.ToLower(u.Hostname()) + ":" + port
}

// nextTarget is the URL a request with URL link is sent to: link, on the API's
// host only, with the pairs extra (credentials, call options) set on its query.
func nextTarget(base, link string, extra []QueryParam) (string, error) {
	target, err := SameOrigin(base, link)
	if err != nil {
		return "", err
	}
	if len(extra) > 0 {
		query := target.Query()
		for _, pair := range extra {
			query.Del(pair.Name)
		}
		for _, pair := range extra {
			query.Add(pair.Name, pair.Value)
		}
		target.RawQuery = query.Encode()
	}
	target.Fragment = ""
	return target.String(), nil
}

// NextLink is the target of the first link of a Link header value (RFC 8288)
// whose relation types include "next" (case-insensitive).
func NextLink(value string) (string, bool) {
	for _, link := range ParseLinks(value) {
		for _, rel := range strings.Fields(strings.ToLower(link.Params["rel"])) {
			if rel == "next" {
				return link.Target, true
			}
		}
	}
	return "", false
}

// LinkValue is one link of a Link header: its target and its parameters
// (names lowercased, the first of each name kept, quoted values unquoted).
type LinkValue struct {
	Target string
	Params map[string]string
}

// ParseLinks is each `<target>; name=value; name="quoted, value"` of a Link
// header value, in order; commas and semicolons inside quotes do not split.
func ParseLinks(value string) []LinkValue {
	var links []LinkValue
	i, n := 0, len(value)
	for i < n {
		start := strings.IndexByte(value[i:], '<')
		if start < 0 {
			break
		}
		start += i
		end := strings.IndexByte(value[start:], '>')
		if end < 0 {
			break
		}
		end += start
		link := LinkValue{Target: strings.TrimSpace(value[start+1 : end]), Params: map[string]string{}}
		i = end + 1
		for i < n {
			for i < n && (value[i] == ' ' || value[i] == '\t') {
				i++
			}
			if i >= n || value[i] == ',' {
				i++
				break
			}
			if value[i] != ';' {
				for i < n && value[i] != ',' { // not a parameter: on to the next link-value
					i++
				}
				continue
			}
			i++
			nameStart := i
			for i < n && !strings.ContainsRune("=;,", rune(value[i])) {
				i++
			}
			name := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(value[nameStart:i])), "*")
			text := ""
			if i < n && value[i] == '=' {
				i++
				for i < n && (value[i] == ' ' || value[i] == '\t') {
					i++
				}
				if i < n && value[i] == '"' {
					i++
					var chars strings.Builder
					for i < n && value[i] != '"' {
						if value[i] == '\\' && i+1 < n {
							i++
						}
						chars.WriteByte(value[i])
						i++
					}
					i++
					text = chars.String()
				} else {
					textStart := i
					for i < n && value[i] != ';' && value[i] != ',' {
						i++
					}
					text = strings.TrimSpace(value[textStart:i])
				}
			}
			if _, ok := link.Params[name]; !ok {
				link.Params[name] = text
			}
		}
		links = append(links, link)
	}
	return links
}
